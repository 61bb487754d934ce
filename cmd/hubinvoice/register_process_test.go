package main

import (
	"encoding/json"
	"errors"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// registerSetup builds the command and a sample export of 24 professionals with a profile
// each, and returns the directory and a maker of commands run in it.
func registerSetup(t *testing.T) (string, func(args ...string) *exec.Cmd) {
	t.Helper()
	dir := t.TempDir()
	bin := filepath.Join(dir, "hubinvoice")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	hub := func(args ...string) *exec.Cmd {
		c := exec.Command(bin, args...)
		c.Dir = dir
		// Never the user's register: XDG_DATA_HOME is the test's, and every call names its own.
		c.Env = append(os.Environ(), "SOURCE_DATE_EPOCH=1712016000", "CI=1", "XDG_DATA_HOME="+filepath.Join(dir, "data"))
		return c
	}
	if out, err := hub("sample", "--rows", "2000", "--professionals", "24", "--seed", "7", "-o", "x.xlsx", "--profiles", "profiles").CombinedOutput(); err != nil {
		t.Fatalf("sample: %v\n%s", err, out)
	}
	return dir, hub
}

var registerNumberRE = regexp.MustCompile(`^(.*?)(\d+)$`)

// consecutive fails unless the numbers of each series are 1, 2, 3, ... with no gap and no
// repeat.
func consecutive(t *testing.T, numbers []string) {
	t.Helper()
	series := map[string][]int{}
	for _, n := range numbers {
		m := registerNumberRE.FindStringSubmatch(n)
		if m == nil {
			t.Fatalf("%q is no number of the register's", n)
		}
		seq, _ := strconv.Atoi(m[2])
		series[m[1]] = append(series[m[1]], seq)
	}
	for s, seqs := range series {
		sort.Ints(seqs)
		for i, seq := range seqs {
			if seq != i+1 {
				t.Fatalf("series %q: %v, want 1 to %d with no gap and no repeat", s, seqs, len(seqs))
			}
		}
	}
}

func listed(t *testing.T, hub func(args ...string) *exec.Cmd, reg string) []string {
	t.Helper()
	out, err := hub("register", "list", "--register", reg, "--json").Output()
	if err != nil {
		t.Fatalf("register list: %v", err)
	}
	var entries []struct {
		Number string `json:"number"`
	}
	if err := json.Unmarshal(out, &entries); err != nil {
		t.Fatal(err)
	}
	var numbers []string
	for _, e := range entries {
		numbers = append(numbers, e.Number)
	}
	return numbers
}

// What issue 9 must show, 4: invoice processes of the real binary, one per professional,
// started at once on one new register: distinct numbers, consecutive.
func TestInvoiceProcessesAtOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command and runs it two dozen times at once")
	}
	dir, hub := registerSetup(t)
	profiles, _ := filepath.Glob(filepath.Join(dir, "profiles", "*.toml"))
	var wg sync.WaitGroup
	var mu sync.Mutex
	var numbers []string
	for i, p := range profiles {
		c := hub("invoice", "x.xlsx", "--config", p, "--month", "2024-03", "--register", "reg.db", "-o", strconv.Itoa(i)+".pdf", "--json")
		wg.Go(func() {
			out, err := c.Output()
			var ee *exec.ExitError
			if errors.As(err, &ee) && ee.ExitCode() != 1 {
				return // nothing to invoice, or several parties: not this test's
			}
			if err != nil {
				t.Errorf("%s: %v: %s", filepath.Base(p), err, ee.Stderr)
				return
			}
			var s struct {
				Number   string `json:"invoice_number"`
				Register string `json:"register"`
			}
			json.Unmarshal(out, &s)
			mu.Lock()
			numbers = append(numbers, s.Number)
			mu.Unlock()
		})
	}
	wg.Wait()
	if len(numbers) < 20 {
		t.Fatalf("%d invoices written of %d processes, want at least 20", len(numbers), len(profiles))
	}
	consecutive(t, numbers)
	if got := listed(t, hub, "reg.db"); len(got) != len(numbers) {
		t.Errorf("the register lists %d documents, the processes wrote %d", len(got), len(numbers))
	}
}

