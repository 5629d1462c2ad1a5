package dirs

import (
	"path/filepath"
	"runtime"
	"testing"
)

func TestExpandHome(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	for _, c := range []struct{ in, want string }{
		{"~", home},
		{"~/", home},
		{"~/.ssh/id_ed25519", filepath.Join(home, ".ssh/id_ed25519")},
		{"~/a/../b.db", filepath.Join(home, "b.db")}, // cleaned, as filepath.Join does
		{"~user/x", "~user/x"},                       // another user's home is not guessed
		{"~x", "~x"},
		{"a/~/b", "a/~/b"},
		{"/abs/~/b", "/abs/~/b"},
		{"rel/path.db", "rel/path.db"},
		{"", ""},
		{":memory:", ":memory:"},
	} {
		got, err := ExpandHome(c.in)
		if err != nil || got != c.want {
			t.Errorf("ExpandHome(%q) = %q, %v; want %q", c.in, got, err, c.want)
		}
	}
}

func TestExpandHomeWithoutHome(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("HOME is where the home directory comes from on Linux")
	}
	t.Setenv("HOME", "")
	if got, err := ExpandHome("~/x"); err == nil || got != "~/x" {
		t.Errorf(`ExpandHome("~/x") without a home = %q, %v; want it unchanged and an error`, got, err)
	}
	if got, err := ExpandHome("x"); err != nil || got != "x" {
		t.Errorf(`ExpandHome("x") without a home = %q, %v`, got, err)
	}
}

// TestXDG: every directory follows its variable the same way: an absolute
// value is used, a relative or empty one is ignored for the default.
func TestXDG(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the defaults checked are Linux's")
	}
	home, xdg := t.TempDir(), t.TempDir()
	t.Setenv("HOME", home)
	dirs := []struct {
		env, def string
		get      func() (string, error)
	}{
		{"XDG_CONFIG_HOME", filepath.Join(home, ".config", "dbls"), Config},
		{"XDG_CACHE_HOME", filepath.Join(home, ".cache", "dbls"), Cache},
		{"XDG_DATA_HOME", filepath.Join(home, ".local", "share", "dbls"), Data},
	}
	for _, d := range dirs {
		for _, c := range []struct{ value, want string }{
			{"", d.def},
			{xdg, filepath.Join(xdg, "dbls")},
			{"relative/dir", d.def},
		} {
			t.Setenv(d.env, c.value)
			if got, err := d.get(); err != nil || got != c.want {
				t.Errorf("%s=%q: %q, %v; want %q", d.env, c.value, got, err, c.want)
			}
		}
	}
}
