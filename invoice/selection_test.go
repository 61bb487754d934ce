package invoice

import (
	"testing"
	"time"

	"github.com/hubinvoice/hubinvoice/calendar"
	"github.com/hubinvoice/hubinvoice/export"
)

func TestSelection(t *testing.T) {
	feb := rec(2, 1, "Credit", "Paid", "Complete", "ACME", "1")
	feb.Session = time.Date(2024, 2, 29, 10, 0, 0, 0, time.UTC)
	aegir := rec(6, 5, "Credit", "Paid", "Complete", "ACME", "1")
	aegir.ProfEmail, aegir.Professional = "aegir@example.is", "Ægir Örnólfsson"
	recs := []*export.Record{feb, rec(3, 5, "Credit", "Paid", "Complete", " acme ", "1"), rec(4, 5, "Card", "Paid", "Complete", "", "1"),
		rec(5, 5, "Credit", "Paid", "Complete", "Marel", "1"), aegir}
	m := calendar.Month{Year: 2024, Month: time.March}
	for _, tt := range []struct {
		name string
		sel  Selection
		rows string
		more bool
	}{
		{"everything", Selection{}, "2 3 4 5 6", true},
		{"month", Selection{Month: &m}, "3 4 5 6", true},
		{"type, any spelling", Selection{Types: []string{"CREDIT"}}, "2 3 5 6", true},
		{"sponsor, any case", Selection{Sponsors: []string{"Acme"}, Professional: "THORDIS@example.is"}, "2 3", false},
		{"professional by name", Selection{Professional: "ægir örnólfsson"}, "6", false},
		{"an invoice's rows", Selection{Rows: map[int]bool{3: true, 5: true}}, "3 5", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			keep := tt.sel.Keep()
			var got []int
			var h Holding
			for _, r := range recs {
				if keep(r) {
					got = append(got, r.Row)
					h.Add(r)
				}
			}
			if fmtInts(got) != tt.rows {
				t.Errorf("rows %s, want %s", fmtInts(got), tt.rows)
			}
			if _, _, more := h.Beyond(); more != tt.more {
				t.Errorf("more than one invoice's rows: %v, want %v", more, tt.more)
			}
		})
	}
}
