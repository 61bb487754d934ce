package invoice

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"io"
	"math"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"codeberg.org/go-pdf/fpdf"
	"github.com/shopspring/decimal"
	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	"golang.org/x/text/encoding/charmap"
)

// The PDF's fonts come in two forms, both made from the same embedded TrueType files.
//
// Most invoices are written in Windows-1252 (cp1252), which holds every Icelandic letter, €,
// £, – and · and the names of Western Europe: the fonts are then simple TrueType fonts with
// the PDF's WinAnsiEncoding. Each document embeds a subset of each font with the glyphs of
// the codes it writes (subset.go), cut from pieces prepared once per process. The subset of
// a set of codes, compressed, and its definition for fpdf are made once and kept
// (winFonts.forCodes): a batch's invoices write few sets of codes, so that most documents
// neither cut nor compress a font.
//
// An invoice with a letter outside cp1252 (Łódź, Ελλάδα) is written instead with fpdf's UTF-8
// fonts, which parse the font and subset it again for each document: slower, but any letter
// the font has comes out.

// winFonts are the regular and bold fonts in cp1252.
type winFonts struct {
	regular, bold winFont
	// writable says of each cp1252 code whether both fonts can write it: a printable
	// character with a glyph in each.
	writable [256]bool
	labels   sync.Map // *pdfLabels to the codeSet of its labels

	mu      sync.Mutex
	subsets map[codeSet]*docFonts // the fonts of the documents that write a set of codes
}

// docFonts is what fpdf is given of both fonts for the documents that write one set of
// codes: each font's definition and compressed file, for AddFontFromBytes.
type docFonts struct {
	once                 sync.Once
	regularDef, regularZ []byte
	boldDef, boldZ       []byte
}

// maxSubsets bounds the sets of codes whose fonts are kept: some 10 KB each. A batch's
// invoices write a few hundred sets at most (240 for 1,537 invoices); past the bound the
// kept fonts are dropped and made again when needed, which gives the same bytes.
const maxSubsets = 1024

// forCodes returns the fonts of the documents that write codes, made once.
func (fs *winFonts) forCodes(codes *codeSet) *docFonts {
	fs.mu.Lock()
	d := fs.subsets[*codes]
	if d == nil {
		if fs.subsets == nil || len(fs.subsets) >= maxSubsets {
			fs.subsets = make(map[codeSet]*docFonts)
		}
		d = &docFonts{}
		fs.subsets[*codes] = d
	}
	fs.mu.Unlock()
	d.once.Do(func() {
		d.regularDef, d.regularZ = fs.regular.subset(codes)
		d.boldDef, d.boldZ = fs.bold.subset(codes)
	})
	return d
}

// winFont is one simple TrueType font, ready to be subset for a document.
type winFont struct {
	cuts *ttfCuts
	name string // PostScript name
	// def is fpdf's definition of the font (JSON) without Name, Cw and OriginalSize, which
	// depend on the subset, and without its closing brace. It holds only what fpdf reads of
	// a TrueType font, since fpdf decodes it, and encodes it again, for every document.
	def    []byte
	widths [256]int // advance of each code, in thousandths of the font size
}

// cp1252Fonts builds the cp1252 fonts on first use; every document shares them.
var cp1252Fonts = sync.OnceValues(func() (*winFonts, error) {
	return newWinFonts(fontRegular, fontBold)
})

// newWinFonts builds the cp1252 forms of a regular and a bold TrueType font.
func newWinFonts(regular, bold []byte) (*winFonts, error) {
	var fs winFonts
	for c := range 256 {
		r := charmap.Windows1252.DecodeByte(byte(c)) // U+FFFD for the five codes cp1252 leaves out
		fs.writable[c] = r != utf8.RuneError && (unicode.IsPrint(r) || r == '\u00a0' || r == '\u00ad')
	}
	// A code goes into the fonts when both have a glyph for it, so that a text can change
	// from regular to bold and back without losing a letter.
	for _, ttf := range [][]byte{regular, bold} {
		f, err := sfnt.Parse(ttf)
		if err != nil {
			return nil, fmt.Errorf("parsing the embedded font: %w", err)
		}
		var buf sfnt.Buffer
		for c := range 256 {
			if !fs.writable[c] {
				continue
			}
			if gi, err := f.GlyphIndex(&buf, charmap.Windows1252.DecodeByte(byte(c))); err != nil || gi == 0 {
				fs.writable[c] = false
			}
		}
	}
	var err error
	if fs.regular, err = newWinFont(regular, &fs.writable, false); err != nil {
		return nil, err
	}
	if fs.bold, err = newWinFont(bold, &fs.writable, true); err != nil {
		return nil, err
	}
	return &fs, nil
}

