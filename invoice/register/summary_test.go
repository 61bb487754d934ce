package register

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"

	"github.com/hubinvoice/hubinvoice/invoice"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

type sumKey struct{ month, prof, sponsor, party, currency string }

type sumVal struct {
	sessions int
	amount   decimal.Decimal
}

// year2024 issues a year of documents: two professionals, two currencies, a company billed
// directly, a supplement, a credited month invoiced again and a month of 2023. It returns the
// register and, computed from the lines it asked for, what the summary of 2024 must say.
func year2024(t *testing.T) (*Register, map[sumKey]sumVal) {
	r := open(t)
	want := map[sumKey]sumVal{}
	add := func(inv *invoice.Invoice, sign int) {
		if inv.Period.Year != 2024 {
			return
		}
		for _, l := range inv.Lines {
			k := sumKey{inv.Period.String(), inv.From.Email, l.Sponsor, inv.BillTo.Email, l.Currency}
			v := want[k]
			v.sessions += sign
			v.amount = v.amount.Add(l.Amount.Mul(decimal.NewFromInt(int64(sign))))
			want[k] = v
		}
	}
	acme := invoice.BillTo{Name: "ACME hf.", Email: "invoices@acme.example", Sponsors: []string{"ACME"}}
	for _, who := range []string{"thordis@example.is", "jon@example.is"} {
		p := profile(t, "")
		p.Professional.Email = who
		p.BillTo = []invoice.BillTo{acme}
		cal, _ := p.Calendar()
		for _, ms := range []string{"2023-12", "2024-01", "2024-02", "2024-03", "2024-04"} {
			m := month(ms)
			lines := monthLines(m)
			for i := range lines {
				lines[i].TransactionID = who + lines[i].TransactionID
			}
			lines = append(lines,
				line(m, 20, who+ms+"eur", "HubA", "115.50", "EUR"),
				line(m, 21, who+ms+"acme", "ACME", "20000", "ISK"))
			issued := day(ms+"-01").AddDate(0, 1, 1)
			for _, part := range p.Split(lines) {
				inv := invoice.Build(part.Lines, part.Party, invoice.BuildOptions{Profile: p, Period: m, Issued: issued, Calendar: cal})
				got := issue(t, r, p, inv, false)
				add(inv, 1)
				if ms == "2024-02" && part.Party.Email == invoice.DefaultBillTo().Email {
					n, _ := p.NumberFormats()
					if _, err := r.Credit(ctx, CreditRequest{Number: got.Invoice.Number, Issued: issued.AddDate(0, 0, 3), Numbering: n}); err != nil {
						t.Fatal(err)
					}
					add(inv, -1)
					again := inv.WithLines(part.Lines[1:])
					issue(t, r, p, again, false)
					add(again, 1)
				}
			}
			if ms == "2024-04" { // a late session, supplemented
				late := line(m, 29, who+"late", "HubB", "9000", "ISK")
				inv := invoice.Build(append(p.Split(lines)[1].Lines, late), invoice.DefaultBillTo(), invoice.BuildOptions{Profile: p, Period: m, Issued: issued, Calendar: cal})
				sup := issue(t, r, p, inv, true)
				if sup.Invoice.Sessions() != 1 {
					t.Fatalf("the supplement has %d sessions", sup.Invoice.Sessions())
				}
				add(sup.Invoice, 1)
			}
		}
	}
	return r, want
}

