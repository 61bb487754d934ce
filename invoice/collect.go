package invoice

import (
	"fmt"
	"sort"
	"time"

	"github.com/hubinvoice/hubinvoice/calendar"
	"github.com/hubinvoice/hubinvoice/export"
	"github.com/shopspring/decimal"
)

// The statuses of money to collect.
const (
	CollectPaid   = "paid"   // the client has paid
	CollectUnpaid = "unpaid" // still to chase
)

// CollectGroup is a month's sessions of one payment type, currency and status that the
// professional is paid for directly, not through the credit invoice.
type CollectGroup struct {
	Type     string // Card, POS, Cash, Bank Transfer, Other, or "" when the row has none
	Currency string
	Status   string // CollectPaid or CollectUnpaid
	Count    int
	Amount   decimal.Decimal
	Rows     []int
}

// CardPayout is the month's Paid card payments in one currency that one weekly transfer pays
// out.
type CardPayout struct {
	calendar.Payout
	Currency string
	Count    int
	Amount   decimal.Decimal
	Rows     []int
}

// Collection is what a professional collects themselves for a month: every payment type but
// Credit, and the card payments the platform pays out.
type Collection struct {
	Groups   []CollectGroup // sorted by type, currency, status
	Payouts  []CardPayout   // sorted by payout date, currency
	NoStatus bool           // some rows had no Status and were taken as paid

	// Rows in no group because a word in them is one hubinvoice does not know (never shown:
	// it might be a client's name in the wrong column), in file order.
	UnknownType   []int // export.TypeUnknown
	UnknownStatus []int // export.StatusUnknown, of a known type other than Credit
}

// Warnings returns what a professional should be told about the rows left out of every
// group: one line each, naming rows, never a value.
func (c Collection) Warnings() []string {
	var out []string
	for _, u := range []struct {
		rows []int
		what string
	}{{c.UnknownType, "payment type"}, {c.UnknownStatus, "status"}} {
		if len(u.rows) > 0 {
			out = append(out, fmt.Sprintf("%s with a %s hubinvoice does not know (%s): in no group; check them in the portal (Payments, the 3 dots, View Details)",
				sessions(len(u.rows), "row"), u.what, rowList(u.rows)))
		}
	}
	return out
}

// Collect gathers, in one pass over an export, the month's sessions paid by other means than
// Credit: per professional, type, currency and status (paid or unpaid). Void and deleted
// sessions are left out; so is a row whose Transaction ID an earlier row of the month has (the
// same payment), and a row of a type or status hubinvoice does not know, which Collection names
// by row for a warning. A
// session is in the month by its session date; a card payment is paid out by the weekly
// transfer after its Transaction Date (its session date when it has none).
type Collect struct {
	month calendar.Month
	cal   *calendar.Calendar
	seen  map[string]bool
	profs map[string]*collecting
}

type collecting struct {
	groups        map[[3]string]*CollectGroup
	payouts       map[payoutKey]*CardPayout
	noStatus      bool
	unknownType   []int
	unknownStatus []int
}

type payoutKey struct {
	date     time.Time
	currency string
}

// NewCollect returns a collection of the month, with card payouts by the calendar's working
// days (nil leaves the payouts out).
func NewCollect(m calendar.Month, cal *calendar.Calendar) *Collect {
	return &Collect{month: m, cal: cal, seen: map[string]bool{}, profs: map[string]*collecting{}}
}

// Add takes one record of the export. Records must come in file order.
func (c *Collect) Add(r *export.Record) {
	if !c.month.Contains(r.Session) {
		return
	}
	if r.TransactionID != "" {
		if c.seen[r.TransactionID] {
			return
		}
		c.seen[r.TransactionID] = true
	}
	if r.Type == export.TypeCredit || r.Status == export.StatusVoid ||
		r.SessionState == export.StatusVoid || r.SessionState == export.SessionDeleted {
		return
	}
	key := profKey(r.ProfEmail, r.Professional)
	p := c.profs[key]
	if p == nil {
		p = &collecting{groups: map[[3]string]*CollectGroup{}, payouts: map[payoutKey]*CardPayout{}}
		c.profs[key] = p
	}
	var status string
	switch {
	case r.Type == export.TypeUnknown:
		p.unknownType = append(p.unknownType, r.Row)
		return
	case r.Status == export.StatusPaid:
		status = CollectPaid
	case r.Status == export.StatusUnpaid:
		status = CollectUnpaid
	case r.Status == "":
		status, p.noStatus = CollectPaid, true
	default: // export.StatusUnknown
		p.unknownStatus = append(p.unknownStatus, r.Row)
		return
	}
	gk := [3]string{r.Type, r.Currency, status}
	g := p.groups[gk]
	if g == nil {
		g = &CollectGroup{Type: r.Type, Currency: r.Currency, Status: status}
		p.groups[gk] = g
	}
	g.Count++
	g.Amount = g.Amount.Add(r.Price)
	g.Rows = append(g.Rows, r.Row)

	if r.Type != export.TypeCard || status != CollectPaid || c.cal == nil {
		return
	}
	charged := r.Paid
	if charged.IsZero() {
		charged = r.Session
	}
	po := c.cal.Payout(charged)
	pk := payoutKey{po.Date, r.Currency}
	cp := p.payouts[pk]
	if cp == nil {
		cp = &CardPayout{Payout: po, Currency: r.Currency}
		p.payouts[pk] = cp
	}
	cp.Count++
	cp.Amount = cp.Amount.Add(r.Price)
	cp.Rows = append(cp.Rows, r.Row)
}

// Of returns the professional's collection for the month; empty when they have nothing to
// collect.
func (c *Collect) Of(pro *Professional) Collection {
	p := c.profs[profKey(pro.Email, pro.Name)]
	out := Collection{Groups: []CollectGroup{}, Payouts: []CardPayout{}}
	if p == nil {
		return out
	}
	out.NoStatus, out.UnknownType, out.UnknownStatus = p.noStatus, p.unknownType, p.unknownStatus
	for _, g := range p.groups {
		out.Groups = append(out.Groups, *g)
	}
	sort.Slice(out.Groups, func(i, j int) bool {
		a, b := out.Groups[i], out.Groups[j]
		if a.Type != b.Type {
			return a.Type < b.Type
		}
		if a.Currency != b.Currency {
			return a.Currency < b.Currency
		}
		return a.Status < b.Status
	})
	for _, cp := range p.payouts {
		out.Payouts = append(out.Payouts, *cp)
	}
	sort.Slice(out.Payouts, func(i, j int) bool {
		a, b := out.Payouts[i], out.Payouts[j]
		if !a.Date.Equal(b.Date) {
			return a.Date.Before(b.Date)
		}
		return a.Currency < b.Currency
	})
	return out
}
