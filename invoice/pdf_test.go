package invoice

import (
	"bytes"
	"crypto/sha256"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"

	"codeberg.org/go-pdf/fpdf"
	"github.com/hubinvoice/hubinvoice/calendar"
	"github.com/shopspring/decimal"
	"golang.org/x/text/encoding/charmap"
)

var (
	update = flag.Bool("update", false, "rewrite invoice/testdata/*.golden.txt from the PDFs rendered now")
	pdfDir = flag.String("pdfdir", "", "also write the golden tests' PDFs to this directory, to look at")
)

// session returns a line for a session in March 2024.
func session(day, hour int, service, sponsor, amount, currency string) Line {
	return Line{
		Session:  time.Date(2024, time.March, day, hour, 0, 0, 0, time.UTC),
		Service:  service,
		Sponsor:  sponsor,
		Amount:   decimal.RequireFromString(amount),
		Currency: currency,
	}
}

// cancelled marks a line as a charged cancellation.
func cancelled(ln Line) Line { ln.Cancelled = true; return ln }

// testInvoice returns an invoice for March 2024 over lines (in session order), with totals
// and sponsor subtotals computed here, independently of the selection code.
func testInvoice(lang string, lines ...Line) *Invoice {
	inv := &Invoice{
		Number:   "2024-03-TG",
		Issued:   time.Date(2024, time.April, 2, 0, 0, 0, 0, time.UTC),
		Period:   calendar.Month{Year: 2024, Month: time.March},
		Language: lang,
		From: Party{
			Name:    "Thordis Gudmundsdottir",
			Email:   "thordis@example.is",
			Address: []string{"Laugavegur 1", "101 Reykjavik", "Iceland"},
			TaxID:   "010180-1209",
		},
		BillTo: Party{
			Name:    "Kara Connect ehf.",
			Email:   "accounts@karaconnect.com",
			Address: []string{"Borgartún 26", "105 Reykjavík", "Iceland"},
		},
		Bank: Bank{
			AccountHolder: "Thordis Gudmundsdottir",
			BankName:      "Landsbankinn",
			IBAN:          "IS140159260076545510730339",
			BIC:           "NBIIISRE",
			AccountNumber: "0159-26-007654",
		},
		Lines:       lines,
		Note:        "Health services are exempt from VAT.",
		PaymentDate: time.Date(2024, time.April, 10, 0, 0, 0, 0, time.UTC),
	}
	type key struct{ sponsor, currency string }
	totals := map[string]decimal.Decimal{}
	sponsors := map[key]*SponsorTotal{}
	for _, ln := range lines {
		totals[ln.Currency] = totals[ln.Currency].Add(ln.Amount)
		k := key{ln.Sponsor, ln.Currency}
		if sponsors[k] == nil {
			sponsors[k] = &SponsorTotal{Sponsor: ln.Sponsor, Currency: ln.Currency}
		}
		sponsors[k].Sessions++
		sponsors[k].Amount = sponsors[k].Amount.Add(ln.Amount)
	}
	for _, c := range slices.Sorted(mapsKeys(totals)) {
		inv.Totals = append(inv.Totals, Total{Currency: c, Amount: totals[c]})
	}
	for _, st := range sponsors {
		inv.Sponsors = append(inv.Sponsors, *st)
	}
	slices.SortFunc(inv.Sponsors, func(a, b SponsorTotal) int {
		return strings.Compare(a.Sponsor+"\x00"+a.Currency, b.Sponsor+"\x00"+b.Currency)
	})
	return inv
}

func mapsKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// demoInvoice is one month of a professional's sessions, in English, on one page.
func demoInvoice() *Invoice {
	const svc, sp = "Therapy session (50 min)", "Acme Ltd"
	return testInvoice("en",
		session(4, 9, svc, sp, "18500", "ISK"),
		session(6, 14, svc, sp, "18500", "ISK"),
		session(11, 9, "Initial consultation (30 min)", sp, "12000", "ISK"),
		cancelled(session(13, 16, svc, sp, "18500", "ISK")),
		session(18, 9, svc, sp, "18500", "ISK"),
		session(20, 10, "Couples therapy (80 min)", sp, "24000", "ISK"),
		session(25, 9, svc, sp, "18500", "ISK"),
		session(27, 13, svc, sp, "18500", "ISK"),
	)
}

