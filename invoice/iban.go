package invoice

import (
	"errors"
	"fmt"
	"strings"
)

// ibanLength is the length of an IBAN, by country, from the SWIFT IBAN registry. A country
// not listed here is accepted with any length from 15 to 34 when its check digits match.
var ibanLength = map[string]int{
	"AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22,
	"BR": 29, "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "DO": 28,
	"EE": 20, "EG": 29, "ES": 24, "FI": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23,
	"GL": 18, "GR": 27, "GT": 28, "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IQ": 23, "IS": 26,
	"IT": 27, "JO": 30, "KW": 30, "KZ": 20, "LB": 28, "LC": 32, "LI": 21, "LT": 20, "LU": 20,
	"LV": 21, "MC": 27, "MD": 24, "ME": 22, "MK": 19, "MR": 27, "MT": 31, "MU": 30, "NL": 18,
	"NO": 15, "PK": 24, "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22, "SA": 24,
	"SC": 31, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "ST": 25, "SV": 28, "TL": 23, "TN": 24,
	"TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20,
}

// CompactIBAN returns the IBAN without spaces, in upper case: its electronic format.
func CompactIBAN(s string) string {
	return strings.ToUpper(strings.Join(strings.Fields(s), ""))
}

// FormatIBAN returns the IBAN in its print format: groups of four characters separated by
// spaces, e.g. "IS14 0159 2600 7654 5510 7303 39".
func FormatIBAN(s string) string {
	c := CompactIBAN(s)
	var b strings.Builder
	for i := 0; i < len(c); i += 4 {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(c[i:min(i+4, len(c))])
	}
	return b.String()
}

// CheckIBAN reports what is wrong with an IBAN written in electronic or print format
// (ISO 13616): its characters, its length for its country, and its check digits (ISO 7064
// mod 97-10). The error says what is wrong without repeating the field's name.
func CheckIBAN(s string) error {
	c := CompactIBAN(s)
	for _, r := range c {
		if !isUpperAlnum(r) {
			return fmt.Errorf("%q contains %q; an IBAN has only letters, digits and spaces", s, r)
		}
	}
	if len(c) < 4 || !isLetter(c[0]) || !isLetter(c[1]) || !isDigit(c[2]) || !isDigit(c[3]) {
		return fmt.Errorf("%q does not start with a country code and two check digits, e.g. IS14", s)
	}
	country := c[:2]
	if want, ok := ibanLength[country]; ok {
		if len(c) != want {
			return fmt.Errorf("%q has %d characters; an IBAN from %s has %d", s, len(c), country, want)
		}
	} else if len(c) < 15 || len(c) > 34 {
		return fmt.Errorf("%q has %d characters; an IBAN has 15 to 34", s, len(c))
	}
	if ibanMod97(c[4:]+c[:4]) != 1 {
		if _, ok := ibanLength[country]; !ok {
			return fmt.Errorf("%q starts with %s, which is no country's IBAN code (and its check digits do not match)", s, country)
		}
		return errors.New("check digits do not match")
	}
	return nil
}

// MakeIBAN returns the IBAN, in electronic format, of a country code and a basic bank account
// number (BBAN, letters and digits), computing its check digits.
func MakeIBAN(country, bban string) string {
	country, bban = strings.ToUpper(country), CompactIBAN(bban)
	check := 98 - ibanMod97(bban+country+"00")
	return fmt.Sprintf("%s%02d%s", country, check, bban)
}

// ibanMod97 returns the remainder modulo 97 of the number spelt by s, in which each letter
// stands for two digits (A = 10, ..., Z = 35). s holds only upper-case letters and digits.
func ibanMod97(s string) int {
	r := 0
	for i := 0; i < len(s); i++ {
		ch := s[i]
		if isDigit(ch) {
			r = (r*10 + int(ch-'0')) % 97
		} else {
			r = (r*100 + int(ch-'A') + 10) % 97
		}
	}
	return r
}

func isDigit(c byte) bool      { return '0' <= c && c <= '9' }
func isLetter(c byte) bool     { return 'A' <= c && c <= 'Z' }
func isUpperAlnum(r rune) bool { return r < 0x80 && (isDigit(byte(r)) || isLetter(byte(r))) }
