package invoice

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/hubinvoice/hubinvoice/calendar"
	"github.com/hubinvoice/hubinvoice/export"
	"github.com/shopspring/decimal"
)

type collectJSON struct {
	Type     string `json:"type"`
	Currency string `json:"currency"`
	Status   string `json:"status"`
	Count    int    `json:"count"`
	Amount   string `json:"amount"`
}

// TestCollectFixtures: per professional, type, currency and status, the counts and amounts
// match expected.json, computed independently in Python from the files as openpyxl,
// LibreOffice and the csv module read them.
func TestCollectFixtures(t *testing.T) {
	var want struct {
		Files map[string]struct {
			Collect map[string][]collectJSON `json:"collect"`
		} `json:"files"`
	}
	month := readExpected(t, &want)
	is, _ := calendar.New("IS")
	for file, fx := range want.Files {
		t.Run(file, func(t *testing.T) {
			l := NewLedger(LedgerOptions{Month: month, Calendar: is})
			readFixture(t, file, func(r *export.Record) { l.Add(r) })
			if len(fx.Collect) == 0 {
				t.Fatal("expected.json has no collect figures")
			}
			profs := map[string]*Professional{}
			for _, p := range l.Professionals() {
				profs[p.Email] = p
			}
			for email, groups := range fx.Collect {
				p := profs[email]
				if p == nil {
					t.Errorf("%s: no professional", email)
					continue
				}
				coll := l.Receivables(p)
				got := make([]collectJSON, len(coll.Groups))
				for i, g := range coll.Groups {
					got[i] = collectJSON{g.Type, g.Currency, g.Status, g.Count, PlainAmount(g.Amount, g.Currency)}
				}
				if g, w := mustJSON(t, got), mustJSON(t, groups); g != w {
					t.Errorf("%s:\n got %s\nwant %s", email, g, w)
				}
				checkPayoutsAddUp(t, email, coll)
			}
		})
	}
}