// icelandicInvoice is in Icelandic, with Icelandic names, and no payment date yet. Between
// them its texts hold every Icelandic letter.
func icelandicInvoice() *Invoice {
	const svc = "Sálfræðiþjónusta (50 mín.)"
	inv := testInvoice("is",
		session(5, 10, svc, "Össur hf.", "18500", "ISK"),
		session(7, 13, "Núvitund (30 mín.)", "Össur hf.", "12000", "ISK"),
		cancelled(session(12, 9, "Úrvinnsla áfalla (50 mín.)", "Össur hf.", "18500", "ISK")),
		session(19, 15, "Pararáðgjöf (80 mín.)", "Sýslumaðurinn á Vesturlandi", "24000", "ISK"),
		session(26, 11, svc, "ÝMIR ÆFINGASTÖÐ", "18500", "ISK"),
	)
	inv.From = Party{
		Name:    "Þórdís Guðmundsdóttir",
		Email:   "thordis@example.is",
		Address: []string{"Ólafsgeisli 12", "113 Reykjavík", "Ísland"},
		TaxID:   "010180-1209",
	}
	inv.BillTo.Address = []string{"Éljagrund 3", "116 Reykjavík", "Ísland"}
	inv.Bank.AccountHolder = "Þórdís Guðmundsdóttir"
	inv.Note = "Heilbrigðisþjónusta er undanþegin virðisaukaskatti. Vinsamlegast greiðið inn á reikninginn hér fyrir neðan."
	inv.PaymentDate = time.Time{}
	return inv
}

// longInvoice has 120 sessions, more than fit on one page.
func longInvoice() *Invoice {
	services := []struct{ name, amount string }{
		{"Therapy session (50 min)", "18500"},
		{"Couples therapy (80 min)", "24000"},
		{"Initial consultation (30 min)", "12000"},
		{"Therapy session (50 min)", "18500"},
	}
	var lines []Line
	for i := range 120 {
		s := services[i%len(services)]
		ln := session(1+i/4, 9+2*(i%4), s.name, "Acme Ltd", s.amount, "ISK")
		if i%17 == 5 {
			ln.Cancelled = true
		}
		lines = append(lines, ln)
	}
	return testInvoice("en", lines...)
}

// mixedInvoice has several sponsors and two currencies, and bank details with a sort code.
func mixedInvoice() *Invoice {
	const svc = "Therapy session (50 min)"
	inv := testInvoice("en",
		session(1, 9, svc, "Acme Ltd", "18500", "ISK"),
		session(4, 9, svc, "Globex Corporation", "120", "EUR"),
		session(5, 11, svc, "Acme Ltd", "18500", "ISK"),
		session(8, 9, "Coaching session with a very long service name that has to wrap onto a second line", "Initech Health & Wellbeing Programme for Employees", "95.50", "EUR"),
		cancelled(session(12, 15, svc, "Globex Corporation", "120", "EUR")),
		session(14, 9, svc, "Acme Ltd", "18500.5", "ISK"),
		session(21, 10, svc, "Globex Corporation", "120", "EUR"),
	)
	inv.Bank = Bank{
		AccountHolder: "Thordis Gudmundsdottir",
		BankName:      "Monzo Bank",
		IBAN:          "GB33BUKB20201555555555",
		BIC:           "MONZGB2L",
		AccountNumber: "55555555",
		SortCode:      "20-20-15",
	}
	return inv
}

// foreignInvoice has a service and a sponsor in letters that cp1252 does not have, beside
// Icelandic ones.
func foreignInvoice() *Invoice {
	inv := testInvoice("is",
		session(5, 10, "Sálfræðiþjónusta (50 mín.)", "Össur hf.", "18500", "ISK"),
		session(7, 13, "Terapia w Łodzi (Łódź)", "Össur hf.", "12000", "ISK"),
		session(19, 15, "Pararáðgjöf (80 mín.)", "Ελληνική Εταιρεία", "24000", "ISK"),
	)
	inv.From.Name = "Þórdís Guðmundsdóttir"
	return inv
}

