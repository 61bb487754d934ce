package register

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	_ "modernc.org/sqlite" // the pure-Go SQLite driver, "sqlite"
)

// Register is an open register file. Its methods are safe for concurrent use, also by other
// processes on the same file.
type Register struct {
	db   *sql.DB
	path string
}

// DefaultPath returns where the register lives unless the user names a file:
// $XDG_DATA_HOME/hubinvoice/register.db, else ~/.local/share/hubinvoice/register.db.
// getenv reads the environment (os.Getenv, or a test's).
func DefaultPath(getenv func(string) string) (string, error) {
	if d := getenv("XDG_DATA_HOME"); filepath.IsAbs(d) {
		return filepath.Join(d, "hubinvoice", "register.db"), nil
	}
	home := getenv("HOME")
	if home == "" {
		return "", errors.New("no register file: neither XDG_DATA_HOME nor HOME is set\nhint: name one with --register FILE")
	}
	return filepath.Join(home, ".local", "share", "hubinvoice", "register.db"), nil
}

// busyTimeoutMS is how long a writer waits for another to finish before giving up. A
// transaction holds the lock for milliseconds; this covers a batch of hundreds waiting.
const busyTimeoutMS = 60000

// Open opens the register at path, creating it (mode 0600, its folder 0700) on first use and
// bringing its schema up to date.
func Open(ctx context.Context, path string) (*Register, error) {
	if path == "" {
		return nil, errors.New("no register file named")
	}
	if strings.ContainsAny(path, "?#") {
		return nil, fmt.Errorf("%s: a register's file name cannot hold '?' or '#'", path)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("register %s: %v", path, unwrapPath(err))
	}
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		if err := create(ctx, path); err != nil {
			return nil, err
		}
	}
	r, err := connect(path, "")
	if err != nil {
		return nil, err
	}
	if err := r.setUp(ctx); err != nil {
		r.db.Close()
		return nil, err
	}
	return r, nil
}

// connect connects to the register at path; extra adds parameters to the connection's.
func connect(path, extra string) (*Register, error) {
	// temp_store(MEMORY): a statement that inserts many rows (an invoice's locks) keeps its
	// statement journal, for undoing it alone, in memory and not in a temporary file.
	dsn := path + fmt.Sprintf("?_txlock=immediate&_pragma=busy_timeout(%d)&_pragma=synchronous(FULL)&_pragma=foreign_keys(1)&_pragma=temp_store(MEMORY)", busyTimeoutMS) + extra
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("register %s: %v", path, err)
	}
	// One connection: every statement of a process goes through it in turn, and a transaction
	// is never split over two.
	db.SetMaxOpenConns(1)
	return &Register{db: db, path: path}, nil
}

// create makes a new register, in WAL mode and at the current schema, under a name of its own
// beside path, then links it to path: nobody ever opens a register half made, and two
// processes creating one at once never race to change its journal mode (which SQLite refuses
// with "database is locked", no busy timeout helping). The loser's copy is removed. The file
// is made with mode 0600 before SQLite opens it; SQLite gives its -wal and -shm files the
// same mode.
func create(ctx context.Context, path string) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".register-*.db")
	if err != nil {
		return fmt.Errorf("register %s: %v", path, unwrapPath(err))
	}
	tmp := f.Name()
	f.Close()
	defer os.Remove(tmp)
	r, err := connect(tmp, "&_pragma=journal_mode(WAL)")
	if err != nil {
		return err
	}
	err = r.setUp(ctx)
	if cerr := r.db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("register %s: creating it: %v", path, err)
	}
	if err := os.Link(tmp, path); err != nil && !errors.Is(err, os.ErrExist) {
		return fmt.Errorf("register %s: %v", path, unwrapPath(err))
	}
	return nil
}

// setUp checks the register is in WAL mode, switching an old file to it, and migrates it.
func (r *Register) setUp(ctx context.Context) error {
	var mode string
	if err := r.db.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil {
		return r.errorf("%v", dbError(err))
	}
	if mode != "wal" {
		if _, err := r.db.ExecContext(ctx, "PRAGMA journal_mode = WAL"); err != nil {
			return r.errorf("%v", dbError(err))
		}
	}
	return r.migrate(ctx)
}

