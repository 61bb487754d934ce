package sample

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hubinvoice/hubinvoice/export"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// sampleRows returns the rows the generator makes for the options, as a test sees them.
func sampleRows(o Options) []sampleRow {
	s := newSampler(o)
	var rows []sampleRow
	for {
		row, ok := s.next()
		if !ok {
			return rows
		}
		rows = append(rows, row)
	}
}

func writeSample(t *testing.T, format string, o Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	write := WriteCSV
	if format == "xlsx" {
		write = WriteXLSX
	}
	if err := write(&buf, o); err != nil {
		t.Fatalf("WriteSample%s: %v", strings.ToUpper(format), err)
	}
	return buf.Bytes()
}

func TestSampleSameSeedSameBytes(t *testing.T) {
	t.Parallel()
	for _, format := range []string{"csv", "xlsx"} {
		t.Run(format, func(t *testing.T) {
			a := writeSample(t, format, Options{Rows: 300, Seed: 7})
			b := writeSample(t, format, Options{Rows: 300, Seed: 7})
			if !bytes.Equal(a, b) {
				t.Errorf("two samples with seed 7 differ (%d and %d bytes)", len(a), len(b))
			}
			c := writeSample(t, format, Options{Rows: 300, Seed: 8})
			if bytes.Equal(a, c) {
				t.Errorf("the samples with seeds 7 and 8 are the same")
			}
		})
	}
}

