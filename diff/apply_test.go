package diff_test

import (
	"context"
	"strings"
	"testing"

	"github.com/dbls/dbls/diff"
	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/drivertest"
)

// TestFailureMidSync: the third statement of the plan (a unique index over
// duplicate values) fails. PostgreSQL and SQLite roll everything back;
// MariaDB, whose DDL commits implicitly, reports the prefix that ran.
func TestFailureMidSync(t *testing.T) {
	cases := []struct {
		name          string
		url           func(testing.TB) string
		current, want string
		applied       int
	}{
		{"postgres", drivertest.PostgresURL,
			"CREATE TABLE t (id integer PRIMARY KEY, a integer); INSERT INTO t VALUES (1, 7), (2, 7);",
			"CREATE TABLE t (id integer PRIMARY KEY, a integer, b integer); CREATE TABLE u (x integer); CREATE UNIQUE INDEX ux ON t (a);",
			0},
		{"sqlite", drivertest.SQLiteURL,
			"CREATE TABLE t (id INTEGER PRIMARY KEY, a INTEGER); INSERT INTO t VALUES (1, 7), (2, 7);",
			"CREATE TABLE t (id INTEGER PRIMARY KEY, a INTEGER, b INTEGER); CREATE TABLE u (x INTEGER); CREATE UNIQUE INDEX ux ON t (a);",
			0},
		{"mysql", drivertest.MySQLURL,
			"CREATE TABLE t (id int PRIMARY KEY, a int); INSERT INTO t VALUES (1, 7), (2, 7);",
			"CREATE TABLE t (id int PRIMARY KEY, a int, b int); CREATE TABLE u (x int); CREATE UNIQUE INDEX ux ON t (a);",
			2},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			a, b := open(t, tc.url(t)), open(t, tc.url(t))
			exec(t, a, tc.want)
			exec(t, b, tc.current)
			plan, err := diff.Compare(snapshot(t, a), snapshot(t, b), diff.Options{Renderer: renderer(t, b)})
			if err != nil {
				t.Fatal(err)
			}
			stmts := plan.SQL()
			if len(stmts) != 3 || !strings.Contains(strings.ToUpper(stmts[2]), "UNIQUE") {
				t.Fatalf("expected table, column, then the unique index:\n%s", planText(plan))
			}
			res, err := diff.Apply(ctx, b, plan)
			if err == nil {
				t.Fatal("applying a unique index over duplicates succeeded")
			}
			if res.Applied != tc.applied {
				t.Fatalf("applied = %d, want %d (%v)", res.Applied, tc.applied, err)
			}
			if !strings.Contains(err.Error(), "ux") {
				t.Errorf("the error does not name the failing statement: %v", err)
			}
			after := snapshot(t, b)
			sc := after.Schema(after.DefaultSchema)
			hasU := sc.Table("u") != nil
			hasB := sc.Table("t").Column("b") != nil
			if want := tc.applied > 0; hasU != want || hasB != want {
				t.Fatalf("after the failure: table u %v, column b %v; want both %v", hasU, hasB, want)
			}
			if res, _ := b.(drivers.Querier).Query(ctx, drivers.Request{SQL: "SELECT count(*) FROM t"}); res.Rows[0][0] != int64(2) {
				t.Fatalf("rows of t: %v", res.Rows)
			}
		})
	}
}
