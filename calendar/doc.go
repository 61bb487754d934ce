// Package calendar owns working days: holiday calendars by country, the n-th working day of a
// month, the platform's submission deadline and payment date for a month's credit invoice, and
// the weekly payout of card payments. Its functions are pure: no I/O and no clock; callers pass
// the dates.
//
// # Working days
//
// A working day is a Monday to Friday that is neither one of the country's holidays nor one of
// the closure days the Calendar was made with. Dates are read by their wall-clock date (time of
// day and location are ignored) and returned as midnight UTC.
//
// # Countries
//
// New takes an ISO 3166 code (see Countries). The holidays come from github.com/rickar/cal/v2,
// with these choices:
//
//   - Iceland (IS): Christmas Eve (Aðfangadagur, 24 December) and New Year's Eve (Gamlársdagur,
//     31 December) are holidays from 13:00 by law; they count as whole days off, since an
//     invoice or a transfer does not move on them.
//   - United Kingdom: GB is England and Wales (also GB-EAW, GB-ENG, GB-WLS); GB-SCT is Scotland
//     and GB-NIR Northern Ireland. Their bank holidays are this package's own (rickar/cal covers
//     only England and Wales), with every one-off bank holiday and moved holiday since 1978:
//     royal weddings (1981, 2011), VE Day (1995, 2020), the millennium (1999), the jubilees
//     (2002, 2012, 2022, with the Spring bank holiday moved), the Queen's state funeral
//     (19 September 2022) and the coronation (8 May 2023).
//   - Every other country rickar/cal ships, by its ISO 3166-1 code, and its regions (German
//     states, Swiss cantons, Australian states and territories) by ISO 3166-2 code. Each holiday
//     in rickar/cal's list is a day off, including eves it lists (Sweden's and Finland's
//     Midsummer and Christmas Eves). A holiday that falls on a weekend counts on its
//     substitute day where the country has one.
//
// # The platform's rules
//
// An invoice for a month's sponsored sessions is due by the 3rd working day of the following
// month (the SubmissionDeadline, that day included) and is then paid by the 7th working day of
// that month (the PaymentDate). An invoice submitted later is paid at least 7 working days
// after it arrives (ExpectedPayment). Card payments are paid out weekly: the charges of a
// Wednesday-to-Tuesday window are transferred on the following Tuesday, or on the next working
// day when that Tuesday is a holiday (Payout).
package calendar
