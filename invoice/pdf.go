package invoice

import (
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"codeberg.org/go-pdf/fpdf"
	"github.com/shopspring/decimal"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
)

// The fonts are embedded in the binary. Go Regular and Go Bold cover WGL4, which holds every
// Icelandic letter and the € and £ signs. font.go makes the two forms they take in a PDF.
var (
	fontRegular = goregular.TTF
	fontBold    = gobold.TTF
)

// Page geometry, in millimetres on A4 portrait.
const (
	pageW, pageH  = 210.0, 297.0
	marginX       = 18.0
	marginTop     = 18.0
	contentW      = pageW - 2*marginX
	footerRuleY   = pageH - 15.0
	contentBottom = footerRuleY - 4 // below it only the footer

	fontFamily = "go"

	// Texts of the layout that are not labels.
	timeLayout = "15:04" // the time of a session
	footerSep  = " · "   // between the invoice and its sender in the footer
)

// The table's columns: date, time, service, sponsor, amount.
const (
	colDate    = 28.0
	colTime    = 14.0
	colSponsor = 42.0
	colAmount  = 34.0
	colService = contentW - colDate - colTime - colSponsor - colAmount
)

// Vertical rhythm of the table.
const (
	lineH = 4.4 // one line of 9 pt text
	rowV  = 1.6 // padding above and below a row's text
)

type rgb struct{ r, g, b int }

var (
	colorText   = rgb{33, 37, 41}
	colorMuted  = rgb{108, 117, 125}
	colorAccent = rgb{28, 55, 90}
	colorRule   = rgb{210, 215, 222}
	colorFill   = rgb{240, 243, 247}
	colorCancel = rgb{170, 68, 0}
)

// WritePDF renders the invoice as an A4 PDF in its language and writes it to w.
//
// The output depends on nothing but inv: the same invoice gives the same bytes (the PDF's
// dates are the issue date). The PDF holds what the invoice model holds, which is no client
// data; its metadata names the invoice and the professional only.
//
// Its text is in simple fonts encoded in cp1252, each subset to the glyphs the document
// writes, made once for all the documents that write the same letters; a letter outside
// cp1252 (Łódź, Ελλάδα) takes a code the document leaves free (font.go). Only an invoice
// with more such letters than free codes, or one the fonts lack, is written in fpdf's UTF-8
// fonts, which costs some 10 ms instead of well under one. WritePDF is safe for concurrent
// use.
func WritePDF(w io.Writer, inv *Invoice) error {
	l, err := labelsFor(inv.Language)
	if err != nil {
		return err
	}
	if err := checkRenderable(inv); err != nil {
		return err
	}

	win, err := cp1252Fonts()
	if err != nil {
		return fmt.Errorf("rendering invoice %s: %w", inv.Number, err)
	}
	var pdf *fpdf.Fpdf
	if codes, extra, ok := win.documentCodes(inv, l); ok {
		for pdf == nil {
			enc, ok := win.encoding(&codes, extra)
			if !ok {
				break
			}
			var missing codeSet
			if pdf, missing, ok = renderPDF(inv, l, enc); !ok {
				pdf = nil
				break
			}
			if !missing.empty() {
				// A text the reading of the invoice missed: again, with its glyphs.
				codes.addAll(&missing)
				pdf = nil
			}
		}
	}
	if pdf == nil {
		// The fonts cannot write a letter in the codes a document leaves free: the whole
		// document takes the UTF-8 fonts.
		pdf, _, _ = renderPDF(inv, l, nil)
	}
	if err := pdf.Error(); err != nil {
		return fmt.Errorf("rendering invoice %s: %w", inv.Number, err)
	}
	return pdf.Output(w)
}

