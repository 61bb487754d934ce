package xlsx

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// writeBook writes rows with a Writer and returns the file's path.
func writeBook(t testing.TB, o WriterOptions, rows [][]Cell) string {
	t.Helper()
	return writeBookStyled(t, o, func(*Writer) [][]Cell { return rows })
}

// writeBookStyled writes the rows that rows makes, with the styles it makes on the Writer.
func writeBookStyled(t testing.TB, o WriterOptions, rows func(*Writer) [][]Cell) string {
	t.Helper()
	var buf bytes.Buffer
	w, err := NewWriter(&buf, o)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows(w) {
		if err := w.Row(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "written.xlsx")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// What the Writer writes, our reader and excelize read back alike, every text as it was.
func TestWriterReadsBack(t *testing.T) {
	texts := []string{"Þórdís Guðmundsdóttir", "  spaced  ", "a & b < c > d", "_x0041_ stays", "_x005F_ too",
		"line\nbreak", "cr\r\nlf", "_x0041\x01", "_x00", "tab\there", "bell\x07", "=HYPERLINK(\"x\")", "Credit", ""}
	day := time.Date(2024, 3, 5, 14, 30, 0, 0, time.UTC)
	var rows [][]Cell
	path := writeBookStyled(t, WriterOptions{Sheet: "Payments", Title: "T & C", Widths: []float64{18, 0, 30}, Freeze: true}, func(w *Writer) [][]Cell {
		bold, date, cents := w.Style("", true), w.Style("yyyy-mm-dd hh:mm", false), w.Style("#,##0.00", false)
		if again := w.Style("#,##0.00", false); again != cents {
			t.Errorf("the same style twice: %d, then %d", cents, again)
		}
		rows = [][]Cell{{TextCell("Session Date", bold), TextCell("Service Price", bold), TextCell("Note", bold)}}
		for i, s := range texts {
			rows = append(rows, []Cell{DateCell(day.Add(time.Duration(i)*time.Hour), date), NumberCell("18500.5", cents), TextCell(s, 0)})
		}
		return append(rows, nil, []Cell{{}, {}, TextCell("Credit", 0)}, []Cell{NumberCell("1.5E-7", 0)})
	})
	rows = append(rows, nil, nil, nil)
	got := checkSame(t, path)
	if len(got) != len(rows) {
		t.Fatalf("%d rows, want %d", len(got), len(rows))
	}
	for i, s := range texts {
		row := got[i+1].cells
		want := s
		if s == "" {
			if len(row) != 2 {
				t.Errorf("row %d: %q, want no third cell", i+2, row)
			}
			continue
		}
		if len(row) != 3 || row[2] != want {
			t.Errorf("row %d: %q, want %q", i+2, row, want)
		}
	}
	if c := got[1].cells[0]; c != "45356.604166666664" {
		t.Errorf("the date 2024-03-05 14:30 is %s, want 45356.604166666664", c)
	}
	src, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	if src.Name() != "Payments" {
		t.Errorf("sheet %q, want Payments", src.Name())
	}
	src.Next()
	src.Next()
	if src.Kind(0) != Number || src.Kind(2) != Text {
		t.Errorf("kinds %d %d: want a number and a text", src.Kind(0), src.Kind(2))
	}
}

// Excel's way: every text is a shared string, each once, the cells of type "s".
func TestWriterSharedStrings(t *testing.T) {
	path := writeBook(t, WriterOptions{}, [][]Cell{
		{TextCell("Type", 0), TextCell("Sponsor", 0)},
		{TextCell("Credit", 0), TextCell("ACME", 0)},
		{TextCell("Credit", 0), TextCell("Össur", 0)},
	})
	parts := zipParts(t, path)
	sst, sheet := parts["xl/sharedStrings.xml"], parts["xl/worksheets/sheet1.xml"]
	if !strings.Contains(sst, `count="6" uniqueCount="5"`) || strings.Count(sst, "<si>") != 5 {
		t.Errorf("shared strings: %s", sst)
	}
	if strings.Count(sheet, ` t="s"`) != 6 || strings.Contains(sheet, "inlineStr") || strings.Contains(sheet, "Credit") {
		t.Errorf("sheet: %s", sheet)
	}
	if !strings.Contains(parts["[Content_Types].xml"], "sharedStrings+xml") {
		t.Errorf("content types do not name the shared strings")
	}
}

// The same rows give the same bytes.
func TestWriterDeterministic(t *testing.T) {
	rows := [][]Cell{{TextCell("a", 0), DateCell(time.Date(2024, 1, 2, 3, 4, 0, 0, time.UTC), 0)}}
	a, _ := os.ReadFile(writeBook(t, WriterOptions{Title: "x"}, rows))
	b, _ := os.ReadFile(writeBook(t, WriterOptions{Title: "x"}, rows))
	if !bytes.Equal(a, b) {
		t.Error("two writes of the same rows differ")
	}
}

func TestWriterRefusesNonNumbers(t *testing.T) {
	w, err := NewWriter(new(bytes.Buffer), WriterOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []string{"12,5", "NaN", "Inf", "0x10", "", "1_000"} {
		w.err = nil
		if err := w.Row([]Cell{NumberCell(v, 0)}); err == nil || !strings.Contains(err.Error(), "is not a number") {
			t.Errorf("NumberCell(%q): %v, want an error", v, err)
		}
	}
}

// zipParts returns every part of the archive at path.
func zipParts(t testing.TB, path string) map[string]string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	parts := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		parts[f.Name] = string(b)
	}
	return parts
}

// Any valid text written reads back as it was. The workbook stays in memory and only our
// reader reads it, so that the fuzzer makes thousands of round trips a second; excelize reads
// the same escapes back in TestWriterReadsBack.
func FuzzWriterText(f *testing.F) {
	for _, s := range []string{"Þórdís", " lead", "_x0041_", "_x005f_x", "a\r\nb\rc", "\x00\x1f", "<&>\"'", "\uFFFE"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) || s == "" {
			return
		}
		var buf bytes.Buffer
		w, err := NewWriter(&buf, WriterOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if err := w.Row([]Cell{TextCell(s, 0)}); err != nil {
			t.Fatal(err)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
		if err != nil {
			t.Fatal(err)
		}
		src, err := openSheetZip(zr, nil, Options{Goroutines: 1})
		if err != nil {
			t.Fatal(err)
		}
		rows, err := readRows(src, 2)
		if err != nil || len(rows) != 1 || len(rows[0].cells) != 1 || rows[0].cells[0] != s {
			t.Fatalf("wrote %q, read back %q, %v", s, rows, err)
		}
	})
}
