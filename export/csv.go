package export

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/hubinvoice/hubinvoice/export/internal/xlsx"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// csvSource reads a CSV file as spreadsheet programs write it: UTF-8 with or without a byte
// order mark, separated by ',', ';' or tabs (European Excel and LibreOffice use ';').
//
// Decoding runs on a goroutine of its own, a batch of rows ahead of the parser, so that a
// large file is read on two cores.
type csvSource struct {
	f     io.ReadCloser
	r     *csv.Reader
	extra int // lines taken by line breaks inside quoted cells so far (decoder's)

	watch *utf8Watch // the file was taken as UTF-8 from its start: hold every row to it
	limit *rowLimit
	last  int // the row last read

	batches chan csvBatch
	stop    chan struct{}
	cur     csvBatch
	i       int
	e       error
}

type csvBatch struct {
	nums  []int
	cells [][]string
	err   error // the decoder's error after the rows of this batch; io.EOF at the end
}

const csvBatchRows = 512

const sniffBytes = 64 << 10

func openCSV(f io.ReadCloser, name string, info *Info) (source, error) {
	br := bufio.NewReaderSize(f, sniffBytes)
	peek, err := br.Peek(sniffBytes)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	var r io.Reader = br
	checkUTF8 := false
	switch {
	case bytes.HasPrefix(peek, []byte{0xFF, 0xFE}) || bytes.HasPrefix(peek, []byte{0xFE, 0xFF}):
		// UTF-16 with a byte order mark: Excel's "Unicode Text" (tab-separated).
		dec := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM)
		decoded, _ := dec.NewDecoder().Bytes(peek[:len(peek)&^1])
		peek = decoded
		r = transform.NewReader(br, dec.NewDecoder())
	case bytes.IndexByte(peek, 0) >= 0:
		return nil, fmt.Errorf("%s: is not a spreadsheet (binary data)\nhint: export Payments > Paid sessions from the portal as Excel (.xlsx) or save it as CSV", name)
	case bytes.HasPrefix(peek, []byte("\xEF\xBB\xBF")):
		br.Discard(3)
		peek = peek[3:]
		checkUTF8 = true
	case !utf8.Valid(trimPartialRune(peek)):
		// Excel on Windows saves "CSV (Comma delimited)" in the ANSI code page.
		info.Notes = append(info.Notes, "the file is not UTF-8: read as Windows-1252, as Excel on Windows saves CSV")
		r = transform.NewReader(br, charmap.Windows1252.NewDecoder())
	default:
		checkUTF8 = true
	}
	var watch *utf8Watch
	if checkUTF8 {
		watch = &utf8Watch{r: r}
		r = watch
	}
	if !bytes.ContainsRune(peek, '\n') && bytes.ContainsRune(peek, '\r') {
		// Lines end in a lone CR, as on the classic Mac OS (and in some exports still):
		// spreadsheet programs read them so.
		r = transform.NewReader(r, crToLF{})
	}
	limit := &rowLimit{r: r}
	r = limit
	cr := csv.NewReader(r)
	cr.Comma = sniffComma(peek)
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	cr.ReuseRecord = true
	src := &csvSource{f: f, r: cr, watch: watch, limit: limit, batches: make(chan csvBatch, 4), stop: make(chan struct{}), i: -1}
	go src.decode()
	return src, nil
}

// decode reads records in batches until the end, an error, or close.
func (s *csvSource) decode() {
	defer close(s.batches)
	for {
		b := csvBatch{nums: make([]int, 0, csvBatchRows), cells: make([][]string, 0, csvBatchRows)}
		for len(b.nums) < csvBatchRows && b.err == nil {
			num, rec, err := s.read()
			if err != nil {
				b.err = err
				break
			}
			b.nums = append(b.nums, num)
			b.cells = append(b.cells, append([]string(nil), rec...)) // the strings are the record's own
		}
		select {
		case s.batches <- b:
		case <-s.stop:
			return
		}
		if b.err != nil {
			return
		}
	}
}

// read decodes one record and the row a spreadsheet shows for it.
func (s *csvSource) read() (int, []string, error) {
	rec, err := s.r.Read()
	if err != nil {
		var pe *csv.ParseError
		switch {
		case errors.As(err, &pe):
			err = fmt.Errorf("row %d: %v", pe.StartLine-s.extra, pe.Err)
		case errors.Is(err, errRowTooLong):
			err = fmt.Errorf("row %d: %v", s.last+1, err)
		}
		return 0, nil, err
	}
	s.limit.mark = s.r.InputOffset()
	line, _ := s.r.FieldPos(0)
	num := line - s.extra
	s.last = num
	for i, c := range rec {
		if len(c) > maxCSVCell && utf8.RuneCountInString(c) > maxCSVCell {
			return 0, nil, fmt.Errorf("row %d, column %s: a cell of more than %d characters, more than a spreadsheet cell holds (a damaged or hostile file?)", num, xlsx.ColumnName(i), maxCSVCell)
		}
	}
	// A quoted line break keeps a record in one spreadsheet row: count the lines it took.
	if last, _ := s.r.FieldPos(len(rec) - 1); last != line {
		s.extra += last - line
	}
	s.extra += strings.Count(rec[len(rec)-1], "\n")
	if s.watch != nil && s.watch.bad {
		for i, c := range rec {
			if !utf8.ValidString(c) {
				return 0, nil, fmt.Errorf("row %d, column %s: is not UTF-8 text, as the rows before it are: the file mixes encodings\nhint: open it and save it again as CSV UTF-8", num, xlsx.ColumnName(i))
			}
		}
	}
	return num, rec, nil
}

