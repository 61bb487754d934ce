package export

import (
	"bufio"
	"io"
	"strings"
)

// CSVWriter writes CSV for spreadsheet programs: comma-separated, rows ending in CRLF as Excel
// writes them, a cell quoted when it holds a comma, a quote, a line break or a leading space,
// and every cell made safe to open (see SafeCell). Unlike encoding/csv with UseCRLF, it keeps
// a carriage return inside a cell: dropping it would turn "\r=1" into a formula. Every CSV
// hubinvoice writes goes through it.
type CSVWriter struct {
	// LF ends rows in a line feed alone, as Unix tools write CSV (summary.csv); a CR inside a
	// cell is kept either way.
	LF  bool
	w   *bufio.Writer
	err error
}

// NewCSVWriter returns a CSVWriter writing to w; call Flush at the end.
func NewCSVWriter(w io.Writer) *CSVWriter {
	return &CSVWriter{w: bufio.NewWriter(w)}
}

// Write writes one row.
func (c *CSVWriter) Write(cells []string) error {
	if c.err != nil {
		return c.err
	}
	for i, v := range cells {
		if i > 0 {
			c.w.WriteByte(',')
		}
		v = SafeCell(v)
		if !needsQuotes(v) {
			c.w.WriteString(v)
			continue
		}
		c.w.WriteByte('"')
		c.w.WriteString(strings.ReplaceAll(v, `"`, `""`))
		c.w.WriteByte('"')
	}
	end := "\r\n"
	if c.LF {
		end = "\n"
	}
	_, c.err = c.w.WriteString(end)
	return c.err
}

// Flush writes what is buffered and reports the first error of any Write or of the flush.
func (c *CSVWriter) Flush() error {
	if c.err != nil {
		return c.err
	}
	c.err = c.w.Flush()
	return c.err
}

func needsQuotes(v string) bool {
	return v != "" && (strings.ContainsAny(v, ",\"\r\n") || v[0] == ' ' || v[0] == '\t')
}

// SafeCell returns a cell's text so that a spreadsheet program opening the CSV shows it rather
// than running it: a text that begins with = + - @, a tab or a carriage return (a formula, or
// one hidden behind a blank: =HYPERLINK(...), @SUM(1), =cmd|' /C calc'!A0) gets a leading
// apostrophe, as OWASP advises, and stays readable. A plain number such as -12.50 or +1 is kept
// as it is: it is a value, no formula, and a refund's price must stay a number.
func SafeCell(v string) string {
	if v == "" || !strings.ContainsRune("=+-@\t\r", rune(v[0])) || plainSigned(v) {
		return v
	}
	return "'" + v
}

// plainSigned reports whether v is a sign followed by a plain decimal number: -12, +1, -0.50.
func plainSigned(v string) bool {
	if len(v) < 2 || v[0] != '-' && v[0] != '+' {
		return false
	}
	digits, dot := 0, false
	for i := 1; i < len(v); i++ {
		switch c := v[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' && !dot && digits > 0 && i < len(v)-1:
			dot = true
		default:
			return false
		}
	}
	return digits > 0
}
