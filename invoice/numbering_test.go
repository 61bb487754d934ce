package invoice

import (
	"strings"
	"testing"
	"time"
)

func TestNumberFormat(t *testing.T) {
	day := time.Date(2024, 3, 5, 0, 0, 0, 0, time.UTC)
	cases := []struct {
		format      string
		seq         int64
		want        string
		wantSeries  string
		nextYearSer string // the series a year later: the same when the format has no year
	}{
		{"{yyyy}-{seq:4}", 7, "2024-0007", "2024-{seq:4}", "2025-{seq:4}"},
		{"{yyyy}-{seq:4}", 12345, "2024-12345", "2024-{seq:4}", "2025-{seq:4}"},
		{"TG-{seq:5}", 42, "TG-00042", "TG-{seq:5}", "TG-{seq:5}"},
		{"CN-{yyyy}-{seq:4}", 1, "CN-2024-0001", "CN-2024-{seq:4}", "CN-2025-{seq:4}"},
		{"{yy}{mm}{seq:3}", 9, "2403009", "2403{seq:3}", "2503{seq:3}"},
		{"{seq}", 143, "143", "{seq}", "{seq}"},
		{"INV/{yyyy}/{seq:2}", 3, "INV/2024/03", "INV/{yyyy}/{seq:2}", ""},
		{"Þ.{seq:1}_x", 10, "Þ.10_x", "Þ.{seq:1}_x", "Þ.{seq:1}_x"},
	}
	for _, tc := range cases {
		t.Run(tc.format, func(t *testing.T) {
			f, err := ParseNumberFormat(tc.format)
			if err != nil {
				t.Fatal(err)
			}
			if got := f.Number(day, tc.seq); got != tc.want {
				t.Errorf("Number(%d) = %q, want %q", tc.seq, got, tc.want)
			}
			if tc.format == "INV/{yyyy}/{seq:2}" {
				tc.wantSeries, tc.nextYearSer = "INV/2024/{seq:2}", "INV/2025/{seq:2}"
			}
			if got := f.Series(day); got != tc.wantSeries {
				t.Errorf("Series = %q, want %q", got, tc.wantSeries)
			}
			if got := f.Series(day.AddDate(1, 0, 0)); got != tc.nextYearSer {
				t.Errorf("Series a year later = %q, want %q", got, tc.nextYearSer)
			}
			if f.String() != tc.format {
				t.Errorf("String = %q, want %q", f.String(), tc.format)
			}
		})
	}
}

func TestNumberFormatErrors(t *testing.T) {
	cases := []struct{ format, want string }{
		{"", "no {seq}"},
		{"{yyyy}-0001", "no {seq}"},
		{"{seq}-{seq}", "{seq} 2 times"},
		{"{yyyy}-{seq:0}", "width from 1 to 9"},
		{"{yyyy}-{seq:x}", "width from 1 to 9"},
		{"{year}-{seq}", "unknown field {year}"},
		{"{yyyy-{seq}", "unknown field"},
		{"{yyyy}-{seq", "with no '}'"},
		{"A}{seq}", "'}' with no '{'"},
		{"A B{seq}", `has ' '`},
		{"A:{seq}", `has ':'`},
		{strings.Repeat("A", 40) + "{seq}", "longer than 40"},
	}
	for _, tc := range cases {
		t.Run(tc.format, func(t *testing.T) {
			_, err := ParseNumberFormat(tc.format)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("ParseNumberFormat(%q) = %v, want an error with %q", tc.format, err, tc.want)
			}
		})
	}
}

func TestProfileNumbering(t *testing.T) {
	const base = `[professional]
name = "Þórdís"
email = "thordis@example.is"
[bank]
account_number = "0159-26-007654"
[invoice]
country = "IS"
`
	cases := []struct {
		name, toml              string
		invoice, credit, errMsg string
		first                   int64
	}{
		{"defaults", "", "{yyyy}-{seq:4}", "CN-{yyyy}-{seq:4}", "", 1},
		{"prefix", "[invoice]\nnumber_prefix = \"TG-\"\n", "TG-{yyyy}-{seq:4}", "CN-{yyyy}-{seq:4}", "", 1},
		{"all", "[numbering]\nformat = \"TG-{seq:5}\"\nfirst = 143\ncredit_format = \"K-{seq}\"\n", "TG-{seq:5}", "K-{seq}", "", 143},
		{"bad format", "[numbering]\nformat = \"{yyyy}\"\n", "", "", "p.toml: numbering.format: \"{yyyy}\" has no {seq}", 0},
		{"bad credit", "[numbering]\ncredit_format = \"CN-{seq:10}\"\n", "", "", "p.toml: numbering.credit_format: \"CN-{seq:10}\": {seq:10} wants a width", 0},
		{"first zero", "[numbering]\nfirst = 0\n", "", "", "p.toml: numbering.first: 0 is not a first number", 0},
		{"misspelt", "[numbering]\nfrist = 3\n", "", "", "unknown key numbering.frist (did you mean numbering.first?)", 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			text := base + tc.toml
			if tc.name == "prefix" {
				text = strings.Replace(base, "[invoice]\n", "[invoice]\nnumber_prefix = \"TG-\"\n", 1)
			}
			p, err := ParseProfile("p.toml", []byte(text))
			if err == nil {
				err = p.Validate()
			}
			if tc.errMsg != "" {
				if err == nil || !strings.Contains(err.Error(), tc.errMsg) {
					t.Fatalf("got %v, want an error with %q", err, tc.errMsg)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			n, err := p.NumberFormats()
			if err != nil {
				t.Fatal(err)
			}
			if n.Invoice.String() != tc.invoice || n.Credit.String() != tc.credit || n.First != tc.first {
				t.Errorf("got %s, %s, first %d; want %s, %s, first %d", n.Invoice, n.Credit, n.First, tc.invoice, tc.credit, tc.first)
			}
		})
	}
}
