package register

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/hubinvoice/hubinvoice/calendar"
	"github.com/hubinvoice/hubinvoice/invoice"
)

// The tests below run this test binary again as a child process that issues invoices:
// REGISTER_TEST_CHILD says what it does.
func TestMain(m *testing.M) {
	if mode := os.Getenv("REGISTER_TEST_CHILD"); mode != "" {
		if err := child(mode); err != nil {
			fmt.Fprintln(os.Stderr, "child:", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// keyRequest is the i-th of many distinct requests: another professional or month, and every
// other one in the TG-{seq:5} series, all issued on one day.
func keyRequest(i int) (Request, error) {
	extra := fmt.Sprintf("[numbering]\nformat = %q\n", []string{"{yyyy}-{seq:4}", "TG-{seq:5}"}[i%2])
	p, err := parseProfile(extra)
	if err != nil {
		return Request{}, err
	}
	p.Professional.Email = fmt.Sprintf("p%d@example.is", i%5)
	m := calendar.Month{Year: 2020 + i/60, Month: time.Month(i/5%12 + 1)}
	cal, err := p.Calendar()
	if err != nil {
		return Request{}, err
	}
	lines := monthLines(m)
	for j := range lines {
		lines[j].TransactionID = fmt.Sprintf("K%d-%d", i, j)
	}
	inv := invoice.Build(lines, invoice.DefaultBillTo(), invoice.BuildOptions{Profile: p, Period: m, Issued: day("2024-07-01"), Calendar: cal})
	n, err := p.NumberFormats()
	return Request{Invoice: inv, Numbering: n}, err
}

func child(mode string) error {
	ctx := context.Background()
	r, err := Open(ctx, os.Getenv("REGISTER"))
	if err != nil {
		return err
	}
	defer r.Close()
	switch mode {
	case "one": // wait for the start (stdin closed), issue request KEY, print its number
		io.Copy(io.Discard, os.Stdin)
		i, _ := strconv.Atoi(os.Getenv("KEY"))
		req, err := keyRequest(i)
		if err != nil {
			return err
		}
		got, err := r.Issue(ctx, req)
		if err != nil {
			return err
		}
		fmt.Println(got.Invoice.Number)
		return nil
	case "loop": // issue requests 0..KEYS-1 in turn, each PDF written to OUT as a whole file
		n, _ := strconv.Atoi(os.Getenv("KEYS"))
		for i := range n {
			req, err := keyRequest(i)
			if err != nil {
				return err
			}
			got, err := r.Issue(ctx, req)
			if err != nil {
				return err
			}
			pdf, err := got.PDF()
			if err != nil {
				return err
			}
			if err := writeWhole(filepath.Join(os.Getenv("OUT"), fmt.Sprintf("key-%02d.pdf", i)), pdf); err != nil {
				return err
			}
			fmt.Printf("%d %s %v\n", i, got.Invoice.Number, got.New)
		}
		return nil
	}
	return fmt.Errorf("unknown mode %q", mode)
}

// writeWhole writes a file as the invoice command does: a temporary file, then a rename.
func writeWhole(path string, data []byte) error {
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

func childCmd(t *testing.T, mode, path string, env ...string) *exec.Cmd {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, "-test.run=^$")
	cmd.Env = append(os.Environ(), append([]string{"REGISTER_TEST_CHILD=" + mode, "REGISTER=" + path}, env...)...)
	return cmd
}

var numberRE = regexp.MustCompile(`^(.*?)(\d+)$`)

// checkConsecutive fails unless the numbers of each series (their text before the counter)
// are 1, 2, 3, ... with no gap and no repeat, and returns how many series there are.
func checkConsecutive(t *testing.T, numbers []string) int {
	t.Helper()
	series := map[string][]int{}
	for _, n := range numbers {
		m := numberRE.FindStringSubmatch(n)
		if m == nil {
			t.Fatalf("%q is not a number of ours", n)
		}
		seq, _ := strconv.Atoi(m[2])
		series[m[1]] = append(series[m[1]], seq)
	}
	for s, seqs := range series {
		sort.Ints(seqs)
		for i, seq := range seqs {
			if seq != i+1 {
				t.Errorf("series %q: %v, want 1 to %d with no gap and no repeat", s, seqs, len(seqs))
				break
			}
		}
	}
	return len(series)
}

// What it must show, 4, within one process: twenty goroutines, each with a register of its
// own on one file, issue at once; twenty distinct numbers, consecutive per series.
func TestConcurrentGoroutines(t *testing.T) {
	path := filepath.Join(t.TempDir(), "register.db")
	const n = 20
	var wg sync.WaitGroup
	got := make([]string, n)
	errs := make([]error, n)
	start := make(chan struct{})
	for i := range n {
		wg.Go(func() {
			req, err := keyRequest(i)
			if err != nil {
				errs[i] = err
				return
			}
			<-start
			r, err := Open(ctx, path) // a new file, created by whoever comes first
			if err != nil {
				errs[i] = err
				return
			}
			defer r.Close()
			iss, err := r.Issue(ctx, req)
			if err != nil {
				errs[i] = err
				return
			}
			got[i] = iss.Invoice.Number
		})
	}
	close(start)
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	if s := checkConsecutive(t, got); s != 2 {
		t.Errorf("%d series, want 2", s)
	}
	if all := numbers(t, openAt(t, path)); len(all) != n || len(slices.Compact(slices.Sorted(slices.Values(all)))) != n {
		t.Errorf("the register holds %v, want %d distinct", all, n)
	}
}

// What it must show, 4: twenty processes started at once on one new register.
func TestConcurrentProcesses(t *testing.T) {
	path := filepath.Join(t.TempDir(), "register.db")
	const n = 20
	cmds := make([]*exec.Cmd, n)
	outs := make([]*strings.Builder, n)
	starts := make([]io.WriteCloser, n)
	for i := range n {
		cmds[i] = childCmd(t, "one", path, "KEY="+strconv.Itoa(i))
		outs[i] = &strings.Builder{}
		cmds[i].Stdout, cmds[i].Stderr = outs[i], outs[i]
		var err error
		if starts[i], err = cmds[i].StdinPipe(); err != nil {
			t.Fatal(err)
		}
		if err := cmds[i].Start(); err != nil {
			t.Fatal(err)
		}
	}
	for _, s := range starts {
		s.Close() // all at once
	}
	var got []string
	for i, c := range cmds {
		if err := c.Wait(); err != nil {
			t.Errorf("process %d: %v: %s", i, err, outs[i])
			continue
		}
		got = append(got, strings.TrimSpace(outs[i].String()))
	}
	if t.Failed() {
		return
	}
	if s := checkConsecutive(t, got); s != 2 {
		t.Errorf("%d series, want 2: %v", s, got)
	}
	if all := numbers(t, openAt(t, path)); len(all) != n {
		t.Errorf("the register holds %d documents, want %d", len(all), n)
	}
}

// What it must show, 4: a run killed with SIGKILL at random moments, twenty times, then run
// to the end: no gap, no repeat, every PDF whole and the register's own.
func TestKilledAtRandom(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "register.db")
	const keys, kills = 60, 20
	env := []string{"KEYS=" + strconv.Itoa(keys), "OUT=" + dir}
	killed := 0
	for range kills {
		cmd := childCmd(t, "loop", path, env...)
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		var stderr strings.Builder
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Let it issue 0 or 1 new invoice, then kill it a moment later: in a transaction, in
		// rendering, in writing a file, or between them.
		wantNew := rand.IntN(2)
		sc := bufio.NewScanner(stdout)
		for fresh := 0; fresh < wantNew && sc.Scan(); {
			if strings.HasSuffix(sc.Text(), " true") {
				fresh++
			}
		}
		time.Sleep(time.Duration(rand.IntN(4000)) * time.Microsecond)
		cmd.Process.Signal(syscall.SIGKILL)
		go io.Copy(io.Discard, stdout)
		err = cmd.Wait()
		var ee *exec.ExitError
		switch {
		case errors.As(err, &ee) && ee.ProcessState.Sys().(syscall.WaitStatus).Signaled():
			killed++
		case err != nil:
			t.Fatalf("a run failed on its own: %v: %s", err, stderr.String())
		}
	}
	before := len(numbers(t, openAt(t, path)))
	if killed < kills/2 || before >= keys {
		t.Fatalf("%d of %d runs were killed, %d of %d invoices issued before the last run: the test killed too little to show anything", killed, kills, before, keys)
	}

	last := childCmd(t, "loop", path, env...)
	if out, err := last.CombinedOutput(); err != nil {
		t.Fatalf("the run after the kills: %v: %s", err, out)
	}
	r := openAt(t, path)
	docs, err := r.List(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range docs {
		got = append(got, d.Invoice.Number)
	}
	if len(got) != keys {
		t.Errorf("%d documents for %d requests", len(got), keys)
	}
	checkConsecutive(t, got)
	var ok string
	r.db.QueryRow("PRAGMA integrity_check").Scan(&ok)
	if ok != "ok" {
		t.Errorf("integrity_check: %s", ok)
	}
	for i := range keys {
		req, _ := keyRequest(i)
		iss, err := r.Issue(ctx, req)
		if err != nil || iss.New {
			t.Fatalf("key %d after the run: %v, new %v; want a re-run", i, err, iss != nil && iss.New)
		}
		file, err := os.ReadFile(filepath.Join(dir, fmt.Sprintf("key-%02d.pdf", i)))
		if err != nil {
			t.Fatal(err)
		}
		if string(file) != string(pdfOf(t, iss)) || !strings.HasPrefix(string(file), "%PDF-") || !strings.HasSuffix(strings.TrimSpace(string(file)), "%%EOF") {
			t.Errorf("key-%02d.pdf (%d bytes) is not the whole PDF of %s", i, len(file), iss.Invoice.Number)
		}
	}
	t.Logf("%d of %d runs killed; %d invoices issued before the last run", killed, kills, before)
}
