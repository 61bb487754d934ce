package register

import (
	"encoding/csv"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/hubinvoice/hubinvoice/export"
	"github.com/hubinvoice/hubinvoice/invoice"
	"github.com/shopspring/decimal"
)

// exportHeaders are the columns of an export of the register: one row per document and
// currency, so that a column of amounts adds up in one currency.
var exportHeaders = []string{
	"Number", "Kind", "Credits", "Month", "Professional", "Professional Email", "Bill To",
	"Bill To Email", "Sessions", "Currency", "Amount", "Issue Date", "Status", "Paid Date",
	"Expected Payment", "Credited By",
}

// The columns that are numbers; every other one is text.
const (
	colSessions = 8
	colCurrency = 9
	colAmount   = 10
)

func exportRows(docs []*Document, today time.Time) [][]string {
	var out [][]string
	str := func(p *string) string {
		if p == nil {
			return ""
		}
		return *p
	}
	for _, d := range docs {
		e := d.Entry(today)
		for _, t := range e.Totals {
			n := 0
			for _, l := range d.Invoice.Lines {
				if l.Currency == t.Currency {
					n++
				}
			}
			out = append(out, []string{e.Number, e.Kind, str(e.Credits), e.Month, e.Professional.Name,
				e.Professional.Email, e.BillTo.Name, e.BillTo.Email, strconv.Itoa(n), t.Currency,
				t.Amount, e.IssueDate, e.Status, str(e.PaidDate), str(e.ExpectedPayment), str(e.CreditedBy)})
		}
	}
	return out
}

// Export writes the documents, with their status as of today, as CSV (Excel's "CSV UTF-8":
// a byte order mark, CRLF) or as an .xlsx workbook, chosen by the file name's extension.
// The same documents give the same bytes.
func Export(w io.Writer, name string, docs []*Document, today time.Time) error {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".csv":
		return writeCSV(w, exportRows(docs, today))
	case ".xlsx":
		return writeXLSX(w, exportRows(docs, today))
	}
	return fmt.Errorf("%s: an export is written as .csv or .xlsx", name)
}

// writeCSV writes the rows; a text cell is made safe against formula injection, while a credit
// note's negative amount stays a number a spreadsheet adds up.
func writeCSV(w io.Writer, rows [][]string) error {
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	cw.Write(exportHeaders)
	rec := make([]string, len(exportHeaders))
	for _, r := range rows {
		for i, c := range r {
			if i != colAmount && i != colSessions {
				c = export.SafeCell(c)
			}
			rec[i] = c
		}
		cw.Write(rec)
	}
	cw.Flush()
	return cw.Error()
}

func writeXLSX(w io.Writer, rows [][]string) error {
	x, err := export.NewXLSXWriter(w, exportHeaders, export.XLSXOptions{
		Sheet: "Register", Title: "Invoices and credit notes issued", Creator: "hubinvoice register",
	})
	if err != nil {
		return err
	}
	for _, r := range rows {
		for i, c := range r {
			switch i {
			case colSessions:
				x.Number(i, c)
			case colAmount:
				amount, err := decimal.NewFromString(c)
				if err != nil {
					return err
				}
				x.Price(i, amount, invoice.MinorUnits(r[colCurrency]))
			default:
				if c != "" {
					x.Text(i, c)
				}
			}
		}
		if err := x.EndRow(); err != nil {
			return err
		}
	}
	return x.Close()
}
