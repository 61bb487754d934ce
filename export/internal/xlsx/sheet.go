package xlsx

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// A Sheet streams the first sheet of an .xlsx workbook with a scanner written for sheet
// XML (xmlscan.go). It reads the workbook from the file through archive/zip, never wholly
// into memory, and keeps in memory only the shared strings and a few rows at a time. A big
// sheet is inflated on one goroutine, scanned into rows on a second, and the rows handed out
// on the caller's.
//
// It gives the cells excelize gives with RawCellValue (the reference the tests compare it
// with, in package xlsxtest): the value as written in <v>, shared and inline strings resolved (rich text
// runs joined, phonetic runs left out, _xHHHH_ escapes decoded), a cell with no value left
// out unless it has a formula, and an empty row for every row number the sheet skips. Where
// excelize reads a damaged sheet into something arbitrary, it stops with an error instead:
// rows or cells out of order, a shared string that does not exist, an XML syntax error.
type Sheet struct {
	sheet  string    // the sheet's name, for messages
	sheets []string  // every sheet of the workbook
	zr     io.Closer // the archive, when the sheet closes it
	part   io.ReadCloser
	pipe   *inflatePipe
	rd     *rowReader
	rows   *rowPipe // when rd runs on a goroutine of its own
	d1904  bool

	num   int  // the number of the row last handed out
	pend  int  // the number of the row read and not yet handed out, if have
	have  bool // cells hold row pend
	cells []string
	refs  []int32
	out   []string
	outR  []int32
	e     error

	closeOnce sync.Once
}

// A rowReader reads the rows of a sheet's XML.
type rowReader struct {
	sheet string
	sc    *xmlScanner
	sst   *sharedStrings
	state int // before, in or after <sheetData>
	last  int // the number of the last row read
	cells []string
	refs  []int32 // of cells: each a shared string's index, or refNumber or refText
	e     error

	// scratch, reused from cell to cell
	entries []cellEntry
	rowBuf  []byte
	val     []byte
	isT     []byte
	isRuns  []byte
	runT    []byte
	attrBuf []byte
	escBuf  []byte
}

const (
	beforeSheetData = iota
	inSheetData
	afterSheetData
)

// Excel's limits, which excelize also enforces.
const (
	maxSheetRows    = 1048576
	maxSheetColumns = 16384
)

// A cellEntry is a cell of the row being read: shared string sst, or when sst is -1,
// rowBuf[off:off+n]. (No pointers: appending one costs no write barrier.)
type cellEntry struct {
	col, sst, off, n int32
	text             bool // a string cell (shared, inline or a formula's text), not a number
}

// Options tune Open; the zero value is what export.ReadFile uses.
type Options struct {
	MaxUnzip int64  // the most the workbook may unpack to, in bytes; 0 means DefaultMaxUnzip
	Sheet    string // the sheet to read, by name; "" reads the first (see readWorkbook)

	// Goroutines: 1 inflates, scans and hands out rows on the caller's goroutine; 2 inflates
	// on a goroutine of its own; 3 also scans on one. 0 chooses by the sheet's size: 1 below
	// 4 MiB, 3 above.
	Goroutines int
}

// openSheet opens the first sheet of the workbook at path. Errors name neither the file nor
// the format: the caller does.
func openSheet(path string, o Options) (*Sheet, error) {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return nil, fmt.Errorf("is not a readable spreadsheet workbook (%v)", err)
	}
	s, err := openSheetZip(&zr.Reader, zr, o)
	if err != nil {
		zr.Close()
		return nil, err
	}
	return s, nil
}

