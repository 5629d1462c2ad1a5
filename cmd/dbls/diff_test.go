package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDiffAndSyncSQLite(t *testing.T) {
	target := shop(t) // v1 with rows
	v2 := "../../docs/examples/shop_v2.sql"

	out, errs, code := dbls(t, "diff", v2, target, "--exit-code")
	if code != 2 || !strings.Contains(out, "-- [x] create table main.coupons") || !strings.Contains(out, "rebuild table main.orders") {
		t.Fatalf("diff --exit-code: %d\n%s%s", code, out, errs)
	}
	out, _, _ = dbls(t, "diff", v2, target, "--json")
	var plan struct {
		Items []struct {
			ID       string
			Kind     string
			SQL      []string
			Selected bool
		}
	}
	if err := json.Unmarshal([]byte(out), &plan); err != nil || len(plan.Items) == 0 {
		t.Fatalf("diff --json: %v\n%s", err, out)
	}
	ids := map[string]bool{}
	for _, it := range plan.Items {
		ids[it.ID] = true
	}
	for _, want := range []string{"table.create:main.coupons", "view.create:main.open_orders", "column.add:main.products.discontinued"} {
		if !ids[want] {
			t.Errorf("plan lacks %s: %v", want, ids)
		}
	}
	// A script must say --yes: without a terminal, sync refuses.
	if _, errs, code := dbls(t, "sync", v2, target); code != 1 || !strings.Contains(errs, "without --yes") {
		t.Fatalf("sync without --yes: %d %s", code, errs)
	}
	if out, _, code := dbls(t, "sync", v2, target, "--dry-run"); code != 0 || !strings.Contains(out, "CREATE TABLE") {
		t.Fatalf("dry run: %d %s", code, out)
	}
	if out, errs, code := dbls(t, "sync", v2, target, "--yes"); code != 0 || !strings.Contains(out, "the target now matches the source") {
		t.Fatalf("sync: %d\n%s%s", code, out, errs)
	}
	if out, _, code := dbls(t, "diff", v2, target, "--exit-code"); code != 0 || !strings.Contains(out, "no differences") {
		t.Fatalf("re-diff: %d %s", code, out)
	}
	if out, _, _ := dbls(t, "query", target, "SELECT count(*) AS n FROM orders", "--format", "csv"); out != "n\n4\n" {
		t.Fatalf("rows lost: %q", out)
	}
}

func TestSyncDestructiveGateAndLanguages(t *testing.T) {
	target := shop(t)
	smaller := filepath.Join(t.TempDir(), "smaller.sql")
	os.WriteFile(smaller, []byte("CREATE TABLE categories (id INTEGER PRIMARY KEY, name TEXT NOT NULL);\n"), 0o600)
	out, _, _ := dbls(t, "diff", smaller, target)
	if !strings.Contains(out, "-- [ ] drop table main.orders — destructive, not selected") ||
		!strings.Contains(out, "-- DROP TABLE") || !strings.Contains(out, "--allow-destructive selects") {
		t.Fatalf("destructive items shown as selected or hidden:\n%s", out)
	}
	out, _, _ = dbls(t, "diff", smaller, target, "--lang", "zh-CN")
	if !strings.Contains(out, "删除表 main.orders") || !strings.Contains(out, "破坏性") {
		t.Fatalf("Chinese labels:\n%s", out)
	}
	t.Setenv("LANG", "zh_CN.UTF-8")
	if out, _, _ = dbls(t, "diff", smaller, target); !strings.Contains(out, "删除表") {
		t.Fatalf("locale not followed:\n%s", out)
	}
	t.Setenv("LANG", "C")
	// Without --allow-destructive, sync leaves the data alone.
	if _, errs, code := dbls(t, "sync", smaller, target, "--yes"); code != 0 {
		t.Fatalf("sync: %s", errs)
	}
	if out, _, code := dbls(t, "query", target, "SELECT count(*) AS n FROM orders", "--format", "csv"); code != 0 || out != "n\n4\n" {
		t.Fatalf("a destructive item ran without --allow-destructive: %q", out)
	}
	if _, errs, code := dbls(t, "sync", smaller, target, "--yes", "--allow-destructive"); code != 0 {
		t.Fatalf("sync --allow-destructive: %s", errs)
	}
	if _, errs, code := dbls(t, "query", target, "SELECT 1 FROM orders"); code != 1 || !strings.Contains(errs, "no such table") {
		t.Fatalf("orders still there: %s", errs)
	}
}

func TestDiffErrors(t *testing.T) {
	target := shop(t)
	pgfile := filepath.Join(t.TempDir(), "s.sql")
	os.WriteFile(pgfile, []byte("CREATE TABLE t (id int);"), 0o600)
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"diff", pgfile, "postgres://postgres@127.0.0.1:1/x?connect_timeout=1"}, "target:"},
		{[]string{"diff", "sqlite::memory:", "mysql://root@127.0.0.1:1/x?connect_timeout=1"}, "target:"},
		{[]string{"diff", "nope.sql", target}, "source:"},
	}
	for _, c := range cases {
		_, errs, code := dbls(t, c.args...)
		if code != 1 || !strings.Contains(errs, c.want) {
			t.Errorf("%q: %d %s", c.args, code, errs)
		}
	}
	bad := filepath.Join(t.TempDir(), "bad.sql")
	os.WriteFile(bad, []byte("CREATE TABLE oops (;"), 0o600)
	if _, errs, code := dbls(t, "diff", bad, target); code != 1 || !strings.Contains(errs, "bad.sql") {
		t.Fatalf("bad schema file: %d %s", code, errs)
	}
}

func TestSyncChosenItems(t *testing.T) {
	target := shop(t)
	v2 := "../../docs/examples/shop_v2.sql"
	out, errs, code := dbls(t, "sync", v2, target, "--item", "table.create:main.coupons", "--yes")
	if code != 0 || !strings.Contains(out, "-- applied 1 statement(s)") || !strings.Contains(out, "-- [ ] rebuild table main.orders") {
		t.Fatalf("sync --item: %d\n%s%s", code, out, errs)
	}
	out, _, _ = dbls(t, "diff", v2, target)
	if strings.Contains(out, "create table main.coupons") || !strings.Contains(out, "rebuild table main.orders") {
		t.Fatalf("after sync --item:\n%s", out)
	}
	if _, errs, code := dbls(t, "sync", v2, target, "--item", "table.create:main.nope", "--yes"); code != 1 || !strings.Contains(errs, "no such item") {
		t.Fatalf("unknown item: %d %s", code, errs)
	}
	smaller := filepath.Join(t.TempDir(), "smaller.sql")
	os.WriteFile(smaller, []byte("CREATE TABLE categories (id INTEGER PRIMARY KEY, name TEXT NOT NULL);\n"), 0o600)
	if _, errs, code := dbls(t, "sync", smaller, target, "--item", "table.drop:main.orders", "--yes"); code != 1 || !strings.Contains(errs, "destructive") {
		t.Fatalf("destructive item without --allow-destructive: %d %s", code, errs)
	}
	if out, _, code := dbls(t, "query", target, "SELECT count(*) AS n FROM orders", "--format", "csv"); code != 0 || out != "n\n4\n" {
		t.Fatalf("orders touched: %q", out)
	}
}
