package invoice

import (
	"bytes"
	"compress/zlib"
	"io"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	"golang.org/x/text/encoding/charmap"
)

// utf8Doc returns a document in points with the UTF-8 form of the fonts, set in style at
// 1000 pt, so that a width in points is one in thousandths of the font size.
func utf8Doc(t *testing.T, style string) *fpdf.Fpdf {
	t.Helper()
	pdf := fpdf.New("P", "pt", "A4", "")
	pdf.AddUTF8FontFromBytes(fontFamily, "", fontRegular)
	pdf.AddUTF8FontFromBytes(fontFamily, "B", fontBold)
	pdf.SetFont(fontFamily, style, 1000)
	if err := pdf.Error(); err != nil {
		t.Fatal(err)
	}
	return pdf
}

func TestWinFontsDeterministic(t *testing.T) {
	a, err := newWinFonts(fontRegular, fontBold)
	if err != nil {
		t.Fatal(err)
	}
	b, err := newWinFonts(fontRegular, fontBold)
	if err != nil {
		t.Fatal(err)
	}
	codes := testCodes(t, a, "Þórdís Guðmundsdóttir 18.500 kr.")
	for _, f := range []struct {
		name string
		a, b *winFont
	}{{"regular", &a.regular, &b.regular}, {"bold", &a.bold, &b.bold}} {
		defA, fileA := f.a.subset(&codes, nil, 0, &f.a.widths)
		defB, fileB := f.b.subset(&codes, nil, 0, &f.b.widths)
		if !bytes.Equal(defA, defB) || !bytes.Equal(fileA, fileB) {
			t.Errorf("building the %s font twice gives other bytes", f.name)
		}
	}
}

// testCodes returns the codes of the characters of s.
func testCodes(t *testing.T, win *winFonts, s string) codeSet {
	t.Helper()
	var codes codeSet
	for _, r := range s {
		c, ok := win.code(r)
		if !ok {
			t.Fatalf("%q is not in cp1252", r)
		}
		codes.add(c)
	}
	return codes
}

// TestWinFontWidths checks that the cp1252 fonts give each character the advance that
// fpdf's UTF-8 fonts give it, so that both forms lay a text out alike.
func TestWinFontWidths(t *testing.T) {
	win, err := cp1252Fonts()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []struct {
		style string
		font  *winFont
	}{{"", &win.regular}, {"B", &win.bold}} {
		pdf := utf8Doc(t, f.style)
		for c := range 256 {
			if !win.writable[c] {
				continue
			}
			r := charmap.Windows1252.DecodeByte(byte(c))
			if got, want := f.font.widths[c], pdf.GetStringSymbolWidth(string(r)); got != want {
				t.Errorf("style %q: %q is %d wide, want %d as in the UTF-8 font", f.style, r, got, want)
			}
		}
	}
}

// TestExtraLetterWidths checks that a letter outside cp1252 written in the simple fonts has
// the advance fpdf's UTF-8 fonts give it.
func TestExtraLetterWidths(t *testing.T) {
	win, err := cp1252Fonts()
	if err != nil {
		t.Fatal(err)
	}
	letters := []rune("ĄąĆćĘęŁłŃńŚśŹźŻżČčĎďĚěŇňŘřŤťŮůΑαΒβΓγΔδΩωЖжЯя")
	sorted := slices.Sorted(slices.Values(letters))
	enc, ok := win.encoding(&codeSet{}, sorted)
	if !ok {
		t.Fatal("the fonts do not write the letters")
	}
	for _, style := range []string{"", "B"} {
		pdf := utf8Doc(t, style)
		for _, r := range letters {
			c, ok := enc.code(r)
			if !ok || c < 127 {
				t.Fatalf("%q is at code %d (%v), want a code of 127-255", r, c, ok)
			}
			if got, want := enc.widths(style == "B")[c], pdf.GetStringSymbolWidth(string(r)); got != want {
				t.Errorf("style %q: %q is %d wide, want %d as in the UTF-8 font", style, r, got, want)
			}
		}
	}
}