// fontDef is what fpdf reads of a TrueType font's definition file (what its MakeFont
// writes), without the fields that depend on a document's subset. fpdf reads Up and Ut (the
// underline) and Enc too, but the invoices underline nothing and fpdf does not write Enc.
type fontDef struct {
	Tp   string
	Desc fontDesc
	File string // fpdf's name of the font file; .z says it is compressed
}

// fontDesc is fpdf.FontDescType as its JSON reads.
type fontDesc struct {
	Ascent, Descent, CapHeight, Flags int
	FontBBox                          struct{ Xmin, Ymin, Xmax, Ymax int }
	ItalicAngle                       int `json:",omitempty"`
	StemV, MissingWidth               int
}

// newWinFont makes the cp1252 form of a TrueType font, with the glyphs of the writable codes.
// Its metrics are those fpdf's UTF-8 fonts take from the same file, so that a text takes the
// same room in either form.
func newWinFont(ttf []byte, writable *[256]bool, bold bool) (winFont, error) {
	var wf winFont
	f, err := sfnt.Parse(ttf)
	if err != nil {
		return wf, fmt.Errorf("parsing the embedded font: %w", err)
	}
	var buf sfnt.Buffer
	name, err := f.Name(&buf, sfnt.NameIDPostScript)
	if err != nil {
		return wf, fmt.Errorf("reading the embedded font's name: %w", err)
	}
	wf.name = name
	// Asking for sizes at one pixel per font unit gives them in font units.
	upem := f.UnitsPerEm()
	ppem := fixed.Int26_6(upem)
	scale := 1000.0 / float64(upem)
	thousandths := func(v fixed.Int26_6) int { return int(math.Round(scale * float64(v))) }
	advance := func(gi sfnt.GlyphIndex) (int, error) {
		adv, err := f.GlyphAdvance(&buf, gi, ppem, font.HintingNone)
		return thousandths(adv), err
	}

	missing, err := advance(0) // glyph 0 stands for any the font has not
	if err != nil {
		return wf, fmt.Errorf("measuring the embedded font: %w", err)
	}
	var glyphs [256]uint16
	for c := range 256 {
		wf.widths[c] = missing
		if !writable[c] {
			continue
		}
		r := charmap.Windows1252.DecodeByte(byte(c))
		gi, err := f.GlyphIndex(&buf, r)
		if err != nil {
			return wf, fmt.Errorf("measuring the embedded font: %w", err)
		}
		if wf.widths[c], err = advance(gi); err != nil {
			return wf, fmt.Errorf("measuring the embedded font: %w", err)
		}
		glyphs[c] = uint16(gi)
	}
	wf.cuts, err = newTTFCuts(ttf,
		func(c byte) (uint16, error) { return glyphs[c], nil },
		charmap.Windows1252.DecodeByte)
	if err != nil {
		return wf, fmt.Errorf("cutting the embedded font %s: %w", name, err)
	}

	m, err := f.Metrics(&buf, ppem, font.HintingNone)
	if err != nil {
		return wf, fmt.Errorf("measuring the embedded font: %w", err)
	}
	bounds, err := f.Bounds(&buf, ppem, font.HintingNone)
	if err != nil {
		return wf, fmt.Errorf("measuring the embedded font: %w", err)
	}
	post := f.PostTable()
	def := fontDef{
		Tp: "TrueType",
		Desc: fontDesc{
			Ascent:       thousandths(m.Ascent),
			Descent:      -thousandths(m.Descent),
			CapHeight:    thousandths(m.CapHeight),
			Flags:        fpdf.FontFlagNonsymbolic,
			ItalicAngle:  int(post.ItalicAngle),
			StemV:        70,
			MissingWidth: missing,
		},
		File: name + ".z",
	}
	def.Desc.FontBBox.Xmin = thousandths(bounds.Min.X)
	def.Desc.FontBBox.Ymin = -thousandths(bounds.Max.Y)
	def.Desc.FontBBox.Xmax = thousandths(bounds.Max.X)
	def.Desc.FontBBox.Ymax = -thousandths(bounds.Min.Y)
	if post.IsFixedPitch {
		def.Desc.Flags |= fpdf.FontFlagFixedPitch
	}
	if post.ItalicAngle != 0 {
		def.Desc.Flags |= fpdf.FontFlagItalic
	}
	if bold {
		def.Desc.Flags |= fpdf.ForceBold
		def.Desc.StemV = 120
	}
	j, err := json.Marshal(def)
	if err != nil {
		return wf, err
	}
	wf.def = j[:len(j)-1] // without the closing brace
	return wf, nil
}

