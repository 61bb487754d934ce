package invoice

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

func TestCheckIBAN(t *testing.T) {
	tests := []struct {
		name, iban, wantErr string // wantErr: a part of the message, "" for a valid IBAN
	}{
		{"IS print format", "IS14 0159 2600 7654 5510 7303 39", ""},
		{"GB print format", "GB82 WEST 1234 5698 7654 32", ""},
		{"DE print format", "DE89 3704 0044 0532 0130 00", ""},
		{"IS electronic format", "IS140159260076545510730339", ""},
		{"lower case", "gb82 west 1234 5698 7654 32", ""},
		{"unlisted country", "ZZ31 5399 9999 9999 9999", ""}, // any length 15..34 when the digits match
		{"IS one digit changed", "IS14 0159 2600 7654 5510 7303 38", "check digits do not match"},
		{"GB two digits swapped", "GB82 WEST 1234 5698 7654 23", "check digits do not match"},
		{"DE wrong check digits", "DE88 3704 0044 0532 0130 00", "check digits do not match"},
		{"IS too short", "IS14 0159 2600 7654 5510 7303 3", "has 25 characters; an IBAN from IS has 26"},
		{"GB too long", "GB82 WEST 1234 5698 7654 321", "has 23 characters; an IBAN from GB has 22"},
		{"DE too short", "DE89 3704 0044 0532 0130 0", "has 21 characters; an IBAN from DE has 22"},
		{"no country", "1482 0159 2600 7654 5510 7303 39", "does not start with a country code"},
		{"no check digits", "ISAB 0159 2600 7654 5510 7303 39", "does not start with a country code"},
		{"too short for anything", "IS1", "does not start with a country code"},
		{"empty", "", "does not start with a country code"},
		{"punctuation", "IS14-0159-2600-7654-5510-7303-39", `contains '-'`},
		{"accented letter", "ÍS14 0159 2600 7654 5510 7303 39", `contains 'Í'`},
		{"unlisted country, digits wrong", "ZZ32 5399 9999 9999 9999", `starts with ZZ, which is no country's IBAN code (and its check digits do not match)`},
		{"unlisted country too short", "ZZ68 5399 9999", "an IBAN has 15 to 34"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckIBAN(tt.iban)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("CheckIBAN(%q) = %v, want nil", tt.iban, err)
			case tt.wantErr != "" && err == nil:
				t.Errorf("CheckIBAN(%q) = nil, want an error containing %q", tt.iban, tt.wantErr)
			case tt.wantErr != "" && !strings.Contains(err.Error(), tt.wantErr):
				t.Errorf("CheckIBAN(%q) = %q, want it to contain %q", tt.iban, err, tt.wantErr)
			}
		})
	}
}

func TestMakeIBAN(t *testing.T) {
	tests := []struct{ country, bban, want string }{
		{"IS", "0159 2600 7654 5510 7303 39", "IS140159260076545510730339"},
		{"GB", "WEST12345698765432", "GB82WEST12345698765432"},
		{"de", "370400440532013000", "DE89370400440532013000"},
		{"IS", "0100 2600 0000 0101 0180 19", ""}, // checked below: whatever the digits, CheckIBAN accepts it
	}
	for _, tt := range tests {
		got := MakeIBAN(tt.country, tt.bban)
		if tt.want != "" && got != tt.want {
			t.Errorf("MakeIBAN(%q, %q) = %q, want %q", tt.country, tt.bban, got, tt.want)
		}
		if err := CheckIBAN(got); err != nil {
			t.Errorf("CheckIBAN(MakeIBAN(%q, %q)) = %v", tt.country, tt.bban, err)
		}
	}
}

