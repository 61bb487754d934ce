package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/hubinvoice/hubinvoice/invoice"
	"github.com/hubinvoice/hubinvoice/invoice/register"
	"github.com/hubinvoice/hubinvoice/invoice/ubl"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// registerFlag is --register FILE: the register of issued documents a command records in or
// reads.
type registerFlag struct{ path string }

func (o *registerFlag) register(f *pflag.FlagSet) {
	f.StringVar(&o.path, "register", "", "the register of issued invoices (default: $XDG_DATA_HOME/hubinvoice/register.db)")
}

func (o *registerFlag) file(e *env) (string, error) {
	if o.path != "" {
		return o.path, nil
	}
	return register.DefaultPath(e.getenv)
}

// open opens the register, creating it on first use.
func (o *registerFlag) open(ctx context.Context, e *env) (*register.Register, error) {
	path, err := o.file(e)
	if err != nil {
		return nil, err
	}
	return register.Open(ctx, path)
}

// openExisting opens a register that must be there already: reading one never makes one.
func (o *registerFlag) openExisting(ctx context.Context, e *env) (*register.Register, error) {
	path, err := o.file(e)
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("no register at %s: nothing has been issued with it\nhint: name another with --register FILE", path)
	}
	return register.Open(ctx, path)
}

// Register statuses of an invoice command's result, as --json reports them.
const (
	registerNew   = "new"    // numbered and recorded now
	registerRerun = "re-run" // issued before with these rows: the stored invoice, nothing recorded
	registerDraft = "draft"  // a preview: no number, nothing recorded
)

func registerStatus(iss *register.Issued) string {
	switch {
	case iss == nil:
		return registerDraft
	case iss.New:
		return registerNew
	}
	return registerRerun
}

// issueInvoice gives a planned invoice its number from the register, or gives back the invoice
// issued before for the same rows. The PDF to write is the stored one.
func issueInvoice(ctx context.Context, reg *register.Register, inv *invoice.Invoice, prof *invoice.Profile, supplement bool) (*register.Issued, error) {
	n, err := prof.NumberFormats()
	if err != nil {
		return nil, err
	}
	iss, err := reg.Issue(ctx, register.Request{Invoice: inv, Numbering: n, Supplement: supplement})
	return iss, issueError(err)
}

// issueError is the register's refusal as the commands say it: nothing new to invoice is an
// exit of its own.
func issueError(err error) error {
	var nothing *register.NothingNewError
	if errors.As(err, &nothing) {
		return exitError{code: exitNothing, err: fmt.Errorf("%v\nno file written", err)}
	}
	return err
}

// preview makes a planned invoice a draft: marked DRAFT, with no number, recorded nowhere.
func preview(inv *invoice.Invoice) *invoice.Invoice {
	d := *inv
	d.Number, d.Draft = "", true
	return &d
}

// draftFile is where a preview goes by default: beside the invoice, never in its place.
func draftFile(file string) string {
	return strings.TrimSuffix(file, ".pdf") + "-DRAFT.pdf"
}

// supplementFile is where a supplement goes by default: the month's file name and its number,
// beside the month's first invoice.
func supplementFile(file, number string) string {
	return strings.TrimSuffix(file, ".pdf") + "-" + safeNumber(number) + ".pdf"
}

// safeNumber is a number as a file name part: a '/' of a format like INV/{yyyy}/{seq} is '-'.
func safeNumber(n string) string { return strings.ReplaceAll(n, "/", "-") }

// documentFile is the default file of a document the register writes again.
func documentFile(inv *invoice.Invoice) string {
	if inv.IsCredit() {
		return "credit-note-" + safeNumber(inv.Number) + ".pdf"
	}
	return "invoice-" + safeNumber(inv.Number) + ".pdf"
}

// ---- hubinvoice credit ----

type creditOptions struct {
	registerFlag
	number, reason, issueDate, config, output string
	json, force, ubl                          bool
}

