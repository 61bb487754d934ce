package export

import (
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"
)

// RedactOptions say how Redact reads an export, which of its rows it copies and how it
// writes them.
type RedactOptions struct {
	Read   Options            // how to read the export (KeepCells is implied)
	Keep   func(*Record) bool // the rows to copy; nil copies every payment row
	Format string             // "xlsx" or "csv"
	// MinorUnits gives the decimals a currency's prices are shown with in .xlsx; nil shows
	// each price with the decimals it has (none, or two).
	MinorUnits func(currency string) int32
}

// Redaction describes the copy Redact wrote.
type Redaction struct {
	Info    *Info
	Headers []string  // the columns written, in order
	Removed []string  // every column left out, in order, as a spreadsheet names it: "D (Client Name)"
	Dropped []Dropped // the columns of Removed that are not client columns by their header, and why
	Rows    int       // payment rows written, below the header row
}

// Redact writes to w a copy of the export at path without its client columns (Client Name,
// Client Email and every column whose header names a client, customer or patient), for the
// platform's accounts department. It keeps the rows keep accepts, in file order, with every
// other column's values as the file holds them; title, blank and totals rows are left out, and
// the header row is the first row.
//
// No client name or email may reach the copy, whatever the column: the known columns are
// always copied, with Withheld in a cell that holds client data (as in a Record), but an
// unknown column is dropped when its header is blank or names a person's
// details (Kunde, Nafn, Name, E-mail, Phone, ...), or when a copied row holds in it a client's
// name or email (learned from the client columns of the whole export) or an email address that
// is no professional's. Redaction.Dropped says which, by column, never by value. An export
// with unknown columns is read three times; keep is called for each row on two of them.
//
// In .xlsx output the Session Date and Transaction Date are date-time cells, Service Price a
// number, and a number cell of the export a number; every other cell is text. In .csv output
// (UTF-8 with a byte order mark, comma-separated, as Excel writes "CSV UTF-8") dates read from
// .xlsx date cells are written as 2024-03-05 14:00 and prices as plain decimals; a CSV's cells
// are copied as they are, but for a formula, which CSVWriter neutralises. The same export and
// options give the same bytes.
//
// Like ReadFile, Redact checks every row and reports all problems at once; on an error,
// whatever it wrote to w must be thrown away.
func Redact(path string, w io.Writer, o RedactOptions) (*Redaction, error) {
	ro := o.Read
	ro.KeepCells = true
	guard, err := learnGuard(path, ro, true)
	if err != nil {
		return nil, err
	}
	p, _, err := openAtHeader(path, ro)
	if err != nil {
		return nil, err
	}
	defer p.src.close()
	p.guard = guard
	src, info := p.src, p.info
	plan, err := planColumns(path, ro, info, o.Keep, guard)
	if err != nil {
		return nil, err
	}
	red := &Redaction{Info: info, Headers: plan.headers, Removed: plan.removed, Dropped: plan.dropped}
	kinds := make([]Column, len(red.Headers)) // the known column each written one is, or -1
	for i := range kinds {
		kinds[i] = -1
	}
	for c := Column(0); c < NumColumns; c++ {
		if k := info.KeptColumn(c); k >= 0 {
			for j, cell := range plan.cols {
				if cell == k {
					kinds[j] = c
				}
			}
		}
	}
	var out sheetWriter
	switch o.Format {
	case "xlsx":
		out, err = newXLSXOut(w, red.Headers, kinds, src.numericCells(), o.MinorUnits)
	case "csv":
		out, err = newCSVOut(w, red.Headers, kinds, src.numericCells())
	default:
		return nil, fmt.Errorf("redact: unknown format %q: want xlsx or csv", o.Format)
	}
	if err != nil {
		return nil, err
	}
	defer out.close()
	cells := make([]string, len(plan.cols))
	err = p.rows(func(r *Record) error {
		if o.Keep != nil && !o.Keep(r) {
			return nil
		}
		for j, k := range plan.cols {
			cells[j] = cellAt(r, k)
		}
		written := *r
		written.Cells = cells
		red.Rows++
		return out.row(red.Rows+1, &written)
	})
	if err != nil {
		return nil, err
	}
	if err := out.finish(w); err != nil {
		return nil, err
	}
	return red, nil
}

// A sheetWriter writes the redacted rows, after the header row, in one format.
type sheetWriter interface {
	row(num int, r *Record) error // num is the row number in the output, the header being 1
	finish(w io.Writer) error
	close()
}

// cellAt returns the row's i-th kept cell. Cells beyond the header row's columns are not
// copied: with no header, nothing says they are not client data.
func cellAt(r *Record, i int) string {
	if i < len(r.Cells) {
		return r.Cells[i]
	}
	return ""
}

