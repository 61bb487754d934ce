package export

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/hubinvoice/hubinvoice/export/internal/xlsx"
	"github.com/shopspring/decimal"
)

// Options control how an export is read.
type Options struct {
	DateOrder DateOrder // how to read all-numeric text dates; day first by default
	Currency  string    // currency for rows whose export names none (ISO 4217)
	Require   []Column  // columns the caller cannot do without; their absence is an error
	MaxUnzip  int64     // the most an .xlsx may unpack to, in bytes; 0 means DefaultMaxUnzip
	MaxErrors int       // how many row problems to report before giving up; 0 means 50
	// KeepCells fills Record.Cells with the row's cells as the file holds them, less every
	// client column (see Info.ClientColumns): for writing a redacted copy of the export.
	KeepCells bool
	ctx       context.Context // ReadFileContext's: when done, reading stops

	// KnownEmails are the email addresses, besides the export's professionals', that a known
	// column may hold: the bill-to parties' and the profile's. Any other email address in a
	// known column is withheld (see Withheld).
	KnownEmails []string
	// KnownEmailsLater, when not nil, gives more KnownEmails, asked for only when the reader
	// needs them, after a first pass over the rows: a caller can find them (read profiles)
	// while that pass runs.
	KnownEmailsLater func() []string
	// Hold, when not nil, reads the export once instead of twice (see ReadFile): it says
	// which records the caller needs whole. It is asked of each good record as it is read,
	// before the record's text is judged for client data, and sees only Row, Paid, Session,
	// Price, ProfEmail and Professional (the professional's columns are not judged, see
	// Withheld). A record it holds is kept, and given to fn whole, judged against every client
	// of the export, once the last row is read; one it does not hold is given to fn at once,
	// with TransactionID, Service, Sponsor and Currency empty and Withheld nil (its text is
	// never judged), and Type, Status and SessionState the words of the vocabulary its cells
	// map to. So records do not come in file order: the held ones come last, in file order.
	// Ignored with KeepCells.
	// The record given to Hold, and one not held given to fn, is the reader's own: valid
	// until fn returns.
	Hold func(*Record) bool
	// Sponsors, with Hold, is given once the last row is read every distinct Sponsor of the
	// records Hold did not hold, judged (Withheld when it holds client data), in the order
	// first met.
	Sponsors func(string)
	// Name is what messages and Info.File call the export; "" means the path (see Spool).
	Name string
	// Sheet names the sheet of an .xlsx that holds the payments; "" finds it (see
	// ReadFile). An export that is a CSV has no sheets: naming one is an error.
	Sheet string
}

// DefaultMaxUnzip bounds what an .xlsx may unpack to (see xlsx.DefaultMaxUnzip).
const DefaultMaxUnzip = xlsx.DefaultMaxUnzip

// Info describes an export that was read.
type Info struct {
	File      string // the path as given
	Format    string // "xlsx" or "csv"
	Sheet     string // the sheet read, for .xlsx
	HeaderRow int
	Rows      int // data rows delivered as records
	Skipped   int // blank, title and totals rows passed over
	// SessionFromPayment is set when the export has no session date column and the
	// transaction date stands in for it.
	SessionFromPayment bool
	Notes              []string // things the user should know about how the file was read

	col     [NumColumns]int // column index of each known column, -1 when absent
	headers []string        // the header row as the file spells it
	client  []int           // every column holding client data (known or named so)
}

func newInfo(file string) *Info {
	info := &Info{File: file}
	for i := range info.col {
		info.col[i] = -1
	}
	return info
}

// Has reports whether the export has the column.
func (in *Info) Has(c Column) bool { return in.col[c] >= 0 }

// ClientColumns returns the indexes of every column that holds client data: Client Name,
// Client Email and any other column whose header names a client, customer or patient.
func (in *Info) ClientColumns() []int { return in.client }

// Headers returns the header row as the file spells it.
func (in *Info) Headers() []string { return in.headers }

// KeptHeaders returns the header row less the client columns: the headers of Record.Cells.
func (in *Info) KeptHeaders() []string { return dropColumns(in.headers, in.client) }

// KeptColumn returns the index in Record.Cells of a known column, or -1 when the export has no
// such column or it is a client column.
func (in *Info) KeptColumn(c Column) int {
	i := in.col[c]
	if i < 0 || c.IsClient() {
		return -1
	}
	n := i
	for _, k := range in.client {
		if k < i {
			n--
		}
	}
	return n
}

