package invoice

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"text/template"

	"github.com/hubinvoice/hubinvoice/calendar"
	"github.com/hubinvoice/hubinvoice/export"
)

// StarterProfile returns the commented profile that `hubinvoice init` writes. It parses; its
// required values are empty, so that Validate names each one still to fill in.
func StarterProfile() []byte { return renderStarter(starter{Currency: "ISK"}) }

// StarterClinic returns the commented clinic profile that `hubinvoice init --from-export`
// writes beside the professionals' profiles: the clinic is the sender of a clinic's invoice
// (batch --clinic). country and currency are the export's most common, when it has one.
func StarterClinic(country, currency string) []byte {
	return renderStarter(starter{Clinic: true, Country: country, Currency: currency})
}

// A StarterFile is the starter profile of one professional of an export.
type StarterFile struct {
	File         string // file name, without directory: the email's local part, .toml
	Professional string // the name, as the export gives it
	Email        string
	Data         []byte
}

// Starters gathers the professionals of an export, for a starter profile each.
type Starters struct {
	people map[string]*starterPerson // by email
}

type starterPerson struct {
	name, email string
	currencies  map[string]int
}

// NewStarters returns an empty gathering.
func NewStarters() *Starters { return &Starters{people: map[string]*starterPerson{}} }

// Add takes one record of the export: every row counts, in any month and of any type.
func (s *Starters) Add(r *export.Record) {
	email := strings.ToValidUTF8(strings.ToLower(strings.TrimSpace(r.ProfEmail)), "\uFFFD")
	if email == "" {
		return // nobody to match a profile to
	}
	p := s.people[email]
	if p == nil {
		p = &starterPerson{email: email, currencies: map[string]int{}}
		s.people[email] = p
	}
	if p.name == "" {
		p.name = strings.ToValidUTF8(strings.Join(strings.Fields(r.Professional), " "), "\uFFFD")
	}
	if r.Currency != "" {
		p.currencies[r.Currency]++
	}
}

// Files returns one starter profile per professional, sorted by file name: name and email
// filled in; the currency of most of their sessions, and the working-day calendar it or the
// email suggests (GuessCountry); the rest commented to fill in. File names are the email's local part (as `sample --profiles` names them), or the
// whole email where two local parts are alike.
func (s *Starters) Files() []StarterFile {
	stem := func(email string) string {
		local, _, _ := strings.Cut(email, "@")
		return fileStem(local)
	}
	local := map[string]int{}
	for email := range s.people {
		local[stem(email)]++
	}
	var out []StarterFile
	for email, p := range s.people {
		file := stem(email)
		if local[file] > 1 {
			file = Slug(email)
		}
		cur := mostUsed(p.currencies)
		out = append(out, StarterFile{
			File: file + ".toml", Professional: p.name, Email: email,
			Data: renderStarter(starter{Name: p.name, Email: email, Country: GuessCountry(cur, email), Currency: cur}),
		})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].File < out[j].File })
	return out
}

// Currency returns the currency of most of the export's sessions, "" when it names none.
func (s *Starters) Currency() string {
	all := map[string]int{}
	for _, p := range s.people {
		for c, n := range p.currencies {
			all[c] += n
		}
	}
	return mostUsed(all)
}

// GuessCountry returns the working-day calendar that a professional's currency and email
// suggest: IS for ISK, GB for GBP; for another currency (a euro does not say which country)
// the email's country domain when there is a calendar for it (.ie: IE, .de: DE, .uk: GB);
// else "", left to fill in.
func GuessCountry(currency, email string) string {
	switch currency {
	case "ISK":
		return "IS"
	case "GBP":
		return "GB"
	}
	tld := strings.ToUpper(email[strings.LastIndexByte(email, '.')+1:])
	if tld == "UK" {
		tld = "GB"
	}
	if len(tld) == 2 && strings.Contains(email, "@") {
		if _, err := calendar.New(tld); err == nil {
			return tld
		}
	}
	return ""
}

// fileStem is the name of a professional's profile: the email's local part when it is a
// plain file name (as sample --profiles names them), else its slug.
func fileStem(local string) string {
	for i := 0; i < len(local); i++ {
		c := local[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-') {
			return Slug(local)
		}
	}
	if local == "" || local[0] == '.' {
		return Slug(local)
	}
	return local
}

func mostUsed(counts map[string]int) string {
	best, n := "", 0
	for c, k := range counts {
		if k > n || k == n && c < best {
			best, n = c, k
		}
	}
	return best
}

// starter holds what a starter profile has filled in.
type starter struct {
	Clinic            bool
	Name, Email       string
	Country, Currency string
}

