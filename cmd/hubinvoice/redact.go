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
	export       string
	output       string
	month        string
	types        []string
	sponsors     []string
	professional string
	dateOrder    string
	force        bool
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
month of their Session Date, their payment type and their sponsor.

A column the export format does not list is copied only when nothing in it can be client
data: it is dropped when its header is blank or names a person's details (Kunde, Nafn, Name,
E-mail, Phone, ...), or when a copied row holds in it a client's name or email (as written in
the client columns of any row) or an email address that is no professional's. Each dropped
column is named on stderr, by letter and header, never by what it holds.

The output's format follows its name: .xlsx (dates as date cells, prices as numbers) or .csv
(UTF-8 with a byte order mark, as Excel writes "CSV UTF-8"). An existing file is kept unless
--force. The same export and flags give the same bytes.

Exit status: 0 written; 1 bad data or failure (nothing written); 2 usage error.`,
		Example: `  hubinvoice redact payments.xlsx -o payments-2024-03-credit.xlsx --month 2024-03 --type Credit
  hubinvoice redact payments.csv -o for-accounts.csv --sponsor Marel`,
		Args: args(cobra.ExactArgs(1)),
		RunE: func(c *cobra.Command, a []string) error {
			opts.export = a[0]
			return runRedact(c.Context(), opts, e)
		},
	}
	f := c.Flags()
	f.StringVarP(&opts.output, "output", "o", "", "the file to write: .xlsx or .csv (required)")
	f.StringVar(&opts.month, "month", "", "only sessions of this month, YYYY-MM (default: every row)")
	f.StringArrayVar(&opts.types, "type", nil, "only this payment type, e.g. Credit (repeatable, any case)")
	f.StringArrayVar(&opts.sponsors, "sponsor", nil, "only this sponsor's sessions (repeatable, any case)")
	f.StringVar(&opts.professional, "professional", "", "only this professional's rows, by email or name")
	f.StringVar(&opts.dateOrder, "date-order", "dmy", "how to read text dates like 05/03/2024: dmy or mdy")
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
	order, err := export.ParseDateOrder(opts.dateOrder)
	if err != nil {
		return usagef("--date-order: %v", err)
	}
	keep, err := redactFilter(opts)
	if err != nil {
		return err
	}
	var red *export.Redaction
	err = writeNewFile(opts.output, 0o644, opts.force, func(w io.Writer) error {
		var rerr error
		red, rerr = export.Redact(opts.export, w, export.RedactOptions{
			Read:       export.Options{DateOrder: order},
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
	for _, d := range red.Dropped {
		fmt.Fprintf(e.stderr, "note: dropped column %s: %s\n", d.Column, d.Reason)
	}
	removed := "no client column"
	if len(red.Removed) > 0 {
		removed = "left out " + strings.Join(red.Removed, ", ")
	}
	fmt.Fprintf(e.stdout, "wrote %s: %d rows and %d columns; %s\n", opts.output, red.Rows, len(red.Headers), removed)
	return nil
}

// redactFilter turns the flags into the rows to keep.
func redactFilter(opts *redactOptions) (func(*export.Record) bool, error) {
	var month *calendar.Month
	if opts.month != "" {
		m, err := calendar.ParseMonth(opts.month)
		if err != nil {
			return nil, usagef("--month: %v", err)
		}
		month = &m
	}
	types := map[string]bool{}
	for _, t := range opts.types {
		types[strings.ToLower(export.NormType(t))] = true
	}
	sponsors := map[string]bool{}
	for _, s := range opts.sponsors {
		sponsors[strings.ToLower(strings.TrimSpace(s))] = true
	}
	who := strings.ToLower(strings.TrimSpace(opts.professional))
	return func(r *export.Record) bool {
		return (month == nil || month.Contains(r.Session)) &&
			(len(types) == 0 || types[strings.ToLower(r.Type)]) &&
			(len(sponsors) == 0 || sponsors[strings.ToLower(strings.TrimSpace(r.Sponsor))]) &&
			(who == "" || r.ProfEmail == who || strings.ToLower(r.Professional) == who)
	}, nil
}

// sameFile reports whether two paths name one file, so that a copy never replaces its source.
func sameFile(a, b string) bool {
	pa, errA := filepath.Abs(a)
	pb, errB := filepath.Abs(b)
	return errA == nil && errB == nil && pa == pb
}
