package invoice

import (
	"fmt"
	"strings"
	"time"

	"github.com/hubinvoice/hubinvoice/calendar"
	"github.com/hubinvoice/hubinvoice/export"
	"github.com/shopspring/decimal"
)

// Place says where one row of an export goes for a month.
type Place int

// The places a row can go. Every row of an export is in exactly one.
const (
	// OtherMonth: the row's session is dated before or after the month.
	OtherMonth Place = iota
	// Repeat: an earlier row of the month has its Transaction ID; the same payment, counted
	// once (at its first row).
	Repeat
	// OnInvoice: a sponsored Credit session, paid: a line of the invoice to the party its
	// sponsor is billed to.
	OnInvoice
	// LeftOut: on no invoice and owed by no client: Void, deleted, an unpaid credit, another
	// sponsor's, or a word hubinvoice does not know. Class.Reason says which.
	LeftOut
	// ClientOwes: the client's to pay the professional directly (every payment type but
	// Credit, and a Credit without a Sponsor, seed 001), paid or still to chase.
	ClientOwes
)

func (p Place) String() string {
	switch p {
	case OtherMonth:
		return "other month"
	case Repeat:
		return "repeat"
	case OnInvoice:
		return "on the invoice"
	case LeftOut:
		return "left out"
	case ClientOwes:
		return "owed by the client"
	}
	return fmt.Sprintf("Place(%d)", int(p))
}

// Class is what the classification says of one row: where it goes and what it raises.
type Class struct {
	Place Place
	// Reason: for LeftOut, why (ReasonVoid, ReasonUnpaid, ...); for ClientOwes, the payment
	// type ("" when the row has none; export.TypeCredit for a Credit without a Sponsor); for
	// Repeat, ReasonDuplicate.
	Reason string
	Paid   bool // ClientOwes: the client has paid (else it is to chase)
	First  int  // Repeat: the row whose payment this one repeats
	// Raises are the row checks the row raises (see check.go), by code.
	Raises Raised
}

// Raised is a set of the row checks of check.go, by their place in the table.
type Raised uint32

// The table must fit in a Raised: this does not compile when it grows past 32 checks.
var _ [32 - len(rowChecks)]struct{}

// Has reports whether the set holds the check of code (the warning of a negative price that
// is not on the invoice is negative-amount too).
func (r Raised) Has(code string) bool {
	for i, rc := range rowChecks {
		if rc.code == code && r&(1<<i) != 0 {
			return true
		}
	}
	return false
}

// Codes lists the codes of the set, in the table's order.
func (r Raised) Codes() []string {
	var out []string
	for i, rc := range rowChecks {
		if r&(1<<i) != 0 {
			out = append(out, rc.code)
		}
	}
	return out
}

// Reasons rows are left out, besides other payment types.
const (
	ReasonUnpaid    = "unpaid credit"
	ReasonVoid      = "void"
	ReasonDeleted   = "deleted session"
	ReasonStatus    = "unknown status"
	ReasonSponsor   = "other sponsor"
	ReasonDuplicate = "duplicate transaction"
	ReasonType      = export.TypeUnknown
	// ReasonNoSponsor names a Credit without a Sponsor in the list of what an invoice leaves
	// out: not paid with sponsored credits, so the client's to pay (seed 001).
	ReasonNoSponsor = "credit with no sponsor (the client's to pay)"
	// ReasonNoType names a row with no payment type in that list.
	ReasonNoType = "no payment type"
)

// LedgerOptions say which month a ledger classifies, for which sponsors, and against which
// calendar.
type LedgerOptions struct {
	// Month is the month of the invoice; the zero Month takes every month (for payouts).
	Month calendar.Month
	// Sponsors keep only these sponsors' Credits on the invoice, compared ignoring case; empty
	// keeps all. Another sponsor's Credit is left out and raises nothing: it is another
	// invoice's.
	Sponsors []string
	// Calendar dates the card payouts and the submission deadline; nil leaves them out.
	Calendar *calendar.Calendar
	// Today is the day the deadline is counted from (the issue date); zero leaves it out.
	Today time.Time
}

