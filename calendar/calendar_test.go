package calendar

import (
	"sort"
	"strings"
	"testing"
	"time"
)

func d(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func mustNew(t *testing.T, country string, closures ...time.Time) *Calendar {
	t.Helper()
	c, err := New(country, closures...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func ymd(t time.Time) string { return t.Format("2006-01-02 Mon") }

func TestNew(t *testing.T) {
	for _, tc := range []struct {
		in, code string
	}{
		{"IS", "IS"},
		{"is", "IS"},
		{" gb-sct ", "GB-SCT"},
		{"GB", "GB"},
		{"de-by", "DE-BY"},
	} {
		t.Run(tc.in, func(t *testing.T) {
			c, err := New(tc.in)
			if err != nil {
				t.Fatalf("got error %v, want none", err)
			}
			if got := c.Country(); got != tc.code {
				t.Errorf("got Country() %q, want %q", got, tc.code)
			}
		})
	}
	for _, in := range []string{"XX", "", "ISL", "GB-XXX", "AU"} {
		t.Run("unknown "+in, func(t *testing.T) {
			c, err := New(in)
			if err == nil {
				t.Fatalf("got calendar %s, want an error", c.Country())
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, `unknown country "`+in+`": want one of IS, GB, GB-EAW, GB-SCT, GB-NIR, AR, `) {
				t.Errorf("got error %q, want it to name the code and list IS, GB, ... first", msg)
			}
			if strings.Contains(msg, "\n") || strings.HasSuffix(msg, ".") {
				t.Errorf("got error %q, want one line with no trailing period", msg)
			}
		})
	}
}

func TestCountries(t *testing.T) {
	codes := Countries()
	if !sort.StringsAreSorted(codes) {
		t.Errorf("got %v, want it sorted", codes)
	}
	for _, want := range []string{"IS", "GB", "GB-EAW", "GB-ENG", "GB-WLS", "GB-SCT", "GB-NIR",
		"US", "DE", "DE-BY", "CH-ZH", "AU-NSW", "SE", "FI", "NZ", "JP", "ZA"} {
		if i := sort.SearchStrings(codes, want); i == len(codes) || codes[i] != want {
			t.Errorf("Countries() lacks %s", want)
		}
	}
	// Every code works and gives at least 5 holidays a year (a wrong or empty list would not).
	for i, code := range codes {
		if i > 0 && codes[i-1] == code {
			t.Errorf("Countries() lists %s twice", code)
		}
		c := mustNew(t, code)
		if n := len(c.Holidays(2024)); n < 5 {
			t.Errorf("%s: got %d holidays in 2024, want at least 5", code, n)
		}
	}
}

func TestIsWorkingDay(t *testing.T) {
	for _, tc := range []struct {
		country, date string
		want          bool
		why           string
	}{
		{"IS", "2024-12-23", true, "Þorláksmessa is worked"},
		{"IS", "2024-12-24", false, "Aðfangadagur, a day off by default"},
		{"IS", "2024-12-27", true, "Friday after Christmas"},
		{"IS", "2024-12-31", false, "Gamlársdagur, a day off by default"},
		{"IS", "2025-01-01", false, "Nýársdagur"},
		{"IS", "2024-03-28", false, "Skírdagur"},
		{"IS", "2024-04-01", false, "Annar í páskum"},
		{"IS", "2024-04-25", false, "Sumardagurinn fyrsti"},
		{"IS", "2024-05-09", false, "Uppstigningardagur"},
		{"IS", "2024-05-20", false, "Annar í hvítasunnu"},
		{"IS", "2024-06-17", false, "Þjóðhátíðardagurinn"},
		{"IS", "2024-08-05", false, "Frídagur verslunarmanna"},
		{"IS", "2024-08-06", true, "an ordinary Tuesday"},
		{"IS", "2024-08-10", false, "Saturday"},
		{"IS", "2024-08-11", false, "Sunday"},
		{"GB", "2024-12-24", true, "Christmas Eve is worked in England"},
		{"GB", "2022-09-19", false, "the Queen's state funeral"},
		{"GB", "2023-05-08", false, "the coronation"},
		{"GB", "2022-05-30", true, "the Spring bank holiday moved to 2 June 2022"},
		{"GB", "2022-06-02", false, "Spring bank holiday 2022"},
		{"GB", "2022-06-03", false, "Platinum Jubilee"},
		{"GB", "2002-05-27", true, "the Spring bank holiday moved to 4 June 2002"},
		{"GB", "2002-06-03", false, "Golden Jubilee"},
		{"GB", "2002-06-04", false, "Spring bank holiday 2002"},
		{"GB", "2012-05-28", true, "the Spring bank holiday moved to 4 June 2012"},
		{"GB", "2012-06-04", false, "Spring bank holiday 2012"},
		{"GB", "2012-06-05", false, "Diamond Jubilee"},
		{"GB", "2011-04-29", false, "royal wedding"},
		{"GB", "1999-12-31", false, "millennium"},
		{"GB", "2020-05-04", true, "Early May moved to VE day 2020"},
		{"GB", "2020-05-08", false, "VE day 2020"},
		{"GB", "1995-05-01", true, "Early May moved to VE day 1995"},
		{"GB", "1995-05-08", false, "VE day 1995"},
		{"GB", "2021-12-27", false, "Christmas Day substitute"},
		{"GB", "2021-12-28", false, "Boxing Day substitute"},
		{"GB", "2022-01-03", false, "New Year's Day substitute"},
		{"GB", "2023-08-28", false, "Summer bank holiday (last Monday)"},
		{"GB", "2023-08-07", true, "Scotland's Summer bank holiday is worked in England"},
		{"GB-EAW", "2022-09-19", false, "GB-EAW is GB"},
		{"GB-ENG", "2023-05-08", false, "GB-ENG is GB"},
		{"GB-SCT", "2023-08-07", false, "Scotland's Summer bank holiday (first Monday)"},
		{"GB-SCT", "2023-08-28", true, "England's Summer bank holiday is worked in Scotland"},
		{"GB-SCT", "2024-04-01", true, "no Easter Monday in Scotland"},
		{"GB-SCT", "2024-01-02", false, "2nd January"},
		{"GB", "2024-01-02", true, "2nd January is worked in England"},
		{"GB-SCT", "2023-01-03", false, "2nd January substitute"},
		{"GB-SCT", "2022-01-04", false, "2nd January substitute"},
		{"GB-SCT", "2023-11-30", false, "St Andrew's Day"},
		{"GB-SCT", "2024-12-02", false, "St Andrew's Day substitute"},
		{"GB-SCT", "2006-11-30", true, "before the St Andrew's Day Act 2007"},
		{"GB-SCT", "2022-09-19", false, "state funeral, UK-wide"},
		{"GB-NIR", "2023-03-17", false, "St Patrick's Day"},
		{"GB-NIR", "2024-03-18", false, "St Patrick's Day substitute"},
		{"GB-NIR", "2023-07-12", false, "Battle of the Boyne"},
		{"GB-NIR", "2026-07-13", false, "Battle of the Boyne substitute"},
		{"GB", "2023-07-12", true, "the Boyne is worked in England"},
		{"GB-NIR", "2023-05-08", false, "coronation, UK-wide"},
		{"US", "2021-12-31", false, "New Year's Day 2022, a Saturday, observed the Friday before"},
		{"SE", "2024-06-21", false, "Midsommarafton"},
		{"DE-BY", "2025-01-06", false, "Heilige Drei Könige in Bavaria"},
		{"DE", "2025-01-06", true, "not a national holiday in Germany"},
	} {
		t.Run(tc.country+" "+tc.date, func(t *testing.T) {
			c := mustNew(t, tc.country)
			if got := c.IsWorkingDay(d(tc.date)); got != tc.want {
				t.Errorf("%s (%s): got %v, want %v", tc.date, tc.why, got, tc.want)
			}
		})
	}
}

func TestIsWorkingDayReadsTheWallClockDate(t *testing.T) {
	c := mustNew(t, "IS")
	// 23:30 on 24 December in Honolulu is 25 December in UTC; the date is what counts, and
	// the 23rd in UTC+14 is still the 23rd.
	honolulu := time.FixedZone("HST", -10*3600)
	kiritimati := time.FixedZone("LINT", 14*3600)
	for _, tc := range []struct {
		t    time.Time
		want bool
	}{
		{time.Date(2024, 12, 24, 23, 30, 0, 0, honolulu), false},
		{time.Date(2024, 12, 23, 23, 30, 0, 0, honolulu), true},
		{time.Date(2024, 12, 23, 0, 30, 0, 0, kiritimati), true},
		{time.Date(2024, 12, 27, 0, 0, 0, 0, kiritimati), true},
	} {
		if got := c.IsWorkingDay(tc.t); got != tc.want {
			t.Errorf("%s: got %v, want %v", tc.t, got, tc.want)
		}
	}
	if got, want := c.AddWorkingDays(time.Date(2024, 12, 23, 23, 0, 0, 0, honolulu), 1), d("2024-12-27"); !got.Equal(want) {
		t.Errorf("AddWorkingDays from 23 Dec 23:00 HST: got %s, want %s", got, want)
	}
}

func TestClosures(t *testing.T) {
	plain := mustNew(t, "IS")
	closed := mustNew(t, "IS", d("2024-07-15"), time.Date(2024, 7, 16, 15, 0, 0, 0, time.UTC))
	for _, day := range []string{"2024-07-15", "2024-07-16"} {
		if !plain.IsWorkingDay(d(day)) {
			t.Errorf("%s without closures: got not working, want working", day)
		}
		if closed.IsWorkingDay(d(day)) {
			t.Errorf("%s closed: got working, want not working", day)
		}
	}
	var names []string
	for _, h := range closed.Holidays(2024) {
		if h.Name == ClosureName {
			names = append(names, ymd(h.Date))
		}
	}
	if got, want := strings.Join(names, ", "), "2024-07-15 Mon, 2024-07-16 Tue"; got != want {
		t.Errorf("closures in Holidays(2024): got %s, want %s", got, want)
	}
	if got, want := closed.NthWorkingDay(Month{2024, time.July}, 11), d("2024-07-17"); !got.Equal(want) {
		t.Errorf("11th working day of July 2024 with closures: got %s, want %s", ymd(got), ymd(want))
	}
}

func TestHolidays(t *testing.T) {
	want := []string{
		"2024-01-01 Mon Nýársdagur",
		"2024-03-28 Thu Skírdagur",
		"2024-03-29 Fri Föstudagurinn langi",
		"2024-04-01 Mon Annar í páskum",
		"2024-04-25 Thu Sumardagurinn fyrsti",
		"2024-05-01 Wed Verkalýðsdagurinn",
		"2024-05-09 Thu Uppstigningardagur",
		"2024-05-20 Mon Annar í hvítasunnu",
		"2024-06-17 Mon Þjóðhátíðardagurinn",
		"2024-08-05 Mon Frídagur verslunarmanna",
		"2024-12-24 Tue Aðfangadagur",
		"2024-12-25 Wed Jóladagur",
		"2024-12-26 Thu Annar í jólum",
		"2024-12-31 Tue Gamlársdagur",
	}
	var got []string
	for _, h := range mustNew(t, "IS").Holidays(2024) {
		got = append(got, ymd(h.Date)+" "+h.Name)
	}
	if g, w := strings.Join(got, "\n"), strings.Join(want, "\n"); g != w {
		t.Errorf("IS 2024:\ngot\n%s\nwant\n%s", g, w)
	}

	gb := mustNew(t, "GB")
	got = got[:0]
	for _, h := range gb.Holidays(2022) {
		got = append(got, ymd(h.Date)+" "+h.Name)
	}
	want = []string{
		"2022-01-01 Sat New Year's Day",
		"2022-01-03 Mon New Year's Day (substitute day)",
		"2022-04-15 Fri Good Friday",
		"2022-04-18 Mon Easter Monday",
		"2022-05-02 Mon Early May bank holiday",
		"2022-06-02 Thu Spring bank holiday",
		"2022-06-03 Fri Platinum Jubilee bank holiday",
		"2022-08-29 Mon Summer bank holiday",
		"2022-09-19 Mon Bank Holiday for the State Funeral of Queen Elizabeth II",
		"2022-12-25 Sun Christmas Day",
		"2022-12-26 Mon Boxing Day",
		"2022-12-27 Tue Christmas Day (substitute day)",
	}
	if g, w := strings.Join(got, "\n"), strings.Join(want, "\n"); g != w {
		t.Errorf("GB 2022:\ngot\n%s\nwant\n%s", g, w)
	}

	// Every list is sorted, in its year, at midnight UTC; the caller's copy is its own.
	for _, code := range Countries() {
		c := mustNew(t, code)
		for y := 1999; y <= 2031; y++ {
			hs := c.Holidays(y)
			for i, h := range hs {
				if h.Date.Year() != y || h.Date.Location() != time.UTC || h.Date.Hour() != 0 {
					t.Errorf("%s %d: holiday %s %q is not midnight UTC in the year", code, y, h.Date, h.Name)
				}
				if i > 0 && h.Date.Before(hs[i-1].Date) {
					t.Errorf("%s %d: %s comes after %s", code, y, ymd(h.Date), ymd(hs[i-1].Date))
				}
			}
			if len(hs) > 0 {
				hs[0].Name = "changed"
				if c.Holidays(y)[0].Name == "changed" {
					t.Fatalf("%s: Holidays returns the calendar's own slice", code)
				}
			}
		}
	}
}

func TestNthWorkingDay(t *testing.T) {
	for _, tc := range []struct {
		country string
		month   Month
		n       int
		want    string
	}{
		{"IS", Month{2024, time.February}, 1, "2024-02-01"},
		{"IS", Month{2024, time.February}, 3, "2024-02-05"},
		{"IS", Month{2024, time.February}, 7, "2024-02-09"},
		{"IS", Month{2025, time.January}, 1, "2025-01-02"}, // 1 January is a holiday
		{"IS", Month{2025, time.January}, 3, "2025-01-06"},
		{"IS", Month{2025, time.January}, 7, "2025-01-10"},
		{"IS", Month{2024, time.April}, 3, "2024-04-04"}, // Easter Monday 1 April
		{"IS", Month{2024, time.April}, 7, "2024-04-10"},
		{"IS", Month{2024, time.February}, 21, "2024-02-29"}, // the last one: a leap day
		{"IS", Month{2024, time.February}, 22, "2024-03-01"}, // past the end: into March
		{"GB", Month{2023, time.May}, 7, "2023-05-11"},       // 1 and 8 May are bank holidays
		{"GB", Month{2022, time.June}, 3, "2022-06-07"},      // 2 and 3 June 2022
		{"GB", Month{2020, time.June}, 1, "2020-06-01"},
		{"GB-SCT", Month{2022, time.January}, 1, "2022-01-05"}, // 3 and 4 January
	} {
		t.Run(tc.country+" "+tc.month.String(), func(t *testing.T) {
			got := mustNew(t, tc.country).NthWorkingDay(tc.month, tc.n)
			if want := d(tc.want); !got.Equal(want) {
				t.Errorf("working day %d: got %s, want %s", tc.n, ymd(got), ymd(want))
			}
		})
	}
	defer func() {
		if recover() == nil {
			t.Errorf("NthWorkingDay(m, 0): got no panic, want one")
		}
	}()
	mustNew(t, "IS").NthWorkingDay(Month{2024, time.May}, 0)
}

func TestAddWorkingDays(t *testing.T) {
	for _, tc := range []struct {
		country, from string
		n             int
		want          string
	}{
		{"IS", "2024-03-26", 0, "2024-03-26"},
		{"IS", "2024-03-26", 1, "2024-03-27"},
		{"IS", "2024-03-26", 2, "2024-04-02"}, // Easter: Thursday to Monday off
		{"IS", "2024-04-02", -2, "2024-03-26"},
		{"IS", "2024-03-30", 1, "2024-04-02"}, // from a Saturday
		{"IS", "2024-03-30", -1, "2024-03-27"},
		{"IS", "2024-12-20", 1, "2024-12-23"},
		{"IS", "2024-12-20", 2, "2024-12-27"},
		{"IS", "2024-12-27", 2, "2025-01-02"},
		{"GB", "2024-12-20", 2, "2024-12-24"},
		{"GB", "2024-12-24", 1, "2024-12-27"},
		{"GB", "2024-12-27", 2, "2024-12-31"},
		{"GB", "2024-12-27", 3, "2025-01-02"},
	} {
		t.Run(tc.country+" "+tc.from, func(t *testing.T) {
			got := mustNew(t, tc.country).AddWorkingDays(d(tc.from), tc.n)
			if want := d(tc.want); !got.Equal(want) {
				t.Errorf("%s %+d working days: got %s, want %s", tc.from, tc.n, ymd(got), ymd(want))
			}
		})
	}
}

func TestDeadlines(t *testing.T) {
	for _, tc := range []struct {
		country        string
		month          Month
		deadline, paid string
	}{
		{"IS", Month{2024, time.January}, "2024-02-05", "2024-02-09"},
		{"IS", Month{2024, time.March}, "2024-04-04", "2024-04-10"},    // Easter Monday 1 April
		{"IS", Month{2024, time.December}, "2025-01-06", "2025-01-10"}, // New Year
		{"IS", Month{2023, time.April}, "2023-05-04", "2023-05-10"},    // 1 May
		{"GB", Month{2023, time.April}, "2023-05-04", "2023-05-11"},    // 1 and 8 May
		{"GB", Month{2022, time.May}, "2022-06-07", "2022-06-13"},      // the Platinum Jubilee
		{"GB-SCT", Month{2021, time.December}, "2022-01-07", "2022-01-13"},
	} {
		t.Run(tc.country+" "+tc.month.String(), func(t *testing.T) {
			c := mustNew(t, tc.country)
			if got, want := c.SubmissionDeadline(tc.month), d(tc.deadline); !got.Equal(want) {
				t.Errorf("SubmissionDeadline: got %s, want %s", ymd(got), ymd(want))
			}
			if got, want := c.PaymentDate(tc.month), d(tc.paid); !got.Equal(want) {
				t.Errorf("PaymentDate: got %s, want %s", ymd(got), ymd(want))
			}
		})
	}
}

func TestExpectedPayment(t *testing.T) {
	march := Month{2024, time.March} // deadline Thu 4 April 2024, payment Wed 10 April
	for _, tc := range []struct {
		country, submitted string
		month              Month
		pay                string
		late               bool
	}{
		{"IS", "2024-03-31", march, "2024-04-10", false}, // early
		{"IS", "2024-04-04", march, "2024-04-10", false}, // on the deadline: on time
		{"IS", "2024-04-05", march, "2024-04-16", true},  // a day late: 7 working days
		// Across Sumardagurinn fyrsti (25 April) and 1 May: 7 working days are 22, 23, 24,
		// 26, 29, 30 April and 2 May.
		{"IS", "2024-04-19", march, "2024-05-02", true},
		{"IS", "2024-04-20", march, "2024-05-02", true}, // a Saturday counts from Monday
		// Across Christmas and New Year in Iceland: 27, 30 Dec, 2, 3, 6, 7, 8 Jan.
		{"IS", "2024-12-23", Month{2024, time.November}, "2025-01-08", true},
		// The same in England, where 24 and 31 December are worked: 24, 27, 30, 31 Dec, 2, 3,
		// 6 Jan.
		{"GB", "2024-12-23", Month{2024, time.November}, "2025-01-06", true},
		// Across the coronation bank holiday: 4, 5, 9, 10, 11, 12, 15 May.
		{"GB", "2023-05-03", Month{2023, time.March}, "2023-05-15", true},
	} {
		t.Run(tc.country+" "+tc.submitted, func(t *testing.T) {
			pay, late := mustNew(t, tc.country).ExpectedPayment(tc.month, d(tc.submitted))
			if want := d(tc.pay); !pay.Equal(want) || late != tc.late {
				t.Errorf("got %s late=%v, want %s late=%v", ymd(pay), late, ymd(want), tc.late)
			}
		})
	}
}

// TestExpectedPaymentRule checks the rule for every submission date of a few years: on time
// until the deadline and paid on the payment date, later at least 7 working days after.
func TestExpectedPaymentRule(t *testing.T) {
	for _, code := range []string{"IS", "GB", "GB-SCT"} {
		c := mustNew(t, code)
		for m := (Month{2022, time.January}); m.Before(Month{2026, time.January}); m = m.Next() {
			deadline := c.SubmissionDeadline(m)
			for s := m.First(); s.Before(m.Next().Next().Next().First()); s = s.AddDate(0, 0, 1) {
				pay, late := c.ExpectedPayment(m, s)
				if late != s.After(deadline) {
					t.Fatalf("%s %s submitted %s: got late=%v, want %v (deadline %s)", code, m, ymd(s), late, !late, ymd(deadline))
				}
				if !late && !pay.Equal(c.PaymentDate(m)) {
					t.Fatalf("%s %s submitted %s on time: got %s, want the payment date %s", code, m, ymd(s), ymd(pay), ymd(c.PaymentDate(m)))
				}
				if late {
					n := 0
					for x := s.AddDate(0, 0, 1); !x.After(pay); x = x.AddDate(0, 0, 1) {
						if c.IsWorkingDay(x) {
							n++
						}
					}
					if n < LatePayment || !c.IsWorkingDay(pay) {
						t.Fatalf("%s %s submitted %s: paid %s after %d working days, want at least %d and a working day", code, m, ymd(s), ymd(pay), n, LatePayment)
					}
				}
			}
		}
	}
}

func TestPayout(t *testing.T) {
	for _, tc := range []struct {
		country, charged       string
		start, end, date, what string
	}{
		// Seed 000: charges of 21 to 27 June 2023 are paid on Tuesday 4 July 2023.
		{"IS", "2023-06-21", "2023-06-21", "2023-06-27", "2023-07-04", "seed: first day of the window"},
		{"IS", "2023-06-24", "2023-06-21", "2023-06-27", "2023-07-04", "seed: a Saturday"},
		{"IS", "2023-06-27", "2023-06-21", "2023-06-27", "2023-07-04", "seed: the cut-off Tuesday"},
		{"GB", "2023-06-27", "2023-06-21", "2023-06-27", "2023-07-04", "seed, in England"},
		{"IS", "2023-06-20", "2023-06-14", "2023-06-20", "2023-06-27", "seed: the window before"},
		{"IS", "2023-06-28", "2023-06-28", "2023-07-04", "2023-07-11", "seed: the window after"},
		// Easter 2024 (Thursday 28 March to Monday 1 April off in Iceland) falls inside the
		// window; the payout Tuesday is a working day.
		{"IS", "2024-03-28", "2024-03-27", "2024-04-02", "2024-04-09", "Easter inside the window"},
		{"IS", "2024-03-21", "2024-03-20", "2024-03-26", "2024-04-02", "paid the day after Easter Monday"},
		{"GB", "2024-03-21", "2024-03-20", "2024-03-26", "2024-04-02", "paid the day after Easter Monday"},
		// Christmas 2024: Tuesday 24 December is a day off in Iceland, then 25 and 26.
		{"IS", "2024-12-17", "2024-12-11", "2024-12-17", "2024-12-27", "Christmas Eve payout moves to the 27th"},
		{"GB", "2024-12-17", "2024-12-11", "2024-12-17", "2024-12-24", "Christmas Eve is worked in England"},
		// New Year 2025: Tuesday 31 December is a day off in Iceland, then 1 January.
		{"IS", "2024-12-24", "2024-12-18", "2024-12-24", "2025-01-02", "New Year's Eve payout moves to 2 January"},
		{"GB", "2024-12-24", "2024-12-18", "2024-12-24", "2024-12-31", "New Year's Eve is worked in England"},
		{"IS", "2024-12-31", "2024-12-25", "2024-12-31", "2025-01-07", "a window across the new year"},
		// Christmas 2029 and New Year 2030 fall on Tuesdays.
		{"GB", "2029-12-18", "2029-12-12", "2029-12-18", "2029-12-27", "Christmas Day and Boxing Day"},
		{"GB", "2029-12-25", "2029-12-19", "2029-12-25", "2030-01-02", "New Year's Day"},
		{"IS", "2029-12-25", "2029-12-19", "2029-12-25", "2030-01-02", "New Year's Day"},
		// A one-off bank holiday on a Tuesday: the Spring bank holiday of 4 June 2002.
		{"GB", "2002-05-28", "2002-05-22", "2002-05-28", "2002-06-05", "Spring bank holiday 2002"},
	} {
		t.Run(tc.country+" "+tc.charged, func(t *testing.T) {
			got := mustNew(t, tc.country).Payout(d(tc.charged))
			want := Payout{d(tc.start), d(tc.end), d(tc.date)}
			if got != want {
				t.Errorf("%s: got window %s..%s paid %s, want %s..%s paid %s", tc.what,
					ymd(got.WindowStart), ymd(got.WindowEnd), ymd(got.Date),
					ymd(want.WindowStart), ymd(want.WindowEnd), ymd(want.Date))
			}
		})
	}
}

// TestPayoutRule checks the payout rule for every day of a few years.
func TestPayoutRule(t *testing.T) {
	for _, code := range []string{"IS", "GB", "GB-NIR"} {
		c := mustNew(t, code)
		for x := d("2022-01-01"); x.Before(d("2027-01-01")); x = x.AddDate(0, 0, 1) {
			p := c.Payout(x)
			if p.WindowStart.Weekday() != time.Wednesday || !p.WindowEnd.Equal(p.WindowStart.AddDate(0, 0, 6)) {
				t.Fatalf("%s %s: got window %s..%s, want Wednesday to Tuesday", code, ymd(x), ymd(p.WindowStart), ymd(p.WindowEnd))
			}
			if x.Before(p.WindowStart) || x.After(p.WindowEnd) {
				t.Fatalf("%s %s: outside its window %s..%s", code, ymd(x), ymd(p.WindowStart), ymd(p.WindowEnd))
			}
			tuesday := p.WindowEnd.AddDate(0, 0, 7)
			if p.Date.Before(tuesday) || !c.IsWorkingDay(p.Date) {
				t.Fatalf("%s %s: paid %s, want a working day from %s", code, ymd(x), ymd(p.Date), ymd(tuesday))
			}
			for y := tuesday; y.Before(p.Date); y = y.AddDate(0, 0, 1) {
				if c.IsWorkingDay(y) {
					t.Fatalf("%s %s: paid %s, but %s is a working day", code, ymd(x), ymd(p.Date), ymd(y))
				}
			}
		}
	}
}

// TestConcurrentUse: one calendar shared by goroutines (as batch shares a profile's) gives
// each the answers a calendar used alone gives; -race checks the sharing itself.
func TestConcurrentUse(t *testing.T) {
	alone := mustNew(t, "IS")
	want := map[Month]time.Time{}
	for y := 2000; y < 2038; y++ {
		want[Month{y, time.March}] = alone.PaymentDate(Month{y, time.March})
	}
	shared := mustNew(t, "IS") // nothing computed yet: the goroutines fill it at once
	type answer struct {
		m   Month
		got time.Time
	}
	answers := make(chan answer)
	for i := 0; i < 8; i++ {
		go func(i int) {
			for y := 2000; y < 2030; y++ {
				m := Month{y + i, time.March}
				answers <- answer{m, shared.PaymentDate(m)}
			}
		}(i)
	}
	for n := 0; n < 8*30; n++ {
		a := <-answers
		if !a.got.Equal(want[a.m]) {
			t.Errorf("%s: shared calendar says %s, alone %s", a.m, ymd(a.got), ymd(want[a.m]))
		}
	}
}
