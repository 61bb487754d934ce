package ubl

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hubinvoice/hubinvoice/calendar"
	"github.com/hubinvoice/hubinvoice/export"
	"github.com/hubinvoice/hubinvoice/invoice"
	"github.com/shopspring/decimal"
)

var (
	update = flag.Bool("update", false, "rewrite the golden XML files in testdata/ubl")
	dump   = flag.String("dump", "", "write every XML TestFixtures makes into `DIR`, for testdata/ubl/validate.sh")
)

const goldenDir = "../../testdata/ubl"

var (
	march    = calendar.Month{Year: 2024, Month: time.March}
	issued   = time.Date(2024, 4, 2, 0, 0, 0, 0, time.UTC)
	credited = time.Date(2024, 4, 15, 0, 0, 0, 0, time.UTC)
)

// invoices builds the month's invoices of one professional from an export, one per party, as
// the invoice command does.
func invoices(t *testing.T, exportPath string, p *invoice.Profile, email string) []*invoice.Invoice {
	t.Helper()
	cal, err := p.Calendar()
	if err != nil {
		t.Fatal(err)
	}
	led := invoice.NewLedger(invoice.LedgerOptions{Month: march})
	if _, err := export.ReadFile(exportPath, export.Options{Currency: p.Invoice.Currency},
		func(r *export.Record) error { led.Add(r); return nil }); err != nil {
		t.Fatalf("%s: %v", exportPath, err)
	}
	var out []*invoice.Invoice
	for _, pro := range led.Professionals() {
		if pro.Email != email {
			continue
		}
		for _, part := range p.Split(pro.Lines) {
			out = append(out, invoice.Build(part.Lines, part.Party, invoice.BuildOptions{
				Profile: p, Period: march, Issued: issued, Calendar: cal,
			}))
		}
	}
	if len(out) == 0 {
		t.Fatalf("%s: no invoice for %s", exportPath, email)
	}
	return out
}

func loadProfile(t *testing.T, path string) *invoice.Profile {
	t.Helper()
	p, err := invoice.LoadProfile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := Check(p); err != nil {
		t.Fatalf("Check(%s): %v", path, err)
	}
	return p
}

// goldenCases are the documents validated against the official rules (testdata/ubl/README.md).
func goldenCases(t *testing.T) map[string]*invoice.Invoice {
	demo := loadProfile(t, "../../testdata/demo/profile.toml")
	demoInv := invoices(t, "../../testdata/demo/payments-2024-03.xlsx", demo, demo.Professional.Email)
	if len(demoInv) != 1 {
		t.Fatalf("the demo gives %d invoices, want 1", len(demoInv))
	}
	gb := loadProfile(t, filepath.Join(goldenDir, "gb-profile.toml"))
	demoInv[0].Number = "2024-0001" // as the register numbers the demo's month, first
	gbInv := invoices(t, "../../testdata/fixtures/openpyxl.xlsx", gb, gb.Professional.Email)
	return map[string]*invoice.Invoice{
		"demo-invoice.xml":     demoInv[0],
		"demo-credit-note.xml": demoInv[0].CreditNote("CN-2024-0001", credited, "Sessions invoiced twice"), // as credit numbers it, first
		"gb-invoice.xml":       gbInv[0],
	}
}

func TestGolden(t *testing.T) {
	for name, inv := range goldenCases(t) {
		t.Run(name, func(t *testing.T) {
			got, err := Marshal(inv)
			if err != nil {
				t.Fatalf("Marshal: %v", err)
			}
			path := filepath.Join(goldenDir, name)
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./invoice/ubl -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from the golden file; if the change is meant, run go test ./invoice/ubl -update and validate it again (testdata/ubl/validate.sh)\n%s", name, firstDiff(string(got), string(want)))
			}
			again, _ := Marshal(inv)
			if !bytes.Equal(got, again) {
				t.Errorf("two Marshals of one invoice differ")
			}
			agree(t, inv, got)
		})
	}
}

func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return "line " + strconv.Itoa(i+1) + ":\n got  " + gl + "\n want " + wl
		}
	}
	return ""
}

