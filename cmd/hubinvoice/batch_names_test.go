package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestBatchNamesCollide: professionals whose names make one file name (two Anna Jónsdóttir,
// Jón Jónsson and Jon Jonsson, two names of no Latin letter) each get their invoice: a batch
// writes every invoice it plans, and a rerun with --force gives the same files.
func TestBatchNamesCollide(t *testing.T) {
	pros := []fixturePerson{
		{"Anna Jónsdóttir", "anna@example.is"}, {"Anna Jónsdóttir", "anna.j@example.com"},
		{"Jón Jónsson", "jon@example.is"}, {"Jon Jonsson", "jonj@example.is"},
		{"Иван Петров", "ivan@example.ru"}, {"Ольга Иванова", "olga@example.ru"},
	}
	dir := t.TempDir()
	var csv strings.Builder
	csv.WriteString("Session Date,Service Name,Service Price,Service Currency,Professional Name,Professional Email,Type,Sponsor,Status\n")
	profiles := filepath.Join(dir, "profiles")
	os.Mkdir(profiles, 0o755)
	for i, p := range pros {
		fmt.Fprintf(&csv, "2024-03-%02d 10:00,Session,18500,ISK,%s,%s,Credit,Marel,Paid\n", i+4, p.Name, p.Email)
		os.WriteFile(filepath.Join(profiles, fmt.Sprintf("p%d.toml", i)), []byte(fmt.Sprintf(
			"[professional]\nname = %q\nemail = %q\n[bank]\niban = \"IS14 0159 2600 7654 5510 7303 39\"\n[invoice]\ncountry = \"IS\"\n", p.Name, p.Email)), 0o644)
	}
	export := filepath.Join(dir, "payments.csv")
	os.WriteFile(export, []byte(csv.String()), 0o644)
	out := filepath.Join(dir, "out")
	var names []string
	for _, force := range []bool{false, true} {
		args := []string{"batch", export, "--month", "2024-03", "--profiles", profiles, "--out-dir", out, "--issue-date", "2024-04-02"}
		if force {
			args = append(args, "--force")
		}
		var stdout, stderr bytes.Buffer
		if code := run(args, nil, &stdout, &stderr, testEnv(t)); code != 0 {
			t.Fatalf("exit %d: %s%s", code, stdout.String(), stderr.String())
		}
		pdfs, _ := filepath.Glob(filepath.Join(out, "*.pdf"))
		if len(pdfs) != len(pros) {
			t.Errorf("%d invoices written for %d professionals: %q\n%s", len(pdfs), len(pros), pdfs, stdout.String())
		}
		if force && strings.Join(pdfs, " ") != strings.Join(names, " ") {
			t.Errorf("a rerun wrote %q, the first run %q", pdfs, names)
		}
		names = pdfs
	}
}

// TestBatchSummarySafe: a professional's name that is a formula, or that carries terminal
// escapes, reaches summary.csv neutralised and the terminal without its control characters.
func TestBatchSummarySafe(t *testing.T) {
	dir := t.TempDir()
	export := filepath.Join(dir, "payments.csv")
	os.WriteFile(export, []byte("Session Date,Service Name,Service Price,Service Currency,Professional Name,Professional Email,Type,Sponsor,Status\n"+
		"2024-03-04 10:00,Session,18500,ISK,\"=HYPERLINK(\"\"http://x.example\"\",\"\"y\"\")\",a@example.is,Credit,Marel,Paid\n"+
		"2024-03-05 10:00,Session,18500,ISK,\x1b[2J\x1b]0;owned\x07@SUM(1),b@example.is,Credit,Marel,Paid\n"), 0o644)
	profiles := filepath.Join(dir, "profiles")
	os.Mkdir(profiles, 0o755)
	os.WriteFile(filepath.Join(profiles, "other.toml"), []byte("[professional]\nname = \"Other\"\nemail = \"other@example.is\"\n[bank]\niban = \"IS14 0159 2600 7654 5510 7303 39\"\n[invoice]\ncountry = \"IS\"\n"), 0o644)
	out := filepath.Join(dir, "out")
	var stdout, stderr bytes.Buffer
	code := run([]string{"batch", export, "--month", "2024-03", "--profiles", profiles, "--out-dir", out, "--issue-date", "2024-04-02"}, nil, &stdout, &stderr, testEnv(t))
	if code != 4 {
		t.Fatalf("exit %d, want 4 (both skipped): %s", code, stderr.String())
	}
	if printed := stdout.String() + stderr.String(); strings.ContainsAny(printed, "\x1b\x07") {
		t.Errorf("control characters printed: %q", printed)
	}
	summary, _ := os.ReadFile(filepath.Join(out, "summary.csv"))
	for _, want := range []string{`"'=HYPERLINK(""http://x.example"",""y"")",a@example.is`, "[2J]0;owned@SUM(1),b@example.is"} {
		if !strings.Contains(string(summary), want) {
			t.Errorf("summary.csv lacks %q:\n%s", want, summary)
		}
	}
	if strings.ContainsAny(string(summary), "\x1b\x07") {
		t.Errorf("summary.csv holds control characters: %q", summary)
	}
}

// TestBatchLeavesOthersTemps: a batch deletes the temporary files of a run that is gone, never
// those of a run still writing in the same folder, and says so.
func TestBatchLeavesOthersTemps(t *testing.T) {
	dir := t.TempDir()
	export := filepath.Join(dir, "payments.csv")
	os.WriteFile(export, []byte("Session Date,Service Name,Service Price,Service Currency,Professional Name,Professional Email,Type,Sponsor,Status\n"+
		"2024-03-04 10:00,Session,18500,ISK,Þórdís Guðmundsdóttir,thordis@example.is,Credit,Marel,Paid\n"), 0o644)
	profiles := filepath.Join(dir, "profiles")
	os.Mkdir(profiles, 0o755)
	os.WriteFile(filepath.Join(profiles, "t.toml"), []byte("[professional]\nname = \"Þórdís Guðmundsdóttir\"\nemail = \"thordis@example.is\"\n[bank]\niban = \"IS14 0159 2600 7654 5510 7303 39\"\n[invoice]\ncountry = \"IS\"\n"), 0o644)
	live := exec.Command("sleep", "30")
	if err := live.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { live.Process.Kill(); live.Wait() }()
	gone := exec.Command("true")
	if err := gone.Run(); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	os.Mkdir(out, 0o755)
	liveTemp := filepath.Join(out, fmt.Sprintf(".invoice-2024-03-anna.pdf.%d-1.tmp", live.Process.Pid))
	goneTemp := filepath.Join(out, fmt.Sprintf(".invoice-2024-03-bo.pdf.%d-1.tmp", gone.Process.Pid))
	for _, p := range []string{liveTemp, goneTemp} {
		os.WriteFile(p, []byte("%PDF-1.4 half"), 0o644)
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"batch", export, "--month", "2024-03", "--profiles", profiles, "--out-dir", out, "--issue-date", "2024-04-02"}, nil, &stdout, &stderr, testEnv(t)); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if _, err := os.Stat(liveTemp); err != nil {
		t.Errorf("the running writer's temporary file was deleted")
	}
	if _, err := os.Stat(goneTemp); err == nil {
		t.Errorf("the abandoned temporary file was kept")
	}
	if want := fmt.Sprintf("note: another hubinvoice (pid %d) is writing in %s: its temporary files are left alone", live.Process.Pid, out); !strings.Contains(stderr.String(), want) {
		t.Errorf("stderr %q lacks %q", stderr.String(), want)
	}
}

