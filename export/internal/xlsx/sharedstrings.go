package xlsx

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// sharedStrings holds the workbook's shared strings back to back in one string: a million
// short strings cost their length and four bytes each, not a string header and an
// allocation each.
type sharedStrings struct {
	data string
	ends []uint32
}

func (t *sharedStrings) len() int { return len(t.ends) }

func (t *sharedStrings) at(i int) string {
	from := uint32(0)
	if i > 0 {
		from = t.ends[i-1]
	}
	return t.data[from:t.ends[i]]
}

// isEmpty reports whether string i is "".
func (t *sharedStrings) isEmpty(i int) bool {
	return i == 0 && t.ends[0] == 0 || i > 0 && t.ends[i] == t.ends[i-1]
}

// readSharedStrings reads xl/sharedStrings.xml: every <si> child of the root, its text as
// excelize makes it (see rowReader.readRich).
func readSharedStrings(f *zip.File) (*sharedStrings, error) {
	rc, err := openPart(f)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return parseSharedStrings(rc, int(min(64<<10, f.UncompressedSize64+512)), int(min(f.UncompressedSize64, maxSharedStrings)))
}

// parseSharedStrings reads the shared strings part from r with a scanner window of size bytes.
// The part is partSize bytes (0: unknown): its strings take no more than that, since decoding
// only ever shortens a text, so that much is taken at once rather than grown into: a million
// rows' shared strings are read with 15 MB of allocations, not 36 MB.
func parseSharedStrings(r io.Reader, size, partSize int) (*sharedStrings, error) {
	s := &rowReader{sc: newXMLScanner(r, size)}
	sc := s.sc
	var data strings.Builder
	data.Grow(partSize)
	t := &sharedStrings{}
	depth := 0
	for {
		switch sc.next() {
		case tokEOF:
			if sc.err != nil {
				return nil, sc.err
			}
			return nil, errors.New("no <sst> element")
		case tokEnd:
			t.data = data.String()
			if data.Cap()-data.Len() > data.Len()/8 {
				// Markup took much of the part: the table is kept for the whole read, so it
				// is kept at its size (the copy is garbage once).
				t.data = strings.Clone(t.data)
			}
			// The end of the root: anything after it is not parsed, only read for the checksum.
			if err := sc.drain(); err != nil {
				return nil, err
			}
			return t, nil
		case tokStart:
			if depth == 0 {
				depth = 1 // the root, <sst>
				for _, a := range sc.attrs {
					// as many as it says, if each could be there (<si/> is five bytes)
					if local, v := sc.attr(a); string(local) == "uniqueCount" && partSize > 0 {
						if n, ok := atoi(v); ok && n > 0 {
							t.ends = make([]uint32, 0, min(n, partSize/5+1))
						}
					}
				}
				continue
			}
			if string(sc.name()) != "si" {
				if !sc.skip() {
					return nil, sc.err
				}
				continue
			}
			s.isT, s.isRuns = s.isT[:0], s.isRuns[:0]
			if !s.readRich() {
				if sc.err == nil {
					return nil, errors.New("the XML ends early")
				}
				return nil, sc.err
			}
			s.isT = append(s.isT, s.isRuns...)
			s.escBuf = decodeEscapes(s.escBuf[:0], s.isT)
			if !utf8.Valid(s.escBuf) {
				return nil, fmt.Errorf("shared string %d is not valid UTF-8", len(t.ends))
			}
			data.Write(s.escBuf)
			if data.Len() > 1<<32-1 {
				return nil, errors.New("more than 4 GiB of shared strings")
			}
			t.ends = append(t.ends, uint32(data.Len()))
		}
	}
}
