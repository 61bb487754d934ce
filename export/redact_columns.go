package export

import (
	"errors"
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/hubinvoice/hubinvoice/export/internal/xlsx"
)

// Dropped is a column that Redact left out besides the client columns, and why. It names the
// column as a spreadsheet does ("F (Notes)", or "F" without a header), never a value.
type Dropped struct {
	Column string
	Reason string
}

// The reasons a column is dropped.
const (
	reasonBlank   = "it has no header, so nothing says it holds no client data"
	reasonHeader  = "its header names a person's name, email, phone, address or ID"
	reasonContent = "it holds client names or emails"
)

// personWords are parts of a header (normalised, see normHeader) that name a person's details
// in the languages the platform's users export in: such a column may hold a client's data
// whatever its cells say on the rows at hand.
var personWords = []string{
	"name", "nafn", "navn", "namn", // name: en, is, da/no, sv (also Vorname, Kundenname)
	"kund", "klient", "patient", "viðskiptavin", "vidskiptavin", // customer, client, patient
	"mail", "netfang", "epost", // e-mail: en, is, sv/no
	"phone", "telefon", "sími", "simi", "mobil", // phone
	"address", "adress", "heimilisfang", // address (also Adresse)
	"kennitala", "personnummer", "ssn", // national ID
}

