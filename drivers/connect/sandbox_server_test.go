package connect

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/drivertest"
)

// TestSchemaFileRefusedOnServer: hostile schema files are refused with
// their line before anything runs: the other database they name is
// neither created nor dropped nor written, and no scratch database is
// left behind.
func TestSchemaFileRefusedOnServer(t *testing.T) {
	ghost := fmt.Sprintf("h_d13id_ghost_%d", os.Getpid())
	cases := []struct {
		engine, name string
		file         string // %[1]s is the other database (exists), %[2]s one that must not come to exist
		line         int
	}{
		{"postgres", "connect", "CREATE TABLE a (id int);\n\\c %[1]s\nCREATE TABLE planted (id int);\n", 2},
		{"postgres", "create database", "CREATE TABLE a (id int);\nCREATE DATABASE %[2]s;\n", 2},
		{"postgres", "drop database", "CREATE TABLE a (id int);\nDROP DATABASE IF EXISTS %[1]s;\n", 2},
		{"mysql", "use", "CREATE TABLE a (id int);\nUSE `%[1]s`;\nCREATE TABLE planted (id int);\n", 2},
		{"mysql", "create schema", "CREATE TABLE a (id int);\nCREATE SCHEMA %[2]s;\n", 2},
		{"mysql", "drop schema", "CREATE TABLE a (id int);\n\nDROP SCHEMA IF EXISTS `%[1]s`;\n", 3},
		{"mysql", "qualified", "CREATE TABLE a (id int);\nCREATE TABLE `%[1]s`.planted (id int);\n", 2},
		{"mysql", "versioned comment", "CREATE TABLE a (id int);\n/*!40000 CREATE TABLE `%[1]s`.planted (id int) */;\n", 2},
	}
	ctx := context.Background()
	r, dir := newResolver(t, "")
	for _, c := range cases {
		t.Run(c.engine+"/"+c.name, func(t *testing.T) {
			url := drivertest.PostgresURL
			if c.engine == "mysql" {
				url = drivertest.MySQLURL
			}
			dev, other := url(t), url(t)
			op, err := drivers.ParseURL(other)
			if err != nil {
				t.Fatal(err)
			}
			file := filepath.Join(dir, strings.ReplaceAll(c.engine+"-"+c.name, " ", "-")+".sql")
			if err := os.WriteFile(file, []byte(fmt.Sprintf(c.file, op.Database, ghost)), 0o600); err != nil {
				t.Fatal(err)
			}
			_, err = r.SnapshotFile(ctx, file, c.engine, dev)
			if !errors.Is(err, ErrOutsideScratch) || !strings.Contains(err.Error(), fmt.Sprintf("%s:%d:", file, c.line)) {
				t.Fatalf("SnapshotFile = %v, want a refusal at line %d", err, c.line)
			}
			oc, _, err := drivers.Open(ctx, other)
			if err != nil {
				t.Fatalf("the other database is gone: %v", err)
			}
			defer oc.Close()
			count := func(q string) int64 {
				res, err := oc.(drivers.Querier).Query(ctx, drivers.Request{SQL: q})
				if err != nil {
					t.Fatal(err)
				}
				return res.Rows[0][0].(int64)
			}
			dbs, tables := "SELECT count(*) FROM pg_database WHERE datname = '%s'", "SELECT count(*) FROM pg_tables WHERE tablename = 'planted'"
			if c.engine == "mysql" {
				dbs, tables = "SELECT count(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '%s'", "SELECT count(*) FROM information_schema.TABLES WHERE TABLE_NAME = 'planted' AND TABLE_SCHEMA = DATABASE()"
			}
			if n := count(fmt.Sprintf(dbs, ghost)); n != 0 {
				t.Errorf("database %s was created", ghost)
			}
			if n := count(tables); n != 0 {
				t.Errorf("a table was planted in %s", op.Database)
			}
			if n := count(fmt.Sprintf(strings.Replace(dbs, "= '%s'", "LIKE '%s'", 1), fmt.Sprintf(`dbls\_scratch\_%d\_%%`, os.Getpid()))); n != 0 {
				t.Errorf("a scratch database was left behind")
			}
		})
	}
}

// TestSchemaFileSQLite: an sqlite3 .dump-style file loads into memory
// (PRAGMA, BEGIN/COMMIT, dot-commands, a trigger); one that attaches
// another file is refused, and that file is never created.
func TestSchemaFileSQLite(t *testing.T) {
	ctx := context.Background()
	r, dir := newResolver(t, "")
	dump := filepath.Join(dir, "dump.sql")
	os.WriteFile(dump, []byte("PRAGMA foreign_keys=OFF;\nBEGIN TRANSACTION;\n.mode insert\nCREATE TABLE t (id INTEGER PRIMARY KEY, n INT);\nINSERT INTO t VALUES(1,2);\n"+
		"CREATE TRIGGER tr AFTER UPDATE ON t BEGIN UPDATE t SET n = n + 1 WHERE id = new.id; END;\nCOMMIT;\n"), 0o600)
	snap, err := r.SnapshotFile(ctx, dump, "sqlite", "")
	if err != nil {
		t.Fatal(err)
	}
	if sc := snap.Schema(snap.DefaultSchema); sc == nil || sc.Table("t") == nil || len(sc.Triggers) != 1 {
		t.Fatalf("loaded snapshot: %+v", snap.Schemas)
	}
	evil := filepath.Join(dir, "evil.db")
	hostile := filepath.Join(dir, "hostile.sql")
	os.WriteFile(hostile, []byte(fmt.Sprintf("CREATE TABLE t (id);\nATTACH DATABASE '%s' AS e;\nCREATE TABLE e.planted (id);\n", evil)), 0o600)
	if _, err := r.SnapshotFile(ctx, hostile, "sqlite", ""); !errors.Is(err, ErrOutsideScratch) || !strings.Contains(err.Error(), hostile+":2:") {
		t.Fatalf("ATTACH: %v", err)
	}
	if _, err := os.Stat(evil); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("the attached file exists: %v", err)
	}
}
