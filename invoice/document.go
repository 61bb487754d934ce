package invoice

import (
	"time"

	"github.com/shopspring/decimal"
)

// sponsorBlock returns the subtotals per sponsor that an invoice shows: only when there is
// more than one sponsor, or one sponsor in several currencies.
func sponsorBlock(lines []Line, totals []Total) []SponsorTotal {
	if st := SponsorTotals(lines); len(st) > 1 || (len(st) == 1 && len(totals) > 1) {
		return st
	}
	return nil
}

// WithLines returns a copy of the invoice that holds only lines (some of its own, in their
// order), with its totals and subtotals made again from them: a supplement for sessions
// that a month's first invoice did not have.
func (inv *Invoice) WithLines(lines []Line) *Invoice {
	out := *inv
	out.Lines = lines
	out.Totals = Totals(lines)
	out.Sponsors = sponsorBlock(lines, out.Totals)
	if inv.Professionals != nil {
		out.Professionals = ProfessionalTotals(lines)
	}
	return &out
}

// CreditNote returns the credit note that cancels the whole invoice: the same parties,
// period and lines, every amount negated, numbered number, issued on issued, referencing
// the invoice's number and issue date. A credit note has no payment date: nothing is due.
func (inv *Invoice) CreditNote(number string, issued time.Time, reason string) *Invoice {
	cn := *inv
	cn.Kind = KindCredit
	cn.Credits = &Reference{Number: inv.Number, Issued: inv.Issued}
	cn.Reason = reason
	cn.Draft = false
	cn.Number = number
	cn.Issued = time.Date(issued.Year(), issued.Month(), issued.Day(), 0, 0, 0, 0, time.UTC)
	cn.SubmissionDeadline, cn.PaymentDate = time.Time{}, time.Time{}

	neg := func(d decimal.Decimal) decimal.Decimal { return d.Neg() }
	cn.Lines = make([]Line, len(inv.Lines))
	for i, l := range inv.Lines {
		l.Amount = neg(l.Amount)
		cn.Lines[i] = l
	}
	cn.Totals = make([]Total, len(inv.Totals))
	for i, t := range inv.Totals {
		t.Amount = neg(t.Amount)
		cn.Totals[i] = t
	}
	if inv.Sponsors != nil {
		cn.Sponsors = make([]SponsorTotal, len(inv.Sponsors))
		for i, s := range inv.Sponsors {
			s.Amount = neg(s.Amount)
			cn.Sponsors[i] = s
		}
	}
	if inv.Professionals != nil {
		cn.Professionals = make([]ProfessionalTotal, len(inv.Professionals))
		for i, p := range inv.Professionals {
			p.Amount = neg(p.Amount)
			cn.Professionals[i] = p
		}
	}
	return &cn
}

// IsCredit reports whether the document is a credit note.
func (inv *Invoice) IsCredit() bool { return inv.Kind == KindCredit }

// CheckRenderable refuses, without rendering it, an invoice that WritePDF would refuse for
// what it holds: a language it has no labels in, or what checkRenderable refuses. The register
// numbers an invoice only when it passes, and its PDF is rendered after the number is
// recorded.
func CheckRenderable(inv *Invoice) error {
	if _, err := labelsFor(inv.Language); err != nil {
		return err
	}
	return checkRenderable(inv)
}
