package email

import (
	"bytes"
	"encoding/base64"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/mail"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hubinvoice/hubinvoice/calendar"
	"github.com/hubinvoice/hubinvoice/export"
	"github.com/hubinvoice/hubinvoice/invoice"
	"github.com/shopspring/decimal"
)

var update = flag.Bool("update", false, "rewrite testdata/*.eml from the emails written now (then run testdata/check_eml.py)")

func at(s string) time.Time {
	t, err := time.Parse("2006-01-02 15:04", s)
	if err != nil {
		panic(err)
	}
	return t
}

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// fixture is one email to write: an invoice and its files.
type fixture struct {
	inv   *invoice.Invoice
	files Files
}

// fakePDF stands for the invoice's PDF: the email attaches bytes, whatever they are; these
// hold every byte value, so that a change of encoding shows.
var fakePDF = func() []byte {
	b := []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	for i := 0; i < 256; i++ {
		b = append(b, byte(i))
	}
	return append(b, "\n%%EOF\n"...)
}()

func fixtures() map[string]fixture {
	thordis := invoice.Party{Name: "Þórdís Guðmundsdóttir", Email: "thordis@example.is"}
	kara := invoice.Party{Name: "Kara Connect ehf.", Email: "accounts@karaconnect.com"}
	en := &invoice.Invoice{
		Number: "2024-03-5F1C", Issued: at("2024-04-02 00:00"), Period: calendar.Month{Year: 2024, Month: time.March},
		Language: "en", From: thordis, BillTo: kara,
		Lines: []invoice.Line{
			{Row: 2, Session: at("2024-03-05 09:00"), Paid: at("2024-03-05 09:50"), Service: "Psychologist session 50 min", Sponsor: "Marel", Amount: dec("18500"), Currency: "ISK"},
			{Row: 3, Session: at("2024-03-12 14:30"), Paid: at("2024-03-12 15:20"), Service: "Psychologist session 50 min", Sponsor: "Össur", Amount: dec("18500"), Currency: "ISK", Cancelled: true},
			{Row: 5, Session: at("2024-03-19 10:00"), Paid: at("2024-03-20 08:00"), Service: "=HYPERLINK(\"http://x.example\")", Sponsor: "Marel", Amount: dec("115.5"), Currency: "EUR"},
		},
		Totals:      []invoice.Total{{Currency: "EUR", Amount: dec("115.5")}, {Currency: "ISK", Amount: dec("37000")}},
		PaymentDate: at("2024-04-10 00:00"),
	}
	is := *en
	is.Language = "is"
	is.Number = "2024-04-A0B1"
	is.Period = calendar.Month{Year: 2024, Month: time.April}
	is.Issued = at("2024-05-03 00:00")
	is.PaymentDate = time.Time{}
	is.Lines = []invoice.Line{{Row: 11, Session: at("2024-04-30 16:00"), Paid: at("2024-05-02 08:00"), Service: "Sálfræðiviðtal", Sponsor: "Marel", Amount: dec("18500"), Currency: "ISK"}}
	is.Totals = []invoice.Total{{Currency: "ISK", Amount: dec("18500")}}

	clinic := &invoice.Invoice{
		Number: "KLIN-2024-03-0007", Issued: at("2024-04-02 00:00"), Period: calendar.Month{Year: 2024, Month: time.March},
		Language: "is", From: invoice.Party{Name: "Sálfræðistofan Höfði", Email: "reikningar@hofdi.example"}, BillTo: kara,
		Lines: []invoice.Line{
			{Row: 7, Session: at("2024-03-01 08:00"), Paid: at("2024-03-01 09:00"), Service: "Viðtal 50 mín", Sponsor: "Marel", Amount: dec("19000"), Currency: "ISK", Professional: "Ægir Örnólfsson", ProfessionalEmail: "aegir@hofdi.example"},
			{Row: 9, Session: at("2024-03-04 13:00"), Paid: at("2024-03-04 14:00"), Service: "Viðtal 50 mín", Sponsor: "Marel", Amount: dec("19000"), Currency: "ISK", Professional: "Þórdís Guðmundsdóttir", ProfessionalEmail: "thordis@example.is"},
		},
		Totals:      []invoice.Total{{Currency: "ISK", Amount: dec("38000")}},
		PaymentDate: at("2024-04-10 00:00"),
	}
	credit := &invoice.Invoice{
		Kind: invoice.KindCredit, Credits: &invoice.Reference{Number: "2024-03-5F1C", Issued: at("2024-04-02 00:00")},
		Number: "2024-03-5F1C-K1", Issued: at("2024-04-09 00:00"), Period: calendar.Month{Year: 2024, Month: time.March},
		Language: "is", From: thordis, BillTo: kara,
		Lines: []invoice.Line{
			{Row: 2, Session: at("2024-03-05 09:00"), Paid: at("2024-03-05 09:50"), Service: "Psychologist session 50 min", Sponsor: "Marel", Amount: dec("-18500"), Currency: "ISK"},
		},
		Totals:      []invoice.Total{{Currency: "ISK", Amount: dec("-18500")}},
		PaymentDate: at("2024-04-10 00:00"),
	}
	out := map[string]fixture{}
	for name, inv := range map[string]*invoice.Invoice{"en": en, "is": &is, "clinic": clinic, "credit": credit} {
		f := fixture{inv: inv, files: Files{PDF: fakePDF, PDFName: "invoice-" + inv.Period.String() + "-" + invoice.Slug(inv.From.Name) + ".pdf"}}
		if name == "en" {
			f.files.XML = []byte("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Invoice>Þórdís</Invoice>\n")
		}
		var csv bytes.Buffer
		if err := WriteSessions(&csv, inv); err != nil {
			panic(err)
		}
		f.files.Sessions = csv.Bytes()
		out[name] = f
	}
	return out
}

