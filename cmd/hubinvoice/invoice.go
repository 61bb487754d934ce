package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/hubinvoice/hubinvoice/calendar"
	"github.com/hubinvoice/hubinvoice/export"
	"github.com/hubinvoice/hubinvoice/invoice"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

type invoiceOptions struct {
	export string
	periodOptions
	professional string
	billTo       string
	config       string
	output       string
	number       string
	json         bool
	force        bool
}

func newInvoiceCmd(e *env) *cobra.Command {
	opts := &invoiceOptions{}
	c := &cobra.Command{
		Use:   "invoice EXPORT",
		Short: "Write the month's invoice for sessions paid by Credit, as a PDF",
		Long: `Write one month's invoice for the sessions paid with Wellbeing Hub credits, from the
Payments export (.xlsx or .csv) of the platform's portal.

The invoice covers the month's sessions of Type Credit that are Paid, charged cancellations
included and marked; Unpaid and Void rows are left out and reported. It carries the session
dates and times, services, sponsors, totals per currency and your bank details, and never a
client's name or email.

It runs the checks of 'hubinvoice check' on the month: their warnings are printed and the
invoice is written; an error (the invoice would be wrong) stops it unless --force.

Exit status: 0 written; 1 bad data or failure; 2 usage error; 3 nothing to invoice (no file
written; the reasons are printed).`,
		Example: `  hubinvoice invoice payments.xlsx --month 2024-03
  hubinvoice invoice payments.csv --config clinic.toml --professional thordis@example.is --json`,
		Args: args(cobra.ExactArgs(1)),
		RunE: func(c *cobra.Command, a []string) error {
			opts.export = a[0]
			return runInvoice(c.Context(), opts, e)
		},
	}
	f := c.Flags()
	opts.register(f, "the invoice language: en or is (default: the profile's)")
	f.StringVar(&opts.professional, "professional", "", "whose sessions, by email or name, when the export holds several professionals")
	f.StringVar(&opts.billTo, "bill-to", "", "the party to bill, by name or email, when the profile routes sponsors to several")
	f.StringVar(&opts.config, "config", "", "the profile (default: $XDG_CONFIG_HOME/hubinvoice/profile.toml)")
	f.StringVarP(&opts.output, "output", "o", "", "the PDF to write (default: invoice-YYYY-MM-<professional>.pdf)")
	f.StringVar(&opts.number, "number", "", "the invoice number (default: stable for the professional, month and party)")
	f.BoolVar(&opts.json, "json", false, "print a JSON summary on stdout")
	f.BoolVar(&opts.force, "force", false, "replace an existing invoice file, and write the invoice despite errors in the export")
	return c
}

// invoiceColumns are the export columns an invoice cannot do without.
var invoiceColumns = []export.Column{
	export.SessionDate, export.ServiceName, export.ServicePrice,
	export.ProfessionalName, export.ProfessionalEmail, export.Type, export.Sponsor,
}

// invoiceSummary is what --json prints: one object, amounts as decimal strings.
type invoiceSummary struct {
	InvoiceNumber      string          `json:"invoice_number"`
	Month              string          `json:"month"`
	IssueDate          string          `json:"issue_date"`
	Professional       person          `json:"professional"`
	BillTo             *person         `json:"bill_to"`
	Sessions           int             `json:"sessions"`
	Totals             []amount        `json:"totals"`
	Sponsors           []sponsorAmount `json:"sponsors"`
	PaymentDate        *string         `json:"payment_date"`
	SubmissionDeadline *string         `json:"submission_deadline"`
	Output             *string         `json:"output"`
	LeftOut            []leftOut       `json:"left_out"`
	Warnings           []string        `json:"warnings"`
}

type person struct {
	Name  string `json:"name"`
	Email string `json:"email"`
}

type amount struct {
	Currency string `json:"currency"`
	Amount   string `json:"amount"`
}

type sponsorAmount struct {
	Sponsor  string `json:"sponsor"`
	Currency string `json:"currency"`
	Sessions int    `json:"sessions"`
	Amount   string `json:"amount"`
}

