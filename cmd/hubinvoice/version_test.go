package main

import (
	"runtime/debug"
	"testing"
)

// TestVersionOf: after a plain go build the version comes from what the go command recorded:
// a release's module version, else the commit, else devel.
func TestVersionOf(t *testing.T) {
	vcs := func(rev, modified string) []debug.BuildSetting {
		return []debug.BuildSetting{{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: rev}, {Key: "vcs.modified", Value: modified}}
	}
	for _, tc := range []struct {
		name string
		bi   debug.BuildInfo
		want string
	}{
		{"go install @version", debug.BuildInfo{Main: debug.Module{Version: "v1.2.0"}}, "v1.2.0"},
		{"go build, Go 1.24+", debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261201220737-f90f6796418d"}, Settings: vcs("f90f6796418d2c6d743ec8a2b2f1fe3220a960ea", "false")}, "v0.0.0-20261201220737-f90f6796418d"},
		{"go build, older Go", debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: vcs("f90f6796418d2c6d743ec8a2b2f1fe3220a960ea", "false")}, "devel-f90f6796418d"},
		{"uncommitted changes", debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: vcs("f90f6796418d2c6d", "true")}, "devel-f90f6796418d-dirty"},
		{"-buildvcs=false", debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "devel"},
	} {
		if got := versionOf(&tc.bi); got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.name, got, tc.want)
		}
	}
}
