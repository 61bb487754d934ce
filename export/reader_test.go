package export

import (
	"archive/zip"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// writeXLSX writes rows to the first sheet; a nil row is left out of the sheet entirely, as
// a sparse sheet does. Cells that are time.Time become date cells.
func writeXLSX(t testing.TB, rows [][]any) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	style, err := f.NewStyle(&excelize.Style{NumFmt: 22}) // m/d/yy h:mm
	if err != nil {
		t.Fatal(err)
	}
	for i, row := range rows {
		for j, v := range row {
			cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
			if err := f.SetCellValue("Sheet1", cell, v); err != nil {
				t.Fatal(err)
			}
			if _, ok := v.(time.Time); ok {
				f.SetCellStyle("Sheet1", cell, cell, style)
			}
		}
	}
	f.NewSheet("Notes")
	f.SetCellValue("Notes", "A1", "not the payments")
	path := filepath.Join(t.TempDir(), "payments.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

func writeFile(t testing.TB, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// readAll reads the export at path into records. Unless opts say how to read it once
// (Hold), it reads it once too, holding every record, and fails the test unless that gives
// the same records, Info and error as reading it twice: every test of the reader tests both.
func readAll(t testing.TB, path string, opts Options) ([]*Record, *Info, error) {
	t.Helper()
	var recs []*Record
	info, err := ReadFile(path, opts, func(r *Record) error { recs = append(recs, r); return nil })
	if opts.Hold == nil && !opts.KeepCells {
		once := opts
		once.Hold = func(*Record) bool { return true }
		var again []*Record
		info2, err2 := ReadFile(path, once, func(r *Record) error { again = append(again, r); return nil })
		if fmt.Sprint(err) != fmt.Sprint(err2) {
			t.Errorf("read once, the error is\n%v\nread twice\n%v", err2, err)
		}
		// On an error, what fn was given before it is to be thrown away: read once, the held
		// records are given only at the end, and so not at all.
		if err == nil && !reflect.DeepEqual(recs, again) {
			t.Errorf("read once, the records are\n%s\nread twice\n%s", dumpRecords(again), dumpRecords(recs))
		}
		if !reflect.DeepEqual(info, info2) {
			t.Errorf("read once, the info is %+v\nread twice %+v", info2, info)
		}
	}
	return recs, info, err
}

func dumpRecords(recs []*Record) string {
	var b strings.Builder
	for _, r := range recs {
		fmt.Fprintf(&b, "%+v\n", *r)
	}
	return b.String()
}

var invoiceColumns = []Column{SessionDate, ServiceName, ServicePrice, ProfessionalName, ProfessionalEmail, Type, Sponsor}

func TestReadXLSX(t *testing.T) {
	at := func(d, h int) time.Time { return time.Date(2024, 3, d, h, 0, 0, 0, time.UTC) }
	path := writeXLSX(t, [][]any{
		{"Payments export, March 2024"}, // a title above the header
		nil,
		{" transaction id", "DATE AND TIME", "Customer Name", "Service", "Amount", "Currency", "Professional", "Professional Email", "Payment Method", "Wellbeing Hub", "Payment Status", "State", "Room"},
		{"T1", at(5, 14), "Sigrún Hafsteinsdóttir", "Psychologist session 50 min", 18500, "ISK", "Þórdís Guðmundsdóttir", "Thordis@Example.is", "Credit", "ACME", "Paid", "Complete", "3"},
		nil, // a row missing from the sheet's XML
		{"T2", at(6, 9), "Jón Jónsson", "Psychologist session 50 min", "18.500 kr.", "", "Þórdís Guðmundsdóttir", "thordis@example.is", "Credit Card", "", "Unpaid", "Cancelled", ""},
		{"T3", at(7, 10), "Anna Smith", "Coaching", 55.5, "EUR", "Þórdís Guðmundsdóttir", "thordis@example.is", "credit", "Össur", "Paid", "Completed", ""},
		{},
		{"", "", "", "Total", 92500},
	})
	recs, info, err := readAll(t, path, Options{Require: invoiceColumns, Currency: "ISK"})
	if err != nil {
		t.Fatalf("ReadFile: %v", err)
	}
	if info.HeaderRow != 3 || info.Sheet != "Sheet1" || info.Format != "xlsx" {
		t.Errorf("header row %d sheet %q format %q, want 3 Sheet1 xlsx", info.HeaderRow, info.Sheet, info.Format)
	}
	if len(recs) != 3 {
		t.Fatalf("got %d records, want 3", len(recs))
	}
	wantRows := []int{4, 6, 7}
	for i, r := range recs {
		if r.Row != wantRows[i] {
			t.Errorf("record %d: row %d, want %d", i, r.Row, wantRows[i])
		}
	}
	r := recs[0]
	if !r.Session.Equal(at(5, 14)) || r.Price.String() != "18500" || r.Currency != "ISK" || r.Type != TypeCredit ||
		r.Sponsor != "ACME" || r.Status != StatusPaid || r.SessionState != SessionComplete || r.ProfEmail != "thordis@example.is" {
		t.Errorf("record 1 = %+v", r)
	}
	if r := recs[1]; r.Price.String() != "18500" || r.Currency != "ISK" || r.Type != TypeCard || r.Status != StatusUnpaid || r.SessionState != SessionCancelled {
		t.Errorf("record 2 = %+v", r)
	}
	if r := recs[2]; r.Price.String() != "55.5" || r.Currency != "EUR" || r.Type != TypeCredit || r.Sponsor != "Össur" {
		t.Errorf("record 3 = %+v", r)
	}
	if got := info.ClientColumns(); len(got) != 1 || got[0] != 2 {
		t.Errorf("client columns %v, want [2]", got)
	}
}

func TestReadCSV(t *testing.T) {
	tests := []struct {
		name, content string
	}{
		{"semicolon-bom.csv", "\uFEFFSession Date;Client Name;Service Name;Service Price;Service Currency;Professional Name;Professional Email;Type;Sponsor\n" +
			"05.03.2024 14:00;Sigrún;Viðtal;18.500 kr.;ISK;Þórdís;thordis@example.is;Credit;Marel\n" +
			"\n" +
			"06.03.2024 09:00;\"Jón\nJónsson\";Viðtal;60,00 €;EUR;Þórdís;thordis@example.is;Credit;ACME\n" +
			"07.03.2024 10:00;Anna;Viðtal;12 000 kr.;;Þórdís;thordis@example.is;Credit;ACME\n" +
			";;;48.500 kr.;;;;;\n"},
		{"comma.csv", "Session Date,Client Name,Service Name,Service Price,Service Currency,Professional Name,Professional Email,Type,Sponsor\n" +
			"2024-03-05 14:00,Sigrún,Viðtal,18500,ISK,Þórdís,thordis@example.is,Credit,Marel\n" +
			"\n" +
			"2024-03-06 09:00,\"Jón\nJónsson\",Viðtal,\"60.00\",EUR,Þórdís,thordis@example.is,Credit,ACME\n" +
			"2024-03-07 10:00,Anna,Viðtal,\"12,000\",ISK,Þórdís,thordis@example.is,Credit,ACME\n"},
		{"tab.tsv", "Session Date\tClient Name\tService Name\tService Price\tService Currency\tProfessional Name\tProfessional Email\tType\tSponsor\n" +
			"5 Mar 2024 14:00\tSigrún\tViðtal\t18500\tISK\tÞórdís\tthordis@example.is\tCredit\tMarel\n" +
			"\n" +
			"6 Mar 2024 09:00\t\"Jón\nJónsson\"\tViðtal\t€60.00\tEUR\tÞórdís\tthordis@example.is\tCredit\tACME\n" +
			"7 Mar 2024 10:00\tAnna\tViðtal\t12000\tISK\tÞórdís\tthordis@example.is\tCredit\tACME\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, info, err := readAll(t, writeFile(t, tt.name, tt.content), Options{Require: invoiceColumns})
			if err != nil {
				t.Fatalf("ReadFile: %v", err)
			}
			if info.Format != "csv" || len(recs) != 3 {
				t.Fatalf("format %q, %d records; want csv, 3", info.Format, len(recs))
			}
			// Rows as a spreadsheet shows them: the blank line is row 3, the quoted line break
			// keeps Jón Jónsson in row 4, so the next record is row 5.
			for i, want := range []int{2, 4, 5} {
				if recs[i].Row != want {
					t.Errorf("record %d: row %d, want %d", i, recs[i].Row, want)
				}
			}
			if got := recs[0].Session; !got.Equal(time.Date(2024, 3, 5, 14, 0, 0, 0, time.UTC)) {
				t.Errorf("first session %v, want 2024-03-05 14:00", got)
			}
			for i, want := range []string{"18500 ISK", "60 EUR", "12000 ISK"} {
				if got := recs[i].Price.String() + " " + recs[i].Currency; got != want {
					t.Errorf("record %d: price %s, want %s", i, got, want)
				}
			}
		})
	}
}

// TestPriceBoundXLSX: a number cell of 1e308 or 1e-300 is refused without being written out.
func TestPriceBoundXLSX(t *testing.T) {
	path := writeXLSX(t, [][]any{
		{"Session Date", "Service Price", "Type", "Professional Email"},
		{"2024-03-05 10:00", 1e308, "Credit", "p@x.is"},
		{"2024-03-05 10:00", 1e-300, "Credit", "p@x.is"},
		{"2024-03-05 10:00", 999999999.5, "Credit", "p@x.is"},
	})
	_, err := ReadFile(path, Options{}, func(*Record) error { return nil })
	want := path + ": row 2, column B (Service Price): \"1" + strings.Repeat("0", 39) + "…\" is more than 1,000,000,000, the most hubinvoice takes for one session\n" +
		path + ": row 3, column B (Service Price): \"0." + strings.Repeat("0", 38) + "…\" has more than 4 decimals, more than any currency has"
	if err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
}

func TestReadErrors(t *testing.T) {
	header := "Session Date,Client Name,Client Email,Service Name,Service Price,Service Currency,Professional Name,Professional Email,Type,Sponsor\n"
	tests := []struct {
		name, file, content string
		want                []string // lines of the error, in order
	}{
		{"missing column", "a.csv", "Session Date,Service Name,Professional Name,Professional Email,Type,Sponsor\n2024-03-05,X,P,p@x.is,Credit,ACME\n",
			[]string{"a.csv: no Service Price column (also seen as Price, Amount) in the header row (row 1)", "hint: tick Service Price in the portal's export dialog"}},
		{"bad price", "b.csv", header + "2024-03-05 14:00,Sigrún Hafsteinsdóttir,sigrun@example.is,Viðtal,\"12,5O\",ISK,P,p@x.is,Credit,ACME\n",
			[]string{`b.csv: row 2, column E (Service Price): "12,5O" is not an amount`}},
		{"name in price column", "c.csv", header + "2024-03-05 14:00,Sigrún Hafsteinsdóttir,sigrun@example.is,Viðtal,Sigrún Hafsteinsdóttir,ISK,P,p@x.is,Credit,ACME\n",
			[]string{`c.csv: row 2, column E (Service Price): a text is not an amount`}},
		{"bad date and price, all reported", "d.csv", header +
			"2024-03-05 14:00,A,a@x.is,S,100,ISK,P,p@x.is,Credit,ACME\n" +
			"31/02/2024 10:00,A,a@x.is,S,100,ISK,P,p@x.is,Credit,ACME\n" +
			"2024-03-07 10:00,A,a@x.is,S,1.2.3,ISK,P,p@x.is,Credit,ACME\n",
			[]string{`d.csv: row 3, column A (Session Date): "31/02/2024 10:00" is not a date that exists`,
				`d.csv: row 4, column E (Service Price): "1.2.3" is not an amount`}},
		{"ambiguous year", "e.csv", header + "05/03/24 14:00,A,a@x.is,S,100,ISK,P,p@x.is,Credit,ACME\n",
			[]string{`e.csv: row 2, column A (Session Date): "05/03/24 14:00" has a two-digit year, which is ambiguous: write the year in full`}},
		{"currency conflict", "f.csv", header + "2024-03-05,A,a@x.is,S,£60.00,EUR,P,p@x.is,Credit,ACME\n",
			[]string{`f.csv: row 2, column E (Service Price): the price is in GBP but the currency column says EUR`}},
		{"no header", "g.csv", "hello,world\n1,2\n",
			[]string{"g.csv: no header row: none of the first 30 rows names the export's columns (Session Date, Service Price, Type, ...)"}},
		{"binary", "h.csv", "\x00\x01\x02garbage",
			[]string{"h.csv: is not a spreadsheet (binary data)"}},
		{"not a zip", "i.xlsx", "Session Date,Price\n",
			[]string{"i.xlsx: is not a spreadsheet workbook (an .xlsx file is a zip archive; this one is not)"}},
		{"pdf", "j.csv", "%PDF-1.4 ...",
			[]string{"j.csv: is a PDF, not a spreadsheet"}},
		{"empty", "k.csv", "", []string{"k.csv: is empty"}},
		{"row out of line", "l.csv", header + "2024-03-05 14:00,\"Jónsdóttir, Sigríður\",s@x.is,Viðtal,18500,ISK,P,p@x.is,Credit,ACME\n" +
			"2024-03-06 14:00,Jónsdóttir, Sigríður,s@x.is,Viðtal,18500,ISK,P,p@x.is,Credit,ACME\n",
			[]string{"l.csv: row 3: has 11 cells where the header row has 10: is a separator inside an unquoted cell? (the cells are not shown)"}},
		{"name with a digit", "m.csv", header + "Sigríður 2,A,a@x.is,S,100,ISK,P,p@x.is,Credit,ACME\n",
			[]string{"m.csv: row 2, column A (Session Date): a text is not a date"}},
		{"price beyond a session's", "o.csv", header + "2024-03-05,A,a@x.is,S,1e308,ISK,P,p@x.is,Credit,ACME\n" +
			"2024-03-05,A,a@x.is,S,12345678901234567890123456789012,ISK,P,p@x.is,Credit,ACME\n" +
			"2024-03-05,A,a@x.is,S,\"1.000.000.001 kr.\",ISK,P,p@x.is,Credit,ACME\n" +
			"2024-03-05,A,a@x.is,S,\"1.000.000.000 kr.\",ISK,P,p@x.is,Credit,ACME\n" +
			"2024-03-05,A,a@x.is,S,0.00001,EUR,P,p@x.is,Credit,ACME\n",
			[]string{`o.csv: row 2, column E (Service Price): "1e308" is not an amount`,
				`o.csv: row 3, column E (Service Price): "12345678901234567890123456789012" is more than 1,000,000,000, the most hubinvoice takes for one session`,
				`o.csv: row 4, column E (Service Price): "1.000.000.001 kr." is more than 1,000,000,000, the most hubinvoice takes for one session`,
				`o.csv: row 6, column E (Service Price): "0.00001" has more than 4 decimals, more than any currency has`}},
		{"two currencies", "p.csv", header + "2024-03-05,A,a@x.is,S,£60 €,,P,p@x.is,Credit,ACME\n",
			[]string{`p.csv: row 2, column E (Service Price): "£60 €" names two currencies`}},
		{"far year", "n.csv", header + "2024-03-05 14:00,A,a@x.is,S,100,ISK,P,p@x.is,Credit,ACME\n05.03.0024 14:00,A,a@x.is,S,100,ISK,P,p@x.is,Credit,ACME\n",
			[]string{`n.csv: row 3, column A (Session Date): "05.03.0024 14:00" is not a date a session could have`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, tt.file)
			os.WriteFile(path, []byte(tt.content), 0o644)
			wd, _ := os.Getwd()
			os.Chdir(dir)
			defer os.Chdir(wd)
			_, err := ReadFile(tt.file, Options{Require: invoiceColumns}, func(*Record) error { return nil })
			if err == nil {
				t.Fatalf("no error; want %q", tt.want[0])
			}
			got := strings.Split(err.Error(), "\n")
			for i, w := range tt.want {
				if i >= len(got) || !strings.HasPrefix(got[i], w) {
					t.Errorf("error line %d:\n got %q\nwant %q", i+1, strings.Join(got, "\n"), w)
					break
				}
			}
			for _, secret := range []string{"Sigrún", "sigrun@", "Sigríður"} {
				if strings.Contains(err.Error(), secret) {
					t.Errorf("error %q quotes client data %q", err, secret)
				}
			}
		})
	}
}

// TestZipBomb: an .xlsx whose part declares gigabytes is refused before anything unpacks it.
func TestZipBomb(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bomb.xlsx")
	f, _ := os.Create(path)
	zw := zip.NewWriter(f)
	for _, name := range []string{"[Content_Types].xml", "xl/workbook.xml"} {
		w, _ := zw.Create(name)
		w.Write([]byte("<x/>"))
	}
	// 70 MiB of zeros deflates to a couple of hundred KiB.
	w, _ := zw.CreateHeader(&zip.FileHeader{Name: "xl/styles.xml", Method: zip.Deflate})
	zeros := make([]byte, 1<<20)
	for i := 0; i < 70; i++ {
		w.Write(zeros)
	}
	zw.Close()
	f.Close()
	_, err := ReadFile(path, Options{}, func(*Record) error { return nil })
	want := "bomb.xlsx: the workbook declares a part (xl/styles.xml) that unpacks to 70.0 MiB, more than hubinvoice reads"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("err = %v, want %q", err, want)
	}
	// The total is bounded too.
	_, err = ReadFile(path, Options{MaxUnzip: 1 << 20}, func(*Record) error { return nil })
	if err == nil || !strings.Contains(err.Error(), "unpacks to") {
		t.Fatalf("with a 1 MiB limit: err = %v", err)
	}
}

