package ubl

import (
	"os"
	"strings"
	"testing"

	"github.com/hubinvoice/hubinvoice/invoice"
)

// TestCheck: a profile lacking what an e-invoice needs gets one line per problem, naming the
// file and the field as the profile spells it.
func TestCheck(t *testing.T) {
	demo, err := os.ReadFile("../../testdata/demo/profile.toml")
	if err != nil {
		t.Fatal(err)
	}
	gb, err := os.ReadFile("../../testdata/ubl/gb-profile.toml")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		base    []byte
		from    string // a line of base to change, "" for none
		to      string
		wantErr string // the whole error, "" when the profile is complete
	}{
		{"demo", demo, "", "", ""},
		{"gb", gb, "", "", ""},
		{"no address", demo, `address = ["Laugavegur 1", "101 Reykjavík", "Iceland"]`, "",
			`p.toml: professional.address: missing, e.g. address = ["Laugavegur 1", "101 Reykjavík", "Iceland"]`},
		{"no postcode", demo, `address = ["Laugavegur 1", "101 Reykjavík", "Iceland"]`, `address = ["Laugavegur 1", "Reykjavík", "Iceland"]`,
			`p.toml: professional.address: no line with the postcode and town after the street, e.g. "101 Reykjavík" or "London SW1A 1AA"`},
		{"no country", demo, `address = ["Borgartún 1", "105 Reykjavík", "Iceland"]`, `address = ["Borgartún 1", "Reykjavík"]`,
			`p.toml: bill_to[1].address: cannot tell the postcode or the country: give the postcode and town on a line of their own, e.g. "101 Reykjavík", and end with the country, e.g. "Iceland" or "United Kingdom"`},
		{"no kennitala", demo, `tax_id = "010180-1209"          # kennitala, UTR or VAT number`, "",
			`p.toml: professional.tax_id: missing: an Icelandic party's e-invoice needs its kennitala, e.g. tax_id = "010180-1209"`},
		{"platform without kennitala", demo, `tax_id = "410117-0020"          # its kennitala: its Peppol ID in e-invoices (0196)`, "",
			`p.toml: bill_to[1].tax_id: missing: an Icelandic party's e-invoice needs its kennitala, e.g. tax_id = "010180-1209"`},
		{"no account number in Iceland", demo, `iban = "IS14 0159 2600 7654 5510 7303 39"`, "", ""}, // the account number is there
		{"no 12-digit account", demo, `account_number = "0159-26-007654"`, `account_number = "26-007654"`,
			`p.toml: bank.account_number: "26-007654" is not an Icelandic account number: want bank, ledger and account, e.g. 0159-26-007654`},
		{"default platform", demo, `sponsors = ["*"]                # "*" takes every sponsor not routed elsewhere`, `sponsors = ["ACME"]`,
			`p.toml: bill_to: an e-invoice to Kara Connect ehf. needs its address and kennitala: add a [[bill_to]] for it with sponsors = ["*"], address, tax_id`},
		{"no Peppol ID in the UK", gb, `peppol_id = "0088:5000000000012" # a GLN, with its check digit`, "",
			`p.toml: professional.peppol_id: missing: an e-invoice needs the party's Peppol ID, e.g. peppol_id = "0088:5012345678900" (a GLN) or "9932:GB123456789" (a UK VAT number)`},
		{"exempt without a tax ID", gb, `tax_id = "1234567890"           # a UTR: the seller's tax registration (BT-32)`, "",
			`p.toml: professional.tax_id: missing: a VAT-exempt e-invoice needs the seller's tax registration (kennitala, UTR or VAT number), or set [invoice] vat = "outside"`},
		{"outside without a tax ID", gb, `tax_id = "1234567890"           # a UTR: the seller's tax registration (BT-32)`, "", ""},
		{"outside with a VAT number", gb, `tax_id = "1234567890"           # a UTR: the seller's tax registration (BT-32)`, `tax_id = "GB123456789"`,
			`p.toml: professional.tax_id: GB123456789 is a VAT number, but [invoice] vat = "outside" says you are not registered for VAT`},
		{"town above the UK postcode", gb, `address = ["14 Clifton Road", "Bristol BS8 1AB", "United Kingdom"]`, `address = ["14 Clifton Road", "Bristol", "BS8 1AB"]`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := string(tt.base)
			if tt.from != "" {
				if !strings.Contains(text, tt.from) {
					t.Fatalf("the profile has no line %q", tt.from)
				}
				text = strings.Replace(text, tt.from, tt.to, 1)
			}
			if strings.HasPrefix(tt.name, "outside") {
				text = strings.Replace(text, `vat = "exempt"`, `vat = "outside"`, 1)
			}
			p, err := invoice.ParseProfile("p.toml", []byte(text))
			if err != nil {
				t.Fatal(err)
			}
			if err := p.Validate(); err != nil {
				t.Fatalf("Validate: %v", err)
			}
			err = Check(p)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("Check() = %v, want nil", err)
			case tt.wantErr != "" && err == nil:
				t.Errorf("Check() = nil, want %q", tt.wantErr)
			case tt.wantErr != "" && err.Error() != tt.wantErr:
				t.Errorf("Check() =\n%v\nwant\n%s", err, tt.wantErr)
			}
		})
	}
}

