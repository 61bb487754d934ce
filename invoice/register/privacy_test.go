package register

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hubinvoice/hubinvoice/calendar"
	"github.com/hubinvoice/hubinvoice/export"
	"github.com/hubinvoice/hubinvoice/invoice"
)

type fixturePerson struct {
	Name  string `json:"name"`
	Email string `json:"email"`
}

// fixtureClients returns the month of the fixtures and, per fixture file, its clients as
// testdata/fixtures/expected.json lists them (computed independently of this code).
func fixtureClients(t *testing.T) (calendar.Month, map[string][]fixturePerson) {
	t.Helper()
	data, err := os.ReadFile("../../testdata/fixtures/expected.json")
	if err != nil {
		t.Fatal(err)
	}
	var e struct {
		Month string `json:"month"`
		Files map[string]struct {
			Clients []fixturePerson `json:"clients"`
		} `json:"files"`
	}
	if err := json.Unmarshal(data, &e); err != nil {
		t.Fatal(err)
	}
	m, err := calendar.ParseMonth(e.Month)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]fixturePerson{}
	for f, fx := range e.Files {
		out[f] = fx.Clients
	}
	return m, out
}

// What it must show, 6: the register file holds no client's name or email, nor the local part
// of one, after every professional of every fixture was invoiced, supplemented and credited.
func TestRegisterHoldsNoClientData(t *testing.T) {
	m, files := fixtureClients(t)
	path := filepath.Join(t.TempDir(), "register.db")
	r := openAt(t, path)
	issued := 0
	var clients []fixturePerson
	for file, cs := range files {
		clients = append(clients, cs...)
		l := invoice.NewLedger(invoice.LedgerOptions{Month: m})
		_, err := export.ReadFile(filepath.Join("../../testdata/fixtures", file), export.Options{
			Require: []export.Column{export.SessionDate, export.ServicePrice, export.ProfessionalEmail, export.Type, export.Sponsor},
		}, func(rec *export.Record) error { l.Add(rec); return nil })
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		for _, pro := range l.Professionals() {
			if len(pro.Lines) == 0 {
				continue
			}
			p := profile(t, "")
			p.Professional.Name, p.Professional.Email = pro.Name, pro.Email
			for _, part := range p.Split(pro.Lines) {
				cal, _ := p.Calendar()
				inv := invoice.Build(part.Lines, part.Party, invoice.BuildOptions{Profile: p, Period: m, Issued: day("2024-04-02"), Calendar: cal})
				var docs []*Issued
				if len(part.Lines) > 1 { // the first line alone, then the rest as a supplement
					docs = append(docs, issue(t, r, p, inv.WithLines(part.Lines[:1]), false))
				}
				docs = append(docs, issue(t, r, p, inv, true))
				n, _ := p.NumberFormats()
				for _, d := range docs { // credited, so that another fixture's month is new
					if _, err := r.Credit(ctx, CreditRequest{Number: d.Invoice.Number, Reason: "a test", Issued: day("2024-04-03"), Numbering: n}); err != nil {
						t.Fatal(err)
					}
				}
				issued++
			}
		}
	}
	if issued < 4 || len(clients) < 4 {
		t.Fatalf("%d invoices for %d clients: the fixtures changed?", issued, len(clients))
	}
	r.Close()
	var all strings.Builder
	for _, suffix := range []string{"", "-wal", "-shm"} {
		b, err := os.ReadFile(path + suffix)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		all.Write(b)
	}
	lower := strings.ToLower(all.String())
	for _, c := range clients {
		local, _, _ := strings.Cut(c.Email, "@")
		for _, secret := range []string{c.Name, c.Email, local} {
			if strings.Contains(lower, strings.ToLower(secret)) {
				t.Errorf("the register's bytes hold client data %q", secret)
			}
		}
	}
	// The search can fail: a professional's name is in the file.
	if !strings.Contains(all.String(), "Therapy") && !strings.Contains(lower, "example") {
		t.Error("the register's bytes hold neither a service nor an email: is the search reading the file?")
	}
}
