package invoice

import (
	"encoding/json"
	"fmt"
	"github.com/shopspring/decimal"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/hubinvoice/hubinvoice/calendar"
	"github.com/hubinvoice/hubinvoice/export"
)

// checkMonth runs a Collector and a Checker over the records in one pass, as the commands do,
// and returns the findings of the professional of the first record.
func checkMonth(t *testing.T, o LedgerOptions, recs ...*export.Record) []Finding {
	t.Helper()
	l := NewLedger(o)
	for _, r := range recs {
		l.Add(r)
	}
	profs := l.Professionals()
	if len(profs) == 0 {
		t.Fatal("no professional in the month")
	}
	return l.Findings(profs[0])
}

// byCode returns the findings' rows by code, and fails on a code seen twice.
func byCode(t *testing.T, fs []Finding) map[string]Finding {
	t.Helper()
	m := map[string]Finding{}
	for _, f := range fs {
		if _, dup := m[f.Code]; dup {
			t.Errorf("code %s reported twice", f.Code)
		}
		m[f.Code] = f
	}
	return m
}

func TestCheckerEveryCase(t *testing.T) {
	withID := func(r *export.Record, id string) *export.Record { r.TransactionID = id; return r }
	feb := rec(2, 1, "Credit", "Paid", "Complete", "ACME", "18500")
	feb.Session = time.Date(2024, 2, 29, 23, 30, 0, 0, time.UTC)
	apr := rec(3, 1, "Card", "Paid", "Complete", "", "18500")
	apr.Session = time.Date(2024, 4, 1, 9, 0, 0, 0, time.UTC)
	eur := rec(14, 14, "Credit", "Paid", "Complete", "Marel", "60.00")
	eur.Currency = "EUR"
	odd := rec(15, 15, "Credit", "Paid", "Complete", "Marel", "12000.5")
	again := withID(rec(17, 16, "Credit", "Paid", "Complete", "ACME", "18500"), "T2")
	again.Price = again.Price.Add(again.Price)
	recs := []*export.Record{
		feb, apr,
		withID(rec(4, 4, "Credit", "Paid", "Complete", "ACME", "18500"), "T1"),
		withID(rec(5, 4, "Credit", "Paid", "Complete", "ACME", "18500"), "T1"), // same payment twice
		rec(6, 5, "Credit", "Unpaid", "Complete", "ACME", "18500"),
		rec(7, 6, "Card", "Unpaid", "Complete", "", "18500"), // Skip payment, never charged
		rec(8, 7, "Credit", "Void", "Complete", "ACME", "18500"),
		rec(9, 8, "Credit", "Paid", "Cancelled", "Marel", "18500"),
		rec(10, 9, "Bank Transfer", "Paid", "Complete", "Marel", "18500"), // credits ran out
		rec(11, 10, "Credit", "Paid", "Complete", "", "18500"),
		rec(12, 11, "Credit", "Refunded", "Complete", "ACME", "18500"),
		rec(13, 12, "Cash", "Paid", "Deleted", "", "18500"),
		eur, odd,
		withID(rec(16, 16, "Credit", "Paid", "Complete", "ACME", "18500"), "T2"),
		again,
		rec(18, 18, "", "Paid", "Complete", "", "18500"),
		rec(19, 19, export.TypeUnknown, "Paid", "Complete", "ACME", "18500"), // a Credit the reader could not tell
		rec(20, 20, "Card", export.StatusUnknown, "Complete", "", "18500"),
		rec(21, 21, "Credit", "Paid", "Complete", "ACME", "-18500"), // on the invoice
		rec(22, 22, "Card", "Paid", "Complete", "", "-6500"),        // not on it
		rec(23, 23, "Cash", "Paid", "Complete", "", "0"),
	}
	fs := checkMonth(t, LedgerOptions{Month: march}, recs...)
	var negative []string
	var rest []Finding
	for _, f := range fs {
		if f.Code == CodeNegativeAmount {
			negative = append(negative, fmt.Sprintf("%s rows %s: %s", f.Severity, fmtInts(f.Rows), f.Message))
			continue
		}
		rest = append(rest, f)
	}
	wantNegative := []string{
		"error rows 21: 1 Credit session with a negative price (row 21): on the invoice, lowering its total",
		"warning rows 22: 1 session with a negative price (row 22): not on the invoice",
	}
	if strings.Join(negative, "\n") != strings.Join(wantNegative, "\n") {
		t.Errorf("negative-amount:\n got %q\nwant %q", negative, wantNegative)
	}
	got := byCode(t, rest)
	want := map[string]struct {
		sev  Severity
		rows string
	}{
		CodeDuplicateDiffers: {SeverityError, "16 17"},
		CodeUnpaidCredit:     {SeverityWarning, "6"},
		CodeUnknownStatus:    {SeverityWarning, "12 20"},
		CodeUnknownType:      {SeverityWarning, "19"},
		CodeZeroAmount:       {SeverityInfo, "23"},
		CodeNotCharged:       {SeverityWarning, "7"},
		CodeCancelledCredit:  {SeverityWarning, "9"},
		CodeSponsoredOther:   {SeverityWarning, "10"},
		CodeNoSponsor:        {SeverityWarning, "11"},
		CodeNoType:           {SeverityWarning, "18"},
		CodePrecision:        {SeverityWarning, "15"},
		CodeDuplicate:        {SeverityWarning, "4 5"},
		CodeVoid:             {SeverityInfo, "8"},
		CodeDeleted:          {SeverityInfo, "13"},
		CodeCurrencies:       {SeverityInfo, "14"},
		CodePreviousMonth:    {SeverityInfo, "2"},
		CodeNextMonth:        {SeverityInfo, "3"},
	}
	for code, w := range want {
		f, ok := got[code]
		if !ok {
			t.Errorf("%s: not reported, want rows %s", code, w.rows)
			continue
		}
		if f.Severity != w.sev || fmtInts(f.Rows) != w.rows {
			t.Errorf("%s: got %s on rows %s, want %s on rows %s", code, f.Severity, fmtInts(f.Rows), w.sev, w.rows)
		}
		if f.Message == "" || strings.Contains(f.Message, "\n") {
			t.Errorf("%s: message %q, want one line", code, f.Message)
		}
	}
	for code := range got {
		if _, ok := want[code]; !ok {
			t.Errorf("%s: reported (%q), want nothing", code, got[code].Message)
		}
	}
	for i := 1; i < len(fs); i++ {
		if rank(fs[i].Severity) < rank(fs[i-1].Severity) {
			t.Errorf("finding %d (%s) comes after a less severe one", i, fs[i].Code)
		}
	}
	for code, msg := range map[string]string{
		CodeDuplicateDiffers: "row 17 has the Transaction ID of row 16 but another Service Price: only row 16 is counted",
		CodeDuplicate:        "row 5 repeats the Transaction ID of row 4: counted once",
		CodeUnpaidCredit:     "1 Credit session still Unpaid (row 6): left out of the invoice",
		CodeCurrencies:       "the invoice's sessions are in 2 currencies, 5 in ISK and 1 in EUR (row 14): one total each, never added together",
		CodeNoSponsor:        "1 Credit session with no Sponsor (row 11): not sponsored: collect from the client",
		CodeUnknownType:      "1 row with a payment type hubinvoice does not know (row 19): on no invoice and in no 'hubinvoice collect' group",
		CodeUnknownStatus:    "2 rows with a status hubinvoice does not know (rows 12 and 20): on no invoice and in no 'hubinvoice collect' group",
		CodeZeroAmount:       "1 session priced 0 (row 23): counted at 0",
		CodePreviousMonth:    "1 row dated before March 2024 (row 2): not on this month's invoice",
	} {
		if got[code].Message != msg {
			t.Errorf("%s: got message %q, want %q", code, got[code].Message, msg)
		}
	}
}

