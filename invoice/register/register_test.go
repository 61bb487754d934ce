package register

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hubinvoice/hubinvoice/invoice"
	"github.com/shopspring/decimal"
)

var ctx = context.Background()

func TestDefaultPath(t *testing.T) {
	cases := []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"XDG_DATA_HOME": "/data", "HOME": "/home/t"}, "/data/hubinvoice/register.db"},
		{map[string]string{"XDG_DATA_HOME": "relative", "HOME": "/home/t"}, "/home/t/.local/share/hubinvoice/register.db"},
		{map[string]string{"HOME": "/home/t"}, "/home/t/.local/share/hubinvoice/register.db"},
	}
	for _, tc := range cases {
		got, err := DefaultPath(func(k string) string { return tc.env[k] })
		if err != nil || got != tc.want {
			t.Errorf("DefaultPath(%v) = %q, %v; want %q", tc.env, got, err, tc.want)
		}
	}
	if _, err := DefaultPath(func(string) string { return "" }); err == nil || !strings.Contains(err.Error(), "--register") {
		t.Errorf("with no HOME: %v, want an error naming --register", err)
	}
}

func TestOpenCreates(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new", "register.db")
	r := openAt(t, path)
	issue(t, r, profile(t, ""), build(t, profile(t, ""), month("2024-03"), day("2024-04-02"), monthLines(month("2024-03"))), false)
	for _, f := range []string{path, path + "-wal", path + "-shm"} {
		st, err := os.Stat(f)
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode().Perm() != 0o600 {
			t.Errorf("%s has mode %v, want 0600", filepath.Base(f), st.Mode().Perm())
		}
	}
	st, _ := os.Stat(filepath.Dir(path))
	if st.Mode().Perm() != 0o700 {
		t.Errorf("its folder has mode %v, want 0700", st.Mode().Perm())
	}
	var mode string
	var version int
	r.db.QueryRow("PRAGMA journal_mode").Scan(&mode)
	r.db.QueryRow("PRAGMA user_version").Scan(&version)
	if mode != "wal" || version != SchemaVersion || version < 1 {
		t.Errorf("journal_mode %q, user_version %d; want wal, %d", mode, version, SchemaVersion)
	}
}

func TestOpenRefuses(t *testing.T) {
	dir := t.TempDir()
	notDB := filepath.Join(dir, "notes.txt")
	os.WriteFile(notDB, bytes.Repeat([]byte("not a database\n"), 100), 0o600)
	if _, err := Open(ctx, notDB); err == nil || !strings.Contains(err.Error(), "not a register") {
		t.Errorf("a text file: %v, want 'not a register'", err)
	}
	newer := filepath.Join(dir, "newer.db")
	r := openAt(t, newer)
	r.db.Exec("PRAGMA user_version = 99")
	r.Close()
	if _, err := Open(ctx, newer); err == nil || !strings.Contains(err.Error(), "schema version 99 is newer") {
		t.Errorf("a newer schema: %v", err)
	}
}

