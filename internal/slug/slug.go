// Package slug turns a person's or a company's name into plain ASCII, for the parts of file
// names and email addresses that are made from names.
package slug

import "strings"

// letters spells the letters of Icelandic and its neighbours in ASCII, and drops the
// apostrophes inside a name (O'Neill is oneill).
var letters = strings.NewReplacer("'", "", "’", "", "þ", "th", "ð", "d", "æ", "ae", "ö", "o", "ø", "o", "å", "a", "ß", "ss",
	"á", "a", "é", "e", "í", "i", "ó", "o", "ú", "u", "ý", "y", "ä", "a", "ü", "u")

// Make lowercases s, spells its letters in ASCII and joins the runs of letters and digits with
// sep: Make("Þórdís Guðmundsdóttir", '-') is "thordis-gudmundsdottir". It is "" when s has no
// letter or digit it can spell.
func Make(s string, sep byte) string {
	s = letters.Replace(strings.ToLower(s))
	var b strings.Builder
	pending := false
	for _, r := range s {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if pending {
				b.WriteByte(sep)
				pending = false
			}
			b.WriteRune(r)
		} else if b.Len() > 0 {
			pending = true
		}
	}
	return b.String()
}
