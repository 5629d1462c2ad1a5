package explain_test

import (
	"context"
	"strings"
	"testing"

	"github.com/dbls/dbls/drivers"
	_ "github.com/dbls/dbls/drivers/all"
	"github.com/dbls/dbls/drivers/drivertest"
	"github.com/dbls/dbls/server/plugin"
	"github.com/dbls/dbls/server/plugin/explain"
	"github.com/dbls/dbls/server/plugin/plugintest"
)

func TestContract(t *testing.T) {
	plugintest.Run(t, &explain.Assist{}, plugintest.NewContext(map[string]any{"big_table_rows": int64(5)}))
}

func TestSummarize(t *testing.T) {
	plan := `[{"Plan": {"Node Type": "Hash Join", "Startup Cost": 1.5, "Total Cost": 4321.25, "Plan Rows": 1234567,
	  "Plans": [{"Node Type": "Seq Scan", "Relation Name": "rental", "Schema": "public", "Total Cost": 100, "Plan Rows": 50},
	            {"Node Type": "Index Scan", "Relation Name": "customer", "Plan Rows": 1}]}}]`
	s, err := explain.Summarize(plan, nil, 10)
	if err != nil {
		t.Fatal(err)
	}
	want := "EXPLAIN: Hash Join, cost 4321.25, ~1,234,567 rows; seq scan on rental (~50 rows)"
	if s.Title() != want || s.Nodes != 3 || !strings.Contains(s.Markdown(), "big table rental") {
		t.Fatalf("title %q, nodes %d, markdown %q", s.Title(), s.Nodes, s.Markdown())
	}
	if s, _ := explain.Summarize(plan, nil, 1000); len(s.SeqScans) != 0 {
		t.Fatalf("small scan reported: %+v", s.SeqScans)
	}
	if _, err := explain.Summarize("not json", nil, 1); err == nil {
		t.Fatal("garbage accepted")
	}
}

// TestPostgres plans a query on a real table: a sequential scan on a big
// table is called out; a statement that does not plan gives no action
// and no error; a write is planned, never run.
func TestPostgres(t *testing.T) {
	url := drivertest.PostgresURL(t)
	ctx := context.Background()
	conn, _, err := drivers.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	q := conn.(drivers.Querier)
	for _, s := range []string{"CREATE TABLE big (id int PRIMARY KEY, v text)",
		"INSERT INTO big SELECT i, 'x' || i FROM generate_series(1, 20000) i", "ANALYZE big"} {
		if _, err := q.Query(ctx, drivers.Request{SQL: s}); err != nil {
			t.Fatal(err)
		}
	}
	a := &explain.Assist{}
	open := func(context.Context) (drivers.Conn, error) { return conn, nil }
	req := plugin.AssistRequest{Driver: "postgres", Open: open, Statement: "SELECT * FROM big WHERE v = 'x7';"}
	acts, err := a.Assist(ctx, req)
	if err != nil || len(acts) != 1 || !strings.HasPrefix(acts[0].Title, "EXPLAIN: Seq Scan on big") ||
		!strings.Contains(acts[0].Title, "seq scan on big (~20,000 rows)") {
		t.Fatalf("actions %+v, %v", acts, err)
	}
	for _, stmt := range []string{"SELEC oops", "SELECT * FROM big WHERE id = $1", "CREATE TABLE x (a int)"} {
		req.Statement = stmt
		if acts, err := a.Assist(ctx, req); err != nil || len(acts) != 0 {
			t.Errorf("%q: %+v, %v", stmt, acts, err)
		}
	}
	req.Statement = "DELETE FROM big"
	if acts, err := a.Assist(ctx, req); err != nil || len(acts) != 1 {
		t.Fatalf("delete: %+v, %v", acts, err)
	}
	res, err := q.Query(ctx, drivers.Request{SQL: "SELECT count(*) FROM big"})
	if err != nil || res.Rows[0][0] != int64(20000) {
		t.Fatalf("EXPLAIN ran the DELETE: %v %v", res.Rows, err)
	}
	req.Driver = "sqlite"
	if acts, _ := a.Assist(ctx, req); len(acts) != 0 {
		t.Fatalf("sqlite: %+v", acts)
	}
}
