package diff_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/dbls/dbls/diff"
	"github.com/dbls/dbls/drivers/ddl"
	"github.com/dbls/dbls/drivers/drivertest"
	"github.com/dbls/dbls/drivers/postgres"
	"github.com/dbls/dbls/drivers/schema"
)

// testRoles creates n roles named <prefix>_<random>_<i> for one test
// and drops them once the test's databases are gone (roles are global to
// the server; a role that still holds privileges cannot be dropped).
func testRoles(t *testing.T, prefix string, n int) []string {
	t.Helper()
	ctx := context.Background()
	admin := "postgres://postgres@" + drivertest.PostgresAddr + "/postgres?sslmode=disable"
	conn, err := pgx.Connect(ctx, admin)
	if err != nil {
		drivertest.Unavailable(t, "postgres", err)
		return nil
	}
	defer conn.Close(ctx)
	base := drivertest.UniqueName(prefix)
	var roles []string
	for i := range n {
		r := fmt.Sprintf("%s_%d", base, i)
		if _, err := conn.Exec(ctx, "CREATE ROLE "+pgx.Identifier{r}.Sanitize()); err != nil {
			t.Fatal(err)
		}
		roles = append(roles, r)
	}
	// Registered before the databases: cleanups run last first.
	t.Cleanup(func() {
		c, err := pgx.Connect(ctx, admin)
		if err != nil {
			t.Errorf("drop roles: %v", err)
			return
		}
		defer c.Close(ctx)
		for _, r := range roles {
			if _, err := c.Exec(ctx, "DROP ROLE IF EXISTS "+pgx.Identifier{r}.Sanitize()); err != nil {
				t.Errorf("drop role %s: %v", r, err)
			}
		}
	})
	return roles
}

// grantsSQL writes a script with roles r0, r1, r2 replaced.
func withRoles(sql string, roles []string) string {
	for i, r := range roles {
		sql = strings.ReplaceAll(sql, fmt.Sprintf("{r%d}", i), `"`+r+`"`)
	}
	return sql
}