func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Path returns the register's file.
func (r *Register) Path() string { return r.path }

// Close closes the register.
func (r *Register) Close() error { return r.db.Close() }

func (r *Register) errorf(format string, args ...any) error {
	return fmt.Errorf("register %s: "+format, append([]any{r.path}, args...)...)
}

// migrations bring a register from schema version i (PRAGMA user_version) to i+1. Version 0
// is an empty file. A document's pdf is empty since the batch's invoices were numbered in
// chunks: its content renders the bytes again (see Issued.PDF); an older register's are kept. A migration is never edited once released: a change is a new one.
var migrations = []string{
	// 1: documents, their rows' locks.
	`CREATE TABLE documents (
		number       TEXT PRIMARY KEY,
		kind         TEXT NOT NULL CHECK (kind IN ('invoice', 'credit')),
		format       TEXT NOT NULL,   -- the number format it was numbered in
		series       TEXT NOT NULL,   -- the format with its date fields filled in
		seq          INTEGER NOT NULL CHECK (seq >= 1),
		professional TEXT NOT NULL,   -- the sender's email, lower case
		month        TEXT NOT NULL,   -- YYYY-MM, the sessions' month
		party        TEXT NOT NULL,   -- the bill-to party's email, lower case
		issue_date   TEXT NOT NULL,   -- YYYY-MM-DD
		credits      TEXT REFERENCES documents (number),  -- on a credit note: the invoice
		credited_by  TEXT REFERENCES documents (number),  -- on an invoice: its credit note
		paid_date    TEXT,
		rows_hash    TEXT NOT NULL,   -- the rows' keys and contents, for telling a re-run
		content      TEXT NOT NULL,   -- the document, JSON (see stored.go)
		pdf          BLOB NOT NULL,   -- the PDF as rendered from content when issued
		UNIQUE (series, seq)
	);
	CREATE INDEX documents_month ON documents (professional, month, party);
	CREATE TABLE locks (
		row_key TEXT PRIMARY KEY,     -- 'id:' Transaction ID, or 'c:' a hash of the content
		number  TEXT NOT NULL REFERENCES documents (number),
		content TEXT NOT NULL         -- a hash of the row's content when it was invoiced
	);
	CREATE INDEX locks_number ON locks (number);`,
}

// SchemaVersion is the schema this code writes.
var SchemaVersion = len(migrations)

func (r *Register) version(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}) (int, error) {
	var v int
	if err := q.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return 0, r.errorf("%v", dbError(err))
	}
	return v, nil
}

func (r *Register) migrate(ctx context.Context) error {
	v, err := r.version(ctx, r.db)
	if err != nil {
		return err
	}
	if v == SchemaVersion {
		return nil
	}
	return r.write(ctx, func(tx *txn) error {
		v, err := r.version(ctx, tx) // another process may have migrated meanwhile
		if err != nil {
			return err
		}
		if v > SchemaVersion {
			return r.errorf("schema version %d is newer than this hubinvoice knows (%d)\nhint: use the newer hubinvoice that wrote it", v, SchemaVersion)
		}
		for ; v < SchemaVersion; v++ {
			if _, err := tx.ExecContext(ctx, migrations[v]); err != nil {
				return r.errorf("migrating to schema version %d: %v", v+1, err)
			}
		}
		_, err = tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", SchemaVersion))
		return err
	})
}

// write runs fn in one transaction, begun IMMEDIATE (the DSN's _txlock): it holds the write
// lock from the first statement, so that what fn reads stays true until it commits.
func (r *Register) write(ctx context.Context, fn func(tx *txn) error) error {
	tx, err := r.db.BeginTx(ctx, nil)
	if err != nil {
		return r.errorf("%v", dbError(err))
	}
	if err := fn(&txn{Tx: tx}); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return r.errorf("%v", dbError(err))
	}
	return nil
}

// dbError makes the driver's message readable; a file that is no database says so.
func dbError(err error) error {
	msg := err.Error()
	if strings.Contains(msg, "file is not a database") || strings.Contains(msg, "SQLITE_NOTADB") {
		return errors.New("not a register: the file is not an SQLite database")
	}
	return err
}
