package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/hubinvoice/hubinvoice/calendar"
	"github.com/hubinvoice/hubinvoice/export"
	"github.com/hubinvoice/hubinvoice/invoice"
	"github.com/spf13/cobra"
)

type checkOptions struct{ monthFlags }

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
           Transaction IDs, a missing Status, the deadline passed
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
	opts.register(c, "print the findings as a JSON list")
	return c
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
	m, err := opts.resolve(e)
	if err != nil {
		return err
	}
	led := invoice.NewLedger(invoice.LedgerOptions{Month: m.month, Calendar: m.cal, Today: e.today()})
	m.read.Require = invoiceColumns
	info, err := readExport(ctx, opts.export, m.read, led)
	if err != nil {
		return err
	}
	pro, err := pickProfessional(opts.export, led, m.month, m.who, opts.professional != "")
	if err != nil {
		return err
	}

	var findings []invoice.Finding
	for _, n := range info.Notes {
		findings = append(findings, invoice.Finding{Code: "export-note", Severity: invoice.SeverityInfo, Message: n})
	}
	findings = append(led.Findings(pro), findings...)
	if opts.json {
		err = printJSON(e.stdout, findingsJSON(findings))
	} else {
		err = printFindings(e.stdout, pro, m.month, findings)
	}
	if err != nil {
		return err
	}
	if errs, warns, _ := invoice.Count(findings); errs+warns > 0 {
		return exitError{code: exitFailure} // the findings say it all
	}
	return nil
}

// monthFlags are the flags of the commands that report on one professional's month of an
// export (check, collect).
type monthFlags struct {
	export       string
	month        string
	professional string
	config       string
	country      string
	dateOrder    string
	json         bool
}

func (o *monthFlags) register(c *cobra.Command, jsonUsage string) {
	f := c.Flags()
	f.StringVar(&o.month, "month", "", "the month, YYYY-MM (default: last month)")
	f.StringVar(&o.professional, "professional", "", "whose month, by email or name, when the export holds several professionals")
	f.StringVar(&o.config, "config", "", "the profile (default: $XDG_CONFIG_HOME/hubinvoice/profile.toml, when it exists)")
	f.StringVar(&o.country, "country", "", "working-day calendar: ISO country `CODE` (default: the profile's, else IS)")
	f.StringVar(&o.dateOrder, "date-order", "dmy", "how to read text dates like 05/03/2024: dmy or mdy")
	f.BoolVar(&o.json, "json", false, jsonUsage)
}

// aMonth is what the month flags resolve to.
type aMonth struct {
	month calendar.Month
	read  export.Options // date order, and the profile's currency for rows without one
	cal   *calendar.Calendar
	who   string // --professional, else the profile's email
}

// resolve reads the flags and the optional profile: the profile gives the currency of rows
// without one, the calendar unless --country names one, and whose month.
func (o *monthFlags) resolve(e *env) (aMonth, error) {
	var m aMonth
	var err error
	if m.month, err = monthFlag(o.month, e); err != nil {
		return m, err
	}
	if m.read.DateOrder, err = export.ParseDateOrder(o.dateOrder); err != nil {
		return m, usagef("--date-order: %v", err)
	}
	prof, cal, err := optionalProfile(o.config, e)
	if err != nil {
		return m, err
	}
	m.cal, m.who = cal, o.professional
	if prof != nil {
		m.read.Currency = prof.Invoice.Currency
		if m.who == "" {
			m.who = prof.Professional.Email
		}
	}
	if o.country != "" || cal == nil {
		country := o.country
		if country == "" {
			country = defaultCountry
		}
		if m.cal, err = countryFlag(country); err != nil {
			return m, err
		}
	}
	return m, nil
}

// readExport reads the export once into the ledger, which classifies every row.
func readExport(ctx context.Context, path string, o export.Options, led *invoice.Ledger) (*export.Info, error) {
	return export.ReadFile(path, o, func(r *export.Record) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		led.Add(r)
		return nil
	})
}

// pickProfessional returns whose month to report: the one professional with rows in the
// month, or the one who names. Without a name the user gave (asked), several professionals
// are a usage error; a profile's email that the export lacks gives way to the only one.
func pickProfessional(file string, led *invoice.Ledger, m calendar.Month, who string, asked bool) (*invoice.Professional, error) {
	profs := led.Professionals()
	if len(profs) == 0 {
		return nil, fmt.Errorf("%s: no rows dated in %s (%d rows outside it)\nhint: pick the month with --month YYYY-MM", file, m, led.Outside)
	}
	if !asked && len(profs) == 1 {
		who = ""
	}
	pro, err := invoice.Pick(profs, who, m)
	switch {
	case err == nil:
		return pro, nil
	case asked:
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	pro, err = invoice.Pick(profs, "", m)
	if err != nil {
		return nil, usageError{fmt.Errorf("%s: %w", file, err)}
	}
	return pro, nil
}

// optionalProfile reads the profile at path, or the default one when it exists: check and
// collect work without one.
func optionalProfile(path string, e *env) (*invoice.Profile, *calendar.Calendar, error) {
	if path == "" {
		def, err := defaultConfigPath(e)
		if err != nil {
			return nil, nil, nil
		}
		if _, err := os.Stat(def); errors.Is(err, os.ErrNotExist) {
			return nil, nil, nil
		}
		path = def
	}
	return loadProfile(path, e)
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

// refuseErrors stops an invoice that the checks found would be wrong, unless forced.
func refuseErrors(file string, fs []invoice.Finding, force bool) error {
	errs := invoice.Only(fs, invoice.SeverityError)
	if len(errs) == 0 || force {
		return nil
	}
	lines := make([]string, len(errs))
	for i, f := range errs {
		lines[i] = fmt.Sprintf("%s: %s", file, f.Message)
	}
	return fmt.Errorf("%s; no file written\nhint: %s, or write the invoice anyway with --force ('hubinvoice check' lists every finding)",
		strings.Join(lines, "\n"), errs[0].Next)
}
