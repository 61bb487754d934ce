package invoice

import (
	"encoding/binary"
	"fmt"
	"math/bits"
	"sort"
)

// A document's fonts hold only the glyphs it writes. The TrueType font is cut up once per
// process (ttfCuts) into the pieces a subset is made of: the small tables it copies and, for
// each cp1252 code, the glyph's outline without its hinting instructions and its metrics. A
// document's subset (ttfCuts.subset) then only copies the pieces of the codes it uses into
// a new font file: no parsing, no hinting (fpgm, prep, cvt and the glyphs' instructions), no
// name table. PDF viewers take the font's name, metrics and encoding from the PDF, so the
// file needs only what draws the glyphs and maps a character to its glyph.

// codeSet is a set of cp1252 codes.
type codeSet [4]uint64

func (s *codeSet) add(c byte)      { s[c>>6] |= 1 << (c & 63) }
func (s *codeSet) has(c byte) bool { return s[c>>6]&(1<<(c&63)) != 0 }
func (s *codeSet) addAll(o *codeSet) {
	s[0], s[1], s[2], s[3] = s[0]|o[0], s[1]|o[1], s[2]|o[2], s[3]|o[3]
}
func (s *codeSet) empty() bool { return s[0]|s[1]|s[2]|s[3] == 0 }
func (s *codeSet) len() (n int) {
	return bits.OnesCount64(s[0]) + bits.OnesCount64(s[1]) + bits.OnesCount64(s[2]) + bits.OnesCount64(s[3])
}
func (s *codeSet) without(o *codeSet) codeSet {
	return codeSet{s[0] &^ o[0], s[1] &^ o[1], s[2] &^ o[2], s[3] &^ o[3]}
}

// ttfCuts is a TrueType font cut into the pieces of its subsets.
type ttfCuts struct {
	head, hhea, maxp, os2, post []byte // tables copied into each subset (head, hhea, maxp patched)
	notdef                      glyphCut
	glyphs                      [256]glyphCut // by cp1252 code; empty for a code the font lacks
	runes                       [256]rune     // the character of each code

	// What cut reads a glyph from.
	hmtx, loca, glyf       []byte
	numGlyphs, numHMetrics int
	longLoca               bool
}

// glyphCut is one glyph: its outline without instructions, padded to an even length, and
// its horizontal metrics in font units.
type glyphCut struct {
	outline      []byte
	advance, lsb uint16
	present      bool
}

// extraCode is a letter outside cp1252 that a document writes, at a code it leaves free,
// with its glyph in each font (regular, bold) and the glyph's advance in thousandths.
type extraCode struct {
	code  byte
	r     rune
	glyph [2]*glyphCut
	width [2]int
}

// ttfTables returns the tables of a TrueType font by tag.
func ttfTables(ttf []byte) (map[string][]byte, error) {
	if len(ttf) < 12 {
		return nil, fmt.Errorf("the font file is %d bytes, too short", len(ttf))
	}
	n := int(binary.BigEndian.Uint16(ttf[4:]))
	if len(ttf) < 12+16*n {
		return nil, fmt.Errorf("the font's table directory is cut short")
	}
	tables := make(map[string][]byte, n)
	for i := range n {
		e := ttf[12+16*i:]
		off, size := uint64(binary.BigEndian.Uint32(e[8:])), uint64(binary.BigEndian.Uint32(e[12:]))
		if off+size > uint64(len(ttf)) {
			return nil, fmt.Errorf("the font's table %q runs past its end", e[:4])
		}
		tables[string(e[:4])] = ttf[off : off+size]
	}
	for _, tag := range []string{"head", "hhea", "maxp", "hmtx", "loca", "glyf", "post", "OS/2"} {
		if tables[tag] == nil {
			return nil, fmt.Errorf("the font has no %q table", tag)
		}
	}
	if len(tables["head"]) < 54 || len(tables["hhea"]) < 36 || len(tables["maxp"]) < 6 || len(tables["post"]) < 32 {
		return nil, fmt.Errorf("the font's head, hhea, maxp or post table is too short")
	}
	return tables, nil
}

// newTTFCuts cuts a TrueType font into the pieces of its subsets. glyphOf gives the glyph
// of each code to write (0 for none), runeOf its character.
func newTTFCuts(ttf []byte, glyphOf func(code byte) (uint16, error), runeOf func(code byte) rune) (*ttfCuts, error) {
	t, err := ttfTables(ttf)
	if err != nil {
		return nil, err
	}
	c := &ttfCuts{
		head: t["head"][:54],
		hhea: t["hhea"][:36],
		maxp: t["maxp"],
		os2:  t["OS/2"],
		post: t["post"][:32],
		hmtx: t["hmtx"], loca: t["loca"], glyf: t["glyf"],
	}
	c.numGlyphs = int(binary.BigEndian.Uint16(c.maxp[4:]))
	c.longLoca = binary.BigEndian.Uint16(c.head[50:]) == 1
	c.numHMetrics = int(binary.BigEndian.Uint16(c.hhea[34:]))
	if c.numHMetrics == 0 || len(c.hmtx) < 4*c.numHMetrics+2*(c.numGlyphs-c.numHMetrics) {
		return nil, fmt.Errorf("the font's hmtx table is too short")
	}
	if (c.longLoca && len(c.loca) < 4*(c.numGlyphs+1)) || (!c.longLoca && len(c.loca) < 2*(c.numGlyphs+1)) {
		return nil, fmt.Errorf("the font's loca table is too short")
	}
	if c.notdef, err = c.cut(0); err != nil {
		return nil, err
	}
	for code := range 256 {
		gid, err := glyphOf(byte(code))
		if err != nil {
			return nil, err
		}
		if gid == 0 {
			continue
		}
		if c.glyphs[code], err = c.cut(gid); err != nil {
			return nil, err
		}
		c.runes[code] = runeOf(byte(code))
		if c.runes[code] > 0xFFFF {
			return nil, fmt.Errorf("code %d is outside the Basic Multilingual Plane", code)
		}
	}
	return c, nil
}

