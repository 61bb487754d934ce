package export

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/hubinvoice/hubinvoice/export/internal/xlsx"
)

// FuzzParseAmount: never panics, and whatever it accepts that a price may be (priceProblem:
// at most a billion, at most 4 decimals; the reader refuses the rest, naming row and column)
// survives a round trip through the plain decimal form.
func FuzzParseAmount(f *testing.F) {
	for _, s := range []string{"12000", "12.000", "12 000 kr.", "£60.00", "60,00 €", "1,234.50", "-5", ".5", "1.2E+4", "kr. 5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, _, err := ParseAmount(s)
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("ParseAmount(%q): error has several lines: %q", s, err)
			}
			return
		}
		if priceProblem(d) != "" {
			return // ",000…001" (47 decimals): refused by the reader as a price
		}
		// Re-read the plain form; three decimals would read as a thousands group, so a
		// trailing zero makes the form unambiguous.
		plain := d.String()
		if i := strings.IndexByte(plain, '.'); i >= 0 && len(plain)-i-1 == 3 {
			plain += "0"
		}
		back, _, err := ParseAmount(plain)
		if err != nil || !back.Equal(d) {
			t.Errorf("ParseAmount(%q) = %s, which reads back as %s, %v", s, d, back, err)
		}
	})
}

// FuzzParseDate: never panics; an accepted date is a real one and formats back to itself.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2024-03-05 14:00", "05/03/2024 14:00", "05.03.2024 14:00", "5 Mar 2024 14:00", "Mar 5, 2024 2:00 PM", "2024-03-05T14:00:00.000"} {
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, s string, mdy bool) {
		order := DayFirst
		if mdy {
			order = MonthFirst
		}
		d, err := ParseDate(s, order)
		if err != nil {
			return
		}
		iso := d.Format("2006-01-02 15:04:05")
		back, err := ParseDate(iso, order)
		if err != nil || !back.Equal(d) {
			t.Errorf("ParseDate(%q) = %v, which reads back as %v, %v", s, d, back, err)
		}
		if d.Year() < 1000 || d.Location() != time.UTC {
			t.Errorf("ParseDate(%q) = %v", s, d)
		}
	})
}

// readBytes reads an export held in memory as ReadFile reads a file (the guard learned in a
// pass of its own, then the rows), with no file in between: a fuzzer feeds the parser
// directly. A workbook's parts are data's when it is a zip archive, else data is a CSV.
func readBytes(name string, data []byte, opts Options, fn func(*Record) error) (*Info, error) {
	open := func() (*parser, error) {
		info := newInfo(name)
		var src source
		if bytes.HasPrefix(data, []byte("PK\x03\x04")) {
			s, err := xlsx.OpenReader(bytes.NewReader(data), int64(len(data)), xlsx.Options{MaxUnzip: opts.MaxUnzip})
			if err != nil {
				return nil, fmt.Errorf("%s: %v", name, err)
			}
			info.Format, info.Sheet, src = "xlsx", s.Name(), xlsxSource{s}
		} else {
			var err error
			info.Format = "csv"
			if src, err = openCSV(io.NopCloser(bytes.NewReader(data)), name, info); err != nil {
				return nil, err
			}
		}
		p := &parser{opts: opts, info: info, src: src}
		if err := p.findHeader(); err != nil {
			src.close()
			return nil, err
		}
		return p, nil
	}
	p, err := open()
	if err != nil {
		return nil, err
	}
	if opts.Hold != nil {
		defer p.src.close()
		return p.info, p.once(fn)
	}
	guard := p.learnGuard(false)
	p.src.close()
	if p, err = open(); err != nil {
		return nil, err
	}
	defer p.src.close()
	p.guard = guard
	return p.info, p.rows(fn)
}

