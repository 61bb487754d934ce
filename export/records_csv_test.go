package export

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

// TestWriteRecordsCSV: the chosen columns under their canonical headers, dates and prices as
// a spreadsheet reads them, a hostile cell neutralised, and no client column.
func TestWriteRecordsCSV(t *testing.T) {
	recs := []*Record{{
		Row: 2, Paid: time.Date(2024, 3, 5, 9, 50, 0, 0, time.UTC), Session: time.Date(2024, 3, 5, 9, 0, 0, 0, time.UTC),
		Service: "=1+1", Price: decimal.RequireFromString("115.5"), Currency: "EUR",
		Professional: "Þórdís Guðmundsdóttir", ProfEmail: "thordis@example.is", Type: TypeCredit, Sponsor: "Marel",
	}, {
		Row: 3, Session: time.Date(2024, 3, 6, 14, 0, 0, 0, time.UTC), Service: "Session",
		Price: decimal.RequireFromString("18500"), Currency: "ISK", Type: TypeCredit,
	}}
	minor := func(c string) int32 {
		if c == "ISK" {
			return 0
		}
		return 2
	}
	var b bytes.Buffer
	cols := []Column{Sponsor, TransactionDate, SessionDate, ServiceName, ServicePrice, ServiceCurrency, ProfessionalName, ProfessionalEmail, Type}
	if err := WriteRecordsCSV(&b, recs, cols, minor); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b.Bytes(), []byte("\uFEFF")) || !bytes.Contains(b.Bytes(), []byte("\r\n")) {
		t.Error("not Excel's CSV UTF-8: want a byte order mark and CRLF")
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b.Bytes(), []byte("\uFEFF")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"Sponsor", "Transaction Date", "Session Date", "Service Name", "Service Price", "Service Currency", "Professional Name", "Professional Email", "Type"},
		{"Marel", "2024-03-05 09:50", "2024-03-05 09:00", "'=1+1", "115.50", "EUR", "Þórdís Guðmundsdóttir", "thordis@example.is", "Credit"},
		{"", "", "2024-03-06 14:00", "Session", "18500", "ISK", "", "", "Credit"},
	}
	if got, w := strings.Join(flatten(rows), "|"), strings.Join(flatten(want), "|"); got != w {
		t.Errorf("got\n%s\nwant\n%s", got, w)
	}
	for _, c := range []Column{ClientName, ClientEmail} {
		if err := WriteRecordsCSV(&b, recs, []Column{c}, nil); err == nil {
			t.Errorf("a records CSV with %s was written", c.Header())
		}
	}
}

func flatten(rows [][]string) []string {
	var out []string
	for _, r := range rows {
		out = append(out, strings.Join(r, ","))
	}
	return out
}