// PrepareFonts makes ready what the first PDF of a process would otherwise make first: the
// fonts' pieces (some 0.5 ms) and the codes of the labels. A command that reads an export
// before it renders calls it on a goroutine of its own, so that this work overlaps the
// reading instead of adding to it. It changes no PDF.
func PrepareFonts() {
	win, err := cp1252Fonts()
	if err != nil {
		return // WritePDF reports it
	}
	for _, lang := range Languages {
		if l, err := labelsFor(lang); err == nil {
			win.labelCodes(l)
		}
	}
}

// renderPDF lays out the invoice on a new document in the simple fonts with the encoding
// enc, or with enc nil in the UTF-8 fonts. With enc it reports false, and the document is
// not to be used, when a text of the invoice has a rune that enc cannot write; it returns
// the cp1252 codes it wrote that the fonts do not hold, and then the document lacks their
// glyphs.
func renderPDF(inv *Invoice, l *pdfLabels, enc *docEnc) (*fpdf.Fpdf, codeSet, bool) {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCreationDate(inv.Issued)
	pdf.SetModificationDate(inv.Issued)
	pdf.SetCatalogSort(true)
	// fpdf compresses each page with a new zlib writer, a megabyte to allocate and clear:
	// that cost more than the rest of the rendering, for a page of some 10 KB.
	pdf.SetCompression(false)
	pdf.SetTitle(l.name(inv), true)
	pdf.SetAuthor(inv.From.Name, true)
	pdf.SetCreator("hubinvoice", true)
	pdf.SetLang(pdfLang(inv.Language))
	pdf.SetMargins(marginX, marginTop, marginX)
	pdf.SetAutoPageBreak(false, 0) // pages break where render decides, so that blocks stay whole
	if enc != nil {
		fonts := enc.fonts()
		pdf.AddFontFromBytes(fontFamily, "", fonts.regularDef, fonts.regularZ)
		pdf.AddFontFromBytes(fontFamily, "B", fonts.boldDef, fonts.boldZ)
	} else {
		pdf.AddUTF8FontFromBytes(fontFamily, "", fontRegular)
		pdf.AddUTF8FontFromBytes(fontFamily, "B", fontBold)
	}
	pdf.SetLineWidth(0.2)

	r := &pdfRenderer{pdf: pdf, inv: inv, l: l, enc: enc, k: pdf.GetConversionRatio(),
		cellM: pdf.GetCellMargin()}
	_, r.pageH = pdf.GetPageSize()
	r.ops = make([]byte, 0, 4096)
	r.render()
	r.flush()
	return pdf, r.missing, !r.unwritable
}

// pdfLang returns the PDF's /Lang for the invoice's language.
func pdfLang(lang string) string {
	if lang == "" {
		return "en"
	}
	return lang
}

// checkRenderable refuses an invoice whose PDF would mislead: no sessions, no issue date (the
// PDF would carry the time of rendering), or totals that are not the sum of the lines.
func checkRenderable(inv *Invoice) error {
	var errs []error
	if inv.Issued.IsZero() {
		errs = append(errs, errors.New("invoice has no issue date"))
	}
	if len(inv.Lines) == 0 {
		errs = append(errs, errors.New("invoice has no sessions"))
	}
	sums := map[string]decimal.Decimal{}
	for _, ln := range inv.Lines {
		sums[ln.Currency] = sums[ln.Currency].Add(ln.Amount)
	}
	seen := map[string]bool{}
	for _, t := range inv.Totals {
		seen[t.Currency] = true
		if sum := sums[t.Currency]; !sum.Equal(t.Amount) {
			errs = append(errs, fmt.Errorf("invoice total %s %s is not the sum of its lines, %s",
				t.Currency, t.Amount, sum))
		}
	}
	for _, ln := range inv.Lines {
		if !seen[ln.Currency] {
			errs = append(errs, fmt.Errorf("invoice has lines in %q but no total for it", ln.Currency))
			seen[ln.Currency] = true
		}
	}
	return errors.Join(errs...)
}

