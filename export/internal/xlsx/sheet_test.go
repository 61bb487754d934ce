package xlsx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hubinvoice/hubinvoice/export/internal/xlsxtest"
	"github.com/xuri/excelize/v2"
)

// Our sheet reader (Sheet) against excelize (xlsxtest.Reader), the reference: both must give
// the same rows, numbered the same, with the same cells. No normalisation is needed: both
// leave a cell with no value out (so neither ends a row with empty cells, except for a
// formula cell with no cached value, which both keep as ""), and both give a row the sheet
// skips as a row with no cells (nil and empty compare equal).

type sheetRow struct {
	num   int
	cells []string
}

func (r sheetRow) String() string { return fmt.Sprintf("row %d %q", r.num, r.cells) }

// rowSource is what Sheet and the excelize reference have in common.
type rowSource interface {
	Next() bool
	Row() (int, []string)
	Err() error
	Close() error
}

// readRows reads up to max rows from src and closes it.
func readRows(src rowSource, max int) ([]sheetRow, error) {
	defer src.Close()
	var rows []sheetRow
	for len(rows) < max && src.Next() {
		num, cells := src.Row()
		rows = append(rows, sheetRow{num, append([]string(nil), cells...)})
	}
	return rows, src.Err()
}

func readSheet(path string, o Options, max int) ([]sheetRow, error) {
	src, err := openSheet(path, o)
	if err != nil {
		return nil, err
	}
	return readRows(src, max)
}

func sameRows(a, b []sheetRow) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].num != b[i].num || len(a[i].cells) != len(b[i].cells) {
			return false
		}
		for j := range a[i].cells {
			if a[i].cells[j] != b[i].cells[j] {
				return false
			}
		}
	}
	return true
}

// bothReaders reads the workbook at path with both readers.
func bothReaders(t testing.TB, path string, max int) (ours, ref []sheetRow, ourErr, refErr error) {
	t.Helper()
	ours, ourErr = readSheet(path, Options{}, max)
	for _, o := range []Options{{Goroutines: 1}, {Goroutines: 2}, {Goroutines: 3}} {
		if rows, err := readSheet(path, o, max); fmt.Sprint(err) != fmt.Sprint(ourErr) || !sameRows(rows, ours) {
			t.Errorf("read with %+v: %v, %d rows; read as ReadFile does: %v, %d rows", o, err, len(rows), ourErr, len(ours))
		}
	}
	ex, err := xlsxtest.Open(path, DefaultMaxUnzip)
	if err != nil {
		refErr = err
	} else {
		ref, refErr = readRows(ex, max)
	}
	return ours, ref, ourErr, refErr
}

// checkSame fails unless both readers read the workbook at path alike, without error.
func checkSame(t *testing.T, path string) []sheetRow {
	t.Helper()
	ours, ref, ourErr, refErr := bothReaders(t, path, 1<<30)
	if ourErr != nil || refErr != nil {
		t.Fatalf("ours: %v; excelize: %v", ourErr, refErr)
	}
	if !sameRows(ours, ref) {
		t.Errorf("the readers differ\n%s", diffRows(ours, ref))
	}
	if len(ours) == 0 {
		t.Errorf("no rows")
	}
	return ours
}

func diffRows(ours, ref []sheetRow) string {
	var b strings.Builder
	n := 0
	for i := 0; i < max(len(ours), len(ref)) && n < 5; i++ {
		var o, r sheetRow
		if i < len(ours) {
			o = ours[i]
		}
		if i < len(ref) {
			r = ref[i]
		}
		if !sameRows([]sheetRow{o}, []sheetRow{r}) {
			fmt.Fprintf(&b, "ours:     %v\nexcelize: %v\n", o, r)
			n++
		}
	}
	fmt.Fprintf(&b, "(%d rows ours, %d excelize)", len(ours), len(ref))
	return b.String()
}

func TestSheetFixtures(t *testing.T) {
	paths, err := filepath.Glob("../../../testdata/fixtures/*.xlsx")
	if err != nil || len(paths) < 2 {
		t.Fatalf("fixtures: %v %v", paths, err)
	}
	for _, path := range paths {
		t.Run(filepath.Base(path), func(t *testing.T) {
			checkSame(t, path)
		})
	}
}

// Workbooks written by excelize, in each of the ways it writes cells.
func TestSheetGenerated(t *testing.T) {
	at := time.Date(2024, 3, 5, 14, 30, 0, 0, time.UTC)
	tests := []struct {
		name  string
		build func(t *testing.T, f *excelize.File)
	}{
		{"shared strings, numbers, dates", func(t *testing.T, f *excelize.File) {
			date, _ := f.NewStyle(&excelize.Style{NumFmt: 22})
			money, _ := f.NewStyle(&excelize.Style{NumFmt: 4})
			set(t, f, "A1", "Session Date", "Service Price", "Type", "Client Name", "Note")
			for r := 2; r < 40; r++ {
				cell := func(c string) string { return c + strconv.Itoa(r) }
				set(t, f, cell("A"), at.AddDate(0, 0, r), 18500+r, "Credit", "Sigrún Jónsdóttir", r%3 == 0)
				f.SetCellStyle("Sheet1", cell("A"), cell("A"), date)
				f.SetCellStyle("Sheet1", cell("B"), cell("B"), money)
			}
			set(t, f, "E7", 12.5, -3, 1e-7, 123456789012345678, 0.1+0.2)
		}},
		{"empty cells and sparse rows", func(t *testing.T, f *excelize.File) {
			set(t, f, "C3", "third column of the third row")
			set(t, f, "A5", "a", nil, "", "d")
			set(t, f, "Z9", "far")
			set(t, f, "B12", "  spaces kept  ")
			f.SetCellStyle("Sheet1", "A20", "D20", mustStyle(t, f, &excelize.Style{Font: &excelize.Font{Bold: true}}))
			set(t, f, "XFD30", "last column")
		}},
		{"text that needs escaping", func(t *testing.T, f *excelize.File) {
			set(t, f, "A1", `<b>&amp; "quoted" 'single'`, "line\nbreak", "tab\there", "carriage\r\nreturn", "_x0041_ literal", "bell\x07", "Þórdís Guðmundsdóttir 😀")
		}},
		{"formulas", func(t *testing.T, f *excelize.File) {
			set(t, f, "A1", 1, 2)
			f.SetCellFormula("Sheet1", "C1", "A1+B1")
			f.SetCellFormula("Sheet1", "D1", `CONCATENATE("a","b")`)
			set(t, f, "A2", "after")
		}},
		{"odd styles", func(t *testing.T, f *excelize.File) {
			custom := "[$-409]d mmm yyyy h:mm AM/PM;@"
			styles := []*excelize.Style{
				{NumFmt: 10}, {NumFmt: 49}, {CustomNumFmt: &custom},
				{NumFmt: 14, Alignment: &excelize.Alignment{Horizontal: "center"}},
				{Fill: excelize.Fill{Type: "pattern", Color: []string{"FFFF00"}, Pattern: 1}},
			}
			for i, st := range styles {
				cell, _ := excelize.CoordinatesToCellName(1, i+1)
				set(t, f, cell, 45356.604166666664, "12.000", true, false, at)
				end, _ := excelize.CoordinatesToCellName(5, i+1)
				f.SetCellStyle("Sheet1", cell, end, mustStyle(t, f, st))
			}
		}},
		{"1904 dates", func(t *testing.T, f *excelize.File) {
			yes := true
			if err := f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &yes}); err != nil {
				t.Fatal(err)
			}
			set(t, f, "A1", "Session Date", "Service Price")
			set(t, f, "A2", at, 100)
			f.SetCellStyle("Sheet1", "A2", "A2", mustStyle(t, f, &excelize.Style{NumFmt: 22}))
		}},
		{"rich text", func(t *testing.T, f *excelize.File) {
			err := f.SetCellRichText("Sheet1", "B2", []excelize.RichTextRun{
				{Text: "Bold ", Font: &excelize.Font{Bold: true}},
				{Text: "and red", Font: &excelize.Font{Color: "FF0000"}},
				{Text: " _x0042_"},
			})
			if err != nil {
				t.Fatal(err)
			}
			set(t, f, "A2", "plain")
		}},
		{"sheet order", func(t *testing.T, f *excelize.File) {
			// The first sheet in the workbook is not sheet1.xml.
			f.NewSheet("Payments")
			set(t, f, "A1", "on Sheet1")
			if err := f.SetCellValue("Payments", "A1", "on Payments"); err != nil {
				t.Fatal(err)
			}
			if err := f.MoveSheet("Payments", "Sheet1"); err != nil {
				t.Fatal(err)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := excelize.NewFile()
			defer f.Close()
			tt.build(t, f)
			path := filepath.Join(t.TempDir(), "book.xlsx")
			if err := f.SaveAs(path); err != nil {
				t.Fatal(err)
			}
			checkSame(t, path)
		})
	}
}