// dropColumns returns cells less the columns at the sorted indexes drop.
func dropColumns(cells []string, drop []int) []string {
	out := make([]string, 0, len(cells))
	j := 0
	for i, c := range cells {
		if j < len(drop) && drop[j] == i {
			j++
			continue
		}
		out = append(out, c)
	}
	return out
}

// A source yields the rows of a sheet with the row numbers a spreadsheet shows.
type source interface {
	next() bool
	row() (num int, cells []string)
	err() error
	close() error
	numericCells() bool  // whether a plain number in a cell may be a serial date (xlsx)
	kind(i int) cellKind // whether cell i of the row is a number or a text, when the source knows
	// shared gives each cell's index in an .xlsx's shared strings (negative for none), the same
	// for the same text on every row; nil when the source has none (see clientMatcher.learn)
	shared() []int32
	date1904() bool
}

// cellKind says what a spreadsheet cell held: a number (a price, or a date as a serial
// number) or a text. A CSV's cells are all text.
type cellKind uint8

const (
	kindUnknown cellKind = iota // the source cannot tell (the excelize reference)
	kindNumber
	kindText
)

// ReadFile reads the export at path and calls fn with every data row, in file order. It
// checks every row and reports all problems at once, each naming file, row and column. Rows are
// streamed: fn sees the good rows before the first problem is found and none after it, so a
// caller must discard what it gathered when ReadFile returns an error. An error from fn stops
// the reading and is returned as it is.
//
// Of a workbook with several sheets it reads opts.Sheet, else the sheet that holds the export's
// header: the first sheet named like Payments that does, else the first that does in the
// workbook's order (a cover or notes sheet may come before the payments).
func ReadFile(path string, opts Options, fn func(*Record) error) (*Info, error) {
	return ReadFileContext(context.Background(), path, opts, fn)
}

// ReadFileContext is ReadFile stopped when ctx is done: within a few hundred rows, in either
// pass over the file, it returns ctx's error.
//
// A record's text may reach fn only judged against every client the export names, in any
// row: ReadFile reads the export twice, learning its clients first, unless Options.Hold says
// which records need their text, which are then kept until the one reading ends.
func ReadFileContext(ctx context.Context, path string, opts Options, fn func(*Record) error) (*Info, error) {
	opts.ctx = ctx
	if opts.Hold != nil && !opts.KeepCells {
		return readOnce(path, opts, fn)
	}
	guard, err := learnGuard(path, opts, false)
	if err != nil {
		return nil, err
	}
	p, info, err := openAtHeader(path, opts)
	if err != nil {
		return info, err
	}
	defer p.src.close()
	p.guard = guard
	if err := p.rows(fn); err != nil {
		return info, err
	}
	return info, nil
}

// openAtHeader opens the export and reads it up to its header row, in the sheet that holds
// the payments; the caller closes p.src. The Info is returned with an error found after the
// file was opened.
func openAtHeader(path string, o Options) (*parser, *Info, error) {
	src, info, err := open(path, o)
	if err != nil {
		return nil, nil, err
	}
	if x, ok := src.(xlsxSource); ok && o.Sheet == "" && len(x.s.Sheets()) > 1 {
		return findPaymentsSheet(path, o, x, info)
	}
	p := &parser{opts: o, info: info, src: src}
	if err := p.findHeader(); err != nil {
		src.close()
		return nil, info, err
	}
	return p, info, nil
}