// TestWinSplitText checks that the cp1252 fonts break lines where fpdf's SplitText breaks
// them in the UTF-8 fonts.
func TestWinSplitText(t *testing.T) {
	win, err := cp1252Fonts()
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{
		"",
		" ",
		"Therapy session (50 min)",
		"Coaching session with a very long service name that has to wrap onto a second line",
		"Initech Health & Wellbeing Programme for Employees",
		"Heilbrigðisþjónusta er undanþegin virðisaukaskatti. Vinsamlegast greiðið inn á reikninginn.",
		"Sýslumaðurinn á Vesturlandi",
		"Averyveryverylongwordwithoutanyspaceatallthatcannotwrap and then more",
		"two  spaces   and trailing spaces   ",
		"non\u00a0breaking\u00a0spaces\u00a0between\u00a0the\u00a0words of a long enough text",
		"€1.234,50 – £99 · “quoted” ‘text’ … œuvre Ÿ ß",
	}
	for _, style := range []string{"", "B"} {
		pdf := utf8Doc(t, style)
		for _, s := range texts {
			for _, w := range []float64{10, 50, 200, 800, 2000, 4000} { // points, at 1000 pt
				want := pdf.SplitText(s, w)
				_, size := pdf.GetFontSize()
				wmax := int(math.Ceil((w - 2*pdf.GetCellMargin()) * 1000 / size)) // as split
				got, ok := allCodes(t, win).splitText(style == "B", s, wmax)
				if !ok {
					t.Fatalf("%q is not written in cp1252", s)
				}
				if !slices.Equal(got, want) {
					t.Errorf("style %q, width %v: %q splits into\n%q, want\n%q", style, w, s, got, want)
				}
			}
		}
	}
}

func TestWinEncode(t *testing.T) {
	win, err := cp1252Fonts()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		in string
		ok bool
	}{
		{"Invoice 2024-03-TG", true},
		{"Þórdís Guðmundsdóttir · Ólafsgeisli 12, 113 Reykjavík", true},
		{"ÆÐÉÍÓÚÝÞÖ æðéíóúýþö", true},
		{"€1,234.50 – £99", true},
		{"Łódź", false},
		{"Ελληνική", false},
		{"tab\there", false},
		{"\ufffd", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			var missing codeSet
			got, ok := allCodes(t, win).encode(tt.in, &missing)
			if ok != tt.ok {
				t.Fatalf("got ok %v, want %v", ok, tt.ok)
			}
			if !ok {
				return
			}
			back, err := charmap.Windows1252.NewDecoder().String(got)
			if err != nil || back != tt.in {
				t.Errorf("got %q, which decodes to %q (%v), want %q", got, back, err, tt.in)
			}
			if strings.ContainsFunc(tt.in, func(r rune) bool { return r >= 0x80 }) == (got == tt.in) {
				t.Errorf("got %q: only ASCII is written as it is", got)
			}
		})
	}
}

// TestWritePDFFontSubsets reads the fonts embedded in each golden invoice: each must be a
// TrueType font that sfnt can read, with a glyph for every character of the document, and
// only those (and .notdef), without hinting or name table.
func TestWritePDFFontSubsets(t *testing.T) {
	cases := append(slices.Clone(goldenCases), struct {
		name string
		inv  func() *Invoice
	}{"letters outside cp1252", foreignInvoice})
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			inv := tc.inv()
			enc, _ := simpleEncoding(t, inv)
			var letters []rune
			for c := range 256 {
				if enc.cp.has(byte(c)) {
					letters = append(letters, charmap.Windows1252.DecodeByte(byte(c)))
				}
			}
			for _, e := range enc.extras {
				letters = append(letters, e.r)
			}
			files := embeddedFonts(t, render(t, inv))
			if len(files) != 2 {
				t.Fatalf("found %d embedded fonts, want 2", len(files))
			}
			for _, file := range files {
				f, err := sfnt.Parse(file)
				if err != nil {
					t.Fatalf("the embedded font does not parse: %v", err)
				}
				if got, want := f.NumGlyphs(), len(letters)+1; got != want {
					t.Errorf("the embedded font has %d glyphs, want %d: one per character of the document and .notdef", got, want)
				}
				var buf sfnt.Buffer
				for _, r := range letters {
					gi, err := f.GlyphIndex(&buf, r)
					if err != nil || gi == 0 {
						t.Errorf("the embedded font has no glyph for %q (%v)", r, err)
						continue
					}
					if _, err := f.LoadGlyph(&buf, gi, fixed.I(12), nil); err != nil && r != ' ' && r != '\u00a0' {
						t.Errorf("the glyph of %q does not load: %v", r, err)
					}
				}
				tables, err := ttfTables(file)
				if err != nil {
					t.Fatal(err)
				}
				for _, tag := range []string{"fpgm", "prep", "cvt ", "name"} {
					if tables[tag] != nil {
						t.Errorf("the embedded font has a %q table", tag)
					}
				}
			}
		})
	}
}

