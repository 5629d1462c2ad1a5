package postgres

// Privileges (GRANT/REVOKE) on schemas, tables, views, materialized views,
// sequences, functions, procedures, aggregates, enum types and domains,
// and on the columns of tables and views (pg_attribute.attacl): read from the
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

	"github.com/dbls/dbls/drivers/ddl"
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
WHERE a.grantee <> p.proowner AND p.prokind IN ('f', 'p', 'w', 'a') AND ` + schemaFilter + ` AND ` + objectFilter("p.proname") +
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

// defaultsSQL reads default privileges (pg_default_acl) but the role's own
// entries: those of a schema as they are, the database-wide ones (schema
// ”) as their differences from the built-in defaults they replace, a
// built-in one taken away as revoked. pg_default_acl's 'S' (sequences) is
// acldefault's 's'.
var defaultsSQL = `WITH d AS (
	SELECT d.defaclrole, d.defaclnamespace, d.defaclacl, d.defaclobjtype,
		CASE d.defaclobjtype WHEN 'r' THEN 'table' WHEN 'S' THEN 'sequence' WHEN 'f' THEN 'function'
			WHEN 'T' THEN 'type' WHEN 'n' THEN 'schema' END AS kind,
		acldefault(CASE d.defaclobjtype WHEN 'S' THEN 's' ELSE d.defaclobjtype END, d.defaclrole) AS builtin
	FROM pg_default_acl d)
SELECT n.nspname::text, pg_get_userbyid(d.defaclrole)::text, d.kind, ` + grantee + `, a.privilege_type, a.is_grantable, false
FROM d JOIN pg_namespace n ON n.oid = d.defaclnamespace, aclexplode(d.defaclacl) a
WHERE a.grantee <> d.defaclrole AND ` + schemaFilter + `
UNION ALL
SELECT '', pg_get_userbyid(d.defaclrole)::text, d.kind, ` + grantee + `, a.privilege_type, a.is_grantable, false
FROM d, aclexplode(d.defaclacl) a
WHERE d.defaclnamespace = 0 AND a.grantee <> d.defaclrole AND (a.grantee, a.privilege_type, a.is_grantable) NOT IN
	(SELECT b.grantee, b.privilege_type, b.is_grantable FROM aclexplode(d.builtin) b)
UNION ALL
SELECT '', pg_get_userbyid(d.defaclrole)::text, d.kind, ` + grantee + `, a.privilege_type, false, true
FROM d, aclexplode(d.builtin) a
WHERE d.defaclnamespace = 0 AND a.grantee <> d.defaclrole AND (a.grantee, a.privilege_type) NOT IN
	(SELECT b.grantee, b.privilege_type FROM aclexplode(d.defaclacl) b)`

// ownersSQL reads the owners of the objects grantsSQL reads the grants of.
var ownersSQL = `SELECT n.nspname::text, 'schema', '', '', pg_get_userbyid(n.nspowner)::text
FROM pg_namespace n WHERE ` + schemaFilter + `
UNION ALL
SELECT n.nspname::text, CASE WHEN c.relkind = 'S' THEN 'sequence' ELSE 'table' END, c.relname::text, '',
	pg_get_userbyid(c.relowner)::text
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE ` + relationFilter(`'r', 'p', 'v', 'm', 'S'`) + `
UNION ALL
SELECT n.nspname::text, CASE WHEN p.prokind = 'p' THEN 'procedure' ELSE 'function' END, p.proname::text,
	array_to_string(ARRAY(SELECT format_type(u.t, NULL) FROM unnest(p.proargtypes::oid[]) WITH ORDINALITY u(t, ord) ORDER BY u.ord), ', '),
	pg_get_userbyid(p.proowner)::text
FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE p.prokind IN ('f', 'p', 'w', 'a') AND ` + schemaFilter + ` AND ` + objectFilter("p.proname") +
	` AND ` + notExtension("pg_proc", "p.oid") + `
