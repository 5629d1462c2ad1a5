package server_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dbls/dbls/drivers/schema"
)

// writeDialectSnapshot writes a snapshot of orders and customers for
// driver d as d.json in dir.
func writeDialectSnapshot(t *testing.T, dir, d string) {
	t.Helper()
	home := map[string]string{"postgres": "public", "mysql": "shop", "sqlite": "main"}[d]
	snap := &schema.Snapshot{Driver: d, Database: "shop", DefaultSchema: home, SearchPath: []string{home},
		Schemas: []schema.Schema{{Name: home, Tables: []schema.Table{
			{Name: "customers", Columns: []schema.Column{{Name: "id", Position: 1, Type: "integer"}, {Name: "email", Position: 2, Type: "text"}}},
			{Name: "orders", Columns: []schema.Column{{Name: "id", Position: 1, Type: "integer"},
				{Name: "customer_id", Position: 2, Type: "integer"}, {Name: "status", Position: 3, Type: "text"}},
				ForeignKeys: []schema.ForeignKey{{Columns: []string{"customer_id"}, RefTable: "customers", RefColumns: []string{"id"}}}},
		}}}}
	data, err := schema.Marshal(snap)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, d+".json"), data, 0o600); err != nil {
		t.Fatal(err)
	}
}

// Completion in the clause positions of DDL and queries, per dialect,
// through the real server over pipes: the statement is typed on line 1
// (one full-text change, then the cursor's word typed as ranged changes,
// as an editor sends them).
func TestCompletionPositionsPerDialect(t *testing.T) {
	all := []string{"postgres", "mysql", "sqlite"}
	cases := []struct {
		dialects []string
		marked   string
		want     []string
		not      []string
	}{
		{all, "ALTER TABLE orders DROP COLUMN |", []string{"status", "customer_id"}, []string{"email"}},
		{all, "ALTER TABLE orders RENAME COLUMN st|", []string{"status"}, []string{"id"}},
		{all, "ALTER TABLE customers ALTER COLUMN |", []string{"email"}, []string{"status"}},
		{[]string{"mysql"}, "ALTER TABLE orders MODIFY |", []string{"status"}, nil},
		{all, "CREATE INDEX ix ON orders (status, |)", []string{"customer_id"}, nil},
		{all, "INSERT INTO orders (|", []string{"status"}, nil},
		{[]string{"postgres", "sqlite"}, "INSERT INTO orders (id) VALUES (1) ON CONFLICT (|", []string{"status"}, nil},
		{[]string{"postgres", "sqlite"}, "DELETE FROM orders WHERE id = 1 RETURNING |", []string{"customer_id"}, nil},
		{all, "SELECT status AS st, count(*) AS n FROM orders GROUP BY st ORDER BY |", []string{"n", "st"}, nil},
		{all, "SELECT status, count(*) AS n FROM orders GROUP BY status HAVING |", []string{"n"}, nil},
		{all, "SELECT * FROM customers c JOIN |", []string{"orders ON orders.customer_id = c.id", "orders"}, nil},
		{all, "SELECT * FROM orders o LEFT JOIN cu|", []string{"customers ON o.customer_id = customers.id"}, nil},
		{[]string{"postgres", "mysql"}, "SELECT * FROM orders o, LATERAL (SELECT email FROM customers c WHERE c.id = o.|", []string{"customer_id"}, nil},
	}
	c := start(t, setup{})
	for _, d := range all {
		writeDialectSnapshot(t, c.dir, d)
	}
	version := 1
	for _, d := range all {
		uri := c.uri(d + ".sql")
		header := "-- dbls: connection=snapshot:" + d + ".json\n"
		c.open(uri, header)
		for _, tc := range cases {
			if !slices.Contains(tc.dialects, d) {
				continue
			}
			i := strings.Index(tc.marked, "|")
			text := tc.marked[:i] + tc.marked[i+1:]
			// The word before the cursor is typed as ranged changes.
			w := i
			for w > 0 && isWordByte(text[w-1]) {
				w--
			}
			version++
			change(c, uri, version, header+text[:w]+text[i:])
			for k := w; k < i; k++ {
				version++
				c.notify("textDocument/didChange", map[string]any{
					"textDocument":   map[string]any{"uri": uri, "version": version},
					"contentChanges": []map[string]any{{"range": rng(1, uint32(k), 1, uint32(k)), "text": text[k : k+1]}},
				})
			}
			got := labels(c.complete(uri, 1, uint32(i)))
			for _, want := range tc.want {
				if _, ok := got[want]; !ok {
					t.Errorf("%s %q: %q not offered", d, tc.marked, want)
				}
			}
			for _, n := range tc.not {
				if _, ok := got[n]; ok {
					t.Errorf("%s %q: %q offered", d, tc.marked, n)
				}
			}
		}
	}
}

func isWordByte(b byte) bool {
	return b == '_' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
}
