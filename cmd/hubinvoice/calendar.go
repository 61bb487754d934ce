package main

import (
	"context"
	"fmt"
	"strconv"
	"text/tabwriter"
	"time"

	"github.com/hubinvoice/hubinvoice/calendar"
	"github.com/spf13/cobra"
)

type calendarOptions struct {
	year    string // YYYY; "" = this year
	country countryFlag
	config  string
	json    bool
}

// calendarJSON is what calendar --json prints.
type calendarJSON struct {
	Year     int               `json:"year"`
	Country  string            `json:"country"`
	Holidays []calendarHoliday `json:"holidays"`
	Months   []calendarMonth   `json:"months"`
}

type calendarHoliday struct {
	Date string `json:"date"`
	Name string `json:"name"`
}

type calendarMonth struct {
	Month              string `json:"month"`
	SubmissionDeadline string `json:"submission_deadline"` // its 3rd working day
	PaymentDate        string `json:"payment_date"`        // its 7th working day
	InvoiceFor         string `json:"invoice_for"`         // the month whose invoice those dates are for
}

func newCalendarCmd(e *env) *cobra.Command {
	opts := &calendarOptions{}
	c := &cobra.Command{
		Use:   "calendar",
		Short: "Show a year's holidays and the 3rd and 7th working day of every month",
		Long: `Show a year's holidays in a country, with their names, and the 3rd and 7th working day of
every month: the submission deadline and the payment date of the month before's invoice.

--country takes an ISO 3166 code (default: the profile's country, else IS): IS, GB or GB-EAW for England and Wales,
GB-SCT for Scotland, GB-NIR for Northern Ireland, and many other countries and regions (DE,
DE-BY, US, ...); an unknown code is answered with the list. In Iceland, 24 and 31 December
count as days off.

With --json it prints {"year", "country", "holidays": [{"date", "name"}], "months":
[{"month", "submission_deadline", "payment_date", "invoice_for"}]}, dates as YYYY-MM-DD.`,
		Example: `  hubinvoice calendar --year 2024
  hubinvoice calendar --year 2025 --country GB-SCT`,
		Args: args(cobra.NoArgs),
		RunE: func(c *cobra.Command, _ []string) error {
			return runCalendar(c.Context(), opts, e)
		},
	}
	f := c.Flags()
	f.StringVar(&opts.year, "year", "", "the `YYYY` to show (default: this year)")
	opts.country.register(f)
	f.StringVar(&opts.config, "config", "", configOptional)
	f.BoolVar(&opts.json, "json", false, "print the holidays and working days as JSON")
	return c
}

func runCalendar(_ context.Context, opts *calendarOptions, e *env) error {
	year := e.today().Year()
	if opts.year != "" {
		y, err := strconv.Atoi(opts.year)
		if err != nil || len(opts.year) != 4 || y < 1000 {
			return usagef("--year: %q is not a year: want YYYY, e.g. 2024", opts.year)
		}
		year = y
	}
	_, cal, err := profileCalendar(opts.config, opts.country, e)
	if err != nil {
		return err
	}

	if opts.json {
		out := calendarJSON{Year: year, Country: cal.Country(), Holidays: []calendarHoliday{}}
		for _, h := range cal.Holidays(year) {
			out.Holidays = append(out.Holidays, calendarHoliday{h.Date.Format(time.DateOnly), h.Name})
		}
		for mo := time.January; mo <= time.December; mo++ {
			m := calendar.Month{Year: year, Month: mo}
			out.Months = append(out.Months, calendarMonth{m.String(),
				cal.NthWorkingDay(m, calendar.SubmissionDay).Format(time.DateOnly),
				cal.NthWorkingDay(m, calendar.PaymentDay).Format(time.DateOnly), m.Prev().String()})
		}
		return printJSON(e.stdout, out)
	}
	w := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintf(w, "Holidays %d (%s)\n", year, cal.Country())
	for _, h := range cal.Holidays(year) {
		fmt.Fprintf(w, "  %s\t%s\n", h.Date.Format("Mon _2 Jan"), h.Name)
	}
	if err := w.Flush(); err != nil {
		return err
	}

	fmt.Fprintf(w, "\nWorking days %d (%s)\n", year, cal.Country())
	fmt.Fprintf(w, "  month\t3rd: send by\t7th: paid by\tinvoice for\n")
	for mo := time.January; mo <= time.December; mo++ {
		m := calendar.Month{Year: year, Month: mo}
		fmt.Fprintf(w, "  %s\t%s\t%s\t%s\n", m.First().Format("January"),
			cal.NthWorkingDay(m, calendar.SubmissionDay).Format("Mon _2 Jan"),
			cal.NthWorkingDay(m, calendar.PaymentDay).Format("Mon _2 Jan"),
			m.Prev().First().Format("January 2006"))
	}
	return w.Flush()
}