func set(t *testing.T, f *excelize.File, at string, values ...any) {
	t.Helper()
	col, row, err := excelize.CellNameToCoordinates(at)
	if err != nil {
		t.Fatal(err)
	}
	sheet := f.GetSheetName(0)
	for i, v := range values {
		cell, _ := excelize.CoordinatesToCellName(col+i, row)
		if err := f.SetCellValue(sheet, cell, v); err != nil {
			t.Fatal(err)
		}
	}
}

func mustStyle(t *testing.T, f *excelize.File, st *excelize.Style) int {
	t.Helper()
	id, err := f.NewStyle(st)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// The stream writer writes inline strings, and the sample export is written with it.
func TestSheetStreamWriter(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	date := mustStyle(t, f, &excelize.Style{NumFmt: 22})
	rows := [][]any{
		{"Session Date", "Service Price", "Type", "Note"},
		{excelize.Cell{StyleID: date, Value: time.Date(2024, 3, 5, 9, 0, 0, 0, time.UTC)}, 18500, "Credit", "  lead & trail  "},
		{nil, nil, "", "only D"},
		{excelize.Cell{Formula: "B2*2"}, 1.5, true, "x<y>z"},
	}
	for i, r := range rows {
		if err := sw.SetRow("A"+strconv.Itoa(2*i+1), r); err != nil { // every other row
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "stream.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	got := checkSame(t, path)
	if len(got) != 7 || got[2].cells[3] != "  lead & trail  " || got[4].cells[0] != "" || got[6].cells[3] != "x<y>z" {
		t.Errorf("got %v", got)
	}

	path = paymentsWorkbook(t, 300)
	if rows := checkSame(t, path); len(rows) != 301 {
		t.Errorf("payments: %d rows, want 301", len(rows))
	}
}

// paymentsWorkbook writes a workbook shaped like a Payments export with n rows (dates, prices,
// texts, Icelandic letters) through excelize's stream writer, as the sample export once was.
func paymentsWorkbook(t testing.TB, n int) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	date, err := f.NewStyle(&excelize.Style{NumFmt: 22})
	if err != nil {
		t.Fatal(err)
	}
	if err := sw.SetRow("A1", []any{"Transaction Date", "Session Date", "Service Name", "Service Price", "Service Currency", "Type", "Client Name"}); err != nil {
		t.Fatal(err)
	}
	day := time.Date(2024, 1, 2, 9, 0, 0, 0, time.UTC)
	for i := range n {
		at := day.Add(time.Duration(i) * 97 * time.Minute)
		row := []any{
			excelize.Cell{StyleID: date, Value: at.Add(-time.Hour)}, excelize.Cell{StyleID: date, Value: at},
			"Viðtal " + strconv.Itoa(i%7), 12500 + 250*(i%9), []string{"ISK", "EUR"}[i%2],
			[]string{"Credit", "Card", "Invoice"}[i%3], "Sigrún Þórsdóttir " + strconv.Itoa(i),
		}
		if i%2 == 1 {
			row[3] = float64(95+i%13) + 0.5
		}
		if err := sw.SetRow("A"+strconv.Itoa(i+2), row); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "payments.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

// testSST is the shared strings table of the workbooks writeSheetXML writes: plain, rich text
// with a phonetic run, escapes, spaces.
const testSST = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="8" uniqueCount="8">` +
	`<si><t>Session Date</t></si>` +
	`<si><t>Service Price</t></si>` +
	`<si><t>Credit</t></si>` +
	`<si><r><rPr><b/><sz val="11"/></rPr><t>Rich </t></r><r><t xml:space="preserve">text </t></r><rPh sb="0" eb="1"><t>PHONETIC</t></rPh><phoneticPr fontId="1"/></si>` +
	`<si><t xml:space="preserve">  spaced  </t></si>` +
	`<si><t>_x0041__x005F_x0042_ &amp; &#246;</t></si>` +
	`<si><t/></si>` +
	`<si><t>line&#13;
break</t></si>` +
	`</sst>`

// writeSheetXML writes a workbook whose first sheet is sheetXML, with testSST as its shared
// strings.
func writeSheetXML(t testing.TB, dir, sheetXML string, date1904 bool) string {
	t.Helper()
	path := filepath.Join(dir, "sheet.xlsx")
	if err := os.WriteFile(path, sheetWorkbook(t, sheetXML, date1904, zip.Deflate), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// sheetWorkbook is the workbook writeSheetXML writes, in memory, its parts stored or deflated.
func sheetWorkbook(t testing.TB, sheetXML string, date1904 bool, method uint16) []byte {
	pr := ""
	if date1904 {
		pr = `<workbookPr date1904="1"/>`
	}
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/data.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
		{"xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` + pr + `<sheets><sheet name="Payments" sheetId="1" r:id="rId7"/><sheet name="Other" sheetId="2" r:id="rId1"/></sheets></workbook>`},
		// An absolute target, and a first sheet that is not sheet1.xml.
		{"xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/data.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`},
		{"xl/sharedStrings.xml", testSST},
		{"xl/worksheets/data.xml", sheetXML},
		{"xl/worksheets/sheet1.xml", `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>not the first sheet</t></is></c></row></sheetData></worksheet>`},
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: method})
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(p.body))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const sheetHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`

// Sheet XML as other programs write it, and as none would but XML allows: each case names the
// rows it must give, and excelize must give the same.
func TestSheetXML(t *testing.T) {
	tests := []struct {
		name, xml string
		want      []sheetRow
	}{
		{"shared and inline strings, numbers, types",
			`<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><t>Type</t></is></c></row>` +
				`<row r="2"><c r="A2" s="3"><v>45356.604166666664</v></c><c r="B2" t="n"><v>18500</v></c><c r="C2" t="s"><v> 2 </v></c><c r="D2" t="b"><v>1</v></c><c r="E2" t="e"><v>#DIV/0!</v></c><c r="F2" t="str"><v>text</v></c><c r="G2" t="d"><v>2024-03-05T14:30:00</v></c></row></sheetData>`,
			[]sheetRow{{1, []string{"Session Date", "Service Price", "Type"}}, {2, []string{"45356.604166666664", "18500", "Credit", "1", "#DIV/0!", "text", "2024-03-05T14:30:00"}}}},
		{"rich text, phonetic runs and escapes",
			`<sheetData><row r="1"><c r="A1" t="s"><v>3</v></c><c r="B1" t="s"><v>4</v></c><c r="C1" t="s"><v>5</v></c><c r="D1" t="s"><v>6</v></c><c r="E1" t="s"><v>7</v></c>` +
				`<c r="F1" t="inlineStr"><is><r><t>in</t></r><r><rPr><i/></rPr><t>line</t></r><rPh sb="0" eb="1"><t>X</t></rPh></is></c>` +
				`<c r="G1" t="inlineStr"><is><t xml:space="preserve"> a_x000D_b _xD800_ _xDFFF_ _x005f_ _x12G4_ _x00e9_</t></is></c></row></sheetData>`,
			[]sheetRow{{1, []string{"Rich text ", "  spaced  ", "A_x0042_ & ö", "", "line\r\nbreak", "inline", " a\rb   _ _x12G4_ é"}}}},
		{"sparse rows, rows and cells without r, self-closing cells",
			`<sheetData><row r="3"><c r="B3" t="inlineStr"><is><t>b3</t></is></c><c t="inlineStr"><is><t>c3</t></is></c><c r="E3" s="1"/><c><v>6</v></c></row>` +
				`<row><c><v>1</v></c></row><row r="7"></row><row r="9"/><row r="10" spans="1:2"><c r="A10"/></row><row><c r="$B$11"><v>11</v></c><c r="d11"><v>d</v></c></row></sheetData>`,
			[]sheetRow{{1, nil}, {2, nil}, {3, []string{"", "b3", "c3", "", "", "6"}}, {4, []string{"1"}}, {5, nil}, {6, nil}, {7, nil}, {8, nil}, {9, nil}, {10, nil}, {11, []string{"", "11", "", "d"}}}},
		{"formulas",
			`<sheetData><row r="1"><c r="A1"><f>1+1</f><v>2</v></c><c r="B1" t="str"><f>"a"&amp;"b"</f><v>ab</v></c><c r="C1"><f>NOW()</f></c><c r="D1" t="s"><f/><v></v></c><c r="E1"><f t="shared" ref="E1:E2" si="0">A1</f><v>2</v></c><c r="F1" t="s"><v>6</v></c></row>` +
				`<row r="2"><c r="A2" t="s"><f>X</f><v>6</v></c></row><row r="3"><c r="A3" t="inlineStr"><f>Y</f><is><t></t></is></c></row><row r="4"><c r="B4" t="inlineStr"><is><t></t></is></c></row></sheetData>`,
			[]sheetRow{{1, []string{"2", "ab", "", "", "2"}}, {2, []string{""}}, {3, []string{""}}, {4, nil}}},
		{"entities, character references, CDATA, comments",
			`<sheetData><!-- a comment --><row r="1"><c r="A1" t="str"><v>&lt;&gt;&amp;&quot;&apos;&#65;&#x42;&#xe9;&#128512;</v></c>` +
				`<c r="B1" t="str"><v><![CDATA[<raw & kept>]]></v></c><c r="C1" t="inlineStr"><is><t>a<!-- c -->b<?pi x?>c<![CDATA[d]]></t></is></c>` +
				"<c r=\"D1\" t=\"str\"><v>cr\r\nlf\rcr</v></c><c r=\"E1\" t=\"&#115;\"><v>&#50;</v></c><c r='F1' t='str'><v>single quotes</v></c></row></sheetData>",
			[]sheetRow{{1, []string{`<>&"'ABé😀`, "<raw & kept>", "abcd", "cr\nlf\ncr", "Credit", "single quotes"}}}},
		{"namespace prefixes",
			`<x:sheetData xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>prefixed</x:t></x:is></x:c><x:c r="B1" x:t="s"><x:v>2</x:v></x:c></x:row></x:sheetData>`,
			[]sheetRow{{1, []string{"prefixed", "Credit"}}}},
		{"pretty-printed, with elements we do not read",
			"<sheetPr><outlinePr/></sheetPr>\n<dimension ref=\"A1:B2\"/>\n<sheetData>\n  <row r=\"1\" spans=\"1:2\" ht=\"15\" customHeight=\"1\">\n    <c r=\"A1\" s=\"2\" t=\"inlineStr\">\n      <is><t>pretty</t></is>\n    </c>\n    <c r=\"B1\" cm=\"1\"><v>2</v><extLst><ext uri=\"x\"><foo/></ext></extLst></c>\n  </row>\n  <extLst/>\n</sheetData>\n<mergeCells count=\"1\"><mergeCell ref=\"A1:B1\"/></mergeCells>",
			[]sheetRow{{1, []string{"pretty", "2"}}}},
		{"several values and inline strings in a cell",
			`<sheetData><row r="1"><c r="A1"><v>1</v><v>2</v></c><c r="B1" t="inlineStr"><is><t>a</t><t>b</t><r><t>c</t><t>d</t></r></is><is><r><t>e</t></r></is></c><c r="C1" t="inlineStr"><v>no is</v></c><c r="D1" t="str"><v>x<foo>y</foo>z</v></c></row></sheetData>`,
			[]sheetRow{{1, []string{"2", "bde", "no is", "xz"}}}},
		{"no sheetData", ``, nil},
		{"empty sheetData", `<sheetData/>`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeSheetXML(t, t.TempDir(), sheetHead+tt.xml+`</worksheet>`, false)
			ours, ref, ourErr, refErr := bothReaders(t, path, 1000)
			if ourErr != nil || refErr != nil {
				t.Fatalf("ours: %v; excelize: %v", ourErr, refErr)
			}
			if !sameRows(ours, tt.want) {
				t.Errorf("ours differs from what we want\n%s", diffRows(ours, tt.want))
			}
			if !sameRows(ours, ref) {
				t.Errorf("ours differs from excelize\n%s", diffRows(ours, ref))
			}
		})
	}
}

// Where excelize reads a damaged sheet into something arbitrary (or quietly stops), ours
// stops with an error that names the row.
func TestSheetDamaged(t *testing.T) {
	tests := []struct{ name, xml, want string }{
		{"rows out of order", `<row r="2"><c><v>1</v></c></row><row r="2"><c><v>1</v></c></row>`, `row 2: the row comes after row 2`},
		{"row zero", `<row r="0"/>`, `row 1: row number 0 is outside`},
		{"too many rows", `<row r="1048577"/>`, `row number 1048577 is outside`},
		{"row number not a number", `<row r="x1"/>`, `row 1: the row's number is not a number`},
		{"a name as the row number", `<row r="Jón Jónsson"/>`, `row 1: the row's number is not a number`},
		{"cells out of order", `<row r="4"><c r="C4"><v>1</v></c><c r="B4"><v>2</v></c></row>`, `row 4: a cell of column B comes after column C`},
		{"cell reference", `<row r="1"><c r="A0"><v>1</v></c></row>`, `row 1: a cell's reference is not valid`},
		{"a name as the cell reference", `<row r="1"><c r="Jón Jónsson"><v>1</v></c></row>`, `row 1: a cell's reference is not valid`},
		{"column past XFD", `<row r="1"><c r="XFE1"><v>1</v></c></row>`, `a cell's reference is not valid`},
		{"missing shared string", `<row r="5"><c r="A5" t="s"><v>8</v></c></row>`, `row 5: column A refers to shared string 8, which the workbook does not have`},
		{"shared string index", `<row r="5"><c r="B5" t="s"><v>one</v></c></row>`, `row 5: column B refers to a shared string by something that is not a number`},
		{"a name as the shared string index", `<row r="5"><c r="B5" t="s"><v>Jón Jónsson</v></c></row>`, `row 5: column B refers to a shared string by something that is not a number`},
		{"a name as markup", `<row r="1"><c r="A1" t="inlineStr"><is><t><Jón Jónsson></t></is></c></row>`, `row 1: the sheet's XML is damaged: an attribute of an element has no value`},
		{"a name as an end tag", `<row r="1"><c r="A1"><v>1</Jón></c></row>`, `row 1: the sheet's XML is damaged: <v> is closed by the end of another element`},
		{"unclosed", `<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2`, `row 2: the sheet's XML is damaged: <v> is closed by </sheetData>`},
		{"mismatched tags", `<row r="1"><c r="A1"><v>1</c></row>`, `row 1: the sheet's XML is damaged: <v> is closed by </c>`},
		{"unknown entity", `<row r="3"><c r="A3" t="str"><v>&nbsp;</v></c></row>`, `row 3: the sheet's XML is damaged: a damaged character entity`},
		{"unquoted attribute", `<row r=1/>`, `the sheet's XML is damaged: attribute r of <row> has no quoted value`},
		{"invalid UTF-8", "<row r=\"1\"><c r=\"A1\" t=\"str\"><v>\xff</v></c></row>", `row 1: the row's text is not valid UTF-8`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeSheetXML(t, t.TempDir(), sheetHead+`<sheetData>`+tt.xml+`</sheetData></worksheet>`, false)
			for _, o := range []Options{{Goroutines: 1}, {Goroutines: 2}, {Goroutines: 3}} {
				_, err := readSheet(path, o, 100)
				if err == nil || !strings.Contains(err.Error(), tt.want) {
					t.Errorf("%+v: got error %v, want one containing %q", o, err, tt.want)
				}
				if err != nil && (!strings.HasPrefix(err.Error(), `sheet "Payments", `) || strings.Count(err.Error(), "\n") != 1 || !strings.Contains(err.Error(), "\nhint: ")) {
					t.Errorf("error %q: want one line naming the sheet, and a hint", err)
				}
			}
		})
	}
}

func TestSheetWorkbook(t *testing.T) {
	dir := t.TempDir()
	d1904 := writeSheetXML(t, dir, sheetHead+`<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>`, true)
	src, err := openSheet(d1904, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	if !src.Date1904() || src.sheet != "Payments" {
		t.Errorf("date1904 %v, sheet %q; want true, Payments", src.Date1904(), src.sheet)
	}

	bad := func(name string, edit func(parts map[string]string)) string {
		parts := map[string]string{}
		zr, err := zip.OpenReader(d1904)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range zr.File {
			rc, _ := f.Open()
			var b bytes.Buffer
			b.ReadFrom(rc)
			rc.Close()
			parts[f.Name] = b.String()
		}
		zr.Close()
		edit(parts)
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for n, body := range parts {
			w, _ := zw.Create(n)
			w.Write([]byte(body))
		}
		zw.Close()
		path := filepath.Join(t.TempDir(), name+".xlsx")
		os.WriteFile(path, buf.Bytes(), 0o644)
		return path
	}
	for _, tt := range []struct {
		name string
		edit func(map[string]string)
		want string
	}{
		{"no sheets", func(p map[string]string) {
			p["xl/workbook.xml"] = `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>`
		}, "the workbook has no sheets"},
		{"sheet part missing", func(p map[string]string) { delete(p, "xl/worksheets/data.xml") }, `the workbook's first sheet ("Payments") is missing from the file`},
		{"relationship missing", func(p map[string]string) {
			p["xl/_rels/workbook.xml.rels"] = `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>`
		}, `the workbook's first sheet ("Payments") is missing`},
		{"damaged workbook.xml", func(p map[string]string) { p["xl/workbook.xml"] = `<workbook><sheets>` }, "xl/workbook.xml cannot be read"},
		{"damaged shared strings", func(p map[string]string) { p["xl/sharedStrings.xml"] = `<sst><si><t>a</si></sst>` }, "shared strings cannot be read"},
		{"truncated", func(p map[string]string) {
			p["xl/worksheets/data.xml"] = sheetHead + `<sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2`
		}, `sheet "Payments", row 2: the sheet's XML is damaged: the XML ends inside <v>`},
		{"encoding", func(p map[string]string) {
			p["xl/worksheets/data.xml"] = `<?xml version="1.0" encoding="ISO-8859-1"?><worksheet><sheetData/></worksheet>`
		}, `sheet "Payments": the XML is in the ISO-8859-1 encoding; hubinvoice reads UTF-8`},
		{"UTF-16", func(p map[string]string) {
			p["xl/worksheets/data.xml"] = "\xFF\xFE" + string(utf16le(`<?xml version="1.0" encoding="UTF-16"?><worksheet><sheetData/></worksheet>`))
		}, `sheet "Payments": the XML is in UTF-16; hubinvoice reads UTF-8`},
		{"UTF-16 without a byte order mark", func(p map[string]string) {
			p["xl/worksheets/data.xml"] = string(utf16le(`<worksheet><sheetData/></worksheet>`))
		}, `sheet "Payments": the XML is in UTF-16; hubinvoice reads UTF-8`},
		{"a name as the encoding", func(p map[string]string) {
			p["xl/worksheets/data.xml"] = `<?xml version="1.0" encoding="Jón Jónsson"?><worksheet><sheetData/></worksheet>`
		}, `sheet "Payments": the XML is in an encoding other than UTF-8; hubinvoice reads UTF-8`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := bad(tt.name, tt.edit)
			_, err := readSheet(path, Options{}, 100)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want an error saying %q", err, tt.want)
			}
		})
	}
}