// embeddedFonts returns the TrueType font files embedded in a PDF, inflated.
func embeddedFonts(t *testing.T, pdf []byte) [][]byte {
	t.Helper()
	var files [][]byte
	for _, m := range fontFileRE.FindAllSubmatchIndex(pdf, -1) {
		dict := string(pdf[m[2]:m[3]])
		n, err := strconv.Atoi(string(pdf[m[4]:m[5]]))
		if err != nil {
			t.Fatal(err)
		}
		data := pdf[m[1] : m[1]+n]
		if strings.Contains(dict, "/FlateDecode") {
			zr, err := zlib.NewReader(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			if data, err = io.ReadAll(zr); err != nil {
				t.Fatal(err)
			}
		}
		files = append(files, data)
	}
	return files
}

// fontFileRE finds a stream with a /Length1, as only font files have, and its /Length.
var fontFileRE = regexp.MustCompile(`(?s)<<(/Length (\d+)[^>]*/Length1 \d+[^>]*)>>\nstream\n`)

// TestDocumentCodes checks that reading an invoice's texts finds every code its PDF writes,
// so that a document is laid out once: rendered with no glyphs at all, the renderer reports
// what it wrote, which must all be in documentCodes.
func TestDocumentCodes(t *testing.T) {
	for _, tc := range goldenCases {
		t.Run(tc.name, func(t *testing.T) {
			inv := tc.inv()
			win, l, codes := cp1252Codes(t, inv)
			none, _ := win.encoding(&codeSet{}, nil)
			_, written, ok := renderPDF(inv, l, none)
			if !ok || written.empty() {
				t.Fatal("rendering with no glyphs reports no code written")
			}
			if left := written.without(&codes); !left.empty() {
				t.Errorf("the PDF writes codes that documentCodes does not find: %v", left)
			}
		})
	}
}

// cp1252Codes returns the cp1252 fonts, the labels of inv and the codes its PDF writes, and
// fails the test when inv is not written in cp1252.
func cp1252Codes(t *testing.T, inv *Invoice) (*winFonts, *pdfLabels, codeSet) {
	t.Helper()
	enc, l := simpleEncoding(t, inv)
	if len(enc.extras) > 0 {
		t.Fatal("the invoice is not written in cp1252")
	}
	return enc.fs, l, enc.cp
}

// simpleEncoding returns the encoding of inv's PDF in the simple fonts, and its labels.
func simpleEncoding(t *testing.T, inv *Invoice) (*docEnc, *pdfLabels) {
	t.Helper()
	win, err := cp1252Fonts()
	if err != nil {
		t.Fatal(err)
	}
	l, err := labelsFor(inv.Language)
	if err != nil {
		t.Fatal(err)
	}
	codes, extra, ok := win.documentCodes(inv, l)
	if !ok {
		t.Fatal("a label is not in cp1252")
	}
	enc, ok := win.encoding(&codes, extra)
	if !ok {
		t.Fatal("the invoice is not written in the simple fonts")
	}
	return enc, l
}

// allCodes returns the encoding of a document that writes every code of cp1252.
func allCodes(t *testing.T, win *winFonts) *docEnc {
	t.Helper()
	var all codeSet
	for c := range 256 {
		if win.writable[c] {
			all.add(byte(c))
		}
	}
	enc, ok := win.encoding(&all, nil)
	if !ok {
		t.Fatal("no encoding for the codes of cp1252")
	}
	return enc
}

// TestSubsetsBound fills the kept fonts past their bound: an invoice rendered before and after
// the kept fonts are dropped gives the same bytes.
func TestSubsetsBound(t *testing.T) {
	win, err := cp1252Fonts()
	if err != nil {
		t.Fatal(err)
	}
	before := render(t, demoInvoice())
	for i := range maxSubsets + 1 {
		codes := codeSet{}
		codes.add(byte('A' + i%26))
		codes.add(byte(128 + i/26))
		enc, ok := win.encoding(&codes, nil)
		if !ok {
			t.Fatal("no encoding")
		}
		enc.fonts()
	}
	win.mu.Lock()
	kept := len(win.subsets)
	win.mu.Unlock()
	if kept > maxSubsets {
		t.Errorf("%d sets of fonts kept, want at most %d", kept, maxSubsets)
	}
	if after := render(t, demoInvoice()); !bytes.Equal(before, after) {
		t.Error("the invoice's PDF differs once the kept fonts were dropped")
	}
}