func open(path string, opts Options) (source, *Info, error) {
	name := path
	if opts.Name != "" {
		name = opts.Name
	}
	f, err := os.Open(path)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, nil, fmt.Errorf("%s: %v", name, err)
	}
	st, err := f.Stat()
	if err == nil && st.IsDir() {
		f.Close()
		return nil, nil, fmt.Errorf("%s: is a directory, not an export", name)
	}
	head := make([]byte, 8)
	n, _ := io.ReadFull(f, head)
	head = head[:n]
	ext := strings.ToLower(filepath.Ext(path))
	info := newInfo(name)
	switch {
	case n == 0:
		f.Close()
		return nil, nil, fmt.Errorf("%s: is empty", name)
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		f.Close()
		info.Format = "xlsx"
		src, err := openXLSX(path, opts, info)
		return src, info, err
	case bytes.HasPrefix(head, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		f.Close()
		return nil, nil, fmt.Errorf("%s: is an Excel 97-2003 (.xls) or password-protected workbook, which hubinvoice cannot read\nhint: open it and save it as .xlsx or .csv", name)
	case bytes.HasPrefix(head, []byte("%PDF")):
		f.Close()
		return nil, nil, fmt.Errorf("%s: is a PDF, not a spreadsheet\nhint: export Payments > Paid sessions from the portal as Excel", name)
	case ext == ".xlsx" || ext == ".xlsm" || ext == ".ods" || ext == ".xls":
		f.Close()
		return nil, nil, fmt.Errorf("%s: is not a spreadsheet workbook (an %s file is a zip archive; this one is not)", name, ext)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		f.Close()
		return nil, nil, fmt.Errorf("%s: %v", name, err)
	}
	if opts.Sheet != "" {
		f.Close()
		return nil, nil, fmt.Errorf("%s: is a CSV file, which has no sheets (asked for sheet %q)", name, opts.Sheet)
	}
	info.Format = "csv"
	src, err := openCSV(f, name, info)
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return src, info, nil
}

// A rowError is a problem with one cell (or a whole row, when col < 0).
type rowError struct {
	file   string
	row    int
	col    int
	header string
	msg    string
}

func (e *rowError) Error() string {
	if e.col < 0 {
		return fmt.Sprintf("%s: row %d: %s", e.file, e.row, e.msg)
	}
	return fmt.Sprintf("%s: row %d, column %s (%s): %s", e.file, e.row, xlsx.ColumnName(e.col), e.header, e.msg)
}

// quote shows a bad value in an error message only when it is shaped like a number or a
// date: digits, separators, spaces, currency signs, and words that are month names, currency
// codes or AM/PM. Anything else might be a name or an email in the wrong column, and is
// called "a text".
func quote(v string) string {
	if !strings.ContainsFunc(v, unicode.IsDigit) || strings.ContainsRune(v, '@') {
		return "a text"
	}
	for _, w := range strings.FieldsFunc(v, func(r rune) bool { return !unicode.IsLetter(r) }) {
		lw := strings.ToLower(w)
		_, month := monthNames[lw]
		_, cur := currencyWord(w)
		// a single letter is a typo for a digit (12,5O), never a name
		if !month && !cur && len([]rune(w)) > 1 && lw != "am" && lw != "pm" && lw != "kr" {
			return "a text"
		}
	}
	if utf8.RuneCountInString(v) > 40 {
		v = string([]rune(v)[:40]) + "…"
	}
	return fmt.Sprintf("%q", v)
}

type parser struct {
	opts  Options
	info  *Info
	src   source
	guard *clientMatcher // withholds client data from the known columns; nil withholds nothing
	errs  []error
	more  int // problems beyond MaxErrors

	// Reading once (Options.Hold): the guard learns as the rows are read (learner), a
	// record's text is left unjudged (raw keeps the cells to judge), and the records held
	// are judged at the end.
	learner  *learner
	raw      *rawText
	held     [][]heldRecord      // in chunks of heldChunk
	later    map[string]struct{} // the Sponsors of records not held, raw, met so far
	laterIn  []string            // the same, in the order met
	interned map[string]uint32   // the held records' texts, one copy of each: their index in texts
	texts    []string            // the held records' texts by number; texts[0] is ""
	scratch  Record              // the record being read, reading once

	amounts    map[string]amount          // the price texts read so far (see maxRemembered)
	numbers    map[string]decimal.Decimal // the prices of number cells read so far (see number)
	currencies map[string]currencyCell    // the currency cells read so far
}

const headerSearchRows = 30

// findHeader takes the first non-empty row that names at least two known columns (an export
// may carry a title above its header), and maps its columns.
func (p *parser) findHeader() error {
	in := p.info
	seen := 0
	for seen < headerSearchRows && p.src.next() {
		num, cells := p.src.row()
		if blank(cells) {
			continue
		}
		seen++
		known := 0
		for _, c := range cells {
			if _, ok := synonyms[normHeader(c)]; ok {
				known++
			}
		}
		if known < 2 {
			continue
		}
		in.HeaderRow = num
		return p.mapHeader(num, cells)
	}
	if err := p.src.err(); err != nil {
		return fmt.Errorf("%s: %v", in.File, err)
	}
	if seen == 0 {
		return &noHeaderError{fmt.Sprintf("%s: has no rows", in.File)}
	}
	return &noHeaderError{fmt.Sprintf("%s: no header row: none of the first %d rows names the export's columns (Session Date, Service Price, Type, ...)\nhint: export Payments > Paid sessions from the portal", in.File, headerSearchRows)}
}

