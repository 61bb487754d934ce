package main

import (
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/hubinvoice/hubinvoice/calendar"
	"github.com/hubinvoice/hubinvoice/export"
	"github.com/hubinvoice/hubinvoice/invoice"
	"github.com/spf13/pflag"
	"golang.org/x/term"
)

// The flags the commands share, each written once: the export and how to read it, whose
// profile and whose month; which month, issued when; which working-day calendar.

// exportFlags say which export to read and how, with whose profile, for whom.
type exportFlags struct {
	// export is the EXPORT argument, as messages name the export: after stdin, "standard
	// input" for -; path is the file to read (stdin's in a temporary file).
	export, path string
	fromStdin    bool
	sheet        string
	dateOrder    string
	config       string
	professional string
}

// register adds --sheet, --date-order, --config and --professional; professionalHelp ""
// leaves --professional out.
func (o *exportFlags) register(f *pflag.FlagSet, configHelp, professionalHelp string) {
	sheetFlag(f, &o.sheet)
	f.StringVar(&o.dateOrder, "date-order", "dmy", "how to read text dates like 05/03/2024: dmy or mdy")
	if configHelp != "" {
		f.StringVar(&o.config, "config", "", configHelp)
	}
	if professionalHelp != "" {
		f.StringVar(&o.professional, "professional", "", professionalHelp)
	}
}

// sheetFlag adds --sheet, for every command that reads an export.
func sheetFlag(f *pflag.FlagSet, sheet *string) {
	f.StringVar(sheet, "sheet", "", "read the payments from the workbook's sheet `NAME` (default: the sheet that holds the export's header)")
}

// stdin reads the export from standard input when EXPORT is -, into a temporary file
// (export.Spool) that done removes; call it before reading, and done when the command ends.
func (o *exportFlags) stdin(e *env) (done func(), err error) {
	o.path, done, err = exportPath(o.export, e)
	if err == nil && o.export == "-" {
		o.export, o.fromStdin = export.StdinName, true
	}
	return done, err
}

// exportPath is the file to read for the export argument arg: arg itself, or for - a temporary
// file holding standard input, which done removes.
func exportPath(arg string, e *env) (path string, done func(), err error) {
	if arg != "-" {
		return arg, func() {}, nil
	}
	if f, ok := e.stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		return "", nil, usagef("EXPORT is -, but standard input is a terminal: pipe the export in, as in cat march.xlsx | hubinvoice invoice - ...")
	}
	s, err := export.NewSpool(e.stdin, export.StdinName, "", 0)
	if err != nil {
		return "", nil, err
	}
	return s.Path, func() { s.Close() }, nil
}

// file is the file to read: the EXPORT argument, or after stdin, standard input's copy.
func (o *exportFlags) file() string {
	if o.path != "" {
		return o.path
	}
	return o.export
}

// readOptions are ro with the sheet to read, and the name messages give the export.
func (o *exportFlags) readOptions(ro export.Options) export.Options {
	ro.Sheet = o.sheet
	if o.fromStdin {
		ro.Name = o.export
	}
	return ro
}

// rerun is the export as a command to run again names it.
func (o *exportFlags) rerun() string {
	if o.fromStdin {
		return "-"
	}
	return shellQuote(o.export)
}

func (o *exportFlags) order() (export.DateOrder, error) {
	order, err := export.ParseDateOrder(o.dateOrder)
	if err != nil {
		return 0, usagef("--date-order: %v", err)
	}
	return order, nil
}

const (
	configRequired = "the profile (default: $XDG_CONFIG_HOME/hubinvoice/profile.toml)"
	configOptional = "the profile (default: $XDG_CONFIG_HOME/hubinvoice/profile.toml, when it exists)"
	whoseMonth     = "whose month, by email or name (default: the profile's when the export holds them, else the only professional)"
)

// monthFlags say which month, and the issue date it is reckoned from.
type monthFlags struct {
	month     string
	issueDate string
}

// register adds --month and, when issueHelp is not "", --issue-date.
func (o *monthFlags) register(f *pflag.FlagSet, monthHelp, issueHelp string) {
	f.StringVar(&o.month, "month", "", monthHelp)
	if issueHelp != "" {
		f.StringVar(&o.issueDate, "issue-date", "", issueHelp)
	}
}

const (
	monthHelp = "the month, YYYY-MM (default: the month before the issue date)"
	issueHelp = "the issue date, YYYY-MM-DD (default: today, or SOURCE_DATE_EPOCH)"
)

