package register

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/hubinvoice/hubinvoice/invoice"
)

// Request asks for a month's invoice to one party to be issued.
type Request struct {
	// Invoice is the invoice as built from every row the export holds for its professional,
	// month and party. Its Number is ignored: the register gives it.
	Invoice *invoice.Invoice
	// Numbering is the professional's (invoice.Profile.NumberFormats).
	Numbering invoice.Numbering
	// Supplement asks for an invoice of only the rows on no issued invoice yet, when the
	// month has been invoiced before.
	Supplement bool
}

// Issued is a document the register gave back for a request.
type Issued struct {
	*Document
	New bool // false: the request was a re-run and nothing was recorded
	// stored is the PDF an older register kept of it; nil: the stored form renders it.
	stored []byte
}

// PDF returns the document's PDF as it was issued, byte for byte: the bytes an older register
// kept, else the document rendered (as every document since the register keeps no PDF bytes).
// A new document is rendered from the invoice the register encoded into its stored form, not
// from that form decoded again: the two render the same bytes (TestStoredCoversInvoice, and
// TestBatchPDFIsStoredForm over every fixture and a generated clinic, which compares each PDF
// a batch writes with 'register pdf'). PDF renders each time it is called; it is safe to call
// on several goroutines.
func (i *Issued) PDF() ([]byte, error) {
	if i.stored != nil {
		return i.stored, nil
	}
	return renderPDF(i.Invoice)
}

func renderPDF(inv *invoice.Invoice) ([]byte, error) {
	var b bytes.Buffer
	if err := invoice.WritePDF(&b, inv); err != nil {
		return nil, fmt.Errorf("document %s: %v", inv.Number, err)
	}
	return b.Bytes(), nil
}

// ChangedError refuses to invoice a month whose rows are not those of its issued invoice.
type ChangedError struct {
	Month   string   // YYYY-MM
	Party   string   // the bill-to party's name
	Numbers []string // the month's issued invoices to that party, oldest first
	New     int      // rows on none of them
	Gone    int      // rows of them the export no longer holds
	Changed int      // rows of them whose date, service, sponsor or price differ now
}

func (e *ChangedError) Error() string {
	on := "invoice " + strings.Join(e.Numbers, ", ")
	if len(e.Numbers) > 1 {
		on = "invoices " + strings.Join(e.Numbers, ", ")
	}
	var what []string
	if e.New > 0 {
		what = append(what, plural(e.New, "new session")+" not on it")
	}
	if e.Gone > 0 {
		what = append(what, plural(e.Gone, "session")+" of it no longer in the export")
	}
	if e.Changed > 0 {
		what = append(what, plural(e.Changed, "session")+" of it changed")
	}
	last := e.Numbers[len(e.Numbers)-1]
	msg := fmt.Sprintf("%s for %s was issued as %s; the export now has %s", e.Month, e.Party, on, strings.Join(what, ", "))
	if e.Gone == 0 && e.Changed == 0 {
		return msg + fmt.Sprintf("\nhint: --supplement invoices only the new %s with the next number; or 'hubinvoice credit %s' cancels %s, and then the month can be invoiced again", sessionWord(e.New), last, last)
	}
	return msg + fmt.Sprintf("\nhint: 'hubinvoice credit %s' cancels %s, and then the month can be invoiced again", last, last)
}

// InvoicedError refuses rows that an issued invoice of another month or party already holds.
type InvoicedError struct {
	Rows    int      // rows of the request that are locked
	Numbers []string // the invoices that hold them
}

func (e *InvoicedError) Error() string {
	return fmt.Sprintf("%s already on invoice %s: a session is invoiced once\nhint: --supplement invoices only the others; 'hubinvoice credit %s' frees them to be invoiced again",
		plural(e.Rows, "session is"), strings.Join(e.Numbers, ", "), e.Numbers[0])
}