type leftOut struct {
	Reason string `json:"reason"`
	Count  int    `json:"count"`
	Rows   []int  `json:"rows"`
}

func runInvoice(ctx context.Context, opts *invoiceOptions, e *env) error {
	issued, month, order, err := opts.resolve(e)
	if err != nil {
		return err
	}
	prof, cal, err := loadProfile(opts.config, e)
	if err != nil {
		return err
	}

	led := invoice.NewLedger(invoice.LedgerOptions{Month: month, Sponsors: opts.sponsors}) // the deadline is printed below
	info, err := export.ReadFile(opts.export, export.Options{
		DateOrder: order,
		Currency:  prof.Invoice.Currency,
		Require:   invoiceColumns,
	}, func(r *export.Record) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		led.Add(r)
		return nil
	})
	if err != nil {
		return err
	}
	if err := checkNames(opts.export, led, opts.professional); err != nil {
		return err
	}
	profs := led.Professionals()
	if len(profs) == 0 {
		return nothingToInvoice(opts, e, month, fmt.Sprintf("the export has no rows dated in %s (%d rows outside it)", month, led.Outside))
	}
	who := opts.professional
	pro, err := invoice.Pick(profs, who, month)
	if err != nil {
		if who == "" {
			return usageError{fmt.Errorf("%s: %w", opts.export, err)}
		}
		return nothingToInvoice(opts, e, month, err.Error())
	}
	if pro.Email != strings.ToLower(prof.Professional.Email) {
		return fmt.Errorf("%s: the sessions are %s's <%s>, but the profile %s is %s's <%s>: refusing to invoice someone else's sessions\nhint: use their profile with --config, or pick yours with --professional",
			opts.export, pro.Name, pro.Email, prof.Name(), prof.Professional.Name, prof.Professional.Email)
	}
	findings := led.Findings(pro)
	warnings := append(append([]string(nil), info.Notes...), findingWarnings(findings, opts.force)...)
	if len(pro.Lines) == 0 {
		return nothingToInvoice(opts, e, month, fmt.Sprintf("%s has no Credit session paid in %s; the month holds %s", pro.Name, month, describeLeft(pro.Left)), warnings...)
	}
	if err := refuseErrors(opts.export, findings, opts.force); err != nil {
		return err
	}
	if err := checkCurrencies(opts.export, pro.Lines, prof.Name()); err != nil {
		return err
	}

	parts := prof.Split(pro.Lines)
	part := parts[0]
	if len(parts) > 1 || opts.billTo != "" {
		if part, err = pickParty(parts, opts.billTo, month); err != nil {
			return err
		}
	}
	inv := invoice.Build(part.Lines, part.Party, invoice.BuildOptions{
		Profile: prof, Period: month, Issued: issued, Number: opts.number, Language: opts.lang, Calendar: cal,
	})
	out := opts.output
	if out == "" {
		out = invoice.FileName(month, pro.Name, part.Party, len(parts) > 1)
	}
	if err := writeNewFile(out, 0o644, opts.force, func(w io.Writer) error { return invoice.WritePDF(w, inv) }); err != nil {
		var ex errExists
		var fe fileError
		if errors.As(err, &ex) || errors.As(err, &fe) {
			return err
		}
		return fmt.Errorf("%s: %v", out, err)
	}

	for _, w := range warnings {
		fmt.Fprintln(e.stderr, "warning: "+w)
	}
	if opts.json {
		return printJSON(e.stdout, summarize(inv, out, pro, warnings))
	}
	printInvoice(e.stdout, inv, out, issued)
	return nil
}

// checkNames refuses a --professional or --sponsor that the export never names, in any month:
// a typo is a usage error, not a month with nothing to invoice.
func checkNames(file string, led *invoice.Ledger, professional string) error {
	if professional != "" && !led.Knows(professional) {
		return usagef("--professional: %s names no professional %q; it holds %s", file, professional, listSome(led.Everyone()))
	}
	if unknown := led.UnknownSponsors(); len(unknown) > 0 {
		return usagef("--sponsor: %s names no sponsor %q; it has %s", file, unknown[0], listSome(led.Sponsors()))
	}
	return nil
}

