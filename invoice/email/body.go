package email

import (
	"fmt"
	"strings"

	"github.com/hubinvoice/hubinvoice/invoice"
)

// texts are the words of the email in one language.
type texts struct {
	invoice, credit string // the document, in the subject: "Invoice", "Credit note"
	greeting        string
	// attached says what is attached: the document, its number, the sender, the month.
	attached  string
	cancels   string // on a credit note: the invoice it cancels and that invoice's date
	sessions  string // the number of sessions and the totals, e.g. "12 sessions ..., total ...", no full stop
	one       string // the same in the singular
	and       string // between two totals
	dates     string // heading of the list of session dates
	at        string // between a session's date and time: "" or " kl."
	charged   string // after a charged cancellation
	payment   string // the expected payment date
	files     string // what the attachments are: the PDF, the XML when there is one, the export
	pdf       string
	pdfCredit string // the same, of a credit note
	xml       string
	export    string
	regards   string
}

var textsEN = texts{
	invoice:   "Invoice",
	credit:    "Credit note",
	greeting:  "Hello,",
	attached:  "Please find attached %s %s from %s for %s:",
	cancels:   "It cancels invoice %s of %s.",
	sessions:  "%d sessions paid with Wellbeing Hub credits, total %s",
	one:       "%d session paid with Wellbeing Hub credits, total %s",
	and:       " and ",
	dates:     "Dates of the sessions:",
	at:        "",
	charged:   " (cancelled, charged)",
	payment:   "Expected payment date: %s.",
	files:     "Attached: %s, without any client's name or email.",
	pdf:       "the invoice as PDF",
	pdfCredit: "the credit note as PDF",
	xml:       "the e-invoice (UBL XML)",
	export:    "the Payments export of these sessions",
	regards:   "Kind regards,",
}

var textsIS = texts{
	invoice:   "Reikningur",
	credit:    "Kreditreikningur",
	greeting:  "Góðan dag,",
	attached:  "Meðfylgjandi er %s %s frá %s fyrir %s:",
	cancels:   "Hann bakfærir reikning %s frá %s.",
	sessions:  "%d tímar greiddir með inneign Wellbeing Hub, samtals %s",
	one:       "%d tími greiddur með inneign Wellbeing Hub, samtals %s",
	and:       " og ",
	dates:     "Dagsetningar tímanna:",
	at:        " kl.",
	charged:   " (afbókað, gjaldfært)",
	payment:   "Áætlaður greiðsludagur: %s.",
	files:     "Í viðhengi: %s, án nafna og netfanga skjólstæðinga.",
	pdf:       "reikningurinn á PDF-sniði",
	pdfCredit: "kreditreikningurinn á PDF-sniði",
	xml:       "rafrænn reikningur (UBL XML)",
	export:    "greiðsluyfirlit þessara tíma",
	regards:   "Kær kveðja,",
}

func textsFor(lang string) *texts {
	if lang == "is" {
		return &textsIS
	}
	return &textsEN
}

func (tx *texts) document(inv *invoice.Invoice) string {
	if inv.Kind == invoice.KindCredit {
		return tx.credit
	}
	return tx.invoice
}

// subject is "Invoice 2024-03-5F1C: Þórdís Guðmundsdóttir, March 2024".
func subject(inv *invoice.Invoice, tx *texts) string {
	return oneLine(fmt.Sprintf("%s %s: %s, %s", tx.document(inv), inv.Number, inv.From.Name, invoice.MonthText(inv.Period, inv.Language)))
}

// body is the email's text, its lines ended by CRLF.
func body(inv *invoice.Invoice, tx *texts, f Files) string {
	var lines []string
	add := func(format string, args ...any) { lines = append(lines, fmt.Sprintf(format, args...)) }
	lang := inv.Language
	add("%s", tx.greeting)
	add("")
	add(tx.attached, strings.ToLower(tx.document(inv)), inv.Number, oneLine(inv.From.Name), invoice.MonthText(inv.Period, lang))
	totals := make([]string, len(inv.Totals))
	for i, t := range inv.Totals {
		totals[i] = invoice.FormatAmount(t.Amount, t.Currency, lang)
	}
	count := tx.sessions
	if n := inv.Sessions(); n%10 == 1 && (lang == "is" && n%100 != 11 || n == 1) {
		count = tx.one // Icelandic counts 21 and 31 in the singular too, not 11
	}
	add("%s", endSentence(fmt.Sprintf(count, inv.Sessions(), joinList(totals, tx.and))))
	if inv.Credits != nil {
		add(tx.cancels, inv.Credits.Number, invoice.LongDateText(inv.Credits.Issued, lang))
	}
	add("")
	add("%s", tx.dates)
	for _, l := range inv.Lines {
		s := "  " + invoice.ShortDateText(l.Session, lang) + tx.at + " " + l.Session.Format("15:04")
		if l.Professional != "" {
			s += ", " + oneLine(l.Professional)
		}
		if l.Cancelled {
			s += tx.charged
		}
		lines = append(lines, s)
	}
	if !inv.PaymentDate.IsZero() && inv.Kind != invoice.KindCredit {
		add("")
		add(tx.payment, invoice.LongDateText(inv.PaymentDate, lang))
	}
	files := []string{tx.pdf}
	if inv.Kind == invoice.KindCredit {
		files[0] = tx.pdfCredit
	}
	if len(f.XML) > 0 {
		files = append(files, tx.xml)
	}
	if len(f.Sessions) > 0 {
		files = append(files, tx.export)
	}
	add("")
	add(tx.files, joinList(files, tx.and))
	add("")
	add("%s", tx.regards)
	add("%s", oneLine(inv.From.Name))
	add("%s", inv.From.Email)
	return strings.Join(lines, "\r\n") + "\r\n"
}

// joinList joins "a", "a and b", "a, b and c": totals in several currencies, attachments.
func joinList(items []string, and string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + and + items[len(items)-1]
}

// endSentence ends a sentence with a full stop, unless it ends with one ("18.500 kr.").
func endSentence(s string) string {
	if strings.HasSuffix(s, ".") {
		return s
	}
	return s + "."
}

// oneLine keeps a name from the profile on one line of the email.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