// TestGrants syncs privileges on PostgreSQL: cloned with the objects,
// changed on objects that stay (granted, revoked, grant option given and
// taken), a default ACL equal to an explicit one, and a grant to a role
// the target lacks left as a note. Every case converges.
func TestGrants(t *testing.T) {
	const objects = `CREATE SCHEMA sales;
CREATE TABLE sales.orders (id integer PRIMARY KEY);
CREATE VIEW sales.order_ids AS SELECT id FROM sales.orders;
CREATE SEQUENCE sales.order_seq;
CREATE TYPE sales.mood AS ENUM ('ok');
CREATE FUNCTION sales.twice(n integer) RETURNS integer LANGUAGE sql AS $$ SELECT n * 2 $$;
CREATE PROCEDURE sales.noop() LANGUAGE sql AS $$ SELECT 1 $$;
CREATE AGGREGATE sales.total(integer) (SFUNC = int4pl, STYPE = integer);
CREATE AGGREGATE sales.public_total(integer) (SFUNC = int4pl, STYPE = integer);
`
	const desired = objects + `GRANT USAGE ON SCHEMA sales TO {r0};
GRANT SELECT, INSERT ON sales.orders TO {r0};
GRANT UPDATE ON sales.orders TO {r1} WITH GRANT OPTION;
GRANT SELECT ON sales.order_ids TO PUBLIC;
GRANT USAGE ON SEQUENCE sales.order_seq TO {r1};
REVOKE USAGE ON TYPE sales.mood FROM PUBLIC;
GRANT USAGE ON TYPE sales.mood TO {r0};
REVOKE EXECUTE ON FUNCTION sales.twice(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION sales.twice(integer) TO {r1};
GRANT EXECUTE ON PROCEDURE sales.noop() TO {r0};
REVOKE EXECUTE ON FUNCTION sales.total(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION sales.total(integer) TO {r0};
`
	cases := []struct {
		name, current, desired string
		kinds                  []ddl.Kind // of the plan, sorted; nil: not checked
	}{
		{name: "clone", current: "SELECT 1", desired: desired},
		{name: "change", desired: desired, current: objects + `GRANT CREATE ON SCHEMA sales TO {r0};
GRANT SELECT ON sales.orders TO {r0} WITH GRANT OPTION;
GRANT DELETE ON sales.orders TO {r0};
GRANT UPDATE ON sales.orders TO {r1};
GRANT USAGE ON SEQUENCE sales.order_seq TO {r1} WITH GRANT OPTION;
GRANT EXECUTE ON FUNCTION sales.twice(integer) TO {r2};
`, kinds: []ddl.Kind{ // every change is a grant or a revoke: no object is recreated
			"grant.add", "grant.add", "grant.add", "grant.add", "grant.add", "grant.add", "grant.add", "grant.add",
			"grant.revoke", "grant.revoke", "grant.revoke", "grant.revoke", "grant.revoke", "grant.revoke", "grant.revoke", "grant.revoke",
		}},
		{name: "default equals explicit", kinds: []ddl.Kind{},
			desired: objects,
			current: objects + `GRANT EXECUTE ON FUNCTION sales.twice(integer) TO PUBLIC;
GRANT USAGE ON TYPE sales.mood TO PUBLIC;
GRANT ALL ON sales.orders TO CURRENT_USER;
GRANT ALL ON SCHEMA sales TO CURRENT_USER;
`},
	}
	roles := testRoles(t, "h_comments", 3)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			// A revoke is destructive on an object the target has, not on
			// one the plan creates (the clone's revoked defaults).
			after := syncGrants(t, withRoles(c.desired, roles), withRoles(c.current, roles), c.kinds, func(it diff.Item) bool {
				return it.Kind == ddl.KindRevoke && c.name != "clone"
			})
			if c.name == "clone" {
				checkGrants(t, after, roles)
			}
		})
	}
	t.Run("missing role", func(t *testing.T) {
		a, b := open(t, drivertest.PostgresURL(t)), open(t, drivertest.PostgresURL(t))
		exec(t, a, withRoles(objects+"GRANT SELECT ON sales.orders TO {r2};", roles))
		exec(t, b, objects)
		dst := snapshot(t, b)
		if !slices.Contains(dst.Roles, roles[2]) {
			t.Fatalf("target roles %v lack %s", dst.Roles, roles[2])
		}
		// The roles are the server's: the target is told it lacks one.
		dst.Roles = slices.DeleteFunc(slices.Clone(dst.Roles), func(r string) bool { return r == roles[2] })
		plan, err := diff.Compare(snapshot(t, a), dst, diff.Options{Renderer: renderer(t, b)})
		if err != nil {
			t.Fatal(err)
		}
		if len(plan.Items) != 0 {
			t.Errorf("a grant to a missing role became an item:\n%s", planText(plan))
		}
		if !slices.ContainsFunc(plan.Notes, func(n string) bool { return strings.Contains(n, roles[2]) }) {
			t.Errorf("no note names role %s: %q", roles[2], plan.Notes)
		}
	})
}

// syncGrants builds desired in one database and current in another,
// syncs them and requires the plan's kinds (sorted; nil: not checked),
// each item destructive as destructive says, and convergence. It returns
// the synced snapshot.
func syncGrants(t *testing.T, desired, current string, kinds []ddl.Kind, destructive func(diff.Item) bool, renames ...diff.Rename) *schema.Snapshot {
	t.Helper()
	ctx := context.Background()
	a, b := open(t, drivertest.PostgresURL(t)), open(t, drivertest.PostgresURL(t))
	exec(t, a, desired)
	exec(t, b, current)
	r := renderer(t, b)
	src := snapshot(t, a)
	if self, err := diff.Compare(src, src, diff.Options{Renderer: r}); err != nil || !self.Empty() {
		t.Fatalf("the desired database differs from itself:\n%s", planText(self))
	}
	plan, err := diff.Compare(src, snapshot(t, b), diff.Options{Renderer: r, AllowDestructive: true, Renames: renames})
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range plan.Items {
		if want := destructive(it); it.Destructive != want {
			t.Errorf("%s: destructive %v, want %v", it.ID, it.Destructive, want)
		}
	}
	if kinds != nil {
		var got []ddl.Kind
		for _, it := range plan.Items {
			got = append(got, it.Kind)
		}
		slices.Sort(got)
		if !slices.Equal(got, kinds) && !(len(got) == 0 && len(kinds) == 0) {
			t.Fatalf("plan kinds %v, want %v:\n%s", got, kinds, planText(plan))
		}
	}
	if _, err := diff.Apply(ctx, b, plan); err != nil {
		t.Fatalf("apply: %v\n%s", err, planText(plan))
	}
	after := snapshot(t, b)
	again, err := diff.Compare(src, after, diff.Options{Renderer: r})
	if err != nil {
		t.Fatal(err)
	}
	if !again.Empty() {
		t.Fatalf("not converged; plan applied:\n%s\nstill differs:\n%s", planText(plan), planText(again))
	}
	return after
}

