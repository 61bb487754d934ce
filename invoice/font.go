package invoice

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"io"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"codeberg.org/go-pdf/fpdf"
	"github.com/klauspost/compress/zlib"
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
// (docEnc.fonts): a batch's invoices write few sets of codes, so that most documents
// neither cut nor compress a font.
//
// A letter outside cp1252 (Łódź, Ελλάδα) takes, in the document that writes it, one of the
// codes 127-255 that the document leaves free, and the PDF's encoding of the fonts names it
// there (Differences, /uniXXXX): the same fonts write it, subset for that document (docEnc).
// Only an invoice with more such letters than free codes, or with one the fonts lack, is
// written with fpdf's UTF-8 fonts, which parse the font and subset it again for each
// document: slower, but any letter the font has comes out.

// winFonts are the regular and bold fonts in cp1252.
type winFonts struct {
	regular, bold winFont
	// writable says of each cp1252 code whether both fonts can write it: a printable
	// character with a glyph in each.
	writable [256]bool
	labels   sync.Map // *pdfLabels to the codeSet of its labels

	mu      sync.Mutex
	subsets map[string]*docFonts   // by the codes and letters they write (docEnc.fonts)
	letters map[rune]*letterGlyphs // letters outside cp1252 that documents wrote
}

// letterGlyphs is a letter outside cp1252 in both fonts (regular, bold).
type letterGlyphs struct {
	ok    bool // both fonts have it
	glyph [2]glyphCut
	width [2]int // in thousandths of the font size
}

// maxLetters bounds the letters outside cp1252 that are kept.
const maxLetters = 4096

// letter returns the glyphs of r, a letter outside cp1252, in both fonts.
func (fs *winFonts) letter(r rune) *letterGlyphs {
	fs.mu.Lock()
	g := fs.letters[r]
	fs.mu.Unlock()
	if g != nil {
		return g
	}
	g = &letterGlyphs{ok: unicode.IsPrint(r) && r <= 0xFFFF}
	for i, f := range []*winFont{&fs.regular, &fs.bold} {
		if !g.ok {
			break
		}
		var buf sfnt.Buffer
		gi, err := f.sf.GlyphIndex(&buf, r)
		if err == nil && gi != 0 {
			g.width[i], err = f.glyphWidth(&buf, gi)
		}
		if err == nil && gi != 0 {
			g.glyph[i], err = f.cuts.cut(uint16(gi))
		}
		g.ok = err == nil && gi != 0
	}
	fs.mu.Lock()
	if fs.letters == nil || len(fs.letters) >= maxLetters {
		fs.letters = make(map[rune]*letterGlyphs)
	}
	fs.letters[r] = g
	fs.mu.Unlock()
	return g
}

// docFonts is what fpdf is given of both fonts for the documents that write one set of
// codes and letters: each font's definition and compressed file, for AddFontFromBytes.
type docFonts struct {
	once                 sync.Once
	regularDef, regularZ []byte
	boldDef, boldZ       []byte
}

// maxSubsets bounds the sets of codes whose fonts are kept: some 11 KB each, 6 MB at most.
// A batch's invoices write a few hundred sets (240 for the 1,537 invoices of a 100k-row
// clinic's export, 339 for 2,107 at 1M rows); past the bound the kept fonts are dropped and
// made again when needed, which gives the same bytes.
const maxSubsets = 512

