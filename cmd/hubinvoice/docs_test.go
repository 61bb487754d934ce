package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// roffEscape matches what the man pages' roff puts around and inside the text: font changes
// and escaped characters.
var roffEscape = strings.NewReplacer(`\fB`, "", `\fP`, "", `\fR`, "", `\fI`, "", `\-`, "-",
	`\(aq`, "'", `\(lq`, `"`, `\(rq`, `"`, `\&`, "", `\e`, `\`, `\\`, `\`, `\~`, " ")

// plainText turns a man page or a help text into words separated by single spaces, without
// roff's requests (lines that start with a dot).
func plainText(s string, roff bool) string {
	var out []string
	for _, line := range strings.Split(s, "\n") {
		if roff {
			if strings.HasPrefix(line, ".") {
				if strings.HasPrefix(line, ".SH ") { // a section heading is text
					out = append(out, strings.Trim(line[4:], `"`))
				}
				continue
			}
			line = roffEscape.Replace(line)
		}
		out = append(out, line)
	}
	return strings.Join(strings.Fields(strings.Join(out, " ")), " ")
}

var backticks = regexp.MustCompile("`([^`]*)`")

// TestDocs: `make docs` writes a man page and a Markdown page for every command, and each man
// page says what the command's --help says: its summary, description, examples, and every
// flag with its usage.
func TestDocs(t *testing.T) {
	dir := t.TempDir()
	var stdout, stderr bytes.Buffer
	getenv := func(k string) string {
		if k == "SOURCE_DATE_EPOCH" {
			return "1712275200"
		}
		return ""
	}
	if code := run([]string{"docs", "--dir", dir}, nil, &stdout, &stderr, getenv); code != 0 {
		t.Fatalf("docs: exit %d: %s", code, stderr.String())
	}
	e, _ := newEnv(nil, &bytes.Buffer{}, &bytes.Buffer{}, getenv)
	root := newRootCmd(e)
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	var walk func(c *cobra.Command)
	count := 0
	walk = func(c *cobra.Command) {
		for _, sub := range c.Commands() {
			if sub.IsAvailableCommand() {
				walk(sub)
			}
		}
		if !c.IsAvailableCommand() && c != root {
			return
		}
		count++
		path := strings.Fields(c.CommandPath()) // hubinvoice init
		t.Run(strings.Join(path, " "), func(t *testing.T) {
			man, err := os.ReadFile(filepath.Join(dir, "man", strings.Join(path, "-")+".1"))
			if err != nil {
				t.Fatalf("no man page: %v", err)
			}
			if _, err := os.Stat(filepath.Join(dir, "md", strings.Join(path, "_")+".md")); err != nil {
				t.Errorf("no Markdown page: %v", err)
			}
			var help bytes.Buffer
			if code := run(append(path[1:], "--help"), nil, &help, &help, getenv); code != 0 {
				t.Fatalf("--help: exit %d: %s", code, help.String())
			}
			manText, helpText := plainText(string(man), true), plainText(help.String(), false)
			var want []string // --help shows the description, or else the summary
			switch {
			case c != root && c.Parent().Name() == "completion": // cobra's own, in Markdown
			case c.Long != "":
				want = []string{c.Long}
			default:
				want = []string{c.Short}
			}
			if c.Example != "" {
				want = append(want, c.Example)
			}
			c.Flags().VisitAll(func(f *pflag.Flag) {
				if f.Hidden {
					return
				}
				want = append(want, "--"+f.Name)
				if f.Shorthand != "" {
					want = append(want, "-"+f.Shorthand)
				}
				want = append(want, backticks.ReplaceAllString(f.Usage, "$1"))
			})
			for _, w := range want {
				w = plainText(w, false)
				if !strings.Contains(helpText, w) {
					t.Errorf("--help does not say %q", w)
				}
				if !strings.Contains(manText, w) {
					t.Errorf("the man page does not say %q", w)
				}
			}
		})
	}
	walk(root)
	if count < 12 {
		t.Errorf("%d commands documented, want every one (12 or more)", count)
	}
}
