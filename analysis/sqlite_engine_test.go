package analysis

import (
	"context"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/drivertest"
	"github.com/dbls/dbls/drivers/schema"
)

// engineFixture adds to the shop what the shop lacks: awkward names, a
// view on a view, an FTS5 table, STRICT.
const engineFixture = `
CREATE TABLE "odd ""name""" ("col one" INTEGER PRIMARY KEY, [select] TEXT, ` + "`from`" + ` TEXT);
CREATE VIEW big_totals AS SELECT order_id, total FROM order_totals WHERE total > 100;
CREATE VIRTUAL TABLE docs USING fts5(title, body);
CREATE TABLE strict_things (id INTEGER NOT NULL, kind TEXT NOT NULL, qty INT DEFAULT (1 + 1),
    CONSTRAINT pk_strict PRIMARY KEY (id, kind)) STRICT;
CREATE TABLE "we""ird" ("select" INTEGER PRIMARY KEY, "Ünïcødé" TEXT NOT NULL DEFAULT 'ä', "semi;colon" TEXT COLLATE RTRIM);
CREATE TABLE thing_refs (ref_id INTEGER, ref_kind TEXT,
    CONSTRAINT fk_thing FOREIGN KEY (ref_id, ref_kind) REFERENCES strict_things (id, kind) DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE employees (id INTEGER PRIMARY KEY, manager_id INTEGER REFERENCES employees, name TEXT NOT NULL);
CREATE INDEX ix_things_expr ON strict_things (kind, id * 2) WHERE qty > 0;
`