// resolve returns the issue date (today unless --issue-date) and the month (the one before the
// issue date unless --month): the one rule of every command.
func (o *monthFlags) resolve(e *env) (time.Time, calendar.Month, error) {
	issued := e.today()
	if o.issueDate != "" {
		var err error
		if issued, err = dateFlag("issue-date", o.issueDate); err != nil {
			return time.Time{}, calendar.Month{}, err
		}
	}
	if o.month == "" {
		return issued, calendar.MonthOf(issued).Prev(), nil
	}
	m, err := calendar.ParseMonth(o.month)
	if err != nil {
		return time.Time{}, calendar.Month{}, usagef("--month: %v", err)
	}
	return issued, m, nil
}

// countryFlag is --country: a working-day calendar's ISO code, when given.
type countryFlag struct {
	code string
	set  bool
}

func (c *countryFlag) String() string     { return c.code }
func (c *countryFlag) Set(s string) error { c.code, c.set = s, true; return nil }
func (c *countryFlag) Type() string       { return "string" }

func (c *countryFlag) register(f *pflag.FlagSet) {
	f.Var(c, "country", "working-day calendar: ISO country `CODE` such as IS, GB, GB-SCT (default: the profile's, else IS)")
}

// workingDays is the one calendar resolution: --country, else the profile's country, else
// Iceland's; with the profile's own closure days.
func workingDays(country countryFlag, prof *invoice.Profile) (*calendar.Calendar, error) {
	var closures []time.Time
	if prof != nil {
		if !country.set {
			return prof.Calendar()
		}
		closures = prof.ClosureDates()
	}
	code := country.code
	if !country.set {
		code = invoice.DefaultCountry
	}
	c, err := calendar.New(code, closures...)
	if err != nil {
		return nil, usagef("--country: %v", err)
	}
	return c, nil
}

// profileCalendar reads the optional profile at path and resolves the working-day calendar.
func profileCalendar(path string, country countryFlag, e *env) (*invoice.Profile, *calendar.Calendar, error) {
	prof, err := optionalProfile(path, e)
	if err != nil {
		return nil, nil, err
	}
	cal, err := workingDays(country, prof)
	if err != nil {
		return nil, nil, err
	}
	return prof, cal, nil
}

// loadProfile reads the profile at path, or the default one, which must exist.
func loadProfile(path string, e *env) (*invoice.Profile, error) {
	if path == "" {
		var err error
		if path, err = defaultConfigPath(e); err != nil {
			return nil, err
		}
		if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("no profile at %s\nhint: run 'hubinvoice init' and fill it in, or pass --config FILE", path)
		}
	}
	return invoice.LoadProfile(path)
}

// optionalProfile reads the profile at path, or the default one when it exists: the commands
// that report on an export or the calendar work without one.
func optionalProfile(path string, e *env) (*invoice.Profile, error) {
	if path == "" {
		def, err := defaultConfigPath(e)
		if err != nil {
			return nil, nil
		}
		if _, err := os.Stat(def); errors.Is(err, os.ErrNotExist) {
			return nil, nil
		}
		path = def
	}
	return loadProfile(path, e)
}

// whose is the ledger's Whose with its errors as cmd says them: a choice left to make is a
// usage error, a month without the professional's rows a failure, each naming the export.
func whose(led *invoice.Ledger, file, who string, prof *invoice.Profile) (*invoice.Professional, error) {
	if err := led.CheckNames(file, who); err != nil {
		return nil, planError(err)
	}
	pro, err := led.Whose(who, profileEmail(prof))
	var re *invoice.RequestError
	var nothing *invoice.NothingError
	switch {
	case errors.As(err, &re):
		return nil, usageError{fmt.Errorf("%s: %w", file, re.Err)}
	case errors.As(err, &nothing):
		return nil, fmt.Errorf("%s: %s", file, nothing.Why)
	}
	return pro, err
}

// profileEmail is the profile's professional, or "" without a profile.
func profileEmail(prof *invoice.Profile) string {
	if prof == nil {
		return ""
	}
	return prof.Professional.Email
}

// dateFlag reads a date flag written as YYYY-MM-DD, at midnight UTC.
func dateFlag(name, s string) (time.Time, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, usagef("--%s: %q is not a date: want YYYY-MM-DD, e.g. 2024-04-03", name, s)
	}
	return t, nil
}

// day formats a date for people: weekday, day, month and year.
func day(t time.Time) string { return t.Format("Mon _2 Jan 2006") }