// A CSV's rows and cells are bounded, so that memory is bounded by them rather than by the
// file: Excel and LibreOffice hold at most 32,767 characters in a cell, and a real export's row
// is some 250 bytes (the sample export's longest is 300), so a row of a MiB is 3,000 times
// that. A longer row or cell is refused when it is met, before it is read whole.
const (
	maxCSVRow  = 1 << 20
	maxCSVCell = 32767
)

var errRowTooLong = fmt.Errorf("is longer than %d MiB, far more than a payment's row (a damaged or hostile file?)", maxCSVRow>>20)

// rowLimit refuses to read on once the row being decoded holds more than maxCSVRow bytes:
// mark is where the last row ended (the decoder's InputOffset), and the CSV reader's own
// buffer reads only a little ahead of it.
type rowLimit struct {
	r    io.Reader
	n    int64 // bytes read so far
	mark int64
}

func (l *rowLimit) Read(p []byte) (int, error) {
	if l.n-l.mark > maxCSVRow {
		return 0, errRowTooLong
	}
	n, err := l.r.Read(p)
	l.n += int64(n)
	return n, err
}

// crToLF turns every carriage return into a line feed: the line ends of a file whose lines
// end in a lone CR.
type crToLF struct{ transform.NopResetter }

func (crToLF) Transform(dst, src []byte, atEOF bool) (nDst, nSrc int, err error) {
	n := copy(dst, src)
	for i, c := range dst[:n] {
		if c == '\r' {
			dst[i] = '\n'
		}
	}
	if n < len(src) {
		err = transform.ErrShortDst
	}
	return n, n, err
}

// utf8Watch checks the bytes of a file taken as UTF-8 as they are read, a chunk at a time. Once
// a chunk is not valid UTF-8, bad is set and the rows from then on are checked cell by cell,
// which names the row and column; until then no cell needs checking.
type utf8Watch struct {
	r    io.Reader
	tail []byte // an incomplete rune at the end of the last chunk
	bad  bool
}

func (w *utf8Watch) Read(p []byte) (int, error) {
	n, err := w.r.Read(p)
	if !w.bad && n > 0 {
		chunk := p[:n]
		if len(w.tail) > 0 {
			chunk = append(w.tail, chunk...)
		}
		whole := trimPartialRune(chunk)
		w.tail = append(w.tail[:0], chunk[len(whole):]...)
		if !utf8.Valid(whole) || len(w.tail) > 3 {
			w.bad = true
		}
	}
	if err == io.EOF && len(w.tail) > 0 {
		w.bad = true // the file ends inside a rune
	}
	return n, err
}

// trimPartialRune drops an incomplete UTF-8 sequence cut off at the end of a peek.
func trimPartialRune(b []byte) []byte {
	for i := 1; i <= 3 && i <= len(b); i++ {
		if utf8.RuneStart(b[len(b)-i]) {
			if !utf8.FullRune(b[len(b)-i:]) {
				return b[:len(b)-i]
			}
			break
		}
	}
	return b
}

// sniffComma picks the separator that occurs most often outside quotes on any of the first
// lines (a title line above the header has few or none); ties go to ','.
func sniffComma(peek []byte) rune {
	counts := map[rune]int{}
	lines := strings.Split(string(peek), "\n")
	if len(lines) > 1 {
		lines = lines[:len(lines)-1] // the last may be cut off by the peek
	}
	for i, line := range lines {
		if i == headerSearchRows {
			break
		}
		here := map[rune]int{}
		quoted := false
		for _, r := range line {
			switch {
			case r == '"':
				quoted = !quoted
			case !quoted && (r == ',' || r == ';' || r == '\t'):
				here[r]++
			}
		}
		for r, n := range here {
			counts[r] = max(counts[r], n)
		}
	}
	best := ','
	for _, r := range []rune{';', '\t'} {
		if counts[r] > counts[best] {
			best = r
		}
	}
	return best
}

func (s *csvSource) next() bool {
	for {
		if s.i+1 < len(s.cur.nums) {
			s.i++
			return true
		}
		if s.cur.err != nil {
			if !errors.Is(s.cur.err, io.EOF) {
				s.e = s.cur.err
			}
			return false
		}
		b, ok := <-s.batches
		if !ok {
			return false
		}
		s.cur, s.i = b, -1
	}
}

func (s *csvSource) row() (int, []string) { return s.cur.nums[s.i], s.cur.cells[s.i] }
func (s *csvSource) err() error           { return s.e }
func (s *csvSource) numericCells() bool   { return false }
func (s *csvSource) shared() []int32      { return nil }
func (s *csvSource) date1904() bool       { return false }

// close stops the decoder and waits for it before closing the file it reads.
func (s *csvSource) close() error {
	close(s.stop)
	for range s.batches {
	}
	return s.f.Close()
}
func (s *csvSource) kind(int) cellKind { return kindText }