func renderStarter(s starter) []byte {
	var b bytes.Buffer
	if err := starterTemplate.Execute(&b, s); err != nil {
		panic(err) // the template is ours and its data plain strings
	}
	return b.Bytes()
}

// tomlString writes s as a TOML basic string.
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// pad puts a comment after a key = value at column 33, as the starter lines up its comments.
func pad(s string) string {
	if len([]rune(s)) >= 32 {
		return s + " "
	}
	return s + strings.Repeat(" ", 32-len([]rune(s)))
}

var starterTemplate = template.Must(template.New("starter").Funcs(template.FuncMap{"q": tomlString, "pad": pad}).Parse(
	`{{if .Clinic}}# hubinvoice clinic profile: the clinic that sends one invoice for all its professionals
# (hubinvoice batch EXPORT --clinic clinic.toml), where the money goes, and whom to bill.
{{else}}# hubinvoice profile: who sends the invoice, where the money goes, and whom to bill.
{{end}}# Fill in the empty values; 'hubinvoice invoice' names any that are still missing or wrong.

[professional]
{{if .Clinic}}name = ""                       # the clinic's name, e.g. "Sálfræðistofan Höfði ehf."
email = ""                      # the clinic's email, e.g. "reikningar@hofdi.example"
address = []                    # e.g. ["Laugavegur 1", "101 Reykjavík", "Iceland"]
tax_id = ""                     # the clinic's kennitala, UTR or VAT number; may stay empty
{{else}}{{with .Name}}{{pad (printf "name = %s" (q .))}}# as the Payments export shows it
{{else}}name = ""                       # e.g. "Þórdís Guðmundsdóttir", as on your invoices
{{end}}{{with .Email}}{{pad (printf "email = %s" (q .))}}# as the Payments export shows it
{{else}}email = ""                      # the email your Payments export shows for you
{{end}}address = []                    # e.g. ["Laugavegur 1", "101 Reykjavík", "Iceland"]
tax_id = ""                     # kennitala, UTR or VAT number; may stay empty
{{end}}# peppol_id = "0196:0101801209" # for e-invoices: the Peppol ID; in Iceland the kennitala is used

[bank]
account_holder = ""             # empty: the name above
bank_name = ""                  # e.g. "Landsbankinn"
iban = ""                       # e.g. "IS14 0159 2600 7654 5510 7303 39"; spaces are fine
bic = ""                        # e.g. "NBIIISRE" (8 or 11 characters)
account_number = ""             # e.g. "0159-26-007654"; set it, the IBAN, or both
# sort_code = "12-34-56"        # UK accounts

[invoice]
language = "en"                 # en | is
{{if .Country}}{{pad (printf "country = %s" (q .Country))}}# working-day calendar for payment dates, guessed from your currency and email: check it
{{else}}country = ""                    # working-day calendar for payment dates: IS, GB, GB-SCT, ...
{{end}}{{pad (printf "currency = %s" (q .Currency))}}# used when the export has no currency column
note = ""                       # printed on the invoice, e.g. "Health services are exempt from VAT."
closures = []                   # extra non-working days, e.g. ["2024-12-27"]
# number_prefix = "TG-"         # put before every invoice number
# ubl = true                    # also write a Peppol e-invoice (UBL XML) beside each PDF
# vat = "exempt"                # for e-invoices: exempt (health services) or outside (no VAT)

# How the register numbers what is issued. A series is the format without {seq}: each
# series counts 1, 2, 3, ... with no gap; "{yyyy}-{seq:4}" starts again each year.
# [numbering]
# format = "{yyyy}-{seq:4}"     # fields: {yyyy} {yy} {mm} (the issue date), {seq} or {seq:N}
# first = 1                     # to continue a sequence from another tool
# credit_format = "CN-{yyyy}-{seq:4}"

# Who is billed for which sponsors' sessions. Sessions paid by credits are billed to the
# platform's accounts department unless {{if .Clinic}}the clinic's{{else}}your{{end}} Customer Success Manager said that a
# Wellbeing Hub is invoiced directly to the sponsoring company: then add a party for that
# sponsor, spelt as the export's Sponsor column spells it.
[[bill_to]]
name = "Kara Connect ehf."
email = "accounts@karaconnect.com"
address = []                    # the address the accounts department gives, e.g. ["Street 1", "101 Reykjavík"]
tax_id = ""                     # its kennitala or VAT number, when your invoices must show it
sponsors = ["*"]                # "*" takes every sponsor not routed elsewhere

# [[bill_to]]
# name = "ACME hf."
# email = "invoices@acme.example"
# address = ["Borgartún 1", "105 Reykjavík"]
# tax_id = "510109-0150"
# sponsors = ["ACME"]
`))
