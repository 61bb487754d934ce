package invoice

import (
	"fmt"
	"sort"
	"strings"

	"github.com/hubinvoice/hubinvoice/calendar"
	"github.com/hubinvoice/hubinvoice/export"
	"github.com/shopspring/decimal"
)

// Criteria say which of an export's rows a month's invoice covers.
type Criteria struct {
	Month    calendar.Month
	Sponsors []string // keep only these sponsors, compared ignoring case; empty keeps all
}

// Left counts a month's rows that an invoice leaves out, by reason.
type Left struct {
	Reason string // "Card", "Cash", ... for other payment types; "unpaid credit", "void", ...
	Count  int
	Rows   []int
}

// Professional is one professional's month as gathered from an export: the Credit sessions
// to invoice and what was left out, with the warnings a person should read.
type Professional struct {
	Name  string
	Email string // lower case; the key professionals are matched by
	Lines []Line // the sessions to invoice, in session order once Finish has run
	Left  []Left // what the month holds that the invoice does not, in a stable order

	MonthRows int // all of the professional's rows dated in the month
	left      map[string]*Left
}

// Reasons rows are left out, besides other payment types.
const (
	ReasonUnpaid    = "unpaid credit"
	ReasonVoid      = "void"
	ReasonDeleted   = "deleted session"
	ReasonStatus    = "credit with an unknown status"
	ReasonSponsor   = "other sponsor"
	ReasonDuplicate = "duplicate transaction"
)

// Collector gathers, in one pass over an export, the month's rows of every professional in it.
// Memory grows with the month's rows, not with the export's.
type Collector struct {
	crit     Criteria
	sponsors map[string]bool
	profs    map[string]*Professional
	seen     map[string]int // transaction ID → row of its first occurrence in the month

	// Every professional and sponsor the export names, in any month: to tell a mistyped
	// --professional or --sponsor from a month without their sessions.
	everyone    map[string]string // email or folded name → "Name <email>"
	allSponsors map[string]string // folded → as first spelled

	Outside int // rows dated outside the month
}

// NewCollector returns a collector for the criteria.
func NewCollector(c Criteria) *Collector {
	col := &Collector{crit: c, profs: map[string]*Professional{}, seen: map[string]int{},
		everyone: map[string]string{}, allSponsors: map[string]string{}}
	if len(c.Sponsors) > 0 {
		col.sponsors = map[string]bool{}
		for _, s := range c.Sponsors {
			col.sponsors[foldSponsor(s)] = true
		}
	}
	return col
}

// Add takes one record of the export. Records must come in file order.
func (c *Collector) Add(r *export.Record) {
	if _, ok := c.everyone[r.ProfEmail]; !ok {
		who := fmt.Sprintf("%s <%s>", r.Professional, r.ProfEmail)
		c.everyone[r.ProfEmail] = who
		c.everyone[strings.ToLower(r.Professional)] = who
	}
	if f := foldSponsor(r.Sponsor); f != "" {
		if _, ok := c.allSponsors[f]; !ok {
			c.allSponsors[f] = strings.TrimSpace(r.Sponsor)
		}
	}
	if !c.crit.Month.Contains(r.Session) {
		c.Outside++
		return
	}
	key := r.ProfEmail
	if key == "" {
		key = strings.ToLower(r.Professional)
	}
	p := c.profs[key]
	if p == nil {
		p = &Professional{Name: r.Professional, Email: r.ProfEmail, left: map[string]*Left{}}
		c.profs[key] = p
	}
	if p.Name == "" {
		p.Name = r.Professional
	}
	p.MonthRows++
	if r.TransactionID != "" {
		if _, dup := c.seen[r.TransactionID]; dup {
			p.leave(ReasonDuplicate, r.Row) // the Checker says which row it repeats
			return
		}
		c.seen[r.TransactionID] = r.Row
	}
	switch {
	case r.Type != export.TypeCredit:
		t := r.Type
		if t == "" {
			t = "no payment type"
		}
		p.leave(t, r.Row)
		return
	case r.Status == export.StatusVoid || r.SessionState == export.StatusVoid:
		p.leave(ReasonVoid, r.Row)
		return
	case r.SessionState == export.SessionDeleted:
		p.leave(ReasonDeleted, r.Row)
		return
	case r.Status == export.StatusUnpaid:
		p.leave(ReasonUnpaid, r.Row)
		return
	case r.Status != "" && r.Status != export.StatusPaid: // no Status column: taken as paid
		p.leave(ReasonStatus, r.Row)
		return
	}
	if c.sponsors != nil && !c.sponsors[foldSponsor(r.Sponsor)] {
		p.leave(ReasonSponsor, r.Row)
		return
	}
	p.Lines = append(p.Lines, Line{
		Row:           r.Row,
		TransactionID: r.TransactionID,
		Session:       r.Session,
		Service:       r.Service,
		Sponsor:       r.Sponsor,
		Amount:        r.Price,
		Currency:      r.Currency,
		Cancelled:     r.SessionState == export.SessionCancelled,
	})
}

