package postgres

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/dbls/dbls/drivers"

	"github.com/dbls/dbls/drivers/ddl"
	"github.com/dbls/dbls/drivers/schema"
)

// TestRenderSecurity is the rendered SQL of every change to row-level
// security, policies and rules (create, alter, drop), with names that need
// quoting. Execution is covered by diff's convergence cases 92-rls-*.
func TestRenderSecurity(t *testing.T) {
	on := ddl.On{Schema: "dst", Table: `my "t"`}
	pol := schema.Policy{Name: `own"er`, Command: schema.PolicyAll, Permissive: true, Roles: []string{"PUBLIC"},
		Using: "owner = CURRENT_USER"}
	pol2 := pol
	pol2.Roles, pol2.Using, pol2.Check = []string{"Admin", "app"}, "owner = SESSION_USER", "id > 0"
	restrictive := schema.Policy{Name: "r", Command: schema.PolicyInsert, Roles: []string{"app"}, Check: "(level >= 0)"}
	rule := schema.Rule{Name: "log del", Event: "DELETE",
		Definition: "CREATE RULE \"log del\" AS\n    ON DELETE TO src.\"my \"\"t\"\"\" DO  INSERT INTO audit (id)\n  VALUES (old.id);"}
	rule2 := rule
	rule2.Definition = "CREATE RULE \"log del\" AS\n    ON DELETE TO \"my \"\"t\"\"\"\n   WHERE old.id > 0 DO INSTEAD NOTHING;"
	cases := []struct {
		name string
		c    ddl.Change
		want []string
	}{
		{"policy create", ddl.CreatePolicy{On: on, Policy: pol},
			[]string{`CREATE POLICY "own""er" ON "dst"."my ""t""" TO PUBLIC USING (owner = CURRENT_USER)`}},
		{"restrictive policy create", ddl.CreatePolicy{On: on, Policy: restrictive},
			[]string{`CREATE POLICY "r" ON "dst"."my ""t""" AS RESTRICTIVE FOR INSERT TO "app" WITH CHECK ((level >= 0))`}},
		{"policy alter", ddl.AlterPolicy{On: on, From: pol, To: pol2},
			[]string{`ALTER POLICY "own""er" ON "dst"."my ""t""" TO "Admin", "app" USING (owner = SESSION_USER) WITH CHECK (id > 0)`}},
		{"policy alter roles only", ddl.AlterPolicy{On: on, From: pol2, To: func() schema.Policy { p := pol2; p.Roles = nil; return p }()},
			[]string{`ALTER POLICY "own""er" ON "dst"."my ""t""" TO PUBLIC`}},
		{"policy drop", ddl.DropPolicy{On: on, Policy: pol}, []string{`DROP POLICY "own""er" ON "dst"."my ""t"""`}},
		{"row security on", ddl.SetRowSecurity{On: on, Enable: true, Force: true},
			[]string{`ALTER TABLE "dst"."my ""t""" ENABLE ROW LEVEL SECURITY`, `ALTER TABLE "dst"."my ""t""" FORCE ROW LEVEL SECURITY`}},
		{"row security off", ddl.SetRowSecurity{On: on, FromEnable: true, FromForce: true},
			[]string{`ALTER TABLE "dst"."my ""t""" DISABLE ROW LEVEL SECURITY`, `ALTER TABLE "dst"."my ""t""" NO FORCE ROW LEVEL SECURITY`}},
		{"force only", ddl.SetRowSecurity{On: on, Enable: true, FromEnable: true, Force: false, FromForce: true},
			[]string{`ALTER TABLE "dst"."my ""t""" NO FORCE ROW LEVEL SECURITY`}},
		{"rule create on the target's table", ddl.CreateRule{On: on, Rule: rule},
			[]string{"CREATE RULE \"log del\" AS ON DELETE TO \"dst\".\"my \"\"t\"\"\" DO  INSERT INTO audit (id)\n  VALUES (old.id)"}},
		{"rule replace", ddl.ReplaceRule{On: on, From: rule, To: rule2},
			[]string{`CREATE OR REPLACE RULE "log del" AS ON DELETE TO "dst"."my ""t""" WHERE old.id > 0 DO INSTEAD NOTHING`}},
		{"rule drop", ddl.DropRule{On: on, Rule: rule}, []string{`DROP RULE "log del" ON "dst"."my ""t"""`}},
	}
	for _, tc := range cases {
		got, err := Driver{}.Render(tc.c)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s:\n got %q\nwant %q", tc.name, got, tc.want)
		}
	}
}

