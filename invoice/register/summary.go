package register

import (
	"context"
	"sort"
	"strings"

	"github.com/hubinvoice/hubinvoice/invoice"
	"github.com/shopspring/decimal"
)

// Summary is a year of the register as a tax return wants it: for each month of sessions,
// sender, sponsor, bill-to party and currency, the sessions and amounts invoiced, those
// credited, and the net. A credit note counts in the month of the invoice it cancels, so that
// a month credited and invoiced again counts once.
type Summary struct {
	Year   int          `json:"year"`
	Rows   []SummaryRow `json:"rows"`
	Totals []Amount     `json:"totals"` // the net per currency
}

// SummaryRow is one month, sender, sponsor, party and currency of a Summary.
type SummaryRow struct {
	Month        string `json:"month"`
	Professional Person `json:"professional"`
	Sponsor      string `json:"sponsor"`
	BillTo       Person `json:"bill_to"`
	Currency     string `json:"currency"`
	Sessions     int    `json:"sessions"` // net: a credited session counts -1
	Invoiced     string `json:"invoiced"`
	Credited     string `json:"credited"` // negative or zero
	Amount       string `json:"amount"`   // the net: invoiced plus credited
}

// Summary adds up the documents whose sessions are in year.
func (r *Register) Summary(ctx context.Context, year int) (*Summary, error) {
	docs, err := r.List(ctx)
	if err != nil {
		return nil, err
	}
	return Summarize(docs, year), nil
}

// Summarize adds up the documents whose sessions are in year, sorted by month, sender,
// sponsor, party and currency.
func Summarize(docs []*Document, year int) *Summary {
	type rowKey struct{ month, prof, sponsor, party, currency string }
	type acc struct {
		row                SummaryRow
		invoiced, credited decimal.Decimal
	}
	rows := map[rowKey]*acc{}
	totals := map[string]decimal.Decimal{}
	for _, d := range docs {
		inv := d.Invoice
		if inv.Period.Year != year {
			continue
		}
		for _, l := range inv.Lines {
			sponsor := strings.TrimSpace(l.Sponsor)
			k := rowKey{inv.Period.String(), strings.ToLower(inv.From.Email), strings.ToLower(sponsor), strings.ToLower(inv.BillTo.Email), l.Currency}
			a, ok := rows[k]
			if !ok {
				a = &acc{row: SummaryRow{
					Month: k.month, Professional: Person{inv.From.Name, inv.From.Email}, Sponsor: sponsor,
					BillTo: Person{inv.BillTo.Name, inv.BillTo.Email}, Currency: l.Currency,
				}}
				rows[k] = a
			}
			if inv.IsCredit() {
				a.row.Sessions--
				a.credited = a.credited.Add(l.Amount)
			} else {
				a.row.Sessions++
				a.invoiced = a.invoiced.Add(l.Amount)
			}
			totals[l.Currency] = totals[l.Currency].Add(l.Amount)
		}
	}
	keys := make([]rowKey, 0, len(rows))
	for k := range rows {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := keys[i], keys[j]
		for _, c := range [][2]string{{a.month, b.month}, {a.prof, b.prof}, {a.sponsor, b.sponsor}, {a.party, b.party}, {a.currency, b.currency}} {
			if c[0] != c[1] {
				return c[0] < c[1]
			}
		}
		return false
	})
	s := &Summary{Year: year, Rows: make([]SummaryRow, 0, len(keys)), Totals: []Amount{}}
	for _, k := range keys {
		a := rows[k]
		a.row.Invoiced = invoice.PlainAmount(a.invoiced, k.currency)
		a.row.Credited = invoice.PlainAmount(a.credited, k.currency)
		a.row.Amount = invoice.PlainAmount(a.invoiced.Add(a.credited), k.currency)
		s.Rows = append(s.Rows, a.row)
	}
	currencies := make([]string, 0, len(totals))
	for c := range totals {
		currencies = append(currencies, c)
	}
	sort.Strings(currencies)
	for _, c := range currencies {
		s.Totals = append(s.Totals, Amount{c, invoice.PlainAmount(totals[c], c)})
	}
	return s
}
