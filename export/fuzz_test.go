package export

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

// FuzzParseAmount: never panics, and whatever it accepts survives a round trip through the
// plain decimal form.
func FuzzParseAmount(f *testing.F) {
	for _, s := range []string{"12000", "12.000", "12 000 kr.", "£60.00", "60,00 €", "1,234.50", "-5", ".5", "1.2E+4", "kr. 5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, _, err := ParseAmount(s)
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("ParseAmount(%q): error has several lines: %q", s, err)
			}
			return
		}
		// Re-read the plain form; three decimals would read as a thousands group, so a
		// trailing zero makes the form unambiguous.
		plain := d.String()
		if i := strings.IndexByte(plain, '.'); i >= 0 && len(plain)-i-1 == 3 {
			plain += "0"
		}
		back, _, err := ParseAmount(plain)
		if err != nil || !back.Equal(d) {
			t.Errorf("ParseAmount(%q) = %s, which reads back as %s, %v", s, d, back, err)
		}
	})
}

// FuzzParseDate: never panics; an accepted date is a real one and formats back to itself.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2024-03-05 14:00", "05/03/2024 14:00", "05.03.2024 14:00", "5 Mar 2024 14:00", "Mar 5, 2024 2:00 PM", "2024-03-05T14:00:00.000"} {
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, s string, mdy bool) {
		order := DayFirst
		if mdy {
			order = MonthFirst
		}
		d, err := ParseDate(s, order)
		if err != nil {
			return
		}
		iso := d.Format("2006-01-02 15:04:05")
		back, err := ParseDate(iso, order)
		if err != nil || !back.Equal(d) {
			t.Errorf("ParseDate(%q) = %v, which reads back as %v, %v", s, d, back, err)
		}
		if d.Year() < 1000 || d.Location() != time.UTC {
			t.Errorf("ParseDate(%q) = %v", s, d)
		}
	})
}

// FuzzReadCSV: any bytes give records or errors, never a panic; every error line names the
// file, and no record has a price that is not exact.
func FuzzReadCSV(f *testing.F) {
	f.Add([]byte("Session Date;Service Price;Type;Client Name\n05.03.2024 14:00;18.500 kr.;Credit;A\n"))
	f.Add([]byte("\xEF\xBB\xBFSession Date,Price,Type\n2024-03-05,\"1,234.50\",Credit\n,,\nTotal,5,\n"))
	f.Add([]byte("Date\tAmount\tPayment Type\n5 Mar 2024\t£60.00\tCard\n"))
	f.Add([]byte("Session Date,Service Price\n\"unterminated,5\n"))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(dir, "fuzz.csv")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := ReadFile(path, Options{}, func(r *Record) error {
			if r.Row < 1 {
				t.Errorf("record with row %d", r.Row)
			}
			return nil
		})
		if err != nil {
			for _, line := range strings.Split(err.Error(), "\n") {
				if !strings.HasPrefix(line, path+": ") && !strings.HasPrefix(line, "hint: ") {
					t.Errorf("error line %q does not name the file", line)
				}
			}
		}
	})
}

// FuzzReadXLSX mutates a real workbook: excelize and our zip checks must turn any damage into
// an error that names the file.
func FuzzReadXLSX(f *testing.F) {
	path := writeXLSX(f, [][]any{
		{"Session Date", "Service Price", "Type", "Client Name"},
		{time.Date(2024, 3, 5, 14, 0, 0, 0, time.UTC), 18500, "Credit", "Sigrún"},
		{"05.03.2024 15:00", "18.500 kr.", "Credit", "Jón"},
	})
	good, err := os.ReadFile(path)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add(good[:len(good)/2])
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(dir, "fuzz.xlsx")
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := ReadFile(p, Options{}, func(r *Record) error {
			if r.Price.LessThan(decimal.New(-1, 15)) {
				t.Errorf("absurd price %s", r.Price)
			}
			return nil
		})
		if err != nil && !bytes.HasPrefix([]byte(err.Error()), []byte(p+": ")) {
			t.Errorf("error %q does not name the file", err)
		}
	})
}