// clinicInvoice is a clinic's invoice: two professionals' sessions grouped, with subtotals per
// professional (computed here by hand), and a session without a sponsor.
func clinicInvoice() *Invoice {
	const svc = "Therapy session (50 min)"
	by := func(who string, ln Line) Line { ln.Professional = who; return ln }
	inv := testInvoice("en",
		by("Ægir Örnólfsson", session(4, 9, svc, "Acme Ltd", "18500", "ISK")),
		by("Ægir Örnólfsson", session(11, 9, svc, "", "18500", "ISK")),
		by("Þórdís Guðmundsdóttir", session(5, 10, svc, "Acme Ltd", "18500", "ISK")),
		by("Þórdís Guðmundsdóttir", session(6, 10, svc, "Globex Corporation", "24000", "ISK")),
		by("Þórdís Guðmundsdóttir", session(7, 10, svc, "Globex Corporation", "120", "EUR")),
	)
	inv.From = Party{Name: "Heilsustofan ehf.", Email: "reikningar@heilsustofan.example", TaxID: "550101-2340"}
	inv.Professionals = []ProfessionalTotal{
		{Professional: "Ægir Örnólfsson", Currency: "ISK", Sessions: 2, Amount: decimal.RequireFromString("37000")},
		{Professional: "Þórdís Guðmundsdóttir", Currency: "EUR", Sessions: 1, Amount: decimal.RequireFromString("120")},
		{Professional: "Þórdís Guðmundsdóttir", Currency: "ISK", Sessions: 2, Amount: decimal.RequireFromString("42500")},
	}
	return inv
}

var goldenCases = []struct {
	name string
	inv  func() *Invoice
}{
	{"en-one-page", demoInvoice},
	{"is-icelandic", icelandicInvoice},
	{"en-long", longInvoice},
	{"en-sponsors-currencies", mixedInvoice},
	{"en-clinic", clinicInvoice},
}

func render(t testing.TB, inv *Invoice) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WritePDF(&buf, inv); err != nil {
		t.Fatalf("WritePDF: %v", err)
	}
	return buf.Bytes()
}

// pdfText returns the text of a PDF as `pdftotext -layout` extracts it; pages end in \f.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Fatal("pdftotext is not installed: `make tools` installs it (poppler-utils)")
	}
	path := filepath.Join(t.TempDir(), "invoice.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

func TestWritePDFGolden(t *testing.T) {
	for _, tc := range goldenCases {
		t.Run(tc.name, func(t *testing.T) {
			pdf := render(t, tc.inv())
			if *pdfDir != "" {
				if err := os.WriteFile(filepath.Join(*pdfDir, tc.name+".pdf"), pdf, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			checkGolden(t, filepath.Join("testdata", tc.name+".golden.txt"), pdfText(t, pdf), "the text of the PDF")
		})
	}
}

// checkGolden compares got, the what of a test, with the golden file, or with -update
// rewrites the file.
func checkGolden(t *testing.T, golden, got, what string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (go test ./invoice/ -run Golden -update writes it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from %s (-update rewrites it):\n%s", what, golden, firstDiff(got, string(want)))
	}
}

// firstDiff describes the first line where got and want differ.
func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range max(len(g), len(w)) {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return fmt.Sprintf("line %d:\n got  %q\n want %q", i+1, gl, wl)
		}
	}
	return "(no line differs)"
}

func TestWritePDFDeterministic(t *testing.T) {
	cases := append(slices.Clone(goldenCases), struct {
		name string
		inv  func() *Invoice
	}{"utf8-fallback", foreignInvoice})
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			first := render(t, tc.inv())
			if second := render(t, tc.inv()); !bytes.Equal(first, second) {
				t.Fatal("a second render of the same invoice gives other bytes")
			}
			// A batch renders on every core, and the renders share the package's fonts: they
			// must not disturb each other.
			var wg sync.WaitGroup
			outs := make([][]byte, 8)
			for i := range outs {
				wg.Go(func() { outs[i] = render(t, tc.inv()) })
			}
			wg.Wait()
			for i, out := range outs {
				if !bytes.Equal(first, out) {
					t.Errorf("concurrent render %d gives other bytes than the first render", i)
				}
			}
		})
	}
}

// TestWritePDFGoldenBytes holds the bytes of each golden invoice, by SHA-256. A test run is a
// new process that builds the fonts anew, so this checks that the bytes do not depend on the
// process: map order, addresses, time. A change meant to alter the PDF rewrites the file with
// -update; so does a new fpdf, or klauspost/compress, whose zlib compresses the font otherwise.
func TestWritePDFGoldenBytes(t *testing.T) {
	var b strings.Builder
	for _, tc := range goldenCases {
		fmt.Fprintf(&b, "%x  %s.pdf\n", sha256.Sum256(render(t, tc.inv())), tc.name)
	}
	checkGolden(t, filepath.Join("testdata", "pdf-sha256.golden.txt"), b.String(), "the SHA-256 of the PDFs")
}