func newCreditCmd(e *env) *cobra.Command {
	opts := &creditOptions{}
	c := &cobra.Command{
		Use:   "credit NUMBER",
		Short: "Cancel an issued invoice with a credit note, so that its month can be invoiced again",
		Long: `Issue a credit note for the whole invoice NUMBER from the register: the same parties,
period and sessions, every amount negated, numbered in the credit note series (credit_format
in the profile's [numbering] table, default CN-{yyyy}-{seq:4}), referencing the invoice's
number and issue date, with --reason printed on it. The invoice's sessions are freed: invoicing the month
again gives it the next invoice number. 'register list' shows the invoice as credited.

Crediting an invoice that has a credit note already writes that credit note again and
records nothing.

Exit status: 0 written; 1 failure (an unknown number, a credit note, a file there); 2 usage
error.`,
		Example: `  hubinvoice credit 2024-0003 --reason "billed to the wrong sponsor"
  hubinvoice credit 2024-0003 --register clinic.db -o credit.pdf --json`,
		Args: args(cobra.ExactArgs(1)),
		RunE: func(c *cobra.Command, a []string) error {
			opts.number = a[0]
			return runCredit(c.Context(), opts, e)
		},
	}
	f := c.Flags()
	opts.registerFlag.register(f)
	f.StringVar(&opts.reason, "reason", "", "why, printed on the credit note (never a client's name)")
	f.StringVar(&opts.issueDate, "issue-date", "", issueHelp)
	f.StringVar(&opts.config, "config", "", "the profile whose [numbering] numbers the credit note (default: $XDG_CONFIG_HOME/hubinvoice/profile.toml, else the default numbering)")
	f.StringVarP(&opts.output, "output", "o", "", "the PDF to write (default: credit-note-NUMBER.pdf)")
	f.BoolVar(&opts.json, "json", false, "print the credit note as JSON, as 'register list --json' does, with the file written")
	f.BoolVar(&opts.force, "force", false, "replace an existing file")
	f.BoolVar(&opts.ubl, "ubl", false, "also write the e-invoice, a UBL CreditNote, beside the PDF (default: the profile's [invoice] ubl)")
	return c
}

// documentJSON is a document written by a command: its listing, the file and whether it is
// new.
type documentJSON struct {
	register.Entry
	Output   string  `json:"output"`
	Register string  `json:"register"`
	XML      *string `json:"xml,omitempty"` // the e-invoice written beside the PDF
}

func runCredit(ctx context.Context, opts *creditOptions, e *env) error {
	issued := e.today()
	if opts.issueDate != "" {
		var err error
		if issued, err = dateFlag("issue-date", opts.issueDate); err != nil {
			return err
		}
	}
	n := invoice.DefaultNumbering()
	prof, err := optionalProfile(opts.config, e)
	if err != nil {
		return err
	}
	if prof != nil {
		if n, err = prof.NumberFormats(); err != nil {
			return err
		}
	}
	reg, err := opts.openExisting(ctx, e)
	if err != nil {
		return err
	}
	defer reg.Close()
	withXML := wantsUBL(opts.ubl, prof)
	if withXML { // an invoice whose credit note cannot be an e-invoice is refused before it is credited
		if d, err := reg.Show(ctx, opts.number); err == nil {
			if _, err := ubl.Marshal(d.Invoice); err != nil {
				return fmt.Errorf("%w\nnothing recorded", err)
			}
		}
	}
	iss, err := reg.Credit(ctx, register.CreditRequest{Number: opts.number, Reason: opts.reason, Issued: issued, Numbering: n})
	if err != nil {
		return err
	}
	out := opts.output
	if out == "" {
		out = documentFile(iss.Invoice)
	}
	pdf, err := iss.PDF()
	if err != nil {
		return err
	}
	files := []output{{path: out, data: pdf}}
	var xml *eInvoice
	if withXML {
		if xml, err = makeEInvoice(out, iss.Invoice); err != nil {
			return err
		}
		files = append(files, output{path: xml.path, data: xml.data})
	}
	for _, f := range files { // every file there already found before anything is written
		if err := f.refuse(opts.force, true); err != nil {
			return creditRecorded(err, iss)
		}
	}
	for i := range files {
		if err := files[i].write(opts.force, true); err != nil {
			return creditRecorded(err, iss)
		}
	}
	o := files[0]
	if opts.json {
		return printJSON(e.stdout, documentJSON{Entry: iss.Entry(e.today()), Output: out, XML: xmlPath(xml), Register: registerStatus(iss)})
	}
	cn := iss.Invoice
	fmt.Fprintf(e.stdout, "Credit note %s: credits invoice %s of %s, %s\n", cn.Number, cn.Credits.Number, cn.Credits.Issued.Format(time.DateOnly), cn.Period)
	fmt.Fprintf(e.stdout, "  bill to   %s <%s>\n", cn.BillTo.Name, cn.BillTo.Email)
	fmt.Fprintf(e.stdout, "  sessions  %d, total %s\n", cn.Sessions(), totalsText(cn.Totals))
	fmt.Fprintf(e.stdout, "  wrote     %s\n", fileStatus(out, o.status))
	for _, f := range files[1:] {
		fmt.Fprintf(e.stdout, "  wrote     %s\n", fileStatus(f.path, f.status))
	}
	if !iss.New {
		fmt.Fprintf(e.stdout, "  the invoice was credited before: nothing new recorded\n")
	}
	return nil
}

