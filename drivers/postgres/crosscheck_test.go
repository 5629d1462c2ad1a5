package postgres

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/drivertest"
	"github.com/dbls/dbls/drivers/schema"
)

// crossCheckExtras adds the cases the two fixtures leave out and where the
// catalogs are easiest to misread: a dropped column, a foreign key to a
// unique index that is no constraint, a foreign key to a partitioned table,
// sub-partitions, a check, unique constraint, index and trigger on a
// partitioned table (which partitions inherit), plain inheritance, a
// TRUNCATE trigger, an INSTEAD OF trigger on a view, overloaded functions
// and an exclusion constraint.
const crossCheckExtras = `
CREATE SCHEMA xcheck;
CREATE TABLE xcheck.gappy (
    a    integer PRIMARY KEY,
    gone integer,
    b    text NOT NULL DEFAULT 'x',
    c    integer GENERATED ALWAYS AS (a * 2) STORED,
    CONSTRAINT gappy_c_b_key UNIQUE (c, b)
);
ALTER TABLE xcheck.gappy DROP COLUMN gone;

CREATE TABLE xcheck.codes (code text NOT NULL);
CREATE UNIQUE INDEX codes_code_uidx ON xcheck.codes (code);
CREATE TABLE xcheck.uses_code (
    id   serial PRIMARY KEY,
    code text REFERENCES xcheck.codes (code) ON UPDATE CASCADE
);

CREATE TABLE xcheck.events (
    id   bigint NOT NULL,
    at   date NOT NULL,
    kind text CONSTRAINT events_kind_check CHECK (kind <> ''),
    PRIMARY KEY (id, at),
    CONSTRAINT events_id_at_kind_key UNIQUE (id, at, kind)
) PARTITION BY RANGE (at);
CREATE TABLE xcheck.events_2024 PARTITION OF xcheck.events
    FOR VALUES FROM ('2024-01-01') TO ('2025-01-01') PARTITION BY RANGE (at);
CREATE TABLE xcheck.events_2024_h1 PARTITION OF xcheck.events_2024
    FOR VALUES FROM ('2024-01-01') TO ('2024-07-01');
CREATE TABLE xcheck.events_2025 PARTITION OF xcheck.events
    FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE INDEX events_kind_idx ON xcheck.events USING hash (kind);
CREATE FUNCTION xcheck.noop() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER events_noop BEFORE INSERT OR DELETE ON xcheck.events
    FOR EACH ROW EXECUTE FUNCTION xcheck.noop();
CREATE TABLE xcheck.event_notes (
    event_id bigint,
    event_at date,
    note     text,
    CONSTRAINT event_notes_event_fkey FOREIGN KEY (event_id, event_at)
        REFERENCES xcheck.events (id, at) ON DELETE CASCADE
);

CREATE TABLE xcheck.parent_t (id integer CONSTRAINT parent_t_id_check CHECK (id > 0));
CREATE TABLE xcheck.child_t (extra integer) INHERITS (xcheck.parent_t);

CREATE FUNCTION xcheck.stmt_noop() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$;
CREATE TRIGGER codes_truncate AFTER TRUNCATE ON xcheck.codes
    FOR EACH STATEMENT EXECUTE FUNCTION xcheck.stmt_noop();

CREATE FUNCTION xcheck.f(integer) RETURNS integer LANGUAGE sql AS 'SELECT $1';
CREATE FUNCTION xcheck.f(text) RETURNS text LANGUAGE sql AS 'SELECT $1';

CREATE TABLE xcheck.bookings (
    room   integer NOT NULL,
    during int4range NOT NULL,
    CONSTRAINT bookings_no_overlap EXCLUDE USING gist (during WITH &&)
);

CREATE VIEW xcheck.codes_view AS SELECT code FROM xcheck.codes;
CREATE FUNCTION xcheck.codes_view_insert() RETURNS trigger LANGUAGE plpgsql
    AS $$ BEGIN INSERT INTO xcheck.codes VALUES (NEW.code); RETURN NEW; END $$;
CREATE TRIGGER codes_view_insert INSTEAD OF INSERT ON xcheck.codes_view
    FOR EACH ROW EXECUTE FUNCTION xcheck.codes_view_insert();

CREATE MATERIALIZED VIEW xcheck.event_counts AS SELECT at, count(*) AS n FROM xcheck.events GROUP BY at;
CREATE INDEX event_counts_at_idx ON xcheck.event_counts (at);
`

