package xlsx

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file is a small streaming XML tokenizer written for the sheet XML of a workbook, which
// can be a gigabyte of tags. encoding/xml allocates for every token and reads byte by byte:
// excelize's streaming read, built on it, takes some 15 times as long as unzip -p takes to
// unpack the sheet. The scanner keeps a window of the input and hands out tokens that point
// into it; they are valid until the next call.
//
// On well-formed XML it yields the text encoding/xml yields: the five predefined entities and
// character references decoded, \r\n and \r turned into \n, CDATA sections as text, comments,
// processing instructions and directives left out, element names split at their one colon
// (<x:row> is a row). It checks what it needs to stay in step — tags close in order, quoted
// attribute values, known entities — but it is not a validator: it does not check the
// characters allowed in names or text.

type tokKind uint8

const (
	tokEOF   tokKind = iota // end of input or an error (see xmlScanner.err)
	tokStart                // a start tag; a self-closing one is followed by its tokEnd
	tokEnd                  // an end tag
	tokText                 // character data, raw: decode it with appendText
	tokCDATA                // the contents of a CDATA section, raw: decode it with appendCDATA

	tokMore // internal: the token runs past the window
	tokSkip // internal: a comment, processing instruction or directive
)

// An xmlAttr is an attribute of the current start tag: where its local name and its raw
// value are in the window (offsets, not slices, so that storing one costs no write barrier).
type xmlAttr struct {
	ls, le, vs, ve int32
}

// maxToken bounds a single token (a tag, a text, a comment): Excel keeps a cell under 32,767
// characters, so anything near this size is a damaged or hostile file.
const maxToken = 16 << 20

type xmlScanner struct {
	rd       io.Reader
	pipe     *inflatePipe // instead of rd: read the pipe's chunks in place
	chunk    []byte       // the pipe's chunk buf is in, if it is one
	buf      []byte
	pos, end int
	eof      bool
	err      error

	ls, le int       // local name of the current start or end tag: buf[ls:le]
	ts, te int       // the current text or CDATA token: buf[ts:te]
	attrs  []xmlAttr // attributes of the current start tag

	selfClosing bool   // the current start tag ends in />
	pendingEnd  bool   // the next token is the end of a self-closing start tag
	stack       []byte // names of the open elements, back to back
	stackEnds   []int  // where each open element's name ends in stack
	seenDecl    bool
	started     bool // the first bytes have been looked at
}

func newXMLScanner(rd io.Reader, size int) *xmlScanner {
	return &xmlScanner{rd: rd, buf: make([]byte, size)}
}

// name is the local name of the current start or end tag.
func (s *xmlScanner) name() []byte { return s.buf[s.ls:s.le] }

// chars is the current text or CDATA token, raw.
func (s *xmlScanner) chars() []byte { return s.buf[s.ts:s.te] }

// attr returns an attribute's local name and raw value.
func (s *xmlScanner) attr(a xmlAttr) (local, value []byte) {
	return s.buf[a.ls:a.le], s.buf[a.vs:a.ve]
}

// depth is the number of open elements.
func (s *xmlScanner) depth() int { return len(s.stackEnds) }

func (s *xmlScanner) fail(format string, args ...any) tokKind {
	if s.err == nil {
		s.err = &xmlSyntaxError{msg: fmt.Sprintf(format, args...)}
	}
	return tokEOF
}

// An xmlSyntaxError is damage found in the XML itself.
type xmlSyntaxError struct {
	msg string
}

func (e *xmlSyntaxError) Error() string { return e.msg }

// more reads more input into the window, keeping buf[pos:end]; it reports false at the end
// of the input or on an error.
func (s *xmlScanner) more() bool {
	if s.eof || s.err != nil {
		return false
	}
	if s.pipe != nil {
		return s.morePipe()
	}
	if s.pos > 0 {
		n := copy(s.buf, s.buf[s.pos:s.end])
		s.end, s.pos = n, 0
	}
	if s.end == len(s.buf) {
		if len(s.buf) > maxToken {
			s.tooLong()
			return false
		}
		nb := make([]byte, min(2*len(s.buf), 2*maxToken))
		copy(nb, s.buf[:s.end])
		s.buf = nb
	}
	start := s.end
	for empty := 0; s.end < len(s.buf) && s.end-start < len(s.buf)/2; {
		n, err := s.rd.Read(s.buf[s.end:])
		s.end += n
		if err == io.EOF {
			s.eof = true
			break
		}
		if err != nil {
			s.err = err
			break
		}
		if n == 0 {
			if empty++; empty > 100 {
				s.err = io.ErrNoProgress
				break
			}
		}
	}
	return s.end > start
}

