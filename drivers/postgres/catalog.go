package postgres

// The catalog queries of Snapshot. Each reads one kind of object for every
// selected schema at once, so a snapshot costs the same number of queries
// for ten tables or ten thousand. They read pg_catalog directly:
// information_schema is a stack of views that is slow on large catalogs and
// hides what PostgreSQL-specific objects need (relkind, pg_get_*def).
//
// The queries take up to two parameters: $1 the selected schema names and
// $2 the selected object names, each NULL for "all".

// userSchema selects non-system schemas for a pg_namespace aliased n. The
// pg_ prefix is reserved for the system (pg_catalog, pg_toast*, pg_temp_*).
const userSchema = `n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\_%'`

const schemaFilter = userSchema + ` AND ($1::text[] IS NULL OR n.nspname = ANY($1::text[]))`

// objectFilter selects by name; col is the name column of the object.
func objectFilter(col string) string {
	return `($2::text[] IS NULL OR ` + col + ` = ANY($2::text[]))`
}

// notExtension leaves out objects that belong to an extension: they are
// created by CREATE EXTENSION, not by the user's schema.
func notExtension(catalog, oid string) string {
	return `NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = '` + catalog +
		`'::regclass AND e.objid = ` + oid + ` AND e.deptype = 'e')`
}

// description joins the comment of an object as alias d. A join costs a
// fraction of obj_description's per-row lookup on large catalogs.
func description(catalog, oid, sub string) string {
	return ` LEFT JOIN pg_description d ON d.classoid = '` + catalog + `'::regclass AND d.objoid = ` + oid +
		` AND d.objsubid = ` + sub
}

// relationFilter selects relations c (in namespace n) of the given kinds.
func relationFilter(kinds string) string {
	return `c.relkind IN (` + kinds + `) AND ` + schemaFilter + ` AND ` + objectFilter("c.relname") +
		` AND ` + notExtension("pg_class", "c.oid")
}

const infoSQL = `SELECT current_database()::text, current_setting('server_version'),
	coalesce(current_schema()::text, ''), current_schemas(false)::text[],
	ARRAY(SELECT datname::text FROM pg_database WHERE NOT datistemplate ORDER BY datname)`

var schemasSQL = `SELECT n.nspname::text, coalesce(d.description, '')
FROM pg_namespace n` + description("pg_namespace", "n.oid", "0") + `
WHERE ` + schemaFilter + `
ORDER BY 1`

// relationsSQL reads tables, partitioned tables, views and materialized
// views, with the partition parent, partition key and bound, the view
// query, the number of attribute slots (relnatts, dropped columns
// included), which sizes the column list before the columns arrive, and
// the composite type of a typed table.
var relationsSQL = `SELECT c.oid, n.nspname::text, c.relname::text, c.relkind::text, c.relispartition,
	c.relpersistence = 'u',
	coalesce((SELECT pn.nspname || '.' || pc.relname FROM pg_inherits i
		JOIN pg_class pc ON pc.oid = i.inhparent JOIN pg_namespace pn ON pn.oid = pc.relnamespace
		WHERE i.inhrelid = c.oid AND c.relispartition), ''),
	CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) ELSE '' END,
	CASE WHEN c.relispartition THEN coalesce(pg_get_expr(c.relpartbound, c.oid, true), '') ELSE '' END,
	coalesce(d.description, ''),
	CASE WHEN c.relkind IN ('v', 'm') THEN coalesce(pg_get_viewdef(c.oid, true), '') ELSE '' END,
	c.relnatts, coalesce(array_to_string(c.reloptions, ','), ''),
	CASE WHEN c.reloftype <> 0 THEN format_type(c.reloftype, NULL) ELSE '' END
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace` + description("pg_class", "c.oid", "0") + `
WHERE ` + relationFilter(`'r', 'p', 'v', 'm'`)

