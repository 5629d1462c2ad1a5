package sqltext_test

import (
	"strings"
	"testing"

	"github.com/dbls/dbls/drivers/sqltext"
	"github.com/dbls/dbls/drivers/sqltext/sqltexttest"
)

// classifyCases: verb, and the flags of the Class (rows write ddl
// unbounded session) that are set, and how many statements.
var classifyCases = []struct {
	d     sqltext.Dialect
	sql   string
	verb  string
	flags string
	n     int
}{
	{sqltext.Postgres, "SELECT 1", "SELECT", "rows", 1},
	{sqltext.Postgres, "-- DELETE FROM t\nSELECT 'DROP TABLE x', \"update\" FROM t", "SELECT", "rows", 1},
	{sqltext.Postgres, "WITH d AS (DELETE FROM t WHERE id = 1 RETURNING *) SELECT * FROM d", "DELETE", "rows write", 1},
	{sqltext.Postgres, "WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d", "DELETE", "rows write unbounded", 1},
	{sqltext.Postgres, "SELECT * INTO copy FROM t", "INTO", "rows write", 1},
	{sqltext.Postgres, "SELECT * FROM t FOR UPDATE", "FOR UPDATE", "rows write", 1},
	{sqltext.Postgres, "SELECT * FROM t FOR SHARE", "FOR SHARE", "rows write", 1},
	{sqltext.Postgres, "SELECT * FROM t FOR KEY SHARE", "FOR KEY SHARE", "rows write", 1},
	{sqltext.Postgres, "SELECT pg_advisory_lock(1)", "PG_ADVISORY_LOCK", "rows write", 1},
	{sqltext.Postgres, "SELECT share, \"get_lock\" FROM t", "SELECT", "rows", 1},
	{sqltext.MySQL, "SELECT * FROM t LOCK IN SHARE MODE", "LOCK IN SHARE MODE", "rows write session", 1},
	{sqltext.MySQL, "SELECT GET_LOCK('x', 0)", "GET_LOCK", "rows write", 1},
	{sqltext.Postgres, "EXPLAIN DELETE FROM t", "EXPLAIN", "rows", 1},
	{sqltext.Postgres, "EXPLAIN ANALYZE DELETE FROM t", "DELETE", "rows write unbounded", 1},
	{sqltext.Postgres, "UPDATE t SET a = 1", "UPDATE", "write unbounded", 1},
	{sqltext.Postgres, "update t set a = (select max(b) from u where u.id = 2)", "UPDATE", "write unbounded", 1},
	{sqltext.Postgres, "UPDATE t SET a = 1 WHERE id IN (SELECT id FROM u)", "UPDATE", "write", 1},
	{sqltext.Postgres, "DELETE FROM t", "DELETE", "write unbounded", 1},
	{sqltext.Postgres, "DELETE FROM t WHERE a > 2", "DELETE", "write", 1},
	{sqltext.Postgres, "INSERT INTO t VALUES (1)", "INSERT", "write", 1},
	{sqltext.Postgres, "CREATE TABLE x (a int)", "CREATE", "write ddl", 1},
	{sqltext.Postgres, "SELECT 1; DROP TABLE x", "DROP", "rows write ddl", 2},
	{sqltext.Postgres, "DROP TABLE x; SELECT 1", "DROP", "write ddl", 2},
	{sqltext.MySQL, "INSERT INTO t VALUES (1); DELETE FROM u WHERE a = 1 RETURNING id", "INSERT", "write", 2},
	{sqltext.Postgres, "SET search_path = app", "SET", "session", 1},
	{sqltext.Postgres, "VACUUM", "VACUUM", "write", 1},
	{sqltext.Postgres, "UPDATE t SET a = $$ SELECT $$", "UPDATE", "write unbounded", 1},
	{sqltext.Postgres, "select $tag$ DELETE $tag$, $1 FROM t", "SELECT", "rows", 1},
	{sqltext.Postgres, "\\d t", "\\", "write", 1},
	{sqltext.MySQL, "SHOW CREATE TABLE t", "SHOW", "rows", 1},
	{sqltext.MySQL, "SHOW TABLES", "SHOW", "rows", 1},
	{sqltext.MySQL, "with x as (select 1) select * from x", "WITH", "rows", 1},
	{sqltext.MySQL, "DELETE t1 FROM t1 JOIN t2 ON t1.a = t2.a", "DELETE", "write unbounded", 1},
	{sqltext.MySQL, "REPLACE INTO t VALUES (1)", "REPLACE", "write", 1},
	{sqltext.MySQL, "SELECT REPLACE(a, 'x', 'y') FROM t", "SELECT", "rows", 1},
	{sqltext.MySQL, "select 'it''s' as `a``b` # DELETE\nFROM t", "SELECT", "rows", 1},
	{sqltext.MySQL, "SET NAMES utf8mb4", "SET", "session", 1},
	{sqltext.MySQL, "USE db", "USE", "session", 1},
	{sqltext.MySQL, "START TRANSACTION", "START", "session", 1},
	{sqltext.MySQL, "LOCK TABLES t WRITE", "LOCK", "write session", 1},
	{sqltext.MySQL, "CREATE TEMPORARY TABLE x (a int)", "CREATE", "write ddl session", 1},
	{sqltext.MySQL, "PREPARE s FROM 'SELECT 1'", "PREPARE", "write session", 1},
	{sqltext.MySQL, "SELECT 'USE x', `lock` FROM t", "SELECT", "rows", 1},
	{sqltext.MySQL, "DELIMITER $$\nSELECT 1; SELECT 2$$", "SELECT", "rows", 1},
	{sqltext.SQLite, "PRAGMA table_info(t)", "PRAGMA", "rows", 1},
	{sqltext.SQLite, "PRAGMA foreign_keys = off", "PRAGMA", "rows write", 1},
	{sqltext.SQLite, "EXPLAIN QUERY PLAN SELECT * FROM t", "EXPLAIN", "rows", 1},
	{sqltext.SQLite, "  -- lead\n/* c */ (SELECT 1) UNION SELECT 2", "SELECT", "rows", 1},
	{sqltext.SQLite, "INSERT INTO t VALUES ('RETURNING')", "INSERT", "write", 1},
	{sqltext.SQLite, "INSERT INTO t VALUES (1) RETURNING id", "INSERT", "rows write", 1},
	{sqltext.SQLite, "CREATE TABLE \"select\" (a int)", "CREATE", "write ddl", 1},
	{sqltext.SQLite, "", "", "", 0},
	{sqltext.SQLite, "-- only a comment", "", "", 0},

	// Where the scanners before this one disagreed, the engine decides.
	// PostgreSQL: a backslash in a standard string is a character, and
	// the ';' after it ends the statement; in E'' it escapes the quote.
	{sqltext.Postgres, `SELECT 'C:\'; DELETE FROM t`, "DELETE", "rows write unbounded", 2},
	{sqltext.Postgres, `SELECT E'\'; DELETE FROM t'`, "SELECT", "rows", 1},
	// PostgreSQL: # is an operator, not a comment.
	{sqltext.Postgres, "INSERT INTO t SELECT 5 # 3 RETURNING id", "INSERT", "rows write", 1},
	// MySQL: a backslash escapes a quote in strings, but not in backticks.
	{sqltext.MySQL, `SELECT 'it\'s; DELETE FROM t'`, "SELECT", "rows", 1},
	{sqltext.MySQL, "INSERT INTO `t\\` (a) VALUES (1) RETURNING a", "INSERT", "rows write", 1},
	// MySQL: "--" starts a comment only before a blank: 1--1 is 2.
	{sqltext.MySQL, "DELETE FROM t WHERE a = 1--1 RETURNING id", "DELETE", "rows write", 1},
	// MySQL runs what an executable comment holds.
	{sqltext.MySQL, "/*!40101 SET NAMES utf8 */", "SET", "session", 1},
	{sqltext.MySQL, "/*!50000 DELETE FROM t */", "DELETE", "write unbounded", 1},
	{sqltext.MySQL, "/*M!100100 DELETE FROM t */", "DELETE", "write unbounded", 1},
	{sqltext.MySQL, "/* DELETE FROM t */ SELECT 1", "SELECT", "rows", 1},
	// SQLite: [x] is an identifier.
	{sqltext.SQLite, "UPDATE [returning] SET a = 1", "UPDATE", "write unbounded", 1},
}