// What it must show, 1: months in turn get consecutive numbers; a re-run another day gives
// the same number, the original issue date and the same bytes, and records nothing.
func TestIssueConsecutiveAndIdempotent(t *testing.T) {
	r := open(t)
	p := profile(t, "")
	var first []*Issued
	for i, m := range []string{"2024-01", "2024-02", "2024-03"} {
		got := issue(t, r, p, build(t, p, month(m), day("2024-04-02").AddDate(0, 0, i), monthLines(month(m))), false)
		if !got.New {
			t.Errorf("%s: New = false on the first issue", m)
		}
		first = append(first, got)
	}
	if got, want := numbers(t, r), []string{"2024-0001", "2024-0002", "2024-0003"}; !slices.Equal(got, want) {
		t.Fatalf("numbers %v, want %v", got, want)
	}
	for i, m := range []string{"2024-01", "2024-02", "2024-03"} {
		again := issue(t, r, p, build(t, p, month(m), day("2024-06-30"), monthLines(month(m))), false)
		if again.New || again.Invoice.Number != first[i].Invoice.Number || !again.Invoice.Issued.Equal(first[i].Invoice.Issued) {
			t.Errorf("%s again: %s issued %s new %v; want %s issued %s, not new", m, again.Invoice.Number, dateText(again.Invoice.Issued), again.New, first[i].Invoice.Number, dateText(first[i].Invoice.Issued))
		}
		if !bytes.Equal(pdfOf(t, again), pdfOf(t, first[i])) {
			t.Errorf("%s again: the PDF differs", m)
		}
	}
	if n := len(numbers(t, r)); n != 3 {
		t.Errorf("the register holds %d documents after re-runs, want 3", n)
	}
	// The stored invoice renders the stored PDF: nothing a PDF needs is lost.
	d, pdf, err := r.PDF(ctx, "2024-0002")
	if err != nil {
		t.Fatal(err)
	}
	var again bytes.Buffer
	if err := invoice.WritePDF(&again, d.Invoice); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again.Bytes(), pdf) || !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Error("rendering the stored invoice again gives other bytes than the stored PDF")
	}
}

// A series restarts each year; first continues a sequence only where the format never
// numbered anything; the issue date's year, not the sessions', picks the series.
func TestNumberingSeries(t *testing.T) {
	r := open(t)
	p := profile(t, "[numbering]\nfirst = 143\n")
	dec := issue(t, r, p, build(t, p, month("2024-11"), day("2024-12-02"), monthLines(month("2024-11"))), false)
	jan := issue(t, r, p, build(t, p, month("2024-12"), day("2025-01-03"), monthLines(month("2024-12"))), false)
	feb := issue(t, r, p, build(t, p, month("2025-01"), day("2025-02-03"), monthLines(month("2025-01"))), false)
	if got := []string{dec.Invoice.Number, jan.Invoice.Number, feb.Invoice.Number}; !slices.Equal(got, []string{"2024-0143", "2025-0001", "2025-0002"}) {
		t.Errorf("numbers %v, want 2024-0143 (first), 2025-0001 (a new year), 2025-0002", got)
	}
	tg := profile(t, "[numbering]\nformat = \"TG-{seq:5}\"\nfirst = 7\n")
	a := issue(t, r, tg, build(t, tg, month("2025-02"), day("2025-03-03"), monthLines(month("2025-02"))), false)
	b := issue(t, r, tg, build(t, tg, month("2025-12"), day("2026-01-05"), monthLines(month("2025-12"))), false)
	if a.Invoice.Number != "TG-00007" || b.Invoice.Number != "TG-00008" {
		t.Errorf("TG-{seq:5}: %s, %s; want TG-00007, TG-00008 (no restart at a new year)", a.Invoice.Number, b.Invoice.Number)
	}
}