func TestFormatIBAN(t *testing.T) {
	tests := []struct{ in, want string }{
		{"IS140159260076545510730339", "IS14 0159 2600 7654 5510 7303 39"},
		{"gb82 west12345698765432", "GB82 WEST 1234 5698 7654 32"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := FormatIBAN(tt.in); got != tt.want {
			t.Errorf("FormatIBAN(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// validProfile is the example profile.
const validProfile = `
[professional]
name = "Þórdís Guðmundsdóttir"
email = "thordis@example.is"
address = ["Laugavegur 1", "101 Reykjavík", "Iceland"]
tax_id = "010180-1209"
[bank]
account_holder = "Þórdís Guðmundsdóttir"
bank_name = "Landsbankinn"
iban = "IS14 0159 2600 7654 5510 7303 39"
bic = "NBIIISRE"
account_number = "0159-26-007654"
[invoice]
language = "en"
country = "IS"
currency = "ISK"
note = "Health services are exempt from VAT."
[[bill_to]]
name = "Kara Connect ehf."
email = "accounts@karaconnect.com"
sponsors = ["*"]
`

func mustParse(t *testing.T, src string) *Profile {
	t.Helper()
	p, err := ParseProfile("profile.toml", []byte(src))
	if err != nil {
		t.Fatalf("ParseProfile: %v", err)
	}
	return p
}

func TestParseProfileExample(t *testing.T) {
	p := mustParse(t, validProfile)
	if err := p.Validate(); err != nil {
		t.Fatalf("Validate: %v", err)
	}
	wantParty := Party{Name: "Þórdís Guðmundsdóttir", Email: "thordis@example.is",
		Address: []string{"Laugavegur 1", "101 Reykjavík", "Iceland"}, TaxID: "010180-1209"}
	if got := p.Party(); !reflect.DeepEqual(got, wantParty) {
		t.Errorf("Party() = %+v, want %+v", got, wantParty)
	}
	wantBank := Bank{AccountHolder: "Þórdís Guðmundsdóttir", BankName: "Landsbankinn",
		IBAN: "IS14 0159 2600 7654 5510 7303 39", BIC: "NBIIISRE", AccountNumber: "0159-26-007654"}
	if got := p.BankDetails(); got != wantBank {
		t.Errorf("BankDetails() = %+v, want %+v", got, wantBank)
	}
	if got, want := p.Lang(), "en"; got != want {
		t.Errorf("Lang() = %q, want %q", got, want)
	}
	if got, want := p.Invoice.Note, "Health services are exempt from VAT."; got != want {
		t.Errorf("Invoice.Note = %q, want %q", got, want)
	}
}

func TestParseProfileNormalizes(t *testing.T) {
	p := mustParse(t, `
[professional]
name = "Ann Smith"
email = " ann@example.co.uk "
[bank]
iban = "gb82west12345698765432"
bic = "nbiiisre"
[invoice]
language = "IS"
country = "gb-sct"
currency = "gbp"
closures = [2024-12-24, "2024-12-27"]
`)
	if err := p.Validate(); err != nil {
		t.Fatalf("Validate: %v", err)
	}
	in := p.Invoice
	if in.Language != "is" || in.Country != "GB-SCT" || in.Currency != "GBP" || p.Bank.BIC != "NBIIISRE" ||
		p.Professional.Email != "ann@example.co.uk" {
		t.Errorf("got language %q, country %q, currency %q, bic %q, email %q; want is, GB-SCT, GBP, NBIIISRE, ann@example.co.uk",
			in.Language, in.Country, in.Currency, p.Bank.BIC, p.Professional.Email)
	}
	if got, want := []string(in.Closures), []string{"2024-12-24", "2024-12-27"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Closures = %q, want %q", got, want)
	}
	if got := p.ClosureDates(); len(got) != 2 || got[0].Day() != 24 || got[1].Day() != 27 {
		t.Errorf("ClosureDates() = %v, want 24 and 27 December 2024", got)
	}
	b := p.BankDetails()
	if b.AccountHolder != "Ann Smith" || b.IBAN != "GB82 WEST 1234 5698 7654 32" {
		t.Errorf("BankDetails() = %+v, want the professional as holder and the IBAN in print format", b)
	}
}

func TestParseProfileErrors(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string // the error's lines, exactly
	}{
		{"syntax", "[professional\nname = 1\n",
			[]string{"profile.toml: line 2: expected '.' or ']' to end table name, but got '\\n' instead"}},
		{"wrong type", "[professional]\nname = 1\n",
			[]string{`profile.toml: line 2: professional.name: want text in quotes, not a number`}},
		{"string for a list", "[professional]\naddress = \"Laugavegur 1\"\n",
			[]string{`profile.toml: line 2: professional.address: want a list, not text in quotes`}},
		{"misspelt keys", "[professional]\nnmae = \"x\"\n[bank]\nswift = \"x\"\n[[bill_to]]\nsponsor = [\"x\"]\n",
			[]string{
				"profile.toml: unknown key professional.nmae (did you mean professional.name?)",
				"profile.toml: unknown key bank.swift",
				"profile.toml: unknown key bill_to.sponsor (did you mean bill_to.sponsors?)",
			}},
		{"unknown table", "[clinic]\nname = \"x\"\n",
			[]string{"profile.toml: unknown key clinic"}}, // once, not again for each key inside it
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseProfile("profile.toml", []byte(tt.src))
			if err == nil {
				t.Fatalf("ParseProfile succeeded, want %q", tt.want)
			}
			if got := strings.Split(err.Error(), "\n"); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("ParseProfile error:\ngot  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestValidate(t *testing.T) {
	// Each case edits the valid example and lists every line Validate must give, in order.
	tests := []struct {
		name string
		edit func(p *Profile)
		want []string
	}{
		{"valid", func(p *Profile) {}, nil},
		{"missing name and email", func(p *Profile) { p.Professional.Name, p.Professional.Email = " ", "" },
			[]string{
				`profile.toml: professional.name: missing, e.g. name = "Þórdís Guðmundsdóttir"`,
				`profile.toml: professional.email: missing, e.g. email = "thordis@example.is"`,
			}},
		{"bad email", func(p *Profile) { p.Professional.Email = "thordis at example.is" },
			[]string{`profile.toml: professional.email: "thordis at example.is" is not an email address`}},
		{"no bank account", func(p *Profile) { p.Bank.IBAN, p.Bank.AccountNumber = "", "" },
			[]string{`profile.toml: bank: set iban or account_number (or both): the invoice must say where to pay`}},
		{"account number only", func(p *Profile) { p.Bank.IBAN, p.Bank.BIC = "", "" }, nil},
		{"iban check digits", func(p *Profile) { p.Bank.IBAN = "IS15 0159 2600 7654 5510 7303 39" },
			[]string{`profile.toml: bank.iban: check digits do not match`}},
		{"iban length", func(p *Profile) { p.Bank.IBAN = "IS14 0159 2600 7654 5510 7303" },
			[]string{`profile.toml: bank.iban: "IS14 0159 2600 7654 5510 7303" has 24 characters; an IBAN from IS has 26`}},
		{"bic", func(p *Profile) { p.Bank.BIC = "NBIIIS" },
			[]string{`profile.toml: bank.bic: "NBIIIS" is not a BIC: want 8 or 11 letters and digits, e.g. NBIIISRE`}},
		{"bic with branch", func(p *Profile) { p.Bank.BIC = "NBIIISRE123" }, nil},
		{"sort code", func(p *Profile) { p.Bank.SortCode = "12345" },
			[]string{`profile.toml: bank.sort_code: "12345" is not a sort code: want six digits, e.g. 12-34-56`}},
		{"language", func(p *Profile) { p.Invoice.Language = "de" },
			[]string{`profile.toml: invoice.language: "de" is not a language hubinvoice writes: want en or is`}},
		{"language defaults to en", func(p *Profile) { p.Invoice.Language = "" }, nil},
		{"country missing", func(p *Profile) { p.Invoice.Country = "" },
			[]string{`profile.toml: invoice.country: missing, e.g. country = "IS" (or GB, GB-SCT, ...)`}},
		{"country shape", func(p *Profile) { p.Invoice.Country = "Iceland" },
			[]string{`profile.toml: invoice.country: "Iceland" is not a calendar code: want two capital letters, optionally a region, e.g. IS, GB, GB-SCT`}},
		{"country with region", func(p *Profile) { p.Invoice.Country = "GB-SCT" }, nil},
		{"currency", func(p *Profile) { p.Invoice.Currency = "kr" },
			[]string{`profile.toml: invoice.currency: "kr" is not a currency code: want three capital letters, e.g. ISK, EUR, GBP`}},
		{"closures", func(p *Profile) { p.Invoice.Closures = DateList{"2024-12-24", "2024-02-30", "24.12.2024"} },
			[]string{
				`profile.toml: invoice.closures[2]: "2024-02-30" is not a date: want YYYY-MM-DD`,
				`profile.toml: invoice.closures[3]: "24.12.2024" is not a date: want YYYY-MM-DD`,
			}},
		{"number prefix", func(p *Profile) { p.Invoice.NumberPrefix = "TG 2024" },
			[]string{`profile.toml: invoice.number_prefix: "TG 2024" is not a prefix: want up to 20 letters, digits, '.', '_', '/' or '-'`}},
		{"number prefix ok", func(p *Profile) { p.Invoice.NumberPrefix = "ÞG-" }, nil},
		{"bill_to name and email", func(p *Profile) { p.BillTo[0].Name, p.BillTo[0].Email = "", "accounts" },
			[]string{
				`profile.toml: bill_to[1].name: missing, e.g. name = "Kara Connect ehf."`,
				`profile.toml: bill_to[1].email: "accounts" is not an email address`,
			}},
		{"bill_to without sponsors", func(p *Profile) { p.BillTo[0].Sponsors = nil },
			[]string{`profile.toml: bill_to[1].sponsors: missing: list the sponsors billed to this party, or "*" for every sponsor not routed elsewhere`}},
		{"empty sponsor", func(p *Profile) { p.BillTo[0].Sponsors = []string{"*", " "} },
			[]string{`profile.toml: bill_to[1].sponsors: an empty sponsor name: write the sponsor as the export does, or "*"`}},
		{"sponsor routed twice", func(p *Profile) {
			p.BillTo[0].Sponsors = []string{"*", "ACME"}
			p.BillTo = append(p.BillTo, BillTo{Name: "ACME hf.", Email: "bills@acme.is", Sponsors: []string{"Marel", " acme "}})
		}, []string{`profile.toml: bill_to[2].sponsors: "acme" is already routed to bill_to[1]: a sponsor's sessions go to one party`}},
		{"same sponsor twice in one party", func(p *Profile) { p.BillTo[0].Sponsors = []string{"ACME", "acme"} }, nil},
		{"two stars", func(p *Profile) {
			p.BillTo = append(p.BillTo, BillTo{Name: "ACME hf.", Email: "bills@acme.is", Sponsors: []string{"*"}})
		}, []string{`profile.toml: bill_to[2].sponsors: "*" is already in bill_to[1]: only one party can take every sponsor not routed elsewhere`}},
		{"no bill_to", func(p *Profile) { p.BillTo = nil }, nil},
		{"everything at once", func(p *Profile) {
			p.Professional.Email = ""
			p.Bank.IBAN = "IS15 0159 2600 7654 5510 7303 39"
			p.Invoice.Language = "fr"
		}, []string{
			`profile.toml: professional.email: missing, e.g. email = "thordis@example.is"`,
			`profile.toml: bank.iban: check digits do not match`,
			`profile.toml: invoice.language: "fr" is not a language hubinvoice writes: want en or is`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := mustParse(t, validProfile)
			tt.edit(p)
			err := p.Validate()
			var got []string
			if err != nil {
				got = strings.Split(err.Error(), "\n")
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Validate:\ngot  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestRoute(t *testing.T) {
	kara := BillTo{Name: "Kara Connect ehf.", Email: "accounts@karaconnect.com", Sponsors: []string{"*"}}
	acme := BillTo{Name: "ACME hf.", Email: "bills@acme.is", Sponsors: []string{"ACME", "Össur"}}
	tests := []struct {
		name    string
		billTo  []BillTo
		sponsor string
		want    string
		wantOK  bool
	}{
		{"no bill_to: default", nil, "ACME", "Kara Connect ehf.", false},
		{"exact", []BillTo{kara, acme}, "ACME", "ACME hf.", true},
		{"ignoring case", []BillTo{kara, acme}, "acme", "ACME hf.", true},
		{"ignoring case, Icelandic letters", []BillTo{kara, acme}, "ÖSSUR", "ACME hf.", true},
		{"ignoring spaces", []BillTo{kara, acme}, " ACME ", "ACME hf.", true},
		{"star", []BillTo{acme, kara}, "Marel", "Kara Connect ehf.", true},
		{"no sponsor goes to star", []BillTo{acme, kara}, "", "Kara Connect ehf.", true},
		{"no star: default", []BillTo{acme}, "Marel", "Kara Connect ehf.", false},
		{"prefix is not a match", []BillTo{acme}, "ACME Iceland", "Kara Connect ehf.", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &Profile{BillTo: tt.billTo}
			got, ok := p.Route(tt.sponsor)
			if got.Name != tt.want || ok != tt.wantOK {
				t.Errorf("Route(%q) = %q, %v; want %q, %v", tt.sponsor, got.Name, ok, tt.want, tt.wantOK)
			}
		})
	}
	if got := DefaultBillTo().Party(); got.Name != "Kara Connect ehf." || got.Email != "accounts@karaconnect.com" {
		t.Errorf("DefaultBillTo().Party() = %+v, want Kara Connect ehf. <accounts@karaconnect.com>", got)
	}
}

func TestLoadProfile(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.toml")
	if err := os.WriteFile(good, []byte(validProfile), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadProfile(good); err != nil {
		t.Errorf("LoadProfile(good) = %v, want nil", err)
	}

	bad := filepath.Join(dir, "bad.toml")
	src := strings.Replace(validProfile, "IS14", "IS15", 1)
	if err := os.WriteFile(bad, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := LoadProfile(bad)
	if want := bad + ": bank.iban: check digits do not match"; err == nil || err.Error() != want {
		t.Errorf("LoadProfile(bad) = %v, want %q", err, want)
	}

	missing := filepath.Join(dir, "missing.toml")
	_, err = LoadProfile(missing)
	if err == nil || !strings.HasPrefix(err.Error(), missing+": no such profile (file does not exist)\nhint: ") {
		t.Errorf("LoadProfile(missing) = %v, want a no-such-profile error with a hint", err)
	}
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("LoadProfile(missing) = %v, want it to wrap os.ErrNotExist", err)
	}
}

func TestEncodeRoundTrip(t *testing.T) {
	p := mustParse(t, validProfile)
	p.Invoice.Closures = DateList{"2024-12-24"}
	var buf bytes.Buffer
	if err := p.Encode(&buf); err != nil {
		t.Fatal(err)
	}
	q := mustParse(t, buf.String())
	if err := q.Validate(); err != nil {
		t.Fatalf("Validate after a round trip: %v\n%s", err, buf.String())
	}
	if !reflect.DeepEqual(p, q) {
		t.Errorf("round trip through Encode:\ngot  %+v\nwant %+v", q, p)
	}
}

func TestStarterProfile(t *testing.T) {
	p, err := ParseProfile("profile.toml", StarterProfile())
	if err != nil {
		t.Fatalf("the starter profile does not parse: %v", err)
	}
	// Its placeholders are empty, so that Validate names exactly what to fill in.
	want := []string{
		`profile.toml: professional.name: missing, e.g. name = "Þórdís Guðmundsdóttir"`,
		`profile.toml: professional.email: missing, e.g. email = "thordis@example.is"`,
		`profile.toml: bank: set iban or account_number (or both): the invoice must say where to pay`,
		`profile.toml: invoice.country: missing, e.g. country = "IS" (or GB, GB-SCT, ...)`,
	}
	err = p.Validate()
	if err == nil {
		t.Fatal("the starter profile validates, want its placeholders reported")
	}
	if got := strings.Split(err.Error(), "\n"); !reflect.DeepEqual(got, want) {
		t.Errorf("Validate(starter):\ngot  %q\nwant %q", got, want)
	}
	if r, ok := p.Route("ACME"); ok && r.Name != DefaultBillTo().Name {
		t.Errorf("the starter routes ACME to %q, want the platform's accounts department", r.Name)
	}
}

func FuzzParseProfile(f *testing.F) {
	f.Add([]byte(validProfile))
	f.Add(StarterProfile())
	f.Add([]byte("[invoice]\nclosures = [2024-12-24, 1979-05-27T07:32:00Z, 3]\n"))
	f.Add([]byte("[[bill_to]]\nsponsors = [\"*\", \"*\"]\n[[bill_to]]\nsponsors = [\"*\"]\n"))
	f.Add([]byte("[bank]\niban = \"IS14 0159\"\nbic = 3\n"))
	f.Add([]byte("a = \"\n\""))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := ParseProfile("f.toml", data)
		if err == nil {
			err = p.Validate()
			p.Route("ACME")
			p.BankDetails()
		}
		if err == nil {
			return
		}
		for _, line := range strings.Split(err.Error(), "\n") {
			if !strings.HasPrefix(line, "f.toml: ") || len(line) == len("f.toml: ") {
				t.Fatalf("error line %q does not name the file or says nothing; whole error: %q", line, err)
			}
		}
	})
}

func TestDemoProfile(t *testing.T) {
	p, err := LoadProfile("../testdata/demo/profile.toml")
	if err != nil {
		t.Fatalf("the demo profile: %v", err)
	}
	if got, want := p.Professional.Email, "thordis@example.is"; got != want {
		t.Errorf("demo profile email = %q, want %q (the demo export's first professional)", got, want)
	}
}

// TestValidPrefix checks the number prefix's rule against the regular expression it was.
func TestValidPrefix(t *testing.T) {
	re := regexp.MustCompile(`^[\p{L}\p{N}._/-]{1,20}$`)
	for _, s := range []string{"", "TG-", "ÞG-", "TG 2024", "A/B_C.D-E", "12345678901234567890", "123456789012345678901",
		"ÞÞÞÞÞÞÞÞÞÞÞÞÞÞÞÞÞÞÞÞ", "ÞÞÞÞÞÞÞÞÞÞÞÞÞÞÞÞÞÞÞÞÞ", "Łódź", "Ελλάδα", "٣٤", "a\tb", "a\nb", "\xff", "a+b", "€", "Ⅻ", "²"} {
		if got, want := validPrefix(s), re.MatchString(s); got != want {
			t.Errorf("validPrefix(%q) = %v, want %v", s, got, want)
		}
	}
}
