package export

import (
	"strings"
	"unicode"
)

// otherNames lists, for each column, the other headers it is exported under: the names
// export-format.md lists as "also seen as", and a few that spreadsheet users type.
var otherNames = [NumColumns][]string{
	TransactionID:     {"ID", "Payment ID"},
	TransactionDate:   {"Date", "Payment Date"},
	SessionDate:       {"Session Start", "Date and Time", "Booking Date", "Session Date and Time"},
	ClientName:        {"Client", "Customer Name", "Customer"},
	ClientEmail:       {"Customer Email"},
	ServiceName:       {"Service"},
	ServicePrice:      {"Price", "Amount"},
	ServiceCurrency:   {"Currency"},
	ProfessionalName:  {"Professional"},
	ProfessionalEmail: nil,
	Type:              {"Payment Type", "Payment Method"},
	Sponsor:           {"Sponsored", "Wellbeing Hub"},
	Status:            {"Payment Status"},
	SessionStatus:     {"State", "Session State"},
}

// synonyms maps a normalised header (see normHeader) to its column.
var synonyms = func() map[string]Column {
	m := make(map[string]Column)
	for c := Column(0); c < NumColumns; c++ {
		m[normHeader(c.Header())] = c
		for _, n := range otherNames[c] {
			m[normHeader(n)] = c
		}
	}
	return m
}()

// normHeader folds case and drops spacing and punctuation, so that " Service  Price ",
// "service_price" and "SERVICE-PRICE" all read as one name.
func normHeader(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// isClientHeader reports whether an unknown header names a client, customer or patient: such
// a column is treated as personal data too.
func isClientHeader(h string) bool {
	n := normHeader(h)
	for _, w := range []string{"client", "customer", "patient", "skjolstaedingur", "skjólstæðingur"} {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
}
