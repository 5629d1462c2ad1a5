package diff

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/dbls/dbls/drivers/ddl"
	"github.com/dbls/dbls/drivers/schema"
)

// recorder renders each change as "kind name[.object]", which is all that
// ordering and item tests need; rebuildOn makes it refuse in-place changes
// to some tables, as SQLite does.
type recorder struct{ rebuildOn map[string]bool }

func (r recorder) Render(c ddl.Change) ([]string, error) {
	_, name := c.Where()
	if tc, ok := c.(ddl.TableChange); ok && r.rebuildOn[name] && c.Kind() != ddl.KindRebuildTable &&
		tc.OnTable().Desired != nil && tc.OnTable().Current != nil {
		return nil, ddl.ErrRebuild
	}
	s := string(c.Kind()) + " " + name
	switch c := c.(type) {
	case ddl.AddColumn:
		s += "." + c.Column.Name
	case ddl.DropColumn:
		s += "." + c.Column.Name
	case ddl.AlterColumn:
		s += "." + c.To.Name
	case ddl.CreateIndex:
		s += "." + c.Index.Name
	case ddl.DropIndex:
		s += "." + c.Index.Name
	case ddl.AddForeignKey:
		s += "." + c.ForeignKey.Name
	case ddl.DropForeignKey:
		s += "." + c.ForeignKey.Name
	case ddl.CreateTrigger:
		s += "." + c.Trigger.Name
	case ddl.DropTrigger:
		s += "." + c.Trigger.Name
	}
	return []string{s}, nil
}

func snap(tables []schema.Table, views ...schema.View) *schema.Snapshot {
	return &schema.Snapshot{Driver: "test", DefaultSchema: "s",
		Schemas: []schema.Schema{{Name: "s", Tables: tables, Views: views}}}
}

func col(name, typ string) schema.Column { return schema.Column{Name: name, Type: typ, Nullable: true} }

func fk(name, ref string, cols ...string) schema.ForeignKey {
	return schema.ForeignKey{Name: name, Columns: cols, RefTable: ref, RefColumns: []string{"id"}}
}

func sqlOf(p *Plan) []string {
	var out []string
	for _, it := range p.Items {
		out = append(out, it.SQL...)
	}
	return out
}

