package postgres

import (
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/dbls/dbls/drivers/schema"
)

// The catalog queries of extensions, composite types, range types and
// collations (schema/types.go). Types and collations that belong to an
// extension are left out, as everywhere: CREATE EXTENSION makes them.

// extensionsSQL reads the extensions installed in a selected schema. An
// extension in pg_catalog (plpgsql) is the server's own and is left out by
// the schema filter. The extensions it requires are read from pg_depend
// (an extension depending on an extension), wherever they are installed.
var extensionsSQL = `SELECT n.nspname::text, x.extname::text, x.extversion,
	ARRAY(SELECT r.extname::text FROM pg_depend dep JOIN pg_extension r ON r.oid = dep.refobjid
		WHERE dep.classid = 'pg_extension'::regclass AND dep.objid = x.oid AND dep.refclassid = 'pg_extension'::regclass),
	coalesce(d.description, '')
FROM pg_extension x
	JOIN pg_namespace n ON n.oid = x.extnamespace` + description("pg_extension", "x.oid", "0") + `
WHERE ` + schemaFilter + ` AND ` + objectFilter("x.extname")

func (b *builder) scanExtension(rows pgx.Rows) error {
	var nsp string
	var x schema.Extension
	if err := rows.Scan(&nsp, &x.Name, &x.Version, &x.Requires, &x.Comment); err != nil {
		return err
	}
	sc := b.schema(nsp)
	sc.Extensions = append(sc.Extensions, x)
	return nil
}

// compositesSQL reads stand-alone composite types (a relation of kind 'c'),
// their attributes in order (name, type, collation where not the type's
// default, as parallel arrays) and comment. A table's row type is the
// table's, not one of these.
var compositesSQL = `SELECT n.nspname::text, t.typname::text,
	ARRAY(SELECT a.attname::text FROM pg_attribute a WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum),
	ARRAY(SELECT format_type(a.atttypid, a.atttypmod) FROM pg_attribute a WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum),
	ARRAY(SELECT CASE WHEN a.attcollation <> at.typcollation THEN coalesce(co.collname::text, '') ELSE '' END
		FROM pg_attribute a JOIN pg_type at ON at.oid = a.atttypid LEFT JOIN pg_collation co ON co.oid = a.attcollation
		WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum),
	coalesce(d.description, '')
FROM pg_type t
	JOIN pg_namespace n ON n.oid = t.typnamespace
	JOIN pg_class c ON c.oid = t.typrelid AND c.relkind = 'c'` + description("pg_type", "t.oid", "0") + `
WHERE t.typtype = 'c' AND ` + schemaFilter + ` AND ` + objectFilter("t.typname") + ` AND ` + notExtension("pg_type", "t.oid")

func (b *builder) scanComposite(rows pgx.Rows) error {
	var (
		nsp                string
		x                  schema.CompositeType
		names, types, coll []string
	)
	if err := rows.Scan(&nsp, &x.Name, &names, &types, &coll, &x.Comment); err != nil {
		return err
	}
	x.Attributes = make([]schema.Column, 0, len(names))
	for i, name := range names {
		a := schema.Column{Name: name, Position: i + 1, Nullable: true}
		if i < len(types) {
			a.Type = types[i]
		}
		if i < len(coll) {
			a.Collation = coll[i]
		}
		x.Attributes = append(x.Attributes, a)
	}
	sc := b.schema(nsp)
	sc.Composites = append(sc.Composites, x)
	return nil
}

