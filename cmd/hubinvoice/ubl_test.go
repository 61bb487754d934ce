package main

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"
)

// ublRead is what a receiver reads of an e-invoice: the fields --json also gives.
type ublRead struct {
	XMLName   xml.Name
	ID        string `xml:"urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2 ID"`
	IssueDate string `xml:"urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2 IssueDate"`
	DueDate   string `xml:"urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2 DueDate"`
	Currency  string `xml:"urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2 DocumentCurrencyCode"`
	Period    struct {
		Start string `xml:"urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2 StartDate"`
	} `xml:"urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2 InvoicePeriod"`
	Total struct {
		Payable string `xml:"urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2 PayableAmount"`
	} `xml:"urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2 LegalMonetaryTotal"`
	Lines   []struct{} `xml:"urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2 InvoiceLine"`
	Credits []struct{} `xml:"urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2 CreditNoteLine"`
}

// ublAgrees is the testscript command `ublagrees FILE.xml SUMMARY.json`: the e-invoice says
// what the --json summary of invoice, batch or credit says of it: number, issue date, month, payment
// date, number of sessions, total and currency (batch's summary gives no dates but the month).
func ublAgrees(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: ublagrees FILE.xml SUMMARY.json")
	}
	var x ublRead
	if err := xml.Unmarshal([]byte(ts.ReadFile(args[0])), &x); err != nil {
		ts.Fatalf("%s: %v", args[0], err)
	}
	type summary struct {
		Number   string  `json:"invoice_number"`
		Entry    string  `json:"number"` // as credit and register write a document
		Expected *string `json:"expected_payment"`
		Month    string  `json:"month"`
		Issued   string  `json:"issue_date"`
		Payment  *string `json:"payment_date"`
		Sessions int     `json:"sessions"`
		Totals   []struct{ Currency, Amount string }
		XML      *string `json:"xml"`
	}
	var one summary
	var batch struct {
		Month    string    `json:"month"`
		Invoices []summary `json:"invoices"`
	}
	data := []byte(ts.ReadFile(args[1]))
	ts.Check(json.Unmarshal(data, &one))
	inBatch := json.Unmarshal(data, &batch) == nil && batch.Invoices != nil
	if inBatch {
		found := false
		for _, s := range batch.Invoices {
			if s.XML != nil && filepath.Base(*s.XML) == filepath.Base(args[0]) {
				one, found = s, true
				one.Month = batch.Month
			}
		}
		if !found {
			ts.Fatalf("%s names no invoice whose xml is %s", args[1], args[0])
		}
	}
	if one.XML == nil || filepath.Base(*one.XML) != filepath.Base(args[0]) {
		ts.Fatalf("%s: xml is %v, not %s", args[1], one.XML, args[0])
	}
	if one.Number == "" {
		one.Number = one.Entry
	}
	if one.Payment == nil {
		one.Payment = one.Expected
	}
	payment := ""
	if one.Payment != nil {
		payment = *one.Payment
	}
	if len(one.Totals) != 1 {
		ts.Fatalf("%s: %d totals, want the one currency of an e-invoice", args[1], len(one.Totals))
	}
	lines := len(x.Lines) + len(x.Credits)
	for _, c := range []struct{ what, xml, json string }{
		{"number", x.ID, one.Number},
		{"issue date", x.IssueDate, one.Issued},
		{"month", strings.TrimSuffix(x.Period.Start, "-01"), one.Month},
		{"due date", x.DueDate, payment},
		{"sessions", fmt.Sprint(lines), fmt.Sprint(one.Sessions)},
		{"total", x.Total.Payable, strings.TrimPrefix(one.Totals[0].Amount, "-")},
		{"currency", x.Currency, one.Totals[0].Currency},
	} {
		if inBatch && (c.what == "issue date" || c.what == "due date") {
			continue // batch's summary does not give them
		}
		if c.xml != c.json {
			ts.Fatalf("%s: %s is %q in the XML, %q in %s", args[0], c.what, c.xml, c.json, args[1])
		}
	}
}
