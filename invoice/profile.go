package invoice

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// Profile is a professional's settings, read from a TOML file: who sends the invoice, where the
// money goes, how the invoice is written and to whom each sponsor's sessions are billed.
type Profile struct {
	Professional ProfessionalSection `toml:"professional"`
	Bank         BankSection         `toml:"bank"`
	Invoice      InvoiceSection      `toml:"invoice"`
	BillTo       []BillTo            `toml:"bill_to,omitempty"`

	Numbering NumberingSection `toml:"numbering,omitempty"`

	name string // the file's name, for error messages
}

// ProfessionalSection is the [professional] table: who sends the invoice.
type ProfessionalSection struct {
	Name    string   `toml:"name"`
	Email   string   `toml:"email"`
	Address []string `toml:"address,omitempty"`
	TaxID   string   `toml:"tax_id,omitempty"` // kennitala, UTR or VAT number
	// PeppolID is the professional's Peppol participant ID for e-invoices, "scheme:id"; when
	// empty an Icelandic professional's kennitala is used (scheme 0196).
	PeppolID string `toml:"peppol_id,omitempty"`
}

// BankSection is the [bank] table: where the money goes.
type BankSection struct {
	AccountHolder string `toml:"account_holder"`
	BankName      string `toml:"bank_name,omitempty"`
	IBAN          string `toml:"iban,omitempty"`
	BIC           string `toml:"bic,omitempty"`
	AccountNumber string `toml:"account_number,omitempty"`
	SortCode      string `toml:"sort_code,omitempty"`
}

// InvoiceSection is the [invoice] table: how the invoice is written.
type InvoiceSection struct {
	Language     string   `toml:"language"`           // "en" or "is"; "" means "en"
	Country      string   `toml:"country"`            // working-day calendar: "IS", "GB", "GB-SCT"
	Currency     string   `toml:"currency,omitempty"` // ISO 4217, when the export has none
	Note         string   `toml:"note,omitempty"`     // free text printed on the invoice
	Closures     DateList `toml:"closures,omitempty"` // extra non-working days, YYYY-MM-DD
	NumberPrefix string   `toml:"number_prefix,omitempty"`
	// UBL writes a Peppol BIS Billing 3.0 e-invoice (UBL 2.1 XML) beside each PDF, as --ubl
	// does.
	UBL bool `toml:"ubl,omitempty"`
	// VAT is how the sessions stand to VAT in an e-invoice: "exempt" (the default: health
	// services, category E) or "outside" (not registered for VAT, category O).
	VAT string `toml:"vat,omitempty"`
}

// NumberingSection is the [numbering] table: how the register numbers invoices and credit
// notes (see NumberFormat). Empty values take the defaults (see Profile.Numbering).
type NumberingSection struct {
	Format       string `toml:"format,omitempty"`        // "{yyyy}-{seq:4}"
	First        *int64 `toml:"first,omitempty"`         // the first number; 1
	CreditFormat string `toml:"credit_format,omitempty"` // "CN-{yyyy}-{seq:4}"
}

// BillTo is one [[bill_to]] table: a party billed for the sessions of some sponsors.
type BillTo struct {
	Name     string   `toml:"name"`
	Email    string   `toml:"email"`
	Address  []string `toml:"address,omitempty"`
	TaxID    string   `toml:"tax_id,omitempty"`
	Sponsors []string `toml:"sponsors"` // "*" takes every sponsor not routed elsewhere
	// For e-invoices: the party's Peppol participant ID ("scheme:id"; its kennitala when
	// empty, in Iceland) and the reference it asks invoices to quote (else the invoice number).
	PeppolID  string `toml:"peppol_id,omitempty"`
	Reference string `toml:"reference,omitempty"`
}

// Party returns the bill-to party as it appears on an invoice.
func (b BillTo) Party() Party {
	return Party{Name: b.Name, Email: b.Email, Address: b.Address, TaxID: b.TaxID,
		PeppolID: b.PeppolID, Reference: b.Reference}
}

// AnySponsor in a party's sponsors routes to it every sponsor that no party names.
const AnySponsor = "*"

// DateList is a list of dates written as "YYYY-MM-DD" strings or as TOML local dates
// (closures = [2024-12-24, "2024-12-27"]); either way it holds the YYYY-MM-DD strings.
type DateList []string

