package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
)

// countingWriter counts the writes it is given.
type countingWriter struct {
	bytes.Buffer
	writes int
}

func (w *countingWriter) Write(p []byte) (int, error) {
	w.writes++
	return w.Buffer.Write(p)
}

// TestBatchTableOneWrite checks that the batch's table reaches stdout in one write, not one
// per cell: a clinic's table has thousands of rows, each a system call when stdout is a file
// or a pipe.
func TestBatchTableOneWrite(t *testing.T) {
	dir := t.TempDir()
	getenv := func(k string) string {
		switch k {
		case "SOURCE_DATE_EPOCH":
			return "1712016000"
		case "XDG_DATA_HOME": // the test's register
			return dir
		}
		return ""
	}
	export, profiles := filepath.Join(dir, "p.csv"), filepath.Join(dir, "profiles")
	var stderr bytes.Buffer
	if code := run([]string{"sample", "--rows", "600", "--professionals", "20", "-o", export, "--profiles", profiles}, nil, &bytes.Buffer{}, &stderr, getenv); code != 0 {
		t.Fatalf("sample: exit %d: %s", code, stderr.String())
	}
	var stdout countingWriter
	run([]string{"batch", export, "--month", "2024-03", "--profiles", profiles, "--out-dir", filepath.Join(dir, "out"), "--quiet"}, nil, &stdout, &stderr, getenv)
	if rows := strings.Count(stdout.String(), "\n"); rows < 10 {
		t.Fatalf("the table has %d lines, want a row per professional:\n%s\n%s", rows, stdout.String(), stderr.String())
	}
	if stdout.writes != 1 {
		t.Errorf("the table took %d writes, want 1", stdout.writes)
	}
}
