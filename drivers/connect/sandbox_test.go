package connect

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/dbls/dbls/drivers/sqltext"
)

// TestSandbox: what a schema file may run, skip or not run at all, per
// engine. A refused file yields no statements, and the error names its line.
func TestSandbox(t *testing.T) {
	cases := []struct {
		name    string
		d       sqltext.Dialect
		file    string
		want    []string // statements that run, in order
		err     error    // or the refusal
		errLine int
	}{
		{name: "psql client commands skipped", d: sqltext.Postgres,
			file: "\\restrict AbC123\n\\set ON_ERROR_STOP on\n\\echo loading\n\\pset pager off\n\\encoding UTF8\nSET client_min_messages = warning;\nSELECT pg_catalog.set_config('search_path', '', false);\nCREATE SCHEMA app;\nCREATE TABLE app.t (id int);\n\\unrestrict AbC123\n",
			want: []string{"SET client_min_messages = warning", "SELECT pg_catalog.set_config('search_path', '', false)", "CREATE SCHEMA app", "CREATE TABLE app.t (id int)"}},
		{name: "psql \\c", d: sqltext.Postgres, file: "CREATE TABLE t (id int);\n\\c other\nCREATE TABLE u (id int);\n", err: ErrOutsideScratch, errLine: 2},
		{name: "psql \\connect", d: sqltext.Postgres, file: "CREATE TABLE t (id int);\n\\connect postgres\n", err: ErrOutsideScratch, errLine: 2},
		{name: "psql \\i", d: sqltext.Postgres, file: "\n\\i more.sql\n", err: ErrUnsupportedInFile, errLine: 2},
		{name: "pg create database", d: sqltext.Postgres, file: "CREATE TABLE t (id int);\n\nCREATE DATABASE x;", err: ErrOutsideScratch, errLine: 3},
		{name: "pg drop database", d: sqltext.Postgres, file: "CREATE TABLE t (id int);\nDROP DATABASE IF EXISTS x;", err: ErrOutsideScratch, errLine: 2},
		{name: "pg_dump --create --clean", d: sqltext.Postgres,
			file: "SET statement_timeout = 0;\nSELECT pg_catalog.set_config('search_path', '', false);\nDROP DATABASE IF EXISTS shop;\nCREATE DATABASE shop WITH TEMPLATE = template0 ENCODING = 'UTF8';\nALTER DATABASE shop OWNER TO postgres;\n\\connect shop\nCREATE TABLE t (id int);\n\\connect -reuse-previous=on \"dbname='shop'\"\n",
			want: []string{"SET statement_timeout = 0", "SELECT pg_catalog.set_config('search_path', '', false)", "CREATE TABLE t (id int)"}},
		{name: "pg_dump --create then another database", d: sqltext.Postgres,
			file: "CREATE DATABASE shop;\n\\connect shop\nCREATE TABLE t (id int);\n\\connect other\n", err: ErrOutsideScratch, errLine: 4},
		{name: "pg alter database", d: sqltext.Postgres, file: "CREATE TABLE t (id int);\nALTER DATABASE x SET search_path = a;", err: ErrOutsideScratch, errLine: 2},
		{name: "pg role", d: sqltext.Postgres, file: "CREATE ROLE r;", err: ErrOutsideScratch, errLine: 1},
		{name: "pg alter system", d: sqltext.Postgres, file: "ALTER SYSTEM SET work_mem = '1GB';", err: ErrOutsideScratch, errLine: 1},
		{name: "pg copy from a server file", d: sqltext.Postgres, file: "COPY t FROM '/etc/passwd';", err: ErrOutsideScratch, errLine: 1},
		{name: "pg copy data and transactions skipped", d: sqltext.Postgres,
			file: "BEGIN;\nCREATE TABLE t (id int);\nCOPY public.t (id) FROM stdin;\n1\n\\N\n\\.\nCOMMIT;\nCREATE USER MAPPING FOR CURRENT_USER SERVER s;\n",
			want: []string{"CREATE TABLE t (id int)", "CREATE USER MAPPING FOR CURRENT_USER SERVER s"}},
		{name: "psql \\q ends the file", d: sqltext.Postgres, file: "CREATE TABLE t (id int);\n\\q\nDROP TABLE t;\n", want: []string{"CREATE TABLE t (id int)"}},

		{name: "mysql own database maps to the scratch", d: sqltext.MySQL,
			file: "/*!40101 SET NAMES utf8mb4 */;\nDROP DATABASE IF EXISTS `shop`;\nCREATE DATABASE /*!32312 IF NOT EXISTS*/ `shop` /*!40100 DEFAULT CHARACTER SET utf8mb4 */;\nUSE `shop`;\nCREATE TABLE shop.t (id int);\nCREATE VIEW v AS SELECT t.id FROM `shop`.t;\n",
			want: []string{"SET NAMES utf8mb4", "ALTER DATABASE `scratch` DEFAULT CHARACTER SET utf8mb4", "CREATE TABLE `scratch`.t (id int)", "CREATE VIEW v AS SELECT t.id FROM `scratch`.t"}},
		{name: "mysql USE another database", d: sqltext.MySQL, file: "CREATE TABLE t (id int);\nUSE other;\nCREATE TABLE u (id int);", err: ErrOutsideScratch, errLine: 2},
		{name: "mysql USE hidden in a versioned comment", d: sqltext.MySQL, file: "CREATE TABLE t (id int);\n/*!50000 USE other */;", err: ErrOutsideScratch, errLine: 2},
		{name: "mysql second database", d: sqltext.MySQL, file: "CREATE DATABASE a;\nCREATE DATABASE b;", err: ErrOutsideScratch, errLine: 2},
		{name: "mysql drop schema after tables", d: sqltext.MySQL, file: "CREATE TABLE t (id int);\nDROP SCHEMA IF EXISTS x;", err: ErrOutsideScratch, errLine: 2},
		{name: "mysql create schema after tables", d: sqltext.MySQL, file: "CREATE TABLE t (id int);\nCREATE SCHEMA x;", err: ErrOutsideScratch, errLine: 2},
		{name: "mysql cross-database table", d: sqltext.MySQL, file: "CREATE TABLE other.t (id int);", err: ErrOutsideScratch, errLine: 1},
		{name: "mysql cross-database insert", d: sqltext.MySQL, file: "CREATE TABLE t (id int);\nINSERT INTO `other`.`t` VALUES (1);", err: ErrOutsideScratch, errLine: 2},
		{name: "mysql cross-database in a from list", d: sqltext.MySQL, file: "CREATE VIEW v AS SELECT a.id FROM a, other.b WHERE a.id = b.id;", err: ErrOutsideScratch, errLine: 1},
		{name: "mysql cross-database index", d: sqltext.MySQL, file: "CREATE INDEX i ON other.t (id);", err: ErrOutsideScratch, errLine: 1},
		{name: "mysql three-part name", d: sqltext.MySQL, file: "CREATE VIEW v AS SELECT other.t.id FROM t;", err: ErrOutsideScratch, errLine: 1},
		{name: "mysql rename into another database", d: sqltext.MySQL, file: "RENAME TABLE t TO other.t;", err: ErrOutsideScratch, errLine: 1},
		{name: "mysql set global", d: sqltext.MySQL, file: "SET @@GLOBAL.max_connections = 1;", err: ErrOutsideScratch, errLine: 1},
		{name: "mysql grant", d: sqltext.MySQL, file: "GRANT ALL ON *.* TO x;", err: ErrOutsideScratch, errLine: 1},
		{name: "mysql outfile", d: sqltext.MySQL, file: "SELECT 1 INTO OUTFILE '/tmp/x';", err: ErrOutsideScratch, errLine: 1},
		{name: "mysql procedure dropping a database", d: sqltext.MySQL,
			file: "DELIMITER //\nCREATE PROCEDURE p()\nBEGIN\n  DROP DATABASE other;\nEND //\nDELIMITER ;\n", err: ErrOutsideScratch, errLine: 2},
		{name: "mysql call", d: sqltext.MySQL, file: "CALL p();", err: ErrUnsupportedInFile, errLine: 1},
		{name: "mysql prepared statement", d: sqltext.MySQL, file: "SET @s = 'DROP DATABASE other';\nPREPARE st FROM @s;", err: ErrUnsupportedInFile, errLine: 2},
		{name: "mariadb execute immediate", d: sqltext.MySQL, file: "EXECUTE IMMEDIATE 'DROP DATABASE other';", err: ErrUnsupportedInFile, errLine: 1},
		{name: "mysql event with dynamic SQL", d: sqltext.MySQL,
			file: "CREATE EVENT e ON SCHEDULE AT CURRENT_TIMESTAMP DO EXECUTE IMMEDIATE 'DROP DATABASE other';", err: ErrUnsupportedInFile, errLine: 1},
		{name: "mariadb anonymous block", d: sqltext.MySQL,
			file: "DELIMITER //\nBEGIN NOT ATOMIC\n  CREATE TABLE t (id int);\nEND //\n", want: []string{"BEGIN NOT ATOMIC\n  CREATE TABLE t (id int);\nEND"}},
		{name: "mysql source", d: sqltext.MySQL, file: "\\. other.sql\n", err: ErrUnsupportedInFile, errLine: 1},
		{name: "mysql names that are not databases", d: sqltext.MySQL,
			file: "CREATE TABLE t (id int, p int, FOREIGN KEY (p) REFERENCES p (id) ON DELETE CASCADE);\nCREATE VIEW v AS SELECT t.id, x.p FROM t JOIN t AS x ON t.id = x.p WHERE information_schema.x IS NULL;\nCREATE TABLE information_schema_copy AS SELECT * FROM information_schema.tables;\n",
			want: []string{"CREATE TABLE t (id int, p int, FOREIGN KEY (p) REFERENCES p (id) ON DELETE CASCADE)", "CREATE VIEW v AS SELECT t.id, x.p FROM t JOIN t AS x ON t.id = x.p WHERE information_schema.x IS NULL", "CREATE TABLE information_schema_copy AS SELECT * FROM information_schema.tables"}},
		{name: "mysql DELIMITER script", d: sqltext.MySQL,
			file: "DELIMITER //\nCREATE PROCEDURE p()\nBEGIN\n  SELECT 1;\nEND //\nDELIMITER ;\nLOCK TABLES t WRITE;\nUNLOCK TABLES;\n",
			want: []string{"CREATE PROCEDURE p()\nBEGIN\n  SELECT 1;\nEND"}},

		{name: "sqlite attach", d: sqltext.SQLite, file: "CREATE TABLE t (id);\nATTACH DATABASE '/tmp/x.db' AS x;", err: ErrOutsideScratch, errLine: 2},
		{name: "sqlite vacuum into", d: sqltext.SQLite, file: "VACUUM INTO '/tmp/x.db';", err: ErrOutsideScratch, errLine: 1},
		{name: "sqlite .read", d: sqltext.SQLite, file: ".read other.sql\n", err: ErrUnsupportedInFile, errLine: 1},
		{name: "sqlite dump", d: sqltext.SQLite, file: "PRAGMA foreign_keys=OFF;\nBEGIN TRANSACTION;\nCREATE TABLE t (id);\n.mode csv\nCOMMIT;\n",
			want: []string{"PRAGMA foreign_keys=OFF", "CREATE TABLE t (id)"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			stmts, err := sandbox(c.d, "f.sql", c.file, "scratch")
			if c.err != nil {
				if !errors.Is(err, c.err) || !strings.Contains(err.Error(), fmt.Sprintf("f.sql:%d:", c.errLine)) || stmts != nil {
					t.Fatalf("got %v (%d statements), want %v at line %d", err, len(stmts), c.err, c.errLine)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, s := range stmts {
				got = append(got, s.sql)
			}
			if !slices.Equal(got, c.want) {
				t.Fatalf("statements:\n%q\nwant\n%q", got, c.want)
			}
		})
	}
}