// openSheetZip opens the first sheet of the archive zr; closing the sheet closes closer, when
// there is one.
func openSheetZip(zr *zip.Reader, closer io.Closer, o Options) (*Sheet, error) {
	files := make(map[string]*zip.File, len(zr.File))
	for _, f := range zr.File {
		files[f.Name] = f
	}
	lookup := func(name string) *zip.File {
		if f, ok := files[name]; ok {
			return f
		}
		for _, f := range zr.File { // some writers differ in case; zip names are case-sensitive
			if strings.EqualFold(f.Name, name) {
				return f
			}
		}
		return nil
	}
	wb, err := readWorkbook(lookup, o.Sheet)
	if err != nil {
		return nil, err
	}
	f := lookup(wb.sheetPath)
	if f == nil {
		what := "first sheet"
		if o.Sheet != "" {
			what = "sheet"
		}
		return nil, fmt.Errorf("the workbook's %s (%q) is missing from the file", what, wb.sheetName)
	}
	s := &Sheet{sheet: wb.sheetName, sheets: wb.sheets, zr: closer, d1904: wb.date1904}
	s.rd = &rowReader{sheet: wb.sheetName}
	if sf := lookup("xl/sharedStrings.xml"); sf != nil {
		if s.rd.sst, err = readSharedStrings(sf); err != nil {
			return nil, fmt.Errorf("the workbook's shared strings cannot be read (%v)", err)
		}
	}
	if s.part, err = openPart(f); err != nil {
		return nil, fmt.Errorf("sheet %q cannot be read (%v)", s.sheet, err)
	}
	size, n := f.UncompressedSize64, o.Goroutines
	if n == 0 {
		n = 3
		if size < 4<<20 { // more goroutines would cost more than they save
			n = 1
		}
	}
	if n == 1 {
		s.rd.sc = newXMLScanner(s.part, int(min(256<<10, max(4<<10, size+512))))
		return s, nil
	}
	// Chunks of 256 KiB: as fast as 1 MiB ones, and what the read keeps live is multiplied
	// by the batch's GOGC of 400 in its peak heap.
	s.pipe = startInflate(s.part, int(min(256<<10, size+1)), 3)
	s.rd.sc = &xmlScanner{pipe: s.pipe}
	if n == 3 {
		s.rows = startRows(s.rd)
	}
	return s, nil
}

func (s *Sheet) Row() (int, []string) { return s.num, s.out }
func (s *Sheet) Err() error           { return s.e }
func (s *Sheet) Kind(i int) Kind {
	if i >= 0 && i < len(s.outR) && s.outR[i] == refNumber {
		return Number
	}
	return Text
}

// Shared gives, for each cell of the row, its index in the workbook's shared strings, or a
// negative number for a cell that is no shared string; it is valid until the next row. The
// same index is the same text, on every row: a caller that learns something of each text can
// learn it once per index (see export's clientMatcher).
func (s *Sheet) Shared() []int32 { return s.outR }

// A cell's ref in Sheet.Shared when it is no shared string.
const (
	refNumber = -1 - iota // a number
	refText               // another text: inline, a formula's, an empty cell before a cell
)

func (s *Sheet) Date1904() bool { return s.d1904 }

// Name is the name of the sheet being read.
func (s *Sheet) Name() string { return s.sheet }

// Sheets are the names of every sheet of the workbook, in its order.
func (s *Sheet) Sheets() []string { return s.sheets }

func (s *Sheet) Close() error {
	var err error
	s.closeOnce.Do(func() {
		if s.rows != nil {
			s.rows.close() // before the pipe: it may be waiting for a chunk
		}
		if s.pipe != nil {
			s.pipe.close()
		}
		if s.part != nil {
			s.part.Close()
		}
		if s.zr != nil {
			err = s.zr.Close()
		}
	})
	return err
}

// next moves to the next row, an empty one for a row number the sheet leaves out.
func (s *Sheet) Next() bool {
	for s.e == nil {
		if s.have {
			s.num++
			if s.num < s.pend {
				s.out, s.outR = nil, nil
				return true
			}
			s.have = false
			s.out, s.outR = s.cells, s.refs
			return true
		}
		var ok bool
		if s.rows != nil {
			s.pend, s.cells, s.refs, ok = s.rows.next()
			if !ok {
				s.e = s.rows.err
			}
		} else {
			ok = s.rd.readRow()
			s.pend, s.cells, s.refs, s.e = s.rd.last, s.rd.cells, s.rd.refs, s.rd.e
		}
		if !ok {
			if s.e != nil {
				s.e = fmt.Errorf("%w\nhint: open the file in Excel or LibreOffice and save it again, or export it again from the portal", s.e)
			}
			return false
		}
		s.have = true
	}
	return false
}

