package server_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"go.lsp.dev/protocol"

	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/drivertest"
	"github.com/dbls/dbls/drivers/schema"
)

// writeDialectSnapshot writes a snapshot of a small shop for driver d as
// d.json in dir: customers and orders (an enum status, a foreign key), a
// view, routines and a second schema (a second database on MySQL).
func writeDialectSnapshot(t *testing.T, dir, d string) {
	t.Helper()
	home := map[string]string{"postgres": "public", "mysql": "shop", "sqlite": "main"}[d]
	status := schema.Column{Name: "status", Position: 3, Type: "order_status"}
	var checks []schema.Check
	switch d {
	case "mysql":
		status.Type = "enum('new','paid','shipped')"
	case "sqlite":
		status.Type = "text"
		checks = []schema.Check{{Column: "status", Expr: "status IN ('new', 'paid', 'shipped')"}}
	}
	sc := schema.Schema{Name: home, Tables: []schema.Table{
		{Name: "customers", Columns: []schema.Column{{Name: "id", Position: 1, Type: "integer"},
			{Name: "email", Position: 2, Type: "text"}, {Name: "FullName", Position: 3, Type: "text"}}},
		{Name: "orders", Columns: []schema.Column{{Name: "id", Position: 1, Type: "integer"},
			{Name: "customer_id", Position: 2, Type: "integer"}, status, {Name: "total", Position: 4, Type: "numeric"}},
			ForeignKeys: []schema.ForeignKey{{Columns: []string{"customer_id"}, RefTable: "customers", RefColumns: []string{"id"}}},
			Indexes:     []schema.Index{{Name: "ix_orders_status", Columns: []schema.IndexColumn{{Name: "status"}}}},
			Checks:      checks},
	}, Views: []schema.View{{Name: "open_orders", Columns: []schema.Column{{Name: "id", Position: 1, Type: "integer"}}}}}
	if d != "sqlite" {
		sc.Routines = []schema.Routine{
			{Name: "add_order", Kind: schema.RoutineProcedure, Params: []schema.Parameter{{Name: "p_customer", Type: "integer"}, {Name: "p_status", Type: "text"}}},
			{Name: "order_total", Kind: schema.RoutineFunction, Params: []schema.Parameter{{Name: "p_order", Type: "integer"}}, Returns: "numeric"},
		}
	}
	if d == "postgres" {
		sc.Enums = []schema.Enum{{Name: "order_status", Values: []string{"new", "paid", "shipped"}}}
		sc.Sequences = []schema.Sequence{{Name: "orders_id_seq"}}
	}
	archive := schema.Schema{Name: "archive", Tables: []schema.Table{{Name: "old_orders", Columns: []schema.Column{
		{Name: "old_id", Position: 1, Type: "integer"}, {Name: "closed_on", Position: 2, Type: "date"}}}}}
	snap := &schema.Snapshot{Driver: d, Database: "shop", DefaultSchema: home, SearchPath: []string{home},
		Schemas: []schema.Schema{sc, archive}}
	data, err := schema.Marshal(snap)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, d+".json"), data, 0o600); err != nil {
		t.Fatal(err)
	}
}

// positionCase is one completion request: the statement with "|" at the
// cursor; the labels that must be offered (in this order of rank when
// ranked) and must not; what the first wanted item inserts (when insert
// is set) and the text its edit replaces (span; by default the word typed
// before the cursor).
type positionCase struct {
	dialects []string
	marked   string
	want     []string
	not      []string
	ranked   bool
	insert   string
	span     string
}

var (
	allDialects = []string{"postgres", "mysql", "sqlite"}
	pgOnly      = []string{"postgres"}
	mysqlOnly   = []string{"mysql"}
	pgMySQL     = []string{"postgres", "mysql"}
	pgSQLite    = []string{"postgres", "sqlite"}
)

