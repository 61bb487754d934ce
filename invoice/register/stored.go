package register

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/hubinvoice/hubinvoice/calendar"
	"github.com/hubinvoice/hubinvoice/invoice"
	"github.com/shopspring/decimal"
)

// The stored form of a document: every field of invoice.Invoice, under names of its own so
// that renaming a Go field never orphans a register. TestStoredCoversInvoice fails when
// invoice.Invoice gains a field this form does not keep.
type storedDoc struct {
	Kind               string          `json:"kind"`
	Credits            *storedRef      `json:"credits,omitempty"`
	Reason             string          `json:"reason,omitempty"`
	Number             string          `json:"number"`
	Issued             string          `json:"issued"`
	Period             string          `json:"period"`
	Language           string          `json:"language"`
	From               storedParty     `json:"from"`
	BillTo             storedParty     `json:"bill_to"`
	Bank               storedBank      `json:"bank"`
	Lines              []storedLine    `json:"lines"`
	Totals             []storedTotal   `json:"totals"`
	Sponsors           []storedSponsor `json:"sponsors,omitempty"`
	Professionals      []storedProTot  `json:"professionals,omitempty"`
	Note               string          `json:"note,omitempty"`
	SubmissionDeadline string          `json:"submission_deadline,omitempty"`
	PaymentDate        string          `json:"payment_date,omitempty"`
	VAT                string          `json:"vat,omitempty"`
}

type storedRef struct {
	Number string `json:"number"`
	Issued string `json:"issued"`
}

type storedParty struct {
	Name    string   `json:"name"`
	Email   string   `json:"email"`
	Address []string `json:"address,omitempty"`
	TaxID   string   `json:"tax_id,omitempty"`

	PeppolID  string `json:"peppol_id,omitempty"`
	Reference string `json:"reference,omitempty"`
}

type storedBank struct {
	AccountHolder string `json:"account_holder,omitempty"`
	BankName      string `json:"bank_name,omitempty"`
	IBAN          string `json:"iban,omitempty"`
	BIC           string `json:"bic,omitempty"`
	AccountNumber string `json:"account_number,omitempty"`
	SortCode      string `json:"sort_code,omitempty"`
}

type storedLine struct {
	Row           int    `json:"row"`
	TransactionID string `json:"transaction_id,omitempty"`
	Session       string `json:"session"`
	Paid          string `json:"paid,omitempty"`
	Service       string `json:"service"`
	Sponsor       string `json:"sponsor"`
	Amount        string `json:"amount"`
	Currency      string `json:"currency"`
	Cancelled     bool   `json:"cancelled,omitempty"`
	Professional  string `json:"professional,omitempty"`
	ProfEmail     string `json:"professional_email,omitempty"`
}

type storedTotal struct {
	Currency string `json:"currency"`
	Amount   string `json:"amount"`
}

type storedSponsor struct {
	Sponsor  string `json:"sponsor"`
	Currency string `json:"currency"`
	Sessions int    `json:"sessions"`
	Amount   string `json:"amount"`
}

type storedProTot struct {
	Professional string `json:"professional"`
	Currency     string `json:"currency"`
	Sessions     int    `json:"sessions"`
	Amount       string `json:"amount"`
}

// amountText writes an amount with the decimals it has ("115.50" stays so), which
// decimal.NewFromString reads back with the same exponent.
func amountText(d decimal.Decimal) string {
	if d.Exponent() < 0 {
		return d.StringFixed(-d.Exponent())
	}
	return d.String()
}

func dateText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

func encodeDoc(inv *invoice.Invoice) ([]byte, error) {
	d := storedDoc{
		Kind:               inv.Kind,
		Reason:             inv.Reason,
		Number:             inv.Number,
		Issued:             dateText(inv.Issued),
		Period:             inv.Period.String(),
		Language:           inv.Language,
		From:               storedParty(inv.From),
		BillTo:             storedParty(inv.BillTo),
		Bank:               storedBank(inv.Bank),
		Lines:              make([]storedLine, len(inv.Lines)),
		Totals:             make([]storedTotal, len(inv.Totals)),
		Note:               inv.Note,
		SubmissionDeadline: dateText(inv.SubmissionDeadline),
		PaymentDate:        dateText(inv.PaymentDate),
		VAT:                inv.VAT,
	}
	if d.Kind == "" {
		d.Kind = invoice.KindInvoice
	}
	if c := inv.Credits; c != nil {
		d.Credits = &storedRef{Number: c.Number, Issued: dateText(c.Issued)}
	}
	for i, l := range inv.Lines {
		d.Lines[i] = storedLine{
			Row: l.Row, TransactionID: l.TransactionID, Session: l.Session.Format(time.RFC3339Nano),
			Service: l.Service, Sponsor: l.Sponsor, Amount: amountText(l.Amount), Currency: l.Currency,
			Cancelled: l.Cancelled, Professional: l.Professional, ProfEmail: l.ProfessionalEmail,
		}
		if !l.Paid.IsZero() {
			d.Lines[i].Paid = l.Paid.Format(time.RFC3339Nano)
		}
	}
	for i, t := range inv.Totals {
		d.Totals[i] = storedTotal{t.Currency, amountText(t.Amount)}
	}
	for _, s := range inv.Sponsors {
		d.Sponsors = append(d.Sponsors, storedSponsor{s.Sponsor, s.Currency, s.Sessions, amountText(s.Amount)})
	}
	for _, p := range inv.Professionals {
		d.Professionals = append(d.Professionals, storedProTot{p.Professional, p.Currency, p.Sessions, amountText(p.Amount)})
	}
	return json.Marshal(d)
}

