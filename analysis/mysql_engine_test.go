package analysis

import (
	"fmt"
	"strings"
	"testing"

	"github.com/dbls/dbls/drivers/schema"
)

// The flavours a MySQL document is diagnosed in: a MySQL server's
// snapshot, a MariaDB server's, and none (flavour unknown).
const (
	flavourMySQL   = "mysql"
	flavourMariaDB = "mariadb"
	flavourNone    = "none"
)

var allFlavours = []string{flavourMySQL, flavourMariaDB, flavourNone}

func flavourSnapshot(f string) *schema.Snapshot {
	snap := scopeSnapshot(MySQL)
	switch f {
	case flavourMySQL:
		snap.ServerVersion = "8.0.40"
	case flavourMariaDB:
		snap.ServerVersion = "10.11.6-MariaDB-0+deb12u1"
	default:
		return nil
	}
	return snap
}

// mysqlBroken are wrong statements, each with its diagnostics marked ⟦…⟧
// and their codes, per flavour.
var mysqlBroken = []struct {
	flavours []string
	text     string
	want     []string
}{
	// misspelt keyword
	{allFlavours, "⟦SELEC⟧ * FROM orders", []string{CodeSyntax}},
	{allFlavours, "SELECT 1;\n⟦UPDTE⟧ orders SET status = 'x';", []string{CodeSyntax}},
	{[]string{flavourMySQL}, "SELECT id ⟦FORM⟧ orders", []string{CodeSyntax}},
	{[]string{flavourMySQL}, "SELECT * ⟦FORM⟧ orders", []string{CodeSyntax}},
	{[]string{flavourMySQL}, "SELECT * FROM orders ⟦WHRE⟧ id = 1", []string{CodeSyntax}},
	{[]string{flavourMySQL}, "INSERT ⟦INTOO⟧ orders (id) VALUES (1)", []string{CodeSyntax}},
	{[]string{flavourMySQL}, "SELECT id FROM orders ORDER ⟦BYE⟧ id", []string{CodeSyntax}},
	// clauses out of order
	{[]string{flavourMySQL}, "SELECT * FROM orders ORDER BY id ⟦WHERE⟧ id = 1", []string{CodeSyntax}},
	{[]string{flavourMySQL}, "SELECT status FROM orders GROUP BY status ⟦WHERE⟧ id > 1", []string{CodeSyntax}},
	{[]string{flavourMySQL}, "SELECT id FROM orders LIMIT 1 ⟦ORDER⟧ BY id", []string{CodeSyntax}},
	{[]string{flavourMySQL}, "UPDATE orders ⟦WHERE⟧ id = 1 SET status = 'x'", []string{CodeSyntax}},
	{[]string{flavourMySQL}, "SELECT id FROM orders WHERE id = 1;\nSELECT status FROM orders HAVING status = 'x' ⟦GROUP⟧ BY status;", []string{CodeSyntax}},
	// a syntax error hides the names of its statement, not the next one's
	{[]string{flavourMySQL}, "SELECT nope FROM orders ORDER BY id ⟦WHERE⟧ 1;\nSELECT ⟦nope⟧ FROM orders;", []string{CodeSyntax, CodeUnknownCol}},
	// unknown column
	{allFlavours[:2], "SELECT ⟦nope⟧ FROM orders", []string{CodeUnknownCol}},
	{allFlavours[:2], "SELECT o.⟦nope⟧ FROM orders o", []string{CodeUnknownCol}},
	{allFlavours[:2], "SELECT ⟦`nope`⟧ FROM `orders`", []string{CodeUnknownCol}},
	{allFlavours[:2], "SELECT shop.orders.⟦nope⟧ FROM shop.orders", []string{CodeUnknownCol}},
	{allFlavours[:2], "SELECT id FROM orders WHERE status = 'a' AND ⟦stauts⟧ = 'b'", []string{CodeUnknownCol}},
	{allFlavours[:2], "SELECT id FROM orders WHERE customer_id IN (SELECT ⟦nope⟧ FROM customers)", []string{CodeUnknownCol}},
	{allFlavours[:2], "WITH w AS (SELECT id, status AS s FROM orders) SELECT w.⟦status⟧ FROM w", []string{CodeUnknownCol}},
	{allFlavours[:2], "SELECT x.⟦nope⟧ FROM (SELECT id, status FROM orders) x", []string{CodeUnknownCol}},
	{allFlavours[:2], "SELECT q.⟦id⟧ FROM orders o", []string{CodeUnknownCol}},
	{allFlavours[:2], "UPDATE orders SET ⟦nope⟧ = 1 WHERE id = 2", []string{CodeUnknownCol}},
	{allFlavours[:2], "DELETE FROM orders WHERE ⟦nope⟧ = 2", []string{CodeUnknownCol}},
	{allFlavours[:2], "INSERT INTO orders (id, ⟦nope⟧) VALUES (1, 2)", []string{CodeUnknownCol}},
	{allFlavours[:2], "INSERT INTO orders (id, status) VALUES (1, 'x') ON DUPLICATE KEY UPDATE ⟦nope⟧ = 1", []string{CodeUnknownCol}},
	{allFlavours[:2], "SELECT id AS nope, ⟦nope⟧ FROM orders", []string{CodeUnknownCol}},
	{allFlavours[:2], "SELECT nope FROM (SELECT ⟦nope⟧ FROM orders) d", []string{CodeUnknownCol}},
	// unknown table
	{allFlavours[:2], "SELECT * FROM ⟦nope⟧", []string{CodeUnknownTab}},
	{allFlavours[:2], "SELECT * FROM ⟦`nope`⟧", []string{CodeUnknownTab}},
	{allFlavours[:2], "SELECT * FROM ⟦shop.nope⟧", []string{CodeUnknownTab}},
	{allFlavours[:2], "SELECT o.id FROM orders o JOIN ⟦ordrs⟧ p ON p.id = o.id", []string{CodeUnknownTab}},
	{allFlavours[:2], "INSERT INTO ⟦gone⟧ (a) VALUES (1)", []string{CodeUnknownTab}},
	{allFlavours[:2], "DELETE FROM ⟦gone⟧ WHERE id = 1", []string{CodeUnknownTab}},
	{allFlavours[:2], "UPDATE ⟦gone⟧ SET a = 1", []string{CodeUnknownTab}},
	// wrong value count
	{allFlavours[:2], "INSERT INTO orders (id, status) VALUES ⟦(1)⟧", []string{CodeInsertArity}},
	{allFlavours[:2], "INSERT INTO orders (id, status) VALUES (1, 'a'), ⟦(2, 'b', 3)⟧", []string{CodeInsertArity}},
	{allFlavours[:2], "INSERT INTO orders VALUES ⟦(1, 2, 'a', 'b', 5)⟧", []string{CodeInsertArity}},
	{allFlavours[:2], "REPLACE INTO orders (id) VALUES ⟦(1, 2)⟧", []string{CodeInsertArity}},
	{allFlavours[:2], "INSERT INTO orders (id) ⟦SELECT id, email FROM customers⟧", []string{CodeInsertArity}},
	// ambiguous column
	{allFlavours[:2], "SELECT ⟦id⟧ FROM orders o JOIN customers c ON c.id = o.customer_id", []string{CodeAmbiguous}},
	{allFlavours[:2], "SELECT o.id FROM orders o, customers c WHERE ⟦id⟧ = 1", []string{CodeAmbiguous}},
	{allFlavours[:2], "UPDATE orders o JOIN customers c ON c.id = o.customer_id SET o.status = 'x' WHERE ⟦id⟧ = 1", []string{CodeAmbiguous}},
	// several in one document, in order
	{allFlavours[:2], "SELECT ⟦nope⟧ FROM orders;\nSELECT * FROM ⟦gone⟧;\nINSERT INTO orders (id) VALUES ⟦(1, 2)⟧;", []string{CodeUnknownCol, CodeUnknownTab, CodeInsertArity}},
}

