package diff_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dbls/dbls/diff"
	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/ddl"
	"github.com/dbls/dbls/drivers/drivertest"
)

// TestOnlinePostgres: an --online plan builds indexes CONCURRENTLY outside
// the transaction and adds foreign keys and checks NOT VALID, then
// validates them; with lock and statement timeouts set it applies and
// converges, rows kept; each item carries its hazard classes.
func TestOnlinePostgres(t *testing.T) {
	a, b := open(t, drivertest.PostgresURL(t)), open(t, drivertest.PostgresURL(t))
	const base = `CREATE TABLE authors (id int PRIMARY KEY);
CREATE TABLE books (id int PRIMARY KEY, author_id int, title text, pages int);`
	exec(t, a, base+`
CREATE INDEX books_title_idx ON books (title);
ALTER TABLE books ADD CONSTRAINT books_author_fkey FOREIGN KEY (author_id) REFERENCES authors (id);
ALTER TABLE books ADD CONSTRAINT books_pages_check CHECK (pages > 0);`)
	exec(t, b, base+`
INSERT INTO authors VALUES (1);
INSERT INTO books VALUES (1, 1, 'Dune', 412);`)
	r := renderer(t, b)
	src := snapshot(t, a)
	plan, err := diff.Compare(src, snapshot(t, b), diff.Options{Renderer: r, Online: true})
	if err != nil {
		t.Fatal(err)
	}
	sql := strings.Join(plan.SQL(), ";\n")
	for _, want := range []string{
		`CREATE INDEX CONCURRENTLY "books_title_idx"`,
		`ADD CONSTRAINT "books_author_fkey" FOREIGN KEY`, `NOT VALID`,
		`VALIDATE CONSTRAINT "books_author_fkey"`, `VALIDATE CONSTRAINT "books_pages_check"`,
	} {
		if !strings.Contains(sql, want) {
			t.Errorf("online plan lacks %q:\n%s", want, sql)
		}
	}
	for _, it := range plan.Items {
		if it.Kind == ddl.KindCreateIndex && !slices.Contains(it.Hazards, ddl.HazardIndexBuild) {
			t.Errorf("%s hazards %v, want %s", it.ID, it.Hazards, ddl.HazardIndexBuild)
		}
		if it.Kind == ddl.KindAddCheck && !slices.Contains(it.Hazards, ddl.HazardAccessExclusive) {
			t.Errorf("%s hazards %v, want %s", it.ID, it.Hazards, ddl.HazardAccessExclusive)
		}
	}
	if _, err := diff.ApplyTimeouts(context.Background(), b, plan, ddl.Timeouts{Lock: 5 * time.Second, Statement: time.Minute}); err != nil {
		t.Fatalf("apply: %v\n%s", err, planText(plan))
	}
	if again, err := diff.Compare(src, snapshot(t, b), diff.Options{Renderer: r}); err != nil || !again.Empty() {
		t.Fatalf("not converged (%v):\n%s", err, planText(again))
	}
}

// TestBackfillPostgres: a column made NOT NULL over NULLs fails to apply
// without a backfill, and with one its NULLs take the new default first.
func TestBackfillPostgres(t *testing.T) {
	a, b := open(t, drivertest.PostgresURL(t)), open(t, drivertest.PostgresURL(t))
	exec(t, a, `CREATE TABLE users (id int PRIMARY KEY, status text NOT NULL DEFAULT 'active')`)
	exec(t, b, `CREATE TABLE users (id int PRIMARY KEY, status text);
INSERT INTO users VALUES (1, NULL), (2, 'gone');`)
	r := renderer(t, b)
	src := snapshot(t, a)
	plan, err := diff.Compare(src, snapshot(t, b), diff.Options{Renderer: r})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := diff.Apply(context.Background(), b, plan); err == nil {
		t.Fatalf("SET NOT NULL over a NULL applied without a backfill:\n%s", planText(plan))
	}
	plan, err = diff.Compare(src, snapshot(t, b), diff.Options{Renderer: r, Backfill: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := diff.Apply(context.Background(), b, plan); err != nil {
		t.Fatalf("apply with backfill: %v\n%s", err, planText(plan))
	}
	res, err := b.(drivers.Querier).Query(context.Background(), drivers.Request{SQL: "SELECT string_agg(status, ',' ORDER BY id) FROM users"})
	if err != nil || len(res.Rows) != 1 || res.Rows[0][0] != "active,gone" {
		t.Fatalf("rows after backfill: %v %v", res, err)
	}
}
