package invoice

import (
	"fmt"
	"sort"
	"strings"

	"github.com/shopspring/decimal"
)

// Left counts a month's rows that an invoice leaves out, by reason.
type Left struct {
	Reason string // "Card", "Cash", ... for other payment types; "unpaid credit", "void", ...
	Count  int
	Rows   []int
}

// Professional is one professional's month as gathered from an export: the Credit sessions
// to invoice and what was left out, with the warnings a person should read.
type Professional struct {
	Name  string
	Email string // lower case; the key professionals are matched by
	Lines []Line // the sessions to invoice, in session order once Finish has run
	Left  []Left // what the month holds that the invoice does not, in a stable order

	MonthRows int // all of the professional's rows dated in the month
	left      map[string]*Left
}

func (p *Professional) leave(reason string, row int) {
	l := p.left[reason]
	if l == nil {
		l = &Left{Reason: reason}
		p.left[reason] = l
		p.Left = append(p.Left, Left{}) // placeholder; Finish fills Left in order
	}
	l.Count++
	l.Rows = append(l.Rows, row)
}

// Knows reports whether the export names the professional (by email or name, any case) in
// any month.
func (l *Ledger) Knows(who string) bool {
	_, ok := l.everyone[strings.ToLower(strings.TrimSpace(who))]
	return ok
}

// Everyone lists every professional the export names, in any month, as "Name <email>", sorted.
func (l *Ledger) Everyone() []string {
	seen := map[string]bool{}
	var out []string
	for _, who := range l.everyone {
		if !seen[who] {
			seen[who] = true
			out = append(out, who)
		}
	}
	sort.Strings(out)
	return out
}

// UnknownSponsors returns the sponsors of the options that the export never names.
func (l *Ledger) UnknownSponsors() []string {
	var out []string
	for _, s := range l.opts.Sponsors {
		if _, ok := l.allSponsors[foldSponsor(s)]; !ok {
			out = append(out, s)
		}
	}
	return out
}

// Sponsors lists every sponsor the export names, in any month, sorted.
func (l *Ledger) Sponsors() []string {
	out := make([]string, 0, len(l.allSponsors))
	for _, s := range l.allSponsors {
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

// Professionals returns everyone with rows in the month, sorted by name then email, each
// finished: the invoice's lines in session order and what was left out. Each call returns new
// Professionals, sharing their lines. What a person should
// be told about the month is the Findings' to say.
func (l *Ledger) Professionals() []*Professional {
	out := make([]*Professional, 0, len(l.profs))
	for _, m := range l.profs {
		if m.pro.MonthRows == 0 {
			continue
		}
		m.pro.finish()
		pro := m.pro // a copy: holding a professional does not hold their month's bookkeeping
		out = append(out, &pro)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Name != out[j].Name {
			return out[i].Name < out[j].Name
		}
		return out[i].Email < out[j].Email
	})
	return out
}

// reasonOrder puts what needs action first, then other payment types alphabetically.
var reasonOrder = map[string]int{ReasonUnpaid: 0, ReasonStatus: 1, ReasonVoid: 2, ReasonDeleted: 3, ReasonDuplicate: 4, ReasonSponsor: 5}

func (p *Professional) finish() {
	sort.SliceStable(p.Lines, func(i, j int) bool {
		if !p.Lines[i].Session.Equal(p.Lines[j].Session) {
			return p.Lines[i].Session.Before(p.Lines[j].Session)
		}
		return p.Lines[i].Row < p.Lines[j].Row
	})
	p.Left = p.Left[:0]
	for _, l := range p.left {
		p.Left = append(p.Left, *l)
	}
	rank := func(r string) int {
		if n, ok := reasonOrder[r]; ok {
			return n
		}
		return 10
	}
	sort.Slice(p.Left, func(i, j int) bool {
		ri, rj := rank(p.Left[i].Reason), rank(p.Left[j].Reason)
		if ri != rj {
			return ri < rj
		}
		return p.Left[i].Reason < p.Left[j].Reason
	})
}

// Totals returns the sum per currency, sorted by currency code. Amounts in different
// currencies are never added together.
func Totals(lines []Line) []Total {
	sums := map[string]decimal.Decimal{}
	for _, l := range lines {
		sums[l.Currency] = sums[l.Currency].Add(l.Amount)
	}
	out := make([]Total, 0, len(sums))
	for c, a := range sums {
		out = append(out, Total{Currency: c, Amount: a})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Currency < out[j].Currency })
	return out
}

// SponsorTotals returns the subtotals per sponsor and currency, sorted by sponsor (as first
// spelled) then currency; sponsors that differ only in case are one sponsor.
func SponsorTotals(lines []Line) []SponsorTotal {
	type key struct{ sponsor, currency string }
	idx := map[key]int{}
	spelled := map[string]string{}
	var out []SponsorTotal
	for _, l := range lines {
		f := foldSponsor(l.Sponsor)
		if _, ok := spelled[f]; !ok {
			spelled[f] = strings.TrimSpace(l.Sponsor)
		}
		k := key{f, l.Currency}
		i, ok := idx[k]
		if !ok {
			i = len(out)
			idx[k] = i
			out = append(out, SponsorTotal{Sponsor: spelled[f], Currency: l.Currency})
		}
		out[i].Sessions++
		out[i].Amount = out[i].Amount.Add(l.Amount)
	}
	sort.Slice(out, func(i, j int) bool {
		fi, fj := foldSponsor(out[i].Sponsor), foldSponsor(out[j].Sponsor)
		if fi != fj {
			return fi < fj
		}
		return out[i].Currency < out[j].Currency
	})
	return out
}

func sessions(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// rowList names rows for a message: "row 7", "rows 7, 9 and 12", "rows 7, 9, 12, ... (14 in all)".
func rowList(rows []int) string { return rowListOf(rows, len(rows)) }

// rowListOf names the first rows of n.
func rowListOf(rows []int, n int) string {
	const most = 8
	parts := make([]string, 0, most)
	for i, r := range rows {
		if i == most {
			break
		}
		parts = append(parts, fmt.Sprint(r))
	}
	switch {
	case n == 1:
		return "row " + parts[0]
	case n > most || n > len(rows):
		return fmt.Sprintf("rows %s, ... (%d in all)", strings.Join(parts, ", "), n)
	}
	return "rows " + strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}
