package analysis

import "testing"

// silentAll are realistic queries over scopeSnapshot that must raise
// nothing in any dialect.
var silentAll = []string{
	"SELECT c.id, (SELECT count(*) FROM orders o WHERE o.customer_id = c.id) AS n FROM customers c ORDER BY n",
	"SELECT id, status FROM orders WHERE id BETWEEN 1 AND 10 AND status NOT IN ('a', 'b')",
	"SELECT DISTINCT status FROM orders",
	"SELECT * FROM orders o LEFT OUTER JOIN customers c ON c.id = o.customer_id AND c.email IS NOT NULL",
	"SELECT o.* FROM orders o NATURAL JOIN customers",
	"SELECT count(DISTINCT status) FROM orders",
	"SELECT id FROM orders GROUP BY id HAVING max(customer_id) > 2",
	"SELECT status AS s FROM orders GROUP BY s",
	"SELECT upper(status) s, id + 1 next_id FROM orders",
	"SELECT id FROM orders o WHERE NOT EXISTS (SELECT 1 FROM customers c WHERE c.id = o.customer_id)",
	"SELECT * FROM orders WHERE (id, customer_id) IN (SELECT id, id FROM customers)",
	"SELECT CASE status WHEN 'a' THEN 1 END FROM orders",
	"SELECT id FROM orders ORDER BY id DESC LIMIT 10 OFFSET 5",
	"SELECT c.email, o.status FROM customers AS c INNER JOIN orders AS o ON o.customer_id = c.id",
	"WITH a AS (SELECT id FROM orders), b AS (SELECT id FROM a) SELECT b.id FROM b JOIN a ON a.id = b.id",
	"WITH a(x) AS (SELECT id FROM orders) SELECT x FROM a",
	"SELECT t.id FROM (SELECT o.id, c.email FROM orders o JOIN customers c ON c.id = o.customer_id) AS t WHERE t.email = ''",
	"SELECT * FROM (SELECT * FROM orders) t WHERE t.status = 'x'",
	"DELETE FROM orders WHERE customer_id NOT IN (SELECT id FROM customers)",
	"UPDATE orders SET status = (SELECT max(email) FROM customers WHERE customers.id = orders.customer_id)",
	"INSERT INTO customers (id, email) SELECT id, status FROM orders o WHERE NOT EXISTS (SELECT 1 FROM customers c WHERE c.id = o.id)",
	"SELECT 'a' || status || 'b' AS label FROM orders",
	"SELECT coalesce(max(id), 0) + 1 FROM orders",
	"SELECT id, count(*) OVER w FROM orders WINDOW w AS (PARTITION BY status)",
	"SELECT o.id FROM orders o, customers c WHERE o.customer_id = c.id",
	"SELECT orders.id FROM orders",
	"SELECT big_orders.status FROM big_orders",
	"SELECT x.* FROM orders x",
	"EXPLAIN SELECT nope FROM nowhere",
	"SELECT id FROM orders WHERE id = 1; -- trailing comment",
	"/* c */ SELECT /* c2 */ id FROM orders",
	"SELECT status, count(*) FROM orders GROUP BY 1 ORDER BY 2 DESC",
	"SELECT CAST(id AS TEXT) AS sid FROM orders",
	"SELECT min(id) AS lo, max(id) AS hi FROM orders HAVING min(id) > 0",
	"SELECT id FROM orders INTERSECT SELECT id FROM customers",
	"SELECT a.id FROM orders a JOIN orders b ON a.customer_id = b.customer_id AND a.id < b.id",
	"SELECT status FROM orders WHERE status = 'paid' UNION ALL SELECT email FROM customers ORDER BY 1",
	"SELECT id FROM orders o WHERE EXISTS (SELECT 1 FROM customers WHERE id = o.customer_id)",
}