// UnmarshalTOML implements toml.Unmarshaler. A value that is neither a string nor a date is
// kept in its printed form, for Validate to reject with the field's name.
func (d *DateList) UnmarshalTOML(v any) error {
	list, ok := v.([]any)
	if !ok {
		*d = DateList{fmt.Sprint(v)}
		return nil
	}
	*d = make(DateList, len(list))
	for i, x := range list {
		switch x := x.(type) {
		case string:
			(*d)[i] = x
		case time.Time:
			// A TOML local date comes in a zone of that name; a datetime is not a day.
			(*d)[i] = x.Format(time.DateOnly)
			if x.Location().String() != "date-local" {
				(*d)[i] = x.Format(time.RFC3339)
			}
		default:
			(*d)[i] = fmt.Sprint(x)
		}
	}
	return nil
}

// DefaultBillTo returns the party billed for every sponsor that the profile does not route
// elsewhere: the platform's accounts department.
func DefaultBillTo() BillTo {
	return BillTo{Name: "Kara Connect ehf.", Email: "accounts@karaconnect.com", Sponsors: []string{AnySponsor}}
}

// LoadProfile reads, parses and validates the profile at path. Errors name the file as path
// and the field as a dotted key, e.g. "profile.toml: bank.iban: check digits do not match".
func LoadProfile(path string) (*Profile, error) {
	data, err := readProfile(path)
	if err != nil {
		return nil, err
	}
	p, err := ParseProfile(path, data)
	if err != nil {
		return nil, err
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	return p, nil
}

// A profile's limits. A real one is a few hundred bytes to a few KiB (the starter profile is
// 2.4 KiB; one with a dozen bill-to parties some 4 KiB) and nests two levels ([[bill_to]],
// its sponsors): 64 KiB and 8 levels leave room for any, while the TOML decoder's time grows
// with the square of the nesting (a 16 KiB file of nested tables took it seconds).
const (
	MaxProfileSize  = 64 << 10
	MaxProfileDepth = 8
	maxUnknownKeys  = 10 // unknown keys reported one by one; the rest are counted
)

// readProfile reads a profile file of at most MaxProfileSize bytes, and no more of a longer
// one (a link to /dev/zero has no end).
func readProfile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("%s: no such profile (%w)\nhint: 'hubinvoice init --config %s' writes one to fill in", path, os.ErrNotExist, path)
		}
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return nil, fmt.Errorf("%s: is a directory, not a profile", path)
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxProfileSize+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	if len(data) > MaxProfileSize {
		return nil, fmt.Errorf("%s: is longer than %d KiB, which no profile is (is it the right file?)", path, MaxProfileSize>>10)
	}
	return data, nil
}