// ---- hubinvoice register ----

func newRegisterCmd(e *env) *cobra.Command {
	opts := &registerOptions{}
	c := &cobra.Command{
		Use:   "register",
		Short: "List, show, mark paid, write again, export and sum up the invoices issued",
		Long: `The register records every invoice and credit note hubinvoice issues, with its number and
everything its PDF holds (no client's name or email), in an SQLite file:
$XDG_DATA_HOME/hubinvoice/register.db (else ~/.local/share/hubinvoice/register.db), or the file
--register names. Its subcommands read it; 'paid' marks an invoice paid. --json on each prints
its result as JSON.

Status: issued; paid (marked with 'paid'); credited (a credit note cancels it); overdue (billed
to the platform, not marked paid by its expected payment date: the 7th working day of the
next month, or 7 working days after a late issue).`,
		Args: args(cobra.NoArgs),
	}
	opts.registerFlag.register(c.PersistentFlags())
	c.PersistentFlags().BoolVar(&opts.json, "json", false, "print JSON on stdout")
	for _, sub := range []func(*env, *registerOptions) *cobra.Command{newRegisterList, newRegisterShow, newRegisterPaid, newRegisterPDF, newRegisterXML, newRegisterExport, newRegisterSummary} {
		c.AddCommand(sub(e, opts))
	}
	return c
}

type registerOptions struct {
	registerFlag
	json, force bool
	output      string
	date        string
	year        int
}

// registerSub makes a subcommand of register that opens the register and runs; see
// withRegister.
func registerSub(e *env, opts *registerOptions, use, short, long string, nargs cobra.PositionalArgs, run func(ctx context.Context, reg *register.Register, args []string) error) *cobra.Command {
	c := &cobra.Command{Use: use, Short: short, Long: long, Args: args(nargs)}
	if run != nil {
		c.RunE = func(c *cobra.Command, a []string) error { return opts.withRegister(c.Context(), e, a, run) }
	}
	return c
}

// withRegister runs fn on the register, which must exist, and closes it.
func (opts *registerOptions) withRegister(ctx context.Context, e *env, a []string, fn func(ctx context.Context, reg *register.Register, args []string) error) error {
	reg, err := opts.openExisting(ctx, e)
	if err != nil {
		return err
	}
	defer reg.Close()
	return fn(ctx, reg, a)
}

