package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestInvoicePrivacy writes the invoice of every professional in every third-party fixture,
// in both languages, extracts the PDF's text and metadata with poppler, and checks that no
// client name or email is there while the professional's Icelandic name comes out intact.
func TestInvoicePrivacy(t *testing.T) {
	for _, tool := range []string{"pdftotext", "pdfinfo"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is needed to read the PDFs back: 'make tools' installs it (poppler-utils)", tool)
		}
	}
	written := 0
	for file, fx := range fixtures(t) {
		if len(fx.Clients) == 0 {
			t.Fatalf("%s: expected.json lists no clients to look for", file)
		}
		for _, pro := range fx.Professionals {
			if fx.Invoice[pro.Email].Sessions == 0 {
				continue
			}
			for _, lang := range []string{"en", "is"} {
				name := fmt.Sprintf("%s/%s/%s", file, pro.Email, lang)
				dir := t.TempDir()
				profile := filepath.Join(dir, "p.toml")
				os.WriteFile(profile, []byte(fmt.Sprintf("[professional]\nname = %q\nemail = %q\n[bank]\niban = \"IS14 0159 2600 7654 5510 7303 39\"\n[invoice]\nlanguage = %q\ncountry = \"IS\"\n", pro.Name, pro.Email, lang)), 0o644)
				out := filepath.Join(dir, "invoice.pdf")
				var stdout, stderr bytes.Buffer
				code := run([]string{"invoice", filepath.Join("../../testdata/fixtures", file), "--config", profile, "--professional", pro.Email,
					"--month", "2024-03", "--issue-date", "2024-04-02", "-o", out}, nil, &stdout, &stderr, testEnv(t))
				if code != 0 {
					t.Errorf("%s: exit %d: %s", name, code, stderr.String())
					continue
				}
				written++
				text := pdfText(t, out)
				for _, secret := range clientLeaks(text+stdout.String()+stderr.String(), fx.Clients) {
					t.Errorf("%s: the invoice, its metadata or the command's output holds client data %q", name, secret)
				}
				if !strings.Contains(text, pro.Name) {
					t.Errorf("%s: the PDF's text lacks the professional's name %q intact", name, pro.Name)
				}
			}
		}
	}
	if written < 10 {
		t.Errorf("wrote %d invoices, want at least 10: the fixtures changed?", written)
	}
}

// pdfText returns a PDF's text and its metadata as poppler reads them.
func pdfText(t *testing.T, path string) string {
	t.Helper()
	var b strings.Builder
	for _, cmd := range [][]string{{"pdftotext", "-layout", path, "-"}, {"pdfinfo", path}} {
		out, err := exec.Command(cmd[0], cmd[1:]...).Output()
		if err != nil {
			t.Fatalf("%s: %v", strings.Join(cmd, " "), err)
		}
		b.Write(out)
	}
	return b.String()
}

// TestBatchPrivacy runs batch on every third-party fixture with a profile for everyone and
// its emails, and looks for every client name and email in the text and metadata of every
// PDF, in every email as its reader gets it (headers, text and attachments decoded), in
// summary.csv, and in what the command printed.
func TestBatchPrivacy(t *testing.T) {
	pdfs, emails := 0, 0
	for file, fx := range fixtures(t) {
		dir := t.TempDir()
		profiles := filepath.Join(dir, "profiles")
		os.Mkdir(profiles, 0o755)
		for i, pro := range fx.Professionals {
			os.WriteFile(filepath.Join(profiles, fmt.Sprintf("p%d.toml", i)), []byte(fmt.Sprintf(
				"[professional]\nname = %q\nemail = %q\n[bank]\niban = \"IS14 0159 2600 7654 5510 7303 39\"\n[invoice]\ncountry = \"IS\"\n", pro.Name, pro.Email)), 0o644)
		}
		out := filepath.Join(dir, "out")
		var stdout, stderr bytes.Buffer
		code := run([]string{"batch", filepath.Join("../../testdata/fixtures", file), "--month", "2024-03", "--profiles", profiles,
			"--out-dir", out, "--issue-date", "2024-04-02", "--force", "--draft-email"}, nil, &stdout, &stderr, testEnv(t))
		if code != 0 {
			t.Errorf("%s: exit %d: %s", file, code, stderr.String())
			continue
		}
		everything := stdout.String() + stderr.String()
		entries, _ := os.ReadDir(out)
		for _, e := range entries {
			p := filepath.Join(out, e.Name())
			switch filepath.Ext(e.Name()) {
			case ".pdf":
				pdfs++
				everything += pdfText(t, p)
			case ".eml":
				emails++
				headers, parts := emlParts(t, p)
				everything += headers
				for name, b := range parts {
					everything += name + "\n" + string(b)
				}
			default:
				b, _ := os.ReadFile(p)
				everything += string(b)
			}
		}
		for _, secret := range clientLeaks(everything, fx.Clients) {
			t.Errorf("%s: batch output holds client data %q", file, secret)
		}
	}
	if pdfs < 8 || emails != pdfs {
		t.Errorf("batch wrote %d invoices and %d emails over the fixtures, want at least 8 and one each", pdfs, emails)
	}
}

// fixturePerson is a name and an email, as expected.json lists clients and professionals.
type fixturePerson struct{ Name, Email string }

// fixtures reads what make_fixtures.py recorded of each third-party fixture: its clients
// (whose data must never come out), its professionals and their invoices' session counts.
func fixtures(t *testing.T) map[string]struct {
	Clients       []fixturePerson `json:"clients"`
	Professionals []fixturePerson `json:"professionals"`
	Invoice       map[string]struct {
		Sessions int `json:"sessions"`
	} `json:"invoice"`
} {
	t.Helper()
	data, err := os.ReadFile("../../testdata/fixtures/expected.json")
	if err != nil {
		t.Fatal(err)
	}
	var want struct {
		Files map[string]struct {
			Clients       []fixturePerson `json:"clients"`
			Professionals []fixturePerson `json:"professionals"`
			Invoice       map[string]struct {
				Sessions int `json:"sessions"`
			} `json:"invoice"`
		} `json:"files"`
	}
	if err := json.Unmarshal(data, &want); err != nil {
		t.Fatal(err)
	}
	return want.Files
}

// clientLeaks returns every client name, email or email local part found in text, ignoring case.
func clientLeaks(text string, clients []fixturePerson) []string {
	lower := strings.ToLower(text)
	var found []string
	for _, c := range clients {
		local, _, _ := strings.Cut(c.Email, "@")
		for _, secret := range []string{c.Name, c.Email, local} {
			if strings.Contains(lower, strings.ToLower(secret)) {
				found = append(found, secret)
			}
		}
	}
	return found
}
