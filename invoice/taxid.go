package invoice

import (
	"fmt"
	"regexp"
	"strings"
)

var kennitalaRE = regexp.MustCompile(`^(\d{6})-?(\d{4})$`)

// LooksLikeKennitala reports whether s has the shape of an Icelandic kennitala: ten digits,
// with or without a dash after the sixth (DDMMYY-NNNC). A UTR has ten digits too, so without
// the dash the shape says kennitala only when the party is in Iceland (inIceland).
func LooksLikeKennitala(s string, inIceland bool) bool {
	s = strings.TrimSpace(s)
	if !kennitalaRE.MatchString(s) {
		return false
	}
	return inIceland || strings.Contains(s, "-")
}

// Kennitala returns the kennitala's ten digits, without the dash, or an error saying what is
// wrong with it: its shape, its date, its century digit or its check digit (the ninth).
//
// The check digit is 11 minus the sum of the first eight digits weighted 3, 2, 7, 6, 5, 4, 3,
// 2, modulo 11 (0 when that is 11; no kennitala is issued where it would be 10). A company's
// day is its founding day plus 40.
func Kennitala(s string) (string, error) {
	m := kennitalaRE.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return "", fmt.Errorf("%q is not a kennitala: want ten digits, e.g. 010180-1209", s)
	}
	d := m[1] + m[2]
	digit := func(i int) int { return int(d[i] - '0') }
	day, month := digit(0)*10+digit(1), digit(2)*10+digit(3)
	if day > 40 {
		day -= 40 // a company's
	}
	if day < 1 || day > 31 || month < 1 || month > 12 {
		return "", fmt.Errorf("%q is not a kennitala: its first six digits are not a date (DDMMYY)", s)
	}
	if c := digit(9); c != 9 && c != 0 && c != 8 {
		return "", fmt.Errorf("%q is not a kennitala: its last digit (the century) must be 9, 0 or 8", s)
	}
	sum := 0
	for i, w := range [8]int{3, 2, 7, 6, 5, 4, 3, 2} {
		sum += digit(i) * w
	}
	check := (11 - sum%11) % 11
	if check == 10 || digit(8) != check {
		return "", fmt.Errorf("%q is not a kennitala: its check digit does not match (a digit mistyped?)", s)
	}
	return d, nil
}

// Peppol electronic address schemes (EAS) that hubinvoice checks the identifier of.
const (
	SchemeKennitala = "0196" // Icelandic kennitala
	SchemeGLN       = "0088" // GS1 Global Location Number
	SchemeGBVAT     = "9932" // United Kingdom VAT number
)

// easCodes is the Peppol code list of electronic address schemes (EAS), as the Peppol BIS
// Billing 3.0 rules of May 2025 (3.0.19) accept them.
var easCodes = strings.Fields(`0002 0007 0009 0037 0060 0088 0096 0097 0106 0130 0135 0142 0147
	0151 0154 0158 0170 0177 0183 0184 0188 0190 0191 0192 0193 0194 0195 0196 0198 0199 0200
	0201 0202 0203 0204 0205 0208 0209 0210 0211 0212 0213 0215 0216 0217 0218 0221 0225 0230
	0235 0240 9910 9913 9914 9915 9918 9919 9920 9922 9923 9924 9925 9926 9927 9928 9929 9930
	9931 9932 9933 9934 9935 9936 9937 9938 9939 9940 9941 9942 9943 9944 9945 9946 9947 9948
	9949 9950 9951 9952 9953 9957 9959`)

var (
	peppolIDRE = regexp.MustCompile(`^(\d{4}):(\S+)$`)
	gbVATRE    = regexp.MustCompile(`^GB(\d{9}|\d{12}|GD\d{3}|HA\d{3})$`)
)

// ParsePeppolID splits a Peppol participant ID written "scheme:identifier" (an optional
// "iso6523-actorid-upis::" before it is dropped), e.g. "0196:0101801209" or
// "0088:5790000435951", and checks what can be checked: the scheme is in Peppol's list, a
// kennitala's and a GLN's check digits match, a UK VAT number has its form.
func ParsePeppolID(s string) (scheme, id string, err error) {
	t := strings.TrimPrefix(strings.TrimSpace(s), "iso6523-actorid-upis::")
	m := peppolIDRE.FindStringSubmatch(t)
	if m == nil {
		return "", "", fmt.Errorf("%q is not a Peppol ID: want scheme:identifier, e.g. 0196:0101801209 (a kennitala) or 0088:5790000435951 (a GLN)", s)
	}
	scheme, id = m[1], m[2]
	if !contains(easCodes, scheme) {
		return "", "", fmt.Errorf("%q is not a Peppol ID: %s is not a Peppol address scheme (0196 kennitala, 0088 GLN, 9932 UK VAT, ...)", s, scheme)
	}
	switch scheme {
	case SchemeKennitala:
		kt, err := Kennitala(id)
		if err != nil {
			return "", "", fmt.Errorf("peppol ID %s: %w", scheme, err)
		}
		id = kt
	case SchemeGLN:
		if err := CheckGLN(id); err != nil {
			return "", "", err
		}
	case SchemeGBVAT:
		if !gbVATRE.MatchString(id) {
			return "", "", fmt.Errorf("%q is not a UK VAT number: want GB and 9 digits, e.g. 9932:GB123456789", id)
		}
	}
	return scheme, id, nil
}

// CheckGLN checks a GS1 Global Location Number: 13 digits whose last is the GS1 check digit.
func CheckGLN(s string) error {
	if len(s) != 13 || strings.Trim(s, "0123456789") != "" {
		return fmt.Errorf("%q is not a GLN: want 13 digits", s)
	}
	if gs1CheckDigit(s[:12]) != int(s[12]-'0') {
		return fmt.Errorf("%q is not a GLN: its check digit (the last) does not match", s)
	}
	return nil
}

// gs1CheckDigit is the GS1 check digit of digits: weights 3 and 1 alternate from the right.
func gs1CheckDigit(digits string) int {
	sum := 0
	for i := len(digits) - 1; i >= 0; i-- {
		w := 3
		if (len(digits)-1-i)%2 == 1 {
			w = 1
		}
		sum += int(digits[i]-'0') * w
	}
	return (10 - sum%10) % 10
}

// IsGBVATNumber reports whether s is written as a UK VAT number (GB and 9 or 12 digits, or a
// government department's GBGD/GBHA number), spaces ignored.
func IsGBVATNumber(s string) bool {
	return gbVATRE.MatchString(strings.ToUpper(strings.Join(strings.Fields(s), "")))
}
