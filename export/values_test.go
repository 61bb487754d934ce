package export

import (
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

func TestParseAmount(t *testing.T) {
	tests := []struct {
		in       string
		want     string
		currency string
	}{
		{"12000", "12000", ""},
		{"12.000", "12000", ""},
		{"12 000 kr.", "12000", "ISK"},
		{"18.500 kr.", "18500", "ISK"},
		{"18.500 ISK", "18500", "ISK"},
		{"£60.00", "60", "GBP"},
		{"60,00 €", "60", "EUR"},
		{"€ 1.234,50", "1234.5", "EUR"},
		{"1,234.50", "1234.5", ""},
		{"1.234.567", "1234567", ""},
		{"1,234,567.89", "1234567.89", ""},
		{"55.5", "55.5", ""},
		{"55,50", "55.5", ""},
		{"0", "0", ""},
		{"-1.234,50", "-1234.5", ""},
		{"12\u00a0000", "12000", ""},
		{"USD 99.99", "99.99", "USD"},
		{".50", "0.5", ""},
		{"0.500 €", "0.5", "EUR"},
		{"0.001", "0.001", ""},
		{"0,125", "0.125", ""},
		{"1 234 567,89 kr", "1234567.89", "ISK"},
		{"CHF 1'234.50", "1234.5", "CHF"},
		{"12000 isk", "12000", "ISK"},
		{"-60 €", "-60", "EUR"},
		{"€-60", "-60", "EUR"},
		{"12.000 kr.", "12000", "ISK"},
		{"€1.234,56", "1234.56", "EUR"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, cur, err := ParseAmount(tt.in)
			if err != nil {
				t.Fatalf("ParseAmount(%q): %v", tt.in, err)
			}
			if !got.Equal(decimal.RequireFromString(tt.want)) || cur != tt.currency {
				t.Errorf("ParseAmount(%q) = %s %q, want %s %q", tt.in, got, cur, tt.want, tt.currency)
			}
		})
	}
}

func TestParseAmountRejects(t *testing.T) {
	for _, in := range []string{"", "12,5O", "abc", "1.23.456", "12..5", "1,2,3", "12.", "€ 5 £", "5 kronur", "1-2", "--5", "1.234,567.8",
		"60 00 €", "12 5", "12 kr 50", "12 mkr", "abc 12", "12abc", "12 000 0", "1234 567", "12-", "5 % off", "#12"} {
		t.Run(in, func(t *testing.T) {
			if got, cur, err := ParseAmount(in); err == nil {
				t.Errorf("ParseAmount(%q) = %s %q, want an error", in, got, cur)
			}
		})
	}
}

func TestNumericCell(t *testing.T) {
	tests := []struct{ in, want string }{
		{"18500", "18500"},
		{"55.5", "55.5"},
		{"55.499999999999993", "55.5"},
		{"0.30000000000000004", "0.3"},
		{"1.2E+4", "12000"},
		{"-60", "-60"},
	}
	for _, tt := range tests {
		got, ok := numericCell(tt.in)
		if !ok || !got.Equal(decimal.RequireFromString(tt.want)) {
			t.Errorf("numericCell(%q) = %s, %v; want %s", tt.in, got, ok, tt.want)
		}
	}
	for _, in := range []string{"", "£5", "12 000", "1.2.3", "abc"} {
		if got, ok := numericCell(in); ok {
			t.Errorf("numericCell(%q) = %s, want not a number", in, got)
		}
	}
}

