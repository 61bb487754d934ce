package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestBatchKilled kills a real batch with SIGKILL part-way, three times: as soon as the first
// temporary file appears (a PDF being written), after the first PDF, and after half of them.
// After every kill, each PDF in the output directory must be whole (qpdf --check); then a
// rerun completes the month with no temporary file left, byte for byte the invoices of the
// uninterrupted run. A batch that finishes before it is killed proves nothing: the test tries
// again on an export four times bigger, and fails if that one finishes too.
func TestBatchKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command and runs batches")
	}
	if _, err := exec.LookPath("qpdf"); err != nil {
		t.Fatal("qpdf is needed to check the PDFs: 'make tools' installs it")
	}
	for _, rows := range []int{12000, 48000} {
		missed := killBatches(t, rows)
		if missed == "" {
			return
		}
		t.Logf("%d rows: the batch finished before it was killed %s", rows, missed)
	}
	t.Fatal("every batch finished before it was killed: nothing was tested")
}

// killBatches runs the kills on a sample of rows rows; it returns the kill that came too
// late, or "" when every batch was killed.
func killBatches(t *testing.T, rows int) (missed string) {
	dir, batch := batchSetupRows(t, rows)
	if out, err := batch("ref").CombinedOutput(); err != nil {
		t.Fatalf("reference batch: %v\n%s", err, out)
	}
	want := pdfsIn(t, filepath.Join(dir, "ref"))
	if len(want) < 10 {
		t.Fatalf("the reference batch wrote %d invoices, want a few dozen", len(want))
	}

	out := filepath.Join(dir, "killed")
	count := func(pattern string) int {
		m, _ := filepath.Glob(filepath.Join(out, pattern))
		return len(m)
	}
	for _, kill := range []struct {
		when string
		now  func() bool
	}{
		{"writing the first PDF", func() bool { return count(".invoice-*.tmp") > 0 }},
		{"after the first PDF", func() bool { return count("*.pdf") > 0 }},
		{"half-way", func() bool { return count("*.pdf") >= len(want)/2 }},
	} {
		os.RemoveAll(out)
		c := batch("killed")
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- c.Wait() }()
	poll:
		for {
			select {
			case err := <-done:
				if err == nil {
					return kill.when
				}
				break poll
			default:
			}
			if kill.now() {
				c.Process.Signal(syscall.SIGKILL)
				err := <-done
				var ee *exec.ExitError
				if !errors.As(err, &ee) || ee.ProcessState.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
					return kill.when // it had finished by itself
				}
				break
			}
			time.Sleep(200 * time.Microsecond)
		}
		got := pdfsIn(t, out)
		if len(got) == len(want) && count(".*.tmp") == 0 {
			return kill.when
		}
		for name := range got {
			if res, err := exec.Command("qpdf", "--check", filepath.Join(out, name)).CombinedOutput(); err != nil {
				t.Fatalf("killed %s: %s is not a whole PDF: %v\n%s", kill.when, name, err, res)
			}
		}
		t.Logf("killed %s: %d of %d invoices whole, %d temporary files", kill.when, len(got), len(want), count(".*.tmp"))
	}
	if res, err := batch("killed").CombinedOutput(); err != nil {
		t.Fatalf("rerun after the kill: %v\n%s", err, res)
	}
	if tmps, _ := filepath.Glob(filepath.Join(out, ".*tmp")); len(tmps) > 0 {
		t.Fatalf("the rerun left temporary files: %v", tmps)
	}
	got := pdfsIn(t, out)
	if len(got) != len(want) {
		t.Fatalf("after the rerun: %d invoices, want %d", len(got), len(want))
	}
	for name, b := range want {
		if !bytes.Equal(got[name], b) {
			t.Fatalf("after the rerun: %s differs from the uninterrupted run's", name)
		}
	}
	return ""
}

// batchSetup builds the command and a 12k-row sample with a profile for every professional,
// and returns the directory and a maker of batch commands writing to a directory in it.
func batchSetup(t *testing.T) (string, func(out string) *exec.Cmd) {
	t.Helper()
	return batchSetupRows(t, 12000)
}

// batchSetupRows is batchSetup with a sample of rows rows.
func batchSetupRows(t *testing.T, rows int) (string, func(out string) *exec.Cmd) {
	t.Helper()
	dir := t.TempDir()
	bin := filepath.Join(dir, "hubinvoice")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	hub := func(args ...string) *exec.Cmd {
		c := exec.Command(bin, args...)
		c.Dir = dir
		c.Env = append(os.Environ(), "SOURCE_DATE_EPOCH=1712016000", "CI=1", "XDG_DATA_HOME="+filepath.Join(dir, "data")) // never the user's register
		return c
	}
	if out, err := hub("sample", "--rows", strconv.Itoa(rows), "--seed", "7", "-o", "x.xlsx", "--profiles", "profiles").CombinedOutput(); err != nil {
		t.Fatalf("sample: %v\n%s", err, out)
	}
	return dir, func(out string) *exec.Cmd {
		return hub("batch", "x.xlsx", "--month", "2024-03", "--profiles", "profiles", "--out-dir", out, "--jobs", "1", "--register", out+".db")
	}
}