func (p *Professional) leave(reason string, row int) {
	l := p.left[reason]
	if l == nil {
		l = &Left{Reason: reason}
		p.left[reason] = l
		p.Left = append(p.Left, Left{}) // placeholder; Finish fills Left in order
	}
	l.Count++
	l.Rows = append(l.Rows, row)
}

// Knows reports whether the export names the professional (by email or name, any case) in
// any month.
func (c *Collector) Knows(who string) bool {
	_, ok := c.everyone[strings.ToLower(strings.TrimSpace(who))]
	return ok
}

// Everyone lists every professional the export names, in any month, as "Name <email>", sorted.
func (c *Collector) Everyone() []string {
	seen := map[string]bool{}
	var out []string
	for _, who := range c.everyone {
		if !seen[who] {
			seen[who] = true
			out = append(out, who)
		}
	}
	sort.Strings(out)
	return out
}

// UnknownSponsors returns the sponsors of the criteria that the export never names.
func (c *Collector) UnknownSponsors() []string {
	var out []string
	for _, s := range c.crit.Sponsors {
		if _, ok := c.allSponsors[foldSponsor(s)]; !ok {
			out = append(out, s)
		}
	}
	return out
}

// Sponsors lists every sponsor the export names, in any month, sorted.
func (c *Collector) Sponsors() []string {
	out := make([]string, 0, len(c.allSponsors))
	for _, s := range c.allSponsors {
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

// Professionals returns everyone with rows in the month, sorted by name then email, each
// finished: lines in session order and what was left out. What a person should be told about
// the month is the Checker's to say.
func (c *Collector) Professionals() []*Professional {
	out := make([]*Professional, 0, len(c.profs))
	for _, p := range c.profs {
		p.finish()
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Name != out[j].Name {
			return out[i].Name < out[j].Name
		}
		return out[i].Email < out[j].Email
	})
	return out
}

// reasonOrder puts what needs action first, then other payment types alphabetically.
var reasonOrder = map[string]int{ReasonUnpaid: 0, ReasonStatus: 1, ReasonVoid: 2, ReasonDeleted: 3, ReasonDuplicate: 4, ReasonSponsor: 5}

func (p *Professional) finish() {
	sort.SliceStable(p.Lines, func(i, j int) bool {
		if !p.Lines[i].Session.Equal(p.Lines[j].Session) {
			return p.Lines[i].Session.Before(p.Lines[j].Session)
		}
		return p.Lines[i].Row < p.Lines[j].Row
	})
	p.Left = p.Left[:0]
	for _, l := range p.left {
		p.Left = append(p.Left, *l)
	}
	rank := func(r string) int {
		if n, ok := reasonOrder[r]; ok {
			return n
		}
		return 10
	}
	sort.Slice(p.Left, func(i, j int) bool {
		ri, rj := rank(p.Left[i].Reason), rank(p.Left[j].Reason)
		if ri != rj {
			return ri < rj
		}
		return p.Left[i].Reason < p.Left[j].Reason
	})
}

// Totals returns the sum per currency, sorted by currency code. Amounts in different
// currencies are never added together.
func Totals(lines []Line) []Total {
	sums := map[string]decimal.Decimal{}
	for _, l := range lines {
		sums[l.Currency] = sums[l.Currency].Add(l.Amount)
	}
	out := make([]Total, 0, len(sums))
	for c, a := range sums {
		out = append(out, Total{Currency: c, Amount: a})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Currency < out[j].Currency })
	return out
}

// SponsorTotals returns the subtotals per sponsor and currency, sorted by sponsor (as first
// spelled) then currency; sponsors that differ only in case are one sponsor.
func SponsorTotals(lines []Line) []SponsorTotal {
	type key struct{ sponsor, currency string }
	idx := map[key]int{}
	spelled := map[string]string{}
	var out []SponsorTotal
	for _, l := range lines {
		f := foldSponsor(l.Sponsor)
		if _, ok := spelled[f]; !ok {
			spelled[f] = strings.TrimSpace(l.Sponsor)
		}
		k := key{f, l.Currency}
		i, ok := idx[k]
		if !ok {
			i = len(out)
			idx[k] = i
			out = append(out, SponsorTotal{Sponsor: spelled[f], Currency: l.Currency})
		}
		out[i].Sessions++
		out[i].Amount = out[i].Amount.Add(l.Amount)
	}
	sort.Slice(out, func(i, j int) bool {
		fi, fj := foldSponsor(out[i].Sponsor), foldSponsor(out[j].Sponsor)
		if fi != fj {
			return fi < fj
		}
		return out[i].Currency < out[j].Currency
	})
	return out
}

func sessions(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// rowList names rows for a message: "row 7", "rows 7, 9 and 12", "rows 7, 9, 12, ... (14 in all)".
func rowList(rows []int) string {
	const most = 8
	parts := make([]string, 0, most)
	for i, r := range rows {
		if i == most {
			break
		}
		parts = append(parts, fmt.Sprint(r))
	}
	switch {
	case len(rows) == 1:
		return "row " + parts[0]
	case len(rows) > most:
		return fmt.Sprintf("rows %s, ... (%d in all)", strings.Join(parts, ", "), len(rows))
	}
	return "rows " + strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}