// listSome joins a list for a message, naming at most ten.
func listSome(names []string) string {
	switch {
	case len(names) == 0:
		return "none"
	case len(names) > 10:
		return fmt.Sprintf("%s and %d more", strings.Join(names[:10], ", "), len(names)-10)
	}
	return strings.Join(names, ", ")
}

// periodOptions are the flags invoice and batch share: which month, issued when, read how,
// written in which language, for which sponsors.
type periodOptions struct {
	month, issueDate, lang, dateOrder string
	sponsors                          []string
}

func (o *periodOptions) register(f *pflag.FlagSet, langHelp string) {
	f.StringVar(&o.month, "month", "", "the month to invoice, YYYY-MM (default: the month before the issue date)")
	f.StringArrayVar(&o.sponsors, "sponsor", nil, "only sessions of this sponsor (repeatable, any case)")
	f.StringVar(&o.issueDate, "issue-date", "", "the issue date, YYYY-MM-DD (default: today, or SOURCE_DATE_EPOCH)")
	f.StringVar(&o.lang, "lang", "", langHelp)
	f.StringVar(&o.dateOrder, "date-order", "dmy", "how to read text dates like 05/03/2024: dmy or mdy")
}

// resolve reads the flags: the issue date (default today), the month (default the one before
// the issue date), the date order; it checks the language.
func (o *periodOptions) resolve(e *env) (time.Time, calendar.Month, export.DateOrder, error) {
	issued := e.today()
	if o.issueDate != "" {
		var err error
		if issued, err = dateFlag("issue-date", o.issueDate); err != nil {
			return time.Time{}, calendar.Month{}, 0, err
		}
	}
	m := calendar.MonthOf(issued).Prev()
	if o.month != "" {
		var err error
		if m, err = monthFlag(o.month, e); err != nil {
			return time.Time{}, calendar.Month{}, 0, err
		}
	}
	order, err := export.ParseDateOrder(o.dateOrder)
	if err != nil {
		return time.Time{}, calendar.Month{}, 0, usagef("--date-order: %v", err)
	}
	if o.lang != "" && !contains(invoice.Languages, o.lang) {
		return time.Time{}, calendar.Month{}, 0, usagef("--lang: %q is not a language hubinvoice writes: want %s", o.lang, strings.Join(invoice.Languages, " or "))
	}
	return issued, m, order, nil
}

// checkCurrencies refuses lines whose currency nobody named: neither the export nor the profile.
func checkCurrencies(file string, lines []invoice.Line, profile string) error {
	for _, l := range lines {
		if l.Currency == "" {
			return fmt.Errorf("%s: row %d: no currency: the export has no Service Currency column and the price names none\nhint: set currency in the [invoice] table of %s", file, l.Row, profile)
		}
	}
	return nil
}

// loadProfile reads the profile at path (or the default one) and its working-day calendar.
func loadProfile(path string, e *env) (*invoice.Profile, *calendar.Calendar, error) {
	if path == "" {
		var err error
		if path, err = defaultConfigPath(e); err != nil {
			return nil, nil, err
		}
		if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
			return nil, nil, fmt.Errorf("no profile at %s\nhint: run 'hubinvoice init' and fill it in, or pass --config FILE", path)
		}
	}
	prof, err := invoice.LoadProfile(path)
	if err != nil {
		return nil, nil, err
	}
	cal, err := prof.Calendar()
	if err != nil {
		return nil, nil, err
	}
	return prof, cal, nil
}

func pickParty(parts []invoice.PartyLines, who string, m calendar.Month) (invoice.PartyLines, error) {
	names := make([]string, len(parts))
	for i, p := range parts {
		names[i] = fmt.Sprintf("%s <%s> (%d sessions)", p.Party.Name, p.Party.Email, len(p.Lines))
		if who != "" && (strings.EqualFold(p.Party.Name, who) || strings.EqualFold(p.Party.Email, who)) {
			return p, nil
		}
	}
	if who == "" {
		return invoice.PartyLines{}, usagef("the profile bills %s's sessions to %d parties: %s\nhint: write one invoice each with --bill-to NAME, or use 'hubinvoice batch'", m, len(parts), strings.Join(names, ", "))
	}
	return invoice.PartyLines{}, usagef("--bill-to: no party %q is billed for %s; the month's parties are %s", who, m, strings.Join(names, ", "))
}