// A noHeaderError says that a sheet (or a CSV) holds no header row of an export.
type noHeaderError struct{ msg string }

func (e *noHeaderError) Error() string { return e.msg }

func (p *parser) mapHeader(num int, cells []string) error {
	in := p.info
	in.headers = make([]string, len(cells))
	var errs []error
	for i, raw := range cells {
		h := strings.TrimSpace(raw)
		in.headers[i] = strings.Clone(h) // a copy: the Info outlives the file's text (an .xlsx's shared strings)
		c, ok := synonyms[normHeader(h)]
		if !ok {
			if h != "" && isClientHeader(h) {
				in.client = append(in.client, i)
			}
			continue
		}
		if prev := in.col[c]; prev >= 0 {
			errs = append(errs, fmt.Errorf("%s: row %d: columns %s (%s) and %s (%s) both read as %s; remove one", in.File, num, xlsx.ColumnName(prev), in.headers[prev], xlsx.ColumnName(i), h, c.Header()))
			continue
		}
		in.col[c] = i
		if c.IsClient() {
			in.client = append(in.client, i)
		}
	}
	sort.Ints(in.client) // already in order; sorted so that dropColumns may rely on it
	if !in.Has(SessionDate) && in.Has(TransactionDate) {
		in.SessionFromPayment = true
		in.Notes = append(in.Notes, "the export has no Session Date column: sessions are dated by their Transaction Date")
	}
	for _, c := range p.opts.Require {
		if in.Has(c) || (c == SessionDate && in.Has(TransactionDate)) {
			continue
		}
		also := ""
		if names := otherNames[c]; len(names) > 0 {
			also = " (also seen as " + strings.Join(names, ", ") + ")"
		}
		errs = append(errs, fmt.Errorf("%s: no %s column%s in the header row (row %d)\nhint: tick %s in the portal's export dialog", in.File, c.Header(), also, num, c.Header()))
	}
	return errors.Join(errs...)
}

func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

func (p *parser) fail(row, col int, msg string) {
	max := p.opts.MaxErrors
	if max == 0 {
		max = 50
	}
	if len(p.errs) >= max {
		p.more++
		return
	}
	header := ""
	if col >= 0 && col < len(p.info.headers) {
		header = p.info.headers[col]
	}
	p.errs = append(p.errs, &rowError{file: p.info.File, row: row, col: col, header: header, msg: msg})
}

// stopped returns the context's error once it is done, looking every 256 rows.
func (p *parser) stopped(n int) error {
	if n&255 == 0 && p.opts.ctx != nil {
		return p.opts.ctx.Err()
	}
	return nil
}

func (p *parser) rows(fn func(*Record) error) error {
	for n := 0; p.src.next(); n++ {
		if err := p.stopped(n); err != nil {
			return err
		}
		num, cells := p.src.row()
		if p.learner != nil {
			p.learner.add(cells, p.src.shared())
		}
		if blank(cells) || p.isTotals(cells) {
			p.info.Skipped++
			continue
		}
		rec, ok := p.record(num, cells)
		if !ok {
			continue
		}
		p.info.Rows++
		if p.learner != nil && p.hold(rec) {
			continue
		}
		if len(p.errs) > 0 {
			continue // keep checking, but deliver nothing once a problem is found
		}
		if err := fn(rec); err != nil {
			return err
		}
	}
	if err := p.src.err(); err != nil {
		p.errs = append(p.errs, fmt.Errorf("%s: %v", p.info.File, err))
	}
	if p.learner != nil {
		// After the source's own error: a file that cannot be read to its end gives no
		// record judged against only some of its clients.
		if err := p.judgeHeld(fn); err != nil {
			return err
		}
	}
	if p.more > 0 {
		p.errs = append(p.errs, fmt.Errorf("%s: and %d more problems", p.info.File, p.more))
	}
	return errors.Join(p.errs...)
}