func TestSampleXLSXPinsTimestamps(t *testing.T) {
	data := writeSample(t, "xlsx", Options{Rows: 10, Seed: 1})
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if got := f.Modified.Format(time.RFC3339); got != sampleExportTime {
			t.Errorf("zip entry %s has modification time %s, want the export's %s", f.Name, got, sampleExportTime)
		}
		if f.Name != "docProps/core.xml" {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		var core bytes.Buffer
		_, err = core.ReadFrom(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		for _, tag := range []string{"dcterms:created", "dcterms:modified"} {
			if !strings.Contains(core.String(), `>`+sampleExportTime+`</`+tag+`>`) {
				t.Errorf("docProps/core.xml has no %s of %s:\n%s", tag, sampleExportTime, core.String())
			}
		}
	}
}

func TestSampleProfessionals(t *testing.T) {
	tests := []struct{ rows, professionals, want int }{
		{0, 0, 3}, {60, 0, 3}, {1_000, 0, 3}, {10_000, 0, 20}, {100_000, 0, 200},
		{1_000_000, 0, 2_000}, {60, 1, 1}, {60, 12, 12},
	}
	for _, tt := range tests {
		got := Professionals(Options{Rows: tt.rows, Professionals: tt.professionals, Seed: 1})
		if len(got) != tt.want {
			t.Errorf("rows %d, professionals %d: got %d professionals, want %d", tt.rows, tt.professionals, len(got), tt.want)
		}
	}

	profs := Professionals(Options{Rows: 1_000_000, Seed: 3})
	if p := profs[0]; p.Name != "Þórdís Guðmundsdóttir" || p.Email != "thordis@example.is" || p.Currency != "ISK" {
		t.Errorf("first professional = %+v, want the demo's Þórdís Guðmundsdóttir <thordis@example.is> in ISK", p)
	}
	names, locals := map[string]bool{}, map[string]bool{}
	currencies := map[string]int{}
	for _, p := range profs {
		local, domain, ok := strings.Cut(p.Email, "@")
		if !ok || local == "" || !strings.Contains(domain, ".") || strings.ContainsAny(p.Email, " ÞþÐðÆæÖöÁáÉéÍíÓóÚúÝý'") {
			t.Errorf("%s has email %q, want a plain ASCII address", p.Name, p.Email)
		}
		if names[p.Name] || locals[local] {
			t.Errorf("name %q or email local part %q appears twice", p.Name, local)
		}
		names[p.Name], locals[local] = true, true
		currencies[p.Currency]++
		if len(p.Sponsors) == 0 {
			t.Errorf("%s works with no Wellbeing Hub", p.Name)
		}
		if p.Language != "en" && p.Language != "is" {
			t.Errorf("%s has language %q", p.Name, p.Language)
		}
	}
	if currencies["ISK"] < len(profs)/2 || currencies["EUR"] == 0 || currencies["GBP"] == 0 {
		t.Errorf("currencies of the professionals = %v, want mostly ISK and some EUR and GBP", currencies)
	}
	// The professionals do not depend on the number of rows, only on the seed and how many.
	a := Professionals(Options{Rows: 100, Professionals: 5, Seed: 3})
	b := Professionals(Options{Rows: 100_000, Professionals: 5, Seed: 3})
	for i := range a {
		if a[i].Email != b[i].Email {
			t.Errorf("professional %d: %s with 100 rows, %s with 100,000", i, a[i].Email, b[i].Email)
		}
	}
}

// TestSampleRealistic checks the mix of a sample: what the issue asks of it.
func TestSampleRealistic(t *testing.T) {
	t.Parallel()
	const n = 20_000
	o := Options{Rows: n, Seed: 42}
	rows := sampleRows(o)
	if len(rows) != n {
		t.Fatalf("got %d rows, want %d", len(rows), n)
	}
	count := map[string]int{}
	profCurrency := map[string]map[string]int{}
	seen := map[int64]sampleRow{}
	var prev time.Time
	for i, r := range rows {
		count["type "+r.typ]++
		count["status "+r.status]++
		count["state "+r.state]++
		count["currency "+r.currency]++
		if r.state == export.SessionCancelled && r.status == export.StatusPaid {
			count["charged cancellation"]++
		}
		if r.typ == export.TypeCredit && r.sponsor == "" {
			count["credit without sponsor"]++
		}
		if r.typ != export.TypeCredit && r.sponsor != "" {
			t.Errorf("row %d: a %s payment has sponsor %q", i, r.typ, r.sponsor)
		}
		if r.session.Year() != 2024 || r.session.Weekday() == time.Saturday || r.session.Weekday() == time.Sunday {
			t.Errorf("row %d: session on %v, want a weekday of 2024", i, r.session)
		}
		if h := r.session.Hour(); h < 8 || h > 17 {
			t.Errorf("row %d: session at %v, want working hours", i, r.session.Format("15:04"))
		}
		if r.session.Before(prev) {
			t.Errorf("row %d: session %v before the previous row's %v", i, r.session, prev)
		}
		prev = r.session
		if old, dup := seen[r.id]; dup {
			count["duplicate"]++
			if old != r {
				t.Errorf("row %d: transaction %d appears twice with different contents", i, r.id)
			}
		}
		seen[r.id] = r
		if profCurrency[r.prof.Email] == nil {
			profCurrency[r.prof.Email] = map[string]int{}
		}
		profCurrency[r.prof.Email][r.currency]++
		if !strings.Contains(r.clientEmail, "@") || r.client == "" {
			t.Errorf("row %d: client %q <%s>", i, r.client, r.clientEmail)
		}
		if r.price <= 0 {
			t.Errorf("row %d: price %d", i, r.price)
		}
	}
	between := func(what string, lo, hi int) {
		t.Helper()
		if c := count[what]; c < lo || c > hi {
			t.Errorf("%s: %d of %d rows, want %d to %d", what, c, n, lo, hi)
		}
	}
	between("type Credit", n*55/100, n*65/100)
	for _, typ := range []string{export.TypeCard, export.TypePOS, export.TypeCash, export.TypeBankTransfer, export.TypeOther} {
		between("type "+typ, n/100, n/4)
	}
	between("status Paid", n*80/100, n*95/100)
	between("status Unpaid", n/50, n/5)
	between("status Void", n/100, n/10)
	between("state Cancelled", n/50, n/10)
	between("charged cancellation", 10, n/20)
	between("credit without sponsor", 10, n/50)
	between("duplicate", 1, n/500)
	between("currency ISK", n/2, n)
	between("currency EUR", 10, n/2)
	between("currency GBP", 10, n/2)
	if got, want := len(profCurrency), len(Professionals(o)); got != want {
		t.Errorf("%d professionals have sessions, want all %d", got, want)
	}
	for email, cur := range profCurrency {
		total, most := 0, 0
		for _, c := range cur {
			total += c
			most = max(most, c)
		}
		if most*100 < total*90 {
			t.Errorf("%s: sessions by currency %v, want one currency for 90%% or more", email, cur)
		}
	}
	// No client bears a professional's name, so a search for client names in an invoice
	// cannot find the professional's own.
	profNames := map[string]bool{}
	for _, p := range Professionals(o) {
		profNames[p.Name] = true
	}
	for i, r := range rows {
		if profNames[r.client] {
			t.Fatalf("row %d: client has the name of professional %q", i, r.client)
		}
	}
}

func TestSampleOneProfessionalOneMonth(t *testing.T) {
	o := Options{Rows: 60, Seed: 2024, Professionals: 1,
		From: time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC), Until: time.Date(2024, 4, 1, 0, 0, 0, 0, time.UTC)}
	rows := sampleRows(o)
	if len(rows) != 60 {
		t.Fatalf("got %d rows, want 60", len(rows))
	}
	days := map[int]bool{}
	for i, r := range rows {
		if r.prof.Email != "thordis@example.is" {
			t.Errorf("row %d: professional %s, want thordis@example.is", i, r.prof.Email)
		}
		if r.session.Month() != time.March || r.session.Year() != 2024 {
			t.Errorf("row %d: session %v, want March 2024", i, r.session)
		}
		days[r.session.Day()] = true
	}
	if len(days) < 15 {
		t.Errorf("sessions on %d days of March, want them spread over the month's working days", len(days))
	}
}