// pdfRenderer lays out one invoice on an fpdf document.
type pdfRenderer struct {
	pdf *fpdf.Fpdf
	inv *Invoice
	l   *pdfLabels

	enc        *docEnc // how texts are written in the simple fonts, or nil for the UTF-8 ones
	unwritable bool    // with enc: a text had a rune that enc cannot write
	missing    codeSet // with enc: the cp1252 codes written whose glyphs the fonts lack

	pen   pen
	ops   []byte  // operators written and not yet handed to fpdf (flush)
	k     float64 // points per millimetre
	pageH float64 // the page's height as fpdf has it, in millimetres
	cellM float64 // fpdf's margin inside a cell, in millimetres
}

// pen is what the document has been told of the font and colours. fpdf writes a font into
// the page each time it is set, so the renderer sets only what changes.
type pen struct {
	fontSet, textSet, drawSet bool
	bold                      bool
	size                      float64
	text, draw                rgb
	fillSet                   bool // in cp1252: whether the page's fill colour, and so text colour, is known
	fill                      rgb  // and if so, which
}

// forget returns the pen of a page that has been told nothing yet: fpdf keeps the text
// colour from page to page (it writes it with each text), but not the font and line colour
// written into another page.
func (p pen) forget() pen {
	return pen{textSet: p.textSet, text: p.text}
}

func (r *pdfRenderer) render() {
	r.addPage()
	for _, part := range []func(){r.header, r.parties, r.table, r.professionalSubtotals,
		r.sponsorSubtotals, r.totals, r.bankAndNote, r.footers} {
		if r.unwritable {
			return // the document is to be made again in the UTF-8 fonts
		}
		part()
	}
}

// font selects the font, its size in points and the text colour.
func (r *pdfRenderer) font(bold bool, size float64, c rgb) {
	if p := &r.pen; !p.fontSet || p.bold != bold || p.size != size {
		style := ""
		if bold {
			style = "B"
		}
		r.flush()
		r.pdf.SetFont(fontFamily, style, size)
		p.fontSet, p.bold, p.size = true, bold, size
	}
	if p := &r.pen; !p.textSet || p.text != c {
		if r.enc == nil {
			r.flush()
			r.pdf.SetTextColor(c.r, c.g, c.b) // for CellFormat
		}
		p.textSet, p.text = true, c
	}
}

// drawColor sets the colour of lines.
func (r *pdfRenderer) drawColor(c rgb) {
	if p := &r.pen; !p.drawSet || p.draw != c {
		r.ops = appendColor(r.ops, c, true)
		r.ops = append(r.ops, '\n')
		p.drawSet, p.draw = true, c
	}
}

// rule draws a horizontal line across width w from x at height y.
func (r *pdfRenderer) rule(x, y, w float64, c rgb) {
	r.drawColor(c)
	r.line(x, y, x+w, y)
}

// line draws a line from (x1, y1) to (x2, y2) in the current colour and width, as fpdf's
// Line writes it.
func (r *pdfRenderer) line(x1, y1, x2, y2 float64) {
	b := appendCoord(r.ops, x1*r.k, ' ')
	b = appendCoord(b, (r.pageH-y1)*r.k, ' ')
	b = append(b, "m "...)
	b = appendCoord(b, x2*r.k, ' ')
	b = appendCoord(b, (r.pageH-y2)*r.k, ' ')
	r.ops = append(b, "l S\n"...)
}

// lineWidth sets the width of lines, in millimetres.
func (r *pdfRenderer) lineWidth(w float64) {
	r.flush()
	r.pdf.SetLineWidth(w)
}

// flush hands fpdf the operators the renderer has written since the last flush, before fpdf
// writes any of its own into the page, or the page is left.
func (r *pdfRenderer) flush() {
	if n := len(r.ops); n > 0 {
		r.pdf.RawWriteStr(string(r.ops[:n-1])) // which ends it with a newline
		r.ops = r.ops[:0]
	}
}

// addPage starts a new page, at the top margin.
func (r *pdfRenderer) addPage() {
	r.flush()
	r.pdf.AddPage()
	r.pen = r.pen.forget()
}