// TestSnapshotMatchesIndependentCatalog loads the driver's fixture, the
// conformance kit's fixture and a few extra edge cases into one database
// (their names do not collide: the kit's tables live in public next to the
// driver fixture's single public table, and every routine and trigger name
// differs), then checks the snapshot against an oracle: the same facts read
// again through information_schema, pg_indexes, pg_matviews and a few
// catalog functions, one naive query per table and kind of object. The
// driver reads pg_catalog in one batch; the two share no query, so a
// mistake in the driver's SQL or in the code that assembles its rows
// shows up as a disagreement.
func TestSnapshotMatchesIndependentCatalog(t *testing.T) {
	c, _ := fixtureSnapshot(t, drivers.Filter{})
	kit, err := drivertest.Fixture("postgres")
	if err != nil {
		t.Fatal(err)
	}
	mustExec(t, c, kit)
	mustExec(t, c, crossCheckExtras)
	// An extension's objects are left out of the snapshot; install one, when
	// the server has any of these, so that the oracle's exclusion is tested.
	var ext string
	err = c.pool.QueryRow(testContext(t), `SELECT coalesce((SELECT name FROM pg_available_extensions
		WHERE name IN ('citext', 'hstore', 'pg_trgm', 'btree_gist') ORDER BY name LIMIT 1), '')`).Scan(&ext)
	if err != nil {
		t.Fatal(err)
	}
	if ext != "" {
		mustExec(t, c, `CREATE EXTENSION `+Dialect{}.QuoteIdent(ext))
	} else {
		t.Log("no contrib extension available; extension exclusion is not exercised")
	}

	snap, err := c.Snapshot(testContext(t), drivers.Filter{})
	if err != nil {
		t.Fatalf("snapshot: %v", err)
	}
	o := &oracle{t: t, c: c}
	o.check(snap)
}

// oracle answers from information_schema and friends.
type oracle struct {
	t *testing.T
	c *Conn
}

