package main

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestRedactFixtures re-runs every case that testdata/fixtures/check_redacted.py verified with
// openpyxl and Python's csv module (no client name or email, every other column's values, the
// row count) and requires the very bytes it verified: a change to redact's output fails here
// until the script is run again and its findings committed.
func TestRedactFixtures(t *testing.T) {
	const fixtures = "../../testdata/fixtures"
	var verified struct {
		Outputs []struct {
			Output string   `json:"output"`
			Source string   `json:"source"`
			Args   []string `json:"args"`
			SHA256 string   `json:"sha256"`
			Rows   int      `json:"rows"`
		} `json:"outputs"`
	}
	readJSON(t, filepath.Join(fixtures, "redacted-openpyxl.json"), &verified)
	var expected struct {
		Files map[string]struct {
			Clients []struct{ Name, Email string } `json:"clients"`
		} `json:"files"`
	}
	readJSON(t, filepath.Join(fixtures, "expected.json"), &expected)
	formats := map[string]bool{}
	for _, o := range verified.Outputs {
		formats[filepath.Ext(o.Output)] = true
	}
	if len(verified.Outputs) < 6 || !formats[".xlsx"] || !formats[".csv"] {
		t.Fatalf("redacted-openpyxl.json verifies %d outputs (%v), want xlsx and csv from every fixture", len(verified.Outputs), formats)
	}
	for _, o := range verified.Outputs {
		t.Run(o.Output, func(t *testing.T) {
			want, err := os.ReadFile(filepath.Join(fixtures, o.Output))
			if err != nil {
				t.Fatal(err)
			}
			if sum := sha256.Sum256(want); hex.EncodeToString(sum[:]) != o.SHA256 {
				t.Fatalf("%s is not the file check_redacted.py verified: run it again", o.Output)
			}
			out := filepath.Join(t.TempDir(), filepath.Base(o.Output))
			args := append([]string{"redact", filepath.Join(fixtures, o.Source), "-o", out}, o.Args...)
			var stdout, stderr bytes.Buffer
			if code := run(args, strings.NewReader(""), &stdout, &stderr, func(string) string { return "" }); code != 0 {
				t.Fatalf("hubinvoice %s: exit %d: %s", strings.Join(args, " "), code, stderr.String())
			}
			got, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("redact wrote other bytes than the verified %s: check them with check_redacted.py", o.Output)
			}
			text := partsText(t, out, got)
			for _, c := range expected.Files[o.Source].Clients {
				if c.Name == "" || strings.Contains(text, c.Name) || strings.Contains(text, c.Email) {
					t.Errorf("the output holds a client's name or email (%s)", c.Email)
				}
			}
			if !strings.Contains(stdout.String(), " "+strconv.Itoa(o.Rows)+" rows ") {
				t.Errorf("stdout %q does not say %d rows", stdout.String(), o.Rows)
			}
		})
	}
}

// partsText returns a file's bytes as text; an .xlsx's parts unzipped, so that no compressed
// client name escapes the search.
func partsText(t *testing.T, name string, data []byte) string {
	t.Helper()
	if filepath.Ext(name) != ".xlsx" {
		return string(data)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		part, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		b.Write(part)
		if f.Modified.Year() != 2000 {
			t.Errorf("part %s dated %s, want the fixed date", f.Name, f.Modified)
		}
	}
	return b.String()
}

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}