// TestColumnGrants syncs column privileges (GRANT SELECT (col) ON t):
// cloned with their table, view and columns, changed on a table that
// stays, granted on a column the plan adds, gone with a column it drops,
// and granted again after a table-level revoke that took them. The
// snapshot must hold them: the sync would converge if they were not read.
func TestColumnGrants(t *testing.T) {
	const objects = `CREATE TABLE t (id integer PRIMARY KEY, a text, b text);
CREATE VIEW v AS SELECT id, a FROM t;
`
	cases := []struct {
		name, current, desired string
		kinds                  []ddl.Kind
		want                   []schema.Grant // in the synced snapshot
	}{
		{name: "clone", current: "SELECT 1", desired: objects + `GRANT SELECT (a), UPDATE (a, b) ON t TO {r0};
GRANT INSERT (b) ON t TO {r1} WITH GRANT OPTION;
GRANT SELECT (id) ON v TO {r1};`,
			kinds: []ddl.Kind{"grant.add", "grant.add", "grant.add", "grant.add", "grant.add", "table.create", "view.create"},
			want: []schema.Grant{
				{On: "table", Object: "t", Column: "a", Grantee: "{r0}", Privilege: "SELECT"},
				{On: "table", Object: "t", Column: "b", Grantee: "{r0}", Privilege: "UPDATE"},
				{On: "table", Object: "t", Column: "b", Grantee: "{r1}", Privilege: "INSERT", Grantable: true},
				{On: "table", Object: "v", Column: "id", Grantee: "{r1}", Privilege: "SELECT"},
			}},
		{name: "change", current: objects + `GRANT SELECT (a, b), UPDATE (a) ON t TO {r0};
GRANT INSERT (b) ON t TO {r1};
GRANT SELECT (a) ON v TO {r1};`,
			desired: objects + `GRANT SELECT (a), UPDATE (a) ON t TO {r0};
GRANT INSERT (b) ON t TO {r1} WITH GRANT OPTION;
GRANT SELECT (a) ON v TO {r1} WITH GRANT OPTION;
GRANT SELECT (id) ON v TO {r0};`,
			kinds: []ddl.Kind{"grant.add", "grant.add", "grant.add", "grant.revoke"}},
		{name: "column added and dropped", current: objects + "ALTER TABLE t ADD COLUMN old text;\nGRANT SELECT (old) ON t TO {r0};",
			desired: objects + "ALTER TABLE t ADD COLUMN c text;\nGRANT SELECT (c), UPDATE (c) ON t TO {r0};",
			kinds:   []ddl.Kind{"column.add", "column.drop", "grant.add", "grant.add"},
			want:    []schema.Grant{{On: "table", Object: "t", Column: "c", Grantee: "{r0}", Privilege: "UPDATE"}}},
		{name: "renamed", current: "CREATE TABLE t_old (id integer CONSTRAINT t_pkey PRIMARY KEY, old_a text, b text);\n" +
			"GRANT SELECT ON t_old TO {r0};\nGRANT SELECT (old_a) ON t_old TO {r1};",
			desired: objects + "GRANT SELECT ON t TO {r0};\nGRANT SELECT (a), UPDATE (a) ON t TO {r1};",
			kinds:   []ddl.Kind{"column.rename", "grant.add", "table.rename", "view.create"},
			want:    []schema.Grant{{On: "table", Object: "t", Column: "a", Grantee: "{r1}", Privilege: "UPDATE"}}},
		{name: "table revoke takes columns", current: objects + "GRANT SELECT ON t TO {r0};\nGRANT SELECT (a) ON t TO {r0};",
			desired: objects + "GRANT SELECT (a) ON t TO {r0};",
			kinds:   []ddl.Kind{"grant.add", "grant.revoke"},
			want:    []schema.Grant{{On: "table", Object: "t", Column: "a", Grantee: "{r0}", Privilege: "SELECT"}}},
	}
	roles := testRoles(t, "h_roles", 2)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			after := syncGrants(t, withRoles(c.desired, roles), withRoles(c.current, roles), c.kinds, func(it diff.Item) bool {
				return it.Kind == ddl.KindRevoke && c.name != "clone" || it.Kind == ddl.KindDropColumn
			}, diff.Rename{Table: "t", From: "t_old"}, diff.Rename{Table: "t", Column: "a", From: "old_a"})
			sc := after.Schema("public")
			for _, g := range c.want {
				g.Grantee = strings.Trim(withRoles(g.Grantee, roles), `"`)
				if sc == nil || !slices.Contains(sc.Grants, g) {
					t.Errorf("grant %+v missing after the sync", g)
				}
			}
		})
	}
}

