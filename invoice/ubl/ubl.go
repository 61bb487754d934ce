package ubl

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/hubinvoice/hubinvoice/invoice"
	"github.com/shopspring/decimal"
)

// The Peppol BIS Billing 3.0 identifiers every document carries.
const (
	CustomizationID = "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0"
	ProfileID       = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"
)

// Type codes (UNTDID 1001).
const (
	typeInvoice    = "380"
	typeCreditNote = "381"
)

// unitSession is the unit of an invoiced session: UN/ECE Rec 20 "one".
const unitSession = "C62"

// Write writes the invoice as a UBL document to w (see Marshal).
func Write(w io.Writer, inv *invoice.Invoice) error {
	b, err := Marshal(inv)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// Marshal returns the invoice as a UBL 2.1 Invoice, or a CreditNote when inv is one, under
// Peppol BIS Billing 3.0. It refuses a draft (which has no number), an invoice in more than
// one currency (a UBL document has one), an amount with more decimals than two, and parties
// that lack what the rules need (see Check), naming each problem.
func Marshal(inv *invoice.Invoice) ([]byte, error) {
	doc, err := build(inv)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return nil, fmt.Errorf("e-invoice %s: %w", inv.Number, err)
	}
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}

// words are the few texts the XML writes that the PDF does not, by language.
type words struct {
	exempt, outside, terms string
	session                string // an item's name when the export gives no service
}

var wordsByLang = map[string]words{
	"en": {exempt: "Exempt from VAT", outside: "Not subject to VAT", terms: "Payment as agreed with the buyer", session: "Session"},
	"is": {exempt: "Undanþegið virðisaukaskatti", outside: "Ekki virðisaukaskattsskylt", terms: "Greiðsla samkvæmt samkomulagi við kaupanda", session: "Tími"},
}

