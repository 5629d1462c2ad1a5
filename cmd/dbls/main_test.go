package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dbls/dbls/drivers/schema"
)

// dbls runs one command line in-process.
func dbls(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), args, &out, &errb)
	return out.String(), errb.String(), code
}

// shop builds the demo database in a temp dir, as `make demo` does.
func shop(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "shop db's; file.db")
	if _, errs, code := dbls(t, "query", "sqlite:"+path+"?mode=rwc", "--file", "../../docs/examples/shop.sql"); code != 0 {
		t.Fatalf("create shop: %s", errs)
	}
	return "sqlite:" + path
}

func TestDrivers(t *testing.T) {
	out, _, code := dbls(t, "drivers", "--json")
	var ms []struct {
		ID           string
		Capabilities map[string]bool
	}
	if code != 0 || json.Unmarshal([]byte(out), &ms) != nil {
		t.Fatalf("drivers --json: %d %s", code, out)
	}
	if len(ms) == 0 || ms[len(ms)-1].ID != "sqlite" || !ms[len(ms)-1].Capabilities["file_based"] {
		t.Fatalf("manifests: %+v", ms)
	}
	out, _, _ = dbls(t, "drivers")
	if !strings.Contains(out, "sqlite") || !strings.Contains(out, "sqlite3,file") {
		t.Fatalf("drivers table: %s", out)
	}
}

func TestInspect(t *testing.T) {
	conn := shop(t)
	out, errs, code := dbls(t, "inspect", conn, "--json")
	if code != 0 {
		t.Fatalf("inspect: %s", errs)
	}
	snap, err := schema.Unmarshal([]byte(out))
	if err != nil {
		t.Fatal(err)
	}
	if n := snap.TableCount(); n != 12 {
		t.Fatalf("%d tables", n)
	}
	out, _, code = dbls(t, "inspect", conn)
	for _, want := range []string{"12 tables, 1 view", "table warehouses  [without_rowid=true]",
		"index ix_orders_open (status) where status NOT IN", "trigger trg_order_items_stock AFTER INSERT ON order_items"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("inspect lacks %q", want)
		}
	}
	out, _, _ = dbls(t, "inspect", conn, "--schema", "nope", "--json")
	if s, err := schema.Unmarshal([]byte(out)); err != nil || len(s.Schemas) != 0 {
		t.Fatalf("--schema filter: %v %s", err, out)
	}
}

func TestQuery(t *testing.T) {
	conn := shop(t)
	q := "SELECT id, email FROM customers ORDER BY id"
	cases := []struct {
		args []string
		want string
	}{
		{[]string{q, "--limit", "2"}, "(2 rows; more rows: --page 2"},
		{[]string{q, "--limit", "2", "--page", "2", "--format", "csv"}, "id,email\n3,linus@example.com\n4,zoë@example.com\n"},
		{[]string{q, "--limit", "1", "--format", "markdown"}, "| 1 | ada@example.com |"},
		{[]string{q, "--limit", "1", "--format", "json"}, `"has_more": true`},
		{[]string{"UPDATE products SET price = price * 1.1 WHERE category_id = 2"}, "OK, 2 rows affected"},
	}
	for _, tc := range cases {
		out, errs, code := dbls(t, append([]string{"query", conn}, tc.args...)...)
		if code != 0 || !strings.Contains(out, tc.want) {
			t.Errorf("query %q: code %d, out %q, err %q; want %q", tc.args, code, out, errs, tc.want)
		}
	}
}

func TestErrors(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "nope.db")
	conn := shop(t)
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"inspect", "sqlite:" + missing}, "does not exist"},
		{[]string{"inspect", "oracle://u:pw@h/db"}, `unknown driver "oracle" (registered:`},
		{[]string{"inspect", "prod"}, `unknown connection "prod"`},
		{[]string{"query", conn, "SELEC 1"}, `near "SELEC": syntax error (1) at line 1, column 1`},
		{[]string{"query", conn, "SELECT * FROM nowhere"}, "no such table: nowhere"},
		{[]string{"query", conn, "SELECT 1", "--format", "xml"}, "unknown format"},
		{[]string{"query", conn}, "no SQL given"},
		{[]string{"query", conn, "SELECT 1", "--page", "0"}, "--page"},
		{[]string{"query", conn, "--file", missing}, "read SQL"},
		{[]string{"bogus"}, "unknown command"},
	}
	for _, tc := range cases {
		_, errs, code := dbls(t, tc.args...)
		if code != 1 || !strings.Contains(errs, tc.want) {
			t.Errorf("%q: code %d, stderr %q; want 1 and %q", tc.args, code, errs, tc.want)
		}
		if strings.Contains(errs, "pw@") {
			t.Errorf("%q: password in error: %s", tc.args, errs)
		}
	}
	if _, err := os.Stat(missing); !os.IsNotExist(err) {
		t.Fatal("inspect created the missing database")
	}
}

// TestBinary checks what only a real process shows: exit status and
// streams, as scripts see them.
func TestBinary(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "dbls")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	conn := shop(t)
	cmd := exec.Command(bin, "query", conn, "SELECT * FROM missing_table")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 || !strings.Contains(stderr.String(), "no such table") {
		t.Fatalf("exit = %v, stderr = %s", err, stderr.String())
	}
	cmd = exec.Command(bin, "query", conn, "-", "--format", "csv")
	cmd.Stdin = strings.NewReader("SELECT count(*) AS n FROM orders")
	out, err := cmd.Output()
	if err != nil || string(out) != "n\n4\n" {
		t.Fatalf("stdin query: %v %q", err, out)
	}
}
