package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"
)

// Exit statuses, documented in README.md.
const (
	exitOK      = 0 // success
	exitFailure = 1 // failure or bad data
	exitUsage   = 2 // usage error: unknown flag, malformed argument
	exitNothing = 3 // invoice: the month has nothing to invoice; no file written
	exitPartial = 4 // batch: some invoices written, some skipped

	exitInterrupted = 130 // stopped by Ctrl-C (128 + SIGINT)
)

// usageError marks an error in how the command was called (exit 2).
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error { return usageError{fmt.Errorf(format, args...)} }

// exitError carries an exit status of its own; its message may be empty when the command has
// already said everything on stdout or stderr.
type exitError struct {
	code int
	err  error
}

func (e exitError) Error() string {
	if e.err == nil {
		return ""
	}
	return e.err.Error()
}
func (e exitError) Unwrap() error { return e.err }

// env is what every command gets from the outside world: streams, environment and clock.
type env struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	getenv func(string) string
	now    func() time.Time
}

// newEnv builds the environment; the clock honours SOURCE_DATE_EPOCH.
func newEnv(stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) (*env, error) {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr, getenv: getenv, now: time.Now}
	if s := getenv("SOURCE_DATE_EPOCH"); s != "" {
		sec, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return nil, usagef("SOURCE_DATE_EPOCH=%q is not a number of seconds", s)
		}
		fixed := time.Unix(sec, 0).UTC()
		e.now = func() time.Time { return fixed }
	}
	return e, nil
}

// today returns the current date at midnight UTC.
func (e *env) today() time.Time {
	t := e.now()
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	e, err := newEnv(stdin, stdout, stderr, getenv)
	if err == nil {
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		defer stop()
		root := newRootCmd(e)
		root.SetArgs(args)
		err = root.ExecuteContext(ctx)
		var ee exitError
		if err != nil && ctx.Err() != nil && !errors.As(err, &ee) {
			// Whatever the command was doing when Ctrl-C came, it stopped: no file is left
			// half-written (writeNewFile), and the exit status says why.
			err = exitError{code: exitInterrupted, err: errors.New("interrupted; nothing written")}
		}
	}
	if err == nil {
		return exitOK
	}
	if msg := err.Error(); msg != "" {
		for _, line := range strings.Split(msg, "\n") {
			if !strings.HasPrefix(line, "hint: ") {
				line = "hubinvoice: " + line
			}
			fmt.Fprintln(stderr, line)
		}
	}
	var ee exitError
	var ue usageError
	switch {
	case errors.As(err, &ee):
		return ee.code
	case errors.As(err, &ue):
		return exitUsage
	}
	return exitFailure
}

func newRootCmd(e *env) *cobra.Command {
	root := &cobra.Command{
		Use:           "hubinvoice",
		Short:         "Monthly invoices for Wellbeing Hub credit sessions, from the Payments export",
		Version:       version(),
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(e.stdout)
	root.SetErr(e.stderr)
	root.SetIn(e.stdin)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return usageError{fmt.Errorf("%s\nhint: see 'hubinvoice %s --help'", err, c.Name())}
	})
	// One constructor per command, each in its own file. Keep this list in help order.
	for _, newCmd := range []func(*env) *cobra.Command{
		newCheckCmd,
		newCollectCmd,
		newInvoiceCmd,
		newDraftCmd,
		newRedactCmd,
		newBatchCmd,
		newCreditCmd,
		newRegisterCmd,
		newInitCmd,
		newSampleCmd,
		newDeadlinesCmd,
		newCalendarCmd,
		newPayoutsCmd,
		newVersionCmd,
		newDocsCmd,
	} {
		root.AddCommand(newCmd(e))
	}
	addCompletions(root, e)
	return root
}