// morePipe moves on to the pipe's next chunk, with the unfinished token at the end of the
// window moved into the chunk's headroom; a token longer than the headroom grows a window of
// its own.
func (s *xmlScanner) morePipe() bool {
	c, err := s.pipe.take()
	if err != nil {
		if err == io.EOF {
			s.eof = true
		} else {
			s.err = err
		}
		return false
	}
	tail := s.buf[s.pos:s.end]
	data := c.buf[pipeHeadroom : pipeHeadroom+c.n]
	if len(tail) <= pipeHeadroom {
		start := pipeHeadroom - len(tail)
		copy(c.buf[start:], tail)
		s.release()
		s.chunk, s.buf, s.pos, s.end = c.buf, c.buf[:pipeHeadroom+c.n], start, pipeHeadroom+c.n
		return true
	}
	if len(tail) > maxToken {
		s.pipe.give(c.buf)
		s.tooLong()
		return false
	}
	var own []byte
	if s.chunk == nil {
		own = s.buf[:0] // already a window of our own: reuse it
		copy(own[:len(tail)], tail)
		own = own[:len(tail)]
	} else {
		own = append([]byte(nil), tail...)
	}
	own = append(own, data...)
	s.pipe.give(c.buf)
	s.release()
	s.buf, s.pos, s.end = own, 0, len(own)
	return true
}

// drain reads the rest of the input without looking at it, so that a part's size and
// checksum, which are checked at its end (see openPart), are checked even when what follows
// the markup read is not parsed. It returns the error that ended the input, if not its end.
func (s *xmlScanner) drain() error {
	for s.err == nil && !s.eof {
		if s.pipe != nil {
			c, err := s.pipe.take()
			switch {
			case err == io.EOF:
				s.eof = true
			case err != nil:
				s.err = err
			default:
				s.pipe.give(c.buf)
			}
			continue
		}
		if _, err := io.Copy(io.Discard, s.rd); err != nil {
			s.err = err
		}
		s.eof = true
	}
	return s.err
}

func (s *xmlScanner) tooLong() tokKind {
	return s.fail("an element or text of more than %d MiB", maxToken>>20)
}

// release hands the chunk the window was in back to the pipe.
func (s *xmlScanner) release() {
	if s.chunk != nil {
		s.pipe.give(s.chunk)
		s.chunk = nil
	}
}

// next returns the next token.
func (s *xmlScanner) next() tokKind {
	if s.pendingEnd {
		s.pendingEnd = false
		s.pop()
		return tokEnd
	}
	atEnd := false // the markup at pos was read again once the input had ended
	for {
		if s.pos >= s.end && !s.more() {
			if s.err != nil {
				return tokEOF
			}
			if s.depth() > 0 {
				return s.fail("the XML ends inside %s", elem(s.top()))
			}
			return tokEOF
		}
		b := s.buf[s.pos:s.end]
		if !s.started {
			s.started = true
			if utf16Start(b) {
				s.err = errors.New("the XML is in UTF-16; hubinvoice reads UTF-8")
				return tokEOF
			}
		}
		if b[0] != '<' {
			i := indexByte(b, '<')
			if i < 0 {
				if !s.eof {
					if !s.more() && s.err != nil {
						return tokEOF
					}
					continue // b has moved
				}
				i = len(b) // text up to the end of the input
			}
			if i > maxToken {
				return s.tooLong()
			}
			s.ts, s.te = s.pos, s.pos+i
			s.pos += i
			return tokText
		}
		n, k := s.tag(b)
		switch k {
		case tokMore:
			if !s.more() {
				if s.err == nil && s.eof && !atEnd {
					atEnd = true // the input has ended: read the markup again, knowing it
					continue
				}
				if s.err == nil {
					s.fail("the XML ends inside a tag")
				}
				return tokEOF
			}
			continue
		case tokEOF:
			return tokEOF
		}
		if n > maxToken {
			return s.tooLong()
		}
		s.pos += n
		if k != tokSkip {
			return k
		}
	}
}

