// Package xlsx reads the sheets of an .xlsx workbook: the zip checks that keep a damaged or
// hostile file from taking the machine's memory (zip.go), the workbook's parts (the sheet list,
// the shared strings) and a streaming reader of sheet XML (sheet.go) on a scanner written for
// it (xmlscan.go).
//
// It knows nothing of the Payments export: it gives rows of cells, numbered as a spreadsheet
// shows them, with whether each cell is a number or a text. Package export maps them to
// records. excelize is the reference it is tested against (package xlsxtest), never linked
// into hubinvoice.
package xlsx

import (
	"archive/zip"
	"fmt"
	"io"
	"strings"
)

// Kind says what a spreadsheet cell held: a number (a price, or a date as a serial number)
// or a text.
type Kind uint8

const (
	_      Kind = iota
	Number      // a number, or a date as a serial number
	Text        // a shared, inline or formula string, a boolean or an error value
)

// Open checks the archive's directory against the limits (see checkZip), then opens the
// workbook's first sheet for reading. Errors name neither the file nor the format: the
// caller does.
func Open(path string, o Options) (*Sheet, error) {
	limit := o.MaxUnzip
	if limit <= 0 {
		limit = DefaultMaxUnzip
	}
	if err := checkZip(path, limit); err != nil {
		return nil, err
	}
	return openSheet(path, o)
}

// OpenReader is Open for a workbook held in r (size bytes), such as one in memory: the same
// checks, then the first sheet. Closing the sheet does not close r.
func OpenReader(r io.ReaderAt, size int64, o Options) (*Sheet, error) {
	limit := o.MaxUnzip
	if limit <= 0 {
		limit = DefaultMaxUnzip
	}
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, fmt.Errorf("is not a readable spreadsheet workbook (%v)", err)
	}
	if err := checkArchive(zr.File, limit); err != nil {
		return nil, err
	}
	return openSheetZip(zr, nil, o)
}

// oneLine keeps an error message from a library on one line.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// ColumnName returns a column's letters as a spreadsheet shows them: 0 → A, 26 → AA.
func ColumnName(i int) string {
	s := ""
	for i++; i > 0; i = (i - 1) / 26 {
		s = string(rune('A'+(i-1)%26)) + s
	}
	return s
}
