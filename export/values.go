package export

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/shopspring/decimal"
	"golang.org/x/text/currency"
)

// DateOrder says how to read an all-numeric text date such as 05/03/2024.
type DateOrder int

const (
	DayFirst   DateOrder = iota // 05/03/2024 is 5 March (Europe; the default)
	MonthFirst                  // 05/03/2024 is 3 May (United States)
)

// ParseDateOrder reads "dmy" or "mdy" (also "day-first", "month-first").
func ParseDateOrder(s string) (DateOrder, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "dmy", "day-first", "dayfirst", "":
		return DayFirst, nil
	case "mdy", "month-first", "monthfirst":
		return MonthFirst, nil
	}
	return 0, fmt.Errorf("date order %q: want dmy (day first, 05/03/2024 is 5 March) or mdy (month first)", s)
}

// currencySigns maps the signs and words seen in price texts to ISO 4217 codes.
var currencySigns = map[string]string{
	"kr": "ISK", "kr.": "ISK", "isk": "ISK", "ikr": "ISK",
	"€": "EUR", "eur": "EUR", "£": "GBP", "gbp": "GBP", "$": "USD", "us$": "USD", "usd": "USD",
	"dkk": "DKK", "sek": "SEK", "nok": "NOK", "chf": "CHF",
}

// ParseAmount reads a price exactly: numbers such as 12000, 12.000, 12 000 kr., £60.00,
// 60,00 €, 1,234.50 or -1.234,50. It returns the amount and the currency its text names
// ("" when none). A single separator followed by exactly three digits is a thousands
// separator (12.000 is twelve thousand) unless what stands before it is 0 (0.500 is a half);
// otherwise the last separator is the decimal one. Digits grouped by spaces must be grouped in
// threes. A word beside the number must be a currency: a sign (kr., €, £, $) or an ISO 4217
// code.
func ParseAmount(s string) (decimal.Decimal, string, error) {
	if d, ok := plainAmount(s); ok {
		return d, "", nil
	}
	bad := errors.New("is not an amount")
	if len(s) > maxAmountText {
		return decimal.Decimal{}, "", bad
	}
	var (
		num      string // the one number of the text, spaces and all
		currency string
		neg      bool
	)
	rs := []rune(strings.TrimSpace(s))
	isSpace := func(r rune) bool { return unicode.IsSpace(r) || r == '\u00a0' || r == '\u202f' }
	isDigit := func(r rune) bool { return r >= '0' && r <= '9' }
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case isSpace(r):
			i++
		case r == '-' || r == '\u2212':
			if neg || num != "" {
				return decimal.Decimal{}, "", bad
			}
			neg = true
			i++
		case isDigit(r) || (r == '.' || r == ',') && i+1 < len(rs) && isDigit(rs[i+1]):
			if num != "" {
				return decimal.Decimal{}, "", bad // two numbers: 12 kr 50
			}
			j := i
			for j < len(rs) {
				c := rs[j]
				if isDigit(c) || c == '.' || c == ',' || c == '\'' || c == '\u2019' {
					j++
					continue
				}
				// a space inside the number groups digits: 12 000
				if isSpace(c) && j+1 < len(rs) && isDigit(rs[j+1]) && isDigit(rs[j-1]) {
					j++
					continue
				}
				break
			}
			num = string(rs[i:j])
			i = j
		default:
			j := i
			for j < len(rs) && !isSpace(rs[j]) && !isDigit(rs[j]) && rs[j] != '-' {
				j++
			}
			word := string(rs[i:j])
			if j == i { // a lone sign character we do not know
				return decimal.Decimal{}, "", bad
			}
			code, ok := currencyWord(word)
			if !ok {
				return decimal.Decimal{}, "", bad
			}
			if currency != "" && currency != code {
				return decimal.Decimal{}, "", errors.New("names two currencies")
			}
			currency = code
			i = j
		}
	}
	if num == "" {
		return decimal.Decimal{}, "", bad
	}
	plain, err := ungroup(num)
	if err != nil {
		return decimal.Decimal{}, "", err
	}
	d, err := decimal.NewFromString(plain)
	if err != nil {
		return decimal.Decimal{}, "", bad
	}
	if neg {
		d = d.Neg()
	}
	return d, currency, nil
}

