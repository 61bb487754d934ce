package ubl

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/hubinvoice/hubinvoice/invoice"
)

// A problem is what a party lacks for an e-invoice: the party's field (address, tax_id,
// peppol_id) and what is wrong. Check names the field as the profile spells it; Marshal
// names the party.
type problem struct {
	field, msg string
}

// resolved is a party as the e-invoice gives it: its address in parts and its identifiers.
type resolved struct {
	addr                   address
	endpointScheme, endpID string
	kennitala              string // ten digits; "" outside Iceland
	vatID                  string // a VAT number (BT-31, BT-48), e.g. GB123456789
	otherTaxID             string // any other tax ID: a UTR, a company number
}

// address is a postal address as UBL wants it, split from the profile's address lines.
type address struct {
	street, additional, city, postcode, country string
	extra                                       string // lines beyond those, joined
}

// countryNames are the last address lines that name a country. An address may end with its
// ISO 3166 code instead.
var countryNames = map[string]string{
	"iceland": "IS", "ísland": "IS", "island": "IS",
	"united kingdom": "GB", "uk": "GB", "u.k.": "GB", "great britain": "GB", "england": "GB",
	"scotland": "GB", "wales": "GB", "northern ireland": "GB",
}

var (
	isoCountryRE = regexp.MustCompile(`^[A-Z]{2}$`)
	// "101 Reykjavík": an Icelandic postcode has three digits and comes before the town.
	isPostcodeRE = regexp.MustCompile(`^(\d{3})\s+(\S.*)$`)
	// "London SW1A 1AA", "SW1A 1AA": a UK postcode comes last, after the town if on its line.
	gbPostcodeRE = regexp.MustCompile(`(?i)^(.*?)[,\s]*\b([A-Z]{1,2}\d[A-Z\d]?)\s*(\d[A-Z]{2})$`)
	// "1010 Wien", "D-10115 Berlin": elsewhere four or five digits before the town.
	otherPostcodeRE = regexp.MustCompile(`^(?:[A-Z]{1,2}-)?(\d{4,5})\s+(\S.*)$`)
)

// parseAddress splits address lines ("Laugavegur 1", "101 Reykjavík", "Iceland") into a
// street, a postcode and town, and a country: the last line when it names one, else the
// country the postcode's form belongs to (Iceland's three digits, the UK's letters and digits).
func parseAddress(lines []string) (address, *problem) {
	var ls []string
	for _, l := range lines {
		if l = strings.Join(strings.Fields(l), " "); l != "" {
			ls = append(ls, l)
		}
	}
	if len(ls) == 0 {
		return address{}, &problem{"address", `missing, e.g. address = ["Laugavegur 1", "101 Reykjavík", "Iceland"]`}
	}
	var a address
	last := ls[len(ls)-1]
	if c, ok := countryNames[strings.ToLower(last)]; ok {
		a.country, ls = c, ls[:len(ls)-1]
	} else if isoCountryRE.MatchString(last) {
		a.country, ls = last, ls[:len(ls)-1]
	}
	at := -1 // the line with the postcode
	for i := len(ls) - 1; i > 0 && at < 0; i-- {
		l := ls[i]
		if m := isPostcodeRE.FindStringSubmatch(l); m != nil && (a.country == "" || a.country == "IS") {
			a.postcode, a.city, a.country, at = m[1], m[2], "IS", i
		} else if m := gbPostcodeRE.FindStringSubmatch(l); m != nil && (a.country == "" || a.country == "GB") {
			a.postcode = strings.ToUpper(m[2] + " " + m[3])
			a.city, a.country, at = strings.TrimSpace(m[1]), "GB", i
			if a.city == "" && i > 1 { // the town on the line above
				a.city, ls = ls[i-1], append(ls[:i-1:i-1], ls[i:]...)
				at = i - 1
			}
		} else if m := otherPostcodeRE.FindStringSubmatch(l); m != nil && a.country != "" && a.country != "IS" && a.country != "GB" {
			a.postcode, a.city, at = m[1], m[2], i
		}
	}
	switch {
	case at < 0 && a.country == "":
		return a, &problem{"address", `cannot tell the postcode or the country: give the postcode and town on a line of their own, e.g. "101 Reykjavík", and end with the country, e.g. "Iceland" or "United Kingdom"`}
	case at < 0:
		return a, &problem{"address", `no line with the postcode and town after the street, e.g. "101 Reykjavík" or "London SW1A 1AA"`}
	}
	a.street = ls[0]
	rest := ls[1:at]
	if len(rest) > 0 {
		a.additional, rest = rest[0], rest[1:]
	}
	rest = append(rest, ls[at+1:]...)
	a.extra = strings.Join(rest, ", ")
	return a, nil
}