// What it must show, 2: a session added to an invoiced month is refused, with the count and
// both ways out; --supplement invoices only it, with the next number, and again is a re-run.
func TestChangedAndSupplement(t *testing.T) {
	r := open(t)
	p := profile(t, "")
	m := month("2024-03")
	lines := monthLines(m)
	orig := issue(t, r, p, build(t, p, m, day("2024-04-02"), lines), false)

	late := append(slices.Clone(lines), line(m, 25, "T-late", "HubA", "16000", "ISK"))
	n, _ := p.NumberFormats()
	_, err := r.Issue(ctx, Request{Invoice: build(t, p, m, day("2024-04-20"), late), Numbering: n})
	var ce *ChangedError
	if !errors.As(err, &ce) || ce.New != 1 {
		t.Fatalf("a new session: %v, want a ChangedError with New 1", err)
	}
	for _, want := range []string{"2024-03 for Kara Connect ehf. was issued as invoice 2024-0001", "1 new session not on it", "--supplement", "hubinvoice credit 2024-0001"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the refusal %q does not say %q", err, want)
		}
	}
	if got := numbers(t, r); len(got) != 1 {
		t.Fatalf("a refusal recorded something: %v", got)
	}

	sup := issue(t, r, p, build(t, p, m, day("2024-04-20"), late), true)
	if sup.Invoice.Number != "2024-0002" || sup.Invoice.Sessions() != 1 || sup.Invoice.Lines[0].TransactionID != "T-late" || !sup.New {
		t.Errorf("supplement: %s with %d sessions, want 2024-0002 with only the new one", sup.Invoice.Number, sup.Invoice.Sessions())
	}
	if got := sup.Invoice.Totals; len(got) != 1 || got[0].Amount.String() != "16000" {
		t.Errorf("supplement totals %v, want ISK 16000", got)
	}
	again := issue(t, r, p, build(t, p, m, day("2024-05-01"), late), true)
	if again.New || again.Invoice.Number != "2024-0002" || !bytes.Equal(pdfOf(t, again), pdfOf(t, sup)) {
		t.Errorf("--supplement again: %s new %v, want the re-run of 2024-0002", again.Invoice.Number, again.New)
	}
	// The original's re-run still gives the original.
	if o := issue(t, r, p, build(t, p, m, day("2024-05-01"), lines), false); o.New || o.Invoice.Number != orig.Invoice.Number {
		t.Errorf("the original's rows again: %s new %v", o.Invoice.Number, o.New)
	}
	// Every row on an invoice: nothing new.
	_, err = r.Issue(ctx, Request{Invoice: build(t, p, m, day("2024-05-01"), late), Numbering: n})
	var nn *NothingNewError
	if !errors.As(err, &nn) || !strings.Contains(err.Error(), "2024-0001, 2024-0002") {
		t.Errorf("all rows invoiced: %v, want NothingNewError naming both", err)
	}

	// A changed price and a vanished row are refused with only the credit way out.
	changed := slices.Clone(lines)
	changed[0].Amount = changed[0].Amount.Add(changed[0].Amount)
	_, err = r.Issue(ctx, Request{Invoice: build(t, p, m, day("2024-05-01"), changed), Numbering: n})
	if !errors.As(err, &ce) || ce.Changed != 1 || strings.Contains(err.Error(), "--supplement") {
		t.Errorf("a changed price: %v, want Changed 1 and no --supplement", err)
	}
	_, err = r.Issue(ctx, Request{Invoice: build(t, p, m, day("2024-05-01"), lines[:2]), Numbering: n})
	if !errors.As(err, &ce) || ce.Gone != 2 { // the third and the supplement's
		t.Errorf("fewer rows: %v, want Gone 2", err)
	}
}

// A row on an issued invoice is never invoiced again, under another month or party either;
// rows without a Transaction ID are locked by their content.
func TestRowsLocked(t *testing.T) {
	r := open(t)
	p := profile(t, "")
	m := month("2024-03")
	noID := []invoice.Line{line(m, 4, "", "HubA", "16000", "ISK"), line(m, 4, "", "HubA", "16000", "ISK"), line(m, 5, "", "HubA", "16000", "ISK")}
	issue(t, r, p, build(t, p, m, day("2024-04-02"), noID), false)

	n, _ := p.NumberFormats()
	other := build(t, p, m, day("2024-04-02"), noID[:1])
	other.BillTo = invoice.Party{Name: "ACME hf.", Email: "invoices@acme.example"}
	_, err := r.Issue(ctx, Request{Invoice: other, Numbering: n})
	var ie *InvoicedError
	if !errors.As(err, &ie) || ie.Rows != 1 || ie.Numbers[0] != "2024-0001" {
		t.Errorf("a locked row billed to another party: %v, want InvoicedError on 2024-0001", err)
	}
	// Two alike rows are two rows: a third alike one is new.
	more := append(slices.Clone(noID), line(m, 4, "", "HubA", "16000", "ISK"))
	_, err = r.Issue(ctx, Request{Invoice: build(t, p, m, day("2024-04-02"), more), Numbering: n})
	var ce *ChangedError
	if !errors.As(err, &ce) || ce.New != 1 {
		t.Errorf("a third alike session: %v, want one new session", err)
	}
}