// ParseProfile decodes a profile from TOML, strictly: a syntax error, a value of the wrong type
// and a key the profile does not have are errors. It does not validate the values (see
// Validate). name is the file's name for error messages.
func ParseProfile(name string, data []byte) (*Profile, error) {
	p := &Profile{name: name}
	if len(data) > MaxProfileSize {
		return nil, p.errorf("is longer than %d KiB, which no profile is (is it the right file?)", MaxProfileSize>>10)
	}
	if line, deep := tomlNesting(data); deep > MaxProfileDepth {
		return nil, p.errorf("line %d: nests more than %d levels of tables, lists or dotted keys; a profile has 2", line, MaxProfileDepth)
	}
	md, err := toml.Decode(string(data), p)
	if err != nil {
		return nil, p.errorf("%s", decodeMessage(err))
	}
	var errs []error
	var reported []toml.Key
	more := 0
	for _, k := range md.Undecoded() {
		if within(k, reported) {
			continue // a key inside an unknown table: the table is reported
		}
		reported = append(reported, k)
		if len(reported) > maxUnknownKeys {
			more++
			continue
		}
		key := k.String()
		msg := fmt.Sprintf("unknown key %s", key)
		if s := suggestKey(key); s != "" {
			msg += fmt.Sprintf(" (did you mean %s?)", s)
		}
		errs = append(errs, p.errorf("%s", oneLine(msg)))
	}
	if more > 0 {
		errs = append(errs, p.errorf("and %d more unknown keys", more))
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	p.normalize()
	return p, nil
}

// within reports whether key k lies inside one of the keys in outer.
func within(k toml.Key, outer []toml.Key) bool {
	for _, o := range outer {
		if len(o) < len(k) && slices.Equal(k[:len(o)], o) {
			return true
		}
	}
	return false
}

// tomlNesting returns how deeply a TOML text nests, at its deepest, and on which line: the
// brackets of tables, lists and inline tables open at a point plus the dots of the dotted key
// being written there, outside strings and comments. (A dot between two digits is a number's.)
// It overcounts a little, never under: it is a bound, read before the decoder.
func tomlNesting(data []byte) (line, deepest int) {
	depth, dots, cur := 0, 0, 1
	line = 1
	for i := 0; i < len(data); i++ {
		c := data[i]
		switch c {
		case '\n':
			cur++
			if depth == 0 {
				dots = 0
			}
		case '#':
			for i < len(data) && data[i] != '\n' {
				i++
			}
			i--
		case '"', '\'':
			end := skipTOMLString(data, i)
			cur += bytes.Count(data[i:end+1], []byte("\n"))
			i = end
		case '[', '{':
			depth++
		case ']', '}':
			depth = max(depth-1, 0)
			dots = 0
		case '=', ',':
			dots = 0
		case '.':
			if !(i > 0 && i+1 < len(data) && isDigit(data[i-1]) && isDigit(data[i+1])) {
				dots++
			}
		}
		if depth+dots > deepest {
			deepest, line = depth+dots, cur
		}
	}
	return line, deepest
}

// skipTOMLString returns the index of the last byte of the string that opens at data[i]: a
// basic or literal string, on one line or several.
func skipTOMLString(data []byte, i int) int {
	q := data[i]
	multi := i+2 < len(data) && data[i+1] == q && data[i+2] == q
	if multi {
		i += 3
		for i+2 < len(data) {
			if data[i] == '\\' && q == '"' {
				i += 2
				continue
			}
			if data[i] == q && data[i+1] == q && data[i+2] == q {
				return i + 2
			}
			i++
		}
		return len(data) - 1
	}
	for i++; i < len(data) && data[i] != '\n'; i++ {
		if data[i] == '\\' && q == '"' {
			i++
			continue
		}
		if data[i] == q {
			return i
		}
	}
	return min(i, len(data)) - 1 // unclosed; a backslash at the very end steps past it
}

// normalize trims the codes and puts them in their usual case, so that "is" and " IS " are the
// same calendar.
func (p *Profile) normalize() {
	in := &p.Invoice
	in.Language = strings.ToLower(strings.TrimSpace(in.Language))
	in.Country = strings.ToUpper(strings.TrimSpace(in.Country))
	in.Currency = strings.ToUpper(strings.TrimSpace(in.Currency))
	in.VAT = strings.ToLower(strings.TrimSpace(in.VAT))
	p.Bank.BIC = strings.ToUpper(strings.TrimSpace(p.Bank.BIC))
	p.Professional.Email = strings.TrimSpace(p.Professional.Email)
	for i := range p.BillTo {
		p.BillTo[i].Email = strings.TrimSpace(p.BillTo[i].Email)
	}
}

// Name returns the name of the file the profile was read from.
func (p *Profile) Name() string { return p.name }

func (p *Profile) errorf(format string, args ...any) error {
	name := p.name
	if name == "" {
		name = "profile"
	}
	return fmt.Errorf("%s: "+format, append([]any{name}, args...)...)
}

var (
	lastKeyRE   = regexp.MustCompile(`^toml: line (\d+) \(last key "([^"]*)"\): (.*)$`)
	typeErrorRE = regexp.MustCompile(`incompatible types: TOML value has type (\S+); destination has type (\S+)`)
)

// decodeMessage turns an error of the TOML decoder into one line that names the line and, when
// the decoder says it, the key.
func decodeMessage(err error) string {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		return fmt.Sprintf("line %d: %s", pe.Position.Line, oneLine(pe.Message))
	}
	msg := oneLine(err.Error())
	if m := lastKeyRE.FindStringSubmatch(msg); m != nil {
		detail := m[3]
		if t := typeErrorRE.FindStringSubmatch(detail); t != nil {
			detail = fmt.Sprintf("want %s, not %s", typeName(t[2]), typeName(t[1]))
		}
		return fmt.Sprintf("line %s: %s: %s", m[1], m[2], detail)
	}
	return strings.TrimPrefix(msg, "toml: ")
}

// typeName names a Go type as someone writing TOML thinks of it.
func typeName(goType string) string {
	switch goType {
	case "string":
		return "text in quotes"
	case "int64", "float64":
		return "a number"
	case "bool":
		return "true or false"
	case "time.Time":
		return "a date"
	case "slice", "array":
		return "a list"
	case "map[string]interface", "map[string]interface{}", "map[string]any":
		return "a table"
	}
	if strings.HasPrefix(goType, "[]") {
		return "a list"
	}
	return goType
}

