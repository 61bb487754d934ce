package main

import (
	"bytes"
	"encoding/base64"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/mail"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

// emlParts reads an email back as its reader would: the decoded headers, then every part
// decoded (quoted-printable and base64), by file name ("" for the text).
func emlParts(t *testing.T, path string) (headers string, parts map[string][]byte) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	msg, err := mail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	var dec mime.WordDecoder
	var h strings.Builder
	for k, vs := range msg.Header {
		for _, v := range vs {
			d, err := dec.DecodeHeader(v)
			if err != nil {
				t.Fatalf("%s: %s: %v", path, k, err)
			}
			fmt.Fprintf(&h, "%s: %s\n", k, d)
		}
	}
	_, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	parts = map[string][]byte{}
	mr := multipart.NewReader(msg.Body, params["boundary"])
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		var r io.Reader = p
		if p.Header.Get("Content-Transfer-Encoding") == "base64" {
			r = base64Decoder(p)
		}
		b, err := io.ReadAll(r)
		if err != nil {
			t.Fatalf("%s: %s: %v", path, p.FileName(), err)
		}
		parts[p.FileName()] = b
	}
	return h.String(), parts
}

// TestDraftDemo: the demo month's email carries the PDF byte for byte and an export of exactly
// the invoice's sessions, count and total, as the invoice's own summary gives them.
func TestDraftDemo(t *testing.T) {
	dir := t.TempDir()
	eml := filepath.Join(dir, "march.eml")
	var stdout, stderr bytes.Buffer
	code := run([]string{"draft", "../../testdata/demo/payments-2024-03.xlsx", "--config", "../../testdata/demo/profile.toml",
		"--month", "2024-03", "--issue-date", "2024-04-02", "-o", eml, "--json"}, nil, &stdout, &stderr, testEnv(t))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	var sum invoiceSummary
	if err := json.Unmarshal(stdout.Bytes(), &sum); err != nil {
		t.Fatal(err)
	}
	headers, parts := emlParts(t, eml)
	for _, want := range []string{"Subject: Invoice " + sum.InvoiceNumber + ": Þórdís Guðmundsdóttir, March 2024\n", "X-Unsent: 1\n", "To: \"Kara Connect ehf.\" <accounts@karaconnect.com>\n"} {
		if !strings.Contains(headers, want) {
			t.Errorf("the email's headers lack %q:\n%s", want, headers)
		}
	}
	pdf, err := os.ReadFile(*sum.Output)
	if err != nil {
		t.Fatal(err)
	}
	if got := parts[filepath.Base(*sum.Output)]; !bytes.Equal(got, pdf) {
		t.Errorf("the attached PDF (%d bytes) is not the invoice's (%d bytes)", len(got), len(pdf))
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(parts["sessions-2024-03-thordis-gudmundsdottir.csv"], []byte("\uFEFF")))).ReadAll()
	if err != nil || len(rows) == 0 {
		t.Fatalf("the sessions attachment: %v", err)
	}
	total := decimal.Zero
	for _, r := range rows[1:] {
		total = total.Add(decimal.RequireFromString(r[4]))
	}
	if len(rows)-1 != sum.Sessions || len(sum.Totals) != 1 || total.String() != sum.Totals[0].Amount {
		t.Errorf("the export attachment has %d sessions for %s, the invoice %d for %v", len(rows)-1, total, sum.Sessions, sum.Totals)
	}
	if !strings.Contains(string(parts[""]), fmt.Sprintf("%d sessions", sum.Sessions)) {
		t.Errorf("the text does not say the %d sessions:\n%s", sum.Sessions, parts[""])
	}
}

// base64Decoder decodes a base64 body; the decoder skips the line breaks.
func base64Decoder(r io.Reader) io.Reader { return base64.NewDecoder(base64.StdEncoding, r) }
