package invoice

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// creditCases are the documents a register makes besides invoices: a credit note in each
// language, and a draft.
var creditCases = []struct {
	name string
	inv  func() *Invoice
}{
	{"en-credit-note", func() *Invoice {
		return demoInvoice().CreditNote("CN-2024-0001", time.Date(2024, 4, 15, 0, 0, 0, 0, time.UTC), "The sessions were billed to the wrong sponsor.")
	}},
	{"is-credit-note", func() *Invoice {
		return icelandicInvoice().CreditNote("CN-2024-0002", time.Date(2024, 4, 15, 0, 0, 0, 0, time.UTC), "")
	}},
	{"en-draft", func() *Invoice {
		inv := demoInvoice()
		inv.Number, inv.Draft = "", true
		return inv
	}},
}

func TestWritePDFCreditAndDraftGolden(t *testing.T) {
	for _, tc := range creditCases {
		t.Run(tc.name, func(t *testing.T) {
			pdf := render(t, tc.inv())
			if *pdfDir != "" {
				if err := os.WriteFile(filepath.Join(*pdfDir, tc.name+".pdf"), pdf, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			text := pdfText(t, pdf)
			checkGolden(t, filepath.Join("testdata", tc.name+".golden.txt"), text, "the text of the PDF")
		})
	}
}

// What a reader checks on a credit note and a draft, in words: the title, the reference to
// the invoice, negative amounts, no payment date; a draft says so and has no number.
func TestWritePDFCreditAndDraft(t *testing.T) {
	cases := []struct {
		name      string
		inv       *Invoice
		want, not []string
	}{
		{"credit en", creditCases[0].inv(), []string{"Credit note", "Credit note number", "CN-2024-0001", "Credits invoice", "2024-03-TG", "Invoice issued", "2 April 2024", "15 April 2024", "-ISK 18,500", "Total -ISK 147,000", "Reason: The sessions were billed to the wrong sponsor.", "Credit note CN-2024-0001 ·"}, []string{"Payment date", "DRAFT"}},
		{"credit is", creditCases[1].inv(), []string{"Kreditreikningur", "CN-2024-0002", "Bakfærir reikning", "2024-03-TG", "Dags. reiknings", "-18.500 kr."}, []string{"Greiðsludagur", "Ástæða"}},
		{"draft", creditCases[2].inv(), []string{"Invoice", "DRAFT: a preview, not an invoice", "Invoice number", "Invoice DRAFT ·"}, []string{"Credit"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			pdf := render(t, tc.inv)
			text := strings.Join(strings.Fields(pdfText(t, pdf)), " ")
			for _, w := range tc.want {
				if !strings.Contains(text, strings.Join(strings.Fields(w), " ")) {
					t.Errorf("the PDF lacks %q:\n%s", w, text)
				}
			}
			for _, n := range tc.not {
				if strings.Contains(text, n) {
					t.Errorf("the PDF has %q", n)
				}
			}
		})
	}
}

func TestCreditNote(t *testing.T) {
	inv := mixedInvoice()
	inv.Professionals = ProfessionalTotals(inv.Lines)
	cn := inv.CreditNote("CN-1", time.Date(2024, 5, 2, 13, 0, 0, 0, time.UTC), "why")
	if cn.Kind != KindCredit || cn.Credits.Number != inv.Number || !cn.Credits.Issued.Equal(inv.Issued) || cn.Number != "CN-1" || cn.Issued.Hour() != 0 {
		t.Errorf("credit note %+v", cn)
	}
	for i := range inv.Lines {
		if !cn.Lines[i].Amount.Equal(inv.Lines[i].Amount.Neg()) {
			t.Errorf("line %d: %s, want %s", i, cn.Lines[i].Amount, inv.Lines[i].Amount.Neg())
		}
	}
	for i := range inv.Totals {
		if !cn.Totals[i].Amount.Equal(inv.Totals[i].Amount.Neg()) || !cn.Sponsors[i].Amount.Equal(inv.Sponsors[i].Amount.Neg()) || !cn.Professionals[i].Amount.Equal(inv.Professionals[i].Amount.Neg()) {
			t.Errorf("subtotal %d not negated", i)
		}
	}
	if inv.Kind != "" || inv.Lines[0].Amount.IsNegative() {
		t.Error("CreditNote changed the invoice it credits")
	}
	if err := checkRenderable(cn); err != nil {
		t.Errorf("a credit note is not renderable: %v", err)
	}
}

func TestWithLines(t *testing.T) {
	inv := mixedInvoice()
	part := inv.WithLines(inv.Lines[:1])
	if part.Sessions() != 1 || len(part.Totals) != 1 || !part.Totals[0].Amount.Equal(inv.Lines[0].Amount) || part.Sponsors != nil {
		t.Errorf("WithLines(first): %d sessions, totals %v, sponsors %v", part.Sessions(), part.Totals, part.Sponsors)
	}
	if inv.Sessions() == 1 || part.Number != inv.Number {
		t.Error("WithLines changed the invoice, or lost its header")
	}
	if err := checkRenderable(part); err != nil {
		t.Error(err)
	}
}
