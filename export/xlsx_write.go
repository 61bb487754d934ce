package export

import (
	"io"
	"strings"
	"time"

	"github.com/hubinvoice/hubinvoice/export/internal/xlsx"
	"github.com/shopspring/decimal"
)

// XLSXOptions describe a workbook an XLSXWriter writes.
type XLSXOptions struct {
	Sheet                       string    // the sheet's name; "" means "Payments"
	Title, Creator, Description string    // the document's properties
	Time                        time.Time // dates the document and its parts; zero means 2000-01-01
	Widths                      []float64 // column widths in characters; 0 or missing: from the header
}

// An XLSXWriter writes rows of a Payments export as an .xlsx workbook, as Excel saves one: one
// sheet ("Payments" unless named), the header row bold and kept in view, texts in the shared
// strings table, dates as date cells, prices as numbers showing their currency's decimals. Set
// the cells of a row, then call EndRow; a cell left unset is no cell. The same rows give the
// same bytes.
type XLSXWriter struct {
	w      *xlsx.Writer
	date   xlsx.Style
	prices map[int32]xlsx.Style // by decimals
	cells  []xlsx.Cell
}

// NewXLSXWriter starts a workbook on w with its header row.
func NewXLSXWriter(w io.Writer, headers []string, o XLSXOptions) (*XLSXWriter, error) {
	widths := make([]float64, len(headers))
	for i, h := range headers {
		widths[i] = min(max(float64(len([]rune(h))+4), 10), 40)
		if i < len(o.Widths) && o.Widths[i] > 0 {
			widths[i] = o.Widths[i]
		}
	}
	sheet := o.Sheet
	if sheet == "" {
		sheet = "Payments"
	}
	xw, err := xlsx.NewWriter(w, xlsx.WriterOptions{
		Sheet: sheet, Title: o.Title, Creator: o.Creator, Description: o.Description,
		Time: o.Time, Widths: widths, Freeze: true,
	})
	if err != nil {
		return nil, err
	}
	x := &XLSXWriter{w: xw, prices: map[int32]xlsx.Style{}, cells: make([]xlsx.Cell, len(headers))}
	bold := xw.Style("", true)
	x.date = xw.Style("yyyy-mm-dd hh:mm", false)
	for i, h := range headers {
		x.cells[i] = xlsx.TextCell(h, bold)
	}
	return x, x.EndRow()
}

// Text sets cell col of the row to a text; an empty one is no cell.
func (x *XLSXWriter) Text(col int, s string) { x.cells[col] = xlsx.TextCell(s, 0) }

// Number sets cell col to a number as a sheet holds one (481276, 0.5, 1.5E-7).
func (x *XLSXWriter) Number(col int, v string) { x.cells[col] = xlsx.NumberCell(v, 0) }

// Date sets cell col to a date and time, shown as 2024-03-05 14:00.
func (x *XLSXWriter) Date(col int, t time.Time) { x.cells[col] = xlsx.DateCell(t, x.date) }

// Price sets cell col to an amount, shown with places decimals (#,##0.00 for 2).
func (x *XLSXWriter) Price(col int, p decimal.Decimal, places int32) {
	st, ok := x.prices[places]
	if !ok {
		format := "#,##0"
		if places > 0 {
			format += "." + strings.Repeat("0", int(places))
		}
		st = x.w.Style(format, false)
		x.prices[places] = st
	}
	x.cells[col] = xlsx.NumberCell(p.String(), st)
}

// EndRow writes the row and starts the next, empty.
func (x *XLSXWriter) EndRow() error {
	err := x.w.Row(x.cells)
	clear(x.cells)
	return err
}

// Close ends the workbook; it does not close the io.Writer.
func (x *XLSXWriter) Close() error { return x.w.Close() }
