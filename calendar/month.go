package calendar

import (
	"fmt"
	"time"
)

// Month is a calendar month, the period an invoice covers.
type Month struct {
	Year  int
	Month time.Month
}

// MonthOf returns the month that contains t.
func MonthOf(t time.Time) Month { return Month{t.Year(), t.Month()} }

// ParseMonth reads a month written as YYYY-MM.
func ParseMonth(s string) (Month, error) {
	t, err := time.Parse("2006-01", s)
	if err != nil || len(s) != 7 {
		return Month{}, fmt.Errorf("%q is not a month: want YYYY-MM, e.g. 2024-03", s)
	}
	return MonthOf(t), nil
}

// String formats the month as YYYY-MM.
func (m Month) String() string { return fmt.Sprintf("%04d-%02d", m.Year, int(m.Month)) }

// First returns the first day of the month, at midnight UTC.
func (m Month) First() time.Time { return time.Date(m.Year, m.Month, 1, 0, 0, 0, 0, time.UTC) }

// Last returns the last day of the month, at midnight UTC.
func (m Month) Last() time.Time { return m.Next().First().AddDate(0, 0, -1) }

// Next returns the following month.
func (m Month) Next() Month { return MonthOf(m.First().AddDate(0, 1, 0)) }

// Prev returns the month before.
func (m Month) Prev() Month { return MonthOf(m.First().AddDate(0, -1, 0)) }

// Contains reports whether the wall-clock date of t falls within the month.
func (m Month) Contains(t time.Time) bool { return t.Year() == m.Year && t.Month() == m.Month }

// Before reports whether m comes before o.
func (m Month) Before(o Month) bool {
	return m.Year < o.Year || (m.Year == o.Year && m.Month < o.Month)
}

// Ordinal writes n as people count working days: 1st, 2nd, 3rd, 4th, 11th, 21st, ...
func Ordinal(n int) string {
	suffix := "th"
	switch {
	case n%100 >= 11 && n%100 <= 13:
	case n%10 == 1:
		suffix = "st"
	case n%10 == 2:
		suffix = "nd"
	case n%10 == 3:
		suffix = "rd"
	}
	return fmt.Sprintf("%d%s", n, suffix)
}