// rowPipe runs a rowReader on a goroutine of its own and hands its rows over in batches.
type rowPipe struct {
	full chan *rowBatch
	free chan *rowBatch
	done chan struct{}
	wg   sync.WaitGroup

	cur *rowBatch
	i   int   // the next row of cur
	err error // the error that ended the rows, once they have
}

// A rowBatch holds rows back to back: row k is number nums[k], with cells
// cells[ends[k-1]:ends[k]].
type rowBatch struct {
	nums  []int
	ends  []int
	cells []string
	refs  []int32
	last  bool  // no batch follows
	err   error // why, if not the end of the sheet
}

const rowBatchSize = 256

func startRows(rd *rowReader) *rowPipe {
	const n = 4
	p := &rowPipe{full: make(chan *rowBatch, n), free: make(chan *rowBatch, n+1), done: make(chan struct{})}
	for range n + 1 {
		p.free <- &rowBatch{}
	}
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		for {
			var b *rowBatch
			select {
			case b = <-p.free:
			case <-p.done:
				return
			}
			b.nums, b.ends, b.cells, b.refs = b.nums[:0], b.ends[:0], b.cells[:0], b.refs[:0]
			for len(b.nums) < rowBatchSize {
				if !rd.readRow() {
					b.last, b.err = true, rd.e
					break
				}
				b.nums = append(b.nums, rd.last)
				b.cells = append(b.cells, rd.cells...)
				b.refs = append(b.refs, rd.refs...)
				b.ends = append(b.ends, len(b.cells))
			}
			select {
			case p.full <- b:
			case <-p.done:
				return
			}
			if b.last {
				return
			}
		}
	}()
	return p
}

// next returns the next row's number, cells and their refs, valid until the call after; at
// the end or on an error (p.err) it reports false.
func (p *rowPipe) next() (int, []string, []int32, bool) {
	for p.cur == nil || p.i == len(p.cur.nums) {
		if p.cur != nil {
			if p.cur.last {
				p.err = p.cur.err
				return 0, nil, nil, false
			}
			p.free <- p.cur
		}
		p.cur, p.i = <-p.full, 0
	}
	b, i := p.cur, p.i
	p.i++
	from := 0
	if i > 0 {
		from = b.ends[i-1]
	}
	return b.nums[i], b.cells[from:b.ends[i]:b.ends[i]], b.refs[from:b.ends[i]:b.ends[i]], true
}

// close stops the goroutine and waits for it.
func (p *rowPipe) close() {
	close(p.done)
	p.wg.Wait()
}

// fail records a problem found at row num (0: not in a row).
func (s *rowReader) fail(num int, format string, args ...any) bool {
	if s.e == nil {
		where := fmt.Sprintf(", row %d", num)
		if num == 0 {
			where = ""
		}
		s.e = fmt.Errorf("sheet %q%s: %s", s.sheet, where, fmt.Sprintf(format, args...))
	}
	return false
}

// scanFailed records the scanner's error, or damage when the XML simply stops.
func (s *rowReader) scanFailed(num int) bool {
	err := s.sc.err
	var se *xmlSyntaxError
	switch {
	case err == nil:
		return s.fail(num, "the sheet's XML is damaged: it ends early")
	case errors.As(err, &se):
		return s.fail(num, "the sheet's XML is damaged: %s", se.msg)
	}
	return s.fail(num, "%s", oneLine(err.Error()))
}