// What it must show, 3: a credit note in its own series names the invoice, negates it and
// frees its rows; the month invoiced again takes the next invoice number.
func TestCredit(t *testing.T) {
	r := open(t)
	p := profile(t, "")
	m := month("2024-03")
	orig := issue(t, r, p, build(t, p, m, day("2024-04-02"), monthLines(m)), false)
	n, _ := p.NumberFormats()
	cn, err := r.Credit(ctx, CreditRequest{Number: orig.Invoice.Number, Reason: "wrong sponsor", Issued: day("2024-04-10"), Numbering: n})
	if err != nil {
		t.Fatal(err)
	}
	c := cn.Invoice
	if c.Number != "CN-2024-0001" || c.Kind != invoice.KindCredit || c.Credits == nil || c.Credits.Number != "2024-0001" || !c.Credits.Issued.Equal(day("2024-04-02")) || c.Reason != "wrong sponsor" {
		t.Fatalf("credit note %s kind %s credits %+v reason %q", c.Number, c.Kind, c.Credits, c.Reason)
	}
	if c.Totals[0].Amount.String() != "-50500" || c.Lines[0].Amount.String() != "-16000" || !c.PaymentDate.IsZero() {
		t.Errorf("credit note totals %v, first line %s, payment date %v: want negated, none", c.Totals, c.Lines[0].Amount, c.PaymentDate)
	}
	again, err := r.Credit(ctx, CreditRequest{Number: "2024-0001", Issued: day("2024-05-10"), Numbering: n})
	if err != nil || again.New || again.Invoice.Number != "CN-2024-0001" || !bytes.Equal(pdfOf(t, again), pdfOf(t, cn)) {
		t.Errorf("crediting again: %v, %+v; want the same credit note back", err, again)
	}
	if _, err := r.Credit(ctx, CreditRequest{Number: "CN-2024-0001", Issued: day("2024-05-10"), Numbering: n}); err == nil {
		t.Error("a credit note was credited")
	}
	var nf *NotFoundError
	if _, err := r.Credit(ctx, CreditRequest{Number: "2024-0099", Issued: day("2024-05-10"), Numbering: n}); !errors.As(err, &nf) {
		t.Errorf("an unknown number: %v", err)
	}

	re := issue(t, r, p, build(t, p, m, day("2024-04-11"), monthLines(m)), false)
	if re.Invoice.Number != "2024-0002" || !re.New {
		t.Errorf("the month again after the credit: %s new %v, want 2024-0002", re.Invoice.Number, re.New)
	}
	d, _ := r.Show(ctx, "2024-0001")
	if d.Status(day("2024-04-12")) != StatusCredited || d.CreditedBy != "CN-2024-0001" {
		t.Errorf("the credited invoice's status %s, credited by %q", d.Status(day("2024-04-12")), d.CreditedBy)
	}
	if _, err := r.Credit(ctx, CreditRequest{Number: "2024-0002", Issued: day("2024-04-01"), Numbering: n}); err == nil || !strings.Contains(err.Error(), "issued later") {
		t.Errorf("a credit note dated before its invoice: %v", err)
	}
}

