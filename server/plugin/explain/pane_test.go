package explain_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/drivertest"
	"github.com/dbls/dbls/server/plugin"
	"github.com/dbls/dbls/server/plugin/explain"
)

// paneOn opens url, runs setup and returns a pane request for it.
func paneOn(t *testing.T, url, driver string, setup ...string) (plugin.PaneRequest, drivers.Querier) {
	t.Helper()
	ctx := context.Background()
	conn, _, err := drivers.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	q := conn.(drivers.Querier)
	for _, s := range setup {
		if _, err := q.Query(ctx, drivers.Request{SQL: s}); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	open := func(context.Context) (drivers.Conn, error) { return conn, nil }
	return plugin.PaneRequest{Pane: explain.PaneID, Driver: driver, Open: open, Nonce: "n0nce"}, q
}

func count(t *testing.T, q drivers.Querier, table string) int64 {
	t.Helper()
	res, err := q.Query(context.Background(), drivers.Request{SQL: "SELECT count(*) FROM " + table})
	if err != nil {
		t.Fatal(err)
	}
	switch v := res.Rows[0][0].(type) {
	case int64:
		return v
	}
	t.Fatalf("count is %T", res.Rows[0][0])
	return 0
}

// TestPanePostgres: the plan tree of a join names its nodes in the HTML
// and the text; ANALYZE runs for a read and is refused for a write, whose
// plan is shown without running it.
func TestPanePostgres(t *testing.T) {
	req, q := paneOn(t, drivertest.PostgresURL(t), "postgres",
		"CREATE TABLE film (film_id int PRIMARY KEY, title text)",
		"CREATE TABLE inventory (inventory_id int PRIMARY KEY, film_id int REFERENCES film)",
		"INSERT INTO film SELECT i, 'film ' || i FROM generate_series(1, 500) i",
		"INSERT INTO inventory SELECT i, 1 + i % 500 FROM generate_series(1, 2000) i", "ANALYZE film", "ANALYZE inventory")
	a := &explain.Assist{}
	ctx := context.Background()
	req.Statement = "SELECT f.title, count(*) FROM film f JOIN inventory i ON i.film_id = f.film_id GROUP BY f.title;"
	c, err := a.RenderPane(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Seq Scan on film f", "Seq Scan on inventory i", "Hash"} {
		if !strings.Contains(c.HTML, want) || !strings.Contains(c.Text, want) {
			t.Errorf("the plan lacks %q:\n%s", want, c.Text)
		}
	}
	if !strings.Contains(c.HTML, `<style nonce="n0nce">`) || strings.Contains(c.HTML, "<script") || !strings.Contains(c.HTML, `id="plan-tree"`) {
		t.Errorf("HTML: no nonce on its style, or a script:\n%s", c.HTML)
	}
	if !strings.Contains(c.Text, "└─ ") || !strings.Contains(c.HTML, "Run EXPLAIN ANALYZE") {
		t.Errorf("text tree or ANALYZE button missing:\n%s", c.Text)
	}
	r, err := a.PaneMessage(ctx, req, json.RawMessage(`{"analyze": true}`))
	if err != nil || r.Content == nil || !strings.Contains(r.Content.Text, "actual") || !strings.Contains(r.Content.Text, "Execution Time") {
		t.Fatalf("analyze: %+v, %v", r.Content, err)
	}

	// A write: planned (its plan names the table), never run, ANALYZE refused.
	for _, stmt := range []string{"DELETE FROM inventory", "WITH d AS (DELETE FROM inventory RETURNING *) SELECT count(*) FROM d"} {
		req.Statement = stmt
		c, err := a.RenderPane(ctx, req)
		if err != nil || !strings.Contains(c.Text, "on inventory") || strings.Contains(c.HTML, "Run EXPLAIN ANALYZE") {
			t.Fatalf("%s: plan %+v, %v", stmt, c, err)
		}
		if _, err := a.PaneMessage(ctx, req, json.RawMessage(`{"analyze": true}`)); !errors.Is(err, explain.ErrRefused) || !strings.Contains(err.Error(), "writes") {
			t.Fatalf("%s: ANALYZE = %v, want refused", stmt, err)
		}
	}
	if n := count(t, q, "inventory"); n != 2000 {
		t.Fatalf("inventory has %d rows after the pane: a write ran", n)
	}
	for stmt, want := range map[string]string{
		"":                                 "no statement",
		"SELECT 1; DELETE FROM film":       "one statement",
		"DROP TABLE film":                  "not \"DROP\"",
		"EXPLAIN ANALYZE DELETE FROM film": "not \"EXPLAIN\"",
	} {
		req.Statement = stmt
		if _, err := a.RenderPane(ctx, req); !errors.Is(err, explain.ErrRefused) || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v, want refused with %q", stmt, err, want)
		}
	}
	if n := count(t, q, "film"); n != 500 {
		t.Fatalf("film has %d rows", n)
	}
}