// subset returns fpdf's definition and compressed font file of the subset of f with the
// glyphs of codes, for AddFontFromBytes.
func (f *winFont) subset(codes *codeSet) (def, z []byte) {
	file := f.cuts.subset(codes)
	def = make([]byte, 0, len(f.def)+len(f.name)+64+2*256+4*codes.len())
	def = append(def, f.def...)
	def = append(def, `,"Name":"`...)
	// A subset's name starts with a tag of six capital letters (PDF 32000-1, 9.6.4), here
	// one that depends on the glyphs it holds.
	def = append(def, subsetTag(codes)...)
	def = append(def, '+')
	def = append(def, f.name...)
	// The widths of the codes the subset does not hold are 0: shorter to write and read.
	def = append(def, `","Cw":[`...)
	for c := range 256 {
		if c > 0 {
			def = append(def, ',')
		}
		w := 0
		if codes.has(byte(c)) {
			w = f.widths[c]
		}
		def = strconv.AppendInt(def, int64(w), 10)
	}
	def = append(def, `],"OriginalSize":`...)
	def = strconv.AppendInt(def, int64(len(file)), 10)
	def = append(def, '}')
	return def, compress(file)
}

// compress returns b in the zlib format, which a PDF's FlateDecode reads, Huffman-coded
// without matches: a glyph's outline has few repeats, so that this is 17% smaller than b
// and within 11% of the best compression, at a third of its cost. A subset is compressed
// once per set of codes, for the documents that write it.
func compress(b []byte) []byte {
	var out bytes.Buffer
	out.Grow(len(b))
	zw := zlibWriters.Get().(*zlib.Writer)
	zw.Reset(&out)
	zw.Write(b) // a bytes.Buffer takes all
	zw.Close()
	zw.Reset(io.Discard)
	zlibWriters.Put(zw)
	return out.Bytes()
}

var zlibWriters = sync.Pool{New: func() any {
	zw, _ := zlib.NewWriterLevel(io.Discard, zlib.HuffmanOnly) // a level it has
	return zw
}}

// subsetTag returns six capital letters that name a font subset by the codes it holds.
func subsetTag(codes *codeSet) []byte {
	h := fnv.New64a()
	var b [32]byte
	for i, w := range codes {
		binary.BigEndian.PutUint64(b[8*i:], w)
	}
	h.Write(b[:])
	sum := h.Sum64()
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = 'A' + byte(sum%26)
		sum /= 26
	}
	return tag
}

// encode returns s in cp1252, and false when a rune of s is not one the fonts can write.
// A text in ASCII is returned as it is.
func (fs *winFonts) encode(s string) (string, bool) {
	i := 0
	for i < len(s) && s[i] < utf8.RuneSelf && fs.writable[s[i]] {
		i++
	}
	if i == len(s) {
		return s, true
	}
	b := make([]byte, i, len(s))
	copy(b, s[:i])
	for _, r := range s[i:] {
		c, ok := fs.code(r)
		if !ok {
			return "", false
		}
		b = append(b, c)
	}
	return string(b), true
}

// code returns the cp1252 code of r, and false when the fonts cannot write r.
func (fs *winFonts) code(r rune) (byte, bool) {
	if r < utf8.RuneSelf {
		return byte(r), fs.writable[r]
	}
	c, ok := charmap.Windows1252.EncodeRune(r)
	return c, ok && fs.writable[c]
}

