package postgres

import (
	"slices"
	"strings"
	"testing"

	"github.com/dbls/dbls/drivers/ddl"
	"github.com/dbls/dbls/drivers/schema"
)

// TestRenderGrants is the SQL of grants and revokes on every kind of
// object, with names that need quoting. Execution is covered by diff's
// TestGrants.
func TestRenderGrants(t *testing.T) {
	cases := []struct {
		name string
		c    ddl.Change
		want string
	}{
		{"schema", ddl.GrantPrivilege{Schema: `Sa"les`, Grant: schema.Grant{On: schema.GrantSchema, Grantee: "app", Privilege: "USAGE"}},
			`GRANT USAGE ON SCHEMA "Sa""les" TO "app"`},
		{"table with grant option", ddl.GrantPrivilege{Schema: "s", Grant: schema.Grant{On: schema.GrantTable, Object: "t", Grantee: `A"b`, Privilege: "SELECT", Grantable: true}},
			`GRANT SELECT ON TABLE "s"."t" TO "A""b" WITH GRANT OPTION`},
		{"view to public", ddl.GrantPrivilege{Schema: "s", Grant: schema.Grant{On: schema.GrantTable, Object: "v", Grantee: "PUBLIC", Privilege: "SELECT"}},
			`GRANT SELECT ON TABLE "s"."v" TO PUBLIC`},
		{"sequence", ddl.GrantPrivilege{Schema: "s", Grant: schema.Grant{On: schema.GrantSequence, Object: "q", Grantee: "app", Privilege: "USAGE"}},
			`GRANT USAGE ON SEQUENCE "s"."q" TO "app"`},
		{"function", ddl.GrantPrivilege{Schema: "s", Grant: schema.Grant{On: schema.GrantFunction, Object: "f", Args: "integer, text", Grantee: "app", Privilege: "EXECUTE"}},
			`GRANT EXECUTE ON FUNCTION "s"."f"(integer, text) TO "app"`},
		{"procedure revoked from public", ddl.RevokePrivilege{Schema: "s", Grant: schema.Grant{On: schema.GrantProcedure, Object: "p", Grantee: "PUBLIC", Privilege: "EXECUTE"}},
			`REVOKE EXECUTE ON PROCEDURE "s"."p"() FROM PUBLIC`},
		{"type", ddl.RevokePrivilege{Schema: "s", Grant: schema.Grant{On: schema.GrantType, Object: "mood", Grantee: "app", Privilege: "USAGE"}},
			`REVOKE USAGE ON TYPE "s"."mood" FROM "app"`},
		{"grant option only", ddl.RevokePrivilege{Schema: "s", GrantOptionOnly: true, Grant: schema.Grant{On: schema.GrantTable, Object: "t", Grantee: "app", Privilege: "UPDATE", Grantable: true}},
			`REVOKE GRANT OPTION FOR UPDATE ON TABLE "s"."t" FROM "app"`},
		{"column", ddl.GrantPrivilege{Schema: "s", Grant: schema.Grant{On: schema.GrantTable, Object: "t", Column: `Co"l`, Grantee: "app", Privilege: "SELECT", Grantable: true}},
			`GRANT SELECT ("Co""l") ON TABLE "s"."t" TO "app" WITH GRANT OPTION`},
		{"default database-wide", ddl.GrantDefault{Default: schema.DefaultPrivilege{Role: `R"x`, On: schema.GrantTable, Grantee: "app", Privilege: "SELECT", Grantable: true}},
			`ALTER DEFAULT PRIVILEGES FOR ROLE "R""x" GRANT SELECT ON TABLES TO "app" WITH GRANT OPTION`},
		{"default in schema revoked", ddl.RevokeDefault{Schema: "s", Default: schema.DefaultPrivilege{Role: "r", On: schema.GrantFunction, Grantee: "PUBLIC", Privilege: "EXECUTE"}},
			`ALTER DEFAULT PRIVILEGES FOR ROLE "r" IN SCHEMA "s" REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC`},
		{"default grant option only", ddl.RevokeDefault{GrantOptionOnly: true, Default: schema.DefaultPrivilege{Role: "r", On: schema.GrantSequence, Grantee: "app", Privilege: "USAGE"}},
			`ALTER DEFAULT PRIVILEGES FOR ROLE "r" REVOKE GRANT OPTION FOR USAGE ON SEQUENCES FROM "app"`},
		{"cascade", ddl.RevokePrivilege{Schema: "s", Cascade: true, GrantOptionOnly: true, Grant: schema.Grant{On: schema.GrantTable, Object: "t", Column: "c", Grantee: "app", Privilege: "SELECT", Grantable: true}},
			`REVOKE GRANT OPTION FOR SELECT ("c") ON TABLE "s"."t" FROM "app" CASCADE`},
		{"column revoked", ddl.RevokePrivilege{Schema: "s", Grant: schema.Grant{On: schema.GrantTable, Object: "t", Column: "c", Grantee: "PUBLIC", Privilege: "UPDATE"}},
			`REVOKE UPDATE ("c") ON TABLE "s"."t" FROM PUBLIC`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := Driver{}.Render(c.c)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, []string{c.want}) {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), c.want)
			}
		})
	}
	for _, g := range []schema.Grant{
		{On: schema.GrantTable, Object: "t", Grantee: "app", Privilege: "SELECT; DROP TABLE t"},
		{On: "database", Object: "d", Grantee: "app", Privilege: "CONNECT"},
		{On: schema.GrantTable, Object: "t", Column: "c", Grantee: "app", Privilege: "DELETE"}, // not a column privilege
	} {
		if _, err := (Driver{}).Render(ddl.GrantPrivilege{Schema: "s", Grant: g}); err == nil {
			t.Errorf("grant %+v rendered; want an error", g)
		}
	}
	for _, d := range []schema.DefaultPrivilege{
		{Role: "r", On: "database", Grantee: "app", Privilege: "CONNECT"},
		{Role: "r", On: schema.GrantTable, Grantee: "app", Privilege: "SELECT; DROP TABLE t"},
		{On: schema.GrantTable, Grantee: "app", Privilege: "SELECT"},
	} {
		if _, err := (Driver{}).Render(ddl.GrantDefault{Default: d}); err == nil {
			t.Errorf("default privilege %+v rendered; want an error", d)
		}
	}
}