// oneLine keeps an error message from a library on one line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// knownKeys are the dotted keys of a profile, for suggesting one in place of a misspelt key.
var knownKeys = []string{
	"professional.name", "professional.email", "professional.address", "professional.tax_id",
	"professional.peppol_id",
	"bank.account_holder", "bank.bank_name", "bank.iban", "bank.bic", "bank.account_number",
	"bank.sort_code",
	"invoice.language", "invoice.country", "invoice.currency", "invoice.note",
	"invoice.closures", "invoice.number_prefix", "invoice.ubl", "invoice.vat",
	"bill_to.name", "bill_to.email", "bill_to.address", "bill_to.tax_id", "bill_to.sponsors",
	"bill_to.peppol_id", "bill_to.reference",
	"numbering.format", "numbering.first", "numbering.credit_format",
}

// suggestKey returns the known key closest to an unknown one, or "" when none is close.
func suggestKey(key string) string {
	best, bestDist := "", 3
	for _, k := range knownKeys {
		if d := editDistance(strings.ToLower(key), k); d < bestDist {
			best, bestDist = k, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, in bytes.
func editDistance(a, b string) int {
	if len(a) > 64 || len(b) > 64 {
		return 64
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

var (
	emailRE    = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[^@\s.]+$`)
	bicRE      = regexp.MustCompile(`^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$`)
	countryRE  = regexp.MustCompile(`^[A-Z]{2}(-[A-Z0-9]{1,3})?$`)
	currencyRE = regexp.MustCompile(`^[A-Z]{3}$`)
	sortRE     = regexp.MustCompile(`^\d{2}-?\d{2}-?\d{2}$`)
)

// validPrefix reports whether s is a number prefix: 1 to 20 letters, digits, '.', '_', '/'
// or '-'. (As a regular expression, ^[\p{L}\p{N}._/-]{1,20}$, it took 1.5 ms to compile at
// every start, a tenth of the time of one invoice.)
func validPrefix(s string) bool {
	n := 0
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsNumber(r) && !strings.ContainsRune("._/-", r) {
			return false
		}
		n++
	}
	return n >= 1 && n <= 20
}

// Languages are the invoice languages there are texts for.
var Languages = []string{"en", "is"}

// Validate checks the profile's values and reports every problem at once, one line each,
// naming the file and the field: "profile.toml: bank.iban: check digits do not match".
// It checks the shape of invoice.country; whether a calendar exists for it is the caller's
// question.
func (p *Profile) Validate() error {
	var errs []error
	bad := func(field, format string, args ...any) {
		errs = append(errs, p.errorf("%s: %s", field, fmt.Sprintf(format, args...)))
	}
	required := func(field, value, example string) bool {
		if strings.TrimSpace(value) == "" {
			bad(field, "missing, e.g. %s", example)
			return false
		}
		return true
	}
	email := func(field, value, example string) {
		if required(field, value, example) && !emailRE.MatchString(value) {
			bad(field, "%q is not an email address", value)
		}
	}

	pr := p.Professional
	required("professional.name", pr.Name, `name = "Þórdís Guðmundsdóttir"`)
	email("professional.email", pr.Email, `email = "thordis@example.is"`)
	inIceland := strings.HasPrefix(p.Invoice.Country, "IS")
	taxID := func(field, value string) {
		if LooksLikeKennitala(value, inIceland) {
			if _, err := Kennitala(value); err != nil {
				bad(field, "%v", err)
			}
		}
	}
	peppolID := func(field, value string) {
		if strings.TrimSpace(value) != "" {
			if _, _, err := ParsePeppolID(value); err != nil {
				bad(field, "%v", err)
			}
		}
	}
	taxID("professional.tax_id", pr.TaxID)
	peppolID("professional.peppol_id", pr.PeppolID)

	b := p.Bank
	if strings.TrimSpace(b.IBAN) == "" && strings.TrimSpace(b.AccountNumber) == "" {
		bad("bank", "set iban or account_number (or both): the invoice must say where to pay")
	}
	if strings.TrimSpace(b.IBAN) != "" {
		if err := CheckIBAN(b.IBAN); err != nil {
			bad("bank.iban", "%v", err)
		}
	}
	if b.BIC != "" && !bicRE.MatchString(b.BIC) {
		bad("bank.bic", "%q is not a BIC: want 8 or 11 letters and digits, e.g. NBIIISRE", b.BIC)
	}
	if b.SortCode != "" && !sortRE.MatchString(b.SortCode) {
		bad("bank.sort_code", "%q is not a sort code: want six digits, e.g. 12-34-56", b.SortCode)
	}

	in := p.Invoice
	if in.Language != "" && !contains(Languages, in.Language) {
		bad("invoice.language", "%q is not a language hubinvoice writes: want en or is", in.Language)
	}
	if required("invoice.country", in.Country, `country = "IS" (or GB, GB-SCT, ...)`) &&
		!countryRE.MatchString(in.Country) {
		bad("invoice.country", "%q is not a calendar code: want two capital letters, optionally a region, e.g. IS, GB, GB-SCT", in.Country)
	}
	if in.Currency != "" && !currencyRE.MatchString(in.Currency) {
		bad("invoice.currency", "%q is not a currency code: want three capital letters, e.g. ISK, EUR, GBP", in.Currency)
	}
	for i, d := range in.Closures {
		if t, err := time.Parse(time.DateOnly, d); err != nil || t.Format(time.DateOnly) != d {
			bad(fmt.Sprintf("invoice.closures[%d]", i+1), "%q is not a date: want YYYY-MM-DD", d)
		}
	}
	badPrefix := in.NumberPrefix != "" && !validPrefix(in.NumberPrefix)
	if badPrefix {
		bad("invoice.number_prefix", "%q is not a prefix: want up to 20 letters, digits, '.', '_', '/' or '-'", in.NumberPrefix)
	}
	if in.VAT != "" && in.VAT != VATExempt && in.VAT != VATOutside {
		bad("invoice.vat", "%q is not a VAT treatment: want %q (health services, the default) or %q (not registered for VAT)", in.VAT, VATExempt, VATOutside)
	}

	if _, err := p.NumberFormats(); err != nil && (!badPrefix || p.Numbering.Format != "") {
		errs = append(errs, err) // a bad prefix is named once, above
	}

	routed := map[string]int{} // folded sponsor name -> index of the party it goes to
	for i, bt := range p.BillTo {
		field := fmt.Sprintf("bill_to[%d]", i+1)
		required(field+".name", bt.Name, `name = "Kara Connect ehf."`)
		email(field+".email", bt.Email, `email = "accounts@karaconnect.com"`)
		taxID(field+".tax_id", bt.TaxID)
		peppolID(field+".peppol_id", bt.PeppolID)
		if len(bt.Sponsors) == 0 {
			bad(field+".sponsors", `missing: list the sponsors billed to this party, or "*" for every sponsor not routed elsewhere`)
		}
		for _, s := range bt.Sponsors {
			key := foldSponsor(s)
			if key == "" {
				bad(field+".sponsors", `an empty sponsor name: write the sponsor as the export does, or "*"`)
				continue
			}
			j, dup := routed[key]
			switch {
			case !dup:
				routed[key] = i
			case j == i:
				// The same sponsor twice in one party is harmless.
			case key == AnySponsor:
				bad(field+".sponsors", `"*" is already in bill_to[%d]: only one party can take every sponsor not routed elsewhere`, j+1)
			default:
				bad(field+".sponsors", "%q is already routed to bill_to[%d]: a sponsor's sessions go to one party", strings.TrimSpace(s), j+1)
			}
		}
	}
	p.checkLengths(bad)
	return errors.Join(errs...)
}

// How long a profile's texts and lists may be. A text is printed on one line of the invoice,
// some 100 characters wide, or in the note's column (40 characters a line, 25 lines to most of
// a page); a party's sponsors are the Wellbeing Hubs of one company, a handful.
const (
	maxProfileText  = 200
	maxNote         = 1000
	maxAddressLines = 8
	maxBillTo       = 100
	maxSponsors     = 1000
	maxClosures     = 1000
)

// checkLengths reports every text and list of the profile longer than what an invoice shows.
func (p *Profile) checkLengths(bad func(field, format string, args ...any)) {
	text := func(field, v string, max int) {
		if n := utf8.RuneCountInString(v); n > max {
			bad(field, "is %d characters long; at most %d are printed", n, max)
		}
		if strings.ContainsFunc(v, controlRune) {
			bad(field, "holds a control character (an escape sequence?); write plain text")
		}
	}
	list := func(field string, n, max int) bool {
		if n > max {
			bad(field, "has %d entries; at most %d", n, max)
			return false
		}
		return true
	}
	address := func(field string, lines []string) {
		if list(field, len(lines), maxAddressLines) {
			for i, l := range lines {
				text(fmt.Sprintf("%s[%d]", field, i+1), l, maxProfileText)
			}
		}
	}
	pr, b, in := p.Professional, p.Bank, p.Invoice
	for _, f := range []struct{ field, v string }{
		{"professional.name", pr.Name}, {"professional.email", pr.Email}, {"professional.tax_id", pr.TaxID},
		{"bank.account_holder", b.AccountHolder}, {"bank.bank_name", b.BankName}, {"bank.iban", b.IBAN},
		{"bank.bic", b.BIC}, {"bank.account_number", b.AccountNumber}, {"bank.sort_code", b.SortCode},
		{"invoice.language", in.Language}, {"invoice.country", in.Country}, {"invoice.currency", in.Currency},
		{"invoice.number_prefix", in.NumberPrefix},
	} {
		text(f.field, f.v, maxProfileText)
	}
	address("professional.address", pr.Address)
	text("invoice.note", in.Note, maxNote)
	list("invoice.closures", len(in.Closures), maxClosures)
	if !list("bill_to", len(p.BillTo), maxBillTo) {
		return
	}
	for i, bt := range p.BillTo {
		field := fmt.Sprintf("bill_to[%d]", i+1)
		text(field+".name", bt.Name, maxProfileText)
		text(field+".email", bt.Email, maxProfileText)
		text(field+".tax_id", bt.TaxID, maxProfileText)
		address(field+".address", bt.Address)
		if list(field+".sponsors", len(bt.Sponsors), maxSponsors) {
			for j, s := range bt.Sponsors {
				text(fmt.Sprintf("%s.sponsors[%d]", field, j+1), s, maxProfileText)
			}
		}
	}
}

// controlRune reports whether a character would act on a terminal rather than show: a control
// character other than a line break or tab, DEL, a C1 control, a bidirectional override.
func controlRune(r rune) bool {
	return r < 0x20 && r != '\n' && r != '\t' || r == 0x7F || r >= 0x80 && r < 0xA0 ||
		r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// foldSponsor is the form in which sponsor names are compared: trimmed, case folded.
func foldSponsor(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// Route returns the party billed for the sessions of a sponsor: the party that lists the
// sponsor (compared ignoring case and surrounding spaces), else the party that lists "*", else
// DefaultBillTo. The bool reports whether the profile chose the party (false: the default).
func (p *Profile) Route(sponsor string) (BillTo, bool) {
	key := foldSponsor(sponsor)
	star := -1
	for i, bt := range p.BillTo {
		for _, s := range bt.Sponsors {
			switch {
			case key != AnySponsor && foldSponsor(s) == key && key != "":
				return bt, true
			case foldSponsor(s) == AnySponsor && star < 0:
				star = i
			}
		}
	}
	if star >= 0 {
		return p.BillTo[star], true
	}
	return DefaultBillTo(), false
}

// Party returns the professional as the sender of an invoice.
func (p *Profile) Party() Party {
	pr := p.Professional
	return Party{Name: pr.Name, Email: pr.Email, Address: pr.Address, TaxID: pr.TaxID, PeppolID: pr.PeppolID}
}

// BankDetails returns the bank details for an invoice: the IBAN in print format and the BIC in
// upper case; the account holder defaults to the professional.
func (p *Profile) BankDetails() Bank {
	b := p.Bank
	holder := b.AccountHolder
	if strings.TrimSpace(holder) == "" {
		holder = p.Professional.Name
	}
	iban := b.IBAN
	if strings.TrimSpace(iban) != "" {
		iban = FormatIBAN(iban)
	}
	return Bank{
		AccountHolder: holder,
		BankName:      b.BankName,
		IBAN:          iban,
		BIC:           strings.ToUpper(b.BIC),
		AccountNumber: b.AccountNumber,
		SortCode:      b.SortCode,
	}
}

// Lang returns the invoice language: the profile's, or "en".
func (p *Profile) Lang() string {
	if p.Invoice.Language == "" {
		return "en"
	}
	return p.Invoice.Language
}

// ClosureDates returns the profile's extra non-working days, at midnight UTC, skipping any
// that Validate would reject.
func (p *Profile) ClosureDates() []time.Time {
	var out []time.Time
	for _, d := range p.Invoice.Closures {
		if t, err := time.Parse(time.DateOnly, d); err == nil {
			out = append(out, t)
		}
	}
	return out
}

// Encode writes the profile as TOML, in the form ParseProfile reads.
func (p *Profile) Encode(w io.Writer) error {
	enc := toml.NewEncoder(w)
	enc.Indent = ""
	return enc.Encode(p)
}
