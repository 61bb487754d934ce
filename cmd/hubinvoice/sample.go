package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/hubinvoice/hubinvoice/internal/sample"

	"github.com/hubinvoice/hubinvoice/calendar"
	"github.com/hubinvoice/hubinvoice/invoice"
	"github.com/spf13/cobra"
)

type sampleOptions struct {
	rows          int
	seed          uint64
	professionals int
	month         string // YYYY-MM, or "" for the year 2024
	output        string
	profiles      string // directory for one profile per professional, or ""
	json          bool
	force         bool
}

// sampleJSON is what sample --json prints.
type sampleJSON struct {
	Output        string   `json:"output"`
	Rows          int      `json:"rows"`
	Seed          uint64   `json:"seed"`
	Professionals []person `json:"professionals"`
	Profiles      []string `json:"profiles"`
}

func newSampleCmd(e *env) *cobra.Command {
	opts := &sampleOptions{}
	c := &cobra.Command{
		Use:   "sample [-o FILE.xlsx|FILE.csv] [--rows N] [--seed S] [--profiles DIR]",
		Short: "Write a made-up Payments export (and profiles) to try hubinvoice on",
		Long: `Write a realistic made-up Payments export: every column, several professionals and
Wellbeing Hub sponsors, every payment type and status, Icelandic and English names, ISK with
some EUR and GBP, sessions on the working days of 2024 (or of --month). The same seed and
options give the same bytes. The first professional is always Þórdís Guðmundsdóttir
<thordis@example.is>, whose profile is testdata/demo/profile.toml. Without -o it is written
to payments-sample.xlsx (payments-sample-YYYY-MM.xlsx with --month). An .xlsx is written as
Excel saves one, every text in the shared strings table. Many --professionals for the rows give
the shape of a clinic's export: many professionals, a few sessions each.

With --profiles DIR it also writes a valid profile for every professional of the sample,
DIR/<email local part>.toml, so that a batch can be tried end to end.

With --json it prints what it wrote: {"output", "rows", "seed", "professionals": [{"name",
"email"}], "profiles": [paths]}.`,
		Example: `  hubinvoice sample --rows 100000 --seed 1 -o payments.xlsx --profiles profiles
  hubinvoice sample --rows 100000 --professionals 2000 -o clinic.xlsx
  hubinvoice sample --rows 60 --professionals 1 --month 2024-03 -o march.csv`,
		Args: args(cobra.NoArgs),
		RunE: func(c *cobra.Command, _ []string) error {
			return runSample(c.Context(), opts, e)
		},
	}
	f := c.Flags()
	f.IntVar(&opts.rows, "rows", 1000, "number of payment rows")
	f.Uint64Var(&opts.seed, "seed", 1, "seed of the random source: the same seed, the same file")
	f.IntVar(&opts.professionals, "professionals", 0, "number of professionals (default one per 500 rows, at least 3)")
	f.StringVar(&opts.month, "month", "", "put every session in `YYYY-MM` (default: the whole of 2024)")
	f.StringVarP(&opts.output, "output", "o", "", "write the export to `FILE` (.xlsx or .csv; default: payments-sample.xlsx)")
	f.BoolVar(&opts.json, "json", false, "print what was written as JSON on stdout")
	f.StringVar(&opts.profiles, "profiles", "", "also write a profile per professional into `DIR`")
	f.BoolVar(&opts.force, "force", false, "replace existing files")
	return c
}

