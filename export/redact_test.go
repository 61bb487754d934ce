package export

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestPlainNumber(t *testing.T) {
	for v, want := range map[string]bool{
		"481276": true, "0": true, "0.5": true, "-12": true, "55.5": true, "1.5E-7": true, "1E+21": true,
		"007": false, "12.000": false, "55.50": false, "": false, "-": false, "1.": false, ".5": false,
		"KC-730015": false, "1,5": false, "1e": false, "12 000": false, "+5": false,
	} {
		if got := plainNumber(v); got != want {
			t.Errorf("plainNumber(%q) = %v, want %v", v, got, want)
		}
	}
}

func writeTemp(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestRedactCSV: every client column goes, known or named so (a patient's notes); the other
// cells stay as they are, in order (a CSV cell beyond the header row is an error now); the filter
// keeps its rows and the count says so.
func TestRedactCSV(t *testing.T) {
	in := writeTemp(t, "p.csv", "Session Date;Client;Service Price;Type;Patient notes;Sponsor\n"+
		"05.03.2024 14:00;Jón Jónsson;18.500 kr.;Credit;anxious;ACME\n"+
		"06.03.2024 10:00;Anna Smith;60,00 €;Card;;\n"+
		";;;;;\n"+
		"07.03.2024 10:00;Sigríður;12000;credit;x;Marel\n")
	var out bytes.Buffer
	red, err := Redact(in, &out, RedactOptions{Format: "csv", Keep: func(r *Record) bool { return r.Type == TypeCredit }})
	if err != nil {
		t.Fatal(err)
	}
	want := "\uFEFFSession Date,Service Price,Type,Sponsor\r\n" +
		"05.03.2024 14:00,18.500 kr.,Credit,ACME\r\n" +
		"07.03.2024 10:00,12000,credit,Marel\r\n"
	if out.String() != want {
		t.Errorf("got\n%q\nwant\n%q", out.String(), want)
	}
	if red.Rows != 2 || strings.Join(red.Removed, "|") != "B (Client)|E (Patient notes)" || len(red.Headers) != 4 {
		t.Errorf("got %d rows, removed %q, headers %q", red.Rows, red.Removed, red.Headers)
	}
}

// TestRedactBadRow: a row the reader cannot read is an error naming it, as in ReadFile, and
// no client value is quoted.
func TestRedactBadRow(t *testing.T) {
	in := writeTemp(t, "p.csv", "Session Date,Client Name,Service Price,Type\n"+
		"2024-03-05 14:00,Jón Jónsson,12,5O,Credit\n"+
		"2024-03-32 14:00,Jón Jónsson,12000,Credit\n")
	for _, format := range []string{"csv", "xlsx"} {
		_, err := Redact(in, &bytes.Buffer{}, RedactOptions{Format: format})
		if err == nil || !strings.Contains(err.Error(), "row 3, column A (Session Date)") || strings.Contains(err.Error(), "Jón") {
			t.Errorf("%s: got error %v, want one naming row 3, column A and no client", format, err)
		}
	}
	if _, err := Redact(in, &bytes.Buffer{}, RedactOptions{Format: "pdf"}); err == nil {
		t.Error("format pdf: no error")
	}
}