// positionCases are the clause positions, per dialect.
var positionCases = []positionCase{
	// DDL column lists, INSERT, ON CONFLICT, RETURNING.
	{dialects: allDialects, marked: "ALTER TABLE orders DROP COLUMN |", want: []string{"status", "customer_id"}, not: []string{"email"}},
	{dialects: allDialects, marked: "ALTER TABLE orders RENAME COLUMN st|", want: []string{"status"}, not: []string{"id"}, insert: "status"},
	{dialects: allDialects, marked: "ALTER TABLE customers ALTER COLUMN |", want: []string{"email"}, not: []string{"status"}},
	{dialects: mysqlOnly, marked: "ALTER TABLE orders MODIFY |", want: []string{"status"}},
	{dialects: allDialects, marked: "CREATE INDEX ix ON orders (status, |)", want: []string{"customer_id"}},
	{dialects: allDialects, marked: "INSERT INTO orders (|", want: []string{"status"}},
	{dialects: pgSQLite, marked: "INSERT INTO orders (id) VALUES (1) ON CONFLICT (|", want: []string{"status"}},
	{dialects: pgSQLite, marked: "DELETE FROM orders WHERE id = 1 RETURNING |", want: []string{"customer_id"}},
	// Select-list aliases, FK-ranked joins, LATERAL.
	{dialects: allDialects, marked: "SELECT status AS st, count(*) AS n FROM orders GROUP BY st ORDER BY |", want: []string{"n", "st"}},
	{dialects: allDialects, marked: "SELECT status, count(*) AS n FROM orders GROUP BY status HAVING |", want: []string{"n"}},
	{dialects: allDialects, marked: "SELECT * FROM customers c JOIN |", want: []string{"orders ON orders.customer_id = c.id", "orders"}, ranked: true},
	{dialects: allDialects, marked: "SELECT * FROM orders o LEFT JOIN cu|", want: []string{"customers ON o.customer_id = customers.id", "customers"}, ranked: true,
		insert: "customers ON o.customer_id = customers.id"},
	{dialects: pgMySQL, marked: "SELECT * FROM orders o, LATERAL (SELECT email FROM customers c WHERE c.id = o.|", want: []string{"customer_id"}},
	// Quoted prefixes, system catalogs, view columns.
	{dialects: pgSQLite, marked: `SELECT * FROM "ord|`, want: []string{"orders"}, insert: `"orders"`, span: `"ord`},
	{dialects: mysqlOnly, marked: "SELECT * FROM `ord|", want: []string{"orders"}, insert: "`orders`", span: "`ord"},
	{dialects: pgOnly, marked: "SELECT * FROM pg_catalog.pg_cl|", want: []string{"pg_class"}, insert: "pg_class"},
	{dialects: pgMySQL, marked: "SELECT * FROM information_schema.|", want: []string{"columns", "tables"}},
	{dialects: allDialects, marked: "SELECT | FROM open_orders", want: []string{"id"}},
	// Enum labels inside the string being typed (PostgreSQL enum types,
	// MySQL enum(…), a CHECK … IN list on SQLite).
	{dialects: allDialects, marked: "SELECT * FROM orders WHERE status = '|", want: []string{"new", "paid", "shipped"}, not: []string{"id", "email"}, insert: "new'"},
	{dialects: allDialects, marked: "SELECT * FROM orders WHERE status = 'pa|", want: []string{"paid"}, not: []string{"new"}, insert: "paid'", span: "pa"},
	{dialects: allDialects, marked: "SELECT * FROM orders WHERE status = 'pa|'", want: []string{"paid"}, insert: "paid", span: "pa"},
	{dialects: allDialects, marked: "SELECT * FROM orders o WHERE o.status IN ('new', 'sh|", want: []string{"shipped"}, insert: "shipped'", span: "sh"},
	{dialects: allDialects, marked: "UPDATE orders SET total = 0, status = 'n|", want: []string{"new"}, insert: "new'", span: "n"},
	{dialects: allDialects, marked: "INSERT INTO orders (id, customer_id, status) VALUES (1, 2, '|", want: []string{"new", "paid"}},
	{dialects: allDialects, marked: "INSERT INTO orders VALUES (1, 2, 'new', 0), (2, 2, 'p|", want: []string{"paid"}, span: "p"},
	{dialects: allDialects, marked: "SELECT * FROM orders WHERE customer_id = '|", not: []string{"new"}},
	{dialects: allDialects, marked: "SELECT * FROM orders WHERE status = |", want: []string{"'new'", "'paid'", "customer_id"}, ranked: true, insert: "'new'"},
	{dialects: allDialects, marked: "INSERT INTO orders (id, status) VALUES (1, |", want: []string{"'shipped'"}, insert: "'shipped'"},
	{dialects: allDialects, marked: "SELECT * FROM orders WHERE id = |", want: []string{"customer_id"}, not: []string{"'new'"}},
	// Window clauses.
	{dialects: allDialects, marked: "SELECT id, row_number() OVER (PARTITION BY cu|) FROM orders", want: []string{"customer_id"}, not: []string{"email"}, insert: "customer_id"},
	{dialects: allDialects, marked: "SELECT id, rank() OVER (PARTITION BY customer_id ORDER BY |) FROM orders", want: []string{"total", "ORDER BY"}, ranked: true},
	{dialects: allDialects, marked: "SELECT id, rank() OVER (|) FROM orders", want: []string{"status", "PARTITION BY", "ORDER BY"}, ranked: true},
	{dialects: allDialects, marked: "SELECT sum(total) OVER | FROM orders WINDOW by_customer AS (PARTITION BY customer_id)", want: []string{"by_customer"}, not: []string{"id", "FROM"}},
	{dialects: allDialects, marked: "SELECT sum(total) OVER w FROM orders WINDOW w AS (PARTITION BY st|", want: []string{"status"}, insert: "status"},
	{dialects: allDialects, marked: "SELECT sum(total) OVER w2 FROM orders WINDOW w AS (PARTITION BY customer_id), w2 AS (|", want: []string{"w", "id"}, not: []string{"w2"}, ranked: true},
	// JOIN … USING (: the columns both sides have.
	{dialects: allDialects, marked: "SELECT * FROM orders o JOIN customers c USING (|", want: []string{"id"}, not: []string{"email", "status", "customer_id"}},
	{dialects: allDialects, marked: "SELECT * FROM customers JOIN orders USING (i|) WHERE true", want: []string{"id"}, insert: "id"},
	// MERGE (PostgreSQL 15).
	{dialects: pgOnly, marked: "MERGE INTO ord|", want: []string{"orders"}, insert: "orders"},
	{dialects: pgOnly, marked: "MERGE INTO orders o USING cu|", want: []string{"customers"}, insert: "customers"},
	{dialects: pgOnly, marked: "MERGE INTO orders o USING customers c ON |", want: []string{"o.customer_id = c.id", "status", "email"}, ranked: true},
	{dialects: pgOnly, marked: "MERGE INTO orders o USING customers c ON c.id = o.customer_id WHEN MATCHED THEN UPDATE SET |", want: []string{"status", "total"}, not: []string{"email"}},
	{dialects: pgOnly, marked: "MERGE INTO orders o USING customers c ON c.id = o.customer_id WHEN MATCHED THEN UPDATE SET total = c.|", want: []string{"email"}, not: []string{"status"}},
	{dialects: pgOnly, marked: "MERGE INTO orders o USING customers c ON c.id = o.customer_id WHEN NOT MATCHED THEN INSERT (id, |", want: []string{"customer_id", "status"}, not: []string{"id", "email"}},
	{dialects: pgOnly, marked: "MERGE INTO orders o USING customers c ON c.id = o.customer_id WHEN NOT MATCHED THEN INSERT (id, status) VALUES (c.id, '|", want: []string{"new"}, insert: "new'"},
	{dialects: pgOnly, marked: "MERGE INTO orders o USING (SELECT id AS cid FROM customers) s ON s.|", want: []string{"cid"}},
	// CALL: procedures only, then (PostgreSQL) named arguments.
	{dialects: pgMySQL, marked: "CALL |", want: []string{"add_order"}, not: []string{"order_total", "SELECT"}, insert: "add_order("},
	{dialects: pgMySQL, marked: "CALL add_o|", want: []string{"add_order"}, insert: "add_order("},
	{dialects: pgOnly, marked: "CALL add_order(|", want: []string{"p_customer =>", "p_status =>", "order_total"}, ranked: true, insert: "p_customer => "},
	{dialects: pgOnly, marked: "CALL add_order(1, p_|", want: []string{"p_status =>"}, not: []string{"p_customer =>"}, insert: "p_status => "},
	// Schema- and database-qualified names (MySQL databases, SQLite
	// attached databases).
	{dialects: allDialects, marked: "SELECT * FROM archive.|", want: []string{"old_orders"}, not: []string{"orders"}},
	{dialects: allDialects, marked: "SELECT * FROM archive.old_orders WHERE archive.old_orders.cl|", want: []string{"closed_on"}, insert: "closed_on", span: "cl"},
	{dialects: allDialects, marked: "SELECT archive.old_orders.| FROM archive.old_orders", want: []string{"old_id", "closed_on"}},
	{dialects: mysqlOnly, marked: "SELECT * FROM shop.|", want: []string{"orders", "customers"}, not: []string{"old_orders"}},
	// DDL and privileges on existing objects; nothing where a new name goes.
	{dialects: allDialects, marked: "DROP TABLE |", want: []string{"customers", "orders", "archive.old_orders"}, not: []string{"open_orders", "SELECT"}, ranked: true},
	{dialects: allDialects, marked: "DROP TABLE IF EXISTS customers, or|", want: []string{"orders"}, insert: "orders"},
	{dialects: allDialects, marked: "DROP TABLE archive.o|", want: []string{"old_orders"}, insert: "old_orders", span: "o"},
	{dialects: allDialects, marked: "DROP VIEW |", want: []string{"open_orders"}, not: []string{"orders"}},
	{dialects: pgSQLite, marked: "DROP INDEX |", want: []string{"ix_orders_status"}, not: []string{"orders"}},
	{dialects: mysqlOnly, marked: "DROP INDEX ix_orders_status ON |", want: []string{"orders"}},
	{dialects: pgMySQL, marked: "DROP FUNCTION |", want: []string{"order_total"}, not: []string{"add_order"}},
	{dialects: pgMySQL, marked: "DROP PROCEDURE add|", want: []string{"add_order"}, insert: "add_order"},
	{dialects: pgOnly, marked: "DROP SEQUENCE |", want: []string{"orders_id_seq"}},
	{dialects: pgOnly, marked: "DROP TYPE |", want: []string{"order_status"}},
	{dialects: allDialects, marked: "ALTER TABLE cu|", want: []string{"customers"}, insert: "customers"},
	{dialects: allDialects, marked: "ALTER TABLE orders RENAME TO |", not: []string{"orders", "JOIN", "AS"}},
	{dialects: allDialects, marked: "ALTER TABLE orders ADD COLUMN |", not: []string{"orders", "JOIN", "AS"}},
	{dialects: pgOnly, marked: "COMMENT ON COLUMN |", want: []string{"orders"}},
	{dialects: pgOnly, marked: "COMMENT ON COLUMN orders.|", want: []string{"status"}, not: []string{"email"}},
	{dialects: pgOnly, marked: "COMMENT ON VIEW |", want: []string{"open_orders"}, not: []string{"orders"}},
	{dialects: pgMySQL, marked: "TRUNCATE |", want: []string{"orders"}, not: []string{"open_orders"}},
	{dialects: pgMySQL, marked: "TRUNCATE TABLE ord|", want: []string{"orders"}, insert: "orders"},
	{dialects: pgMySQL, marked: "GRANT SELECT ON |", want: []string{"open_orders", "orders", "TABLE"}, ranked: true},
	{dialects: pgOnly, marked: "GRANT USAGE ON SCHEMA |", want: []string{"archive", "public"}, not: []string{"orders"}},
	{dialects: pgOnly, marked: "GRANT SELECT ON ALL TABLES IN SCHEMA ar|", want: []string{"archive"}, insert: "archive"},
	{dialects: pgMySQL, marked: "REVOKE ALL ON orders FROM |", not: []string{"orders", "customers"}},
	// Case kept as typed where the engine reads it the same; quoted names
	// kept quoted, the closing quote the editor added replaced too.
	{dialects: allDialects, marked: "SELECT EM| FROM customers", want: []string{"email"}, insert: "EMAIL"},
	{dialects: allDialects, marked: "SELECT em| FROM customers", want: []string{"email"}, insert: "email"},
	{dialects: pgSQLite, marked: "SELECT * FROM CUST|", want: []string{"customers"}, insert: "CUSTOMERS"},
	{dialects: mysqlOnly, marked: "SELECT * FROM CUST|", want: []string{"customers"}, insert: "customers"},
	{dialects: allDialects, marked: "SELECT COUNT(*) FROM customers WHERE email IS NOT NULL or|", want: []string{"OR"}, insert: "or"},
	{dialects: allDialects, marked: "SELECT * FROM customers WHERE email IS NOT NULL OR|", want: []string{"OR"}, insert: "OR"},
	{dialects: pgOnly, marked: "SELECT ful| FROM customers", want: []string{"FullName"}, insert: `"FullName"`},
	{dialects: pgSQLite, marked: `SELECT "Ful|" FROM customers`, want: []string{"FullName"}, insert: `"FullName"`, span: `"Ful"`},
	{dialects: pgSQLite, marked: `SELECT "Ful| FROM customers`, want: []string{"FullName"}, insert: `"FullName"`, span: `"Ful`},
	{dialects: mysqlOnly, marked: "SELECT `Ful|` FROM customers", want: []string{"FullName"}, insert: "`FullName`", span: "`Ful`"},
	{dialects: pgSQLite, marked: `SELECT * FROM "cust|" c`, want: []string{"customers"}, insert: `"customers"`, span: `"cust"`},
	// Upserts, DISTINCT ON, keys and references, index and trigger
	// targets, column types.
	{dialects: pgSQLite, marked: "INSERT INTO orders (id, status) VALUES (1, 'new') ON CONFLICT (id) DO UPDATE SET |", want: []string{"status"}, not: []string{"email"}},
	{dialects: pgSQLite, marked: "INSERT INTO orders (id, status) VALUES (1, 'new') ON CONFLICT (id) DO UPDATE SET status = excluded.st|", want: []string{"status"}, insert: "status", span: "st"},
	{dialects: mysqlOnly, marked: "INSERT INTO orders (id, status) VALUES (1, 'new') ON DUPLICATE KEY UPDATE |", want: []string{"status"}, not: []string{"email"}},
	{dialects: pgOnly, marked: "SELECT DISTINCT ON (cu|) * FROM orders", want: []string{"customer_id"}, insert: "customer_id"},
	{dialects: allDialects, marked: "ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (|", want: []string{"customer_id"}, not: []string{"email"}},
	{dialects: allDialects, marked: "ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (customer_id) REFERENCES cu|", want: []string{"customers"}, insert: "customers"},
	{dialects: allDialects, marked: "ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (customer_id) REFERENCES customers (|", want: []string{"id"}, not: []string{"status"}},
	{dialects: allDialects, marked: "CREATE TABLE notes (id integer, customer_id integer REFERENCES |", want: []string{"customers"}},
	{dialects: allDialects, marked: "CREATE INDEX ix ON or|", want: []string{"orders"}, insert: "orders"},
	{dialects: pgOnly, marked: "CREATE TRIGGER t BEFORE INSERT ON |", want: []string{"orders"}},
	{dialects: pgOnly, marked: "ALTER TABLE orders ALTER COLUMN status TYPE |", want: []string{"order_status", "TEXT"}},
	{dialects: allDialects, marked: "ALTER TABLE orders ADD COLUMN note te|", want: []string{"TEXT"}, insert: "text"},
	{dialects: allDialects, marked: "CREATE TABLE notes (id INTEGER, body T|", want: []string{"TEXT"}, insert: "TEXT"},
	{dialects: allDialects, marked: "ALTER TABLE orders ADD CONSTRAINT |", not: []string{"TEXT", "orders"}},
	{dialects: pgOnly, marked: "SELECT 'new'::order_s|", want: []string{"order_status"}, insert: "order_status"},
	{dialects: mysqlOnly, marked: "ALTER TABLE orders MODIFY status |", want: []string{"VARCHAR", "ENUM"}},
	// Where a new name goes: only the keywords that may stand there.
	{dialects: allDialects, marked: "CREATE TABLE |", want: []string{"IF NOT EXISTS"}, not: []string{"orders", "SELECT"}},
	{dialects: allDialects, marked: "CREATE TABLE notes (|", want: []string{"PRIMARY KEY"}, not: []string{"orders", "SELECT", "id"}},
	{dialects: allDialects, marked: "CREATE TABLE notes (id integer, CONSTRAINT |", not: []string{"SELECT", "orders"}},
	{dialects: allDialects, marked: "SELECT * FROM orders AS |", not: []string{"JOIN", "orders", "id"}},
	{dialects: allDialects, marked: "WITH |", want: []string{"RECURSIVE"}, not: []string{"orders"}},
	{dialects: allDialects, marked: "CREATE VIEW v AS |", want: []string{"SELECT"}},
}

