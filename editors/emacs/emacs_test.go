// Package emacs holds the Emacs integration (dbls.el, over eglot) and its
// end-to-end test: the real dbls binary driven by eglot in batch Emacs.
package emacs

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dbls/dbls/drivers/drivertest"
	"github.com/dbls/dbls/editors/editortest"
)

// TestEmacsEndToEnd loads dbls.el as `emacs -q -l dbls.el` would and runs
// probe.el: completion, a run with its rows in *dbls results*, paging and
// export from there, a WHERE-less DELETE confirmed at the prompt, a code
// action, a compare and its apply on SQLite; completion and a run on
// PostgreSQL after adding its connection to .dbls.toml mid-session and
// switching the buffer to it.
func TestEmacsEndToEnd(t *testing.T) {
	emacs := editortest.Editor(t, "emacs", "Debian's emacs-nox and elpa-eglot")
	dir := t.TempDir()
	bin := editortest.Dbls(t, dir)
	db := editortest.Shop(t, dir)
	pg := drivertest.PostgresURL(t)
	editortest.Seed(t, pg, "CREATE TABLE products (id serial PRIMARY KEY, sku text NOT NULL, name text);\n"+
		"INSERT INTO products (sku, name) VALUES ('W-1', 'widget');\n")

	doc := filepath.Join(dir, "q.sql")
	os.WriteFile(doc, []byte("-- dbls: connection=sqlite:"+db+"\n"+
		"SELECT  FROM orders;\n"+
		"\n"+
		"SELECT count(*) AS n_orders FROM orders;\n"+
		"\n"+
		"SELECT id FROM orders ORDER BY id;\n"+
		"DELETE FROM reviews;\n"+
		"SELECT count(*) AS reviews_left FROM reviews;\n"), 0o600)
	pgDoc := filepath.Join(dir, "pg_q.sql")
	os.WriteFile(pgDoc, []byte("SELECT  FROM products;\nSELECT sku, name FROM products WHERE name = 'widget';\n"), 0o600)
	// The probe adds the PostgreSQL connection to it mid-session.
	project := filepath.Join(dir, ".dbls.toml")
	os.WriteFile(project, []byte("# dbls project\n"), 0o600)
	out := filepath.Join(dir, "out.txt")
	export := filepath.Join(dir, "orders.csv")
	v2, _ := filepath.Abs("../../docs/examples/shop_v2.sql")

	ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second) // liveness backstop
	defer cancel()
	set := func(name, value string) string { return "(setq " + name + " " + strconv.Quote(value) + ")" }
	cmd := exec.CommandContext(ctx, emacs, "--batch", "-q", "-l", "dbls.el",
		"--eval", "(setq dbls-program (list "+strconv.Quote(bin)+" \"serve\"))",
		"--eval", "(progn "+set("dbls-probe-out", out)+set("dbls-probe-doc", doc)+set("dbls-probe-pg-doc", pgDoc)+
			set("dbls-probe-v2", v2)+set("dbls-probe-pg-url", pg)+set("dbls-probe-export", export)+
			set("dbls-probe-project", project)+")",
		"-l", "probe.el")
	cmd.Env = editortest.Env(dir)
	log, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("emacs: %v\n%s", err, log)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatalf("Emacs wrote no result: %v\n%s", err, log)
	}
	got := string(data)
	t.Log(got)
	for _, want := range []string{
		"managed=t",
		"customer_id", "shipping_address_id",
		"result=SELECT on", "n_orders ⏎ ---",
		"page1=SELECT on", "2 rows, page 1", "More rows: n for the next page",
		"page2=", "page 2",
		"export=id", // the CSV's header
		"prompt=dbls: DELETE without WHERE", "Run anyway?",
		"rows affected", "reviews_left ⏎ ------------ ⏎ 0",
		"action=SELECT on",
		"compare=make", "[x] create table main.coupons",
		"applied=", "No differences.",
		"pg-switch=t", "pg-completion=", "sku",
		"pg-result=SELECT on", "widget",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("Emacs saw no %q:\n%s\n-- emacs output:\n%s", want, got, log)
		}
	}
	if strings.Contains(got, "error=") {
		t.Errorf("the probe failed:\n%s\n-- emacs output:\n%s", got, log)
	}
}
