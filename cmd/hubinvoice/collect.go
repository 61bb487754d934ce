package main

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
	"unicode/utf8"

	"github.com/hubinvoice/hubinvoice/calendar"
	"github.com/hubinvoice/hubinvoice/export"
	"github.com/hubinvoice/hubinvoice/invoice"
	"github.com/spf13/cobra"
)

type collectOptions struct{ reportFlags }

func newCollectCmd(e *env) *cobra.Command {
	opts := &collectOptions{}
	c := &cobra.Command{
		Use:   "collect EXPORT",
		Short: "List the money your clients owe you for the month: what you collect yourself",
		Long: `List the month's sessions that the clients pay you for directly: every payment type but
Credit (Card, POS, Cash, Bank Transfer, Other), and a Credit without a Sponsor, which was not
paid with sponsored credits (listed as type Credit, unpaid), per type, currency and payment
status. Paid
sessions are settled; Unpaid ones are yours to chase (the platform is not responsible for
them). Void and deleted sessions are left out, and a Transaction ID seen again counts once.
A session belongs to the month of its Session Date. A row whose payment type or status
hubinvoice does not know is in no group: a warning on stderr names its row, to check in the
portal. A row with an empty Status is taken as paid.

Card payments that are Paid are also listed by the weekly transfer that pays them out: the
charges of Wednesday to Tuesday are paid on the following Tuesday, or the next working day
in the country of --country (default: the profile's, else IS).

With --json, a list of objects: type, currency, status (paid or unpaid), count, amount (a
decimal string with the currency's minor unit) and rows; a paid Card group also has its
payouts.

Exit status: 0 listed (even when nothing is to collect); 1 bad data or failure; 2 usage error.`,
		Example: `  hubinvoice collect payments.xlsx --month 2024-03
  hubinvoice collect payments.csv --professional thordis@example.is --json`,
		Args: args(cobra.ExactArgs(1)),
		RunE: func(c *cobra.Command, a []string) error {
			opts.export = a[0]
			return runCollect(c.Context(), opts, e)
		},
	}
	opts.register(c, "print JSON instead of tables")
	return c
}

// collectJSON is one element of what --json prints.
type collectJSON struct {
	Type     string        `json:"type"`
	Currency string        `json:"currency"`
	Status   string        `json:"status"`
	Count    int           `json:"count"`
	Amount   string        `json:"amount"`
	Rows     []int         `json:"rows"`
	Payouts  []payoutGroup `json:"payouts,omitempty"`
}

type payoutGroup struct {
	PayoutDate  string `json:"payout_date"`
	WindowStart string `json:"window_start"`
	WindowEnd   string `json:"window_end"`
	Count       int    `json:"count"`
	Amount      string `json:"amount"`
}

func runCollect(ctx context.Context, opts *collectOptions, e *env) error {
	r, err := opts.read(ctx, e, []export.Column{export.SessionDate, export.ServicePrice, export.Type})
	if err != nil {
		return err
	}
	pro, info := r.pro, r.info
	coll := r.led.Receivables(pro)
	for _, n := range info.Notes {
		fmt.Fprintln(e.stderr, "note: "+n)
	}
	if coll.NoStatus {
		fmt.Fprintln(e.stderr, "note: some sessions have no Status: taken as paid")
	}
	for _, w := range coll.Warnings() {
		fmt.Fprintln(e.stderr, "warning: "+w)
	}
	if opts.json {
		return printJSON(e.stdout, collectList(coll))
	}
	return printCollection(e.stdout, pro, r.month, coll)
}

func collectList(c invoice.Receivables) []collectJSON {
	out := make([]collectJSON, 0, len(c.Groups))
	for _, g := range c.Groups {
		cj := collectJSON{Type: g.Type, Currency: g.Currency, Status: g.Status, Count: g.Count,
			Amount: invoice.PlainAmount(g.Amount, g.Currency), Rows: g.Rows}
		if g.Type == export.TypeCard && g.Status == invoice.ClientPaid {
			for _, p := range c.Payouts {
				if p.Currency == g.Currency {
					cj.Payouts = append(cj.Payouts, payoutGroup{p.Date.Format(time.DateOnly),
						p.WindowStart.Format(time.DateOnly), p.WindowEnd.Format(time.DateOnly),
						p.Count, invoice.PlainAmount(p.Amount, p.Currency)})
				}
			}
		}
		out = append(out, cj)
	}
	return out
}

func typeName(t string) string {
	if t == "" {
		return "(no type)"
	}
	return t
}

// printCollection writes the groups and the card payouts as two tables, amounts aligned.
func printCollection(w io.Writer, pro *invoice.Professional, m calendar.Month, c invoice.Receivables) error {
	fmt.Fprintf(w, "%s <%s>, %s: sessions not paid by Credit\n", pro.Name, pro.Email, m)
	if len(c.Groups) == 0 {
		_, err := fmt.Fprintln(w, "\nnothing to collect: every session of the month was paid by Credit, voided or deleted")
		return err
	}
	rows := [][]string{{"type", "currency", "status", "sessions", "amount", ""}}
	for _, g := range c.Groups {
		mark := ""
		if g.Status == invoice.ClientUnpaid {
			mark = "to chase"
		}
		rows = append(rows, []string{typeName(g.Type), g.Currency, g.Status, strconv.Itoa(g.Count), invoice.FormatAmount(g.Amount, g.Currency, "en"), mark})
	}
	fmt.Fprintln(w)
	if err := writeTable(w, rows, 3, 4); err != nil {
		return err
	}
	if chaseN, chase := c.ToChase(); chaseN > 0 {
		amounts := make([]string, len(chase))
		for i, t := range chase {
			amounts[i] = invoice.FormatAmount(t.Amount, t.Currency, "en")
		}
		what := "sessions"
		if chaseN == 1 {
			what = "session"
		}
		fmt.Fprintf(w, "\nto chase: %d %s, %s; charge each client in the portal (Payments > Unpaid) or mark the session Void\n", chaseN, what, strings.Join(amounts, " + "))
	}
	if len(c.Payouts) == 0 {
		return nil
	}
	rows = [][]string{{"paid out", "for charges of", "payments", "total"}}
	for _, p := range c.Payouts {
		rows = append(rows, []string{day(p.Date), p.WindowStart.Format("Mon _2 Jan") + " to " + p.WindowEnd.Format("Mon _2 Jan"),
			strconv.Itoa(p.Count), invoice.FormatAmount(p.Amount, p.Currency, "en")})
	}
	fmt.Fprintln(w, "\ncard payments, paid out by the platform")
	return writeTable(w, rows, 2, 3)
}

// writeTable writes rows as columns two spaces apart; the columns numbered in right are
// right-aligned.
func writeTable(w io.Writer, rows [][]string, right ...int) error {
	wide := map[int]int{}
	for _, r := range rows {
		for _, c := range right {
			wide[c] = max(wide[c], utf8.RuneCountInString(r[c]))
		}
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, r := range rows {
		cells := append([]string(nil), r...)
		for _, c := range right {
			cells[c] = padLeft(cells[c], wide[c])
		}
		fmt.Fprintln(tw, strings.TrimRight(strings.Join(cells, "\t"), "\t "))
	}
	return tw.Flush()
}

// padLeft right-aligns s in n columns.
func padLeft(s string, n int) string {
	return strings.Repeat(" ", max(0, n-utf8.RuneCountInString(s))) + s
}
