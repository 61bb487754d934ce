package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/hubinvoice/hubinvoice/export"
	"github.com/hubinvoice/hubinvoice/invoice"
	"github.com/spf13/cobra"
)

type initOptions struct {
	config     string // where to write; "" = the default location
	fromExport string // an export whose professionals get a starter profile each
	sheet      string // its sheet
	profiles   string // where they go
	clinic     string // where the clinic's starter goes; "" = beside the profiles' directory
	dateOrder  string
	json       bool
	force      bool
}

func newInitCmd(e *env) *cobra.Command {
	opts := &initOptions{}
	c := &cobra.Command{
		Use:   "init [--from-export EXPORT --profiles DIR]",
		Short: "Write a commented starter profile to fill in (or one per professional of an export)",
		Long: `Write a commented starter profile: your name and email as the export shows them, your
bank account, the invoice's language and working-day calendar, and who is billed for which
sponsors. By default it goes to hubinvoice/profile.toml in your configuration directory
($XDG_CONFIG_HOME or ~/.config on Linux), where 'hubinvoice invoice' looks for it.
An existing profile is never overwritten unless --force is given.

For a clinic, --from-export EXPORT --profiles DIR writes a starter profile for every
professional in the export into DIR, named after their email (thordis@example.is:
thordis.toml), with their name and email filled in, their sessions' currency, and the
calendar that it or the email suggests (ISK: IS, GBP: GB, an email in .ie: IE); fill in the
bank account and 'hubinvoice batch' can run. It also writes a commented clinic.toml beside DIR, for one invoice from the clinic
(batch --clinic). Existing files are kept (and listed) unless --force; a rerun on a later
export adds only the professionals who are new.

With --json it prints what it wrote: {"profiles": [{"file", "professional", "email",
"status"}], "clinic": {"file", "status"}}, status "written", "replaced" or "kept".

Exit status: 0 written (or kept, with --from-export); 1 failure or a profile exists
(without --from-export); 2 usage error.`,
		Example: `  hubinvoice init
  hubinvoice init --config profiles/thordis.toml
  hubinvoice init --from-export payments-2024-03.xlsx --profiles profiles`,
		Args: args(cobra.NoArgs),
		RunE: func(c *cobra.Command, _ []string) error {
			return runInit(c.Context(), opts, e)
		},
	}
	f := c.Flags()
	f.StringVar(&opts.config, "config", "", "write the profile to `FILE` instead of the default location")
	f.StringVar(&opts.fromExport, "from-export", "", "write a starter profile for every professional of this `EXPORT` (.xlsx or .csv)")
	f.StringVar(&opts.profiles, "profiles", "", "with --from-export: the `DIR` to write them to (created if missing)")
	f.StringVar(&opts.clinic, "clinic", "", "with --from-export: write the clinic's starter to `FILE` (default: clinic.toml beside the profiles' DIR)")
	sheetFlag(f, &opts.sheet)
	f.StringVar(&opts.dateOrder, "date-order", "dmy", "with --from-export: how to read text dates like 05/03/2024: dmy or mdy")
	f.BoolVar(&opts.json, "json", false, "print what was written as JSON on stdout")
	f.BoolVar(&opts.force, "force", false, "replace existing profiles with starters")
	return c
}

// initFile is one file init wrote or kept, as --json prints it.
type initFile struct {
	File         string `json:"file"`
	Professional string `json:"professional,omitempty"`
	Email        string `json:"email,omitempty"`
	Status       string `json:"status"` // written, replaced, kept
}

type initJSON struct {
	Profiles []initFile `json:"profiles"`
	Clinic   *initFile  `json:"clinic"`
}

