package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/hubinvoice/hubinvoice/calendar"
	"github.com/hubinvoice/hubinvoice/export"
	"github.com/hubinvoice/hubinvoice/invoice"
	"github.com/spf13/cobra"
)

type redactOptions struct {
	exportFlags
	monthFlags
	output   string
	types    []string
	sponsors []string
	invoiced bool
	json     bool
	force    bool
}

// redactJSON is what redact --json prints: what the copy holds and what it left out, by
// column letter and header, never by value.
type redactJSON struct {
	Output  string          `json:"output"`
	Rows    int             `json:"rows"`
	Columns []string        `json:"columns"`
	Removed []string        `json:"removed"`
	Dropped []redactDropped `json:"dropped"`
	Notes   []string        `json:"notes"`
}

type redactDropped struct {
	Column string `json:"column"` // as a spreadsheet names it: "F (Notes)"
	Reason string `json:"reason"`
}

func newRedactCmd(e *env) *cobra.Command {
	opts := &redactOptions{}
	c := &cobra.Command{
		Use:   "redact EXPORT -o OUT.xlsx|OUT.csv",
		Short: "Copy the export without client names and emails, for the accounts department",
		Long: `Write a copy of the Payments export without any client data, to send beside the invoice:
Client Name, Client Email and every column whose header names a client, customer or patient
are left out. The export's other known columns keep their values and their order; the header
is the first row; title, blank and totals rows are left out. The rows can be filtered by the
month of their Session Date, their payment type, their sponsor and their professional.

With --invoiced, the copy holds exactly the rows on one invoice, as the platform's accounts
department asks for: the month's Credit sessions (--month, default the month before today) of
one professional (--professional, else the profile's when the export holds them, else the
only one) and, with --sponsor, of those sponsors. Without it, a copy that holds several
professionals' rows or payment types other than Credit says so on stderr: colleagues' and
privately paid sessions are no business of the accounts department.

A column the export format does not list is copied only when nothing in it can be client
data: it is dropped when its header is blank or names a person's details (Kunde, Nafn, Name,
E-mail, Phone, ...), or when a copied row holds in it a client's name or email (as written in
the client columns of any row) or an email address that is no professional's. Each dropped
column is named on stderr, by letter and header, never by what it holds.

The output's format follows its name: .xlsx (dates as date cells, prices as numbers) or .csv
(UTF-8 with a byte order mark, as Excel writes "CSV UTF-8"). An existing file is kept unless
--force. The same export and flags give the same bytes.

With --json it prints {"output", "rows", "columns", "removed", "dropped": [{"column",
"reason"}], "notes"} on stdout, the notes staying off stderr.

Exit status: 0 written; 1 bad data or failure (nothing written); 2 usage error.`,
		Example: `  hubinvoice redact payments.xlsx -o payments-2024-03-invoiced.xlsx --month 2024-03 --invoiced
  hubinvoice redact payments.xlsx -o payments-2024-03-credit.xlsx --month 2024-03 --type Credit
  hubinvoice redact payments.csv -o for-accounts.csv --sponsor Marel`,
		Args: args(cobra.ExactArgs(1)),
		RunE: func(c *cobra.Command, a []string) error {
			opts.export = a[0]
			return runRedact(c.Context(), opts, e)
		},
	}
	f := c.Flags()
	f.StringVarP(&opts.output, "output", "o", "", "the file to write: .xlsx or .csv (required)")
	opts.monthFlags.register(f, "only sessions of this month, YYYY-MM (default: every row; with --invoiced, the month before today)", "")
	f.StringArrayVar(&opts.types, "type", nil, "only this payment type, e.g. Credit (repeatable, any case)")
	f.StringArrayVar(&opts.sponsors, "sponsor", nil, "only this sponsor's sessions (repeatable, any case)")
	opts.exportFlags.register(f, configOptional, "only this professional's rows, by email or name (with --invoiced, default: the profile's, else the only one)")
	f.BoolVar(&opts.invoiced, "invoiced", false, "only the rows on the month's invoice: its Credit sessions, of one professional")
	f.BoolVar(&opts.json, "json", false, "print what the copy holds as JSON on stdout")
	f.BoolVar(&opts.force, "force", false, "replace an existing file")
	return c
}