func TestMySQLBroken(t *testing.T) {
	for i, c := range mysqlBroken {
		for _, f := range c.flavours {
			t.Run(fmt.Sprintf("%d/%s", i, f), func(t *testing.T) {
				text, want := unmark(c.text)
				got := Diagnose(NewIndex(flavourSnapshot(f)), MySQL, NewDocument(text))
				if len(got) != len(c.want) || len(want) != len(c.want) {
					t.Fatalf("%q:\ngot  %s\nwant %v at %v", text, describe(text, got), c.want, want)
				}
				for k, g := range got {
					if g.Code != c.want[k] || g.Range != want[k] || g.Message == "" {
						t.Errorf("%q:\ngot  %s\nwant %s at %q", text, describe(text, got), c.want[k], text[want[k].Start:want[k].End])
					}
				}
			})
		}
	}
}

// TestMySQLBrokenQuietElsewhere: what only the MySQL grammar can tell is
// not said on MariaDB or without a snapshot (the statement may be
// MariaDB's), and names are not checked in a statement that did not parse.
func TestMySQLBrokenQuietElsewhere(t *testing.T) {
	for _, text := range []string{
		"SELECT * FROM orders ORDER BY id WHERE id = 1",
		"SELECT nope FROM orders ORDER BY id WHERE id = 1",
		"SELECT id FORM orders",
	} {
		for _, f := range []string{flavourMariaDB, flavourNone} {
			if got := Diagnose(NewIndex(flavourSnapshot(f)), MySQL, NewDocument(text)); len(got) > 0 {
				t.Errorf("%s: %q: %s", f, text, describe(text, got))
			}
		}
	}
}