// endRow reads a </row> that closes the innermost element, <row> unprefixed, when the window
// begins with it: the commonest end tag of a sheet, without the work of next.
func (s *xmlScanner) endRow() bool {
	if s.pendingEnd || s.end-s.pos < 6 || string(s.buf[s.pos:s.pos+6]) != "</row>" || len(s.stackEnds) == 0 || string(s.top()) != "row" {
		return false
	}
	s.pop()
	s.ls, s.le = s.pos+2, s.pos+5
	s.pos += 6
	return true
}

// top is the name of the innermost open element.
func (s *xmlScanner) top() []byte {
	n := len(s.stackEnds)
	from := 0
	if n > 1 {
		from = s.stackEnds[n-2]
	}
	return s.stack[from:s.stackEnds[n-1]]
}

func (s *xmlScanner) push(name []byte) {
	s.stack = append(s.stack, name...)
	s.stackEnds = append(s.stackEnds, len(s.stack))
}

func (s *xmlScanner) pop() {
	n := len(s.stackEnds)
	s.stackEnds = s.stackEnds[:n-1]
	if n > 1 {
		s.stack = s.stack[:s.stackEnds[n-2]]
	} else {
		s.stack = s.stack[:0]
	}
}

// nameByte marks the bytes an XML name is made of, as encoding/xml reads names: ASCII
// letters, digits, _ : . - and every byte of a multi-byte character.
var nameByte = func() (t [256]bool) {
	for c := 0; c < 256; c++ {
		t[c] = c >= 0x80 || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
			c == '_' || c == ':' || c == '.' || c == '-'
	}
	return t
}()

// scanQName scans a name from b[i] and returns its end and where its local part begins. As
// in encoding/xml, only a name with exactly one colon, with something on both sides, has a
// prefix.
func scanQName(b []byte, i int) (end, local int) {
	start, colon, colons := i, -1, 0
	for i < len(b) {
		c := b[i]
		if !nameByte[c] {
			break
		}
		if c == ':' {
			colon = i
			colons++
		}
		i++
	}
	if colons != 1 || colon == start || colon == i-1 {
		return i, start
	}
	return i, colon + 1
}

// indexByte is bytes.IndexByte for the short distances of sheet XML, where a call to the
// vectorised search costs more than it saves.
func indexByte(b []byte, c byte) int {
	for i := 0; i < len(b) && i < 16; i++ {
		if b[i] == c {
			return i
		}
	}
	if len(b) <= 16 {
		return -1
	}
	if i := bytes.IndexByte(b[16:], c); i >= 0 {
		return i + 16
	}
	return -1
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\n' || b[i] == '\t' || b[i] == '\r') {
		i++
	}
	return i
}

