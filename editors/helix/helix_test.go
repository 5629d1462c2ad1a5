// Package helix holds the Helix configuration (languages.toml) and its
// end-to-end test: the real dbls binary driven by Helix under tmux, read
// from the screen as a user sees it.
package helix

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dbls/dbls/editors/editortest"
)

// screen drives one Helix in a tmux session.
type screen struct {
	t       *testing.T
	tmux    string
	socket  string // a tmux server of the test's own
	session string
}

// keys types keys one at a time: an Escape followed at once by a key
// would reach Helix as Alt+key.
func (s screen) keys(keys ...string) {
	s.t.Helper()
	for _, k := range keys {
		if out, err := exec.Command(s.tmux, "-L", s.socket, "send-keys", "-t", s.session, k).CombinedOutput(); err != nil {
			s.t.Fatalf("tmux send-keys: %v: %s", err, out)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func (s screen) text(text string) {
	s.t.Helper()
	if out, err := exec.Command(s.tmux, "-L", s.socket, "send-keys", "-t", s.session, "-l", text).CombinedOutput(); err != nil {
		s.t.Fatalf("tmux send-keys: %v: %s", err, out)
	}
}

func (s screen) capture() string {
	out, _ := exec.Command(s.tmux, "-L", s.socket, "capture-pane", "-p", "-t", s.session).Output()
	return string(out)
}

// waitFor polls the screen until it shows want; the deadline is only a
// liveness backstop.
func (s screen) waitFor(want string) string {
	s.t.Helper()
	var got string
	for deadline := time.Now().Add(40 * time.Second); time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		if got = s.capture(); strings.Contains(got, want) {
			return got
		}
	}
	s.t.Errorf("Helix never showed %q; the screen:\n%s", want, got)
	return got
}

// TestHelixEndToEnd: completion from the schema, the foreign-key JOIN … ON
// item first in the menu right after ON, and dbls's code actions in
// Helix's menu (space a).
func TestHelixEndToEnd(t *testing.T) {
	hx := editortest.Editor(t, "hx", "editors/trixie-editors.sh")
	tmux := editortest.Editor(t, "tmux", "Debian's tmux")
	dir := t.TempDir()
	bin := editortest.Dbls(t, dir)
	db := editortest.Shop(t, dir)
	proj := filepath.Join(dir, "proj")
	os.MkdirAll(filepath.Join(dir, "cfg", "helix"), 0o700)
	os.MkdirAll(proj, 0o700)
	os.WriteFile(filepath.Join(proj, ".dbls.toml"), []byte("[connections.shop]\nurl = "+strconv.Quote("sqlite:"+db)+"\n"), 0o600)
	// The shipped languages.toml, with the binary under test and a default
	// connection.
	conf, err := os.ReadFile("languages.toml")
	if err != nil {
		t.Fatal(err)
	}
	c := strings.Replace(string(conf), `command = "dbls"`, "command = "+strconv.Quote(bin), 1)
	c = strings.Replace(c, `# default_connection = "dev"`, `default_connection = "shop"`, 1)
	os.WriteFile(filepath.Join(dir, "cfg", "helix", "languages.toml"), []byte(c), 0o600)
	os.WriteFile(filepath.Join(proj, "q.sql"), []byte("SELECT * FROM orders o JOIN customers c\nSELECT nope FROM orders;\n"), 0o600)

	session := "dbls-hx-" + strconv.Itoa(os.Getpid())
	args := []string{"-L", session, "-f", "/dev/null", "new-session", "-d", "-s", session, "-x", "160", "-y", "30", "-c", proj}
	for _, e := range editortest.Env(dir) {
		args = append(args, "-e", e)
	}
	args = append(args, hx, "q.sql")
	if out, err := exec.Command(tmux, args...).CombinedOutput(); err != nil {
		t.Fatalf("tmux: %v: %s", err, out)
	}
	t.Cleanup(func() { exec.Command(tmux, "-L", session, "kill-server").Run() })
	s := screen{t, tmux, session, session}
	// The diagnostic says the server has read the schema.
	s.waitFor("●   2")

	// Right after ON the join condition from the foreign key comes first.
	s.keys("g", "g", "A")
	s.text(" ON ")
	menu := s.waitFor("o.customer_id = c.id")
	if i, j := strings.Index(menu, "o.customer_id = c.id"), strings.Index(menu, "o.id "); i < 0 || j >= 0 && j < i {
		t.Errorf("the FK join item is not first:\n%s", menu)
	}
	s.keys("Tab")
	s.keys("Enter", "Escape")
	s.waitFor("JOIN customers c ON o.customer_id = c.id")

	// Columns of the table in scope, from the schema.
	s.keys("o")
	s.text("SELECT * FROM customers WHERE ful")
	s.waitFor("full_name")
	s.keys("Escape")

	// dbls's code actions are in Helix's menu.
	s.keys("Escape", "g", "g", "Space", "a")
	s.waitFor("Run statement")
	s.keys("Escape")
}
