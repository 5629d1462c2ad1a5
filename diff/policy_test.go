package diff_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/dbls/dbls/diff"
	"github.com/dbls/dbls/drivers/drivertest"
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

// TestPolicyMissingRole: a policy whose TO list names a role the target
// server lacks is a note naming policy and role, and its creation or
// alteration leaves the plan, so that the apply succeeds on the real
// server. The source's policies say pg_read_all_data, renamed in the
// snapshot to a role no server has.
func TestPolicyMissingRole(t *testing.T) {
	const table = "CREATE TABLE docs (id int PRIMARY KEY, n int);\n"
	cases := []struct {
		name, current, desired string
		kinds                  []string // of the plan, sorted
		note                   string   // the note's ending
	}{
		{name: "create", current: table,
			desired: table + `CREATE POLICY mine ON docs TO pg_read_all_data USING (true);
CREATE POLICY ok ON docs TO pg_monitor USING (true);`,
			kinds: []string{"policy.create"}, note: "not created"},
		{name: "new table", current: "SELECT 1",
			desired: table + `ALTER TABLE docs ENABLE ROW LEVEL SECURITY;
CREATE POLICY mine ON docs TO pg_read_all_data USING (true);`,
			kinds: []string{"table.create", "table.row_security"}, note: "not created"},
		{name: "alter", current: table + "CREATE POLICY mine ON docs TO postgres USING (true);",
			desired: table + "CREATE POLICY mine ON docs TO postgres, pg_read_all_data USING (n > 0);",
			note:    "not altered; the target's version is kept"},
		{name: "replace", current: table + "CREATE POLICY mine ON docs FOR SELECT USING (true);",
			desired: table + "CREATE POLICY mine ON docs FOR ALL TO pg_read_all_data USING (true);",
			note:    "not replaced; the target's version is kept"},
		{name: "column type", current: table + "CREATE POLICY mine ON docs USING (n > 0);",
			desired: "CREATE TABLE docs (id int PRIMARY KEY, n bigint);\nCREATE POLICY mine ON docs TO pg_read_all_data USING (n > 0);",
			kinds:   []string{"column.alter", "policy.drop"},
			note:    "the plan drops the target's version and does not create it again"},
		{name: "routine dropped",
			current: "CREATE FUNCTION ok(i int) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT i > 0 $$;\n" + table +
				"CREATE POLICY mine ON docs USING (ok(n));",
			desired: "CREATE FUNCTION ok(i int, lim int DEFAULT 0) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT i > lim $$;\n" + table +
				"CREATE POLICY mine ON docs TO pg_read_all_data USING (ok(n));",
			kinds: []string{"policy.drop", "routine.create", "routine.drop"},
			note:  "the plan drops the target's version and does not create it again"},
	}
	missing := drivertest.UniqueName("h_roles_missing")
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ctx := context.Background()
			a, b := open(t, drivertest.PostgresURL(t)), open(t, drivertest.PostgresURL(t))
			exec(t, a, c.desired)
			exec(t, b, c.current)
			src := snapshot(t, a)
			for i := range src.Schemas {
				for j := range src.Schemas[i].Tables {
					for k := range src.Schemas[i].Tables[j].Policies {
						p := &src.Schemas[i].Tables[j].Policies[k]
						p.Roles = slices.Clone(p.Roles)
						for r := range p.Roles {
							if p.Roles[r] == "pg_read_all_data" {
								p.Roles[r] = missing
							}
						}
					}
				}
			}
			src.Normalize()
			r := renderer(t, b)
			dst := snapshot(t, b)
			plan, err := diff.Compare(src, dst, diff.Options{Renderer: r, AllowDestructive: true})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, it := range plan.Items {
				got = append(got, string(it.Kind))
			}
			slices.Sort(got)
			if !slices.Equal(got, c.kinds) {
				t.Errorf("plan kinds %v, want %v:\n%s", got, c.kinds, planText(plan))
			}
			want := fmt.Sprintf("policy mine on public.docs names role %q, which does not exist on the target; %s", missing, c.note)
			if !slices.Equal(plan.Notes, []string{want}) {
				t.Errorf("notes %q\nwant only %q", plan.Notes, want)
			}
			if _, err := diff.Apply(ctx, b, plan); err != nil {
				t.Fatalf("apply: %v\n%s", err, planText(plan))
			}
			again, err := diff.Compare(src, snapshot(t, b), diff.Options{Renderer: r, AllowDestructive: true})
			if err != nil {
				t.Fatal(err)
			}
			if len(again.Items) != 0 || !slices.Contains(again.Notes, strings.Replace(want, c.note, "not created", 1)) && !slices.Contains(again.Notes, want) {
				t.Errorf("after the apply: items\n%snotes %q", planText(again), again.Notes)
			}
		})
	}
}