// readRow reads the next <row> of <sheetData> into cells; it reports false at the end of the
// rows or on an error.
func (s *rowReader) readRow() bool {
	sc := s.sc
	if s.state == beforeSheetData {
		for s.state == beforeSheetData {
			switch sc.next() {
			case tokEOF:
				s.state = afterSheetData
				if sc.err != nil {
					return s.scanFailed(0)
				}
				return false // no <sheetData>: no rows
			case tokStart:
				if string(sc.name()) == "sheetData" {
					s.state = inSheetData
				}
			}
		}
	}
	if s.state == afterSheetData {
		return false
	}
	for {
		switch sc.next() {
		case tokEOF:
			return s.scanFailed(s.last + 1)
		case tokEnd: // </sheetData>; what follows it is not parsed
			s.state = afterSheetData
			if err := sc.drain(); err != nil {
				return s.fail(0, "%s", oneLine(err.Error()))
			}
			return false
		case tokStart:
			if string(sc.name()) == "row" {
				return s.readCells()
			}
			if !sc.skip() {
				return s.scanFailed(s.last + 1)
			}
		}
	}
}

// readCells reads the <row> whose start tag was just returned.
func (s *rowReader) readCells() bool {
	sc := s.sc
	num := s.last + 1
	for _, a := range sc.attrs {
		local, value := sc.attr(a)
		if string(local) != "r" {
			continue
		}
		v, err := attrValue(s.attrBuf, value)
		if err != nil {
			return s.fail(num, "the sheet's XML is damaged: %v", err)
		}
		n, ok := atoi(v)
		if !ok {
			return s.fail(num, "the row's number is not a number (a damaged workbook?)")
		}
		num = n
	}
	switch {
	case num < 1 || num > maxSheetRows:
		return s.fail(s.last+1, "row number %d is outside the sheet (1 to %d)", num, maxSheetRows)
	case num <= s.last:
		return s.fail(num, "the row comes after row %d in the file (a damaged workbook?)", s.last)
	}
	s.last = num
	s.entries, s.rowBuf = s.entries[:0], s.rowBuf[:0]
	col := 0
	for {
		s.fastCells(num, &col)
		if sc.endRow() {
			return s.finishRow(num)
		}
		if handled, ok := s.quickCell(num, &col); handled {
			if !ok {
				return false
			}
			continue
		}
		switch sc.next() {
		case tokEOF:
			return s.scanFailed(num)
		case tokEnd:
			return s.finishRow(num)
		case tokStart:
			if string(sc.name()) == "c" {
				if !s.readCell(num, &col) {
					return false
				}
				continue
			}
			if !sc.skip() {
				return s.scanFailed(num)
			}
		}
	}
}

const (
	cellOther = iota
	cellShared
	cellInline
	cellText
)

func cellType(t []byte) int {
	switch string(t) {
	case "s":
		return cellShared
	case "inlineStr":
		return cellInline
	case "", "n", "b":
		return cellOther
	}
	return cellText // str (a formula's text), d (an ISO date), e (an error)
}

// readCell reads the <c> whose start tag was just returned; col is the column of the cell
// before it, 0 for the first.
func (s *rowReader) readCell(num int, col *int) bool {
	sc := s.sc
	var ref []byte
	typ := cellOther
	for _, a := range sc.attrs {
		local, value := sc.attr(a)
		switch string(local) {
		case "r":
			ref = value
		case "t":
			v, err := attrValue(s.attrBuf, value)
			if err != nil {
				return s.fail(num, "the sheet's XML is damaged: %v", err)
			}
			typ = cellType(v)
		}
	}
	if ref != nil {
		v, err := attrValue(s.attrBuf, ref)
		if err != nil {
			return s.fail(num, "the sheet's XML is damaged: %v", err)
		}
		ref = v
	}
	c, ok := s.cellColumn(num, *col, ref)
	if !ok {
		return false
	}
	*col = c

	s.val = s.val[:0]
	s.isT, s.isRuns = s.isT[:0], s.isRuns[:0]
	formula, inline := false, false
	for done := false; !done; {
		switch sc.next() {
		case tokEOF:
			return s.scanFailed(num)
		case tokEnd:
			done = true
		case tokStart:
			switch string(sc.name()) {
			case "v": // the last <v> counts, as in excelize
				s.val = s.val[:0]
				if !s.readText(&s.val) {
					return s.scanFailed(num)
				}
			case "f":
				formula = true
				if !sc.skip() {
					return s.scanFailed(num)
				}
			case "is":
				inline = true
				if !s.readRich() {
					return s.scanFailed(num)
				}
			default:
				if !sc.skip() {
					return s.scanFailed(num)
				}
			}
		}
	}
	s.isT = append(s.isT, s.isRuns...)
	return s.addCell(num, c, typ, s.val, s.isT, inline, formula)
}