func TestOrder(t *testing.T) {
	pk := &schema.PrimaryKey{Columns: []string{"id"}}
	current := snap([]schema.Table{
		{Name: "old_child", Columns: []schema.Column{col("id", "int"), col("p", "int")}, PrimaryKey: pk,
			ForeignKeys: []schema.ForeignKey{fk("fk_old", "old_parent", "p")}},
		{Name: "old_parent", Columns: []schema.Column{col("id", "int")}, PrimaryKey: pk},
		{Name: "kept", Columns: []schema.Column{col("id", "int"), col("gone", "text")}, PrimaryKey: pk},
	}, schema.View{Name: "v_kept", Definition: "SELECT id, gone FROM kept"})
	desired := snap([]schema.Table{
		{Name: "b_child", Columns: []schema.Column{col("id", "int"), col("a", "int")}, PrimaryKey: pk,
			ForeignKeys: []schema.ForeignKey{fk("fk_a", "a_parent", "a")}, Indexes: []schema.Index{{Name: "ix_b", Columns: []schema.IndexColumn{{Name: "a"}}}}},
		{Name: "a_parent", Columns: []schema.Column{col("id", "int"), col("b", "int")}, PrimaryKey: pk,
			ForeignKeys: []schema.ForeignKey{fk("fk_cycle", "b_child", "b")}},
		{Name: "kept", Columns: []schema.Column{col("id", "int")}, PrimaryKey: pk},
	}, schema.View{Name: "v_kept", Definition: "SELECT id FROM kept"}, schema.View{Name: "v_on_v", Definition: "SELECT * FROM v_kept"})
	plan, err := Compare(desired, current, Options{Renderer: recorder{}})
	if err != nil {
		t.Fatal(err)
	}
	got := sqlOf(plan)
	pos := func(s string) int {
		i := slices.Index(got, s)
		if i < 0 {
			t.Fatalf("%q not in plan:\n%s", s, strings.Join(got, "\n"))
		}
		return i
	}
	before := func(a, b string) {
		if pos(a) > pos(b) {
			t.Errorf("%q should come before %q:\n%s", a, b, strings.Join(got, "\n"))
		}
	}
	before("view.drop v_kept", "column.drop kept.gone")
	before("table.drop old_child", "table.drop old_parent")
	before("table.create a_parent", "foreign_key.add a_parent.fk_cycle")
	before("table.create b_child", "foreign_key.add a_parent.fk_cycle")
	before("table.create b_child", "index.create b_child.ix_b")
	before("column.drop kept.gone", "view.create v_kept")
	before("view.create v_kept", "view.create v_on_v")
	for _, it := range plan.Items {
		if strings.HasPrefix(it.SQL[0], "table.create") && strings.Contains(it.SQL[0], "child") {
			if c := it.change.(ddl.CreateTable).Table; len(c.ForeignKeys) != 0 || len(c.Indexes) != 0 {
				t.Errorf("table.create carries foreign keys or indexes: %+v", c)
			}
		}
	}
	// Destructive items are not selected by default.
	for _, it := range plan.Items {
		destructive := it.Kind == ddl.KindDropTable || it.Kind == ddl.KindDropColumn
		if it.Destructive != destructive || it.Selected == destructive {
			t.Errorf("%s: destructive=%v selected=%v", it.ID, it.Destructive, it.Selected)
		}
	}
	if slices.Contains(plan.SQL(), "table.drop old_child") {
		t.Error("an unselected destructive item is in the SQL")
	}
	self, _ := Compare(desired, desired, Options{Renderer: recorder{}})
	if !self.Empty() {
		t.Errorf("a snapshot differs from itself: %v", sqlOf(self))
	}
}

func TestItemsAndIDs(t *testing.T) {
	cur := snap([]schema.Table{{Name: "t", Columns: []schema.Column{col("a", "varchar(10)"), col("b", "int"), col("c", "bigint")},
		Checks: []schema.Check{{Expr: "a <> ''"}}, Comment: "old"}})
	des := snap([]schema.Table{{Name: "t", Columns: []schema.Column{col("a", "varchar(20)"), col("b", "bigint"), col("c", "int")},
		Checks: []schema.Check{{Expr: "a  <>  ''"}}, Comment: "new"}})
	des.Schemas[0].Tables[0].Columns[0].Nullable = false
	plan, _ := Compare(des, cur, Options{Renderer: recorder{}})
	want := map[string]struct {
		changes     string
		destructive bool
	}{
		"column.alter:s.t.a": {"type,nullable", false},
		"column.alter:s.t.b": {"type", false},
		"column.alter:s.t.c": {"type", true},
		"table.comment:s.t":  {"comment", false},
	}
	if len(plan.Items) != len(want) {
		t.Fatalf("items: %s", planIDs(plan))
	}
	for _, it := range plan.Items {
		w, ok := want[it.ID]
		if !ok || strings.Join(it.Changes, ",") != w.changes || it.Destructive != w.destructive {
			t.Errorf("%s: changes %v destructive %v; want %+v", it.ID, it.Changes, it.Destructive, w)
		}
	}
}

func TestRebuildCollapses(t *testing.T) {
	cur := snap([]schema.Table{{Name: "t", Columns: []schema.Column{col("id", "integer"), col("x", "text")}}})
	cur.Schemas[0].Triggers = []schema.Trigger{{Name: "trg", Table: "t", Timing: "AFTER", Events: []string{"INSERT"}, Definition: "CREATE TRIGGER trg …"}}
	des := cur.Clone()
	des.Schemas[0].Tables[0].Columns = []schema.Column{col("id", "integer"), col("x", "integer")}
	des.Schemas[0].Tables[0].Checks = []schema.Check{{Expr: "x > 0"}}
	des.Schemas[0].Views = []schema.View{{Name: "v", Definition: "SELECT x FROM t"}}
	cur.Schemas[0].Views = []schema.View{{Name: "v", Definition: "SELECT x FROM t"}}
	plan, _ := Compare(des, cur, Options{Renderer: recorder{rebuildOn: map[string]bool{"t": true}}, AllowDestructive: true})
	got := strings.Join(sqlOf(plan), "\n")
	want := "view.drop v\ntable.rebuild t\nview.create v\ntrigger.create t.trg"
	if got != want {
		t.Fatalf("plan:\n%s\nwant:\n%s", got, want)
	}
	if !plan.Items[1].Destructive {
		t.Error("a rebuild that narrows text to integer is not destructive")
	}
}

