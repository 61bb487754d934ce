// Package invoice is the domain of hubinvoice: what one month of a Payments export means for a
// professional, and the invoice that follows from it.
//
// # One month, one classification
//
// A month is read once into a Ledger. Its Add classifies every row exactly once (Class): where
// the row goes (OnInvoice; LeftOut with a reason; ClientOwes, paid or still to chase; a Repeat
// of an earlier Transaction ID; OtherMonth) and which of the row checks of check.go it raises.
// A Credit is on the invoice only when a Wellbeing Hub sponsored it: a Credit without a Sponsor
// was not paid with credits and is the client's to pay (the platform's article, seed 001).
// Every command is a view of that one result:
//
//   - Ledger.Professionals: each professional's invoice lines and what the invoice leaves out;
//   - Ledger.Findings: what to fix in the portal before invoicing (check);
//   - Ledger.Receivables: the money the clients owe the professional (collect);
//   - Ledger.Payouts and Receivables.Payouts: the weekly card transfers (payouts).
//
// So the month's rows add up the same way everywhere by construction.
//
// # From the month to the documents
//
// Profile reads and checks a professional's (or a clinic's) profile: who sends the invoice,
// the bank details, the language, the working-day country and which sponsors are billed to
// which party (BillTo, Split). MakePlan turns one Request (month, issue date, sponsors,
// professional, bill-to party, and a Profile, the Profiles of a clinic's professionals or the
// Clinic's own) into the month's invoices to write, those the checks hold back and why, and
// what the month leaves out: the one pipeline of `invoice` and `batch`. Build makes one
// Invoice per party; WritePDF renders an Invoice as an A4 PDF that holds no client data, the
// same bytes for the same input. Money is decimal.Decimal throughout, one
// total per currency, never summed across currencies.
package invoice
