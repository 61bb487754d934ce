package invoice

// LineNote is what an e-invoice says of a line besides its service, date and amount, in the
// invoice's words: its sponsor, and that a cancelled session was charged, as the PDF shows
// them ("Sponsor: ACME", "Styrktaraðili: ACME; Afbókað (gjaldfært)"). It never holds client
// data: a line carries none.
func (inv *Invoice) LineNote(l Line) string {
	words, err := labelsFor(inv.Language)
	if err != nil {
		words = &labelsEN
	}
	note := words.Sponsor + ": " + l.Sponsor
	if l.Sponsor == "" {
		note = words.NoSponsor
	}
	if l.Cancelled {
		note += "; " + words.Cancelled
	}
	return note
}
