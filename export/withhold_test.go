package export

import (
	"bytes"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// hostileExport has client names and emails typed into every known column a Record carries as
// text, each one a client's of another row (learned before any row is delivered), beside the
// harmless texts that must pass: a professional's name in a Service Name, a professional whose
// name begins like a client's (Jónína, client Jón), a professional's email in a Sponsor, and a
// known party's email. The professional's columns name the professional (see Withheld): there
// only an email address of nobody's is withheld (a client's, in the Professional Name).
const hostileExport = "Transaction ID,Session Date,Client Name,Client Email,Service Name,Service Price,Service Currency,Professional Name,Professional Email,Type,Sponsor,Status\n" +
	"T1,2024-03-04 10:00,Ann Lee,ann@example.org,Session with Jón Jónsson,18500,ISK,Jónína Jónsdóttir,jonina@example.is,Credit,Marel,Paid\n" +
	"T2,2024-03-05 10:00,Ann Lee,ann@example.org,Follow-up (Ástþór),18500,ISK,Jónína Jónsdóttir,jonina@example.is,Credit,emily.clarke@example.org,Paid\n" +
	"T3,2024-03-06 10:00,Bo Li,bo@example.org,Tími með Guðrúnu,18500,ISK,Jónína Jónsdóttir,jonina@example.is,Credit,write to someone@else.org,Paid\n" +
	"ann@example.org,2024-03-07 10:00,Bo Li,bo@example.org,Individual session,18500,ISK,ann@example.org,jonina@example.is,Jón Jónsson,Marel,Ástþór\n" +
	"T5,2024-03-08 10:00,Jón Jónsson,jon@example.com,Session with Jónína,18500,ISK,Jónína Jónsdóttir,jonina@example.is,Credit,jonina@example.is,Paid\n" +
	"T6,2024-03-09 10:00,Ástþór Magnússon,astthor@example.com,Couples,18500,ISK,Jónína Jónsdóttir,jonina@example.is,Credit,accounts@karaconnect.com,Paid\n" +
	"T7,2024-03-10 10:00,Guðrún Pálsdóttir,emily.clarke@example.org,Couples,18500,ISK,Sara Jónsdóttir,sara@example.is,Credit,Marel,Paid\n"

// TestReadFileWithholdsClientData: no field of a Record holds a client's name or email, or
// an email that is no professional's or known party's; each withheld column is named on the
// record; the harmless texts pass as they are.
func TestReadFileWithholdsClientData(t *testing.T) {
	path := writeTemp(t, "hostile.csv", hostileExport)
	recs, _, err := readAll(t, path, Options{KnownEmails: []string{"Accounts@KaraConnect.com"}})
	if err != nil {
		t.Fatal(err)
	}
	want := map[int]string{
		2: "Service Name",
		3: "Service Name, Sponsor",
		4: "Service Name, Sponsor",
		5: "Transaction ID, Professional Name, Type, Status",
		6: "",
		7: "",
		8: "",
	}
	for _, r := range recs {
		var names []string
		for _, c := range r.Withheld {
			names = append(names, c.Header())
		}
		if got := strings.Join(names, ", "); got != want[r.Row] {
			t.Errorf("row %d: withheld %q, want %q", r.Row, got, want[r.Row])
		}
		fields := fmt.Sprintf("%q", []string{r.TransactionID, r.Service, r.Currency, r.Professional, r.ProfEmail, r.Type, r.Sponsor, r.Status})
		for _, client := range []string{"ann", "lee", "bo@", "jón jónsson", "ástþór", "emily", "someone", "guðrúnu"} {
			if strings.Contains(strings.ToLower(fields), client) {
				t.Errorf("row %d holds %q: %s", r.Row, client, fields)
			}
		}
	}
	if got := recs[5].Service + "|" + recs[4].Sponsor + "|" + recs[5].Sponsor + "|" + recs[0].Professional; got != "Couples|jonina@example.is|accounts@karaconnect.com|Jónína Jónsdóttir" {
		t.Errorf("harmless texts: got %q", got)
	}
	if recs[3].TransactionID != "" || recs[0].Service != Withheld || recs[3].Type != TypeUnknown {
		t.Errorf("row 5: ID %q, type %q; row 2 service %q", recs[3].TransactionID, recs[3].Type, recs[0].Service)
	}
}

// TestKnownEmailsLater: an email given only once the first pass has run stands in a known
// column as one given before it; without it, it is withheld.
func TestKnownEmailsLater(t *testing.T) {
	path := writeTemp(t, "hostile.csv", hostileExport)
	asked := 0
	later := Options{KnownEmailsLater: func() []string { asked++; return []string{"Accounts@KaraConnect.com"} }}
	for _, tc := range []struct {
		name string
		opts Options
		want string
	}{
		{"before", Options{KnownEmails: []string{"Accounts@KaraConnect.com"}}, "accounts@karaconnect.com"},
		{"later", later, "accounts@karaconnect.com"},
		{"none", Options{}, Withheld},
	} {
		recs, _, err := readAll(t, path, tc.opts)
		if err != nil {
			t.Fatal(err)
		}
		if got := recs[5].Sponsor; got != tc.want {
			t.Errorf("%s: row 7's sponsor reads %q, want %q", tc.name, got, tc.want)
		}
	}
	if asked != 2 {
		t.Errorf("KnownEmailsLater was asked %d times, want once in each of readAll's two readings", asked)
	}
}

// TestNameWords: a word of a client's name counts alone and with a short ending, not as the
// beginning of a longer word, and never when it is also a word of a professional's name.
func TestNameWords(t *testing.T) {
	m := newClientMatcher()
	m.learnName("Jón Jónsson")
	m.learnName("Anna Sigurðardóttir")
	m.learnName("Guðrún Pálsdóttir")
	m.profWords["anna"] = true
	m.build()
	for v, want := range map[string]bool{
		"Tími með Jóni": true, "Jóns": true, "Guðrúnar": true, "Jónína": false, "Jónsdóttir": false,
		"Session with Anna": false, "Sigurðardóttir's": true, "Jo": false,
	} {
		if got := m.withholds(v); got != want {
			t.Errorf("withholds(%q) = %v, want %v", v, got, want)
		}
	}
	m.professional("jon@example.is")
	for _, tc := range []struct {
		col  Column
		v    string
		want bool
	}{
		{ProfessionalName, "JÓN  JÓNSSON", false},
		{ProfessionalName, "Jónsson", false},
		{ProfessionalName, "Anna Sigurðardóttir Pálsdóttir", false},
		{ProfessionalName, "anna.s@example.org", true},
		{ProfessionalName, "Jón Jónsson <jon@example.is>", false},
		{ProfessionalEmail, "jon@example.is", false},
		{ProfessionalEmail, "Jón Jónsson", false},
		{ServiceName, "JÓN  JÓNSSON", true},
	} {
		if got := m.withholdsIn(tc.col, tc.v); got != tc.want {
			t.Errorf("%s %q: withheld %v, want %v", tc.col.Header(), tc.v, got, tc.want)
		}
	}
}

// TestProfessionalNamesakes: a professional who shares a client's full name, one whose name
// holds a client's name as a part, and one who is a client too (same name, same email) are
// read with their own names and emails; the client columns' values stay withheld elsewhere.
func TestProfessionalNamesakes(t *testing.T) {
	path := writeTemp(t, "namesakes.csv", "Transaction ID,Session Date,Client Name,Client Email,Service Name,Service Price,Professional Name,Professional Email,Type,Sponsor\n"+
		"T1,2024-03-04 10:00,Jón Jónsson,jon@example.org,Session,18500,Anna Jónsdóttir,anna.j@example.is,Credit,Marel\n"+
		"T2,2024-03-05 10:00,Anna Jónsdóttir,anna@example.org,Session,18500,Jón Jónsson,jon.jonsson@example.is,Credit,Marel\n"+
		"T3,2024-03-06 10:00,Bo Li,bo@example.org,Session,18500,Sara Anna Jónsdóttir Pálsdóttir,sara@example.is,Credit,Marel\n"+
		"T4,2024-03-07 10:00,Sara Anna Jónsdóttir Pálsdóttir,sara@example.is,Session with Anna Jónsdóttir,18500,Bo Li,bo@example.org,Credit,Marel\n")
	recs, _, err := readAll(t, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range recs {
		got = append(got, fmt.Sprintf("%s <%s> %q %v", r.Professional, r.ProfEmail, r.Service, r.Withheld))
	}
	want := []string{
		`Anna Jónsdóttir <anna.j@example.is> "Session" []`,
		`Jón Jónsson <jon.jonsson@example.is> "Session" []`,
		`Sara Anna Jónsdóttir Pálsdóttir <sara@example.is> "Session" []`,
		`Bo Li <bo@example.org> "(withheld)" [5]`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestRedactWithholdsKnownColumns: a known column is always copied, but a client's name in it
// is not: the cell says Withheld.
func TestRedactWithholdsKnownColumns(t *testing.T) {
	path := writeTemp(t, "hostile.csv", hostileExport)
	var out bytes.Buffer
	red, err := Redact(path, &out, RedactOptions{Format: "csv"})
	if err != nil {
		t.Fatal(err)
	}
	text := strings.ToLower(out.String())
	for _, client := range []string{"ann", "lee", "bo@", "jón jónsson", "ástþór", "emily", "someone"} {
		if strings.Contains(text, client) {
			t.Errorf("the redacted export holds %q", client)
		}
	}
	if !strings.Contains(out.String(), Withheld) || !slices.Contains(red.Headers, "Service Name") {
		t.Errorf("got headers %q\n%s", red.Headers, out.String())
	}
}

// TestCleanText: what a terminal would run (ANSI escapes, other controls, bidirectional
// overrides) leaves a record's text; line breaks and tabs become spaces.
func TestCleanText(t *testing.T) {
	path := writeTemp(t, "esc.csv", "Session Date,Service Name,Service Price,Professional Name,Professional Email,Type,Sponsor\n"+
		"2024-03-05 10:00,\"two\r\nlines\tand a tab\",100,\x1b[31mÞórdís\x1b[0m \x07Guðmundsdóttir\u202e,thordis@example.is,Credit,Ma\u009brel\x7f\n")
	recs, _, err := readAll(t, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := recs[0]
	if got := r.Service + "|" + r.Professional + "|" + r.Sponsor; got != "two lines and a tab|[31mÞórdís[0m Guðmundsdóttir|Marel" {
		t.Errorf("got %q", got)
	}
}

// TestNumberWithheld: a number or an ID is passed without being judged, unless a client value
// (a phone number) begins with a word of no letter: then it is withheld where it holds one.
func TestNumberWithheld(t *testing.T) {
	path := writeTemp(t, "phone.csv", "Transaction ID,Session Date,Client Name,Client Phone,Service Name,Service Price,Professional Name,Professional Email,Type,Sponsor\n"+
		"5551234,2024-03-04 10:00,Ann Lee,555 1234,Session,18500,Jónína Jónsdóttir,jonina@example.is,Credit,Marel\n"+
		"T2,2024-03-05 10:00,Bo Li,5559876,Session,18500,Jónína Jónsdóttir,jonina@example.is,Credit,5559876\n"+
		"8719095,2024-03-06 10:00,Bo Li,,Session,18500,Jónína Jónsdóttir,jonina@example.is,Credit,ACME\n")
	recs, _, err := readAll(t, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := fmt.Sprintf("%q %q %q", recs[1].Sponsor, recs[2].TransactionID, recs[0].Sponsor)
	if want := fmt.Sprintf("%q %q %q", Withheld, "8719095", "Marel"); got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

// FuzzLearnSequenceOf: learning a value by hashing its words as they are read learns what
// folding it and splitting it into words does: the same hash, length and letterless start.
func FuzzLearnSequenceOf(f *testing.F) {
	for _, v := range []string{"jon.jonsson@example.org", "  Ann  LEE ", "ÆGIR@Dæmi.IS", "555 1234", "ab", "a b", "\xff\xfeÞór", "İstanbul ǅ", "x\u00a0y", "1a b"} {
		f.Add(v)
	}
	f.Fuzz(func(t *testing.T, v string) {
		a, b := newClientMatcher(), newClientMatcher()
		a.substrings, b.substrings = false, false
		a.learnSequenceOf(v)
		if f := fold(v); utf8.RuneCountInString(f) >= 3 {
			b.learnSequence(f)
		}
		if !maps.Equal(a.seqs, b.seqs) || a.maxSeq != b.maxSeq || a.letterlessSeq != b.letterlessSeq {
			t.Errorf("%q: hashed as read %v %d %v, folded %v %d %v", v, a.seqs, a.maxSeq, a.letterlessSeq, b.seqs, b.maxSeq, b.letterlessSeq)
		}
	})
}
