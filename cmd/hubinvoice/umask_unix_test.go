//go:build unix

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestFilesHonourUmask: every file hubinvoice writes (an invoice and its e-invoice, a redacted
// export, a batch's invoices and summary.csv) is created with the umask applied, as any new
// file: under umask 077 none may be readable by others.
func TestFilesHonourUmask(t *testing.T) {
	dir := t.TempDir()
	export := filepath.Join(dir, "payments.csv")
	os.WriteFile(export, []byte(hostileCSV), 0o644)
	profiles := filepath.Join(dir, "profiles")
	os.Mkdir(profiles, 0o755)
	os.WriteFile(filepath.Join(profiles, "t.toml"), []byte("[professional]\nname = \"Þórdís Guðmundsdóttir\"\nemail = \"thordis@example.is\"\n[bank]\niban = \"IS14 0159 2600 7654 5510 7303 39\"\n[invoice]\ncountry = \"IS\"\n"), 0o644)
	out := filepath.Join(dir, "out")
	old := syscall.Umask(0o077)
	defer syscall.Umask(old)
	for _, args := range [][]string{
		{"invoice", export, "--config", filepath.Join(profiles, "t.toml"), "-o", filepath.Join(out, "a.pdf"), "--force", "--issue-date", "2024-04-02"},
		{"redact", export, "-o", filepath.Join(out, "r.csv")},
		{"batch", export, "--profiles", profiles, "--out-dir", filepath.Join(out, "batch"), "--force", "--issue-date", "2024-04-02"},
	} {
		os.MkdirAll(out, 0o755)
		var stdout, stderr bytes.Buffer
		if code := run(append(args, "--month", "2024-03"), nil, &stdout, &stderr, testEnv(t)); code > 1 && code != 4 {
			t.Fatalf("%s: exit %d: %s", args[0], code, stderr.String())
		}
	}
	files := 0
	filepath.Walk(out, func(path string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() {
			files++
			if fi.Mode().Perm()&0o077 != 0 {
				t.Errorf("%s: mode %v under umask 077", path, fi.Mode().Perm())
			}
		}
		return nil
	})
	if files < 4 {
		t.Errorf("%d files written, want 4", files)
	}
}
