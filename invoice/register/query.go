package register

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/hubinvoice/hubinvoice/invoice"
)

// Document is an issued invoice or credit note as the register holds it.
type Document struct {
	Invoice    *invoice.Invoice // as issued: number, kind, issue date, lines, totals, ...
	Paid       time.Time        // when it was marked paid; zero when not
	CreditedBy string           // the credit note that cancels it; "" when none
}

// Statuses of a document.
const (
	StatusIssued   = "issued"
	StatusPaid     = "paid"
	StatusCredited = "credited"
	StatusOverdue  = "overdue"
)

// Status returns what became of the document by today: credited (a credit note cancels
// it), paid (marked so), overdue (billed to the platform, whose expected payment date has
// passed without it being marked paid) or issued.
func (d *Document) Status(today time.Time) string {
	switch {
	case d.CreditedBy != "":
		return StatusCredited
	case !d.Paid.IsZero():
		return StatusPaid
	case d.Overdue(today):
		return StatusOverdue
	}
	return StatusIssued
}

// Overdue reports whether an invoice with an expected payment date (the platform's: see
// invoice.Build) is still unpaid the day after it. A credit note is never overdue.
func (d *Document) Overdue(today time.Time) bool {
	inv := d.Invoice
	if inv.IsCredit() || d.CreditedBy != "" || !d.Paid.IsZero() || inv.PaymentDate.IsZero() {
		return false
	}
	day := time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)
	return day.After(inv.PaymentDate)
}

// NotFoundError is asked for a number the register does not hold.
type NotFoundError struct {
	Path, Number string
}

func (e *NotFoundError) Error() string {
	return fmt.Sprintf("register %s: no document numbered %q\nhint: 'hubinvoice register list' shows the numbers it holds", e.Path, e.Number)
}

type querier interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}

const docColumns = `number, content, paid_date, credited_by`

func (r *Register) scanDoc(scan func(...any) error) (*Document, error) {
	var number, content string
	var paid, creditedBy sql.NullString
	if err := scan(&number, &content, &paid, &creditedBy); err != nil {
		return nil, err
	}
	inv, err := decodeDoc([]byte(content))
	if err != nil {
		return nil, r.errorf("document %s: %v", number, err)
	}
	d := &Document{Invoice: inv, CreditedBy: creditedBy.String}
	if paid.Valid {
		if d.Paid, err = time.Parse(time.DateOnly, paid.String); err != nil {
			return nil, r.errorf("document %s: paid date: %v", number, err)
		}
	}
	return d, nil
}

func (r *Register) get(ctx context.Context, q querier, number string, withPDF bool) (*Document, []byte, error) {
	cols := docColumns
	if withPDF {
		cols += ", pdf"
	}
	var pdf []byte
	row := q.QueryRowContext(ctx, `SELECT `+cols+` FROM documents WHERE number = ?`, strings.TrimSpace(number))
	d, err := r.scanDoc(func(dest ...any) error {
		if withPDF {
			dest = append(dest, &pdf)
		}
		return row.Scan(dest...)
	})
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, &NotFoundError{Path: r.path, Number: number}
	}
	if err != nil {
		return nil, nil, r.errorf("%v", dbError(err))
	}
	return d, pdf, nil
}

// Show returns the document numbered number.
func (r *Register) Show(ctx context.Context, number string) (*Document, error) {
	d, _, err := r.get(ctx, r.db, number, false)
	return d, err
}

// PDF returns the document and its PDF as it was issued, byte for byte (see Issued.PDF).
func (r *Register) PDF(ctx context.Context, number string) (*Document, []byte, error) {
	d, pdf, err := r.get(ctx, r.db, number, true)
	if err != nil {
		return nil, nil, err
	}
	if len(pdf) == 0 {
		if pdf, err = renderPDF(d.Invoice); err != nil {
			return nil, nil, r.errorf("%v", err)
		}
	}
	return d, pdf, nil
}