// Ledger is one month of an export, read once: every row classified once, as it comes (Add),
// and every command a view of the result: the invoice's lines (Professionals), the checks
// (Findings), the money the clients owe (Receivables) and the card payouts. Memory grows with
// the month's rows, not the export's.
type Ledger struct {
	opts      LedgerOptions
	sponsors  map[string]bool
	seen      map[string]txCopy // transaction ID → its first row in the month
	words     []string          // the texts of seen, one copy of each (see txCopy)
	wordIndex map[string]uint32 // a word → its number in words
	profs     map[string]*ledgerMonth

	// Every professional and sponsor the export names, in any month: to tell a mistyped
	// --professional or --sponsor from a month without their sessions.
	everyone    map[string]string // email or folded name → "Name <email>"
	allSponsors map[string]string // folded → as first spelled
	anyStatus   bool              // some row of the export has a Status

	Outside int // rows dated outside the month

	first, next time.Time // the month's first midnight and the next month's (inMonth)
}

// ledgerMonth is what a ledger gathers for one professional.
type ledgerMonth struct {
	pro Professional

	// the checks
	rows       [len(rowChecks)][]int // by row check; of the rows outside the month, the first few
	outside    [2]int                // rows dated before and after the month
	dups       []Finding
	currencies map[string][]int  // currency of the invoice's lines → their rows
	starts     map[time.Time]int // when each of the invoice's sessions starts → its first row

	// the receivables
	groups      map[[3]string]*ReceivableGroup
	payouts     map[payoutKey]*CardPayout
	noStatus    bool
	unknownOwed []int // rows a client would owe, of a status hubinvoice does not know
}

// NewLedger returns an empty ledger of the month.
func NewLedger(o LedgerOptions) *Ledger {
	l := &Ledger{opts: o, seen: map[string]txCopy{}, wordIndex: map[string]uint32{}, profs: map[string]*ledgerMonth{},
		everyone: map[string]string{}, allSponsors: map[string]string{},
		first: o.Month.First(), next: o.Month.Next().First()}
	if len(o.Sponsors) > 0 {
		l.sponsors = map[string]bool{}
		for _, s := range o.Sponsors {
			l.sponsors[foldSponsor(s)] = true
		}
	}
	return l
}

// profKey is how professionals are told apart: by email, or by name when the export has none.
func profKey(email, name string) string {
	if email != "" {
		return email
	}
	return strings.ToLower(name)
}

func (l *Ledger) month(r *export.Record) *ledgerMonth {
	key := profKey(r.ProfEmail, r.Professional)
	p := l.profs[key]
	if p == nil {
		if r.ProfEmail != "" {
			l.named(r) // the email's first row: known by email and name (see Add)
		}
		// The texts a ledger keeps from a record are copies: a record's text may be part of
		// the reader's (the shared strings of an .xlsx), which is not kept for a few names.
		key = strings.Clone(key)
		p = &ledgerMonth{pro: Professional{Name: strings.Clone(r.Professional), Email: strings.Clone(r.ProfEmail), left: map[string]*Left{}},
			currencies: map[string][]int{}, starts: map[time.Time]int{},
			groups: map[[3]string]*ReceivableGroup{}, payouts: map[payoutKey]*CardPayout{}}
		l.profs[key] = p
	}
	if p.pro.Name == "" {
		p.pro.Name = strings.Clone(r.Professional)
	}
	return p
}

// The checks of a row outside the month, looked up once (a row of another month is the most
// common row).
var (
	previousRaised, nextRaised = raisedBy[CodePreviousMonth], raisedBy[CodeNextMonth]
	previousIndex, nextIndex   = raisedIndex[CodePreviousMonth], raisedIndex[CodeNextMonth]
)

// keptOutside is how many of the rows outside the month a ledger keeps, per side, to name.
const keptOutside = 100

func (l *Ledger) inMonth(t time.Time) bool {
	return l.opts.Month == (calendar.Month{}) || !t.Before(l.first) && t.Before(l.next)
}