// TestWritePDFFallback renders an invoice with letters outside cp1252 in the simple fonts,
// those letters at codes the document leaves free (the encoding's Differences), and only an
// invoice with more such letters than free codes, or one the fonts lack, in the UTF-8 fonts.
func TestWritePDFFallback(t *testing.T) {
	pdf := render(t, foreignInvoice())
	if bytes.Contains(pdf, []byte("/Identity-H")) || !bytes.Contains(pdf, []byte("/Differences [")) ||
		!bytes.Contains(pdf, []byte("/uni0141")) {
		t.Error("an invoice with a few letters outside cp1252 is not written in the simple fonts, with Differences")
	}
	text := pdfText(t, pdf)
	for _, want := range []string{"Terapia w Łodzi (Łódź)", "Ελληνική Εταιρεία", "Þórdís Guðmundsdóttir",
		"Sálfræðiþjónusta", "54.500 kr.", "Síða 1 af 1"} {
		if !strings.Contains(text, want) {
			t.Errorf("the text of the PDF does not contain %q", want)
		}
	}

	var latinExtA strings.Builder // 128 letters: more than the codes an invoice leaves free
	for r := rune(0x100); r < 0x180; r++ {
		latinExtA.WriteRune(r)
	}
	for name, note := range map[string]string{"many letters": latinExtA.String(), "a letter the fonts lack": "漢"} {
		inv := foreignInvoice()
		inv.Note = note
		pdf := render(t, inv)
		if !bytes.Contains(pdf, []byte("/Encoding /Identity-H")) || bytes.Contains(pdf, []byte("WinAnsiEncoding")) {
			t.Errorf("%s: the invoice is not written in the UTF-8 fonts alone", name)
		}
		if text := pdfText(t, pdf); !strings.Contains(text, "Terapia w Łodzi (Łódź)") {
			t.Errorf("%s: the text of the PDF does not contain %q", name, "Terapia w Łodzi (Łódź)")
		}
	}
	for _, tc := range goldenCases {
		if pdf := render(t, tc.inv()); bytes.Contains(pdf, []byte("Identity-H")) || bytes.Contains(pdf, []byte("/Differences")) ||
			!bytes.Contains(pdf, []byte("/Encoding /WinAnsiEncoding")) {
			t.Errorf("%s is not written in the cp1252 fonts alone", tc.name)
		}
	}
}

// TestWritePDFCP1252 writes every character of cp1252 in the cp1252 fonts and reads each back.
func TestWritePDFCP1252(t *testing.T) {
	win, err := cp1252Fonts()
	if err != nil {
		t.Fatal(err)
	}
	var all []rune
	for c := range 256 {
		if win.writable[c] {
			all = append(all, charmap.Windows1252.DecodeByte(byte(c)))
		}
	}
	if len(all) != 218 {
		t.Errorf("the fonts write %d characters of cp1252, want all 218 printable ones", len(all))
	}
	inv := demoInvoice()
	inv.Note = string(all)
	pdf := render(t, inv)
	if bytes.Contains(pdf, []byte("Identity-H")) {
		t.Fatal("a note in cp1252 is written in the UTF-8 fonts")
	}
	text := pdfText(t, pdf)
	for _, r := range all {
		if !unicode.IsSpace(r) && r != '\u00ad' && !strings.ContainsRune(text, r) {
			t.Errorf("the text of the PDF lost %q", r)
		}
	}
}

// TestWritePDFFontFormsAlike renders each golden invoice in both font forms: the cp1252
// fonts must put every text where the UTF-8 fonts put it (same advances, same line breaks).
func TestWritePDFFontFormsAlike(t *testing.T) {
	cases := append(slices.Clone(goldenCases), struct {
		name string
		inv  func() *Invoice
	}{"letters outside cp1252", foreignInvoice})
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			inv := tc.inv()
			enc, l := simpleEncoding(t, inv)
			cp, missing, ok := renderPDF(inv, l, enc)
			if !ok || !missing.empty() {
				t.Fatalf("the invoice is not written in the simple fonts (missing codes %v)", missing)
			}
			u, _, _ := renderPDF(inv, l, nil)
			got, want := textPositions(t, cp), textPositions(t, u)
			if len(want) < 50 {
				t.Fatalf("found %d texts in the UTF-8 form, want more: are the pages compressed?", len(want))
			}
			if !slices.Equal(got, want) {
				t.Errorf("the simple fonts put %d texts at:\n%s\nthe UTF-8 fonts put %d at:\n%s", len(got),
					strings.Join(got, "\n"), len(want), strings.Join(want, "\n"))
			}
		})
	}
}

