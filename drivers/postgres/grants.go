package postgres

// Privileges (GRANT/REVOKE) on schemas, tables, views, materialized views,
// sequences, functions, procedures, enum types and domains, and on the
// columns of tables and views (pg_attribute.attacl): read from the
// ACLs, compared by diff per (object, grantee, privilege, grantable), and
// written as GRANT and REVOKE statements.
//
// A NULL ACL means the owner's default privileges; it is read as
// acldefault's entries, so that it equals an explicit ACL with the same
// entries. The owner's own entries are left out: they follow the owner,
// which dbls does not sync.

import (
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/dbls/dbls/drivers/schema"
)

// grantee spells an aclexplode grantee: 0 is PUBLIC.
const grantee = `CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(a.grantee)::text END`

// grantsSQL reads every ACL entry but the owner's, one row per
// (object, grantee, privilege): kind, name, routine argument types.
var grantsSQL = `SELECT n.nspname::text, 'schema', '', '', '', ` + grantee + `, a.privilege_type, a.is_grantable
FROM pg_namespace n, aclexplode(coalesce(n.nspacl, acldefault('n'::"char", n.nspowner))) a
WHERE a.grantee <> n.nspowner AND ` + schemaFilter + `
UNION ALL
SELECT n.nspname::text, CASE WHEN c.relkind = 'S' THEN 'sequence' ELSE 'table' END, c.relname::text, '', '', ` + grantee + `,
	a.privilege_type, a.is_grantable
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace,
	aclexplode(coalesce(c.relacl, acldefault((CASE WHEN c.relkind = 'S' THEN 's' ELSE 'r' END)::"char", c.relowner))) a
WHERE a.grantee <> c.relowner AND ` + relationFilter(`'r', 'p', 'v', 'm', 'S'`) + `
UNION ALL
SELECT n.nspname::text, CASE WHEN p.prokind = 'p' THEN 'procedure' ELSE 'function' END, p.proname::text,
	array_to_string(ARRAY(SELECT format_type(u.t, NULL) FROM unnest(p.proargtypes::oid[]) WITH ORDINALITY u(t, ord) ORDER BY u.ord), ', '),
	'', ` + grantee + `, a.privilege_type, a.is_grantable
FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace,
	aclexplode(coalesce(p.proacl, acldefault('f'::"char", p.proowner))) a
WHERE a.grantee <> p.proowner AND p.prokind IN ('f', 'p', 'w') AND ` + schemaFilter + ` AND ` + objectFilter("p.proname") +
	` AND ` + notExtension("pg_proc", "p.oid") + `
UNION ALL
SELECT n.nspname::text, 'type', t.typname::text, '', '', ` + grantee + `, a.privilege_type, a.is_grantable
FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace,
	aclexplode(coalesce(t.typacl, acldefault('T'::"char", t.typowner))) a
WHERE a.grantee <> t.typowner AND t.typtype IN ('e', 'd') AND ` + schemaFilter + ` AND ` + objectFilter("t.typname") +
	` AND ` + notExtension("pg_type", "t.oid") + `
UNION ALL
SELECT n.nspname::text, 'table', c.relname::text, '', at.attname::text, ` + grantee + `, a.privilege_type, a.is_grantable
FROM pg_attribute at JOIN pg_class c ON c.oid = at.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace,
	aclexplode(at.attacl) a
WHERE at.attacl IS NOT NULL AND at.attnum > 0 AND NOT at.attisdropped AND a.grantee <> c.relowner AND ` +
	relationFilter(`'r', 'p', 'v', 'm'`)

// rolesSQL lists the server's roles, for grants to roles it lacks.
const rolesSQL = `SELECT coalesce(array_agg(rolname::text ORDER BY rolname), '{}') FROM pg_roles`

func (b *builder) scanGrant(rows pgx.Rows) error {
	var (
		nsp string
		g   schema.Grant
	)
	if err := rows.Scan(&nsp, &g.On, &g.Object, &g.Args, &g.Column, &g.Grantee, &g.Privilege, &g.Grantable); err != nil {
		return err
	}
	sc := b.schema(nsp)
	sc.Grants = append(sc.Grants, g)
	return nil
}

func (b *builder) scanRoles(rows pgx.Rows) error {
	return rows.Scan(&b.snap.Roles)
}

// grantTarget is the object clause of GRANT and REVOKE.
func grantTarget(sc string, g schema.Grant) (string, error) {
	switch g.On {
	case schema.GrantSchema:
		return "SCHEMA " + quote(sc), nil
	case schema.GrantTable:
		return "TABLE " + qualified(sc, g.Object), nil
	case schema.GrantSequence:
		return "SEQUENCE " + qualified(sc, g.Object), nil
	case schema.GrantFunction:
		return "FUNCTION " + qualified(sc, g.Object) + "(" + g.Args + ")", nil
	case schema.GrantProcedure:
		return "PROCEDURE " + qualified(sc, g.Object) + "(" + g.Args + ")", nil
	case schema.GrantType:
		return "TYPE " + qualified(sc, g.Object), nil
	}
	return "", fmt.Errorf("grant on unknown object kind %q", g.On)
}

// privileges PostgreSQL grants; anything else in a snapshot is not written.
var privileges = map[string]bool{
	"SELECT": true, "INSERT": true, "UPDATE": true, "DELETE": true, "TRUNCATE": true, "REFERENCES": true,
	"TRIGGER": true, "USAGE": true, "CREATE": true, "EXECUTE": true, "MAINTAIN": true,
}

// columnPrivileges are those PostgreSQL grants on columns.
var columnPrivileges = map[string]bool{"SELECT": true, "INSERT": true, "UPDATE": true, "REFERENCES": true}

func granteeName(g schema.Grant) string {
	if g.Grantee == "PUBLIC" {
		return "PUBLIC"
	}
	return quote(g.Grantee)
}

// renderGrant writes a ddl.Grant or ddl.Revoke.
func (r *renderer) renderGrant(sc string, g schema.Grant, revoke, optionOnly bool) error {
	if !privileges[g.Privilege] {
		return fmt.Errorf("unknown privilege %q", g.Privilege)
	}
	on, err := grantTarget(sc, g)
	if err != nil {
		return err
	}
	priv := g.Privilege
	if g.Column != "" {
		if !columnPrivileges[g.Privilege] {
			return fmt.Errorf("privilege %s on column %s of %s: not a column privilege", g.Privilege, g.Column, on)
		}
		priv += " (" + quote(g.Column) + ")"
	}
	switch {
	case !revoke && g.Grantable:
		r.add("GRANT %s ON %s TO %s WITH GRANT OPTION", priv, on, granteeName(g))
	case !revoke:
		r.add("GRANT %s ON %s TO %s", priv, on, granteeName(g))
	case optionOnly:
		r.add("REVOKE GRANT OPTION FOR %s ON %s FROM %s", priv, on, granteeName(g))
	default:
		r.add("REVOKE %s ON %s FROM %s", priv, on, granteeName(g))
	}
	return nil
}
