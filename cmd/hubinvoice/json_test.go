package main

import (
	"bytes"
	"strings"
	"testing"
)

// TestEveryCommandHasJSON: every command that prints a result offers --json, and its help
// says what it prints.
func TestEveryCommandHasJSON(t *testing.T) {
	e, _ := newEnv(nil, &bytes.Buffer{}, &bytes.Buffer{}, func(string) string { return "" })
	root := newRootCmd(e)
	n := 0
	for _, c := range root.Commands() {
		if c.Hidden || c.Name() == "help" || c.Name() == "completion" {
			continue
		}
		n++
		f := c.Flags().Lookup("json")
		if f == nil { // a group's, for every subcommand
			f = c.PersistentFlags().Lookup("json")
		}
		if f == nil {
			t.Errorf("%s has no --json", c.Name())
			continue
		}
		if f.Usage == "" || !strings.Contains(c.Long+f.Usage, "JSON") {
			t.Errorf("%s --json: its help does not say what it prints", c.Name())
		}
	}
	if n < 11 {
		t.Errorf("%d commands, want every one (11 or more)", n)
	}
}