func TestStatus(t *testing.T) {
	r := open(t)
	p := profile(t, "")
	m := month("2024-03")
	inv := issue(t, r, p, build(t, p, m, day("2024-04-02"), monthLines(m)), false).Invoice
	due := inv.PaymentDate
	if due.IsZero() {
		t.Fatal("an invoice to the platform has no expected payment date")
	}
	d, _ := r.Show(ctx, inv.Number)
	if s := d.Status(due); s != StatusIssued {
		t.Errorf("on the payment date: %s, want issued", s)
	}
	if s := d.Status(due.AddDate(0, 0, 1)); s != StatusOverdue {
		t.Errorf("the day after: %s, want overdue", s)
	}
	over, _ := r.Overdue(ctx, due.AddDate(0, 0, 1))
	if len(over) != 1 || over[0].Invoice.Number != inv.Number {
		t.Errorf("Overdue: %v", over)
	}
	if _, err := r.MarkPaid(ctx, inv.Number, day("2024-03-01")); err == nil {
		t.Error("paid before it was issued")
	}
	if _, err := r.MarkPaid(ctx, inv.Number, due.AddDate(0, 0, 3)); err != nil {
		t.Fatal(err)
	}
	d, _ = r.Show(ctx, inv.Number)
	if s := d.Status(due.AddDate(0, 0, 5)); s != StatusPaid || !d.Paid.Equal(due.AddDate(0, 0, 3)) {
		t.Errorf("marked paid: %s on %v", s, d.Paid)
	}
	if over, _ := r.Overdue(ctx, due.AddDate(0, 0, 9)); len(over) != 0 {
		t.Errorf("a paid invoice is overdue: %v", over)
	}
	// A company billed directly pays on its own terms: never overdue by our calendar.
	cal, _ := p.Calendar()
	acme := invoice.BillTo{Name: "ACME hf.", Email: "invoices@acme.example", Sponsors: []string{"HubA"}}
	direct := invoice.Build(monthLines(month("2024-04")), acme, invoice.BuildOptions{Profile: p, Period: month("2024-04"), Issued: day("2024-05-02"), Calendar: cal})
	dd := issue(t, r, p, direct, false)
	d, _ = r.Show(ctx, dd.Invoice.Number)
	if s := d.Status(day("2025-01-01")); s != StatusIssued || !dd.Invoice.PaymentDate.IsZero() {
		t.Errorf("an invoice to a company, months later: %s, want issued", s)
	}
}

// IssueAll numbers a batch in chunks of transactions: the same numbers, PDFs and refusals as
// Issue one by one; a refused request records nothing and leaves the others be; no PDF bytes
// are stored, and the stored document renders the ones given back.
func TestIssueAll(t *testing.T) {
	defer func(n int) { issueChunk = n }(issueChunk)
	issueChunk = 2 // chunk boundaries inside the batch
	r := open(t)
	p := profile(t, "")
	n, err := p.NumberFormats()
	if err != nil {
		t.Fatal(err)
	}
	var reqs []Request
	for i, m := range []string{"2024-01", "2024-02", "", "2024-03", "2024-04"} {
		if m == "" {
			d := *reqs[0].Invoice
			d.Draft = true
			reqs = append(reqs, Request{Invoice: &d, Numbering: n})
			continue
		}
		reqs = append(reqs, Request{Invoice: build(t, p, month(m), day("2024-05-02").AddDate(0, 0, i), monthLines(month(m))), Numbering: n})
	}
	got, errs, err := r.IssueAll(ctx, reqs)
	if err != nil {
		t.Fatal(err)
	}
	var nums []string
	for i, iss := range got {
		switch {
		case i == 2:
			if errs[i] == nil || iss != nil {
				t.Errorf("the draft: %v, %v; want refused", iss, errs[i])
			}
		case errs[i] != nil:
			t.Errorf("request %d: %v", i, errs[i])
		default:
			nums = append(nums, iss.Invoice.Number)
			if !iss.New || !strings.HasPrefix(string(pdfOf(t, iss)), "%PDF-") {
				t.Errorf("request %d: new %v, PDF %.8q", i, iss.New, pdfOf(t, iss))
			}
		}
	}
	if want := []string{"2024-0001", "2024-0002", "2024-0003", "2024-0004"}; !slices.Equal(nums, want) || !slices.Equal(numbers(t, r), want) {
		t.Fatalf("numbers %v, register %v; want %v", nums, numbers(t, r), want)
	}
	var stored int
	if err := r.db.QueryRow(`SELECT count(*) FROM documents WHERE length(pdf) > 0`).Scan(&stored); err != nil || stored != 0 {
		t.Errorf("%d documents store PDF bytes (%v), want none", stored, err)
	}
	again, errs, err := r.IssueAll(ctx, reqs)
	if err != nil {
		t.Fatal(err)
	}
	for i, iss := range again {
		if i == 2 {
			continue
		}
		if errs[i] != nil || iss.New || iss.Invoice.Number != got[i].Invoice.Number || !bytes.Equal(pdfOf(t, iss), pdfOf(t, got[i])) {
			t.Errorf("request %d again: %v; want %s, not new, the same PDF", i, errs[i], got[i].Invoice.Number)
		}
		one := issue(t, r, p, reqs[i].Invoice, false)
		if !bytes.Equal(pdfOf(t, one), pdfOf(t, got[i])) {
			t.Errorf("request %d: Issue gives another PDF than IssueAll", i)
		}
	}
	if len(numbers(t, r)) != 4 {
		t.Errorf("re-runs recorded documents: %v", numbers(t, r))
	}
}