// Completion in the clause positions of DDL and queries, per dialect,
// through the real server over pipes: the statement is typed on line 1
// (one full-text change, then the cursor's word typed as ranged changes,
// as an editor sends them).
func TestCompletionPositionsPerDialect(t *testing.T) {
	c := start(t, setup{})
	for _, d := range allDialects {
		writeDialectSnapshot(t, c.dir, d)
	}
	version := 1
	for _, d := range allDialects {
		uri := c.uri(d + ".sql")
		header := "-- dbls: connection=snapshot:" + d + ".json\n"
		c.open(uri, header)
		for _, tc := range positionCases {
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
			list := c.complete(uri, 1, uint32(i))
			checkPosition(t, d, tc, text, i, w, list)
		}
	}
}

func checkPosition(t *testing.T, d string, tc positionCase, text string, cursor, word int, list protocol.CompletionList) {
	t.Helper()
	rank := map[string]int{}
	for k, it := range list.Items {
		if _, ok := rank[it.Label]; !ok {
			rank[it.Label] = k
		}
	}
	last := -1
	for _, want := range tc.want {
		k, ok := rank[want]
		if !ok {
			names := make([]string, 0, len(list.Items))
			for _, it := range list.Items[:min(len(list.Items), 15)] {
				names = append(names, it.Label)
			}
			t.Errorf("%s %q: %q not offered; got %q", d, tc.marked, want, names)
			continue
		}
		if tc.ranked && k < last {
			t.Errorf("%s %q: %q ranked before the items listed before it", d, tc.marked, want)
		}
		last = k
	}
	for _, n := range tc.not {
		if _, ok := rank[n]; ok {
			t.Errorf("%s %q: %q offered", d, tc.marked, n)
		}
	}
	if len(tc.want) == 0 {
		return
	}
	k, ok := rank[tc.want[0]]
	if !ok {
		return
	}
	it := list.Items[k]
	if it.TextEdit == nil {
		t.Errorf("%s %q: %q has no textEdit", d, tc.marked, it.Label)
		return
	}
	if tc.insert != "" && it.TextEdit.NewText != tc.insert {
		t.Errorf("%s %q: %q inserts %q, want %q", d, tc.marked, it.Label, it.TextEdit.NewText, tc.insert)
	}
	span := tc.span
	if span == "" {
		span = text[word:cursor]
	}
	r := it.TextEdit.Range
	if r.Start.Line != 1 || r.End.Line != 1 || int(r.End.Character) > len(text) || r.Start.Character > r.End.Character {
		t.Errorf("%s %q: %q edits %v", d, tc.marked, it.Label, r)
		return
	}
	if got := text[r.Start.Character:r.End.Character]; got != span || int(r.Start.Character) > cursor || int(r.End.Character) < cursor {
		t.Errorf("%s %q: %q replaces %q, want %q", d, tc.marked, it.Label, got, span)
	}
}