func write(t *testing.T, f fixture) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, f.inv, f.files); err != nil {
		t.Fatalf("Write: %v", err)
	}
	return b.Bytes()
}

// TestGolden: the emails are byte for byte the committed ones, which Python's email parser
// read without a defect (check_eml.py wrote what it read to testdata/*.python.json).
func TestGolden(t *testing.T) {
	for name, f := range fixtures() {
		t.Run(name, func(t *testing.T) {
			got := write(t, f)
			path := filepath.Join("testdata", name+".eml")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("the email differs from %s (go test -update rewrites it; then run python3 testdata/check_eml.py)\ngot:\n%s", path, got)
			}
		})
	}
}

// summary is what a reader of an email sees, in the form check_eml.py writes from Python's
// parser: the Go test reads the same email with net/mail and mime/multipart and must see the
// same.
type summary struct {
	Defects     []string         `json:"defects"`
	From        addr             `json:"from"`
	To          addr             `json:"to"`
	Subject     string           `json:"subject"`
	Date        string           `json:"date"`
	Unsent      string           `json:"x_unsent"`
	Body        string           `json:"body"`
	Attachments []attachmentSeen `json:"attachments"`
}

type addr struct {
	Name  string `json:"name"`
	Email string `json:"email"`
}

type attachmentSeen struct {
	Filename    string `json:"filename"`
	ContentType string `json:"content_type"`
	Data        []byte `json:"-"`
	Size        int    `json:"size"`
}

// parse reads an email back with the standard library, failing on anything malformed.
func parse(t *testing.T, eml []byte) summary {
	t.Helper()
	msg, err := mail.ReadMessage(bytes.NewReader(eml))
	if err != nil {
		t.Fatalf("net/mail: %v", err)
	}
	s := summary{Defects: []string{}, Date: msg.Header.Get("Date"), Unsent: msg.Header.Get("X-Unsent")}
	for _, h := range []struct {
		name string
		to   *addr
	}{{"From", &s.From}, {"To", &s.To}} {
		a, err := mail.ParseAddress(msg.Header.Get(h.name))
		if err != nil {
			t.Fatalf("%s: %v", h.name, err)
		}
		*h.to = addr{a.Name, a.Address}
	}
	if _, err := msg.Header.Date(); err != nil {
		t.Errorf("Date: %v", err)
	}
	var dec mime.WordDecoder
	if s.Subject, err = dec.DecodeHeader(msg.Header.Get("Subject")); err != nil {
		t.Fatalf("Subject: %v", err)
	}
	mt, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/mixed" {
		t.Fatalf("Content-Type %q: %v", msg.Header.Get("Content-Type"), err)
	}
	mr := multipart.NewReader(msg.Body, params["boundary"])
	for i := 0; ; i++ {
		p, err := mr.NextPart() // decodes quoted-printable itself
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("part %d: %v", i, err)
		}
		var data []byte
		if p.Header.Get("Content-Transfer-Encoding") == "base64" {
			data, err = io.ReadAll(base64Reader(p))
		} else {
			data, err = io.ReadAll(p)
		}
		if err != nil {
			t.Fatalf("part %d: %v", i, err)
		}
		ct, _, err := mime.ParseMediaType(p.Header.Get("Content-Type"))
		if err != nil {
			t.Fatalf("part %d: %v", i, err)
		}
		if i == 0 {
			if ct != "text/plain" || p.FileName() != "" {
				t.Fatalf("the first part is %s %q, want the text", ct, p.FileName())
			}
			s.Body = strings.ReplaceAll(string(data), "\r\n", "\n")
			continue
		}
		s.Attachments = append(s.Attachments, attachmentSeen{Filename: p.FileName(), ContentType: ct, Data: data, Size: len(data)})
	}
	return s
}

