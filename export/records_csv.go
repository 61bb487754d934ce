package export

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"
)

// WriteRecordsCSV writes records as a CSV the way Excel's "CSV UTF-8" does (a byte order
// mark, commas, CRLF): a header row of the columns' canonical headers, then one row per record
// with those columns' values. Dates are written as 2024-03-05 14:00 (an empty cell when the
// record has none), prices as plain decimals with the currency's minorUnits of decimals (nil
// writes each as it is, never rounded). Every cell is made safe against formula injection
// (SafeCell). A client column is refused: a Record holds no client data to write.
func WriteRecordsCSV(w io.Writer, recs []*Record, cols []Column, minorUnits func(currency string) int32) error {
	header := make([]string, len(cols))
	for i, c := range cols {
		if c.IsClient() || c < 0 || c >= NumColumns {
			return fmt.Errorf("export: no records CSV with column %s", c.Header())
		}
		header[i] = c.Header()
	}
	cw, err := NewCSVWriter(w, header)
	if err != nil {
		return err
	}
	row := make([]string, len(cols))
	for _, r := range recs {
		for i, c := range cols {
			row[i] = recordCell(r, c, minorUnits)
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	return cw.Flush()
}

// recordCell is a record's value in a known non-client column, as text for a CSV.
func recordCell(r *Record, c Column, minorUnits func(string) int32) string {
	switch c {
	case TransactionID:
		return r.TransactionID
	case TransactionDate:
		if r.Paid.IsZero() {
			return ""
		}
		return textDate(r.Paid)
	case SessionDate:
		if r.Session.IsZero() {
			return ""
		}
		return textDate(r.Session)
	case ServiceName:
		return r.Service
	case ServicePrice:
		if minorUnits == nil {
			return r.Price.String()
		}
		places := minorUnits(r.Currency)
		if -r.Price.Exponent() > places && !r.Price.Equal(r.Price.Round(places)) {
			return r.Price.String() // never a price rounded
		}
		return r.Price.StringFixed(places)
	case ServiceCurrency:
		return r.Currency
	case ProfessionalName:
		return r.Professional
	case ProfessionalEmail:
		return r.ProfEmail
	case Type:
		return r.Type
	case Sponsor:
		return r.Sponsor
	case Status:
		return r.Status
	case SessionStatus:
		return r.SessionState
	}
	return ""
}

// CSVWriter writes a CSV as Excel's "CSV UTF-8" does: a byte order mark, commas, CRLF line
// ends; every cell made safe against formula injection (SafeCell).
type CSVWriter struct {
	cw  *csv.Writer
	rec []string
}

// NewCSVWriter starts a CSV on w with its header row.
func NewCSVWriter(w io.Writer, header []string) (*CSVWriter, error) {
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return nil, err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	c := &CSVWriter{cw: cw}
	if err := c.Write(header); err != nil {
		return nil, err
	}
	return c, nil
}

// Write writes one row.
func (c *CSVWriter) Write(cells []string) error {
	c.rec = c.rec[:0]
	for _, s := range cells {
		c.rec = append(c.rec, SafeCell(s))
	}
	return c.cw.Write(c.rec)
}

// Flush writes out what is buffered and reports any error of the writes.
func (c *CSVWriter) Flush() error {
	c.cw.Flush()
	return c.cw.Error()
}

// SafeCell returns a CSV cell that a spreadsheet program opens as text, never as a formula: a
// cell that starts with = + - @, a tab or a carriage return gets a leading apostrophe, as
// OWASP advises against CSV injection. The value stays readable; other cells are unchanged.
func SafeCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