func build(inv *invoice.Invoice) (*document, error) {
	credit := inv.Kind == invoice.KindCredit
	name := "invoice " + inv.Number
	if credit {
		name = "credit note " + inv.Number
	}
	fail := func(format string, args ...any) error {
		return fmt.Errorf("e-invoice for %s: "+format, append([]any{name}, args...)...)
	}
	switch {
	case inv.Draft || inv.Number == "":
		return nil, fail("a draft has no number, and an e-invoice needs one")
	case len(inv.Totals) != 1:
		var cs []string
		for _, t := range inv.Totals {
			cs = append(cs, t.Currency)
		}
		if len(cs) == 0 {
			return nil, fail("it has no sessions")
		}
		return nil, fail("its sessions are in %s: a UBL document is in one currency", strings.Join(cs, " and "))
	case credit && inv.Credits == nil:
		return nil, fail("it does not say which invoice it credits")
	}
	cur := inv.Totals[0].Currency
	w, ok := wordsByLang[inv.Language]
	if !ok {
		w = wordsByLang["en"]
	}

	var errs []error
	seller, probs := resolve(inv.From)
	for _, p := range probs {
		errs = append(errs, fail("the seller's %s: %s", p.field, p.msg))
	}
	buyer, probs := resolve(inv.BillTo)
	for _, p := range probs {
		errs = append(errs, fail("the buyer's %s: %s", p.field, p.msg))
	}
	for _, p := range sellerProblems(inv.VAT, inv.Bank, seller, credit) {
		errs = append(errs, fail("the seller's %s: %s", p.field, p.msg))
	}
	// A credit note states positive what its model negates (see the package comment).
	sign := decimal.NewFromInt(1)
	if credit {
		sign = sign.Neg()
	}
	money := func(d decimal.Decimal) amount {
		return amount{Currency: cur, Value: invoice.PlainAmount(d.Mul(sign), cur)}
	}
	for i, l := range inv.Lines {
		if l.Currency != cur {
			errs = append(errs, fail("line %d is in %s, not %s", i+1, l.Currency, cur))
		}
		if -l.Amount.Exponent() > 2 && !l.Amount.Equal(l.Amount.Round(2)) {
			errs = append(errs, fail("line %d: %s has more than two decimals, which an e-invoice cannot give", i+1, l.Amount))
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}

	doc := &document{
		XmlnsCAC:         nsCAC,
		XmlnsCBC:         nsCBC,
		CustomizationID:  CustomizationID,
		ProfileID:        ProfileID,
		ID:               inv.Number,
		IssueDate:        day(inv.Issued),
		DocumentCurrency: cur,
		BuyerReference:   strings.TrimSpace(inv.BillTo.Reference),
		InvoicePeriod:    &period{StartDate: day(inv.Period.First()), EndDate: day(inv.Period.Last())},
	}
	if doc.BuyerReference == "" { // the number the buyer knows: a credit note's is the invoice's
		doc.BuyerReference = inv.Number
		if credit {
			doc.BuyerReference = inv.Credits.Number
		}
	}
	if credit {
		doc.XMLName = xml.Name{Local: "CreditNote"}
		doc.Xmlns = nsCreditNote
		doc.CreditNoteTypeCode = typeCreditNote
		doc.Note = strings.TrimSpace(inv.Reason)
		doc.BillingReference = &billingReference{Invoice: documentReference{ID: inv.Credits.Number}}
		if !inv.Credits.Issued.IsZero() {
			doc.BillingReference.Invoice.IssueDate = day(inv.Credits.Issued)
		}
	} else {
		doc.XMLName = xml.Name{Local: "Invoice"}
		doc.Xmlns = nsInvoice
		doc.InvoiceTypeCode = typeInvoice
		if !inv.PaymentDate.IsZero() {
			doc.DueDate = day(inv.PaymentDate)
		} else {
			doc.PaymentTerms = &note{Note: w.terms}
		}
		doc.PaymentMeans = payment(inv, seller)
	}
	doc.Supplier.Party = partyXML(inv.From, seller, true, inv.VAT)
	doc.Customer.Party = partyXML(inv.BillTo, buyer, false, inv.VAT)

	category := taxCategory{ID: "E", Percent: "0", ExemptionReason: strings.TrimSpace(inv.Note), TaxScheme: taxScheme{ID: "VAT"}}
	if category.ExemptionReason == "" {
		category.ExemptionReason = w.exempt
	}
	if inv.VAT == invoice.VATOutside {
		category = taxCategory{ID: "O", ExemptionReasonCode: "VATEX-EU-O", ExemptionReason: w.outside, TaxScheme: taxScheme{ID: "VAT"}}
	}
	lineCategory := taxCategory{ID: category.ID, Percent: category.Percent, TaxScheme: category.TaxScheme}
	zero := money(decimal.Zero)
	total := money(inv.Totals[0].Amount)
	doc.TaxTotal = taxTotal{TaxAmount: zero, Subtotal: taxSubtotal{TaxableAmount: total, TaxAmount: zero, Category: category}}
	doc.MonetaryTotal = legalMonetaryTotal{LineExtensionAmount: total, TaxExclusiveAmount: total, TaxInclusiveAmount: total, PayableAmount: total}

	lines := make([]line, len(inv.Lines))
	for i, l := range inv.Lines {
		qty := &quantity{UnitCode: unitSession, Value: "1"}
		unit := l.Amount.Mul(sign)
		if unit.IsNegative() {
			qty.Value, unit = "-1", unit.Neg()
		}
		service := strings.TrimSpace(l.Service)
		if service == "" {
			service = w.session
		}
		d := day(l.Session)
		lines[i] = line{
			ID:                  fmt.Sprint(i + 1),
			Note:                inv.LineNote(l),
			LineExtensionAmount: money(l.Amount),
			Period:              period{StartDate: d, EndDate: d},
			Item:                item{Name: service, Category: lineCategory},
			Price:               price{PriceAmount: amount{Currency: cur, Value: invoice.PlainAmount(unit, cur)}},
		}
		if credit {
			lines[i].CreditedQuantity = qty
		} else {
			lines[i].InvoicedQuantity = qty
		}
	}
	if credit {
		doc.CreditNoteLines = lines
	} else {
		doc.InvoiceLines = lines
	}
	return doc, nil
}

// sellerProblems are what the seller lacks beyond what any party needs: a tax ID for an
// exempt invoice (BR-E-02), no VAT number outside VAT (BR-O-02), and in Iceland a 12-digit
// account number (IS-R-007).
func sellerProblems(vat string, bank invoice.Bank, seller resolved, credit bool) []problem {
	var probs []problem
	outside := vat == invoice.VATOutside
	switch {
	case !outside && seller.kennitala == "" && seller.vatID == "" && seller.otherTaxID == "" && seller.addr.country != "IS":
		// (An Icelandic seller's missing kennitala is reported already.)
		probs = append(probs, problem{"tax_id", `missing: a VAT-exempt e-invoice needs the seller's tax registration (kennitala, UTR or VAT number), or set [invoice] vat = "outside"`})
	case outside && seller.vatID != "":
		probs = append(probs, problem{"tax_id", fmt.Sprintf(`%s is a VAT number, but [invoice] vat = "outside" says you are not registered for VAT`, seller.vatID)})
	}
	if seller.addr.country == "IS" && !credit {
		if _, p := icelandicAccount(bank); p != nil {
			probs = append(probs, *p)
		}
	}
	return probs
}

// payment is the credit transfer to the seller's account (payment means 42).
func payment(inv *invoice.Invoice, seller resolved) *paymentMeans {
	b := inv.Bank
	pm := &paymentMeans{Code: "42", PaymentID: inv.Number, Account: financialAccount{Name: b.AccountHolder}}
	iban := invoice.CompactIBAN(b.IBAN)
	switch {
	case seller.addr.country == "IS":
		pm.Account.ID, _ = icelandicAccount(b)
	case iban != "":
		pm.Account.ID = iban
	default:
		pm.Account.ID = strings.ReplaceAll(strings.TrimSpace(b.AccountNumber), " ", "")
		if sc := strings.ReplaceAll(b.SortCode, "-", ""); sc != "" {
			pm.Account.Branch = &branch{ID: sc}
		}
	}
	if b.BIC != "" && pm.Account.Branch == nil {
		pm.Account.Branch = &branch{ID: b.BIC}
	}
	return pm
}

// partyXML is a party as UBL writes it.
func partyXML(p invoice.Party, r resolved, seller bool, vat string) party {
	a := r.addr
	x := party{
		EndpointID: identifier{SchemeID: r.endpointScheme, Value: r.endpID},
		Name:       &partyName{Name: p.Name},
		Address: postalAddress{
			StreetName: a.street, AdditionalStreetName: a.additional,
			CityName: a.city, PostalZone: a.postcode, Country: country{IdentificationCode: a.country},
		},
		LegalEntity: legalEntity{RegistrationName: p.Name},
	}
	if a.extra != "" {
		x.Address.AddressLine = &addressLine{Line: a.extra}
	}
	// Outside VAT no VAT number may appear, the buyer's neither (BR-O-02).
	if r.vatID != "" && vat != invoice.VATOutside {
		x.TaxSchemes = append(x.TaxSchemes, partyTax{CompanyID: r.vatID, TaxScheme: taxScheme{ID: "VAT"}})
	}
	switch {
	case r.kennitala != "":
		x.LegalEntity.CompanyID = &identifier{SchemeID: invoice.SchemeKennitala, Value: r.kennitala}
		if seller {
			x.TaxSchemes = append(x.TaxSchemes, partyTax{CompanyID: r.kennitala, TaxScheme: taxScheme{ID: "TAX"}})
		}
	case r.otherTaxID != "" && seller:
		x.TaxSchemes = append(x.TaxSchemes, partyTax{CompanyID: r.otherTaxID, TaxScheme: taxScheme{ID: "TAX"}})
	case r.otherTaxID != "":
		x.LegalEntity.CompanyID = &identifier{Value: r.otherTaxID}
	}
	// A party identifier (BT-29/46) lets a receiver match the party: its GLN, or a seller's
	// UTR when the seller has no other identifier (BR-CO-26).
	switch {
	case r.endpointScheme == invoice.SchemeGLN:
		x.ID = &partyID{ID: identifier{SchemeID: invoice.SchemeGLN, Value: r.endpID}}
	case seller && r.kennitala == "" && r.vatID == "" && r.otherTaxID != "":
		x.ID = &partyID{ID: identifier{Value: r.otherTaxID}}
	}
	if e := strings.TrimSpace(p.Email); e != "" {
		x.Contact = &contact{ElectronicMail: e}
	}
	return x
}

// day writes a date as UBL does: YYYY-MM-DD.
func day(t time.Time) string { return t.Format(time.DateOnly) }

// FileName is where the e-invoice of the PDF at pdf goes: beside it, under the same name
// with .xml for its extension.
func FileName(pdf string) string {
	return strings.TrimSuffix(pdf, filepath.Ext(pdf)) + ".xml"
}