// resolve finds what the e-invoice says of a party, or every problem in the way. seller
// says whether the party sends the invoice (whose tax ID is its tax registration, BT-32)
// or receives it (whose tax ID is its legal registration, BT-47).
func resolve(p invoice.Party) (resolved, []problem) {
	var r resolved
	var probs []problem
	a, prob := parseAddress(p.Address)
	if prob != nil {
		probs = append(probs, *prob)
	}
	r.addr = a
	inIceland := a.country == "IS"

	tax := strings.TrimSpace(p.TaxID)
	switch {
	case inIceland && tax == "":
		probs = append(probs, problem{"tax_id", `missing: an Icelandic party's e-invoice needs its kennitala, e.g. tax_id = "010180-1209"`})
	case inIceland:
		kt, err := invoice.Kennitala(tax)
		if err != nil {
			probs = append(probs, problem{"tax_id", err.Error()})
		}
		r.kennitala = kt
	case invoice.IsGBVATNumber(tax):
		r.vatID = strings.ToUpper(strings.Join(strings.Fields(tax), ""))
	default:
		r.otherTaxID = tax
	}

	switch {
	case strings.TrimSpace(p.PeppolID) != "":
		scheme, id, err := invoice.ParsePeppolID(p.PeppolID)
		if err != nil {
			probs = append(probs, problem{"peppol_id", err.Error()})
		}
		r.endpointScheme, r.endpID = scheme, id
	case r.kennitala != "":
		r.endpointScheme, r.endpID = invoice.SchemeKennitala, r.kennitala
	case !inIceland && a.country != "": // with no country the address's problem comes first
		probs = append(probs, problem{"peppol_id", `missing: an e-invoice needs the party's Peppol ID, e.g. peppol_id = "0088:5012345678900" (a GLN) or "9932:GB123456789" (a UK VAT number)`})
	}
	return r, probs
}

// icelandicAccount returns the 12-digit Icelandic account number that TS-236 wants for a
// credit transfer (IS-R-007): bank, ledger and account, 4 + 2 + 6 digits without dashes,
// from the account number ("0159-26-007654", "0159-26-7654") or else an Icelandic IBAN.
func icelandicAccount(b invoice.Bank) (string, *problem) {
	if n := strings.TrimSpace(b.AccountNumber); n != "" {
		parts := strings.Split(strings.ReplaceAll(n, " ", ""), "-")
		if len(parts) == 3 && allDigits(parts...) && len(parts[0]) <= 4 && len(parts[1]) <= 2 && len(parts[2]) <= 6 {
			return fmt.Sprintf("%04s%02s%06s", parts[0], parts[1], parts[2]), nil
		}
		if len(parts) == 1 && len(n) == 12 && allDigits(n) {
			return n, nil
		}
		return "", &problem{"bank.account_number", fmt.Sprintf("%q is not an Icelandic account number: want bank, ledger and account, e.g. 0159-26-007654", n)}
	}
	if iban := invoice.CompactIBAN(b.IBAN); strings.HasPrefix(iban, "IS") && len(iban) == 26 {
		return iban[4:16], nil
	}
	return "", &problem{"bank.account_number", `missing: an Icelandic e-invoice gives the 12-digit account number, e.g. account_number = "0159-26-007654"`}
}

func allDigits(ss ...string) bool {
	for _, s := range ss {
		if s == "" || strings.Trim(s, "0123456789") != "" {
			return false
		}
	}
	return true
}
