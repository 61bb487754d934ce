package invoice

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/hubinvoice/hubinvoice/calendar"
	"github.com/hubinvoice/hubinvoice/export"
)

// Severity says how much a finding matters.
type Severity string

// The severities, worst first.
const (
	SeverityError   Severity = "error"   // the invoice would be wrong
	SeverityWarning Severity = "warning" // money left behind, or something to do in the portal
	SeverityInfo    Severity = "info"    // worth knowing; nothing to do
)

// Finding is one thing a professional should know about a month before sending its invoice.
// It names rows, never a client.
type Finding struct {
	Code     string // stable identifier, such as "unpaid-credit"
	Severity Severity
	Rows     []int  // the export's rows, as a spreadsheet numbers them; empty for the whole month
	Message  string // one line: what is the matter
	Next     string // the plain next step, from the platform's own instructions; may be ""
}

// The codes of the findings, by severity. See checks for what each means.
const (
	CodeDuplicateDiffers = "duplicate-id-differs" // error when a Credit row is involved, else warning
	CodeNoCurrency       = "no-currency"          // error
	CodeNegativeAmount   = "negative-amount"      // error on the invoice, else warning
	CodeUnpaidCredit     = "unpaid-credit"        // warning
	CodeUnknownType      = "unknown-type"         // warning
	CodeUnknownStatus    = "unknown-status"       // warning
	CodeUnknownState     = "unknown-state"        // warning
	CodeClientData       = "client-data"          // warning
	CodeNoStatus         = "no-status"            // warning
	CodeNotCharged       = "not-charged"          // warning
	CodeCancelledCredit  = "cancelled-credit"     // warning
	CodeSameTime         = "same-time"            // warning
	CodeSponsoredOther   = "sponsored-other"      // warning
	CodeNoSponsor        = "credit-no-sponsor"    // warning
	CodeNoType           = "no-type"              // warning
	CodeDuplicate        = "duplicate-id"         // warning
	CodePrecision        = "amount-precision"     // warning
	CodeOverdue          = "overdue"              // warning
	CodeVoid             = "void"                 // info
	CodeDeleted          = "deleted"              // info
	CodeZeroAmount       = "zero-amount"          // info
	CodeCurrencies       = "currencies"           // info
	CodeNothingPaid      = "no-credit"            // info
	CodePreviousMonth    = "previous-month"       // info
	CodeNextMonth        = "next-month"           // info
	CodeDeadline         = "deadline"             // info
)

// rowSet is the rows a finding names: all of them, or for the rows outside the month (which
// a ledger counts but does not keep) the first few of n.
type rowSet struct {
	list []int
	n    int
}

func (r rowSet) String() string { return rowListOf(r.list, r.n) }

// A rowCheck is a finding made of the rows that share one condition.
type rowCheck struct {
	code     string
	severity Severity
	message  func(rows rowSet, m calendar.Month) string
	next     string
}

// negativeOff gathers the negative prices that are not on the invoice: a warning under
// CodeNegativeAmount, where those on it are an error.
const negativeOff = CodeNegativeAmount + " off the invoice"

// rowsKey is what the check's rows are gathered under: its code, but for the negative prices
// that are not on the invoice.
func (rc rowCheck) rowsKey() string {
	if rc.code == CodeNegativeAmount && rc.severity != SeverityError {
		return negativeOff
	}
	return rc.code
}