func newRegisterList(e *env, opts *registerOptions) *cobra.Command {
	return registerSub(e, opts, "list", "List the invoices and credit notes issued, with their status",
		`List every document of the register in the order issued: number, kind, month, professional,
bill-to party, sessions, totals, issue date and status (issued, paid, credited, overdue).

--json prints a list of objects: number, kind (invoice or credit), credits (the invoice a
credit note cancels), month, professional {name, email}, bill_to {name, email}, sessions,
totals [{currency, amount}], issue_date, status, paid_date, expected_payment, credited_by.`,
		cobra.NoArgs, func(ctx context.Context, reg *register.Register, _ []string) error {
			docs, err := reg.List(ctx)
			if err != nil {
				return err
			}
			today := e.today()
			entries := make([]register.Entry, len(docs))
			for i, d := range docs {
				entries[i] = d.Entry(today)
			}
			if opts.json {
				return printJSON(e.stdout, entries)
			}
			tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "NUMBER\tKIND\tMONTH\tPROFESSIONAL\tBILL TO\tSESSIONS\tTOTAL\tISSUED\tSTATUS")
			for i, en := range entries {
				status := en.Status
				switch {
				case en.Credits != nil:
					status += ", credits " + *en.Credits
				case en.CreditedBy != nil:
					status += " by " + *en.CreditedBy
				case en.PaidDate != nil:
					status += " " + *en.PaidDate
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d\t%s\t%s\t%s\n", en.Number, en.Kind, en.Month, en.Professional.Name,
					en.BillTo.Name, en.Sessions, totalsText(docs[i].Invoice.Totals), en.IssueDate, status)
			}
			return tw.Flush()
		})
}

// lineJSON is one session of a document, as 'register show --json' prints it.
type lineJSON struct {
	Session       string `json:"session"`
	Service       string `json:"service"`
	Sponsor       string `json:"sponsor"`
	Amount        string `json:"amount"`
	Currency      string `json:"currency"`
	TransactionID string `json:"transaction_id"`
	Cancelled     bool   `json:"cancelled"`
}

type showJSON struct {
	register.Entry
	Reason string     `json:"reason"`
	Lines  []lineJSON `json:"lines"`
}

func newRegisterShow(e *env, opts *registerOptions) *cobra.Command {
	return registerSub(e, opts, "show NUMBER", "Show one issued invoice or credit note, session by session",
		`Show the document NUMBER: its listing as 'register list' gives it, and its sessions (date and
time, service, sponsor, amount, Transaction ID).`,
		cobra.ExactArgs(1), func(ctx context.Context, reg *register.Register, a []string) error {
			d, err := reg.Show(ctx, a[0])
			if err != nil {
				return err
			}
			inv := d.Invoice
			s := showJSON{Entry: d.Entry(e.today()), Reason: inv.Reason, Lines: []lineJSON{}}
			for _, l := range inv.Lines {
				s.Lines = append(s.Lines, lineJSON{l.Session.Format("2006-01-02 15:04"), l.Service, l.Sponsor,
					invoice.PlainAmount(l.Amount, l.Currency), l.Currency, l.TransactionID, l.Cancelled})
			}
			if opts.json {
				return printJSON(e.stdout, s)
			}
			w := e.stdout
			title := "Invoice"
			if inv.IsCredit() {
				title = "Credit note"
			}
			fmt.Fprintf(w, "%s %s: %s, %s, %s\n", title, inv.Number, inv.From.Name, inv.Period, s.Status)
			if inv.Credits != nil {
				fmt.Fprintf(w, "  credits   %s of %s\n", inv.Credits.Number, inv.Credits.Issued.Format(time.DateOnly))
			}
			if inv.Reason != "" {
				fmt.Fprintf(w, "  reason    %s\n", inv.Reason)
			}
			fmt.Fprintf(w, "  bill to   %s <%s>\n", inv.BillTo.Name, inv.BillTo.Email)
			fmt.Fprintf(w, "  issued    %s\n", s.IssueDate)
			if s.ExpectedPayment != nil {
				fmt.Fprintf(w, "  expected  %s\n", *s.ExpectedPayment)
			}
			if s.PaidDate != nil {
				fmt.Fprintf(w, "  paid      %s\n", *s.PaidDate)
			}
			if s.CreditedBy != nil {
				fmt.Fprintf(w, "  credited  by %s\n", *s.CreditedBy)
			}
			fmt.Fprintf(w, "  sessions  %d, total %s\n", inv.Sessions(), totalsText(inv.Totals))
			tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
			for _, l := range s.Lines {
				fmt.Fprintf(tw, "    %s\t%s\t%s\t%s %s\t%s\n", l.Session, l.Service, l.Sponsor, l.Currency, l.Amount, l.TransactionID)
			}
			return tw.Flush()
		})
}