// Add classifies one record of the export and files it where it goes. The month's records
// must come in file order: the first row of a Transaction ID is the one counted. A record
// outside the month is counted by its dates and professional; its other text may be empty
// (see ReadLedger).
func (l *Ledger) Add(r *export.Record) Class {
	if r.ProfEmail == "" {
		l.named(r) // else month does it, on the email's first row
	}
	l.sponsor(r.Sponsor)
	if r.Status != "" {
		l.anyStatus = true
	}
	p := l.month(r)
	c := l.classify(r, p)
	if c.Place == OtherMonth {
		// Counted, and only the first few kept: memory grows with the month's rows, not the
		// export's.
		side, i := 0, previousIndex
		if c.Raises == nextRaised {
			side, i = 1, nextIndex
		}
		p.outside[side]++
		if len(p.rows[i]) < keptOutside {
			p.rows[i] = append(p.rows[i], r.Row)
		}
		l.Outside++
		return c
	}
	for i := range rowChecks {
		if c.Raises&(1<<i) != 0 {
			p.rows[i] = append(p.rows[i], r.Row)
		}
	}
	switch c.Place {
	case Repeat:
		p.pro.leave(ReasonDuplicate, r.Row)
	case LeftOut:
		p.pro.leave(c.Reason, r.Row)
		if c.Reason == ReasonStatus && (r.Type != export.TypeCredit || r.Sponsor == "") {
			p.unknownOwed = append(p.unknownOwed, r.Row)
		}
	case ClientOwes:
		switch {
		case r.Type == export.TypeCredit:
			p.pro.leave(ReasonNoSponsor, r.Row)
		case r.Type == "":
			p.pro.leave(ReasonNoType, r.Row)
		default:
			p.pro.leave(r.Type, r.Row)
		}
		p.owe(r, c, l.opts.Calendar)
	case OnInvoice:
		p.line(r)
	}
	p.pro.MonthRows++
	return c
}

// named makes the record's professional known by email and name, on the first row of their
// email.
func (l *Ledger) named(r *export.Record) {
	if _, ok := l.everyone[r.ProfEmail]; !ok {
		who := r.Professional + " <" + r.ProfEmail + ">" // a copy (see month)
		l.everyone[strings.Clone(r.ProfEmail)] = who
		l.everyone[strings.Clone(strings.ToLower(r.Professional))] = who
	}
}

// sponsor notes a Sponsor the export names, in any month. The reader gives those of the rows
// outside the month this way, once each, rather than on their records (ReadLedger).
func (l *Ledger) sponsor(s string) {
	if f := foldSponsor(s); f != "" {
		if _, ok := l.allSponsors[f]; !ok {
			l.allSponsors[strings.Clone(f)] = strings.Clone(strings.TrimSpace(s)) // copies (see month)
		}
	}
}