// rowChecks are the findings that list rows, in the order they are reported within a severity.
// Their wording is the platform's (seeds 001, 003 and 004).
var rowChecks = [...]rowCheck{
	{CodeNoCurrency, SeverityError, func(r rowSet, _ calendar.Month) string {
		return fmt.Sprintf("%s with no currency (%s): the export has no Service Currency column and the price names none", sessions(r.n, "Credit session"), r.String())
	}, "tick Service Currency in the portal's export dialog and export again, or set currency in the [invoice] table of the profile"},
	{CodeNegativeAmount, SeverityError, func(r rowSet, _ calendar.Month) string {
		return fmt.Sprintf("%s with a negative price (%s): on the invoice, lowering its total", sessions(r.n, "Credit session"), r.String())
	}, "look each up in the portal (Payments, the 3 dots, View Details): a refund is no session to invoice; have the payment corrected and export again"},
	{CodeUnpaidCredit, SeverityWarning, func(r rowSet, _ calendar.Month) string {
		return fmt.Sprintf("%s still Unpaid (%s): left out of the invoice", sessions(r.n, "Credit session"), r.String())
	}, "confirm each in the portal (Payments > Unpaid, the 3 dots, Edit Payment Method, then Confirm) and export again"},
	{CodeUnknownType, SeverityWarning, func(r rowSet, _ calendar.Month) string {
		return fmt.Sprintf("%s with a payment type hubinvoice does not know (%s): on no invoice and in no 'hubinvoice collect' group", sessions(r.n, "row"), r.String())
	}, "look each up in the portal (Payments, the 3 dots, View Details): a Credit belongs on the invoice; export again with the Type column as the portal writes it (Credit, Card, POS, Cash, Bank Transfer, Other)"},
	{CodeUnknownStatus, SeverityWarning, func(r rowSet, _ calendar.Month) string {
		return fmt.Sprintf("%s with a status hubinvoice does not know (%s): on no invoice and in no 'hubinvoice collect' group", sessions(r.n, "row"), r.String())
	}, "look each up in the portal (Payments, the 3 dots, View Details): the status is Paid, Unpaid or Void there; export again"},
	{CodeUnknownState, SeverityWarning, func(r rowSet, _ calendar.Month) string {
		return fmt.Sprintf("%s with a session state hubinvoice does not know (%s): taken as a session that took place", sessions(r.n, "row"), r.String())
	}, "look each up in the portal (Sessions): a session is Complete, Cancelled, Deleted or Void there; export again"},
	{CodeClientData, SeverityWarning, func(r rowSet, _ calendar.Month) string {
		return fmt.Sprintf("%s with a client's name or email, or an email address of nobody known, outside the client columns (%s): withheld, shown as %s", sessions(r.n, "row"), r.String(), export.Withheld)
	}, "correct the Service Name, Sponsor or other text of those rows in the portal (a client's name or email belongs only in the client's own columns) and export again"},
	{CodeNoStatus, SeverityWarning, func(r rowSet, _ calendar.Month) string {
		return fmt.Sprintf("%s with no Status (%s): taken as paid", sessions(r.n, "Credit session"), r.String())
	}, "tick Status in the portal's export dialog and export again, so that Unpaid credits are left out"},
	{CodeNotCharged, SeverityWarning, func(r rowSet, _ calendar.Month) string {
		return fmt.Sprintf("%s not paid by Credit still Unpaid (%s): neither charged nor voided", sessions(r.n, "session"), r.String())
	}, "charge the client (Payments > Unpaid, the 3 dots, Edit Payment Method) or, for a session not to be charged, mark it Void; 'hubinvoice collect' lists what is owed"},
	{CodeCancelledCredit, SeverityWarning, func(r rowSet, _ calendar.Month) string {
		return fmt.Sprintf("%s cancelled but charged to the client's credit (%s): on the invoice, marked cancelled", sessions(r.n, "Credit session"), r.String())
	}, "was the client's credit meant to be used (a late cancellation or a no-show)? If not, have the credit returned (support@karaconnect.com) and export again"},
	{CodeSameTime, SeverityWarning, func(r rowSet, _ calendar.Month) string {
		return fmt.Sprintf("%s at the same time as another on the invoice (%s): a session charged twice?", sessions(r.n, "Credit session"), r.String())
	}, "look each up in the portal (Sessions and Payments): if one session was charged twice, void the extra payment and export again"},
	{CodeSponsoredOther, SeverityWarning, func(r rowSet, _ calendar.Month) string {
		return fmt.Sprintf("%s paid by other means than Credit (%s): the client's credits may have run out", sessions(r.n, "sponsored booking"), r.String())
	}, "not on the invoice: collect the payment from the client yourself, as the Wellbeing Hub does not pay it; 'hubinvoice collect' lists what is owed"},
	{CodeNoSponsor, SeverityWarning, func(r rowSet, _ calendar.Month) string {
		return fmt.Sprintf("%s with no Sponsor (%s): not sponsored: collect from the client", sessions(r.n, "Credit session"), r.String())
	}, "without a Sponsor the booking was not paid with sponsored credits (check each in the portal: Payments, the 3 dots, View Details): it is on no invoice, and 'hubinvoice collect' lists it as the client's to pay"},
	{CodeNoType, SeverityWarning, func(r rowSet, _ calendar.Month) string {
		return fmt.Sprintf("%s with no payment Type (%s): left out of the invoice", sessions(r.n, "row"), r.String())
	}, "look each up in the portal (Payments, the eye symbol beside the payment) and export again"},
	{CodePrecision, SeverityWarning, func(r rowSet, _ calendar.Month) string {
		return fmt.Sprintf("%s with more decimals than the currency uses (%s): kept exact", sessions(r.n, "price"), r.String())
	}, "check the Service Price of those sessions in the portal"},
	{CodeNegativeAmount, SeverityWarning, func(r rowSet, _ calendar.Month) string {
		return fmt.Sprintf("%s with a negative price (%s): not on the invoice", sessions(r.n, "session"), r.String())
	}, "look each up in the portal (Payments, the 3 dots, View Details): a negative price lowers what 'hubinvoice collect' adds up"},
	{CodeVoid, SeverityInfo, func(r rowSet, _ calendar.Month) string {
		return fmt.Sprintf("%s Void (%s): left out", sessions(r.n, "row"), r.String())
	}, "nothing to do: a Void session is not charged; voiding does not give a client back a sponsored credit, for that ask support@karaconnect.com"},
	{CodeDeleted, SeverityInfo, func(r rowSet, _ calendar.Month) string {
		return fmt.Sprintf("%s (%s): left out", sessions(r.n, "deleted session"), r.String())
	}, ""},
	{CodeZeroAmount, SeverityInfo, func(r rowSet, _ calendar.Month) string {
		return fmt.Sprintf("%s priced 0 (%s): counted at 0", sessions(r.n, "session"), r.String())
	}, "nothing to do for a free session; otherwise have the price corrected in the portal and export again"},
	{CodePreviousMonth, SeverityInfo, func(r rowSet, m calendar.Month) string {
		return fmt.Sprintf("%s dated before %s (%s): not on this month's invoice", sessions(r.n, "row"), monthName(m), r.String())
	}, "nothing to do for sessions already on an earlier month's invoice; filter the portal's export by session date, from the 1st to the last day of the month"},
	{CodeNextMonth, SeverityInfo, func(r rowSet, m calendar.Month) string {
		return fmt.Sprintf("%s dated after %s (%s): not on this month's invoice", sessions(r.n, "row"), monthName(m), r.String())
	}, "a session of a later month goes on that month's invoice"},
}