// Closing before the end stops the inflating goroutine, even while it waits to hand over
// a chunk.
func TestSheetCloseEarly(t *testing.T) {
	path := paymentsWorkbook(t, 50)
	before := runtime.NumGoroutine()
	for range 20 {
		src, err := openSheet(path, Options{Goroutines: 3})
		if err != nil {
			t.Fatal(err)
		}
		if !src.Next() {
			t.Fatal(src.Err())
		}
		if err := src.Close(); err != nil {
			t.Fatal(err)
		}
		src.Close() // a second close does nothing

		p := startInflate(endless{}, 100, 2)
		if _, err := p.take(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Millisecond) // let it fill the queue and wait
		p.close()
	}
	if after := runtime.NumGoroutine(); after > before {
		t.Errorf("%d goroutines before, %d after", before, after)
	}
}

type endless struct{}

func (endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'x'
	}
	return len(p), nil
}

// FuzzSheetReader feeds the fuzzer's bytes straight to the parsers, no zip in between: the
// first as a shared strings part (testSST's when it cannot be read), the second as a sheet,
// read once through a scanner with a window of its own and once through the inflating pipe in
// chunks of 7 bytes (every token split somewhere). They must never panic, give the same rows
// and the same error, number the rows upwards within the sheet, and stop with a one-line
// error. The seeds are small, so that the fuzzer mutates XML rather than shrinks it.
func FuzzSheetReader(f *testing.F) {
	for _, s := range sheetSeeds {
		f.Add([]byte(testSST), []byte(sheetHead+s+`</worksheet>`))
	}
	f.Add([]byte(`<sst><si><t>a</t></si><si><r><t>b</t></r><r><t>c</t></r></si><si/></sst>`), []byte(sheetHead+sheetSeeds[0]+`</worksheet>`))
	base, err := parseSharedStrings(strings.NewReader(testSST), 4096, len(testSST))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, sst, sheet []byte) {
		strs, err := parseSharedStrings(bytes.NewReader(sst), 4096, len(sst))
		if err != nil {
			strs = base
		} else if len(strs.data) > len(sst) {
			t.Fatalf("%d bytes of shared strings from a part of %d: more than parseSharedStrings takes at once", len(strs.data), len(sst))
		}
		read := func(sc *xmlScanner) ([]sheetRow, error) {
			rd := &rowReader{sheet: "Payments", sc: sc, sst: strs}
			var rows []sheetRow
			for len(rows) < 2000 && rd.readRow() {
				rows = append(rows, sheetRow{rd.last, append([]string(nil), rd.cells...)})
			}
			if sc.pipe != nil {
				sc.pipe.close()
			}
			return rows, rd.e
		}
		own, err := read(newXMLScanner(bytes.NewReader(sheet), 4096))
		piped, errPiped := read(&xmlScanner{pipe: startInflate(bytes.NewReader(sheet), 7, 2)})
		if fmt.Sprint(err) != fmt.Sprint(errPiped) || !sameRows(own, piped) {
			t.Fatalf("own window: %v, %d rows; pipe: %v, %d rows", err, len(own), errPiped, len(piped))
		}
		for i, r := range own {
			if r.num < 1 || r.num > maxSheetRows || i > 0 && r.num <= own[i-1].num || len(r.cells) > maxSheetColumns {
				t.Fatalf("row %d of %d: %v", i, len(own), r)
			}
		}
		if err != nil && strings.Contains(err.Error(), "\n") {
			t.Fatalf("error of several lines: %q", err)
		}
	})
}

