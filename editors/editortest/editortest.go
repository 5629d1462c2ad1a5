// Package editortest holds what the editors' end-to-end tests share: the
// editor found or the test skipped, the dbls binary built, the sample shop
// database made, and an environment that keeps the editor and dbls out of
// the user's own config, data and cache directories.
package editortest

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/dbls/dbls/drivers"
	_ "github.com/dbls/dbls/drivers/postgres" // the tests seed PostgreSQL databases
	_ "github.com/dbls/dbls/drivers/sqlite"
)

// Editor returns the path of program, or skips the test when it is not
// installed; with DBLS_REQUIRE_SERVERS=1 (as CI sets) it fails instead.
func Editor(t *testing.T, program, install string) string {
	t.Helper()
	p, err := exec.LookPath(program)
	if err != nil {
		if os.Getenv("DBLS_REQUIRE_SERVERS") == "1" {
			t.Fatalf("%s is required (DBLS_REQUIRE_SERVERS=1; .ci/run installs %s)", program, install)
		}
		t.Skipf("%s not installed (%s), skipping", program, install)
	}
	return p
}

// Dbls builds the dbls binary into dir and returns its path.
func Dbls(t *testing.T, dir string) string {
	t.Helper()
	bin := filepath.Join(dir, "dbls")
	if out, err := exec.Command("go", "build", "-o", bin, "../../cmd/dbls").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	return bin
}

// Seed runs the SQL script on url.
func Seed(t *testing.T, url, script string) {
	t.Helper()
	c, _, err := drivers.Open(context.Background(), url)
	if err != nil {
		t.Fatalf("open %s: %v", url, err)
	}
	defer c.Close()
	if _, err := c.(drivers.Execer).Exec(context.Background(), string(script)); err != nil {
		t.Fatalf("seed %s: %v", url, err)
	}
}

// Shop makes the sample shop database (docs/examples/shop.sql) as a SQLite
// file in dir and returns the file's path.
func Shop(t *testing.T, dir string) string {
	t.Helper()
	shop, err := os.ReadFile("../../docs/examples/shop.sql")
	if err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "shop.db")
	Seed(t, "sqlite:"+db+"?mode=rwc", string(shop))
	return db
}

// Env is the process environment with the XDG directories moved under dir.
func Env(dir string) []string {
	return append(os.Environ(), "XDG_CONFIG_HOME="+filepath.Join(dir, "cfg"), "XDG_DATA_HOME="+filepath.Join(dir, "data"),
		"XDG_STATE_HOME="+filepath.Join(dir, "state"), "XDG_CACHE_HOME="+filepath.Join(dir, "cache"), "HOME="+dir)
}