// setPage goes back to page n, to write more on it.
func (r *pdfRenderer) setPage(n int) {
	r.flush()
	r.pdf.SetPage(n)
	r.pen = r.pen.forget()
}

// fits reports whether a block of height h fits on the current page below the cursor.
func (r *pdfRenderer) fits(h float64) bool { return r.pdf.GetY()+h <= contentBottom }

// keep starts a new page unless a block of height h fits below the cursor.
func (r *pdfRenderer) keep(h float64) {
	if !r.fits(h) {
		r.addPage()
		r.pdf.SetY(marginTop)
	}
}

// text writes a one-line cell at (x, y).
func (r *pdfRenderer) text(x, y, w, h float64, s, align string) {
	if r.unwritable {
		return
	}
	if r.enc == nil {
		r.flush()
		r.pdf.SetXY(x, y)
		r.pdf.CellFormat(w, h, s, "", 0, align, false, 0, "")
		return
	}
	s, ok := r.enc.encode(s, &r.missing)
	if !ok {
		r.unwritable = true
		return
	}
	r.cell(x, y, w, h, s, align)
}

// wrap splits s into the lines that fit a cell of width w in the current font; never none.
func (r *pdfRenderer) wrap(s string, w float64) []string {
	var lines []string
	for para := range strings.SplitSeq(s, "\n") {
		split := r.split(para, w)
		if len(split) == 0 {
			split = []string{""}
		}
		if lines == nil {
			lines = split
		} else {
			lines = append(lines, split...)
		}
	}
	return lines
}

// split splits one paragraph into the lines that fit a cell of width w in the current font.
func (r *pdfRenderer) split(s string, w float64) []string {
	if r.enc == nil {
		return r.pdf.SplitText(s, w)
	}
	_, size := r.pdf.GetFontSize()
	wmax := int(math.Ceil((w - 2*r.cellM) * 1000 / size)) // as fpdf's SplitText
	lines, ok := r.enc.splitText(r.pen.bold, s, wmax)
	if !ok {
		r.unwritable = true
	}
	return lines
}

// header writes the title on the left and the invoice's number and dates on the right.
func (r *pdfRenderer) header() {
	inv, l := r.inv, r.l
	r.font(true, 26, colorAccent)
	r.text(marginX, marginTop, 90, 11, l.title(inv), "L")
	titleH := 12.0
	if inv.Draft {
		r.font(true, 12, colorCancel)
		r.text(marginX, marginTop+12, 90, 6, l.DraftMark, "L")
		titleH += 7
	}

	rows := l.headerRows(inv)
	const labelW, valueW = 34.0, 52.0
	x := marginX + contentW - labelW - valueW
	top := marginTop + 0.5
	// The labels, then the values: a font is written into the page each time it changes.
	r.font(false, 9, colorMuted)
	for i, row := range rows {
		r.text(x, top+5*float64(i), labelW, 5, row[0], "L")
	}
	r.font(true, 9, colorText)
	for i, row := range rows {
		r.text(x+labelW, top+5*float64(i), valueW, 5, row[1], "R")
	}
	y := max(top+5*float64(len(rows)), marginTop+titleH) + 5
	r.rule(marginX, y, contentW, colorRule)
	r.pdf.SetY(y + 6)
}

// parties writes who the invoice is from and who it is to, side by side.
func (r *pdfRenderer) parties() {
	const gap = 10.0
	w := (contentW - gap) / 2
	y := r.pdf.GetY()
	h1 := r.party(marginX, y, w, r.l.From, r.inv.From)
	h2 := r.party(marginX+w+gap, y, w, r.l.BillTo, r.inv.BillTo)
	r.pdf.SetY(y + max(h1, h2) + 8)
}