func TestUnsupportedAndErrors(t *testing.T) {
	cur := snap(nil)
	des := snap(nil)
	des.Schemas[0].Routines = []schema.Routine{{Name: "f", Kind: "function", Params: []schema.Parameter{{Type: "int"}}}}
	plan, _ := Compare(des, cur, Options{Renderer: recorder{}})
	if len(plan.Notes) != 1 || !strings.Contains(plan.Notes[0], "function s.f(int) exists only in the source") || plan.Empty() {
		t.Fatalf("notes: %v", plan.Notes)
	}
	if _, err := Compare(des, cur, Options{}); err == nil {
		t.Fatal("Compare without a renderer succeeded")
	}
	bad := failing{}
	plan, _ = Compare(snap([]schema.Table{{Name: "t", Columns: []schema.Column{col("a", "x")}}}), snap(nil), Options{Renderer: bad})
	if plan.Items[0].Error == "" || plan.Items[0].Selected || len(plan.SQL()) != 0 {
		t.Fatalf("unrenderable item: %+v", plan.Items[0])
	}
}

type failing struct{}

func (failing) Render(ddl.Change) ([]string, error) { return nil, errors.New("no can do") }

func TestWidening(t *testing.T) {
	cases := []struct {
		from, to string
		want     bool
	}{
		{"varchar(10)", "varchar(20)", true}, {"character varying(10)", "text", true}, {"varchar(20)", "varchar(10)", false},
		{"int", "bigint", true}, {"integer", "smallint", false}, {"int(11)", "bigint(20)", true},
		{"int unsigned", "bigint", false}, {"numeric(10,2)", "numeric(12,2)", true}, {"numeric(10,2)", "numeric(10,3)", false},
		{"text", "integer", false}, {"jsonb", "json", false},
	}
	for _, c := range cases {
		if got := widening(c.from, c.to); got != c.want {
			t.Errorf("widening(%s, %s) = %v", c.from, c.to, got)
		}
	}
}

func planIDs(p *Plan) string {
	var ids []string
	for _, it := range p.Items {
		ids = append(ids, it.ID)
	}
	return strings.Join(ids, " ")
}

func TestRequires(t *testing.T) {
	id := schema.Column{Name: "id", Type: "int"}
	cur := snap([]schema.Table{{Name: "a", Columns: []schema.Column{id, col("b_id", "int")}}})
	des := snap([]schema.Table{
		{Name: "a", Columns: []schema.Column{id, col("b_id", "int")}, ForeignKeys: []schema.ForeignKey{fk("fk_ab", "b", "b_id")}},
		{Name: "b", Columns: []schema.Column{id, col("n", "int")}, Indexes: []schema.Index{{Name: "ix_b_n", Columns: []schema.IndexColumn{{Name: "n"}}}}},
	})
	plan, err := Compare(des, cur, Options{Renderer: recorder{}})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{
		"table.create:s.b":          nil,
		"index.create:s.b.ix_b_n":   {"table.create:s.b"},
		"foreign_key.add:s.a.fk_ab": {"table.create:s.b"},
	}
	got := map[string][]string{}
	for _, it := range plan.Items {
		got[it.ID] = it.Requires
	}
	for id, w := range want {
		r, ok := got[id]
		if !ok || !slices.Equal(r, w) {
			t.Errorf("%s requires %v, want %v (plan: %s)", id, r, w, planIDs(plan))
		}
	}
}