func runSample(ctx context.Context, opts *sampleOptions, e *env) error {
	if ctx == nil {
		ctx = context.Background()
	}
	o := sample.Options{Rows: opts.rows, Seed: opts.seed, Professionals: opts.professionals}
	if opts.output == "" {
		opts.output = "payments-sample.xlsx"
		if opts.month != "" {
			opts.output = "payments-sample-" + opts.month + ".xlsx"
		}
	}
	switch {
	case opts.rows < 0:
		return usagef("--rows %d: want 0 or more", opts.rows)
	case opts.professionals < 0:
		return usagef("--professionals %d: want 1 or more", opts.professionals)
	}
	if opts.month != "" {
		m, err := calendar.ParseMonth(opts.month)
		if err != nil {
			return usagef("--month: %v", err)
		}
		o.From, o.Until = m.First(), m.Next().First()
	}
	var write func(io.Writer, sample.Options) error
	switch strings.ToLower(filepath.Ext(opts.output)) {
	case ".xlsx":
		write = sample.WriteXLSX
	case ".csv":
		write = sample.WriteCSV
	default:
		return usagef("-o %s: want a file name ending in .xlsx or .csv", opts.output)
	}

	// Build and check everything first, so that a refusal comes before minutes of writing.
	profs := sample.Professionals(o)
	var profiles []sampleProfile
	if opts.profiles != "" {
		var err error
		if profiles, err = sampleProfiles(opts.profiles, profs, opts.seed); err != nil {
			return err
		}
	}
	if !opts.force {
		var errs []error
		existing := 0
		for _, path := range append([]string{opts.output}, profilePaths(profiles)...) {
			if _, err := os.Lstat(path); err == nil {
				if existing++; existing <= 5 {
					errs = append(errs, fmt.Errorf("%s: already exists; not overwritten", path))
				}
			}
		}
		if existing > 5 {
			errs = append(errs, fmt.Errorf("and %d more files that exist", existing-5))
		}
		if len(errs) > 0 {
			errs = append(errs, errors.New("hint: use --force to replace them"))
			return errors.Join(errs...)
		}
	}

	if err := os.MkdirAll(filepath.Dir(opts.output), 0o755); err != nil {
		return err
	}
	err := writeNewFile(opts.output, 0o644, opts.force, func(w io.Writer) error {
		return write(ctxWriter{ctx, w}, o)
	})
	if err != nil {
		return err
	}
	out := sampleJSON{Output: opts.output, Rows: opts.rows, Seed: opts.seed, Professionals: []person{}, Profiles: profilePaths(profiles)}
	for _, p := range profs {
		out.Professionals = append(out.Professionals, person{p.Name, p.Email})
	}
	if out.Profiles == nil {
		out.Profiles = []string{}
	}
	who := "professionals"
	if len(profs) == 1 {
		who = "professional"
	}
	if !opts.json {
		fmt.Fprintf(e.stdout, "wrote %s: %d rows, %d %s, seed %d\n", opts.output, opts.rows, len(profs), who, opts.seed)
	}

	if opts.profiles == "" {
		if opts.json {
			return printJSON(e.stdout, out)
		}
		return nil
	}
	if err := os.MkdirAll(opts.profiles, 0o755); err != nil {
		return err
	}
	for _, sp := range profiles {
		if err := ctx.Err(); err != nil {
			return err
		}
		err := writeNewFile(sp.path, 0o644, opts.force, func(w io.Writer) error {
			fmt.Fprintf(w, "# A made-up profile for %s, written by 'hubinvoice sample --seed %d'.\n\n", sp.profile.Professional.Name, opts.seed)
			return sp.profile.Encode(w)
		})
		if err != nil {
			return err
		}
	}
	if opts.json {
		return printJSON(e.stdout, out)
	}
	_, err = fmt.Fprintf(e.stdout, "wrote %d profiles to %s\n", len(profiles), opts.profiles)
	return err
}

// ctxWriter stops a long write when the context is done (Ctrl-C).
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
}

func (c ctxWriter) Write(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.w.Write(p)
}

type sampleProfile struct {
	path    string
	profile *invoice.Profile
}

func profilePaths(ps []sampleProfile) []string {
	paths := make([]string, len(ps))
	for i, p := range ps {
		paths[i] = p.path
	}
	return paths
}

// sampleProfiles makes a valid profile for every professional of a sample, named after the
// local part of their email.
func sampleProfiles(dir string, profs []sample.Professional, seed uint64) ([]sampleProfile, error) {
	out := make([]sampleProfile, 0, len(profs))
	var errs []error
	for i, sp := range profs {
		local, _, _ := strings.Cut(sp.Email, "@")
		path := filepath.Join(dir, local+".toml")
		p, err := invoice.SampleProfile(sp, i, seed)
		if err != nil { // a bug in the generator, not the user's doing
			errs = append(errs, fmt.Errorf("sample profile %s: %w", path, err))
		}
		out = append(out, sampleProfile{path: path, profile: p})
	}
	return out, errors.Join(errs...)
}