// parsed is what a reader of the XML sees, read with the namespaces as a receiver would.
type parsed struct {
	XMLName        xml.Name
	ID             string      `xml:"urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2 ID"`
	IssueDate      string      `xml:"urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2 IssueDate"`
	DueDate        string      `xml:"urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2 DueDate"`
	InvoiceType    string      `xml:"urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2 InvoiceTypeCode"`
	CreditNoteType string      `xml:"urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2 CreditNoteTypeCode"`
	Currency       string      `xml:"urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2 DocumentCurrencyCode"`
	Period         parsedDates `xml:"urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2 InvoicePeriod"`
	Billing        struct {
		Ref struct {
			ID        string `xml:"urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2 ID"`
			IssueDate string `xml:"urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2 IssueDate"`
		} `xml:"urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2 InvoiceDocumentReference"`
	} `xml:"urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2 BillingReference"`
	Total struct {
		Payable parsedAmount `xml:"urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2 PayableAmount"`
	} `xml:"urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2 LegalMonetaryTotal"`
	InvoiceLines    []parsedLine `xml:"urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2 InvoiceLine"`
	CreditNoteLines []parsedLine `xml:"urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2 CreditNoteLine"`
}

type parsedDates struct {
	Start string `xml:"urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2 StartDate"`
	End   string `xml:"urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2 EndDate"`
}

type parsedAmount struct {
	Currency string `xml:"currencyID,attr"`
	Value    string `xml:",chardata"`
}

type parsedLine struct {
	Note   string       `xml:"urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2 Note"`
	Amount parsedAmount `xml:"urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2 LineExtensionAmount"`
	Period parsedDates  `xml:"urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2 InvoicePeriod"`
}

func parse(t *testing.T, data []byte) parsed {
	t.Helper()
	var p parsed
	if err := xml.Unmarshal(data, &p); err != nil {
		t.Fatalf("reading the XML back: %v", err)
	}
	return p
}

// agree checks that the XML says what the invoice value says, and so what the PDF and --json
// say: the number, the dates, the total, and each session's date and amount, in order. A
// credit note states positive what its model negates.
func agree(t *testing.T, inv *invoice.Invoice, data []byte) {
	t.Helper()
	x := parse(t, data)
	credit := inv.Kind == invoice.KindCredit
	lines, root, code := x.InvoiceLines, "Invoice", x.InvoiceType
	if credit {
		lines, root, code = x.CreditNoteLines, "CreditNote", x.CreditNoteType
	}
	total := inv.Totals[0]
	if credit {
		total.Amount = total.Amount.Neg()
	}
	due := ""
	if !inv.PaymentDate.IsZero() {
		due = inv.PaymentDate.Format(time.DateOnly)
	}
	check := func(what, got, want string) {
		t.Helper()
		if got != want {
			t.Errorf("%s: got %q, want %q", what, got, want)
		}
	}
	check("root", x.XMLName.Local, root)
	check("type code", code, map[bool]string{false: "380", true: "381"}[credit])
	check("number", x.ID, inv.Number)
	check("issue date", x.IssueDate, inv.Issued.Format(time.DateOnly))
	check("due date", x.DueDate, due)
	check("period start", x.Period.Start, inv.Period.First().Format(time.DateOnly))
	check("period end", x.Period.End, inv.Period.Last().Format(time.DateOnly))
	check("currency", x.Currency, total.Currency)
	check("total", x.Total.Payable.Value, invoice.PlainAmount(total.Amount, total.Currency))
	check("total currency", x.Total.Payable.Currency, total.Currency)
	if credit {
		check("credited invoice", x.Billing.Ref.ID, inv.Credits.Number)
		check("credited invoice date", x.Billing.Ref.IssueDate, inv.Credits.Issued.Format(time.DateOnly))
	}
	if len(lines) != inv.Sessions() {
		t.Fatalf("%d lines, want one per session: %d", len(lines), inv.Sessions())
	}
	for i, l := range inv.Lines {
		amt := l.Amount
		if credit {
			amt = amt.Neg()
		}
		d := l.Session.Format(time.DateOnly)
		check("line "+strconv.Itoa(i+1)+" date", lines[i].Period.Start+".."+lines[i].Period.End, d+".."+d)
		check("line "+strconv.Itoa(i+1)+" amount", lines[i].Amount.Value, invoice.PlainAmount(amt, l.Currency))
		if !strings.Contains(lines[i].Note, l.Sponsor) {
			t.Errorf("line %d: note %q does not name the sponsor %q", i+1, lines[i].Note, l.Sponsor)
		}
	}
}

