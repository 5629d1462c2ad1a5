package analysis

import (
	"strings"
	"testing"
)

// Completion in the column positions of DDL, in the select list's
// aliases and in LATERAL subqueries, per dialect: want must be offered,
// not must not.
func TestCompletePositions(t *testing.T) {
	all := []Dialect{Postgres, MySQL, SQLite}
	cases := []struct {
		dialects []Dialect
		marked   string
		want     []string
		not      []string
	}{
		{all, "ALTER TABLE orders DROP COLUMN |", []string{"column:status", "column:customer_id"}, []string{"keyword:WHERE"}},
		{all, "ALTER TABLE orders DROP COLUMN IF EXISTS st|", []string{"column:status"}, []string{"column:id"}},
		{all, "ALTER TABLE orders ALTER COLUMN |", []string{"column:status"}, nil},
		{all, "ALTER TABLE orders RENAME COLUMN cu|", []string{"column:customer_id"}, []string{"column:status"}},
		{[]Dialect{Postgres}, "ALTER TABLE IF EXISTS ONLY public.orders ALTER COLUMN |", []string{"column:status"}, nil},
		{[]Dialect{MySQL}, "ALTER TABLE orders MODIFY |", []string{"column:status"}, nil},
		{[]Dialect{MySQL}, "ALTER TABLE orders CHANGE COLUMN |", []string{"column:status"}, nil},
		{all, "ALTER TABLE customers DROP COLUMN |", []string{"column:email"}, []string{"column:status"}},
		{all, "CREATE INDEX ix ON orders (|", []string{"column:status", "column:id"}, nil},
		{all, "CREATE UNIQUE INDEX ix ON orders (status, |)", []string{"column:customer_id"}, nil},
		{[]Dialect{Postgres}, "CREATE INDEX CONCURRENTLY IF NOT EXISTS ix ON ONLY orders USING btree (|", []string{"column:status"}, nil},
		{all, "INSERT INTO orders (|", []string{"column:status"}, nil},
		{[]Dialect{Postgres, SQLite}, "INSERT INTO orders (id) VALUES (1) ON CONFLICT (|", []string{"column:status"}, nil},
		{[]Dialect{Postgres, SQLite}, "INSERT INTO orders (id) VALUES (1) RETURNING |", []string{"column:customer_id"}, nil},
		{[]Dialect{Postgres, SQLite}, "UPDATE orders SET status = 'x' RETURNING |", []string{"column:id"}, nil},
		{all, "SELECT status AS st, count(*) AS n FROM orders GROUP BY st ORDER BY |", []string{"column:n", "column:st", "column:status"}, nil},
		{all, "SELECT status AS st FROM orders GROUP BY |", []string{"column:st"}, nil},
		{all, "SELECT status, count(*) AS n FROM orders GROUP BY status HAVING |", []string{"column:n"}, nil},
		{all, "SELECT status AS st FROM orders WHERE |", []string{"column:status"}, []string{"column:st"}},
		{[]Dialect{Postgres, MySQL}, "SELECT * FROM orders o, LATERAL (SELECT * FROM customers c WHERE c.id = o.|", []string{"column:customer_id"}, nil},
		{[]Dialect{Postgres}, "SELECT * FROM orders o CROSS JOIN LATERAL (SELECT email FROM customers c WHERE c.id = o.|) x", []string{"column:customer_id"}, nil},
		{all, "SELECT * FROM orders o, (SELECT * FROM customers c WHERE c.id = o.|) x", nil, []string{"column:customer_id"}},
		{[]Dialect{Postgres}, "SELECT * FROM pg_catalog.pg_cl|", []string{"view:pg_class"}, []string{"view:pg_type"}},
		{[]Dialect{Postgres, MySQL}, "SELECT * FROM information_schema.|", []string{"view:columns", "view:tables"}, nil},
		{[]Dialect{Postgres, MySQL}, "SELECT * FROM INFORMATION_SCHEMA.COL|", []string{"view:columns"}, nil},
		{[]Dialect{MySQL, SQLite}, "SELECT * FROM pg_catalog.|", nil, []string{"view:pg_class"}},
		{all, "SELECT * FROM orders o JOIN |", []string{"table:customers ON o.customer_id = customers.id", "table:customers"}, nil},
		{all, "SELECT * FROM customers c LEFT JOIN or|", []string{"table:orders ON orders.customer_id = c.id"}, nil},
		{all, "SELECT * FROM customers c LEFT JOIN cu|", nil, []string{"table:orders ON orders.customer_id = c.id"}},
	}
	for _, tc := range cases {
		for _, d := range tc.dialects {
			got := complete(d, tc.marked)
			for _, w := range tc.want {
				if _, ok := got[w]; !ok {
					t.Errorf("%s %q: missing %s in %v", d, tc.marked, w, keys(got))
				}
			}
			for _, n := range tc.not {
				if _, ok := got[n]; ok {
					t.Errorf("%s %q: %s offered", d, tc.marked, n)
				}
			}
		}
	}
}

func keys(m map[string]CompletionItem) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

// After JOIN, the tables related by a foreign key come first.
func TestCompleteJoinRelatedFirst(t *testing.T) {
	text, off := at("SELECT * FROM customers c JOIN |")
	items := Complete(NewIndex(testSnapshot()), Postgres, NewDocument(text), off)
	if len(items) == 0 || items[0].Label != "orders ON orders.customer_id = c.id" || items[0].InsertText != items[0].Label {
		t.Fatalf("first item: %+v", items[:min(2, len(items))])
	}
}

// Keywords keep the case the user types them in.
func TestCompleteKeywordCaseAsTyped(t *testing.T) {
	for marked, want := range map[string]string{"sel|": "select", "SEL|": "SELECT", "Sel|": "SELECT", "SELECT * FROM orders whe|": "where"} {
		got := complete(Postgres, marked)
		kw := strings.ToUpper(want)
		if it, ok := got["keyword:"+kw]; !ok || it.InsertText != want {
			t.Errorf("%q: %+v, want insert %q", marked, got["keyword:"+kw], want)
		}
	}
}
