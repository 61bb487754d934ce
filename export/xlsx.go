package export

import (
	"errors"
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"
)

// openXLSX checks the archive's directory, then streams the workbook's first sheet with
// sheetSource, or with excelize (xlsxSource) when opts.reference is set: tests compare the
// two.
func openXLSX(path string, opts Options, info *Info) (source, error) {
	limit := opts.MaxUnzip
	if limit <= 0 {
		limit = DefaultMaxUnzip
	}
	if err := checkZip(path, limit); err != nil {
		return nil, err
	}
	if opts.reference {
		return openExcelize(path, limit, info)
	}
	s, err := openSheet(path, sheetOptions{})
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	info.Sheet = s.sheet
	return s, nil
}

// xlsxSource streams the first sheet of a workbook through excelize, with raw cell values:
// the reference sheetSource is tested against. (Formatting every cell costs most of
// excelize's read time, and raw values are what the parser wants anyway: serial numbers for
// dates, plain numbers for prices.)
type xlsxSource struct {
	f      *excelize.File
	rows   *excelize.Rows
	sheet  string
	num    int
	cells  []string
	e      error
	d1904  bool
	closed bool
}

func openExcelize(path string, limit int64, info *Info) (*xlsxSource, error) {
	f, err := excelize.OpenFile(path, excelize.Options{
		RawCellValue:      true,
		UnzipSizeLimit:    limit,
		UnzipXMLSizeLimit: 16 << 20,
	})
	if err != nil {
		return nil, fmt.Errorf("%s: is not a readable .xlsx workbook (%s)", path, oneLine(err.Error()))
	}
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		f.Close()
		return nil, fmt.Errorf("%s: the workbook has no sheets", path)
	}
	info.Sheet = sheets[0]
	rows, err := f.Rows(sheets[0])
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: sheet %q cannot be read (%s)", path, sheets[0], oneLine(err.Error()))
	}
	s := &xlsxSource{f: f, rows: rows, sheet: sheets[0]}
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		s.d1904 = *props.Date1904
	}
	return s, nil
}

// next advances one row. excelize's iterator yields every row number in turn, including the
// ones a sparse sheet leaves out, so counting calls gives the row a spreadsheet shows.
func (s *xlsxSource) next() bool {
	if s.e != nil || !s.rows.Next() {
		return false
	}
	s.num++
	cells, err := s.rows.Columns(excelize.Options{RawCellValue: true})
	if err != nil {
		s.cells, s.e = nil, err
		return false
	}
	s.cells = cells
	return true
}

func (s *xlsxSource) row() (int, []string) { return s.num, s.cells }
func (s *xlsxSource) err() error {
	err := errors.Join(s.e, s.rows.Error())
	if err != nil {
		return fmt.Errorf("sheet %q: %s", s.sheet, oneLine(err.Error()))
	}
	return nil
}
func (s *xlsxSource) numericCells() bool { return true }
func (s *xlsxSource) date1904() bool     { return s.d1904 }
func (s *xlsxSource) close() error {
	if s.closed {
		return nil
	}
	s.closed = true
	s.rows.Close()
	return s.f.Close() // removes the temporary files excelize unpacked big sheets to
}

func oneLine(s string) string           { return strings.Join(strings.Fields(s), " ") }
func (s *xlsxSource) kind(int) cellKind { return kindUnknown }