func TestCheckerCleanMonth(t *testing.T) {
	fs := checkMonth(t, LedgerOptions{Month: march},
		rec(2, 4, "Credit", "Paid", "Complete", "ACME", "18500"),
		rec(3, 5, "Card", "Paid", "Complete", "", "18500"),
		rec(4, 6, "Credit", "Paid", "Complete", "Marel", "12000"))
	if len(fs) != 0 {
		t.Errorf("got %+v, want no findings", fs)
	}
}

func TestCheckerDuplicateSeverity(t *testing.T) {
	for _, tt := range []struct {
		name     string
		typ      string
		change   func(*export.Record)
		code     string
		severity Severity
	}{
		{"same payment twice", "Credit", func(*export.Record) {}, CodeDuplicate, SeverityWarning},
		{"credit, other session date", "Credit", func(r *export.Record) { r.Session = r.Session.Add(time.Hour) }, CodeDuplicateDiffers, SeverityError},
		{"credit, other status", "Credit", func(r *export.Record) { r.Status = "Unpaid" }, CodeDuplicateDiffers, SeverityError},
		{"card, other price", "Card", func(r *export.Record) { r.Price = r.Price.Neg() }, CodeDuplicateDiffers, SeverityWarning},
		{"card became credit", "Card", func(r *export.Record) { r.Type = "Credit" }, CodeDuplicateDiffers, SeverityError},
	} {
		t.Run(tt.name, func(t *testing.T) {
			a := rec(2, 4, tt.typ, "Paid", "Complete", "ACME", "18500")
			b := rec(3, 4, tt.typ, "Paid", "Complete", "ACME", "18500")
			a.TransactionID, b.TransactionID = "T", "T"
			tt.change(b)
			f := byCode(t, checkMonth(t, LedgerOptions{Month: march}, a, b))[tt.code]
			if f.Severity != tt.severity || fmtInts(f.Rows) != "2 3" {
				t.Errorf("got %q %s on rows %s, want %s %s on rows 2 3", f.Code, f.Severity, fmtInts(f.Rows), tt.code, tt.severity)
			}
		})
	}
}

