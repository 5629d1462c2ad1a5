package server_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dbls/dbls/drivers/drivertest"
	"github.com/dbls/dbls/server"
)

// TestSaveMigration: dbls.saveMigration writes the compare's plan as the
// next migration of a workspace directory, in the layout found there, and
// refuses a call without a directory or with an unknown layout.
func TestSaveMigration(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	ws := t.TempDir()
	target := drivertest.SQLiteURL(t)
	execSQL(t, target, "CREATE TABLE customers (id INTEGER PRIMARY KEY)")
	if err := os.WriteFile(filepath.Join(ws, "schema.sql"), []byte("CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT);\nCREATE TABLE orders (id INTEGER PRIMARY KEY);\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	mig := filepath.Join(ws, "migrations")
	if err := os.MkdirAll(mig, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(mig, "V1__init.sql"), []byte("-- init\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	opts := map[string]any{"connections": map[string]any{"target": map[string]any{"url": target}}}
	c := startIn(t, ws, setup{initOptions: opts, st: openStore(t)})

	var res server.MigrationResult
	if err := command(c, server.CmdSaveMigration, map[string]any{"source": "schema.sql", "target": "target", "dir": "migrations", "name": "orders"}, &res); err != nil {
		t.Fatal(err)
	}
	want := []string{filepath.Join(mig, "V2__orders.sql"), filepath.Join(mig, "U2__orders.sql")}
	if res.Layout != "flyway" || res.Version != "2" || !slices.Equal(res.Files, want) || res.Statements == 0 {
		t.Fatalf("result %+v", res)
	}
	up, _ := os.ReadFile(want[0])
	down, _ := os.ReadFile(want[1])
	if !strings.Contains(string(up), `CREATE TABLE "main"."orders"`) || !strings.Contains(string(down), `DROP TABLE "main"."orders"`) {
		t.Fatalf("up:\n%s\ndown:\n%s", up, down)
	}
	for _, bad := range []map[string]any{
		{"source": "schema.sql", "target": "target"},
		{"source": "schema.sql", "target": "target", "dir": "migrations", "layout": "liquibase"},
	} {
		if err := command(c, server.CmdSaveMigration, bad, &res); err == nil || !strings.Contains(err.Error(), "dbls.saveMigration") {
			t.Errorf("%v: %v", bad, err)
		}
	}
}