// checkPayoutsAddUp: the card payouts hold exactly the Paid card sessions.
func checkPayoutsAddUp(t *testing.T, who string, c Receivables) {
	t.Helper()
	paid := map[string]decimal.Decimal{}
	n := map[string]int{}
	for _, g := range c.Groups {
		if g.Type == export.TypeCard && g.Status == ClientPaid {
			paid[g.Currency] = paid[g.Currency].Add(g.Amount)
			n[g.Currency] += g.Count
		}
	}
	for _, p := range c.Payouts {
		paid[p.Currency] = paid[p.Currency].Sub(p.Amount)
		n[p.Currency] -= p.Count
		if p.Date.Weekday() == time.Saturday || p.Date.Weekday() == time.Sunday || p.Date.Before(p.WindowEnd) {
			t.Errorf("%s: payout on %s for %s to %s", who, p.Date, p.WindowStart, p.WindowEnd)
		}
	}
	for cur, left := range paid {
		if !left.IsZero() || n[cur] != 0 {
			t.Errorf("%s: card payouts in %s differ from the Paid card sessions by %s (%d sessions)", who, cur, left, n[cur])
		}
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestCollectRules(t *testing.T) {
	is, _ := calendar.New("IS")
	june := calendar.Month{Year: 2023, Month: time.June}
	at := func(r *export.Record, session, paid string) *export.Record {
		r.Session, _ = time.Parse("2006-01-02 15:04", session)
		if paid != "" {
			r.Paid, _ = time.Parse("2006-01-02 15:04", paid)
		}
		return r
	}
	dup := at(rec(9, 1, "Card", "Paid", "Complete", "", "18500"), "2023-06-27 16:00", "2023-06-27 16:40")
	dup.TransactionID = "T9"
	dup2 := *dup
	dup2.Row = 10
	cur := at(rec(11, 1, "Card", "Paid", "Complete", "", "60.00"), "2023-06-22 10:00", "2023-06-22 10:30")
	cur.Currency = "EUR"
	recs := []*export.Record{
		at(rec(2, 1, "Card", "Paid", "Complete", "", "18500"), "2023-06-21 09:00", "2023-06-21 09:15"),
		at(rec(3, 1, "Card", "Paid", "Complete", "", "18500"), "2023-06-28 10:00", ""), // no Transaction Date
		at(rec(4, 1, "Card", "Unpaid", "Complete", "", "18500"), "2023-06-28 11:00", ""),
		at(rec(5, 1, "Cash", "Void", "Complete", "", "18500"), "2023-06-28 12:00", ""),
		at(rec(6, 1, "POS", "Paid", "Deleted", "", "18500"), "2023-06-28 13:00", ""),
		at(rec(7, 1, "Credit", "Paid", "Complete", "ACME", "18500"), "2023-06-28 14:00", ""),
		at(rec(8, 1, "Bank Transfer", "Paid", "Cancelled", "ACME", "6500"), "2023-06-29 14:00", ""), // charged cancellation
		dup, &dup2, cur,
		at(rec(12, 1, "Card", "Paid", "Complete", "", "18500"), "2023-07-03 10:00", "2023-07-03 10:00"), // July
	}
	c := collectMonth(june, is, recs...)
	var groups []string
	for _, g := range c.Groups {
		groups = append(groups, g.Type+" "+g.Currency+" "+g.Status+" "+fmtInts([]int{g.Count})+" "+PlainAmount(g.Amount, g.Currency)+" rows "+fmtInts(g.Rows))
	}
	want := []string{
		"Bank Transfer ISK paid 1 6500 rows 8",
		"Card EUR paid 1 60.00 rows 11",
		"Card ISK paid 3 55500 rows 2 3 9",
		"Card ISK unpaid 1 18500 rows 4",
	}
	if mustJSON(t, groups) != mustJSON(t, want) {
		t.Errorf("groups:\n got %q\nwant %q", groups, want)
	}
	// Seed 000: the charges of Wednesday 21 to Tuesday 27 June 2023 are paid on Tuesday 4 July.
	var payouts []string
	for _, p := range c.Payouts {
		payouts = append(payouts, p.Date.Format(time.DateOnly)+" "+p.WindowStart.Format("01-02")+".."+p.WindowEnd.Format("01-02")+" "+p.Currency+" "+PlainAmount(p.Amount, p.Currency)+" rows "+fmtInts(p.Rows))
	}
	wantPayouts := []string{
		"2023-07-04 06-21..06-27 EUR 60.00 rows 11",
		"2023-07-04 06-21..06-27 ISK 37000 rows 2 9",
		"2023-07-11 06-28..07-04 ISK 18500 rows 3",
	}
	if mustJSON(t, payouts) != mustJSON(t, wantPayouts) {
		t.Errorf("payouts:\n got %q\nwant %q", payouts, wantPayouts)
	}
	if c.NoStatus {
		t.Error("NoStatus set, but every row has a status")
	}
}

// TestCollectUnknownWords: a status or a payment type the reader did not know is in no group
// (the contract is paid or unpaid, and a type is one hubinvoice knows); the rows are given
// back for a warning that names them, and no word of the export. An empty Status is paid.
func TestCollectUnknownWords(t *testing.T) {
	recs := []*export.Record{
		rec(2, 4, "Card", export.StatusUnknown, "Complete", "", "18500"),
		rec(3, 5, "Cash", "Paid", "Complete", "", "15000"),
		rec(4, 6, export.TypeUnknown, "Paid", "Complete", "ACME", "18500"),
		rec(5, 7, "POS", export.StatusUnknown, "Complete", "", "6500"),
		rec(6, 8, "POS", "", "Complete", "", "6500"),
		rec(7, 9, export.TypeUnknown, export.StatusUnknown, "Complete", "", "6500"),
		rec(8, 10, "Credit", export.StatusUnknown, "Complete", "ACME", "18500"), // the Checker's to tell
	}
	c := collectMonth(march, nil, recs...)
	var groups []string
	for _, g := range c.Groups {
		groups = append(groups, g.Type+" "+g.Status+" rows "+fmtInts(g.Rows))
		if g.Status != ClientPaid && g.Status != ClientUnpaid {
			t.Errorf("group %s has status %q, want paid or unpaid", g.Type, g.Status)
		}
	}
	if want := []string{"Cash paid rows 3", "POS paid rows 6"}; mustJSON(t, groups) != mustJSON(t, want) {
		t.Errorf("groups:\n got %q\nwant %q", groups, want)
	}
	if fmtInts(c.UnknownStatus) != "2 5" || fmtInts(c.UnknownType) != "4 7" || !c.NoStatus {
		t.Errorf("got unknown status rows %v, unknown type rows %v, NoStatus %v; want 2 5, 4 7, true", c.UnknownStatus, c.UnknownType, c.NoStatus)
	}
	want := []string{
		"2 rows with a payment type hubinvoice does not know (rows 4 and 7): in no group; check them in the portal (Payments, the 3 dots, View Details)",
		"2 rows with a status hubinvoice does not know (rows 2 and 5): in no group; check them in the portal (Payments, the 3 dots, View Details)",
	}
	if got := c.Warnings(); mustJSON(t, got) != mustJSON(t, want) {
		t.Errorf("warnings:\n got %q\nwant %q", got, want)
	}
}

// collectMonth runs a Collector and a Collect over the records in one pass, as the command
// does, and returns the collection of the first record's professional.
func collectMonth(m calendar.Month, cal *calendar.Calendar, recs ...*export.Record) Receivables {
	l := NewLedger(LedgerOptions{Month: m, Calendar: cal})
	for _, r := range recs {
		l.Add(r)
	}
	return l.Receivables(l.Professionals()[0])
}

func TestToChase(t *testing.T) {
	d := decimal.RequireFromString
	c := Receivables{Groups: []ReceivableGroup{
		{Type: "Card", Currency: "ISK", Status: ClientUnpaid, Count: 2, Amount: d("32000")},
		{Type: "Card", Currency: "ISK", Status: ClientPaid, Count: 5, Amount: d("80000")},
		{Type: "Cash", Currency: "EUR", Status: ClientUnpaid, Count: 1, Amount: d("60.50")},
		{Type: "Cash", Currency: "ISK", Status: ClientUnpaid, Count: 1, Amount: d("16000")},
	}}
	n, totals := c.ToChase()
	if n != 4 {
		t.Errorf("got %d sessions to chase, want 4 (paid groups are not chased)", n)
	}
	want := []Total{{"ISK", d("48000")}, {"EUR", d("60.50")}}
	if len(totals) != len(want) {
		t.Fatalf("got %v, want %v", totals, want)
	}
	for i := range want {
		if totals[i].Currency != want[i].Currency || !totals[i].Amount.Equal(want[i].Amount) {
			t.Errorf("total %d: got %s %s, want %s %s", i, totals[i].Currency, totals[i].Amount, want[i].Currency, want[i].Amount)
		}
	}
}