func TestCheckerNoStatusColumn(t *testing.T) {
	fs := checkMonth(t, LedgerOptions{Month: march},
		rec(2, 4, "Credit", "", "", "ACME", "18500"),
		rec(3, 5, "Credit", "", "", "ACME", "18500"))
	f := byCode(t, fs)[CodeNoStatus]
	if f.Message != "the export has no Status column: every Credit row is taken as paid" || f.Severity != SeverityWarning {
		t.Errorf("got %+v", f)
	}
	// With a Status column, an empty cell is said as such.
	fs = checkMonth(t, LedgerOptions{Month: march},
		rec(2, 4, "Credit", "", "", "ACME", "18500"),
		rec(3, 5, "Credit", "Paid", "", "ACME", "18500"))
	if f := byCode(t, fs)[CodeNoStatus]; f.Message != "1 Credit session with no Status (row 2): taken as paid" {
		t.Errorf("got %+v", f)
	}
}

func TestCheckerNoCurrency(t *testing.T) {
	r := rec(2, 4, "Credit", "Paid", "Complete", "ACME", "18500")
	r.Currency = ""
	f := byCode(t, checkMonth(t, LedgerOptions{Month: march}, r))[CodeNoCurrency]
	if f.Severity != SeverityError || fmtInts(f.Rows) != "2" {
		t.Errorf("got %+v, want an error on row 2", f)
	}
}

func TestCheckerNothingPaid(t *testing.T) {
	fs := checkMonth(t, LedgerOptions{Month: march}, rec(2, 4, "Card", "Paid", "Complete", "", "18500"))
	if len(fs) != 1 || fs[0].Code != CodeNothingPaid || fs[0].Message != "no Credit session paid in 2024-03: nothing to invoice" {
		t.Errorf("got %+v", fs)
	}
}