// FuzzSheetExcelize is the differential fuzzer: genSheet writes well-formed sheet XML from the
// fuzzer's recipe (with the quirks writers and XML allow), and where excelize reads it the way
// a spreadsheet means it (comparableSheet), ours gives excelize's rows; or it stops with an
// error for damage excelize reads into something arbitrary (cells or rows out of order, a
// shared string that does not exist), after giving the same rows up to the one before.
// excelize opens a file per input, so this one runs slower than FuzzSheetReader.
func FuzzSheetExcelize(f *testing.F) {
	for _, r := range []string{"", "\x01\x02\x03\x04\x05\x06", "\x00\xff\x10\x20\x30\x40\x50\x60\x70\x80\x90\xa0\xb0\xc0\xd0\xe0", "\x07\x11\x13\x17\x1d\x1f\x25\x29"} {
		f.Add([]byte(r))
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, recipe []byte) {
		checkFuzzedSheet(t, dir, genSheet(recipe))
	})
}

// sheetSeeds are small sheets of the shapes writers produce, for the fuzzers.
var sheetSeeds = []string{
	`<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row><row r="3"><c r="A3" s="1"><v>45356.6</v></c><c r="B3"><v>18500</v></c><c r="C3" t="inlineStr"><is><t>Credit</t></is></c></row></sheetData>`,
	`<sheetData><row r="1"><c r="A1" t="s"><v>3</v></c><c r="B1" t="s"><v>5</v></c><c r="C1" t="inlineStr"><is><r><t>a</t></r><r><rPr><b val="1"/></rPr><t xml:space="preserve"> b_x0041_</t></r><rPh sb="0" eb="1"><t>p</t></rPh></is></c></row></sheetData>`,
	`<sheetData><row><c><f>A1</f><v>2</v></c><c t="str"><v>&amp;&#65;<![CDATA[<x>]]></v></c><c/></row><row r="5"><c r="$C$5" t="b"><v>0</v></c></row></sheetData>`,
	`<x:sheetData xmlns:x="urn:x"><x:row r="2"><x:c r="B2" t="e"><x:v>#N/A</x:v></x:c></x:row></x:sheetData>`,
}