// List returns every document, in the order they were issued.
func (r *Register) List(ctx context.Context) ([]*Document, error) {
	rows, err := r.db.QueryContext(ctx, `SELECT `+docColumns+` FROM documents ORDER BY rowid`)
	if err != nil {
		return nil, r.errorf("%v", dbError(err))
	}
	defer rows.Close()
	var out []*Document
	for rows.Next() {
		d, err := r.scanDoc(rows.Scan)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	if err := rows.Err(); err != nil {
		return nil, r.errorf("%v", err)
	}
	return out, nil
}

// Overdue returns the invoices overdue today (see Document.Overdue), oldest first.
func (r *Register) Overdue(ctx context.Context, today time.Time) ([]*Document, error) {
	docs, err := r.List(ctx)
	if err != nil {
		return nil, err
	}
	var out []*Document
	for _, d := range docs {
		if d.Overdue(today) {
			out = append(out, d)
		}
	}
	return out, nil
}

// MarkPaid records that the invoice numbered number was paid on day; marking it again
// corrects the date.
func (r *Register) MarkPaid(ctx context.Context, number string, day time.Time) (*Document, error) {
	var out *Document
	err := r.write(ctx, func(tx *txn) error {
		d, _, err := r.get(ctx, tx, number, false)
		if err != nil {
			return err
		}
		inv := d.Invoice
		day := time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, time.UTC)
		switch {
		case inv.IsCredit():
			return fmt.Errorf("%s is a credit note: nothing is paid on it", inv.Number)
		case d.CreditedBy != "":
			return fmt.Errorf("%s is credited by %s: nothing is due on it", inv.Number, d.CreditedBy)
		case day.Before(inv.Issued):
			return fmt.Errorf("%s was issued on %s: it cannot be paid before, on %s", inv.Number, dateText(inv.Issued), dateText(day))
		}
		if _, err := tx.ExecContext(ctx, `UPDATE documents SET paid_date = ? WHERE number = ?`, dateText(day), inv.Number); err != nil {
			return r.errorf("%v", err)
		}
		d.Paid = day
		out = d
		return nil
	})
	return out, err
}

// Person is a party as a listing shows it.
type Person struct {
	Name  string `json:"name"`
	Email string `json:"email"`
}

// Amount is an amount in one currency, as a plain decimal string in its minor unit.
type Amount struct {
	Currency string `json:"currency"`
	Amount   string `json:"amount"`
}

// Entry is a document as `register list` shows it; its JSON is the list's.
type Entry struct {
	Number          string   `json:"number"`
	Kind            string   `json:"kind"`
	Credits         *string  `json:"credits"` // the invoice a credit note cancels
	Month           string   `json:"month"`
	Professional    Person   `json:"professional"`
	BillTo          Person   `json:"bill_to"`
	Sessions        int      `json:"sessions"`
	Totals          []Amount `json:"totals"`
	IssueDate       string   `json:"issue_date"`
	Status          string   `json:"status"`
	PaidDate        *string  `json:"paid_date"`
	ExpectedPayment *string  `json:"expected_payment"`
	CreditedBy      *string  `json:"credited_by"`
}

func dateOrNil(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := dateText(t)
	return &s
}

func textOrNil(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// Amounts writes totals as plain decimal strings.
func Amounts(ts []invoice.Total) []Amount {
	out := make([]Amount, len(ts))
	for i, t := range ts {
		out[i] = Amount{t.Currency, invoice.PlainAmount(t.Amount, t.Currency)}
	}
	return out
}

// Entry returns the document's listing, its status as of today.
func (d *Document) Entry(today time.Time) Entry {
	inv := d.Invoice
	e := Entry{
		Number:          inv.Number,
		Kind:            inv.Kind,
		Month:           inv.Period.String(),
		Professional:    Person{inv.From.Name, inv.From.Email},
		BillTo:          Person{inv.BillTo.Name, inv.BillTo.Email},
		Sessions:        inv.Sessions(),
		Totals:          Amounts(inv.Totals),
		IssueDate:       dateText(inv.Issued),
		Status:          d.Status(today),
		PaidDate:        dateOrNil(d.Paid),
		ExpectedPayment: dateOrNil(inv.PaymentDate),
		CreditedBy:      textOrNil(d.CreditedBy),
	}
	if inv.Credits != nil {
		e.Credits = &inv.Credits.Number
	}
	return e
}