// What it must show, 5: the summary of a year equals the sums computed from the lines that
// were invoiced and credited.
func TestSummary(t *testing.T) {
	r, want := year2024(t)
	s, err := r.Summary(ctx, 2024)
	if err != nil {
		t.Fatal(err)
	}
	got := map[sumKey]sumVal{}
	for _, row := range s.Rows {
		k := sumKey{row.Month, row.Professional.Email, row.Sponsor, row.BillTo.Email, row.Currency}
		if _, dup := got[k]; dup {
			t.Errorf("two rows for %v", k)
		}
		inv, cred, net := decimal.RequireFromString(row.Invoiced), decimal.RequireFromString(row.Credited), decimal.RequireFromString(row.Amount)
		if !inv.Add(cred).Equal(net) || cred.IsPositive() {
			t.Errorf("%v: invoiced %s + credited %s is not %s", k, row.Invoiced, row.Credited, row.Amount)
		}
		got[k] = sumVal{row.Sessions, net}
	}
	if len(got) != len(want) {
		t.Errorf("%d rows, want %d", len(got), len(want))
	}
	totals := map[string]decimal.Decimal{}
	for k, w := range want {
		g, ok := got[k]
		if !ok || g.sessions != w.sessions || !g.amount.Equal(w.amount) {
			t.Errorf("%v: got %d sessions %s, want %d sessions %s", k, g.sessions, g.amount, w.sessions, w.amount)
		}
		totals[k.currency] = totals[k.currency].Add(w.amount)
	}
	for _, tot := range s.Totals {
		if !decimal.RequireFromString(tot.Amount).Equal(totals[tot.Currency]) {
			t.Errorf("total %s %s, want %s", tot.Currency, tot.Amount, totals[tot.Currency])
		}
	}
	if len(s.Totals) != 2 {
		t.Errorf("totals %v, want ISK and EUR apart", s.Totals)
	}
	b, _ := json.Marshal(s)
	for _, key := range []string{`"year":2024`, `"rows":[{"month":"2024-01","professional":{"name":`, `"sponsor":"ACME","bill_to":{"name":"ACME hf.","email":"invoices@acme.example"},"currency":"ISK","sessions":1`, `"totals":[{"currency":"EUR","amount":"`} {
		if !strings.Contains(string(b), key) {
			t.Errorf("the summary's JSON lacks %s:\n%s", key, b)
		}
	}
	if s23 := Summarize(mustList(t, r), 2023); len(s23.Rows) == 0 || s23.Rows[0].Month != "2023-12" {
		t.Errorf("2023: %+v", s23.Rows)
	}
}

func mustList(t *testing.T, r *Register) []*Document {
	docs, err := r.List(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return docs
}

// The export has a row per document and currency whose amounts add up, per currency, to the
// documents' totals, in CSV and in .xlsx alike.
func TestExport(t *testing.T) {
	r, _ := year2024(t)
	docs := mustList(t, r)
	today := day("2024-12-31")
	want := map[string]decimal.Decimal{}
	wantRows := 0
	for _, d := range docs {
		for _, tot := range d.Invoice.Totals {
			want[tot.Currency] = want[tot.Currency].Add(tot.Amount)
			wantRows++
		}
	}
	check := func(name string, rows [][]string) {
		t.Helper()
		if len(rows) != wantRows+1 || strings.Join(rows[0], ",") != strings.Join(exportHeaders, ",") {
			t.Fatalf("%s: %d rows, headers %v; want %d and %v", name, len(rows), rows[0], wantRows+1, exportHeaders)
		}
		got := map[string]decimal.Decimal{}
		statuses := map[string]int{} // documents, not rows
		seen := map[string]bool{}
		for _, row := range rows[1:] {
			a, err := decimal.NewFromString(strings.ReplaceAll(row[10], ",", ""))
			if err != nil {
				t.Fatalf("%s: amount %q: %v", name, row[10], err)
			}
			got[row[9]] = got[row[9]].Add(a)
			if !seen[row[0]] {
				seen[row[0]] = true
				statuses[row[12]]++
			}
		}
		for c, w := range want {
			if !got[c].Equal(w) {
				t.Errorf("%s: %s adds up to %s, want %s", name, c, got[c], w)
			}
		}
		if statuses[StatusCredited] != 2 || statuses[StatusOverdue] == 0 {
			t.Errorf("%s: statuses %v, want 2 credited and some overdue", name, statuses)
		}
	}
	var b bytes.Buffer
	if err := Export(&b, "r.csv", docs, today); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(b.String(), "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	check("csv", rows)

	b.Reset()
	if err := Export(&b, "r.xlsx", docs, today); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	xrows, err := f.GetRows("Register", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	for i := range xrows {
		for len(xrows[i]) < len(exportHeaders) {
			xrows[i] = append(xrows[i], "")
		}
	}
	check("xlsx", xrows)
	if v, _ := f.GetCellType("Register", "K2"); v != excelize.CellTypeNumber && v != excelize.CellTypeUnset {
		t.Errorf("the amount cell is of type %v, want a number", v)
	}
	if err := Export(&b, "r.pdf", docs, today); err == nil {
		t.Error("an export to .pdf")
	}
}