// checkGrants requires the clone's snapshot to hold the grants of the
// desired script: TestGrants would converge if grants were never read.
func checkGrants(t *testing.T, snap *schema.Snapshot, roles []string) {
	sc := snap.Schema("sales")
	if sc == nil {
		t.Fatal("no schema sales after the clone")
	}
	want := []schema.Grant{
		{On: schema.GrantSchema, Grantee: roles[0], Privilege: "USAGE"},
		{On: schema.GrantTable, Object: "orders", Grantee: roles[0], Privilege: "SELECT"},
		{On: schema.GrantTable, Object: "orders", Grantee: roles[1], Privilege: "UPDATE", Grantable: true},
		{On: schema.GrantTable, Object: "order_ids", Grantee: "PUBLIC", Privilege: "SELECT"},
		{On: schema.GrantSequence, Object: "order_seq", Grantee: roles[1], Privilege: "USAGE"},
		{On: schema.GrantType, Object: "mood", Grantee: roles[0], Privilege: "USAGE"},
		{On: schema.GrantFunction, Object: "twice", Args: "integer", Grantee: roles[1], Privilege: "EXECUTE"},
		{On: schema.GrantProcedure, Object: "noop", Grantee: roles[0], Privilege: "EXECUTE"},
		// Aggregates have routines' ACLs: a clone kept the default of one
		// and lost the other's grants when they were not read.
		{On: schema.GrantFunction, Object: "total", Args: "integer", Grantee: roles[0], Privilege: "EXECUTE"},
		{On: schema.GrantFunction, Object: "public_total", Args: "integer", Grantee: "PUBLIC", Privilege: "EXECUTE"},
	}
	for _, g := range want {
		if !slices.Contains(sc.Grants, g) {
			t.Errorf("grant %+v missing after the clone; have %+v", g, sc.Grants)
		}
	}
	for _, g := range sc.Grants {
		if g.Grantee == "PUBLIC" && (g.Object == "twice" || g.Object == "mood" || g.Object == "total") {
			t.Errorf("default grant %+v kept after the clone, though the source revoked it", g)
		}
	}
}