// party writes one party's block at (x, y) and returns its height.
func (r *pdfRenderer) party(x, y, w float64, heading string, p Party) float64 {
	const h = 4.6
	top := y
	r.font(true, 8, colorMuted)
	r.text(x, y, w, h, strings.ToUpper(heading), "L")
	y += h + 0.8
	r.font(true, 11, colorText)
	for _, s := range r.wrap(p.Name, w) {
		r.text(x, y, w, 5.4, s, "L")
		y += 5.4
	}
	r.font(false, 9, colorText)
	var lines []string
	lines = append(lines, p.Address...)
	if p.Email != "" {
		lines = append(lines, p.Email)
	}
	if p.TaxID != "" {
		lines = append(lines, r.l.TaxID+" "+p.TaxID)
	}
	for _, line := range lines {
		for _, s := range r.wrap(line, w) {
			r.text(x, y, w, h, s, "L")
			y += h
		}
	}
	return y - top
}

// tableHeader writes the header row of the sessions table.
func (r *pdfRenderer) tableHeader() {
	l := r.l
	y := r.pdf.GetY()
	const h = 7.0
	r.flush()
	r.pdf.SetFillColor(colorFill.r, colorFill.g, colorFill.b)
	r.pen.fillSet = false // the fill colour is now the rectangle's
	r.pdf.Rect(marginX, y, contentW, h, "F")
	r.font(true, 8.5, colorMuted)
	x := marginX
	for _, c := range []struct {
		w     float64
		s     string
		align string
	}{
		{colDate, l.Date, "L"}, {colTime, l.Time, "L"}, {colService, l.Service, "L"},
		{colSponsor, l.Sponsor, "L"}, {colAmount, l.Amount, "R"},
	} {
		r.text(x, y, c.w, h, c.s, c.align)
		x += c.w
	}
	r.pdf.SetY(y + h)
}

// table writes one row per session, repeating the header row on every page it runs onto, and
// under the last row the footnote that says why the table names no clients.
func (r *pdfRenderer) table() {
	inv, l := r.inv, r.l
	const footnoteH = 7.0
	r.font(false, 9, colorText)
	_, _, first := r.row(inv.Lines[0])
	r.keep(7 + first)
	r.tableHeader()
	grouped := len(inv.Professionals) > 0 // a clinic's invoice: lines grouped by professional
	for i, ln := range inv.Lines {
		r.font(false, 9, colorText)
		service, sponsor, h := r.row(ln)
		need := h
		if i == len(inv.Lines)-1 {
			need += footnoteH // the last row does not leave the footnote alone on a page
		}
		group := grouped && (i == 0 || inv.Lines[i-1].Professional != ln.Professional)
		if group {
			need += groupH // a professional's name stays with their first session
		}
		if !r.fits(need) {
			r.addPage()
			r.pdf.SetY(marginTop)
			r.tableHeader()
			r.font(false, 9, colorText)
		}
		if group {
			y := r.pdf.GetY()
			r.font(true, 9, colorAccent)
			r.text(marginX, y+rowV+0.6, contentW, lineH, ln.Professional, "L")
			r.rule(marginX, y+groupH, contentW, colorRule)
			r.pdf.SetY(y + groupH)
			r.font(false, 9, colorText)
		}
		y := r.pdf.GetY()
		ty := y + rowV
		x := marginX
		r.text(x, ty, colDate, lineH, l.shortDate(ln.Session), "L")
		x += colDate
		r.text(x, ty, colTime, lineH, ln.Session.Format(timeLayout), "L")
		x += colTime
		for i, s := range service {
			r.text(x, ty+float64(i)*lineH, colService, lineH, s, "L")
		}
		if ln.Cancelled {
			r.font(true, 8, colorCancel)
			r.text(x, ty+float64(len(service))*lineH, colService, lineH, l.Cancelled, "L")
			r.font(false, 9, colorText)
		}
		x += colService
		for i, s := range sponsor {
			r.text(x, ty+float64(i)*lineH, colSponsor, lineH, s, "L")
		}
		x += colSponsor
		r.text(x, ty, colAmount, lineH, FormatAmount(ln.Amount, ln.Currency, inv.Language), "R")
		r.rule(marginX, y+h, contentW, colorRule)
		r.pdf.SetY(y + h)
	}
	y := r.pdf.GetY() + 1.5
	r.font(false, 8, colorMuted)
	r.text(marginX, y, contentW, 4, l.Privacy, "L")
	r.pdf.SetY(y + footnoteH - 1.5)
}