func TestDuplicateHeader(t *testing.T) {
	path := writeFile(t, "dup.csv", "Session Date,Booking Date,Service Price,Type\n2024-03-05,2024-03-05,1,Credit\n")
	_, err := ReadFile(path, Options{}, func(*Record) error { return nil })
	if err == nil || !strings.Contains(err.Error(), "row 1: columns A (Session Date) and B (Booking Date) both read as Session Date") {
		t.Fatalf("err = %v", err)
	}
}

func TestKeepCellsDropsClientColumns(t *testing.T) {
	path := writeFile(t, "k.csv", "Session Date,Client Name,Service Price,Patient notes,Client Email,Type,Room\n"+
		"2024-03-05 14:00,Sigrún,18500,private,s@x.is,Credit,3\n"+
		"2024-03-06 14:00,Jón,12000\n")
	recs, info, err := readAll(t, path, Options{KeepCells: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(info.KeptHeaders(), "|"); got != "Session Date|Service Price|Type|Room" {
		t.Errorf("kept headers %q", got)
	}
	if got := strings.Join(recs[0].Cells, "|"); got != "2024-03-05 14:00|18500|Credit|3" {
		t.Errorf("kept cells %q", got)
	}
	if got := strings.Join(recs[1].Cells, "|"); got != "2024-03-06 14:00|12000||" {
		t.Errorf("short row's kept cells %q, want padded", got)
	}
	if info.KeptColumn(Type) != 2 || info.KeptColumn(ClientName) != -1 || info.KeptColumn(Sponsor) != -1 {
		t.Errorf("KeptColumn: Type %d, Client Name %d, Sponsor %d", info.KeptColumn(Type), info.KeptColumn(ClientName), info.KeptColumn(Sponsor))
	}
	recs, _, _ = readAll(t, path, Options{})
	if recs[0].Cells != nil {
		t.Errorf("cells kept without KeepCells")
	}
}

// Excel on Windows saves "CSV (Comma delimited)" in the ANSI code page: Þórdís in
// Windows-1252 is not UTF-8, and must still come out as Þórdís.
func TestReadWindows1252CSV(t *testing.T) {
	content := "Session Date;Service Name;Service Price;Professional Name;Professional Email;Type;Sponsor\r\n" +
		"05.03.2024 14:00;Viðtal;18.500 kr.;Þórdís Guðmundsdóttir;thordis@example.is;Credit;Össur\r\n"
	enc, err := charmap.Windows1252.NewEncoder().String(content)
	if err != nil {
		t.Fatal(err)
	}
	recs, info, err := readAll(t, writeFile(t, "ansi.csv", enc), Options{Require: invoiceColumns})
	if err != nil {
		t.Fatalf("ReadFile: %v", err)
	}
	if len(recs) != 1 || recs[0].Professional != "Þórdís Guðmundsdóttir" || recs[0].Sponsor != "Össur" || recs[0].Service != "Viðtal" {
		t.Fatalf("records %+v", recs)
	}
	if len(info.Notes) != 1 || !strings.Contains(info.Notes[0], "Windows-1252") {
		t.Errorf("notes %q, want one saying the file was read as Windows-1252", info.Notes)
	}
}

// A title line above a ;-separated header must not decide the separator.
func TestSniffSeparatorBelowTitle(t *testing.T) {
	path := writeFile(t, "title.csv", "Payments, March 2024\n\n"+
		"Session Date;Service Name;Service Price;Professional Name;Professional Email;Type;Sponsor\n"+
		"05.03.2024 14:00;Viðtal, 50 mín;18.500 kr.;Þórdís;thordis@example.is;Credit;ACME\n")
	recs, info, err := readAll(t, path, Options{Require: invoiceColumns})
	if err != nil {
		t.Fatalf("ReadFile: %v", err)
	}
	if info.HeaderRow != 3 || len(recs) != 1 || recs[0].Service != "Viðtal, 50 mín" || recs[0].Price.String() != "18500" {
		t.Fatalf("header row %d, records %+v", info.HeaderRow, recs)
	}
}

// Excel's "Unicode Text" is UTF-16 with a byte order mark, separated by tabs.
func TestReadUTF16(t *testing.T) {
	content := "Session Date\tService Name\tService Price\tProfessional Name\tProfessional Email\tType\tSponsor\r\n" +
		"05.03.2024 14:00\tViðtal\t18500\tÞórdís Guðmundsdóttir\tthordis@example.is\tCredit\tÖssur\r\n"
	for _, endian := range []unicode.Endianness{unicode.LittleEndian, unicode.BigEndian} {
		enc, err := unicode.UTF16(endian, unicode.UseBOM).NewEncoder().String(content)
		if err != nil {
			t.Fatal(err)
		}
		recs, _, err := readAll(t, writeFile(t, "u16.txt", enc), Options{Require: invoiceColumns})
		if err != nil {
			t.Fatalf("ReadFile: %v", err)
		}
		if len(recs) != 1 || recs[0].Professional != "Þórdís Guðmundsdóttir" || recs[0].Sponsor != "Össur" || recs[0].Price.String() != "18500" {
			t.Fatalf("records %+v", recs)
		}
	}
}

// A file that is UTF-8 at its start and Windows-1252 further on (a sniff of its start cannot
// tell) is an error naming the row, not mojibake on the invoice.
func TestReadMixedEncoding(t *testing.T) {
	row := "05.03.2024 14:00,Viðtal,18500,Þórdís Guðmundsdóttir,thordis@example.is,Credit,ACME\n"
	var b strings.Builder
	b.WriteString("Session Date,Service Name,Service Price,Professional Name,Professional Email,Type,Sponsor\n")
	for b.Len() < 70<<10 {
		b.WriteString(row)
	}
	late, _ := charmap.Windows1252.NewEncoder().String("06.03.2024 14:00,Viðtal,18500,Þórdís,thordis@example.is,Credit,Össur\n")
	b.WriteString(late)
	rows := strings.Count(b.String(), "\n")
	_, _, err := readAll(t, writeFile(t, "mixed.csv", b.String()), Options{})
	want := fmt.Sprintf("mixed.csv: row %d, column B: is not UTF-8 text, as the rows before it are: the file mixes encodings", rows)
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("err = %v\nwant %q", err, want)
	}
}

// In a number cell 12.345 is twelve and a bit; in a text cell, as a European writes it, twelve
// thousand three hundred and forty-five. The reader knows which cell is which.
func TestReadXLSXNumberAndTextCells(t *testing.T) {
	path := writeXLSX(t, [][]any{
		{"Session Date", "Service Price", "Service Currency", "Type"},
		{time.Date(2024, 3, 5, 14, 0, 0, 0, time.UTC), 12.345, "KWD", "Credit"},
		{time.Date(2024, 3, 6, 14, 0, 0, 0, time.UTC), 0.125, "EUR", "Credit"},
		{time.Date(2024, 3, 7, 14, 0, 0, 0, time.UTC), "12.345", "ISK", "Credit"},
		{"45356", 1, "ISK", "Credit"},
	})
	recs, _, err := readAll(t, path, Options{})
	if err == nil || !strings.Contains(err.Error(), `row 5, column A (Session Date): "45356" is not a date`) {
		t.Errorf("a serial number as text in a date column: err = %v", err)
	}
	if len(recs) != 3 {
		t.Fatalf("got %d records before the bad row, want 3", len(recs))
	}
	for i, want := range []string{"12.345", "0.125", "12345"} {
		if got := recs[i].Price.String(); got != want {
			t.Errorf("row %d: price %s, want %s", recs[i].Row, got, want)
		}
	}
}