func checkFuzzedSheet(t *testing.T, dir string, data []byte) {
	path := writeSheetXML(t, dir, string(data), false)
	const max = 2000
	ours, ref, ourErr, refErr := bothReaders(t, path, max)
	if !comparableSheet(data) {
		return
	}
	switch {
	case ourErr == nil && refErr != nil:
		t.Fatalf("excelize fails (%v) where ours reads %d rows\n%s", refErr, len(ours), data)
	case ourErr == nil:
		if !sameRows(ours, ref) {
			t.Fatalf("the readers differ\n%s\n%s", diffRows(ours, ref), data)
		}
	default:
		if !deliberate(ourErr) {
			t.Fatalf("ours fails where excelize reads: %v\n%s", ourErr, data)
		}
		if len(ours) > 0 && (len(ref) < len(ours)-1 || !sameRows(ours[:len(ours)-1], ref[:len(ours)-1])) {
			t.Fatalf("before failing (%v), the readers differ\n%s\n%s", ourErr, diffRows(ours, ref), data)
		}
	}
}

// genSheet writes well-formed sheet XML from a recipe: each byte chooses the next thing
// (whether a row or cell has a reference and which, a cell's type and content, the text and
// how it is escaped, formatting, prefixes), so that the fuzzer explores what writers and XML
// allow rather than mostly damage.
func genSheet(recipe []byte) []byte {
	next := func() int {
		if len(recipe) == 0 {
			return 0
		}
		b := recipe[0]
		recipe = recipe[1:]
		return int(b)
	}
	texts := []string{"Credit", "18.500 kr.", "45356.604166666664", "-0.5", " 3 ", "", "1E+3", "Þórdís 😀",
		"a&amp;b", "&lt;&gt;&quot;&apos;", "&#65;&#x42;&#xE9;", "<![CDATA[<x & y>]]>", "a<!-- c -->b", "line\r\nnext\rlast",
		"_x0041__x005F_x0042_", "_xD800_", "  spaced  ", "x<?pi y?>z", "9", "12"}
	text := func() string { return texts[next()%len(texts)] }
	var b strings.Builder
	b.WriteString(sheetHead)
	p := ""
	if next()%4 == 0 {
		p = "x:"
		b.WriteString(`<x:sheetData xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`)
	} else {
		b.WriteString(`<sheetData>`)
	}
	sp := func() {
		if next()%5 == 0 {
			b.WriteString("\n  ")
		}
	}
	row := 0
	for len(recipe) > 0 {
		sp()
		row += 1 + next()%3
		switch k := next() % 8; {
		case k == 0:
			fmt.Fprintf(&b, "<%srow>", p) // numbered by counting on
		case k == 1 && row > 1:
			row--
			fmt.Fprintf(&b, `<%srow r="%d">`, p, row) // out of order
		default:
			fmt.Fprintf(&b, `<%srow r="%d" spans="1:5">`, p, row)
		}
		col := 0
		for n := next() % 6; n > 0; n-- {
			sp()
			col += 1 + next()%3
			name, _ := excelize.ColumnNumberToName(col)
			attrs := ""
			switch next() % 6 {
			case 0: // no reference: the column follows
			case 1:
				attrs = fmt.Sprintf(` r="$%s$%d"`, name, row)
			case 2:
				attrs = fmt.Sprintf(` r="%s%d"`, strings.ToLower(name), row)
			default:
				attrs = fmt.Sprintf(` r="%s%d"`, name, row)
			}
			typ := []string{"", "n", "s", "s", "str", "inlineStr", "inlineStr", "b", "e", "d", "x"}[next()%11]
			ta := ""
			if typ != "" {
				ta = fmt.Sprintf(` t="%s"`, typ)
			}
			switch next() % 6 {
			case 0:
				attrs += ta + ` s="2"`
			case 1, 2: // as Excel writes them
				attrs += ` s="12"` + ta
			default:
				attrs += ta
			}
			v := text()
			if typ == "s" {
				v = []string{"0", "1", "3", "5", "6", "7", " 2 ", "9", ""}[next()%9]
			}
			cell := []string{
				`<c{a}/>`,
				`<c{a}></c>`,
				`<c{a}><f>A1+1</f><v>{v}</v></c>`,
				`<c{a}><f t="shared" si="0"/></c>`,
				`<c{a}><is><t xml:space="preserve">{t}</t></is></c>`,
				`<c{a}><is><r><rPr><b/></rPr><t>{t}</t></r><r><t>{t2}</t></r><rPh sb="0" eb="1"><t>ph</t></rPh></is></c>`,
				`<c{a}><v>{t}</v><v>{v}</v></c>`,
				`<c{a}><v>{v}</v></c>`,
				`<c{a}><v>{v}</v></c>`,
			}[next()%9]
			cell = strings.NewReplacer("</", "</"+p, "<", "<"+p).Replace(cell)
			cell = strings.NewReplacer("{a}", attrs, "{v}", v, "{t}", text(), "{t2}", text()).Replace(cell)
			b.WriteString(cell)
		}
		sp()
		fmt.Fprintf(&b, "</%srow>", p)
	}
	fmt.Fprintf(&b, "</%ssheetData></worksheet>", p)
	return []byte(b.String())
}