// mysqlValid are valid MySQL 8 statements over the test catalog, many of
// them beyond what the checks understand: each must be silent in every
// flavour.
var mysqlValid = []string{
	"SELECT * FROM orders o, LATERAL (SELECT o.id) x",
	"INSERT INTO orders (id, status) VALUES (1,'x') AS new ON DUPLICATE KEY UPDATE status = new.status",
	"SELECT * FROM JSON_TABLE('[1]', '$[*]' COLUMNS (x INT PATH '$')) AS jt",
	"SELECT id FROM orders FOR UPDATE SKIP LOCKED", "SELECT id FROM orders FOR SHARE NOWAIT",
	"SELECT * FROM orders INTO OUTFILE '/tmp/x'", "SELECT id INTO @a FROM orders LIMIT 1",
	"SELECT id FROM orders ORDER BY id DESC LIMIT 1, 2", "UPDATE orders SET status = DEFAULT",
	"DELETE o FROM orders o WHERE o.id = 1", "DELETE FROM orders USING orders JOIN customers ON customers.id = orders.customer_id",
	"SELECT id, status->'$.a', status->>'$.a' FROM orders", "SELECT * FROM orders PARTITION (p0)",
	"INSERT INTO orders PARTITION (p0) (id) VALUES (1)", "SELECT /*+ MAX_EXECUTION_TIME(1000) */ id FROM orders",
	"SELECT id FROM orders WHERE status SOUNDS LIKE 'x'", "SELECT BINARY status FROM orders", "SELECT id FROM orders WHERE id = ?",
	"SELECT INTERVAL 1 DAY + NOW()", "SELECT CHAR(65 USING utf8mb4)", "SELECT TRIM(LEADING 'x' FROM status) FROM orders",
	"SELECT SUBSTRING(status FROM 1 FOR 2) FROM orders", "SELECT EXTRACT(YEAR FROM NOW())", "SELECT POSITION('a' IN status) FROM orders",
	"SELECT WEIGHT_STRING(status) FROM orders", "SELECT * FROM orders NATURAL JOIN customers", "SELECT HIGH_PRIORITY SQL_NO_CACHE id FROM orders",
	"INSERT LOW_PRIORITY INTO orders (id) VALUES (1)", "INSERT DELAYED INTO orders (id) VALUES (1)", "INSERT HIGH_PRIORITY orders (id) VALUES (1)",
	"UPDATE LOW_PRIORITY IGNORE orders SET status = 'x'", "DELETE LOW_PRIORITY QUICK IGNORE FROM orders WHERE id = 1",
	"SELECT 1 FROM orders WHERE (id, status) IN ((1, 'a'))", "SELECT id FROM orders USE INDEX () WHERE id = 1", "SELECT DISTINCTROW id FROM orders",
	"SELECT @@GLOBAL.max_connections", "SELECT id FROM orders ORDER BY status COLLATE utf8mb4_bin", "SELECT 'a' 'b'",
	"SELECT id FROM orders WHERE status RLIKE 'x'", "SELECT * FROM (VALUES ROW(1, 2)) AS v(a, b)",
	"SELECT ROW_NUMBER() OVER w FROM orders WINDOW w AS (ORDER BY id)", "SELECT JSON_ARRAYAGG(id) FROM orders",
	"SELECT * FROM orders o STRAIGHT_JOIN customers c ON c.id = o.customer_id", "SELECT * FROM orders WHERE id > ALL (SELECT id FROM customers)",
	"SELECT SQL_BUFFER_RESULT id FROM orders", "SELECT id FROM orders WHERE status IS TRUE", "SELECT id XOR 1, id <=> NULL FROM orders",
	"SELECT CONVERT(status USING latin1) FROM orders", "SELECT DATE '2024-01-01', TIMESTAMP '2024-01-01 00:00:00', TIME '10:00'",
	"SELECT CURRENT_TIMESTAMP(6), LAST_INSERT_ID(), UTC_TIMESTAMP()", "SELECT id FROM orders WHERE status = _latin1'x' COLLATE latin1_bin",
	"DELETE FROM orders ORDER BY id LIMIT 1", "REPLACE orders SET id = 1, status = 'x'", "INSERT INTO orders SET id = 1, status = 'x'",
	"INSERT INTO orders () VALUES ()", "INSERT INTO orders VALUES ()", "SELECT id FROM orders WHERE status MEMBER OF ('[1]')",
	"SELECT * FROM orders FOR UPDATE OF orders", "SELECT id FROM orders WHERE id = 1 INTO @x", "SELECT 1 INTO DUMPFILE '/tmp/y'",
	"SELECT GROUP_CONCAT(id ORDER BY id SEPARATOR ';') FROM orders", "SELECT id FROM orders WHERE status LIKE 'a%' ESCAPE '!'",
	"SELECT ANY_VALUE(status), BIT_OR(id), STD(id), VAR_SAMP(id) FROM orders", "SELECT CAST(id AS DECIMAL(10,2)), CAST(id AS JSON), CAST(id AS DATETIME(6)) FROM orders",
	"SELECT id FROM orders WHERE id BETWEEN 1 AND 2 AND NOT id IN (3)", "SELECT IF(id, 1, 2), IFNULL(id, 0), NULLIF(id, 1) FROM orders",
	"SELECT SQL_SMALL_RESULT id FROM orders GROUP BY id", "SELECT STRAIGHT_JOIN id FROM orders",
	"WITH a AS (SELECT 1), b AS (SELECT 2) SELECT * FROM a, b", "UPDATE orders o, customers c SET o.status = c.email WHERE o.customer_id = c.id",
	"DELETE o, c FROM orders o JOIN customers c ON c.id = o.customer_id", "SELECT * FROM orders WHERE id IN (SELECT id FROM customers LIMIT 1)",
	"SELECT LEFT(status, 1), RIGHT(status, 1), INSERT(status, 1, 1, 'x'), REPLACE(status, 'a', 'b'), REPEAT('a', 2), FORMAT(1.5, 1), DATABASE(), SCHEMA(), USER(), MOD(5,2), TRUNCATE(1.5,0) FROM orders",
	"SELECT MATCH(status) AGAINST ('x' WITH QUERY EXPANSION) FROM orders", "SELECT * FROM orders WHERE id = 1 FOR UPDATE NOWAIT",
	"SELECT CURDATE() - INTERVAL 1 MONTH, DATE_ADD(NOW(), INTERVAL '1:2' HOUR_MINUTE)", "SELECT id FROM orders ORDER BY id LIMIT ?",
	"SELECT SYSDATE(), NOW(3), LOCALTIME, LOCALTIMESTAMP(), CURRENT_USER", "SELECT VALUES(id) FROM orders",
	"SELECT 1 UNION DISTINCT SELECT 2 UNION ALL SELECT 3 ORDER BY 1 LIMIT 1", "SELECT REGEXP_REPLACE('a','a','b')",
	"INSERT INTO orders (id) VALUES (1) ON DUPLICATE KEY UPDATE id = VALUES(id) + 1",
	"SELECT a.* , b.id FROM orders a, customers b", "SELECT `orders`.`id` FROM `shop`.`orders`", "SELECT shop.orders.id FROM shop.orders",
	"SELECT 1 FROM orders WHERE id = 0x1F AND status = X'41' AND id = b'1'", "SELECT 1e3, .5, 1.5e-3, -1, +1", "SELECT !1, ~1, 1 << 2, 1 & 2, 1 | 2, 1 ^ 2",
	"SELECT id FROM orders WHERE status = \"x\" AND status <> 'it\\'s'", "SELECT id FROM orders WHERE status = 'a' || status = 'b'", "SELECT 1 && 1",
	"SELECT id FROM orders HAVING id > 1", "SELECT COUNT(*) OVER (), NTILE(2) OVER (ORDER BY id), LAG(id, 1) OVER (PARTITION BY status ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) FROM orders",
	"SELECT * FROM orders WHERE status LIKE BINARY 'x'", "SELECT id DIV 2 FROM orders", "SELECT UUID(), RAND(), PI(), GREATEST(1,2), LEAST(1,2), COALESCE(NULL, 1)",
	"SELECT CASE id WHEN 1 THEN 'a' END FROM orders", "SELECT @a := 1, @b = 2", "SELECT * FROM `Weird Schema`.`Odd Table`",
	"SELECT ST_Distance(POINT(1,2), POINT(3,4))", "SELECT status FROM orders WHERE id = 1 LIMIT 1 OFFSET 2",
	"SELECT id INTO OUTFILE '/tmp/x' FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '\"' LINES TERMINATED BY '\\n' FROM orders",
	"INSERT INTO orders TABLE customers", "SELECT CAST(status AS CHAR CHARACTER SET utf8mb4) FROM orders", "SELECT CONVERT(status, CHAR(10)) FROM orders",
	"SELECT GET_FORMAT(DATE, 'USA')", "SELECT JSON_VALUE('{}', '$.a' RETURNING DECIMAL(4,2))", "SELECT id FROM orders USE INDEX FOR JOIN (i) IGNORE KEY (j)",
	"SELECT SQL_CACHE id FROM orders", "SELECT {fn NOW()}", "SELECT id FROM orders NATURAL LEFT OUTER JOIN customers",
	"SELECT id FROM orders WHERE id = 1 UNION (SELECT id FROM customers)", "WITH RECURSIVE r (n) AS (SELECT 1 UNION ALL SELECT n+1 FROM r LIMIT 5) SELECT * FROM r",
	"SELECT id FROM orders o WHERE o.status = 'x' COLLATE utf8mb4_unicode_ci", "SELECT ROW(1,2) = ROW(1,2)", "SELECT (1,2) IN ((1,2))",
	"SELECT * FROM orders WHERE id = 1 LOCK IN SHARE MODE", "SELECT id, COUNT(*) FROM orders GROUP BY id WITH ROLLUP HAVING id > 1 ORDER BY id",
	"SELECT DATE_FORMAT(NOW(), '%Y'), STR_TO_DATE('2024', '%Y'), TIMESTAMPADD(DAY, 1, NOW()), ADDDATE(NOW(), 1), SUBDATE(NOW(), INTERVAL 1 DAY)",
	"SELECT MAX(id) AS m FROM orders GROUP BY status ORDER BY m", "SELECT id FROM orders ORDER BY FIELD(status, 'a', 'b')",
	"SELECT * FROM orders WHERE status IN ('a') AND id NOT BETWEEN 1 AND 2 AND status IS NOT NULL AND status NOT LIKE 'x%'",
	"SELECT ELT(1, 'a'), CONCAT_WS(',', 'a'), LPAD('a', 2, 'x'), HEX('a'), UNHEX('41'), MD5('a'), SHA2('a', 256), AES_ENCRYPT('a', 'k'), COMPRESS('a')",
	"SELECT JSON_CONTAINS('[1]', '1'), JSON_SET('{}', '$.a', 1), JSON_ARRAY(1,2), JSON_KEYS('{}'), JSON_LENGTH('[]'), JSON_SEARCH('{}', 'one', 'a')",
	"SELECT * FROM orders o JOIN customers c ON (c.id = o.customer_id) LEFT JOIN customers d ON d.id = c.id AND d.email IS NULL",
	"SELECT * FROM (orders o JOIN customers c ON c.id = o.customer_id)", "SELECT 1 FROM orders WHERE EXISTS(SELECT * FROM customers WHERE customers.id = orders.customer_id)",
	"INSERT INTO orders (id, status) SELECT * FROM (SELECT 1, 'a') AS tmp WHERE NOT EXISTS (SELECT 1 FROM orders WHERE id = 1)",
	"INSERT INTO orders (id, status) VALUES (1, 'a') ON DUPLICATE KEY UPDATE status = CONCAT(status, VALUES(status))",
	"UPDATE orders SET status = CASE WHEN id = 1 THEN 'a' ELSE status END, id = id + 0 WHERE id IN (1, 2) ORDER BY id DESC LIMIT 10",
	"DELETE FROM orders WHERE id NOT IN (SELECT * FROM (SELECT MAX(id) FROM orders GROUP BY status) AS keep)",
	"SELECT `status` AS `Status`, 'x' AS 'literal alias', 1 AS \"dq\" FROM orders", "SELECT id 'alias' FROM orders", "SELECT COUNT(DISTINCT id, status) FROM orders",
	"SELECT SUM(id) OVER (ORDER BY id RANGE BETWEEN INTERVAL 1 DAY PRECEDING AND CURRENT ROW) FROM orders", "SELECT FIRST_VALUE(id) OVER (PARTITION BY status) FROM orders",
	"SELECT id FROM orders WHERE id = (SELECT MAX(id) FROM orders) - 1", "SELECT CHARSET('a'), COLLATION('a'), COERCIBILITY('a')",
	"SELECT id FROM orders AS o FORCE INDEX FOR ORDER BY (PRIMARY) ORDER BY id", "SELECT MOD(id, 2) = 0 AS even FROM orders",
	"SELECT TIMESTAMP('2024-01-01'), DATE(NOW()), TIME(NOW()), YEAR(NOW()), WEEK(NOW(), 1), QUARTER(NOW()), DAYNAME(NOW())",
	"SELECT BENCHMARK(1, 1), SLEEP(0), CONNECTION_ID(), ROW_COUNT(), FOUND_ROWS()", "SELECT SCHEMA()", "SELECT INET_ATON('1.2.3.4'), UUID_TO_BIN(UUID())",
	"SELECT id FROM orders WHERE status = 'a' XOR status = 'b'", "SELECT * FROM orders WHERE id = 1 AND (status = 'a' OR status = 'b')",
	"SELECT ALL id FROM orders", "SELECT id FROM orders LIMIT 18446744073709551615", "SELECT DEFAULT(status) FROM orders",
	"SELECT * FROM orders WHERE MATCH (status) AGAINST ('+a -b' IN BOOLEAN MODE)", "SELECT CAST('2024' AS YEAR)", "SELECT 1 FROM orders WHERE id <> ANY (SELECT id FROM customers)",
	"SELECT id FROM orders ORDER BY id IS NULL, id", "SELECT GROUPING(status) FROM orders GROUP BY status WITH ROLLUP", "SELECT JSON_OVERLAPS('[1]', '[1]')",
	"SELECT * FROM orders, JSON_TABLE(status, '$[*]' COLUMNS (rowid FOR ORDINALITY, x VARCHAR(10) PATH '$.x' DEFAULT '1' ON EMPTY, NESTED PATH '$.y[*]' COLUMNS (y INT PATH '$'))) jt",
	"SELECT id FROM orders WHERE status = 'x' INTO @a, @b", "SELECT * FROM orders TABLESAMPLE", "SELECT ST_GeomFromText('POINT(1 1)', 4326)",
	"SELECT CAST(1 AS SIGNED INTEGER), CAST(1 AS UNSIGNED INT), CAST('a' AS BINARY(2)), CAST(1 AS FLOAT), CAST(1 AS DOUBLE), CAST(1 AS REAL)",
	"SELECT LOCATE('a', status), INSTR(status, 'a'), SUBSTRING_INDEX(status, '.', 1), CHAR_LENGTH(status), OCTET_LENGTH(status) FROM orders",
}