func TestPaneSQLite(t *testing.T) {
	req, q := paneOn(t, drivertest.SQLiteURL(t), "sqlite",
		"CREATE TABLE film (film_id INTEGER PRIMARY KEY, title TEXT)",
		"CREATE TABLE inventory (inventory_id INTEGER PRIMARY KEY, film_id INTEGER REFERENCES film)",
		"CREATE INDEX inventory_film ON inventory (film_id)",
		"INSERT INTO film VALUES (1, 'a'), (2, 'b')")
	a := &explain.Assist{}
	req.Statement = "SELECT title FROM film WHERE film_id IN (SELECT film_id FROM inventory) ORDER BY title"
	c, err := a.RenderPane(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(c.Text, "│  └─ SCAN inventory") {
		t.Errorf("the subquery's scan is not nested under it:\n%s", c.Text)
	}
	for _, want := range []string{"QUERY PLAN", "SEARCH film", "SCAN inventory"} {
		if !strings.Contains(c.HTML, want) || !strings.Contains(c.Text, want) {
			t.Errorf("the plan lacks %q:\n%s", want, c.Text)
		}
	}
	if strings.Contains(c.HTML, "Run EXPLAIN ANALYZE") {
		t.Error("ANALYZE offered on SQLite")
	}
	req.Statement = "-- a comment first\n/* and another */ SELECT 1"
	if _, err := a.RenderPane(context.Background(), req); err != nil {
		t.Fatalf("a statement after comments: %v", err)
	}
	req.Statement = "DELETE FROM film"
	if _, err := a.RenderPane(context.Background(), req); err != nil {
		t.Fatal(err)
	}
	if _, err := a.PaneMessage(context.Background(), req, json.RawMessage(`{"analyze": true}`)); !errors.Is(err, explain.ErrRefused) {
		t.Fatalf("ANALYZE on SQLite = %v", err)
	}
	if n := count(t, q, "film"); n != 2 {
		t.Fatalf("film has %d rows: EXPLAIN QUERY PLAN ran the DELETE", n)
	}
}

func TestPaneMariaDB(t *testing.T) {
	req, q := paneOn(t, drivertest.MySQLURL(t), "mysql",
		"CREATE TABLE film (film_id int PRIMARY KEY, title varchar(50))",
		"CREATE TABLE inventory (inventory_id int PRIMARY KEY, film_id int, KEY inv_film (film_id))",
		"INSERT INTO film VALUES (1, 'a'), (2, 'b')", "INSERT INTO inventory VALUES (1, 1), (2, 1), (3, 2)")
	a := &explain.Assist{}
	req.Statement = "SELECT f.title FROM film f JOIN inventory i ON i.film_id = f.film_id ORDER BY f.title"
	c, err := a.RenderPane(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"query block", "table f", "table i"} {
		if !strings.Contains(c.HTML, want) || !strings.Contains(c.Text, want) {
			t.Errorf("the plan lacks %q:\n%s", want, c.Text)
		}
	}
	req.Statement = "DELETE FROM inventory WHERE film_id = 1"
	if _, err := a.RenderPane(context.Background(), req); err != nil {
		t.Fatal(err)
	}
	if n := count(t, q, "inventory"); n != 3 {
		t.Fatalf("inventory has %d rows: EXPLAIN ran the DELETE", n)
	}
}

// TestPlanText: the text tree of a PostgreSQL plan, exactly.
func TestPlanText(t *testing.T) {
	plan := `[{"Plan": {"Node Type": "Hash Join", "Join Type": "Inner", "Startup Cost": 1.5, "Total Cost": 20, "Plan Rows": 10, "Plan Width": 4,
	  "Hash Cond": "(i.film_id = f.film_id)",
	  "Plans": [{"Node Type": "Seq Scan", "Relation Name": "inventory", "Alias": "i", "Total Cost": 10, "Plan Rows": 2000, "Plan Width": 4},
	            {"Node Type": "Hash", "Total Cost": 5, "Plan Rows": 500, "Plan Width": 4,
	             "Plans": [{"Node Type": "Index Scan", "Relation Name": "film", "Alias": "film", "Index Name": "film_pkey", "Total Cost": 4, "Plan Rows": 500, "Plan Width": 4}]}]}}]`
	root, err := explain.PostgresTree(plan)
	if err != nil {
		t.Fatal(err)
	}
	want := `Hash Join  (cost 1.50..20.00 rows 10 width 4)
│    Hash Cond: (i.film_id = f.film_id)
├─ Seq Scan on inventory i  (cost 0.00..10.00 rows 2,000 width 4)
└─ Hash  (cost 0.00..5.00 rows 500 width 4)
   └─ Index Scan on film using film_pkey  (cost 0.00..4.00 rows 500 width 4)
`
	if got := root.Text(); got != want {
		t.Fatalf("text tree:\n%s\nwant:\n%s", got, want)
	}
	if root.Count() != 4 {
		t.Fatalf("count %d", root.Count())
	}
}
