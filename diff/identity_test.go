package diff

import (
	"slices"
	"strings"
	"testing"

	"github.com/dbls/dbls/drivers/ddl"
	"github.com/dbls/dbls/drivers/schema"
)

// scoped is a recorder with an engine's naming rules.
type scoped struct {
	recorder
	rules map[string]ddl.Scope
}

func (s scoped) NameScope(kind string) ddl.Scope {
	if sc, ok := s.rules[kind]; ok {
		return sc
	}
	return ddl.DefaultScope(kind)
}

func ids(p *Plan) []string {
	var out []string
	for _, it := range p.Items {
		out = append(out, it.ID)
	}
	return out
}

// TestTriggerIdentity: a trigger named per table (PostgreSQL) is one object
// per table; named per schema (MySQL, SQLite) it is one object however it
// moves between tables.
func TestTriggerIdentity(t *testing.T) {
	tr := func(table, def string) schema.Trigger {
		return schema.Trigger{Name: "last_updated", Table: table, Timing: "BEFORE", Events: []string{"UPDATE"}, Definition: def}
	}
	tables := []schema.Table{{Name: "a"}, {Name: "b"}, {Name: "c"}}
	x := snap(tables)
	x.Schemas[0].Triggers = []schema.Trigger{tr("a", "x"), tr("b", "x"), tr("c", "x")}
	y := snap(tables)
	y.Schemas[0].Triggers = []schema.Trigger{tr("a", "x"), tr("b", "changed"), tr("c", "x")}
	pg := scoped{rules: map[string]ddl.Scope{"trigger": ddl.ScopeTable}}

	self, _ := Compare(x, x, Options{Renderer: pg})
	if !self.Empty() {
		t.Fatalf("diff(X, X) per-table triggers: %v", ids(self))
	}
	plan, _ := Compare(y, x, Options{Renderer: pg})
	want := []string{"trigger.drop:s.b.last_updated", "trigger.create:s.b.last_updated"}
	if got := ids(plan); !slices.Equal(got, want) {
		t.Fatalf("one trigger changed: %v, want %v", got, want)
	}
	if plan.Items[0].Destructive {
		t.Error("replacing a trigger is not destructive")
	}

	// Per schema: the name moves from table a to table b.
	from, to := snap(tables), snap(tables)
	from.Schemas[0].Triggers = []schema.Trigger{tr("a", "x")}
	to.Schemas[0].Triggers = []schema.Trigger{tr("b", "x")}
	plan, _ = Compare(to, from, Options{Renderer: recorder{}})
	want = []string{"trigger.drop:s.a.last_updated", "trigger.create:s.b.last_updated"}
	if got := ids(plan); !slices.Equal(got, want) || plan.Items[0].Destructive || len(plan.Items[0].Changes) == 0 {
		t.Fatalf("moved trigger, schema scope: %v (destructive %v), want %v", got, plan.Items[0].Destructive, want)
	}
}

// TestIndexMovedPerSchema: where index names are unique per schema, an index
// that moves to another table frees its name first, so its drop is part of
// the move, selected without --allow-destructive.
func TestIndexMovedPerSchema(t *testing.T) {
	ix := []schema.Index{{Name: "ix", Columns: []schema.IndexColumn{{Name: "id"}}}}
	cur := snap([]schema.Table{{Name: "a", Columns: []schema.Column{col("id", "int")}, Indexes: ix}, {Name: "b", Columns: []schema.Column{col("id", "int")}}})
	des := snap([]schema.Table{{Name: "a", Columns: []schema.Column{col("id", "int")}}, {Name: "b", Columns: []schema.Column{col("id", "int")}, Indexes: ix}})
	for _, c := range []struct {
		name        string
		r           ddl.Renderer
		destructive bool
	}{
		{"per schema", scoped{rules: map[string]ddl.Scope{"index": ddl.ScopeSchema}}, false},
		{"per table", recorder{}, true},
	} {
		plan, _ := Compare(des, cur, Options{Renderer: c.r})
		want := []string{"index.drop:s.a.ix", "index.create:s.b.ix"}
		if got := ids(plan); !slices.Equal(got, want) {
			t.Fatalf("%s: %v, want %v", c.name, got, want)
		}
		if d := plan.Items[0].Destructive; d != c.destructive || plan.Items[0].Selected == d {
			t.Errorf("%s: drop destructive=%v selected=%v, want destructive=%v", c.name, d, plan.Items[0].Selected, c.destructive)
		}
	}
}

