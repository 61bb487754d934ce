package invoice

import (
	"time"

	"github.com/hubinvoice/hubinvoice/calendar"
)

// The invoice's words for months and dates, for texts that go with it (the email that sends
// it): written as the PDF writes them. A language other than "is" is taken as "en".

// MonthText writes a month as the invoice does: "March 2024", "mars 2024".
func MonthText(m calendar.Month, lang string) string { return wordsFor(lang).month(m) }

// LongDateText writes a date in full: "2 April 2024", "2. apríl 2024".
func LongDateText(t time.Time, lang string) string { return wordsFor(lang).longDate(t) }

// ShortDateText writes a date as a row of the invoice does: "5 Mar 2024", "5. mar. 2024".
func ShortDateText(t time.Time, lang string) string { return wordsFor(lang).shortDate(t) }

func wordsFor(lang string) *pdfLabels {
	if l, err := labelsFor(lang); err == nil {
		return l
	}
	return &labelsEN
}
