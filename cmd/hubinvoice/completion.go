package main

import (
	"strings"

	"github.com/hubinvoice/hubinvoice/calendar"
	"github.com/hubinvoice/hubinvoice/export"
	"github.com/hubinvoice/hubinvoice/invoice"
	"github.com/spf13/cobra"
)

// recentMonths is how many months --month completes, the last month first.
const recentMonths = 12

// outputKinds are the files each command's --output writes, for completion.
var outputKinds = map[string][]string{
	"invoice": {"pdf"},
	"draft":   {"eml"},
	"redact":  {"xlsx", "csv"},
	"sample":  {"xlsx", "csv"},
}

// addCompletions teaches shell completion (hubinvoice completion bash|zsh|fish|powershell)
// the values of every command's flags, by flag name, so that one flag completes alike in every
// command: --lang, --country, --date-order, --type, --month (recent months), profiles (.toml),
// exports (.xlsx, .csv) and directories; an EXPORT argument completes to .xlsx and .csv files.
func addCompletions(root *cobra.Command, e *env) {
	fixed := func(values ...string) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return cobra.FixedCompletions(values, cobra.ShellCompDirectiveNoFileComp)
	}
	files := func(exts ...string) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			return exts, cobra.ShellCompDirectiveFilterFileExt
		}
	}
	dirs := func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return nil, cobra.ShellCompDirectiveFilterDirs
	}
	months := func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		m := calendar.MonthOf(e.now()).Prev()
		out := make([]string, recentMonths)
		for i := range out {
			out[i] = m.String() + "\t" + m.First().Format("January 2006")
			m = m.Prev()
		}
		return out, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveKeepOrder
	}
	byFlag := map[string]func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective){
		"lang":        fixed(invoice.Languages...),
		"country":     fixed(calendar.Countries()...),
		"date-order":  fixed("dmy", "mdy"),
		"type":        fixed(export.TypeCredit, export.TypeCard, export.TypePOS, export.TypeCash, export.TypeBankTransfer, export.TypeOther),
		"month":       months,
		"config":      files("toml"),
		"clinic":      files("toml"),
		"from-export": files("xlsx", "csv"),
		"profiles":    dirs,
		"out-dir":     dirs,
		"dir":         dirs,
	}
	visit(root, func(c *cobra.Command) {
		for name, complete := range byFlag {
			if c.Flags().Lookup(name) != nil {
				_ = c.RegisterFlagCompletionFunc(name, complete)
			}
		}
		if exts, ok := outputKinds[c.Name()]; ok && c.Flags().Lookup("output") != nil {
			_ = c.RegisterFlagCompletionFunc("output", files(exts...))
		}
		if names := argNames(c.Use); len(names) > 0 && c.ValidArgsFunction == nil {
			c.ValidArgsFunction = func(_ *cobra.Command, a []string, _ string) ([]string, cobra.ShellCompDirective) {
				if len(a) < len(names) && strings.HasPrefix(names[len(a)], "EXPORT") {
					return []string{"xlsx", "csv"}, cobra.ShellCompDirectiveFilterFileExt
				}
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
		}
	})
}