// fonts returns what fpdf is given of the fonts of the documents written in e: made once for
// all the documents that write the same codes and letters.
func (e *docEnc) fonts() *docFonts {
	fs := e.fs
	var buf [64]byte
	key := buf[:0] // on the stack for most documents
	for _, w := range e.cp {
		key = binary.BigEndian.AppendUint64(key, w)
	}
	for _, x := range e.extras {
		key = binary.BigEndian.AppendUint32(append(key, x.code), uint32(x.r))
	}
	fs.mu.Lock()
	d := fs.subsets[string(key)]
	if d == nil {
		if fs.subsets == nil || len(fs.subsets) >= maxSubsets {
			fs.subsets = make(map[string]*docFonts)
		}
		d = &docFonts{}
		fs.subsets[string(key)] = d
	}
	fs.mu.Unlock()
	d.once.Do(func() {
		d.regularDef, d.regularZ = fs.regular.subset(&e.cp, e.extras, 0, e.regular)
		d.boldDef, d.boldZ = fs.bold.subset(&e.cp, e.extras, 1, e.bold)
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

	sf    *sfnt.Font    // the font, for letters outside cp1252
	ppem  fixed.Int26_6 // one pixel per font unit: sfnt's sizes are then in font units
	scale float64       // thousandths of the font size per font unit
}

// thousandths returns v, in font units, in thousandths of the font size.
func (f *winFont) thousandths(v fixed.Int26_6) int { return int(math.Round(f.scale * float64(v))) }

// glyphWidth returns the advance of glyph gi, in thousandths of the font size.
func (f *winFont) glyphWidth(buf *sfnt.Buffer, gi sfnt.GlyphIndex) (int, error) {
	adv, err := f.sf.GlyphAdvance(buf, gi, f.ppem, font.HintingNone)
	return f.thousandths(adv), err
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
	wf.sf, wf.ppem, wf.scale = f, fixed.Int26_6(upem), 1000.0/float64(upem)
	ppem, thousandths := wf.ppem, wf.thousandths
	advance := func(gi sfnt.GlyphIndex) (int, error) { return wf.glyphWidth(&buf, gi) }

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
// glyphs of codes and of the extra letters (by code, at codes not in codes; style picks
// their glyphs), whose advances by code are widths, for AddFontFromBytes.
func (f *winFont) subset(codes *codeSet, extras []extraCode, style int, widths *[256]int) (def, z []byte) {
	file := f.cuts.subset(codes, extras, style)
	def = make([]byte, 0, len(f.def)+len(f.name)+64+2*256+4*codes.len()+12*len(extras))
	def = append(def, f.def...)
	def = append(def, `,"Name":"`...)
	// A subset's name starts with a tag of six capital letters (PDF 32000-1, 9.6.4), here
	// one that depends on the glyphs it holds.
	def = append(def, subsetTag(codes, extras)...)
	def = append(def, '+')
	def = append(def, f.name...)
	// The widths of the codes the subset does not hold are 0: shorter to write and read.
	def = append(def, `","Cw":[`...)
	k := 0
	for c := range 256 {
		if c > 0 {
			def = append(def, ',')
		}
		w := 0
		if k < len(extras) && extras[k].code == byte(c) {
			w = widths[c]
			k++
		} else if codes.has(byte(c)) {
			w = widths[c]
		}
		def = strconv.AppendInt(def, int64(w), 10)
	}
	def = append(def, ']')
	if len(extras) > 0 {
		// The extra letters' codes, named as the Adobe Glyph List names any character.
		def = append(def, `,"Diff":"`...)
		for i, e := range extras {
			if i > 0 {
				def = append(def, ' ')
			}
			def = strconv.AppendInt(def, int64(e.code), 10)
			def = fmt.Appendf(def, " /uni%04X", e.r)
		}
		def = append(def, '"')
	}
	def = append(def, `,"OriginalSize":`...)
	def = strconv.AppendInt(def, int64(len(file)), 10)
	def = append(def, '}')
	return def, compress(file)
}

// compress returns b in the zlib format, which a PDF's FlateDecode reads, Huffman-coded
// without matches: a glyph's outline has few repeats, so that this is 17% smaller than b
// and within 11% of the best compression, at an eighth of its cost. klauspost/compress (the
// export reader's inflater) does it in a third of the time of compress/zlib, and its
// compressor is a quarter of the size to make, which one invoice's run does once. A subset
// is compressed once per set of codes, for all the documents that write it.
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

// subsetTag returns six capital letters that name a font subset by the codes and the extra
// letters it holds.
func subsetTag(codes *codeSet, extras []extraCode) []byte {
	h := fnv.New64a()
	var b [32]byte
	for i, w := range codes {
		binary.BigEndian.PutUint64(b[8*i:], w)
	}
	h.Write(b[:])
	for _, e := range extras {
		binary.BigEndian.PutUint32(b[:], uint32(e.r))
		b[4] = e.code
		h.Write(b[:5])
	}
	sum := h.Sum64()
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = 'A' + byte(sum%26)
		sum /= 26
	}
	return tag
}

// code returns the cp1252 code of r, and false when the fonts cannot write r.
func (fs *winFonts) code(r rune) (byte, bool) {
	if r < utf8.RuneSelf {
		return byte(r), fs.writable[r]
	}
	c, ok := charmap.Windows1252.EncodeRune(r)
	return c, ok && fs.writable[c]
}

// docEnc is how one document writes its texts in the simple fonts: a letter of cp1252 in
// cp1252, and each other letter it has (Ł, ź, Ω) at a code of 127-255 that it leaves free,
// which the fonts' encoding names by the letter (docFonts' Differences).
type docEnc struct {
	fs            *winFonts
	cp            codeSet       // the cp1252 codes the fonts hold
	codes         codeSet       // cp and the extra letters' codes
	extra         map[rune]byte // the extra letters' codes; nil for most documents
	extras        []extraCode   // the same, by code
	regular, bold *[256]int     // the advance of each code in each font
}

// encoding returns the encoding of a document that writes the cp1252 codes cp and the
// letters extra outside cp1252 (sorted, each once), and false when the fonts cannot write
// them: a letter neither font has, or more letters than free codes.
func (fs *winFonts) encoding(cp *codeSet, extra []rune) (*docEnc, bool) {
	e := &docEnc{fs: fs, cp: *cp, codes: *cp, regular: &fs.regular.widths, bold: &fs.bold.widths}
	if len(extra) == 0 {
		return e, true
	}
	regular, bold := fs.regular.widths, fs.bold.widths
	e.extra = make(map[rune]byte, len(extra))
	e.extras = make([]extraCode, 0, len(extra))
	code := 127
	for _, r := range extra {
		for code < 256 && cp.has(byte(code)) {
			code++
		}
		g := fs.letter(r)
		if code == 256 || !g.ok {
			return nil, false
		}
		c := byte(code)
		e.extra[r] = c
		e.extras = append(e.extras, extraCode{code: c, r: r, glyph: [2]*glyphCut{&g.glyph[0], &g.glyph[1]}})
		regular[c], bold[c] = g.width[0], g.width[1]
		e.codes.add(c)
		code++
	}
	e.regular, e.bold = &regular, &bold
	return e, true
}

// code returns the code of r, and false when the document cannot write r.
func (e *docEnc) code(r rune) (byte, bool) {
	if c, ok := e.fs.code(r); ok {
		return c, true
	}
	c, ok := e.extra[r]
	return c, ok
}

// encode returns s in the document's codes, and false when a rune of s is not one it can
// write. It adds to missing each cp1252 code of s that the fonts do not hold. A text in
// ASCII is returned as it is.
func (e *docEnc) encode(s string, missing *codeSet) (string, bool) {
	i := 0
	for ; i < len(s) && s[i] < utf8.RuneSelf && e.fs.writable[s[i]]; i++ {
		if !e.cp.has(s[i]) {
			missing.add(s[i])
		}
	}
	if i == len(s) {
		return s, true
	}
	b := make([]byte, i, len(s))
	copy(b, s[:i])
	for _, r := range s[i:] {
		c, ok := e.fs.code(r)
		if ok && !e.cp.has(c) {
			missing.add(c)
		} else if !ok {
			if c, ok = e.extra[r]; !ok {
				return "", false
			}
		}
		b = append(b, c)
	}
	return string(b), true
}

// widths returns the advances by code of the regular or the bold font.
func (e *docEnc) widths(bold bool) *[256]int {
	if bold {
		return e.bold
	}
	return e.regular
}

// advance returns the advance of s, in the document's codes, in thousandths of the font
// size.
func (e *docEnc) advance(bold bool, s string) int {
	w := e.widths(bold)
	n := 0
	for i := 0; i < len(s); i++ {
		n += w[s[i]]
	}
	return n
}

// splitText splits s, one paragraph, into the lines that fit wmax thousandths of the font
// size, as fpdf's SplitText does for a UTF-8 font (the same breaks, so that both forms lay
// out alike), with the advances of the regular or bold font. It returns false when a rune
// of s is not one the document can write (a newline is not).
func (e *docEnc) splitText(bold bool, s string, wmax int) ([]string, bool) {
	widths := e.widths(bold)
	var lines []string
	sep, afterSep := -1, 0 // the last space of the line, and where the text goes on after it
	i, j, l := 0, 0, 0     // the rune, the start of the line, the line's advance
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		c, ok := e.code(r)
		if !ok {
			return nil, false
		}
		l += widths[c]
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

// documentCodes returns the cp1252 codes the PDF of inv in the labels l will write and the
// letters outside cp1252 it will write (sorted, each once), and false when a label is not in
// cp1252. It reads the texts of the invoice and every label, not the layout: the renderer
// reports any code it writes that this left out (pdfRenderer.missing), and the document is
// then made again with it.
func (fs *winFonts) documentCodes(inv *Invoice, l *pdfLabels) (codeSet, []rune, bool) {
	codes, ok := fs.labelCodes(l)
	if !ok {
		return codes, nil, false
	}
	var extra []rune
	add := func(s string) {
		for _, r := range s {
			if c, ok := fs.code(r); ok {
				codes.add(c)
			} else if r != '\n' { // a line break, not a letter
				extra = append(extra, r)
			}
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
	slices.Sort(extra)
	return codes, slices.Compact(extra), true
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