// What issue 9 must show, 4: a batch of the real binary killed with SIGKILL at random
// moments, twenty times, then run again: no gap, no repeat, every PDF whole and the one an
// uninterrupted run on a register of its own writes.
func TestBatchKilledRegister(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command and kills batches")
	}
	if _, err := exec.LookPath("qpdf"); err != nil {
		t.Fatal("qpdf is needed to check the PDFs: 'make tools' installs it")
	}
	dir, hub := registerSetup(t)
	batch := func(out string) *exec.Cmd {
		return hub("batch", "x.xlsx", "--month", "2024-03", "--profiles", "profiles", "--out-dir", out, "--register", out+".db", "--jobs", "1", "--quiet")
	}
	ref := batch("ref")
	began := time.Now()
	if out, err := ref.CombinedOutput(); err != nil && !strings.Contains(string(out), "partial") {
		t.Fatalf("reference batch: %v\n%s", err, out)
	}
	// A random moment is one within an uninterrupted run's time: reading, numbering in the
	// register, writing. (Waiting for a number of PDFs to be written missed the moments
	// before the first, and a quick batch wrote the rest before the kill came.) A run that
	// ends before its kill tells how long a run takes now (the first is the slowest).
	took := time.Since(began)
	want := pdfsIn(t, filepath.Join(dir, "ref"))
	killedDir := filepath.Join(dir, "killed")
	// Twenty kills, however long the runs take: under a loaded test run the first batches are
	// slower than the later ones, so each run that ends before its kill narrows the window.
	killed, tries := 0, 0
	for killed < 20 && tries < 100 {
		tries++
		// The PDFs go, the register stays: each run writes them all again, taking new numbers
		// where the register has none yet, and is killed once it has written a random number.
		old, _ := filepath.Glob(filepath.Join(killedDir, "*.pdf"))
		for _, f := range old {
			os.Remove(f)
		}
		at := time.Duration(rand.Int64N(int64(took) * 3 / 4))
		c := batch("killed")
		started := time.Now()
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- c.Wait() }()
		var err error
		select {
		case err = <-done:
			took = min(took, time.Since(started)) * 3 / 4
		case <-time.After(at):
			c.Process.Signal(syscall.SIGKILL)
			err = <-done
		}
		var ee *exec.ExitError
		if errors.As(err, &ee) && ee.ProcessState.Sys().(syscall.WaitStatus).Signal() == syscall.SIGKILL {
			killed++
		}
		for name := range pdfsIn(t, killedDir) {
			if res, err := exec.Command("qpdf", "--check", filepath.Join(killedDir, name)).CombinedOutput(); err != nil {
				t.Fatalf("after a kill, %s is not a whole PDF: %v\n%s", name, err, res)
			}
		}
	}
	if killed < 20 {
		t.Fatalf("%d of %d batches were killed before they finished: too few to show anything", killed, tries)
	}
	if out, err := batch("killed").CombinedOutput(); err != nil && !strings.Contains(string(out), "partial") {
		t.Fatalf("the run after the kills: %v\n%s", err, out)
	}
	numbers := listed(t, hub, "killed.db")
	consecutive(t, numbers)
	got := pdfsIn(t, filepath.Join(dir, "killed"))
	if len(numbers) != len(want) || len(got) != len(want) {
		t.Fatalf("after the kills and a rerun: %d numbers, %d PDFs; the uninterrupted run: %d", len(numbers), len(got), len(want))
	}
	for name, b := range want {
		if string(got[name]) != string(b) {
			t.Errorf("%s differs from the uninterrupted run's", name)
		}
	}
	t.Logf("%d of %d batches killed; %d invoices, numbers %s to %s", killed, tries, len(numbers), numbers[0], numbers[len(numbers)-1])
}
