package invoice

import (
	"math"
	"strconv"
)

// cell writes a one-line cell of text s, already in the document's codes, at (x, y): the text that fpdf's
// CellFormat(w, h, s, "", 0, align, false, 0, "") writes, at the same place, in the text
// colour, but formatted without fmt and gathered with the other operators of the page
// (flush) rather than handed to fpdf one by one, since an invoice has a few hundred cells,
// and smaller: the colour is set only when it changes, not saved and restored around each
// text. align is "L" or "R".
func (r *pdfRenderer) cell(x, y, w, h float64, s, align string) {
	r.pdf.SetXY(x, y)
	if s == "" {
		return
	}
	size := r.pen.size / r.k // in millimetres, as fpdf's GetFontSize gives it
	dx := r.cellM
	if align == "R" {
		dx = w - dx - float64(r.enc.advance(r.pen.bold, s))*size/1000
	}
	b := r.ops
	if p := &r.pen; !p.fillSet || p.fill != p.text {
		b = appendColor(b, p.text, false)
		b = append(b, ' ')
		p.fillSet, p.fill = true, p.text
	}
	b = append(b, "BT "...)
	b = appendCoord(b, (x+dx)*r.k, ' ')
	b = appendCoord(b, (r.pageH-(y+.5*h+.3*size))*r.k, ' ')
	b = append(b, "Td ("...)
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '\\' || c == '(' || c == ')' {
			b = append(b, '\\')
		}
		b = append(b, s[i])
	}
	r.ops = append(b, ")Tj ET\n"...)
}

// appendCoord appends v with two decimals, as fpdf writes a coordinate (strconv's 'f', 2,
// which rounds v's exact value), and then sep. A page's coordinates are written from
// hundredths as an integer, some four times faster than by strconv; only a v whose
// hundredths are within a hair of a half, where the product v*100 may have rounded across
// it, is left to strconv.
func appendCoord(b []byte, v float64, sep byte) []byte {
	q := v * 100
	n := math.Round(q)
	if !(q > -1e9 && q < 1e9) || math.Abs(math.Abs(n-q)-0.5) < 1e-6 || (n == 0 && math.Signbit(v)) {
		return append(strconv.AppendFloat(b, v, 'f', 2, 64), sep)
	}
	i := int64(n)
	if i < 0 {
		b = append(b, '-')
		i = -i
	}
	b = strconv.AppendInt(b, i/100, 10)
	return append(b, '.', byte('0'+i/10%10), byte('0'+i%10), sep)
}

// appendColor appends the PDF operator that sets c as the colour of filling, and so of text,
// or with stroke of lines, as fpdf writes it: a grey level when c is grey.
func appendColor(b []byte, c rgb, stroke bool) []byte {
	comp := func(v int) float64 { return float64(min(max(v, 0), 255)) / 255 }
	grey, rgb := " g", " rg"
	if stroke {
		grey, rgb = " G", " RG"
	}
	if c.r == c.g && c.g == c.b {
		b = strconv.AppendFloat(b, comp(c.r), 'f', 3, 64)
		return append(b, grey...)
	}
	b = strconv.AppendFloat(b, comp(c.r), 'f', 3, 64)
	b = append(b, ' ')
	b = strconv.AppendFloat(b, comp(c.g), 'f', 3, 64)
	b = append(b, ' ')
	b = strconv.AppendFloat(b, comp(c.b), 'f', 3, 64)
	return append(b, rgb...)
}