// currencyWord reads a word beside a number as a currency: a sign, a local word, or an ISO
// 4217 code in any case.
func currencyWord(w string) (string, bool) {
	if code, ok := currencySigns[strings.ToLower(w)]; ok {
		return code, true
	}
	if len(w) == 3 {
		if u, err := currency.ParseISO(strings.ToUpper(w)); err == nil {
			return u.String(), true
		}
	}
	return "", false
}

// ungroup turns a number written with grouping spaces, apostrophes, dots and commas into
// a plain decimal number, refusing groupings that are not in threes.
func ungroup(num string) (string, error) {
	bad := errors.New("is not an amount")
	if strings.ContainsAny(num, " \u00a0\u202f\t") {
		groups := strings.FieldsFunc(num, func(r rune) bool { return unicode.IsSpace(r) || r == '\u00a0' || r == '\u202f' })
		if len(groups) > 1 {
			if len(groups[0]) > 3 || strings.ContainsAny(groups[0], ".,") {
				return "", bad
			}
			for _, g := range groups[1:] {
				whole := g
				if k := strings.IndexAny(g, ".,"); k >= 0 {
					whole = g[:k]
				}
				if len(whole) != 3 {
					return "", bad // 60 00, 12 5
				}
			}
		}
		num = strings.Join(groups, "")
	}
	num = strings.NewReplacer("'", "", "\u2019", "").Replace(num)
	return normaliseSeparators(num)
}

// plainAmount reads the common case without allocating a builder: digits, optionally a dot
// and one or two decimals (18500, 60.00, 55.5).
func plainAmount(s string) (decimal.Decimal, bool) {
	if s == "" || len(s) > 18 {
		return decimal.Decimal{}, false
	}
	var n int64
	exp := int32(0)
	dot := -1
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			n = n*10 + int64(c-'0')
			if dot >= 0 {
				exp--
			}
		case c == '.' && dot < 0 && i > 0:
			dot = i
		default:
			return decimal.Decimal{}, false
		}
	}
	if dot >= 0 && (len(s)-dot-1 < 1 || len(s)-dot-1 > 2) {
		return decimal.Decimal{}, false // 12.000 reads as twelve thousand: the general path
	}
	return decimal.New(n, exp), true
}

// normaliseSeparators turns digits with '.' and ',' into a plain decimal number.
func normaliseSeparators(s string) (string, error) {
	dots, commas := strings.Count(s, "."), strings.Count(s, ",")
	if strings.HasSuffix(s, ".") || strings.HasSuffix(s, ",") {
		return "", errors.New("is not an amount")
	}
	var dec byte // the decimal separator, 0 when none
	switch {
	case dots == 0 && commas == 0:
		return s, nil
	case dots > 0 && commas > 0:
		dec = s[strings.LastIndexAny(s, ".,")]
		if (dec == '.' && dots > 1) || (dec == ',' && commas > 1) {
			return "", errors.New("is not an amount")
		}
	default:
		sep := byte('.')
		if commas > 0 {
			sep = ','
		}
		last := strings.LastIndexByte(s, sep)
		if strings.Count(s, string(sep)) == 1 && (len(s)-last-1 != 3 || s[:last] == "0" || last == 0) {
			dec = sep // 12.5, 12,50, and 0.500 (a thousands group never follows a lone 0)
		}
	}
	var b strings.Builder
	groups := strings.FieldsFunc(s, func(r rune) bool { return (r == '.' || r == ',') && byte(r) != dec })
	whole := strings.Join(groups, "")
	if dec != 0 {
		// the thousands groups before the decimal separator must have three digits
		intPart := s[:strings.LastIndexByte(s, dec)]
		if err := checkGroups(intPart, dec); err != nil {
			return "", err
		}
		whole = strings.ReplaceAll(whole, string(dec), ".")
	} else if err := checkGroups(s, 0); err != nil {
		return "", err
	}
	b.WriteString(whole)
	return b.String(), nil
}

// checkGroups rejects thousands grouping that is not in threes (1.23.456).
func checkGroups(s string, dec byte) error {
	parts := strings.FieldsFunc(s, func(r rune) bool { return (r == '.' || r == ',') && byte(r) != dec })
	if len(parts) < 2 {
		return nil
	}
	if len(parts[0]) == 0 || len(parts[0]) > 3 {
		return errors.New("is not an amount")
	}
	for _, p := range parts[1:] {
		if len(p) != 3 {
			return errors.New("is not an amount")
		}
	}
	return nil
}

