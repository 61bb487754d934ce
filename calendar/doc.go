// Package calendar owns working days: holiday calendars by country, the n-th working day of a
// month, the platform's submission deadline and payment date for a month's credit invoice, and
// the weekly payout of card payments. Its functions are pure: no I/O and no clock; callers pass
// the dates.
package calendar
