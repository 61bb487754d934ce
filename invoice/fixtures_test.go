package invoice

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hubinvoice/hubinvoice/calendar"
	"github.com/hubinvoice/hubinvoice/export"
)

// expected.json is computed by testdata/fixtures/make_fixtures.py from the files as other
// programs (openpyxl, LibreOffice) wrote them, independently of this code.
type fixtureExpect struct {
	Month string `json:"month"`
	Files map[string]struct {
		Clients []struct {
			Name  string `json:"name"`
			Email string `json:"email"`
		} `json:"clients"`
		Invoice map[string]struct {
			Sessions int `json:"sessions"`
			Totals   []struct {
				Currency string `json:"currency"`
				Amount   string `json:"amount"`
			} `json:"totals"`
			Lines []struct {
				Row       int    `json:"row"`
				Session   string `json:"session"`
				Amount    string `json:"amount"`
				Currency  string `json:"currency"`
				Sponsor   string `json:"sponsor"`
				Service   string `json:"service"`
				Cancelled bool   `json:"cancelled"`
			} `json:"lines"`
		} `json:"invoice"`
	} `json:"files"`
}

func loadExpect(t *testing.T) fixtureExpect {
	t.Helper()
	data, err := os.ReadFile("../testdata/fixtures/expected.json")
	if err != nil {
		t.Fatal(err)
	}
	var e fixtureExpect
	if err := json.Unmarshal(data, &e); err != nil {
		t.Fatal(err)
	}
	if len(e.Files) < 4 {
		t.Fatalf("expected.json describes %d files, want at least 4", len(e.Files))
	}
	return e
}

// TestFixtures: session counts, totals and lines match the independent computation on exports
// written by LibreOffice, openpyxl and a European-locale CSV.
func TestFixtures(t *testing.T) {
	want := loadExpect(t)
	month, err := calendar.ParseMonth(want.Month)
	if err != nil {
		t.Fatal(err)
	}
	for file, fx := range want.Files {
		t.Run(file, func(t *testing.T) {
			l := NewLedger(LedgerOptions{Month: month})
			_, err := export.ReadFile(filepath.Join("../testdata/fixtures", file), export.Options{
				Require: []export.Column{export.SessionDate, export.ServicePrice, export.ProfessionalEmail, export.Type, export.Sponsor},
			}, func(r *export.Record) error { l.Add(r); return nil })
			if err != nil {
				t.Fatalf("ReadFile: %v", err)
			}
			got := map[string]*Professional{}
			for _, p := range l.Professionals() {
				got[p.Email] = p
				for _, f := range l.Findings(p) {
					for _, c := range fx.Clients {
						if strings.Contains(f.Message+f.Next, c.Name) || strings.Contains(f.Message+f.Next, c.Email) {
							t.Errorf("finding %q names a client", f.Message)
						}
					}
				}
			}
			for email, inv := range fx.Invoice {
				p := got[email]
				if p == nil {
					if inv.Sessions != 0 {
						t.Errorf("%s: not found, want %d sessions", email, inv.Sessions)
					}
					continue
				}
				if len(p.Lines) != inv.Sessions {
					t.Errorf("%s: got %d sessions, want %d", email, len(p.Lines), inv.Sessions)
				}
				totals := Totals(p.Lines)
				if len(totals) != len(inv.Totals) {
					t.Errorf("%s: got totals %v, want %v", email, totals, inv.Totals)
				}
				for i := range inv.Totals {
					if i < len(totals) {
						if g := PlainAmount(totals[i].Amount, totals[i].Currency); totals[i].Currency != inv.Totals[i].Currency || g != inv.Totals[i].Amount {
							t.Errorf("%s: total %d: got %s %s, want %s %s", email, i, totals[i].Currency, g, inv.Totals[i].Currency, inv.Totals[i].Amount)
						}
					}
				}
				for i, wl := range inv.Lines {
					if i >= len(p.Lines) {
						break
					}
					gl := p.Lines[i]
					g := []string{itoa(gl.Row), gl.Session.Format("2006-01-02 15:04"), PlainAmount(gl.Amount, gl.Currency), gl.Currency, gl.Sponsor, gl.Service, boolStr(gl.Cancelled)}
					w := []string{itoa(wl.Row), wl.Session, wl.Amount, wl.Currency, wl.Sponsor, wl.Service, boolStr(wl.Cancelled)}
					if strings.Join(g, "|") != strings.Join(w, "|") {
						t.Errorf("%s: line %d:\n got %v\nwant %v", email, i+1, g, w)
					}
				}
			}
		})
	}
}

func itoa(n int) string { return fmt.Sprint(n) }

func boolStr(b bool) string {
	if b {
		return "cancelled"
	}
	return ""
}
