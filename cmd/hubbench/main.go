// Command hubbench measures hubinvoice's batch on a clinic's export against the floors the
// issues set: encoding/csv reading the same CSV, `unzip -p` of the sheet and its shared
// strings, and writing as many files of the PDFs' mean size. Each timing is the median of
// several pairs run one after the other (floor, then hubinvoice), so that a shared machine's
// load weighs on both alike; the ratio is the median of the pairs' ratios. Every batch writes
// into a new directory. `make bench` runs it.
//
// The exports are made with `hubinvoice sample` (2,000 professionals, shared strings as
// Excel saves them) and kept in the directory between runs; they are made again when the
// sample generator writes other bytes than it did for the kept ones.
//
//	go run ./cmd/hubbench [-dir bench] [-sizes 100000,1000000] [-runs 5]
package main

import (
	"archive/zip"
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// The shape of a clinic's (or a platform operator's) export, and the month invoiced.
const (
	professionals = 2000
	month         = "2024-03"
	issueDate     = "2024-04-02"
)

func main() {
	dir := flag.String("dir", "bench", "where the exports, profiles and invoices are kept")
	sizes := flag.String("sizes", "100000,1000000", "export sizes in rows; 100000 is timed as .csv and .xlsx, others as .xlsx")
	runs := flag.Int("runs", 5, "pairs of floor and hubinvoice runs of each timing; the medians count")
	out := flag.String("out", defaultOut(), "where each batch (and the writing floor) writes a new directory")
	flag.Parse()
	if err := run(*dir, *out, *sizes, *runs); err != nil {
		fmt.Fprintln(os.Stderr, "hubbench:", err)
		os.Exit(1)
	}
}

// row is one line of the table.
type row struct {
	what, file  string
	took, floor time.Duration // medians
	ratio       float64       // median of the pairs' ratios
	floorName   string
	target      float64 // the most hubinvoice may take, as a multiple of the floor; 0: none
	invoices    int     // PDFs the batch wrote
	meanPDF     int64   // their mean size, bytes
	rss         int64   // peak resident set of the batch over its runs, bytes
	rssOff      int64   // peak resident set of one more run with GOMEMLIMIT=off: no soft limit
	rssTarget   int64   // the most rssOff may be; 0: none
	pdfCheck    string  // what pdffonts and pdftotext found in a sample of the PDFs
}

// pdfTarget is the most the PDFs' mean size may be (issue 12).
const pdfTarget = 25_000

type bench struct {
	dir, bin string
	out      string // where the batches and the writing floor write
	runs     int
	seq      int // numbers the output directories, so that each batch writes a new one
}

func run(dir, out, sizeList string, runs int) error {
	if runs < 1 {
		return fmt.Errorf("-runs %d: want 1 or more", runs)
	}
	if out == "" {
		out = dir
	}
	for _, d := range []string{dir, out} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return err
		}
	}
	bin, err := filepath.Abs(filepath.Join(dir, "hubinvoice"))
	if err != nil {
		return err
	}
	build := exec.Command("go", "build", "-trimpath", "-o", bin, "./cmd/hubinvoice")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		return fmt.Errorf("go build: %w", err)
	}
	b := &bench{dir: dir, out: out, bin: bin, runs: runs}
	if err := b.checkSamples(); err != nil {
		return err
	}
	var rows []row
	for _, s := range strings.Split(sizeList, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n <= 0 {
			return fmt.Errorf("-sizes: %q is not a number of rows", s)
		}
		profiles := filepath.Join(dir, fmt.Sprintf("profiles-%d", n))
		var exts []string
		if n == 100_000 {
			exts = append(exts, ".csv")
		}
		exts = append(exts, ".xlsx")
		for _, ext := range exts {
			file := filepath.Join(dir, fmt.Sprintf("payments-%d-p%d%s", n, professionals, ext))
			if err := b.sample(file, profiles, "--rows", strconv.Itoa(n), "--professionals", strconv.Itoa(professionals)); err != nil {
				return err
			}
			r, err := b.batchRow(file, profiles, n)
			if err != nil {
				return err
			}
			rows = append(rows, r)
			w, err := b.writeFloorRow(r)
			if err != nil {
				return err
			}
			rows = append(rows, w)
		}
	}
	one, err := b.oneInvoiceRow()
	if err != nil {
		return err
	}
	rows = append(rows, one)
	report(os.Stdout, rows, runs, out)
	return nil
}