// fixtureClients reads the clients of each third-party fixture, whose names and emails must
// never come out.
func fixtureClients(t *testing.T) map[string][]struct{ Name, Email string } {
	t.Helper()
	data, err := os.ReadFile("../../testdata/fixtures/expected.json")
	if err != nil {
		t.Fatal(err)
	}
	var e struct {
		Files map[string]struct {
			Clients []struct{ Name, Email string } `json:"clients"`
		} `json:"files"`
	}
	if err := json.Unmarshal(data, &e); err != nil {
		t.Fatal(err)
	}
	out := map[string][]struct{ Name, Email string }{}
	for f, v := range e.Files {
		out[f] = v.Clients
	}
	if len(out) < 4 {
		t.Fatalf("expected.json lists %d fixtures, want at least 4", len(out))
	}
	return out
}

// TestFixtures: for every professional of every fixture, each invoice in one currency gives
// an XML whose total, lines and dates are the invoice's, and the PDF's; one in several
// currencies is refused, naming them. No XML holds a client's name or email.
func TestFixtures(t *testing.T) {
	clients := fixtureClients(t)
	written, refused := 0, 0
	for file, cs := range clients {
		path := filepath.Join("../../testdata/fixtures", file)
		led := invoice.NewLedger(invoice.LedgerOptions{Month: march})
		if _, err := export.ReadFile(path, export.Options{}, func(r *export.Record) error { led.Add(r); return nil }); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		for _, pro := range led.Professionals() {
			if len(pro.Lines) == 0 {
				continue
			}
			p := fixtureProfile(t, pro)
			for _, inv := range invoices(t, path, p, pro.Email) {
				t.Run(file+"/"+pro.Email+"/"+inv.BillTo.Name, func(t *testing.T) {
					data, err := Marshal(inv)
					if len(inv.Totals) > 1 {
						if err == nil || !strings.Contains(err.Error(), inv.Totals[0].Currency+" and "+inv.Totals[1].Currency) {
							t.Fatalf("an invoice in %d currencies: got error %v, want one naming them", len(inv.Totals), err)
						}
						refused++
						return
					}
					if err != nil {
						t.Fatalf("Marshal: %v", err)
					}
					written++
					agree(t, inv, data)
					agreePDF(t, inv)
					credit, err := Marshal(inv.CreditNote(inv.Number+"-C", credited, ""))
					if err != nil {
						t.Fatalf("Marshal of its credit note: %v", err)
					}
					if *dump != "" {
						base := strings.NewReplacer("/", "-", "@", "-", ".xlsx", "", ".csv", "").Replace(file + "-" + pro.Email)
						for name, doc := range map[string][]byte{base + ".xml": data, base + "-credit.xml": credit} {
							if err := os.WriteFile(filepath.Join(*dump, name), doc, 0o644); err != nil {
								t.Fatal(err)
							}
						}
					}
					for _, doc := range [][]byte{data, credit} {
						lower := strings.ToLower(string(doc))
						for _, c := range cs {
							local, _, _ := strings.Cut(c.Email, "@")
							for _, secret := range []string{c.Name, c.Email, local} {
								if strings.Contains(lower, strings.ToLower(secret)) {
									t.Errorf("the XML holds client data %q", secret)
								}
							}
						}
					}
				})
			}
		}
	}
	if written < 5 || refused < 4 {
		t.Errorf("over the fixtures %d invoices gave an XML and %d in several currencies were refused, want at least 5 and 4: the fixtures changed?", written, refused)
	}
}

// fixtureProfile is a profile for a fixture's professional that an e-invoice can be made
// from: the demo's, under the professional's name and email.
func fixtureProfile(t *testing.T, pro *invoice.Professional) *invoice.Profile {
	t.Helper()
	p := loadProfile(t, "../../testdata/demo/profile.toml")
	p.Professional.Name, p.Professional.Email = pro.Name, pro.Email
	return p
}

