package export

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Withheld stands, in a Record, for a text the reader does not pass on: a client's name or
// email, or an email address that is neither a professional's nor a known party's, found in
// a column other than the client columns (a Service Name "Session with Jón Jónsson", a Sponsor
// "emily.clarke@example.org"). Record.Withheld names the columns it stands in.
//
// The professional's columns are the professional's: whoever else a name or email there
// belongs to, it is the name and email of the person who gave the session. A professional is
// often a client's namesake (a small country's pool of names: Anna Jónsdóttir, and Anna
// Jónsdóttir Sigurðardóttir) and may be a client too, under the same name and email. So a
// Professional Name is never withheld for holding a client's name, whole or in part: only
// for holding an email address that is nobody's (neither a professional's nor a known
// party's). A Professional Email is never withheld: it is how the professional is known, and
// is learned as a professional's.
const Withheld = "(withheld)"

// learn takes what a guard needs from a row: the client columns' values, and the
// professional's name and email, picked from its cells as l.cols says (see pick). It is
// called for every row below the header, whatever it holds; the values never leave the
// matcher.
func (m *clientMatcher) learn(l *learner, vals []string, refs []int32) {
	n := len(l.names)
	for j, v := range vals[:n] {
		switch {
		case v == "":
		case m.sharedBefore(j, refs):
		case !l.names[j] && !m.substrings:
			// A value learned only as the hash of its words (an email) costs less to hash
			// again than to look up among those seen: most of an export's are distinct.
			m.learnSequenceOf(v)
		case m.firstSight(j, v):
			if l.names[j] {
				m.learnName(v)
			} else {
				m.learnValue(v)
			}
		}
	}
	if v := vals[n]; v != "" && !m.sharedBefore(n, refs) && m.firstSight(n, v) {
		m.professional(v)
	}
	if v := vals[n+1]; v != "" && !m.sharedBefore(n+1, refs) && m.firstSight(n+1, v) {
		for _, w := range wordsOf(fold(v)) {
			m.profWords[strings.Clone(w)] = true
		}
	}
}

// firstSight reports whether v is met for the first time in column i of what learn is given
// (the learner's columns, see pick): an export repeats its
// clients and professionals on row after row, and learning each value once keeps the pass
// cheap. A value is learned once per column: a professional's name is a client's too when a
// Client Name holds it.
func (m *clientMatcher) firstSight(i int, v string) bool {
	if v == "" {
		return false
	}
	for len(m.seen) <= i {
		m.seen = append(m.seen, nil)
	}
	seen := m.seen[i]
	if seen == nil {
		seen = map[string]struct{}{}
		m.seen[i] = seen
	}
	if _, ok := seen[v]; ok {
		return false
	}
	seen[strings.Clone(v)] = struct{}{}
	return true
}

// sharedBefore reports whether cell i of what learn is given is a shared string of the
// workbook (refs: each cell's index, negative for none; nil for a CSV) that the same column
// held on a row before, and marks it held: the same index is the same text, learned when
// first met, and a bit costs less than hashing the text again (an .xlsx repeats its clients'
// and professionals' values as shared strings).
func (m *clientMatcher) sharedBefore(i int, refs []int32) bool {
	if i >= len(refs) || refs[i] < 0 {
		return false
	}
	for len(m.shared) <= i {
		m.shared = append(m.shared, nil)
	}
	w, bit := int(refs[i])>>6, uint64(1)<<(refs[i]&63)
	if w >= len(m.shared[i]) {
		m.shared[i] = append(m.shared[i], make([]uint64, w+1-len(m.shared[i]))...)
	}
	if m.shared[i][w]&bit != 0 {
		return true
	}
	m.shared[i][w] |= bit
	return false
}

// learnSequence keeps a client value as the sequence of its words, to find whole.
func (m *clientMatcher) learnSequence(f string) {
	ws := wordsOf(f)
	if len(ws) == 0 {
		return
	}
	h := uint64(seqSeed)
	for _, w := range ws {
		h = seqHash(h, w)
	}
	m.seqs[h] = struct{}{}
	m.maxSeq = max(m.maxSeq, len(ws))
	if !strings.ContainsFunc(ws[0], unicode.IsLetter) {
		m.letterlessSeq = true
	}
}