// NothingNewError says that every row of a month is on its issued invoices already.
type NothingNewError struct {
	Month   string
	Party   string
	Numbers []string
}

func (e *NothingNewError) Error() string {
	return fmt.Sprintf("nothing new to invoice: every session of %s for %s is on invoice %s\nhint: 'hubinvoice register pdf NUMBER' writes an issued invoice's PDF again", e.Month, e.Party, strings.Join(e.Numbers, ", "))
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	if rest, ok := strings.CutSuffix(what, " is"); ok {
		return fmt.Sprintf("%d %ss are", n, rest)
	}
	return fmt.Sprintf("%d %ss", n, what)
}

func sessionWord(n int) string {
	if n == 1 {
		return "session"
	}
	return "sessions"
}

// issuedDoc is an active (not credited) invoice of a month and party.
type issuedDoc struct {
	number, rowsHash string
}

// Issue gives the request's invoice its number and records it, with its rows locked, in one
// transaction; or, when the month's party was invoiced with exactly these rows, gives back the
// stored invoice (its original issue date and number) and records nothing. See ChangedError,
// InvoicedError and NothingNewError for what it refuses.
func (r *Register) Issue(ctx context.Context, req Request) (*Issued, error) {
	var out *Issued
	err := r.write(ctx, func(tx *txn) error {
		var err error
		out, err = r.issue(ctx, tx, req)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// issueChunk is how many invoices IssueEach numbers in one transaction: a commit (an fsync)
// is shared by that many, and another process waits for the register at most that long.
var issueChunk = 128

// IssueAll issues the requests in order, as Issue each, in as few transactions as
// issueChunk allows (see IssueEach), and returns them all: a request the register refuses
// (see Issue) has its error at its index in errs; err is a failure of the register itself,
// and then issued and errs hold the requests of the chunks committed before it.
func (r *Register) IssueAll(ctx context.Context, reqs []Request) (issued []*Issued, errs []error, err error) {
	issued, errs = make([]*Issued, len(reqs)), make([]error, len(reqs))
	n := 0
	err = r.IssueEach(ctx, reqs, func(i int, iss *Issued, err error) {
		issued[i], errs[i], n = iss, err, i+1
	})
	if err != nil {
		return issued[:n], errs[:n], err
	}
	return issued, errs, nil
}

// IssueEach issues the requests in order, as Issue each, in as few transactions as
// issueChunk allows: each request is all recorded or not at all, and a chunk's are all
// committed together. Once a chunk is committed, committed is called for each of its
// requests in order, with what Issue would have returned: the document, or the error that
// refuses it (and leaves the others be); the caller may render and write those while the
// next chunk is numbered. The error IssueEach returns is a failure of the register itself,
// after which nothing of the unfinished chunk is recorded (the chunks before it are).
//
// A refused request needs no savepoint to undo it: issue refuses before it writes anything
// (see insert), and a failure after its first write fails the chunk. (A savepoint had SQLite
// copy every page a request changed to a subjournal, a temporary file.)
func (r *Register) IssueEach(ctx context.Context, reqs []Request, committed func(i int, iss *Issued, err error)) error {
	issued, errs := make([]*Issued, issueChunk), make([]error, issueChunk)
	for start := 0; start < len(reqs); start += issueChunk {
		end := min(start+issueChunk, len(reqs))
		err := r.write(ctx, func(tx *txn) error {
			if err := r.prefetchActive(ctx, tx, reqs[start:end]); err != nil {
				return err
			}
			for i := start; i < end; i++ {
				iss, err := r.issue(ctx, tx, reqs[i])
				if err != nil && !refusal(err) {
					return err
				}
				issued[i-start], errs[i-start] = iss, err
			}
			return nil
		})
		if err != nil {
			return err
		}
		for i := start; i < end; i++ {
			committed(i, issued[i-start], errs[i-start])
		}
	}
	return nil
}

// refusal reports whether Issue's error refuses the request (its rows, its fields) rather
// than tells of a register that failed.
func refusal(err error) bool {
	var re *requestError
	var changed *ChangedError
	var invoiced *InvoicedError
	var nothing *NothingNewError
	return errors.As(err, &re) || errors.As(err, &changed) || errors.As(err, &invoiced) || errors.As(err, &nothing)
}

// A requestError refuses a request for what it asks, before the register is read.
type requestError struct{ msg string }

func (e *requestError) Error() string { return e.msg }

// issue is Issue inside tx.
func (r *Register) issue(ctx context.Context, tx *txn, req Request) (*Issued, error) {
	inv := req.Invoice
	switch {
	case inv == nil || len(inv.Lines) == 0:
		return nil, &requestError{"an invoice with no sessions is not issued"}
	case inv.Draft:
		return nil, &requestError{"a draft is never recorded"}
	case inv.IsCredit():
		return nil, &requestError{"a credit note is issued with Credit"}
	case req.Numbering.Invoice.IsZero():
		return nil, &requestError{"no number format"}
	}
	prof, month, party := key(inv)
	ids := rowIDs(inv)
	var out *Issued
	err := func() error {
		active, err := r.activeInvoices(ctx, tx, prof, month, party)
		if err != nil {
			return err
		}
		locked, err := r.locks(ctx, tx, ids)
		if err != nil {
			return err
		}
		activeSet := map[string]bool{}
		for _, d := range active {
			activeSet[d.number] = true
		}

		lines := inv.Lines
		if req.Supplement {
			var fresh []invoice.Line
			for i, l := range inv.Lines {
				if locked[i] == nil {
					fresh = append(fresh, l)
				}
			}
			if len(fresh) == 0 {
				// A re-run of the last supplement: its rows are the ones the invoices before it
				// did not hold.
				if n := len(active); n > 0 {
					last := active[n-1]
					var rest []rowID
					for i, id := range ids {
						if locked[i].number == last.number {
							rest = append(rest, id)
						}
					}
					if rowsHash(rest) == last.rowsHash && allOn(locked, activeSet) {
						out, err = r.stored(ctx, tx, last.number)
						return err
					}
				}
				return r.refuseNothingNew(ctx, tx, inv, active, locked, ids)
			}
			lines = fresh
		} else {
			h := rowsHash(ids)
			for _, d := range active {
				if d.rowsHash == h {
					out, err = r.stored(ctx, tx, d.number)
					return err
				}
			}
			if len(active) > 0 {
				return r.refuseChanged(ctx, tx, inv, active, locked, ids)
			}
		}
		if !req.Supplement {
			if err := invoicedElsewhere(locked); err != nil {
				return err
			}
		}

		doc := inv
		if len(lines) != len(inv.Lines) {
			doc = inv.WithLines(lines)
		} else {
			c := *inv
			doc = &c
		}
		doc.Kind = invoice.KindInvoice
		doc.Credits, doc.Reason, doc.Draft = nil, "", false
		out, err = r.insert(ctx, tx, doc, req.Numbering.Invoice, req.Numbering.First, "")
		return err
	}()
	if err != nil {
		return nil, err
	}
	return out, nil
}

// invoicedElsewhere refuses rows that are locked already.
func invoicedElsewhere(locked []*lockRow) error {
	e := &InvoicedError{}
	for _, lk := range locked {
		if lk != nil {
			e.Rows++
			if !slices.Contains(e.Numbers, lk.number) {
				e.Numbers = append(e.Numbers, lk.number)
			}
		}
	}
	if e.Rows > 0 {
		return e
	}
	return nil
}

// allOn reports whether every row is locked by one of the numbers.
func allOn(locked []*lockRow, numbers map[string]bool) bool {
	for _, lk := range locked {
		if lk == nil || !numbers[lk.number] {
			return false
		}
	}
	return true
}

func key(inv *invoice.Invoice) (prof, month, party string) {
	return strings.ToLower(strings.TrimSpace(inv.From.Email)), inv.Period.String(), strings.ToLower(strings.TrimSpace(inv.BillTo.Email))
}

// prefetchActive reads the active invoices of every month and party the requests ask for in
// one query, instead of one query per request (see txn.active).
func (r *Register) prefetchActive(ctx context.Context, tx *txn, reqs []Request) error {
	var keys [][3]string
	for _, req := range reqs {
		if req.Invoice != nil {
			prof, month, party := key(req.Invoice)
			keys = append(keys, [3]string{prof, month, party})
		}
	}
	arg, err := json.Marshal(keys)
	if err != nil {
		return err
	}
	rows, err := tx.QueryContext(ctx, `SELECT professional, month, party, number, rows_hash FROM documents
		WHERE kind = 'invoice' AND credited_by IS NULL AND (professional, month, party) IN
		(SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]') FROM json_each(?))
		ORDER BY rowid`, string(arg))
	if err != nil {
		return r.errorf("%v", err)
	}
	defer rows.Close()
	active := map[partyMonth][]issuedDoc{}
	for rows.Next() {
		var k partyMonth
		var d issuedDoc
		if err := rows.Scan(&k.prof, &k.month, &k.party, &d.number, &d.rowsHash); err != nil {
			return r.errorf("%v", err)
		}
		active[k] = append(active[k], d)
	}
	if err := rows.Err(); err != nil {
		return r.errorf("%v", err)
	}
	tx.active = active
	return nil
}

func (r *Register) activeInvoices(ctx context.Context, tx *txn, prof, month, party string) ([]issuedDoc, error) {
	if tx.active != nil {
		return slices.Clone(tx.active[partyMonth{prof, month, party}]), nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT number, rows_hash FROM documents
		WHERE kind = 'invoice' AND credited_by IS NULL AND professional = ? AND month = ? AND party = ?
		ORDER BY rowid`, prof, month, party)
	if err != nil {
		return nil, r.errorf("%v", err)
	}
	defer rows.Close()
	var out []issuedDoc
	for rows.Next() {
		var d issuedDoc
		if err := rows.Scan(&d.number, &d.rowsHash); err != nil {
			return nil, r.errorf("%v", err)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

type lockRow struct{ number, content string }

// locks returns the lock of each row, nil where it has none, in one query for all of them.
func (r *Register) locks(ctx context.Context, tx *txn, ids []rowID) ([]*lockRow, error) {
	locked := make([]*lockRow, len(ids))
	keys := make([]string, len(ids))
	for i, id := range ids {
		keys[i] = id.key
	}
	arg, err := json.Marshal(keys)
	if err != nil {
		return nil, err
	}
	rows, err := tx.QueryContext(ctx, `SELECT k.key, l.number, l.content FROM json_each(?) AS k
		JOIN locks AS l ON l.row_key = k.value`, string(arg))
	if err != nil {
		return nil, r.errorf("%v", err)
	}
	defer rows.Close()
	for rows.Next() {
		var i int
		var lk lockRow
		if err := rows.Scan(&i, &lk.number, &lk.content); err != nil {
			return nil, r.errorf("%v", err)
		}
		if i < 0 || i >= len(ids) {
			return nil, r.errorf("a lock of row %d of %d", i, len(ids))
		}
		locked[i] = &lk
	}
	if err := rows.Err(); err != nil {
		return nil, r.errorf("%v", err)
	}
	return locked, nil
}

// lockRows locks the rows to the invoice numbered number, in one statement for all of them.
func (r *Register) lockRows(ctx context.Context, tx *txn, number string, ids []rowID) error {
	pairs := make([][2]string, len(ids))
	for i, id := range ids {
		pairs[i] = [2]string{id.key, id.content}
	}
	arg, err := json.Marshal(pairs)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO locks (row_key, number, content)
		SELECT json_extract(value, '$[0]'), ?, json_extract(value, '$[1]') FROM json_each(?)`, number, string(arg))
	return err
}

// refuseChanged explains how the request's rows differ from the month's issued invoices.
func (r *Register) refuseChanged(ctx context.Context, tx *txn, inv *invoice.Invoice, active []issuedDoc, locked []*lockRow, ids []rowID) error {
	e := &ChangedError{Month: inv.Period.String(), Party: inv.BillTo.Name}
	onActive := map[string]bool{}
	for _, d := range active {
		e.Numbers = append(e.Numbers, d.number)
		onActive[d.number] = true
	}
	var elsewhere []string
	held := 0
	for i, lk := range locked {
		switch {
		case lk == nil:
			e.New++
		case !onActive[lk.number]:
			held++
			if !slices.Contains(elsewhere, lk.number) {
				elsewhere = append(elsewhere, lk.number)
			}
		case lk.content != ids[i].content:
			e.Changed++
		}
	}
	lockedOnActive := 0
	for _, d := range active {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM locks WHERE number = ?`, d.number).Scan(&n); err != nil {
			return r.errorf("%v", err)
		}
		lockedOnActive += n
	}
	e.Gone = lockedOnActive - (len(ids) - e.New - held)
	if e.New == 0 && e.Gone == 0 && e.Changed == 0 {
		if held > 0 {
			return &InvoicedError{Rows: held, Numbers: elsewhere}
		}
		return &NothingNewError{Month: e.Month, Party: e.Party, Numbers: e.Numbers}
	}
	return e
}

// refuseNothingNew refuses a supplement with no row to put on it.
func (r *Register) refuseNothingNew(ctx context.Context, tx *txn, inv *invoice.Invoice, active []issuedDoc, locked []*lockRow, ids []rowID) error {
	var numbers []string
	for _, lk := range locked {
		if !slices.Contains(numbers, lk.number) {
			numbers = append(numbers, lk.number)
		}
	}
	return &NothingNewError{Month: inv.Period.String(), Party: inv.BillTo.Name, Numbers: numbers}
}

// next returns the next number of format's series on day: one after the series' last, or
// first when the register has never numbered anything in this format.
func (r *Register) next(ctx context.Context, tx *txn, format invoice.NumberFormat, day time.Time, first int64) (series string, seq int64, err error) {
	series = format.Series(day)
	if last, ok := tx.last[series]; ok { // numbered in this transaction
		return series, last + 1, nil
	}
	var last sql.NullInt64
	if err := tx.QueryRowContext(ctx, `SELECT max(seq) FROM documents WHERE series = ?`, series).Scan(&last); err != nil {
		return "", 0, r.errorf("%v", err)
	}
	if last.Valid {
		return series, last.Int64 + 1, nil
	}
	var used bool
	if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM documents WHERE format = ?)`, format.String()).Scan(&used); err != nil {
		return "", 0, r.errorf("%v", err)
	}
	if used || first < 1 {
		return series, 1, nil
	}
	return series, first, nil
}

// insert numbers doc in format and records its stored form, and its rows' locks when it is
// an invoice. credits is the invoice a credit note cancels. Every refusal (a requestError)
// comes before its first write, as in issue: IssueEach relies on it.
func (r *Register) insert(ctx context.Context, tx *txn, doc *invoice.Invoice, format invoice.NumberFormat, first int64, credits string) (*Issued, error) {
	series, seq, err := r.next(ctx, tx, format, doc.Issued, first)
	if err != nil {
		return nil, err
	}
	doc.Number = format.Number(doc.Issued, seq)
	// An invoice that cannot be rendered is never numbered. Its PDF is not rendered here,
	// inside the transaction that holds the register, nor stored: the stored form renders
	// it, after the commit and on as many cores as there are (Issued.PDF).
	if err := invoice.CheckRenderable(doc); err != nil {
		return nil, &requestError{err.Error()}
	}
	content, err := encodeDoc(doc)
	if err != nil {
		return nil, err
	}
	stored := doc // TestStoredCoversInvoice: the stored form holds every field
	ids := rowIDs(stored)
	hash := rowsHash(ids)
	prof, month, party := key(stored)
	var creditsArg any
	if credits != "" {
		creditsArg = credits
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO documents
		(number, kind, format, series, seq, professional, month, party, issue_date, credits, rows_hash, content, pdf)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		stored.Number, stored.Kind, format.String(), series, seq, prof, month, party,
		dateText(stored.Issued), creditsArg, hash, string(content), []byte{}); err != nil {
		// A number another format gave already (number is the primary key) is asked about
		// only when the insert fails, not before each insert (TestNumberTakenByAnotherFormat).
		var taken bool
		if qerr := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM documents WHERE number = ?)`, stored.Number).Scan(&taken); qerr == nil && taken {
			return nil, r.errorf("the number %s is taken already, in another series: the number formats overlap\nhint: give numbering.format and numbering.credit_format different fixed text", stored.Number)
		}
		return nil, r.errorf("recording %s: %v", stored.Number, err)
	}
	if !stored.IsCredit() {
		if err := r.lockRows(ctx, tx, stored.Number, ids); err != nil {
			return nil, r.errorf("locking the rows of %s: %v", stored.Number, err)
		}
		if tx.active != nil {
			k := partyMonth{prof, month, party}
			tx.active[k] = append(tx.active[k], issuedDoc{stored.Number, hash})
		}
	}
	tx.numbered(series, seq)
	return &Issued{Document: &Document{Invoice: stored}, New: true}, nil
}

// stored reads a recorded document inside tx, with the PDF bytes an older register kept.
func (r *Register) stored(ctx context.Context, tx *txn, number string) (*Issued, error) {
	d, pdf, err := r.get(ctx, tx, number, true)
	if err != nil {
		return nil, err
	}
	if len(pdf) == 0 {
		pdf = nil
	}
	return &Issued{Document: d, stored: pdf}, nil
}

// CreditRequest asks for a credit note for a whole invoice.
type CreditRequest struct {
	Number    string    // the invoice to credit
	Reason    string    // printed on the credit note; may be ""
	Issued    time.Time // the credit note's issue date
	Numbering invoice.Numbering
}

// Credit issues a credit note for the whole invoice, in the credit series, and frees the
// invoice's rows so that its month can be invoiced again. Crediting an invoice that has a
// credit note already gives that one back, recording nothing.
func (r *Register) Credit(ctx context.Context, req CreditRequest) (*Issued, error) {
	if req.Numbering.Credit.IsZero() {
		return nil, errors.New("no credit note number format")
	}
	var out *Issued
	err := r.write(ctx, func(tx *txn) error {
		orig, _, err := r.get(ctx, tx, req.Number, false)
		if err != nil {
			return err
		}
		switch {
		case orig.Invoice.IsCredit():
			return fmt.Errorf("%s is a credit note; only an invoice is credited", req.Number)
		case orig.CreditedBy != "":
			out, err = r.stored(ctx, tx, orig.CreditedBy)
			return err
		}
		issued := time.Date(req.Issued.Year(), req.Issued.Month(), req.Issued.Day(), 0, 0, 0, 0, time.UTC)
		if issued.Before(orig.Invoice.Issued) {
			return fmt.Errorf("a credit note dated %s cannot credit %s, issued later on %s", dateText(issued), req.Number, dateText(orig.Invoice.Issued))
		}
		cn := orig.Invoice.CreditNote("", issued, strings.TrimSpace(req.Reason))
		if out, err = r.insert(ctx, tx, cn, req.Numbering.Credit, 1, req.Number); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE documents SET credited_by = ? WHERE number = ?`, out.Invoice.Number, req.Number); err != nil {
			return r.errorf("%v", err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM locks WHERE number = ?`, req.Number); err != nil {
			return r.errorf("%v", err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
