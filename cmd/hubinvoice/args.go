package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"
)

// args wraps cobra's positional-argument checks so that their errors are usage errors that
// say which argument is missing or extra, instead of "accepts 1 arg(s), received 0".
func args(check cobra.PositionalArgs) cobra.PositionalArgs {
	return func(c *cobra.Command, a []string) error {
		if err := check(c, a); err != nil {
			return usageError{argsError(c, a)}
		}
		return nil
	}
}

// argMeanings says what each argument a command's Use names is.
var argMeanings = map[string]string{
	"EXPORT": "the Payments export to read (.xlsx or .csv)",
}

// argNames returns the arguments a command's Use names: its upper-case words before any flag.
func argNames(use string) []string {
	var names []string
	for _, w := range strings.Fields(use)[1:] {
		if w == "" || w[0] == '-' || w[0] == '[' || strings.ToUpper(w) != w {
			break
		}
		names = append(names, w)
	}
	return names
}

func argsError(c *cobra.Command, a []string) error {
	names := argNames(c.Use)
	hint := fmt.Sprintf("hint: %s; see '%s --help'", c.UseLine(), c.CommandPath())
	quoted := make([]string, len(a))
	for i, s := range a {
		quoted[i] = fmt.Sprintf("%q", s)
	}
	switch {
	case len(a) < len(names):
		missing := names[len(a)]
		if m := argMeanings[missing]; m != "" {
			missing += ", " + m
		}
		return fmt.Errorf("%s: missing %s\n%s", c.Name(), missing, hint)
	case len(names) == 0:
		return fmt.Errorf("%s: takes no arguments, got %s\n%s", c.Name(), strings.Join(quoted, " "), hint)
	}
	return fmt.Errorf("%s: takes %d argument (%s), got %d: %s\nhint: a file name with spaces goes in quotes; see '%s --help'",
		c.Name(), len(names), strings.Join(names, " "), len(a), strings.Join(quoted, " "), c.CommandPath())
}
