package sqltexttest

import "github.com/dbls/dbls/drivers/sqltext"

// Stmt is an expected statement: its text, and whether it is terminated
// or a client command.
type Stmt struct {
	Text       string
	Terminated bool
	Command    bool
}

// Statements summarizes stmts, statements of src, for comparison with a
// case.
func Statements(src string, stmts []sqltext.Statement) []Stmt {
	out := make([]Stmt, 0, len(stmts))
	for _, s := range stmts {
		out = append(out, Stmt{s.Text(src), s.Terminated, s.Command})
	}
	return out
}

func sDone(s string) Stmt { return Stmt{s, true, false} }
func sOpen(s string) Stmt { return Stmt{s, false, false} }
func sCmd(s string) Stmt  { return Stmt{s, true, true} }

// SplitCase is a text in a dialect and the statements Split must find in
// it.
type SplitCase struct {
	Name    string
	Dialect sqltext.Dialect
	In      string
	Want    []Stmt
}

const pgFunctionDollar = `CREATE OR REPLACE FUNCTION f(a int) RETURNS int AS $$
BEGIN
  IF a > 0 THEN
    RETURN 1;
  END IF;

  RETURN 0;
END;
$$ LANGUAGE plpgsql`

const pgFunctionTagged = `CREATE FUNCTION g() RETURNS text AS $fn$
  SELECT $$;$$ || 'x;';
$fn$ LANGUAGE sql`

const pgAtomic = `CREATE FUNCTION h(a int) RETURNS int LANGUAGE sql
BEGIN ATOMIC
  INSERT INTO log VALUES (a);
  SELECT CASE WHEN a > 0 THEN 1 ELSE 0 END;
END`

const pgProcAtomic = `CREATE OR REPLACE PROCEDURE p()
LANGUAGE sql
BEGIN ATOMIC
  DELETE FROM t;
  INSERT INTO t VALUES (1);
END`

const pgRule = `CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO a VALUES (1); INSERT INTO b VALUES (2))`

const sqliteTrigger = `CREATE TRIGGER trg AFTER INSERT ON t
WHEN new.x = CASE WHEN 1 THEN 1 END
BEGIN
  UPDATE u SET n = n + 1;
  INSERT INTO log VALUES (CASE new.x WHEN 1 THEN 'a;' ELSE 'b' END);
END`

const mysqlProcNoDelimiter = "CREATE DEFINER=`root`@`localhost` PROCEDURE p(IN n INT)\n" + `BEGIN
  DECLARE i INT DEFAULT 0;
  DECLARE CONTINUE HANDLER FOR NOT FOUND SET i = -1;
  lbl: LOOP
    SET i = i + 1;
    IF i > n THEN
      LEAVE lbl;
    ELSEIF i = 2 THEN
      SELECT IF(i > 1, 'a', 'b'), REPEAT('x', 2);
    ELSE
      SELECT CASE WHEN i THEN IF(i, 1, 2) WHEN 0 THEN 3 END;
    END IF;
  END LOOP lbl;
  WHILE i > 0 DO
    SET i = i - 1;
  END WHILE;
  REPEAT
    SET i = i + 1;
  UNTIL i > 3 END REPEAT;
  CASE i
    WHEN 1 THEN SELECT 1;
    ELSE BEGIN SELECT 2; END;
  END CASE;
  IF (i > 1) AND (n > 1) THEN SELECT 3; END IF;
  DROP TABLE IF EXISTS tmp;
END`

const mysqlTrigger = `CREATE TRIGGER t BEFORE INSERT ON x FOR EACH ROW
BEGIN
  IF NEW.a < 0 THEN SET NEW.a = 0; END IF;
END`

const mysqlTriggerIf = `CREATE TRIGGER t BEFORE INSERT ON x FOR EACH ROW IF NEW.a < 0 THEN SET NEW.a = 0; END IF`

const mysqlDelimiterScript = `DELIMITER $$
CREATE PROCEDURE p()
BEGIN
  SELECT 1;
  SELECT 2;
END$$
DELIMITER ;
CALL p();`

