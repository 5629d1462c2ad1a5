package analysis

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// diagCase is a document with each expected diagnostic's range marked
// ⟦…⟧ (and «» for the dialect's identifier quotes); want lists their
// codes in document order. No marks and no codes: it must be silent.
type diagCase struct {
	dialects []Dialect
	text     string
	want     []string
	noSnap   bool // diagnose without a snapshot
}

var allDialects = []Dialect{Postgres, MySQL, SQLite}

// unmark removes the ⟦⟧ marks, returning the text and the marked ranges.
func unmark(s string) (string, []Range) {
	var b strings.Builder
	var rs []Range
	start := -1
	for _, r := range s {
		switch r {
		case '⟦':
			start = b.Len()
		case '⟧':
			rs = append(rs, Range{Start: start, End: b.Len()})
		default:
			b.WriteRune(r)
		}
	}
	return b.String(), rs
}

var diagCases = []diagCase{
	// ---- positives ----
	{allDialects, "SELECT * FROM ⟦nope⟧", []string{CodeUnknownTab}, false},
	{allDialects, "SELECT id FROM orders o JOIN ⟦missing⟧ m ON m.id = o.id", []string{CodeUnknownTab}, false},
	{allDialects, "SELECT ⟦nope⟧ FROM orders;", []string{CodeUnknownCol}, false},
	{allDialects, "SELECT o.⟦nope⟧ FROM orders o", []string{CodeUnknownCol}, false},
	// A column the document adds is not unknown; other tables stay checked.
	{allDialects, "ALTER TABLE orders ADD COLUMN note text;\nSELECT note, o.note FROM orders o;", nil, false},
	{allDialects, "ALTER TABLE customers ADD COLUMN note text;\nSELECT ⟦note⟧ FROM orders;", []string{CodeUnknownCol}, false},
	{allDialects, "SELECT id FROM orders WHERE ⟦stat⟧ = 'x'", []string{CodeUnknownCol}, false},
	{allDialects, "SELECT ⟦id⟧ FROM orders o JOIN customers c ON c.id = o.customer_id", []string{CodeAmbiguous}, false},
	{allDialects, "SELECT o.id FROM orders o JOIN customers c ON c.⟦nope⟧ = o.customer_id", []string{CodeUnknownCol}, false},
	{allDialects, "UPDATE orders SET ⟦nope⟧ = 1 WHERE id = 2", []string{CodeUnknownCol}, false},
	{allDialects, "UPDATE orders SET status = 'x' WHERE ⟦nope⟧ = 2", []string{CodeUnknownCol}, false},
	{allDialects, "DELETE FROM ⟦gone⟧ WHERE id = 1", []string{CodeUnknownTab}, false},
	{allDialects, "INSERT INTO ⟦gone⟧ (a) VALUES (1)", []string{CodeUnknownTab}, false},
	{allDialects, "INSERT INTO orders (id, ⟦nope⟧) VALUES (1, 2)", []string{CodeUnknownCol}, false},
	{allDialects, "INSERT INTO orders (id, status) VALUES ⟦(1, 'a', 3)⟧", []string{CodeInsertArity}, false},
	{allDialects, "INSERT INTO orders (id, status) VALUES (1, 'a'), ⟦(2)⟧", []string{CodeInsertArity}, false},
	{allDialects, "INSERT INTO orders VALUES ⟦(1, 2, 'a', 'b', 5)⟧", []string{CodeInsertArity}, false},
	// MySQL: fewer may be right (INVISIBLE columns, which snapshots do not tell).
	{[]Dialect{SQLite}, "INSERT INTO orders VALUES ⟦(1, 2)⟧", []string{CodeInsertArity}, false},
	{allDialects, "WITH w AS (SELECT id, status AS s FROM orders) SELECT w.⟦status⟧ FROM w", []string{CodeUnknownCol}, false},
	{allDialects, "SELECT x.⟦nope⟧ FROM (SELECT id, status FROM orders) x", []string{CodeUnknownCol}, false},
	{allDialects, "SELECT id FROM orders WHERE customer_id IN (SELECT ⟦nope⟧ FROM customers)", []string{CodeUnknownCol}, false},
	{allDialects, "CREATE TABLE t1 (a int, b text);\nSELECT ⟦c⟧ FROM t1;", []string{CodeUnknownCol}, false},
	{allDialects, "SELECT 1;\nSELECT * FROM ⟦nope⟧;\nSELECT * FROM orders;", []string{CodeUnknownTab}, false},
	{[]Dialect{Postgres}, "SELECT * FROM \"Mixed\" m WHERE m.⟦camelcol⟧ = 1", []string{CodeUnknownCol}, false},
	{[]Dialect{Postgres}, "SELECT * FROM ⟦\"ORDERS\"⟧", []string{CodeUnknownTab}, false},
	{[]Dialect{Postgres}, "SELECT * FROM ⟦sales.nope⟧", []string{CodeUnknownTab}, false},
	{[]Dialect{Postgres}, "SELECT * ⟦FORM⟧ orders", []string{CodeSyntax}, false},
	{[]Dialect{Postgres}, "SELECT 1;\nSELECT * FROM orders WHERE ⟦)⟧;", []string{CodeSyntax}, true},
	{[]Dialect{Postgres}, "SELECT * FROM orders WHERE id = ⟦(⟧", []string{CodeSyntax}, false},
	{[]Dialect{Postgres}, "SELECT 'é', * ⟦FORM⟧ orders", []string{CodeSyntax}, false},
	{[]Dialect{Postgres}, "SELECT ⟦nope⟧ FROM orders;\nSELECT id, ⟦FROM⟧ orders;", []string{CodeUnknownCol, CodeSyntax}, false},

	// ---- negatives ----
	{allDialects, "SELECT 1", nil, false},
	{allDialects, "SELECT 1;\nSELECT 2 AS two;", nil, false},
	{allDialects, "SELECT * FROM orders", nil, false},
	{allDialects, "SELECT o.id, o.status, c.email FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.status = 'paid' ORDER BY o.id", nil, false},
	{allDialects, "SELECT status, count(*) AS n FROM orders GROUP BY status HAVING count(*) > 1 ORDER BY n DESC", nil, false},
	{allDialects, "SELECT id AS order_no FROM orders ORDER BY order_no", nil, false},
	{allDialects, "SELECT id, CURRENT_DATE, CURRENT_TIMESTAMP, NULL, TRUE, FALSE FROM orders WHERE status IS NOT NULL", nil, false},
	{[]Dialect{MySQL, SQLite}, "SELECT * FROM orders WHERE status = 'nope' AND id = ?", nil, false},
	{allDialects, "SELECT o.id FROM orders o UNION SELECT o.email FROM customers o", nil, false},
	{allDialects, "WITH w AS (SELECT id, status AS s FROM orders) SELECT w.s, id FROM w WHERE s = 'x'", nil, false},
	{allDialects, "SELECT x.id, x.status FROM (SELECT id, status FROM orders) x WHERE x.id > 1", nil, false},
	{[]Dialect{Postgres, MySQL}, "SELECT * FROM (SELECT count(*) FROM orders) x WHERE x.count > 1", nil, false},
	// SQLite names that column "count(*)": its engine knows (sqlite_engine.go).
	{[]Dialect{SQLite}, "SELECT * FROM (SELECT count(*) FROM orders) x WHERE x.⟦count⟧ > 1", []string{CodeUnknownCol}, false},
	{allDialects, "SELECT c.id FROM customers c WHERE EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id AND email <> '')", nil, false},
	{allDialects, "CREATE TABLE t1 (a int, b text);\nINSERT INTO t1 (a, b) VALUES (1, 'x');\nSELECT a, b FROM t1;", nil, false},
	{allDialects, "CREATE VIEW v AS SELECT id, status FROM orders;\nSELECT id FROM v;", nil, false},
	{allDialects, "CREATE TABLE t2 AS SELECT id, upper(status) FROM orders;\nSELECT whatever FROM t2;", nil, false},
	{allDialects, "DROP TABLE orders;\nALTER TABLE orders ADD COLUMN nope int;\nCREATE INDEX ix ON orders (nope);", nil, false},
	{allDialects, "INSERT INTO orders (id, customer_id, status) VALUES (1, 2, 'new'), (2, 3, 'old')", nil, false},
	{allDialects, "INSERT INTO orders (id, status) SELECT id, email FROM customers WHERE id > 1", nil, false},
	{allDialects, "UPDATE orders SET status = 'x', customer_id = customer_id + 1 WHERE id = 3", nil, false},
	{allDialects, "DELETE FROM orders WHERE id IN (SELECT id FROM customers)", nil, false},
	{allDialects, "SELECT id FROM orders o JOIN customers c USING (id)", nil, false},
	{allDialects, "SELECT count(*) FROM orders WHERE status LIKE 'a%' ESCAPE '!'", nil, false},
	{allDialects, "SELECT CASE WHEN status = 'a' THEN 1 ELSE 0 END flag FROM orders ORDER BY flag", nil, false},
	{allDialects, "SELECT id FROM big_orders WHERE status = 'x'", nil, false},
	{allDialects, "SELECT * FROM unknown_fn(1) f WHERE f.anything = 1", nil, false},
	{allDialects, "SELECT nope FROM orders", nil, true},
	{allDialects, "SELECT * FROM gone", nil, true},
	{allDialects, "SELECT id FROM orders o, ⟦nope⟧ n WHERE whatever = 1", []string{CodeUnknownTab}, false},
	{allDialects, "SELECT * FROM orders ORDER BY 1", nil, false},
	{[]Dialect{Postgres}, "SELECT", nil, false}, // PostgreSQL accepts an empty select list

	// ---- structural syntax checks (MySQL/MariaDB, SQLite) ----
	{[]Dialect{MySQL, SQLite}, "⟦SELECT⟧", []string{CodeSyntax}, true},
	{[]Dialect{MySQL, SQLite}, "SELECT ⟦'abc⟧\nFROM orders", []string{CodeSyntax}, true},
	{[]Dialect{MySQL, SQLite}, "SELECT 1;\n⟦/* open comment⟧\nSELECT 2;", []string{CodeSyntax}, true},
	{[]Dialect{MySQL}, "SELECT * FROM ⟦`orders⟧", []string{CodeSyntax}, true},
	{[]Dialect{MySQL, SQLite}, "SELECT count⟦(⟧(id) FROM orders;\nSELECT 1;", []string{CodeSyntax}, false},
	{[]Dialect{MySQL, SQLite}, "SELECT id⟦)⟧ FROM orders; SELECT ⟦nope⟧ FROM orders;", []string{CodeSyntax, CodeUnknownCol}, false},
	{[]Dialect{MySQL, SQLite}, "SELECT id FROM orders ⟦WHERE⟧;", []string{CodeSyntax}, false},
	{[]Dialect{MySQL, SQLite}, "SELECT id FROM orders WHERE id ⟦=⟧", []string{CodeSyntax}, false},
	{[]Dialect{MySQL, SQLite}, "SELECT id⟦,⟧ ;", []string{CodeSyntax}, true},
	{[]Dialect{MySQL, SQLite}, "SELECT id FROM orders WHERE id = 1 ⟦and⟧;", []string{CodeSyntax}, true},
	{[]Dialect{MySQL, SQLite}, "SELECT *; SELECT 1 - -1; SELECT (1) * (2); SELECT '(' || ')' /* ( */ -- (\n;", nil, true},
	{[]Dialect{MySQL}, "SET autocommit = ON; SELECT 'it\\'s (' FROM orders; SELECT \"a(\" FROM dual; SELECT 1 FROM orders ORDER BY id DESC;", nil, false},
	{[]Dialect{MySQL}, "DELIMITER //\nCREATE PROCEDURE p(IN n INT)\nBEGIN\n  SELECT (n + 1);\n  IF n > 0 THEN SELECT 1; END IF;\nEND //\nDELIMITER ;\nCALL p(1);", nil, true},
	{[]Dialect{SQLite}, "CREATE TRIGGER tr AFTER INSERT ON orders BEGIN UPDATE orders SET status = 'x' WHERE id = new.id; END;\nSELECT 'it''s (' FROM orders;", nil, false},
	{allDialects, "", nil, false},
	{allDialects, "select ID, Status from ORDERS where CUSTOMER_ID = 1", nil, false},
	{allDialects, "SELECT o.id FROM orders o WHERE o.id = (SELECT max(o2.id) FROM orders o2 WHERE o2.customer_id = o.customer_id)", nil, false},
	{allDialects, "WITH RECURSIVE r AS (SELECT 1 AS n UNION ALL SELECT n + 1 FROM r WHERE n < 10) SELECT n FROM r", nil, false},
	{allDialects, "SELECT row_number() OVER (PARTITION BY status ORDER BY id) AS rn FROM orders", nil, false},
	{allDialects, "SELECT COALESCE(status, 'none') AS s, CAST(id AS varchar(10)) FROM orders", nil, false},
	{allDialects, "SELECT id FROM orders UNION SELECT id FROM customers ORDER BY id", nil, false},
	{[]Dialect{Postgres}, "SELECT id, now(), current_schema FROM orders WHERE status IS NULL OR true", nil, false},
	{[]Dialect{Postgres}, "SELECT extract(epoch FROM now()), id::text, status || 'x' FROM orders WHERE id = $1", nil, false},
	{[]Dialect{Postgres}, "SELECT * FROM pg_catalog.pg_class; SELECT * FROM information_schema.tables; SELECT * FROM pg_tables", nil, false},
	{[]Dialect{Postgres}, "SELECT * FROM \"Mixed\" m WHERE m.\"CamelCol\" = 1", nil, false},
	{[]Dialect{Postgres}, "SELECT * FROM \"Weird Schema\".\"Odd Table\" t WHERE t.\"Col\"\"Quote\" = 'x'", nil, false},
	{[]Dialect{Postgres}, "SELECT o FROM orders o", nil, false},
	{[]Dialect{Postgres}, "SELECT * FROM orders, LATERAL (SELECT customer_id AS c) x", nil, false},
	{[]Dialect{Postgres}, "SELECT * FROM generate_series(1, 3) g(n) WHERE n > 1", nil, false},
	{[]Dialect{Postgres}, "SELECT a, b FROM (VALUES (1, 2)) AS v(a, b)", nil, false},
	{[]Dialect{Postgres}, "INSERT INTO orders VALUES (1, 2)", nil, false},
	{[]Dialect{Postgres}, "INSERT INTO orders (id, status) VALUES (1, 'x') ON CONFLICT (id) DO UPDATE SET status = excluded.status RETURNING id, status", nil, false},
	{[]Dialect{Postgres}, "UPDATE orders o SET status = c.email FROM customers c WHERE c.id = o.customer_id", nil, false},
	{[]Dialect{Postgres}, "\\set x 1\nSELECT * FROM orders WHERE id = :x;", nil, false},
	{[]Dialect{Postgres}, "SELECT * INTO tmp_o FROM orders;\nSELECT * FROM tmp_o;", nil, false},
	{[]Dialect{Postgres}, "CREATE FUNCTION f() RETURNS int AS $$ SELECT nope FROM nowhere $$ LANGUAGE sql;", nil, false},
	{[]Dialect{Postgres}, "DO $$ BEGIN PERFORM 1; END $$;", nil, false},
	{[]Dialect{Postgres}, "SELECT 'it''s', E'\\n', $tag$ x $tag$, interval '1 day', date '2024-01-01' FROM orders", nil, false},
	{[]Dialect{MySQL}, "SELECT * FROM other_db.whatever", nil, false},
	{[]Dialect{MySQL}, "SELECT `id`, `status` FROM `orders` WHERE `customer_id` = 1 AND status = \"nope\"", nil, false},
	{[]Dialect{MySQL}, "INSERT INTO orders (id, status) VALUES (1, 'x') ON DUPLICATE KEY UPDATE status = VALUES(status)", nil, false},
	{[]Dialect{MySQL}, "SELECT DATE_ADD(NOW(), INTERVAL 1 DAY), TIMESTAMPDIFF(DAY, NOW(), NOW()) FROM dual", nil, false},
	{[]Dialect{MySQL}, "UPDATE orders o JOIN customers c ON c.id = o.customer_id SET o.status = c.email", nil, false},
	{[]Dialect{SQLite}, "SELECT rowid, \"nope\" FROM orders", nil, false},
	{[]Dialect{SQLite}, "SELECT * FROM sqlite_master; SELECT * FROM pragma_table_info('orders');", nil, false},
	{[]Dialect{SQLite}, "INSERT OR REPLACE INTO orders (id, status) VALUES (1, 'x')", nil, false},
	{[]Dialect{SQLite}, ".tables\nSELECT id FROM orders;", nil, false},
	{[]Dialect{SQLite}, "SELECT * FROM orders WHERE status = :s AND id = @i AND customer_id = $c", nil, false},
	{[]Dialect{MySQL, SQLite}, "SELECT * FROM orders WHERE ⟦FORM⟧ = 1", []string{CodeUnknownCol}, false},
	{[]Dialect{MySQL}, "SELECT * FORM orders", nil, false},
	{[]Dialect{SQLite}, "SELECT * ⟦FORM⟧ orders", []string{CodeSyntax}, false},
	{[]Dialect{MySQL, SQLite}, "SELECT «ID», «Status» FROM «ORDERS»", nil, false},
	{[]Dialect{Postgres}, "SELECT ⟦\"ID\"⟧ FROM orders", []string{CodeUnknownCol}, false},
	{[]Dialect{Postgres}, "SELECT ID, Status FROM Orders", nil, false},
	{[]Dialect{Postgres}, "SELECT nope, ⟦FROM⟧ nowhere", []string{CodeSyntax}, false},
	{allDialects, "SELECT o.id FROM orders o WHERE o.customer_id = 1 AND ⟦nope⟧ > 0 ORDER BY o.⟦x⟧", []string{CodeUnknownCol, CodeUnknownCol}, false},
}

