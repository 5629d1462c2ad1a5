package sqlite_test

import (
	"slices"
	"testing"

	"github.com/dbls/dbls/drivers/ddl"
	"github.com/dbls/dbls/drivers/schema"
	"github.com/dbls/dbls/drivers/sqlite"
)

// TestRenderViewsAndTriggers: views and triggers are created from their
// text as written (a view's column list included; SQLite has no ALTER
// VIEW or ALTER TRIGGER, so a change is a drop and a create) and dropped
// by name; a column list that would end the statement is refused.
func TestRenderViewsAndTriggers(t *testing.T) {
	view := schema.View{Name: `v"w`, Definition: "SELECT id, -- the key\n  name FROM t;",
		Options: map[string]string{"columns": `"Key", [label]`}}
	trig := schema.Trigger{Name: "tr", Table: "t",
		Definition: "CREATE TRIGGER tr AFTER UPDATE OF name ON t WHEN old.name IS NOT new.name\nBEGIN\n  SELECT 1; -- kept\nEND;"}
	cases := []struct {
		name string
		c    ddl.Change
		want []string
	}{
		{"view create with columns", ddl.CreateView{Schema: "main", View: view},
			[]string{"CREATE VIEW \"main\".\"v\"\"w\" (\"Key\", [label]) AS SELECT id, -- the key\n  name FROM t"}},
		{"view create", ddl.CreateView{Schema: "main", View: schema.View{Name: "p", Definition: "SELECT 1"}},
			[]string{`CREATE VIEW "main"."p" AS SELECT 1`}},
		{"view drop", ddl.DropView{Schema: "main", View: view}, []string{`DROP VIEW "main"."v""w"`}},
		{"trigger create", ddl.CreateTrigger{Schema: "main", Table: "t", Trigger: trig},
			[]string{"CREATE TRIGGER tr AFTER UPDATE OF name ON t WHEN old.name IS NOT new.name\nBEGIN\n  SELECT 1; -- kept\nEND"}},
		{"trigger drop", ddl.DropTrigger{Schema: "main", Table: "t", Trigger: trig}, []string{`DROP TRIGGER "main"."tr"`}},
	}
	for _, c := range cases {
		got, err := sqlite.Driver{}.Render(c.c)
		if err != nil || !slices.Equal(got, c.want) {
			t.Errorf("%s: %q, %v\nwant %q", c.name, got, err, c.want)
		}
	}
	for _, cols := range []string{"a); DROP TABLE t; --", "a, (b", "a))"} {
		v := schema.View{Name: "v", Definition: "SELECT 1", Options: map[string]string{"columns": cols}}
		if got, err := (sqlite.Driver{}).Render(ddl.CreateView{Schema: "main", View: v}); err == nil {
			t.Errorf("columns %q rendered %q", cols, got)
		}
	}
}
