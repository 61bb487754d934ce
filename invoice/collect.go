package invoice

import (
	"sort"
	"strings"
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
	Type     string // Card, POS, Cash, Bank Transfer, Other, or the export's own word
	Currency string
	Status   string // CollectPaid, CollectUnpaid, or the export's own status in lower case
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
}

// Collect gathers, in one pass over an export, the month's sessions paid by other means than
// Credit: per professional, type, currency and status. Void and deleted sessions are left out;
// so is a row whose Transaction ID an earlier row of the month has (the same payment). A
// session is in the month by its session date; a card payment is paid out by the weekly
// transfer after its Transaction Date (its session date when it has none).
type Collect struct {
	month calendar.Month
	cal   *calendar.Calendar
	seen  map[string]bool
	profs map[string]*collecting
}

type collecting struct {
	groups   map[[3]string]*CollectGroup
	payouts  map[payoutKey]*CardPayout
	noStatus bool
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
	status := strings.ToLower(r.Status)
	if status == "" {
		status, p.noStatus = CollectPaid, true
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
	out.NoStatus = p.noStatus
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