// cellColumn returns the column of a cell from its reference, or the one after the previous
// cell's when it has none.
func (s *rowReader) cellColumn(num, prev int, ref []byte) (int, bool) {
	c := prev + 1
	if ref != nil {
		var ok bool
		if c, ok = refColumn(ref); !ok {
			return 0, s.fail(num, "a cell's reference is not valid (a damaged workbook?)")
		}
		if c <= prev {
			return 0, s.fail(num, "a cell of column %s comes after column %s in the file (a damaged workbook?)", ColumnName(c-1), ColumnName(prev-1))
		}
	}
	if c > maxSheetColumns {
		return 0, s.fail(num, "the row has more than %d columns", maxSheetColumns)
	}
	return c, true
}

// addCell adds the cell in column c to the row, given its type, the text of its <v>, the
// text of its inline string (escapes not yet decoded) and whether it has one, and whether it
// has a formula. As in excelize, a cell whose value is empty is no cell, unless it has a
// formula.
func (s *rowReader) addCell(num, c, typ int, v, is []byte, inline, formula bool) bool {
	if len(s.rowBuf) > maxToken {
		return s.fail(num, "the row holds more than %d MiB of text", maxToken>>20)
	}
	switch {
	case typ == cellShared && len(v) > 0:
		i, ok := atoi(v)
		if !ok {
			i, ok = atoi(bytes.TrimSpace(v))
		}
		if !ok {
			return s.fail(num, "column %s refers to a shared string by something that is not a number (a damaged workbook?)", ColumnName(c-1))
		}
		if s.sst == nil || i < 0 || i >= s.sst.len() {
			return s.fail(num, "column %s refers to shared string %d, which the workbook does not have (a damaged workbook?)", ColumnName(c-1), i)
		}
		if s.sst.at(i) != "" || formula {
			s.entries = append(s.entries, cellEntry{col: int32(c), sst: int32(i), text: true})
		}
		return true
	case typ == cellInline && inline:
		off := len(s.rowBuf)
		s.rowBuf = decodeEscapes(s.rowBuf, is)
		if n := len(s.rowBuf) - off; n > 0 || formula {
			s.entries = append(s.entries, cellEntry{int32(c), -1, int32(off), int32(n), true})
		}
		return true
	}
	if len(v) > 0 || formula {
		off := len(s.rowBuf)
		s.rowBuf = append(s.rowBuf, v...)
		s.entries = append(s.entries, cellEntry{int32(c), -1, int32(off), int32(len(v)), typ == cellText})
	}
	return true
}

// plainText marks the bytes that end plain text in quickCell.
var plainText = func() (t [256]bool) {
	for c := 0; c < 256; c++ {
		t[c] = c != '<' && c != '&' && c != '\r'
	}
	return t
}()