// cut returns glyph gid of the font, without its instructions.
func (c *ttfCuts) cut(gid uint16) (glyphCut, error) {
	g := int(gid)
	if g >= c.numGlyphs {
		return glyphCut{}, fmt.Errorf("the font has no glyph %d", g)
	}
	be := binary.BigEndian
	var start, end int
	if c.longLoca {
		start, end = int(be.Uint32(c.loca[4*g:])), int(be.Uint32(c.loca[4*g+4:]))
	} else {
		start, end = 2*int(be.Uint16(c.loca[2*g:])), 2*int(be.Uint16(c.loca[2*g+2:]))
	}
	if start > end || end > len(c.glyf) {
		return glyphCut{}, fmt.Errorf("glyph %d runs past the font's glyf table", g)
	}
	gc := glyphCut{present: true}
	if g < c.numHMetrics {
		gc.advance, gc.lsb = be.Uint16(c.hmtx[4*g:]), be.Uint16(c.hmtx[4*g+2:])
	} else {
		gc.advance = be.Uint16(c.hmtx[4*(c.numHMetrics-1):])
		gc.lsb = be.Uint16(c.hmtx[4*c.numHMetrics+2*(g-c.numHMetrics):])
	}
	var err error
	if gc.outline, err = stripInstructions(c.glyf[start:end]); err != nil {
		return glyphCut{}, fmt.Errorf("glyph %d: %w", g, err)
	}
	return gc, nil
}

// stripInstructions returns a simple glyph's outline without its hinting instructions,
// padded to an even length. The embedded fonts have no composite glyphs, and a subset of
// one would need the glyphs it is made of: a composite glyph is an error.
func stripInstructions(g []byte) ([]byte, error) {
	if len(g) == 0 {
		return nil, nil // a glyph with no outline, such as the space
	}
	if len(g) < 10 {
		return nil, fmt.Errorf("outline of %d bytes is too short", len(g))
	}
	contours := int(int16(binary.BigEndian.Uint16(g)))
	if contours < 0 {
		return nil, fmt.Errorf("composite glyphs are not supported")
	}
	at := 10 + 2*contours // the instructions' length
	if len(g) < at+2 {
		return nil, fmt.Errorf("outline is cut short")
	}
	rest := at + 2 + int(binary.BigEndian.Uint16(g[at:]))
	if len(g) < rest {
		return nil, fmt.Errorf("instructions run past the outline")
	}
	out := make([]byte, 0, at+2+len(g)-rest+1)
	out = append(out, g[:at]...)
	out = append(out, 0, 0)
	out = append(out, g[rest:]...)
	if len(out)%2 == 1 {
		out = append(out, 0)
	}
	return out, nil
}