// raisedBy gives the bit of each row check in a Raised, and raisedIndex its place in the
// table, by rowsKey.
var raisedBy, raisedIndex = func() (map[string]Raised, map[string]int) {
	by, idx := map[string]Raised{}, map[string]int{}
	for i, rc := range rowChecks {
		by[rc.rowsKey()], idx[rc.rowsKey()] = 1<<i, i
	}
	return by, idx
}()

// Findings returns what a professional should know about the month before sending its
// invoice, worst first: errors, then warnings, then information, each in a fixed order: credits
// left Unpaid, sessions neither charged nor voided, cancellations charged to a credit,
// sponsored bookings paid otherwise, repeated Transaction IDs, the deadline, ... Every row
// check is one the classification raised.
func (l *Ledger) Findings(pro *Professional) []Finding {
	p := l.of(pro)
	m := l.opts.Month
	var out []Finding
	noStatusColumn := !l.anyStatus
	if rows := p.rows[raisedIndex[CodeNoStatus]]; len(rows) > 0 && noStatusColumn {
		// Not a row's empty cell but a missing column: say so once.
		out = append(out, Finding{Code: CodeNoStatus, Severity: SeverityWarning, Rows: rows,
			Message: "the export has no Status column: every Credit row is taken as paid",
			Next:    "tick Status in the portal's export dialog and export again, so that Unpaid credits are left out"})
	}
	for i, rc := range rowChecks {
		if rc.code == CodeNoStatus && noStatusColumn {
			continue
		}
		if rows := p.rows[i]; len(rows) > 0 {
			n := len(rows)
			switch rc.code {
			case CodePreviousMonth:
				n = p.outside[0]
			case CodeNextMonth:
				n = p.outside[1]
			}
			out = append(out, Finding{Code: rc.code, Severity: rc.severity, Rows: rows, Message: rc.message(rowSet{rows, n}, m), Next: rc.next})
		}
	}
	out = append(out, p.dups...)
	if f, ok := currencyFinding(p.currencies); ok {
		out = append(out, f)
	}
	if len(p.pro.Lines) == 0 {
		out = append(out, Finding{Code: CodeNothingPaid, Severity: SeverityInfo, Rows: []int{},
			Message: fmt.Sprintf("no Credit session paid in %s: nothing to invoice", m)})
	}
	if f, ok := l.deadline(); ok {
		out = append(out, f)
	}
	sort.SliceStable(out, func(i, j int) bool { return rank(out[i].Severity) < rank(out[j].Severity) })
	return out
}

