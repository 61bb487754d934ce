package calendar

import (
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/rickar/cal/v2"
)

// Holiday is a day on which a calendar's country does not work.
type Holiday struct {
	Date time.Time // midnight UTC of the wall-clock date
	Name string    // in the country's language, as rickar/cal names it; "Closure" for a closure day
}

// ClosureName names the closure days passed to New in the list Holidays returns.
const ClosureName = "Closure"

// Calendar is the working-day calendar of one country (or region): Monday to Friday, less the
// country's holidays and the closure days it was made with. Its methods read dates by their
// wall-clock date, ignoring time of day and location, and return midnight UTC. A Calendar is
// safe for concurrent use.
type Calendar struct {
	code     string
	rules    []*cal.Holiday
	closures map[date]bool

	mu    sync.Mutex
	years map[int]*year // computed on first use
}

// year is one year's holidays: the list, and the set of dates that are not worked.
type year struct {
	list []Holiday
	off  map[date]bool
}

// date is a wall-clock date, the key of the holiday sets.
type date struct {
	y int
	m time.Month
	d int
}

func dateOf(t time.Time) date {
	y, m, d := t.Date()
	return date{y, m, d}
}

func (d date) time() time.Time { return time.Date(d.y, d.m, d.d, 0, 0, 0, 0, time.UTC) }

// day returns the wall-clock date of t at midnight UTC.
func day(t time.Time) time.Time { return dateOf(t).time() }

// Countries returns the codes New accepts, sorted: ISO 3166-1 alpha-2 country codes, and
// ISO 3166-2 codes for the regions whose holidays differ (GB-SCT, DE-BY, AU-NSW, ...).
func Countries() []string {
	codes := make([]string, 0, len(countries))
	for code := range countries {
		codes = append(codes, code)
	}
	sort.Strings(codes)
	return codes
}

// New returns the calendar of the country with the given code (see Countries; case does not
// matter). Closures are extra days on which no one works, such as a practice's own closing days;
// only their dates count.
func New(country string, closures ...time.Time) (*Calendar, error) {
	code := strings.ToUpper(strings.TrimSpace(country))
	rules, ok := countries[code]
	if !ok {
		return nil, fmt.Errorf("unknown country %q: want one of %s", country, strings.Join(preferredOrder(), ", "))
	}
	c := &Calendar{code: code, rules: rules, closures: map[date]bool{}, years: map[int]*year{}}
	for _, t := range closures {
		c.closures[dateOf(t)] = true
	}
	return c, nil
}