// columnsSQL reads the columns of every selected relation. Owned sequences
// are joined, not looked up in a correlated subquery: a subquery in the
// select list is parallel-restricted and forced every row's deparsing into
// one process (2.6x slower at 10,000 tables). Defaults are
// deparsed without their relation: a default cannot reference a column, the
// text is the same, and pretty-printing against the relation costs ten times
// more (most of a 10,000-table snapshot). Generated expressions do
// reference columns and keep it. The rows come unsorted: the builder places
// each column by its number, and sorting 2,000,000 rows cost the server a
// third of the query at 100,000 tables. A column's STORAGE or COMPRESSION
// other than its type's comes here too, for the objects dbls does not sync
// (unsynced.go): a query of its own scanned every attribute again. A
// serial column
// is one whose default calls nextval on a sequence the column owns (an
// "auto" dependency; identity sequences depend "internally" instead).
var columnsSQL = `SELECT a.attrelid, a.attname::text, a.attnum, format_type(a.atttypid, a.atttypmod),
	NOT a.attnotnull, x.def, a.attidentity::text, a.attgenerated::text,
	CASE WHEN a.attcollation <> t.typcollation THEN coalesce(co.collname::text, '') ELSE '' END,
	coalesce(d.description, ''),
	a.attgenerated = '' AND coalesce(x.def LIKE 'nextval(%', false) AND own.refobjid IS NOT NULL,
	CASE WHEN c.relkind IN ('r', 'p', 'm') AND (a.attstorage <> t.typstorage OR a.attcompression <> '') THEN
		concat_ws(' ', CASE WHEN a.attstorage <> t.typstorage THEN 'STORAGE ' ||
			CASE a.attstorage WHEN 'p' THEN 'PLAIN' WHEN 'e' THEN 'EXTERNAL' WHEN 'm' THEN 'MAIN' ELSE 'EXTENDED' END END,
			CASE a.attcompression WHEN 'p' THEN 'COMPRESSION pglz' WHEN 'l' THEN 'COMPRESSION lz4' END) END
FROM pg_attribute a
	JOIN pg_class c ON c.oid = a.attrelid
	JOIN pg_namespace n ON n.oid = c.relnamespace
	JOIN pg_type t ON t.oid = a.atttypid
	LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
	LEFT JOIN LATERAL (SELECT pg_get_expr(ad.adbin, CASE WHEN a.attgenerated = '' THEN 0 ELSE ad.adrelid END, true) AS def) x ON true
	LEFT JOIN pg_collation co ON co.oid = a.attcollation
	LEFT JOIN (SELECT DISTINCT dep.refobjid, dep.refobjsubid FROM pg_depend dep
		JOIN pg_class s ON s.oid = dep.objid AND s.relkind = 'S'
		WHERE dep.classid = 'pg_class'::regclass AND dep.refclassid = 'pg_class'::regclass
			AND dep.deptype = 'a') own ON own.refobjid = a.attrelid AND own.refobjsubid = a.attnum` +
	description("pg_class", "a.attrelid", "a.attnum") + `
WHERE a.attnum > 0 AND NOT a.attisdropped AND ` + relationFilter(`'r', 'p', 'v', 'm'`)