func TestDiagnose(t *testing.T) {
	for i, c := range diagCases {
		for _, d := range c.dialects {
			t.Run(fmt.Sprintf("%d/%s", i, d), func(t *testing.T) {
				text, want := unmark(q(d, c.text))
				if d != Postgres {
					text = strings.ReplaceAll(text, "\"Mixed\"", q(d, "«Mixed»"))
				}
				snap := scopeSnapshot(d)
				if c.noSnap {
					snap = nil
				}
				got := Diagnose(NewIndex(snap), d, NewDocument(text))
				if len(got) != len(c.want) || len(want) != len(c.want) {
					t.Fatalf("%q:\ngot  %s\nwant %v at %v", text, describe(text, got), c.want, want)
				}
				for k, g := range got {
					if g.Code != c.want[k] || g.Range != want[k] {
						t.Errorf("%q:\ngot  %s\nwant %s at %v %q", text, describe(text, got), c.want[k], want[k], text[want[k].Start:want[k].End])
					}
					if g.Message == "" || (g.Severity != SeverityError && g.Severity != SeverityWarning) {
						t.Errorf("bad diagnostic %+v", g)
					}
				}
			})
		}
	}
}

func describe(text string, ds []Diagnostic) string {
	var parts []string
	for _, d := range ds {
		parts = append(parts, fmt.Sprintf("%s %v %q: %s", d.Code, d.Range, text[d.Range.Start:d.Range.End], d.Message))
	}
	return "[" + strings.Join(parts, "; ") + "]"
}

