package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/hubinvoice/hubinvoice/invoice"
	"github.com/hubinvoice/hubinvoice/invoice/email"
	"github.com/spf13/cobra"
)

func newDraftCmd(e *env) *cobra.Command {
	opts := &invoiceOptions{draft: true}
	c := &cobra.Command{
		Use:   "draft EXPORT",
		Short: "Write the month's invoice and the email that sends it, as an .eml draft",
		Long: `Write the month's invoice, as 'hubinvoice invoice' does, and the email that sends it to
the bill-to party: an .eml file (RFC 5322) that a mail client opens as a draft to check and
send (Thunderbird, Apple Mail, Outlook: open the file). Nothing is sent and no password is
asked for.

The email goes from you to the bill-to party, with the invoice number, your name and the
month in the subject, a short text in the invoice's language (the month, the number of
sessions, the totals, the dates of the sessions and the expected payment date), and as
attachments the PDF, the e-invoice when one is made (--ubl), and the Payments export of
exactly the invoice's sessions (Sponsor, Transaction and Session Date, Service Name and
Price, Currency, Professional Name and Email, Type), without any client's name or email.
The same export and issue date give the same bytes.

The PDF is written beside the email under the invoice's usual name; when it is already there
and is the same invoice, byte for byte, it is kept and attached. An existing file that
differs is never replaced unless --force.

Exit status: 0 written; 1 bad data or failure; 2 usage error; 3 nothing to invoice (no file
written; the reasons are printed).`,
		Example: `  hubinvoice draft payments.xlsx --month 2024-03
  hubinvoice draft payments.xlsx --month 2024-03 -o drafts/march.eml --json`,
		Args: args(cobra.ExactArgs(1)),
		RunE: func(c *cobra.Command, a []string) error {
			opts.export = a[0]
			return runInvoice(c.Context(), opts, e)
		},
	}
	opts.registerFlags(c.Flags(), "the email to write (default: the invoice's file name, .eml)")
	return c
}

// draftPath is where the email of the invoice at pdfPath goes: beside it, named alike.
func draftPath(pdfPath string) string {
	return strings.TrimSuffix(pdfPath, filepath.Ext(pdfPath)) + ".eml"
}

// renderPDF renders an invoice's PDF into memory: the file and the email attach the same bytes.
func renderPDF(inv *invoice.Invoice) ([]byte, error) {
	var b bytes.Buffer
	if err := invoice.WritePDF(&b, inv); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// draftBytes is the email of inv, with pdf attached under pdfName, the e-invoice when one
// was made (xml not nil), and the sessions CSV.
func draftBytes(inv *invoice.Invoice, pdf []byte, pdfName string, xml *eInvoice) ([]byte, error) {
	var sessions, eml bytes.Buffer
	if err := email.WriteSessions(&sessions, inv); err != nil {
		return nil, err
	}
	stem := strings.TrimSuffix(pdfName, filepath.Ext(pdfName))
	files := email.Files{
		PDF: pdf, PDFName: pdfName,
		Sessions: sessions.Bytes(), SessionsName: "sessions-" + strings.TrimPrefix(stem, "invoice-") + ".csv",
	}
	if xml != nil {
		files.XML, files.XMLName = xml.data, filepath.Base(xml.path)
	}
	err := email.Write(&eml, inv, files)
	return eml.Bytes(), err
}

// Statuses of a file written.
const (
	statusWritten  = "written"
	statusReplaced = "replaced"
	statusKept     = "kept (exists)"
	statusSame     = "kept, the same"
)

// output is a file to write, made in full before anything is written.
type output struct {
	path   string
	data   []byte
	status string // once written: written, replaced or kept, the same
}

// refuse is the errExists of a file there already, found before anything is written: nil
// with force, or with keepSame when the file there holds these very bytes (a rerun).
func (o *output) refuse(force, keepSame bool) error {
	if force {
		return nil
	}
	if _, err := os.Lstat(o.path); err != nil {
		return nil
	}
	if old, err := os.ReadFile(o.path); err == nil && keepSame && bytes.Equal(old, o.data) {
		return nil
	}
	return errExists{o.path}
}

// write writes the file whole or not at all (see writeNewFile), or keeps it when keepSame
// and it holds these bytes already; another file there is an errExists unless force.
func (o *output) write(force, keepSame bool) error {
	o.status = statusWritten
	if _, err := os.Lstat(o.path); err == nil {
		if old, err := os.ReadFile(o.path); err == nil && keepSame && bytes.Equal(old, o.data) {
			o.status = statusSame
			return nil
		}
		o.status = statusReplaced
	}
	err := writeNewFile(o.path, 0o644, force, func(w io.Writer) error {
		_, err := w.Write(o.data)
		return err
	})
	if err != nil {
		return writeError(o.path, err)
	}
	return nil
}
