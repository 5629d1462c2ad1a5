package postgres

import (
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/dbls/dbls/drivers/schema"
)

// domainsSQL reads domains with their base type, default, NOT NULL,
// collation (when not the base type's), checks (names, definitions and
// comments as parallel arrays, in name order) and comment: one query for every domain
// of the selected schemas.
var domainsSQL = `SELECT n.nspname::text, t.typname::text, format_type(t.typbasetype, t.typtypmod),
	pg_get_expr(t.typdefaultbin, 0, true), t.typnotnull,
	CASE WHEN t.typcollation <> bt.typcollation THEN coalesce(co.collname::text, '') ELSE '' END,
	ARRAY(SELECT c.conname::text FROM pg_constraint c WHERE c.contypid = t.oid AND c.contype = 'c' ORDER BY c.conname),
	ARRAY(SELECT pg_get_constraintdef(c.oid, true) FROM pg_constraint c WHERE c.contypid = t.oid AND c.contype = 'c' ORDER BY c.conname),
	ARRAY(SELECT coalesce(obj_description(c.oid, 'pg_constraint'), '') FROM pg_constraint c WHERE c.contypid = t.oid AND c.contype = 'c' ORDER BY c.conname),
	coalesce(d.description, '')
FROM pg_type t
	JOIN pg_namespace n ON n.oid = t.typnamespace
	JOIN pg_type bt ON bt.oid = t.typbasetype
	LEFT JOIN pg_collation co ON co.oid = t.typcollation` + description("pg_type", "t.oid", "0") + `
WHERE t.typtype = 'd' AND ` + schemaFilter + ` AND ` + objectFilter("t.typname") + ` AND ` + notExtension("pg_type", "t.oid")

func (b *builder) scanDomain(rows pgx.Rows) error {
	var (
		nsp                string
		d                  schema.Domain
		names, defs, notes []string
	)
	if err := rows.Scan(&nsp, &d.Name, &d.Type, &d.Default, &d.NotNull, &d.Collation, &names, &defs, &notes, &d.Comment); err != nil {
		return err
	}
	for i, name := range names {
		if i < len(defs) && i < len(notes) {
			d.Checks = append(d.Checks, schema.Check{Name: name, Expr: checkBody(defs[i]), Comment: notes[i]})
		}
	}
	sc := b.schema(nsp)
	sc.Domains = append(sc.Domains, d)
	return nil
}

// checkBody keeps the expression of "CHECK (expr)" as pg_get_constraintdef
// writes it; anything else is kept whole.
func checkBody(def string) string {
	s := strings.TrimSpace(def)
	if strings.HasPrefix(s, "CHECK (") && strings.HasSuffix(s, ")") {
		return s[len("CHECK (") : len(s)-1]
	}
	return s
}

// dependenciesSQL reads, from pg_depend, what routines, domains and views
// (through their rewrite rule) of the selected schemas need: types (enums, domains, a table's or view's row
// type, and the array types of all of them, which stand for their element),
// relations, sequences and other routines; composite and range types too. A domain's check constraint
// stands for its domain. Routines are named as Routine.Signature names them
// (oidvectortypes spells the input argument types as format_type does).
// One query for the whole database: the objects of user schemas are
// listed once, then joined to pg_depend at both ends.
var dependenciesSQL = `WITH objs AS (
	SELECT 'pg_proc'::regclass AS cls, p.oid AS id, 'routine' AS kind, n.nspname::text AS nsp,
		p.proname::text || '(' || oidvectortypes(p.proargtypes) || ')' AS name
	FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
	WHERE ` + userSchema + `
	UNION ALL
	SELECT 'pg_type'::regclass, x.id,
		CASE WHEN t.typtype = 'e' THEN 'enum' WHEN t.typtype = 'd' THEN 'domain' WHEN t.typtype = 'r' THEN 'range'
			WHEN c.relkind = 'c' THEN 'composite' WHEN c.relkind IN ('v', 'm') THEN 'view' ELSE 'table' END,
		n.nspname::text, coalesce(c.relname, t.typname)::text
	FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
		LEFT JOIN pg_class c ON c.oid = t.typrelid
		CROSS JOIN LATERAL (VALUES (t.oid), (t.typarray)) x(id)
	WHERE x.id <> 0 AND ` + userSchema + ` AND (t.typtype IN ('e', 'd', 'r') OR c.relkind IN ('r', 'p', 'v', 'm', 'c'))
	UNION ALL
	SELECT 'pg_class'::regclass, c.oid,
		CASE c.relkind WHEN 'S' THEN 'sequence' WHEN 'v' THEN 'view' WHEN 'm' THEN 'view' ELSE 'table' END,
		n.nspname::text, c.relname::text
	FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
	WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S') AND ` + userSchema + `
	UNION ALL
	SELECT 'pg_constraint'::regclass, con.oid, 'domain', n.nspname::text, t.typname::text
	FROM pg_constraint con JOIN pg_type t ON t.oid = con.contypid JOIN pg_namespace n ON n.oid = t.typnamespace
	WHERE ` + userSchema + `
	UNION ALL
	SELECT 'pg_rewrite'::regclass, rw.oid, 'view', n.nspname::text, c.relname::text
	FROM pg_rewrite rw JOIN pg_class c ON c.oid = rw.ev_class JOIN pg_namespace n ON n.oid = c.relnamespace
	WHERE rw.rulename = '_RETURN' AND ` + userSchema + `
)
SELECT DISTINCT o.kind, o.nsp, o.name, r.kind, r.nsp, r.name
FROM pg_depend d
	JOIN objs o ON o.cls = d.classid AND o.id = d.objid
	JOIN objs r ON r.cls = d.refclassid AND r.id = d.refobjid
WHERE d.deptype = 'n' AND d.classid IN ('pg_proc'::regclass, 'pg_type'::regclass, 'pg_constraint'::regclass, 'pg_rewrite'::regclass)
	AND (o.kind IN ('routine', 'domain') OR o.cls = 'pg_rewrite'::regclass) AND (o.kind, o.nsp, o.name) <> (r.kind, r.nsp, r.name)
	AND ($1::text[] IS NULL OR o.nsp = ANY($1::text[]))`

