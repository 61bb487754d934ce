package invoice

import (
	"fmt"
	"strconv"
	"time"

	"github.com/hubinvoice/hubinvoice/calendar"
)

// pdfLabels holds every word the PDF prints, in one language.
type pdfLabels struct {
	Invoice, Number, Issued, Period, PaymentDate string
	From, BillTo, Email, TaxID                   string
	Date, Time, Service, Sponsor, Amount         string
	Cancelled                                    string // after the service of a charged cancellation
	BySponsor, Sessions                          string
	ByProfessional, NoSponsor                    string
	Total, NumSessions                           string
	BankDetails, AccountHolder, Bank, IBAN, BIC  string
	AccountNumber, SortCode                      string
	Note, Privacy                                string
	Page                                         string // "Page %d of %d"

	// A credit note's and a draft's words.
	CreditNote, CreditNumber, Credits, CreditsIssued, Reason string
	Draft, DraftMark                                         string

	Months, ShortMonths [12]string
	DayMark             string // after the day of a date: "" in "2 April 2024", "." in "2. apríl 2024"
}

var labelsEN = pdfLabels{
	Invoice:        "Invoice",
	Number:         "Invoice number",
	Issued:         "Issue date",
	Period:         "Period",
	PaymentDate:    "Payment date",
	From:           "From",
	BillTo:         "Bill to",
	Email:          "Email",
	TaxID:          "Tax ID",
	Date:           "Date",
	Time:           "Time",
	Service:        "Service",
	Sponsor:        "Sponsor",
	Amount:         "Amount",
	Cancelled:      "Cancelled (charged)",
	BySponsor:      "Subtotals by sponsor",
	Sessions:       "Sessions",
	ByProfessional: "Subtotals by professional",
	NoSponsor:      "(no sponsor)",
	Total:          "Total",
	NumSessions:    "Number of sessions",
	BankDetails:    "Bank details",
	AccountHolder:  "Account holder",
	Bank:           "Bank",
	IBAN:           "IBAN",
	BIC:            "BIC / SWIFT",
	AccountNumber:  "Account number",
	SortCode:       "Sort code",
	Note:           "Note",
	Privacy:        "Client names and emails are withheld for privacy, as the platform requires.",
	Page:           "Page %d of %d",
	CreditNote:     "Credit note",
	CreditNumber:   "Credit note number",
	Credits:        "Credits invoice",
	CreditsIssued:  "Invoice issued",
	Reason:         "Reason",
	Draft:          "DRAFT",
	DraftMark:      "DRAFT: a preview, not an invoice",
	Months: [12]string{"January", "February", "March", "April", "May", "June", "July",
		"August", "September", "October", "November", "December"},
	ShortMonths: [12]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
		"Oct", "Nov", "Dec"},
	DayMark: "",
}

var labelsIS = pdfLabels{
	Invoice:        "Reikningur",
	Number:         "Reikningsnúmer",
	Issued:         "Útgáfudagur",
	Period:         "Tímabil",
	PaymentDate:    "Greiðsludagur",
	From:           "Frá",
	BillTo:         "Til",
	Email:          "Netfang",
	TaxID:          "Kennitala",
	Date:           "Dagsetning",
	Time:           "Tími",
	Service:        "Þjónusta",
	Sponsor:        "Styrktaraðili",
	Amount:         "Upphæð",
	Cancelled:      "Afbókað (gjaldfært)",
	BySponsor:      "Samtals eftir styrktaraðilum",
	Sessions:       "Tímar",
	ByProfessional: "Samtals eftir fagaðilum",
	NoSponsor:      "(enginn styrktaraðili)",
	Total:          "Samtals",
	NumSessions:    "Fjöldi tíma",
	BankDetails:    "Bankaupplýsingar",
	AccountHolder:  "Reikningshafi",
	Bank:           "Banki",
	IBAN:           "IBAN",
	BIC:            "BIC / SWIFT",
	AccountNumber:  "Bankareikningur",
	SortCode:       "Sort code",
	Note:           "Athugasemd",
	Privacy:        "Nöfn og netföng skjólstæðinga koma ekki fram vegna persónuverndar, eins og vettvangurinn krefst.",
	Page:           "Síða %d af %d",
	CreditNote:     "Kreditreikningur",
	CreditNumber:   "Reikningsnúmer",
	Credits:        "Bakfærir reikning",
	CreditsIssued:  "Dags. reiknings",
	Reason:         "Ástæða",
	Draft:          "DRÖG",
	DraftMark:      "DRÖG: forskoðun, ekki reikningur",
	Months: [12]string{"janúar", "febrúar", "mars", "apríl", "maí", "júní", "júlí",
		"ágúst", "september", "október", "nóvember", "desember"},
	ShortMonths: [12]string{"jan.", "feb.", "mar.", "apr.", "maí", "jún.", "júl.", "ágú.",
		"sep.", "okt.", "nóv.", "des."},
	DayMark: ".",
}

