package main

import (
	"context"
	"fmt"
	"io"

	"github.com/hubinvoice/hubinvoice/invoice"
	"github.com/spf13/cobra"
)

type initOptions struct {
	config string // where to write; "" = the default location
	force  bool
}

func newInitCmd(e *env) *cobra.Command {
	opts := &initOptions{}
	c := &cobra.Command{
		Use:   "init",
		Short: "Write a commented starter profile to fill in",
		Long: `Write a commented starter profile: your name and email as the export shows them, your
bank account, the invoice's language and working-day calendar, and who is billed for which
sponsors. By default it goes to hubinvoice/profile.toml in your configuration directory
($XDG_CONFIG_HOME or ~/.config on Linux), where 'hubinvoice invoice' looks for it.
An existing profile is never overwritten unless --force is given.`,
		Args: args(cobra.NoArgs),
		RunE: func(c *cobra.Command, _ []string) error {
			return runInit(c.Context(), opts, e)
		},
	}
	c.Flags().StringVar(&opts.config, "config", "", "write the profile to `FILE` instead of the default location")
	c.Flags().BoolVar(&opts.force, "force", false, "replace an existing profile with the starter")
	return c
}

func runInit(_ context.Context, opts *initOptions, e *env) error {
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
	err := writeNewFile(path, 0o600, opts.force, func(w io.Writer) error {
		_, err := w.Write(invoice.StarterProfile())
		return err
	})
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(e.stdout, `wrote a starter profile to %s
next: fill in your name and email (as your Payments export shows them), your bank account
and your calendar country; then make this month's invoice:
  hubinvoice invoice EXPORT.xlsx%s
`, path, configFlag)
	return err
}
