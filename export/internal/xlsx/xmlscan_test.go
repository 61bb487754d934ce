package xlsx

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"testing"
	"testing/iotest"
)

// xmlEvents renders a document's elements and text as encoding/xml reads it: start tags with
// their attributes' local names and values, end tags, and the text between tags joined.
func xmlEvents(data []byte) (string, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	var b strings.Builder
	var text []byte
	flush := func() {
		if len(text) > 0 {
			fmt.Fprintf(&b, "text %q\n", text)
			text = text[:0]
		}
	}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			flush()
			return b.String(), nil
		}
		if err != nil {
			return "", err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			flush()
			fmt.Fprintf(&b, "start %s", t.Name.Local)
			for _, a := range t.Attr {
				fmt.Fprintf(&b, " %s=%q", a.Name.Local, a.Value)
			}
			b.WriteString("\n")
		case xml.EndElement:
			flush()
			fmt.Fprintf(&b, "end %s\n", t.Name.Local)
		case xml.CharData:
			text = append(text, t...)
		}
	}
}

// scanEvents renders the same from our scanner.
func scanEvents(sc *xmlScanner) (string, error) {
	var b strings.Builder
	var text []byte
	flush := func() {
		if len(text) > 0 {
			fmt.Fprintf(&b, "text %q\n", text)
			text = text[:0]
		}
	}
	for {
		switch sc.next() {
		case tokEOF:
			if sc.err != nil {
				return "", sc.err
			}
			flush()
			return b.String(), nil
		case tokStart:
			flush()
			fmt.Fprintf(&b, "start %s", sc.name())
			for _, a := range sc.attrs {
				local, raw := sc.attr(a)
				v, err := attrValue(nil, raw)
				if err != nil {
					return "", err
				}
				fmt.Fprintf(&b, " %s=%q", local, v)
			}
			b.WriteString("\n")
		case tokEnd:
			flush()
			fmt.Fprintf(&b, "end %s\n", sc.name())
		case tokText:
			var err error
			if text, err = appendText(text, sc.chars()); err != nil {
				return "", err
			}
		case tokCDATA:
			text = appendCDATA(text, sc.chars())
		}
	}
}

// scanners returns our scanner over data in the ways it reads: a window that must grow and
// refill a byte at a time, the pipe's chunks, and the usual window.
func scanners(data []byte) map[string]func() *xmlScanner {
	return map[string]func() *xmlScanner{
		"one byte at a time": func() *xmlScanner {
			return newXMLScanner(iotest.OneByteReader(bytes.NewReader(data)), 8)
		},
		"pipe": func() *xmlScanner {
			return &xmlScanner{pipe: startInflate(bytes.NewReader(data), 7, 2)}
		},
		"window": func() *xmlScanner { return newXMLScanner(bytes.NewReader(data), 4096) },
	}
}

var scannerSeeds = []string{
	`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<worksheet xmlns="urn:m" xmlns:r="urn:r"><sheetData><row r="1" spans="1:3"><c r="A1" t="s"><v>0</v></c><c r='B1' r:id="x"><v>1.5</v></c></row></sheetData></worksheet>`,
	`<a>x&lt;&gt;&amp;&quot;&apos;&#65;&#x42;&#xe9;&#128512;&#xD800;y</a>`,
	"<a b=\"1&amp;2&#10;\r\n\">cr\r\nlf\rx<![CDATA[c\r\nd]]>e</a>",
	`<!DOCTYPE a [<!ENTITY x "y"> <!-- c --> <!ELEMENT a ANY>]><a><!-- comment --><?pi data?>t<b/><c  x = 'q' ></c ></a>`,
	`<x:a xmlns:x="urn:x"><x:b x:c="d"/><:e/><f:/></x:a>`,
	`<a>` + strings.Repeat("long text ", 100) + `</a>`,
}

// FuzzXMLScanner: wherever encoding/xml reads a document without error, the scanner reads
// the same elements, attributes and text, however its input arrives; and it never panics.
func FuzzXMLScanner(f *testing.F) {
	for _, s := range scannerSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		want, err := xmlEvents(data)
		for how, open := range scanners(data) {
			sc := open()
			got, gotErr := scanEvents(sc)
			if sc.pipe != nil {
				sc.pipe.close()
			}
			if err == nil && (gotErr != nil || got != want) {
				t.Fatalf("%s: got\n%s(error %v)\nwant\n%s", how, got, gotErr, want)
			}
		}
	})
}

