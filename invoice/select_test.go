package invoice

import (
	"strings"
	"testing"
	"time"

	"github.com/hubinvoice/hubinvoice/calendar"
	"github.com/hubinvoice/hubinvoice/export"
	"github.com/shopspring/decimal"
)

var march = calendar.Month{Year: 2024, Month: time.March}

func rec(row int, day int, typ, status, state, sponsor, price string) *export.Record {
	return &export.Record{
		Row: row, TransactionID: "", Session: time.Date(2024, 3, day, 10, 0, 0, 0, time.UTC),
		Service: "Viðtal", Price: decimal.RequireFromString(price), Currency: "ISK",
		Professional: "Þórdís Guðmundsdóttir", ProfEmail: "thordis@example.is",
		Type: typ, Sponsor: sponsor, Status: status, SessionState: state,
	}
}

func TestCollectorSelection(t *testing.T) {
	tests := []struct {
		name     string
		r        *export.Record
		included bool
		reason   string
		marked   bool
	}{
		{"paid credit", rec(2, 5, "Credit", "Paid", "Complete", "ACME", "18500"), true, "", false},
		{"charged cancellation", rec(2, 5, "Credit", "Paid", "Cancelled", "ACME", "18500"), true, "", true},
		{"unpaid credit", rec(2, 5, "Credit", "Unpaid", "Complete", "ACME", "18500"), false, ReasonUnpaid, false},
		{"void payment", rec(2, 5, "Credit", "Void", "Complete", "ACME", "18500"), false, ReasonVoid, false},
		{"void session", rec(2, 5, "Credit", "Paid", "Void", "ACME", "18500"), false, ReasonVoid, false},
		{"deleted session", rec(2, 5, "Credit", "Paid", "Deleted", "ACME", "18500"), false, ReasonDeleted, false},
		{"refunded", rec(2, 5, "Credit", "Refunded", "Complete", "ACME", "18500"), false, ReasonStatus, false},
		{"card", rec(2, 5, "Card", "Paid", "Complete", "ACME", "18500"), false, "Card", false},
		{"no type", rec(2, 5, "", "Paid", "Complete", "ACME", "18500"), false, ReasonNoType, false},
		{"no status column", rec(2, 5, "Credit", "", "", "ACME", "18500"), true, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := NewLedger(LedgerOptions{Month: march})
			c.Add(tt.r)
			ps := c.Professionals()
			if len(ps) != 1 {
				t.Fatalf("got %d professionals, want 1", len(ps))
			}
			p := ps[0]
			if got := len(p.Lines) == 1; got != tt.included {
				t.Fatalf("included = %v, want %v", got, tt.included)
			}
			if tt.included && p.Lines[0].Cancelled != tt.marked {
				t.Errorf("cancelled mark = %v, want %v", p.Lines[0].Cancelled, tt.marked)
			}
			if !tt.included && (len(p.Left) != 1 || p.Left[0].Reason != tt.reason || p.Left[0].Rows[0] != 2) {
				t.Errorf("left out %+v, want reason %q on row 2", p.Left, tt.reason)
			}
		})
	}
}

func TestCollectorMonthSponsorsDuplicates(t *testing.T) {
	c := NewLedger(LedgerOptions{Month: march, Sponsors: []string{"acme", "Össur"}})
	feb := rec(2, 1, "Credit", "Paid", "Complete", "ACME", "1")
	feb.Session = time.Date(2024, 2, 29, 23, 30, 0, 0, time.UTC)
	apr := rec(3, 1, "Credit", "Paid", "Complete", "ACME", "1")
	apr.Session = time.Date(2024, 4, 1, 0, 0, 0, 0, time.UTC)
	a := rec(4, 20, "Credit", "Paid", "Complete", "ACME", "18500")
	a.TransactionID = "T1"
	dup := rec(5, 20, "Credit", "Paid", "Complete", "ACME", "18500")
	dup.TransactionID = "T1"
	other := rec(6, 3, "Credit", "Paid", "Complete", "Marel", "18500")
	early := rec(7, 2, "Credit", "Paid", "Complete", "össur", "12000")
	last := rec(8, 31, "Credit", "Paid", "Complete", "ACME", "6500")
	last.Session = time.Date(2024, 3, 31, 23, 30, 0, 0, time.UTC)
	for _, r := range []*export.Record{feb, apr, a, dup, other, early, last} {
		c.Add(r)
	}
	p := c.Professionals()[0]
	var rows []int
	for _, l := range p.Lines {
		rows = append(rows, l.Row)
	}
	if got, want := fmtInts(rows), "7 4 8"; got != want {
		t.Errorf("lines from rows %s, want %s (session order, Feb/Apr/Marel/duplicate left out)", got, want)
	}
	if c.Outside != 2 {
		t.Errorf("outside = %d, want 2", c.Outside)
	}
	if got := Totals(p.Lines); len(got) != 1 || got[0].Amount.String() != "37000" {
		t.Errorf("totals %v, want ISK 37000", got)
	}
	if len(p.Left) != 2 || p.Left[0].Reason != ReasonDuplicate || p.Left[0].Rows[0] != 5 || p.Left[1].Reason != ReasonSponsor || p.Left[1].Rows[0] != 6 {
		t.Errorf("left out %+v, want the duplicate row 5 and Marel's row 6", p.Left)
	}
}

