package slug

import "testing"

func TestMake(t *testing.T) {
	for _, tt := range []struct {
		in   string
		sep  byte
		want string
	}{
		{"Þórdís Guðmundsdóttir", '-', "thordis-gudmundsdottir"},
		{"Þórdís Guðmundsdóttir", '.', "thordis.gudmundsdottir"},
		{"  Ægir  Ösp ", '-', "aegir-osp"},
		{"Søren Åberg-Groß", '-', "soren-aberg-gross"},
		{"Dr. Jón (Jónsson) 2", '-', "dr-jon-jonsson-2"},
		{"Laura O'Neill", '.', "laura.oneill"},
		{"D’Arcy", '-', "darcy"},
		{"Иван", '-', ""},
		{"", '-', ""},
	} {
		if got := Make(tt.in, tt.sep); got != tt.want {
			t.Errorf("Make(%q, %q) = %q, want %q", tt.in, tt.sep, got, tt.want)
		}
	}
}
