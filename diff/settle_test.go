package diff_test

import (
	"context"
	"testing"

	"github.com/dbls/dbls/diff"
	"github.com/dbls/dbls/drivers/drivertest"
)

// TestSettleWithoutDestructive: a sync that skips the destructive items (no
// AllowDestructive) still settles: comparing again selects nothing, whereas
// it used to recreate the views over a table whose column drop was skipped,
// on every run.
func TestSettleWithoutDestructive(t *testing.T) {
	cases := []struct {
		name             string
		url              func(testing.TB) string
		current, desired string
	}{
		{"postgres", drivertest.PostgresURL, `
CREATE TABLE items (id int PRIMARY KEY, name text, extra text, price int);
CREATE INDEX items_extra_idx ON items (extra);
CREATE INDEX items_name_idx ON items (name);
CREATE VIEW item_view AS SELECT id, name, extra FROM items;
CREATE VIEW other_view AS SELECT id FROM items;
CREATE MATERIALIZED VIEW item_names AS SELECT id, name FROM items;
CREATE INDEX item_names_name ON item_names (name);
INSERT INTO items VALUES (1, 'a', 'x', 3);`, `
CREATE TABLE items (id int PRIMARY KEY, name text, price bigint);
CREATE INDEX items_name_idx ON items (name DESC);
CREATE VIEW item_view AS SELECT id, name FROM items;
CREATE MATERIALIZED VIEW item_names AS SELECT id, name FROM items;
CREATE INDEX item_names_name ON item_names (name);`},
		{"mysql", drivertest.MySQLURL, `
CREATE TABLE items (id int PRIMARY KEY, name varchar(20), extra text, price int);
CREATE INDEX items_name_idx ON items (name);
CREATE VIEW item_view AS SELECT id, name, extra FROM items;
CREATE VIEW other_view AS SELECT id FROM items;
INSERT INTO items VALUES (1, 'a', 'x', 3);`, `
CREATE TABLE items (id int PRIMARY KEY, name varchar(20), price bigint);
CREATE INDEX items_name_idx ON items (name DESC);
CREATE VIEW item_view AS SELECT id, name FROM items;`},
		// Routines, events, sequences and a trigger that only the target
		// has stay; the trigger after it and one added keep their order.
		{"mysql objects", drivertest.MySQLURL, `
CREATE TABLE t (id int PRIMARY KEY, s varchar(50) NOT NULL DEFAULT '');
CREATE TRIGGER a_gone BEFORE INSERT ON t FOR EACH ROW SET NEW.s = CONCAT(NEW.s, 'a');
CREATE TRIGGER b_kept BEFORE INSERT ON t FOR EACH ROW SET NEW.s = CONCAT(NEW.s, 'b');
CREATE PROCEDURE gone() SELECT 1;
CREATE EVENT gone_too ON SCHEDULE EVERY 1 DAY DO DELETE FROM t;
CREATE SEQUENCE gone_seq;
INSERT INTO t VALUES (1, 'x');`, `
CREATE TABLE t (id int PRIMARY KEY, s varchar(50) NOT NULL DEFAULT '');
CREATE TRIGGER b_kept BEFORE INSERT ON t FOR EACH ROW SET NEW.s = CONCAT(NEW.s, 'b');
CREATE TRIGGER c_new BEFORE INSERT ON t FOR EACH ROW SET NEW.s = CONCAT(NEW.s, 'c');`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			a, b := open(t, tc.url(t)), open(t, tc.url(t))
			exec(t, a, tc.desired)
			exec(t, b, tc.current)
			r := renderer(t, b)
			src := snapshot(t, a)
			plan, err := diff.Compare(src, snapshot(t, b), diff.Options{Renderer: r})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := diff.Apply(context.Background(), b, plan); err != nil {
				t.Fatalf("apply: %v\n%s", err, planText(plan))
			}
			again, err := diff.Compare(src, snapshot(t, b), diff.Options{Renderer: r})
			if err != nil {
				t.Fatal(err)
			}
			for _, it := range again.Items {
				if it.Selected {
					t.Fatalf("not settled: %s is selected again; first plan:\n%s\nsecond plan:\n%s", it.ID, planText(plan), planText(again))
				}
			}
			if len(again.Items) == 0 {
				t.Fatalf("the skipped drops are gone from the second plan:\n%s", planText(again))
			}
		})
	}
}
