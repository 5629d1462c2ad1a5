package connect

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dbls/dbls/drivers"
	_ "github.com/dbls/dbls/drivers/all"
	"github.com/dbls/dbls/drivers/connect/config"
	"github.com/dbls/dbls/drivers/connect/secret"
	"github.com/dbls/dbls/drivers/connect/store"
	"github.com/dbls/dbls/drivers/drivertest"
)

func TestMain(m *testing.M) {
	secret.UseMock()
	os.Exit(m.Run())
}

func newResolver(t *testing.T, toml string) (*Resolver, string) {
	t.Helper()
	dir := t.TempDir()
	file := filepath.Join(dir, config.ProjectFileName)
	if err := os.WriteFile(file, []byte(toml), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, _, err := config.Load(file)
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(context.Background(), filepath.Join(dir, "store.db"))
	if err != nil {
		t.Fatal(err)
	}
	r := &Resolver{Config: cfg, Store: st}
	t.Cleanup(func() { r.Close(); st.Close() })
	return r, dir
}

func TestLookupOrderAndRelativePaths(t *testing.T) {
	ctx := context.Background()
	r, dir := newResolver(t, `
[connections.both]
url = "sqlite:from-config.db"
[connections.rel]
driver = "sqlite"
path = "data/app.db"
`)
	if err := r.Store.Save(ctx, "both", config.Connection{URL: "sqlite:from-store.db"}); err != nil {
		t.Fatal(err)
	}
	if err := r.Store.Save(ctx, "saved", config.Connection{URL: "sqlite:///abs/saved.db"}); err != nil {
		t.Fatal(err)
	}
	cases := []struct{ arg, origin, path string }{
		{"both", filepath.Join(dir, config.ProjectFileName), filepath.Join(dir, "from-config.db")},
		{"rel", filepath.Join(dir, config.ProjectFileName), filepath.Join(dir, "data", "app.db")},
		{"saved", "store", "/abs/saved.db"},
		{"sqlite:x.db", "url", "x.db"},
	}
	for _, tc := range cases {
		def, err := r.Lookup(ctx, tc.arg)
		if err != nil || def.Origin != tc.origin {
			t.Errorf("Lookup(%s) = %+v, %v; want origin %s", tc.arg, def, err, tc.origin)
			continue
		}
		p, err := definitionParams(def)
		if err != nil || p.Path != tc.path {
			t.Errorf("path of %s = %q, %v; want %q", tc.arg, p.Path, err, tc.path)
		}
	}
	_, err := r.Lookup(ctx, "nope")
	if !errors.Is(err, ErrUnknown) || !strings.Contains(err.Error(), "known: both, rel, both, saved") {
		t.Fatalf("unknown: %v", err)
	}
}

func TestPasswordSources(t *testing.T) {
	ctx := context.Background()
	t.Setenv("DBLS_TEST_PW", "from-env")
	t.Setenv("DBLS_TEST_OUT", "oops-secret")
	if err := secret.Set(config.PasswordKey("kr"), "from-keyring"); err != nil {
		t.Fatal(err)
	}
	r, _ := newResolver(t, `
[connections.env]
url = "postgres://u@h/db"
password_env = "DBLS_TEST_PW"
[connections.cmd]
url = "postgres://u@h/db"
password_command = "printf 'from-command\nsecond line'"
[connections.kr]
url = "postgres://u@h/db"
keyring = true
[connections.missing]
url = "postgres://u@h/db"
password_env = "DBLS_NOT_SET_ANYWHERE"
[connections.failing]
url = "postgres://u@h/db"
password_command = "echo $DBLS_TEST_OUT; echo broken >&2; exit 3"
`)
	for name, want := range map[string]string{"env": "from-env", "cmd": "from-command", "kr": "from-keyring"} {
		def, _ := r.Lookup(ctx, name)
		p, err := definitionParams(def)
		if err == nil {
			err = resolvePassword(ctx, def, &p)
		}
		if err != nil || p.Password != want {
			t.Errorf("%s: password %q, %v; want %q", name, p.Password, err, want)
		}
	}
	// A failing command's stderr may hold the secret too: only its exit
	// status is told.
	for name, msg := range map[string]string{"missing": "DBLS_NOT_SET_ANYWHERE is not set", "failing": "exit status 3"} {
		_, err := r.Params(ctx, name)
		if err == nil || !strings.Contains(err.Error(), msg) || strings.Contains(err.Error(), "oops-secret") || strings.Contains(err.Error(), "broken") {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// TestReadOnly: a readonly connection reads and refuses writes, on every engine.
func TestReadOnly(t *testing.T) {
	ctx := context.Background()
	sqlitePath := filepath.Join(t.TempDir(), "ro.db")
	urls := map[string]string{
		"sqlite":   "sqlite:" + sqlitePath + "?mode=rwc",
		"postgres": drivertest.PostgresURL(t),
		"mysql":    drivertest.MySQLURL(t),
	}
	for engine, url := range urls {
		t.Run(engine, func(t *testing.T) {
			rw, _, err := drivers.Open(ctx, url)
			if err != nil {
				t.Fatal(err)
			}
			exec(t, rw, "CREATE TABLE t (id INTEGER PRIMARY KEY)")
			rw.Close()
			url = strings.TrimSuffix(url, "?mode=rwc")
			r := &Resolver{Config: (&config.Config{Connections: map[string]config.Connection{
				"ro": {URL: url, ReadOnly: true}}}).Merge(nil)}
			c, _, err := r.Open(ctx, "ro")
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			exec(t, c, "SELECT count(*) FROM t")
			_, err = c.(drivers.Querier).Query(ctx, drivers.Request{SQL: "INSERT INTO t (id) VALUES (1)"})
			if err == nil {
				t.Fatal("a readonly connection wrote")
			}
			t.Logf("refused: %v", err)
		})
	}
}

func exec(t *testing.T, c drivers.Conn, sql string) {
	t.Helper()
	if _, err := c.(drivers.Querier).Query(context.Background(), drivers.Request{SQL: sql}); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
}
