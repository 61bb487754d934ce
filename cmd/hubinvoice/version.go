package main

import (
	"fmt"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// buildVersion is set by the Makefile through -ldflags "-X main.buildVersion=...".
var buildVersion = ""

func version() string {
	if buildVersion != "" {
		return buildVersion
	}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "devel"
	}
	return versionOf(bi)
}

// versionOf reads the version from what the go command recorded in the binary: the module's
// version (go install ...@v1.2.0, or since Go 1.24 a pseudo-version from the checkout's
// commit after a plain go build), else the commit itself, else "devel" (built with
// -buildvcs=false, or outside a checkout).
func versionOf(bi *debug.BuildInfo) string {
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	var rev, modified string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			modified = s.Value
		}
	}
	if rev == "" {
		return "devel"
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if modified == "true" {
		rev += "-dirty"
	}
	return "devel-" + rev
}

func newVersionCmd(e *env) *cobra.Command {
	opts := struct{ json bool }{}
	c := &cobra.Command{
		Use:   "version",
		Short: "Print hubinvoice's version",
		Long: `Print hubinvoice's version: the one the release was built with, or after a plain
'go build' in a checkout the commit it was built from (Go 1.24 and later record it).

With --json it prints {"version": "...", "go": "go1.26.0"}.`,
		Args: args(cobra.NoArgs),
		RunE: func(c *cobra.Command, _ []string) error {
			if opts.json {
				goVersion := ""
				if bi, ok := debug.ReadBuildInfo(); ok {
					goVersion = bi.GoVersion
				}
				return printJSON(e.stdout, map[string]string{"version": version(), "go": goVersion})
			}
			_, err := fmt.Fprintln(e.stdout, "hubinvoice", version())
			return err
		},
	}
	c.Flags().BoolVar(&opts.json, "json", false, "print the version as JSON")
	return c
}
