package main

import (
	"os/exec"
	"strings"
	"testing"
)

// hubinvoice reads and writes .xlsx with its own code (export/internal/xlsx); excelize is the
// reference only its tests use, and must not come back into the binary through an import.
func TestBinaryDoesNotLinkExcelize(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Skipf("go list: %v", err)
	}
	for _, pkg := range strings.Fields(string(out)) {
		if strings.Contains(pkg, "excelize") {
			t.Errorf("hubinvoice links %s: read and write .xlsx through package export instead", pkg)
		}
	}
}