// rangesSQL reads range types with the options CREATE TYPE AS RANGE
// takes, each empty where it is PostgreSQL's default: the subtype's
// collation and default btree operator class, no canonical or
// subtype_diff function. The multirange type's name is read whole
// (PostgreSQL 14 on); scanRange leaves it out when it is the default one.
var rangesSQL = `SELECT n.nspname::text, t.typname::text, format_type(r.rngsubtype, NULL),
	CASE WHEN r.rngcollation <> st.typcollation THEN coalesce(co.collname::text, '') ELSE '' END,
	CASE WHEN oc.opcdefault THEN '' ELSE coalesce(quote_ident(ocn.nspname) || '.' || quote_ident(oc.opcname), '') END,
	CASE WHEN r.rngcanonical <> 0 THEN r.rngcanonical::regproc::text ELSE '' END,
	CASE WHEN r.rngsubdiff <> 0 THEN r.rngsubdiff::regproc::text ELSE '' END,
	coalesce((SELECT mt.typname::text FROM pg_type mt WHERE mt.oid = (to_jsonb(r)->>'rngmultitypid')::oid), ''),
	coalesce(d.description, '')
FROM pg_range r
	JOIN pg_type t ON t.oid = r.rngtypid
	JOIN pg_namespace n ON n.oid = t.typnamespace
	JOIN pg_type st ON st.oid = r.rngsubtype
	LEFT JOIN pg_collation co ON co.oid = r.rngcollation
	LEFT JOIN pg_opclass oc ON oc.oid = r.rngsubopc
	LEFT JOIN pg_namespace ocn ON ocn.oid = oc.opcnamespace` + description("pg_type", "t.oid", "0") + `
WHERE ` + schemaFilter + ` AND ` + objectFilter("t.typname") + ` AND ` + notExtension("pg_type", "t.oid")

func (b *builder) scanRange(rows pgx.Rows) error {
	var nsp string
	var x schema.RangeType
	if err := rows.Scan(&nsp, &x.Name, &x.Subtype, &x.Collation, &x.Opclass, &x.Canonical, &x.SubtypeDiff, &x.MultirangeName, &x.Comment); err != nil {
		return err
	}
	if x.MultirangeName == defaultMultirange(x.Name) {
		x.MultirangeName = ""
	}
	sc := b.schema(nsp)
	sc.Ranges = append(sc.Ranges, x)
	return nil
}

// defaultMultirange is the name PostgreSQL gives a range type's
// multirange when CREATE TYPE does not name it: "range" replaced by
// "multirange" at its first place, else "_multirange" appended.
func defaultMultirange(rangeName string) string {
	if i := strings.Index(rangeName, "range"); i >= 0 {
		return rangeName[:i] + "multirange" + rangeName[i+len("range"):]
	}
	return rangeName + "_multirange"
}

// collationsSQL reads user collations. The ICU locale column is
// colliculocale on PostgreSQL 15 and colllocale from 17 on: read through
// to_jsonb so one query serves both.
var collationsSQL = `SELECT n.nspname::text, co.collname::text,
	CASE co.collprovider WHEN 'c' THEN 'libc' WHEN 'i' THEN 'icu' WHEN 'b' THEN 'builtin' ELSE 'default' END,
	coalesce(to_jsonb(co)->>'colllocale', to_jsonb(co)->>'colliculocale', ''),
	coalesce(co.collcollate, ''), coalesce(co.collctype, ''), co.collisdeterministic,
	coalesce(d.description, '')
FROM pg_collation co
	JOIN pg_namespace n ON n.oid = co.collnamespace` + description("pg_collation", "co.oid", "0") + `
WHERE ` + schemaFilter + ` AND ` + objectFilter("co.collname") + ` AND ` + notExtension("pg_collation", "co.oid")

func (b *builder) scanCollation(rows pgx.Rows) error {
	var nsp string
	var x schema.Collation
	if err := rows.Scan(&nsp, &x.Name, &x.Provider, &x.Locale, &x.LcCollate, &x.LcCtype, &x.Deterministic, &x.Comment); err != nil {
		return err
	}
	sc := b.schema(nsp)
	sc.Collations = append(sc.Collations, x)
	return nil
}

// notTypeInternal leaves out the routines a type owns (deptype 'i'): the
// constructors of a range and its multirange type, which CREATE TYPE AS
// RANGE makes and DROP TYPE takes.
const notTypeInternal = `NOT EXISTS (SELECT 1 FROM pg_depend ti WHERE ti.classid = 'pg_proc'::regclass AND ti.objid = p.oid
	AND ti.refclassid = 'pg_type'::regclass AND ti.deptype = 'i')`
