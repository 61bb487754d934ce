package invoice

import (
	"strings"

	"github.com/hubinvoice/hubinvoice/calendar"
	"github.com/hubinvoice/hubinvoice/export"
)

// Selection says which rows of an export a copy of it holds (redact): those of a month, of
// some payment types, sponsors and one professional; the zero Selection holds every row.
type Selection struct {
	Month        *calendar.Month // by session date; nil: every month
	Types        []string        // payment types, any case or spelling the export uses
	Sponsors     []string        // any case
	Professional string          // email or name, any case
	// Rows, when not nil, keeps only these rows: an invoice's (InvoiceRows).
	Rows map[int]bool
}

// Keep returns the selection as a rule on records.
func (s Selection) Keep() func(*export.Record) bool {
	types := map[string]bool{}
	for _, t := range s.Types {
		types[strings.ToLower(export.NormType(t))] = true
	}
	sponsors := map[string]bool{}
	for _, sp := range s.Sponsors {
		sponsors[foldSponsor(sp)] = true
	}
	who := strings.ToLower(strings.TrimSpace(s.Professional))
	return func(r *export.Record) bool {
		return (s.Rows == nil || s.Rows[r.Row]) &&
			(s.Month == nil || s.Month.Contains(r.Session)) &&
			(len(types) == 0 || types[strings.ToLower(r.Type)]) &&
			(len(sponsors) == 0 || sponsors[foldSponsor(r.Sponsor)]) &&
			(who == "" || r.ProfEmail == who || strings.ToLower(r.Professional) == who)
	}
}

// InvoiceRows are the rows of the professional's invoice lines.
func InvoiceRows(pro *Professional) map[int]bool {
	rows := make(map[int]bool, len(pro.Lines))
	for _, l := range pro.Lines {
		rows[l.Row] = true
	}
	return rows
}

// Holding counts the professionals and payment types of the rows a copy holds, to tell a copy
// that holds more than an invoice's rows.
type Holding struct {
	profs, types map[string]bool
}

// Add counts a record the copy holds.
func (h *Holding) Add(r *export.Record) {
	if h.profs == nil {
		h.profs, h.types = map[string]bool{}, map[string]bool{}
	}
	h.profs[profKey(r.ProfEmail, r.Professional)] = true
	h.types[r.Type] = true
}

// Beyond returns how many professionals the copy holds and how many payment types besides
// Credit, and whether that is more than one invoice's rows.
func (h *Holding) Beyond() (professionals, otherTypes int, more bool) {
	professionals, otherTypes = len(h.profs), len(h.types)
	if h.types[export.TypeCredit] {
		otherTypes--
	}
	return professionals, otherTypes, professionals > 1 || otherTypes > 0
}

// Plural writes n things: "1 professional", "3 professionals".
func Plural(n int, what string) string { return sessions(n, what) }