// A register of an older release kept each document's PDF bytes: a re-run, in a batch or
// alone, and 'register pdf' give those bytes back, not a rendering of the stored form.
func TestOlderRegisterPDF(t *testing.T) {
	r := open(t)
	p := profile(t, "")
	n, err := p.NumberFormats()
	if err != nil {
		t.Fatal(err)
	}
	inv := build(t, p, month("2024-03"), day("2024-04-02"), monthLines(month("2024-03")))
	first := issue(t, r, p, inv, false)
	kept := append(pdfOf(t, first), "% as an older release rendered it\n"...)
	if _, err := r.db.Exec(`UPDATE documents SET pdf = ? WHERE number = ?`, kept, first.Invoice.Number); err != nil {
		t.Fatal(err)
	}
	again, errs, err := r.IssueAll(ctx, []Request{{Invoice: inv, Numbering: n}})
	if err != nil || errs[0] != nil {
		t.Fatal(err, errs[0])
	}
	if again[0].New || !bytes.Equal(pdfOf(t, again[0]), kept) {
		t.Errorf("the batch's re-run: new %v, %d bytes; want the %d bytes the register kept", again[0].New, len(pdfOf(t, again[0])), len(kept))
	}
	if one := issue(t, r, p, inv, false); !bytes.Equal(pdfOf(t, one), kept) {
		t.Errorf("Issue's re-run gives other bytes than the register kept")
	}
	if _, pdf, err := r.PDF(ctx, first.Invoice.Number); err != nil || !bytes.Equal(pdf, kept) {
		t.Errorf("register pdf: %v, %d bytes; want the %d bytes the register kept", err, len(pdf), len(kept))
	}
}

// An invoice that cannot be rendered is refused and takes no number, though its PDF is
// rendered only after the number is recorded: the next takes the number it would have had.
func TestUnrenderableNotNumbered(t *testing.T) {
	r := open(t)
	p := profile(t, "")
	n, err := p.NumberFormats()
	if err != nil {
		t.Fatal(err)
	}
	bad := build(t, p, month("2024-02"), day("2024-03-01"), monthLines(month("2024-02")))
	bad.Language = "xx"
	wrong := build(t, p, month("2024-04"), day("2024-05-02"), monthLines(month("2024-04")))
	wrong.Totals[0].Amount = wrong.Totals[0].Amount.Add(decimal.NewFromInt(1))
	good := build(t, p, month("2024-03"), day("2024-04-02"), monthLines(month("2024-03")))
	got, errs, err := r.IssueAll(ctx, []Request{{Invoice: bad, Numbering: n}, {Invoice: wrong, Numbering: n}, {Invoice: good, Numbering: n}})
	if err != nil {
		t.Fatal(err)
	}
	if errs[0] == nil || !strings.Contains(errs[0].Error(), `"xx"`) || errs[1] == nil || !strings.Contains(errs[1].Error(), "not the sum") {
		t.Errorf("got %v and %v; want the language and the total refused", errs[0], errs[1])
	}
	if errs[2] != nil || got[2].Invoice.Number != "2024-0001" || !slices.Equal(numbers(t, r), []string{"2024-0001"}) {
		t.Errorf("the good one: %v; register %v; want 2024-0001 alone", errs[2], numbers(t, r))
	}
}