func TestSampleOptionsErrors(t *testing.T) {
	march := time.Date(2024, 3, 2, 0, 0, 0, 0, time.UTC) // a Saturday
	tests := []struct {
		name string
		o    Options
		want string
	}{
		{"negative rows", Options{Rows: -1}, "sample: -1 rows: want 0 or more"},
		{"negative professionals", Options{Rows: 1, Professionals: -2}, "sample: -2 professionals: want 1 or more"},
		{"a weekend", Options{Rows: 1, From: march, Until: march.AddDate(0, 0, 2)},
			"sample: no working day from 2024-03-02 to 2024-03-04"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, write := range []func(*bytes.Buffer, Options) error{
				func(b *bytes.Buffer, o Options) error { return WriteCSV(b, o) },
				func(b *bytes.Buffer, o Options) error { return WriteXLSX(b, o) },
			} {
				var buf bytes.Buffer
				if err := write(&buf, tt.o); err == nil || err.Error() != tt.want {
					t.Errorf("got %v, want %q", err, tt.want)
				}
			}
		})
	}
}

// TestSampleCells checks the cells of both formats against the generator's rows: the CSV's
// text, and the workbook's cell types and number formats as Excel would show them.
func TestSampleCells(t *testing.T) {
	t.Parallel()
	o := Options{Rows: 300, Seed: 5}
	rows := sampleRows(o)

	recs, err := csv.NewReader(bytes.NewReader(writeSample(t, "csv", o))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(recs[0], ","), strings.Join(sampleHeaders(), ","); got != want {
		t.Errorf("CSV header = %s, want %s", got, want)
	}
	if len(recs) != len(rows)+1 {
		t.Fatalf("CSV has %d records, want %d", len(recs), len(rows)+1)
	}

	f, err := excelize.OpenReader(bytes.NewReader(writeSample(t, "xlsx", o)))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); len(got) != 1 || got[0] != "Payments" {
		t.Errorf("sheets = %q, want [Payments]", got)
	}
	xrows, err := f.GetRows("Payments") // formatted as Excel shows them
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(xrows[0], ","), strings.Join(sampleHeaders(), ","); got != want {
		t.Errorf("XLSX header = %s, want %s", got, want)
	}
	if len(xrows) != len(rows)+1 {
		t.Fatalf("XLSX has %d rows, want %d", len(xrows), len(rows)+1)
	}
	for i, r := range rows {
		rec, xrec := recs[i+1], xrows[i+1]
		for len(xrec) < int(export.NumColumns) {
			xrec = append(xrec, "")
		}
		want := map[export.Column][2]string{ // CSV text, XLSX formatted text
			export.SessionDate:     {r.session.Format("2006-01-02 15:04"), r.session.Format("2006-01-02 15:04")},
			export.TransactionDate: {r.paid.Format("2006-01-02 15:04"), r.paid.Format("2006-01-02 15:04")},
			export.ServicePrice:    {samplePrice(r.price, r.currency), sampleExcelPrice(r.price, r.currency)},
			export.Sponsor:         {r.sponsor, r.sponsor},
			export.ClientName:      {r.client, r.client},
		}
		for c, w := range want {
			if rec[c] != w[0] || xrec[c] != w[1] {
				t.Errorf("row %d, %s: CSV %q, XLSX %q; want %q, %q", i+2, c.Header(), rec[c], xrec[c], w[0], w[1])
			}
		}
	}

	// Dates are date cells and prices number cells, not text.
	for _, cell := range []string{"B2", "C2", "G2"} {
		typ, err := f.GetCellType("Payments", cell)
		if err != nil {
			t.Fatal(err)
		}
		if typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
			t.Errorf("cell %s has type %v, want a number", cell, typ)
		}
		raw, _ := f.GetCellValue("Payments", cell, excelize.Options{RawCellValue: true})
		if strings.ContainsAny(raw, "-: ") {
			t.Errorf("cell %s holds %q, want a serial number", cell, raw)
		}
	}
}