// quickCell reads a whole cell of the commonest shapes straight from the scanner's window,
// when it is there whole: an unprefixed <c> whose attributes are name="value" with no entity
// in the value, holding nothing, <v>TEXT</v> or <is><t>TEXT</t></is>, with no entity, \r or
// markup in TEXT. For anything else it reads nothing and reports false, and readCell does the
// work, more slowly, with the same result. ok is false when the cell is wrong.
func (s *rowReader) quickCell(num int, col *int) (handled, ok bool) {
	sc := s.sc
	if sc.pendingEnd {
		return false, true
	}
	b := sc.buf[sc.pos:sc.end]
	i := skipSpace(b, 0)
	if len(b) < i+4 || b[i] != '<' || b[i+1] != 'c' {
		return false, true
	}
	i += 2
	if i >= len(b) || (b[i] != ' ' && b[i] != '>' && b[i] != '/' && b[i] != '\n' && b[i] != '\t' && b[i] != '\r') {
		return false, true
	}
	var ref []byte
	typ := cellOther
	empty := false
attrs:
	for {
		if i >= len(b) {
			return false, true
		}
		switch b[i] {
		case ' ', '\n', '\t', '\r':
			i++
			continue
		case '>':
			i++
			break attrs
		case '/':
			if i+1 >= len(b) || b[i+1] != '>' {
				return false, true
			}
			i += 2
			empty = true
			break attrs
		}
		ns := i
		for i < len(b) && nameByte[b[i]] && b[i] != ':' {
			i++
		}
		if i == ns || i+1 >= len(b) || b[i] != '=' || (b[i+1] != '"' && b[i+1] != '\'') {
			return false, true
		}
		name, q := b[ns:i], b[i+1]
		i += 2
		vs := i
		for i < len(b) && b[i] != q {
			if b[i] == '&' || b[i] == '\r' || b[i] == '<' {
				return false, true
			}
			i++
		}
		if i >= len(b) {
			return false, true
		}
		switch string(name) {
		case "r":
			ref = b[vs:i]
		case "t":
			typ = cellType(b[vs:i])
		}
		i++ // attributes need no space between them
	}
	var v, is []byte
	inline := false
	if !empty {
		rest := b[i:]
		var open, close string
		switch {
		case len(rest) >= 4 && string(rest[:4]) == "</c>":
			i += 4
		case len(rest) >= 3 && string(rest[:3]) == "<v>":
			open, close = "<v>", "</v></c>"
		case len(rest) >= 7 && string(rest[:7]) == "<is><t>":
			open, close = "<is><t>", "</t></is></c>"
		default:
			return false, true
		}
		if open != "" {
			j := i + len(open)
			for j < len(b) && plainText[b[j]] {
				j++
			}
			if j+len(close) > len(b) || string(b[j:j+len(close)]) != close || j-i > maxToken {
				return false, true
			}
			if open == "<v>" {
				v = b[i+len(open) : j]
			} else {
				is, inline = b[i+len(open):j], true
			}
			i = j + len(close)
		}
	}
	c, ok := s.cellColumn(num, *col, ref)
	if !ok {
		return true, false
	}
	*col = c
	sc.pos += i
	return true, s.addCell(num, c, typ, v, is, inline, false)
}