func TestClassify(t *testing.T) {
	for _, tc := range classifyCases {
		c := sqltext.Classify(tc.d, tc.sql)
		var flags []string
		for _, f := range []struct {
			set  bool
			name string
		}{{c.Rows, "rows"}, {c.Write, "write"}, {c.DDL, "ddl"}, {c.Unbounded, "unbounded"}, {c.Session, "session"}} {
			if f.set {
				flags = append(flags, f.name)
			}
		}
		if got := strings.Join(flags, " "); c.Verb != tc.verb || got != tc.flags || c.Statements != tc.n {
			t.Errorf("%s %q: got %s %q %d, want %s %q %d", tc.d, tc.sql, c.Verb, got, c.Statements, tc.verb, tc.flags, tc.n)
		}
	}
}

// FuzzClassify: Classify takes any text, and what it says holds together.
func FuzzClassify(f *testing.F) {
	sqltexttest.AddSeeds(f)
	for _, tc := range classifyCases {
		f.Add(sqltexttest.DialectIndex(tc.d), tc.sql)
	}
	f.Fuzz(func(t *testing.T, di uint8, text string) {
		d := fuzzDialects[int(di)%len(fuzzDialects)]
		c := sqltext.Classify(d, text)
		if n := len(sqltext.Split(d, text)); c.Statements > n {
			t.Fatalf("%d statements classified of %d", c.Statements, n)
		}
		if (c.DDL || c.Unbounded) && !c.Write {
			t.Fatalf("%+v: DDL or unbounded but no write", c)
		}
		if (c.Verb == "") != (c.Statements == 0) {
			t.Fatalf("%+v: a verb without statements or statements without one", c)
		}
	})
}