// labelsFor returns the labels of a language; "" means English.
func labelsFor(lang string) (*pdfLabels, error) {
	switch lang {
	case "en", "":
		return &labelsEN, nil
	case "is":
		return &labelsIS, nil
	}
	return nil, fmt.Errorf("invoice language %q is not one we have: use en or is", lang)
}

// longDate writes a date in full: "2 April 2024", "2. apríl 2024".
func (l *pdfLabels) longDate(t time.Time) string {
	return l.date(t, l.Months)
}

// shortDate writes a date for a table row: "5 Mar 2024", "5. mar. 2024".
func (l *pdfLabels) shortDate(t time.Time) string {
	return l.date(t, l.ShortMonths)
}

// date writes day, month name and year, without fmt: a table has a date on every row.
func (l *pdfLabels) date(t time.Time, months [12]string) string {
	month := months[t.Month()-1]
	b := make([]byte, 0, 2+len(l.DayMark)+1+len(month)+5)
	b = strconv.AppendInt(b, int64(t.Day()), 10)
	b = append(b, l.DayMark...)
	b = append(b, ' ')
	b = append(b, month...)
	b = append(b, ' ')
	b = strconv.AppendInt(b, int64(t.Year()), 10)
	return string(b)
}

// month writes a calendar month: "March 2024", "mars 2024".
func (l *pdfLabels) month(m calendar.Month) string {
	return fmt.Sprintf("%s %d", l.Months[m.Month-1], m.Year)
}

// title is the document's heading: "Invoice" or "Credit note".
func (l *pdfLabels) title(inv *Invoice) string {
	if inv.IsCredit() {
		return l.CreditNote
	}
	return l.Invoice
}

// name is the document's heading and number, for the metadata and the footer: a draft has no
// number and says so.
func (l *pdfLabels) name(inv *Invoice) string {
	number := inv.Number
	if inv.Draft {
		number = l.Draft
	}
	return l.title(inv) + " " + number
}

// headerRows are the label and value pairs at the top right: number, dates, period, and on a
// credit note the invoice it credits.
func (l *pdfLabels) headerRows(inv *Invoice) [][2]string {
	number := [2]string{l.Number, inv.Number}
	switch {
	case inv.Draft:
		number[1] = l.Draft
	case inv.IsCredit():
		number[0] = l.CreditNumber
	}
	rows := [][2]string{number, {l.Issued, l.longDate(inv.Issued)}}
	if c := inv.Credits; c != nil {
		rows = append(rows, [2]string{l.Credits, c.Number}, [2]string{l.CreditsIssued, l.longDate(c.Issued)})
	}
	rows = append(rows, [2]string{l.Period, l.month(inv.Period)})
	if !inv.PaymentDate.IsZero() {
		rows = append(rows, [2]string{l.PaymentDate, l.longDate(inv.PaymentDate)})
	}
	return rows
}

// note is the text of the note block: a credit note's reason, then the profile's note.
func (l *pdfLabels) note(inv *Invoice) string {
	if inv.Reason == "" {
		return inv.Note
	}
	reason := l.Reason + ": " + inv.Reason
	if inv.Note == "" {
		return reason
	}
	return reason + "\n" + inv.Note
}
