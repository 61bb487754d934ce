package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/hubinvoice/hubinvoice/calendar"
	"github.com/hubinvoice/hubinvoice/export"
	"github.com/hubinvoice/hubinvoice/invoice"
	"github.com/hubinvoice/hubinvoice/invoice/register"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"golang.org/x/term"
)

type invoiceOptions struct {
	exportFlags
	invoiceFlags
	registerFlag
	preview    bool // --draft: no number, nothing recorded
	supplement bool
	billTo     string
	output     string
	number     string
	json       bool
	force      bool
	draftEmail bool // --draft-email: the email beside the PDF
	draft      bool // the draft command: -o is the email, the PDF goes beside it
}

// invoiceFlags are the flags invoice and batch share besides the export's: which month, issued
// when, in which language, for which sponsors.
type invoiceFlags struct {
	monthFlags
	lang     string
	sponsors []string
	ubl      bool
}

func (o *invoiceFlags) register(f *pflag.FlagSet, langHelp string) {
	o.monthFlags.register(f, "the month to invoice, YYYY-MM (default: the month before the issue date)", issueHelp)
	f.StringArrayVar(&o.sponsors, "sponsor", nil, "only sessions of this sponsor (repeatable, any case)")
	f.StringVar(&o.lang, "lang", "", langHelp)
	f.BoolVar(&o.ubl, "ubl", false, "also write the e-invoice, Peppol BIS Billing 3.0 UBL XML, beside each PDF (default: the profile's [invoice] ubl)")
}

// request turns the flags into the invoice package's request: the one way --month and the
// others reach the invoices.
func (o *invoiceFlags) request(ex *exportFlags, e *env) (invoice.Request, error) {
	issued, month, err := o.resolve(e)
	if err != nil {
		return invoice.Request{}, err
	}
	order, err := ex.order()
	if err != nil {
		return invoice.Request{}, err
	}
	if o.lang != "" && !slices.Contains(invoice.Languages, o.lang) {
		return invoice.Request{}, usagef("--lang: %q is not a language hubinvoice writes: want %s", o.lang, strings.Join(invoice.Languages, " or "))
	}
	ro := ex.readOptions(export.Options{})
	return invoice.Request{Export: ex.file(), Sheet: ro.Sheet, Name: ro.Name, DateOrder: order, Month: month, Issued: issued, Sponsors: o.sponsors,
		Professional: ex.professional, Language: o.lang}, nil
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
	opts.registerFlags(c.Flags(), "the PDF to write (default: invoice-YYYY-MM-<professional>.pdf; - for standard output)")
	c.Flags().BoolVar(&opts.draftEmail, "draft-email", false, "also write the email that sends it, beside the PDF (.eml, see 'hubinvoice draft')")
	c.Flags().BoolVar(&opts.preview, "draft", false, "a preview marked DRAFT, with no number: nothing is recorded in the register")
	return c
}

