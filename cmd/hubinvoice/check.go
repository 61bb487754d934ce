package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/hubinvoice/hubinvoice/calendar"
	"github.com/hubinvoice/hubinvoice/export"
	"github.com/hubinvoice/hubinvoice/invoice"
	"github.com/hubinvoice/hubinvoice/invoice/register"
	"github.com/spf13/cobra"
)

type checkOptions struct {
	reportFlags
	registerFlag
}

func newCheckCmd(e *env) *cobra.Command {
	opts := &checkOptions{}
	c := &cobra.Command{
		Use:   "check EXPORT",
		Short: "List what to fix in the portal before invoicing a month",
		Long: `Read a month of the Payments export (.xlsx or .csv) and list what to know before sending
its invoice, with the rows concerned and the next step, worst first:

  error    the invoice would be wrong: a Credit whose Transaction ID repeats with other
           values, a Credit session with no currency, a negative price on the invoice
  warning  money left behind or something to do in the portal: Credit sessions still
           Unpaid, sessions not paid by Credit neither charged nor voided, cancelled sessions
           charged to a credit, sponsored bookings paid by other means, Credits without a
           sponsor, rows whose payment type or status hubinvoice does not know (on no
           invoice and in no collect group), a negative price off the invoice, repeated
           Transaction IDs, a missing Status, the deadline passed, an issued invoice overdue
           (the register's: billed to the platform, not marked paid by its payment date)
  info     Void and deleted rows, prices of 0, an invoice in several currencies, rows dated
           in other months, and the days left until the submission deadline

Row numbers are the export's, as a spreadsheet shows them; no client name or email is ever
printed. A profile (--config, or the default one when it exists) gives the currency for rows
without one, the working-day calendar and, when the export holds several professionals,
whose month to check.

Exit status: 0 no error or warning (information only); 1 an error or a warning was found, or
the export could not be read; 2 usage error.`,
		Example: `  hubinvoice check payments.xlsx --month 2024-03
  hubinvoice check payments.csv --professional thordis@example.is --json`,
		Args: args(cobra.ExactArgs(1)),
		RunE: func(c *cobra.Command, a []string) error {
			opts.export = a[0]
			return runCheck(c.Context(), opts, e)
		},
	}
	opts.reportFlags.register(c, "print the findings as a JSON list")
	opts.registerFlag.register(c.Flags())
	return c
}

// overdueFindings names the professional's invoices in the register that are overdue on today:
// billed to the platform and not marked paid by their expected payment date. A register that
// does not exist has none; check never makes one.
func overdueFindings(ctx context.Context, rf *registerFlag, e *env, email string, today time.Time) ([]invoice.Finding, error) {
	path, err := rf.file(e)
	if err != nil {
		return nil, nil // no register to look in
	}
	if _, err := os.Stat(path); err != nil {
		return nil, nil
	}
	reg, err := register.Open(ctx, path)
	if err != nil {
		return nil, err
	}
	defer reg.Close()
	docs, err := reg.Overdue(ctx, today)
	if err != nil {
		return nil, err
	}
	var out []invoice.Finding
	for _, d := range docs {
		inv := d.Invoice
		if !strings.EqualFold(inv.From.Email, email) {
			continue
		}
		out = append(out, invoice.Finding{
			Code: "overdue-invoice", Severity: invoice.SeverityWarning,
			Message: fmt.Sprintf("invoice %s (%s, %s) was to be paid by %s and is not marked paid", inv.Number, inv.Period, inv.BillTo.Name, day(inv.PaymentDate)),
			Next:    fmt.Sprintf("ask the platform's accounts department; once paid: 'hubinvoice register paid %s --date YYYY-MM-DD'", inv.Number),
		})
	}
	return out, nil
}

// findingJSON is one element of what --json prints.
type findingJSON struct {
	Code     string `json:"code"`
	Severity string `json:"severity"`
	Rows     []int  `json:"rows"`
	Message  string `json:"message"`
	Next     string `json:"next,omitempty"`
}

func runCheck(ctx context.Context, opts *checkOptions, e *env) error {
	r, err := opts.read(ctx, e, invoice.InvoiceColumns)
	if err != nil {
		return err
	}
	var findings []invoice.Finding
	for _, n := range r.info.Notes {
		findings = append(findings, invoice.Finding{Code: "export-note", Severity: invoice.SeverityInfo, Message: n})
	}
	findings = append(r.led.Findings(r.pro), findings...)
	overdue, err := overdueFindings(ctx, &opts.registerFlag, e, r.pro.Email, r.issued)
	if err != nil {
		return err
	}
	findings = append(findings, overdue...)
	if opts.json {
		err = printJSON(e.stdout, findingsJSON(findings))
	} else {
		err = printFindings(e.stdout, r.pro, r.month, findings)
	}
	if err != nil {
		return err
	}
	if errs, warns, _ := invoice.Count(findings); errs+warns > 0 {
		return exitError{code: exitFailure} // the findings say it all
	}
	return nil
}