// checkFuzzedExport reads an export held in memory: never a panic; records numbered upwards
// from below the header, with prices within MaxPrice and MaxPriceDecimals; every error line
// naming the file (or a hint). Read once (Options.Hold), holding every other record, it gives
// the same error, the held records as they are read twice, and the others without their text.
func checkFuzzedExport(t *testing.T, name string, data []byte) {
	last := 0
	var recs []Record
	_, err := readBytes(name, data, Options{}, func(r *Record) error {
		if r.Row <= last {
			t.Errorf("record of row %d after row %d", r.Row, last)
		}
		last = r.Row
		if priceProblem(r.Price) != "" {
			t.Errorf("row %d: price %s passed", r.Row, r.Price)
		}
		recs = append(recs, *r)
		return nil
	})
	var once []Record
	_, err2 := readBytes(name, data, Options{Hold: func(r *Record) bool { return r.Row%2 == 0 }}, func(r *Record) error {
		once = append(once, *r)
		return nil
	})
	if fmt.Sprint(err) != fmt.Sprint(err2) {
		t.Errorf("read once, the error is\n%v\nread twice\n%v", err2, err)
	}
	if err == nil {
		byRow := map[int]Record{}
		for _, r := range recs {
			byRow[r.Row] = r
		}
		if len(once) != len(recs) {
			t.Errorf("read once, %d records; read twice, %d", len(once), len(recs))
		}
		for _, r := range once {
			want := byRow[r.Row]
			full := fmt.Sprintf("%+v", want)
			if r.Row%2 == 1 && r.TransactionID+r.Service+r.Sponsor+r.Currency == "" && r.Withheld == nil {
				// not held: the text not judged left out, and the words the vocabulary maps
				// need not be the same (a type word that is a client's is withheld)
				want.TransactionID, want.Service, want.Sponsor, want.Currency, want.Withheld = "", "", "", "", nil
				want.Type, want.Status, want.SessionState = r.Type, r.Status, r.SessionState
			}
			if got := fmt.Sprintf("%+v", r); got != fmt.Sprintf("%+v", want) {
				t.Errorf("read once, row %d is\n%s\nread twice\n%s", r.Row, got, full)
			}
		}
	}
	if err != nil {
		for _, line := range strings.Split(err.Error(), "\n") {
			if !strings.HasPrefix(line, name+": ") && !strings.HasPrefix(line, "hint: ") {
				t.Errorf("error line %q does not name the file", line)
			}
		}
	}
}

// FuzzReadCSV: the parser fed the fuzzer's bytes as a CSV.
func FuzzReadCSV(f *testing.F) {
	f.Add([]byte("Session Date;Service Price;Type;Client Name\n05.03.2024 14:00;18.500 kr.;Credit;A\n"))
	f.Add([]byte("\xEF\xBB\xBFSession Date,Price,Type\n2024-03-05,\"1,234.50\",Credit\n,,\nTotal,5,\n"))
	f.Add([]byte("Date\tAmount\tPayment Type\n5 Mar 2024\t£60.00\tCard\n"))
	f.Add([]byte("Session Date,Service Price\n\"unterminated,5\n"))
	f.Add([]byte("Session Date,Service Name,Service Price,Client Name,Sponsor\r2024-03-05,Session with Jón,1e3,Jón,x@y.is\r"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if bytes.HasPrefix(data, []byte("PK\x03\x04")) {
			return // FuzzReadXLSX's
		}
		checkFuzzedExport(t, "fuzz.csv", data)
	})
}

// FuzzReadXLSX: the parser fed a workbook made, in memory, of the fuzzer's shared strings and
// sheet XML (parts stored, so that the zip costs nothing): every damage an error naming the
// file, every record's price bounded.
func FuzzReadXLSX(f *testing.F) {
	sst := `<sst><si><t>Session Date</t></si><si><t>Service Price</t></si><si><t>Type</t></si><si><t>Client Name</t></si><si><t>Credit</t></si><si><t>Sigrún</t></si></sst>`
	f.Add([]byte(sst), []byte(`<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>`+
		`<row r="2"><c r="A2"><v>45356.6</v></c><c r="B2"><v>18500</v></c><c r="C2" t="s"><v>4</v></c><c r="D2" t="s"><v>5</v></c></row>`+
		`<row r="3"><c r="A3" t="inlineStr"><is><t>05.03.2024 15:00</t></is></c><c r="B3" t="inlineStr"><is><t>18.500 kr.</t></is></c><c r="C3" t="s"><v>4</v></c></row></sheetData></worksheet>`))
	f.Add([]byte(`<sst/>`), []byte(`<worksheet><sheetData><row><c t="inlineStr"><is><t>Date</t></is></c><c t="inlineStr"><is><t>Price</t></is></c></row><row><c><v>1</v></c><c><v>1E+308</v></c></row></sheetData></worksheet>`))
	f.Fuzz(func(t *testing.T, sst, sheet []byte) {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for _, p := range []struct {
			name string
			body []byte
		}{
			{"xl/workbook.xml", []byte(`<workbook xmlns:r="urn:r"><sheets><sheet name="Payments" sheetId="1" r:id="rId1"/></sheets></workbook>`)},
			{"xl/_rels/workbook.xml.rels", []byte(`<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>`)},
			{"xl/sharedStrings.xml", sst},
			{"xl/worksheets/sheet1.xml", sheet},
		} {
			w, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Store})
			if err != nil {
				t.Fatal(err)
			}
			w.Write(p.body)
		}
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
		checkFuzzedExport(t, "fuzz.xlsx", buf.Bytes())
	})
}
