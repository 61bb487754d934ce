package export

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// An .xlsx gives the same records as the CSV of its cells, withheld columns included: its
// texts as shared strings, the same string (one index) in several columns and rows, so that
// what the reader learns once per shared string (clientMatcher.sharedBefore) is learned as it
// is from the CSV's texts, column by column.
func TestSharedStringsReadAsCSV(t *testing.T) {
	namesakes := "Transaction ID,Session Date,Client Name,Client Email,Service Name,Service Price,Professional Name,Professional Email,Type,Sponsor\n" +
		"T1,2024-03-04 10:00,Jón Jónsson,jon@example.org,Session,18500,Anna Jónsdóttir,anna.j@example.is,Credit,Marel\n" +
		"T2,2024-03-05 10:00,Anna Jónsdóttir,anna@example.org,Session,18500,Jón Jónsson,jon.jonsson@example.is,Credit,Marel\n" +
		"T3,2024-03-06 10:00,Bo Li,bo@example.org,Session,18500,Sara Anna Jónsdóttir Pálsdóttir,sara@example.is,Credit,Marel\n" +
		"T4,2024-03-07 10:00,Sara Anna Jónsdóttir Pálsdóttir,sara@example.is,Session with Anna Jónsdóttir,18500,Bo Li,bo@example.org,Credit,Marel\n" +
		"T5,2024-03-08 10:00,Jón Jónsson,jon@example.org,Session,18500,Anna Jónsdóttir,anna.j@example.is,Credit,bo@example.org\n"
	for name, data := range map[string]string{"hostile": hostileExport, "namesakes": namesakes} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			csvPath := filepath.Join(dir, name+".csv")
			if err := os.WriteFile(csvPath, []byte(data), 0o644); err != nil {
				t.Fatal(err)
			}
			xlsxPath := filepath.Join(dir, name+".xlsx")
			csvAsXLSX(t, data, xlsxPath)
			opts := Options{KnownEmails: []string{"Accounts@KaraConnect.com"}}
			fromCSV, _, err := readAll(t, csvPath, opts)
			if err != nil {
				t.Fatal(err)
			}
			fromXLSX, _, err := readAll(t, xlsxPath, opts)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := recordTexts(fromXLSX), recordTexts(fromCSV); got != want {
				t.Errorf("from the .xlsx\n%s\nfrom the CSV\n%s", got, want)
			}
		})
	}
}

// csvAsXLSX writes the CSV's rows as an .xlsx whose cells are all texts (shared strings), but
// the Service Price, a number.
func csvAsXLSX(t *testing.T, data, path string) {
	rows, err := csv.NewReader(strings.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	x, err := NewXLSXWriter(&buf, rows[0], XLSXOptions{Time: time.Date(2024, 4, 2, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range rows[1:] {
		for i, c := range row {
			if rows[0][i] == "Service Price" {
				x.Number(i, c)
			} else {
				x.Text(i, c)
			}
		}
		if err := x.EndRow(); err != nil {
			t.Fatal(err)
		}
	}
	if err := x.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func recordTexts(recs []*Record) string {
	var b strings.Builder
	for _, r := range recs {
		fmt.Fprintf(&b, "%d %q %v %q %s %q %q <%s> %q %q %q %v\n", r.Row, r.TransactionID, r.Session.Format(time.DateTime), r.Service, r.Price, r.Currency,
			r.Professional, r.ProfEmail, r.Type, r.Sponsor, r.Status, r.Withheld)
	}
	return b.String()
}
