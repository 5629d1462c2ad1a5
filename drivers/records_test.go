package drivers_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/dbls/dbls/drivers"
	_ "github.com/dbls/dbls/drivers/all"
	"github.com/dbls/dbls/drivers/drivertest"
)

// TestRecordKeyMustNameOneRow: UpdateRecord and DeleteRecord refuse a key
// that is not the primary key or a unique key, and roll back a change
// that matched more than one row.
func TestRecordKeyMustNameOneRow(t *testing.T) {
	for _, e := range []struct {
		name string
		url  func(testing.TB) string
		// twoRows makes a table "two" (id, name) where the key {"id": 1}
		// passes the key check yet matches two rows; empty where the
		// engine has no such case.
		twoRows []string
		twoKey  any
	}{
		// Inheritance: the child's rows are updated through the parent,
		// and the parent's primary key does not cover them.
		{"postgres", drivertest.PostgresURL, []string{
			"CREATE TABLE two (id int PRIMARY KEY, name text)",
			"CREATE TABLE two_child () INHERITS (two)",
			"INSERT INTO two VALUES (1, 'a')",
			"INSERT INTO two_child VALUES (1, 'b')",
		}, 1},
		// A string key compared with a number compares as numbers: '1'
		// and '01' both equal 1.
		{"mysql", drivertest.MySQLURL, []string{
			"CREATE TABLE two (id varchar(10) PRIMARY KEY, name varchar(10)) ENGINE=InnoDB",
			"INSERT INTO two VALUES ('1', 'a'), ('01', 'b')",
		}, 1},
		{"sqlite", drivertest.SQLiteURL, nil, nil},
	} {
		t.Run(e.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			c, _, err := drivers.Open(ctx, e.url(t))
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			ex := c.(drivers.Execer)
			q := c.(drivers.Querier)
			for _, s := range append([]string{
				"CREATE TABLE items (id int PRIMARY KEY, grp int, code varchar(10) UNIQUE, name varchar(10))",
				"CREATE UNIQUE INDEX items_grp_name ON items (grp, name)",
				"INSERT INTO items VALUES (1, 7, 'a', 'x'), (2, 7, 'b', 'y'), (3, 8, 'c', 'x')",
				"CREATE TABLE nokey (a int)",
				"INSERT INTO nokey VALUES (1), (1)",
			}, e.twoRows...) {
				if _, err := ex.Exec(ctx, s); err != nil {
					t.Fatalf("%s: %v", s, err)
				}
			}
			dump := func(table string) string {
				res, err := q.Query(ctx, drivers.Request{SQL: "SELECT * FROM " + table + " ORDER BY 1, 2"})
				if err != nil {
					t.Fatal(err)
				}
				return fmt.Sprint(res.Rows)
			}
			items := drivers.TableRef{Name: "items"}
			before := dump("items")
			set := drivers.Record{{Column: "name", Value: "z"}}
			for _, key := range []drivers.Record{
				{{Column: "grp", Value: 7}},
				{{Column: "name", Value: "x"}},
				{{Column: "id", Value: 1}, {Column: "grp", Value: 7}},
			} {
				if n, err := drivers.UpdateRecord(ctx, c, items, key, set); !errors.Is(err, drivers.ErrNotRowKey) {
					t.Errorf("update by %v: %d, %v", key, n, err)
				}
				if n, err := drivers.DeleteRecord(ctx, c, items, key); !errors.Is(err, drivers.ErrNotRowKey) {
					t.Errorf("delete by %v: %d, %v", key, n, err)
				}
			}
			if _, err := drivers.DeleteRecord(ctx, c, drivers.TableRef{Name: "nokey"}, drivers.Record{{Column: "a", Value: 1}}); !errors.Is(err, drivers.ErrNotRowKey) {
				t.Errorf("delete from a table without keys: %v", err)
			}
			if got := dump("items"); got != before {
				t.Fatalf("a refused change wrote: %s, was %s", got, before)
			}
			// Every kind of key that names one row works: primary key,
			// unique constraint, unique index over two columns (any order).
			for i, key := range []drivers.Record{
				{{Column: "id", Value: 1}},
				{{Column: "code", Value: "b"}},
				{{Column: "name", Value: "x"}, {Column: "grp", Value: 8}},
			} {
				if n, err := drivers.UpdateRecord(ctx, c, items, key, drivers.Record{{Column: "grp", Value: 10 + i}}); err != nil || n != 1 {
					t.Errorf("update by %v: %d, %v", key, n, err)
				}
			}
			if n, err := drivers.DeleteRecord(ctx, c, items, drivers.Record{{Column: "id", Value: 42}}); err != nil || n != 0 {
				t.Errorf("delete of a missing row: %d, %v", n, err)
			}
			if e.twoRows == nil {
				return
			}
			two := drivers.TableRef{Name: "two"}
			before = dump("two")
			key := drivers.Record{{Column: "id", Value: e.twoKey}}
			n, err := drivers.UpdateRecord(ctx, c, two, key, drivers.Record{{Column: "name", Value: "z"}})
			if !errors.Is(err, drivers.ErrNotOneRow) {
				t.Fatalf("update matching two rows: %d, %v", n, err)
			}
			t.Logf("update matching two rows: %v", err)
			if n, err := drivers.DeleteRecord(ctx, c, two, key); !errors.Is(err, drivers.ErrNotOneRow) {
				t.Fatalf("delete matching two rows: %d, %v", n, err)
			}
			if got := dump("two"); got != before {
				t.Fatalf("the change was not rolled back: %s, was %s", got, before)
			}
		})
	}
}
