package export

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/transform"
)

// csvSource reads a CSV file as spreadsheet programs write it: UTF-8 with or without a byte
// order mark, separated by ',', ';' or tabs (European Excel and LibreOffice use ';').
type csvSource struct {
	f     *os.File
	r     *csv.Reader
	num   int // the row a spreadsheet shows for the current record
	extra int // lines taken by line breaks inside quoted cells so far
	cells []string
	e     error
}

const sniffBytes = 64 << 10

func openCSV(f *os.File, name string, info *Info) (source, error) {
	br := bufio.NewReaderSize(f, sniffBytes)
	peek, err := br.Peek(sniffBytes)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	if bytes.IndexByte(peek, 0) >= 0 {
		return nil, fmt.Errorf("%s: is not a spreadsheet (binary data)\nhint: export Payments > Paid sessions from the portal as Excel (.xlsx) or save it as CSV", name)
	}
	var r io.Reader = br
	if bytes.HasPrefix(peek, []byte("\xEF\xBB\xBF")) {
		br.Discard(3)
		peek = peek[3:]
	} else if !utf8.Valid(trimPartialRune(peek)) {
		// Excel on Windows saves "CSV (Comma delimited)" in the ANSI code page.
		info.Notes = append(info.Notes, "the file is not UTF-8: read as Windows-1252, as Excel on Windows saves CSV")
		r = transform.NewReader(br, charmap.Windows1252.NewDecoder())
	}
	cr := csv.NewReader(r)
	cr.Comma = sniffComma(peek)
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	cr.ReuseRecord = true
	return &csvSource{f: f, r: cr}, nil
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

// sniffComma picks the separator that occurs most often outside quotes in the first
// non-empty line; ties go to ','.
func sniffComma(peek []byte) rune {
	line := ""
	for _, l := range strings.Split(string(peek), "\n") {
		if strings.TrimSpace(l) != "" {
			line = l
			break
		}
	}
	counts := map[rune]int{}
	quoted := false
	for _, r := range line {
		switch {
		case r == '"':
			quoted = !quoted
		case !quoted && (r == ',' || r == ';' || r == '\t'):
			counts[r]++
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
	rec, err := s.r.Read()
	if err != nil {
		if !errors.Is(err, io.EOF) {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				s.e = fmt.Errorf("row %d: %v", pe.StartLine-s.extra, pe.Err)
			} else {
				s.e = err
			}
		}
		return false
	}
	line, _ := s.r.FieldPos(0)
	s.num = line - s.extra
	// A quoted line break keeps a record in one spreadsheet row: count the lines it took.
	if last, _ := s.r.FieldPos(len(rec) - 1); last != line {
		s.extra += last - line
	}
	s.extra += strings.Count(rec[len(rec)-1], "\n")
	s.cells = rec
	return true
}

func (s *csvSource) row() (int, []string) { return s.num, s.cells }
func (s *csvSource) err() error           { return s.e }
func (s *csvSource) numericCells() bool   { return false }
func (s *csvSource) date1904() bool       { return false }
func (s *csvSource) close() error         { return s.f.Close() }
