package register

import (
	"context"
	"database/sql"
)

// txn is a write transaction whose statements are prepared once each and reused: a batch
// issues a hundred invoices in one transaction with the same few statements for each, and
// preparing (parsing and planning) a statement cost more than running it. The statements
// are closed when the transaction ends.
type txn struct {
	*sql.Tx
	stmts map[string]*sql.Stmt
	// last is the last number each series was given in this transaction, which holds the
	// register: the next is one more, without asking the register again.
	last map[string]int64
	// active, when not nil, is every active invoice of the months and parties the
	// transaction's requests ask for, read once for them all (IssueEach) and kept up to date
	// by insert: activeInvoices answers from it. A key it lacks has none.
	active map[partyMonth][]issuedDoc
}

// partyMonth is a professional's month with a party, as key gives it.
type partyMonth struct{ prof, month, party string }

// numbered records that series was given seq in the transaction.
func (t *txn) numbered(series string, seq int64) {
	if t.last == nil {
		t.last = map[string]int64{}
	}
	t.last[series] = seq
}

func (t *txn) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if s, ok := t.stmts[query]; ok {
		return s, nil
	}
	s, err := t.Tx.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	if t.stmts == nil {
		t.stmts = map[string]*sql.Stmt{}
	}
	t.stmts[query] = s
	return s, nil
}

// ExecContext runs query, prepared once for the transaction.
func (t *txn) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	s, err := t.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return s.ExecContext(ctx, args...)
}

// QueryContext runs query, prepared once for the transaction.
func (t *txn) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	s, err := t.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return s.QueryContext(ctx, args...)
}

// QueryRowContext runs query, prepared once for the transaction; a statement that cannot be
// prepared gives its error when the row is scanned.
func (t *txn) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	s, err := t.stmt(ctx, query)
	if err != nil {
		return t.Tx.QueryRowContext(ctx, query, args...)
	}
	return s.QueryRowContext(ctx, args...)
}