// TestBatchInterrupted: Ctrl-C part-way stops cleanly: exit 130, a message saying how far it
// got, only whole PDFs and no temporary file.
func TestBatchInterrupted(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command and runs batches")
	}
	// A batch that ends before the interrupt arrives proves nothing: try again on an export
	// four times bigger, and fail if that one ends first too.
	for _, rows := range []int{12000, 48000} {
		if interruptBatch(t, rows) {
			return
		}
		t.Logf("%d rows: the batch finished before it was interrupted", rows)
	}
	t.Fatal("every batch finished before it was interrupted: nothing was tested")
}

// interruptBatch sends a batch of a sample of rows rows an interrupt once it has written an
// invoice, and checks how it stops; it returns false when the batch had finished.
func interruptBatch(t *testing.T, rows int) bool {
	dir, batch := batchSetupRows(t, rows)
	out := filepath.Join(dir, "out")
	c := batch("out")
	var stderr bytes.Buffer
	c.Stderr = &stderr
	if err := c.Start(); err != nil {
		t.Fatal(err)
	}
	for start := time.Now(); ; time.Sleep(200 * time.Microsecond) {
		if m, _ := filepath.Glob(filepath.Join(out, "*.pdf")); len(m) > 0 {
			break
		}
		if time.Since(start) > time.Minute {
			t.Fatal("no invoice written within a minute")
		}
	}
	c.Process.Signal(os.Interrupt)
	err := c.Wait()
	if err == nil {
		return false
	}
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 130 {
		t.Fatalf("exit %v, want 130; stderr:\n%s", err, stderr.String())
	}
	if !strings.Contains(stderr.String(), "invoices written; run again to complete") {
		t.Errorf("stderr %q does not say how far it got", stderr.String())
	}
	if tmps, _ := filepath.Glob(filepath.Join(out, ".*tmp")); len(tmps) > 0 {
		t.Errorf("temporary files left: %v", tmps)
	}
	for name := range pdfsIn(t, out) {
		if res, err := exec.Command("qpdf", "--check", filepath.Join(out, name)).CombinedOutput(); err != nil {
			t.Errorf("%s is not a whole PDF: %v\n%s", name, err, res)
		}
	}
	return true
}

func pdfsIn(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	out := map[string][]byte{}
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".pdf") {
			b, err := os.ReadFile(filepath.Join(dir, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			out[e.Name()] = b
		}
	}
	return out
}

// TestInvoiceInterrupted: Ctrl-C while invoice reads a big export stops the reading (either
// pass over the file) and exits 130 with nothing written, not 1 with "context canceled".
func TestInvoiceInterrupted(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command and reads a big export")
	}
	// An invoice made before the interrupt arrives proves nothing (the export is read in a
	// tenth of a second): try again on an export four times bigger, and fail if that one is
	// made first too.
	for _, rows := range []int{60000, 240000} {
		if interruptInvoice(t, rows) {
			return
		}
		t.Logf("%d rows: the invoice was made before it was interrupted", rows)
	}
	t.Fatal("every invoice was made before it was interrupted: nothing was tested")
}

// interruptInvoice sends invoice an interrupt while it reads an export of rows rows (once it
// has the export open), and checks how it stops; it returns false when it had finished.
func interruptInvoice(t *testing.T, rows int) bool {
	dir, _ := batchSetupRows(t, rows)
	profiles, _ := filepath.Glob(filepath.Join(dir, "profiles", "*.toml"))
	c := exec.Command(filepath.Join(dir, "hubinvoice"), "invoice", "x.xlsx", "--config", profiles[0], "--month", "2024-03", "-o", "out.pdf")
	c.Dir = dir
	var stderr bytes.Buffer
	c.Stderr = &stderr
	if err := c.Start(); err != nil {
		t.Fatal(err)
	}
	fds := filepath.Join("/proc", strconv.Itoa(c.Process.Pid), "fd")
	for start := time.Now(); time.Since(start) < 10*time.Second; time.Sleep(200 * time.Microsecond) {
		if _, err := os.Stat("/proc/self/fd"); err != nil {
			time.Sleep(150 * time.Millisecond) // no /proc: guess
			break
		}
		if readingExport(fds) {
			break
		}
	}
	c.Process.Signal(os.Interrupt)
	err := c.Wait()
	if err == nil {
		return false
	}
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 130 || !strings.Contains(stderr.String(), "hubinvoice: interrupted; nothing written") {
		t.Fatalf("exit %v, want 130; stderr:\n%s", err, stderr.String())
	}
	if _, err := os.Stat(filepath.Join(dir, "out.pdf")); err == nil {
		t.Error("an invoice was written")
	}
	return true
}

// readingExport reports whether a process (its /proc fd directory) has the export open.
func readingExport(fds string) bool {
	ents, _ := os.ReadDir(fds)
	for _, e := range ents {
		if target, err := os.Readlink(filepath.Join(fds, e.Name())); err == nil && strings.HasSuffix(target, "x.xlsx") {
			return true
		}
	}
	return false
}