// batchRow times the batch on file against its floor.
func (b *bench) batchRow(file, profiles string, n int) (row, error) {
	r := row{what: fmt.Sprintf("batch, %s rows %s", thousands(n), strings.TrimPrefix(filepath.Ext(file), ".")), file: file}
	var floor func() (time.Duration, int64, error)
	switch filepath.Ext(file) {
	case ".csv":
		r.floorName, floor = "encoding/csv", func() (time.Duration, int64, error) { return csvFloor(file) }
		if n == 100_000 {
			r.target = 5
		}
	default:
		members, err := sheetMembers(file)
		if err != nil {
			return r, err
		}
		r.floorName = "unzip -p " + strings.Join(baseNames(members), " + ")
		floor = func() (time.Duration, int64, error) {
			return timeCmd("unzip", append([]string{"-p", file}, members...)...)
		}
		switch n {
		case 100_000:
			r.target = 3.5
		case 1_000_000:
			r.target = 2.5
		}
	}
	if n == 1_000_000 {
		r.rssTarget = 120 << 20
	}
	var outDir string
	batch := func() (time.Duration, int64, error) {
		if outDir != "" {
			os.RemoveAll(outDir) // the last run's, outside the timing
		}
		outDir = b.newDir("out")
		// A register of the run's own: each run numbers its invoices anew, and none goes into
		// the user's register.
		return timeCmd(b.bin, "batch", file, "--month", month, "--profiles", profiles, "--out-dir", outDir,
			"--quiet", "--issue-date", issueDate, "--register", filepath.Join(outDir, "register.db"))
	}
	var err error
	if r.took, r.floor, r.ratio, r.rss, err = b.pairs(floor, batch); err != nil {
		return r, err
	}
	if r.invoices, r.meanPDF, err = pdfSizes(outDir); err != nil {
		return r, err
	}
	if r.pdfCheck, err = checkPDFs(outDir); err != nil {
		return r, err
	}
	os.RemoveAll(outDir)
	// The memory a batch needs, without the soft limit batch sets itself to hold it down.
	outDir = b.newDir("out")
	defer os.RemoveAll(outDir)
	_, r.rssOff, err = timeCmdEnv([]string{"GOMEMLIMIT=off"}, b.bin, "batch", file, "--month", month,
		"--profiles", profiles, "--out-dir", outDir, "--quiet", "--issue-date", issueDate, "--register", filepath.Join(outDir, "register.db"))
	return r, err
}

// writeFloorRow times writing as many files as the batch r wrote, of their mean size, each
// to a temporary file renamed into place, into a new directory: the floor of the batch's
// output. It is shown beside the batch; no target.
func (b *bench) writeFloorRow(r row) (row, error) {
	w := row{what: fmt.Sprintf("  writing %d files of %s", r.invoices, kb(r.meanPDF)), file: r.file,
		floorName: "batch above"}
	data := bytes.Repeat([]byte{'x'}, int(r.meanPDF))
	var times []time.Duration
	for range b.runs {
		d, err := writeFiles(b.newDir("write"), r.invoices, data)
		if err != nil {
			return w, err
		}
		times = append(times, d)
	}
	w.took, w.floor = median(times), r.took
	w.ratio = float64(w.took) / float64(w.floor)
	return w, nil
}

// oneInvoiceRow times `hubinvoice invoice` on a 100-row export of one professional, the
// whole process, against the 20 ms the issue allows.
func (b *bench) oneInvoiceRow() (row, error) {
	file := filepath.Join(b.dir, "payments-one-100.xlsx")
	if err := b.sample(file, "", "--rows", "100", "--professionals", "1", "--month", month); err != nil {
		return row{}, err
	}
	out := filepath.Join(b.dir, "one.pdf")
	var times []time.Duration
	for range max(b.runs, 5) {
		d, _, err := timeCmd(b.bin, "invoice", file, "--config", "testdata/demo/profile.toml", "--month", month,
			"--issue-date", issueDate, "-o", out, "--force")
		if err != nil {
			return row{}, err
		}
		times = append(times, d)
	}
	r := row{what: "invoice, one professional", file: file, took: median(times), floor: 20 * time.Millisecond,
		floorName: "target", target: 1, invoices: 1}
	r.ratio = float64(r.took) / float64(r.floor)
	st, err := os.Stat(out)
	if err != nil {
		return r, err
	}
	r.meanPDF = st.Size()
	return r, nil
}

