package migration_test

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dbls/dbls/diff"
	"github.com/dbls/dbls/diff/migration"
)

var now = time.Date(2026, 12, 5, 7, 30, 0, 0, time.UTC)

func up() *diff.Plan {
	return &diff.Plan{Source: "v2.sql", Target: "sqlite shop", Items: []diff.Item{
		{ID: "table.create:main.coupons", SQL: []string{`CREATE TABLE "coupons" ("id" integer)`}, Selected: true},
		{ID: "column.drop:main.orders.legacy", SQL: []string{`ALTER TABLE "orders" DROP COLUMN "legacy"`}, Destructive: true, Selected: true},
		{ID: "column.drop:main.orders.old", SQL: []string{`ALTER TABLE "orders" DROP COLUMN "old"`}, Destructive: true},
		{ID: "schema.create:extra", SQL: []string{`CREATE SCHEMA "extra"`}, Selected: true},
	}, Notes: []string{"routine f differs"}}
}

func reverse() *diff.Plan {
	return &diff.Plan{Source: "sqlite shop", Target: "v2.sql", Items: []diff.Item{
		{ID: "table.drop:main.coupons", SQL: []string{`DROP TABLE "coupons"`}, Destructive: true, Selected: true},
		{ID: "column.add:main.orders.legacy", SQL: []string{`ALTER TABLE "orders" ADD COLUMN "legacy" text`}, Selected: true},
		{ID: "column.add:main.orders.old", SQL: []string{`ALTER TABLE "orders" ADD COLUMN "old" text`}, Selected: true},
	}}
}

func write(t *testing.T, dir, name, text string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func names(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		out = append(out, e.Name())
	}
	return out
}

// TestLayouts: each layout, detected from the files already there or
// given, continues the numbering in the existing style.
func TestLayouts(t *testing.T) {
	for _, tc := range []struct {
		name     string
		layout   migration.Layout
		existing []string
		want     []string // new files
	}{
		{"golang-migrate sequence", "", []string{"000001_init.up.sql", "000001_init.down.sql", "000002_more.up.sql", "000002_more.down.sql"},
			[]string{"000003_add_coupons.up.sql", "000003_add_coupons.down.sql"}},
		{"golang-migrate narrow", "", []string{"1_init.up.sql", "9_x.up.sql"}, []string{"10_add_coupons.up.sql", "10_add_coupons.down.sql"}},
		{"golang-migrate timestamps", "", []string{"20240101000000_init.up.sql", "20240101000000_init.down.sql"},
			[]string{"20261205073000_add_coupons.up.sql", "20261205073000_add_coupons.down.sql"}},
		{"golang-migrate future timestamp", "", []string{"20300101000000_init.up.sql"},
			[]string{"20300101000001_add_coupons.up.sql", "20300101000001_add_coupons.down.sql"}},
		{"golang-migrate unix", "", []string{"1500360784_init.up.sql"},
			[]string{"1796455800_add_coupons.up.sql", "1796455800_add_coupons.down.sql"}},
		{"golang-migrate empty", migration.GolangMigrate, nil, []string{"000001_add_coupons.up.sql", "000001_add_coupons.down.sql"}},
		{"flyway", "", []string{"V1__init.sql", "V2__more.sql", "V2.1__fix.sql", "R__views.sql"}, []string{"V3__add_coupons.sql", "U3__add_coupons.sql"}},
		{"flyway empty", migration.Flyway, nil, []string{"V1__add_coupons.sql", "U1__add_coupons.sql"}},
		{"atlas", "", nil, nil}, // filled below: needs atlas.sum
		{"plain", "", []string{"0001_init.sql", "0002_more.sql", "README.md"}, []string{"0003_add_coupons.sql"}},
		{"plain empty", "", nil, []string{"0001_add_coupons.sql"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			if tc.name == "atlas" {
				write(t, dir, "20240101000000_init.sql", "CREATE TABLE a (id int);\n")
				if _, err := migration.WriteSum(dir); err != nil {
					t.Fatal(err)
				}
				tc.existing = []string{"20240101000000_init.sql", "atlas.sum"}
				tc.want = []string{"20261205073000_add_coupons.sql"}
			} else {
				for _, n := range tc.existing {
					write(t, dir, n, "-- existing\n")
				}
			}
			res, err := migration.Write(migration.Request{Dir: dir, Name: "Add coupons!", Layout: tc.layout, Up: up(), Down: reverse(), Now: now})
			if err != nil {
				t.Fatal(err)
			}
			want := slices.Concat(tc.existing, tc.want)
			slices.Sort(want)
			if got := names(t, dir); !slices.Equal(got, want) {
				t.Fatalf("files %v, want %v", got, want)
			}
			if res.Statements != 3 || len(res.Files) == 0 {
				t.Fatalf("result %+v", res)
			}
			if hasDown := len(tc.want) == 2; hasDown != (len(res.Irreversible) == 2) {
				t.Errorf("irreversible %q with down file %v", res.Irreversible, hasDown)
			}
			upText, err := os.ReadFile(res.Files[0])
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range []string{`CREATE TABLE "coupons" ("id" integer);`, "-- item: column.drop:main.orders.old (destructive, not selected)",
				`--   ALTER TABLE "orders" DROP COLUMN "old";`, "-- note: routine f differs"} {
				if !strings.Contains(string(upText), s) {
					t.Errorf("up file lacks %q:\n%s", s, upText)
				}
			}
			if tc.name == "atlas" {
				if err := migration.CheckSum(dir); err != nil {
					t.Fatalf("atlas.sum after write: %v", err)
				}
			}
		})
	}
}