// oracleQuery runs one oracle query and scans each row into a T by position.
func oracleQuery[T any](o *oracle, sql string, args ...any) []T {
	o.t.Helper()
	rows, err := o.c.pool.Query(testContext(o.t), sql, args...)
	if err != nil {
		o.t.Fatalf("oracle query %q: %v", sql, err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowToStructByPos[T])
	if err != nil {
		o.t.Fatalf("oracle query %q: %v", sql, err)
	}
	return out
}

func (o *oracle) strings(sql string, args ...any) []string {
	o.t.Helper()
	rows, err := o.c.pool.Query(testContext(o.t), sql, args...)
	if err != nil {
		o.t.Fatalf("oracle query %q: %v", sql, err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		o.t.Fatalf("oracle query %q: %v", sql, err)
	}
	return out
}

// sameList reports a difference between what the snapshot has and what the
// catalog holds, order included.
func (o *oracle) sameList(what string, got, want []string) {
	o.t.Helper()
	if got == nil {
		got = []string{}
	}
	if want == nil {
		want = []string{}
	}
	if !slices.Equal(got, want) {
		o.t.Errorf("%s: snapshot has %q, catalog has %q", what, got, want)
	}
}

// sameSet compares without regard to order.
func (o *oracle) sameSet(what string, got, want []string) {
	o.t.Helper()
	o.sameList(what, slices.Sorted(slices.Values(got)), slices.Sorted(slices.Values(want)))
}

func (o *oracle) same(what string, got, want any) {
	o.t.Helper()
	if got != want {
		o.t.Errorf("%s: snapshot has %v, catalog has %v", what, got, want)
	}
}

// User schemas, as the driver documents them: everything but
// information_schema and the pg_-prefixed system schemas.
const oracleUserSchema = `schema_name <> 'information_schema' AND schema_name NOT LIKE 'pg\_%'`

// oracleNotInExtension is true when the object (catalog, oid expression) is
// no member of an extension, asked through pg_extension.
func oracleNotInExtension(catalog, oid string) string {
	return `NOT EXISTS (SELECT 1 FROM pg_depend dep JOIN pg_extension ext ON ext.oid = dep.refobjid
		WHERE dep.refclassid = 'pg_extension'::regclass AND dep.classid = '` + catalog + `'::regclass
		AND dep.objid = ` + oid + `)`
}

// regclassOf names a relation from information_schema's schema and table
// columns.
func regclassOf(schemaCol, tableCol string) string {
	return `format('%I.%I', ` + schemaCol + `, ` + tableCol + `)::regclass`
}

// oracleNotDerived keeps constraints a table declares itself. The driver
// reports a constraint once, where it is declared: the copies PostgreSQL
// makes on partitions (a partition's share of its parent's primary key,
// unique or foreign key, and the per-partition clones of a foreign key
// that references a partitioned table) and purely inherited checks are left
// out, as diff must not create them twice. information_schema lists them
// all, so the oracle drops those pg_constraint marks as having a parent or
// as not local.
const oracleNotDerived = `NOT EXISTS (SELECT 1 FROM pg_constraint pc
	WHERE pc.conrelid = ` + `format('%I.%I', tc.table_schema, tc.table_name)::regclass` + `
	AND pc.conname = tc.constraint_name AND (pc.conparentid <> 0 OR NOT pc.conislocal))`

func (o *oracle) check(snap *schema.Snapshot) {
	schemas := o.strings(`SELECT schema_name::text FROM information_schema.schemata WHERE ` + oracleUserSchema + ` ORDER BY 1`)
	o.sameSet("schemas", names(snap.Schemas, func(s schema.Schema) string { return s.Name }), schemas)
	for _, name := range schemas {
		sc := snap.Schema(name)
		if sc == nil {
			continue // reported above
		}
		o.checkSchema(sc)
	}
}

func (o *oracle) checkSchema(sc *schema.Schema) {
	// Tables. information_schema calls ordinary tables, partitioned tables
	// and partitions alike BASE TABLE; the driver reports all three as
	// tables and tells them apart by Kind, which is checked per table from
	// pg_partitioned_table and pg_partition_ancestors. Foreign tables are
	// FOREIGN there and not tables to the driver either.
	tables := o.strings(`SELECT table_name::text FROM information_schema.tables
		WHERE table_schema = $1 AND table_type = 'BASE TABLE'
		AND `+oracleNotInExtension("pg_class", regclassOf("table_schema", "table_name"))+` ORDER BY 1`, sc.Name)
	o.sameSet(sc.Name+": tables", names(sc.Tables, func(t schema.Table) string { return t.Name }), tables)
	for _, name := range tables {
		if t := sc.Table(name); t != nil {
			o.checkTable(sc.Name, t)
		}
	}

	// Views: plain ones from information_schema, materialized ones (which
	// information_schema does not know) from pg_matviews.
	views := o.strings(`SELECT table_name::text FROM information_schema.views WHERE table_schema = $1
		AND `+oracleNotInExtension("pg_class", regclassOf("table_schema", "table_name"))+` ORDER BY 1`, sc.Name)
	matviews := o.strings(`SELECT matviewname::text FROM pg_matviews WHERE schemaname = $1
		AND `+oracleNotInExtension("pg_class", regclassOf("schemaname", "matviewname"))+` ORDER BY 1`, sc.Name)
	var gotViews, gotMatviews []string
	for _, v := range sc.Views {
		if v.Materialized {
			gotMatviews = append(gotMatviews, v.Name)
		} else {
			gotViews = append(gotViews, v.Name)
		}
	}
	o.sameSet(sc.Name+": views", gotViews, views)
	o.sameSet(sc.Name+": materialized views", gotMatviews, matviews)
	for _, name := range views {
		if v := sc.View(name); v != nil && !v.Materialized {
			want := o.strings(`SELECT column_name::text FROM information_schema.columns
				WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position`, sc.Name, name)
			o.sameList(fmt.Sprintf("%s.%s: view columns", sc.Name, name), names(v.Columns, func(c schema.Column) string { return c.Name }), want)
		}
	}
	for _, name := range matviews {
		if v := sc.View(name); v != nil && v.Materialized {
			o.checkIndexes(fmt.Sprintf("%s.%s", sc.Name, name), sc.Name, name, v.Indexes)
		}
	}

	o.checkRoutines(sc)
	o.checkTriggers(sc)
}

type oracleColumn struct {
	Name, Nullable                 string
	HasDefault                     bool
	IsIdentity, IdentityGeneration string
	IsGenerated, GenerationExpr    string
	Serial                         bool
}

func (o *oracle) checkTable(sc string, t *schema.Table) {
	where := sc + "." + t.Name

	// Kind and parent, from the partitioning catalogs.
	type kindRow struct {
		Partitioned bool
		Parent      string
	}
	kind := oracleQuery[kindRow](o, `SELECT EXISTS (SELECT 1 FROM pg_partitioned_table WHERE partrelid = $1::regclass),
		coalesce((SELECT pn.nspname || '.' || pc.relname
			FROM pg_partition_ancestors($1::regclass) WITH ORDINALITY a(relid, ord)
				JOIN pg_class pc ON pc.oid = a.relid JOIN pg_namespace pn ON pn.oid = pc.relnamespace
			WHERE a.relid <> $1::regclass ORDER BY a.ord LIMIT 1), '')`,
		Dialect{}.QuoteIdent(sc)+"."+Dialect{}.QuoteIdent(t.Name))[0]
	wantKind, wantParent := schema.TableOrdinary, ""
	switch {
	case kind.Parent != "":
		wantKind, wantParent = schema.TablePartition, kind.Parent
	case kind.Partitioned:
		wantKind = schema.TablePartitioned
	}
	o.same(where+": kind", t.Kind, wantKind)
	o.same(where+": partition of", t.PartitionOf, wantParent)

	// Columns in ordinal order. ordinal_position keeps the gaps dropped
	// columns leave; the snapshot numbers densely, so names are compared in
	// order and positions against 1..n.
	cols := oracleQuery[oracleColumn](o, `SELECT column_name::text, is_nullable::text, column_default IS NOT NULL,
		is_identity::text, coalesce(identity_generation, '')::text,
		is_generated::text, coalesce(generation_expression, '')::text,
		column_default LIKE 'nextval(%' AND is_identity = 'NO'
			AND pg_get_serial_sequence(format('%I.%I', table_schema, table_name), column_name) IS NOT NULL
	FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position`, sc, t.Name)
	o.sameList(where+": columns", names(t.Columns, func(c schema.Column) string { return c.Name }), names(cols, func(c oracleColumn) string { return c.Name }))
	for i, want := range cols {
		got := t.Column(want.Name)
		if got == nil {
			continue // reported above
		}
		cw := where + "." + want.Name
		o.same(cw+": position", got.Position, i+1)
		o.same(cw+": nullable", got.Nullable, want.Nullable == "YES")
		// Identity and generated columns have no column_default.
		o.same(cw+": has default", got.Default != nil, want.HasDefault)
		o.same(cw+": serial", got.AutoIncrement, want.Serial)
		wantIdentity := ""
		if want.IsIdentity == "YES" {
			wantIdentity = strings.ToLower(want.IdentityGeneration)
			if wantIdentity == "" {
				o.t.Errorf("%s: oracle: identity column without identity_generation", cw)
			}
		}
		o.same(cw+": identity", got.Identity, wantIdentity)
		wantGenerated := want.IsGenerated == "ALWAYS" && want.GenerationExpr != ""
		o.same(cw+": generated", got.Generated != nil, wantGenerated)
		if got.Generated != nil && wantGenerated && (got.Generated.Expr == "" || !got.Generated.Stored) {
			o.t.Errorf("%s: generated %+v, catalog has stored %q", cw, *got.Generated, want.GenerationExpr)
		}
	}

	// Primary key and unique constraints, columns in key order.
	pks := o.keyConstraints(sc, t.Name, "PRIMARY KEY")
	switch {
	case len(pks) > 1:
		o.t.Errorf("%s: oracle: %d primary keys", where, len(pks))
	case len(pks) == 0:
		if t.PrimaryKey != nil {
			o.t.Errorf("%s: snapshot has primary key %+v, catalog has none", where, *t.PrimaryKey)
		}
	case t.PrimaryKey == nil:
		o.t.Errorf("%s: snapshot has no primary key, catalog has %s %q", where, pks[0].Name, pks[0].Columns)
	default:
		o.same(where+": primary key name", t.PrimaryKey.Name, pks[0].Name)
		o.sameList(where+": primary key "+pks[0].Name, t.PrimaryKey.Columns, pks[0].Columns)
	}
	uniques := o.keyConstraints(sc, t.Name, "UNIQUE")
	o.sameSet(where+": unique constraints", names(t.Uniques, func(u schema.Unique) string { return u.Name }),
		names(uniques, func(k oracleKey) string { return k.Name }))
	for _, want := range uniques {
		for _, got := range t.Uniques {
			if got.Name == want.Name {
				o.sameList(where+": unique "+want.Name, got.Columns, want.Columns)
			}
		}
	}

	o.checkForeignKeys(sc, t)

	// Check constraints by name. information_schema reports each NOT NULL
	// column as a CHECK constraint named like <oids>_not_null; those are
	// the columns' nullability, checked above.
	checks := o.strings(`SELECT tc.constraint_name::text FROM information_schema.table_constraints tc
		WHERE tc.table_schema = $1 AND tc.table_name = $2 AND tc.constraint_type = 'CHECK'
		AND tc.constraint_name NOT LIKE '%\_not\_null' AND `+oracleNotDerived+` ORDER BY 1`, sc, t.Name)
	o.same(where+": number of checks", len(t.Checks), len(checks))
	o.sameSet(where+": checks", names(t.Checks, func(c schema.Check) string { return c.Name }), checks)
	for _, ck := range t.Checks {
		if ck.Expr == "" {
			o.t.Errorf("%s: check %s has no expression", where, ck.Name)
		}
	}

	o.checkIndexes(where, sc, t.Name, t.Indexes)
}

type oracleKey struct {
	Name    string
	Columns []string
}

// keyConstraints reads primary key or unique constraints with their columns
// in key order, from table_constraints and key_column_usage.
func (o *oracle) keyConstraints(sc, table, typ string) []oracleKey {
	o.t.Helper()
	return oracleQuery[oracleKey](o, `SELECT tc.constraint_name::text,
		array_agg(kcu.column_name::text ORDER BY kcu.ordinal_position)
	FROM information_schema.table_constraints tc
		JOIN information_schema.key_column_usage kcu ON kcu.constraint_schema = tc.constraint_schema
			AND kcu.constraint_name = tc.constraint_name
			AND kcu.table_schema = tc.table_schema AND kcu.table_name = tc.table_name
	WHERE tc.table_schema = $1 AND tc.table_name = $2 AND tc.constraint_type = $3 AND `+oracleNotDerived+`
	GROUP BY tc.constraint_name ORDER BY 1`, sc, table, typ)
}

type oracleFKRules struct {
	Name                     string
	UpdateRule, DeleteRule   string
	MatchOption              string
	UniqueSchema, UniqueName string
}

type oracleFKColumns struct {
	Name      string
	Columns   []string
	Positions []int32
}

func (o *oracle) checkForeignKeys(sc string, t *schema.Table) {
	where := sc + "." + t.Name
	// referential_constraints has no table column, and PostgreSQL allows the
	// same foreign-key name on several tables of one schema (a partition's
	// clone keeps its parent's name); it also repeats a clone once more with
	// no unique constraint for each extra dependency the clone has. So rows
	// are gathered per name: the rules must agree, and at most one
	// referenced unique constraint may appear, else the name is reported as
	// ambiguous.
	rules := oracleQuery[oracleFKRules](o, `SELECT DISTINCT tc.constraint_name::text, rc.update_rule::text,
		rc.delete_rule::text, rc.match_option::text,
		coalesce(rc.unique_constraint_schema::text, ''), coalesce(rc.unique_constraint_name::text, '')
	FROM information_schema.table_constraints tc
		JOIN information_schema.referential_constraints rc
			ON rc.constraint_schema = tc.constraint_schema AND rc.constraint_name = tc.constraint_name
	WHERE tc.table_schema = $1 AND tc.table_name = $2 AND tc.constraint_type = 'FOREIGN KEY' AND `+oracleNotDerived+`
	ORDER BY 1`, sc, t.Name)
	// The key's own columns, with the position of the matching referenced
	// column in the referenced unique constraint.
	cols := oracleQuery[oracleFKColumns](o, `SELECT kcu.constraint_name::text,
		array_agg(kcu.column_name::text ORDER BY kcu.ordinal_position),
		array_agg(kcu.position_in_unique_constraint::int4 ORDER BY kcu.ordinal_position)
	FROM information_schema.key_column_usage kcu
	WHERE kcu.table_schema = $1 AND kcu.table_name = $2 AND kcu.position_in_unique_constraint IS NOT NULL
	GROUP BY 1`, sc, t.Name)

	type fkWant struct {
		rules                      oracleFKRules
		uniqueSchema, uniqueName   string
		ambiguousRules, ambiguousU bool
	}
	var order []string
	wants := map[string]*fkWant{}
	for _, r := range rules {
		w := wants[r.Name]
		if w == nil {
			w = &fkWant{rules: r}
			wants[r.Name] = w
			order = append(order, r.Name)
		}
		if r.UpdateRule != w.rules.UpdateRule || r.DeleteRule != w.rules.DeleteRule || r.MatchOption != w.rules.MatchOption {
			w.ambiguousRules = true
		}
		if r.UniqueName != "" {
			if w.uniqueName != "" && (w.uniqueSchema != r.UniqueSchema || w.uniqueName != r.UniqueName) {
				w.ambiguousU = true
			}
			w.uniqueSchema, w.uniqueName = r.UniqueSchema, r.UniqueName
		}
	}
	o.sameSet(where+": foreign keys", names(t.ForeignKeys, func(f schema.ForeignKey) string { return f.Name }), order)

	for _, name := range order {
		want := wants[name]
		fw := where + ": foreign key " + name
		var got *schema.ForeignKey
		for i := range t.ForeignKeys {
			if t.ForeignKeys[i].Name == name {
				got = &t.ForeignKeys[i]
			}
		}
		if got == nil {
			continue // reported above
		}
		if want.ambiguousRules || want.ambiguousU {
			o.t.Errorf("%s: oracle: the name is ambiguous in information_schema.referential_constraints", fw)
			continue
		}
		var kc *oracleFKColumns
		for i := range cols {
			if cols[i].Name == name {
				kc = &cols[i]
			}
		}
		if kc == nil {
			o.t.Errorf("%s: oracle: no key_column_usage rows", fw)
			continue
		}
		o.sameList(fw+" columns", got.Columns, kc.Columns)

		var refSchema, refTable string
		var refCols []string
		if want.uniqueName != "" {
			// Primary key and unique constraint names are unique per schema:
			// each shares its name with its index.
			type ukRow struct {
				Table  string
				Column string
			}
			uk := oracleQuery[ukRow](o, `SELECT table_name::text, column_name::text FROM information_schema.key_column_usage
				WHERE constraint_schema = $1 AND constraint_name = $2 ORDER BY ordinal_position`, want.uniqueSchema, want.uniqueName)
			if len(uk) == 0 {
				o.t.Errorf("%s: oracle: referenced constraint %s.%s has no columns", fw, want.uniqueSchema, want.uniqueName)
				continue
			}
			refSchema, refTable = want.uniqueSchema, uk[0].Table
			for _, pos := range kc.Positions {
				if pos < 1 || int(pos) > len(uk) {
					o.t.Errorf("%s: oracle: position %d in unique constraint %s", fw, pos, want.uniqueName)
					continue
				}
				refCols = append(refCols, uk[pos-1].Column)
			}
		} else {
			// The key references a unique index that is no constraint, which
			// information_schema cannot name: read the referenced table and
			// columns from pg_constraint.confrelid and confkey.
			type refRow struct {
				Schema, Table string
				Columns       []string
			}
			ref := oracleQuery[refRow](o, `SELECT fn.nspname::text, fc.relname::text,
				ARRAY(SELECT fa.attname::text FROM unnest(pc.confkey) WITH ORDINALITY k(num, ord)
					JOIN pg_attribute fa ON fa.attrelid = pc.confrelid AND fa.attnum = k.num ORDER BY k.ord)
			FROM pg_constraint pc JOIN pg_class fc ON fc.oid = pc.confrelid JOIN pg_namespace fn ON fn.oid = fc.relnamespace
			WHERE pc.conrelid = format('%I.%I', $1::text, $2::text)::regclass AND pc.conname = $3`, sc, t.Name, name)
			if len(ref) != 1 {
				o.t.Errorf("%s: oracle: %d pg_constraint rows", fw, len(ref))
				continue
			}
			refSchema, refTable, refCols = ref[0].Schema, ref[0].Table, ref[0].Columns
		}
		o.same(fw+" referenced table", got.RefSchema+"."+got.RefTable, refSchema+"."+refTable)
		o.sameList(fw+" referenced columns", got.RefColumns, refCols)
		o.same(fw+" ON DELETE", got.OnDelete, want.rules.DeleteRule)
		o.same(fw+" ON UPDATE", got.OnUpdate, want.rules.UpdateRule)
		wantMatch := want.rules.MatchOption
		if wantMatch == "NONE" { // MATCH SIMPLE, which the snapshot leaves empty
			wantMatch = ""
		}
		o.same(fw+" MATCH", got.Match, wantMatch)
	}
}

var usingMethod = regexp.MustCompile(` USING (\w+) \(`)

// checkIndexes compares the indexes of a table or materialized view that
// back no primary key or unique constraint. Those that do share the
// constraint's name, which table_constraints lists. An index attached to a
// partitioned parent's index is reported once, on the parent; pg_inherits
// links it to that parent.
func (o *oracle) checkIndexes(where, sc, table string, got []schema.Index) {
	type ixRow struct {
		Name   string
		Unique bool
		Def    string
	}
	want := oracleQuery[ixRow](o, `SELECT ix.indexname::text, i.indisunique, ix.indexdef
	FROM pg_indexes ix JOIN pg_index i ON i.indexrelid = format('%I.%I', ix.schemaname, ix.indexname)::regclass
	WHERE ix.schemaname = $1 AND ix.tablename = $2
		AND ix.indexname NOT IN (SELECT tc.constraint_name FROM information_schema.table_constraints tc
			WHERE tc.table_schema = $1 AND tc.table_name = $2 AND tc.constraint_type IN ('PRIMARY KEY', 'UNIQUE'))
		AND NOT EXISTS (SELECT 1 FROM pg_inherits h WHERE h.inhrelid = i.indexrelid)
		AND NOT EXISTS (SELECT 1 FROM pg_constraint x WHERE x.conindid = i.indexrelid AND x.contype = 'x')
	ORDER BY 1`, sc, table)
	o.sameSet(where+": indexes", names(got, func(ix schema.Index) string { return ix.Name }), names(want, func(r ixRow) string { return r.Name }))
	for _, w := range want {
		for _, g := range got {
			if g.Name != w.Name {
				continue
			}
			o.same(where+": index "+w.Name+" unique", g.Unique, w.Unique)
			if m := usingMethod.FindStringSubmatch(w.Def); m != nil {
				o.same(where+": index "+w.Name+" method", g.Method, m[1])
			} else {
				o.t.Errorf("%s: oracle: no access method in %q", where, w.Def)
			}
		}
	}
}

// checkRoutines compares routines by name and kind, overloads counted.
// information_schema.routines gives FUNCTION or PROCEDURE and NULL for
// aggregates and window functions, told apart through pg_aggregate; the
// routine's OID is the suffix of its specific_name.
func (o *oracle) checkRoutines(sc *schema.Schema) {
	want := o.strings(`SELECT r.routine_name::text || ' ' || CASE
			WHEN r.routine_type = 'PROCEDURE' THEN 'procedure'
			WHEN r.routine_type = 'FUNCTION' THEN 'function'
			WHEN EXISTS (SELECT 1 FROM pg_aggregate a WHERE a.aggfnoid = x.oid) THEN 'aggregate'
			ELSE 'function' END
	FROM information_schema.routines r
		CROSS JOIN LATERAL (SELECT substring(r.specific_name FROM '_([0-9]+)$')::oid AS oid) x
	WHERE r.routine_schema = $1 AND `+oracleNotInExtension("pg_proc", "x.oid")+`
	ORDER BY 1`, sc.Name)
	o.same(sc.Name+": number of routines", len(sc.Routines), len(want))
	o.sameSet(sc.Name+": routines", names(sc.Routines, func(r schema.Routine) string { return r.Name + " " + r.Kind }), want)
}

// checkTriggers compares triggers by table and name, with timing and
// events. information_schema.triggers has a row per event and knows only
// INSERT, UPDATE and DELETE, so a trigger that fires on TRUNCATE alone is
// missing there; such a trigger is accepted from the snapshot as is. The
// copies PostgreSQL makes of a partitioned table's trigger on each
// partition (pg_trigger.tgparentid) are reported once, on the parent.
func (o *oracle) checkTriggers(sc *schema.Schema) {
	type trRow struct {
		Table, Name, Timing string
		Events              []string
	}
	want := oracleQuery[trRow](o, `SELECT t.event_object_table::text, t.trigger_name::text, t.action_timing::text,
		array_agg(DISTINCT t.event_manipulation::text ORDER BY t.event_manipulation::text)
	FROM information_schema.triggers t
	WHERE t.trigger_schema = $1
		AND NOT EXISTS (SELECT 1 FROM pg_trigger tg
			WHERE tg.tgrelid = format('%I.%I', t.event_object_schema, t.event_object_table)::regclass
			AND tg.tgname = t.trigger_name AND tg.tgparentid <> 0)
		AND `+oracleNotInExtension("pg_class", regclassOf("t.event_object_schema", "t.event_object_table"))+`
	GROUP BY 1, 2, 3 ORDER BY 1, 2`, sc.Name)
	key := func(table, name string) string { return table + "." + name }
	var got []string
	for _, tr := range sc.Triggers {
		if slices.Equal(tr.Events, []string{"TRUNCATE"}) {
			continue
		}
		got = append(got, key(tr.Table, tr.Name))
	}
	o.sameSet(sc.Name+": triggers", got, names(want, func(r trRow) string { return key(r.Table, r.Name) }))
	for _, w := range want {
		for _, g := range sc.Triggers {
			if g.Table != w.Table || g.Name != w.Name {
				continue
			}
			tw := fmt.Sprintf("%s.%s: trigger %s", sc.Name, w.Table, w.Name)
			o.same(tw+" timing", g.Timing, w.Timing)
			events := slices.DeleteFunc(slices.Clone(g.Events), func(e string) bool { return e == "TRUNCATE" })
			o.sameSet(tw+" events", events, w.Events)
		}
	}
}
