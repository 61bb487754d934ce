// Package ubl writes an invoice or a credit note as an e-invoice: a UBL 2.1 Invoice (type
// code 380) or CreditNote (381) under Peppol BIS Billing 3.0 with Iceland's national rules
// (TS-236), from the same invoice.Invoice value the PDF is rendered from, so that the two
// cannot disagree. It also says, before anything is written, which profile fields an
// e-invoice lacks (Check).
//
// What goes where:
//   - one line per session, with the session's date as the line's period (BT-134/135), the
//     service as the item's name and the sponsor (and a charged cancellation) as the line's
//     note (BT-127), in the invoice's language; a line carries no client data, so neither
//     does the document;
//   - the month as the invoice period (BT-73/74); the platform's payment date as the due
//     date (BT-9) when the platform is billed, else payment terms (BT-20);
//   - the bill-to party's reference as BuyerReference (BT-10), else the invoice number (on a
//     credit note, the number of the invoice it credits);
//   - endpoint IDs from peppol_id, or an Icelandic party's kennitala (scheme 0196); the
//     kennitala as legal ID (BT-30/47, scheme 0196) and as the seller's tax registration
//     (BT-32); a UK VAT number as VAT ID (BT-31/48); another tax ID (a UTR) as the seller's
//     tax registration or the buyer's legal ID;
//   - payment means 42 (credit transfer) to the 12-digit Icelandic account number (IS-R-007)
//     or the IBAN, else a UK account number and sort code;
//   - VAT category E (exempt) with the profile's note as the exemption reason text, or O (not
//     subject to VAT) with VATEX-EU-O; tax amounts are zero.
//
// A credit note's model negates the amounts of the invoice it cancels; a UBL CreditNote
// states them positive (credited quantity 1, price and totals as the invoice had them), so
// the amounts are negated back. A line negative on an invoice gets quantity -1 and a
// positive price, since a price may not be negative (BR-27).
//
// Amounts are written with the currency's decimals (ISK none, GBP two), never rounded: each
// total is the exact sum of its lines (BR-CO-10 and on). The output depends on the invoice
// only: the same invoice gives the same bytes.
package ubl