// sqliteSnapshot builds a real SQLite database from scripts and returns
// its snapshot.
func sqliteSnapshot(t testing.TB, scripts ...string) *schema.Snapshot {
	t.Helper()
	ctx := context.Background()
	c, _, err := drivers.Open(ctx, drivertest.SQLiteURL(t))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	for _, s := range scripts {
		if _, err := c.(drivers.Execer).Exec(ctx, s); err != nil {
			t.Fatalf("fixture: %v", err)
		}
	}
	snap, err := c.Snapshot(ctx, drivers.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	return snap
}

func readExample(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile("../docs/examples/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// dataStatements keeps the statements of script that the engine prepares.
func dataStatements(script string) string {
	var b strings.Builder
	for _, st := range Split(SQLite, script) {
		s := script[st.Range.Start:st.Range.End]
		if engineKinds[strings.ToUpper(strings.Fields(s)[0])] {
			b.WriteString(s + ";\n")
		}
	}
	return b.String()
}

// engineQueries are valid against the shop (plus engineFixture): each must
// be silent.
var engineQueries = []string{
	`SELECT o.id, c.full_name, sum(i.quantity * i.unit_price) AS total FROM orders o JOIN customers c ON c.id = o.customer_id JOIN order_items i ON i.order_id = o.id GROUP BY o.id, c.full_name HAVING total > 10 ORDER BY total DESC LIMIT 5`,
	`WITH RECURSIVE tree(id, depth) AS (SELECT id, 0 FROM categories WHERE parent_id IS NULL UNION ALL SELECT c.id, t.depth + 1 FROM categories c JOIN tree t ON c.parent_id = t.id) SELECT * FROM tree`,
	`SELECT customer, total FROM order_totals WHERE status = 'paid'`,
	`SELECT * FROM big_totals`,
	`SELECT p.name, row_number() OVER (PARTITION BY p.category_id ORDER BY p.price DESC) AS rn FROM products p`,
	`SELECT id FROM orders WHERE customer_id IN (SELECT id FROM customers WHERE email LIKE ?) AND status = :s AND id > @i AND id < $n`,
	`INSERT INTO orders (customer_id, status) SELECT id, 'new' FROM customers WHERE referred_by IS NOT NULL`,
	`INSERT INTO stock (warehouse_code, product_id, quantity) VALUES ('BER', 1, 3) ON CONFLICT (warehouse_code, product_id) DO UPDATE SET quantity = quantity + excluded.quantity`,
	`INSERT OR REPLACE INTO warehouses VALUES ('HAM', 'Hamburg')`,
	`REPLACE INTO warehouses (code, city) VALUES ('HAM', 'Hamburg')`,
	`UPDATE products SET price = price * 1.1 FROM suppliers s WHERE s.id = products.supplier_id AND s.country = 'DE' RETURNING id, price`,
	`DELETE FROM reviews WHERE rating < 2 AND product_id NOT IN (SELECT id FROM products)`,
	`SELECT rowid, _rowid_, oid, "nope", json_extract('{"a":1}', '$.a') FROM payments`,
	`SELECT "col one", [select], ` + "`from`" + ` FROM "odd ""name"""`,
	`SELECT title FROM docs WHERE docs MATCH 'tent' ORDER BY rank`,
	`SELECT * FROM products INDEXED BY ix_products_category WHERE category_id = 2`,
	`SELECT kind, count(*) FROM strict_things GROUP BY kind`,
	`SELECT "select", "Ünïcødé", "semi;colon" FROM "we""ird" WHERE "semi;colon" = 'x'`,
	`SELECT t.kind, r.ref_id FROM thing_refs r JOIN strict_things t ON t.id = r.ref_id AND t.kind = r.ref_kind`,
	`WITH RECURSIVE chain AS (SELECT id, manager_id, name FROM employees WHERE manager_id IS NULL UNION ALL SELECT e.id, e.manager_id, e.name FROM employees e JOIN chain c ON e.manager_id = c.id) SELECT name FROM chain`,
	`SELECT * FROM strict_things INDEXED BY ix_things_expr WHERE kind = 'a' AND qty > 0`,
	`INSERT INTO strict_things (id, kind) VALUES (1, 'a') RETURNING qty`,
	`SELECT customer FROM order_totals o JOIN big_totals b USING (order_id)`,
	"CREATE TEMP TABLE scratch2 (a);\nINSERT INTO scratch2 VALUES (1);\nSELECT a FROM scratch2;\nALTER TABLE orders ADD COLUMN note TEXT;\nSELECT id FROM orders;",
	"DROP VIEW big_totals; CREATE VIEW big_totals AS SELECT order_id, total, customer FROM order_totals; SELECT customer FROM big_totals;",
	`SELECT name FROM sqlite_schema WHERE type = 'table'; SELECT * FROM pragma_table_info('orders')`,
	`SELECT value FROM json_each('[1,2]')`,
	`VALUES (1, 'a'), (2, 'b')`,
	`select ID, STATUS from ORDERS where CUSTOMER_ID = 1`,
	`SELECT * FROM temp.scratch; SELECT * FROM other_db.t; SELECT my_app_fn(id) FROM orders; SELECT * FROM my_vtab_fn(1)`,
}

// TestSQLiteEngineSilent: nothing valid is called wrong, and the engine
// did the work.
func TestSQLiteEngineSilent(t *testing.T) {
	shop, v2 := readExample(t, "shop.sql"), readExample(t, "shop_v2.sql")
	for _, c := range []struct {
		name    string
		schema  []string
		queries []string
	}{
		{"shop", []string{shop}, []string{dataStatements(shop)}},
		{"shop_v2", []string{v2}, []string{dataStatements(v2)}},
		{"shop+fixture", []string{shop, engineFixture}, engineQueries},
	} {
		t.Run(c.name, func(t *testing.T) {
			x := NewIndex(sqliteSnapshot(t, c.schema...))
			for _, q := range c.queries {
				if got := Diagnose(x, SQLite, NewDocument(q)); len(got) > 0 {
					t.Errorf("%q:\n%s", q, describe(q, got))
				}
			}
			for _, text := range c.schema {
				// The schema file itself, against its own database.
				if got := Diagnose(x, SQLite, NewDocument(text)); len(got) > 0 {
					t.Errorf("schema file: %s", describe(text, got))
				}
			}
			e := x.sqliteEngine()
			if e == nil || len(e.verdicts) == 0 && strings.TrimSpace(c.queries[0]) != "" || len(e.failed) > 0 {
				t.Fatalf("engine not used: %+v", e)
			}
		})
	}
}

// engineAlarms are statements SQLite refuses, with the range marked and
// the message expected.
var engineAlarms = []struct {
	text, code, msg string
}{
	{"SELECT * FROM ⟦ordrs⟧", CodeUnknownTab, "no such table: ordrs"},
	{"SELECT * FROM ⟦main.ordrs⟧ o", CodeUnknownTab, "no such table: main.ordrs"},
	{"SELECT * FROM (SELECT count(*) FROM orders) x WHERE x.⟦count⟧ > 1", CodeUnknownCol, "no such column: x.count"},
	{"SELECT id FROM orders ORDER BY id ⟦DESK⟧", CodeSyntax, `near "DESK": syntax error`},
	{"SELECT ⟦stauts⟧ FROM orders", CodeUnknownCol, "no such column: stauts"},
	{"SELECT o.id FROM orders o JOIN customers c ON c.id = o.⟦customerid⟧", CodeUnknownCol, "no such column: o.customerid"},
	{"SELECT ⟦id⟧ FROM orders JOIN customers ON customers.id = orders.customer_id", CodeAmbiguous, "ambiguous column name: id"},
	{"SELECT * ⟦FORM⟧ orders", CodeSyntax, `near "FORM": syntax error`},
	// Two statements without the ";" between them: the error is on the
	// second SELECT, not the first one of the same spelling.
	{"SELECT * FROM orders o JOIN customers c\n⟦SELECT⟧ id FROM orders", CodeSyntax, `near "SELECT": syntax error`},
	{"SELECT id FROM orders WHERE ⟦(⟧", CodeSyntax, "incomplete input"},
	{"SELECT customer, total FROM order_totals WHERE ⟦amount⟧ > 1", CodeUnknownCol, "no such column: amount"},
	{"UPDATE products SET ⟦cost⟧ = 1", CodeUnknownCol, "no such column: cost"},
	{"INSERT INTO warehouses (code, ⟦town⟧) VALUES ('X', 'Y')", CodeUnknownCol, "table warehouses has no column named town"},
	{"SELECT count(*) FROM orders GROUP BY status HAVING ⟦max⟧(id)", "", ""},
	{"SELECT * FROM orders o WHERE EXISTS (SELECT 1 FROM ⟦payment⟧ p WHERE p.order_id = o.id)", CodeUnknownTab, "no such table: payment"},
	{"INSERT INTO warehouses (code, city) VALUES ⟦('X', 'Y', 'Z')⟧", CodeInsertArity, ""},
	{"DELETE FROM ⟦shipment⟧ WHERE id = 1", CodeUnknownTab, "no such table: shipment"},
	{"SELECT kind FROM strict_things WHERE ⟦kind2⟧ = 'a'", CodeUnknownCol, "no such column: kind2"},
}

func TestSQLiteEngineAlarms(t *testing.T) {
	x := NewIndex(sqliteSnapshot(t, readExample(t, "shop.sql"), engineFixture))
	for _, c := range engineAlarms {
		text, want := unmark(c.text)
		got := Diagnose(x, SQLite, NewDocument(text))
		if c.code == "" {
			if len(got) > 0 {
				t.Errorf("%q: want silence, got %s", text, describe(text, got))
			}
			continue
		}
		// Where the checks of diagnose.go find the same name, theirs is the
		// one diagnostic; else SQLite's message is shown.
		if len(got) != 1 || got[0].Code != c.code || got[0].Range != want[0] || c.msg != "" && got[0].Message != c.msg && !strings.Contains(got[0].Message, text[want[0].Start:want[0].End]) {
			t.Errorf("%q:\ngot  %s\nwant %s at %q: %s", text, describe(text, got), c.code, text[want[0].Start:want[0].End], c.msg)
			continue
		}
		// Names depend on the snapshot, which may be stale: warnings.
		sev := SeverityWarning
		if c.code == CodeSyntax || c.code == CodeInsertArity {
			sev = SeverityError
		}
		if got[0].Severity != sev {
			t.Errorf("%q: severity %s, want %s", text, got[0].Severity, sev)
		}
	}
}

// TestSQLiteEngineBounds: a snapshot too large, or of another engine, gets
// no engine database.
func TestSQLiteEngineBounds(t *testing.T) {
	big := &schema.Snapshot{Driver: "sqlite", Schemas: []schema.Schema{{Name: "main"}}}
	for i := 0; i <= maxEngineObjects; i++ {
		big.Schemas[0].Tables = append(big.Schemas[0].Tables, schema.Table{Name: "t" + strings.Repeat("x", i%7) + string(rune('a'+i%26)), Columns: []schema.Column{col("id", "integer")}})
	}
	if NewIndex(big).sqliteEngine() != nil {
		t.Error("engine built above the bound")
	}
	if NewIndex(scopeSnapshot(Postgres)).sqliteEngine() != nil {
		t.Error("engine built for a PostgreSQL snapshot")
	}
}

// FuzzSQLiteEngine: whatever the text, SQLite's verdicts become
// well-formed diagnostics, and nothing panics.
func FuzzSQLiteEngine(f *testing.F) {
	for _, q := range engineQueries {
		f.Add(q)
	}
	for _, c := range engineAlarms {
		text, _ := unmark(c.text)
		f.Add(text)
	}
	f.Add("ATTACH ':memory:' AS x; PRAGMA foreign_keys = ON; BEGIN; SELECT 1; COMMIT;")
	f.Add("SELECT * FROM [unterminated")
	x := NewIndex(sqliteSnapshot(f, readExample(f, "shop.sql"), engineFixture))
	f.Fuzz(func(t *testing.T, text string) {
		for _, g := range Diagnose(x, SQLite, NewDocument(text)) {
			if g.Range.Start < 0 || g.Range.Start > g.Range.End || g.Range.End > len(text) {
				t.Fatalf("range %v out of [0, %d]: %+v", g.Range, len(text), g)
			}
			if g.Message == "" || g.Code == "" {
				t.Fatalf("empty diagnostic %+v", g)
			}
		}
	})
}

// TestSQLiteEngineConcurrent: documents diagnosed at once share the
// snapshot's engine database and each gets its own verdicts.
func TestSQLiteEngineConcurrent(t *testing.T) {
	x := NewIndex(sqliteSnapshot(t, readExample(t, "shop.sql"), engineFixture))
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			text, want := unmark(engineAlarms[i%len(engineAlarms)].text)
			doc := engineQueries[i] + ";\n" + text
			got := Diagnose(x, SQLite, NewDocument(doc))
			if len(got) != len(want) {
				t.Errorf("%q: %s", doc, describe(doc, got))
			}
		})
	}
	wg.Wait()
}