// deliberate reports whether our reader's error is one it gives on purpose where excelize
// reads a damaged sheet into something arbitrary, rather than damage to the XML itself.
func deliberate(err error) bool {
	for _, s := range []string{"comes after", "is not valid (a damaged", "which the workbook does not have",
		"which is not a number", "is outside the sheet", "that is not a number (a damaged", "is not a number (a damaged", "more than 16384 columns"} {
		if strings.Contains(err.Error(), s) {
			return true
		}
	}
	return false
}

// comparableSheet reports whether excelize reads the sheet XML as a spreadsheet means it: it
// is well-formed as far as both readers read it (to the end of the first sheetData), its
// rows and cells are where the schema puts them, and excelize's decoder can decode its cells'
// formulas, inline strings and styles. Elsewhere excelize picks up rows and cells anywhere in
// the document, loses a cell's value when an attribute of its formula does not parse, and so
// on; ours follows the schema.
func comparableSheet(data []byte) bool {
	d := xml.NewDecoder(bytes.NewReader(data))
	var stack []string
	inData := false
	for {
		tok, err := d.Token()
		if err != nil {
			return false // unexpected EOF included: the XML must reach the end of sheetData
		}
		switch t := tok.(type) {
		case xml.StartElement:
			parent := ""
			if len(stack) > 0 {
				parent = stack[len(stack)-1]
			}
			name := t.Name.Local
			switch {
			case name == "sheetData" && inData,
				name == "row" && (!inData || parent != "sheetData"),
				name == "c" && (!inData || parent != "row"),
				parent == "c" && name != "v" && name != "f" && name != "is":
				return false
			case name == "sheetData":
				inData = true
			case name == "c":
				for _, a := range t.Attr {
					if _, err := strconv.ParseInt(a.Value, 10, 64); a.Name.Local == "s" && err != nil {
						return false
					}
				}
			case name == "f" && parent == "c":
				var f mirrorF
				if d.DecodeElement(&f, &t) != nil {
					return false
				}
				continue
			case name == "is" && parent == "c":
				var si mirrorSI
				if d.DecodeElement(&si, &t) != nil {
					return false
				}
				continue
			}
			stack = append(stack, name)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
			if t.Name.Local == "sheetData" {
				return true
			}
		}
	}
}