// scanDependency attaches one dependency to its routine or domain, which
// earlier readers have read.
func (b *builder) scanDependency(rows pgx.Rows) error {
	var kind, nsp, name string
	var ref schema.ObjectRef
	if err := rows.Scan(&kind, &nsp, &name, &ref.Kind, &ref.Schema, &ref.Name); err != nil {
		return err
	}
	if b.dependents == nil {
		b.dependents = map[string]*[]schema.ObjectRef{}
		for _, sn := range b.order {
			sc := b.schemas[sn]
			for i := range sc.Routines {
				b.dependents[schema.RefRoutine+"\x00"+sn+"\x00"+sc.Routines[i].Signature()] = &sc.Routines[i].DependsOn
			}
			for i := range sc.Domains {
				b.dependents[schema.RefDomain+"\x00"+sn+"\x00"+sc.Domains[i].Name] = &sc.Domains[i].DependsOn
			}
		}
		for _, r := range b.relList { // views join their schema in finish
			if r.view != nil {
				b.dependents[schema.RefView+"\x00"+r.schema+"\x00"+r.view.Name] = &r.view.DependsOn
			}
		}
	}
	if deps := b.dependents[kind+"\x00"+nsp+"\x00"+name]; deps != nil {
		*deps = append(*deps, ref)
	}
	return nil
}

// aggregatesSQL writes the definition of plain aggregates (CREATE OR
// REPLACE AGGREGATE with the options PostgreSQL stores). Ordered-set and
// hypothetical aggregates, moving-aggregate support and sort operators are
// not written: those aggregates keep an empty definition and stay notes.
var aggregatesSQL = `SELECT n.nspname::text, p.proname::text || '(' || oidvectortypes(p.proargtypes) || ')',
	'CREATE OR REPLACE AGGREGATE ' || quote_ident(n.nspname) || '.' || quote_ident(p.proname) ||
	'(' || pg_get_function_arguments(p.oid) || ') (' ||
	'SFUNC = ' || a.aggtransfn::regproc::text || ', STYPE = ' || format_type(a.aggtranstype, NULL) ||
	CASE WHEN a.aggtransspace <> 0 THEN ', SSPACE = ' || a.aggtransspace ELSE '' END ||
	CASE WHEN a.aggfinalfn <> 0 THEN ', FINALFUNC = ' || a.aggfinalfn::regproc::text ELSE '' END ||
	CASE WHEN a.aggfinalextra THEN ', FINALFUNC_EXTRA' ELSE '' END ||
	CASE a.aggfinalmodify WHEN 's' THEN ', FINALFUNC_MODIFY = SHAREABLE' WHEN 'w' THEN ', FINALFUNC_MODIFY = READ_WRITE' ELSE '' END ||
	CASE WHEN a.aggcombinefn <> 0 THEN ', COMBINEFUNC = ' || a.aggcombinefn::regproc::text ELSE '' END ||
	CASE WHEN a.aggserialfn <> 0 THEN ', SERIALFUNC = ' || a.aggserialfn::regproc::text ELSE '' END ||
	CASE WHEN a.aggdeserialfn <> 0 THEN ', DESERIALFUNC = ' || a.aggdeserialfn::regproc::text ELSE '' END ||
	CASE WHEN a.agginitval IS NOT NULL THEN ', INITCOND = ' || quote_literal(a.agginitval) ELSE '' END ||
	CASE p.proparallel WHEN 's' THEN ', PARALLEL = SAFE' WHEN 'r' THEN ', PARALLEL = RESTRICTED' ELSE '' END || ')'
FROM pg_aggregate a
	JOIN pg_proc p ON p.oid = a.aggfnoid
	JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE a.aggkind = 'n' AND a.aggsortop = 0 AND a.aggmtransfn = 0
	AND ` + schemaFilter + ` AND ` + objectFilter("p.proname") + ` AND ` + notExtension("pg_proc", "p.oid")

