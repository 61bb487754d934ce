package invoice

import (
	"crypto/sha256"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/hubinvoice/hubinvoice/calendar"
	"github.com/shopspring/decimal"
)

// Pick returns the professional a user means by who: an email or a name, compared ignoring
// case. An empty who picks the only professional; with several, the error lists them.
func Pick(profs []*Professional, who string, m calendar.Month) (*Professional, error) {
	if who == "" {
		if len(profs) == 1 {
			return profs[0], nil
		}
		return nil, fmt.Errorf("the export holds %d professionals with sessions in %s: %s\nhint: pick one with --professional EMAIL", len(profs), m, listProfessionals(profs))
	}
	w := strings.ToLower(strings.TrimSpace(who))
	var found []*Professional
	for _, p := range profs {
		if p.Email == w || strings.ToLower(p.Name) == w {
			found = append(found, p)
		}
	}
	switch len(found) {
	case 1:
		return found[0], nil
	case 0:
		return nil, fmt.Errorf("no professional %q has sessions in %s; the export holds: %s", who, m, listProfessionals(profs))
	}
	return nil, fmt.Errorf("%d professionals are called %q in %s: %s\nhint: pick one by email", len(found), who, m, listProfessionals(found))
}

func listProfessionals(profs []*Professional) string {
	if len(profs) == 0 {
		return "nobody"
	}
	parts := make([]string, len(profs))
	for i, p := range profs {
		parts[i] = fmt.Sprintf("%s <%s>", p.Name, p.Email)
	}
	return strings.Join(parts, ", ")
}

// PartyLines are the lines of a month billed to one party.
type PartyLines struct {
	Party BillTo
	Lines []Line
}

// Split groups lines by the party their sponsor is billed to, in the profile's order of
// parties, the default party last. Lines keep their order. When they all go to one party,
// its lines are lines itself, not a copy: a month's lines are held once (a batch of a 1M-row
// export holds some 50,000).
func (p *Profile) Split(lines []Line) []PartyLines {
	var out []PartyLines
	var counts []int
	idx := map[string]int{}
	parts := make([]int32, len(lines)) // each line's index in out
	for j, l := range lines {
		party, _ := p.Route(l.Sponsor)
		key := strings.ToLower(party.Name + "\x00" + party.Email)
		i, ok := idx[key]
		if !ok {
			i = len(out)
			idx[key] = i
			out = append(out, PartyLines{Party: party})
			counts = append(counts, 0)
		}
		parts[j] = int32(i)
		counts[i]++
	}
	if len(out) == 1 {
		out[0].Lines = slices.Clip(lines)
		return out
	}
	for i := range out {
		out[i].Lines = make([]Line, 0, counts[i])
	}
	for j, l := range lines {
		out[parts[j]].Lines = append(out[parts[j]].Lines, l)
	}
	order := func(b BillTo) int {
		for i, bt := range p.BillTo {
			if strings.EqualFold(bt.Name, b.Name) && strings.EqualFold(bt.Email, b.Email) {
				return i
			}
		}
		return len(p.BillTo)
	}
	for i := 1; i < len(out); i++ { // insertion sort: few parties, stable
		for j := i; j > 0 && order(out[j].Party) < order(out[j-1].Party); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// BuildOptions hold what an invoice needs besides its lines.
type BuildOptions struct {
	Profile  *Profile
	Period   calendar.Month
	Issued   time.Time          // the issue date
	Number   string             // "" gives DefaultNumber
	Language string             // "" gives the profile's
	Calendar *calendar.Calendar // nil leaves the deadline and payment date out
}

// Build makes the invoice of the lines billed to one party.
func Build(lines []Line, party BillTo, o BuildOptions) *Invoice {
	p := o.Profile
	inv := &Invoice{
		Number:   o.Number,
		Issued:   time.Date(o.Issued.Year(), o.Issued.Month(), o.Issued.Day(), 0, 0, 0, 0, time.UTC),
		Period:   o.Period,
		Language: o.Language,
		From:     p.Party(),
		BillTo:   party.Party(),
		Bank:     p.BankDetails(),
		Lines:    lines,
		Totals:   Totals(lines),
		Note:     p.Invoice.Note,
		VAT:      p.Invoice.VAT,
	}
	if inv.Language == "" {
		inv.Language = p.Lang()
	}
	if inv.Number == "" {
		inv.Number = DefaultNumber(p.Invoice.NumberPrefix, o.Period, p.Professional.Email, party.Name)
	}
	inv.Sponsors = sponsorBlock(lines, inv.Totals)
	// The deadline and payment date are the platform's schedule for the invoices its accounts
	// department pays; a company billed directly pays on terms of its own, which we do not know.
	if o.Calendar != nil && strings.EqualFold(party.Email, DefaultBillTo().Email) {
		inv.SubmissionDeadline = o.Calendar.SubmissionDeadline(o.Period)
		inv.PaymentDate, _ = o.Calendar.ExpectedPayment(o.Period, inv.Issued)
	}
	return inv
}

// DefaultNumber is an invoice number that stays the same for the same professional, month and
// party, so that generating an invoice again gives the same number: the month and a short hash,
// e.g. "2024-03-5F1C", after the profile's prefix.
func DefaultNumber(prefix string, m calendar.Month, email, party string) string {
	sum := sha256.Sum256([]byte(strings.ToLower(email) + "\x00" + strings.ToLower(party)))
	return fmt.Sprintf("%s%s-%X", prefix, m, sum[:2])
}

// PlainAmount writes an amount as a plain decimal string with the currency's minor unit
// ("18500" for ISK, "115.50" for EUR), or with more decimals when the amount has them.
func PlainAmount(d decimal.Decimal, currency string) string {
	units := MinorUnits(currency)
	if -d.Exponent() > units && !d.Equal(d.Round(units)) {
		return d.String()
	}
	return d.StringFixed(units)
}
