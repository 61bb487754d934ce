package invoice

import (
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/hubinvoice/hubinvoice/export"
)

// TestStarters: one starter per professional of the export, named after the email's local
// part (the whole email where two are alike), name and email filled in, and valid once only
// the bank account is filled in, when the export's currency says the calendar.
func TestStarters(t *testing.T) {
	s := NewStarters()
	for _, r := range []export.Record{
		{Professional: "Þórdís Guðmundsdóttir", ProfEmail: "thordis@example.is", Currency: "ISK"},
		{Professional: "Þórdís Guðmundsdóttir", ProfEmail: "thordis@example.is", Currency: "EUR"},
		{Professional: "Þórdís Guðmundsdóttir", ProfEmail: "thordis@example.is", Currency: "ISK"},
		{Professional: "Anna  Jónsdóttir", ProfEmail: "anna@stofa.example", Currency: "ISK"},
		{Professional: "Anna Jónsdóttir", ProfEmail: "anna@other.example", Currency: "GBP"},
		{Professional: `Emily "Em" O'Brien`, ProfEmail: "emily@example.co.uk", Currency: "EUR"},
		{Professional: "Nobody", ProfEmail: "", Currency: "ISK"},
		{Professional: "Jo", ProfEmail: "jo.x@example.com", Currency: "EUR"},
		{Professional: "Ó Neill", ProfEmail: "o'neill@example.ie", Currency: "EUR"},
	} {
		s.Add(&r)
	}
	files := s.Files()
	type want struct{ file, name, email, country, currency string }
	wants := []want{
		{"anna-other-example.toml", "Anna Jónsdóttir", "anna@other.example", "GB", "GBP"},
		{"anna-stofa-example.toml", "Anna Jónsdóttir", "anna@stofa.example", "IS", "ISK"},
		{"emily.toml", `Emily "Em" O'Brien`, "emily@example.co.uk", "GB", "EUR"},
		{"jo.x.toml", "Jo", "jo.x@example.com", "", "EUR"},
		{"oneill.toml", "Ó Neill", "o'neill@example.ie", "IE", "EUR"},
		{"thordis.toml", "Þórdís Guðmundsdóttir", "thordis@example.is", "IS", "ISK"},
	}
	if len(files) != len(wants) {
		t.Fatalf("%d starters, want %d: %+v", len(files), len(wants), files)
	}
	for i, w := range wants {
		f := files[i]
		t.Run(w.file, func(t *testing.T) {
			if f.File != w.file || f.Professional != w.name || f.Email != w.email {
				t.Errorf("got %s for %s <%s>, want %s for %s <%s>", f.File, f.Professional, f.Email, w.file, w.name, w.email)
			}
			p, err := ParseProfile(f.File, f.Data)
			if err != nil {
				t.Fatalf("does not parse: %v\n%s", err, f.Data)
			}
			if p.Professional.Name != w.name || p.Professional.Email != w.email || p.Invoice.Country != w.country || p.Invoice.Currency != w.currency {
				t.Errorf("filled in %q <%s>, country %q, currency %q; want %q <%s>, %q, %q",
					p.Professional.Name, p.Professional.Email, p.Invoice.Country, p.Invoice.Currency, w.name, w.email, w.country, w.currency)
			}
			filled := fillBank(f.Data)
			p, err = ParseProfile(f.File, filled)
			if err != nil {
				t.Fatal(err)
			}
			err = p.Validate()
			if w.country != "" && err != nil {
				t.Errorf("with the bank filled in: %v", err)
			}
			if w.country == "" && (err == nil || !strings.Contains(err.Error(), "invoice.country: missing")) {
				t.Errorf("with the bank filled in and no country: %v, want the country asked for", err)
			}
		})
	}
	if got := s.Currency(); got != "EUR" {
		t.Errorf("Currency() = %q, want EUR, of 4 sessions (ISK has 3)", got)
	}
}

// fillBank fills in the starter's IBAN, as a user does.
func fillBank(data []byte) []byte {
	return regexp.MustCompile(`(?m)^iban = ""`).ReplaceAll(data, []byte(`iban = "IS14 0159 2600 7654 5510 7303 39"`))
}

// TestStarterBillTo: every starter offers the platform's address and tax ID to fill in.
func TestStarterBillTo(t *testing.T) {
	for name, data := range map[string][]byte{"init": StarterProfile(), "clinic": StarterClinic("IS", "ISK"), "export": NewStartersOf("a@b.is").Files()[0].Data} {
		t.Run(name, func(t *testing.T) {
			p, err := ParseProfile(name, data)
			if err != nil {
				t.Fatal(err)
			}
			if len(p.BillTo) != 1 || p.BillTo[0].Email != DefaultBillTo().Email {
				t.Fatalf("bill_to %+v, want the platform's accounts department", p.BillTo)
			}
			for _, key := range []string{"address = []", `tax_id = ""`} {
				i := strings.Index(string(data), "[[bill_to]]")
				if !strings.Contains(string(data[i:]), "\n"+key+" ") {
					t.Errorf("the platform's bill_to has no %s to fill in", key)
				}
			}
		})
	}
}

// TestStarterClinic: the clinic's starter parses and asks for the clinic's name, email and bank.
func TestStarterClinic(t *testing.T) {
	p, err := ParseProfile("clinic.toml", StarterClinic("IS", "ISK"))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`clinic.toml: professional.name: missing, e.g. name = "Þórdís Guðmundsdóttir"`,
		`clinic.toml: professional.email: missing, e.g. email = "thordis@example.is"`,
		`clinic.toml: bank: set iban or account_number (or both): the invoice must say where to pay`,
	}
	if got := strings.Split(p.Validate().Error(), "\n"); !reflect.DeepEqual(got, want) {
		t.Errorf("Validate:\ngot  %q\nwant %q", got, want)
	}
}

// NewStartersOf gathers professionals of the given emails.
func NewStartersOf(emails ...string) *Starters {
	s := NewStarters()
	for _, e := range emails {
		s.Add(&export.Record{Professional: e, ProfEmail: e})
	}
	return s
}

// FuzzStarter: whatever the export calls a professional, the starter parses and holds the
// name and email as the export gives them (spaces collapsed, the email in lower case).
func FuzzStarter(f *testing.F) {
	f.Add("Þórdís Guðmundsdóttir", "thordis@example.is", "ISK")
	f.Add(`a "quoted" \ name`+"\n\t\x00\x7f", "x\"y@z.is", "GBP")
	f.Fuzz(func(t *testing.T, name, email, currency string) {
		s := NewStarters()
		s.Add(&export.Record{Professional: name, ProfEmail: email, Currency: currency})
		for _, file := range s.Files() {
			p, err := ParseProfile(file.File, file.Data)
			if err != nil {
				t.Fatalf("does not parse: %v\n%s", err, file.Data)
			}
			if p.Professional.Name != file.Professional || p.Professional.Email != strings.TrimSpace(file.Email) {
				t.Fatalf("holds %q <%s>, want %q <%s>", p.Professional.Name, p.Professional.Email, file.Professional, file.Email)
			}
		}
	})
}
