package export

import (
	"fmt"
	"io"
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
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return err
	}
	cw := NewCSVWriter(w)
	if err := cw.Write(header); err != nil {
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
