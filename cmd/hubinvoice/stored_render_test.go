package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBatchPDFIsStoredForm: every PDF a batch writes is byte for byte the one 'register pdf'
// renders again from the register's stored form, over every fixture export and a generated
// clinic's: what the register records is enough to reprint what was issued. A field the stored
// form lost (one the batch's PDF shows and the register does not keep) fails here.
func TestBatchPDFIsStoredForm(t *testing.T) {
	fixtures, err := filepath.Glob("../../testdata/fixtures/*.*")
	if err != nil {
		t.Fatal(err)
	}
	var exports []string
	for _, f := range fixtures {
		if ext := filepath.Ext(f); ext == ".csv" || ext == ".xlsx" {
			exports = append(exports, f)
		}
	}
	exports = append(exports, "sample")
	for _, export := range exports {
		t.Run(filepath.Base(export), func(t *testing.T) {
			dir := t.TempDir()
			getenv := func(k string) string {
				switch k {
				case "SOURCE_DATE_EPOCH":
					return "1712016000"
				case "XDG_DATA_HOME":
					return dir
				}
				return ""
			}
			hub := func(args ...string) string {
				t.Helper()
				var stdout, stderr bytes.Buffer
				if code := run(args, nil, &stdout, &stderr, getenv); code != 0 {
					t.Fatalf("%s: exit %d: %s", strings.Join(args, " "), code, stderr.String())
				}
				return stdout.String()
			}
			profiles := filepath.Join(dir, "profiles")
			if export == "sample" {
				export = filepath.Join(dir, "p.csv")
				hub("sample", "--rows", "2000", "--professionals", "40", "-o", export, "--profiles", profiles)
			} else {
				hub("init", "--from-export", export, "--profiles", profiles)
				if err := fillIBANs(profiles); err != nil {
					t.Fatal(err)
				}
			}
			out := filepath.Join(dir, "out")
			hub("batch", export, "--month", "2024-03", "--profiles", profiles, "--out-dir", out, "--quiet", "--issue-date", "2024-04-02")
			f, err := os.Open(filepath.Join(out, "summary.csv"))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			recs, err := csv.NewReader(f).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			col := map[string]int{}
			for i, name := range recs[0] {
				col[name] = i
			}
			n := 0
			for _, rec := range recs[1:] {
				number, file := rec[col["invoice_number"]], rec[col["file"]]
				if number == "" || !strings.HasSuffix(file, ".pdf") {
					continue
				}
				written, err := os.ReadFile(filepath.Join(out, file))
				if err != nil {
					t.Fatal(err)
				}
				again := filepath.Join(dir, "again.pdf")
				hub("register", "pdf", number, "-o", again, "--force")
				reprint, err := os.ReadFile(again)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(written, reprint) {
					t.Errorf("%s: the batch wrote %d bytes, 'register pdf' renders %d other bytes from the stored form", number, len(written), len(reprint))
				}
				n++
			}
			if n == 0 {
				t.Fatalf("the batch wrote no invoice:\n%v", recs)
			}
		})
	}
}

// fillIBANs fills in the IBAN of every starter profile in dir, as a clinic manager does by
// hand, and nothing else.
func fillIBANs(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		path := filepath.Join(dir, e.Name())
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		filled := strings.Replace(string(data), "\niban = \"\"", "\niban = \"IS14 0159 2600 7654 5510 7303 39\"", 1)
		if filled == string(data) {
			return fmt.Errorf("%s: no empty iban to fill in", e.Name())
		}
		if err := os.WriteFile(path, []byte(filled), 0o600); err != nil {
			return err
		}
	}
	return nil
}
