package invoice

import (
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/hubinvoice/hubinvoice/calendar"
	"github.com/hubinvoice/hubinvoice/export"
	"github.com/hubinvoice/hubinvoice/internal/sample"
	"github.com/shopspring/decimal"
)

// leftOutReasons are the reasons of Professional.Left that are neither an invoice line nor
// money a client owes.
var leftOutReasons = map[string]bool{ReasonUnpaid: true, ReasonVoid: true, ReasonDeleted: true,
	ReasonStatus: true, ReasonSponsor: true, ReasonDuplicate: true, ReasonType: true}

// TestMonthAddsUp walks every fixture and a sample export, every month and professional in
// them: each row of the month is in exactly one place (an invoice line, a left-out reason or a
// collect group), the amounts of those places add up per currency to the month's (a repeated
// Transaction ID counted once), and the card payouts hold exactly collect's paid Card groups.
func TestMonthAddsUp(t *testing.T) {
	files, err := filepath.Glob("../testdata/fixtures/*.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	csvs, _ := filepath.Glob("../testdata/fixtures/*.csv")
	files = append(append(files, csvs...), "../testdata/demo/payments-2024-03.xlsx", writeSample(t))
	is, _ := calendar.New("IS")
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			var recs []*export.Record
			months := map[calendar.Month]bool{}
			if _, err := export.ReadFile(file, export.Options{}, func(r *export.Record) error {
				cp := *r
				recs = append(recs, &cp)
				months[calendar.MonthOf(r.Session)] = true
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			if len(months) == 0 {
				t.Fatal("no rows")
			}
			for m := range months {
				monthAddsUp(t, file, m, recs, is)
			}
		})
	}
}

func monthAddsUp(t *testing.T, file string, m calendar.Month, recs []*export.Record, cal *calendar.Calendar) {
	t.Helper()
	l := NewLedger(LedgerOptions{Month: m, Calendar: cal})
	byRow := map[int]*export.Record{}
	want := map[string]map[string]decimal.Decimal{} // professional → currency → the month's amount
	rows := map[string]int{}                        // professional → the month's rows
	seen := map[string]bool{}
	for _, r := range recs {
		l.Add(r)
		if !m.Contains(r.Session) {
			continue
		}
		byRow[r.Row] = r
		key := profKey(r.ProfEmail, r.Professional)
		rows[key]++
		if r.TransactionID != "" {
			if seen[r.TransactionID] {
				continue
			}
			seen[r.TransactionID] = true
		}
		if want[key] == nil {
			want[key] = map[string]decimal.Decimal{}
		}
		want[key][r.Currency] = want[key][r.Currency].Add(r.Price)
	}
	allCards := map[string]decimal.Decimal{}
	for _, p := range l.Professionals() {
		who := file + " " + m.String() + " " + p.Email
		places := map[int]int{}
		got := map[string]decimal.Decimal{}
		add := func(row int, counted bool) {
			places[row]++
			if r := byRow[row]; r != nil && counted {
				got[r.Currency] = got[r.Currency].Add(r.Price)
			}
		}
		for _, ln := range p.Lines {
			add(ln.Row, true)
		}
		for _, left := range p.Left {
			if leftOutReasons[left.Reason] {
				for _, row := range left.Rows {
					add(row, left.Reason != ReasonDuplicate)
				}
			}
		}
		rc := l.Receivables(p)
		cards := map[string]decimal.Decimal{}
		for _, g := range rc.Groups {
			sum := decimal.Zero
			for _, row := range g.Rows {
				add(row, true)
				sum = sum.Add(byRow[row].Price)
			}
			if !sum.Equal(g.Amount) || len(g.Rows) != g.Count {
				t.Errorf("%s: group %s %s %s: %d rows adding to %s, but says %d, %s", who, g.Type, g.Currency, g.Status, len(g.Rows), sum, g.Count, g.Amount)
			}
			if g.Type == export.TypeCard && g.Status == ClientPaid {
				cards[g.Currency] = cards[g.Currency].Add(g.Amount)
				allCards[g.Currency] = allCards[g.Currency].Add(g.Amount)
			}
		}
		if len(places) != rows[profKey(p.Email, p.Name)] || p.MonthRows != len(places) {
			t.Errorf("%s: %d rows placed, %d counted, want the month's %d", who, len(places), p.MonthRows, rows[profKey(p.Email, p.Name)])
		}
		for row, n := range places {
			if n != 1 {
				t.Errorf("%s: row %d is in %d places, want 1", who, row, n)
			}
		}
		if g, w := fmtAmounts(got), fmtAmounts(want[profKey(p.Email, p.Name)]); g != w {
			t.Errorf("%s: the places add up to %s, the month to %s", who, g, w)
		}
		paidOut := map[string]decimal.Decimal{}
		for _, po := range rc.Payouts {
			paidOut[po.Currency] = paidOut[po.Currency].Add(po.Amount)
		}
		if g, w := fmtAmounts(paidOut), fmtAmounts(cards); g != w {
			t.Errorf("%s: payouts %s, paid Card groups %s", who, g, w)
		}
	}
	paidOut := map[string]decimal.Decimal{}
	for _, po := range l.Payouts() {
		paidOut[po.Currency] = paidOut[po.Currency].Add(po.Amount)
	}
	if g, w := fmtAmounts(paidOut), fmtAmounts(allCards); g != w {
		t.Errorf("%s %s: payouts of everyone %s, everyone's paid Card groups %s", file, m, g, w)
	}
}

func fmtAmounts(m map[string]decimal.Decimal) string {
	var cur []string
	for c, a := range m {
		if !a.IsZero() {
			cur = append(cur, c)
		}
	}
	sort.Strings(cur)
	s := ""
	for _, c := range cur {
		s += c + " " + m[c].String() + "; "
	}
	return s
}

// writeSample writes a made-up export of a year, as 'hubinvoice sample' does, and returns its path.
func writeSample(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "sample.csv")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	o := sample.Options{Rows: 3000, Seed: 8, From: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), Until: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}
	if err := sample.WriteCSV(f, o); err != nil {
		t.Fatal(err)
	}
	return path
}