// sampleExcelPrice is a price as the workbook's number formats show it.
func sampleExcelPrice(amount int64, currency string) string {
	s := samplePrice(amount, currency)
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, d := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(d)
	}
	if frac != "" {
		b.WriteString("." + frac)
	}
	return b.String()
}

// TestSampleReadBack reads both formats of a sample with export.ReadFile: every row is a record and
// its fields are the generator's.
func TestSampleReadBack(t *testing.T) {
	t.Parallel()
	o := Options{Rows: 1_000, Seed: 11}
	rows := sampleRows(o)
	dir := t.TempDir()
	for _, format := range []string{"csv", "xlsx"} {
		t.Run(format, func(t *testing.T) {
			path := filepath.Join(dir, "sample."+format)
			if err := os.WriteFile(path, writeSample(t, format, o), 0o600); err != nil {
				t.Fatal(err)
			}
			var got []*export.Record
			info, err := export.ReadFile(path, export.Options{}, func(r *export.Record) error {
				got = append(got, r)
				return nil
			})
			if err != nil {
				t.Fatalf("ReadFile: %v", err)
			}
			for c := range export.NumColumns {
				if !info.Has(c) {
					t.Errorf("the reader finds no %s column", c.Header())
				}
			}
			if len(got) != len(rows) {
				t.Fatalf("read %d records, want %d", len(got), len(rows))
			}
			for i, r := range rows {
				rec := got[i]
				scale := map[bool]int32{true: 0, false: -2}[sampleScale(r.currency) == 1]
				want := export.Record{
					Row: i + 2, TransactionID: strings.TrimSpace(rec.TransactionID), Paid: r.paid, Session: r.session,
					Service: r.service, Currency: r.currency, Professional: r.prof.Name,
					ProfEmail: r.prof.Email, Type: r.typ, Sponsor: r.sponsor, Status: r.status, SessionState: r.state,
				}
				if rec.TransactionID != strconv.FormatInt(r.id, 10) || !rec.Price.Equal(decimal.New(r.price, scale)) {
					t.Errorf("row %d: ID %q, price %s; want %d, %s", i+2, rec.TransactionID, rec.Price, r.id, decimal.New(r.price, scale))
				}
				want.Price = rec.Price
				if !rec.Paid.Equal(want.Paid) || !rec.Session.Equal(want.Session) {
					t.Errorf("row %d: paid %v, session %v; want %v, %v", i+2, rec.Paid, rec.Session, want.Paid, want.Session)
				}
				want.Paid, want.Session = rec.Paid, rec.Session
				if !reflect.DeepEqual(*rec, want) {
					t.Errorf("row %d:\ngot  %+v\nwant %+v", i+2, *rec, want)
				}
			}
		})
	}
}

// TestSampleDemoReproducible checks that the committed demo export is what its README says
// made it, so that the README stays true when the generator changes.
func TestSampleDemoReproducible(t *testing.T) {
	want, err := os.ReadFile("../../testdata/demo/payments-2024-03.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	o := Options{Rows: 60, Seed: 42, Professionals: 1,
		From: time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC), Until: time.Date(2024, 4, 1, 0, 0, 0, 0, time.UTC)}
	if got := writeSample(t, "xlsx", o); !bytes.Equal(got, want) {
		t.Errorf("the sample differs from testdata/demo/payments-2024-03.xlsx: after changing the generator, " +
			"regenerate it with the command in testdata/demo/README.md")
	}
}
