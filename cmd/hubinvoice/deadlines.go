package main

import (
	"context"
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/hubinvoice/hubinvoice/calendar"
	"github.com/spf13/cobra"
)

type deadlinesOptions struct {
	monthFlags
	country   countryFlag
	config    string
	submitted string // YYYY-MM-DD; "" = not asked
	json      bool
}

func newDeadlinesCmd(e *env) *cobra.Command {
	opts := &deadlinesOptions{}
	c := &cobra.Command{
		Use:   "deadlines",
		Short: "Show by when to send a month's invoice and when it is paid",
		Long: `Show the submission deadline and payment date of a month's credit invoice: an invoice
sent by the 3rd working day of the following month (that day included) is paid by the 7th
working day of that month. With --submitted, show when an invoice sent on that date is paid:
a late one takes at least 7 working days after it arrives.

Working days are Monday to Friday less the holidays of the country given by --country
(default: the profile's country, else IS; see 'hubinvoice calendar' for a year's holidays),
and the profile's own closure days.`,
		Example: `  hubinvoice deadlines
  hubinvoice deadlines --month 2024-03 --country GB
  hubinvoice deadlines --month 2024-03 --submitted 2024-04-19 --json`,
		Args: args(cobra.NoArgs),
		RunE: func(c *cobra.Command, _ []string) error {
			return runDeadlines(c.Context(), opts, e)
		},
	}
	f := c.Flags()
	opts.monthFlags.register(f, "the invoice's `YYYY-MM` (default: the month before today)", "")
	opts.country.register(f)
	f.StringVar(&opts.config, "config", "", configOptional)
	f.StringVar(&opts.submitted, "submitted", "", "the invoice was or will be sent on `YYYY-MM-DD`")
	f.BoolVar(&opts.json, "json", false, "print JSON instead of a table")
	return c
}

// deadlinesJSON is what --json prints; dates are YYYY-MM-DD.
type deadlinesJSON struct {
	Month              string `json:"month"`
	Country            string `json:"country"`
	SubmissionDeadline string `json:"submission_deadline"`
	PaymentDate        string `json:"payment_date"`
	Submitted          string `json:"submitted,omitempty"`
	ExpectedPayment    string `json:"expected_payment,omitempty"`
	Late               *bool  `json:"late,omitempty"`
}

func runDeadlines(_ context.Context, opts *deadlinesOptions, e *env) error {
	_, m, err := opts.resolve(e)
	if err != nil {
		return err
	}
	_, cal, err := profileCalendar(opts.config, opts.country, e)
	if err != nil {
		return err
	}
	var submitted time.Time
	if opts.submitted != "" {
		if submitted, err = dateFlag("submitted", opts.submitted); err != nil {
			return err
		}
	}

	deadline, paid := cal.SubmissionDeadline(m), cal.PaymentDate(m)
	out := deadlinesJSON{
		Month:              m.String(),
		Country:            cal.Country(),
		SubmissionDeadline: deadline.Format(time.DateOnly),
		PaymentDate:        paid.Format(time.DateOnly),
	}
	var expected time.Time
	var late bool
	if !submitted.IsZero() {
		expected, late = cal.ExpectedPayment(m, submitted)
		out.Submitted = submitted.Format(time.DateOnly)
		out.ExpectedPayment = expected.Format(time.DateOnly)
		out.Late = &late
	}
	if opts.json {
		return printJSON(e.stdout, out)
	}

	next := m.Next().First().Format("January")
	w := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintf(w, "invoice for\t%s\t(%s working days)\n", m.First().Format("January 2006"), cal.Country())
	fmt.Fprintf(w, "send it by\t%s\t%s working day of %s\n", day(deadline), calendar.Ordinal(calendar.SubmissionDay), next)
	fmt.Fprintf(w, "paid by\t%s\t%s working day of %s\n", day(paid), calendar.Ordinal(calendar.PaymentDay), next)
	if !submitted.IsZero() {
		if late {
			fmt.Fprintf(w, "sent on\t%s\tlate: after the deadline\n", day(submitted))
			fmt.Fprintf(w, "expect payment by\t%s\t%d working days after it was sent\n", day(expected), calendar.LatePayment)
		} else {
			fmt.Fprintf(w, "sent on\t%s\ton time\n", day(submitted))
			fmt.Fprintf(w, "expect payment by\t%s\tthe payment date\n", day(expected))
		}
	}
	return w.Flush()
}