// pairs runs floor and then measured, b.runs times, and returns the medians of their times,
// the median of the ratios of each pair and the peak resident set of measured.
func (b *bench) pairs(floor, measured func() (time.Duration, int64, error)) (took, fl time.Duration, ratio float64, rss int64, err error) {
	var ts, fs []time.Duration
	var ratios []float64
	for range b.runs {
		f, _, err := floor()
		if err != nil {
			return 0, 0, 0, 0, err
		}
		t, r, err := measured()
		if err != nil {
			return 0, 0, 0, 0, err
		}
		ts, fs = append(ts, t), append(fs, f)
		ratios = append(ratios, float64(t)/float64(f))
		rss = max(rss, r)
	}
	slices.Sort(ratios)
	return median(ts), median(fs), ratios[len(ratios)/2], rss, nil
}

func (b *bench) newDir(prefix string) string {
	b.seq++
	return filepath.Join(b.out, fmt.Sprintf("hubbench-%s-%d-%d", prefix, os.Getpid(), b.seq))
}

// defaultOut is /dev/shm where it is a memory file system, so that what the batches write is
// timed as the program's work and not as a disk's: on the VM this was first measured on,
// writing the same 1,537 files of 22 KB into a directory on disk took 0.1 to 1.8 s from one
// run to the next, and 0.06 s in /dev/shm. Elsewhere it is "", which means -dir.
func defaultOut() string {
	var st syscall.Statfs_t
	if err := syscall.Statfs("/dev/shm", &st); err == nil && st.Type == tmpfsMagic && syscall.Access("/dev/shm", 2) == nil {
		return "/dev/shm"
	}
	return ""
}

// checkSamples makes a small export of each kind and compares it with the one made when
// the kept exports were: when the sample generator writes other bytes now, the kept exports
// are removed, to be made again.
func (b *bench) checkSamples() error {
	var probe bytes.Buffer
	for _, ext := range []string{".csv", ".xlsx"} {
		file := filepath.Join(b.dir, "probe"+ext)
		os.Remove(file)
		if err := runQuiet(b.bin, "sample", "-o", file, "--rows", "500", "--professionals", "20", "--seed", "1"); err != nil {
			return err
		}
		data, err := os.ReadFile(file)
		if err != nil {
			return err
		}
		os.Remove(file)
		probe.Write(data)
	}
	sum := fmt.Sprintf("%x\n", sha256.Sum256(probe.Bytes()))
	stamp := filepath.Join(b.dir, "samples.sha256")
	if old, err := os.ReadFile(stamp); err == nil && string(old) == sum {
		return nil
	}
	kept, _ := filepath.Glob(filepath.Join(b.dir, "payments-*"))
	profiles, _ := filepath.Glob(filepath.Join(b.dir, "profiles-*"))
	for _, f := range append(kept, profiles...) {
		if err := os.RemoveAll(f); err != nil {
			return err
		}
	}
	return os.WriteFile(stamp, []byte(sum), 0o644)
}

// sample makes an export (and with profiles not "", its profiles) unless it is kept.
func (b *bench) sample(file, profiles string, args ...string) error {
	if _, err := os.Stat(file); err == nil {
		if _, err := os.Stat(profiles); profiles == "" || err == nil {
			return nil
		}
	}
	args = append([]string{"sample", "-o", file, "--seed", "1", "--force"}, args...)
	if profiles != "" {
		os.RemoveAll(profiles)
		args = append(args, "--profiles", profiles)
	}
	fmt.Fprintf(os.Stderr, "making %s (kept for later runs)\n", file)
	return runQuiet(b.bin, args...)
}

func runQuiet(name string, args ...string) error {
	c := exec.Command(name, args...)
	var stderr bytes.Buffer
	c.Stderr = &stderr
	if err := c.Run(); err != nil {
		return fmt.Errorf("%s %s: %v\n%s", name, strings.Join(args, " "), err, stderr.String())
	}
	return nil
}

// timeCmd runs a command, its output discarded, and returns its wall time and peak resident
// set. Exit status 4 (a partial batch) counts as success: a bench should not stop on it.
func timeCmd(name string, args ...string) (time.Duration, int64, error) {
	return timeCmdEnv(nil, name, args...)
}