// isTotals recognises a totals or summary row: it has no date, and either a cell says
// total, sum or samtals, or nothing on it identifies a payment (type, professional, ID).
func (p *parser) isTotals(cells []string) bool {
	if strings.TrimSpace(p.cell(cells, SessionDate)) != "" || strings.TrimSpace(p.cell(cells, TransactionDate)) != "" {
		return false
	}
	for _, c := range cells {
		n := normHeader(c)
		if strings.HasPrefix(n, "total") || strings.HasPrefix(n, "samtals") || strings.HasPrefix(n, "sum") || n == "grandtotal" || n == "alls" {
			return true
		}
	}
	for _, c := range []Column{Type, ProfessionalEmail, ProfessionalName, TransactionID} {
		if strings.TrimSpace(p.cell(cells, c)) != "" {
			return false
		}
	}
	return true
}

func (p *parser) cell(cells []string, c Column) string {
	i := p.info.col[c]
	if i < 0 || i >= len(cells) {
		return ""
	}
	return cells[i]
}

func (p *parser) record(num int, cells []string) (*Record, bool) {
	in := p.info
	if !p.src.numericCells() && len(cells) > len(in.headers) && !blank(cells[len(in.headers):]) {
		// In a CSV, more cells than the header names means a row out of line, most often a
		// separator inside an unquoted cell: its cells are not where the header says.
		p.fail(num, -1, fmt.Sprintf("has %d cells where the header row has %d: is a separator inside an unquoted cell? (the cells are not shown)", len(cells), len(in.headers)))
		return nil, false
	}
	var r *Record
	if p.raw != nil {
		// Reading once, a record is made in the parser's own, and copied if it is held.
		p.scratch = Record{Row: num}
		r = &p.scratch
	} else {
		r = &Record{Row: num}
	}
	if p.opts.KeepCells {
		r.Cells = dropColumns(cells, in.client)
		for len(r.Cells) < len(in.headers)-len(in.client) {
			r.Cells = append(r.Cells, "")
		}
	}
	ok := true
	text := func(c Column) string { return strings.TrimSpace(p.cell(cells, c)) }
	date := func(c Column) (t time.Time, present bool) {
		v := text(c)
		if v == "" {
			return time.Time{}, false
		}
		if k := p.src.kind(in.col[c]); k == kindNumber || k == kindUnknown && p.src.numericCells() {
			if t, isNum := serialDate(v, p.src.date1904()); isNum {
				return t, true
			} else if _, err := strconv.ParseFloat(v, 64); err == nil {
				p.fail(num, in.col[c], fmt.Sprintf("%s is not a date", quote(v)))
				ok = false
				return time.Time{}, true
			}
		}
		t, err := ParseDate(v, p.opts.DateOrder)
		if err != nil {
			p.fail(num, in.col[c], fmt.Sprintf("%s %v", quote(v), err))
			ok = false
		}
		return t, true
	}
	r.TransactionID = p.guarded(r, cells, TransactionID)
	if r.TransactionID == Withheld {
		r.TransactionID = "" // no ID, rather than one that every withheld row shares
	}
	if in.Has(TransactionDate) {
		r.Paid, _ = date(TransactionDate)
	}
	if in.Has(SessionDate) {
		var present bool
		if r.Session, present = date(SessionDate); !present {
			if r.Paid.IsZero() {
				p.fail(num, in.col[SessionDate], "is empty: every payment needs its session date")
				ok = false
			}
			r.Session = r.Paid
		}
	} else if in.Has(TransactionDate) {
		r.Session = r.Paid
		if r.Session.IsZero() && ok {
			p.fail(num, in.col[TransactionDate], "is empty: every payment needs a date")
			ok = false
		}
	}
	r.Service = p.guarded(r, cells, ServiceName)
	r.Professional = p.guarded(r, cells, ProfessionalName)
	r.ProfEmail = strings.ToLower(p.guarded(r, cells, ProfessionalEmail))
	r.Type = NormType(p.guarded(r, cells, Type))
	r.Sponsor = p.guarded(r, cells, Sponsor)
	r.Status = NormStatus(p.guarded(r, cells, Status))
	r.SessionState = NormSessionState(p.guarded(r, cells, SessionStatus))

	var textCurrency string
	if in.Has(ServicePrice) {
		v := text(ServicePrice)
		switch {
		case v == "":
			p.fail(num, in.col[ServicePrice], "is empty: a price is needed (0 for a free session)")
			ok = false
		default:
			// A number cell holds a plain number, 12.345 being twelve and a bit; in a text,
			// 12.345 is twelve thousand three hundred and forty-five. A source that cannot tell
			// takes a three-digit group as thousands.
			var parsed bool
			switch p.src.kind(in.col[ServicePrice]) {
			case kindNumber:
				r.Price, parsed = p.number(v)
			case kindUnknown:
				if p.src.numericCells() && !looksThousands(v) {
					r.Price, parsed = p.number(v)
				}
			}
			if !parsed {
				if a, ok := p.amounts[v]; ok {
					// an export has few distinct prices: each read once
					r.Price, textCurrency, parsed = a.d, a.currency, true
				}
			}
			if !parsed {
				var err error
				r.Price, textCurrency, err = ParseAmount(v)
				if err == nil && len(p.amounts) < maxRemembered {
					if p.amounts == nil {
						p.amounts = map[string]amount{}
					}
					p.amounts[strings.Clone(v)] = amount{r.Price, textCurrency}
				}
				if err != nil {
					p.fail(num, in.col[ServicePrice], fmt.Sprintf("%s %v", quote(v), err))
					ok = false
					parsed = false
				} else {
					parsed = true
				}
			}
			if msg := priceProblem(r.Price); parsed && msg != "" {
				p.fail(num, in.col[ServicePrice], fmt.Sprintf("%s %s", quote(v), msg))
				ok = false
			}
		}
	}
	if p.raw != nil {
		// Reading once: the currency is judged with the rest of the text, at the end.
		p.raw.textCurrency = textCurrency
		p.guarded(r, cells, ServiceCurrency)
		return r, ok
	}
	return r, p.currency(r, p.guarded(r, cells, ServiceCurrency), textCurrency) && ok
}