// learnSequenceOf is learnValue(v) without the substring list: it hashes the words of v as
// fold and wordsOf would give them (lower case, the runs of letters and digits), without
// making them; a value shorter than 3 letters once folded is not learned.
func (m *clientMatcher) learnSequenceOf(v string) {
	h := uint64(seqSeed)
	words, runes := 0, 0
	inWord, gap, firstLetter := false, false, false
	var buf [utf8.UTFMax]byte
	for i := 0; i < len(v); {
		r, size := rune(v[i]), 1
		if r < utf8.RuneSelf {
			// An ASCII byte, most of an email: its class from a table, without a call.
			i++
			c := asciiClass[r]
			if c == asciiSpace {
				gap = runes > 0
			} else {
				if gap {
					runes++
					gap = false
				}
				runes++
			}
			if c == asciiSpace || c == asciiOther {
				if inWord {
					h = (h ^ 0xFF) * 1099511628211
					inWord = false
				}
				continue
			}
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			if !inWord {
				inWord = true
				words++
			}
			if words == 1 && asciiClass[r] == asciiLetter {
				firstLetter = true
			}
			h = (h ^ uint64(r)) * 1099511628211
			continue
		}
		r, size = utf8.DecodeRuneInString(v[i:])
		i += size
		r = unicode.ToLower(r)
		// fold's length: the runes but for spaces, one for each run of spaces between them
		if unicode.IsSpace(r) {
			gap = runes > 0
		} else {
			if gap {
				runes++
				gap = false
			}
			runes++
		}
		letter := unicode.IsLetter(r)
		if !letter && !unicode.IsDigit(r) {
			if inWord {
				h = (h ^ 0xFF) * 1099511628211
				inWord = false
			}
			continue
		}
		if !inWord {
			inWord = true
			words++
		}
		if words == 1 && letter {
			firstLetter = true // the first word has a letter (see letterlessSeq)
		}
		if r < utf8.RuneSelf {
			h = (h ^ uint64(r)) * 1099511628211
		} else {
			n := utf8.EncodeRune(buf[:], r)
			for _, b := range buf[:n] {
				h = (h ^ uint64(b)) * 1099511628211
			}
		}
	}
	if inWord {
		h = (h ^ 0xFF) * 1099511628211
	}
	if runes < 3 || words == 0 {
		return
	}
	m.seqs[h] = struct{}{}
	m.maxSeq = max(m.maxSeq, words)
	if !firstLetter {
		m.letterlessSeq = true
	}
}

// The classes of the ASCII bytes, for learnSequenceOf: as unicode.IsSpace, IsLetter and
// IsDigit say.
const (
	asciiOther = iota
	asciiSpace
	asciiLetter
	asciiDigit
)

var asciiClass = func() (t [utf8.RuneSelf]uint8) {
	for r := rune(0); r < utf8.RuneSelf; r++ {
		switch {
		case unicode.IsSpace(r):
			t[r] = asciiSpace
		case unicode.IsLetter(r):
			t[r] = asciiLetter
		case unicode.IsDigit(r):
			t[r] = asciiDigit
		}
	}
	return t
}()

// seqSeed and seqHash hash a sequence of words, one at a time (FNV-1a, each word ended by
// a byte no word holds): the same words give the same hash in every run.
const seqSeed = 14695981039346656037

func seqHash(h uint64, w string) uint64 {
	for i := 0; i < len(w); i++ {
		h = (h ^ uint64(w[i])) * 1099511628211
	}
	return (h ^ 0xFF) * 1099511628211
}

// withholds reports whether a cell of a known column other than the professional's (see
// Withheld) must not reach a Record: it holds a client's value whole (as words: "Session with
// JÓN JÓNSSON"), an email address that is neither a professional's nor a known party's, or a
// word of a client's name, alone or with an ending of up to two letters (Jóns, Guðrúnu), that
// is not also a word of a professional's name.
func (m *clientMatcher) withholds(v string) bool {
	cache := m.verdicts
	if got, ok := cache[v]; ok {
		return got
	}
	if !m.letterlessSeq && strings.IndexByte(v, '@') < 0 && !strings.ContainsFunc(v, unicode.IsLetter) {
		// A number or an ID (Transaction ID 8719095, a price): no word of it is a word of a
		// name (those have letters), no client value begins with one, and it holds no email.
		return false
	}
	got := m.judge(v)
	if len(cache) < maxVerdicts {
		cache[strings.Clone(v)] = got
	}
	return got
}

// maxVerdicts bounds the verdicts a guard remembers: a column of distinct values (Transaction
// ID) is judged afresh on every row rather than filling memory.
const maxVerdicts = 1 << 14

func (m *clientMatcher) judge(v string) bool {
	f := fold(v)
	ws := wordsOf(f)
	for i, w := range ws {
		h := uint64(seqSeed)
		for n := 1; n <= m.maxSeq && i+n <= len(ws); n++ {
			h = seqHash(h, ws[i+n-1])
			if _, ok := m.seqs[h]; ok {
				return true // ws[i:i+n] are a client value's words
			}
		}
		if !m.profWords[w] && m.nameWord(w) {
			return true
		}
	}
	return m.strangeEmail(f)
}