// timeCmdEnv is timeCmd with env added to the environment.
func timeCmdEnv(env []string, name string, args ...string) (time.Duration, int64, error) {
	c := exec.Command(name, args...)
	c.Env = append(append(os.Environ(), "SOURCE_DATE_EPOCH=1712016000"), env...)
	var stderr strings.Builder
	c.Stderr = &stderr
	start := time.Now()
	err := c.Run()
	took := time.Since(start)
	var ee *exec.ExitError
	if errors.As(err, &ee) && ee.ExitCode() == 4 {
		err = nil
	}
	if err != nil {
		return 0, 0, fmt.Errorf("%s %s: %v\n%s", name, strings.Join(args, " "), err, stderr.String())
	}
	var rss int64
	if ru, ok := c.ProcessState.SysUsage().(*syscall.Rusage); ok {
		rss = ru.Maxrss * 1024 // kilobytes on Linux
	}
	return took, rss, nil
}

// sheetMembers returns the workbook's first sheet and, when it has one, its shared strings.
func sheetMembers(xlsx string) ([]string, error) {
	z, err := zip.OpenReader(xlsx)
	if err != nil {
		return nil, err
	}
	defer z.Close()
	var members []string
	for _, name := range []string{"xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"} {
		for _, f := range z.File {
			if f.Name == name {
				members = append(members, name)
			}
		}
	}
	if len(members) == 0 || members[0] != "xl/worksheets/sheet1.xml" {
		return nil, fmt.Errorf("%s has no xl/worksheets/sheet1.xml", xlsx)
	}
	return members, nil
}

func baseNames(paths []string) []string {
	var names []string
	for _, p := range paths {
		names = append(names, filepath.Base(p))
	}
	return names
}

func csvFloor(file string) (time.Duration, int64, error) {
	start := time.Now()
	f, err := os.Open(file)
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	r := csv.NewReader(bufio.NewReaderSize(f, 1<<20))
	r.ReuseRecord = true
	r.FieldsPerRecord = -1
	for {
		if _, err := r.Read(); err == io.EOF {
			break
		} else if err != nil {
			return 0, 0, err
		}
	}
	return time.Since(start), 0, nil
}

// writeFiles writes n files of data into a new directory dir, each to a temporary file
// renamed into place, and returns the time it took.
func writeFiles(dir string, n int, data []byte) (time.Duration, error) {
	defer os.RemoveAll(dir)
	start := time.Now()
	if err := os.Mkdir(dir, 0o755); err != nil {
		return 0, err
	}
	for i := range n {
		name := filepath.Join(dir, fmt.Sprintf("invoice-%d.pdf", i))
		tmp := name + ".tmp"
		if err := os.WriteFile(tmp, data, 0o644); err != nil {
			return 0, err
		}
		if err := os.Rename(tmp, name); err != nil {
			return 0, err
		}
	}
	return time.Since(start), nil
}

// icelandic are the letters of Icelandic beyond ASCII.
const icelandic = "ÁÐÉÍÓÚÝÞÆÖáðéíóúýþæö"