// TestIDsUnique: two unnamed checks added to one table get distinct ids;
// the first keeps the id it always had.
func TestIDsUnique(t *testing.T) {
	cur := snap([]schema.Table{{Name: "t", Columns: []schema.Column{col("a", "int")}}})
	des := snap([]schema.Table{{Name: "t", Columns: []schema.Column{col("a", "int")},
		Checks: []schema.Check{{Expr: "a > 0"}, {Expr: "a < 9"}}}})
	plan, _ := Compare(des, cur, Options{Renderer: recorder{}})
	want := []string{"check.add:s.t", "check.add:s.t#2"}
	if got := ids(plan); !slices.Equal(got, want) {
		t.Fatalf("ids %v, want %v", got, want)
	}
}

// TestRoutineNoteWholeSignature: the note names the whole signature, not
// the part before its first comma's space.
func TestRoutineNoteWholeSignature(t *testing.T) {
	des := snap(nil)
	des.Schemas[0].Routines = []schema.Routine{{Name: "f", Kind: "function",
		Params: []schema.Parameter{{Name: "a", Type: "int"}, {Name: "b", Type: "text"}}}}
	changed := snap(nil)
	changed.Schemas[0].Routines = []schema.Routine{{Name: "f", Kind: "function", Definition: "other",
		Params: []schema.Parameter{{Name: "a", Type: "int"}, {Name: "b", Type: "text"}}}}
	for _, c := range []struct {
		src, dst *schema.Snapshot
		want     string
	}{
		{des, snap(nil), "function s.f(int, text) exists only in the source (routines are not synced yet)"},
		{snap(nil), des, "function s.f(int, text) exists only in the target (routines are not synced yet)"},
		{des, changed, "function s.f(int, text) differs (routines are not synced yet)"},
	} {
		plan, _ := Compare(c.src, c.dst, Options{Renderer: recorder{}})
		if len(plan.Notes) != 1 || plan.Notes[0] != c.want {
			t.Errorf("notes %q, want %q", plan.Notes, c.want)
		}
	}
}

// TestKeyDependents: a foreign key is dropped and added back around the
// drop of a key it may rely on, and only then.
func TestKeyDependents(t *testing.T) {
	pk := func(cols ...string) *schema.PrimaryKey { return &schema.PrimaryKey{Columns: cols} }
	ix := func(name string, unique bool) schema.Index {
		return schema.Index{Name: name, Unique: unique, Columns: []schema.IndexColumn{{Name: "id"}}}
	}
	child := schema.Table{Name: "child", Columns: []schema.Column{col("id", "int"), col("p", "int")}, PrimaryKey: pk("id"),
		ForeignKeys: []schema.ForeignKey{fk("fk_p", "parent", "p")}}
	parent := func(key *schema.PrimaryKey, ixs ...schema.Index) schema.Table {
		return schema.Table{Name: "parent", Columns: []schema.Column{col("id", "int"), col("code", "int")}, PrimaryKey: key, Indexes: ixs}
	}
	fkItems := []string{"foreign_key.drop:s.child.fk_p", "foreign_key.add:s.child.fk_p"}
	cases := []struct {
		name          string
		current, want schema.Table
		fkReplaced    bool
	}{
		{"primary key moved", parent(pk("id")), parent(pk("code"), ix("ux_id", true)), true},
		{"unique index changed", parent(nil, ix("ux_id", true)), parent(nil, ix("ux_id", false)), true},
		{"plain index dropped, primary key kept", parent(pk("id"), ix("ix_id", false)), parent(pk("id")), false},
		{"plain index dropped, the last key", parent(nil, ix("ix_id", false)), parent(nil), true},
	}
	for _, c := range cases {
		plan, _ := Compare(snap([]schema.Table{c.want, child}), snap([]schema.Table{c.current, child}), Options{Renderer: recorder{}, AllowDestructive: true})
		got := ids(plan)
		var fks []string
		for _, id := range got {
			if strings.HasPrefix(id, "foreign_key.") {
				fks = append(fks, id)
			}
		}
		if c.fkReplaced != slices.Equal(fks, fkItems) || !c.fkReplaced && len(fks) > 0 {
			t.Errorf("%s: %v", c.name, got)
		}
		if c.fkReplaced && (slices.Index(got, fkItems[0]) > slices.IndexFunc(got, func(id string) bool { return strings.Contains(id, ".drop:s.parent") }) ||
			slices.Index(got, fkItems[1]) < len(got)-1) {
			t.Errorf("%s: foreign key not around the key change: %v", c.name, got)
		}
	}
}