// fastCells reads the cells that follow in the window while they have the shape Excel gives
// nearly every cell, in a loop of its own: <c r="B7" s="1" t="s"><v>12</v></c>, s and t
// optional, t one of s, n, b, str, e or d, and <v> holding no markup, entity or \r, or no
// <v>. It stops at anything else, before the cell, leaving it to quickCell and readCell, which
// give the same result; it reads a cell only when the row can take it, so that the error for
// a cell out of order or past the last column, or for a shared string that does not exist,
// is theirs, and so is the error for a row that holds too much text.
func (s *rowReader) fastCells(num int, col *int) {
	sc := s.sc
	if sc.pendingEnd {
		return
	}
	b := sc.buf[:sc.end]
	i, c := sc.pos, *col
	nsst := 0
	if s.sst != nil {
		nsst = s.sst.len()
	}
	for {
		// <c r="
		if len(b)-i < 16 || string(b[i:i+6]) != `<c r="` || len(s.rowBuf) > maxToken {
			break
		}
		j := i + 6
		cc, k := 0, j
		for k < len(b) && k-j < 4 && 'A' <= b[k] && b[k] <= 'Z' {
			cc = cc*26 + int(b[k]-'A'+1)
			k++
		}
		if k == j || k-j > 3 || cc <= c || cc > maxSheetColumns || k >= len(b) || b[k] < '1' || b[k] > '9' {
			break
		}
		row, d := 0, k
		for k < len(b) && k-d < 8 && '0' <= b[k] && b[k] <= '9' {
			row = row*10 + int(b[k]-'0')
			k++
		}
		if k >= len(b) || b[k] != '"' || row > maxSheetRows {
			break
		}
		k++
		// s="digits"
		if len(b)-k >= 5 && string(b[k:k+4]) == ` s="` {
			k += 4
			d := k
			for k < len(b) && '0' <= b[k] && b[k] <= '9' {
				k++
			}
			if k == d || k >= len(b) || b[k] != '"' {
				break
			}
			k++
		}
		typ := cellOther
		if len(b)-k >= 6 && string(b[k:k+4]) == ` t="` {
			k += 4
			d := k
			for k < len(b) && 'a' <= b[k] && b[k] <= 'z' && k-d < 4 {
				k++
			}
			if k >= len(b) || b[k] != '"' {
				break // inlineStr among them: quickCell reads it
			}
			switch string(b[d:k]) {
			case "s":
				typ = cellShared
			case "n", "b":
			case "str", "e", "d":
				typ = cellText
			default:
				goto slow
			}
			k++
		}
		if k >= len(b) {
			break
		}
		switch {
		case b[k] == '/' && k+1 < len(b) && b[k+1] == '>':
			k += 2
		case b[k] != '>':
			goto slow
		case len(b)-k >= 5 && string(b[k+1:k+5]) == "</c>":
			k += 5
		case len(b)-k >= 4 && string(b[k+1:k+4]) == "<v>":
			k += 4
			vs := k
			if typ == cellShared {
				n := 0
				for k < len(b) && k-vs < 10 && '0' <= b[k] && b[k] <= '9' {
					n = n*10 + int(b[k]-'0')
					k++
				}
				if k == vs || len(b)-k < 8 || string(b[k:k+8]) != "</v></c>" || n >= nsst {
					goto slow
				}
				if s.sst.isEmpty(n) {
					// As in excelize: an empty value is no cell.
				} else {
					s.entries = append(s.entries, cellEntry{col: int32(cc), sst: int32(n), text: true})
				}
				k += 8
				break
			}
			for k < len(b) && plainText[b[k]] {
				k++
			}
			if len(b)-k < 8 || string(b[k:k+8]) != "</v></c>" || k-vs > maxToken {
				goto slow
			}
			if n := k - vs; n > 0 {
				off := len(s.rowBuf)
				s.rowBuf = append(s.rowBuf, b[vs:k]...)
				s.entries = append(s.entries, cellEntry{int32(cc), -1, int32(off), int32(n), typ == cellText})
			}
			k += 8
		default:
			goto slow
		}
		c, i = cc, k
	}
slow:
	*col = c
	sc.pos = i
}

// finishRow turns the row's entries into cells, with an empty string for each column the
// row leaves out before a cell.
func (s *rowReader) finishRow(num int) bool {
	if !utf8.Valid(s.rowBuf) {
		return s.fail(num, "the row's text is not valid UTF-8 (a damaged workbook?)")
	}
	str := string(s.rowBuf)
	cells, refs := s.cells[:0], s.refs[:0]
	for _, e := range s.entries {
		for len(cells) < int(e.col)-1 {
			cells = append(cells, "")
			refs = append(refs, refText)
		}
		switch {
		case e.sst >= 0:
			cells = append(cells, s.sst.at(int(e.sst)))
			refs = append(refs, e.sst)
		case e.text:
			cells = append(cells, str[e.off:e.off+e.n])
			refs = append(refs, refText)
		default:
			cells = append(cells, str[e.off:e.off+e.n])
			refs = append(refs, refNumber)
		}
	}
	s.cells, s.refs = cells, refs
	return true
}