// checkPDFs looks at 24 of the PDFs in dir, spread over the batch: pdffonts must say every
// font is embedded, and the professional's name (summary.csv says whose each file is) must
// come back whole from pdftotext, so that each Icelandic letter those names hold is
// extractable. It says what it found; without poppler's tools it says so and checks nothing.
func checkPDFs(dir string) (string, error) {
	for _, tool := range []string{"pdffonts", "pdftotext"} {
		if _, err := exec.LookPath(tool); err != nil {
			return "not checked: no " + tool, nil
		}
	}
	f, err := os.Open(filepath.Join(dir, "summary.csv"))
	if err != nil {
		return "", err
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil || len(recs) < 2 {
		return "", fmt.Errorf("%s: no summary to check the PDFs by (%v)", f.Name(), err)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	type written struct{ file, name string }
	var all []written
	for _, rec := range recs[1:] {
		if rec[col["status"]] == "written" {
			all = append(all, written{filepath.Join(dir, filepath.Base(rec[col["file"]])), rec[col["professional"]]})
		}
	}
	const n = 24
	var embedded, named, sampled int
	letters := map[rune]bool{}
	for i := 0; i < n && len(all) > 0; i++ {
		w := all[i*len(all)/n]
		sampled++
		fonts, err := exec.Command("pdffonts", w.file).Output()
		if err != nil {
			return "", fmt.Errorf("pdffonts %s: %v", w.file, err)
		}
		if allEmbedded(string(fonts)) {
			embedded++
		}
		text, err := exec.Command("pdftotext", w.file, "-").Output()
		if err != nil {
			return "", fmt.Errorf("pdftotext %s: %v", w.file, err)
		}
		if strings.Contains(strings.Join(strings.Fields(string(text)), " "), w.name) {
			named++
			for _, c := range w.name {
				if strings.ContainsRune(icelandic, c) {
					letters[c] = true
				}
			}
		}
	}
	return fmt.Sprintf("fonts embedded in %d of %d; name extracted from %d of %d, with %d of the %d Icelandic letters",
		embedded, sampled, named, sampled, len(letters), len([]rune(icelandic))), nil
}

// allEmbedded reports whether pdffonts' table lists fonts and says "yes" in the emb column
// of every one.
func allEmbedded(table string) bool {
	lines := strings.Split(strings.TrimSpace(table), "\n")
	if len(lines) < 3 {
		return false
	}
	for _, l := range lines[2:] {
		f := strings.Fields(l)
		if len(f) < 6 || f[len(f)-5] != "yes" {
			return false
		}
	}
	return true
}

// pdfSizes returns the number of PDFs in dir and their mean size.
func pdfSizes(dir string) (int, int64, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.pdf"))
	if err != nil || len(files) == 0 {
		return 0, 0, fmt.Errorf("the batch wrote no PDF into %s", dir)
	}
	var total int64
	for _, f := range files {
		st, err := os.Stat(f)
		if err != nil {
			return 0, 0, err
		}
		total += st.Size()
	}
	return len(files), total / int64(len(files)), nil
}

// tmpfsMagic is the f_type statfs gives for tmpfs (linux/magic.h).
const tmpfsMagic = 0x01021994

// fsName says what kind of file system dir is on, for the report.
func fsName(dir string) string {
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err == nil && st.Type == tmpfsMagic {
		return dir + " (tmpfs)"
	}
	return dir + " (disk)"
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

func report(w io.Writer, rows []row, runs int, out string) {
	fmt.Fprintf(w, "Measured %s on %s, %d CPUs, %s, load average %s at the start; medians of %d pairs; the batches wrote into %s.\n\n",
		time.Now().UTC().Format("2006-01-02"), cpuModel(), runtime.NumCPU(), runtime.Version(), loadAverage(), runs, fsName(out))
	fmt.Fprintln(w, "| what | export | time | floor | ratio | target | invoices | mean PDF | fonts and text of 24 PDFs | peak RSS, GOMEMLIMIT=off | peak RSS |")
	fmt.Fprintln(w, "|---|---|---:|---|---:|---|---:|---:|---|---:|---:|")
	for _, r := range rows {
		target := ""
		if r.target > 0 {
			target = fmt.Sprintf("≤ %gx: %s", r.target, verdict(r.ratio <= r.target))
		}
		invoices, mean, rssOff, rss := "", "", "", ""
		if r.invoices > 0 && r.meanPDF > 0 {
			invoices, mean = strconv.Itoa(r.invoices), kb(r.meanPDF)
			if r.pdfCheck != "" {
				mean += fmt.Sprintf(" (≤ %s: %s)", kb(pdfTarget), verdict(r.meanPDF <= pdfTarget))
			}
		}
		if r.rssOff > 0 {
			rssOff = fmt.Sprintf("%d MB", r.rssOff>>20)
			if r.rssTarget > 0 {
				rssOff += fmt.Sprintf(" (≤ %d MB: %s)", r.rssTarget>>20, verdict(r.rssOff <= r.rssTarget))
			}
		}
		if r.rss > 0 {
			rss = fmt.Sprintf("%d MB", r.rss>>20)
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s %s | %.2fx | %s | %s | %s | %s | %s | %s |\n", r.what, filepath.Base(r.file),
			round(r.took), r.floorName, round(r.floor), r.ratio, target, invoices, mean, r.pdfCheck, rssOff, rss)
	}
}

func verdict(met bool) string {
	if met {
		return "met"
	}
	return "MISSED"
}

func kb(n int64) string { return fmt.Sprintf("%.1f KB", float64(n)/1000) }

func thousands(n int) string {
	switch {
	case n%1_000_000 == 0:
		return fmt.Sprintf("%dM", n/1_000_000)
	case n%1000 == 0:
		return fmt.Sprintf("%dk", n/1000)
	}
	return strconv.Itoa(n)
}

func round(d time.Duration) string {
	if d < time.Second {
		return d.Round(100 * time.Microsecond).String()
	}
	return d.Round(10 * time.Millisecond).String()
}

func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	return strings.Join(strings.Fields(string(b))[:3], " ")
}

func cpuModel() string {
	b, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return runtime.GOARCH
	}
	for _, line := range strings.Split(string(b), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return runtime.GOARCH
}