// groupH is the height of the row that names a professional on a clinic's invoice.
const groupH = 7.0

// row lays out a session's row in the current font: the lines of its service and sponsor,
// and its height, that of its tallest cell and the padding.
func (r *pdfRenderer) row(ln Line) (service, sponsor []string, h float64) {
	service = r.wrap(ln.Service, colService)
	sponsor = r.wrap(ln.Sponsor, colSponsor)
	n := len(service)
	if ln.Cancelled {
		n++
	}
	n = max(n, len(sponsor))
	return service, sponsor, float64(n)*lineH + 2*rowV
}

// subtotal is one row of a subtotals block: a name, its sessions and amount in one currency.
type subtotal struct {
	name     string
	sessions int
	amount   decimal.Decimal
	currency string
}

// sponsorSubtotals writes the sessions and amount per sponsor, when there are several.
func (r *pdfRenderer) sponsorSubtotals() {
	sponsors := map[string]bool{}
	rows := make([]subtotal, len(r.inv.Sponsors))
	for i, s := range r.inv.Sponsors {
		sponsors[s.Sponsor] = true
		name := s.Sponsor
		if strings.TrimSpace(name) == "" {
			name = r.l.NoSponsor
		}
		rows[i] = subtotal{name, s.Sessions, s.Amount, s.Currency}
	}
	if len(sponsors) < 2 {
		return
	}
	r.subtotals(r.l.BySponsor, rows)
}

// professionalSubtotals writes, on a clinic's invoice, the sessions and amount per
// professional.
func (r *pdfRenderer) professionalSubtotals() {
	if len(r.inv.Professionals) == 0 {
		return
	}
	rows := make([]subtotal, len(r.inv.Professionals))
	for i, p := range r.inv.Professionals {
		rows[i] = subtotal{p.Professional, p.Sessions, p.Amount, p.Currency}
	}
	r.subtotals(r.l.ByProfessional, rows)
}

// subtotals writes a block of subtotals under a heading, kept on one page.
func (r *pdfRenderer) subtotals(heading string, rows []subtotal) {
	inv, l := r.inv, r.l
	const h = 5.6
	const sessionsW = 24.0
	nameW := contentW - sessionsW - colAmount
	r.font(false, 9, colorText)
	height := 8 + h + 1
	for _, s := range rows {
		height += float64(len(r.wrap(s.name, nameW))) * h
	}
	r.pdf.SetY(r.pdf.GetY() + 4)
	r.keep(height)

	y := r.pdf.GetY()
	r.font(true, 8, colorMuted)
	r.text(marginX, y, nameW, h, strings.ToUpper(heading), "L")
	r.text(marginX+nameW, y, sessionsW, h, l.Sessions, "R")
	r.text(marginX+nameW+sessionsW, y, colAmount, h, l.Amount, "R")
	y += h + 0.5
	r.rule(marginX, y, contentW, colorRule)
	y += 0.5
	for _, s := range rows {
		r.font(false, 9, colorText)
		names := r.wrap(s.name, nameW)
		for i, name := range names {
			r.text(marginX, y+float64(i)*h, nameW, h, name, "L")
		}
		r.text(marginX+nameW, y, sessionsW, h, strconv.Itoa(s.sessions), "R")
		r.text(marginX+nameW+sessionsW, y, colAmount, h, FormatAmount(s.amount, s.currency, inv.Language), "R")
		y += float64(len(names)) * h
	}
	r.pdf.SetY(y)
}

