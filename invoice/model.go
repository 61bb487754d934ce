package invoice

import (
	"time"

	"github.com/hubinvoice/hubinvoice/calendar"
	"github.com/shopspring/decimal"
)

// Party is someone on an invoice: the professional who sends it or the party billed.
type Party struct {
	Name    string
	Email   string
	Address []string
	TaxID   string // kennitala, UTR or VAT number; "" when none

	// For e-invoices: the party's Peppol participant ID, "scheme:id" (e.g. "0196:0101801209");
	// "" when none. Reference is what the bill-to party asks its invoices to quote (a purchase
	// order or cost centre, BuyerReference in UBL); "" when none, and always on the sender.
	PeppolID  string
	Reference string
}

// Bank holds where the money goes.
type Bank struct {
	AccountHolder string
	BankName      string
	IBAN          string
	BIC           string
	AccountNumber string
	SortCode      string
}

// Line is one invoiced session. It carries no client data.
type Line struct {
	Row           int       // the export's row, for tracing a line back to its source
	TransactionID string    // may be ""
	Session       time.Time // date and time of the session (wall clock as the export gives it)
	Paid          time.Time // the export's Transaction Date; zero when it has none
	Service       string
	Sponsor       string
	Amount        decimal.Decimal
	Currency      string
	Cancelled     bool // a cancelled session that was charged (late cancellation, no-show)

	// Professional is who delivered the session, and ProfessionalEmail their email, set only
	// on a clinic's invoice, whose lines are grouped by professional.
	Professional      string
	ProfessionalEmail string
}

// ProfessionalTotal is the subtotal of one professional's sessions in one currency, on a
// clinic's invoice.
type ProfessionalTotal struct {
	Professional string
	Currency     string
	Sessions     int
	Amount       decimal.Decimal
}

// Total is an amount in one currency. Totals are never summed across currencies.
type Total struct {
	Currency string
	Amount   decimal.Decimal
}

// SponsorTotal is the subtotal of one sponsor's sessions in one currency.
type SponsorTotal struct {
	Sponsor  string
	Currency string
	Sessions int
	Amount   decimal.Decimal
}

// Kinds of document: an invoice, or a credit note that cancels one.
const (
	KindInvoice = "invoice"
	KindCredit  = "credit"
)

// How an invoice's sessions stand to VAT: exempt (health services; category E in an
// e-invoice) or outside the VAT system (a professional not registered; category O).
const (
	VATExempt  = "exempt"
	VATOutside = "outside"
)

// Reference names an earlier document: the invoice a credit note cancels.
type Reference struct {
	Number string
	Issued time.Time // its issue date (midnight UTC)
}

// Invoice is one month's invoice from a professional to one bill-to party, or a credit note
// for one (Kind KindCredit, with Credits set and amounts negated).
type Invoice struct {
	Kind     string     // KindInvoice ("" reads as one) or KindCredit
	Credits  *Reference // on a credit note: the invoice it credits; nil otherwise
	Reason   string     // on a credit note: why, as the user gave it; may be ""
	Draft    bool       // a preview: marked DRAFT, with no number, recorded nowhere
	Number   string
	Issued   time.Time // issue date (midnight UTC)
	Period   calendar.Month
	Language string // "en" or "is"
	From     Party
	BillTo   Party
	Bank     Bank
	Lines    []Line // in session order
	Totals   []Total
	Sponsors []SponsorTotal // per sponsor and currency, sorted by sponsor then currency
	// Professionals holds a clinic invoice's subtotals per professional and currency, in the
	// order of the lines; nil on a professional's own invoice.
	Professionals []ProfessionalTotal
	Note          string
	// VAT is how the sessions stand to VAT, for an e-invoice: VATExempt ("" reads as it) or
	// VATOutside.
	VAT string

	// Dates from the working-day calendar; zero when unknown.
	SubmissionDeadline time.Time
	PaymentDate        time.Time
}

// Sessions returns the number of invoiced sessions.
func (inv *Invoice) Sessions() int { return len(inv.Lines) }