// textPositions returns where the document's pages start texts, in page order.
func textPositions(t *testing.T, pdf *fpdf.Fpdf) []string {
	t.Helper()
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		t.Fatal(err)
	}
	var at []string
	for _, m := range textAtRE.FindAllSubmatch(buf.Bytes(), -1) {
		at = append(at, string(m[1]))
	}
	return at
}

var textAtRE = regexp.MustCompile(`BT (-?[0-9.]+ -?[0-9.]+) Td`)

func TestWritePDFMetadata(t *testing.T) {
	pdf := string(render(t, demoInvoice()))
	for _, want := range []string{"/CreationDate (D:20240402000000)", "/ModDate (D:20240402000000)"} {
		if !strings.Contains(pdf, want) {
			t.Errorf("PDF does not contain %s", want)
		}
	}
	if _, err := exec.LookPath("pdfinfo"); err != nil {
		t.Fatal("pdfinfo is not installed: `make tools` installs it (poppler-utils)")
	}
	path := filepath.Join(t.TempDir(), "invoice.pdf")
	if err := os.WriteFile(path, []byte(pdf), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdfinfo", path).Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	info := string(out)
	for _, want := range []string{
		"Title:           Invoice 2024-03-TG",
		"Author:          Thordis Gudmundsdottir",
		"Creator:         hubinvoice",
		"Pages:           1",
		"Page size:       595.28 x 841.89 pts (A4)",
	} {
		if !strings.Contains(info, want+"\n") {
			t.Errorf("pdfinfo does not say %q:\n%s", want, info)
		}
	}
}

func TestWritePDFPages(t *testing.T) {
	text := pdfText(t, render(t, longInvoice()))
	pages := strings.Split(strings.TrimSuffix(text, "\f"), "\f")
	if len(pages) < 3 {
		t.Fatalf("120 sessions give %d pages, want 3 or more", len(pages))
	}
	rows := 0
	for i, page := range pages {
		if want := fmt.Sprintf("Page %d of %d", i+1, len(pages)); !strings.Contains(page, want) {
			t.Errorf("page %d does not say %q", i+1, want)
		}
		if !strings.Contains(page, "Date") || !strings.Contains(page, "Amount") {
			t.Errorf("page %d has no table header", i+1)
		}
		rows += strings.Count(page, "Mar 2024 ")
	}
	if rows != 120 {
		t.Errorf("got %d session rows over all pages, want 120", rows)
	}
	last := pages[len(pages)-1]
	if !strings.Contains(last, "Number of sessions") || !strings.Contains(last, "120") {
		t.Errorf("last page does not give the number of sessions, 120:\n%s", last)
	}
}

func TestWritePDFText(t *testing.T) {
	t.Run("icelandic letters", func(t *testing.T) {
		text := pdfText(t, render(t, icelandicInvoice()))
		for _, r := range "ÞÐÆÖÁÉÍÓÚÝþðæöáéíóúý" {
			if !strings.ContainsRune(text, r) {
				t.Errorf("the text of the PDF lost %q", r)
			}
		}
		for _, want := range []string{"Reikningur", "Þórdís Guðmundsdóttir", "Afbókað (gjaldfært)",
			"Síða 1 af 1", "SAMTALS EFTIR STYRKTARAÐILUM", "Fjöldi tíma", "BANKAUPPLÝSINGAR"} {
			if !strings.Contains(text, want) {
				t.Errorf("the text of the PDF does not contain %q", want)
			}
		}
		if strings.Contains(text, "Greiðsludagur") {
			t.Error("the PDF gives a payment date row although the invoice has none")
		}
	})
	for _, tc := range goldenCases {
		t.Run("totals "+tc.name, func(t *testing.T) {
			inv := tc.inv()
			text := pdfText(t, render(t, inv))
			for _, total := range inv.Totals {
				if want := FormatAmount(total.Amount, total.Currency, inv.Language); !strings.Contains(text, want) {
					t.Errorf("the text of the PDF does not contain the %s total %q", total.Currency, want)
				}
			}
		})
	}
	t.Run("sponsor subtotals only with several sponsors", func(t *testing.T) {
		if text := pdfText(t, render(t, demoInvoice())); strings.Contains(text, "SUBTOTALS BY SPONSOR") {
			t.Error("one sponsor, yet the PDF gives subtotals by sponsor")
		}
		if text := pdfText(t, render(t, mixedInvoice())); !strings.Contains(text, "SUBTOTALS BY SPONSOR") {
			t.Error("three sponsors, yet the PDF gives no subtotals by sponsor")
		}
	})
}

func TestWritePDFRefuses(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Invoice)
		want   string
	}{
		{"no sessions", func(inv *Invoice) { inv.Lines = nil; inv.Totals = nil }, "invoice has no sessions"},
		{"no issue date", func(inv *Invoice) { inv.Issued = time.Time{} }, "invoice has no issue date"},
		{"language", func(inv *Invoice) { inv.Language = "de" }, `invoice language "de" is not one we have`},
		{"wrong total", func(inv *Invoice) { inv.Totals[0].Amount = decimal.NewFromInt(1) },
			"invoice total ISK 1 is not the sum of its lines, 147000"},
		{"missing total", func(inv *Invoice) { inv.Totals = nil }, `invoice has lines in "ISK" but no total for it`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inv := demoInvoice()
			tt.change(inv)
			err := WritePDF(io.Discard, inv)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got error %v, want one saying %q", err, tt.want)
			}
		})
	}
}