// TestBatchFailureNamesPathOnce: an invoice that cannot be written (here a folder where the
// file goes; a full disk the same way) is one line naming its path once.
func TestBatchFailureNamesPathOnce(t *testing.T) {
	dir := t.TempDir()
	export := filepath.Join(dir, "payments.csv")
	os.WriteFile(export, []byte("Session Date,Service Name,Service Price,Service Currency,Professional Name,Professional Email,Type,Sponsor,Status\n"+
		"2024-03-04 10:00,Session,18500,ISK,Þórdís Guðmundsdóttir,thordis@example.is,Credit,Marel,Paid\n"), 0o644)
	profiles := filepath.Join(dir, "profiles")
	os.Mkdir(profiles, 0o755)
	os.WriteFile(filepath.Join(profiles, "t.toml"), []byte("[professional]\nname = \"Þórdís Guðmundsdóttir\"\nemail = \"thordis@example.is\"\n[bank]\niban = \"IS14 0159 2600 7654 5510 7303 39\"\n[invoice]\ncountry = \"IS\"\n"), 0o644)
	out := filepath.Join(dir, "out")
	pdf := filepath.Join(out, "invoice-2024-03-thordis-gudmundsdottir.pdf")
	os.MkdirAll(filepath.Join(pdf, "x"), 0o755)
	var stdout, stderr bytes.Buffer
	if code := run([]string{"batch", export, "--month", "2024-03", "--profiles", profiles, "--out-dir", out, "--issue-date", "2024-04-02", "--force"}, nil, &stdout, &stderr, testEnv(t)); code == 0 {
		t.Fatalf("exit 0 with a folder where the invoice goes")
	}
	if n := strings.Count(stderr.String(), pdf); n != 1 {
		t.Errorf("stderr names %s %d times:\n%s", pdf, n, stderr.String())
	}
}