// splitText splits s, one paragraph, into the lines that fit wmax thousandths of the font
// size, as fpdf's SplitText does for a UTF-8 font (the same breaks, so that both forms lay
// out alike), with the advances of the cp1252 font f. It returns false when a rune of s is
// not one the fonts can write (a newline is not).
func (fs *winFonts) splitText(f *winFont, s string, wmax int) ([]string, bool) {
	var lines []string
	sep, afterSep := -1, 0 // the last space of the line, and where the text goes on after it
	i, j, l := 0, 0, 0     // the rune, the start of the line, the line's advance
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		c, ok := fs.code(r)
		if !ok {
			return nil, false
		}
		l += f.widths[c]
		if unicode.IsSpace(r) {
			sep, afterSep = i, i+size
		}
		if l > wmax {
			if sep == -1 {
				if i == j {
					i += size
				}
				sep = i
			} else {
				i = afterSep
			}
			lines = append(lines, s[j:sep])
			sep = -1
			j = i
			l = 0
		} else {
			i += size
		}
	}
	if i != j {
		lines = append(lines, s[j:i])
	}
	return lines, true
}

// documentCodes returns the cp1252 codes the PDF of inv in the labels l will write, and
// false when one of its texts has a rune the fonts cannot write. It reads the texts of the
// invoice and every label, not the layout: the renderer reports any code it writes that
// this left out (pdfRenderer.missing), and the document is then made again with it.
func (fs *winFonts) documentCodes(inv *Invoice, l *pdfLabels) (codeSet, bool) {
	codes, ok := fs.labelCodes(l)
	if !ok {
		return codes, false
	}
	add := func(s string) {
		for i := 0; i < len(s) && ok; {
			r, size := utf8.DecodeRuneInString(s[i:])
			var c byte
			if c, ok = fs.code(r); ok {
				codes.add(c)
			}
			i += size
		}
	}
	addParty := func(p *Party) {
		add(p.Name)
		add(p.Email)
		add(p.TaxID)
		for _, a := range p.Address {
			add(a)
		}
	}
	add(inv.Number)
	add(inv.Note)
	add(inv.Reason)
	if inv.Credits != nil {
		add(inv.Credits.Number)
	}
	addParty(&inv.From)
	addParty(&inv.BillTo)
	b := &inv.Bank
	for _, s := range []string{b.AccountHolder, b.BankName, b.IBAN, b.BIC, b.AccountNumber, b.SortCode} {
		add(s)
	}
	currencies := map[string]bool{}
	for i := range inv.Lines {
		ln := &inv.Lines[i]
		add(ln.Service)
		add(ln.Sponsor)
		add(ln.Professional)
		currencies[ln.Currency] = true
	}
	for _, s := range inv.Sponsors {
		add(s.Sponsor)
	}
	for _, t := range inv.Totals {
		currencies[t.Currency] = true
	}
	for c := range currencies {
		// Every character an amount in c can have: digits, separators, sign and symbol.
		add(FormatAmount(amountProbe, c, inv.Language))
	}
	return codes, ok
}

// amountProbe is an amount whose text has every character an amount's text can have.
var amountProbe = decimal.RequireFromString("-1234567.891")

// labelCodes returns the codes of every label in l, as written and in capitals, and of the
// digits, made once for each language.
func (fs *winFonts) labelCodes(l *pdfLabels) (codeSet, bool) {
	if v, ok := fs.labels.Load(l); ok {
		return v.(codeSet), true
	}
	var codes codeSet
	ok := true
	add := func(s string) {
		for _, r := range s + strings.ToUpper(s) {
			c, writable := fs.code(r)
			ok = ok && writable
			codes.add(c)
		}
	}
	add("0123456789" + timeLayout + footerSep)
	v := reflect.ValueOf(l).Elem()
	for i := range v.NumField() {
		switch f := v.Field(i); f.Kind() {
		case reflect.String:
			add(f.String())
		case reflect.Array:
			for j := range f.Len() {
				add(f.Index(j).String())
			}
		}
	}
	if ok {
		fs.labels.Store(l, codes)
	}
	return codes, ok
}
