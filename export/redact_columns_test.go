package export

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
)

// riskyExport has, besides the known columns, columns that hold client data under headers
// that do not say "client": free text naming a client, headers in other languages, a blank
// header, an email that is no professional's; and harmless ones that must stay as they are.
// Row 3 is a Card session of another client and another professional.
const riskyExport = "Session Date,Client Name,Client Email,Service Price,Type,Professional Email," +
	"Notes,Kunde,E-mail,Name,,Booking Channel,Referred by,Contact,Room,Memo\n" +
	"2024-03-04 10:00,Jón Jónsson,jon@example.com,18500,Credit,thordis@example.is," +
	"Seen with ÓLÖF,x,x,x,x,Online,thordis@example.is,x,Room 2,first visit\n" +
	"2024-03-05 10:00,Ólöf Sigurðardóttir,olof@example.com,18500,Card,aegir@example.is," +
	",,,,,In person,,,Room 1,\n" +
	"2024-03-06 10:00,Bo Li,bo@example.com,18500,Credit,thordis@example.is," +
	",,,,,Phone,aegir@example.is,someone@else.org,Room 3,asked about Bo\n"

// TestRedactDropsColumnsHoldingClientData: a column is dropped when its header is blank or
// names a person in another language, when a cell of a copied row holds a client's name
// (learned from every row, the Card row's client too) or email, or an email that is no
// professional's; the other unknown columns are copied unchanged. The reasons name the column
// by letter and header, never a value.
func TestRedactDropsColumnsHoldingClientData(t *testing.T) {
	in := writeTemp(t, "p.csv", riskyExport)
	var out bytes.Buffer
	red, err := Redact(in, &out, RedactOptions{Format: "csv", Keep: func(r *Record) bool { return r.Type == TypeCredit }})
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(out.String(), "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	wantHeader := "Session Date|Service Price|Type|Professional Email|Booking Channel|Referred by|Room"
	if got := strings.Join(rows[0], "|"); got != wantHeader {
		t.Errorf("got header %q, want %q", got, wantHeader)
	}
	if len(rows) != 3 || strings.Join(rows[1], "|") != "2024-03-04 10:00|18500|Credit|thordis@example.is|Online|thordis@example.is|Room 2" ||
		strings.Join(rows[2], "|") != "2024-03-06 10:00|18500|Credit|thordis@example.is|Phone|aegir@example.is|Room 3" {
		t.Errorf("got rows %q", rows[1:])
	}
	text := strings.ToLower(out.String())
	for _, v := range []string{"jón", "ólöf", "olof@", "jon@", "bo@", "someone@", " bo"} {
		if strings.Contains(text, v) {
			t.Errorf("the output holds %q", v)
		}
	}
	wantDropped := []string{
		"G (Notes): it holds client names or emails",
		"H (Kunde): its header names a person's name, email, phone, address or ID",
		"I (E-mail): its header names a person's name, email, phone, address or ID",
		"J (Name): its header names a person's name, email, phone, address or ID",
		"K: it has no header, so nothing says it holds no client data",
		"N (Contact): it holds client names or emails",
		"P (Memo): it holds client names or emails",
	}
	var got []string
	for _, d := range red.Dropped {
		got = append(got, d.Column+": "+d.Reason)
	}
	if strings.Join(got, "\n") != strings.Join(wantDropped, "\n") {
		t.Errorf("got dropped\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(wantDropped, "\n"))
	}
	wantRemoved := "B (Client Name)|C (Client Email)|G (Notes)|H (Kunde)|I (E-mail)|J (Name)|K|N (Contact)|P (Memo)"
	if strings.Join(red.Removed, "|") != wantRemoved || red.Rows != 2 {
		t.Errorf("got removed %q and %d rows, want %q and 2 rows", red.Removed, red.Rows, wantRemoved)
	}
	if strings.Join(red.Headers, "|") != wantHeader {
		t.Errorf("got headers %q", red.Headers)
	}
}

// TestRedactKeepsHarmlessColumns: unknown columns that hold no client data, and a blank
// column that holds nothing, leave the output as it was: nothing dropped, nothing said.
func TestRedactKeepsHarmlessColumns(t *testing.T) {
	in := writeTemp(t, "p.csv", "Session Date,Client Name,Service Price,Type,Booking Channel,,Comment\n"+
		"2024-03-04 10:00,Anna Smith,18500,Credit,Online,,first visit\n"+
		"2024-03-05 10:00,Jón Jónsson,18500,Credit,Phone,,\n")
	var out bytes.Buffer
	red, err := Redact(in, &out, RedactOptions{Format: "csv"})
	if err != nil {
		t.Fatal(err)
	}
	want := "\uFEFFSession Date,Service Price,Type,Booking Channel,Comment\r\n" +
		"2024-03-04 10:00,18500,Credit,Online,first visit\r\n" +
		"2024-03-05 10:00,18500,Credit,Phone,\r\n"
	if out.String() != want {
		t.Errorf("got\n%q\nwant\n%q", out.String(), want)
	}
	if len(red.Dropped) != 0 || strings.Join(red.Removed, "|") != "B (Client Name)|F" {
		t.Errorf("got dropped %q, removed %q; want nothing dropped, B and the empty F removed", red.Dropped, red.Removed)
	}
}

// TestRedactXLSXDropsColumns: the .xlsx output leaves out the same columns.
func TestRedactXLSXDropsColumns(t *testing.T) {
	in := writeTemp(t, "p.csv", riskyExport)
	var out bytes.Buffer
	red, err := Redact(in, &out, RedactOptions{Format: "xlsx"})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(red.Headers, "|") != "Session Date|Service Price|Type|Professional Email|Booking Channel|Referred by|Room" || red.Rows != 3 {
		t.Errorf("got headers %q, %d rows", red.Headers, red.Rows)
	}
}

func TestClientMatcher(t *testing.T) {
	cm := newClientMatcher()
	cm.learnName("Jón  Jónsson")
	cm.learnName("Bo Li")
	cm.learnValue("jon@example.com")
	cm.learnValue("5551234")
	cm.learnValue("x") // too short to mean anything
	cm.professional(" Thordis@Example.is ")
	cm.build()
	for v, want := range map[string]bool{
		"":                                       false,
		"Online":                                 false,
		"seen with JÓN JÓNSSON today":            true,
		"jón\u00a0jónsson":                       true,
		"Jónssonar":                              false, // a word that only begins like a name part
		"Jónsson":                                true,  // a name part, as a word
		"asked about bo":                         true,
		"bottle":                                 false,
		"li":                                     true,
		"limit":                                  false,
		"JON@EXAMPLE.COM":                        true,
		"call 5551234":                           true,
		"x-ray":                                  false,
		"thordis@example.is":                     false,
		"mailto:THORDIS@example.is":              false,
		"someone@else.org":                       true,
		"a@b":                                    false, // no domain: not an email
		"write to ann.o'neil@mail.example.co.uk": true,
	} {
		if got := cm.matches(v); got != want {
			t.Errorf("matches(%q) = %v, want %v", v, got, want)
		}
	}
}

func TestPersonHeader(t *testing.T) {
	for h, want := range map[string]bool{
		"Kunde": true, "Klient": true, "Nafn": true, "Navn": true, "Namn": true, "Name": true,
		"E-mail": true, "Email": true, "Netfang": true, "E-post": true, "Kundenname": true,
		"Viðskiptavinur": true, "Phone": true, "Sími": true, "Address": true, "Kennitala": true,
		"Booking Channel": false, "Room": false, "Notes": false, "Location": false, "Sponsor Code": false,
	} {
		if got := personHeader(h); got != want {
			t.Errorf("personHeader(%q) = %v, want %v", h, got, want)
		}
	}
}

// FuzzACMatcher: the one-pass search finds a needle exactly when strings.Contains does.
func FuzzACMatcher(f *testing.F) {
	f.Add("jón jónsson|anna|nna s", "seen with anna smith")
	f.Add("abcd|bcx|c", "abcx")
	f.Add("aab|ab|b", "aaab")
	f.Fuzz(func(t *testing.T, needles, text string) {
		var ns []string
		for _, n := range strings.Split(needles, "|") {
			if n != "" {
				ns = append(ns, n)
			}
		}
		want := false
		for _, n := range ns {
			want = want || strings.Contains(text, n)
		}
		if got := newACMatcher(ns).find(text); got != want {
			t.Errorf("find(%q) among %q = %v, want %v", text, ns, got, want)
		}
	})
}
