package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
)

// TestReportsPrivacy runs check and collect, as text and as JSON, for every professional of
// every third-party fixture, and requires that no client name or email reaches stdout or
// stderr while the professional's own name does.
func TestReportsPrivacy(t *testing.T) {
	const fixtures = "../../testdata/fixtures"
	var want struct {
		Files map[string]struct {
			Clients       []struct{ Name, Email string } `json:"clients"`
			Professionals []struct{ Name, Email string } `json:"professionals"`
		} `json:"files"`
	}
	readJSON(t, filepath.Join(fixtures, "expected.json"), &want)
	getenv := func(k string) string {
		if k == "SOURCE_DATE_EPOCH" {
			return "1712016000"
		}
		return ""
	}
	runs := 0
	for file, fx := range want.Files {
		for _, p := range fx.Professionals {
			for _, args := range [][]string{
				{"check", filepath.Join(fixtures, file), "--month", "2024-03", "--professional", p.Email},
				{"check", filepath.Join(fixtures, file), "--month", "2024-03", "--professional", p.Email, "--json"},
				{"collect", filepath.Join(fixtures, file), "--month", "2024-03", "--professional", p.Email},
				{"collect", filepath.Join(fixtures, file), "--month", "2024-03", "--professional", p.Email, "--json"},
			} {
				var stdout, stderr bytes.Buffer
				code := run(args, strings.NewReader(""), &stdout, &stderr, getenv)
				if code > 1 || stdout.Len() == 0 {
					t.Errorf("%s: exit %d, stdout %q, stderr %q", strings.Join(args, " "), code, stdout.String(), stderr.String())
					continue
				}
				runs++
				out := stdout.String() + stderr.String()
				for _, c := range fx.Clients {
					if strings.Contains(out, c.Name) || strings.Contains(out, c.Email) {
						t.Errorf("%s: the output names a client (%s)", strings.Join(args, " "), c.Email)
					}
				}
				if !strings.Contains(args[len(args)-1], "json") && !strings.Contains(out, p.Name) {
					t.Errorf("%s: the output lacks the professional's name %q", strings.Join(args, " "), p.Name)
				}
			}
		}
	}
	if runs < 30 {
		t.Errorf("%d runs, want one per command, format, professional and fixture (30 or more)", runs)
	}
}