// decoder collects the first error of decoding a stored document.
type decoder struct{ err error }

func (dc *decoder) amount(s string) decimal.Decimal {
	d, err := decimal.NewFromString(s)
	if err != nil && dc.err == nil {
		dc.err = fmt.Errorf("amount %q: %v", s, err)
	}
	return d
}

func (dc *decoder) date(s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil && dc.err == nil {
		dc.err = err
	}
	return t
}

func decodeDoc(data []byte) (*invoice.Invoice, error) {
	var d storedDoc
	if err := json.Unmarshal(data, &d); err != nil {
		return nil, err
	}
	var dc decoder
	period, err := calendar.ParseMonth(d.Period)
	if err != nil {
		return nil, err
	}
	inv := &invoice.Invoice{
		Kind:               d.Kind,
		Reason:             d.Reason,
		Number:             d.Number,
		Issued:             dc.date(d.Issued),
		Period:             period,
		Language:           d.Language,
		From:               invoice.Party(d.From),
		BillTo:             invoice.Party(d.BillTo),
		Bank:               invoice.Bank(d.Bank),
		Lines:              make([]invoice.Line, len(d.Lines)),
		Totals:             make([]invoice.Total, len(d.Totals)),
		Note:               d.Note,
		SubmissionDeadline: dc.date(d.SubmissionDeadline),
		PaymentDate:        dc.date(d.PaymentDate),
		VAT:                d.VAT,
	}
	if c := d.Credits; c != nil {
		inv.Credits = &invoice.Reference{Number: c.Number, Issued: dc.date(c.Issued)}
	}
	for i, l := range d.Lines {
		session, err := time.Parse(time.RFC3339Nano, l.Session)
		if err != nil && dc.err == nil {
			dc.err = err
		}
		inv.Lines[i] = invoice.Line{
			Row: l.Row, TransactionID: l.TransactionID, Session: session, Service: l.Service,
			Sponsor: l.Sponsor, Amount: dc.amount(l.Amount), Currency: l.Currency,
			Cancelled: l.Cancelled, Professional: l.Professional, ProfessionalEmail: l.ProfEmail,
		}
		if l.Paid != "" {
			if inv.Lines[i].Paid, err = time.Parse(time.RFC3339Nano, l.Paid); err != nil && dc.err == nil {
				dc.err = err
			}
		}
	}
	for i, t := range d.Totals {
		inv.Totals[i] = invoice.Total{Currency: t.Currency, Amount: dc.amount(t.Amount)}
	}
	for _, s := range d.Sponsors {
		inv.Sponsors = append(inv.Sponsors, invoice.SponsorTotal{Sponsor: s.Sponsor, Currency: s.Currency, Sessions: s.Sessions, Amount: dc.amount(s.Amount)})
	}
	for _, p := range d.Professionals {
		inv.Professionals = append(inv.Professionals, invoice.ProfessionalTotal{Professional: p.Professional, Currency: p.Currency, Sessions: p.Sessions, Amount: dc.amount(p.Amount)})
	}
	if dc.err != nil {
		return nil, dc.err
	}
	return inv, nil
}

// A row's key, by which it is locked once invoiced: its Transaction ID, or where the export
// has none a hash of what the session is (who delivered it, by email, when, what, for which
// sponsor, at what price), numbered when one invoice has two alike. Client data is never part of it.
// A row's content hash is what it says on the invoice, to tell a row that changed.
type rowID struct{ key, content string }

func hashText(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

func rowIDs(inv *invoice.Invoice) []rowID {
	ids := make([]rowID, len(inv.Lines))
	seen := map[string]int{}
	for i, l := range inv.Lines {
		who := l.ProfessionalEmail // on a clinic's invoice; the same key as on the professional's
		if who == "" {
			who = inv.From.Email
		}
		content := hashText(strings.ToLower(who), l.Session.Format(time.RFC3339), l.Service,
			strings.ToLower(strings.TrimSpace(l.Sponsor)), l.Amount.String(), l.Currency, fmt.Sprint(l.Cancelled))
		key := "id:" + l.TransactionID
		if l.TransactionID == "" {
			seen[content]++
			key = fmt.Sprintf("c:%s#%d", content, seen[content])
		}
		ids[i] = rowID{key, content}
	}
	return ids
}

// rowsHash is one hash of a set of rows, whatever their order.
func rowsHash(ids []rowID) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = id.key + "=" + id.content
	}
	sort.Strings(parts)
	return hashText(parts...)
}