func newRegisterPaid(e *env, opts *registerOptions) *cobra.Command {
	c := registerSub(e, opts, "paid NUMBER --date YYYY-MM-DD", "Mark an issued invoice paid",
		`Record that the invoice NUMBER was paid on --date: 'register list' shows it paid, and it is no
longer overdue. Marking it again corrects the date.`,
		cobra.ExactArgs(1), nil)
	c.RunE = func(c *cobra.Command, a []string) error {
		if opts.date == "" {
			return usagef("--date is required: the day the invoice was paid, YYYY-MM-DD")
		}
		day, err := dateFlag("date", opts.date)
		if err != nil {
			return err
		}
		return opts.withRegister(c.Context(), e, a, func(ctx context.Context, reg *register.Register, a []string) error {
			d, err := reg.MarkPaid(ctx, a[0], day)
			if err != nil {
				return err
			}
			if opts.json {
				return printJSON(e.stdout, d.Entry(e.today()))
			}
			fmt.Fprintf(e.stdout, "Invoice %s: paid on %s\n", d.Invoice.Number, d.Paid.Format(time.DateOnly))
			return nil
		})
	}
	c.Flags().StringVar(&opts.date, "date", "", "the day it was paid, YYYY-MM-DD")
	return c
}

func newRegisterPDF(e *env, opts *registerOptions) *cobra.Command {
	return rewriteSub(e, opts, "pdf NUMBER", "Write an issued document's PDF again, byte for byte",
		`Write the PDF of the document NUMBER as it was issued, byte for byte (the register keeps it):
a lost invoice comes back.`,
		"the PDF to write (default: invoice-NUMBER.pdf or credit-note-NUMBER.pdf; - for standard output)",
		func(ctx context.Context, reg *register.Register, number string) (*register.Document, []byte, string, error) {
			d, pdf, err := reg.PDF(ctx, number)
			if err != nil {
				return nil, nil, "", err
			}
			return d, pdf, documentFile(d.Invoice), nil
		})
}

// rewriteSub makes a subcommand of register that writes a file of the issued document
// NUMBER again: the bytes fetch gives, to -o, to the default file fetch names, or to standard
// output with -o -.
func rewriteSub(e *env, opts *registerOptions, use, short, long, outputHelp string,
	fetch func(ctx context.Context, reg *register.Register, number string) (d *register.Document, data []byte, file string, err error)) *cobra.Command {
	c := registerSub(e, opts, use, short, long, cobra.ExactArgs(1), func(ctx context.Context, reg *register.Register, a []string) error {
		d, data, file, err := fetch(ctx, reg, a[0])
		if err != nil {
			return err
		}
		out := opts.output
		if out == "-" {
			_, err := e.stdout.Write(data)
			return err
		}
		if out == "" {
			out = file
		}
		o := output{path: out, data: data}
		if err := o.write(opts.force, true); err != nil {
			return err
		}
		if opts.json {
			return printJSON(e.stdout, documentJSON{Entry: d.Entry(e.today()), Output: out, Register: registerRerun})
		}
		fmt.Fprintf(e.stdout, "wrote %s\n", fileStatus(out, o.status))
		return nil
	})
	c.Flags().StringVarP(&opts.output, "output", "o", "", outputHelp)
	c.Flags().BoolVar(&opts.force, "force", false, "replace an existing file")
	return c
}

