package main

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/dbls/dbls/diff/migration"
	"github.com/dbls/dbls/drivers/drivertest"
)

// TestDiffMigrationFiles: dbls diff --format migration writes the next
// migration; running its up file makes the target match the source, and
// running its down file brings the target back to where it was, on SQLite
// and PostgreSQL. Writing again once converged writes nothing.
func TestDiffMigrationFiles(t *testing.T) {
	for _, tc := range []struct {
		name   string
		setup  func(t *testing.T) (source, target string)
		layout string
		files  []string
	}{
		{"sqlite golang-migrate", func(t *testing.T) (string, string) {
			return "../../docs/examples/shop_v2.sql", shop(t)
		}, "", []string{"000002_v2.down.sql", "000002_v2.up.sql"}},
		{"postgres flyway", func(t *testing.T) (string, string) {
			src, dst := drivertest.PostgresURL(t), drivertest.PostgresURL(t)
			runScript(t, src, `CREATE TABLE customers (id bigint PRIMARY KEY, email text NOT NULL, nick text);
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL REFERENCES customers (id), total numeric(10,2) NOT NULL DEFAULT 0);
CREATE INDEX ix_orders_customer ON orders (customer_id);`)
			runScript(t, dst, `CREATE TABLE customers (id bigint PRIMARY KEY, email varchar(100) NOT NULL);
INSERT INTO customers VALUES (1, 'a@example.com');`)
			return src, dst
		}, "flyway", []string{"U2__v2.sql", "V1__init.sql", "V2__v2.sql"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			source, target := tc.setup(t)
			before := filepath.Join(t.TempDir(), "before.json")
			out, errs, code := dbls(t, "inspect", target, "--json")
			if code != 0 {
				t.Fatalf("inspect: %s", errs)
			}
			if err := os.WriteFile(before, []byte(out), 0o644); err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			first := "000001_init.up.sql"
			if tc.layout == "flyway" {
				first = "V1__init.sql"
			}
			if err := os.WriteFile(filepath.Join(dir, first), []byte("-- the first migration\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			args := []string{"diff", source, target, "--format", "migration", "--dir", dir, "--name", "v2"}
			if tc.layout != "" {
				args = append(args, "--layout", tc.layout)
			}
			out, errs, code = dbls(t, args...)
			if code != 0 || !strings.Contains(out, "-- wrote ") {
				t.Fatalf("diff --format migration: %d\n%s%s", code, out, errs)
			}
			var got []string
			es, _ := os.ReadDir(dir)
			for _, e := range es {
				got = append(got, e.Name())
			}
			want := slices.Concat(tc.files, nil)
			if tc.layout == "" {
				want = append(want, first)
			}
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Fatalf("files %v, want %v\n%s", got, want, out)
			}
			upFile, downFile := filepath.Join(dir, tc.files[len(tc.files)-1]), filepath.Join(dir, tc.files[0])
			// Up: the target now matches the source (destructive items
			// were not selected, so only those may remain).
			if _, errs, code := dbls(t, "query", target, "--file", upFile); code != 0 {
				t.Fatalf("run up: %s", errs)
			}
			out, _, _ = dbls(t, "diff", source, target)
			if strings.Contains(out, "-- [x]") {
				t.Fatalf("after up, selected differences remain:\n%s", out)
			}
			// Writing again: nothing to migrate, no file.
			out, _, code = dbls(t, args...)
			if code != 0 || !strings.Contains(out, "nothing to migrate") {
				t.Fatalf("second write: %d %s", code, out)
			}
			if es2, _ := os.ReadDir(dir); len(es2) != len(es) {
				t.Fatalf("second write wrote files")
			}
			// Down: back to the structure before.
			if _, errs, code := dbls(t, "query", target, "--file", downFile); code != 0 {
				text, _ := os.ReadFile(downFile)
				t.Fatalf("run down: %s\n%s", errs, text)
			}
			if out, errs, code := dbls(t, "diff", before, target, "--exit-code", "--allow-destructive"); code != 0 {
				text, _ := os.ReadFile(downFile)
				t.Fatalf("after down, differences remain: %d\n%s%s\ndown file:\n%s", code, out, errs, text)
			}
		})
	}
}

// TestDiffMigrationFlags: migration options without --format migration,
// a missing --dir and an unknown layout are refused before any compare.
func TestDiffMigrationFlags(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--format", "migration"}, "needs --dir"},
		{[]string{"--format", "migration", "--dir", "x", "--layout", "liquibase"}, "unknown migration layout"},
		{[]string{"--dir", "x"}, "go with --format migration"},
		{[]string{"--format", "yaml"}, "unknown --format"},
	} {
		_, errs, code := dbls(t, append([]string{"diff", "a.sql", "sqlite:nowhere.db"}, tc.args...)...)
		if code == 0 || !strings.Contains(errs, tc.want) {
			t.Errorf("%v: %d %s", tc.args, code, errs)
		}
	}
}

func runScript(t *testing.T, url, script string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "setup.sql")
	if err := os.WriteFile(path, []byte(script), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, errs, code := dbls(t, "query", url, "--file", path); code != 0 {
		t.Fatalf("setup: %s", errs)
	}
}

// TestDiffMigrationAtlas: into an Atlas directory the migration is a
// timestamped file and atlas.sum stays valid; running the file converges.
func TestDiffMigrationAtlas(t *testing.T) {
	target := shop(t)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "20240101000000_init.sql"), []byte("-- init\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := migration.WriteSum(dir); err != nil {
		t.Fatal(err)
	}
	v2 := "../../docs/examples/shop_v2.sql"
	out, errs, code := dbls(t, "diff", v2, target, "--format", "migration", "--dir", dir, "--name", "v2")
	if code != 0 || !strings.Contains(out, "-- wrote atlas migration ") {
		t.Fatalf("%d\n%s%s", code, out, errs)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*_v2.sql"))
	if len(files) != 1 || !regexp.MustCompile(`/\d{14}_v2\.sql$`).MatchString(files[0]) {
		t.Fatalf("files %v", files)
	}
	if err := migration.CheckSum(dir); err != nil {
		t.Fatal(err)
	}
	if _, errs, code := dbls(t, "query", target, "--file", files[0]); code != 0 {
		t.Fatalf("run: %s", errs)
	}
	if out, _, _ := dbls(t, "diff", v2, target); strings.Contains(out, "-- [x]") {
		t.Fatalf("selected differences remain:\n%s", out)
	}
}
