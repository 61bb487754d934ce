// Package xlsxtest holds the reference that tests check package xlsx and package export
// against: excelize's streaming read of a sheet, with raw cell values; and the workbook their
// benchmarks read (BenchExport). Only tests import it, so that hubinvoice does not link excelize.
package xlsxtest

import (
	"errors"
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"
)

// A Reader streams the first sheet of a workbook through excelize, with raw cell values:
// the reference xlsx.Sheet is tested against. (Formatting every cell costs most of
// excelize's read time, and raw values are what the parser wants anyway: serial numbers for
// dates, plain numbers for prices.)
type Reader struct {
	f      *excelize.File
	rows   *excelize.Rows
	sheet  string
	num    int
	cells  []string
	e      error
	d1904  bool
	closed bool
}

// Open opens the first sheet of the workbook at path; limit bounds what it may unpack to.
func Open(path string, limit int64) (*Reader, error) {
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
	rows, err := f.Rows(sheets[0])
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: sheet %q cannot be read (%s)", path, sheets[0], oneLine(err.Error()))
	}
	s := &Reader{f: f, rows: rows, sheet: sheets[0]}
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		s.d1904 = *props.Date1904
	}
	return s, nil
}

// Next advances one row. excelize's iterator yields every row number in turn, including the
// ones a sparse sheet leaves out, so counting calls gives the row a spreadsheet shows.
func (s *Reader) Next() bool {
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

func (s *Reader) Row() (int, []string) { return s.num, s.cells }
func (s *Reader) Err() error {
	err := errors.Join(s.e, s.rows.Error())
	if err != nil {
		return fmt.Errorf("sheet %q: %s", s.sheet, oneLine(err.Error()))
	}
	return nil
}
func (s *Reader) Date1904() bool { return s.d1904 }

// Name is the name of the sheet being read.
func (s *Reader) Name() string { return s.sheet }
func (s *Reader) Close() error {
	if s.closed {
		return nil
	}
	s.closed = true
	s.rows.Close()
	return s.f.Close() // removes the temporary files excelize unpacked big sheets to
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