func TestMySQLValidSilent(t *testing.T) {
	for _, text := range mysqlValid {
		for _, f := range allFlavours {
			if got := Diagnose(NewIndex(flavourSnapshot(f)), MySQL, NewDocument(text)); len(got) > 0 {
				t.Errorf("%s: %q: %s", f, text, describe(text, got))
			}
		}
	}
}

// mariadbOnly is MariaDB's own syntax, which vitess's grammar rejects; on a
// MariaDB snapshot (and without one) none of it raises anything, names
// included.
var mariadbOnly = []string{
	"CREATE SEQUENCE s START WITH 1 INCREMENT BY 1",
	"SELECT NEXT VALUE FOR s, NEXTVAL(s), LASTVAL(s), PREVIOUS VALUE FOR s",
	"INSERT INTO orders (id, status) VALUES (1, 'x') RETURNING id, status",
	"INSERT INTO orders (id, status) VALUES (1, 'x') RETURNING nope",
	"DELETE FROM orders WHERE id = 1 RETURNING *",
	"REPLACE INTO orders (id) VALUES (1) RETURNING id",
	"CREATE OR REPLACE TABLE t (a int)",
	"SELECT id FROM orders EXCEPT ALL SELECT id FROM customers",
	"SELECT id FROM orders INTERSECT ALL SELECT id FROM customers",
	"CREATE TABLE h (a int) WITH SYSTEM VERSIONING",
	"SELECT * FROM orders FOR SYSTEM_TIME AS OF TIMESTAMP '2024-01-01 00:00:00'",
	"SELECT * FROM orders FOR SYSTEM_TIME ALL WHERE nope = 1",
	"DELETE HISTORY FROM orders BEFORE SYSTEM_TIME '2024-01-01'",
	"SELECT id FROM orders LIMIT ROWS EXAMINED 1000",
	"SELECT id FROM orders ORDER BY id OFFSET 1 ROWS FETCH FIRST 2 ROWS WITH TIES",
	"SELECT id FROM orders GROUP BY id ASC",
	"VALUES (1, 'a'), (2, 'b')",
	"SELECT JSON_DETAILED('{}'), JSON_LOOSE('{}'), DECODE_HISTOGRAM('DOUBLE_PREC_HB', '')",
	"SELECT id FROM orders WHERE id IN (SELECT id FROM customers LIMIT 1) FOR UPDATE WAIT 5",
	"SET sql_mode = ORACLE;\nDELIMITER //\nCREATE OR REPLACE PROCEDURE p(a IN NUMBER) AS\n  x NUMBER := 1;\nBEGIN\n  x := x + a;\n  IF x > 1 THEN NULL; END IF;\nEXCEPTION WHEN OTHERS THEN NULL;\nEND;\n//\nDELIMITER ;",
	"BEGIN NOT ATOMIC\n  DECLARE x INT DEFAULT 1;\n  SELECT x;\nEND",
	"DELIMITER $$\nCREATE FUNCTION f(a INT) RETURNS INT DETERMINISTIC\nBEGIN\n  DECLARE b INT;\n  SELECT COUNT(*) INTO b FROM orders WHERE id = a;\n  RETURN b;\nEND$$\nDELIMITER ;\nSELECT f(1);",
	"CREATE TABLE c (id INT, a INT INVISIBLE, v INT AS (id + 1) PERSISTENT, CHECK (id > 0)) ENGINE=Aria",
	"ALTER TABLE orders ADD COLUMN IF NOT EXISTS note TEXT;\nSELECT note FROM orders;",
	"CREATE PACKAGE pkg AS FUNCTION f RETURN INT; END",
	"SHOW EXPLAIN FOR 1",
	"ANALYZE SELECT * FROM orders",
	"INSERT INTO orders SELECT * FROM orders RETURNING id",
	"WITH RECURSIVE r AS (SELECT 1 AS n UNION SELECT n + 1 FROM r WHERE n < 3) CYCLE n RESTRICT SELECT * FROM r",
	"SELECT * FROM JSON_TABLE('[1]', '$[*]' COLUMNS (x INT PATH '$' ERROR ON EMPTY)) AS jt",
	"UPDATE orders SET status = 'x' WHERE id = 1 RETURNING id",
	"SELECT ROWNUM(), SYSDATE, ADD_MONTHS(NOW(), 1), TO_CHAR(NOW(), 'YYYY') FROM orders",
	"SELECT id FROM orders MINUS SELECT id FROM customers",
	"SET sql_mode = ORACLE;\nSELECT id, ROWNUM, SYSDATE FROM orders WHERE ROWNUM < 3;",
}