// TestDefaultPrivileges syncs default privileges (ALTER DEFAULT
// PRIVILEGES): database-wide and per schema, for the applying role and for
// another (FOR ROLE), a built-in default taken away and given back, a
// grant option; undoing what the target has is destructive. A table the
// plan creates gets the source's defaults: the sync converges.
func TestDefaultPrivileges(t *testing.T) {
	const adp = "ALTER DEFAULT PRIVILEGES "
	const desired = adp + `GRANT SELECT ON TABLES TO {r0};
` + adp + `REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
` + adp + `FOR ROLE {r1} GRANT USAGE ON TYPES TO {r0} WITH GRANT OPTION;
` + adp + `GRANT USAGE ON SCHEMAS TO {r1};
CREATE SCHEMA sales;
` + adp + `IN SCHEMA sales GRANT USAGE ON SEQUENCES TO {r1} WITH GRANT OPTION;
CREATE TABLE sales.t (id integer);
`
	cases := []struct {
		name, current, desired string
		kinds                  []ddl.Kind
	}{
		{name: "clone", current: "SELECT 1", desired: desired,
			kinds: []ddl.Kind{"default_privilege.grant", "default_privilege.grant", "default_privilege.grant", "default_privilege.grant",
				"default_privilege.revoke", "grant.add", "grant.add", "schema.create", "table.create"}},
		{name: "change", desired: desired, current: adp + `GRANT SELECT, DELETE ON TABLES TO {r0} WITH GRANT OPTION;
` + adp + `FOR ROLE {r1} REVOKE USAGE ON TYPES FROM PUBLIC;
CREATE SCHEMA sales;
` + adp + `IN SCHEMA sales GRANT USAGE ON SEQUENCES TO {r0};
CREATE TABLE sales.t (id integer);
GRANT SELECT ON sales.t TO {r0};`,
			kinds: []ddl.Kind{ // r0: DELETE and the option on SELECT revoked; r1's USAGE on types to PUBLIC given back and
				// one to r0 added; EXECUTE taken from PUBLIC; USAGE on schemas and (in sales) on sequences to r1 added, to r0 revoked
				"default_privilege.grant", "default_privilege.grant", "default_privilege.grant", "default_privilege.grant",
				"default_privilege.revoke", "default_privilege.revoke", "default_privilege.revoke", "default_privilege.revoke",
				// the existing table got the old defaults, the schema none
				"grant.add", "grant.revoke", "grant.revoke"}},
		// The target's default is revoked before the table is created:
		// created after, the table would have SELECT for r0.
		{name: "new table", current: adp + "GRANT SELECT ON TABLES TO {r0};", desired: "CREATE TABLE t (id integer);",
			kinds: []ddl.Kind{"default_privilege.revoke", "table.create"}},
	}
	roles := testRoles(t, "h_roles", 2)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			after := syncGrants(t, withRoles(c.desired, roles), withRoles(c.current, roles), c.kinds, func(it diff.Item) bool {
				target, _ := it.Target.(schema.DefaultPrivilege)
				return it.Kind == ddl.KindRevoke || target.Role != "" // undoes what the target has
			})
			if c.desired != desired {
				return
			}
			want := []schema.DefaultPrivilege{
				{Role: "postgres", On: "table", Grantee: roles[0], Privilege: "SELECT"},
				{Role: "postgres", On: "function", Grantee: "PUBLIC", Privilege: "EXECUTE", Revoked: true},
				{Role: roles[1], On: "type", Grantee: roles[0], Privilege: "USAGE", Grantable: true},
				{Role: "postgres", On: "schema", Grantee: roles[1], Privilege: "USAGE"},
			}
			if len(after.DefaultPrivileges) != len(want) || slices.ContainsFunc(want, func(d schema.DefaultPrivilege) bool {
				return !slices.Contains(after.DefaultPrivileges, d)
			}) {
				t.Errorf("database-wide default privileges after the sync\n got %+v\nwant %+v", after.DefaultPrivileges, want)
			}
			inSales := []schema.DefaultPrivilege{{Role: "postgres", On: "sequence", Grantee: roles[1], Privilege: "USAGE", Grantable: true}}
			if sc := after.Schema("sales"); sc == nil || !slices.Equal(sc.DefaultPrivileges, inSales) {
				t.Errorf("default privileges in sales after the sync: %+v", sc)
			}
		})
	}
	t.Run("missing role", func(t *testing.T) {
		a, b := open(t, drivertest.PostgresURL(t)), open(t, drivertest.PostgresURL(t))
		exec(t, a, withRoles(adp+"FOR ROLE {r1} GRANT SELECT ON TABLES TO {r0};", roles))
		dst := snapshot(t, b)
		dst.Roles = slices.DeleteFunc(slices.Clone(dst.Roles), func(r string) bool { return r == roles[1] })
		plan, err := diff.Compare(snapshot(t, a), dst, diff.Options{Renderer: renderer(t, b)})
		if err != nil {
			t.Fatal(err)
		}
		if len(plan.Items) != 0 {
			t.Errorf("a default privilege of a missing role became an item:\n%s", planText(plan))
		}
		if !slices.ContainsFunc(plan.Notes, func(n string) bool { return strings.Contains(n, fmt.Sprintf("role %q does not exist", roles[1])) }) {
			t.Errorf("no note names role %s: %q", roles[1], plan.Notes)
		}
	})
}