// numericCell reads the raw value of a numeric spreadsheet cell, such as 18500, 55.5 or
// 1.2E+4. Spreadsheet programs store binary floating point, so 55.5 may come back as
// 55.499999999999993: a value with more than 15 significant digits is rounded to 15, which is
// what the program itself displays.
func numericCell(s string) (decimal.Decimal, bool) {
	if d, ok := plainAmount(s); ok {
		return d, true // the common case, without allocating a big number
	}
	if s == "" || len(s) > maxNumberCell || !(s[0] >= '0' && s[0] <= '9' || s[0] == '-' || s[0] == '.') {
		return decimal.Decimal{}, false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E') {
			return decimal.Decimal{}, false
		}
	}
	if strings.Count(s, ".") > 1 {
		return decimal.Decimal{}, false
	}
	d, err := decimal.NewFromString(s)
	if err != nil {
		return decimal.Decimal{}, false
	}
	if sig := len(strings.TrimLeft(d.Coefficient().String(), "-")); sig > 15 {
		exp := d.Exponent()
		d = d.Round(-exp - int32(sig-15))
	}
	return d, true
}

// maxAmountText bounds the text of an amount: the longest real one (-1.234.567.890,1234 kr.)
// is half of it, and a longer one would cost a big number's parsing to refuse.
const maxAmountText = 48

// maxNumberCell bounds the raw text of a number cell: a double written out in full (as some
// writers do: 1E+308 as 309 digits, 5E-324 as 326) is shorter.
const maxNumberCell = 400

// MaxPrice is the largest price hubinvoice reads for one session, in the currency's major
// unit: a billion, some 20,000 times the dearest session of the platform's sample data (ISK
// 50,000), which keeps a month of a million sessions within 16 digits. MaxPriceDecimals is the
// most decimals a price may have: the largest minor unit of ISO 4217 (CLF's 4).
const (
	MaxPrice         = 1_000_000_000
	MaxPriceDecimals = 4
)

// priceProblem says what is wrong with a price beyond MaxPrice or with more than
// MaxPriceDecimals decimals, or "" when nothing is. It looks at the coefficient and exponent
// only: a price such as 1E+999999999 is refused without being written out.
func priceProblem(d decimal.Decimal) string {
	if e := d.Exponent(); e <= 0 && e >= -MaxPriceDecimals && d.NumDigits() <= 18 {
		// The common case, without writing the coefficient out: at most 4 decimals, and
		// |coefficient| at most MaxPrice in units of the last decimal.
		c, limit := d.CoefficientInt64(), int64(MaxPrice)
		for ; e < 0; e++ {
			limit *= 10
		}
		if c >= -limit && c <= limit {
			return ""
		}
	}
	coef := d.Coefficient()
	if coef.Sign() == 0 {
		return ""
	}
	digits := strings.TrimLeft(coef.String(), "-")
	exp := int64(d.Exponent())
	zeros := len(digits) - len(strings.TrimRight(digits, "0"))
	exp += int64(zeros)
	digits = digits[:len(digits)-zeros]
	switch {
	case int64(len(digits))+exp > 10 || int64(len(digits))+exp == 10 && d.Abs().GreaterThan(decimal.New(MaxPrice, 0)):
		return fmt.Sprintf("is more than %s, the most hubinvoice takes for one session", groupDigits(MaxPrice))
	case exp < -MaxPriceDecimals:
		return fmt.Sprintf("has more than %d decimals, more than any currency has", MaxPriceDecimals)
	}
	return ""
}

// groupDigits writes n with a comma between each group of three digits.
func groupDigits(n int64) string {
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func isUpperASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return s != ""
}

// Excel's serial dates count days from 1899-12-30 (or 1904-01-01 in the 1904 date system).
var (
	excelEpoch1900 = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	excelEpoch1904 = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)
)