// TestPython: Python's email parser (policy=default) saw no defect in the committed emails and
// read in them what the Go reader reads.
func TestPython(t *testing.T) {
	for name := range fixtures() {
		t.Run(name, func(t *testing.T) {
			eml, err := os.ReadFile(filepath.Join("testdata", name+".eml"))
			if err != nil {
				t.Fatal(err)
			}
			data, err := os.ReadFile(filepath.Join("testdata", name+".python.json"))
			if err != nil {
				t.Fatal(err)
			}
			var py summary
			if err := json.Unmarshal(data, &py); err != nil {
				t.Fatal(err)
			}
			if len(py.Defects) > 0 {
				t.Errorf("Python found defects: %v", py.Defects)
			}
			got, _ := json.MarshalIndent(parse(t, eml), "", "  ")
			want, _ := json.MarshalIndent(py, "", "  ")
			if string(got) != string(want) {
				t.Errorf("Go reads:\n%s\nPython read (testdata/%s.python.json; stale after -update? run python3 testdata/check_eml.py):\n%s", got, name, want)
			}
		})
	}
}

// TestRead: what the bill-to party reads: a draft addressed to it from the professional, the
// subject with the number, the name in its Icelandic letters and the month, the PDF byte for
// byte, and an export of exactly the invoice's sessions.
func TestRead(t *testing.T) {
	fx := fixtures()
	for name, f := range fx {
		t.Run(name, func(t *testing.T) {
			s := parse(t, write(t, f))
			inv := f.inv
			if s.Unsent != "1" {
				t.Errorf("X-Unsent %q, want 1: a mail client opens it as a draft", s.Unsent)
			}
			if s.From != (addr{inv.From.Name, inv.From.Email}) || s.To != (addr{inv.BillTo.Name, inv.BillTo.Email}) {
				t.Errorf("From %v To %v, want the professional and the bill-to party", s.From, s.To)
			}
			month := invoice.MonthText(inv.Period, inv.Language)
			for _, want := range []string{inv.Number, inv.From.Name, month} {
				if !strings.Contains(s.Subject, want) {
					t.Errorf("subject %q lacks %q", s.Subject, want)
				}
			}
			for _, want := range []string{inv.Number, month, fmt.Sprint(inv.Sessions())} {
				if !strings.Contains(s.Body, want) {
					t.Errorf("body lacks %q:\n%s", want, s.Body)
				}
			}
			for _, tot := range inv.Totals {
				if want := invoice.FormatAmount(tot.Amount, tot.Currency, inv.Language); !strings.Contains(s.Body, want) {
					t.Errorf("body lacks the total %q:\n%s", want, s.Body)
				}
			}
			for _, l := range inv.Lines {
				if want := invoice.ShortDateText(l.Session, inv.Language); !strings.Contains(s.Body, want) {
					t.Errorf("body lacks the session date %q:\n%s", want, s.Body)
				}
			}
			switch pay := inv.PaymentDate; {
			case inv.Credits != nil: // a credit note names what it cancels, and is no bill to pay
				if !strings.Contains(s.Body, inv.Credits.Number) || strings.Contains(s.Body, invoice.LongDateText(pay, inv.Language)) {
					t.Errorf("a credit note's body names not the invoice it cancels, or a payment date:\n%s", s.Body)
				}
			case !pay.IsZero() && !strings.Contains(s.Body, invoice.LongDateText(pay, inv.Language)):
				t.Errorf("body lacks the payment date %s:\n%s", pay.Format(time.DateOnly), s.Body)
			}
			want := []string{"application/pdf", "text/csv"}
			if f.files.XML != nil {
				want = []string{"application/pdf", "application/xml", "text/csv"}
			}
			if len(s.Attachments) != len(want) {
				t.Fatalf("%d attachments, want %v", len(s.Attachments), want)
			}
			for i, a := range s.Attachments {
				if a.ContentType != want[i] {
					t.Errorf("attachment %d is %s, want %s", i+1, a.ContentType, want[i])
				}
			}
			if !bytes.Equal(s.Attachments[0].Data, f.files.PDF) || s.Attachments[0].Filename != f.files.PDFName {
				t.Errorf("the PDF attachment %q is not the PDF %q byte for byte", s.Attachments[0].Filename, f.files.PDFName)
			}
			checkSessions(t, s.Attachments[len(s.Attachments)-1].Data, inv)
		})
	}
}

