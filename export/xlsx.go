package export

import (
	"fmt"

	"github.com/hubinvoice/hubinvoice/export/internal/xlsx"
)

// openXLSX opens the workbook's first sheet with package xlsx, which checks the archive's
// directory against opts.MaxUnzip before it unpacks anything.
func openXLSX(path string, opts Options, info *Info) (source, error) {
	s, err := xlsx.Open(path, xlsx.Options{MaxUnzip: opts.MaxUnzip})
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
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

var kindOf = [...]cellKind{xlsx.Number: kindNumber, xlsx.Text: kindText}