// tag reads the markup at the start of b (b[0] is '<'): it returns its length and kind, or
// tokMore when b ends before it does.
func (s *xmlScanner) tag(b []byte) (int, tokKind) {
	if len(b) < 2 {
		return 0, tokMore
	}
	switch b[1] {
	case '/':
		i, local := scanQName(b, 2)
		j := skipSpace(b, i)
		if j >= len(b) {
			return 0, tokMore
		}
		name := b[2:i]
		if b[j] != '>' || i == 2 {
			return 0, s.fail("a damaged end tag%s", named(" </", name))
		}
		if s.depth() == 0 {
			return 0, s.fail("an end tag %s with no element open", endElem(name))
		}
		if !bytes.Equal(name, s.top()) {
			return 0, s.fail("%s is closed by %s", elem(s.top()), endElem(name))
		}
		s.pop()
		s.ls, s.le = s.pos+local, s.pos+i
		return j + 1, tokEnd
	case '?':
		i := bytes.Index(b[2:], []byte("?>"))
		if i < 0 {
			return 0, tokMore
		}
		pi := b[2 : 2+i]
		if !s.seenDecl && len(pi) >= 3 && string(pi[:3]) == "xml" && (len(pi) == 3 || !nameByte[pi[3]]) {
			if enc := declEncoding(pi); enc != "" && !strings.EqualFold(enc, "utf-8") {
				s.err = fmt.Errorf("the XML is in %s; hubinvoice reads UTF-8", encodingName(enc))
				return 0, tokEOF
			}
		}
		s.seenDecl = true
		return i + 4, tokSkip
	case '!':
		return s.bang(b)
	}
	s.seenDecl = true
	i, local := scanQName(b, 1)
	if i == 1 {
		if i < len(b) {
			return 0, s.fail("a stray < in the text")
		}
		return 0, tokMore
	}
	name, nameEnd := b[1:i], i
	s.attrs = s.attrs[:0]
	s.selfClosing = false
	for {
		i = skipSpace(b, i)
		if i >= len(b) {
			return 0, tokMore
		}
		switch b[i] {
		case '>':
			i++
		case '/':
			if i+1 >= len(b) {
				return 0, tokMore
			}
			if b[i+1] != '>' {
				return 0, s.fail("a damaged tag%s", named(" <", name))
			}
			s.selfClosing = true
			i += 2
		default:
			ne, alocal := scanQName(b, i)
			if ne == i {
				return 0, s.fail("a damaged tag%s", named(" <", name))
			}
			an := b[i:ne]
			j := skipSpace(b, ne)
			if j >= len(b) {
				return 0, tokMore
			}
			if b[j] != '=' {
				return 0, s.fail("%s has no value", attrOf(an, name))
			}
			j = skipSpace(b, j+1)
			if j >= len(b) {
				return 0, tokMore
			}
			q := b[j]
			if q != '"' && q != '\'' {
				return 0, s.fail("%s has no quoted value", attrOf(an, name))
			}
			k := indexByte(b[j+1:], q)
			if k < 0 {
				return 0, tokMore
			}
			p := int32(s.pos)
			s.attrs = append(s.attrs, xmlAttr{p + int32(alocal), p + int32(ne), p + int32(j+1), p + int32(j+1+k)})
			i = j + 2 + k
			continue
		}
		break
	}
	s.ls, s.le = s.pos+local, s.pos+nameEnd
	s.push(name)
	if s.selfClosing {
		s.pendingEnd = true
	}
	return i, tokStart
}

// bang reads <!-- comments -->, <![CDATA[sections]]> and <!DIRECTIVES>.
func (s *xmlScanner) bang(b []byte) (int, tokKind) {
	if len(b) < 4 {
		return 0, tokMore
	}
	if b[2] == '-' {
		if b[3] != '-' {
			return 0, s.fail("<!- that does not begin a comment")
		}
		i := bytes.Index(b[4:], []byte("-->"))
		if i < 0 {
			return 0, tokMore
		}
		return i + 7, tokSkip
	}
	if b[2] == '[' {
		const open = "<![CDATA["
		if len(b) < len(open) {
			return 0, tokMore
		}
		if string(b[:len(open)]) != open {
			return 0, s.fail("<![ that does not begin a CDATA section")
		}
		i := bytes.Index(b[len(open):], []byte("]]>"))
		if i < 0 {
			return 0, tokMore
		}
		s.ts, s.te = s.pos+len(open), s.pos+len(open)+i
		return len(open) + i + 3, tokCDATA
	}
	// A directive such as <!DOCTYPE ...>: skip to its '>', minding quotes, nested <...> and
	// comments, as encoding/xml does (which takes the byte after <! as it is).
	var quote byte
	depth := 0
	for i := 3; i < len(b); i++ {
		c := b[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			if depth == 0 {
				return i + 1, tokSkip
			}
			depth--
		case c == '<':
			if len(b) < i+4 && !s.eof {
				return 0, tokMore // it may begin a comment
			}
			if len(b) >= i+4 && string(b[i+1:i+4]) == "!--" {
				j := bytes.Index(b[i+4:], []byte("-->"))
				if j < 0 {
					return 0, tokMore
				}
				i += 4 + j + 2
				continue
			}
			depth++
		}
	}
	return 0, tokMore
}

// declEncoding returns the encoding named by an XML declaration's contents, if any.
func declEncoding(pi []byte) string {
	i := bytes.Index(pi, []byte("encoding"))
	if i < 0 {
		return ""
	}
	j := skipSpace(pi, i+len("encoding"))
	if j >= len(pi) || pi[j] != '=' {
		return ""
	}
	j = skipSpace(pi, j+1)
	if j >= len(pi) || (pi[j] != '"' && pi[j] != '\'') {
		return ""
	}
	k := bytes.IndexByte(pi[j+1:], pi[j])
	if k < 0 {
		return ""
	}
	return string(pi[j+1 : j+1+k])
}

