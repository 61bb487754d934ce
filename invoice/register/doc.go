// Package register is the record of the documents a professional has issued: every invoice
// and credit note with its number, its full content and its PDF, in an SQLite file.
//
// It owns the numbering: within a series (see invoice.NumberFormat) numbers count on with no
// gap and no repeat, under concurrent processes and a kill at any moment, because a number,
// the document that carries it and the locks on its rows commit in one transaction, begun
// IMMEDIATE so that two writers never read the same last number. The PDF is rendered inside
// that transaction from the very value that is stored, and stored with it, so that a re-run or
// `register pdf` gives the same bytes as the first time.
//
// It remembers the sessions: a row of the export on an issued invoice is locked (by its
// Transaction ID, or by a key made of its content where the export has none) and is never
// invoiced again until a credit note cancels that invoice. Re-issuing the same month, party
// and rows is idempotent; a month whose rows changed is refused with the ways out.
//
// It stores nothing a client can be identified by: an invoice's lines carry none, and a
// content key is made of the session's date, service, sponsor and price only.
//
// The register is a view of invoice values; it imports invoice, never cmd. The clock is the
// caller's: dates come in as arguments.
package register