// checkSessions: the export attachment has one row per session of the invoice, with the seed's
// columns, adding up to the invoice's totals, every formula neutralised.
func checkSessions(t *testing.T, data []byte, inv *invoice.Invoice) {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\uFEFF")))).ReadAll()
	if err != nil {
		t.Fatalf("the export attachment: %v", err)
	}
	header := strings.Join(rows[0], ",")
	if want := "Sponsor,Transaction Date,Session Date,Service Name,Service Price,Service Currency,Professional Name,Professional Email,Type"; header != want {
		t.Errorf("columns %s, want %s", header, want)
	}
	if len(rows)-1 != inv.Sessions() {
		t.Errorf("%d rows, want the invoice's %d sessions", len(rows)-1, inv.Sessions())
	}
	sums := map[string]decimal.Decimal{}
	for _, r := range rows[1:] {
		for _, cell := range r {
			if export.SafeCell(cell) != cell {
				t.Errorf("cell %q would be read as a formula", cell)
			}
		}
		sums[r[5]] = sums[r[5]].Add(dec(strings.TrimPrefix(r[4], "'")))
		if r[8] != "Credit" {
			t.Errorf("type %q, want Credit", r[8])
		}
	}
	for _, tot := range inv.Totals {
		if !sums[tot.Currency].Equal(tot.Amount) {
			t.Errorf("the export's %s rows add up to %s, want the invoice's %s", tot.Currency, sums[tot.Currency], tot.Amount)
		}
	}
	if len(sums) != len(inv.Totals) {
		t.Errorf("the export has %d currencies, the invoice %d", len(sums), len(inv.Totals))
	}
}

// TestSameBytes: the same invoice and files give the same bytes; another issue date gives
// another Date and boundary.
func TestSameBytes(t *testing.T) {
	f := fixtures()["en"]
	a, b := write(t, f), write(t, f)
	if !bytes.Equal(a, b) {
		t.Fatal("two runs gave different bytes")
	}
	later := *f.inv
	later.Issued = later.Issued.AddDate(0, 0, 1)
	f.inv = &later
	c := write(t, f)
	if bytes.Equal(a, c) {
		t.Fatal("another issue date gave the same bytes")
	}
	if !bytes.Contains(c, []byte("Date: Wed, 03 Apr 2024 00:00:00 +0000\r\n")) {
		t.Errorf("the Date is not the issue date:\n%s", c[:400])
	}
}

// TestRefuses: no email for a preview, without a PDF, or to an address that is none.
func TestRefuses(t *testing.T) {
	f := fixtures()["en"]
	for name, change := range map[string]func(*invoice.Invoice, *Files){
		"preview":    func(inv *invoice.Invoice, _ *Files) { inv.Draft = true },
		"no number":  func(inv *invoice.Invoice, _ *Files) { inv.Number = "" },
		"no PDF":     func(_ *invoice.Invoice, fs *Files) { fs.PDF = nil },
		"bad To":     func(inv *invoice.Invoice, _ *Files) { inv.BillTo.Email = "accounts at kara" },
		"header cut": func(inv *invoice.Invoice, _ *Files) { inv.From.Email = "a@b.is\r\nBcc: x@y.is" },
	} {
		t.Run(name, func(t *testing.T) {
			inv, fs := *f.inv, f.files
			change(&inv, &fs)
			if err := Write(io.Discard, &inv, fs); err == nil {
				t.Error("written, want an error")
			}
		})
	}
}

// base64Reader decodes a base64 body; the decoder skips the CRLFs between its lines.
func base64Reader(r io.Reader) io.Reader { return base64.NewDecoder(base64.StdEncoding, r) }