func TestCheckerDeadline(t *testing.T) {
	is, err := calendar.New("IS")
	if err != nil {
		t.Fatal(err)
	}
	day := func(d string) time.Time {
		t.Helper()
		v, err := time.Parse(time.DateOnly, d)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	// March 2024 in Iceland: due Thursday 4 April (1 April is Easter Monday), paid by
	// Wednesday 10 April; sent on 8 April, 7 working days later is 17 April.
	for _, tt := range []struct {
		today    string
		code     string
		severity Severity
		message  string
	}{
		{"2024-03-20", CodeDeadline, SeverityInfo, "2024-03 is not over: send the invoice after Sun 31 Mar 2024 and by Thu 4 Apr 2024 (the 3rd working day of April) to be paid by Wed 10 Apr 2024"},
		{"2024-03-31", CodeDeadline, SeverityInfo, "2024-03 is not over: send the invoice after Sun 31 Mar 2024 and by Thu 4 Apr 2024 (the 3rd working day of April) to be paid by Wed 10 Apr 2024"},
		{"2024-04-01", CodeDeadline, SeverityInfo, "3 days left to send the invoice for 2024-03 on time: by Thu 4 Apr 2024 (the 3rd working day of April), to be paid by Wed 10 Apr 2024"},
		{"2024-04-03", CodeDeadline, SeverityInfo, "1 day left to send the invoice for 2024-03 on time: by Thu 4 Apr 2024 (the 3rd working day of April), to be paid by Wed 10 Apr 2024"},
		{"2024-04-04", CodeDeadline, SeverityInfo, "today, Thu 4 Apr 2024, is the last day to send the invoice for 2024-03 on time (the 3rd working day); it is then paid by Wed 10 Apr 2024"},
		{"2024-04-08", CodeOverdue, SeverityWarning, "the invoice for 2024-03 was due by Thu 4 Apr 2024, 4 days ago: sent today, it is paid by Wed 17 Apr 2024 at the earliest"},
	} {
		t.Run(tt.today, func(t *testing.T) {
			fs := checkMonth(t, LedgerOptions{Month: march, Calendar: is, Today: day(tt.today).Add(15 * time.Hour)},
				rec(2, 4, "Credit", "Paid", "Complete", "ACME", "18500"))
			if len(fs) != 1 || fs[0].Code != tt.code || fs[0].Severity != tt.severity || fs[0].Message != tt.message {
				t.Errorf("got %+v\nwant %s %s %q", fs, tt.code, tt.severity, tt.message)
			}
		})
	}
}

// rowsOfNote is the part of expected.json that names the rows check must flag.
type rowsOfNote struct {
	UnpaidCredit         []int `json:"unpaid_credit"`
	UnpaidOther          []int `json:"unpaid_other"`
	Void                 []int `json:"void"`
	ChargedCancellation  []int `json:"charged_cancellation_credit"`
	CreditWithoutSponsor []int `json:"credit_without_sponsor"`
	SponsoredNotCredit   []int `json:"sponsored_not_credit"`
	PreviousMonth        []int `json:"previous_month"`
	NextMonth            []int `json:"next_month"`
	DuplicateIDs         []struct {
		Rows []int `json:"rows"`
	} `json:"duplicate_ids"`
}

// TestCheckFixtures: on the exports written by openpyxl, LibreOffice and a European-locale CSV,
// the checker flags exactly the rows the independent computation in expected.json names, and
// no message names a client.
func TestCheckFixtures(t *testing.T) {
	var want struct {
		Files map[string]struct {
			Clients []struct {
				Name  string `json:"name"`
				Email string `json:"email"`
			} `json:"clients"`
			Notes rowsOfNote `json:"rows_of_note"`
		} `json:"files"`
	}
	month := readExpected(t, &want)
	for file, fx := range want.Files {
		t.Run(file, func(t *testing.T) {
			l := NewLedger(LedgerOptions{Month: month})
			readFixture(t, file, func(r *export.Record) { l.Add(r) })
			got := map[string][]int{}
			for _, p := range l.Professionals() {
				for _, f := range l.Findings(p) {
					got[f.Code] = append(got[f.Code], f.Rows...)
					for _, c := range fx.Clients {
						if strings.Contains(f.Message+f.Next, c.Name) || strings.Contains(f.Message+f.Next, c.Email) {
							t.Errorf("%s: %q names a client", f.Code, f.Message)
						}
					}
				}
			}
			n := fx.Notes
			var dups []int
			for _, d := range n.DuplicateIDs {
				dups = append(dups, d.Rows...)
			}
			for code, rows := range map[string][]int{
				CodeUnpaidCredit:    n.UnpaidCredit,
				CodeNotCharged:      n.UnpaidOther,
				CodeVoid:            n.Void,
				CodeCancelledCredit: n.ChargedCancellation,
				CodeNoSponsor:       n.CreditWithoutSponsor,
				CodeSponsoredOther:  n.SponsoredNotCredit,
				CodePreviousMonth:   n.PreviousMonth,
				CodeNextMonth:       n.NextMonth,
				CodeDuplicate:       dups,
			} {
				g := append([]int(nil), got[code]...)
				sort.Ints(g)
				w := append([]int(nil), rows...)
				sort.Ints(w)
				if fmt.Sprint(g) != fmt.Sprint(w) {
					t.Errorf("%s: got rows %v, want %v", code, g, w)
				}
			}
			for _, code := range []string{CodeDuplicateDiffers, CodeNoCurrency, CodeNoType, CodeUnknownStatus, CodeUnknownType, CodeNegativeAmount, CodeZeroAmount} {
				if len(got[code]) > 0 {
					t.Errorf("%s: got rows %v, want none", code, got[code])
				}
			}
		})
	}
}

// readExpected decodes testdata/fixtures/expected.json into v and returns its month.
func readExpected(t *testing.T, v any) calendar.Month {
	t.Helper()
	data, err := os.ReadFile("../testdata/fixtures/expected.json")
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Month string `json:"month"`
	}
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatal(err)
	}
	month, err := calendar.ParseMonth(m.Month)
	if err != nil {
		t.Fatal(err)
	}
	return month
}

