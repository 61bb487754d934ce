package xlsx

import (
	"archive/zip"
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// WriterOptions describe the workbook a Writer writes.
type WriterOptions struct {
	Sheet                       string // the sheet's name; "Sheet1" when empty
	Title, Creator, Description string // the document's properties
	// Time dates the document and every part of the archive, so that the same rows give the
	// same bytes. The zero time means 2000-01-01.
	Time   time.Time
	Widths []float64 // column widths, in characters, from column A; 0 leaves one as it is
	Freeze bool      // keep the first row in view when scrolling
}

// A Writer streams a workbook of one sheet to an io.Writer, as Excel saves one: every text in
// the shared strings table (a cell of type "s" holding its index), numbers and dates as
// numbers with a style. Only the shared strings are held in memory, each once.
type Writer struct {
	zw    *zip.Writer
	part  *bufio.Writer // the sheet's XML
	when  time.Time
	rows  int
	buf   []byte
	err   error
	done  bool
	sst   map[string]int
	texts []string // the shared strings, by index
	refs  int      // cells referring to a shared string (the table's count)

	numFmts []string    // custom number formats, ids from 164
	xfs     []cellStyle // styles; 0 is the default
}

type cellStyle struct {
	numFmt int // 0: General
	bold   bool
}

// A Style is a cell style made by Writer.Style; 0 is the default.
type Style int

// A Cell is one cell of a row; the zero Cell is no cell at all.
type Cell struct {
	kind  Kind
	v     string
	style Style
}

// TextCell is a text, kept in the shared strings table; an empty one is no cell.
func TextCell(s string, st Style) Cell { return Cell{kind: Text, v: s, style: st} }

// NumberCell is a number written as v, as a sheet holds one: 12, -1.5, 1.5E-7.
func NumberCell(v string, st Style) Cell { return Cell{kind: Number, v: v, style: st} }

// DateCell is a date and time as Excel keeps it: days since 30 December 1899, with the time
// of day as the fraction. st should show it as a date.
func DateCell(t time.Time, st Style) Cell {
	return Cell{kind: Number, v: strconv.FormatFloat(serial(t), 'f', -1, 64), style: st}
}

var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// serial is t's serial number in the 1900 date system (for dates after February 1900, where
// Excel's leap day that never was does not matter). The wall clock counts: a time in any zone
// is written as its clock reads.
func serial(t time.Time) float64 {
	wall := time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
	d := wall.Sub(excelEpoch)
	const day = 24 * time.Hour
	return float64(d/day) + float64(d%day)/float64(day)
}

// NewWriter starts a workbook on w. Call Style for the styles, Row for each row, then Close.
func NewWriter(w io.Writer, o WriterOptions) (*Writer, error) {
	x := &Writer{zw: zip.NewWriter(w), when: o.Time, sst: map[string]int{}, xfs: []cellStyle{{}}}
	if x.when.IsZero() {
		x.when = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	if o.Sheet == "" {
		o.Sheet = "Sheet1"
	}
	stamp := x.when.UTC().Format(time.RFC3339)
	parts := []struct{ name, xml string }{
		{"[Content_Types].xml", contentTypes},
		{"_rels/.rels", rootRels},
		{"docProps/app.xml", `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Microsoft Excel</Application></Properties>`},
		{"docProps/core.xml", `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
			`<dc:title>` + escape(o.Title) + `</dc:title><dc:description>` + escape(o.Description) + `</dc:description>` +
			`<dc:creator>` + escape(o.Creator) + `</dc:creator><cp:lastModifiedBy>` + escape(o.Creator) + `</cp:lastModifiedBy>` +
			`<dcterms:created xsi:type="dcterms:W3CDTF">` + stamp + `</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">` + stamp + `</dcterms:modified></cp:coreProperties>`},
		{"xl/workbook.xml", `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
			`<bookViews><workbookView/></bookViews><sheets><sheet name="` + escape(o.Sheet) + `" sheetId="1" r:id="rId1"/></sheets></workbook>`},
		{"xl/_rels/workbook.xml.rels", workbookRels},
	}
	for _, p := range parts {
		if err := x.writePart(p.name, xmlHead+p.xml); err != nil {
			return nil, err
		}
	}
	f, err := x.create("xl/worksheets/sheet1.xml")
	if err != nil {
		return nil, err
	}
	x.part = bufio.NewWriterSize(f, 64<<10)
	var b strings.Builder
	b.WriteString(xmlHead + `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`)
	b.WriteString(`<sheetViews><sheetView tabSelected="1" workbookViewId="0">`)
	if o.Freeze {
		b.WriteString(`<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/>`)
	}
	b.WriteString(`</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>`)
	cols := false
	for i, wd := range o.Widths {
		if wd <= 0 {
			continue
		}
		if !cols {
			b.WriteString(`<cols>`)
			cols = true
		}
		fmt.Fprintf(&b, `<col min="%d" max="%d" width="%s" customWidth="1"/>`, i+1, i+1, strconv.FormatFloat(wd, 'f', -1, 64))
	}
	if cols {
		b.WriteString(`</cols>`)
	}
	b.WriteString(`<sheetData>`)
	x.part.WriteString(b.String())
	return x, nil
}

// Style returns the style that shows a number with format (an Excel number format such as
// "#,##0.00" or "yyyy-mm-dd hh:mm"; "" for General), in bold when bold is set.
func (x *Writer) Style(format string, bold bool) Style {
	st := cellStyle{bold: bold}
	if format != "" {
		for i, f := range x.numFmts {
			if f == format {
				st.numFmt = 164 + i
			}
		}
		if st.numFmt == 0 {
			x.numFmts = append(x.numFmts, format)
			st.numFmt = 164 + len(x.numFmts) - 1
		}
	}
	for i, s := range x.xfs {
		if s == st {
			return Style(i)
		}
	}
	x.xfs = append(x.xfs, st)
	return Style(len(x.xfs) - 1)
}

// Row writes the next row, from column A; a zero Cell or an empty text is left out.
func (x *Writer) Row(cells []Cell) error {
	if x.err != nil {
		return x.err
	}
	if x.rows >= maxSheetRows {
		x.err = fmt.Errorf("more than %d rows, the most a sheet holds", maxSheetRows)
		return x.err
	}
	x.rows++
	num := strconv.Itoa(x.rows)
	b := append(x.buf[:0], `<row r="`...)
	b = append(b, num...)
	b = append(b, `">`...)
	for i, c := range cells {
		if c.kind == 0 || c.kind == Text && c.v == "" {
			continue // as in Excel, an empty text is no cell
		}
		if i >= maxSheetColumns {
			x.err = fmt.Errorf("more than %d columns, the most a sheet holds", maxSheetColumns)
			return x.err
		}
		b = append(b, `<c r="`...)
		b = append(b, ColumnName(i)...)
		b = append(b, num...)
		b = append(b, '"')
		if c.style != 0 {
			b = append(b, ` s="`...)
			b = strconv.AppendInt(b, int64(c.style), 10)
			b = append(b, '"')
		}
		if c.kind == Text {
			k, ok := x.sst[c.v]
			if !ok {
				k = len(x.texts)
				x.sst[c.v] = k
				x.texts = append(x.texts, c.v)
			}
			x.refs++
			b = append(b, ` t="s"><v>`...)
			b = strconv.AppendInt(b, int64(k), 10)
		} else {
			if !isNumber(c.v) {
				x.err = fmt.Errorf("row %d, column %s: %q is not a number", x.rows, ColumnName(i), c.v)
				return x.err
			}
			b = append(b, `><v>`...)
			b = append(b, c.v...)
		}
		b = append(b, `</v></c>`...)
	}
	b = append(b, `</row>`...)
	x.buf = b
	_, x.err = x.part.Write(b)
	return x.err
}

// Close ends the sheet, writes the shared strings and the styles, and ends the archive. It does
// not close the io.Writer.
func (x *Writer) Close() error {
	if x.done {
		return x.err
	}
	x.done = true
	if x.err != nil {
		return x.err
	}
	x.part.WriteString(`</sheetData></worksheet>`)
	if err := x.part.Flush(); err != nil {
		return err
	}
	f, err := x.create("xl/sharedStrings.xml")
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(f, 64<<10)
	fmt.Fprintf(bw, `%s<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">`, xmlHead, x.refs, len(x.texts))
	for _, s := range x.texts {
		bw.WriteString(`<si><t`)
		if s != strings.TrimSpace(s) {
			bw.WriteString(` xml:space="preserve"`)
		}
		bw.WriteString(`>`)
		bw.WriteString(escapeText(s))
		bw.WriteString(`</t></si>`)
	}
	bw.WriteString(`</sst>`)
	if err := bw.Flush(); err != nil {
		return err
	}
	if err := x.writePart("xl/styles.xml", x.styles()); err != nil {
		return err
	}
	return x.zw.Close()
}

// styles is xl/styles.xml: Calibri 11 (and its bold), the custom number formats, and a cell
// format for each Style.
func (x *Writer) styles() string {
	var b strings.Builder
	b.WriteString(xmlHead + `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`)
	if len(x.numFmts) > 0 {
		fmt.Fprintf(&b, `<numFmts count="%d">`, len(x.numFmts))
		for i, f := range x.numFmts {
			fmt.Fprintf(&b, `<numFmt numFmtId="%d" formatCode="%s"/>`, 164+i, escape(f))
		}
		b.WriteString(`</numFmts>`)
	}
	b.WriteString(`<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>`)
	b.WriteString(`<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>`)
	b.WriteString(`<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>`)
	b.WriteString(`<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>`)
	fmt.Fprintf(&b, `<cellXfs count="%d">`, len(x.xfs))
	for _, s := range x.xfs {
		font := 0
		if s.bold {
			font = 1
		}
		fmt.Fprintf(&b, `<xf numFmtId="%d" fontId="%d" fillId="0" borderId="0" xfId="0"`, s.numFmt, font)
		if s.numFmt != 0 {
			b.WriteString(` applyNumberFormat="1"`)
		}
		if s.bold {
			b.WriteString(` applyFont="1"`)
		}
		b.WriteString(`/>`)
	}
	b.WriteString(`</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`)
	return b.String()
}

func (x *Writer) create(name string) (io.Writer, error) {
	return x.zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: x.when})
}

func (x *Writer) writePart(name, content string) error {
	f, err := x.create(name)
	if err != nil {
		return err
	}
	_, err = io.WriteString(f, content)
	return err
}

const xmlHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"

const contentTypes = `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
	`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
	`<Default Extension="xml" ContentType="application/xml"/>` +
	`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
	`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
	`<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>` +
	`<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>` +
	`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
	`<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>` +
	`</Types>`

const rootRels = `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
	`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>` +
	`</Relationships>`

const workbookRels = `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
	`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>` +
	`</Relationships>`

// escape escapes s for an XML attribute or a short element.
func escape(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s)) // never fails on a strings.Builder
	return b.String()
}

// escapeText escapes a cell's text as Excel does: the XML specials as entities, a character
// XML cannot carry (a control character, a broken byte) as _xHHHH_, and a text that reads as
// such an escape (or could, with the escape after it) with its underscore escaped (_x005F_),
// so that every text reads back as it was. Line breaks and tabs stay as they are.
func escapeText(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '\r':
			b.WriteString("&#13;") // a raw CR would be read as a line break
		case r == '_' && len(s) >= i+6 && s[i+1] == 'x' && isHex4(s[i+2:i+6]):
			// an underscore that could start an escape, with what follows it here or with the
			// escape of the next character (_x0000 then a NUL): escaped always
			b.WriteString("_x005F_")
		case r == utf8.RuneError && n == 1, r < 0x20 && r != '\t' && r != '\n', r == 0xFFFE, r == 0xFFFF:
			if r == utf8.RuneError {
				r = 0xFFFD // a broken byte cannot be kept
			}
			fmt.Fprintf(&b, "_x%04X_", r)
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

func isHex4(s string) bool {
	for i := 0; i < 4; i++ {
		if hexVal(s[i]) < 0 {
			return false
		}
	}
	return true
}

// isNumber reports whether v is a number as a sheet holds one: -12, 0.5, 18500, 1.5E-7.
func isNumber(v string) bool {
	if v == "" || strings.Trim(v, "0123456789.eE+-") != "" {
		return false
	}
	_, err := strconv.ParseFloat(v, 64)
	return err == nil
}
