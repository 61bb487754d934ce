package invoice

import (
	"strings"

	"github.com/shopspring/decimal"
)

// FormatAmount writes an amount the way an invoice in lang ("en" or "is"; anything else is
// taken as "en") shows it in currency (an ISO 4217 code, any case):
//
//	ISK  is: 18.500 kr.     en: ISK 18,500
//	EUR  is: 1.234,50 €     en: €1,234.50
//	GBP  is: 1.234,50 £     en: £1,234.50
//	USD  is: 1.234,50 USD   en: USD 1,234.50
//
// It shows the currency's minor unit of decimals (see MinorUnits) and never rounds: an
// amount with more decimals than that keeps them all, so the text always equals the amount.
func FormatAmount(amount decimal.Decimal, currency, lang string) string {
	code := strings.ToUpper(strings.TrimSpace(currency))
	places := MinorUnits(code)
	if exact := decimalPlaces(amount); exact > places {
		places = exact
	}
	sign := ""
	if amount.IsNegative() {
		sign = "-"
	}
	whole, frac, _ := strings.Cut(amount.Abs().StringFixed(places), ".")
	thousands, point := ",", "."
	if lang == "is" {
		thousands, point = ".", ","
	}
	num := groupThousands(whole, thousands)
	if frac != "" {
		num += point + frac
	}
	prefix, suffix := currencyAffixes(code, lang)
	return sign + prefix + num + suffix
}

// currencyAffixes returns what goes before and after the number: in Icelandic the symbol or
// code after it, in English a symbol right before it or a code and a space.
func currencyAffixes(code, lang string) (prefix, suffix string) {
	symbol := code
	switch {
	case code == "EUR":
		symbol = "€"
	case code == "GBP":
		symbol = "£"
	case code == "ISK" && lang == "is":
		symbol = "kr."
	}
	switch {
	case code == "":
		return "", ""
	case lang == "is":
		return "", " " + symbol
	case symbol != code:
		return symbol, ""
	}
	return code + " ", ""
}

// MinorUnits returns how many decimals the currency's minor unit has (ISO 4217): 0 for ISK
// and JPY, 3 for KWD, 2 for EUR, GBP, USD and any code it does not know.
func MinorUnits(currency string) int32 {
	switch strings.ToUpper(strings.TrimSpace(currency)) {
	case "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI",
		"VND", "VUV", "XAF", "XOF", "XPF":
		return 0
	case "BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND":
		return 3
	case "CLF", "UYW":
		return 4
	}
	return 2
}

// decimalPlaces returns the number of decimals amount needs to be written exactly
// (18500.00 needs 0, 12.50 needs 1).
func decimalPlaces(amount decimal.Decimal) int32 {
	_, frac, _ := strings.Cut(amount.String(), ".") // String drops trailing zeros
	return int32(len(frac))
}

// groupThousands puts sep between each group of three digits of a run of digits.
func groupThousands(digits, sep string) string {
	if len(digits) <= 3 {
		return digits
	}
	var b strings.Builder
	head := len(digits) % 3
	if head > 0 {
		b.WriteString(digits[:head])
	}
	for i := head; i < len(digits); i += 3 {
		if b.Len() > 0 {
			b.WriteString(sep)
		}
		b.WriteString(digits[i : i+3])
	}
	return b.String()
}