// constraintsSQL reads primary keys, unique, foreign-key, check and
// exclusion constraints, with PostgreSQL's own text of each but foreign
// keys (whose text names the referenced table as the session sees it;
// their fields say all). The text of checks and of plain keys is NULL:
// Go writes it from the parts (deparse.go). Rows come unsorted, as do the
// indexes': the snapshot's Normalize orders each table's lists.
// Constrained columns come as attribute numbers, which Go maps to the names
// the column query read (a per-row subquery would cost more than the rest
// of the query); referenced columns may belong to a table outside the
// snapshot, so they are looked up here, for foreign keys only.
//
// A check's expression is deparsed once per shape (checks, texts): its
// stored tree and the names of the columns it reads decide its text, and
// a catalog of many alike tables (a schema per tenant, generated tables)
// has few shapes. pg_get_expr costs 14–25 µs a call in catalog lookups: at
// 100,000 tables it was 1.4 s of the query, 0.2 s now. A check that reads
// the whole row or a system column names its table or is rare: it is
// deparsed on its own.
//
// Constraints PostgreSQL derives from a parent's (a partition's copy of its
// parent's key, the per-partition copies of a foreign key to a partitioned
// table, inherited checks) are left out: they come and go with the
// parent's, and diff must not create them twice.
var constraintsSQL = `WITH checks AS MATERIALIZED (
	SELECT con.oid, sha256(textsend(con.conbin::text)) AS shape,
		ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(num, ord)
			JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num ORDER BY k.ord) AS cols
	FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
	WHERE con.contype = 'c' AND con.conislocal AND con.conparentid = 0 AND 0 < ALL (con.conkey)
		AND ` + relationFilter(`'r', 'p'`) + `
), texts AS MATERIALIZED (
	SELECT s.shape, s.cols, pg_get_expr(one.conbin, one.conrelid, true) AS expr
	FROM (SELECT DISTINCT ON (shape, cols) oid, shape, cols FROM checks) s JOIN pg_constraint one ON one.oid = s.oid
)
SELECT con.conrelid, con.conname::text, con.contype::text, coalesce(con.conkey, '{}'),
	coalesce(fn.nspname::text, ''), coalesce(fc.relname::text, ''),
	CASE WHEN con.contype = 'f' THEN ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(num, ord)
		JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num ORDER BY k.ord) ELSE '{}' END,
	con.confupdtype::text, con.confdeltype::text, con.confmatchtype::text,
	con.condeferrable, con.condeferred,
	CASE WHEN con.contype = 'c' THEN coalesce(tx.expr, pg_get_expr(con.conbin, con.conrelid, true)) ELSE '' END,
	CASE WHEN con.contype = 'f' THEN ''
		WHEN con.contype = 'c' OR con.contype IN ('p', 'u') AND NOT EXISTS (SELECT 1 FROM pg_index ki
			WHERE ki.indexrelid = con.conindid AND (ki.indnatts <> ki.indnkeyatts OR ki.indnullsnotdistinct)) THEN NULL
		ELSE pg_get_constraintdef(con.oid, true) END,
	coalesce(d.description, ''), con.connoinherit
FROM pg_constraint con
	JOIN pg_class c ON c.oid = con.conrelid
	JOIN pg_namespace n ON n.oid = c.relnamespace
	LEFT JOIN pg_class fc ON fc.oid = con.confrelid
	LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
	LEFT JOIN checks ck ON ck.oid = con.oid
	LEFT JOIN texts tx ON tx.shape = ck.shape AND tx.cols = ck.cols` + description("pg_constraint", "con.oid", "0") + `
WHERE con.contype IN ('p', 'u', 'f', 'c', 'x') AND con.conparentid = 0
	AND (con.contype <> 'c' OR con.conislocal)
	AND ` + relationFilter(`'r', 'p'`)

