package calendar

import (
	"encoding/csv"
	"os"
	"testing"
	"time"
)

// TestWorkdaysTable checks the 3rd and 7th working day of every month from 2000 to 2060, for
// Iceland and for England and Wales, against testdata/workdays.csv: a table made from an
// independent holiday source (python-holidays, corrected where it is wrong; see
// testdata/make_workdays.py for the command and the corrections).
func TestWorkdaysTable(t *testing.T) {
	f, err := os.Open("testdata/workdays.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) < 2 || rows[0][0] != "country" {
		t.Fatalf("workdays.csv: want a header and rows, got %d lines", len(rows))
	}
	cals := map[string]*Calendar{}
	seen := map[string]int{}
	for i, row := range rows[1:] {
		country, month, third, seventh := row[0], row[1], row[2], row[3]
		c := cals[country]
		if c == nil {
			if c, err = New(country); err != nil {
				t.Fatalf("workdays.csv line %d: %v", i+2, err)
			}
			cals[country] = c
		}
		m, err := ParseMonth(month)
		if err != nil {
			t.Fatalf("workdays.csv line %d: %v", i+2, err)
		}
		seen[country]++
		for _, tc := range []struct {
			n    int
			want string
		}{{3, third}, {7, seventh}} {
			if got := c.NthWorkingDay(m, tc.n).Format(time.DateOnly); got != tc.want {
				t.Errorf("%s %s: working day %d: got %s, want %s", country, month, tc.n, got, tc.want)
			}
		}
	}
	// 61 years of 12 months each, for both countries: a short table must not pass.
	for _, country := range []string{"IS", "GB-EAW"} {
		if seen[country] != 61*12 {
			t.Errorf("workdays.csv: %s has %d months, want %d", country, seen[country], 61*12)
		}
	}
}
