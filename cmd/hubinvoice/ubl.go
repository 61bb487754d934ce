package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/hubinvoice/hubinvoice/invoice"
	"github.com/hubinvoice/hubinvoice/invoice/ubl"
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

// refuseExisting is the error for an e-invoice that is there already, found before its PDF
// is written, so that nothing is: nil when force or when there is none.
func (x *eInvoice) refuseExisting(force bool) error {
	if x == nil || force {
		return nil
	}
	if _, err := os.Lstat(x.path); err == nil {
		return errExists{x.path}
	}
	return nil
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
