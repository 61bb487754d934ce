package main

import (
	"time"

	"github.com/hubinvoice/hubinvoice/calendar"
)

// The flags the working-day commands (deadlines, calendar, payouts) share.

// defaultCountry is the working-day calendar used when --country is not given: the platform's
// home, Iceland.
const defaultCountry = "IS"

// countryFlag opens the working-day calendar named by --country.
func countryFlag(code string) (*calendar.Calendar, error) {
	c, err := calendar.New(code)
	if err != nil {
		return nil, usagef("--country: %v", err)
	}
	return c, nil
}

// monthFlag reads --month; empty means the month before today's, the one due for invoicing.
func monthFlag(s string, e *env) (calendar.Month, error) {
	if s == "" {
		return calendar.MonthOf(e.today()).Prev(), nil
	}
	m, err := calendar.ParseMonth(s)
	if err != nil {
		return calendar.Month{}, usagef("--month: %v", err)
	}
	return m, nil
}

// dateFlag reads a date flag written as YYYY-MM-DD, at midnight UTC.
func dateFlag(name, s string) (time.Time, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, usagef("--%s: %q is not a date: want YYYY-MM-DD, e.g. 2024-04-03", name, s)
	}
	return t, nil
}

// day formats a date for people: weekday, day, month and year.
func day(t time.Time) string { return t.Format("Mon _2 Jan 2006") }