// agreePDF checks that the PDF of the invoice shows the XML's session count and total.
func agreePDF(t *testing.T, inv *invoice.Invoice) {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Fatal("pdftotext is not installed: `make tools` installs it (poppler-utils)")
	}
	path := filepath.Join(t.TempDir(), "invoice.pdf")
	var buf bytes.Buffer
	if err := invoice.WritePDF(&buf, inv); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	text := strings.Join(strings.Fields(string(out)), " ")
	total := inv.Totals[0]
	for _, want := range []string{
		"Number of sessions " + strconv.Itoa(inv.Sessions()),
		"Total " + invoice.FormatAmount(total.Amount, total.Currency, inv.Language),
		inv.Number,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF does not show %q", want)
		}
	}
}

// variants are documents beyond the goldens that the rules must also accept: each way the
// profile can send VAT, bank details, identifiers and addresses, and lines of each kind.
func variants(t *testing.T) map[string]*invoice.Invoice {
	t.Helper()
	demo := goldenCases(t)["demo-invoice.xml"]
	gb := goldenCases(t)["gb-invoice.xml"]
	out := map[string]*invoice.Invoice{}
	with := func(name string, base *invoice.Invoice, change func(inv *invoice.Invoice)) {
		c := *base
		c.Lines = append([]invoice.Line(nil), base.Lines...)
		c.Totals = append([]invoice.Total(nil), base.Totals...)
		change(&c)
		c.Totals = invoice.Totals(c.Lines)
		out[name] = &c
	}
	with("is-outside", demo, func(inv *invoice.Invoice) { inv.VAT = invoice.VATOutside; inv.Note = "" })
	with("is-icelandic", demo, func(inv *invoice.Invoice) { inv.Language = "is" })
	with("is-iban-only", demo, func(inv *invoice.Invoice) { inv.Bank.AccountNumber = "" })
	with("is-to-company", demo, func(inv *invoice.Invoice) {
		inv.BillTo = invoice.Party{Name: "ACME hf.", Email: "invoices@acme.example", Address: []string{"Borgartún 1", "105 Reykjavík"},
			TaxID: "4101170020", Reference: "Deild 42"}
		inv.PaymentDate = time.Time{}
	})
	with("is-cancelled-and-refund", demo, func(inv *invoice.Invoice) {
		inv.Lines[0].Cancelled = true
		inv.Lines[1].Amount = inv.Lines[1].Amount.Neg()
	})
	with("gb-outside", gb, func(inv *invoice.Invoice) { inv.VAT = invoice.VATOutside; inv.Note = "" })
	with("gb-sort-code", gb, func(inv *invoice.Invoice) { inv.Bank.IBAN, inv.Bank.BIC = "", "" })
	with("gb-vat-number", gb, func(inv *invoice.Invoice) {
		inv.From.TaxID, inv.From.PeppolID = "GB 987 6543 21", "9932:GB987654321"
		inv.BillTo.TaxID, inv.BillTo.PeppolID = "09876543", "0088:5012345678900"
	})
	with("gb-pence", gb, func(inv *invoice.Invoice) {
		inv.Lines[0].Amount = inv.Lines[0].Amount.Add(decimalOf(t, "0.5"))
		inv.Lines[1].Professional = "Dr Ann Other"
	})
	with("gb-to-platform-in-iceland", gb, func(inv *invoice.Invoice) {
		inv.BillTo = demo.BillTo
		inv.PaymentDate = demo.PaymentDate
	})
	for name, inv := range map[string]*invoice.Invoice{"is-credit-outside": out["is-outside"], "gb-credit": gb, "gb-credit-outside": out["gb-outside"]} {
		out[name] = inv.CreditNote(inv.Number+"-C", credited, "")
	}
	return out
}

func decimalOf(t *testing.T, s string) decimal.Decimal {
	t.Helper()
	d, err := decimal.NewFromString(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestVariants(t *testing.T) {
	for name, inv := range variants(t) {
		t.Run(name, func(t *testing.T) {
			data, err := Marshal(inv)
			if err != nil {
				t.Fatalf("Marshal: %v", err)
			}
			agree(t, inv, data)
			if *dump != "" {
				if err := os.WriteFile(filepath.Join(*dump, "variant-"+name+".xml"), data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}