// personHeader reports whether an unknown column's header names a person's details.
func personHeader(h string) bool {
	n := normHeader(h)
	for _, w := range personWords {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
}

// nameHeader reports whether a client column's header says it holds names: "Patient",
// "Kundenname", but not "Patient notes" or "Customer phone".
func nameHeader(h string) bool {
	n := normHeader(h)
	for _, w := range []string{"name", "nafn", "navn", "namn"} {
		if strings.Contains(n, w) {
			return true
		}
	}
	switch n {
	case "client", "customer", "patient", "kunde", "kund", "klient", "skjólstæðingur", "skjolstaedingur", "viðskiptavinur", "vidskiptavinur":
		return true
	}
	return false
}

// columnPlan is which of the export's columns a redacted copy writes.
type columnPlan struct {
	cols    []int    // the Record.Cells indexes written, in order
	headers []string // their headers
	removed []string // every column left out, in order: "D (Client Name)"
	dropped []Dropped
}

// candidate is an unknown column whose cells decide whether it is written.
type candidate struct {
	orig   int  // the column's index in the file
	cell   int  // its index in Record.Cells
	blank  bool // no header: dropped, and said so when it holds anything
	filled bool // some copied row has a value in it
	risky  bool // some copied row holds client data in it
}

// planColumns decides which columns Redact writes. The known columns are always written and
// the client columns never. Of the others, a column is dropped when its header is blank or
// names a person's details, or when a copied row (one keep accepts) holds in it a client's
// name or email, or an email address that is no professional's. Client names and emails are
// learned from the client columns of every row of the export, not only the copied ones, so that
// a note naming another client is caught too; they stay in memory and are never shown.
//
// It reads the export once more when, and only when, the export has unknown columns.
func planColumns(path string, o Options, info *Info, keep func(*Record) bool, cm *clientMatcher) (*columnPlan, error) {
	known := make(map[int]bool, NumColumns)
	for c := Column(0); c < NumColumns; c++ {
		if i := info.col[c]; i >= 0 && !c.IsClient() {
			known[i] = true
		}
	}
	client := make(map[int]bool, len(info.client))
	for _, i := range info.client {
		client[i] = true
	}
	name := func(i int) string {
		if info.headers[i] == "" {
			return xlsx.ColumnName(i)
		}
		return xlsx.ColumnName(i) + " (" + info.headers[i] + ")"
	}
	plan := &columnPlan{}
	var cands []*candidate
	why := map[int]string{}
	cell := 0
	for i, h := range info.headers {
		if client[i] {
			continue
		}
		switch {
		case known[i]:
		case h == "":
			cands = append(cands, &candidate{orig: i, cell: cell, blank: true})
		case personHeader(h):
			why[i] = reasonHeader
		default:
			cands = append(cands, &candidate{orig: i, cell: cell})
		}
		cell++
	}
	if len(cands) > 0 {
		if err := scanColumns(path, o, keep, cands, cm); err != nil {
			return nil, err
		}
	}
	for _, c := range cands {
		switch {
		case c.blank && c.filled:
			why[c.orig] = reasonBlank
		case c.blank:
			why[c.orig] = "" // dropped, but it holds nothing: nothing to say
		case c.risky:
			why[c.orig] = reasonContent
		}
	}
	cell = 0
	for i, h := range info.headers {
		if client[i] {
			plan.removed = append(plan.removed, name(i))
			continue
		}
		if reason, drop := why[i]; drop {
			plan.removed = append(plan.removed, name(i))
			if reason != "" {
				plan.dropped = append(plan.dropped, Dropped{Column: name(i), Reason: reason})
			}
		} else {
			plan.cols = append(plan.cols, cell)
			plan.headers = append(plan.headers, h)
		}
		cell++
	}
	return plan, nil
}

// scanColumns marks the candidates that a copied row fills, and those it holds client data
// in (cm has learned the export's client names and emails and its professionals' emails).
func scanColumns(path string, o Options, keep func(*Record) bool, cands []*candidate, cm *clientMatcher) error {
	p, _, err := openAtHeader(path, o)
	if err != nil {
		return err
	}
	defer p.src.close()
	p.guard = cm
	err = p.rows(func(r *Record) error {
		if keep != nil && !keep(r) {
			return nil
		}
		open := 0
		for _, c := range cands {
			if !c.decided() {
				if v := cellAt(r, c.cell); strings.TrimSpace(v) != "" {
					c.filled = true
					c.risky = !c.blank && cm.matches(v)
				}
			}
			if !c.decided() {
				open++
			}
		}
		if open == 0 {
			return errDecided
		}
		return nil
	})
	if errors.Is(err, errDecided) {
		return nil // the write reads every row, and reports any problem in them
	}
	return err
}

// errDecided stops the scan once every candidate column is known to be dropped.
var errDecided = errors.New("every column decided")

// decided reports whether a candidate is known to be dropped, whatever the rows left say.
func (c *candidate) decided() bool { return c.risky || c.blank && c.filled }

// clientMatcher tells whether a cell holds client data: a learned name or email as a
// substring (case and spacing folded), a part of a learned name as a whole word, or an email
// address that is no professional's.
//
// It is also the reader's guard (withhold.go), which finds the same values in the known
// columns, by words.
type clientMatcher struct {
	values []string        // names and other values, folded: searched as substrings
	words  map[string]bool // the words of names, folded: searched as whole words
	profs  map[string]bool // professionals' and known parties' emails, lower case
	ac     *acMatcher

	// seqs holds every client value as the hash of its words (seqHash), to find whole: a
	// few bytes a value, however many clients. Two values of one hash only withhold more.
	seqs      map[uint64]struct{}
	maxSeq    int                   // the most words of a value in seqs
	profWords map[string]bool       // the words of professionals' names
	seen      []map[string]struct{} // by column: the raw values learned so far (while learning)
	shared    [][]uint64            // by column: the .xlsx shared strings learned so far, a bit each
	verdicts  map[string]bool       // verdicts of withholds, by raw value

	substrings bool // keep values, for Redact's search of unknown columns
	// letterlessSeq: a client value begins with a word of no letter (a phone number); until
	// then a text of no letter and no @ (a number, an ID) cannot be withheld (see withholds)
	letterlessSeq bool
}

func newClientMatcher() *clientMatcher {
	return &clientMatcher{words: map[string]bool{}, profs: map[string]bool{}, seqs: map[uint64]struct{}{},
		profWords: map[string]bool{}, verdicts: map[string]bool{},
		substrings: true}
}

// fold lowers a text and turns every run of spaces into one space, trimmed.
func fold(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), unicode.IsSpace), " ")
}

