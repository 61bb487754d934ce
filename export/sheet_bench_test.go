package export

import (
	"archive/zip"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkReadXLSX reads a generated 100k-row sample export (about 80 MB of sheet XML),
// written once per run, and reports MB/s of sheet XML:
//
//	sheet-1       our reader, rows only, on one goroutine
//	sheet-2       inflating on a goroutine of its own
//	sheet-3       scanning rows on a third (what ReadFile does with a sheet this big)
//	ReadFile      our reader and the export parser: every record
//	excelize      excelize's streaming read with raw values, the reference
//
// HUBINVOICE_BENCH_XLSX=FILE reads FILE instead, such as a 1M-row `hubinvoice sample`.
func BenchmarkReadXLSX(b *testing.B) {
	path := os.Getenv("HUBINVOICE_BENCH_XLSX")
	if path == "" {
		path = filepath.Join(b.TempDir(), "sample.xlsx")
		f, err := os.Create(path)
		if err != nil {
			b.Fatal(err)
		}
		if err := WriteSampleXLSX(f, SampleOptions{Rows: 100_000, Seed: 1}); err != nil {
			b.Fatal(err)
		}
		if err := f.Close(); err != nil {
			b.Fatal(err)
		}
	}
	size := sheetXMLSize(b, path)
	rows := func(open func() (source, error)) func(*testing.B) {
		return func(b *testing.B) {
			b.SetBytes(size)
			for b.Loop() {
				src, err := open()
				if err != nil {
					b.Fatal(err)
				}
				n := 0
				for src.next() {
					n++
				}
				if err := src.err(); err != nil {
					b.Fatal(err)
				}
				src.close()
				if n == 0 {
					b.Fatal("no rows")
				}
			}
		}
	}
	for n := 1; n <= 3; n++ {
		b.Run(fmt.Sprintf("sheet-%d", n), rows(func() (source, error) { return openSheet(path, sheetOptions{goroutines: n}) }))
	}
	b.Run("ReadFile", func(b *testing.B) {
		b.SetBytes(size)
		for b.Loop() {
			if _, err := ReadFile(path, Options{}, func(*Record) error { return nil }); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("excelize", rows(func() (source, error) { return openExcelize(path, DefaultMaxUnzip, &Info{}) }))
}

// sheetXMLSize is the unpacked size of the workbook's first sheet.
func sheetXMLSize(tb testing.TB, path string) int64 {
	tb.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		if f.Name == "xl/worksheets/sheet1.xml" {
			return int64(f.UncompressedSize64)
		}
	}
	tb.Fatal("no xl/worksheets/sheet1.xml")
	return 0
}