// reportFlags are the flags of the commands that report on one professional's month of an
// export (check, collect).
type reportFlags struct {
	exportFlags
	monthFlags
	country countryFlag
	json    bool
}

func (o *reportFlags) register(c *cobra.Command, jsonUsage string) {
	f := c.Flags()
	o.monthFlags.register(f, monthHelp, issueHelp)
	o.exportFlags.register(f, configOptional, whoseMonth)
	o.country.register(f)
	f.BoolVar(&o.json, "json", false, jsonUsage)
}

// aReport is a professional's month, read.
type aReport struct {
	month  calendar.Month
	issued time.Time // the day the report is as of: the issue date, today unless --issue-date
	led    *invoice.Ledger
	info   *export.Info
	pro    *invoice.Professional
}

// read resolves the flags and the optional profile (the currency of rows without one, the
// calendar unless --country names one, whose month), reads the month into a ledger and picks
// whose month it is.
func (o *reportFlags) read(ctx context.Context, e *env, require []export.Column) (aReport, error) {
	var r aReport
	issued, month, err := o.resolve(e)
	if err != nil {
		return r, err
	}
	done, err := o.stdin(e)
	if err != nil {
		return r, err
	}
	defer done()
	ro := o.readOptions(export.Options{Require: require})
	if ro.DateOrder, err = o.order(); err != nil {
		return r, err
	}
	prof, cal, err := profileCalendar(o.config, o.country, e)
	if err != nil {
		return r, err
	}
	if prof != nil {
		ro.Currency = prof.Invoice.Currency
	}
	r.month, r.issued = month, issued
	r.led, r.info, err = invoice.ReadLedger(ctx, o.file(), ro, invoice.LedgerOptions{Month: month, Calendar: cal, Today: issued})
	if err != nil {
		return r, err
	}
	if err := r.led.CheckNames(o.export, o.professional); err != nil {
		return r, planError(err)
	}
	if len(r.led.Professionals()) == 0 {
		return r, fmt.Errorf("%s: no rows dated in %s (%d rows outside it)\nhint: pick the month with --month YYYY-MM", o.export, month, r.led.Outside)
	}
	if r.pro, err = whose(r.led, o.export, o.professional, prof); err != nil {
		return r, err
	}
	return r, nil
}

func findingsJSON(fs []invoice.Finding) []findingJSON {
	out := make([]findingJSON, len(fs))
	for i, f := range fs {
		rows := f.Rows
		if rows == nil {
			rows = []int{}
		}
		out[i] = findingJSON{Code: f.Code, Severity: string(f.Severity), Rows: rows, Message: f.Message, Next: f.Next}
	}
	return out
}

// severityHeadings introduce each group of findings at a terminal.
var severityHeadings = []struct {
	severity invoice.Severity
	heading  string
}{
	{invoice.SeverityError, "Errors: the invoice would be wrong"},
	{invoice.SeverityWarning, "Warnings: money left behind, or something to do in the portal"},
	{invoice.SeverityInfo, "Notes"},
}

// printFindings writes the findings grouped by severity, each with its next step.
func printFindings(w io.Writer, pro *invoice.Professional, m calendar.Month, fs []invoice.Finding) error {
	errs, warns, infos := invoice.Count(fs)
	summary := "nothing to fix"
	if errs+warns > 0 {
		var parts []string
		for _, c := range []struct {
			n    int
			what string
		}{{errs, "error"}, {warns, "warning"}, {infos, "note"}} {
			if c.n == 1 {
				parts = append(parts, "1 "+c.what)
			} else if c.n > 1 {
				parts = append(parts, fmt.Sprintf("%d %ss", c.n, c.what))
			}
		}
		summary = strings.Join(parts, ", ")
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s <%s>, %s: %s\n", pro.Name, pro.Email, m, summary)
	for _, h := range severityHeadings {
		group := invoice.Only(fs, h.severity)
		if len(group) == 0 {
			continue
		}
		fmt.Fprintf(&b, "\n%s\n", h.heading)
		for _, f := range group {
			fmt.Fprintf(&b, "  - %s [%s]\n", f.Message, f.Code)
			if f.Next != "" {
				fmt.Fprintf(&b, "    next: %s\n", f.Next)
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// findingWarnings returns what invoice prints as warnings: the checks' warnings and, when
// --force overrides them, their errors.
func findingWarnings(fs []invoice.Finding, force bool) []string {
	var out []string
	for _, f := range fs {
		switch {
		case f.Severity == invoice.SeverityWarning:
			out = append(out, f.Message)
		case f.Severity == invoice.SeverityError && force:
			out = append(out, f.Message+" (written anyway: --force)")
		}
	}
	return out
}

// refuseErrors stops an invoice that the checks found would be wrong.
func refuseErrors(file string, errs []invoice.Finding) error {
	lines := make([]string, len(errs))
	for i, f := range errs {
		lines[i] = fmt.Sprintf("%s: %s", file, f.Message)
	}
	return fmt.Errorf("%s; no file written\nhint: %s, or write the invoice anyway with --force ('hubinvoice check' lists every finding)",
		strings.Join(lines, "\n"), errs[0].Next)
}
