package ubl

import (
	"errors"
	"fmt"
	"strings"

	"github.com/hubinvoice/hubinvoice/invoice"
)

// Check reports what a profile lacks for e-invoices, one line per problem naming the field
// as the profile spells it ("profile.toml: bill_to[1].address: missing, e.g. ..."), so that
// it can be fixed before anything is written. It checks the professional, every [[bill_to]]
// party, and the platform billed by default when no party takes "*": a profile for
// e-invoices names the platform's address and kennitala in a [[bill_to]] of its own.
func Check(p *invoice.Profile) error {
	var errs []error
	name := p.Name()
	if name == "" {
		name = "profile"
	}
	report := func(prefix string, probs []problem) {
		for _, pr := range probs {
			field := pr.field
			if prefix != "" && !strings.HasPrefix(field, "bank") {
				field = prefix + "." + field
			}
			errs = append(errs, fmt.Errorf("%s: %s: %s", name, field, pr.msg))
		}
	}
	seller, probs := resolve(p.Party())
	report("professional", probs)
	report("professional", sellerProblems(p.Invoice.VAT, p.BankDetails(), seller, false))
	star := false
	for i, bt := range p.BillTo {
		_, probs := resolve(bt.Party())
		report(fmt.Sprintf("bill_to[%d]", i+1), probs)
		for _, s := range bt.Sponsors {
			star = star || s == invoice.AnySponsor
		}
	}
	if !star {
		def := invoice.DefaultBillTo()
		if _, probs := resolve(def.Party()); len(probs) > 0 {
			errs = append(errs, fmt.Errorf(`%s: bill_to: an e-invoice to %s needs its address and kennitala: add a [[bill_to]] for it with sponsors = ["*"], address, tax_id`, name, def.Name))
		}
	}
	return errors.Join(errs...)
}
