package analysis

import (
	"testing"
)

// realisticSQL are statements as users type them; FuzzComplete is seeded
// with every prefix of each.
var realisticSQL = []string{
	"WITH recent AS (SELECT o.id, o.status AS st, c.* FROM orders o JOIN customers c ON o.customer_id = c.id WHERE o.status <> 'void')\nSELECT r.st, count(*) FROM recent r GROUP BY r.st HAVING count(*) > 1 ORDER BY 2 DESC LIMIT 10;",
	"SELECT s.twice, «Full Name» FROM (SELECT amount * 2 AS twice, order_id FROM sales.invoices) AS s LEFT JOIN orders o ON o.id = s.order_id WHERE EXISTS (SELECT 1 FROM customers c WHERE c.id = o.customer_id);",
	"INSERT INTO orders (id, customer_id, status) VALUES (1, 2, 'new') ON CONFLICT (id) DO UPDATE SET status = excluded.status RETURNING id;",
	"UPDATE orders AS o SET status = 'paid', customer_id = (SELECT id FROM customers LIMIT 1) FROM customers c WHERE c.id = o.customer_id;",
	"CREATE TABLE tmp_x (a int NOT NULL, «B c» varchar(20) DEFAULT 'x', PRIMARY KEY (a));\nDELETE FROM tmp_x USING orders WHERE tmp_x.a = orders.id;",
	"SELECT id, sum(id) OVER w, rank() OVER (PARTITION BY status ORDER BY id) FROM orders o JOIN customers c USING (id) WHERE status IN ('new', 'paid') WINDOW w AS (PARTITION BY customer_id);",
	"MERGE INTO orders o USING (SELECT id FROM customers) s ON s.id = o.customer_id WHEN MATCHED THEN UPDATE SET status = 'paid' WHEN NOT MATCHED THEN INSERT (id, status) VALUES (s.id, 'new');",
	"CALL add_order(p_customer => 1, 'x'); DROP TABLE IF EXISTS orders, sales.invoices; GRANT SELECT ON ALL TABLES IN SCHEMA sales TO r; COMMENT ON COLUMN orders.status IS 'x';",
	"ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (customer_id) REFERENCES customers (id); ALTER TABLE orders ALTER COLUMN status TYPE text; SELECT CAST(id AS int), id::text FROM orders;",
}

func FuzzComplete(f *testing.F) {
	// Every prefix, each in one of the dialects in turn (the body tries
	// every offset of it); whole statements in every dialect.
	for _, s := range realisticSQL {
		for n := 0; n <= len(s); n++ {
			d := fuzzDialects[n%3]
			full := q(d, s)
			f.Add(dialectIndex(d), full[:min(n, len(full))])
		}
		for _, d := range fuzzDialects {
			f.Add(dialectIndex(d), q(d, s))
		}
	}
	f.Add(uint8(0), "SELECT \"unterminated")
	f.Add(uint8(1), "SELECT `a`.`b`.| FROM")
	f.Add(uint8(2), "WITH x(a, b) AS (VALUES (1, 2)) SELECT x.")
	f.Fuzz(func(t *testing.T, di uint8, text string) {
		d := fuzzDialects[int(di)%len(fuzzDialects)]
		ix, doc := NewIndex(scopeSnapshot(d)), NewDocument(text)
		for off := 0; off <= len(text); off++ {
			items := Complete(ix, d, doc, off)
			for i := 1; i < len(items); i++ {
				if items[i-1].SortText > items[i].SortText {
					t.Fatalf("offset %d: items not in SortText order", off)
				}
			}
			r := WordRange(d, text, off)
			if r.Start < 0 || r.Start > r.End || r.End > len(text) {
				t.Fatalf("offset %d: word range %v", off, r)
			}
			if _, hr, ok := HoverAt(ix, d, doc, off); ok && (hr.Start < 0 || hr.Start > hr.End || hr.End > len(text)) {
				t.Fatalf("offset %d: hover range %v", off, hr)
			}
		}
	})
}