func wordsOf(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// learnValue learns a client value to find as a substring; one shorter than 3 letters would
// be found everywhere and is not learned.
func (m *clientMatcher) learnValue(v string) {
	if f := fold(v); utf8.RuneCountInString(f) >= 3 {
		if m.substrings {
			m.values = append(m.values, strings.Clone(f))
		}
		m.learnSequence(f)
	}
}

// learnName learns a client's name: as a substring, and each of its words of two letters or
// more that is not a number as a whole word ("Seen with Ólöf" names Ólöf Jónsdóttir).
func (m *clientMatcher) learnName(v string) {
	f := fold(v)
	m.learnValue(f)
	for _, w := range wordsOf(f) {
		if utf8.RuneCountInString(w) >= 2 && strings.ContainsFunc(w, unicode.IsLetter) {
			m.words[strings.Clone(w)] = true
		}
	}
}

func (m *clientMatcher) professional(email string) {
	if e := strings.ToLower(strings.TrimSpace(email)); e != "" && !m.profs[e] {
		m.profs[strings.Clone(e)] = true
	}
}

// build readies the matcher once everything is learned. The substring search is built on
// its first use: only Redact's unknown columns need it, and a big export's takes a while.
func (m *clientMatcher) build() {
	m.seen, m.shared = nil, nil
}

// emailAddress finds email addresses in a text: a local part, an @ and a dotted domain.
// It is compiled on first use, by a text with an @: its letter classes took 0.3 ms at every
// start of every command.
var emailAddress = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`[\p{L}\p{N}._%+'\-]+@[\p{L}\p{N}\-]+(?:\.[\p{L}\p{N}\-]+)+`)
})

// strangeEmail reports whether a folded text holds an email address that is neither a
// professional's nor a known party's.
func (m *clientMatcher) strangeEmail(f string) bool {
	if strings.IndexByte(f, '@') >= 0 {
		for _, e := range emailAddress().FindAllString(f, -1) {
			if !m.profs[strings.Trim(e, ".-")] {
				return true
			}
		}
	}
	return false
}

// matches reports whether a cell holds client data.
func (m *clientMatcher) matches(v string) bool {
	f := fold(v)
	if f == "" {
		return false
	}
	if m.ac == nil {
		m.ac = newACMatcher(m.values)
		m.values = nil
	}
	if m.ac.find(f) {
		return true
	}
	for _, w := range wordsOf(f) {
		if m.words[w] {
			return true
		}
	}
	return m.strangeEmail(f)
}

// acMatcher finds whether any of many strings occurs in a text, in one pass over the text
// (Aho-Corasick over bytes): an export may name thousands of clients.
type acMatcher struct {
	next map[uint64]int32 // node<<8 | byte → node
	fail []int32
	end  []bool // a needle ends at the node, or at a node its fail links lead to
}

func newACMatcher(needles []string) *acMatcher {
	a := &acMatcher{next: map[uint64]int32{}, fail: []int32{0}, end: []bool{false}}
	kids := [][]int32{nil}
	var bytesOf []byte // the byte leading into each node
	bytesOf = append(bytesOf, 0)
	for _, s := range needles {
		n := int32(0)
		for i := 0; i < len(s); i++ {
			k := uint64(n)<<8 | uint64(s[i])
			c, ok := a.next[k]
			if !ok {
				c = int32(len(a.fail))
				a.next[k] = c
				a.fail = append(a.fail, 0)
				a.end = append(a.end, false)
				kids = append(kids, nil)
				bytesOf = append(bytesOf, s[i])
				kids[n] = append(kids[n], c)
			}
			n = c
		}
		a.end[n] = true
	}
	queue := append([]int32(nil), kids[0]...)
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		for _, v := range kids[u] {
			b := bytesOf[v]
			f := a.fail[u]
			for {
				if w, ok := a.next[uint64(f)<<8|uint64(b)]; ok && u != 0 {
					a.fail[v] = w
					break
				}
				if f == 0 {
					break
				}
				f = a.fail[f]
			}
			a.end[v] = a.end[v] || a.end[a.fail[v]]
			queue = append(queue, v)
		}
	}
	return a
}

// find reports whether any needle occurs in s.
func (a *acMatcher) find(s string) bool {
	n := int32(0)
	for i := 0; i < len(s); i++ {
		k := uint64(s[i])
		for {
			if c, ok := a.next[uint64(n)<<8|k]; ok {
				n = c
				break
			}
			if n == 0 {
				break
			}
			n = a.fail[n]
		}
		if a.end[n] {
			return true
		}
	}
	return false
}
