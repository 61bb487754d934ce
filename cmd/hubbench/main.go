// Command hubbench measures hubinvoice's batch against the floors the issue sets: the time
// to decompress the sheet XML (unzip -p), excelize's own streaming read with raw values, and
// encoding/csv reading the same export as CSV. It makes the exports once with
// `hubinvoice sample` and keeps them in its directory between runs. `make bench` runs it.
//
//	go run ./cmd/hubbench [-dir bench] [-sizes 10000,100000,1000000] [-runs 3]
package main

import (
	"bufio"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/xuri/excelize/v2"
)

func main() {
	dir := flag.String("dir", "bench", "where the exports, profiles and invoices are kept")
	sizes := flag.String("sizes", "10000,100000,1000000", "export sizes in rows")
	runs := flag.Int("runs", 3, "runs of each timing below 1M rows; the best counts")
	flag.Parse()
	if err := run(*dir, *sizes, *runs); err != nil {
		fmt.Fprintln(os.Stderr, "hubbench:", err)
		os.Exit(1)
	}
}

type row struct {
	what, file  string
	took, floor time.Duration
	floorName   string
	target      float64 // the most batch may take, as a multiple of the floor; 0: none
	rss         int64   // peak resident set of the batch, bytes
}

func run(dir, sizeList string, runs int) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
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
	var rows []row
	for _, s := range strings.Split(sizeList, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil {
			return fmt.Errorf("-sizes: %q is not a number of rows", s)
		}
		tries := runs
		if n >= 1_000_000 {
			tries = 1
		}
		xlsx := filepath.Join(dir, fmt.Sprintf("payments-%d.xlsx", n))
		profiles := filepath.Join(dir, fmt.Sprintf("profiles-%d", n))
		if err := ensureSample(bin, xlsx, n, profiles); err != nil {
			return err
		}
		r := row{what: "batch, .xlsx", file: xlsx, floorName: "unzip -p"}
		if n >= 1_000_000 {
			r.target = 3 // the target is for the 1M-row export
		}
		r.floor = best(tries, func() (time.Duration, int64, error) { return unzipFloor(xlsx) })
		r.took, r.rss = bestRSS(tries, func() (time.Duration, int64, error) { return batch(bin, xlsx, profiles, dir) })
		rows = append(rows, r)
		rows = append(rows, row{what: "excelize raw read, .xlsx", file: xlsx, took: best(tries, func() (time.Duration, int64, error) { return excelizeRead(xlsx) }),
			floor: r.floor, floorName: "unzip -p"})
		if n == 100_000 {
			csvFile := filepath.Join(dir, fmt.Sprintf("payments-%d.csv", n))
			if err := ensureSample(bin, csvFile, n, ""); err != nil {
				return err
			}
			c := row{what: "batch, .csv", file: csvFile, target: 5, floorName: "encoding/csv"}
			c.floor = best(tries, func() (time.Duration, int64, error) { return csvFloor(csvFile) })
			c.took, c.rss = bestRSS(tries, func() (time.Duration, int64, error) { return batch(bin, csvFile, profiles, dir) })
			rows = append(rows, c)
		}
	}
	one := filepath.Join(dir, "payments-one-100.xlsx")
	if err := ensureSampleArgs(bin, one, "--rows", "100", "--professionals", "1", "--month", "2024-03", "--seed", "1"); err != nil {
		return err
	}
	took := best(5, func() (time.Duration, int64, error) {
		return timeCmd(bin, "invoice", one, "--config", "testdata/demo/profile.toml", "--month", "2024-03",
			"--issue-date", "2024-04-02", "-o", filepath.Join(dir, "one.pdf"), "--force")
	})
	rows = append(rows, row{what: "invoice, one professional", file: one, took: took, floor: 50 * time.Millisecond, floorName: "50 ms target", target: 1})
	report(os.Stdout, rows)
	return nil
}

