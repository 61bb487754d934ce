package invoice

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/hubinvoice/hubinvoice/calendar"
	"github.com/hubinvoice/hubinvoice/export"
)

// Request is everything a month's invoices are made from: the one way the month, the issue
// date and the other choices of `invoice` and `batch` reach the invoices.
type Request struct {
	Export    string           // the export's path
	DateOrder export.DateOrder // how to read its text dates
	Sheet     string           // the workbook's sheet that holds the payments; "" finds it
	Name      string           // what messages call the export; "" is its path
	Month     calendar.Month
	Issued    time.Time // the issue date
	Sponsors  []string  // only these sponsors' sessions, any case; empty: all
	// Professional picks whose month, by email or name; "" takes the profile's professional
	// when the export holds them, else the only professional of the month (Ledger.Whose).
	// Only for a professional's own invoice (Profile).
	Professional string
	BillTo       string // the party to bill, by name or email, when the month goes to several
	Number       string // "" gives DefaultNumber; only for a professional's own invoice
	Language     string // "" keeps each profile's
	Force        bool   // plan the invoices the checks find would be wrong, rather than hold them

	// Who sends the invoices, exactly one of: Profile, a professional's own invoice; Profiles,
	// one invoice per professional and party of a clinic's export; Clinic, one invoice from
	// the clinic per party (with Profiles too, only of the professionals who have one).
	Profile  *Profile
	Profiles *Profiles
	Clinic   *Profile
	// ProfilesDir, when not "", is where Profiles are loaded from (LoadProfiles), while the
	// export's first pass runs: for a clinic of 2,000 professionals the two take about as
	// long. A problem with the profiles is said before one with the export, as if they had
	// been loaded first.
	ProfilesDir string
}

// Plan is what a request comes to: the invoices to write, those held back and why, what the
// checks found and what the month leaves out.
type Plan struct {
	Month    calendar.Month
	Info     *export.Info    // the export as read, with the reader's notes
	Invoices []Planned       // to write, in order
	Held     []Held          // the checks found they would be wrong (never with Force)
	Skipped  []Skipped       // professionals without a profile
	Idle     []*Professional // professionals of the month with nothing to invoice
	// Checked are the professionals with something to invoice and what the checks found, in
	// the order of the professionals.
	Checked []Checked
	// Professional is whose invoice a request with a Profile plans: their lines and what the
	// month leaves out. Nil otherwise.
	Professional *Professional
	// Profiles are the request's Profiles, or those loaded from its ProfilesDir.
	Profiles *Profiles
}

// Held is a planned invoice the checks found would be wrong.
type Held struct {
	Planned
	Errors []Finding // the errors that hold it, worst first
}

// Checked is one professional's findings.
type Checked struct {
	Professional *Professional
	Findings     []Finding
}

// Codes are the codes of the errors and warnings, each once, worst first: what a summary lists
// for 'hubinvoice check' to explain.
func (c Checked) Codes() []string {
	var codes []string
	for _, f := range c.Findings {
		if (f.Severity == SeverityError || f.Severity == SeverityWarning) && !slices.Contains(codes, f.Code) {
			codes = append(codes, f.Code)
		}
	}
	return codes
}

// RequestError is a request the export cannot answer as asked: a professional or sponsor it
// does not name, or a choice left to make (whose month, which party).
type RequestError struct{ Err error }

func (e *RequestError) Error() string { return e.Err.Error() }
func (e *RequestError) Unwrap() error { return e.Err }

func requestErrorf(format string, args ...any) error {
	return &RequestError{fmt.Errorf(format, args...)}
}

// NothingError says that a professional's month has nothing to invoice, and why.
type NothingError struct {
	Why      string
	Findings []Finding // what the checks found of the month, when it has rows
	Notes    []string  // the export reader's notes
}

func (e *NothingError) Error() string { return "nothing to invoice: " + e.Why }