func rank(s Severity) int {
	switch s {
	case SeverityError:
		return 0
	case SeverityWarning:
		return 1
	}
	return 2
}

// currencyFinding notes an invoice in several currencies, naming the rows of every currency
// but the one most of its sessions are in.
func currencyFinding(cur map[string][]int) (Finding, bool) {
	if len(cur) < 2 {
		return Finding{}, false
	}
	codes := make([]string, 0, len(cur))
	for c := range cur {
		codes = append(codes, c)
	}
	sort.Slice(codes, func(i, j int) bool {
		if len(cur[codes[i]]) != len(cur[codes[j]]) {
			return len(cur[codes[i]]) > len(cur[codes[j]])
		}
		return codes[i] < codes[j]
	})
	parts := make([]string, len(codes))
	var rows []int
	for i, c := range codes {
		parts[i] = fmt.Sprintf("%d in %s", len(cur[c]), c)
		if i > 0 {
			parts[i] += " (" + rowList(cur[c]) + ")"
			rows = append(rows, cur[c]...)
		}
	}
	sort.Ints(rows)
	return Finding{Code: CodeCurrencies, Severity: SeverityInfo, Rows: rows,
		Message: fmt.Sprintf("the invoice's sessions are in %d currencies, %s: one total each, never added together", len(codes), joinAnd(parts)),
		Next:    "nothing to do if those clients were charged in that currency"}, true
}

// deadline says how long is left to send the month's invoice on time, or that it is late.
func (l *Ledger) deadline() (Finding, bool) {
	cal, today, m := l.opts.Calendar, l.opts.Today, l.opts.Month
	if cal == nil || today.IsZero() {
		return Finding{}, false
	}
	today = time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)
	due, pay := cal.SubmissionDeadline(m), cal.PaymentDate(m)
	f := Finding{Code: CodeDeadline, Severity: SeverityInfo, Rows: []int{}}
	days := int(due.Sub(today).Hours() / 24)
	switch {
	case !today.After(m.Last()):
		f.Message = fmt.Sprintf("%s is not over: send the invoice after %s and by %s (the %s working day of %s) to be paid by %s",
			m, longDay(m.Last()), longDay(due), calendar.Ordinal(calendar.SubmissionDay), due.Month(), longDay(pay))
		f.Next = "export again once the month is over, so that its last sessions are in"
	case days == 0:
		f.Message = fmt.Sprintf("today, %s, is the last day to send the invoice for %s on time (the %s working day); it is then paid by %s",
			longDay(due), m, calendar.Ordinal(calendar.SubmissionDay), longDay(pay))
		f.Next = "send it today to accounts@karaconnect.com"
	case days > 0:
		f.Message = fmt.Sprintf("%s left to send the invoice for %s on time: by %s (the %s working day of %s), to be paid by %s",
			sessions(days, "day"), m, longDay(due), calendar.Ordinal(calendar.SubmissionDay), due.Month(), longDay(pay))
		f.Next = "send it to accounts@karaconnect.com"
	default:
		late, _ := cal.ExpectedPayment(m, today)
		f.Code, f.Severity = CodeOverdue, SeverityWarning
		f.Message = fmt.Sprintf("the invoice for %s was due by %s, %s ago: sent today, it is paid by %s at the earliest",
			m, longDay(due), sessions(-days, "day"), longDay(late))
		f.Next = "send it today to accounts@karaconnect.com: a late invoice is paid at least 7 working days after it arrives"
	}
	return f, true
}

// Count returns how many findings have each severity.
func Count(fs []Finding) (errors, warnings, infos int) {
	for _, f := range fs {
		switch f.Severity {
		case SeverityError:
			errors++
		case SeverityWarning:
			warnings++
		default:
			infos++
		}
	}
	return errors, warnings, infos
}

// Only returns the findings of one severity, in order.
func Only(fs []Finding, s Severity) []Finding {
	var out []Finding
	for _, f := range fs {
		if f.Severity == s {
			out = append(out, f)
		}
	}
	return out
}

func longDay(t time.Time) string { return t.Format("Mon 2 Jan 2006") }

func monthName(m calendar.Month) string { return m.First().Format("January 2006") }

// joinAnd writes a list for a sentence: "a", "a and b", "a, b and c".
func joinAnd(parts []string) string {
	if len(parts) < 2 {
		return strings.Join(parts, "")
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}