// Two number formats that give the same number (one's fixed text is the other's date and
// digits) fail the issue with the hint, and nothing of the second is recorded; in a chunk
// (IssueAll) the register's error fails the chunk, and the chunks before it stay.
func TestNumberTakenByAnotherFormat(t *testing.T) {
	r := open(t)
	p := profile(t, "")
	issue(t, r, p, build(t, p, month("2024-02"), day("2024-03-01"), monthLines(month("2024-02"))), false)
	other := profile(t, "[numbering]\nformat = \"2024-0{seq:3}\"\n")
	n, err := other.NumberFormats()
	if err != nil {
		t.Fatal(err)
	}
	inv := build(t, other, month("2024-03"), day("2024-04-02"), monthLines(month("2024-03")))
	_, err = r.Issue(ctx, Request{Invoice: inv, Numbering: n})
	if err == nil || !strings.Contains(err.Error(), "the number 2024-0001 is taken already, in another series: the number formats overlap\nhint: give numbering.format and numbering.credit_format different fixed text") {
		t.Fatalf("issuing 2024-0001 again in another format: %v; want it refused as taken", err)
	}
	_, errs, err := r.IssueAll(ctx, []Request{{Invoice: inv, Numbering: n}})
	if err == nil || !strings.Contains(err.Error(), "is taken already") || len(errs) != 0 {
		t.Errorf("IssueAll: %v, %v; want the register's error and nothing committed", err, errs)
	}
	if got := numbers(t, r); !slices.Equal(got, []string{"2024-0001"}) {
		t.Errorf("the register holds %v; want 2024-0001 alone", got)
	}
	var locks int
	if err := r.db.QueryRowContext(ctx, `SELECT count(*) FROM locks`).Scan(&locks); err != nil {
		t.Fatal(err)
	}
	if locks != 3 {
		t.Errorf("%d rows locked; want the first invoice's 3", locks)
	}
}

// A month and party asked for twice in one chunk: the second request sees the invoice the
// first recorded in the same transaction (a re-run of the same rows gives it back; a session
// more is refused as a change), as it would in a transaction of its own.
func TestIssueAllSameMonthTwice(t *testing.T) {
	r := open(t)
	p := profile(t, "")
	n, err := p.NumberFormats()
	if err != nil {
		t.Fatal(err)
	}
	m := month("2024-03")
	inv := build(t, p, m, day("2024-04-02"), monthLines(m))
	more := build(t, p, m, day("2024-04-02"), append(monthLines(m), line(m, 25, "T-more", "HubA", "16000", "ISK")))
	got, errs, err := r.IssueAll(ctx, []Request{{Invoice: inv, Numbering: n}, {Invoice: inv, Numbering: n}, {Invoice: more, Numbering: n}})
	if err != nil {
		t.Fatal(err)
	}
	if errs[0] != nil || errs[1] != nil || !got[0].New || got[1].New || got[1].Invoice.Number != got[0].Invoice.Number {
		t.Errorf("the same rows twice: %v, %v; want one new invoice, then it again", errs[0], errs[1])
	}
	var changed *ChangedError
	if !errors.As(errs[2], &changed) || changed.New != 1 {
		t.Errorf("a session more: %v; want it refused as 1 new session", errs[2])
	}
	if got := numbers(t, r); !slices.Equal(got, []string{"2024-0001"}) {
		t.Errorf("the register holds %v; want 2024-0001 alone", got)
	}
}