// classify is the one place that decides what a row means for the month: where it goes and
// which row checks it raises.
func (l *Ledger) classify(r *export.Record, p *ledgerMonth) Class {
	var c Class
	raise := func(code string) { c.Raises |= raisedBy[code] }
	if !l.inMonth(r.Session) {
		c.Place = OtherMonth
		if r.Session.Before(l.first) {
			c.Raises = previousRaised
		} else {
			c.Raises = nextRaised
		}
		return c
	}
	if len(r.Withheld) > 0 {
		raise(CodeClientData)
	}
	if r.TransactionID != "" {
		cp := l.copyOf(r)
		if first, dup := l.seen[r.TransactionID]; dup {
			l.duplicate(&first, &cp)
			return Class{Place: Repeat, Reason: ReasonDuplicate, First: first.row}
		}
		l.seen[r.TransactionID] = cp
	}
	switch {
	case r.Status == export.StatusVoid || r.SessionState == export.StatusVoid:
		raise(CodeVoid)
		c.Place, c.Reason = LeftOut, ReasonVoid
		return c
	case r.SessionState == export.SessionDeleted:
		raise(CodeDeleted)
		c.Place, c.Reason = LeftOut, ReasonDeleted
		return c
	case r.Type == export.TypeCredit && r.Sponsor != "" && l.sponsors != nil && !l.sponsors[foldSponsor(r.Sponsor)]:
		c.Place, c.Reason = LeftOut, ReasonSponsor // another invoice's: its checks are that invoice's
		return c
	}
	if r.SessionState == export.SessionUnknown {
		raise(CodeUnknownState)
	}
	switch {
	case r.Type == export.TypeUnknown:
		// Not a sponsored booking paid otherwise, nor one to charge: nobody knows what it is.
		raise(CodeUnknownType)
		c.Place, c.Reason = LeftOut, ReasonType
	case r.Type != export.TypeCredit:
		if r.Type == "" {
			raise(CodeNoType)
		} else if r.Sponsor != "" {
			raise(CodeSponsoredOther)
		}
		c.Place, c.Reason = ClientOwes, r.Type
		switch r.Status {
		case export.StatusUnpaid:
			raise(CodeNotCharged)
		case "", export.StatusPaid:
			c.Paid = true
		default: // export.StatusUnknown: in no collect group
			raise(CodeUnknownStatus)
			c.Place, c.Reason = LeftOut, ReasonStatus
		}
	case r.Sponsor == "":
		// Seed 001: without a Sponsor the booking was not paid with Credits; the professional
		// collects the payment from the client. Nobody has paid it yet.
		raise(CodeNoSponsor)
		c.Place, c.Reason = ClientOwes, export.TypeCredit
		if r.Status != "" && r.Status != export.StatusPaid && r.Status != export.StatusUnpaid {
			raise(CodeUnknownStatus)
			c.Place, c.Reason = LeftOut, ReasonStatus
		}
	default:
		switch r.Status {
		case export.StatusUnpaid:
			raise(CodeUnpaidCredit)
			c.Place, c.Reason = LeftOut, ReasonUnpaid
		case "", export.StatusPaid:
			c.Place = OnInvoice
			c.Raises |= p.lineChecks(r)
		default:
			raise(CodeUnknownStatus)
			c.Place, c.Reason = LeftOut, ReasonStatus
		}
	}
	switch {
	case r.Price.IsNegative() && c.Place == OnInvoice:
		raise(CodeNegativeAmount)
	case r.Price.IsNegative():
		c.Raises |= raisedBy[negativeOff]
	case r.Price.IsZero():
		raise(CodeZeroAmount)
	}
	return c
}

// lineChecks are the checks of a row that goes on the invoice.
func (p *ledgerMonth) lineChecks(r *export.Record) Raised {
	var c Raised
	if first, twice := p.starts[r.Session]; twice {
		// one professional holds one session at a time: the same start twice is a double charge
		// more often than a double booking
		if first > 0 {
			p.rows[raisedIndex[CodeSameTime]] = append(p.rows[raisedIndex[CodeSameTime]], first)
			p.starts[r.Session] = 0 // listed
		}
		c |= raisedBy[CodeSameTime]
	} else {
		p.starts[r.Session] = r.Row
	}
	if r.Status == "" {
		c |= raisedBy[CodeNoStatus]
	}
	if r.SessionState == export.SessionCancelled {
		c |= raisedBy[CodeCancelledCredit]
	}
	if r.Currency == "" {
		return c | raisedBy[CodeNoCurrency]
	}
	p.currencies[r.Currency] = append(p.currencies[r.Currency], r.Row)
	if units := MinorUnits(r.Currency); -r.Price.Exponent() > units && !r.Price.Equal(r.Price.Round(units)) {
		c |= raisedBy[CodePrecision]
	}
	return c
}

// line files a row that goes on the invoice.
func (p *ledgerMonth) line(r *export.Record) {
	p.pro.Lines = append(p.pro.Lines, Line{
		Row:           r.Row,
		TransactionID: r.TransactionID,
		Session:       r.Session,
		Paid:          r.Paid,
		Service:       r.Service,
		Sponsor:       r.Sponsor,
		Amount:        r.Price,
		Currency:      r.Currency,
		Cancelled:     r.SessionState == export.SessionCancelled,
	})
}

