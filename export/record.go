package export

import (
	"time"

	"github.com/shopspring/decimal"
)

// Column is one of the export's known columns, by its canonical header.
type Column int

// The known columns of a Payments export (see export-format.md).
const (
	TransactionID Column = iota
	TransactionDate
	SessionDate
	ClientName
	ClientEmail
	ServiceName
	ServicePrice
	ServiceCurrency
	ProfessionalName
	ProfessionalEmail
	Type
	Sponsor
	Status
	SessionStatus
	NumColumns // the number of known columns; not a column
)

var canonical = [NumColumns]string{
	"Transaction ID", "Transaction Date", "Session Date", "Client Name", "Client Email",
	"Service Name", "Service Price", "Service Currency", "Professional Name",
	"Professional Email", "Type", "Sponsor", "Status", "Session Status",
}

// Header returns the column's canonical header, as the platform's portal writes it.
func (c Column) Header() string {
	if c < 0 || c >= NumColumns {
		return "?"
	}
	return canonical[c]
}

// IsClient reports whether the column holds a client's personal data, which must never reach
// an invoice, a summary, a log or an error message.
func (c Column) IsClient() bool { return c == ClientName || c == ClientEmail }

// Payment types as the export spells them.
const (
	TypeCredit       = "Credit"
	TypeCard         = "Card"
	TypePOS          = "POS"
	TypeCash         = "Cash"
	TypeBankTransfer = "Bank Transfer"
	TypeOther        = "Other"
	// TypeUnknown stands for a payment type the tool does not know. The export's own word is
	// never carried: in a misaligned row it could be a client's name.
	TypeUnknown = "(unknown type)"
)

// Payment statuses.
const (
	StatusPaid   = "Paid"
	StatusUnpaid = "Unpaid"
	StatusVoid   = "Void"
	// StatusUnknown stands for a status word the tool does not know (never echoed, as above).
	StatusUnknown = "(unknown status)"
)

// Session states.
const (
	SessionComplete  = "Complete"
	SessionCancelled = "Cancelled"
	SessionDeleted   = "Deleted"
	SessionUnknown   = "(unknown state)" // a state word the tool does not know
)

// Record is one payment row of an export, parsed. It holds no client data: the reader never
// copies the client columns into it.
type Record struct {
	Row           int       // row number as a spreadsheet shows it (1-based)
	TransactionID string    // "" when the column is absent or empty
	Paid          time.Time // Transaction Date; zero when absent
	Session       time.Time // Session Date, or Transaction Date when the export has no session column
	Service       string
	Price         decimal.Decimal
	Currency      string // ISO 4217, upper case; "" when unknown (the caller applies a default)
	Professional  string
	ProfEmail     string // lower case
	Type          string // one of the Type constants, or the export's own word for an unknown type
	Sponsor       string // "" when not sponsored
	Status        string // one of the Status constants, or "" when the column is absent
	SessionState  string // one of the Session constants, or "" when the column is absent

	// Withheld names the known columns whose text the reader withheld from this record (any
	// known column a Record carries as text: every one but the dates and the price): they held a client's name or email, or an email address
	// that is no professional's or known party's, and the field (and its cell in Cells) says
	// Withheld instead, or, for a Transaction ID, nothing.
	Withheld []Column

	// Cells are the row's cells as the file holds them (raw values: serial numbers for .xlsx
	// dates), less every client column; nil unless Options.KeepCells is set.
	Cells []string
}

// Sponsored reports whether a Wellbeing Hub sponsored the session.
func (r *Record) Sponsored() bool { return r.Sponsor != "" }
