package invoice

import (
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"slices"

	"github.com/hubinvoice/hubinvoice/internal/sample"
)

// SampleProfile makes a valid profile for the i-th professional of a sample export (as
// 'hubinvoice sample --profiles' writes them): a made-up address and bank account with correct
// IBAN check digits; every fourth professional who works with ACME bills ACME directly, the
// rest go to the platform's accounts department. The same professional and seed give the
// same profile.
func SampleProfile(sp sample.Professional, i int, seed uint64) (*Profile, error) {
	h := fnv.New64a()
	h.Write([]byte(sp.Email))
	r := rand.New(rand.NewPCG(seed, h.Sum64()))
	bank := sampleBanks[sp.Country]
	bban, account, sortCode := bank.bban(r)
	addr := append([]string(nil), sampleAddresses[sp.Country]...)
	addr[0] = fmt.Sprintf(addr[0], 1+r.IntN(120))
	p := &Profile{
		Professional: ProfessionalSection{Name: sp.Name, Email: sp.Email, Address: addr},
		Bank: BankSection{
			AccountHolder: sp.Name, BankName: bank.name, IBAN: FormatIBAN(MakeIBAN(sp.Country, bban)),
			BIC: bank.bic, AccountNumber: account, SortCode: sortCode,
		},
		Invoice: InvoiceSection{Language: sp.Language, Country: sp.Country, Currency: sp.Currency},
	}
	if sp.Country == "IS" {
		p.Invoice.Note = "Health services are exempt from VAT."
		if sp.Language == "is" {
			p.Invoice.Note = "Heilbrigðisþjónusta er undanþegin virðisaukaskatti."
		}
	}
	if i%4 == 3 && slices.Contains(sp.Sponsors, "ACME") {
		p.BillTo = []BillTo{
			DefaultBillTo(),
			{Name: "ACME hf.", Email: "invoices@acme.example", Address: []string{"Borgartún 1", "105 Reykjavík", "Iceland"},
				Sponsors: []string{"ACME"}},
		}
	}
	return p, p.Validate()
}

// sampleBanks are made-up banks by country: name, BIC, and how to make up a BBAN.
var sampleBanks = map[string]struct {
	name, bic string
	bban      func(r *rand.Rand) (bban, account, sortCode string)
}{
	"IS": {"Landsbankinn", "NBIIISRE", func(r *rand.Rand) (string, string, string) {
		branch, acct := fmt.Sprintf("01%02d", 1+r.IntN(60)), fmt.Sprintf("%06d", r.IntN(1_000_000))
		return branch + "26" + acct + sampleDigits(r, 10), branch + "-26-" + acct, ""
	}},
	"GB": {"NatWest", "NWBKGB2L", func(r *rand.Rand) (string, string, string) {
		sort, acct := sampleDigits(r, 6), sampleDigits(r, 8)
		return "NWBK" + sort + acct, acct, sort[:2] + "-" + sort[2:4] + "-" + sort[4:]
	}},
	"DE": {"Commerzbank", "COBADEFF", func(r *rand.Rand) (string, string, string) {
		return "37040044" + sampleDigits(r, 10), "", ""
	}},
	"IE": {"AIB", "AIBKIE2D", func(r *rand.Rand) (string, string, string) {
		return "AIBK" + "93" + sampleDigits(r, 12), "", ""
	}},
	"NL": {"ING", "INGBNL2A", func(r *rand.Rand) (string, string, string) {
		return "INGB" + sampleDigits(r, 10), "", ""
	}},
	"FI": {"Nordea", "NDEAFIHH", func(r *rand.Rand) (string, string, string) {
		return "1" + sampleDigits(r, 13), "", ""
	}},
}

func sampleDigits(r *rand.Rand, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte('0' + r.IntN(10))
	}
	return string(b)
}

// sampleAddresses are made-up addresses by country.
var sampleAddresses = map[string][]string{
	"IS": {"Laugavegur %d", "101 Reykjavík", "Iceland"},
	"GB": {"%d High Street", "Edinburgh EH1 1SR", "United Kingdom"},
	"DE": {"Hauptstraße %d", "10115 Berlin", "Germany"},
	"IE": {"%d Grafton Street", "Dublin 2", "Ireland"},
	"NL": {"Prinsengracht %d", "1015 DV Amsterdam", "Netherlands"},
	"FI": {"Mannerheimintie %d", "00100 Helsinki", "Finland"},
}