// TestOwnersNote: owners that differ between the sides are one note for
// the whole plan (how many, the first few), never items; an object the
// plan creates is left out (it gets the applying role).
func TestOwnersNote(t *testing.T) {
	roles := testRoles(t, "h_roles", 1)
	const objects = `CREATE SCHEMA s;
CREATE TABLE s.t (id integer);
CREATE VIEW s.v AS SELECT id FROM s.t;
CREATE SEQUENCE s.q;
CREATE FUNCTION s.f(n integer) RETURNS integer LANGUAGE sql AS $$ SELECT n $$;
CREATE TYPE s.mood AS ENUM ('ok');
CREATE TABLE s.same (id integer);
`
	const owned = `ALTER SCHEMA s OWNER TO {r0};
ALTER TABLE s.t OWNER TO {r0};
ALTER VIEW s.v OWNER TO {r0};
ALTER SEQUENCE s.q OWNER TO {r0};
ALTER FUNCTION s.f(integer) OWNER TO {r0};
ALTER TYPE s.mood OWNER TO {r0};
CREATE TABLE s.fresh (id integer);
ALTER TABLE s.fresh OWNER TO {r0};
`
	a, b := open(t, drivertest.PostgresURL(t)), open(t, drivertest.PostgresURL(t))
	exec(t, a, withRoles(objects+owned, roles))
	exec(t, b, objects)
	plan, err := diff.Compare(snapshot(t, a), snapshot(t, b), diff.Options{Renderer: renderer(t, b), AllowDestructive: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Items) != 1 || plan.Items[0].ID != "table.create:s.fresh" {
		t.Errorf("items, want only s.fresh created:\n%s", planText(plan))
	}
	// Owners are information, not a difference: the plan stays empty of
	// notes, so that diff --exit-code passes on a target another role owns.
	for _, n := range plan.Notes {
		if strings.Contains(n, "owner") {
			t.Errorf("owner difference reported as a note: %s", n)
		}
	}
	notes := plan.Info
	want := fmt.Sprintf("6 objects have a different owner: function s.f(integer) (postgres on the target, %s in the source), "+
		"schema s (postgres on the target, %[1]s in the source), sequence s.q (postgres on the target, %[1]s in the source) and 3 more; owners are not synced", roles[0])
	if !slices.Equal(notes, []string{want}) {
		t.Errorf("owner notes\n got %q\nwant %q", notes, want)
	}
}

// TestGrantOptionCascade: revoking a privilege, or its grant option, from
// a role that passed it on renders CASCADE (PostgreSQL refuses the revoke
// otherwise), is destructive with the breaks_dependants hazard, and the
// privileges the cascade took that the source wants are granted again.
func TestGrantOptionCascade(t *testing.T) {
	const table = "CREATE TABLE t (id integer, a text);\n"
	// r0 holds the privilege with the grant option and passes it to r1.
	const passed = `GRANT SELECT ON t TO {r0} WITH GRANT OPTION;
GRANT SELECT (a) ON t TO {r0} WITH GRANT OPTION;
SET ROLE {r0};
GRANT SELECT ON t TO {r1};
GRANT SELECT (a) ON t TO {r2};
RESET ROLE;
`
	cases := []struct {
		name, desired string
		kinds         []ddl.Kind
	}{
		{name: "revoked", desired: table + "GRANT SELECT ON t TO {r1};\nGRANT SELECT (a) ON t TO {r2};",
			kinds: []ddl.Kind{"grant.add", "grant.add", "grant.revoke", "grant.revoke"}},
		{name: "option revoked", desired: table + "GRANT SELECT ON t TO {r0}, {r1};\nGRANT SELECT (a) ON t TO {r0}, {r2};",
			kinds: []ddl.Kind{"grant.add", "grant.add", "grant.revoke", "grant.revoke"}},
	}
	roles := testRoles(t, "h_roles", 3)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			syncGrants(t, withRoles(c.desired, roles), withRoles(table+passed, roles), c.kinds, func(it diff.Item) bool {
				if it.Kind != ddl.KindRevoke {
					return false
				}
				if !strings.HasSuffix(it.SQL[0], " CASCADE") || !slices.Contains(it.Hazards, ddl.HazardBreaksDependants) {
					t.Errorf("%s: %q, hazards %v; want CASCADE and %s", it.ID, it.SQL, it.Hazards, ddl.HazardBreaksDependants)
				}
				return true
			})
		})
	}
}

// TestDefaultsInSchemaNotCreated: default privileges of a schema that has
// nothing else, which the plan therefore does not create, are a note, not
// an ALTER DEFAULT PRIVILEGES IN SCHEMA that would fail.
func TestDefaultsInSchemaNotCreated(t *testing.T) {
	src := &schema.Snapshot{Driver: "postgres", Roles: []string{"app", "postgres"}, Schemas: []schema.Schema{{Name: "empty",
		DefaultPrivileges: []schema.DefaultPrivilege{{Role: "postgres", On: schema.GrantTable, Grantee: "app", Privilege: "SELECT"}}}}}
	dst := &schema.Snapshot{Driver: "postgres", Roles: []string{"app", "postgres"}}
	src.Normalize()
	dst.Normalize()
	plan, err := diff.Compare(src, dst, diff.Options{Renderer: postgres.Driver{}})
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Items) != 0 {
		t.Errorf("items %+v, want none", plan.Items)
	}
	want := "schema empty: the plan does not create it (nothing in it), so its 1 default privileges are not set"
	if !slices.Contains(plan.Notes, want) {
		t.Errorf("notes %q lack %q", plan.Notes, want)
	}
}
