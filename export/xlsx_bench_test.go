package export_test

import (
	"io"
	"testing"

	"github.com/hubinvoice/hubinvoice/export"
	"github.com/hubinvoice/hubinvoice/export/internal/xlsxtest"
	"github.com/hubinvoice/hubinvoice/internal/sample"
)

// BenchmarkReadXLSX reads a generated 100k-row clinic's export (2,000 professionals, about
// 50 MB of sheet XML), written once per run, and reports MB/s of sheet XML:
//
//	ReadFile      our reader and the export parser: every record
//	excelize      excelize's streaming read with raw values, the reference
//
// The engine alone, rows only, on one to three goroutines, is BenchmarkSheet in package xlsx.
//
// HUBINVOICE_BENCH_XLSX=FILE reads FILE instead, such as a 1M-row `hubinvoice sample`.
func BenchmarkReadXLSX(b *testing.B) {
	path, sheet := xlsxtest.BenchExport(b, func(w io.Writer) error {
		return sample.WriteXLSX(w, sample.Options{Rows: 100_000, Professionals: 2000, Seed: 1})
	})
	size := int64(sheet.UncompressedSize64)
	rows := func(open func() (rowSource, error)) func(*testing.B) {
		return func(b *testing.B) {
			b.SetBytes(size)
			for b.Loop() {
				src, err := open()
				if err != nil {
					b.Fatal(err)
				}
				n := 0
				for src.Next() {
					n++
				}
				if err := src.Err(); err != nil {
					b.Fatal(err)
				}
				src.Close()
				if n == 0 {
					b.Fatal("no rows")
				}
			}
		}
	}
	b.Run("ReadFile", func(b *testing.B) {
		b.SetBytes(size)
		for b.Loop() {
			if _, err := export.ReadFile(path, export.Options{}, func(*export.Record) error { return nil }); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("excelize", rows(func() (rowSource, error) { return xlsxtest.Open(path, export.DefaultMaxUnzip) }))
}

// rowSource is what the excelize reference gives.
type rowSource interface {
	Next() bool
	Row() (int, []string)
	Err() error
	Close() error
}
