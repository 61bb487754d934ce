package export

import (
	"bytes"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"
)

// An export read from a stream reads as the same file does, .xlsx and CSV alike, and its
// messages call it by its name, never by the temporary file's.
func TestSpool(t *testing.T) {
	xlsxPath := writeXLSX(t, [][]any{
		{"Session Date", "Service Price", "Type", "Client Name"},
		{time.Date(2024, 3, 5, 14, 0, 0, 0, time.UTC), 18500, "Credit", "Sigrún"},
		{"05.03.2024 15:00", "18.500 kr.", "Credit", "Jón"},
	})
	csvPath := writeFile(t, "p.csv", "\xEF\xBB\xBFSession Date;Service Price;Type\n05.03.2024 10:00;18.500 kr.;Credit\n")
	for _, path := range []string{xlsxPath, csvPath} {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		want, wantInfo, err := readAll(t, path, Options{Currency: "ISK"})
		if err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		s, err := NewSpool(bytes.NewReader(data), StdinName, dir, 0)
		if err != nil {
			t.Fatal(err)
		}
		if st, err := os.Stat(s.Path); err != nil || st.Mode().Perm() != 0o600 {
			t.Errorf("the temporary file: %v, %v; want it readable by its owner only", st.Mode(), err)
		}
		got, info, err := readAll(t, s.Path, Options{Currency: "ISK", Name: s.Name})
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) || info.Format != wantInfo.Format || info.File != StdinName {
			t.Errorf("%s from a stream: %d records, %s, %q; from the file: %d, %s", path, len(got), info.Format, info.File, len(want), wantInfo.Format)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		if left, _ := os.ReadDir(dir); len(left) != 0 {
			t.Errorf("Close left %v", left)
		}
	}

	s, err := NewSpool(strings.NewReader("Session Date,Service Price\n32.03.2024,1\n"), StdinName, t.TempDir(), 0)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	_, _, err = readAll(t, s.Path, Options{Name: s.Name})
	if err == nil || !strings.HasPrefix(err.Error(), "standard input: row 2, column A (Session Date): ") || strings.Contains(err.Error(), s.Path) {
		t.Errorf("got %v, want an error naming standard input and row 2", err)
	}
	for _, data := range []string{"", "PK\x03\x04 a damaged zip"} {
		s, err := NewSpool(strings.NewReader(data), StdinName, t.TempDir(), 0)
		if err != nil {
			t.Fatal(err)
		}
		_, _, err = readAll(t, s.Path, Options{Name: s.Name})
		s.Close()
		if err == nil || !strings.HasPrefix(err.Error(), "standard input: ") || strings.Contains(err.Error(), s.Path) {
			t.Errorf("%q: got %v, want an error naming standard input only", data, err)
		}
	}
}

func TestSpoolTooLong(t *testing.T) {
	dir := t.TempDir()
	_, err := NewSpool(strings.NewReader(strings.Repeat("x", 3<<20)), StdinName, dir, 2<<20)
	if err == nil || err.Error() != "standard input: the export is longer than 2 MiB, more than hubinvoice reads from a stream\nhint: save it to a file and give its name instead" {
		t.Errorf("got %v", err)
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("a refused stream left %v", left)
	}
}