// TestMySQLDocumentContext: what the document says around a statement
// changes what its names mean.
func TestMySQLDocumentContext(t *testing.T) {
	for _, c := range []struct {
		text string
		want []string
	}{
		// After USE of another database, unqualified names are its own.
		{"USE other_db;\nSELECT * FROM whatever;\nSELECT anything FROM orders;", nil},
		{"USE shop;\nSELECT * FROM ⟦whatever⟧;", []string{CodeUnknownTab}},
		// A select-list alias is visible to a subquery of the list, not
		// to the list itself.
		{"SELECT id AS a, (SELECT a) AS b FROM orders", nil},
		{"SELECT id AS a, ⟦a⟧ + 1 FROM orders", []string{CodeUnknownCol}},
		// MariaDB's sequence functions name a sequence.
		{"SELECT NEXTVAL(invoice_seq), LASTVAL(invoice_seq), SETVAL(invoice_seq, 1)", nil},
		// Tables the document makes.
		{"CREATE TABLE t1 (a INT, b TEXT);\nINSERT INTO t1 VALUES (1, 'x');\nSELECT a, b FROM t1;\nSELECT ⟦c⟧ FROM t1;", []string{CodeUnknownCol}},
		{"CREATE TEMPORARY TABLE tmp AS SELECT id FROM orders;\nSELECT id, whatever FROM tmp;", nil},
		{"ALTER TABLE orders ADD COLUMN note TEXT;\nSELECT note FROM orders;\nINSERT INTO orders (note) VALUES ('x');", nil},
		{"CREATE VIEW v AS SELECT id FROM orders;\nSELECT id FROM v;", nil},
	} {
		for _, f := range allFlavours[:2] {
			text, want := unmark(c.text)
			got := Diagnose(NewIndex(flavourSnapshot(f)), MySQL, NewDocument(text))
			ok := len(got) == len(c.want) && len(want) == len(c.want)
			for k := 0; ok && k < len(got); k++ {
				ok = got[k].Code == c.want[k] && got[k].Range == want[k]
			}
			if !ok {
				t.Errorf("%s: %q:\ngot  %s\nwant %v at %v", f, text, describe(text, got), c.want, want)
			}
		}
	}
	// A sequence of the snapshot is a relation (MariaDB's are tables).
	snap := flavourSnapshot(flavourMariaDB)
	snap.Schemas[0].Sequences = []schema.Sequence{{Name: "invoice_seq"}}
	text := "SELECT * FROM invoice_seq"
	if got := Diagnose(NewIndex(snap), MySQL, NewDocument(text)); len(got) > 0 {
		t.Errorf("sequence: %s", describe(text, got))
	}
}

