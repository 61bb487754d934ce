package export

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/hubinvoice/hubinvoice/export/internal/xlsx"
	"github.com/hubinvoice/hubinvoice/export/internal/xlsxtest"
)

// The records ReadFile makes from a workbook read by package xlsx, against those it makes from
// the same workbook read by excelize (package xlsxtest), the reference. Package xlsx compares
// the two readers row by row; here the parser on top of them must agree too.

// referenceSource is the source of a sheet read by excelize. It cannot tell a number cell from
// a text cell (kindUnknown).
type referenceSource struct{ r *xlsxtest.Reader }

func (x referenceSource) next() bool           { return x.r.Next() }
func (x referenceSource) row() (int, []string) { return x.r.Row() }
func (x referenceSource) err() error           { return x.r.Err() }
func (x referenceSource) shared() []int32      { return nil }
func (x referenceSource) close() error         { return x.r.Close() }
func (x referenceSource) numericCells() bool   { return true }
func (x referenceSource) date1904() bool       { return x.r.Date1904() }
func (x referenceSource) kind(int) cellKind    { return kindUnknown }

// read parses the rows of src, an export opened as info says, withholding what guard finds,
// and closes it.
func read(src source, info *Info, opts Options, guard *clientMatcher, fn func(*Record) error) (*Info, error) {
	defer src.close()
	p := &parser{opts: opts, info: info, src: src, guard: guard}
	if err := p.findHeader(); err != nil {
		return info, err
	}
	if err := p.rows(fn); err != nil {
		return info, err
	}
	return info, nil
}

// readAllReference is readAll with the workbook read by excelize.
func readAllReference(t testing.TB, path string, opts Options) ([]*Record, *Info, error) {
	t.Helper()
	limit := opts.MaxUnzip
	if limit <= 0 {
		limit = DefaultMaxUnzip
	}
	// The same archive checks as ours, before excelize unpacks anything.
	if s, err := xlsx.Open(path, xlsx.Options{MaxUnzip: limit}); err != nil {
		return nil, nil, fmt.Errorf("%s: %v", path, err)
	} else {
		s.Close()
	}
	guard, err := learnGuard(path, opts, false)
	if err != nil {
		return nil, nil, err
	}
	r, err := xlsxtest.Open(path, limit)
	if err != nil {
		return nil, nil, err
	}
	info := newInfo(path)
	info.Format, info.Sheet = "xlsx", r.Name()
	var recs []*Record
	info, err = read(referenceSource{r}, info, opts, guard, func(r *Record) error {
		recs = append(recs, r)
		return nil
	})
	return recs, info, err
}

// checkSameRecords reads the export at path through ReadFile with each reader: the records,
// the Info and the errors must be the same.
func checkSameRecords(t *testing.T, path string) {
	t.Helper()
	opts := Options{Currency: "ISK", KeepCells: true}
	ours, ourInfo, ourErr := readAll(t, path, opts)
	ref, refInfo, refErr := readAllReference(t, path, opts)
	if fmt.Sprint(ourErr) != fmt.Sprint(refErr) {
		t.Errorf("ReadFile errors differ\nours:     %v\nexcelize: %v", ourErr, refErr)
	}
	if !reflect.DeepEqual(ours, ref) {
		t.Errorf("ReadFile records differ (%d ours, %d excelize)", len(ours), len(ref))
	}
	if !reflect.DeepEqual(ourInfo, refInfo) {
		t.Errorf("ReadFile info differs\nours:     %+v\nexcelize: %+v", ourInfo, refInfo)
	}
}

func TestXLSXFixturesSameRecords(t *testing.T) {
	paths, err := filepath.Glob("../testdata/fixtures/*.xlsx")
	if err != nil || len(paths) < 2 {
		t.Fatalf("fixtures: %v %v", paths, err)
	}
	for _, path := range paths {
		t.Run(filepath.Base(path), func(t *testing.T) { checkSameRecords(t, path) })
	}
}

// A workbook written by excelize cell by cell (shared strings, dates with a style), with more
// than one sheet.
func TestXLSXWrittenSameRecords(t *testing.T) {
	rows := [][]any{{"Transaction Date", "Session Date", "Service Name", "Service Price", "Service Currency", "Type", "Client Name"}}
	day := time.Date(2024, 3, 1, 9, 0, 0, 0, time.UTC)
	for i := range 300 {
		at := day.Add(time.Duration(i) * 97 * time.Minute)
		price := any(12500 + 250*(i%9))
		if i%2 == 1 {
			price = float64(95+i%13) + 0.5
		}
		rows = append(rows, []any{at.Add(-time.Hour), at, fmt.Sprintf("Viðtal %d", i%7), price,
			[]string{"ISK", "EUR"}[i%2], []string{"Credit", "Card", "Invoice"}[i%3], fmt.Sprintf("Sigrún %d", i)})
	}
	path := writeXLSX(t, rows)
	recs, _, err := readAll(t, path, Options{})
	if err != nil || len(recs) != 300 {
		t.Fatalf("%d records, %v; want 300", len(recs), err)
	}
	checkSameRecords(t, path)
}

// Every error from a damaged workbook names the file, on every line but a hint.
func TestXLSXErrorsNameTheFile(t *testing.T) {
	dir := t.TempDir()
	for name, data := range map[string][]byte{
		"truncated.xlsx": func() []byte {
			b, err := os.ReadFile(writeXLSX(t, [][]any{{"Session Date", "Service Price"}, {"05.03.2024", 100}}))
			if err != nil {
				t.Fatal(err)
			}
			return b[:len(b)/2]
		}(),
		"garbage.xlsx": []byte("PK\x03\x04 not a zip archive at all"),
	} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		_, _, err := readAll(t, path, Options{})
		if err == nil {
			t.Fatalf("%s: read without error", name)
		}
		for _, line := range strings.Split(err.Error(), "\n") {
			if !strings.HasPrefix(line, path+": ") && !strings.HasPrefix(line, "hint: ") {
				t.Errorf("%s: error line %q does not name the file", name, line)
			}
		}
	}
}
