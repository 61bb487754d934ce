package export

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
)

func TestSafeCell(t *testing.T) {
	for in, want := range map[string]string{
		`=HYPERLINK("http://x.example","click")`: `'=HYPERLINK("http://x.example","click")`,
		"@SUM(1)":                                "'@SUM(1)",
		"=cmd|' /C calc'!A0":                     "'=cmd|' /C calc'!A0",
		"+1+cmd|' /C calc'!A0":                   "'+1+cmd|' /C calc'!A0",
		"-1+1":                                   "'-1+1",
		"\t=1":                                   "'\t=1",
		"\r=1":                                   "'\r=1",
		"+1":                                     "+1", // a plain number is no formula
		"-1":                                     "-1",
		"-12.50":                                 "-12.50",
		"-":                                      "'-",
		"-.5":                                    "'-.5",
		"Session with Dr. = Anna":                "Session with Dr. = Anna",
		"":                                       "",
		"18.500 kr.":                             "18.500 kr.",
	} {
		if got := SafeCell(in); got != want {
			t.Errorf("SafeCell(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestCSVWriterRoundTrip: what the writer writes reads back, through encoding/csv, as the
// safe cells: a lone CR inside a cell kept, quotes doubled, rows ending in CRLF.
func TestCSVWriterRoundTrip(t *testing.T) {
	rows := [][]string{
		{"a\rb", "x=1", `say "hi"`, " lead", "c,d", "two\nlines"},
		{"\r=1", "=1+1", "", "-5", "@x", "\t"},
	}
	var b bytes.Buffer
	w := NewCSVWriter(&b)
	for _, r := range rows {
		if err := w.Write(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(b.String(), "\r\n") || strings.Count(b.String(), "\r\n") != 2 {
		t.Errorf("rows do not end in CRLF: %q", b.String())
	}
	got, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		for j, v := range r {
			if want := SafeCell(v); got[i][j] != want {
				t.Errorf("row %d cell %d: got %q, want %q", i+1, j+1, got[i][j], want)
			}
		}
	}
}

// TestRedactCSVNeutralisesFormulas: a formula in a copied cell of the export (here a CSV's, so
// copied as it is) reaches the redacted CSV only behind an apostrophe; a CR stays a CR.
func TestRedactCSVNeutralisesFormulas(t *testing.T) {
	in := writeTemp(t, "f.csv", "Session Date,Service Name,Service Price,Type,Professional Email,Room\n"+
		"2024-03-04 10:00,\"=HYPERLINK(\"\"http://x.example\"\",\"\"click\"\")\",-5,Credit,p@x.is,@SUM(1)\n"+
		"2024-03-05 10:00,\"\r=1\",18500,Credit,p@x.is,=cmd|' /C calc'!A0\n")
	var out bytes.Buffer
	if _, err := Redact(in, &out, RedactOptions{Format: "csv"}); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(out.String(), "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	got := [][]string{{rows[1][1], rows[1][2], rows[1][5]}, {rows[2][1], rows[2][5]}}
	want := [][]string{{`'=HYPERLINK("http://x.example","click")`, "-5", "'@SUM(1)"}, {"'\r=1", "'=cmd|' /C calc'!A0"}}
	for i := range want {
		if strings.Join(got[i], "|") != strings.Join(want[i], "|") {
			t.Errorf("row %d: got %q, want %q", i+2, got[i], want[i])
		}
	}
}