// preferredOrder lists the codes for an error message: the platform's own countries first.
func preferredOrder() []string {
	first := []string{"IS", "GB", "GB-EAW", "GB-SCT", "GB-NIR"}
	codes := append([]string(nil), first...)
	for _, code := range Countries() {
		if !contains(first, code) {
			codes = append(codes, code)
		}
	}
	return codes
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// Country returns the calendar's code, in upper case.
func (c *Calendar) Country() string { return c.code }

// year returns the holidays of year y, computing them on first use.
func (c *Calendar) year(y int) *year {
	c.mu.Lock()
	defer c.mu.Unlock()
	if yr, ok := c.years[y]; ok {
		return yr
	}
	yr := &year{off: map[date]bool{}}
	// A holiday observed on another day can move across the new year (a Saturday 1 January
	// observed on Friday 31 December), so look at the neighbouring years' rules too.
	for _, ry := range []int{y - 1, y, y + 1} {
		for _, r := range c.rules {
			actual, observed := r.Calc(ry)
			if actual.IsZero() {
				continue
			}
			a, o := dateOf(actual), dateOf(observed)
			yr.add(y, a, r.Name)
			if o != a {
				yr.add(y, o, r.Name+" (substitute day)")
			}
		}
	}
	for d := range c.closures {
		yr.add(y, d, ClosureName)
	}
	sort.SliceStable(yr.list, func(i, j int) bool {
		a, b := yr.list[i], yr.list[j]
		if !a.Date.Equal(b.Date) {
			return a.Date.Before(b.Date)
		}
		return a.Name < b.Name
	})
	c.years[y] = yr
	return yr
}

// add records a holiday on date d if it falls in year y.
func (yr *year) add(y int, d date, name string) {
	if d.y != y {
		return
	}
	yr.list = append(yr.list, Holiday{Date: d.time(), Name: name})
	yr.off[d] = true
}

// Holidays returns the year's holidays and closure days, sorted by date, weekends included. A
// holiday that moves off a weekend is listed on its own date and again, as "(substitute day)",
// on the day off that replaces it. Two holidays on one date are listed separately.
func (c *Calendar) Holidays(year int) []Holiday {
	return append([]Holiday(nil), c.year(year).list...)
}

// IsWorkingDay reports whether the wall-clock date of d is a working day: Monday to Friday and
// neither a holiday nor a closure day.
func (c *Calendar) IsWorkingDay(d time.Time) bool {
	switch d.Weekday() {
	case time.Saturday, time.Sunday:
		return false
	}
	k := dateOf(d)
	return !c.year(k.y).off[k]
}

// AddWorkingDays returns the date n working days after d: the n-th working day after d, not
// counting d itself. With a negative n it counts back; with n == 0 it returns d's date.
func (c *Calendar) AddWorkingDays(d time.Time, n int) time.Time {
	t := day(d)
	step := 1
	if n < 0 {
		step, n = -1, -n
	}
	for n > 0 {
		t = t.AddDate(0, 0, step)
		if c.IsWorkingDay(t) {
			n--
		}
	}
	return t
}

// NthWorkingDay returns the n-th working day of month m, counting from 1. When the month has
// fewer than n working days the count goes on into the next month. It panics if n < 1.
func (c *Calendar) NthWorkingDay(m Month, n int) time.Time {
	if n < 1 {
		panic(fmt.Sprintf("calendar: NthWorkingDay(%s, %d): n must be at least 1", m, n))
	}
	return c.AddWorkingDays(m.First().AddDate(0, 0, -1), n)
}

// The platform's rules for a month's credit invoice (see the package documentation).
const (
	SubmissionDay = 3 // the invoice is due by this working day of the following month
	PaymentDay    = 7 // and is then paid by this working day of the following month
	LatePayment   = 7 // a late invoice is paid at least this many working days after it arrives
)

// SubmissionDeadline returns the last day on which the invoice for month m is on time: the 3rd
// working day of the following month.
func (c *Calendar) SubmissionDeadline(m Month) time.Time {
	return c.NthWorkingDay(m.Next(), SubmissionDay)
}

// PaymentDate returns the day by which the platform pays an invoice for month m that arrived
// on time: the 7th working day of the following month.
func (c *Calendar) PaymentDate(m Month) time.Time {
	return c.NthWorkingDay(m.Next(), PaymentDay)
}

// ExpectedPayment returns the day by which an invoice for month m submitted on the given date is
// paid. An invoice submitted by the deadline (the deadline itself included) is paid on the
// month's PaymentDate; a later one is late and is paid 7 working days after submission at the
// earliest.
func (c *Calendar) ExpectedPayment(m Month, submitted time.Time) (pay time.Time, late bool) {
	s := day(submitted)
	pay = c.PaymentDate(m)
	if !s.After(c.SubmissionDeadline(m)) {
		return pay, false
	}
	if p := c.AddWorkingDays(s, LatePayment); p.After(pay) {
		pay = p
	}
	return pay, true
}

// Payout is the weekly transfer of card payments: the charges of a Wednesday-to-Tuesday window
// are paid on the following Tuesday, or on the next working day when that Tuesday is not one.
type Payout struct {
	WindowStart time.Time // the Wednesday the window opens
	WindowEnd   time.Time // the Tuesday it closes, inclusive
	Date        time.Time // the day the money is transferred
}

// Payout returns the payout that transfers a card payment charged on the given date.
func (c *Calendar) Payout(charged time.Time) Payout {
	d := day(charged)
	back := (int(d.Weekday()) - int(time.Wednesday) + 7) % 7
	start := d.AddDate(0, 0, -back)
	end := start.AddDate(0, 0, 6)
	pay := end.AddDate(0, 0, 7)
	for !c.IsWorkingDay(pay) {
		pay = pay.AddDate(0, 0, 1)
	}
	return Payout{WindowStart: start, WindowEnd: end, Date: pay}
}