// registerFlags adds the flags invoice and draft share; outputHelp says what -o writes.
func (opts *invoiceOptions) registerFlags(f *pflag.FlagSet, outputHelp string) {
	opts.invoiceFlags.register(f, "the invoice language: en or is (default: the profile's)")
	opts.exportFlags.register(f, configRequired, "whose sessions, by email or name (default: the profile's when the export holds them, else the only professional)")
	f.StringVar(&opts.billTo, "bill-to", "", "the party to bill, by name or email, when the profile routes sponsors to several")
	f.StringVarP(&opts.output, "output", "o", "", outputHelp)
	f.StringVar(&opts.number, "number", "", "no longer taken: numbers come from the register")
	f.MarkHidden("number")
	opts.registerFlag.register(f)
	f.BoolVar(&opts.supplement, "supplement", false, "an invoice of only the sessions on no issued invoice yet, with the next number")
	f.BoolVar(&opts.json, "json", false, "print a JSON summary on stdout")
	f.BoolVar(&opts.force, "force", false, "replace existing files, and write the invoice despite errors in the export")
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
	// Register says what the register made of it: "new" (numbered now), "re-run" (issued before
	// with these sessions: the stored invoice) or "draft" (a preview, recorded nowhere).
	Register   string    `json:"register"`
	XML        *string   `json:"xml"`         // the e-invoice written beside the PDF; null when none
	DraftEmail *string   `json:"draft_email"` // the email written beside the PDF; null when none
	LeftOut    []leftOut `json:"left_out"`
	Warnings   []string  `json:"warnings"`
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
	toStdout := opts.output == "-" && !opts.draft
	switch {
	case opts.output == "-" && opts.draft:
		return usagef("-o -: draft writes the email and the PDF to files; give -o FILE.eml")
	case toStdout && opts.draftEmail:
		return usagef("--draft-email writes the email beside the PDF: give -o FILE.pdf, not -o -")
	case toStdout && opts.ubl:
		return usagef("--ubl writes the e-invoice beside the PDF: give -o FILE.pdf, not -o -")
	case toStdout && opts.json:
		return usagef("-o - and --json both write to standard output: use one")
	case toStdout && isTerminal(e.stdout):
		return usagef("-o -: standard output is a terminal, and a PDF is no text to show\nhint: pipe it (hubinvoice invoice EXPORT -o - | lpr) or redirect it to a file")
	}
	go invoice.PrepareFonts() // while the export is read
	done, err := opts.stdin(e)
	if err != nil {
		return err
	}
	defer done()
	req, err := opts.request(&opts.exportFlags, e)
	if err != nil {
		return err
	}
	if req.Profile, err = loadProfile(opts.config, e); err != nil {
		return err
	}
	if opts.number != "" {
		return usagef("--number: numbers come from the register now, in sequence\nhint: set format and first in the profile's [numbering] table to continue another tool's numbers")
	}
	if opts.preview && opts.supplement {
		return usagef("--draft and --supplement: a draft is recorded nowhere, so it supplements nothing; use one")
	}
	req.BillTo, req.Force = opts.billTo, opts.force
	withXML := wantsUBL(opts.ubl, req.Profile) && !toStdout // -o -: the PDF alone
	if withXML {
		if err := checkUBLProfiles([]*invoice.Profile{req.Profile}); err != nil {
			return err
		}
	}
	plan, err := invoice.MakePlan(ctx, req)
	var nothing *invoice.NothingError
	if errors.As(err, &nothing) {
		return nothingToInvoice(opts, e, req.Month, nothing)
	}
	if err != nil {
		return planError(err)
	}
	findings := plan.Checked[0].Findings
	if len(plan.Held) > 0 {
		return refuseErrors(opts.export, plan.Held[0].Errors)
	}
	warnings := append(append([]string(nil), plan.Info.Notes...), findingWarnings(findings, opts.force)...)
	planned := plan.Invoices[0]
	// The number and the invoice commit in the register first; what is written is what it
	// stored. A preview has no number and is recorded nowhere.
	// A file that cannot be written is refused before the invoice takes a number.
	if o := opts.output; o != "" && o != "-" {
		if dir := filepath.Dir(o); dir != "." {
			if st, err := os.Stat(dir); err != nil || !st.IsDir() {
				return fmt.Errorf("%s: its directory %s does not exist", o, dir)
			}
		}
	}
	if withXML { // an invoice that cannot be an e-invoice is refused before it takes a number
		if _, err := makeEInvoice(planned.File, planned.Invoice); err != nil {
			return err
		}
	}
	var iss *register.Issued
	var pdf []byte
	if opts.preview {
		planned.Invoice, planned.File = preview(planned.Invoice), draftFile(planned.File)
		if pdf, err = renderPDF(planned.Invoice); err != nil {
			return err
		}
	} else {
		reg, err := opts.registerFlag.open(ctx, e)
		if err != nil {
			return err
		}
		iss, err = issueInvoice(ctx, reg, planned.Invoice, req.Profile, opts.supplement)
		reg.Close()
		if err != nil {
			return err
		}
		if iss.Invoice.Sessions() < planned.Invoice.Sessions() { // a supplement: beside the first
			planned.File = supplementFile(planned.File, iss.Invoice.Number)
		}
		if !iss.New && opts.lang != "" && opts.lang != iss.Invoice.Language {
			fmt.Fprintf(e.stderr, "warning: invoice %s was issued in %s with these sessions: it is written as issued; 'hubinvoice credit %s' and invoice again to issue it in %s\n",
				iss.Invoice.Number, iss.Invoice.Language, iss.Invoice.Number, opts.lang)
		}
		if pdf, err = iss.PDF(); err != nil {
			return err
		}
		planned.Invoice = iss.Invoice
	}
	inv := planned.Invoice
	out, eml := opts.output, ""
	switch {
	case opts.draft:
		eml = opts.output
		if eml == "" {
			eml = draftPath(planned.File)
		}
		out = filepath.Join(filepath.Dir(eml), planned.File)
	case out == "":
		out = planned.File
	}
	if opts.draftEmail {
		eml = draftPath(out)
	}
	// A file that holds these very bytes is a re-run's, and is kept.
	keepSame := opts.draft || iss != nil
	var files []output
	if !toStdout {
		files = append(files, output{path: out, data: pdf})
	}
	var xml *eInvoice
	if withXML {
		if xml, err = makeEInvoice(out, inv); err != nil {
			return err
		}
		files = append(files, output{path: xml.path, data: xml.data})
	}
	if eml != "" {
		data, err := draftBytes(inv, pdf, filepath.Base(out), xml)
		if err != nil {
			return err
		}
		files = append(files, output{path: eml, data: data})
	}
	for _, f := range files {
		if err := f.refuse(opts.force, keepSame); err != nil {
			return recordedError(err, iss)
		}
	}
	if toStdout {
		if _, err := e.stdout.Write(pdf); err != nil {
			return fmt.Errorf("standard output: %v", err)
		}
	}
	var wrote []string
	for i := range files {
		if err := files[i].write(opts.force, keepSame); err != nil {
			return recordedError(err, iss)
		}
		wrote = append(wrote, fileStatus(files[i].path, files[i].status))
	}

	for _, w := range warnings {
		fmt.Fprintln(e.stderr, "warning: "+w)
	}
	if opts.json {
		s := summarize(inv, out, plan.Professional, warnings)
		s.Register = registerStatus(iss)
		if xml != nil {
			s.XML = &xml.path
		}
		if eml != "" {
			s.DraftEmail = &eml
		}
		return printJSON(e.stdout, s)
	}
	summary := e.stdout
	if toStdout {
		summary, wrote = e.stderr, []string{"standard output"}
	}
	printInvoice(summary, inv, wrote[0], req.Issued, wrote[1:]...)
	switch registerStatus(iss) {
	case registerRerun:
		fmt.Fprintf(summary, "  issued before on %s with these sessions: the same invoice, nothing new recorded\n", day(inv.Issued))
	case registerDraft:
		fmt.Fprintf(summary, "  a DRAFT: no number, nothing recorded; run without --draft to issue it\n")
	}
	return nil
}