// nothingToInvoice says why no invoice was written, and exits with its own status.
func nothingToInvoice(opts *invoiceOptions, e *env, m calendar.Month, why string, warnings ...string) error {
	for _, w := range warnings {
		fmt.Fprintln(e.stderr, "warning: "+w)
	}
	if opts.json {
		s := invoiceSummary{Month: m.String(), Totals: []amount{}, Sponsors: []sponsorAmount{}, LeftOut: []leftOut{}, Warnings: append(warnings, why)}
		if err := printJSON(e.stdout, s); err != nil {
			return err
		}
	}
	return exitError{code: exitNothing, err: fmt.Errorf("nothing to invoice: %s; no file written", why)}
}

func describeLeft(left []invoice.Left) string {
	if len(left) == 0 {
		return "nothing else"
	}
	parts := make([]string, len(left))
	for i, l := range left {
		parts[i] = fmt.Sprintf("%d %s", l.Count, l.Reason)
	}
	return strings.Join(parts, ", ")
}

func summarize(inv *invoice.Invoice, out string, pro *invoice.Professional, warnings []string) invoiceSummary {
	s := invoiceSummary{
		InvoiceNumber: inv.Number,
		Month:         inv.Period.String(),
		IssueDate:     inv.Issued.Format(time.DateOnly),
		Professional:  person{inv.From.Name, inv.From.Email},
		BillTo:        &person{inv.BillTo.Name, inv.BillTo.Email},
		Sessions:      inv.Sessions(),
		Totals:        amounts(inv.Totals),
		Sponsors:      []sponsorAmount{},
		Output:        &out,
		LeftOut:       []leftOut{},
		Warnings:      warnings,
	}
	for _, st := range invoice.SponsorTotals(inv.Lines) {
		s.Sponsors = append(s.Sponsors, sponsorAmount{st.Sponsor, st.Currency, st.Sessions, invoice.PlainAmount(st.Amount, st.Currency)})
	}
	for _, l := range pro.Left {
		s.LeftOut = append(s.LeftOut, leftOut{l.Reason, l.Count, l.Rows})
	}
	if s.Warnings == nil {
		s.Warnings = []string{}
	}
	s.PaymentDate = dateOrNull(inv.PaymentDate)
	s.SubmissionDeadline = dateOrNull(inv.SubmissionDeadline)
	return s
}

func amounts(ts []invoice.Total) []amount {
	out := make([]amount, len(ts))
	for i, t := range ts {
		out[i] = amount{t.Currency, invoice.PlainAmount(t.Amount, t.Currency)}
	}
	return out
}

func dateOrNull(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := t.Format(time.DateOnly)
	return &s
}

func printJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func printInvoice(w io.Writer, inv *invoice.Invoice, out string, issued time.Time) {
	fmt.Fprintf(w, "Invoice %s: %s, %s\n", inv.Number, inv.From.Name, inv.Period)
	fmt.Fprintf(w, "  bill to   %s <%s>\n", inv.BillTo.Name, inv.BillTo.Email)
	totals := make([]string, len(inv.Totals))
	for i, t := range inv.Totals {
		totals[i] = invoice.FormatAmount(t.Amount, t.Currency, "en")
	}
	fmt.Fprintf(w, "  sessions  %d, total %s\n", inv.Sessions(), strings.Join(totals, " + "))
	fmt.Fprintf(w, "  wrote     %s\n", out)
	if !inv.SubmissionDeadline.IsZero() {
		if issued.After(inv.SubmissionDeadline) {
			fmt.Fprintf(w, "  send it today: the deadline was %s; expect payment by %s\n", day(inv.SubmissionDeadline), day(inv.PaymentDate))
		} else {
			fmt.Fprintf(w, "  send it by %s (3rd working day) to be paid by %s\n", day(inv.SubmissionDeadline), day(inv.PaymentDate))
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