func ensureSample(bin, file string, n int, profiles string) error {
	args := []string{"--rows", strconv.Itoa(n), "--seed", "1"}
	if profiles != "" {
		if _, err := os.Stat(profiles); err != nil {
			os.RemoveAll(file) // the export and its profiles are made together
			args = append(args, "--profiles", profiles)
		}
	}
	return ensureSampleArgs(bin, file, args...)
}

func ensureSampleArgs(bin, file string, args ...string) error {
	if _, err := os.Stat(file); err == nil {
		return nil
	}
	fmt.Fprintf(os.Stderr, "making %s (kept for later runs)\n", file)
	c := exec.Command(bin, append([]string{"sample", "-o", file}, args...)...)
	c.Stdout, c.Stderr = os.Stderr, os.Stderr
	return c.Run()
}

func batch(bin, file, profiles, dir string) (time.Duration, int64, error) {
	out := filepath.Join(dir, "out-"+strings.TrimSuffix(filepath.Base(file), filepath.Ext(file)))
	os.RemoveAll(out)
	return timeCmd(bin, "batch", file, "--month", "2024-03", "--profiles", profiles, "--out-dir", out, "--quiet", "--issue-date", "2024-04-02")
}

// timeCmd runs a command and returns its wall time and peak resident set. Exit status 4
// (a partial batch) counts as success: sample profiles cover everyone, but a bench should
// not stop on it.
func timeCmd(name string, args ...string) (time.Duration, int64, error) {
	c := exec.Command(name, args...)
	c.Env = append(os.Environ(), "SOURCE_DATE_EPOCH=1712016000")
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

func unzipFloor(xlsx string) (time.Duration, int64, error) {
	return timeCmd("unzip", "-p", xlsx, "xl/worksheets/sheet1.xml")
}

func excelizeRead(xlsx string) (time.Duration, int64, error) {
	start := time.Now()
	f, err := excelize.OpenFile(xlsx, excelize.Options{RawCellValue: true})
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	rows, err := f.Rows(f.GetSheetList()[0])
	if err != nil {
		return 0, 0, err
	}
	n := 0
	for rows.Next() {
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return 0, 0, err
		}
		n += len(cells)
	}
	return time.Since(start), 0, rows.Close()
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

func best(n int, f func() (time.Duration, int64, error)) time.Duration {
	d, _ := bestRSS(n, f)
	return d
}

func bestRSS(n int, f func() (time.Duration, int64, error)) (time.Duration, int64) {
	var min time.Duration
	var rss int64
	for i := 0; i < n; i++ {
		d, r, err := f()
		if err != nil {
			fmt.Fprintln(os.Stderr, "hubbench:", err)
			os.Exit(1)
		}
		if i == 0 || d < min {
			min = d
		}
		rss = max(rss, r)
	}
	return min, rss
}

func report(w io.Writer, rows []row) {
	fmt.Fprintf(w, "Measured %s on %s, %d CPUs, %s.\n\n", time.Now().UTC().Format("2006-01-02"), cpuModel(), runtime.NumCPU(), runtime.Version())
	fmt.Fprintln(w, "| what | export | time | floor | ratio | target | peak RSS |")
	fmt.Fprintln(w, "|---|---|---:|---|---:|---|---:|")
	for _, r := range rows {
		ratio := float64(r.took) / float64(r.floor)
		target, rss := "", ""
		if r.target > 0 {
			verdict := "met"
			if ratio > r.target {
				verdict = "MISSED"
			}
			target = fmt.Sprintf("≤ %gx: %s", r.target, verdict)
		}
		if r.rss > 0 {
			rss = fmt.Sprintf("%d MB", r.rss>>20)
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s %s | %.1fx | %s | %s |\n", r.what, filepath.Base(r.file), round(r.took), r.floorName, round(r.floor), ratio, target, rss)
	}
}

func round(d time.Duration) string {
	if d < time.Second {
		return d.Round(time.Millisecond).String()
	}
	return d.Round(10 * time.Millisecond).String()
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
