package invoice

import (
	"strings"
	"testing"
)

// TestUniqueFiles: professionals whose names make one file name get one each, by their email's
// local part (or the whole email where that is shared too); the others keep theirs.
func TestUniqueFiles(t *testing.T) {
	plan := []Planned{
		{Email: "anna@a.is", File: "invoice-2024-03-anna-jonsdottir.pdf"},
		{Email: "anna.j@b.is", File: "invoice-2024-03-anna-jonsdottir.pdf"},
		{Email: "jon@a.is", File: "invoice-2024-03-jon-jonsson.pdf"},
		{Email: "jon@b.is", File: "invoice-2024-03-jon-jonsson.pdf"},
		{Email: "ivan@a.ru", File: "invoice-2024-03-professional.pdf"},
		{Email: "olga@a.ru", File: "invoice-2024-03-professional.pdf"},
		{Email: "thordis@a.is", File: "invoice-2024-03-thordis-gudmundsdottir.pdf"},
	}
	uniqueFiles(plan)
	var got []string
	for _, p := range plan {
		got = append(got, strings.TrimPrefix(p.File, "invoice-2024-03-"))
	}
	want := "anna-jonsdottir-anna.pdf anna-jonsdottir-anna-j.pdf jon-jonsson-jon-a-is.pdf jon-jonsson-jon-b-is.pdf " +
		"professional-ivan.pdf professional-olga.pdf thordis-gudmundsdottir.pdf"
	if strings.Join(got, " ") != want {
		t.Errorf("got  %s\nwant %s", strings.Join(got, " "), want)
	}
}
