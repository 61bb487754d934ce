package main

import (
	"archive/zip"
	"bytes"
	"encoding/base64"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"net/textproto"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// hostileClients are the clients of hostileCSV: their names and emails sit in their own
// columns and also in Service Name, Sponsor, Transaction ID, Type, Status, Session Status, a
// Professional Name (an email, the only client data withheld there: the professional's columns
// are the professional's, see export.Withheld) and a free-text column.
var hostileClients = []fixturePerson{
	{"Jón Jónsson", "jon.jonsson@example.org"},
	{"Emily Clarke", "emily.clarke@example.org"},
	{"Ástþór Magnússon", "astthor@example.com"},
	{"Guðrún Pálsdóttir", "gudrun.p@example.net"},
}

var hostileProfessionals = []fixturePerson{
	{"Þórdís Guðmundsdóttir", "thordis@example.is"},
	{"Ægir Sigurðsson", "aegir@example.is"},
}

const hostileCSV = "Transaction ID,Transaction Date,Session Date,Client Name,Client Email,Service Name,Service Price,Service Currency,Professional Name,Professional Email,Type,Sponsor,Status,Session Status,Notes\n" +
	"T1,2024-03-04 09:00,2024-03-04 10:00,Jón Jónsson,jon.jonsson@example.org,Session with Jón Jónsson,18500,ISK,Þórdís Guðmundsdóttir,thordis@example.is,Credit,Marel,Paid,Complete,\n" +
	"T2,2024-03-05 09:00,2024-03-05 10:00,Emily Clarke,emily.clarke@example.org,Follow-up (Ástþór),18500,ISK,Þórdís Guðmundsdóttir,thordis@example.is,Credit,emily.clarke@example.org,Paid,Complete,call Ástþór at astthor@example.com\n" +
	"T3,2024-03-06 09:00,2024-03-06 10:00,Ástþór Magnússon,astthor@example.com,Individual session,18500,ISK,Þórdís Guðmundsdóttir,thordis@example.is,Credit,Emily Clarke,Paid,Complete,\n" +
	"jon.jonsson@example.org,2024-03-07 09:00,2024-03-07 10:00,Guðrún Pálsdóttir,gudrun.p@example.net,Tími með Guðrúnu,18500,ISK,Þórdís Guðmundsdóttir,thordis@example.is,Credit,Marel,Paid,Jón Jónsson,\n" +
	"T5,2024-03-08 09:00,2024-03-08 10:00,Jón Jónsson,jon.jonsson@example.org,Individual session,18500,ISK,Þórdís Guðmundsdóttir,thordis@example.is,Guðrún Pálsdóttir,Marel,Emily Clarke,Complete,\n" +
	"T6,2024-03-11 09:00,2024-03-11 10:00,Emily Clarke,emily.clarke@example.org,Couples (Emily Clarke),22000,ISK,Ægir Sigurðsson,aegir@example.is,Credit,Landsbankinn,Paid,Complete,\n" +
	"T7,2024-03-12 09:00,2024-03-12 10:00,Guðrún Pálsdóttir,gudrun.p@example.net,Individual session,22000,ISK,Ægir Sigurðsson,aegir@example.is,Card,gudrun.p@example.net,Paid,Complete,\n" +
	"T8,2024-03-13 09:00,2024-03-13 10:00,Ástþór Magnússon,astthor@example.com,Individual session,22000,ISK,astthor@example.com,aegir@example.is,Credit,Marel,Paid,Complete,\n" +
	"T9,2024-03-14 09:00,2024-03-14 10:00,Jón Jónsson,jon.jonsson@example.org,Individual session,22000,ISK,Ægir Sigurðsson,aegir@example.is,Card,,Paid,Complete,\n" +
	"T10,2024-03-15 09:00,2024-03-15 10:00,Jón Jónsson,jon.jonsson@example.org,Individual session,22000,ISK,Ægir Sigurðsson,aegir@example.is,Credit,Marel,Paid,Complete,\n"

// TestHostileExportPrivacy runs every command that reads an export, in every output form, on
// an export whose clients are typed into the other columns too, and looks for every client's
// name, email and email's local part in everything the commands write: stdout, stderr, the
// PDFs' text and metadata, the e-invoices' XML, the email draft, summary.csv, the redacted CSV
// and workbook, and the register.
func TestHostileExportPrivacy(t *testing.T) {
	dir := t.TempDir()
	export := filepath.Join(dir, "payments.csv")
	os.WriteFile(export, []byte(hostileCSV), 0o644)
	profiles := filepath.Join(dir, "profiles")
	os.Mkdir(profiles, 0o755)
	for i, pro := range hostileProfessionals {
		os.WriteFile(filepath.Join(profiles, fmt.Sprintf("p%d.toml", i)), []byte(fmt.Sprintf(
			"[professional]\nname = %q\nemail = %q\ntax_id = \"010180-1209\"\naddress = [\"Laugavegur 1\", \"101 Reykjavík\"]\n"+
				"[bank]\niban = \"IS14 0159 2600 7654 5510 7303 39\"\n[invoice]\ncountry = \"IS\"\n"+
				"[[bill_to]]\nname = \"Kara Connect ehf.\"\nemail = \"accounts@karaconnect.com\"\naddress = [\"Borgartún 1\", \"105 Reykjavík\"]\ntax_id = \"010180-1209\"\nsponsors = [\"*\"]\n",
			pro.Name, pro.Email)), 0o644)
	}
	thordis := filepath.Join(profiles, "p0.toml")
	// The register (SQLite, its texts stored as they are) is searched with the other files.
	registerIn := func(k string) string {
		if k == "XDG_DATA_HOME" {
			return filepath.Join(dir, "data")
		}
		return ""
	}
	out := func(name string) string { return filepath.Join(dir, name) }
	base := []string{"--month", "2024-03"}
	runs := [][]string{
		{"invoice", export, "--config", thordis, "--issue-date", "2024-04-02", "-o", out("en.pdf"), "--ubl", "--force"},
		{"invoice", export, "--config", thordis, "--issue-date", "2024-04-02", "-o", out("is.pdf"), "--lang", "is", "--json", "--force"},
		{"check", export, "--professional", "aegir@example.is"}, {"check", export, "--json", "--professional", "thordis@example.is"},
		{"collect", export, "--professional", "aegir@example.is"}, {"collect", export, "--professional", "aegir@example.is", "--json"},
		{"payouts", export}, {"payouts", export, "--json"},
		{"draft", export, "--config", thordis, "--issue-date", "2024-04-02", "-o", out("draft.eml"), "--force"},
		{"redact", export, "-o", out("redacted.csv")}, {"redact", export, "-o", out("redacted.xlsx")},
		{"batch", export, "--profiles", profiles, "--out-dir", out("batch"), "--issue-date", "2024-04-02", "--ubl", "--force"},
		{"batch", export, "--profiles", profiles, "--out-dir", out("batch-json"), "--issue-date", "2024-04-02", "--json", "--force"},
	}
	for _, args := range runs {
		args = append(args, base...)
		var stdout, stderr bytes.Buffer
		code := run(args, strings.NewReader(""), &stdout, &stderr, registerIn)
		name := strings.Join(args[:1], " ")
		if code > 1 && code != 4 || stdout.Len()+stderr.Len() == 0 {
			t.Errorf("%s: exit %d, stdout %q, stderr %q", strings.Join(args, " "), code, stdout.String(), stderr.String())
		}
		for _, secret := range clientLeaks(stdout.String()+stderr.String(), hostileClients) {
			t.Errorf("%s: the output holds client data %q\n%s%s", strings.Join(args, " "), secret, stdout.String(), stderr.String())
		}
		// check names the rows that held client data, by row.
		if name == "check" && slices.Contains(args, "thordis@example.is") && !strings.Contains(stdout.String(), `"code": "client-data"`) {
			t.Errorf("%s: no client-data finding\n%s", strings.Join(args, " "), stdout.String())
		}
		if name == "invoice" && !strings.Contains(stderr.String()+stdout.String(), "outside the client columns (rows 2, 3, 4, 5 and 6): withheld") {
			t.Errorf("%s: the rows that held client data are not named\n%s", strings.Join(args, " "), stderr.String())
		}
	}
	files := 0
	filepath.Walk(dir, func(path string, fi os.FileInfo, err error) error {
		if err != nil || fi.IsDir() || path == export || strings.HasPrefix(path, profiles) {
			return nil
		}
		files++
		var text string
		switch filepath.Ext(path) {
		case ".pdf":
			text = pdfText(t, path)
		case ".xlsx":
			text = zipText(t, path)
		case ".eml":
			text = emlText(t, path)
		default:
			b, _ := os.ReadFile(path)
			text = string(b)
		}
		for _, secret := range clientLeaks(text, hostileClients) {
			t.Errorf("%s holds client data %q", path, secret)
		}
		return nil
	})
	// Two PDFs and an XML of invoice, the email draft, the redacted CSV and workbook, and of
	// each batch the PDFs (an XML each, for the first) and summary.csv.
	if files < 13 {
		t.Errorf("%d files written, want 13 or more", files)
	}
}

// zipText returns the text of every part of a zip archive.
func zipText(t *testing.T, path string) string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var b strings.Builder
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(&b, rc)
		rc.Close()
	}
	return b.String()
}

