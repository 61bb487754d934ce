package xlsx

import (
	"archive/zip"
	"bufio"
	"fmt"
	"hash"
	"hash/crc32"
	"io"

	"github.com/klauspost/compress/flate"
)

// openPart opens a part of the archive for reading, as zip.File.Open does (the part's size and
// CRC-32 checked at its end: a damaged part is refused), but inflated by klauspost's flate,
// which inflates sheet XML about a third faster than compress/flate: 0.85 s for the 520 MB
// sheet of a million rows where archive/zip takes 1.3 s. Its fast path wants a bufio.Reader,
// which also reads the compressed bytes in large blocks rather than archive/zip's 4 KiB.
// A part stored some other way than deflated or stored is left to archive/zip.
func openPart(f *zip.File) (io.ReadCloser, error) {
	if f.Method != zip.Deflate && f.Method != zip.Store {
		return f.Open()
	}
	raw, err := f.OpenRaw()
	if err != nil {
		return nil, err
	}
	p := &partReader{f: f, hash: crc32.NewIEEE(), r: raw}
	if f.Method == zip.Deflate {
		size := int(min(256<<10, f.CompressedSize64+16))
		p.inflate = flate.NewReader(bufio.NewReaderSize(raw, max(size, 16)))
		p.r = p.inflate
	}
	return p, nil
}

// errChecksum is zip.ErrChecksum, said for a person.
var errChecksum = fmt.Errorf("%w: the file is damaged", zip.ErrChecksum)

// partReader reads a part, checking its size and CRC-32 as archive/zip's checksumReader does.
type partReader struct {
	f       *zip.File
	r       io.Reader
	inflate io.ReadCloser // when the part is deflated
	hash    hash.Hash32
	nread   uint64
	err     error
}

func (p *partReader) Read(b []byte) (int, error) {
	if p.err != nil {
		return 0, p.err
	}
	n, err := p.r.Read(b)
	p.hash.Write(b[:n])
	p.nread += uint64(n)
	if p.nread > p.f.UncompressedSize64 {
		p.err = zip.ErrFormat
		return 0, p.err
	}
	if err == io.EOF {
		switch {
		case p.nread != p.f.UncompressedSize64:
			err = io.ErrUnexpectedEOF
		case (p.f.CRC32 != 0 || p.f.Flags&0x8 != 0) && p.hash.Sum32() != p.f.CRC32:
			// As archive/zip: a CRC of 0 is taken as unset, unless a data descriptor follows
			// the part, when the directory's CRC is the one written after it.
			err = errChecksum
		}
	}
	p.err = err
	return n, err
}

func (p *partReader) Close() error {
	if p.inflate != nil {
		return p.inflate.Close()
	}
	return nil
}