// Copies of the excelize types a cell's formula and inline string decode into, to tell
// whether excelize's decoder fails on them.
type mirrorF struct {
	Content string `xml:",chardata"`
	T       string `xml:"t,attr,omitempty"`
	Aca     bool   `xml:"aca,attr,omitempty"`
	Ref     string `xml:"ref,attr,omitempty"`
	Dt2D    bool   `xml:"dt2D,attr,omitempty"`
	Dtr     bool   `xml:"dtr,attr,omitempty"`
	Del1    bool   `xml:"del1,attr,omitempty"`
	Del2    bool   `xml:"del2,attr,omitempty"`
	R1      string `xml:"r1,attr,omitempty"`
	R2      string `xml:"r2,attr,omitempty"`
	Ca      bool   `xml:"ca,attr,omitempty"`
	Si      *int   `xml:"si,attr"`
	Bx      bool   `xml:"bx,attr,omitempty"`
}

type mirrorSI struct {
	T *struct {
		Val string `xml:",chardata"`
	} `xml:"t"`
	R []struct {
		RPr *struct {
			RFont *struct {
				Val *string `xml:"val,attr"`
			} `xml:"rFont"`
			Charset *struct {
				Val *int `xml:"val,attr"`
			} `xml:"charset"`
			Family *struct {
				Val *int `xml:"val,attr"`
			} `xml:"family"`
			B *struct {
				Val *bool `xml:"val,attr"`
			} `xml:"b"`
			I *struct {
				Val *bool `xml:"val,attr"`
			} `xml:"i"`
			Strike *struct {
				Val *bool `xml:"val,attr"`
			} `xml:"strike"`
			Outline *struct {
				Val *bool `xml:"val,attr"`
			} `xml:"outline"`
			Shadow *struct {
				Val *bool `xml:"val,attr"`
			} `xml:"shadow"`
			Condense *struct {
				Val *bool `xml:"val,attr"`
			} `xml:"condense"`
			Extend *struct {
				Val *bool `xml:"val,attr"`
			} `xml:"extend"`
			Color *struct {
				Auto    bool    `xml:"auto,attr,omitempty"`
				RGB     string  `xml:"rgb,attr,omitempty"`
				Indexed int     `xml:"indexed,attr,omitempty"`
				Theme   *int    `xml:"theme,attr"`
				Tint    float64 `xml:"tint,attr,omitempty"`
			} `xml:"color"`
			Sz *struct {
				Val *float64 `xml:"val,attr"`
			} `xml:"sz"`
			U *struct {
				Val *string `xml:"val,attr"`
			} `xml:"u"`
			VertAlign *struct {
				Val *string `xml:"val,attr"`
			} `xml:"vertAlign"`
			Scheme *struct {
				Val *string `xml:"val,attr"`
			} `xml:"scheme"`
		} `xml:"rPr"`
		T *struct {
			Val string `xml:",chardata"`
		} `xml:"t"`
	} `xml:"r"`
	RPh []*struct {
		Sb uint32 `xml:"sb,attr"`
		Eb uint32 `xml:"eb,attr"`
		T  string `xml:"t"`
	} `xml:"rPh"`
	PhoneticPr *struct {
		Alignment string `xml:"alignment,attr,omitempty"`
		FontID    *int   `xml:"fontId,attr"`
		Type      string `xml:"type,attr,omitempty"`
	} `xml:"phoneticPr"`
}

// Cells longer than the headroom the pipe keeps in front of each chunk, across chunk
// boundaries, and a cell past the limit on a single token.
func TestSheetLongCells(t *testing.T) {
	var b strings.Builder
	b.WriteString(sheetHead + `<sheetData>`)
	for r := 1; r <= 40; r++ {
		text := strings.Repeat(string(rune('a'+r%26)), 70_000+r*997)
		fmt.Fprintf(&b, `<row r="%d"><c r="A%d" t="inlineStr"><is><t>%s</t></is></c><c r="B%d"><v>%d</v></c></row>`, r, r, text, r, r)
	}
	b.WriteString(`</sheetData></worksheet>`)
	path := writeSheetXML(t, t.TempDir(), b.String(), false)
	checkSame(t, path) // which reads it with and without the pipe

	huge := sheetHead + `<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>` + strings.Repeat("x", maxToken+1) + `</t></is></c></row></sheetData></worksheet>`
	path = writeSheetXML(t, t.TempDir(), huge, false)
	for _, o := range []Options{{Goroutines: 1}, {Goroutines: 2}, {Goroutines: 3}} {
		src, err := openSheet(path, o)
		if err != nil {
			t.Fatal(err)
		}
		_, err = readRows(src, 10)
		if want := "row 1: the sheet's XML is damaged: an element or text of more than 16 MiB"; err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%+v: got %v, want %q", o, err, want)
		}
	}
}

