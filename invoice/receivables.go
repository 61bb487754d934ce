package invoice

import (
	"fmt"
	"sort"
	"time"

	"github.com/hubinvoice/hubinvoice/calendar"
	"github.com/hubinvoice/hubinvoice/export"
	"github.com/shopspring/decimal"
)

// The statuses of money a client owes.
const (
	ClientPaid   = "paid"   // the client has paid
	ClientUnpaid = "unpaid" // still to chase
)

// ReceivableGroup is a month's sessions of one payment type, currency and status that the
// client pays the professional for directly, not through the credit invoice.
type ReceivableGroup struct {
	Type     string // Card, POS, Cash, Bank Transfer, Other, Credit (without a Sponsor), or "" when the row has none
	Currency string
	Status   string // ClientPaid or ClientUnpaid
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
	Undated  int // of Count, the payments with no Transaction Date, dated by their session
}

// Receivables is the money a professional's clients owe them for a month, paid or to chase:
// every payment type but Credit, a Credit without a Sponsor, and the card payments the
// platform pays out.
type Receivables struct {
	Groups   []ReceivableGroup // sorted by type, currency, status
	Payouts  []CardPayout      // sorted by payout date, currency
	NoStatus bool              // some rows had no Status and were taken as paid

	// Rows in no group because a word in them is one hubinvoice does not know (never shown:
	// it might be a client's name in the wrong column), in file order.
	UnknownType   []int // export.TypeUnknown
	UnknownStatus []int // export.StatusUnknown, of a row the client would owe
}

// ToChase returns how many sessions the clients have not paid yet and their amounts, one
// total per currency in the order the groups first name it: never summed across currencies.
func (c Receivables) ToChase() (sessions int, totals []Total) {
	at := map[string]int{}
	for _, g := range c.Groups {
		if g.Status != ClientUnpaid {
			continue
		}
		i, ok := at[g.Currency]
		if !ok {
			i = len(totals)
			at[g.Currency] = i
			totals = append(totals, Total{Currency: g.Currency})
		}
		totals[i].Amount = totals[i].Amount.Add(g.Amount)
		sessions += g.Count
	}
	return sessions, totals
}

// Warnings returns what a professional should be told about the rows left out of every
// group: one line each, naming rows, never a value.
func (c Receivables) Warnings() []string {
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

type payoutKey struct {
	date     time.Time
	currency string
}

// owe files a row the client owes: in its group and, for a paid card payment, in the weekly
// transfer after its Transaction Date (its session date when it has none).
func (p *ledgerMonth) owe(r *export.Record, c Class, cal *calendar.Calendar) {
	status := ClientUnpaid
	if c.Paid {
		status = ClientPaid
		if r.Status == "" {
			p.noStatus = true
		}
	}
	gk := [3]string{c.Reason, r.Currency, status}
	g := p.groups[gk]
	if g == nil {
		g = &ReceivableGroup{Type: c.Reason, Currency: r.Currency, Status: status}
		p.groups[gk] = g
	}
	g.Count++
	g.Amount = g.Amount.Add(r.Price)
	g.Rows = append(g.Rows, r.Row)

	if r.Type != export.TypeCard || !c.Paid || cal == nil {
		return
	}
	charged, undated := r.Paid, 0
	if charged.IsZero() {
		charged, undated = r.Session, 1
	}
	po := cal.Payout(charged)
	pk := payoutKey{po.Date, r.Currency}
	cp := p.payouts[pk]
	if cp == nil {
		cp = &CardPayout{Payout: po, Currency: r.Currency}
		p.payouts[pk] = cp
	}
	cp.Undated += undated
	cp.Count++
	cp.Amount = cp.Amount.Add(r.Price)
	cp.Rows = append(cp.Rows, r.Row)
}

// Receivables returns what the professional's clients owe them for the month (empty when
// nothing): the ledger's ClientOwes rows, grouped.
func (l *Ledger) Receivables(pro *Professional) Receivables {
	p := l.of(pro)
	out := Receivables{Groups: []ReceivableGroup{}, Payouts: []CardPayout{}}
	out.NoStatus = p.noStatus
	out.UnknownType = p.rows[raisedIndex[CodeUnknownType]]
	out.UnknownStatus = p.unknownOwed
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
	out.Payouts = sortPayouts(p.payouts)
	return out
}

// Payouts returns the card payouts of every professional of the ledger together, merged per
// transfer and currency: what the platform transfers.
func (l *Ledger) Payouts() []CardPayout {
	all := map[payoutKey]*CardPayout{}
	for _, p := range l.profs {
		for k, cp := range p.payouts {
			a := all[k]
			if a == nil {
				a = &CardPayout{Payout: cp.Payout, Currency: cp.Currency}
				all[k] = a
			}
			a.Count += cp.Count
			a.Undated += cp.Undated
			a.Amount = a.Amount.Add(cp.Amount)
			a.Rows = append(a.Rows, cp.Rows...)
		}
	}
	out := sortPayouts(all)
	for i := range out {
		sort.Ints(out[i].Rows)
	}
	return out
}

func sortPayouts(m map[payoutKey]*CardPayout) []CardPayout {
	out := make([]CardPayout, 0, len(m))
	for _, cp := range m {
		out = append(out, *cp)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if !a.Date.Equal(b.Date) {
			return a.Date.Before(b.Date)
		}
		return a.Currency < b.Currency
	})
	return out
}
