package export

import (
	"slices"
	"strings"
	"testing"
)

// TestHoldSomeRecords: read once, the records Hold holds come last, judged against every
// client of the export (row 2's "Session with Jón Jónsson" names a client first seen on row 6);
// the others come at once, in file order, with no text the guard has not judged, and their
// sponsors come once each, judged, at the end.
func TestHoldSomeRecords(t *testing.T) {
	path := writeTemp(t, "hostile.csv", hostileExport)
	var asked, rows []int
	var sponsors []string
	var recs []*Record
	_, err := ReadFile(path, Options{
		KnownEmails: []string{"Accounts@KaraConnect.com"},
		Hold: func(r *Record) bool {
			asked = append(asked, r.Row)
			if r.Professional == "" || r.ProfEmail == "" || r.Service != "" || r.Sponsor != "" {
				t.Errorf("row %d: Hold sees %+v", r.Row, *r)
			}
			return r.Row == 2 || r.Row == 8
		},
		Sponsors: func(s string) { sponsors = append(sponsors, s) },
	}, func(r *Record) error {
		rows = append(rows, r.Row)
		kept := *r // a record not held is the reader's, valid until fn returns
		recs = append(recs, &kept)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// Row 5's name is a client's email: held whoever asks, and not asked.
	if want := []int{2, 3, 4, 6, 7, 8}; !slices.Equal(asked, want) {
		t.Errorf("Hold asked of rows %v, want %v", asked, want)
	}
	if want := []int{3, 4, 6, 7, 2, 5, 8}; !slices.Equal(rows, want) {
		t.Errorf("records of rows %v, want %v", rows, want)
	}
	for _, r := range recs {
		held := r.Row == 2 || r.Row == 5 || r.Row == 8
		if text := r.TransactionID + r.Service + r.Sponsor + r.Currency; !held && (text != "" || r.Withheld != nil) {
			t.Errorf("row %d, not held, holds text %q, withheld %v", r.Row, text, r.Withheld)
		}
		for _, client := range []string{"ann", "lee", "bo@", "jón jónsson", "ástþór", "emily", "someone", "guðrúnu"} {
			if strings.Contains(strings.ToLower(r.Professional+r.ProfEmail+r.Service+r.Sponsor+r.TransactionID), client) {
				t.Errorf("row %d holds %q", r.Row, client)
			}
		}
	}
	if recs[4].Service != Withheld || recs[4].TransactionID != "T1" || recs[6].Sponsor != "Marel" {
		t.Errorf("held rows: %+v, %+v", *recs[4], *recs[6])
	}
	if want := []string{Withheld, "jonina@example.is", "accounts@karaconnect.com"}; !slices.Equal(sponsors, want) {
		t.Errorf("sponsors %q, want %q", sponsors, want)
	}
}
