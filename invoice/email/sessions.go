package email

import (
	"io"

	"github.com/hubinvoice/hubinvoice/export"
	"github.com/hubinvoice/hubinvoice/invoice"
)

// SessionColumns are the columns of the redacted export attached to the email: those the
// platform asks professionals to export (seed 001: Sponsor, Transaction Date, Service Name,
// Service Price, Service Currency, Professional Name and Email, Type), and the Session Date the
// invoice's lines are dated by. No client column is among them.
var SessionColumns = []export.Column{
	export.Sponsor, export.TransactionDate, export.SessionDate, export.ServiceName,
	export.ServicePrice, export.ServiceCurrency, export.ProfessionalName,
	export.ProfessionalEmail, export.Type,
}

// WriteSessions writes the redacted export of exactly the invoice's rows, one per line in the
// invoice's order, as CSV (export.WriteRecordsCSV), from what the invoice's lines hold of their
// rows: the transaction and session dates, service, sponsor and price (the currency a profile
// supplied included), the professional (the line's on a clinic's invoice, else the sender),
// and the type, Credit, of every row an invoice covers.
func WriteSessions(w io.Writer, inv *invoice.Invoice) error {
	recs := make([]*export.Record, len(inv.Lines))
	for i, l := range inv.Lines {
		name, email := inv.From.Name, inv.From.Email
		if l.Professional != "" || l.ProfessionalEmail != "" {
			name, email = l.Professional, l.ProfessionalEmail
		}
		recs[i] = &export.Record{
			Row:          l.Row,
			Paid:         l.Paid,
			Session:      l.Session,
			Service:      l.Service,
			Price:        l.Amount,
			Currency:     l.Currency,
			Professional: name,
			ProfEmail:    email,
			Type:         export.TypeCredit,
			Sponsor:      l.Sponsor,
		}
	}
	return export.WriteRecordsCSV(w, recs, SessionColumns, invoice.MinorUnits)
}
