package main

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/hubinvoice/hubinvoice/calendar"
	"github.com/hubinvoice/hubinvoice/export"
	"github.com/hubinvoice/hubinvoice/invoice"
	"github.com/spf13/cobra"
)

type payoutsOptions struct {
	exportFlags
	month   string // YYYY-MM of the payout date; "" = every payout
	country countryFlag
	json    bool
}

func newPayoutsCmd(e *env) *cobra.Command {
	opts := &payoutsOptions{}
	c := &cobra.Command{
		Use:   "payouts EXPORT",
		Short: "Group an export's card payments into the weekly transfers that pay them out",
		Long: `Group the card payments of a Payments export (Type Card, Status Paid) into the weekly
transfers that pay them out, with the number of payments and the total per currency of each.
The platform transfers the card payments charged from Wednesday to Tuesday on the following
Tuesday, or on the next working day when that Tuesday is a bank holiday in the country given
by --country (default: the profile's, else IS). A payment is dated by its Transaction Date.
The rows are read as collect reads them: a repeated Transaction ID is one payment, Void and
deleted sessions are not paid out. Every professional's payments are listed, unless
--professional names one.

With --month, only the transfers made in that month are shown. A transfer whose week began
before the export's first date or ended after its last holds only the payments the export has.`,
		Example: `  hubinvoice payouts payments-2024-03.xlsx
  hubinvoice payouts payments-2024-03.xlsx --month 2024-03 --json`,
		Args: func(_ *cobra.Command, a []string) error {
			if len(a) != 1 {
				return usagef("payouts takes one EXPORT file, got %d arguments\nhint: e.g. hubinvoice payouts payments-2024-03.xlsx", len(a))
			}
			return nil
		},
		RunE: func(c *cobra.Command, a []string) error {
			opts.export = a[0]
			return runPayouts(c.Context(), opts, e)
		},
	}
	f := c.Flags()
	f.StringVar(&opts.month, "month", "", "only the transfers made in `YYYY-MM` (default: all)")
	opts.country.register(f)
	opts.exportFlags.register(f, configOptional, "only this professional's payments, by email or name (default: everyone's)")
	f.BoolVar(&opts.json, "json", false, "print JSON instead of a table")
	return c
}

// payoutJSON is one element of what --json prints; dates are YYYY-MM-DD, amounts decimal
// strings with at least the currency's minor unit of decimals.
type payoutJSON struct {
	PayoutDate  string            `json:"payout_date"`
	WindowStart string            `json:"window_start"`
	WindowEnd   string            `json:"window_end"`
	Payments    int               `json:"payments"`
	Totals      []payoutTotalJSON `json:"totals"`
}

type payoutTotalJSON struct {
	Currency string `json:"currency"`
	Payments int    `json:"payments"`
	Amount   string `json:"amount"`
}

func runPayouts(ctx context.Context, opts *payoutsOptions, e *env) error {
	var month *calendar.Month
	if opts.month != "" {
		m, err := calendar.ParseMonth(opts.month)
		if err != nil {
			return usagef("--month: %v", err)
		}
		month = &m
	}
	order, err := opts.order()
	if err != nil {
		return err
	}
	prof, cal, err := profileCalendar(opts.config, opts.country, e)
	if err != nil {
		return err
	}
	done, err := opts.stdin(e)
	if err != nil {
		return err
	}
	defer done()
	ro := opts.readOptions(export.Options{DateOrder: order, Require: []export.Column{export.Type, export.TransactionDate}})
	if prof != nil {
		ro.Currency = prof.Invoice.Currency
	}

	// The ledger of every month: the payouts are a view of the same classification as
	// collect's Card groups (a repeated Transaction ID counted once, Void and deleted left out).
	led, info, err := invoice.ReadLedger(ctx, opts.file(), ro, invoice.LedgerOptions{Calendar: cal})
	if err != nil {
		return err
	}
	payouts := led.Payouts()
	if opts.professional != "" {
		pro, err := whose(led, opts.export, opts.professional, nil)
		if err != nil {
			return err
		}
		payouts = led.Receivables(pro).Payouts
	}
	var shown []invoice.CardPayout
	undated := 0
	for _, p := range payouts {
		if month == nil || month.Contains(p.Date) {
			shown = append(shown, p)
			undated += p.Undated
		}
	}
	warnings := append([]string(nil), info.Notes...)
	if !info.Has(export.Status) {
		warnings = append(warnings, "the export has no Status column: every card payment counts as paid")
	}
	if undated > 0 {
		warnings = append(warnings, fmt.Sprintf("%d card payments have no Transaction Date: dated by their session", undated))
	}
	for _, w := range warnings {
		fmt.Fprintln(e.stderr, "warning: "+w)
	}
	if opts.json {
		return printJSON(e.stdout, payoutsJSON(shown))
	}
	if len(shown) == 0 {
		what := "in the export"
		if month != nil {
			what = "made in " + month.First().Format("January 2006")
		}
		_, err := fmt.Fprintf(e.stdout, "no card payouts %s\n", what)
		return err
	}
	// Dates read left to right, numbers right-aligned.
	rows := [][]string{{"paid out", "for charges of", "payments", "total"}}
	for _, p := range shown {
		amount := invoice.FormatAmount(p.Amount, p.Currency, "en")
		if p.Currency == "" {
			amount += " (no currency)"
		}
		rows = append(rows, []string{day(p.Date), p.WindowStart.Format("Mon _2 Jan") + " to " + p.WindowEnd.Format("Mon _2 Jan"), strconv.Itoa(p.Count), amount})
	}
	return writeTable(e.stdout, rows, 2, 3)
}

// payoutsJSON groups the payouts, one per currency, by transfer.
func payoutsJSON(payouts []invoice.CardPayout) []payoutJSON {
	out := []payoutJSON{}
	for _, p := range payouts {
		if len(out) == 0 || out[len(out)-1].PayoutDate != p.Date.Format(time.DateOnly) {
			out = append(out, payoutJSON{PayoutDate: p.Date.Format(time.DateOnly), WindowStart: p.WindowStart.Format(time.DateOnly),
				WindowEnd: p.WindowEnd.Format(time.DateOnly), Totals: []payoutTotalJSON{}})
		}
		t := &out[len(out)-1]
		t.Payments += p.Count
		t.Totals = append(t.Totals, payoutTotalJSON{Currency: p.Currency, Payments: p.Count, Amount: invoice.PlainAmount(p.Amount, p.Currency)})
	}
	return out
}