// BenchmarkWritePDF renders a 30-session invoice, the unit of work of a batch.
func BenchmarkWritePDF(b *testing.B) {
	inv := benchInvoice()
	b.ReportAllocs()
	for b.Loop() {
		if err := WritePDF(io.Discard, inv); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWritePDFParallel renders the invoice of BenchmarkWritePDF on every core, as a
// batch does.
func BenchmarkWritePDFParallel(b *testing.B) {
	inv := benchInvoice()
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if err := WritePDF(io.Discard, inv); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

// BenchmarkWritePDFUTF8 renders it with a sponsor outside cp1252, in the UTF-8 fonts.
func BenchmarkWritePDFUTF8(b *testing.B) {
	inv := benchInvoice()
	inv.Lines[3].Sponsor = "Łódź sp. z o.o."
	b.ReportAllocs()
	for b.Loop() {
		if err := WritePDF(io.Discard, inv); err != nil {
			b.Fatal(err)
		}
	}
}

func benchInvoice() *Invoice {
	return testInvoice("en", longInvoice().Lines[:30]...)
}

// TestAppendCoord checks the renderer's coordinates against strconv's, which fpdf writes.
func TestAppendCoord(t *testing.T) {
	vals := []float64{0, 0.125, 0.375, 0.625, 0.875, 1.005, 2.675, 841.89, 595.28, -0.001, -0.004,
		-0.005, -0.125, -12.345, 0.995, 9.995, 99.995, 53.858267716535, 767.4803149606, 1e9, -1e12}
	for i := range 20000 {
		vals = append(vals, float64(i)*0.28346456692913385, float64(i)/8, 841.89-float64(i)*0.0125)
	}
	for _, v := range vals {
		want := strconv.FormatFloat(v, 'f', 2, 64) + " "
		if got := string(appendCoord(nil, v, ' ')); got != want {
			t.Errorf("appendCoord(%v) = %q, want %q", v, got, want)
		}
	}
}

// TestPrepareFonts checks that preparing the fonts, as a command does on a goroutine while
// it reads, may run beside renders (go test -race) and changes no PDF.
func TestPrepareFonts(t *testing.T) {
	want := render(t, foreignInvoice())
	var wg sync.WaitGroup
	outs := make([][]byte, 4)
	wg.Go(PrepareFonts)
	for i := range outs {
		wg.Go(func() { outs[i] = render(t, foreignInvoice()) })
	}
	wg.Go(PrepareFonts)
	wg.Wait()
	for i, out := range outs {
		if !bytes.Equal(out, want) {
			t.Errorf("render %d beside PrepareFonts gives other bytes", i)
		}
	}
}