// indexesSQL reads indexes of tables and materialized views, except those
// that implement a primary key, unique or exclusion constraint (reported as
// such) and
// partition indexes attached to a parent index (they follow the parent's).
// Key parts come as attribute numbers, 0 for an expression; the expressions
// are read, in order, only for indexes that have any. The whole text
// (pg_get_indexdef) carries what the parts do not: operator classes,
// collations, NULLS NOT DISTINCT, storage parameters. It is NULL for a
// plain index, whose text Go writes from the parts (deparse.go): no
// expression, no storage parameters or opclass options, and each key
// column in its own collation and in the operator class the server would
// choose for its type (the server names the class otherwise).
var indexesSQL = `SELECT i.indrelid, ic.relname::text, am.amname::text, i.indisunique,
	coalesce(pg_get_expr(i.indpred, i.indrelid, true), ''), i.indnkeyatts,
	i.indkey::int2[], i.indoption::int2[],
	CASE WHEN i.indexprs IS NULL THEN '{}' ELSE ARRAY(SELECT pg_get_indexdef(i.indexrelid, k.ord::int, true)
		FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(num, ord) WHERE k.num = 0 ORDER BY k.ord) END,
	coalesce(d.description, ''),
	CASE WHEN i.indexprs IS NULL AND ic.reloptions IS NULL AND NOT i.indnullsnotdistinct
		AND (am.amname = 'btree' OR i.indoption::int2[] <@ '{0}')
		AND NOT EXISTS (SELECT 1 FROM unnest(i.indkey::int2[], i.indclass::oid[], i.indcollation::oid[]) k(num, cls, coll)
			JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.num
			WHERE (k.cls, a.atttypid) NOT IN (` + defaultClassesSQL + `) OR k.coll <> 0 AND k.coll <> a.attcollation)
		AND NOT EXISTS (SELECT 1 FROM pg_attribute ia WHERE ia.attrelid = i.indexrelid AND ia.attoptions IS NOT NULL)
	THEN NULL ELSE pg_get_indexdef(i.indexrelid, 0, true) END
FROM pg_index i
	JOIN pg_class ic ON ic.oid = i.indexrelid
	JOIN pg_am am ON am.oid = ic.relam
	JOIN pg_class c ON c.oid = i.indrelid
	JOIN pg_namespace n ON n.oid = c.relnamespace` + description("pg_class", "i.indexrelid", "0") + `
WHERE NOT ic.relispartition
	AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = i.indexrelid
		AND con.conrelid = i.indrelid AND con.contype IN ('p', 'u', 'x'))
	AND ` + relationFilter(`'r', 'p', 'm'`)

// defaultClassesSQL lists (operator class, type) where the class is the
// one PostgreSQL picks for a column of the type when none is named
// (GetDefaultOpClass), in the cases this is certain: the method's default
// class for that very type (not a domain, which the server reads as its
// base type), or, for a plain base type with none of its own, the default
// class it reaches by implicit binary coercion: the only one, or the only
// one of a preferred type of its category (varchar reaches text_ops and
// bpchar_ops; text is preferred). Where the server's choice could involve
// a polymorphic class, the pair is left out, and the server writes the
// index's text.
const defaultClassesSQL = `SELECT oc.oid, oc.opcintype FROM pg_opclass oc JOIN pg_type t ON t.oid = oc.opcintype
			WHERE oc.opcdefault AND t.typtype <> 'd'
		UNION ALL
		SELECT CASE WHEN count(*) FILTER (WHERE ct.typispreferred AND ct.typcategory = t.typcategory) = 1
				THEN min(oc.oid) FILTER (WHERE ct.typispreferred AND ct.typcategory = t.typcategory)
				ELSE min(oc.oid) END, t.oid
			FROM pg_type t
			JOIN pg_cast ca ON ca.castsource = t.oid AND ca.castmethod = 'b' AND ca.castcontext = 'i'
			JOIN pg_opclass oc ON oc.opcintype = ca.casttarget AND oc.opcdefault
			JOIN pg_type ct ON ct.oid = oc.opcintype
			WHERE t.typtype = 'b' AND t.typelem = 0
				AND NOT EXISTS (SELECT 1 FROM pg_opclass e WHERE e.opcmethod = oc.opcmethod AND e.opcintype = t.oid AND e.opcdefault)
				AND NOT EXISTS (SELECT 1 FROM pg_opclass p JOIN pg_type pt ON pt.oid = p.opcintype
					WHERE p.opcmethod = oc.opcmethod AND p.opcdefault AND pt.typtype = 'p' AND pt.typname NOT IN
						('anyarray', 'anycompatiblearray', 'anyenum', 'anyrange', 'anycompatiblerange',
						'anymultirange', 'anycompatiblemultirange', 'record', '_record'))
			GROUP BY t.oid, oc.opcmethod
			HAVING count(*) FILTER (WHERE ct.typispreferred AND ct.typcategory = t.typcategory) = 1
				OR count(*) = 1`

