package invoice

import (
	"testing"

	"github.com/shopspring/decimal"
)

func TestFormatAmount(t *testing.T) {
	tests := []struct {
		amount, currency, lang string
		want                   string
	}{
		{"18500", "ISK", "is", "18.500 kr."},
		{"18500", "ISK", "en", "ISK 18,500"},
		{"18500.00", "ISK", "is", "18.500 kr."},
		{"0", "ISK", "is", "0 kr."},
		{"999", "ISK", "en", "ISK 999"},
		{"1000", "ISK", "en", "ISK 1,000"},
		{"1234567", "ISK", "is", "1.234.567 kr."},
		{"-18500", "ISK", "is", "-18.500 kr."},
		{"-18500", "ISK", "en", "-ISK 18,500"},
		{"1234.5", "EUR", "is", "1.234,50 €"},
		{"1234.5", "EUR", "en", "€1,234.50"},
		{"1234.5", "eur", "en", "€1,234.50"},
		{"0.5", "EUR", "en", "€0.50"},
		{"-12", "EUR", "en", "-€12.00"},
		{"1234.5", "GBP", "en", "£1,234.50"},
		{"1234.5", "GBP", "is", "1.234,50 £"},
		{"1234.5", "USD", "en", "USD 1,234.50"},
		{"1234.5", "USD", "is", "1.234,50 USD"},
		{"1234.5", "JPY", "en", "JPY 1,234.5"},
		{"12", "KWD", "en", "KWD 12.000"},
		{"1234.5", "", "en", "1,234.50"},
		{"1234.5", "", "is", "1.234,50"},
		{"1234.5", "EUR", "de", "€1,234.50"},
		// Never round silently: more decimals than the minor unit are shown.
		{"18500.5", "ISK", "is", "18.500,5 kr."},
		{"18500.25", "ISK", "en", "ISK 18,500.25"},
		{"1234.505", "EUR", "en", "€1,234.505"},
		{"100000000.125", "GBP", "en", "£100,000,000.125"},
	}
	for _, tt := range tests {
		t.Run(tt.amount+" "+tt.currency+" "+tt.lang, func(t *testing.T) {
			got := FormatAmount(decimal.RequireFromString(tt.amount), tt.currency, tt.lang)
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestMinorUnits(t *testing.T) {
	tests := []struct {
		currency string
		want     int32
	}{
		{"ISK", 0}, {"isk", 0}, {"JPY", 0}, {"KRW", 0},
		{"EUR", 2}, {"GBP", 2}, {"USD", 2}, {"DKK", 2}, {"NOK", 2}, {"SEK", 2},
		{"KWD", 3}, {"BHD", 3}, {"CLF", 4},
		{"", 2}, {"XYZ", 2},
	}
	for _, tt := range tests {
		t.Run(tt.currency, func(t *testing.T) {
			if got := MinorUnits(tt.currency); got != tt.want {
				t.Errorf("got %d, want %d", got, tt.want)
			}
		})
	}
}
