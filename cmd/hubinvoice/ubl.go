package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/hubinvoice/hubinvoice/invoice"
	"github.com/hubinvoice/hubinvoice/invoice/register"
	"github.com/hubinvoice/hubinvoice/invoice/ubl"
	"github.com/spf13/cobra"
)

// An e-invoice is the UBL XML that goes beside an invoice's PDF with --ubl, or when the
// profile says [invoice] ubl = true. It is made in full before anything is written, so that a
// profile or an invoice it cannot be made from stops the run with nothing written.

// wantsUBL reports whether the invoices of prof get an e-invoice.
func wantsUBL(flag bool, prof *invoice.Profile) bool {
	return flag || (prof != nil && prof.Invoice.UBL)
}

// eInvoice is an e-invoice made and not yet written.
type eInvoice struct {
	path string
	data []byte
}

// makeEInvoice makes the e-invoice of inv, whose PDF goes to pdf.
func makeEInvoice(pdf string, inv *invoice.Invoice) (*eInvoice, error) {
	path := ubl.FileName(pdf)
	if path == pdf {
		return nil, usagef("%s: the e-invoice goes beside the PDF with .xml for its extension: name the PDF .pdf", pdf)
	}
	data, err := ubl.Marshal(inv)
	if err != nil {
		return nil, err
	}
	return &eInvoice{path: path, data: data}, nil
}

// write writes the e-invoice as writeNewFile writes a PDF: whole or not at all, never
// replacing an existing file unless force.
func (x *eInvoice) write(force bool) error {
	return writeNewFile(x.path, 0o644, force, func(w io.Writer) error {
		_, err := w.Write(x.data)
		return err
	})
}

// checkUBLProfiles checks, once each, the profiles whose invoices get an e-invoice: every
// problem of every one, each naming the file and the field.
func checkUBLProfiles(profiles []*invoice.Profile) error {
	seen := map[*invoice.Profile]bool{}
	var errs []error
	for _, p := range profiles {
		if p == nil || seen[p] {
			continue
		}
		seen[p] = true
		if err := ubl.Check(p); err != nil {
			errs = append(errs, err)
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("%w\nhint: an e-invoice (--ubl) needs them: see E-invoices in the README", errors.Join(errs...))
	}
	return nil
}

// newRegisterXML is `register xml NUMBER`, the sibling of `register pdf`: the e-invoice of an
// issued document made again from what the register stored, the same bytes as --ubl wrote.
func newRegisterXML(e *env, opts *registerOptions) *cobra.Command {
	return rewriteSub(e, opts, "xml NUMBER", "Write an issued document's e-invoice (UBL XML) again",
		`Write the e-invoice of the document NUMBER, a Peppol BIS Billing 3.0 UBL Invoice or
CreditNote, made from what the register stored when it was issued: the same bytes as --ubl
wrote then, whether or not it did. A document that cannot be an e-invoice (sessions in two
currencies, parties without what the rules need) is refused, naming why.`,
		"the XML to write (default: invoice-NUMBER.xml or credit-note-NUMBER.xml; - for standard output)",
		func(ctx context.Context, reg *register.Register, number string) (*register.Document, []byte, string, error) {
			d, err := reg.Show(ctx, number)
			if err != nil {
				return nil, nil, "", err
			}
			data, err := ubl.Marshal(d.Invoice)
			if err != nil {
				return nil, nil, "", err
			}
			return d, data, ubl.FileName(documentFile(d.Invoice)), nil
		})
}