// InvoiceColumns are the export columns an invoice cannot do without.
var InvoiceColumns = []export.Column{
	export.SessionDate, export.ServiceName, export.ServicePrice,
	export.ProfessionalName, export.ProfessionalEmail, export.Type, export.Sponsor,
}

// ReadLedger reads the export at path into a new ledger of the options: every row
// classified as it comes. With a month, the file is read once: the reader holds the month's
// rows, the only ones whose text the ledger keeps, to the end (export.Options.Hold). It stops
// when ctx is done.
func ReadLedger(ctx context.Context, path string, ro export.Options, lo LedgerOptions) (*Ledger, *export.Info, error) {
	l := NewLedger(lo)
	if lo.Month != (calendar.Month{}) {
		ro.Hold = func(r *export.Record) bool { return l.inMonth(r.Session) }
		ro.Sponsors = l.sponsor
	}
	info, err := export.ReadFileContext(ctx, path, ro, func(r *export.Record) error {
		l.Add(r)
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	return l, info, nil
}

// CheckNames refuses a professional (by email or name) or a sponsor of the options that the
// export at file never names, in any month: a typo is a RequestError, not a month with nothing
// in it.
func (l *Ledger) CheckNames(file, professional string) error {
	if professional != "" && !l.Knows(professional) {
		return requestErrorf("--professional: %s names no professional %q; it holds %s", file, professional, listSome(l.Everyone()))
	}
	if unknown := l.UnknownSponsors(); len(unknown) > 0 {
		return requestErrorf("--sponsor: %s names no sponsor %q; it has %s", file, unknown[0], listSome(l.Sponsors()))
	}
	return nil
}

// Whose returns the professional whose month a person means: who (an email or a name, any
// case) when given; else the profile's professional (profileEmail) when the export holds them;
// else the only professional with rows in the month. Several professionals and no name is a
// RequestError listing them; a month without the professional's rows is a NothingError.
func (l *Ledger) Whose(who, profileEmail string) (*Professional, error) {
	profs := l.Professionals()
	m := l.opts.Month
	if len(profs) == 0 {
		return nil, &NothingError{Why: fmt.Sprintf("the export has no rows dated in %s (%d rows outside it)", m, l.Outside)}
	}
	if who == "" && profileEmail != "" && l.Knows(profileEmail) {
		who = profileEmail
	}
	if who == "" && len(profs) == 1 {
		return profs[0], nil
	}
	pro, err := Pick(profs, who, m)
	if err == nil {
		return pro, nil
	}
	if who == "" {
		return nil, &RequestError{err}
	}
	return nil, &NothingError{Why: err.Error()}
}

// MakePlan reads the request's export once and plans its month's invoices: every row
// classified once (a Ledger), the checks run for everyone with something to invoice, an
// invoice they find would be wrong held back unless Force.
//
// For a professional's own invoice (Profile), the month must hold a Credit session to invoice
// (else a *NothingError), the professional must be the profile's, and when their sessions go
// to several parties Request.BillTo picks one (else a *RequestError). The export's problems
// are its errors, each naming file, row and column.
func MakePlan(ctx context.Context, req Request) (*Plan, error) {
	sender := req.Profile
	if sender == nil {
		sender = req.Clinic
	}
	ro := export.Options{DateOrder: req.DateOrder, Require: InvoiceColumns, Sheet: req.Sheet, Name: req.Name}
	if req.Name == "" {
		req.Name = req.Export // in messages
	}
	if sender != nil {
		ro.Currency = sender.Invoice.Currency
	}
	ro.KnownEmails = req.knownEmails()
	var profiles func() (*Profiles, error)
	if req.ProfilesDir != "" {
		type loaded struct {
			ps  *Profiles
			err error
		}
		ch := make(chan loaded, 1)
		go func() {
			ps, err := LoadProfiles(req.ProfilesDir)
			ch <- loaded{ps, err}
		}()
		profiles = sync.OnceValues(func() (*Profiles, error) { l := <-ch; return l.ps, l.err })
		ro.KnownEmailsLater = func() []string {
			ps, err := profiles()
			if err != nil {
				return nil // said once the export is read
			}
			return Request{Profiles: ps}.knownEmails()
		}
	}
	led, info, err := ReadLedger(ctx, req.Export, ro, LedgerOptions{Month: req.Month, Sponsors: req.Sponsors})
	if profiles != nil {
		ps, perr := profiles()
		if perr != nil {
			return nil, perr
		}
		req.Profiles = ps
	}
	if err != nil {
		return nil, err
	}
	if err := led.CheckNames(req.Name, req.Professional); err != nil {
		return nil, err
	}
	// The plan keeps what it found, not the ledger: a batch renders its invoices after this,
	// and the month's bookkeeping need not stay in memory meanwhile.
	p := &Plan{Month: req.Month, Info: info, Profiles: req.Profiles}
	if req.Profile != nil {
		err = p.own(req, led)
	} else {
		err = p.batch(req, led)
	}
	var nothing *NothingError
	if errors.As(err, &nothing) {
		nothing.Notes = info.Notes
	}
	if err != nil {
		return nil, err
	}
	return p, nil
}

// knownEmails are the email addresses of everyone the request's profiles name: professionals
// and bill-to parties. The reader lets them stand in the export's known columns (a Sponsor
// may name a party's address); any other address there is withheld.
func (req Request) knownEmails() []string {
	var out []string
	add := func(p *Profile) {
		if p == nil {
			return
		}
		out = append(out, p.Professional.Email)
		for _, b := range p.BillTo {
			out = append(out, b.Email)
		}
	}
	add(req.Profile)
	add(req.Clinic)
	if req.Profiles != nil {
		for _, p := range req.Profiles.byEmail {
			add(p)
		}
	}
	return append(out, DefaultBillTo().Email)
}

// own plans a professional's own invoice.
func (p *Plan) own(req Request, led *Ledger) error {
	prof, m := req.Profile, req.Month
	pro, err := led.Whose(req.Professional, prof.Professional.Email)
	var re *RequestError
	if errors.As(err, &re) {
		return &RequestError{fmt.Errorf("%s: %w", req.Name, re.Err)}
	}
	if err != nil {
		return err
	}
	if pro.Email != strings.ToLower(prof.Professional.Email) {
		return fmt.Errorf("%s: the sessions are %s's <%s>, but the profile %s is %s's <%s>: refusing to invoice someone else's sessions\nhint: use their profile with --config, or pick yours with --professional",
			req.Name, pro.Name, pro.Email, prof.Name(), prof.Professional.Name, prof.Professional.Email)
	}
	p.Professional = pro
	findings := led.Findings(pro)
	if len(pro.Lines) == 0 {
		return &NothingError{Why: fmt.Sprintf("%s has no Credit session paid in %s; the month holds %s", pro.Name, m, describeLeft(pro.Left)), Findings: findings}
	}
	p.Checked = []Checked{{pro, findings}}
	parts := prof.Split(pro.Lines)
	part := parts[0]
	if len(parts) > 1 || req.BillTo != "" {
		if part, err = pickParty(parts, req.BillTo, m); err != nil {
			return err
		}
	}
	cal, err := prof.Calendar()
	if err != nil {
		return err
	}
	inv := Build(part.Lines, part.Party, BuildOptions{
		Profile: prof, Period: m, Issued: req.Issued, Number: req.Number, Language: req.Language, Calendar: cal,
	})
	planned := Planned{Email: pro.Email, Invoice: inv, File: FileName(m, pro.Name, part.Party, len(parts) > 1)}
	if errs := Only(findings, SeverityError); len(errs) > 0 && !req.Force {
		p.Held = []Held{{planned, errs}}
		return nil
	}
	if err := checkCurrencies(req.Name, inv.Lines, prof.Name()); err != nil {
		return err
	}
	p.Invoices = []Planned{planned}
	return nil
}

// batch plans every professional's invoices, or the clinic's.
func (p *Plan) batch(req Request, led *Ledger) error {
	profs := led.Professionals()
	bo := batchOptions{Period: req.Month, Issued: req.Issued, Language: req.Language}
	var plan []Planned
	if req.Clinic != nil {
		cal, err := req.Clinic.Calendar()
		if err != nil {
			return err
		}
		plan, p.Skipped, p.Idle = planClinic(profs, req.Clinic, cal, req.Profiles, bo)
	} else {
		plan, p.Skipped, p.Idle = planBatch(profs, req.Profiles, bo)
	}
	for _, pl := range plan {
		if err := checkCurrencies(req.Name, pl.Invoice.Lines, "the profiles"); err != nil {
			return err
		}
	}
	// The checks of everyone with something to invoice; an error holds that professional's
	// invoices, and on a clinic's invoice, which holds every professional's sessions, all of it.
	wrong := map[string][]Finding{}
	var anyWrong []Finding
	for _, pro := range profs {
		if len(pro.Lines) == 0 {
			continue
		}
		fs := led.Findings(pro)
		p.Checked = append(p.Checked, Checked{pro, fs})
		if errs := Only(fs, SeverityError); len(errs) > 0 && !req.Force {
			wrong[pro.Email] = errs
			anyWrong = append(anyWrong, errs...)
		}
	}
	for _, pl := range plan {
		errs, bad := wrong[pl.Email]
		if req.Clinic != nil {
			errs, bad = anyWrong, len(anyWrong) > 0
		}
		if bad {
			p.Held = append(p.Held, Held{pl, errs})
		} else {
			p.Invoices = append(p.Invoices, pl)
		}
	}
	return nil
}

// HeldProfessionals counts the professionals whose errors hold invoices back.
func (p *Plan) HeldProfessionals() int {
	n := 0
	for _, c := range p.Checked {
		if slices.ContainsFunc(c.Findings, func(f Finding) bool { return f.Severity == SeverityError }) {
			n++
		}
	}
	return n
}

// checkCurrencies refuses lines whose currency nobody named: neither the export nor the profile.
func checkCurrencies(file string, lines []Line, profile string) error {
	for _, l := range lines {
		if l.Currency == "" {
			return fmt.Errorf("%s: row %d: no currency: the export has no Service Currency column and the price names none\nhint: set currency in the [invoice] table of %s", file, l.Row, profile)
		}
	}
	return nil
}

func pickParty(parts []PartyLines, who string, m calendar.Month) (PartyLines, error) {
	names := make([]string, len(parts))
	for i, p := range parts {
		names[i] = fmt.Sprintf("%s <%s> (%d sessions)", p.Party.Name, p.Party.Email, len(p.Lines))
		if who != "" && (strings.EqualFold(p.Party.Name, who) || strings.EqualFold(p.Party.Email, who)) {
			return p, nil
		}
	}
	if who == "" {
		return PartyLines{}, requestErrorf("the profile bills %s's sessions to %d parties: %s\nhint: write one invoice each with --bill-to NAME, or use 'hubinvoice batch'", m, len(parts), strings.Join(names, ", "))
	}
	return PartyLines{}, requestErrorf("--bill-to: no party %q is billed for %s; the month's parties are %s", who, m, strings.Join(names, ", "))
}

func describeLeft(left []Left) string {
	if len(left) == 0 {
		return "nothing else"
	}
	parts := make([]string, len(left))
	for i, l := range left {
		parts[i] = fmt.Sprintf("%d %s", l.Count, l.Reason)
	}
	return strings.Join(parts, ", ")
}

// listSome joins a list for a message, naming at most ten.
func listSome(names []string) string {
	switch {
	case len(names) == 0:
		return "none"
	case len(names) > 10:
		return fmt.Sprintf("%s and %d more", strings.Join(names[:10], ", "), len(names)-10)
	}
	return strings.Join(names, ", ")
}