func runRedact(ctx context.Context, opts *redactOptions, e *env) error {
	if opts.output == "" {
		return usagef("-o is required: the file to write, OUT.xlsx or OUT.csv")
	}
	format := strings.TrimPrefix(strings.ToLower(filepath.Ext(opts.output)), ".")
	if format != "xlsx" && format != "csv" {
		return usagef("-o %s: want a name ending in .xlsx or .csv", opts.output)
	}
	if sameFile(opts.export, opts.output) {
		return usagef("-o %s: is the export itself; write the copy to another file", opts.output)
	}
	order, err := opts.order()
	if err != nil {
		return err
	}
	done, err := opts.stdin(e)
	if err != nil {
		return err
	}
	defer done()
	sel, err := opts.selection(ctx, order, e)
	if err != nil {
		return err
	}
	selected := sel.Keep()
	var held invoice.Holding
	keep := func(r *export.Record) bool {
		if !selected(r) {
			return false
		}
		held.Add(r)
		return true
	}
	var red *export.Redaction
	err = writeNewFile(opts.output, 0o644, opts.force, func(w io.Writer) error {
		var rerr error
		red, rerr = export.Redact(opts.file(), w, export.RedactOptions{
			Read:       opts.readOptions(export.Options{DateOrder: order}),
			Keep:       func(r *export.Record) bool { return ctx.Err() == nil && keep(r) },
			Format:     format,
			MinorUnits: invoice.MinorUnits,
		})
		if rerr == nil {
			rerr = ctx.Err()
		}
		return rerr
	})
	if err != nil {
		var ex errExists
		if errors.As(err, &ex) || red == nil {
			return err // Redact's errors name the export
		}
		return fmt.Errorf("%s: %v", opts.output, err)
	}
	var notes []string
	for _, d := range red.Dropped {
		notes = append(notes, fmt.Sprintf("dropped column %s: %s", d.Column, d.Reason))
	}
	if profs, types, more := held.Beyond(); more {
		notes = append(notes, fmt.Sprintf("the copy holds the rows of %s and %s besides Credit; for the accounts department, --invoiced keeps only the month's invoice",
			invoice.Plural(profs, "professional"), invoice.Plural(types, "payment type")))
	}
	if opts.json {
		out := redactJSON{Output: opts.output, Rows: red.Rows, Columns: red.Headers, Removed: append([]string{}, red.Removed...),
			Dropped: []redactDropped{}, Notes: append([]string{}, notes...)}
		for _, d := range red.Dropped {
			out.Dropped = append(out.Dropped, redactDropped{d.Column, d.Reason})
		}
		return printJSON(e.stdout, out)
	}
	for _, n := range notes {
		fmt.Fprintln(e.stderr, "note: "+n)
	}
	removed := "no client column"
	if len(red.Removed) > 0 {
		removed = "left out " + strings.Join(red.Removed, ", ")
	}
	fmt.Fprintf(e.stdout, "wrote %s: %d rows and %d columns; %s\n", opts.output, red.Rows, len(red.Headers), removed)
	return nil
}

// selection turns the flags into the rows to copy: with --invoiced, the rows of the month's
// invoice (read once into the month's ledger) of --types; else those of --month, --type,
// --sponsor and --professional.
func (opts *redactOptions) selection(ctx context.Context, order export.DateOrder, e *env) (invoice.Selection, error) {
	sel := invoice.Selection{Types: opts.types}
	if !opts.invoiced {
		sel.Sponsors, sel.Professional = opts.sponsors, opts.professional
		if opts.month != "" {
			m, err := calendar.ParseMonth(opts.month)
			if err != nil {
				return sel, usagef("--month: %v", err)
			}
			sel.Month = &m
		}
		return sel, nil
	}
	_, month, err := opts.resolve(e)
	if err != nil {
		return sel, err
	}
	prof, err := optionalProfile(opts.config, e)
	if err != nil {
		return sel, err
	}
	led, _, err := invoice.ReadLedger(ctx, opts.file(), opts.readOptions(export.Options{DateOrder: order}), invoice.LedgerOptions{Month: month, Sponsors: opts.sponsors})
	if err != nil {
		return sel, err
	}
	pro, err := whose(led, opts.export, opts.professional, prof)
	if err != nil {
		return sel, err
	}
	sel.Rows = invoice.InvoiceRows(pro)
	return sel, nil
}

// sameFile reports whether two paths name one file, so that a copy never replaces its source.
func sameFile(a, b string) bool {
	pa, errA := filepath.Abs(a)
	pb, errB := filepath.Abs(b)
	return errA == nil && errB == nil && pa == pb
}