func newRegisterExport(e *env, opts *registerOptions) *cobra.Command {
	c := registerSub(e, opts, "export -o FILE.csv|FILE.xlsx", "Export the register as a spreadsheet for a bookkeeper",
		`Write every document of the register as .csv (Excel's CSV UTF-8) or .xlsx, by -o's extension:
one row per document and currency (number, kind, credits, month, professional, bill-to party,
sessions, currency, amount, issue date, status, paid date, expected payment, credited by).`,
		cobra.NoArgs, nil)
	c.RunE = func(c *cobra.Command, a []string) error {
		if opts.output == "" {
			return usagef("-o is required: the .csv or .xlsx file to write")
		}
		return opts.withRegister(c.Context(), e, a, func(ctx context.Context, reg *register.Register, _ []string) error {
			docs, err := reg.List(ctx)
			if err != nil {
				return err
			}
			var b bytes.Buffer
			if err := register.Export(&b, opts.output, docs, e.today()); err != nil {
				return usageError{err}
			}
			o := output{path: opts.output, data: b.Bytes()}
			if err := o.write(opts.force, true); err != nil {
				return err
			}
			if !opts.json {
				fmt.Fprintf(e.stdout, "wrote %s: %d documents\n", fileStatus(opts.output, o.status), len(docs))
			}
			return nil
		})
	}
	c.Flags().StringVarP(&opts.output, "output", "o", "", "the file to write: .csv or .xlsx")
	c.Flags().BoolVar(&opts.force, "force", false, "replace an existing file")
	return c
}

func newRegisterSummary(e *env, opts *registerOptions) *cobra.Command {
	c := registerSub(e, opts, "summary --year YYYY", "Sum up a year: per month, sponsor, party and currency",
		`Sum up the documents of a year, as a tax return wants: for each month of sessions,
professional, sponsor, bill-to party and currency, the sessions, the amount invoiced, the
amount credited and the net. A credit note counts in the month of the invoice it cancels.
Amounts in different currencies are never added together.

--json prints {year, rows: [{month, professional {name, email}, sponsor, bill_to {name,
email}, currency, sessions, invoiced, credited, amount}], totals: [{currency, amount}]}.`,
		cobra.NoArgs, nil)
	c.RunE = func(c *cobra.Command, a []string) error {
		if opts.year == 0 {
			return usagef("--year is required, e.g. --year %d", e.today().Year()-1)
		}
		return opts.withRegister(c.Context(), e, a, func(ctx context.Context, reg *register.Register, _ []string) error {
			s, err := reg.Summary(ctx, opts.year)
			if err != nil {
				return err
			}
			if opts.json {
				return printJSON(e.stdout, s)
			}
			return printSummary(e.stdout, s)
		})
	}
	c.Flags().IntVar(&opts.year, "year", 0, "the year of the sessions, YYYY")
	return c
}

func printSummary(w io.Writer, s *register.Summary) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "MONTH\tPROFESSIONAL\tSPONSOR\tBILL TO\tCURRENCY\tSESSIONS\tINVOICED\tCREDITED\tNET")
	for _, r := range s.Rows {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d\t%s\t%s\t%s\n", r.Month, r.Professional.Name, r.Sponsor, r.BillTo.Name, r.Currency, r.Sessions, r.Invoiced, r.Credited, r.Amount)
	}
	for _, t := range s.Totals {
		fmt.Fprintf(tw, "%d\t\t\t\t%s\t\t\t\t%s\n", s.Year, t.Currency, t.Amount)
	}
	return tw.Flush()
}

// creditRecorded says of a file the credit command could not write that the credit note is
// recorded all the same, and how to write its files elsewhere.
func creditRecorded(err error, iss *register.Issued) error {
	n := iss.Invoice.Number
	return fmt.Errorf("%w\nhint: the credit note %s is recorded; 'hubinvoice register pdf %s -o FILE' (and 'register xml') writes it elsewhere", err, n, n)
}