// TestRenderSecurityRefused: what PostgreSQL cannot do in place, or a
// definition that cannot be read, is an error, not a wrong statement.
func TestRenderSecurityRefused(t *testing.T) {
	on := ddl.On{Schema: "s", Table: "t"}
	for _, c := range []ddl.Change{
		ddl.AlterPolicy{On: on, From: schema.Policy{Name: "p", Using: "true"}, To: schema.Policy{Name: "p"}},
		ddl.CreatePolicy{On: on, Policy: schema.Policy{Name: "p", Command: "TRUNCATE"}},
		ddl.CreateRule{On: on, Rule: schema.Rule{Name: "r", Definition: "DROP TABLE t"}},
	} {
		if got, err := (Driver{}).Render(c); err == nil {
			t.Errorf("%T rendered %q, want an error", c, got)
		}
	}
}

// TestSnapshotSecurity reads row-level security, policies and rules as the
// catalog has them: roles sorted with PUBLIC for none, the same policy
// name on two tables, a view's _RETURN rule left out, an object filter
// applied.
func TestSnapshotSecurity(t *testing.T) {
	c := testConn(t)
	for _, q := range []string{
		`CREATE TABLE a (id int, owner text)`,
		`CREATE TABLE "B" (id int)`,
		`CREATE TABLE plain (id int)`,
		`CREATE VIEW v AS SELECT id FROM a`,
		`ALTER TABLE a ENABLE ROW LEVEL SECURITY`,
		`ALTER TABLE "B" FORCE ROW LEVEL SECURITY`,
		`CREATE POLICY p ON a AS RESTRICTIVE FOR UPDATE TO postgres, pg_monitor USING (owner = current_user) WITH CHECK (id > 0)`,
		`CREATE POLICY p ON "B" FOR INSERT WITH CHECK (id > 0)`,
		`CREATE RULE "no del" AS ON DELETE TO "B" DO INSTEAD NOTHING`,
	} {
		mustExec(t, c, q)
	}
	s, err := c.Snapshot(testContext(t), drivers.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	sc := s.Schema("public")
	a, b, plain := sc.Table("a"), sc.Table("B"), sc.Table("plain")
	wantA := []schema.Policy{{Name: "p", Command: schema.PolicyUpdate, Roles: []string{"pg_monitor", "postgres"},
		Using: "owner = CURRENT_USER", Check: "id > 0"}}
	if !a.RowSecurity || a.ForceRowSecurity || !reflect.DeepEqual(a.Policies, wantA) || a.Rules != nil {
		t.Errorf("table a: rls %v force %v policies %+v rules %+v", a.RowSecurity, a.ForceRowSecurity, a.Policies, a.Rules)
	}
	wantB := []schema.Policy{{Name: "p", Command: schema.PolicyInsert, Permissive: true, Roles: []string{"PUBLIC"}, Check: "id > 0"}}
	if b.RowSecurity || !b.ForceRowSecurity || !reflect.DeepEqual(b.Policies, wantB) {
		t.Errorf("table B: rls %v force %v policies %+v", b.RowSecurity, b.ForceRowSecurity, b.Policies)
	}
	if len(b.Rules) != 1 || b.Rules[0].Name != "no del" || b.Rules[0].Event != "DELETE" ||
		!strings.Contains(b.Rules[0].Definition, "DO INSTEAD NOTHING") {
		t.Errorf("table B rules: %+v", b.Rules)
	}
	if plain.RowSecurity || plain.Policies != nil || plain.Rules != nil {
		t.Errorf("table plain: %+v", plain)
	}
	f, err := c.Snapshot(testContext(t), drivers.Filter{Objects: []string{"B"}})
	if err != nil {
		t.Fatal(err)
	}
	if tb := f.Schema("public").Table("B"); tb == nil || len(tb.Policies) != 1 || len(tb.Rules) != 1 || f.Schema("public").Table("a") != nil {
		t.Errorf("filtered snapshot: %+v", f.Schema("public"))
	}
}
