package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"golang.org/x/sys/unix"
)

// openTerminal opens a pseudo-terminal and returns its terminal side, as a shell's stdout is.
func openTerminal(t *testing.T) *os.File {
	t.Helper()
	master, err := os.OpenFile("/dev/ptmx", os.O_RDWR, 0)
	if err != nil {
		t.Skipf("no pseudo-terminal here: %v", err)
	}
	t.Cleanup(func() { master.Close() })
	fd := int(master.Fd())
	if err := unix.IoctlSetPointerInt(fd, unix.TIOCSPTLCK, 0); err != nil {
		t.Skipf("cannot unlock the pseudo-terminal: %v", err)
	}
	n, err := unix.IoctlGetInt(fd, unix.TIOCGPTN)
	if err != nil {
		t.Skipf("no pseudo-terminal number: %v", err)
	}
	tty, err := os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("cannot open the terminal side: %v", err)
	}
	t.Cleanup(func() { tty.Close() })
	return tty
}

// TestStdoutTerminal: -o - refuses to write a PDF to a terminal (exit 2), and writes no file
// named "-" either, as it did before.
func TestStdoutTerminal(t *testing.T) {
	tty := openTerminal(t)
	demo := filepath.Join(testdataDir(t), "demo")
	dir := t.TempDir()
	t.Chdir(dir)
	var stderr bytes.Buffer
	code := run([]string{"invoice", filepath.Join(demo, "payments-2024-03.xlsx"), "--config", filepath.Join(demo, "profile.toml"),
		"--month", "2024-03", "-o", "-"}, nil, tty, &stderr, testEnv(t))
	if code != 2 || !strings.Contains(stderr.String(), "standard output is a terminal") {
		t.Errorf("exit %d, stderr %q; want 2 and the terminal named", code, stderr.String())
	}
	if entries, _ := os.ReadDir(dir); len(entries) > 0 {
		t.Errorf("files written: %v", entries)
	}
}

// testdataDir is the repository's testdata, from this package's directory.
func testdataDir(t *testing.T) string {
	t.Helper()
	d, err := filepath.Abs("../../testdata")
	if err != nil {
		t.Fatal(err)
	}
	return d
}
