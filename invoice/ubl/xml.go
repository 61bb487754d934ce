package ubl

import "encoding/xml"

// The UBL 2.1 elements hubinvoice writes, in the order the schema's sequences want them. The
// elements are named with the cbc: and cac: prefixes that the root declares; a nil pointer or
// an empty string leaves an optional element out.

const (
	nsInvoice    = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
	nsCreditNote = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"
	nsCAC        = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
	nsCBC        = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
)

// document is an Invoice or a CreditNote: they differ in the root, the type code's and the
// lines' element names, and the invoice's due date.
type document struct {
	XMLName  xml.Name
	Xmlns    string `xml:"xmlns,attr"`
	XmlnsCAC string `xml:"xmlns:cac,attr"`
	XmlnsCBC string `xml:"xmlns:cbc,attr"`

	CustomizationID    string             `xml:"cbc:CustomizationID"`
	ProfileID          string             `xml:"cbc:ProfileID"`
	ID                 string             `xml:"cbc:ID"`
	IssueDate          string             `xml:"cbc:IssueDate"`
	DueDate            string             `xml:"cbc:DueDate,omitempty"` // an Invoice's only
	InvoiceTypeCode    string             `xml:"cbc:InvoiceTypeCode,omitempty"`
	CreditNoteTypeCode string             `xml:"cbc:CreditNoteTypeCode,omitempty"`
	Note               string             `xml:"cbc:Note,omitempty"`
	DocumentCurrency   string             `xml:"cbc:DocumentCurrencyCode"`
	BuyerReference     string             `xml:"cbc:BuyerReference"`
	InvoicePeriod      *period            `xml:"cac:InvoicePeriod"`
	BillingReference   *billingReference  `xml:"cac:BillingReference"`
	Supplier           partyWrapper       `xml:"cac:AccountingSupplierParty"`
	Customer           partyWrapper       `xml:"cac:AccountingCustomerParty"`
	PaymentMeans       *paymentMeans      `xml:"cac:PaymentMeans"`
	PaymentTerms       *note              `xml:"cac:PaymentTerms"`
	TaxTotal           taxTotal           `xml:"cac:TaxTotal"`
	MonetaryTotal      legalMonetaryTotal `xml:"cac:LegalMonetaryTotal"`
	InvoiceLines       []line             `xml:"cac:InvoiceLine"`
	CreditNoteLines    []line             `xml:"cac:CreditNoteLine"`
}

type amount struct {
	Currency string `xml:"currencyID,attr"`
	Value    string `xml:",chardata"`
}

type quantity struct {
	UnitCode string `xml:"unitCode,attr"`
	Value    string `xml:",chardata"`
}

type identifier struct {
	SchemeID string `xml:"schemeID,attr,omitempty"`
	Value    string `xml:",chardata"`
}

type period struct {
	StartDate string `xml:"cbc:StartDate"`
	EndDate   string `xml:"cbc:EndDate"`
}

type billingReference struct {
	Invoice documentReference `xml:"cac:InvoiceDocumentReference"`
}

type documentReference struct {
	ID        string `xml:"cbc:ID"`
	IssueDate string `xml:"cbc:IssueDate,omitempty"`
}

type note struct {
	Note string `xml:"cbc:Note"`
}

type partyWrapper struct {
	Party party `xml:"cac:Party"`
}

type party struct {
	EndpointID  identifier    `xml:"cbc:EndpointID"`
	ID          *partyID      `xml:"cac:PartyIdentification"`
	Name        *partyName    `xml:"cac:PartyName"`
	Address     postalAddress `xml:"cac:PostalAddress"`
	TaxSchemes  []partyTax    `xml:"cac:PartyTaxScheme"`
	LegalEntity legalEntity   `xml:"cac:PartyLegalEntity"`
	Contact     *contact      `xml:"cac:Contact"`
}

type partyID struct {
	ID identifier `xml:"cbc:ID"`
}

type partyName struct {
	Name string `xml:"cbc:Name"`
}

type postalAddress struct {
	StreetName           string       `xml:"cbc:StreetName,omitempty"`
	AdditionalStreetName string       `xml:"cbc:AdditionalStreetName,omitempty"`
	CityName             string       `xml:"cbc:CityName,omitempty"`
	PostalZone           string       `xml:"cbc:PostalZone,omitempty"`
	AddressLine          *addressLine `xml:"cac:AddressLine"`
	Country              country      `xml:"cac:Country"`
}

type addressLine struct {
	Line string `xml:"cbc:Line"`
}

type country struct {
	IdentificationCode string `xml:"cbc:IdentificationCode"`
}

type partyTax struct {
	CompanyID string    `xml:"cbc:CompanyID"`
	TaxScheme taxScheme `xml:"cac:TaxScheme"`
}

type taxScheme struct {
	ID string `xml:"cbc:ID"`
}

type legalEntity struct {
	RegistrationName string      `xml:"cbc:RegistrationName"`
	CompanyID        *identifier `xml:"cbc:CompanyID"`
}

type contact struct {
	ElectronicMail string `xml:"cbc:ElectronicMail,omitempty"`
}

type paymentMeans struct {
	Code      string           `xml:"cbc:PaymentMeansCode"`
	PaymentID string           `xml:"cbc:PaymentID,omitempty"`
	Account   financialAccount `xml:"cac:PayeeFinancialAccount"`
}

type financialAccount struct {
	ID     string  `xml:"cbc:ID"`
	Name   string  `xml:"cbc:Name,omitempty"`
	Branch *branch `xml:"cac:FinancialInstitutionBranch"`
}

type branch struct {
	ID string `xml:"cbc:ID"`
}

type taxTotal struct {
	TaxAmount amount      `xml:"cbc:TaxAmount"`
	Subtotal  taxSubtotal `xml:"cac:TaxSubtotal"`
}

type taxSubtotal struct {
	TaxableAmount amount      `xml:"cbc:TaxableAmount"`
	TaxAmount     amount      `xml:"cbc:TaxAmount"`
	Category      taxCategory `xml:"cac:TaxCategory"`
}

type taxCategory struct {
	ID                  string    `xml:"cbc:ID"`
	Percent             string    `xml:"cbc:Percent,omitempty"`
	ExemptionReasonCode string    `xml:"cbc:TaxExemptionReasonCode,omitempty"`
	ExemptionReason     string    `xml:"cbc:TaxExemptionReason,omitempty"`
	TaxScheme           taxScheme `xml:"cac:TaxScheme"`
}

type legalMonetaryTotal struct {
	LineExtensionAmount amount `xml:"cbc:LineExtensionAmount"`
	TaxExclusiveAmount  amount `xml:"cbc:TaxExclusiveAmount"`
	TaxInclusiveAmount  amount `xml:"cbc:TaxInclusiveAmount"`
	PayableAmount       amount `xml:"cbc:PayableAmount"`
}

type line struct {
	ID                  string    `xml:"cbc:ID"`
	Note                string    `xml:"cbc:Note,omitempty"`
	InvoicedQuantity    *quantity `xml:"cbc:InvoicedQuantity"`
	CreditedQuantity    *quantity `xml:"cbc:CreditedQuantity"`
	LineExtensionAmount amount    `xml:"cbc:LineExtensionAmount"`
	Period              period    `xml:"cac:InvoicePeriod"`
	Item                item      `xml:"cac:Item"`
	Price               price     `xml:"cac:Price"`
}

type item struct {
	Name     string      `xml:"cbc:Name"`
	Category taxCategory `xml:"cac:ClassifiedTaxCategory"`
}

type price struct {
	PriceAmount amount `xml:"cbc:PriceAmount"`
}
