package export

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// zipPart is a part of a generated workbook; declared, when set, is the unpacked size its
// directory entry claims for a body written as it is.
type zipPart struct {
	name, body string
	declared   uint64
}

// writeWorkbook writes a minimal workbook whose first sheet is xl/worksheets/sheet1.xml, with
// the parts given added or in place of the minimal ones.
func writeWorkbook(t *testing.T, parts ...zipPart) string {
	t.Helper()
	base := []zipPart{
		{name: "xl/workbook.xml", body: `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Payments" sheetId="1" r:id="rId1"/></sheets></workbook>`},
		{name: "xl/_rels/workbook.xml.rels", body: `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`},
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range append(base, parts...) {
		var w interface{ Write([]byte) (int, error) }
		var err error
		if p.declared > 0 {
			w, err = zw.CreateRaw(&zip.FileHeader{Name: p.name, Method: zip.Store, CompressedSize64: uint64(len(p.body)), UncompressedSize64: p.declared})
		} else {
			w, err = zw.Create(p.name)
		}
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(p.body))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "book.xlsx")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestWorkbookLimits: a part that unpacks to far more than any spreadsheet compresses to (a
// zip bomb), and shared strings beyond what an export holds, are refused from the archive's
// directory, before anything is unpacked, in one line naming the file.
func TestWorkbookLimits(t *testing.T) {
	sheet := func(filler string) string {
		return `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` + filler + `</sheetData></worksheet>`
	}
	for _, tt := range []struct {
		name string
		part zipPart
		want string
	}{
		{"sheet bomb", zipPart{name: "xl/worksheets/sheet1.xml", body: sheet(strings.Repeat(" ", 8<<20))},
			"the workbook's part xl/worksheets/sheet1.xml unpacks to 8.0 MiB from 8"},
		{"shared strings bomb", zipPart{name: "xl/sharedStrings.xml", body: `<sst>` + strings.Repeat("<si><t>Jón</t></si>", 200000) + `</sst>`},
			"the workbook's part xl/sharedStrings.xml unpacks to 3.8 MiB from "},
		{"shared strings beyond an export's", zipPart{name: "xl/sharedStrings.xml", body: "<sst/>", declared: 1 << 30},
			"the workbook declares a part (xl/sharedStrings.xml) that unpacks to 1.0 GiB, more than hubinvoice reads (a damaged or hostile file?)"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			parts := []zipPart{tt.part}
			if tt.part.name != "xl/worksheets/sheet1.xml" {
				parts = append(parts, zipPart{name: "xl/worksheets/sheet1.xml", body: sheet("")})
			}
			path := writeWorkbook(t, parts...)
			_, err := ReadFile(path, Options{}, func(*Record) error { return nil })
			if err == nil || !strings.HasPrefix(err.Error(), path+": "+tt.want) || strings.Contains(err.Error(), "\n") {
				t.Errorf("got %v\nwant %s", err, path+": "+tt.want+"...")
			}
		})
	}
}

const limitsHeader = "Session Date,Client Name,Service Name,Service Price,Type,Professional Email\n"

// TestCSVLimits: a row or cell longer than any spreadsheet writes is refused in one line that
// names the file and the row, once met (the file is generated, never kept: a row of 2 MiB,
// quoted cells of many short lines).
func TestCSVLimits(t *testing.T) {
	good := "2024-03-05 10:00,A,S,100,Credit,p@x.is\n"
	for _, tt := range []struct {
		name, content, want string
	}{
		{"long line", limitsHeader + good + "2024-03-05 10:00,A," + strings.Repeat("x", 2<<20) + ",100,Credit,p@x.is\n" + good,
			"row 3: is longer than 1 MiB, far more than a payment's row (a damaged or hostile file?)"},
		{"long quoted cell of short lines", limitsHeader + good + good + "2024-03-05 10:00,A,\"" + strings.Repeat("line of text\n", 200000) + "\",100,Credit,p@x.is\n",
			"row 4: is longer than 1 MiB, far more than a payment's row (a damaged or hostile file?)"},
		{"cell beyond a spreadsheet's", limitsHeader + "2024-03-05 10:00,A,\"" + strings.Repeat("Þ\n", 20000) + "\",100,Credit,p@x.is\n",
			"row 2, column C: a cell of more than 32767 characters, more than a spreadsheet cell holds (a damaged or hostile file?)"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := writeTemp(t, "big.csv", tt.content)
			_, err := ReadFile(path, Options{}, func(*Record) error { return nil })
			if want := path + ": " + tt.want; err == nil || err.Error() != want {
				t.Errorf("got %v\nwant %s", err, want)
			}
		})
	}
}

// TestCSVWithCRLineEnds: lines that end in a lone CR (the classic Mac OS's) are read as lines,
// a CR inside a quoted cell as a line break (which a Record's text has as a space).
func TestCSVWithCRLineEnds(t *testing.T) {
	content := strings.ReplaceAll(limitsHeader+"2024-03-05 10:00,A,\"two\nlines\",100,Credit,p@x.is\n2024-03-06 10:00,B,S,200,Credit,p@x.is\n", "\n", "\r")
	recs, _, err := readAll(t, writeTemp(t, "mac.csv", content), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 2 || recs[0].Service != "two lines" || recs[1].Row != 3 || recs[1].Price.String() != "200" {
		t.Errorf("got %d records: %+v", len(recs), recs)
	}
}