func TestXMLScanner(t *testing.T) {
	for _, s := range scannerSeeds {
		want, err := xmlEvents([]byte(s))
		if err != nil {
			t.Fatalf("%q: %v", s, err)
		}
		for how, open := range scanners([]byte(s)) {
			sc := open()
			got, err := scanEvents(sc)
			if sc.pipe != nil {
				sc.pipe.close()
			}
			if err != nil || got != want {
				t.Errorf("%s: %q: got\n%s(error %v)\nwant\n%s", how, s, got, err, want)
			}
		}
	}
}

func TestXMLScannerDamage(t *testing.T) {
	for _, tt := range []struct{ xml, want string }{
		{`<a><b></a>`, `<b> is closed by the end of another element`},
		{`<row><c></row>`, `<c> is closed by </row>`},
		{`<a></a></b>`, `an end tag </b> with no element open`},
		{`<a>`, `the XML ends inside an element`},
		{`<row>`, `the XML ends inside <row>`},
		{`<a b="1></a>`, `the XML ends inside a tag`},
		{`<a b></a>`, `attribute b of an element has no value`},
		{`<a b=1></a>`, `attribute b of an element has no quoted value`},
		{`<a>< b</a>`, `a stray < in the text`},
		{`<a/ >`, `a damaged tag`},
		{`<a></a >x</ a>`, `a damaged end tag`},
		{`<!-x-><a/>`, `<!- that does not begin a comment`},
		{`<a><![CDAT[x]]></a>`, `<![ that does not begin a CDATA section`},
		{`<?xml version="1.0" encoding="UTF-16"?><a/>`, `the XML is in the UTF-16 encoding; hubinvoice reads UTF-8`},
	} {
		sc := newXMLScanner(strings.NewReader(tt.xml), 64)
		_, err := scanEvents(sc)
		if err == nil || err.Error() != tt.want {
			t.Errorf("%q: got error %v, want %q", tt.xml, err, tt.want)
		}
	}
}

func TestAppendText(t *testing.T) {
	for _, tt := range []struct{ raw, want, err string }{
		{"plain", "plain", ""},
		{"a&amp;b&lt;&gt;&quot;&apos;", `a&b<>"'`, ""},
		{"&#0065;&#x41;&#x1F600;", "AA😀", ""},
		{"&#xD800;", "\uFFFD", ""}, // as encoding/xml
		{"a\r\nb\rc\n\r\r\n", "a\nb\nc\n\n\n", ""},
		{"&#13;\n", "\r\n", ""},
		{"&#0;", "", "a damaged character entity"},
		{"&#x110000;", "", "a damaged character entity"},
		{"&#xFFFE;", "", "a damaged character entity"},
		{"&nbsp;", "", "a damaged character entity"},
		{"&amp", "", "a damaged character entity"},
		{"&#;", "", "a damaged character entity"},
		{"&#x;", "", "a damaged character entity"},
		{"&#12a;", "", "a damaged character entity"},
	} {
		got, err := appendText(nil, []byte(tt.raw))
		if fmt.Sprint(err) != tt.err && !(err == nil && tt.err == "") || (tt.err == "" && string(got) != tt.want) {
			t.Errorf("appendText(%q) = %q, %v; want %q, %q", tt.raw, got, err, tt.want, tt.err)
		}
	}
}

func TestDecodeEscapes(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"no escapes", "no escapes"},
		{"_x0041_", "A"},
		{"_x005F_x0041_", "_x0041_"},
		{"_x005f_", "_"},
		{"_x00e9__x00E9_", "éé"},
		{"a_xD800_b_xDFFF_c", "abc"},
		{"_x004_ _x0041 _xZZZZ_ _X0041_", "_x004_ _x0041 _xZZZZ_ _X0041_"},
		{"__x0041_", "_A"},
		{"_x0041_x0042_", "Ax0042_"},
		{"_x0000_", "\x00"},
	} {
		if got := string(decodeEscapes(nil, []byte(tt.in))); got != tt.want {
			t.Errorf("decodeEscapes(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