func TestParseAddress(t *testing.T) {
	tests := []struct {
		lines []string
		want  address
	}{
		{[]string{"Laugavegur 1", "101 Reykjavík", "Iceland"}, address{street: "Laugavegur 1", city: "Reykjavík", postcode: "101", country: "IS"}},
		{[]string{"Laugavegur 1", "101 Reykjavík"}, address{street: "Laugavegur 1", city: "Reykjavík", postcode: "101", country: "IS"}},
		{[]string{"Pósthólf 12", "Laugavegur 1", "101  Reykjavík", "ÍSLAND"}, address{street: "Pósthólf 12", additional: "Laugavegur 1", city: "Reykjavík", postcode: "101", country: "IS"}},
		{[]string{"14 Clifton Road", "Bristol BS8 1AB", "United Kingdom"}, address{street: "14 Clifton Road", city: "Bristol", postcode: "BS8 1AB", country: "GB"}},
		{[]string{"14 Clifton Road", "Bristol, bs81ab"}, address{street: "14 Clifton Road", city: "Bristol", postcode: "BS8 1AB", country: "GB"}},
		{[]string{"Floor 3", "1 King Street", "Manchester", "M2 4WU", "UK"}, address{street: "Floor 3", additional: "1 King Street", city: "Manchester", postcode: "M2 4WU", country: "GB"}},
		{[]string{"Flat 2", "10 Downing Street", "Westminster", "London SW1A 2AA"}, address{street: "Flat 2", additional: "10 Downing Street", extra: "Westminster", city: "London", postcode: "SW1A 2AA", country: "GB"}},
		{[]string{"Mannerheimintie 5", "00100 Helsinki", "FI"}, address{street: "Mannerheimintie 5", city: "Helsinki", postcode: "00100", country: "FI"}},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.lines, "|"), func(t *testing.T) {
			got, prob := parseAddress(tt.lines)
			if prob != nil {
				t.Fatalf("problem: %s: %s", prob.field, prob.msg)
			}
			if got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

// FuzzParseAddress: address lines come from a profile, outside input. Whatever they hold,
// splitting them does not panic, and an address accepted has a street, a postcode and a
// country code.
func FuzzParseAddress(f *testing.F) {
	f.Add("Laugavegur 1\n101 Reykjavík\nIceland")
	f.Add("Floor 3\n1 King Street\nManchester\nM2 4WU\nUK")
	f.Add("\n\n")
	f.Add("SW1A 1AA")
	f.Fuzz(func(t *testing.T, text string) {
		a, prob := parseAddress(strings.Split(text, "\n"))
		if prob != nil {
			if prob.field != "address" || prob.msg == "" {
				t.Errorf("problem %+v", prob)
			}
			return
		}
		if a.street == "" || a.postcode == "" || len(a.country) != 2 {
			t.Errorf("parseAddress(%q) = %+v: accepted without street, postcode or country", text, a)
		}
	})
}
