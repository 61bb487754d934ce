package invoice

import "strconv"

// cell writes a one-line cell of text s, already in cp1252, at (x, y): the text that fpdf's
// CellFormat(w, h, s, "", 0, align, false, 0, "") writes, at the same place, in the text
// colour, but formatted without fmt and with one allocation, since an invoice has a few
// hundred cells, and smaller: the colour is set only when it changes, not saved and restored
// around each text. align is "L" or "R".
func (r *pdfRenderer) cell(x, y, w, h float64, s, align string) {
	pdf := r.pdf
	pdf.SetXY(x, y)
	if s == "" {
		return
	}
	f := &r.win.regular
	if r.pen.bold {
		f = &r.win.bold
	}
	_, size := pdf.GetFontSize()
	k := pdf.GetConversionRatio()
	_, pageH := pdf.GetPageSize()
	dx := pdf.GetCellMargin()
	if align == "R" {
		dx = w - dx - float64(f.advance(s))*size/1000
	}
	b := r.buf[:0]
	color := r.pen.textOp
	if color == "" {
		color = "0 g" // fpdf's text colour until one is set
	}
	if r.pen.fillOp != color {
		b = append(b, color...)
		b = append(b, ' ')
		r.pen.fillOp = color
	}
	b = append(b, "BT "...)
	b = strconv.AppendFloat(b, (x+dx)*k, 'f', 2, 64)
	b = append(b, ' ')
	b = strconv.AppendFloat(b, (pageH-(y+.5*h+.3*size))*k, 'f', 2, 64)
	b = append(b, " Td ("...)
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '\\' || c == '(' || c == ')' {
			b = append(b, '\\')
		}
		b = append(b, s[i])
	}
	b = append(b, ")Tj ET"...)
	r.buf = b
	pdf.RawWriteStr(string(b))
}

// advance returns the advance of s, in cp1252, in thousandths of the font size.
func (f *winFont) advance(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n += f.widths[s[i]]
	}
	return n
}

// appendColor appends the PDF operator that sets c as the colour of filling, and so of text,
// as fpdf writes it: a grey level when c is grey.
func appendColor(b []byte, c rgb) []byte {
	comp := func(v int) float64 { return float64(min(max(v, 0), 255)) / 255 }
	if c.r == c.g && c.g == c.b {
		b = strconv.AppendFloat(b, comp(c.r), 'f', 3, 64)
		return append(b, " g"...)
	}
	b = strconv.AppendFloat(b, comp(c.r), 'f', 3, 64)
	b = append(b, ' ')
	b = strconv.AppendFloat(b, comp(c.g), 'f', 3, 64)
	b = append(b, ' ')
	b = strconv.AppendFloat(b, comp(c.b), 'f', 3, 64)
	return append(b, " rg"...)
}