// scanAggregate sets the definition of an aggregate the routines reader read.
func (b *builder) scanAggregate(rows pgx.Rows) error {
	var nsp, sig, def string
	if err := rows.Scan(&nsp, &sig, &def); err != nil {
		return err
	}
	sc := b.schemas[nsp]
	if sc == nil {
		return nil
	}
	for i := range sc.Routines {
		if r := &sc.Routines[i]; r.Kind == schema.RoutineAggregate && r.Signature() == sig {
			r.Definition = def
			return nil
		}
	}
	return nil
}

// routineUsersSQL reads, from pg_depend, the objects that use each routine
// of the selected schemas and that PostgreSQL will not let it be dropped
// from under: views (through their rewrite rule), column defaults, check
// and exclusion constraints, expression or predicate indexes, triggers,
// tables' policies, and the rules of tables and views. Generated columns are left out: their
// expression cannot be set again without dropping the column. One query
// for the database.
var routineUsersSQL = `SELECT pn.nspname::text, p.proname::text || '(' || oidvectortypes(p.proargtypes) || ')',
	u.kind, u.nsp::text, u.tbl::text, u.name::text
FROM pg_depend d
	JOIN pg_proc p ON p.oid = d.refobjid
	JOIN pg_namespace pn ON pn.oid = p.pronamespace
	CROSS JOIN LATERAL (
		SELECT 'view', n.nspname, '', c.relname
		FROM pg_rewrite rw JOIN pg_class c ON c.oid = rw.ev_class JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE d.classid = 'pg_rewrite'::regclass AND rw.oid = d.objid AND rw.rulename = '_RETURN'
		UNION ALL
		SELECT 'default', n.nspname, c.relname, a.attname
		FROM pg_attrdef ad JOIN pg_class c ON c.oid = ad.adrelid JOIN pg_namespace n ON n.oid = c.relnamespace
			JOIN pg_attribute a ON a.attrelid = ad.adrelid AND a.attnum = ad.adnum
		WHERE d.classid = 'pg_attrdef'::regclass AND ad.oid = d.objid AND a.attgenerated = ''
		UNION ALL
		SELECT CASE con.contype WHEN 'c' THEN 'check' ELSE 'exclusion' END, n.nspname, c.relname, con.conname
		FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE d.classid = 'pg_constraint'::regclass AND con.oid = d.objid AND con.contype IN ('c', 'x')
		UNION ALL
		SELECT 'index', n.nspname, t.relname, c.relname
		FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
			JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE d.classid = 'pg_class'::regclass AND i.indexrelid = d.objid
		UNION ALL
		SELECT 'trigger', n.nspname, c.relname, tg.tgname
		FROM pg_trigger tg JOIN pg_class c ON c.oid = tg.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE d.classid = 'pg_trigger'::regclass AND tg.oid = d.objid AND NOT tg.tgisinternal
		UNION ALL
		SELECT 'policy', n.nspname, c.relname, pol.polname
		FROM pg_policy pol JOIN pg_class c ON c.oid = pol.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE d.classid = 'pg_policy'::regclass AND pol.oid = d.objid
		UNION ALL
		SELECT 'rule', n.nspname, c.relname, rw.rulename
		FROM pg_rewrite rw JOIN pg_class c ON c.oid = rw.ev_class JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE d.classid = 'pg_rewrite'::regclass AND rw.oid = d.objid AND rw.rulename <> '_RETURN' AND c.relkind IN ('r', 'p', 'v')
	) u(kind, nsp, tbl, name)
WHERE d.refclassid = 'pg_proc'::regclass AND d.deptype = 'n'
	AND d.classid IN ('pg_rewrite'::regclass, 'pg_attrdef'::regclass, 'pg_constraint'::regclass, 'pg_class'::regclass, 'pg_trigger'::regclass,
		'pg_policy'::regclass)
	AND pn.nspname <> 'information_schema' AND pn.nspname NOT LIKE 'pg\_%'
	AND ($1::text[] IS NULL OR pn.nspname = ANY($1::text[]))`

// scanRoutineUser attaches one user of a routine to it.
func (b *builder) scanRoutineUser(rows pgx.Rows) error {
	var nsp, sig string
	var ref schema.ObjectRef
	if err := rows.Scan(&nsp, &sig, &ref.Kind, &ref.Schema, &ref.Table, &ref.Name); err != nil {
		return err
	}
	sc := b.schemas[nsp]
	if sc == nil {
		return nil
	}
	if b.routines == nil {
		b.routines = map[string]*schema.Routine{}
		for _, sn := range b.order {
			for i := range b.schemas[sn].Routines {
				r := &b.schemas[sn].Routines[i]
				b.routines[sn+"\x00"+r.Signature()] = r
			}
		}
	}
	if r := b.routines[nsp+"\x00"+sig]; r != nil {
		r.UsedBy = append(r.UsedBy, ref)
	}
	return nil
}
