package email

import (
	"fmt"
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
// invoice's order, as CSV (export.WriteRecordsCSV): the session, service, sponsor and amount
// as the invoice has them (the currency a profile supplied included), the transaction date,
// professional and type as the export's record of the row holds them. record returns the
// record of an export row (a Line's Row); a line whose row it does not know is an error.
func WriteSessions(w io.Writer, inv *invoice.Invoice, record func(row int) *export.Record) error {
	recs := make([]*export.Record, len(inv.Lines))
	for i, l := range inv.Lines {
		r := record(l.Row)
		if r == nil {
			return fmt.Errorf("email: the export's row %d, on invoice %s, was not read", l.Row, inv.Number)
		}
		recs[i] = &export.Record{
			Row:          l.Row,
			Paid:         r.Paid,
			Session:      l.Session,
			Service:      l.Service,
			Price:        l.Amount,
			Currency:     l.Currency,
			Professional: r.Professional,
			ProfEmail:    r.ProfEmail,
			Type:         r.Type,
			Sponsor:      l.Sponsor,
		}
	}
	return export.WriteRecordsCSV(w, recs, SessionColumns, invoice.MinorUnits)
}