// totals writes the number of sessions and the total in each currency under the amounts.
func (r *pdfRenderer) totals() {
	inv, l := r.inv, r.l
	const h = 6.4
	const labelW = 56.0
	x := marginX + contentW - colAmount - labelW
	height := h + 2 + float64(len(inv.Totals))*(h+1)
	r.pdf.SetY(r.pdf.GetY() + 6)
	r.keep(height)

	y := r.pdf.GetY()
	r.font(false, 9.5, colorMuted)
	r.text(x, y, labelW, h, l.NumSessions, "L")
	r.font(true, 9.5, colorText)
	r.text(x+labelW, y, colAmount, h, fmt.Sprint(inv.Sessions()), "R")
	y += h + 1
	r.drawColor(colorAccent)
	r.lineWidth(0.4)
	r.line(x+1, y, marginX+contentW, y)
	r.lineWidth(0.2)
	y += 1
	for _, t := range inv.Totals {
		label := l.Total
		if len(inv.Totals) > 1 {
			label += " " + t.Currency
		}
		r.font(true, 11, colorAccent)
		r.text(x, y, labelW, h+1, label, "L")
		r.text(x+labelW-20, y, colAmount+20, h+1, FormatAmount(t.Amount, t.Currency, inv.Language), "R")
		y += h + 1
	}
	r.pdf.SetY(y)
}

// bankAndNote writes the bank details on the left and the note on the right.
func (r *pdfRenderer) bankAndNote() {
	inv, l := r.inv, r.l
	b := inv.Bank
	var rows [][2]string
	for _, row := range [][2]string{
		{l.AccountHolder, b.AccountHolder},
		{l.Bank, b.BankName},
		{l.IBAN, FormatIBAN(b.IBAN)},
		{l.BIC, b.BIC},
		{l.AccountNumber, b.AccountNumber},
		{l.SortCode, b.SortCode},
	} {
		if row[1] != "" {
			rows = append(rows, row)
		}
	}
	const h = 5.0
	const gap = 10.0
	const labelW = 32.0
	w := (contentW - gap) / 2
	r.font(false, 9, colorText)
	text := l.note(inv)
	note := r.wrap(text, w)
	if text == "" {
		note = nil
	}
	if len(rows) == 0 && len(note) == 0 {
		return
	}
	height := 5.4 + float64(max(len(rows), len(note)))*h
	r.pdf.SetY(r.pdf.GetY() + 10)
	r.keep(height)

	y := r.pdf.GetY()
	if len(rows) > 0 {
		r.font(true, 8, colorMuted)
		r.text(marginX, y, w, 4.6, strings.ToUpper(l.BankDetails), "L")
		r.font(false, 9, colorMuted)
		for i, row := range rows {
			r.text(marginX, y+5.4+float64(i)*h, labelW, h, row[0], "L")
		}
		r.font(true, 9, colorText)
		for i, row := range rows {
			r.text(marginX+labelW, y+5.4+float64(i)*h, w-labelW, h, row[1], "L")
		}
	}
	if len(note) > 0 {
		x := marginX + w + gap
		r.font(true, 8, colorMuted)
		r.text(x, y, w, 4.6, strings.ToUpper(l.Note), "L")
		r.font(false, 9, colorText)
		yy := y + 5.4
		for _, s := range note {
			r.text(x, yy, w, h, s, "L")
			yy += h
		}
	}
	r.pdf.SetY(y + height)
}

// footers writes on every page, once the page count is known, the invoice it belongs to and
// "Page X of Y".
func (r *pdfRenderer) footers() {
	n := r.pdf.PageCount()
	for page := 1; page <= n; page++ {
		r.setPage(page)
		r.rule(marginX, footerRuleY, contentW, colorRule)
		r.font(false, 8, colorMuted)
		left := r.l.name(r.inv)
		if r.inv.From.Name != "" {
			left += footerSep + r.inv.From.Name
		}
		r.text(marginX, footerRuleY+1.5, contentW*2/3, 5, left, "L")
		r.text(marginX+contentW/3, footerRuleY+1.5, contentW*2/3, 5,
			fmt.Sprintf(r.l.Page, page, n), "R")
	}
}
