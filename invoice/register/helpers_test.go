package register

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/hubinvoice/hubinvoice/calendar"
	"github.com/hubinvoice/hubinvoice/invoice"
	"github.com/shopspring/decimal"
)

const testProfile = `[professional]
name = "Þórdís Guðmundsdóttir"
email = "thordis@example.is"
address = ["Laugavegur 1", "101 Reykjavík"]
[bank]
iban = "IS14 0159 2600 7654 5510 7303 39"
[invoice]
country = "IS"
language = "en"
note = "Health services are exempt from VAT."
`

func profile(t testing.TB, extra string) *invoice.Profile {
	t.Helper()
	p, err := parseProfile(extra)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func parseProfile(extra string) (*invoice.Profile, error) {
	p, err := invoice.ParseProfile("profile.toml", []byte(testProfile+extra))
	if err != nil {
		return nil, err
	}
	return p, p.Validate()
}

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// line is a session of month m on the day, with a Transaction ID when id is not "".
func line(m calendar.Month, dayOfMonth int, id, sponsor, amount, currency string) invoice.Line {
	return invoice.Line{
		Row:           dayOfMonth + 1,
		TransactionID: id,
		Session:       time.Date(m.Year, m.Month, dayOfMonth, 10, 0, 0, 0, time.UTC),
		Service:       "Therapy 50 min",
		Sponsor:       sponsor,
		Amount:        decimal.RequireFromString(amount),
		Currency:      currency,
	}
}

// monthLines are three sessions of month m, with IDs made of the month.
func monthLines(m calendar.Month) []invoice.Line {
	return []invoice.Line{
		line(m, 4, fmt.Sprintf("T%s-1", m), "HubA", "16000", "ISK"),
		line(m, 11, fmt.Sprintf("T%s-2", m), "HubA", "16000", "ISK"),
		line(m, 18, fmt.Sprintf("T%s-3", m), "HubB", "18500", "ISK"),
	}
}

// build makes the invoice of lines as the invoice command does.
func build(t testing.TB, p *invoice.Profile, m calendar.Month, issued time.Time, lines []invoice.Line) *invoice.Invoice {
	t.Helper()
	cal, err := p.Calendar()
	if err != nil {
		t.Fatal(err)
	}
	return invoice.Build(lines, invoice.DefaultBillTo(), invoice.BuildOptions{Profile: p, Period: m, Issued: issued, Calendar: cal})
}

func month(s string) calendar.Month {
	m, err := calendar.ParseMonth(s)
	if err != nil {
		panic(err)
	}
	return m
}

func open(t testing.TB) *Register {
	t.Helper()
	return openAt(t, filepath.Join(t.TempDir(), "hubinvoice", "register.db"))
}

func openAt(t testing.TB, path string) *Register {
	t.Helper()
	r, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	return r
}

func issue(t testing.TB, r *Register, p *invoice.Profile, inv *invoice.Invoice, supplement bool) *Issued {
	t.Helper()
	n, err := p.NumberFormats()
	if err != nil {
		t.Fatal(err)
	}
	got, err := r.Issue(context.Background(), Request{Invoice: inv, Numbering: n, Supplement: supplement})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func numbers(t testing.TB, r *Register) []string {
	t.Helper()
	docs, err := r.List(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	out := make([]string, len(docs))
	for i, d := range docs {
		out[i] = d.Invoice.Number
	}
	return out
}

// pdfOf is the issued document's PDF; a document that cannot be rendered fails the test.
func pdfOf(t testing.TB, iss *Issued) []byte {
	t.Helper()
	b, err := iss.PDF()
	if err != nil {
		t.Fatalf("the PDF of %s: %v", iss.Invoice.Number, err)
	}
	return b
}