// readText appends the text of the element whose start tag was just returned to dst: its
// own character data, not that of any element inside it, as encoding/xml decodes a string.
func (s *rowReader) readText(dst *[]byte) bool {
	sc := s.sc
	for {
		switch sc.next() {
		case tokEOF:
			return false
		case tokEnd:
			return true
		case tokText:
			var err error
			if *dst, err = appendText(*dst, sc.chars()); err != nil {
				sc.fail("%v", err)
				return false
			}
		case tokCDATA:
			*dst = appendCDATA(*dst, sc.chars())
		case tokStart:
			if !sc.skip() {
				return false
			}
		}
	}
}

// readRich reads an inline string <is> or a shared string <si> whose start tag was just
// returned into isT (the last <t>) and isRuns (each rich text run's last <t>, joined), as
// excelize decodes them; phonetic runs <rPh> and anything else are left out. Several <is> in
// one cell add up the same way.
func (s *rowReader) readRich() bool {
	sc := s.sc
	for {
		switch sc.next() {
		case tokEOF:
			return false
		case tokEnd:
			return true
		case tokStart:
			switch string(sc.name()) {
			case "t":
				s.isT = s.isT[:0]
				if !s.readText(&s.isT) {
					return false
				}
			case "r":
				s.runT = s.runT[:0]
				for done := false; !done; {
					switch sc.next() {
					case tokEOF:
						return false
					case tokEnd:
						done = true
					case tokStart:
						if string(sc.name()) == "t" {
							s.runT = s.runT[:0]
							if !s.readText(&s.runT) {
								return false
							}
						} else if !sc.skip() {
							return false
						}
					}
				}
				s.isRuns = append(s.isRuns, s.runT...)
			default:
				if !sc.skip() {
					return false
				}
			}
		}
	}
}

// atoi reads a decimal integer as strconv.Atoi does (a sign, leading zeros), without
// allocating for the common case.
func atoi(b []byte) (int, bool) {
	if n := len(b); n > 0 && n < 10 {
		v := 0
		for _, c := range b {
			if c < '0' || c > '9' {
				goto slow
			}
			v = v*10 + int(c-'0')
		}
		return v, true
	}
slow:
	v, err := strconv.Atoi(string(b))
	return v, err == nil
}

// refColumn returns the column of a cell reference such as B7, accepting what excelize's
// CellNameToCoordinates accepts ($ signs, lower case, a row from 1 to 1048576) and refusing
// columns past XFD.
func refColumn(ref []byte) (int, bool) {
	// The usual case: capital letters, then digits.
	col, i := 0, 0
	for i < len(ref) && i < 3 && 'A' <= ref[i] && ref[i] <= 'Z' {
		col = col*26 + int(ref[i]-'A'+1)
		i++
	}
	if i > 0 && i < len(ref) && ref[i] != '0' && len(ref)-i <= 7 {
		row := 0
		for _, c := range ref[i:] {
			if c < '0' || c > '9' {
				return refColumnSlow(ref)
			}
			row = row*10 + int(c-'0')
		}
		if row <= maxSheetRows && col <= maxSheetColumns {
			return col, true
		}
		return 0, false
	}
	return refColumnSlow(ref)
}

func refColumnSlow(ref []byte) (int, bool) {
	alpha := func(c byte) bool { return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || c == '$' }
	if len(ref) == 0 || !alpha(ref[0]) {
		return 0, false
	}
	last := 0
	for i, c := range ref {
		if alpha(c) {
			last = i
		}
	}
	if last == len(ref)-1 {
		return 0, false
	}
	row, err := strconv.Atoi(string(ref[last+1:]))
	if err != nil || row < 1 || row > maxSheetRows {
		return 0, false
	}
	col, letters := 0, 0
	for _, c := range ref[:last+1] {
		switch {
		case c == '$':
			continue
		case 'a' <= c && c <= 'z':
			c -= 'a' - 'A'
		case c < 'A' || c > 'Z':
			return 0, false
		}
		if letters++; letters > 3 {
			return 0, false
		}
		col = col*26 + int(c-'A'+1)
	}
	if letters == 0 || col > maxSheetColumns {
		return 0, false
	}
	return col, true
}