// routinesSQL reads functions, procedures and aggregates. Argument types,
// modes, names and defaults are read as parallel arrays over all
// arguments, the numbering pg_get_function_arg_default uses.
var routinesSQL = `SELECT n.nspname::text, p.proname::text, p.prokind::text,
	coalesce(p.proargnames::text[], '{}'), coalesce(p.proargmodes::text[], '{}'),
	ARRAY(SELECT format_type(u.t, NULL) FROM unnest(coalesce(p.proallargtypes, p.proargtypes::oid[]))
		WITH ORDINALITY u(t, ord) ORDER BY u.ord),
	ARRAY(SELECT coalesce(pg_get_function_arg_default(p.oid, g.n), '')
		FROM generate_series(1, coalesce(cardinality(p.proallargtypes), p.pronargs)) g(n) ORDER BY g.n),
	CASE WHEN p.prokind = 'p' THEN '' ELSE coalesce(pg_get_function_result(p.oid), '') END,
	l.lanname::text,
	CASE WHEN p.prokind = 'a' THEN '' ELSE coalesce(pg_get_functiondef(p.oid), '') END,
	coalesce(d.description, '')
FROM pg_proc p
	JOIN pg_namespace n ON n.oid = p.pronamespace
	JOIN pg_language l ON l.oid = p.prolang` + description("pg_proc", "p.oid", "0") + `
WHERE ` + schemaFilter + ` AND ` + objectFilter("p.proname") + ` AND ` + notExtension("pg_proc", "p.oid") +
	` AND ` + notTypeInternal

// triggersSQL reads user triggers (not those PostgreSQL creates for
// foreign keys, nor partition clones of a parent's trigger), with the
// columns each depends on (its UPDATE OF list and WHEN condition). An object
// filter selects a trigger by its own name or its table's.
var triggersSQL = `SELECT n.nspname::text, t.tgname::text, c.relname::text, t.tgtype::int4,
	pg_get_triggerdef(t.oid, true), t.tgenabled::text,
	ARRAY(SELECT a.attname::text FROM pg_depend dep JOIN pg_attribute a ON a.attrelid = dep.refobjid AND a.attnum = dep.refobjsubid
		WHERE dep.classid = 'pg_trigger'::regclass AND dep.objid = t.oid AND dep.refclassid = 'pg_class'::regclass AND dep.refobjsubid > 0),
	coalesce(d.description, '')
FROM pg_trigger t
	JOIN pg_class c ON c.oid = t.tgrelid
	JOIN pg_namespace n ON n.oid = c.relnamespace` + description("pg_trigger", "t.oid", "0") + `
WHERE NOT t.tgisinternal AND t.tgparentid = 0 AND ` + schemaFilter + `
	AND ($2::text[] IS NULL OR t.tgname = ANY($2::text[]) OR c.relname = ANY($2::text[]))
	AND ` + notExtension("pg_class", "c.oid")

// sequencesSQL reads sequences with the column that owns them (serial:
// an "auto" dependency; identity: "internal").
var sequencesSQL = `SELECT n.nspname::text, c.relname::text, format_type(s.seqtypid, NULL),
	s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcycle, s.seqcache,
	coalesce((SELECT tc.relname || '.' || a.attname FROM pg_depend d
		JOIN pg_class tc ON tc.oid = d.refobjid
		JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
		WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
			AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i') AND d.refobjsubid > 0
		LIMIT 1), ''),
	coalesce(d.description, '')
FROM pg_sequence s
	JOIN pg_class c ON c.oid = s.seqrelid
	JOIN pg_namespace n ON n.oid = c.relnamespace` + description("pg_class", "c.oid", "0") + `
WHERE ` + relationFilter(`'S'`)

var enumsSQL = `SELECT n.nspname::text, t.typname::text,
	ARRAY(SELECT e.enumlabel::text FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder),
	coalesce(d.description, '')
FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace` + description("pg_type", "t.oid", "0") + `
WHERE t.typtype = 'e' AND ` + schemaFilter + ` AND ` + objectFilter("t.typname") + ` AND ` + notExtension("pg_type", "t.oid")
