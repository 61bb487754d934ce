package invoice

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// Default number formats: the issue year and a counter that restarts each year.
const (
	DefaultNumberFormat = "{yyyy}-{seq:4}"
	DefaultCreditFormat = "CN-{yyyy}-{seq:4}"
)

// Numbering is how a register numbers a professional's documents.
type Numbering struct {
	Invoice NumberFormat // invoices
	Credit  NumberFormat // credit notes
	First   int64        // the first number of a format the register has never given; >= 1
}

// NumberFormat is a parsed number format such as "{yyyy}-{seq:4}": literal text and the
// fields {yyyy} (the issue year), {yy}, {mm} (the issue month) and exactly one {seq} or
// {seq:N} (the counter, at least N digits).
//
// A series is the format with {seq} taken out: the numbers of one series count 1, 2, 3, ...
// with no gap. "{yyyy}-{seq:4}" starts a new series each year, "{yyyy}{mm}-{seq}" each month
// and "TG-{seq:5}" never.
type NumberFormat struct {
	text  string
	parts []numberPart
}

type numberPart struct {
	literal string
	field   string // "yyyy", "yy", "mm", "seq" or "" for a literal
	width   int    // for seq: the least number of digits
}

// formatLiteral is what a number may hold between its fields: letters, digits and . _ / -
func formatLiteral(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("._/-", r)
}

// ParseNumberFormat parses a number format; its errors say what is wrong, without the field's
// name (the caller has it).
func ParseNumberFormat(s string) (NumberFormat, error) {
	f := NumberFormat{text: s}
	seqs := 0
	rest := s
	for rest != "" {
		open := strings.IndexByte(rest, '{')
		if open < 0 {
			open = len(rest)
		}
		if lit := rest[:open]; lit != "" {
			if strings.ContainsRune(lit, '}') {
				return NumberFormat{}, fmt.Errorf("%q has a '}' with no '{'", s)
			}
			for _, r := range lit {
				if !formatLiteral(r) {
					return NumberFormat{}, fmt.Errorf("%q has %q: a number holds letters, digits, '.', '_', '/', '-' and the fields {yyyy}, {yy}, {mm}, {seq}", s, r)
				}
			}
			f.parts = append(f.parts, numberPart{literal: lit})
		}
		if open == len(rest) {
			break
		}
		end := strings.IndexByte(rest[open:], '}')
		if end < 0 {
			return NumberFormat{}, fmt.Errorf("%q has a '{' with no '}'", s)
		}
		name := rest[open+1 : open+end]
		rest = rest[open+end+1:]
		p := numberPart{field: name}
		if n, w, ok := strings.Cut(name, ":"); ok && n == "seq" {
			width, err := strconv.Atoi(w)
			if err != nil || width < 1 || width > 9 {
				return NumberFormat{}, fmt.Errorf("%q: {seq:%s} wants a width from 1 to 9, e.g. {seq:4}", s, w)
			}
			p.field, p.width = "seq", width
		}
		switch p.field {
		case "seq":
			seqs++
		case "yyyy", "yy", "mm":
		default:
			return NumberFormat{}, fmt.Errorf("%q has an unknown field {%s}: use {yyyy}, {yy}, {mm}, {seq} or {seq:N}", s, name)
		}
		f.parts = append(f.parts, p)
	}
	switch {
	case seqs == 0:
		return NumberFormat{}, fmt.Errorf("%q has no {seq}: each number needs the counter, e.g. \"{yyyy}-{seq:4}\"", s)
	case seqs > 1:
		return NumberFormat{}, fmt.Errorf("%q has {seq} %d times: want it once", s, seqs)
	case len(s) > 40:
		return NumberFormat{}, fmt.Errorf("%q is longer than 40 characters", s)
	}
	return f, nil
}

// MustNumberFormat parses a format known to be good.
func MustNumberFormat(s string) NumberFormat {
	f, err := ParseNumberFormat(s)
	if err != nil {
		panic(err)
	}
	return f
}

// String returns the format as written.
func (f NumberFormat) String() string { return f.text }

// IsZero reports whether f was never parsed.
func (f NumberFormat) IsZero() bool { return f.parts == nil }

// Series returns the series a document issued on day belongs to: the format with its date
// fields filled in and {seq} left as written, e.g. "{seq:4}" → "2024-{seq:4}".
func (f NumberFormat) Series(day time.Time) string {
	return f.expand(day, func(p numberPart) string {
		if p.width > 0 {
			return "{seq:" + strconv.Itoa(p.width) + "}"
		}
		return "{seq}"
	})
}

// Number returns the number of the seq-th document of day's series: "2024-0007".
func (f NumberFormat) Number(day time.Time, seq int64) string {
	return f.expand(day, func(p numberPart) string {
		s := strconv.FormatInt(seq, 10)
		if pad := p.width - len(s); pad > 0 {
			s = strings.Repeat("0", pad) + s
		}
		return s
	})
}

func (f NumberFormat) expand(day time.Time, seq func(numberPart) string) string {
	var b strings.Builder
	for _, p := range f.parts {
		switch p.field {
		case "":
			b.WriteString(p.literal)
		case "yyyy":
			fmt.Fprintf(&b, "%04d", day.Year())
		case "yy":
			fmt.Fprintf(&b, "%02d", day.Year()%100)
		case "mm":
			fmt.Fprintf(&b, "%02d", int(day.Month()))
		case "seq":
			b.WriteString(seq(p))
		}
	}
	return b.String()
}

// NumberFormats returns the profile's numbering, with the defaults for what [numbering] leaves
// out: "{yyyy}-{seq:4}" (after invoice.number_prefix, when set), "CN-{yyyy}-{seq:4}", first 1.
func (p *Profile) NumberFormats() (Numbering, error) {
	ns := p.Numbering
	format := ns.Format
	if format == "" {
		format = p.Invoice.NumberPrefix + DefaultNumberFormat
	}
	credit := ns.CreditFormat
	if credit == "" {
		credit = DefaultCreditFormat
	}
	inv, err := ParseNumberFormat(format)
	if err != nil {
		return Numbering{}, p.errorf("numbering.format: %v", err)
	}
	cn, err := ParseNumberFormat(credit)
	if err != nil {
		return Numbering{}, p.errorf("numbering.credit_format: %v", err)
	}
	first := int64(1)
	if ns.First != nil {
		first = *ns.First
	}
	if first < 1 {
		return Numbering{}, p.errorf("numbering.first: %d is not a first number: want 1 or more", first)
	}
	return Numbering{Invoice: inv, Credit: cn, First: first}, nil
}

// DefaultNumbering is the numbering of a profile without a [numbering] table.
func DefaultNumbering() Numbering {
	return Numbering{Invoice: MustNumberFormat(DefaultNumberFormat), Credit: MustNumberFormat(DefaultCreditFormat), First: 1}
}