// currency sets the record's currency from the Service Currency cell v (as guarded gave it)
// and the currency the price's text names, if any; it reports whether they were good.
func (p *parser) currency(r *Record, v, textCurrency string) bool {
	in := p.info
	ok := true
	if v != "" && v != Withheld {
		code, err := p.normCurrency(v)
		if err != nil {
			p.fail(r.Row, in.col[ServiceCurrency], fmt.Sprintf("%s %v", quote(v), err))
			ok = false
		}
		if textCurrency != "" && code != "" && textCurrency != code {
			p.fail(r.Row, in.col[ServicePrice], fmt.Sprintf("the price is in %s but the currency column says %s", textCurrency, code))
			ok = false
		}
		r.Currency = code
	} else if textCurrency != "" {
		r.Currency = textCurrency
	} else {
		r.Currency = p.opts.Currency
	}
	return ok
}

// looksThousands reports whether a raw value such as 12.000 reads as a number with a
// thousands separator rather than as a numeric cell (which spreadsheet programs never write
// with trailing zeros).
func looksThousands(v string) bool {
	i := strings.LastIndexAny(v, ".,")
	return i >= 0 && len(v)-i-1 == 3 && !strings.ContainsAny(v, "eE")
}

// amount is a price's text read: the amount, and the currency it names.
type amount struct {
	d        decimal.Decimal
	currency string
}

// number is numericCell of a price cell, remembered: an export has few distinct prices, and
// its rows share each one's decimal rather than each holding a big number of its own.
func (p *parser) number(v string) (decimal.Decimal, bool) {
	if d, ok := p.numbers[v]; ok {
		return d, true
	}
	d, ok := numericCell(v)
	if ok && len(p.numbers) < maxRemembered {
		if p.numbers == nil {
			p.numbers = map[string]decimal.Decimal{}
		}
		p.numbers[strings.Clone(v)] = d
	}
	return d, ok
}

// maxRemembered bounds the prices and currencies a parser remembers having read: a column
// of distinct values is read afresh on every row rather than filling memory.
const maxRemembered = 1 << 12

// normCurrency is normCurrency(v), remembered: an export has few currencies.
func (p *parser) normCurrency(v string) (string, error) {
	if c, ok := p.currencies[v]; ok {
		return c.code, c.err
	}
	code, err := normCurrency(v)
	if len(p.currencies) < maxRemembered {
		if p.currencies == nil {
			p.currencies = map[string]currencyCell{}
		}
		p.currencies[strings.Clone(v)] = currencyCell{code, err}
	}
	return code, err
}

type currencyCell struct {
	code string
	err  error
}

// normCurrency reads a currency column: an ISO 4217 code or a sign.
func normCurrency(v string) (string, error) {
	if code, ok := currencySigns[strings.ToLower(v)]; ok {
		return code, nil
	}
	u := strings.ToUpper(v)
	if len(u) == 3 && isUpperASCII(u) {
		return u, nil
	}
	return "", errors.New("is not a currency code (ISO 4217, such as ISK, EUR, GBP)")
}
