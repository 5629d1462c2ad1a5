package diff_test

import (
	"context"
	"testing"

	"github.com/dbls/dbls/diff"
	"github.com/dbls/dbls/drivers/ddl"
	"github.com/dbls/dbls/drivers/drivertest"
)

// TestRenames: a declared table and column rename is planned as RENAME,
// not drop + add, and keeps the rows; the plan converges.
func TestRenames(t *testing.T) {
	cases := []struct {
		name             string
		url              func(testing.TB) string
		current, desired string
	}{
		{"postgres", drivertest.PostgresURL,
			`CREATE TABLE clients (id int CONSTRAINT people_pk PRIMARY KEY, fullname text, city text);
INSERT INTO clients VALUES (1, 'Ada', 'London'), (2, 'Grace', NULL);`,
			`CREATE TABLE customers (id int CONSTRAINT people_pk PRIMARY KEY, name text, city text);`},
		{"mysql", drivertest.MySQLURL,
			`CREATE TABLE clients (id int PRIMARY KEY, fullname varchar(50), city varchar(50));
INSERT INTO clients VALUES (1, 'Ada', 'London'), (2, 'Grace', NULL);`,
			`CREATE TABLE customers (id int PRIMARY KEY, name varchar(50), city varchar(50));`},
		{"sqlite", drivertest.SQLiteURL,
			`CREATE TABLE clients (id int CONSTRAINT people_pk PRIMARY KEY, fullname text, city text);
INSERT INTO clients VALUES (1, 'Ada', 'London'), (2, 'Grace', NULL);`,
			`CREATE TABLE customers (id int CONSTRAINT people_pk PRIMARY KEY, name text, city text);`},
	}
	renames := []diff.Rename{{Table: "customers", From: "clients"}, {Table: "customers", Column: "name", From: "fullname"}}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			a, b := open(t, tc.url(t)), open(t, tc.url(t))
			exec(t, a, tc.desired)
			exec(t, b, tc.current)
			r := renderer(t, b)
			src := snapshot(t, a)
			plan, err := diff.Compare(src, snapshot(t, b), diff.Options{Renderer: r, Renames: renames})
			if err != nil {
				t.Fatal(err)
			}
			var kinds []ddl.Kind
			for _, it := range plan.Items {
				kinds = append(kinds, it.Kind)
				if it.Destructive {
					t.Errorf("destructive item %s in a rename plan:\n%s", it.ID, planText(plan))
				}
			}
			if len(kinds) != 2 || kinds[0] != ddl.KindRenameTable || kinds[1] != ddl.KindRenameColumn {
				t.Fatalf("plan kinds %v, want a table rename then a column rename:\n%s", kinds, planText(plan))
			}
			if _, err := diff.Apply(context.Background(), b, plan); err != nil {
				t.Fatalf("apply: %v\n%s", err, planText(plan))
			}
			after := snapshot(t, b)
			if again, err := diff.Compare(src, after, diff.Options{Renderer: r, Renames: renames}); err != nil || !again.Empty() {
				t.Fatalf("not converged (%v):\n%s", err, planText(again))
			}
			got := tableRows(t, b, after, r)
			want := rows{"customers": {
				{"id": "1", "name": "Ada", "city": "London"}, {"id": "2", "name": "Grace", "city": "<nil>"},
			}}
			checkRows(t, want, got)
		})
	}
}