// nameWord reports whether w is a word of a client's name, or one with an ending of up to
// two letters (the Icelandic cases of a name: Jóns, Jóni, Guðrúnu, Guðrúnar).
func (m *clientMatcher) nameWord(w string) bool {
	if m.words[w] {
		return true
	}
	for cut, n := len(w), 0; n < 2 && cut > 0; n++ {
		_, size := utf8.DecodeLastRuneInString(w[:cut])
		cut -= size
		if stem := w[:cut]; utf8.RuneCountInString(stem) >= 3 && m.words[stem] {
			return true
		}
	}
	return false
}

// CleanText returns a text fit for a terminal, a CSV or an invoice line: a tab or line break
// becomes a space, and every other control character (an escape that would colour or move a
// terminal's cursor, a C1 control, DEL) and every bidirectional override is left out. The
// reader cleans every text field of a Record so; the rest of the text stays as it is ("[31m"
// of an escape sequence is harmless once its ESC is gone).
func CleanText(s string) string {
	if cleanBytes(s) {
		return s
	}
	clean := true
	for _, r := range s {
		if unsafeRune(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			b.WriteByte(' ')
		case !unsafeRune(r):
			b.WriteRune(r)
		}
	}
	return strings.TrimSpace(b.String())
}

// cleanBytes reports, a byte at a time, that s holds no unsafe rune: no control byte, and no
// byte that begins a C1 control (0xC2) or a bidirectional override (0xE2); the letters of the
// languages exports are written in begin otherwise (0xC3-0xC5: á, ð, þ, ö, ą, ł). It may say no
// of a clean text, never yes of another.
func cleanBytes(s string) bool {
	for i := 0; i < len(s); i++ {
		if b := s[i]; b < 0x20 || b == 0x7F || b == 0xC2 || b == 0xE2 {
			return false
		}
	}
	return true
}

func unsafeRune(r rune) bool {
	return r < 0x20 || r == 0x7F || r >= 0x80 && r < 0xA0 || r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069
}

// withholdsIn reports whether the cell v of the known column c must not reach a Record.
func (m *clientMatcher) withholdsIn(c Column, v string) bool {
	switch c {
	case ProfessionalEmail:
		return false
	case ProfessionalName:
		return strings.IndexByte(v, '@') >= 0 && m.strangeEmail(fold(v))
	}
	return m.withholds(v)
}

// guard withholds the client data in the row's known columns: it returns the cell's text, or
// Withheld, and records the column on r.
func (p *parser) guarded(r *Record, cells []string, c Column) string {
	v := strings.TrimSpace(p.cell(cells, c))
	if p.raw != nil {
		p.raw.cells[c] = v // judged at the end, if the record is held
		return v
	}
	return p.judged(r, c, v)
}

// judged returns v, a cell of the known column c of the record r, cleaned, or Withheld, and
// records the column on r.
func (p *parser) judged(r *Record, c Column, v string) string {
	if v == "" || p.guard == nil || !p.guard.withholdsIn(c, v) {
		return CleanText(v)
	}
	r.Withheld = append(r.Withheld, c)
	if k := p.info.KeptColumn(c); k >= 0 && k < len(r.Cells) {
		r.Cells[k] = Withheld
	}
	return Withheld
}

// learnGuard reads the export once, before any record is made, for the client data its client
// columns hold and its professionals' names and emails. A problem in the file's rows is left
// for the reading that follows to report, row by row.
func learnGuard(path string, o Options, substrings bool) (*clientMatcher, error) {
	p, _, err := openAtHeader(path, o)
	if err != nil {
		return nil, err
	}
	defer p.src.close()
	m := p.learnGuard(substrings)
	if p.opts.ctx != nil {
		if err := p.opts.ctx.Err(); err != nil {
			return nil, err
		}
	}
	return m, nil
}

// learnGuard reads the rows below the header to the end, for learnGuard.
// Only Redact searches the client values as substrings (substrings); without, the matcher
// keeps no list that grows with the export's clients.
func (p *parser) learnGuard(substrings bool) *clientMatcher {
	l := newLearner(p.info, p.opts, substrings)
	for n := 0; p.src.next(); n++ {
		if p.stopped(n) != nil {
			break
		}
		_, cells := p.src.row()
		l.add(cells, p.src.shared())
	}
	// Only strangeEmail, in the reading that follows, asks for the known emails given late.
	return l.finish(p.opts)
}
