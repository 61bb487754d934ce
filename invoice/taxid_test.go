package invoice

import (
	"strings"
	"testing"
)

func TestKennitala(t *testing.T) {
	tests := []struct {
		in, want, wantErr string // wantErr: a part of the message, "" when valid
	}{
		{"010180-1209", "0101801209", ""}, // the demo's
		{"0101801209", "0101801209", ""},
		{" 410117-0020 ", "4101170020", ""}, // a company: day + 40
		{"010180-1219", "", "check digit does not match"},
		{"010180-1309", "", "check digit does not match"},
		{"320180-1209", "", "not a date"},
		{"011380-1209", "", "not a date"},
		{"010180-1201", "", "century"},
		{"010180 1209", "", "want ten digits"},
		{"01018-01209", "", "want ten digits"},
		{"", "", "want ten digits"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := Kennitala(tt.in)
			switch {
			case tt.wantErr == "" && (err != nil || got != tt.want):
				t.Errorf("Kennitala(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Errorf("Kennitala(%q) = %q, %v; want an error containing %q", tt.in, got, err, tt.wantErr)
			}
		})
	}
}

func TestParsePeppolID(t *testing.T) {
	tests := []struct {
		in, scheme, id, wantErr string
	}{
		{"0196:010180-1209", "0196", "0101801209", ""},
		{"iso6523-actorid-upis::0196:0101801209", "0196", "0101801209", ""},
		{"0088:5790000435975", "0088", "5790000435975", ""},
		{"0088:5012345678900", "0088", "5012345678900", ""},
		{"9932:GB123456789", "9932", "GB123456789", ""},
		{"0196:0101801219", "", "", "check digit does not match"},
		{"0088:5790000435976", "", "", "check digit (the last) does not match"},
		{"0088:579000043597", "", "", "want 13 digits"},
		{"9932:123456789", "", "", "not a UK VAT number"},
		{"1234:abc", "", "", "not a Peppol address scheme"},
		{"0196", "", "", "want scheme:identifier"},
		{"", "", "", "want scheme:identifier"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			scheme, id, err := ParsePeppolID(tt.in)
			switch {
			case tt.wantErr == "" && (err != nil || scheme != tt.scheme || id != tt.id):
				t.Errorf("ParsePeppolID(%q) = %q, %q, %v; want %q, %q", tt.in, scheme, id, err, tt.scheme, tt.id)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Errorf("ParsePeppolID(%q) = %v; want an error containing %q", tt.in, err, tt.wantErr)
			}
		})
	}
}

// TestValidateTaxIDs: a mistyped kennitala or Peppol ID is caught when the profile is read,
// for the PDF as much as for an e-invoice; a UTR, which has ten digits too, is not taken for a
// kennitala outside Iceland.
func TestValidateTaxIDs(t *testing.T) {
	tests := []struct {
		name, country, field, value, wantErr string
	}{
		{"valid kennitala", "IS", "tax_id", "010180-1209", ""},
		{"kennitala, one digit off", "IS", "tax_id", "010180-1219", `professional.tax_id: "010180-1219" is not a kennitala: its check digit does not match`},
		{"kennitala without dash in Iceland", "IS", "tax_id", "0101801219", "professional.tax_id"},
		{"kennitala with dash from the UK", "GB", "tax_id", "010180-1219", "professional.tax_id"},
		{"UTR in the UK", "GB", "tax_id", "1234567890", ""},
		{"valid Peppol ID", "IS", "peppol_id", "0196:0101801209", ""},
		{"GLN with a wrong check digit", "GB", "peppol_id", "0088:5012345678901", "professional.peppol_id"},
		{"bill-to kennitala", "IS", "bill_to_tax_id", "410117-0021", "bill_to[1].tax_id"},
		{"bill-to Peppol ID", "IS", "bill_to_peppol_id", "0196:4101170021", "bill_to[1].peppol_id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &Profile{
				Professional: ProfessionalSection{Name: "A", Email: "a@example.is"},
				Bank:         BankSection{AccountNumber: "0159-26-007654"},
				Invoice:      InvoiceSection{Country: tt.country},
				BillTo:       []BillTo{{Name: "B", Email: "b@example.is", Sponsors: []string{"*"}}},
			}
			switch tt.field {
			case "tax_id":
				p.Professional.TaxID = tt.value
			case "peppol_id":
				p.Professional.PeppolID = tt.value
			case "bill_to_tax_id":
				p.BillTo[0].TaxID = tt.value
			case "bill_to_peppol_id":
				p.BillTo[0].PeppolID = tt.value
			}
			err := p.Validate()
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("Validate() = %v, want nil", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Errorf("Validate() = %v, want an error containing %q", err, tt.wantErr)
			}
		})
	}
}

func TestValidateVAT(t *testing.T) {
	for vat, ok := range map[string]bool{"": true, "exempt": true, "outside": true, "EXEMPT": true, "standard": false} {
		p, err := ParseProfile("p.toml", []byte("[professional]\nname = \"A\"\nemail = \"a@example.is\"\n[bank]\naccount_number = \"1\"\n[invoice]\ncountry = \"IS\"\nvat = \""+vat+"\"\n"))
		if err != nil {
			t.Fatal(err)
		}
		err = p.Validate()
		if ok != (err == nil) {
			t.Errorf("vat = %q: Validate() = %v, want ok %v", vat, err, ok)
		}
		if !ok && !strings.Contains(err.Error(), "p.toml: invoice.vat:") {
			t.Errorf("vat = %q: %v does not name invoice.vat", vat, err)
		}
	}
}

// FuzzTaxIDs: a kennitala and a Peppol ID are read from a profile, outside input. Whatever
// the text, reading it does not panic, and what is accepted has the form promised.
func FuzzTaxIDs(f *testing.F) {
	for _, s := range []string{"010180-1209", "0196:0101801209", "0088:5790000435975", "9932:GB123456789", "iso6523-actorid-upis::0196:4101170020", "", ":", "0196:"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if kt, err := Kennitala(s); err == nil && (len(kt) != 10 || strings.Trim(kt, "0123456789") != "") {
			t.Errorf("Kennitala(%q) = %q, want ten digits", s, kt)
		}
		scheme, id, err := ParsePeppolID(s)
		if err == nil && (len(scheme) != 4 || id == "" || strings.ContainsAny(id, " \t\n")) {
			t.Errorf("ParsePeppolID(%q) = %q, %q", s, scheme, id)
		}
	})
}
