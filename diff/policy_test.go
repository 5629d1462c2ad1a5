package diff_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/dbls/dbls/diff"
	"github.com/dbls/dbls/drivers/mysql"
	"github.com/dbls/dbls/drivers/postgres"
	"github.com/dbls/dbls/drivers/schema"
)

// rlsSnap is a PostgreSQL snapshot of schema sc whose tables are ts.
func rlsSnap(driver, sc string, ts ...schema.Table) *schema.Snapshot {
	s := &schema.Snapshot{Driver: driver, Schemas: []schema.Schema{{Name: sc, Tables: ts}}}
	s.Normalize()
	return s
}

func rlsTable(name string, ps []schema.Policy, rs []schema.Rule) schema.Table {
	return schema.Table{Name: name, Columns: []schema.Column{{Name: "id", Position: 1, Type: "integer"}},
		RowSecurity: len(ps) > 0, Policies: ps, Rules: rs}
}

// TestPolicyIdentityAndGating: a policy is named per table (the same name
// on two tables is two policies), a policy or rule only the target has is
// a destructive drop (not selected without AllowDestructive), drops come
// before creates, and a rule compares without its schema and table names
// (a mapped schema is no difference).
func TestPolicyIdentityAndGating(t *testing.T) {
	p := func(name, using string) schema.Policy {
		return schema.Policy{Name: name, Command: "ALL", Permissive: true, Using: using}
	}
	rule := func(sc, table string) schema.Rule {
		return schema.Rule{Name: "nodel", Event: "DELETE",
			Definition: "CREATE RULE nodel AS\n    ON DELETE TO " + sc + "." + table + " DO INSTEAD NOTHING;"}
	}
	src := rlsSnap("postgres", "app",
		rlsTable("a", []schema.Policy{p("own", "true")}, []schema.Rule{rule("app", "a")}),
		rlsTable("b", []schema.Policy{p("own", "id > 0")}, nil))
	dst := rlsSnap("postgres", "live",
		rlsTable("a", []schema.Policy{p("own", "true"), p("old", "false")}, []schema.Rule{rule("live", "a")}),
		rlsTable("b", nil, []schema.Rule{rule("live", "b")}))
	plan, err := diff.Compare(src, dst, diff.Options{Renderer: postgres.Driver{}, SchemaMap: map[string]string{"app": "live"}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, it := range plan.Items {
		got = append(got, it.ID+" "+map[bool]string{true: "selected", false: "skipped"}[it.Selected])
	}
	want := []string{
		"policy.drop:live.a.old skipped",
		"rule.drop:live.b.nodel skipped",
		"table.row_security:live.b selected",
		"policy.create:live.b.own selected",
	}
	if !slices.Equal(got, want) {
		t.Errorf("items\n got %q\nwant %q", got, want)
	}
	if self, err := diff.Compare(src, src, diff.Options{Renderer: postgres.Driver{}}); err != nil || !self.Empty() {
		t.Errorf("a snapshot differs from itself: %v %+v", err, self)
	}
}

// TestPolicyNotesOnOtherEngines: on an engine that has no row-level
// security nor rules, a table's policies and rules are notes, never items.
func TestPolicyNotesOnOtherEngines(t *testing.T) {
	src := rlsSnap("mysql", "d", rlsTable("a", []schema.Policy{{Name: "own", Using: "true"}},
		[]schema.Rule{{Name: "r", Event: "DELETE", Definition: "CREATE RULE r AS ON DELETE TO a DO INSTEAD NOTHING"}}))
	dst := rlsSnap("mysql", "d", rlsTable("a", nil, nil))
	plan, err := diff.Compare(src, dst, diff.Options{Renderer: mysql.Driver{}})
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Items) != 0 {
		t.Errorf("items %+v, want none", plan.Items)
	}
	notes := strings.Join(plan.Notes, "\n")
	if !strings.Contains(notes, "d.a in the source: row-level security and its 1 policies") || !strings.Contains(notes, "its 1 rules") {
		t.Errorf("notes %q", plan.Notes)
	}
}