func runInit(ctx context.Context, opts *initOptions, e *env) error {
	if opts.fromExport != "" || opts.profiles != "" || opts.clinic != "" {
		return runInitFromExport(ctx, opts, e)
	}
	path, configFlag := opts.config, ""
	if path == "" {
		var err error
		if path, err = defaultConfigPath(e); err != nil {
			return err
		}
	} else {
		configFlag = " --config " + shellQuote(path)
	}
	if err := mkdirFor(path); err != nil {
		return err
	}
	status, err := writeStarter(path, invoice.StarterProfile(), opts.force, false)
	if err != nil {
		return err
	}
	if opts.json {
		return printJSON(e.stdout, initJSON{Profiles: []initFile{{File: path, Status: status}}})
	}
	_, err = fmt.Fprintf(e.stdout, `wrote a starter profile to %s
next: fill in your name and email (as your Payments export shows them), your bank account
and your calendar country; then make this month's invoice:
  hubinvoice invoice EXPORT.xlsx%s
`, path, configFlag)
	return err
}

// writeStarter writes a starter file: "written", "replaced" (with force), or, when keep is
// set and the file exists, "kept"; without keep an existing file is an error.
func writeStarter(path string, data []byte, force, keep bool) (string, error) {
	status := "written"
	if _, err := os.Lstat(path); err == nil && force {
		status = "replaced"
	}
	err := writeNewFile(path, 0o600, force, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
	var ex errExists
	if keep && errors.As(err, &ex) {
		return "kept", nil
	}
	return status, err
}

func runInitFromExport(ctx context.Context, opts *initOptions, e *env) error {
	switch {
	case opts.fromExport == "":
		return usagef("--profiles and --clinic go with --from-export EXPORT: the export whose professionals get a profile each")
	case opts.profiles == "":
		return usagef("--from-export needs --profiles DIR: the directory to write a profile per professional to")
	case opts.config != "":
		return usagef("--config writes one profile; with --from-export, --profiles DIR takes one per professional")
	}
	order, err := export.ParseDateOrder(opts.dateOrder)
	if err != nil {
		return usagef("--date-order: %v", err)
	}
	path, done, err := exportPath(opts.fromExport, e)
	if err != nil {
		return err
	}
	defer done()
	name := ""
	if opts.fromExport == "-" {
		name = export.StdinName
	}
	starters := invoice.NewStarters()
	_, err = export.ReadFile(path, export.Options{
		Sheet:     opts.sheet,
		Name:      name,
		DateOrder: order,
		Require:   []export.Column{export.ProfessionalName, export.ProfessionalEmail},
	}, func(r *export.Record) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		starters.Add(r)
		return nil
	})
	if err != nil {
		return err
	}
	files := starters.Files()
	if len(files) == 0 {
		return fmt.Errorf("%s: no professional with an email in it: nothing to write", opts.fromExport)
	}
	if err := os.MkdirAll(opts.profiles, 0o700); err != nil {
		return fsError(opts.profiles, err)
	}
	out := initJSON{Profiles: []initFile{}}
	for _, f := range files {
		path := filepath.Join(opts.profiles, f.File)
		status, err := writeStarter(path, f.Data, opts.force, true)
		if err != nil {
			return err
		}
		out.Profiles = append(out.Profiles, initFile{File: path, Professional: f.Professional, Email: f.Email, Status: status})
	}
	clinic := opts.clinic
	if clinic == "" {
		clinic = filepath.Join(filepath.Dir(filepath.Clean(opts.profiles)), "clinic.toml")
	}
	if err := mkdirFor(clinic); err != nil {
		return fsError(clinic, err)
	}
	cur := starters.Currency()
	status, err := writeStarter(clinic, invoice.StarterClinic(invoice.GuessCountry(cur, ""), cur), opts.force, true)
	if err != nil {
		return err
	}
	out.Clinic = &initFile{File: clinic, Status: status}
	if opts.json {
		return printJSON(e.stdout, out)
	}
	for _, f := range out.Profiles {
		fmt.Fprintf(e.stdout, "%-8s %s  %s <%s>\n", f.Status, f.File, f.Professional, f.Email)
	}
	fmt.Fprintf(e.stdout, "%-8s %s  the clinic, for one invoice from it (batch --clinic)\n", status, clinic)
	_, err = fmt.Fprintf(e.stdout, `next: fill in each profile's bank account (iban or account_number); then make the month's
invoices, one per professional:
  hubinvoice batch %s --profiles %s --out-dir invoices
`, shellQuote(opts.fromExport), shellQuote(opts.profiles))
	return err
}