func isWordByte(b byte) bool {
	return b == '_' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
}

// Signature help in CALL proc( names the procedure's parameters and the
// one the cursor is in.
func TestCallSignatureHelp(t *testing.T) {
	c := start(t, setup{})
	for _, d := range pgMySQL {
		writeDialectSnapshot(t, c.dir, d)
		uri := c.uri(d + "-call.sql")
		c.open(uri, "-- dbls: connection=snapshot:"+d+".json\nCALL add_order(1, )")
		var h *sigHelp
		c.call("textDocument/signatureHelp", pos(uri, 1, 18), &h)
		if h == nil || len(h.Signatures) == 0 {
			t.Fatalf("%s: no signature help in CALL add_order(1, |)", d)
		}
		sig := h.Signatures[h.ActiveSignature]
		if !strings.HasPrefix(sig.Label, "add_order(p_customer integer, p_status text)") || h.ActiveParameter != 1 {
			t.Errorf("%s: signature %q, parameter %d", d, sig.Label, h.ActiveParameter)
		}
	}
}

// Enum labels come through the drivers' real snapshots: a PostgreSQL enum
// type (one in the search path, one quoted in another schema) and a MySQL
// enum(…) column, read from live databases.
func TestEnumLabelsFromLiveDatabases(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	pg, my := drivertest.PostgresURL(t), drivertest.MySQLURL(t)
	exec := func(url string, ddl ...string) {
		db, _, err := drivers.Open(context.Background(), url)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		for _, s := range ddl {
			if _, err := db.(drivers.Execer).Exec(context.Background(), s); err != nil {
				t.Fatalf("%s: %v", s, err)
			}
		}
	}
	exec(pg, "CREATE TYPE order_status AS ENUM ('new', 'paid', 'it''s shipped')",
		"CREATE SCHEMA ops", `CREATE TYPE ops."Level" AS ENUM ('low', 'high')`,
		`CREATE TABLE orders (id int PRIMARY KEY, status order_status, lvl ops."Level")`)
	exec(my, "CREATE TABLE orders (id int PRIMARY KEY, status enum('new','paid','it''s shipped'))")
	c := start(t, setup{initOptions: map[string]any{"connections": map[string]any{
		"pg": map[string]any{"url": pg}, "my": map[string]any{"url": my}}}, st: openStore(t)})
	for _, tc := range []struct {
		conn, text string
		want       string
		insert     string
	}{
		{"pg", "SELECT * FROM orders WHERE status = 'it", "it's shipped", "it''s shipped'"},
		{"pg", "SELECT * FROM orders WHERE lvl = 'h", "high", "high'"},
		{"my", "SELECT * FROM orders WHERE status = 'it", "it's shipped", "it''s shipped'"},
	} {
		uri := c.uri(tc.conn + "-enum.sql")
		c.open(uri, "-- dbls: connection="+tc.conn+"\n"+tc.text)
		var got protocol.CompletionItem
		c.waitFor(tc.conn+" enum labels", func() bool {
			var ok bool
			got, ok = labels(c.complete(uri, 1, uint32(len(tc.text))))[tc.want]
			return ok
		})
		if got.TextEdit == nil || got.TextEdit.NewText != tc.insert {
			t.Errorf("%s %q: %q edits %+v, want %q", tc.conn, tc.text, tc.want, got.TextEdit, tc.insert)
		}
	}
}