UNION ALL
SELECT n.nspname::text, 'type', t.typname::text, '', pg_get_userbyid(t.typowner)::text
FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
WHERE t.typtype IN ('e', 'd') AND ` + schemaFilter + ` AND ` + objectFilter("t.typname") +
	` AND ` + notExtension("pg_type", "t.oid")

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

func (b *builder) scanDefault(rows pgx.Rows) error {
	var (
		nsp string
		p   schema.DefaultPrivilege
	)
	if err := rows.Scan(&nsp, &p.Role, &p.On, &p.Grantee, &p.Privilege, &p.Grantable, &p.Revoked); err != nil {
		return err
	}
	if nsp == "" {
		b.snap.DefaultPrivileges = append(b.snap.DefaultPrivileges, p)
		return nil
	}
	sc := b.schema(nsp)
	sc.DefaultPrivileges = append(sc.DefaultPrivileges, p)
	return nil
}

func (b *builder) scanOwner(rows pgx.Rows) error {
	var (
		nsp string
		o   schema.Owner
	)
	if err := rows.Scan(&nsp, &o.On, &o.Object, &o.Args, &o.Role); err != nil {
		return err
	}
	sc := b.schema(nsp)
	sc.Owners = append(sc.Owners, o)
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

// grantParts are the privilege (with its column) and the object clause of
// GRANT and REVOKE.
func grantParts(sc string, g schema.Grant) (priv, on string, err error) {
	if !privileges[g.Privilege] {
		return "", "", fmt.Errorf("unknown privilege %q", g.Privilege)
	}
	if on, err = grantTarget(sc, g); err != nil {
		return "", "", err
	}
	priv = g.Privilege
	if g.Column != "" {
		if !columnPrivileges[g.Privilege] {
			return "", "", fmt.Errorf("privilege %s on column %s of %s: not a column privilege", g.Privilege, g.Column, on)
		}
		priv += " (" + quote(g.Column) + ")"
	}
	return priv, on, nil
}

// renderGrant writes a ddl.GrantPrivilege.
func (r *renderer) renderGrant(sc string, g schema.Grant) error {
	priv, on, err := grantParts(sc, g)
	if err != nil {
		return err
	}
	option := ""
	if g.Grantable {
		option = " WITH GRANT OPTION"
	}
	r.add("GRANT %s ON %s TO %s%s", priv, on, granteeName(g), option)
	return nil
}

// renderRevoke writes a ddl.RevokePrivilege.
func (r *renderer) renderRevoke(c ddl.RevokePrivilege) error {
	priv, on, err := grantParts(c.Schema, c.Grant)
	if err != nil {
		return err
	}
	if c.GrantOptionOnly {
		priv = "GRANT OPTION FOR " + priv
	}
	cascade := ""
	if c.Cascade {
		cascade = " CASCADE"
	}
	r.add("REVOKE %s ON %s FROM %s%s", priv, on, granteeName(c.Grant), cascade)
	return nil
}

// defaultObjects are the object kinds of ALTER DEFAULT PRIVILEGES.
var defaultObjects = map[string]string{
	schema.GrantTable: "TABLES", schema.GrantSequence: "SEQUENCES", schema.GrantFunction: "FUNCTIONS",
	schema.GrantType: "TYPES", schema.GrantSchema: "SCHEMAS",
}

// renderDefault writes a ddl.GrantDefault or ddl.RevokeDefault: for the
// whole database when sc is "".
func (r *renderer) renderDefault(sc string, d schema.DefaultPrivilege, revoke, optionOnly bool) error {
	objects, ok := defaultObjects[d.On]
	switch {
	case !ok:
		return fmt.Errorf("default privileges of role %s on unknown object kind %q", d.Role, d.On)
	case !privileges[d.Privilege]:
		return fmt.Errorf("default privileges of role %s: unknown privilege %q", d.Role, d.Privilege)
	case d.Role == "":
		return fmt.Errorf("default privilege %s on %s: no role", d.Privilege, objects)
	}
	head := "ALTER DEFAULT PRIVILEGES FOR ROLE " + quote(d.Role)
	if sc != "" {
		head += " IN SCHEMA " + quote(sc)
	}
	to := granteeName(schema.Grant{Grantee: d.Grantee})
	switch {
	case !revoke && d.Grantable:
		r.add("%s GRANT %s ON %s TO %s WITH GRANT OPTION", head, d.Privilege, objects, to)
	case !revoke:
		r.add("%s GRANT %s ON %s TO %s", head, d.Privilege, objects, to)
	case optionOnly:
		r.add("%s REVOKE GRANT OPTION FOR %s ON %s FROM %s", head, d.Privilege, objects, to)
	default:
		r.add("%s REVOKE %s ON %s FROM %s", head, d.Privilege, objects, to)
	}
	return nil
}
