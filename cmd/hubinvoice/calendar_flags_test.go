package main

import (
	"bytes"
	"strings"
	"testing"
)

// TestWorkdayUsageErrors checks what the scripts cannot: that a malformed month, date, year or
// country code, or a missing EXPORT, is a usage error, exit status 2, said in one line.
func TestWorkdayUsageErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"deadlines", "--month", "2024-13"}, `hubinvoice: --month: "2024-13" is not a month`},
		{[]string{"deadlines", "--month", "24-03"}, `hubinvoice: --month: "24-03" is not a month`},
		{[]string{"deadlines", "--country", "XX"}, `hubinvoice: --country: unknown country "XX": want one of IS, GB,`},
		{[]string{"deadlines", "--submitted", "2024-02-30"}, `hubinvoice: --submitted: "2024-02-30" is not a date`},
		{[]string{"deadlines", "--submitted", "4/19/2024"}, `hubinvoice: --submitted: "4/19/2024" is not a date`},
		{[]string{"calendar", "--year", "24"}, `hubinvoice: --year: "24" is not a year`},
		{[]string{"calendar", "--year", "twenty"}, `hubinvoice: --year: "twenty" is not a year`},
		{[]string{"calendar", "--country", ""}, `hubinvoice: --country: unknown country "": want one of IS,`},
		{[]string{"payouts", "x.csv", "--month", "2024/12"}, `hubinvoice: --month: "2024/12" is not a month`},
		{[]string{"payouts", "x.csv", "--country", "EU"}, `hubinvoice: --country: unknown country "EU"`},
		{[]string{"payouts"}, `hubinvoice: payouts takes one EXPORT file, got 0 arguments`},
		{[]string{"payouts", "a.csv", "b.csv"}, `hubinvoice: payouts takes one EXPORT file, got 2 arguments`},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			getenv := func(k string) string {
				if k == "SOURCE_DATE_EPOCH" {
					return "1712275200"
				}
				return ""
			}
			code := run(tc.args, strings.NewReader(""), &stdout, &stderr, getenv)
			if code != exitUsage {
				t.Errorf("got exit status %d, want %d", code, exitUsage)
			}
			if stdout.Len() != 0 {
				t.Errorf("got stdout %q, want nothing", stdout.String())
			}
			// One line, and at most a hint after it.
			lines := strings.Split(strings.TrimSuffix(stderr.String(), "\n"), "\n")
			if !strings.HasPrefix(lines[0], tc.want) || len(lines) > 2 ||
				len(lines) == 2 && !strings.HasPrefix(lines[1], "hint: ") {
				t.Errorf("got stderr %q, want one line starting %q and at most a hint", stderr.String(), tc.want)
			}
		})
	}
}
