package export

import (
	"cmp"
	"errors"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// Reading an export once (Options.Hold). A record's text may leave the reader only judged
// against every client value of the export, and a client may first appear on the last row:
// so the guard learns as the rows are read, and the records whose text the caller needs are
// held, and judged once the last row is read. The others are given at once without their
// text, but for what needs no judging (the professional's columns, see Withheld) and their
// Sponsors, which are few and are given judged at the end, once each (Options.Sponsors).
// What is kept grows with the records held and the distinct values met, not with the rows.

// judgedColumns are the known columns whose text a Record carries, judged for client data
// (see guarded), in the order record judges them.
var judgedColumns = [...]Column{TransactionID, ServiceName, ProfessionalName, ProfessionalEmail,
	Type, Sponsor, Status, SessionStatus, ServiceCurrency}

// rawText is the text of the record being read, before it is judged.
type rawText struct {
	cells        [NumColumns]string // the judged columns' cells, trimmed
	textCurrency string             // the currency the price's text names
}

// heldRecord is a record held to the end of the reading, with the text to judge, kept
// compact: a month of a large export holds tens of thousands. At hold time a record read once
// has only its row, dates and price besides the text (see guarded), so those are all that is
// kept; the texts are interned (see intern), and a whole Record is made again when judged.
type heldRecord struct {
	row           int
	paid, session time.Time
	price         decimal.Decimal                // shared with the other rows of its text (see parser.numbers)
	tid           string                         // the Transaction ID, raw; the one text not interned
	cells         [len(judgedColumns) - 1]uint32 // the other judged columns' cells, interned
	textCurrency  uint32                         // the currency the price's text names, interned
}

// heldChunk is how many held records are allocated at once: the held records grow in chunks,
// never copied to a larger array as they grow.
const heldChunk = 4096

// learner teaches a guard the client values of the rows as they are read. Reading once, it
// learns on a goroutine of its own, a batch of rows behind the parser: the cells it needs
// (pick) are copied out of each row, which the source may reuse, and the guard is used only
// once every row is learned (wait).
type learner struct {
	m     *clientMatcher
	cols  []int  // the columns learned: the client columns, Professional Email and Name
	names []bool // of the client columns, those that hold names (see newLearner)

	queue chan learnBatch // batches of picked rows for the goroutine; nil when learning in line
	done  chan struct{}   // closed when the goroutine has learned every batch
	batch learnBatch
	row   learnBatch // the row picked, learning in line
}

// learnBatch is rows picked for learn: their cells, and the cells' shared-string indexes
// (see source.shared; -1 for none).
type learnBatch struct {
	vals []string
	refs []int32
}

const learnBatchRows = 512

func newLearner(in *Info, o Options, substrings bool) *learner {
	l := &learner{}
	for _, i := range in.client {
		// Client Name, and any client column whose header says it is a name: their words are
		// names. The others (Client Email, a patient's notes) are learned as whole values.
		l.cols = append(l.cols, i)
		l.names = append(l.names, i == in.col[ClientName] || nameHeader(in.headers[i]))
	}
	l.cols = append(l.cols, in.col[ProfessionalEmail], in.col[ProfessionalName])
	l.m = newClientMatcher()
	l.m.substrings = substrings
	for _, e := range o.KnownEmails {
		l.m.professional(e)
	}
	return l
}

// pick appends the row's cells that learn takes, in the order of l.cols ("" for a cell the
// row lacks), and their shared-string indexes (-1 for none).
func (l *learner) pick(dst learnBatch, cells []string, shared []int32) learnBatch {
	for _, i := range l.cols {
		v, ref := "", int32(-1)
		if i >= 0 && i < len(cells) {
			v = cells[i]
		}
		if i >= 0 && i < len(shared) {
			ref = shared[i]
		}
		dst.vals, dst.refs = append(dst.vals, v), append(dst.refs, ref)
	}
	return dst
}

// background starts the learning goroutine.
func (l *learner) background() {
	l.queue, l.done = make(chan learnBatch, 4), make(chan struct{})
	go func() {
		defer close(l.done)
		w := len(l.cols)
		for b := range l.queue {
			for i := 0; i+w <= len(b.vals); i += w {
				l.m.learn(l, b.vals[i:i+w], b.refs[i:i+w])
			}
		}
	}()
}

// add learns a row's cells (and their shared-string indexes, nil for a CSV), now or on the
// goroutine. The source may reuse both once the next row is read: add copies what it needs
// (a cell's string itself never changes).
func (l *learner) add(cells []string, shared []int32) {
	if l.queue == nil {
		l.row = l.pick(learnBatch{l.row.vals[:0], l.row.refs[:0]}, cells, shared)
		l.m.learn(l, l.row.vals, l.row.refs)
		return
	}
	if l.batch.vals == nil {
		l.batch.vals = make([]string, 0, learnBatchRows*len(l.cols))
	}
	l.batch = l.pick(l.batch, cells, shared)
	if len(l.batch.vals) == cap(l.batch.vals) {
		l.queue <- l.batch
		l.batch = learnBatch{}
	}
}

// wait returns once every row added is learned, and ends the goroutine.
func (l *learner) wait() {
	if l.queue == nil {
		return
	}
	if len(l.batch.vals) > 0 {
		l.queue <- l.batch
	}
	close(l.queue)
	<-l.done
	l.queue, l.batch = nil, learnBatch{}
}

// finish readies the guard once every row is learned: the known emails given late join.
func (l *learner) finish(o Options) *clientMatcher {
	if o.KnownEmailsLater != nil {
		for _, e := range o.KnownEmailsLater() {
			l.m.professional(e)
		}
	}
	l.m.build()
	return l.m
}

// readOnce is ReadFileContext with Options.Hold: one reading of the export.
func readOnce(path string, opts Options, fn func(*Record) error) (*Info, error) {
	p, _, err := openAtHeader(path, opts)
	if err != nil {
		return nil, err // as ReadFile's first reading returns it
	}
	defer p.src.close()
	return p.info, p.once(fn)
}

// once reads the rows below the header once, holding the records opts.Hold asks for.
func (p *parser) once(fn func(*Record) error) error {
	p.learner = newLearner(p.info, p.opts, false)
	p.learner.background()
	defer p.learner.wait()
	p.raw = &rawText{}
	p.later = map[string]struct{}{}
	return p.rows(fn)
}

// hold decides what becomes of a good record read once: held to the end, or given at once
// without its text. It reports whether it is held.
func (p *parser) hold(r *Record) bool {
	raw := p.raw
	r.TransactionID, r.Service, r.Sponsor, r.Currency = "", "", "", "" // not judged yet
	r.Professional = CleanText(raw.cells[ProfessionalName])
	r.ProfEmail = strings.ToLower(CleanText(raw.cells[ProfessionalEmail]))
	// A name that holds an email address is judged (see Withheld), and so is a currency
	// that would be an error unless the cell is withheld: such a record is held, whoever
	// asks.
	if strings.IndexByte(r.Professional, '@') >= 0 || p.currencyUnsure() || p.opts.Hold(r) {
		h := heldRecord{row: r.Row, paid: r.Paid, session: r.Session, price: r.Price,
			tid: strings.Clone(raw.cells[TransactionID]), textCurrency: p.intern(raw.textCurrency)}
		for i, c := range judgedColumns[1:] {
			h.cells[i] = p.intern(raw.cells[c])
		}
		if n := len(p.held); n == 0 || len(p.held[n-1]) == cap(p.held[n-1]) {
			p.held = append(p.held, make([]heldRecord, 0, heldChunk))
		}
		last := &p.held[len(p.held)-1]
		*last = append(*last, h)
		return true
	}
	if s := raw.cells[Sponsor]; s != "" {
		if _, ok := p.later[s]; !ok {
			s = strings.Clone(s)
			p.later[s] = struct{}{}
			p.laterIn = append(p.laterIn, s)
		}
	}
	return false
}

// currencyUnsure reports whether the record's currency cell makes an error unless it is
// withheld, which only the end of the reading can tell.
func (p *parser) currencyUnsure() bool {
	v := p.raw.cells[ServiceCurrency]
	if v == "" {
		return false
	}
	code, err := p.normCurrency(v)
	return err != nil || p.raw.textCurrency != "" && code != p.raw.textCurrency
}

// intern returns the number of a copy of s that every equal value held shares (0 for ""):
// the texts of an export repeat (its professionals, services, sponsors).
func (p *parser) intern(s string) uint32 {
	if s == "" {
		return 0
	}
	if p.interned == nil {
		p.interned, p.texts = map[string]uint32{}, []string{""}
	}
	if i, ok := p.interned[s]; ok {
		return i
	}
	v := strings.Clone(s)
	i := uint32(len(p.texts))
	p.texts = append(p.texts, v)
	p.interned[v] = i
	return i
}

// judgeHeld judges the held records' text against every client of the export, now that the
// last row is read, and gives them to fn in file order; then the Sponsors of the others.
func (p *parser) judgeHeld(fn func(*Record) error) error {
	if p.opts.ctx != nil {
		if err := p.opts.ctx.Err(); err != nil {
			return err
		}
	}
	p.learner.wait()
	p.guard = p.learner.finish(p.opts)
	p.raw = nil
	errs := len(p.errs)
	held := p.held
	p.held = nil
	for k, chunk := range held {
		held[k] = nil // each chunk let go once judged
		for i := range chunk {
			h := &chunk[i]
			r := &Record{Row: h.row, Paid: h.paid, Session: h.session, Price: h.price}
			for j, c := range judgedColumns {
				raw := h.tid
				if j > 0 {
					raw = p.texts[h.cells[j-1]]
				}
				v := p.judged(r, c, raw)
				switch c {
				case TransactionID:
					if v == Withheld {
						v = "" // no ID, rather than one that every withheld row shares
					}
					r.TransactionID = v
				case ServiceName:
					r.Service = v
				case ProfessionalName:
					r.Professional = v
				case ProfessionalEmail:
					r.ProfEmail = strings.ToLower(v)
				case Type:
					r.Type = NormType(v)
				case Sponsor:
					r.Sponsor = v
				case Status:
					r.Status = NormStatus(v)
				case SessionStatus:
					r.SessionState = NormSessionState(v)
				case ServiceCurrency:
					if !p.currency(r, v, p.texts[h.textCurrency]) {
						p.info.Rows-- // a record with a problem is not one the export delivers
					}
				}
			}
			if len(p.errs) > 0 {
				continue
			}
			if err := fn(r); err != nil {
				return err
			}
		}
	}
	if len(p.errs) > errs {
		// The currencies judged now come after the problems found as the rows were read:
		// put every problem back in the order of its row.
		slices.SortStableFunc(p.errs, func(a, b error) int { return cmp.Compare(errRow(a), errRow(b)) })
	}
	if p.opts.Sponsors != nil && len(p.errs) == 0 {
		given := map[string]bool{}
		for _, s := range p.laterIn {
			if v := p.judged(&Record{}, Sponsor, s); !given[v] {
				given[v] = true
				p.opts.Sponsors(v)
			}
		}
	}
	return nil
}

// errRow is the row a problem names; a problem of the file (the source's) comes last.
func errRow(err error) int {
	var re *rowError
	if errors.As(err, &re) {
		return re.row
	}
	return math.MaxInt
}