// readFixture reads a fixture export once, handing every record to each of take.
func readFixture(t *testing.T, file string, take ...func(*export.Record)) {
	t.Helper()
	_, err := export.ReadFile(filepath.Join("../testdata/fixtures", file), export.Options{}, func(r *export.Record) error {
		for _, f := range take {
			f(r)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestCheckerAmounts: a negative price is an error on the invoice and a warning elsewhere, a
// price of 0 a note; a Void, deleted or other month's row is none of these.
func TestCheckerAmounts(t *testing.T) {
	feb := rec(2, 1, "Credit", "Paid", "Complete", "ACME", "-18500")
	feb.Session = time.Date(2024, 2, 29, 10, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		name string
		r    *export.Record
		want string // code and severity, or "" for none of the amount findings
	}{
		{"negative credit line", rec(3, 4, "Credit", "Paid", "Complete", "ACME", "-1"), "negative-amount error"},
		{"negative credit, no status", rec(3, 4, "Credit", "", "", "ACME", "-1"), "negative-amount error"},
		{"negative unpaid credit", rec(3, 4, "Credit", "Unpaid", "Complete", "ACME", "-1"), "negative-amount warning"},
		{"negative card", rec(3, 4, "Card", "Paid", "Complete", "", "-60.00"), "negative-amount warning"},
		{"negative, unknown type", rec(3, 4, export.TypeUnknown, "Paid", "Complete", "", "-1"), "negative-amount warning"},
		{"negative void", rec(3, 4, "Credit", "Void", "Complete", "ACME", "-1"), ""},
		{"negative deleted", rec(3, 4, "Cash", "Paid", "Deleted", "", "-1"), ""},
		{"negative, previous month", feb, ""},
		{"zero credit", rec(3, 4, "Credit", "Paid", "Complete", "ACME", "0"), "zero-amount info"},
		{"zero card", rec(3, 4, "Card", "Paid", "Complete", "", "0.00"), "zero-amount info"},
		{"zero void", rec(3, 4, "Card", "Void", "Complete", "", "0"), ""},
		{"positive", rec(3, 4, "Credit", "Paid", "Complete", "ACME", "0.01"), ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, f := range checkMonth(t, LedgerOptions{Month: march}, rec(4, 5, "Credit", "Paid", "Complete", "ACME", "18500"), tt.r) {
				if f.Code == CodeNegativeAmount || f.Code == CodeZeroAmount {
					got = append(got, f.Code+" "+string(f.Severity))
					if fmtInts(f.Rows) != fmt.Sprint(tt.r.Row) || strings.Contains(f.Message, "18500") || strings.Contains(f.Message, "-1") {
						t.Errorf("%s on rows %v: %q, want row %d and no price", f.Code, f.Rows, f.Message, tt.r.Row)
					}
				}
			}
			if strings.Join(got, ", ") != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// A session state the tool does not know is said, by row, never by its word.
func TestCheckerUnknownState(t *testing.T) {
	c := NewLedger(LedgerOptions{Month: calendar.Month{Year: 2024, Month: time.March}})
	r := &export.Record{Row: 7, Session: time.Date(2024, 3, 5, 10, 0, 0, 0, time.UTC), Type: export.TypeCredit,
		Status: export.StatusPaid, SessionState: export.SessionUnknown, Sponsor: "ACME", ProfEmail: "a@example.is", Currency: "ISK"}
	c.Add(r)
	var got []Finding
	for _, f := range c.Findings(&Professional{Email: "a@example.is"}) {
		if f.Code == CodeUnknownState {
			got = append(got, f)
		}
	}
	if len(got) != 1 || got[0].Severity != SeverityWarning || len(got[0].Rows) != 1 || got[0].Rows[0] != 7 ||
		got[0].Message != "1 row with a session state hubinvoice does not know (row 7): taken as a session that took place" {
		t.Fatalf("findings %+v", got)
	}
}

// Two Credit sessions of one professional starting at the same minute: a double charge?
func TestCheckerSameTime(t *testing.T) {
	c := NewLedger(LedgerOptions{Month: calendar.Month{Year: 2024, Month: time.March}})
	at := func(row, day, hour int) *export.Record {
		return &export.Record{Row: row, Session: time.Date(2024, 3, day, hour, 0, 0, 0, time.UTC), Type: export.TypeCredit,
			Status: export.StatusPaid, Sponsor: "ACME", ProfEmail: "a@example.is", Currency: "ISK", Price: decimal.NewFromInt(18500)}
	}
	for _, r := range []*export.Record{at(2, 25, 11), at(3, 25, 12), at(4, 25, 11), at(5, 26, 11), at(6, 25, 11)} {
		c.Add(r)
	}
	var got []Finding
	for _, f := range c.Findings(&Professional{Email: "a@example.is"}) {
		if f.Code == CodeSameTime {
			got = append(got, f)
		}
	}
	if len(got) != 1 || fmt.Sprint(got[0].Rows) != "[2 4 6]" || got[0].Severity != SeverityWarning {
		t.Fatalf("same-time findings %+v, want one warning on rows 2, 4 and 6", got)
	}
}

// The rows outside the month are counted, not kept: a finding names the first hundred and says
// how many there are, so that memory grows with the month's rows, not the export's.
func TestCheckerOutsideCounted(t *testing.T) {
	var recs []*export.Record
	for i := range 250 {
		r := rec(2+i, 1, "Credit", "Paid", "Complete", "ACME", "18500")
		r.Session = time.Date(2024, 2, 1+i%28, 10, 0, 0, 0, time.UTC)
		recs = append(recs, r)
	}
	recs = append(recs, rec(300, 5, "Credit", "Paid", "Complete", "ACME", "18500"))
	f := byCode(t, checkMonth(t, LedgerOptions{Month: march}, recs...))[CodePreviousMonth]
	if len(f.Rows) != keptOutside || f.Rows[0] != 2 {
		t.Errorf("previous-month: %d rows from row %v, want the first %d", len(f.Rows), f.Rows[:1], keptOutside)
	}
	if want := "250 rows dated before March 2024 (rows 2, 3, 4, 5, 6, 7, 8, 9, ... (250 in all)): not on this month's invoice"; f.Message != want {
		t.Errorf("message %q, want %q", f.Message, want)
	}
}