// The names of the markup a workbook's parts are written in. An error message names an
// element or attribute only when it is one of these: in damaged XML, a "name" may be the text
// of a cell (Jón in "<Jón Jónsson>"), which must never be quoted.
var markupNames = func() map[string]bool {
	m := map[string]bool{}
	for _, n := range strings.Fields(`worksheet sheetData row c v f is t r rPh rPr si sst sheetPr
		dimension sheetViews sheetView selection pane sheetFormatPr cols col mergeCells mergeCell
		pageMargins pageSetup headerFooter drawing legacyDrawing extLst ext phoneticPr b i u sz
		color rFont family scheme vertAlign strike charset outline shadow condense extend
		workbook workbookPr sheets sheet bookViews workbookView definedNames definedName calcPr
		Relationships Relationship spans s ht customHeight hidden outlineLevel collapsed thickBot
		thickTop ph cm vm space count uniqueCount ref type xmlns id Id Target Type name sheetId
		date1904 state`) {
		m[n] = true
	}
	return m
}()

// known returns a markup name, printable, when it is one of markupNames (after any prefix).
func known(name []byte) (string, bool) {
	local := name
	if i := bytes.IndexByte(name, ':'); i >= 0 {
		local = name[i+1:]
	}
	if len(name) > 40 || !markupNames[string(local)] {
		return "", false
	}
	return string(name), true
}

// utf16Start reports whether a part begins as UTF-16 does: with its byte order mark, or with
// a '<' that is half of a two-byte character.
func utf16Start(b []byte) bool {
	return len(b) >= 2 && (b[0] == 0xFF && b[1] == 0xFE || b[0] == 0xFE && b[1] == 0xFF ||
		b[0] == '<' && b[1] == 0 || b[0] == 0 && b[1] == '<')
}

// named returns lead and the name, when it is a workbook's, or nothing.
func named(lead string, name []byte) string {
	if n, ok := known(name); ok {
		return lead + n
	}
	return ""
}

// elem names an element in an error message: <row>, or "an element" when its name is not a
// workbook's.
func elem(name []byte) string {
	if n, ok := known(name); ok {
		return "<" + n + ">"
	}
	return "an element"
}

// endElem names an end tag: </row>, or "the end of another element".
func endElem(name []byte) string {
	if n, ok := known(name); ok {
		return "</" + n + ">"
	}
	return "the end of another element"
}

// attrOf names an attribute of an element: "attribute r of <row>", "an attribute of <row>".
func attrOf(attr, name []byte) string {
	if n, ok := known(attr); ok {
		return "attribute " + n + " of " + elem(name)
	}
	return "an attribute of " + elem(name)
}

// encodingName names the encoding an XML declaration gives, when it is one of the encodings
// that exist (another text is not quoted).
func encodingName(enc string) string {
	e := strings.ToUpper(strings.TrimSpace(enc))
	switch {
	case strings.HasPrefix(e, "UTF-16"), strings.HasPrefix(e, "UTF-32"), strings.HasPrefix(e, "UCS-"),
		strings.HasPrefix(e, "ISO-8859-"), strings.HasPrefix(e, "WINDOWS-125"), strings.HasPrefix(e, "CP125"),
		e == "US-ASCII", e == "ASCII", e == "LATIN1", e == "SHIFT_JIS", e == "GB2312", e == "GBK", e == "BIG5",
		e == "EUC-JP", e == "EUC-KR", e == "KOI8-R", e == "MACINTOSH":
		if len(e) <= 16 {
			return "the " + e + " encoding"
		}
	}
	return "an encoding other than UTF-8"
}

// skip reads past the end of the element whose start tag was just returned.
func (s *xmlScanner) skip() bool {
	d := s.depth()
	for {
		switch s.next() {
		case tokEOF:
			return false
		case tokEnd:
			if s.depth() < d {
				return true
			}
		}
	}
}

var errEntity = errors.New("a damaged character entity")

// appendText appends raw character data to dst the way encoding/xml decodes it: entities and
// character references replaced, \r\n and a lone \r turned into \n.
func appendText(dst, raw []byte) ([]byte, error) {
	for {
		i := 0
		for i < len(raw) && raw[i] != '&' && raw[i] != '\r' {
			i++
		}
		dst = append(dst, raw[:i]...)
		if i == len(raw) {
			return dst, nil
		}
		if raw[i] == '\r' {
			dst = append(dst, '\n')
			if i+1 < len(raw) && raw[i+1] == '\n' {
				i++
			}
			raw = raw[i+1:]
			continue
		}
		var n int
		var err error
		dst, n, err = appendEntity(dst, raw[i:])
		if err != nil {
			return dst, err
		}
		raw = raw[i+n:]
	}
}

