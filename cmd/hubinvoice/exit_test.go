package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExitStatus pins every exit status README.md documents, through the real run function:
// scripts branch on them, so a change must break a test.
func TestExitStatus(t *testing.T) {
	dir := t.TempDir()
	fixtures, _ := filepath.Abs("../../testdata/fixtures")
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	thordis := write("profiles/thordis.toml", "[professional]\nname = \"Þórdís Guðmundsdóttir\"\nemail = \"thordis@example.is\"\n[bank]\niban = \"IS14 0159 2600 7654 5510 7303 39\"\n[invoice]\ncountry = \"IS\"\n")
	kolbrun := write("kolbrun.toml", "[professional]\nname = \"Kolbrún Ósk Sveinbjörnsdóttir\"\nemail = \"kolbrun@example.is\"\n[bank]\niban = \"IS14 0159 2600 7654 5510 7303 39\"\n[invoice]\ncountry = \"IS\"\n")
	bad := write("bad.csv", "Session Date,Service Name,Service Price,Professional Name,Professional Email,Type,Sponsor\n05.03.2024,S,12x5,P,thordis@example.is,Credit,ACME\n")
	xlsx := filepath.Join(fixtures, "openpyxl.xlsx")
	semi := filepath.Join(fixtures, "semicolon-bom.csv")
	out := func(name string) string { return filepath.Join(dir, name) }

	tests := []struct {
		name   string
		args   []string
		code   int // the number README.md documents, not the constant: a changed constant must fail here
		stderr string
	}{
		{"written", []string{"invoice", xlsx, "--config", thordis, "--month", "2024-03", "--professional", "thordis@example.is", "-o", out("a.pdf")}, 0, ""},
		{"bad data", []string{"invoice", bad, "--config", thordis, "--month", "2024-03", "-o", out("b.pdf")}, 1, "is not an amount"},
		{"exists", []string{"invoice", xlsx, "--config", thordis, "--month", "2024-03", "--professional", "thordis@example.is", "--draft", "-o", out("a.pdf")}, 1, "already exists"},
		{"unknown flag", []string{"invoice", xlsx, "--frobnicate"}, 2, "unknown flag"},
		{"bad month", []string{"invoice", xlsx, "--config", thordis, "--month", "March"}, 2, "is not a month"},
		{"several professionals", []string{"invoice", xlsx, "--config", kolbrun, "--month", "2024-03", "-o", out("c.pdf")}, 2, "pick one with --professional"},
		{"mistyped professional", []string{"invoice", xlsx, "--config", thordis, "--month", "2024-03", "--professional", "thordis@exampel.is", "-o", out("c.pdf")}, 2, `names no professional "thordis@exampel.is"`},
		{"mistyped sponsor", []string{"invoice", xlsx, "--config", thordis, "--month", "2024-03", "--professional", "thordis@example.is", "--sponsor", "Acne", "-o", out("c.pdf")}, 2, `names no sponsor "Acne"`},
		{"nothing to invoice", []string{"invoice", semi, "--config", kolbrun, "--month", "2024-03", "--professional", "kolbrun@example.is", "-o", out("d.pdf")}, 3, "nothing to invoice"},
		{"no sessions in the month", []string{"invoice", xlsx, "--config", thordis, "--month", "2023-01", "-o", out("d.pdf")}, 3, "no rows dated in 2023-01"},
		{"partial batch", []string{"batch", xlsx, "--month", "2024-03", "--profiles", filepath.Join(dir, "profiles"), "--out-dir", out("batch")}, 4, "partial: 2 professionals have no profile"},
		{"strict batch", []string{"batch", xlsx, "--month", "2024-03", "--profiles", filepath.Join(dir, "profiles"), "--out-dir", out("strict"), "--strict"}, 1, "--strict"},
	}
	data := t.TempDir() // the tests' register
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(tt.args, nil, &stdout, &stderr, func(k string) string {
				switch k {
				case "SOURCE_DATE_EPOCH":
					return "1712016000"
				case "XDG_DATA_HOME":
					return data
				}
				return ""
			})
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tt.code, stderr.String())
			}
			if !strings.Contains(stderr.String(), tt.stderr) {
				t.Errorf("stderr %q, want it to say %q", stderr.String(), tt.stderr)
			}
		})
	}
	if _, err := os.Stat(out("c.pdf")); err == nil {
		t.Error("a usage error wrote an invoice")
	}
	if _, err := os.Stat(out("d.pdf")); err == nil {
		t.Error("nothing to invoice wrote an invoice")
	}
}
