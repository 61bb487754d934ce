package main

import (
	"archive/zip"
	"flag"
	"hash/crc32"
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

var updateScripts = flag.Bool("update", false, "rewrite the files a script compares with cmp to what the command printed")

// TestMain lets testscript run the real main as the command "hubinvoice".
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"hubinvoice": func() { os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv)) },
	})
}

// testEnv is an environment with nothing set but XDG_DATA_HOME, for a register of the test's
// own: tests never touch the user's.
func testEnv(t *testing.T) func(string) string {
	data := t.TempDir()
	return func(k string) string {
		if k == "XDG_DATA_HOME" {
			return data
		}
		return ""
	}
}

// TestScript runs the end-to-end scripts in testdata/script: a user's session with the real
// command, its flags, exit codes, stderr wording, and the files it writes or must not write.
// Scripts find the committed exports through $FIXTURES and $DEMO.
func TestScript(t *testing.T) {
	fixtures, err := filepath.Abs("../../testdata/fixtures")
	if err != nil {
		t.Fatal(err)
	}
	demo, _ := filepath.Abs("../../testdata/demo")
	testscript.Run(t, testscript.Params{
		Dir:           "../../testdata/script",
		UpdateScripts: *updateScripts,
		Setup: func(env *testscript.Env) error {
			env.Setenv("FIXTURES", fixtures)
			env.Setenv("DEMO", demo)
			env.Setenv("XDG_CONFIG_HOME", filepath.Join(env.WorkDir, ".config"))
			// Each script's register is its own, never the user's.
			env.Setenv("XDG_DATA_HOME", filepath.Join(env.WorkDir, ".local", "share"))
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"mkbomb":    mkbomb,
			"fillbank":  fillbank,
			"ublagrees": ublAgrees,
		},
	})
}

// mkbomb writes a small .xlsx whose sheet declares that it unpacks to 8 GiB: the shape of a
// zip bomb, which must be refused before anything is unpacked.
func mkbomb(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: mkbomb FILE")
	}
	f, err := os.Create(ts.MkAbs(args[0]))
	ts.Check(err)
	zw := zip.NewWriter(f)
	for _, name := range []string{"[Content_Types].xml", "xl/workbook.xml"} {
		w, err := zw.Create(name)
		ts.Check(err)
		w.Write([]byte("<x/>"))
	}
	body := []byte("<worksheet/>")
	w, err := zw.CreateRaw(&zip.FileHeader{
		Name: "xl/worksheets/sheet1.xml", Method: zip.Store,
		CRC32: crc32.ChecksumIEEE(body), CompressedSize64: uint64(len(body)), UncompressedSize64: 8 << 30,
	})
	ts.Check(err)
	w.Write(body)
	ts.Check(zw.Close())
	ts.Check(f.Close())
}

// fillbank fills in the IBAN of every starter profile in a directory, as a clinic manager
// does by hand, and nothing else.
func fillbank(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: fillbank DIR")
	}
	ts.Check(fillIBANs(ts.MkAbs(args[0])))
}