// TestDown: the down file undoes exactly what the up file does, in the
// reverse plan's order, and lists what cannot be undone.
func TestDown(t *testing.T) {
	text, irreversible := migration.Down(up(), reverse())
	for _, s := range []string{
		`DROP TABLE "coupons";`,
		`ALTER TABLE "orders" ADD COLUMN "legacy" text;`,
		"-- cannot be undone: column.drop:main.orders.legacy: the down migration restores the structure, not the data",
		"-- cannot be undone: schema.create:extra: no reverse change",
	} {
		if !strings.Contains(text, s) {
			t.Errorf("down lacks %q:\n%s", s, text)
		}
	}
	if strings.Contains(text, `"old"`) {
		t.Errorf("down undoes a change up leaves out:\n%s", text)
	}
	if len(irreversible) != 2 {
		t.Errorf("irreversible %v", irreversible)
	}
	if strings.Index(text, "DROP TABLE") > strings.Index(text, "ADD COLUMN") {
		t.Errorf("down not in the reverse plan's order:\n%s", text)
	}
}

// TestNeverOverwrites: numbering always moves past existing migrations,
// so only something that is not a migration file can take the new name
// (here a dangling symlink, or a file written meanwhile): it stops the
// write before any file is written.
func TestNeverOverwrites(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "000001_init.up.sql", "-- v1\n")
	if err := os.Symlink("elsewhere.sql", filepath.Join(dir, "000002_add_coupons.down.sql")); err != nil {
		t.Fatal(err)
	}
	_, err := migration.Write(migration.Request{Dir: dir, Name: "add coupons", Up: up(), Down: reverse(), Now: now})
	if !errors.Is(err, migration.ErrExists) {
		t.Fatalf("err = %v, want ErrExists", err)
	}
	if got := names(t, dir); len(got) != 2 {
		t.Fatalf("files %v: something was written", got)
	}
	if _, err := os.Stat(filepath.Join(dir, "elsewhere.sql")); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("written through the symlink: %v", err)
	}
}

// TestEmptyPlanWritesNothing.
func TestEmptyPlanWritesNothing(t *testing.T) {
	dir := t.TempDir()
	p := up()
	for i := range p.Items {
		p.Items[i].Selected = false
	}
	res, err := migration.Write(migration.Request{Dir: dir, Up: p, Down: reverse(), Now: now})
	if err != nil || res.Statements != 0 || len(res.Files) != 0 {
		t.Fatalf("res %+v err %v", res, err)
	}
	if got := names(t, dir); len(got) != 0 {
		t.Fatalf("files %v", got)
	}
}

// TestAtlasSum: the sum has Atlas's shape and changes with any byte of any
// file; a directory whose sum no longer matches is refused.
func TestAtlasSum(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "20240101000000_init.sql", "CREATE TABLE a (id int);\n")
	write(t, dir, "20240102000000_more.sql", "CREATE TABLE b (id int);\n")
	if _, err := migration.WriteSum(dir); err != nil {
		t.Fatal(err)
	}
	sum, _ := os.ReadFile(filepath.Join(dir, "atlas.sum"))
	lines := strings.Split(strings.TrimSuffix(string(sum), "\n"), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[0], "h1:") || !strings.HasPrefix(lines[1], "20240101000000_init.sql h1:") ||
		!strings.HasPrefix(lines[2], "20240102000000_more.sql h1:") {
		t.Fatalf("atlas.sum:\n%s", sum)
	}
	if err := migration.CheckSum(dir); err != nil {
		t.Fatal(err)
	}
	write(t, dir, "20240101000000_init.sql", "CREATE TABLE a (id bigint);\n") // tampered
	if err := migration.CheckSum(dir); !errors.Is(err, migration.ErrSumMismatch) {
		t.Fatalf("tampered file: %v", err)
	}
	if _, err := migration.Write(migration.Request{Dir: dir, Up: up(), Now: now}); !errors.Is(err, migration.ErrSumMismatch) {
		t.Fatalf("write into a tampered directory: %v", err)
	}
	if got := names(t, dir); len(got) != 3 {
		t.Fatalf("files %v", got)
	}
}

func TestParseLayout(t *testing.T) {
	for in, want := range map[string]migration.Layout{"": "", "Flyway": migration.Flyway, "golang-migrate": migration.GolangMigrate} {
		if got, err := migration.ParseLayout(in); err != nil || got != want {
			t.Errorf("%q: %v %v", in, got, err)
		}
	}
	if _, err := migration.ParseLayout("liquibase"); err == nil {
		t.Error("liquibase accepted")
	}
}

// TestAtlasSumGolden: the sum of a fixed directory, as Atlas v0.28.0's own
// migrate.Validate accepted it (checked once by hand with a program that
// calls migrate.NewLocalDir and migrate.Validate on this directory).
func TestAtlasSumGolden(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "20240101000000_init.sql", "CREATE TABLE a (id int);\n")
	write(t, dir, "20240102000000_more.sql", "-- x\nCREATE TABLE b (id int);\n")
	got, err := migration.Sum(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := "h1:aEKfiKbZI/uVZQgg+CmbUXgrwySFlaemG8a1EjtRbGY=\n" +
		"20240101000000_init.sql h1:GNFHbZd3i09ZBAyAUFbgUkkpDeYFczWqAJn4sjeJ5Ew=\n" +
		"20240102000000_more.sql h1:jeVHqXWB5jMdsgB2XFeQxSrVlLGj+4uyIK4h35iU9XE=\n"
	if string(got) != want {
		t.Fatalf("atlas.sum:\n%s\nwant:\n%s", got, want)
	}
}