// refColumn accepts the references excelize accepts, with the same column, up to XFD.
func TestRefColumn(t *testing.T) {
	refs := []string{"A1", "Z9", "AA10", "XFD1048576", "XFE1", "A1048577", "a1", "$A$1", "A$1", "$$B2",
		"A$B1", "A0", "A01", "A+1", "A-1", "1A", "A", "", "$1", "AB1C", "AAAA1", "B 1", "B1 ", "é1", "A99999999999999999999"}
	for c := 1; c <= maxSheetColumns; c += 97 {
		name, _ := excelize.ColumnNumberToName(c)
		refs = append(refs, name+"7", strings.ToLower(name)+"7")
	}
	for _, ref := range refs {
		col, ok := refColumn([]byte(ref))
		wantCol, _, err := excelize.CellNameToCoordinates(ref)
		if ok != (err == nil) || ok && col != wantCol {
			t.Errorf("refColumn(%q) = %d, %v; excelize: %d, %v", ref, col, ok, wantCol, err)
		}
	}
}

// A sheet chosen by name: as it is spelt, else ignoring case and surrounding spaces; a name the
// workbook lacks is an error listing its sheets.
func TestSheetByName(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetName("Sheet1", "Cover")
	f.SetCellValue("Cover", "A1", "March report")
	f.NewSheet(" Payments ")
	f.SetCellValue(" Payments ", "B2", "Session Date")
	f.NewSheet("Notes")
	f.SetCellValue("Notes", "A1", "a note")
	path := filepath.Join(t.TempDir(), "sheets.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ ask, name, cell string }{
		{"", "Cover", "March report"},
		{" Payments ", " Payments ", "Session Date"},
		{"payments", " Payments ", "Session Date"},
		{"NOTES", "Notes", "a note"},
	} {
		s, err := Open(path, Options{Sheet: tt.ask})
		if err != nil {
			t.Fatalf("%q: %v", tt.ask, err)
		}
		rows, err := readRows(s, 10)
		if err != nil || s.Name() != tt.name || !strings.Contains(fmt.Sprint(rows), tt.cell) {
			t.Errorf("%q: sheet %q, rows %v, %v; want sheet %q with %q", tt.ask, s.Name(), rows, err, tt.name, tt.cell)
		}
		if got := s.Sheets(); !reflect.DeepEqual(got, []string{"Cover", " Payments ", "Notes"}) {
			t.Errorf("sheets %q", got)
		}
	}
	_, err := Open(path, Options{Sheet: "Paid sessions"})
	var ns *NoSheetError
	if !errors.As(err, &ns) || err.Error() != `has no sheet named "Paid sessions"; its sheets are "Cover", " Payments " and "Notes"` {
		t.Errorf("got %v, want a NoSheetError listing the sheets", err)
	}
}

// utf16le encodes ASCII text as UTF-16, little-endian.
func utf16le(s string) []byte {
	b := make([]byte, 0, 2*len(s))
	for i := 0; i < len(s); i++ {
		b = append(b, s[i], 0)
	}
	return b
}

// A part whose bytes are not those its CRC-32 was made of is refused, whether stored or
// deflated, the sheet or its shared strings, however many goroutines read it.
func TestSheetChecksum(t *testing.T) {
	var rows strings.Builder
	for i := 1; i <= 3000; i++ {
		fmt.Fprintf(&rows, `<row r="%d"><c r="A%d" t="s"><v>2</v></c><c r="B%d"><v>%d</v></c><c r="C%d" t="inlineStr"><is><t>Zebra%d</t></is></c></row>`, i, i, i, i*7919%100003, i, i)
	}
	sheet := sheetHead + `<sheetData>` + rows.String() + `</sheetData></worksheet>`
	for _, tt := range []struct {
		name   string
		method uint16
		find   string // where to damage the part
		want   string
	}{
		{"stored sheet", zip.Store, "Zebra2999", `sheet "Payments": zip: checksum error: the file is damaged`},
		{"stored shared strings", zip.Store, "Credit", "shared strings cannot be read (zip: checksum error: the file is damaged)"},
		{"deflated sheet", zip.Deflate, "", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			data := sheetWorkbook(t, sheet, false, tt.method)
			if tt.find != "" {
				i := bytes.Index(data, []byte(tt.find))
				if i < 0 {
					t.Fatalf("no %q in the archive", tt.find)
				}
				data[i] ^= 0x01 // Zebra → [ebra, Credit → Bredit: still well-formed XML
			} else {
				// The middle of the sheet's compressed bytes.
				zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
				if err != nil {
					t.Fatal(err)
				}
				for _, f := range zr.File {
					if f.Name == "xl/worksheets/data.xml" {
						off, err := f.DataOffset()
						if err != nil {
							t.Fatal(err)
						}
						data[off+int64(f.CompressedSize64)/2] ^= 0x10
					}
				}
			}
			path := filepath.Join(t.TempDir(), "damaged.xlsx")
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
			for _, o := range []Options{{Goroutines: 1}, {Goroutines: 2}, {Goroutines: 3}} {
				rows, err := readSheet(path, o, 1<<20)
				if err == nil || !strings.Contains(err.Error(), tt.want) {
					t.Errorf("%+v: %d rows, error %v; want an error saying %q", o, len(rows), err, tt.want)
				}
			}
		})
	}
}

// Shared gives each cell's shared string, the same index for the same string on every row,
// and none for a number, an inline string or an empty cell before a cell.
func TestSheetShared(t *testing.T) {
	path := writeSheetXML(t, t.TempDir(), sheetHead+`<sheetData>`+
		`<row r="1"><c r="A1" t="s"><v>2</v></c><c r="B1"><v>5</v></c><c r="D1" t="inlineStr"><is><t>Credit</t></is></c></row>`+
		`<row r="2"><c r="A2" s="1" t="s"><v>2</v></c><c r="B2" t="s"><v>0</v></c></row>`+
		`</sheetData></worksheet>`, false)
	for _, o := range []Options{{Goroutines: 1}, {Goroutines: 3}} {
		s, err := openSheet(path, o)
		if err != nil {
			t.Fatal(err)
		}
		var got [][]int32
		for s.Next() {
			got = append(got, append([]int32(nil), s.Shared()...))
		}
		s.Close()
		want := [][]int32{{2, refNumber, refText, refText}, {2, 0}}
		if s.Err() != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("%+v: got %v (%v), want %v", o, got, s.Err(), want)
		}
	}
}
