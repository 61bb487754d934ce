package invoice

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestProfileLimits: a profile beyond what any real one is (too long, a link to /dev/zero,
// nested deeper than a profile nests, thousands of unknown keys) is refused in a line or a few
// that name the file, before the TOML decoder spends its time on it (the files are generated).
func TestProfileLimits(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(src), 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
	zero := filepath.Join(dir, "zero.toml")
	if err := os.Symlink("/dev/zero", zero); err != nil {
		t.Fatal(err)
	}
	var keys strings.Builder
	for i := range 3000 {
		fmt.Fprintf(&keys, "k%d = 1\n", i)
	}
	for _, tt := range []struct {
		name, path, want string
	}{
		{"long", write("long.toml", validProfile+"# "+strings.Repeat("x", 70<<10)+"\n"), "is longer than 64 KiB, which no profile is (is it the right file?)"},
		{"a link to /dev/zero", zero, "is longer than 64 KiB, which no profile is (is it the right file?)"},
		{"nested tables", write("tables.toml", "["+strings.Repeat("a.", 8000)+"a]\nx = 1\n"), "line 1: nests more than 8 levels of tables, lists or dotted keys; a profile has 2"},
		{"nested inline tables", write("inline.toml", "[professional]\nx = "+strings.Repeat("{a=", 3000)+"1"+strings.Repeat("}", 3000)+"\n"), "line 2: nests more than 8 levels of tables, lists or dotted keys; a profile has 2"},
		{"nested lists", write("lists.toml", "x = "+strings.Repeat("[", 8000)+strings.Repeat("]", 8000)+"\n"), "line 1: nests more than 8 levels of tables, lists or dotted keys; a profile has 2"},
		{"many unknown keys", write("keys.toml", keys.String()), "unknown key k0"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadProfile(tt.path)
			if err == nil {
				t.Fatalf("no error; want %q", tt.want)
			}
			lines := strings.Split(err.Error(), "\n")
			if lines[0] != tt.path+": "+tt.want || len(lines) > maxUnknownKeys+1 {
				t.Errorf("got %d lines: %q...\nwant %q", len(lines), lines[0], tt.path+": "+tt.want)
			}
		})
	}
}

// TestProfileNesting: the nesting a real profile has, and that dots in strings, comments and
// numbers do not count.
func TestProfileNesting(t *testing.T) {
	for src, want := range map[string]int{
		validProfile:                     2,
		"a.b.c = 1\n":                    2,
		"x = 1.5\n# a.b.c.d.e\n":         0,
		"x = \"a.b.c.d\"\ny = 'e.f.g'\n": 0,
		"x = \"\"\"\n[[[[\n\"\"\"\n":     0,
		"x = [[1, 2], {a.b = 3}]\n":      3,
	} {
		if _, got := tomlNesting([]byte(src)); got != want {
			t.Errorf("tomlNesting(%q) = %d, want %d", src, got, want)
		}
	}
}

// TestProfileTextLimits: a text longer than an invoice prints (a note of 50 MB made a 135 MB
// PDF) is an error naming the field.
func TestProfileTextLimits(t *testing.T) {
	src := strings.Replace(validProfile, `note = "Health services are exempt from VAT."`, `note = "`+strings.Repeat("Þ", 1001)+`"`, 1)
	src = strings.Replace(src, `name = "Kara Connect ehf."`, `name = "`+strings.Repeat("K", 201)+`"`, 1)
	err := mustParse(t, src).Validate()
	want := "profile.toml: invoice.note: is 1001 characters long; at most 1000 are printed\n" +
		"profile.toml: bill_to[1].name: is 201 characters long; at most 200 are printed"
	if err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
}

// TestProfileControlCharacters: a name that would colour or move a terminal's cursor is an
// error naming the field.
func TestProfileControlCharacters(t *testing.T) {
	src := strings.Replace(validProfile, `name = "Kara Connect ehf."`, `name = "Kara \u001b[2J\u001b[31mConnect"`, 1)
	err := mustParse(t, src).Validate()
	if want := "profile.toml: bill_to[1].name: holds a control character (an escape sequence?); write plain text"; err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
}