// SplitCases are the table cases of Split: what splits, what does not,
// bodies, DELIMITER and client commands.
func SplitCases() []SplitCase {
	return []SplitCase{
		// Trivia.
		{"empty", Postgres, "", nil},
		{"blanks", MySQL, "  \n\t\r\n", nil},
		{"only comments", Postgres, "-- a;\n/* b; */\n-- c", nil},
		{"only semicolons", SQLite, ";; ;\n;", nil},
		{"one unterminated", Postgres, "SELECT 1", []Stmt{sOpen("SELECT 1")}},
		{"one terminated", Postgres, "SELECT 1;", []Stmt{sDone("SELECT 1")}},
		{"two on a line", SQLite, "SELECT 1;SELECT 2;", []Stmt{sDone("SELECT 1"), sDone("SELECT 2")}},
		{"blank lines inside a statement", Postgres, "SELECT a,\n\n\n  b\n\nFROM t;\n\n\nSELECT 2",
			[]Stmt{sDone("SELECT a,\n\n\n  b\n\nFROM t"), sOpen("SELECT 2")}},
		{"comments around statements", Postgres, "-- head\nSELECT 1 -- tail\n; /* x */ SELECT /* in; */ 2 /* after */;",
			[]Stmt{sDone("SELECT 1"), sDone("SELECT /* in; */ 2")}},
		{"CRLF", MySQL, "SELECT 1;\r\n\r\nSELECT\r\n 2;\r\n", []Stmt{sDone("SELECT 1"), sDone("SELECT\r\n 2")}},
		{"invalid utf-8", SQLite, "SELECT '\xff;'; SELECT \xfe\xff;", []Stmt{sDone("SELECT '\xff;'"), sDone("SELECT \xfe\xff")}},
		{"bom", Postgres, "\xef\xbb\xbfSELECT 1;", []Stmt{sDone("SELECT 1")}},

		// Semicolons that do not split.
		{"semicolon in string", Postgres, "SELECT 'a;b'; SELECT 2", []Stmt{sDone("SELECT 'a;b'"), sOpen("SELECT 2")}},
		{"semicolon in quoted ident", Postgres, `SELECT "a;b" FROM "x;"; SELECT 2;`, []Stmt{sDone(`SELECT "a;b" FROM "x;"`), sDone("SELECT 2")}},
		{"semicolon in backticks", MySQL, "SELECT `a;b`; SELECT 2;", []Stmt{sDone("SELECT `a;b`"), sDone("SELECT 2")}},
		{"semicolon in brackets", SQLite, "SELECT [a;b]; SELECT 2;", []Stmt{sDone("SELECT [a;b]"), sDone("SELECT 2")}},
		{"semicolon in line comment", MySQL, "SELECT 1 # x;\n, 2; -- y;\nSELECT 3;", []Stmt{sDone("SELECT 1 # x;\n, 2"), sDone("SELECT 3")}},
		{"semicolon in nested comment", Postgres, "SELECT 1 /* a /* ; */ ; */ + 1; SELECT 2;", []Stmt{sDone("SELECT 1 /* a /* ; */ ; */ + 1"), sDone("SELECT 2")}},
		{"mysql comment does not nest", MySQL, "SELECT 1 /* a /* */ ; SELECT 2 */;", []Stmt{sDone("SELECT 1"), sDone("SELECT 2 */")}},
		{"postgres E string escape", Postgres, `SELECT E'it\'s; fine'; SELECT 2;`, []Stmt{sDone(`SELECT E'it\'s; fine'`), sDone("SELECT 2")}},
		{"postgres plain backslash", Postgres, `SELECT 'a\'; SELECT 2;`, []Stmt{sDone(`SELECT 'a\'`), sDone("SELECT 2")}},
		{"mysql backslash escape", MySQL, `SELECT 'it\'s; fine', "a\";"; SELECT 2;`, []Stmt{sDone(`SELECT 'it\'s; fine', "a\";"`), sDone("SELECT 2")}},
		{"sqlite no backslash escape", SQLite, `SELECT 'a\'; SELECT 2;`, []Stmt{sDone(`SELECT 'a\'`), sDone("SELECT 2")}},
		{"dollar body", Postgres, pgFunctionDollar + ";\nSELECT f(1);", []Stmt{sDone(pgFunctionDollar), sDone("SELECT f(1)")}},
		{"tagged dollar with $$ inside", Postgres, pgFunctionTagged + ";\nSELECT g();", []Stmt{sDone(pgFunctionTagged), sDone("SELECT g()")}},
		{"DO block", Postgres, "DO $$ BEGIN PERFORM 1; END $$;\nCOMMIT;", []Stmt{sDone("DO $$ BEGIN PERFORM 1; END $$"), sDone("COMMIT")}},
		{"CASE in a plain statement", Postgres, "SELECT CASE WHEN a THEN 1 ELSE 2 END FROM t; SELECT 2;",
			[]Stmt{sDone("SELECT CASE WHEN a THEN 1 ELSE 2 END FROM t"), sDone("SELECT 2")}},
		{"unbalanced CASE does not swallow", MySQL, "SELECT CASE WHEN a THEN 1; SELECT 2;", []Stmt{sDone("SELECT CASE WHEN a THEN 1"), sDone("SELECT 2")}},
		{"transaction BEGIN END", Postgres, "BEGIN; SELECT 1; END;", []Stmt{sDone("BEGIN"), sDone("SELECT 1"), sDone("END")}},
		{"sqlite transaction", SQLite, "BEGIN TRANSACTION; INSERT INTO t VALUES (1); END TRANSACTION;",
			[]Stmt{sDone("BEGIN TRANSACTION"), sDone("INSERT INTO t VALUES (1)"), sDone("END TRANSACTION")}},
		{"mysql transaction", MySQL, "BEGIN; UPDATE t SET a = 1; COMMIT;", []Stmt{sDone("BEGIN"), sDone("UPDATE t SET a = 1"), sDone("COMMIT")}},
		{"create table named like a routine", SQLite, "CREATE TABLE trigger_log (id int, begin int); SELECT 1;",
			[]Stmt{sDone("CREATE TABLE trigger_log (id int, begin int)"), sDone("SELECT 1")}},

		// Bodies.
		{"postgres BEGIN ATOMIC", Postgres, pgAtomic + ";\nSELECT h(1);", []Stmt{sDone(pgAtomic), sDone("SELECT h(1)")}},
		{"postgres procedure BEGIN ATOMIC", Postgres, pgProcAtomic + ";\nCALL p();", []Stmt{sDone(pgProcAtomic), sDone("CALL p()")}},
		{"postgres CREATE RULE", Postgres, pgRule + ";\nSELECT 1;", []Stmt{sDone(pgRule), sDone("SELECT 1")}},
		{"postgres trigger has no body", Postgres, "CREATE TRIGGER t BEFORE INSERT ON x FOR EACH ROW EXECUTE FUNCTION f(); BEGIN; END;",
			[]Stmt{sDone("CREATE TRIGGER t BEFORE INSERT ON x FOR EACH ROW EXECUTE FUNCTION f()"), sDone("BEGIN"), sDone("END")}},
		{"sqlite trigger", SQLite, sqliteTrigger + ";\nINSERT INTO t VALUES (1);", []Stmt{sDone(sqliteTrigger), sDone("INSERT INTO t VALUES (1)")}},
		{"sqlite temp trigger", SQLite, "CREATE TEMP TRIGGER IF NOT EXISTS t AFTER DELETE ON a BEGIN DELETE FROM b; END; SELECT 1",
			[]Stmt{sDone("CREATE TEMP TRIGGER IF NOT EXISTS t AFTER DELETE ON a BEGIN DELETE FROM b; END"), sOpen("SELECT 1")}},
		{"mysql procedure without DELIMITER", MySQL, mysqlProcNoDelimiter + ";\nCALL p(3);", []Stmt{sDone(mysqlProcNoDelimiter), sDone("CALL p(3)")}},
		{"mysql trigger", MySQL, mysqlTrigger + ";\nSELECT 1;", []Stmt{sDone(mysqlTrigger), sDone("SELECT 1")}},
		{"mysql trigger with bare IF", MySQL, mysqlTriggerIf + ";\nSELECT 1;", []Stmt{sDone(mysqlTriggerIf), sDone("SELECT 1")}},
		{"mysql function with RETURN", MySQL, "CREATE FUNCTION f() RETURNS INT DETERMINISTIC RETURN IF(1, 2, 3); SELECT f();",
			[]Stmt{sDone("CREATE FUNCTION f() RETURNS INT DETERMINISTIC RETURN IF(1, 2, 3)"), sDone("SELECT f()")}},
		{"mysql event", MySQL, "CREATE EVENT e ON SCHEDULE EVERY 1 DAY DO BEGIN DELETE FROM a; DELETE FROM b; END; SELECT 1;",
			[]Stmt{sDone("CREATE EVENT e ON SCHEDULE EVERY 1 DAY DO BEGIN DELETE FROM a; DELETE FROM b; END"), sDone("SELECT 1")}},
		{"mysql alter event", MySQL, "ALTER EVENT e DO BEGIN SELECT 1; END; SELECT 2;",
			[]Stmt{sDone("ALTER EVENT e DO BEGIN SELECT 1; END"), sDone("SELECT 2")}},
		{"mariadb BEGIN NOT ATOMIC", MySQL, "BEGIN NOT ATOMIC DECLARE x INT; SET x = 1; END; SELECT 1;",
			[]Stmt{sDone("BEGIN NOT ATOMIC DECLARE x INT; SET x = 1; END"), sDone("SELECT 1")}},
		{"mariadb compound IF", MySQL, "IF 1 THEN SELECT 1; END IF; SELECT 2;", []Stmt{sDone("IF 1 THEN SELECT 1; END IF"), sDone("SELECT 2")}},
		{"mariadb labelled block", MySQL, "lbl: BEGIN NOT ATOMIC SELECT 1; END lbl; SELECT 2;",
			[]Stmt{sDone("lbl: BEGIN NOT ATOMIC SELECT 1; END lbl"), sDone("SELECT 2")}},
		{"unfinished body runs to the end", SQLite, "CREATE TRIGGER t AFTER INSERT ON a BEGIN\n  DELETE FROM b;\nSELECT 1;",
			[]Stmt{sOpen("CREATE TRIGGER t AFTER INSERT ON a BEGIN\n  DELETE FROM b;\nSELECT 1;")}},

		// DELIMITER.
		{"mysql DELIMITER script", MySQL, mysqlDelimiterScript, []Stmt{
			sDone("CREATE PROCEDURE p()\nBEGIN\n  SELECT 1;\n  SELECT 2;\nEND"), sDone("CALL p()")}},
		{"DELIMITER //", MySQL, "DELIMITER //\nSELECT 1; SELECT 2 //\nSELECT 3//\ndelimiter ;\nSELECT 4;", []Stmt{
			sDone("SELECT 1; SELECT 2"), sDone("SELECT 3"), sDone("SELECT 4")}},
		{"DELIMITER ends a pending statement", MySQL, "SELECT 1\nDELIMITER $$\nSELECT 2$$", []Stmt{sOpen("SELECT 1"), sDone("SELECT 2")}},
		{"unterminated after DELIMITER", MySQL, "DELIMITER $$\nSELECT 1;", []Stmt{sOpen("SELECT 1;")}},
		{"mysql \\G", MySQL, "SELECT 1\\G\nSELECT 2;", []Stmt{sDone("SELECT 1"), sDone("SELECT 2")}},
		{"mysql executable comments", MySQL, "/*!40101 SET @x = 1 */;\n/* plain */;\nSELECT 1;", []Stmt{sDone("/*!40101 SET @x = 1 */"), sDone("SELECT 1")}},
		{"DELIMITER is mysql only", Postgres, "DELIMITER //\nSELECT 1;", []Stmt{sDone("DELIMITER //\nSELECT 1")}},
		{"dollar after DELIMITER in postgres", Postgres, "DELIMITER $$\nSELECT 1;", []Stmt{sOpen("DELIMITER $$\nSELECT 1;")}},

		// Client commands.
		{"psql commands", Postgres, "\\c mydb\nSELECT 1;\n\\d users\n\\x\nSELECT 2;", []Stmt{
			sCmd("\\c mydb"), sDone("SELECT 1"), sCmd("\\d users"), sCmd("\\x"), sDone("SELECT 2")}},
		{"psql command ends a pending statement", Postgres, "SELECT 1\n\\d t\nSELECT 2;", []Stmt{sOpen("SELECT 1"), sCmd("\\d t"), sDone("SELECT 2")}},
		{"psql \\g sends", Postgres, "SELECT 1 \\gx\nSELECT 2\n\\g out.txt", []Stmt{sDone("SELECT 1"), sCmd("\\gx"), sDone("SELECT 2"), sCmd("\\g out.txt")}},
		{"psql commands with quotes", Postgres, "\\set q 'a;b'\nSELECT :q;", []Stmt{sCmd("\\set q 'a;b'"), sDone("SELECT :q")}},
		{"mysql client command", MySQL, "\\. a.sql\nSELECT 1;", []Stmt{sCmd("\\. a.sql"), sDone("SELECT 1")}},
		{"sqlite dot commands", SQLite, ".mode csv\n.import x.csv t\nSELECT 1;", []Stmt{sCmd(".mode csv"), sCmd(".import x.csv t"), sDone("SELECT 1")}},

		{"pg_dump copy data", Postgres, "COPY public.t (a, b) FROM stdin;\n1\t'x;\n2\t\\N\n\\.\n\nSELECT 1;",
			[]Stmt{sDone("COPY public.t (a, b) FROM stdin"), sCmd("1\t'x;\n2\t\\N\n\\."), sDone("SELECT 1")}},
		{"mysqldump trigger", MySQL, "DELIMITER ;;\n/*!50003 CREATE*/ /*!50003 TRIGGER t BEFORE INSERT ON x FOR EACH ROW BEGIN SET NEW.a = 1; SET NEW.b = 2; END */;;\nDELIMITER ;\nSELECT 1;",
			[]Stmt{sDone("/*!50003 CREATE*/ /*!50003 TRIGGER t BEFORE INSERT ON x FOR EACH ROW BEGIN SET NEW.a = 1; SET NEW.b = 2; END */"), sDone("SELECT 1")}},
		{"DELIMITER CRLF", MySQL, "DELIMITER $$\r\nCREATE PROCEDURE p() BEGIN SELECT 1; END$$\r\nDELIMITER ;\r\nSELECT 2;\r\n",
			[]Stmt{sDone("CREATE PROCEDURE p() BEGIN SELECT 1; END"), sDone("SELECT 2")}},

		// Unterminated everything.
		{"unterminated string", Postgres, "SELECT 1; SELECT 'abc;\nSELECT 2;", []Stmt{sDone("SELECT 1"), sOpen("SELECT 'abc;\nSELECT 2;")}},
		{"unterminated ident", SQLite, "SELECT \"a;", []Stmt{sOpen("SELECT \"a;")}},
		{"unterminated comment", MySQL, "SELECT 1 /* ;", []Stmt{sOpen("SELECT 1")}},
		{"unterminated dollar", Postgres, "CREATE FUNCTION f() AS $$ SELECT 1;", []Stmt{sOpen("CREATE FUNCTION f() AS $$ SELECT 1;")}},
		{"unterminated E string", Postgres, `SELECT E'\'; x`, []Stmt{sOpen(`SELECT E'\'; x`)}},
		{"unterminated mysql string", MySQL, `SELECT '\'; x`, []Stmt{sOpen(`SELECT '\'; x`)}},
	}
}