// txCopy is what a row says about its payment, to tell a repeated row from a different one.
// The ledger keeps one for every Transaction ID of the month, so it is kept small: its texts
// are numbers of the ledger's words (a month's rows repeat a few professionals, services and
// statuses), its dates the instants they name (seconds and nanoseconds since 1970, as
// time.Time's Equal compares them).
type txCopy struct {
	row                   int
	text                  [txTexts]uint32 // by txProf...: numbers of Ledger.words
	sessionNsec, paidNsec int32
	sessionSec, paidSec   int64
	price                 decimal.Decimal
}

// The texts of a txCopy, in the order differs names them.
const (
	txProf = iota
	txCurrency
	txService
	txType
	txSponsor
	txStatus
	txSessionState
	txTexts
)

// word returns the number of s among the ledger's words, adding it when new.
func (l *Ledger) word(s string) uint32 {
	if i, ok := l.wordIndex[s]; ok {
		return i
	}
	s = strings.Clone(s) // a copy (see month)
	i := uint32(len(l.words))
	l.words = append(l.words, s)
	l.wordIndex[s] = i
	return i
}

func (l *Ledger) copyOf(r *export.Record) txCopy {
	c := txCopy{row: r.Row, price: r.Price,
		sessionSec: r.Session.Unix(), sessionNsec: int32(r.Session.Nanosecond()),
		paidSec: r.Paid.Unix(), paidNsec: int32(r.Paid.Nanosecond())}
	for i, s := range [txTexts]string{profKey(r.ProfEmail, r.Professional), r.Currency, r.Service, r.Type, r.Sponsor, r.Status, r.SessionState} {
		c.text[i] = l.word(s)
	}
	return c
}

// differs names the columns in which two rows of one Transaction ID disagree.
func (a *txCopy) differs(b *txCopy) []string {
	var cols []string
	add := func(c export.Column, diff bool) {
		if diff {
			cols = append(cols, c.Header())
		}
	}
	add(export.SessionDate, a.sessionSec != b.sessionSec || a.sessionNsec != b.sessionNsec)
	add(export.TransactionDate, a.paidSec != b.paidSec || a.paidNsec != b.paidNsec)
	add(export.ServicePrice, !a.price.Equal(b.price))
	for _, t := range [...]struct {
		c export.Column
		i int
	}{{export.ServiceCurrency, txCurrency}, {export.ServiceName, txService}, {export.ProfessionalEmail, txProf},
		{export.Type, txType}, {export.Sponsor, txSponsor}, {export.Status, txStatus}, {export.SessionStatus, txSessionState}} {
		add(t.c, a.text[t.i] != b.text[t.i])
	}
	return cols
}

// duplicate reports a row whose Transaction ID an earlier row of the month has. A repeat that
// differs from the first row is an error when a Credit is involved: the invoice counts only the
// first row, which may be the wrong one.
func (l *Ledger) duplicate(first, again *txCopy) {
	rows := []int{first.row, again.row}
	f := Finding{
		Code: CodeDuplicate, Severity: SeverityWarning, Rows: rows,
		Message: fmt.Sprintf("row %d repeats the Transaction ID of row %d: counted once", again.row, first.row),
		Next:    "nothing to do if the export lists one payment twice; if they are two sessions, look them up in the portal",
	}
	if cols := first.differs(again); len(cols) > 0 {
		f.Code = CodeDuplicateDiffers
		if credit := l.word(export.TypeCredit); first.text[txType] == credit || again.text[txType] == credit {
			f.Severity = SeverityError
		}
		f.Message = fmt.Sprintf("row %d has the Transaction ID of row %d but another %s: only row %d is counted", again.row, first.row, joinAnd(cols), first.row)
		f.Next = "look both up in the portal (Payments, the 3 dots, View Details), correct the payment and export again"
	}
	p := l.profs[l.words[again.text[txProf]]]
	p.dups = append(p.dups, f)
	if first.text[txProf] != again.text[txProf] {
		if q := l.profs[l.words[first.text[txProf]]]; q != nil {
			q.dups = append(q.dups, f)
		}
	}
}

// of returns the professional's month, or an empty one.
func (l *Ledger) of(pro *Professional) *ledgerMonth {
	if p := l.profs[profKey(pro.Email, pro.Name)]; p != nil {
		return p
	}
	return &ledgerMonth{currencies: map[string][]int{}}
}