// appendEntity decodes the entity or character reference at the start of b (b[0] is '&') and
// returns its length.
func appendEntity(dst, b []byte) ([]byte, int, error) {
	semi := bytes.IndexByte(b, ';')
	if semi < 0 {
		return dst, 0, errEntity
	}
	name := b[1:semi]
	if len(name) > 1 && name[0] == '#' {
		digits, base := name[1:], 10
		if digits[0] == 'x' {
			digits, base = digits[1:], 16
		}
		if len(digits) == 0 {
			return dst, 0, errEntity
		}
		var n uint64
		for _, c := range digits {
			var d byte
			switch {
			case '0' <= c && c <= '9':
				d = c - '0'
			case base == 16 && 'a' <= c && c <= 'f':
				d = c - 'a' + 10
			case base == 16 && 'A' <= c && c <= 'F':
				d = c - 'A' + 10
			default:
				return dst, 0, errEntity
			}
			n = n*uint64(base) + uint64(d)
			if n > unicode.MaxRune {
				return dst, 0, errEntity
			}
		}
		r := rune(n)
		if 0xD800 <= r && r <= 0xDFFF {
			r = utf8.RuneError // what encoding/xml makes of a surrogate
		}
		if !inCharRange(r) {
			return dst, 0, errEntity
		}
		return utf8.AppendRune(dst, r), semi + 1, nil
	}
	switch string(name) {
	case "lt":
		dst = append(dst, '<')
	case "gt":
		dst = append(dst, '>')
	case "amp":
		dst = append(dst, '&')
	case "apos":
		dst = append(dst, '\'')
	case "quot":
		dst = append(dst, '"')
	default:
		return dst, 0, errEntity
	}
	return dst, semi + 1, nil
}

// inCharRange reports whether XML allows the character.
func inCharRange(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

// appendCDATA appends the contents of a CDATA section, with \r\n and \r turned into \n.
func appendCDATA(dst, raw []byte) []byte {
	for {
		i := bytes.IndexByte(raw, '\r')
		if i < 0 {
			return append(dst, raw...)
		}
		dst = append(dst, raw[:i]...)
		dst = append(dst, '\n')
		if i+1 < len(raw) && raw[i+1] == '\n' {
			i++
		}
		raw = raw[i+1:]
	}
}

// attrValue decodes an attribute's value into scratch when it holds entities or \r; otherwise
// it returns the raw value.
func attrValue(scratch, raw []byte) ([]byte, error) {
	for _, c := range raw {
		if c == '&' || c == '\r' {
			return appendText(scratch[:0], raw)
		}
	}
	return raw, nil
}

// decodeEscapes undoes the _xHHHH_ escapes of OOXML strings as excelize does: _x005F_ is a
// literal underscore, an escape of a UTF-16 surrogate decodes to nothing, and matches do not
// overlap.
func decodeEscapes(dst, s []byte) []byte {
	if indexByte(s, '_') < 0 {
		return append(dst, s...)
	}
	for {
		i := bytes.Index(s, []byte("_x"))
		for i >= 0 && !isEscape(s[i:]) {
			j := bytes.Index(s[i+1:], []byte("_x"))
			if j < 0 {
				i = -1
				break
			}
			i += 1 + j
		}
		if i < 0 {
			return append(dst, s...)
		}
		dst = append(dst, s[:i]...)
		var r rune
		for _, c := range s[i+2 : i+6] {
			r = r<<4 | rune(hexVal(c))
		}
		if r < 0xD800 || r > 0xDFFF {
			dst = utf8.AppendRune(dst, r)
		}
		s = s[i+7:]
	}
}

func isEscape(b []byte) bool {
	if len(b) < 7 || b[6] != '_' {
		return false
	}
	for _, c := range b[2:6] {
		if hexVal(c) < 0 {
			return false
		}
	}
	return true
}

func hexVal(c byte) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case 'a' <= c && c <= 'f':
		return int(c-'a') + 10
	case 'A' <= c && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}
