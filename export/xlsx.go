package export

import (
	"errors"
	"fmt"
	"strings"

	"github.com/hubinvoice/hubinvoice/export/internal/xlsx"
)

// openXLSX opens the workbook's sheet opts.Sheet, or its first, with package xlsx, which
// checks the archive's directory against opts.MaxUnzip before it unpacks anything.
func openXLSX(path string, opts Options, info *Info) (source, error) {
	s, err := xlsx.Open(path, xlsx.Options{MaxUnzip: opts.MaxUnzip, Sheet: opts.Sheet})
	if err != nil {
		return nil, fmt.Errorf("%s: %v", info.File, err)
	}
	info.Sheet = s.Name()
	return xlsxSource{s}, nil
}

// xlsxSource is the source of a sheet read by package xlsx.
type xlsxSource struct{ s *xlsx.Sheet }

func (x xlsxSource) next() bool           { return x.s.Next() }
func (x xlsxSource) row() (int, []string) { return x.s.Row() }
func (x xlsxSource) err() error           { return x.s.Err() }
func (x xlsxSource) close() error         { return x.s.Close() }
func (x xlsxSource) numericCells() bool   { return true }
func (x xlsxSource) date1904() bool       { return x.s.Date1904() }
func (x xlsxSource) kind(i int) cellKind  { return kindOf[x.s.Kind(i)] }
func (x xlsxSource) shared() []int32      { return x.s.Shared() }

var kindOf = [...]cellKind{xlsx.Number: kindNumber, xlsx.Text: kindText}

// findPaymentsSheet finds the sheet of a workbook of several sheets that holds the export's
// header: the first named like Payments that does, else the first that does. first is the
// workbook's first sheet, open. A sheet whose header lacks a column the caller requires does
// not hold the payments either; when no sheet does, that sheet's error is returned, or one
// that lists the sheets.
func findPaymentsSheet(path string, o Options, first xlsxSource, info *Info) (*parser, *Info, error) {
	sheets := first.s.Sheets()
	order := make([]string, 0, len(sheets))
	for _, n := range sheets {
		if paymentsSheet(n) {
			order = append(order, n)
		}
	}
	for _, n := range sheets {
		if !paymentsSheet(n) {
			order = append(order, n)
		}
	}
	var lacking error // the first header's error: a sheet with the payments but not a column
	var lackingInfo *Info
	for _, name := range order {
		src, in := first, info
		if name != sheets[0] {
			s, err := xlsx.Open(path, xlsx.Options{MaxUnzip: o.MaxUnzip, Sheet: name})
			if err != nil {
				first.close()
				return nil, nil, fmt.Errorf("%s: %v", info.File, err)
			}
			src, in = xlsxSource{s}, newInfo(info.File)
			in.Format, in.Sheet = "xlsx", name
		}
		p := &parser{opts: o, info: in, src: src}
		err := p.findHeader()
		if err == nil {
			if name != sheets[0] {
				first.close() // a Sheet may be closed twice
				in.Notes = append(in.Notes, fmt.Sprintf("read the payments on sheet %q: the first sheet, %q, holds no export header", name, sheets[0]))
			}
			return p, in, nil
		}
		src.close()
		var nh *noHeaderError
		switch {
		case errors.As(err, &nh):
		case in.HeaderRow > 0: // a header, without a column the caller needs
			if lacking == nil {
				lacking, lackingInfo = err, in
			}
		default:
			first.close()
			return nil, in, err // a damaged sheet
		}
	}
	first.close()
	if lacking != nil {
		return nil, lackingInfo, lacking
	}
	return nil, info, fmt.Errorf("%s: no sheet holds the payments: none of the sheets %s names the export's columns (Session Date, Service Price, Type, ...) in its first %d rows\nhint: export Payments > Paid sessions from the portal, or choose the sheet with --sheet NAME", info.File, xlsx.QuoteNames(sheets), headerSearchRows)
}

// paymentsSheet reports whether a sheet's name says it holds payments: Payments, Paid
// sessions, Greiðslur.
func paymentsSheet(name string) bool {
	n := normHeader(name)
	return strings.Contains(n, "payment") || strings.Contains(n, "paidsession") || strings.Contains(n, "greiðsl") || strings.Contains(n, "greidsl")
}