// recordedError adds to a file's error that the invoice is recorded all the same, and how to
// get its PDF.
func recordedError(err error, iss *register.Issued) error {
	if iss == nil || !iss.New {
		return err
	}
	n := iss.Invoice.Number
	return fmt.Errorf("%w\nhint: invoice %s is recorded in the register; --force replaces the file, or 'hubinvoice register pdf %s -o FILE' writes it elsewhere", err, n, n)
}

// fileStatus names a file, and says so when it was kept rather than written.
func fileStatus(path, status string) string {
	if !strings.HasPrefix(status, "kept") {
		return path
	}
	return path + " (" + status + ")"
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// writeError is a file that could not be written, said of the file the user named.
func writeError(path string, err error) error {
	var ex errExists
	var fe fileError
	if errors.As(err, &ex) || errors.As(err, &fe) {
		return err
	}
	return fmt.Errorf("%s: %v", path, err)
}

// planError maps the invoice package's request errors to usage errors (exit 2).
func planError(err error) error {
	var re *invoice.RequestError
	if errors.As(err, &re) {
		return usageError{err}
	}
	return err
}

// nothingToInvoice says why no invoice was written, and exits with its own status.
func nothingToInvoice(opts *invoiceOptions, e *env, m calendar.Month, nothing *invoice.NothingError) error {
	warnings := append(append([]string(nil), nothing.Notes...), findingWarnings(nothing.Findings, opts.force)...)
	for _, w := range warnings {
		fmt.Fprintln(e.stderr, "warning: "+w)
	}
	if opts.json {
		s := invoiceSummary{Month: m.String(), Totals: []amount{}, Sponsors: []sponsorAmount{}, LeftOut: []leftOut{}, Warnings: append(warnings, nothing.Why)}
		if err := printJSON(e.stdout, s); err != nil {
			return err
		}
	}
	return exitError{code: exitNothing, err: fmt.Errorf("%v; no file written", nothing)}
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

func printInvoice(w io.Writer, inv *invoice.Invoice, out string, issued time.Time, also ...string) {
	fmt.Fprintf(w, "Invoice %s: %s, %s\n", inv.Number, inv.From.Name, inv.Period)
	fmt.Fprintf(w, "  bill to   %s <%s>\n", inv.BillTo.Name, inv.BillTo.Email)
	totals := make([]string, len(inv.Totals))
	for i, t := range inv.Totals {
		totals[i] = invoice.FormatAmount(t.Amount, t.Currency, "en")
	}
	fmt.Fprintf(w, "  sessions  %d, total %s\n", inv.Sessions(), strings.Join(totals, " + "))
	fmt.Fprintf(w, "  wrote     %s\n", out)
	for _, a := range also {
		fmt.Fprintf(w, "  wrote     %s\n", a)
	}
	if !inv.SubmissionDeadline.IsZero() {
		if issued.After(inv.SubmissionDeadline) {
			fmt.Fprintf(w, "  send it today: the deadline was %s; expect payment by %s\n", day(inv.SubmissionDeadline), day(inv.PaymentDate))
		} else {
			fmt.Fprintf(w, "  send it by %s (3rd working day) to be paid by %s\n", day(inv.SubmissionDeadline), day(inv.PaymentDate))
		}
	}
}
