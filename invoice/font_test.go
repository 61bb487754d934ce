package invoice

import (
	"bytes"
	"math"
	"slices"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"
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
	for _, f := range []struct {
		name string
		a, b *winFont
	}{{"regular", &a.regular, &b.regular}, {"bold", &a.bold, &b.bold}} {
		if !bytes.Equal(f.a.def, f.b.def) || !bytes.Equal(f.a.file, f.b.file) {
			t.Errorf("building the %s font twice gives other bytes", f.name)
		}
	}
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
		f := &win.regular
		if style == "B" {
			f = &win.bold
		}
		pdf := utf8Doc(t, style)
		for _, s := range texts {
			for _, w := range []float64{10, 50, 200, 800, 2000, 4000} { // points, at 1000 pt
				want := pdf.SplitText(s, w)
				_, size := pdf.GetFontSize()
				wmax := int(math.Ceil((w - 2*pdf.GetCellMargin()) * 1000 / size)) // as split
				got, ok := win.splitText(f, s, wmax)
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
			got, ok := win.encode(tt.in)
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