// TestDiagnoseFixtures: the conformance fixtures and queries over them,
// diagnosed against the schema they create, raise nothing.
func TestDiagnoseFixtures(t *testing.T) {
	queries := `
SELECT c.first_name, c.last_name, count(r.rental_id) AS rentals
FROM customer c LEFT JOIN rental r ON r.customer_id = c.customer_id
WHERE c.active
GROUP BY c.first_name, c.last_name
HAVING count(r.rental_id) > 0
ORDER BY rentals DESC;
SELECT i.title, cat.name AS category FROM item i JOIN category cat ON cat.category_id = i.category_id WHERE i.daily_rate > 1.5;
WITH top AS (SELECT item_id, count(*) AS n FROM inventory GROUP BY item_id) SELECT item.title, top.n FROM top JOIN item ON item.item_id = top.item_id;
UPDATE customer SET email = lower(email) WHERE customer_id = 1;
DELETE FROM item_tag WHERE tag = 'old';
`
	for _, d := range allDialects {
		src, err := os.ReadFile(filepath.Join("..", "drivers", "drivertest", "fixtures", "rental."+string(d)+".sql"))
		if err != nil {
			t.Fatal(err)
		}
		text := string(src) + "\n" + queries
		snap := scopeSnapshot(d) // unrelated catalog: the document's own tables count
		if got := Diagnose(NewIndex(snap), d, NewDocument(text)); len(got) > 0 {
			t.Errorf("%s: %s", d, describe(text, got))
		}
		if got := Diagnose(nil, d, NewDocument(text)); len(got) > 0 {
			t.Errorf("%s without snapshot: %s", d, describe(text, got))
		}
	}
	shop, err := os.ReadFile(filepath.Join("..", "docs", "examples", "shop.sql"))
	if err != nil {
		t.Fatal(err)
	}
	shopQueries := `
SELECT p.name, s.name AS supplier, c.name AS category FROM products p
LEFT JOIN suppliers s ON s.id = p.supplier_id JOIN categories c ON c.id = p.category_id WHERE p.price > 100;
SELECT customer, total FROM order_totals WHERE lines > 1 ORDER BY total DESC;
SELECT o.id, sum(i.line_total) FROM orders o JOIN order_items i ON i.order_id = o.id GROUP BY o.id;
SELECT warehouse_code, product_id, quantity FROM stock WHERE quantity < 5;
`
	text := string(shop) + shopQueries
	for _, d := range []Dialect{SQLite, MySQL} {
		if got := Diagnose(NewIndex(scopeSnapshot(d)), d, NewDocument(text)); len(got) > 0 {
			t.Errorf("shop.sql in %s: %s", d, describe(text, got))
		}
	}
}
