package xlsx_test

import (
	"fmt"
	"io"
	"testing"

	"github.com/hubinvoice/hubinvoice/export/internal/xlsx"
	"github.com/hubinvoice/hubinvoice/export/internal/xlsxtest"
	"github.com/hubinvoice/hubinvoice/internal/sample"
)

// BenchmarkSheet reads a clinic's export as Excel saves it (shared strings, 2,000
// professionals, 100k rows: about 50 MB of sheet XML and 2 MB of shared strings) with the
// engine alone, rows only, and reports MB/s of sheet XML and allocations per read:
//
//	inflate       the sheet's part inflated and its checksum checked, nothing parsed: the floor
//	goroutines-1  inflating, scanning and handing out rows on one goroutine
//	goroutines-2  inflating on a goroutine of its own
//	goroutines-3  scanning rows on a third, as export.ReadFile does with a sheet this big
//
// HUBINVOICE_BENCH_XLSX=FILE reads FILE instead, such as a 1M-row `hubinvoice sample`.
func BenchmarkSheet(b *testing.B) {
	path, sheet := xlsxtest.BenchExport(b, func(w io.Writer) error {
		return sample.WriteXLSX(w, sample.Options{Rows: 100_000, Professionals: 2000, Seed: 1})
	})
	size := int64(sheet.UncompressedSize64)
	b.Run("inflate", func(b *testing.B) {
		b.SetBytes(size)
		buf := make([]byte, 1<<20)
		for b.Loop() {
			n, err := xlsx.InflatePart(sheet, buf)
			if err != nil || n != size {
				b.Fatalf("%d bytes, %v", n, err)
			}
		}
	})
	for n := 1; n <= 3; n++ {
		b.Run(fmt.Sprintf("goroutines-%d", n), func(b *testing.B) {
			b.SetBytes(size)
			b.ReportAllocs()
			for b.Loop() {
				s, err := xlsx.Open(path, xlsx.Options{Goroutines: n})
				if err != nil {
					b.Fatal(err)
				}
				rows := 0
				for s.Next() {
					rows++
				}
				if err := s.Err(); err != nil {
					b.Fatal(err)
				}
				s.Close()
				if rows < 2 {
					b.Fatal("no rows")
				}
			}
		})
	}
}