// emlText returns the headers of an email draft, decoded, and the text of each of its parts:
// a PDF's as poppler reads it, any other decoded from base64 or quoted-printable.
func emlText(t *testing.T, path string) string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	msg, err := mail.ReadMessage(f)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	dec := new(mime.WordDecoder)
	for k, vs := range msg.Header {
		for _, v := range vs {
			d, _ := dec.DecodeHeader(v)
			fmt.Fprintf(&b, "%s: %s\n%s\n", k, v, d)
		}
	}
	var walk func(h textproto.MIMEHeader, body io.Reader)
	walk = func(h textproto.MIMEHeader, body io.Reader) {
		media, params, _ := mime.ParseMediaType(h.Get("Content-Type"))
		if strings.HasPrefix(media, "multipart/") {
			mr := multipart.NewReader(body, params["boundary"])
			for {
				p, err := mr.NextPart()
				if err != nil {
					return
				}
				walk(p.Header, p)
			}
		}
		switch strings.ToLower(h.Get("Content-Transfer-Encoding")) {
		case "base64":
			body = base64.NewDecoder(base64.StdEncoding, body)
		case "quoted-printable":
			body = quotedprintable.NewReader(body)
		}
		data, _ := io.ReadAll(body)
		if media == "application/pdf" {
			pdf := filepath.Join(t.TempDir(), "attached.pdf")
			os.WriteFile(pdf, data, 0o644)
			b.WriteString(pdfText(t, pdf))
			return
		}
		b.Write(data)
	}
	walk(textproto.MIMEHeader(msg.Header), msg.Body)
	return b.String()
}