// TestDiagnoseSilent: realistic queries, per dialect, raise nothing.
func TestDiagnoseSilent(t *testing.T) {
	cases := map[Dialect][]string{
		Postgres: {
			"SELECT id FROM orders WHERE status ~* '^a' AND id::int > 1 AND status ILIKE 'x%'",
			"SELECT jsonb_build_object('id', id) AS j FROM orders",
			"SELECT o.id, array_agg(c.email ORDER BY c.email) FROM orders o JOIN customers c ON c.id = o.customer_id GROUP BY o.id",
			"SELECT date_trunc('day', now()) AS d, count(*) FROM orders GROUP BY d",
			"SELECT id FROM orders WHERE id = $1 AND status = $2::text",
			"SELECT id FROM ONLY orders",
			"SELECT * FROM orders TABLESAMPLE SYSTEM (10)",
			"SELECT id FROM orders WHERE status IS NOT DISTINCT FROM 'a' FETCH FIRST 5 ROWS ONLY",
			"SELECT string_agg(status, ',') WITHIN GROUP (ORDER BY status) FROM orders",
			"SELECT x FROM unnest(ARRAY[1,2]) AS x",
			"SELECT u.x FROM unnest(ARRAY[1,2]) AS u(x)",
			"SELECT t.id FROM orders t WHERE t.status = 'x' AND t.ctid IS NOT NULL",
			"INSERT INTO orders (id, customer_id, status) VALUES (DEFAULT, 1, 'x') RETURNING *",
			"INSERT INTO orders AS o (id) VALUES (1) ON CONFLICT (id) DO NOTHING",
			"UPDATE orders SET (status, customer_id) = ('x', 2) WHERE id = 1 RETURNING id",
			"DELETE FROM orders o USING customers c WHERE c.id = o.customer_id RETURNING o.id",
			"WITH del AS (DELETE FROM orders WHERE id = 1 RETURNING id) SELECT id FROM del",
			"WITH ins AS (INSERT INTO orders (id) VALUES (1) RETURNING id, status) SELECT status FROM ins",
			"SELECT * FROM sales.invoices i JOIN sales.customers sc ON sc.id = i.order_id",
			"SELECT current_user, session_user, current_timestamp, localtimestamp",
			"SELECT id FROM orders WHERE status = 'a' AND EXTRACT(YEAR FROM now()) > 2000",
			"SELECT id, row_to_json(o) FROM orders o",
			"SELECT (o).id FROM orders o",
			"SELECT id FROM orders WHERE id = :'x'",
			"COPY orders FROM STDIN;\n1\t2\n\\.\nSELECT 1;",
			"SELECT \"select\" FROM orders",
			"SELECT * FROM \"Weird Schema\".\"Odd Table\"",
			"SELECT greatest(id, customer_id), least(1, 2), nullif(status, '') FROM orders",
			"SELECT id FROM orders WHERE status SIMILAR TO 'a%'",
			"SELECT position('a' IN status), substring(status FROM 1 FOR 2), trim(both ' ' FROM status), overlay(status placing 'x' from 1) FROM orders",
		},
		MySQL: {
			"SELECT `o`.`id` FROM `orders` AS `o` WHERE `o`.`status` = 'x'",
			"SELECT id FROM orders WHERE status REGEXP '^a' AND id DIV 2 = 1",
			"SELECT id FROM orders LIMIT 5, 10",
			"SELECT SQL_CALC_FOUND_ROWS id FROM orders",
			"SELECT id INTO @x FROM orders LIMIT 1",
			"INSERT INTO orders SET id = 1, status = 'x'",
			"INSERT IGNORE INTO orders (id, status) VALUES (1, 'x')",
			"REPLACE INTO orders (id, status) VALUES (1, 'x')",
			"DELETE o FROM orders o JOIN customers c ON c.id = o.customer_id WHERE c.email = ''",
			"SELECT GROUP_CONCAT(status SEPARATOR ',') FROM orders",
			"SELECT id FROM orders USE INDEX (PRIMARY) WHERE id = 1",
			"SELECT IF(status = 'a', 1, 0) AS flag FROM orders",
			"SELECT CONVERT(status USING utf8mb4) FROM orders",
			"SELECT DATE_FORMAT(NOW(), '%Y') AS y, CURDATE(), UTC_TIMESTAMP() FROM orders",
			"SELECT * FROM shop.orders",
			"SELECT ORDERS.ID FROM ORDERS",
			"SELECT id FROM orders WHERE status = @s AND id = @@session.x",
			"SELECT MATCH (status) AGAINST ('x' IN BOOLEAN MODE) FROM orders",
			"SELECT id FROM orders FOR SHARE",
			"SELECT * FROM orders WHERE status = _utf8mb4'x'",
		},
		SQLite: {
			"SELECT id FROM orders WHERE status GLOB 'a*'",
			"SELECT id FROM orders INDEXED BY ix WHERE id = 1",
			"SELECT id FROM orders WHERE id = ?1 AND status = :st",
			"SELECT [id], `status` FROM [orders]",
			"SELECT json_extract(status, '$.a') FROM orders",
			"SELECT * FROM orders, json_each(orders.status)",
			"SELECT * FROM json_each('[1]') j WHERE j.value > 0",
			"INSERT INTO orders (id) VALUES (1) ON CONFLICT(id) DO UPDATE SET status = excluded.status",
			"UPDATE OR IGNORE orders SET status = 'x' WHERE id = 1",
			"SELECT datetime('now'), date('now', '-1 day'), strftime('%Y', 'now')",
			"SELECT id FROM orders WHERE rowid > 1 AND oid > 0 AND _rowid_ > 0",
			"SELECT * FROM main.orders",
			"SELECT * FROM temp.whatever",
			"SELECT typeof(id), iif(id > 1, 'a', 'b') FROM orders",
			"SELECT id FROM orders WHERE status IS NOT 'x'",
			"CREATE TEMP TABLE tt (a INTEGER);\nINSERT INTO tt VALUES (1);\nSELECT a FROM tt;",
			"ATTACH 'x.db' AS aux;\nSELECT * FROM aux.things;",
		},
	}
	for _, d := range allDialects {
		cases[d] = append(cases[d], silentAll...)
	}
	for d, list := range cases {
		ix := NewIndex(scopeSnapshot(d))
		for _, s := range list {
			for _, g := range Diagnose(ix, d, NewDocument(s)) {
				t.Errorf("%s %q: %s %q %s", d, s, g.Code, s[g.Range.Start:g.Range.End], g.Message)
			}
		}
	}
}
