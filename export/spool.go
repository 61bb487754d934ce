package export

import (
	"errors"
	"fmt"
	"io"
	"os"
)

// StdinName is what messages call an export read from standard input.
const StdinName = "standard input"

// DefaultMaxSpool bounds an export read from a stream: five times a clinic's year of
// payments as CSV (a million rows are about 205 MB; as .xlsx, 67 MB).
const DefaultMaxSpool = 1 << 30

// A Spool holds an export read from a stream (standard input) in a temporary file, readable
// only by its owner, so that it is read as a file is: an .xlsx needs random access, and Redact
// reads an export more than once. Pass Path to ReadFile or Redact with Options.Name set to
// Name, then Close it, which removes the file.
type Spool struct {
	Path string // the temporary file
	Name string // what messages call the export
}

// NewSpool copies r into a temporary file in dir (the system's when ""). A stream longer
// than max bytes (DefaultMaxSpool when 0) is refused, and nothing is left behind.
func NewSpool(r io.Reader, name, dir string, max int64) (*Spool, error) {
	if max <= 0 {
		max = DefaultMaxSpool
	}
	f, err := os.CreateTemp(dir, "hubinvoice-export-*")
	if err != nil {
		return nil, fmt.Errorf("%s: cannot keep the export in a temporary file: %v", name, err)
	}
	s := &Spool{Path: f.Name(), Name: name}
	n, err := io.Copy(f, io.LimitReader(r, max+1))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	switch {
	case err != nil:
		err = fmt.Errorf("%s: %v", name, err)
	case n > max:
		err = fmt.Errorf("%s: the export is longer than %d MiB, more than hubinvoice reads from a stream\nhint: save it to a file and give its name instead", name, max>>20)
	}
	if err != nil {
		return nil, errors.Join(err, s.Close())
	}
	return s, nil
}

// Close removes the temporary file.
func (s *Spool) Close() error {
	if err := os.Remove(s.Path); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	return nil
}
