package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"
	"github.com/spf13/pflag"
)

type docsOptions struct {
	dir string
}

// newDocsCmd is the hidden command behind `make docs`: the reference pages, generated from the
// commands themselves, so that they say what --help says.
func newDocsCmd(e *env) *cobra.Command {
	opts := &docsOptions{}
	c := &cobra.Command{
		Use:    "docs --dir DIR",
		Short:  "Write the reference pages: a man page and a Markdown page per command",
		Hidden: true,
		Args:   args(cobra.NoArgs),
		RunE: func(c *cobra.Command, _ []string) error {
			return runDocs(c.Root(), opts, e)
		},
	}
	c.Flags().StringVar(&opts.dir, "dir", "docs", "write the pages to `DIR`/man and DIR/md")
	return c
}

// markdownText escapes the characters Markdown would read as markup in a plain text.
var markdownText = strings.NewReplacer(`\`, `\\`, "<", `\<`, ">", `\>`, "*", `\*`, "_", `\_`)

// visit calls f for c and every command below it.
func visit(c *cobra.Command, f func(*cobra.Command)) {
	f(c)
	for _, sub := range c.Commands() {
		visit(sub, f)
	}
}

// runDocs writes DIR/man/hubinvoice-COMMAND.1 and DIR/md/hubinvoice_COMMAND.md for every
// command. They are dated by the clock (SOURCE_DATE_EPOCH), so the same commands give the
// same pages.
func runDocs(root *cobra.Command, opts *docsOptions, e *env) error {
	man, md := filepath.Join(opts.dir, "man"), filepath.Join(opts.dir, "md")
	for _, d := range []string{man, md} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return err
		}
	}
	root.DisableAutoGenTag = true // no "Auto generated ... on DATE" line of the current time
	date := e.today()
	header := &doc.GenManHeader{
		Title:   "HUBINVOICE",
		Section: "1",
		Date:    &date,
		Source:  "hubinvoice " + version(),
		Manual:  "hubinvoice manual",
	}
	// Both generators read a command's description as Markdown, the man pages its flags'
	// usage too: escaped, "<professional>" is shown and not taken for an HTML tag.
	visit(root, func(c *cobra.Command) {
		if c.Parent() == nil || c.Parent().Name() != "completion" { // cobra's own are Markdown
			c.Long = markdownText.Replace(c.Long)
		}
	})
	if err := doc.GenMarkdownTree(root, md); err != nil {
		return fmt.Errorf("markdown pages: %v", err)
	}
	visit(root, func(c *cobra.Command) {
		c.Flags().VisitAll(func(f *pflag.Flag) { f.Usage = markdownText.Replace(f.Usage) })
	})
	if err := doc.GenManTree(root, header, man); err != nil {
		return fmt.Errorf("man pages: %v", err)
	}
	fmt.Fprintf(e.stdout, "wrote the man pages to %s and the Markdown pages to %s\n", man, md)
	return nil
}