// serialDate converts an Excel serial date-time to a wall-clock time, to the nearest second.
func serialDate(s string, date1904 bool) (time.Time, bool) {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || f < 1 || f > 2958465 { // 9999-12-31
		return time.Time{}, false
	}
	epoch := excelEpoch1900
	if date1904 {
		epoch = excelEpoch1904
	} else if f < 61 {
		f++ // Excel counts a 29 February 1900 that never was
	}
	// Binary floating point keeps 23:30 as 23:29:59.9999: round to the millisecond, as
	// spreadsheet programs do, then drop what is below the second (23:59:59.8 stays on its day).
	days := math.Floor(f)
	ms := int64(math.Round((f - days) * 86400 * 1000))
	// epoch.AddDate(0, 0, days).Add(ms).Truncate(time.Second), in seconds: UTC has no
	// daylight saving, and ms is never negative.
	return time.Unix(epoch.Unix()+int64(days)*86400+ms/1000, 0).UTC(), true
}

var monthNames = map[string]time.Month{
	"jan": 1, "january": 1, "janúar": 1, "januar": 1,
	"feb": 2, "february": 2, "febrúar": 2, "februar": 2,
	"mar": 3, "march": 3, "mars": 3,
	"apr": 4, "april": 4, "apríl": 4,
	"may": 5, "maí": 5, "mai": 5,
	"jun": 6, "june": 6, "jún": 6, "júní": 6, "juni": 6,
	"jul": 7, "july": 7, "júl": 7, "júlí": 7, "juli": 7,
	"aug": 8, "august": 8, "ágú": 8, "ágúst": 8, "agu": 8, "agust": 8,
	"sep": 9, "sept": 9, "september": 9,
	"oct": 10, "october": 10, "okt": 10, "október": 10, "oktober": 10,
	"nov": 11, "november": 11, "nóv": 11, "nóvember": 11,
	"dec": 12, "december": 12, "des": 12, "desember": 12,
}

// ParseDate reads a text date with an optional time: 2024-03-05 14:00, 2024-03-05T14:00:00,
// 05/03/2024 14:00, 05.03.2024 14:00, 5-3-2024, 5 Mar 2024 14:00, Mar 5, 2024 2:00 PM.
// All-numeric dates are read in the given order; ISO dates (year first) always as
// year-month-day. A two-digit year is ambiguous and refused, as is a date that does not exist.
func ParseDate(s string, order DateOrder) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, errors.New("is empty")
	}
	if t, ok := fastDate(s, order); ok {
		return t, nil
	}
	// An ISO time in UTC (2024-03-05T14:00:00Z) is read as the wall clock it gives; other
	// offsets would move sessions between days, and are refused below.
	if n := len(s); n > 11 && (s[n-1] == 'Z' || s[n-1] == 'z') && s[n-2] >= '0' && s[n-2] <= '9' {
		s = s[:n-1]
		if t, ok := fastDate(s, order); ok {
			return t, nil
		}
	}
	// Split into tokens: numbers, words, and the time part.
	var datePart, timePart []string
	toks := tokenizeDate(s)
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if strings.Contains(t, ":") {
			timePart = append(timePart, toks[i:]...)
			break
		}
		datePart = append(datePart, t)
	}
	y, m, d, err := readDateTokens(datePart, order)
	if err != nil {
		return time.Time{}, err
	}
	hh, mm, ss, err := readTimeTokens(timePart)
	if err != nil {
		return time.Time{}, err
	}
	t := time.Date(y, m, d, hh, mm, ss, 0, time.UTC)
	if t.Day() != d || t.Month() != m {
		return time.Time{}, errors.New("is not a date that exists")
	}
	if y < 1900 || y > 2200 {
		return time.Time{}, errors.New("is not a date a session could have")
	}
	return t, nil
}

// fastDate reads the shapes exports hold by the million without allocating: 2024-03-05,
// 05.03.2024 and 05/03/2024 (two-digit day and month), each optionally followed by a space or
// T and hh:mm or hh:mm:ss. Anything else, or anything odd, goes to the general parser, which
// also writes the error messages.
func fastDate(s string, order DateOrder) (time.Time, bool) {
	var y, m, d int
	var rest string
	switch {
	case len(s) >= 10 && s[4] == '-' && s[7] == '-':
		y, m, d = digits(s[0:4]), digits(s[5:7]), digits(s[8:10])
		rest = s[10:]
	case len(s) >= 10 && (s[2] == '.' && s[5] == '.' || s[2] == '/' && s[5] == '/'):
		d, m, y = digits(s[0:2]), digits(s[3:5]), digits(s[6:10])
		if order == MonthFirst {
			d, m = m, d
		}
		rest = s[10:]
	default:
		return time.Time{}, false
	}
	if y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31 {
		return time.Time{}, false
	}
	var hh, mm, ss int
	switch {
	case rest == "":
	case (len(rest) == 6 || len(rest) == 9) && (rest[0] == ' ' || rest[0] == 'T') && rest[3] == ':':
		hh, mm = digits(rest[1:3]), digits(rest[4:6])
		if len(rest) == 9 {
			if rest[6] != ':' {
				return time.Time{}, false
			}
			ss = digits(rest[7:9])
		}
		if hh < 0 || hh > 23 || mm < 0 || mm > 59 || ss < 0 || ss > 59 {
			return time.Time{}, false
		}
	default:
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(m), d, hh, mm, ss, 0, time.UTC)
	if t.Day() != d {
		return time.Time{}, false // 31 February: let the general parser say so
	}
	return t, true
}