func TestTotalsNeverMixCurrencies(t *testing.T) {
	lines := []Line{
		{Amount: decimal.RequireFromString("18500"), Currency: "ISK", Sponsor: "ACME"},
		{Amount: decimal.RequireFromString("60.00"), Currency: "EUR", Sponsor: "acme"},
		{Amount: decimal.RequireFromString("55.50"), Currency: "EUR", Sponsor: "Marel"},
		{Amount: decimal.RequireFromString("0.1"), Currency: "GBP", Sponsor: "Marel"},
		{Amount: decimal.RequireFromString("0.2"), Currency: "GBP", Sponsor: "Marel"},
	}
	got := ""
	for _, t := range Totals(lines) {
		got += t.Currency + " " + PlainAmount(t.Amount, t.Currency) + "; "
	}
	if want := "EUR 115.50; GBP 0.30; ISK 18500; "; got != want {
		t.Errorf("Totals = %q, want %q", got, want)
	}
	got = ""
	for _, s := range SponsorTotals(lines) {
		got += s.Sponsor + " " + s.Currency + " " + s.Amount.String() + "; "
	}
	if want := "ACME EUR 60; ACME ISK 18500; Marel EUR 55.5; Marel GBP 0.3; "; got != want {
		t.Errorf("SponsorTotals = %q, want %q", got, want)
	}
}

func TestPick(t *testing.T) {
	profs := []*Professional{{Name: "Ægir Örnólfsson", Email: "aegir@example.is"}, {Name: "Þórdís Guðmundsdóttir", Email: "thordis@example.is"}}
	for _, who := range []string{"thordis@example.is", "THORDIS@example.is", "þórdís guðmundsdóttir"} {
		if p, err := Pick(profs, who, march); err != nil || p.Email != "thordis@example.is" {
			t.Errorf("Pick(%q) = %v, %v", who, p, err)
		}
	}
	_, err := Pick(profs, "", march)
	if err == nil || !strings.Contains(err.Error(), "the export holds 2 professionals with sessions in 2024-03: Ægir Örnólfsson <aegir@example.is>, Þórdís Guðmundsdóttir <thordis@example.is>") {
		t.Errorf("Pick(\"\") error = %v", err)
	}
	if _, err := Pick(profs, "nobody@example.is", march); err == nil || !strings.Contains(err.Error(), `no professional "nobody@example.is" has sessions in 2024-03`) {
		t.Errorf("Pick(nobody) error = %v", err)
	}
}

func TestSplitAndNumber(t *testing.T) {
	p, err := ParseProfile("p.toml", []byte(`
[professional]
name = "Þórdís Guðmundsdóttir"
email = "thordis@example.is"
[bank]
iban = "IS14 0159 2600 7654 5510 7303 39"
[invoice]
country = "IS"
[[bill_to]]
name = "Marel hf."
email = "invoices@marel.example"
sponsors = ["Marel"]
`))
	if err != nil {
		t.Fatal(err)
	}
	lines := []Line{{Row: 1, Sponsor: "ACME"}, {Row: 2, Sponsor: "marel"}, {Row: 3, Sponsor: ""}, {Row: 4, Sponsor: "MAREL"}}
	parts := p.Split(lines)
	if len(parts) != 2 || parts[0].Party.Name != "Marel hf." || len(parts[0].Lines) != 2 || parts[1].Party.Name != "Kara Connect ehf." || len(parts[1].Lines) != 2 {
		t.Fatalf("Split = %+v", parts)
	}
	a := DefaultNumber("", march, "thordis@example.is", "Marel hf.")
	if a != DefaultNumber("", march, "Thordis@Example.is", "marel hf.") {
		t.Errorf("DefaultNumber changes with case")
	}
	for _, other := range []string{
		DefaultNumber("", march.Next(), "thordis@example.is", "Marel hf."),
		DefaultNumber("", march, "aegir@example.is", "Marel hf."),
		DefaultNumber("", march, "thordis@example.is", "Kara Connect ehf."),
	} {
		if other == a {
			t.Errorf("DefaultNumber %q repeats for another month, professional or party", a)
		}
	}
	if !strings.HasPrefix(a, "2024-03-") || !strings.HasPrefix(DefaultNumber("TG-", march, "x", "y"), "TG-2024-03-") {
		t.Errorf("DefaultNumber = %q", a)
	}
}

func fmtInts(xs []int) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = decimal.NewFromInt(int64(x)).String()
	}
	return strings.Join(s, " ")
}

// The platform's schedule is for invoices its accounts department pays; a company billed
// directly pays on its own terms, so its invoice carries no deadline or payment date.
func TestBuildPaymentDateOnlyForThePlatform(t *testing.T) {
	p, err := ParseProfile("p.toml", []byte("[professional]\nname = \"A\"\nemail = \"a@example.is\"\n[bank]\niban = \"IS14 0159 2600 7654 5510 7303 39\"\n[invoice]\ncountry = \"IS\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	cal, err := p.Calendar()
	if err != nil {
		t.Fatal(err)
	}
	lines := []Line{{Row: 2, Amount: decimal.NewFromInt(18500), Currency: "ISK"}}
	o := BuildOptions{Profile: p, Period: march, Issued: time.Date(2024, 4, 2, 0, 0, 0, 0, time.UTC), Calendar: cal}
	platform := Build(lines, DefaultBillTo(), o)
	if got := platform.PaymentDate.Format(time.DateOnly); got != "2024-04-10" {
		t.Errorf("platform invoice: payment date %s, want 2024-04-10 (7th working day of April, after Easter)", got)
	}
	company := Build(lines, BillTo{Name: "Marel hf.", Email: "invoices@marel.example"}, o)
	if !company.PaymentDate.IsZero() || !company.SubmissionDeadline.IsZero() {
		t.Errorf("company invoice: payment date %v, deadline %v; want none", company.PaymentDate, company.SubmissionDeadline)
	}
}
