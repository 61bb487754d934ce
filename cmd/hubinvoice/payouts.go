package main

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
	"unicode/utf8"

	"github.com/hubinvoice/hubinvoice/calendar"
	"github.com/hubinvoice/hubinvoice/export"
	"github.com/hubinvoice/hubinvoice/invoice"
	"github.com/shopspring/decimal"
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

// payout is one transfer and what it pays, per currency.
type payout struct {
	calendar.Payout
	payments int
	totals   map[string]*currencyTotal
}

type currencyTotal struct {
	payments int
	amount   decimal.Decimal
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
	led := invoice.NewLedger(invoice.LedgerOptions{Calendar: cal})
	undated := 0
	info, err := export.ReadFile(opts.file(), ro, func(r *export.Record) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		if c := led.Add(r); c.Place == invoice.ClientOwes && c.Paid && r.Type == export.TypeCard && r.Paid.IsZero() {
			undated++
		}
		return nil
	})
	if err != nil {
		return err
	}
	if err := led.CheckNames(opts.export, opts.professional); err != nil {
		return planError(err)
	}
	payouts := led.Payouts()
	if opts.professional != "" {
		pro, err := led.Whose(opts.professional, "")
		if err != nil {
			return fmt.Errorf("%s: %v", opts.export, err)
		}
		payouts = led.Receivables(pro).Payouts
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

	var transfers []*payout
	for _, cp := range payouts {
		if month != nil && !month.Contains(cp.Date) {
			continue
		}
		if len(transfers) == 0 || !transfers[len(transfers)-1].Date.Equal(cp.Date) {
			transfers = append(transfers, &payout{Payout: cp.Payout, totals: map[string]*currencyTotal{}})
		}
		po := transfers[len(transfers)-1]
		po.payments += cp.Count
		po.totals[cp.Currency] = &currencyTotal{payments: cp.Count, amount: cp.Amount}
	}

	if opts.json {
		out := make([]payoutJSON, 0, len(transfers))
		for _, p := range transfers {
			pj := payoutJSON{
				PayoutDate:  p.Date.Format(time.DateOnly),
				WindowStart: p.WindowStart.Format(time.DateOnly),
				WindowEnd:   p.WindowEnd.Format(time.DateOnly),
				Payments:    p.payments,
				Totals:      []payoutTotalJSON{},
			}
			for _, cur := range p.currencies() {
				t := p.totals[cur]
				pj.Totals = append(pj.Totals, payoutTotalJSON{Currency: cur, Payments: t.payments, Amount: invoice.PlainAmount(t.amount, cur)})
			}
			out = append(out, pj)
		}
		return printJSON(e.stdout, out)
	}

	if len(transfers) == 0 {
		what := "in the export"
		if month != nil {
			what = "made in " + month.First().Format("January 2006")
		}
		_, err := fmt.Fprintf(e.stdout, "no card payouts %s\n", what)
		return err
	}
	type line struct{ date, window, payments, amount string }
	lines := []line{{"paid out", "for charges of", "payments", "total"}}
	for _, p := range transfers {
		for _, cur := range p.currencies() {
			t := p.totals[cur]
			amount := invoice.FormatAmount(t.amount, cur, "en")
			if cur == "" {
				amount += " (no currency)"
			}
			lines = append(lines, line{day(p.Date),
				p.WindowStart.Format("Mon _2 Jan") + " to " + p.WindowEnd.Format("Mon _2 Jan"),
				strconv.Itoa(t.payments), amount})
		}
	}
	// Dates read left to right, numbers right-aligned.
	var wide [2]int
	for _, l := range lines {
		wide[0] = max(wide[0], utf8.RuneCountInString(l.payments))
		wide[1] = max(wide[1], utf8.RuneCountInString(l.amount))
	}
	w := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	for _, l := range lines {
		fmt.Fprintf(w, "%s\t%s\t%s  %s\n", l.date, l.window,
			padLeft(l.payments, wide[0]), padLeft(l.amount, wide[1]))
	}
	return w.Flush()
}

// padLeft right-aligns s in n columns.
func padLeft(s string, n int) string {
	return strings.Repeat(" ", max(0, n-utf8.RuneCountInString(s))) + s
}

// currencies returns the payout's currencies, sorted.
func (p *payout) currencies() []string {
	curs := make([]string, 0, len(p.totals))
	for c := range p.totals {
		curs = append(curs, c)
	}
	sort.Strings(curs)
	return curs
}