func TestMariaDBOnlySilent(t *testing.T) {
	for _, text := range mariadbOnly {
		for _, f := range []string{flavourMariaDB, flavourNone} {
			if got := Diagnose(NewIndex(flavourSnapshot(f)), MySQL, NewDocument(text)); len(got) > 0 {
				t.Errorf("%s: %q: %s", f, text, describe(text, got))
			}
		}
	}
	// The same statements on a MySQL server: the data statements vitess
	// rejects are syntax errors there.
	text := "INSERT INTO orders (id, status) VALUES (1, 'x') ⟦RETURNING⟧ id, status"
	plain, want := unmark(text)
	got := Diagnose(NewIndex(flavourSnapshot(flavourMySQL)), MySQL, NewDocument(plain))
	if len(got) != 1 || got[0].Code != CodeSyntax || got[0].Range != want[0] {
		t.Errorf("RETURNING on MySQL: %s", describe(plain, got))
	}
}

// TestMySQLIncremental: an edit re-diagnoses the statements it touched,
// and the result is what a fresh diagnosis of the new text gives.
func TestMySQLIncremental(t *testing.T) {
	ix := NewIndex(flavourSnapshot(flavourMySQL))
	var b strings.Builder
	for i := 0; i < 200; i++ {
		fmt.Fprintf(&b, "SELECT id, status FROM orders WHERE id = %d;\n\n", i)
	}
	text := b.String()
	doc := NewDocument(text)
	if got := Diagnose(ix, MySQL, doc); len(got) != 0 {
		t.Fatalf("clean document: %s", describe(text, got))
	}
	at := strings.Index(text, "status FROM orders WHERE id = 150")
	next := doc.Edit(at, at+len("status"), "stat")
	got := Diagnose(ix, MySQL, next)
	fresh := Diagnose(ix, MySQL, NewDocument(next.Text()))
	if len(got) != 1 || got[0].Code != CodeUnknownCol || describe(next.Text(), got) != describe(next.Text(), fresh) {
		t.Fatalf("after the edit: %s, fresh %s", describe(next.Text(), got), describe(next.Text(), fresh))
	}
}