// textDate writes a date for a CSV: the minute, or the second when it has one.
func textDate(t time.Time) string {
	if t.Second() != 0 {
		return t.Format("2006-01-02 15:04:05")
	}
	return t.Format("2006-01-02 15:04")
}

// csvOut writes CSV as Excel's "CSV UTF-8" does: a byte order mark, commas, CRLF.
type csvOut struct {
	cw      *CSVWriter
	kinds   []Column
	numeric bool // cells are raw .xlsx values: dates as serial numbers
	rec     []string
}

func newCSVOut(w io.Writer, headers []string, kinds []Column, numeric bool) (*csvOut, error) {
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return nil, err
	}
	cw := NewCSVWriter(w)
	if err := cw.Write(headers); err != nil {
		return nil, err
	}
	return &csvOut{cw: cw, kinds: kinds, numeric: numeric, rec: make([]string, len(headers))}, nil
}

func (c *csvOut) row(_ int, r *Record) error {
	for i := range c.rec {
		v := cellAt(r, i)
		if c.numeric && strings.TrimSpace(v) != "" {
			switch c.kinds[i] {
			case SessionDate:
				v = textDate(r.Session)
			case TransactionDate:
				v = textDate(r.Paid)
			case ServicePrice:
				v = r.Price.String()
			}
		}
		c.rec[i] = v
	}
	return c.cw.Write(c.rec)
}

func (c *csvOut) finish(io.Writer) error { return c.cw.Flush() }

func (c *csvOut) close() {}

// xlsxOut writes the redacted workbook, its document properties fixed (dated 2000-01-01), so
// that the same rows give the same bytes.
type xlsxOut struct {
	x          *XLSXWriter
	kinds      []Column
	numeric    bool
	minorUnits func(string) int32
}

func newXLSXOut(w io.Writer, headers []string, kinds []Column, numeric bool, minorUnits func(string) int32) (*xlsxOut, error) {
	widths := make([]float64, len(headers))
	for i, h := range headers {
		width := float64(utf8.RuneCountInString(h) + 4)
		switch kinds[i] {
		case SessionDate, TransactionDate:
			width = max(width, 18)
		case ServiceName, ProfessionalName, ProfessionalEmail:
			width = max(width, 28)
		}
		widths[i] = min(max(width, 10), 40)
	}
	x, err := NewXLSXWriter(w, headers, XLSXOptions{Creator: "hubinvoice redact", Title: "Payments, without client data", Widths: widths})
	if err != nil {
		return nil, err
	}
	return &xlsxOut{x: x, kinds: kinds, numeric: numeric, minorUnits: minorUnits}, nil
}

// pricePlaces is how many decimals a price is shown with: its currency's, and never fewer
// than it has (a price is never shown rounded).
func (x *xlsxOut) pricePlaces(r *Record) int32 {
	places := int32(0)
	if x.minorUnits != nil {
		places = x.minorUnits(r.Currency)
	} else if r.Price.Exponent() < 0 {
		places = 2
	}
	if -r.Price.Exponent() > places && !r.Price.Equal(r.Price.Round(places)) {
		places = -r.Price.Exponent()
	}
	return places
}

func (x *xlsxOut) row(_ int, r *Record) error {
	for i, kind := range x.kinds {
		v := cellAt(r, i)
		if strings.TrimSpace(v) == "" {
			continue // an empty cell is no cell at all
		}
		switch {
		case kind == SessionDate:
			x.x.Date(i, r.Session)
		case kind == TransactionDate:
			x.x.Date(i, r.Paid)
		case kind == ServicePrice:
			x.x.Price(i, r.Price, x.pricePlaces(r))
		case x.numeric && plainNumber(v):
			x.x.Number(i, v)
		default:
			x.x.Text(i, v)
		}
	}
	return x.x.EndRow()
}

// plainNumber reports whether a raw .xlsx value is a number cell's, as spreadsheet programs
// write them (481276, 0.5, -12, 1.5E-7), and not text such as 007 or 12.000.
func plainNumber(v string) bool {
	mant, exp, hasExp := strings.Cut(strings.ToUpper(v), "E")
	mant = strings.TrimPrefix(mant, "-")
	whole, frac, hasFrac := strings.Cut(mant, ".")
	digits := func(s string) bool {
		if s == "" {
			return false
		}
		for i := 0; i < len(s); i++ {
			if s[i] < '0' || s[i] > '9' {
				return false
			}
		}
		return true
	}
	switch {
	case !digits(whole) || len(whole) > 1 && whole[0] == '0':
		return false
	case hasFrac && (!digits(frac) || strings.HasSuffix(frac, "0")):
		return false
	case hasExp:
		return digits(strings.TrimLeft(exp, "+-"))
	}
	return true
}

func (x *xlsxOut) finish(io.Writer) error { return x.x.Close() }
func (x *xlsxOut) close()                 {}