// subset returns a TrueType font file with the glyphs of the codes in codes and of the
// extra letters (by code, at codes not in codes), each mapped from its character by a
// Windows Unicode cmap, and glyph 0, .notdef. style picks the extra letters' glyphs. The
// same codes and letters give the same bytes.
func (c *ttfCuts) subset(codes *codeSet, extras []extraCode, style int) []byte {
	// The glyphs in code order, which is also the order of their characters in cp1252 only
	// for ASCII: the cmap sorts them by character.
	glyphs := make([]*glyphCut, 1, 1+codes.len())
	glyphs[0] = &c.notdef
	type mapping struct {
		r   rune
		gid uint16
	}
	maps := make([]mapping, 0, codes.len()+len(extras))
	glyfLen := len(c.notdef.outline)
	for code := range 256 {
		var g *glyphCut
		var r rune
		if len(extras) > 0 && extras[0].code == byte(code) {
			g, r = extras[0].glyph[style], extras[0].r
			extras = extras[1:]
		} else if codes.has(byte(code)) && c.glyphs[code].present {
			g, r = &c.glyphs[code], c.runes[code]
		} else {
			continue
		}
		maps = append(maps, mapping{r, uint16(len(glyphs))})
		glyphs = append(glyphs, g)
		glyfLen += len(g.outline)
	}
	sort.Slice(maps, func(i, j int) bool { return maps[i].r < maps[j].r })
	// Segments of the format 4 cmap: runs of consecutive characters with consecutive glyphs.
	type segment struct{ start, end, delta uint16 }
	var segs []segment
	for _, m := range maps {
		r := uint16(m.r)
		if n := len(segs); n > 0 && segs[n-1].end+1 == r && segs[n-1].delta == m.gid-r {
			segs[n-1].end = r
			continue
		}
		segs = append(segs, segment{r, r, m.gid - r})
	}
	segs = append(segs, segment{0xFFFF, 0xFFFF, 1}) // the closing segment, to glyph 0

	n := len(glyphs)
	short := glyfLen < 1<<17 // offsets/2 fit the short loca
	locaLen := 4 * (n + 1)
	if short {
		locaLen = 2 * (n + 1)
	}
	cmapLen := 12 + 16 + 8*len(segs)
	tables := []struct {
		tag  string
		size int
	}{ // in the order of their tags, as the directory must be
		{"OS/2", len(c.os2)}, {"cmap", cmapLen}, {"glyf", glyfLen}, {"head", 54}, {"hhea", 36},
		{"hmtx", 4 * n}, {"loca", locaLen}, {"maxp", len(c.maxp)}, {"post", 32},
	}
	numTables := len(tables)
	size := 12 + 16*numTables
	offsets := make([]int, numTables)
	for i, t := range tables {
		offsets[i] = size
		size += (t.size + 3) &^ 3
	}
	b := make([]byte, size)
	be := binary.BigEndian
	be.PutUint32(b, 0x00010000)
	be.PutUint16(b[4:], uint16(numTables))
	sr := 1 << (bits.Len(uint(numTables)) - 1) // the largest power of two <= numTables
	be.PutUint16(b[6:], uint16(16*sr))
	be.PutUint16(b[8:], uint16(bits.Len(uint(sr))-1))
	be.PutUint16(b[10:], uint16(16*(numTables-sr)))

	for i, t := range tables {
		p := b[offsets[i] : offsets[i]+t.size]
		switch t.tag {
		case "OS/2":
			copy(p, c.os2)
		case "cmap":
			be.PutUint16(p[2:], 1)  // one subtable
			be.PutUint16(p[4:], 3)  // Windows
			be.PutUint16(p[6:], 1)  // Unicode BMP
			be.PutUint32(p[8:], 12) // at
			s := p[12:]
			segX2 := 2 * len(segs)
			be.PutUint16(s, 4) // format
			be.PutUint16(s[2:], uint16(len(s)))
			srch := 2 << (bits.Len(uint(len(segs))) - 1)
			be.PutUint16(s[6:], uint16(segX2))
			be.PutUint16(s[8:], uint16(srch))
			be.PutUint16(s[10:], uint16(bits.Len(uint(srch/2))-1))
			be.PutUint16(s[12:], uint16(segX2-srch))
			for k, sg := range segs {
				be.PutUint16(s[14+2*k:], sg.end)
				be.PutUint16(s[16+segX2+2*k:], sg.start)
				be.PutUint16(s[16+2*segX2+2*k:], sg.delta)
				// idRangeOffset stays 0: glyph = character + delta
			}
		case "glyf":
			at := 0
			for _, g := range glyphs {
				at += copy(p[at:], g.outline)
			}
		case "head":
			copy(p, c.head)
			be.PutUint32(p[8:], 0) // checkSumAdjustment, set below
			if short {
				be.PutUint16(p[50:], 0)
			} else {
				be.PutUint16(p[50:], 1)
			}
		case "hhea":
			copy(p, c.hhea)
			be.PutUint16(p[34:], uint16(n))
		case "hmtx":
			for k, g := range glyphs {
				be.PutUint16(p[4*k:], g.advance)
				be.PutUint16(p[4*k+2:], g.lsb)
			}
		case "loca":
			at := 0
			for k := 0; k <= n; k++ {
				if short {
					be.PutUint16(p[2*k:], uint16(at/2))
				} else {
					be.PutUint32(p[4*k:], uint32(at))
				}
				if k < n {
					at += len(glyphs[k].outline)
				}
			}
		case "maxp":
			copy(p, c.maxp)
			be.PutUint16(p[4:], uint16(n))
		case "post":
			copy(p, c.post)
			be.PutUint32(p, 0x00030000) // format 3: no glyph names
			clear(p[16:32])
		}
		e := b[12+16*i:]
		copy(e, t.tag)
		be.PutUint32(e[4:], ttfChecksum(b[offsets[i]:offsets[i]+(t.size+3)&^3]))
		be.PutUint32(e[8:], uint32(offsets[i]))
		be.PutUint32(e[12:], uint32(t.size))
	}
	for i, t := range tables {
		if t.tag == "head" {
			be.PutUint32(b[offsets[i]+8:], 0xB1B0AFBA-ttfChecksum(b))
		}
	}
	return b
}

// ttfChecksum is the sum of b as big-endian 32-bit words, b a multiple of 4 bytes long.
func ttfChecksum(b []byte) uint32 {
	var sum uint32
	for i := 0; i+4 <= len(b); i += 4 {
		sum += binary.BigEndian.Uint32(b[i:])
	}
	return sum
}
