package export

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

// Workbooks written by openpyxl whose payments are not on the first sheet
// (testdata/fixtures/sheets/make_sheets.py): the sheet holding the export's header is read,
// with the rows and totals the script computed.
func TestPaymentsSheet(t *testing.T) {
	const dir = "../testdata/fixtures/sheets"
	var expected map[string]struct {
		Sheet      string            `json:"sheet"`
		Rows       int               `json:"rows"`
		CreditPaid map[string]string `json:"credit_paid"`
	}
	data, err := os.ReadFile(filepath.Join(dir, "expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &expected); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ file, sheet string }{
		{"cover-payments.xlsx", ""},         // named Payments
		{"cover-export.xlsx", ""},           // the first sheet with a header
		{"cover-payments.xlsx", "payments"}, // chosen, spelt otherwise
		{"cover-export.xlsx", "March export"},
	} {
		t.Run(tt.file+"/"+tt.sheet, func(t *testing.T) {
			want := expected[tt.file]
			recs, info, err := readAll(t, filepath.Join(dir, tt.file), Options{Sheet: tt.sheet, Require: []Column{SessionDate, ServicePrice, Type}})
			if err != nil {
				t.Fatal(err)
			}
			if info.Sheet != want.Sheet || len(recs) != want.Rows {
				t.Errorf("read sheet %q, %d rows; want %q, %d", info.Sheet, len(recs), want.Sheet, want.Rows)
			}
			got := map[string]decimal.Decimal{}
			for _, r := range recs {
				if r.Type == TypeCredit && r.Status == StatusPaid {
					got[r.Currency] = got[r.Currency].Add(r.Price)
				}
			}
			for cur, w := range want.CreditPaid {
				if !got[cur].Equal(decimal.RequireFromString(w)) {
					t.Errorf("Paid Credit %s %s, want %s", cur, got[cur], w)
				}
			}
			note := strings.Join(info.Notes, "\n")
			if tt.sheet == "" && !strings.Contains(note, `read the payments on sheet "`+want.Sheet+`": the first sheet, "Cover", holds no export header`) {
				t.Errorf("notes %q: want one saying which sheet was read", info.Notes)
			}
		})
	}
}

func TestPaymentsSheetErrors(t *testing.T) {
	const dir = "../testdata/fixtures/sheets"
	csv := writeFile(t, "p.csv", "Session Date,Service Price,Type\n05.03.2024 10:00,100,Credit\n")
	for _, tt := range []struct {
		path  string
		sheet string
		want  string
	}{
		{filepath.Join(dir, "no-payments.xlsx"), "", `no-payments.xlsx: no sheet holds the payments: none of the sheets "Cover" and "Notes" names the export's columns`},
		{filepath.Join(dir, "cover-payments.xlsx"), "Nope", `cover-payments.xlsx: has no sheet named "Nope"; its sheets are "Cover", "Payments" and "Notes"`},
		{filepath.Join(dir, "cover-payments.xlsx"), "Cover", `cover-payments.xlsx: no header row`}, // chosen: no other sheet is tried
		{csv, "Payments", `p.csv: is a CSV file, which has no sheets (asked for sheet "Payments")`},
	} {
		_, _, err := readAll(t, tt.path, Options{Sheet: tt.sheet})
		if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), tt.path+": ") {
			t.Errorf("%s, sheet %q: got %v, want an error naming the file and saying %q", filepath.Base(tt.path), tt.sheet, err, tt.want)
		}
	}
	// A sheet with a header that lacks a needed column does not hold the payments, and its
	// error is the one given when no sheet does.
	_, _, err := readAll(t, filepath.Join(dir, "cover-payments.xlsx"), Options{Require: []Column{ProfessionalName, SessionStatus}})
	if err == nil || !strings.Contains(err.Error(), "no Session Status column") {
		t.Errorf("got %v, want the payments sheet's missing column", err)
	}
}
