package xlsxtest

import (
	"archive/zip"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// BenchExport is the workbook the .xlsx benchmarks read: HUBINVOICE_BENCH_XLSX when set
// (such as a 1M-row `hubinvoice sample`), else one written by write into a temporary file
// (a clinic's export, as the callers' sample.WriteXLSX makes it). It returns the workbook's
// path and its first sheet, whose unpacked size the benchmarks report MB/s of. The file is
// the caller's to give: this package cannot import the sample generator, whose package
// imports export, whose tests import this one.
func BenchExport(tb testing.TB, write func(io.Writer) error) (string, *zip.File) {
	tb.Helper()
	path := os.Getenv("HUBINVOICE_BENCH_XLSX")
	if path == "" {
		path = filepath.Join(tb.TempDir(), "clinic.xlsx")
		f, err := os.Create(path)
		if err != nil {
			tb.Fatal(err)
		}
		if err := write(f); err != nil {
			tb.Fatal(err)
		}
		if err := f.Close(); err != nil {
			tb.Fatal(err)
		}
	}
	zr, err := zip.OpenReader(path)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { zr.Close() })
	for _, f := range zr.File {
		if f.Name == "xl/worksheets/sheet1.xml" {
			return path, f
		}
	}
	tb.Fatal(path + ": no xl/worksheets/sheet1.xml")
	return "", nil
}