// digits reads a run of ASCII digits; -1 when any byte is not one.
func digits(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return -1
		}
		n = n*10 + int(c-'0')
	}
	return n
}

// tokenizeDate splits on spaces, '/', '.', '-', ',' and 'T' between a date and a time.
func tokenizeDate(s string) []string {
	var toks []string
	cur := strings.Builder{}
	flush := func() {
		if cur.Len() > 0 {
			toks = append(toks, cur.String())
			cur.Reset()
		}
	}
	rs := []rune(s)
	for i, r := range rs {
		switch {
		case r == ':':
			cur.WriteRune(r)
		case r == 'T' && i > 0 && unicode.IsDigit(rs[i-1]) && i+1 < len(rs) && unicode.IsDigit(rs[i+1]):
			flush()
		case r == '/' || r == '.' || r == '-' || r == ',' || unicode.IsSpace(r):
			// a dot inside a time (14.00) is not a date separator, but we only read h:mm
			flush()
		default:
			cur.WriteRune(r)
		}
	}
	flush()
	return toks
}

func readDateTokens(toks []string, order DateOrder) (int, time.Month, int, error) {
	if len(toks) != 3 {
		return 0, 0, 0, errors.New("is not a date")
	}
	var nums [3]int
	var month time.Month
	wordAt := -1
	for i, t := range toks {
		if n, err := strconv.Atoi(t); err == nil && utf8.RuneCountInString(t) <= 4 {
			nums[i] = n
			continue
		}
		mo, ok := monthNames[strings.ToLower(t)]
		if !ok || wordAt >= 0 {
			return 0, 0, 0, errors.New("is not a date")
		}
		month, wordAt = mo, i
	}
	yearOf := func(i int) (int, error) {
		if len(toks[i]) != 4 {
			return 0, errors.New("has a two-digit year, which is ambiguous: write the year in full")
		}
		return nums[i], nil
	}
	switch {
	case wordAt == 1: // 5 Mar 2024
		y, err := yearOf(2)
		return y, month, nums[0], err
	case wordAt == 0: // Mar 5 2024
		y, err := yearOf(2)
		return y, month, nums[1], err
	case wordAt == 2:
		return 0, 0, 0, errors.New("is not a date")
	case len(toks[0]) == 4: // 2024-03-05
		return nums[0], time.Month(nums[1]), nums[2], checkDM(nums[2], nums[1])
	}
	y, err := yearOf(2)
	if err != nil {
		return 0, 0, 0, err
	}
	d, mo := nums[0], nums[1]
	if order == MonthFirst {
		d, mo = mo, d
	}
	if err := checkDM(d, mo); err != nil {
		if order == DayFirst && d >= 1 && d <= 12 && mo > 12 && mo <= 31 {
			return 0, 0, 0, errors.New("is not a day-first date (day/month/year); hint: --date-order mdy reads month first")
		}
		return 0, 0, 0, err
	}
	return y, time.Month(mo), d, nil
}

func checkDM(d, m int) error {
	if m < 1 || m > 12 || d < 1 || d > 31 {
		return errors.New("is not a date that exists")
	}
	return nil
}