func TestParseDate(t *testing.T) {
	d := func(y int, m time.Month, day, h, min int) time.Time {
		return time.Date(y, m, day, h, min, 0, 0, time.UTC)
	}
	tests := []struct {
		in    string
		order DateOrder
		want  time.Time
	}{
		{"2024-03-05 14:00", DayFirst, d(2024, 3, 5, 14, 0)},
		{"2024-03-05T14:00:00", DayFirst, d(2024, 3, 5, 14, 0)},
		{"2024-03-05T14:00:00.000", DayFirst, d(2024, 3, 5, 14, 0)},
		{"05/03/2024 14:00", DayFirst, d(2024, 3, 5, 14, 0)},
		{"05/03/2024 14:00", MonthFirst, d(2024, 5, 3, 14, 0)},
		{"05.03.2024 14:00", DayFirst, d(2024, 3, 5, 14, 0)},
		{"5.3.2024", DayFirst, d(2024, 3, 5, 0, 0)},
		{"5 Mar 2024 14:00", DayFirst, d(2024, 3, 5, 14, 0)},
		{"5 mars 2024 09:30", DayFirst, d(2024, 3, 5, 9, 30)},
		{"Mar 5, 2024 2:00 PM", DayFirst, d(2024, 3, 5, 14, 0)},
		{"31/03/2024 23:30", DayFirst, d(2024, 3, 31, 23, 30)},
		{"29.02.2024", DayFirst, d(2024, 2, 29, 0, 0)},
		{"12/31/2024 12:00 AM", MonthFirst, d(2024, 12, 31, 0, 0)},
		{"5. nóv. 2024 10:00", DayFirst, d(2024, 11, 5, 10, 0)},
		{"2024-03-05T14:00:00Z", DayFirst, d(2024, 3, 5, 14, 0)},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseDate(tt.in, tt.order)
			if err != nil {
				t.Fatalf("ParseDate(%q): %v", tt.in, err)
			}
			if !got.Equal(tt.want) {
				t.Errorf("ParseDate(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseDateRejects(t *testing.T) {
	tests := []struct{ in, why string }{
		{"31/02/2024", "exist"},
		{"29.02.2023", "exist"},
		{"05/03/24", "two-digit year"},
		{"03/15/2024", "--date-order mdy"},
		{"2024-13-01", "exist"},
		{"tomorrow", "not a date"},
		{"2024-03-05 25:00", "time"},
		{"2024-03-05 13:00 PM", "time"},
		{"", "empty"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			_, err := ParseDate(tt.in, DayFirst)
			if err == nil {
				t.Fatalf("ParseDate(%q): no error, want one about %q", tt.in, tt.why)
			}
			if !strings.Contains(err.Error(), tt.why) {
				t.Errorf("ParseDate(%q) error %q, want it to mention %q", tt.in, err, tt.why)
			}
		})
	}
}

func TestSerialDate(t *testing.T) {
	tests := []struct {
		in   string
		d    bool
		want time.Time
	}{
		{"45356.583333333336", false, time.Date(2024, 3, 5, 14, 0, 0, 0, time.UTC)},
		{"45382.979166666664", false, time.Date(2024, 3, 31, 23, 30, 0, 0, time.UTC)},
		{"45352", false, time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)},
		{"45382.97916666666", false, time.Date(2024, 3, 31, 23, 30, 0, 0, time.UTC)}, // openpyxl's 23:30
		{"45382.9999976852", false, time.Date(2024, 3, 31, 23, 59, 59, 0, time.UTC)}, // 23:59:59.8 stays in March
		{"45351.9791666667", false, time.Date(2024, 2, 29, 23, 30, 0, 0, time.UTC)},  // LibreOffice's 23:30
		{"43890", true, time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		got, ok := serialDate(tt.in, tt.d)
		if !ok || !got.Equal(tt.want) {
			t.Errorf("serialDate(%q, 1904=%v) = %v, %v; want %v", tt.in, tt.d, got, ok, tt.want)
		}
	}
}

func TestNormType(t *testing.T) {
	tests := map[string]string{
		"Credit": TypeCredit, " credit ": TypeCredit, "CREDITS": TypeCredit,
		"Credit Card": TypeCard, "Card": TypeCard, "Kara Pay": TypeCard,
		"POS": TypePOS, "Bank transfer": TypeBankTransfer, "cash": TypeCash, "Other": TypeOther,
		"Gift voucher": TypeUnknown, "Sigríður": TypeUnknown, "": "",
	}
	for in, want := range tests {
		if got := NormType(in); got != want {
			t.Errorf("NormType(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestPriceProblemBounds: the bounds hold on either side, by the quick path (a coefficient of
// an int64 with at most 4 decimals) and the other.
func TestPriceProblemBounds(t *testing.T) {
	for s, want := range map[string]bool{
		"1000000000": true, "-1000000000": true, "1000000000.0001": false, "1000000001": false,
		"999999999.9999": true, "0.0001": true, "0.00001": false, "1.00000": true, "0": true,
		"1E+9": true, "1E+10": false, "10000000000000000000": false, "-0.00010": true,
		"1000000000.00000000000000000001": false, "12345678901234567890E-11": false, "12345678901234567890E-10": false,
	} {
		d, err := decimal.NewFromString(s)
		if err != nil {
			t.Fatal(err)
		}
		if got := priceProblem(d) == ""; got != want {
			t.Errorf("%s: a price: %v, want %v", s, got, want)
		}
	}
}

// TestSerialDateAsAddDate: serialDate counts in seconds what the calendar's AddDate gives, for
// any serial number a date may be, in either date system.
func TestSerialDateAsAddDate(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 100000; i++ {
		f := 1 + rng.Float64()*2958464
		if i%3 == 0 {
			f = math.Floor(f) + float64(rng.IntN(86400))/86400 // a whole second, as Excel stores it
		}
		for _, d1904 := range []bool{false, true} {
			s := strconv.FormatFloat(f, 'g', -1, 64)
			got, _ := serialDate(s, d1904)
			epoch, g := excelEpoch1900, f
			if d1904 {
				epoch = excelEpoch1904
			} else if g < 61 {
				g++
			}
			days := math.Floor(g)
			ms := math.Round((g - days) * 86400 * 1000)
			want := epoch.AddDate(0, 0, int(days)).Add(time.Duration(ms) * time.Millisecond).Truncate(time.Second)
			if got != want {
				t.Fatalf("serialDate(%s, 1904=%v) = %v, want %v", s, d1904, got, want)
			}
		}
	}
}