func readTimeTokens(toks []string) (h, m, s int, err error) {
	if len(toks) == 0 {
		return 0, 0, 0, nil
	}
	bad := errors.New("has a time that cannot be read")
	parts := strings.Split(toks[0], ":")
	if len(parts) < 2 || len(parts) > 3 {
		return 0, 0, 0, bad
	}
	var v [3]int
	for i, p := range parts {
		if i == 2 { // seconds may carry a fraction: 14:00:00.000
			p, _, _ = strings.Cut(p, ".")
		}
		n, err := strconv.Atoi(p)
		if err != nil || len(p) > 2 || len(p) == 0 {
			return 0, 0, 0, bad
		}
		v[i] = n
	}
	h, m, s = v[0], v[1], v[2]
	rest := toks[1:]
	if len(rest) > 0 && (len(rest[len(rest)-1]) == 3 && rest[len(rest)-1][0] >= '0' && rest[len(rest)-1][0] <= '9') {
		rest = rest[:len(rest)-1] // a trailing fraction of seconds split off by tokenizeDate
	}
	if len(rest) == 1 {
		switch strings.ToUpper(rest[0]) {
		case "AM":
			if h < 1 || h > 12 {
				return 0, 0, 0, bad
			}
			if h == 12 {
				h = 0
			}
		case "PM":
			if h < 1 || h > 12 {
				return 0, 0, 0, bad
			}
			if h != 12 {
				h += 12
			}
		default:
			return 0, 0, 0, bad
		}
	} else if len(rest) > 1 {
		return 0, 0, 0, bad
	}
	if h > 23 || m > 59 || s > 59 {
		return 0, 0, 0, bad
	}
	return h, m, s, nil
}

// A vocabulary maps the words an export uses for one column to our constants: first the
// portal's own spelling as it is (no folding, no allocation), then the word folded as headers
// are (case, spaces, punctuation). An empty cell gives "", any other word the unknown constant:
// the export's own word is never carried, since in a misaligned row it could be a client's name.
type vocabulary struct {
	exact, folded map[string]string
	unknown       string
}

func (v vocabulary) norm(s string) string {
	if w, ok := v.exact[s]; ok {
		return w
	}
	f := normHeader(s)
	if f == "" {
		return ""
	}
	if w, ok := v.folded[f]; ok {
		return w
	}
	return v.unknown
}

var (
	types = vocabulary{
		exact: map[string]string{TypeCredit: TypeCredit, TypeCard: TypeCard, TypePOS: TypePOS, TypeCash: TypeCash,
			TypeBankTransfer: TypeBankTransfer, TypeOther: TypeOther},
		folded: map[string]string{
			"credit": TypeCredit, "credits": TypeCredit, "sponsoredcredit": TypeCredit, "sponsoredcredits": TypeCredit,
			"wellbeinghubcredit": TypeCredit,
			"card":               TypeCard, "creditcard": TypeCard, "debitcard": TypeCard, "karapay": TypeCard, "stripe": TypeCard,
			"pos": TypePOS, "cash": TypeCash, "banktransfer": TypeBankTransfer, "transfer": TypeBankTransfer,
			"bank": TypeBankTransfer, "other": TypeOther,
		},
		unknown: TypeUnknown,
	}
	statuses = vocabulary{
		exact: map[string]string{StatusPaid: StatusPaid, StatusUnpaid: StatusUnpaid, StatusVoid: StatusVoid},
		folded: map[string]string{
			"paid": StatusPaid, "confirmed": StatusPaid, "unpaid": StatusUnpaid, "notpaid": StatusUnpaid,
			"pending": StatusUnpaid, "void": StatusVoid, "voided": StatusVoid,
		},
		unknown: StatusUnknown,
	}
	states = vocabulary{
		exact: map[string]string{SessionComplete: SessionComplete, SessionCancelled: SessionCancelled, SessionDeleted: SessionDeleted},
		folded: map[string]string{
			"complete": SessionComplete, "completed": SessionComplete, "cancelled": SessionCancelled,
			"canceled": SessionCancelled, "deleted": SessionDeleted, "void": StatusVoid, "voided": StatusVoid,
		},
		unknown: SessionUnknown,
	}
)

// NormType maps the export's payment type words to the Type constants. "Credit Card" is a card
// payment (Kara Pay), not a Credit. An unknown word gives TypeUnknown, an empty cell "".
func NormType(s string) string { return types.norm(s) }

// NormStatus maps payment statuses to the Status constants; an unknown word gives
// StatusUnknown, an empty cell "".
func NormStatus(s string) string { return statuses.norm(s) }

// NormSessionState maps session states to the Session constants (a voided session to
// StatusVoid); an unknown word gives SessionUnknown, an empty cell "".
func NormSessionState(s string) string { return states.norm(s) }
