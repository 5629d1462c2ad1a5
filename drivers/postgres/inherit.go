package postgres

// Table inheritance (CREATE TABLE … INHERITS, not partitions), as table
// options:
//
//   - Options["inherits"]: the parents, "schema.table" in INHERITS order,
//     one per line;
//   - Options["inherited_columns"] and ["inherited_checks"]: the child's
//     columns and checks that come only from a parent (attislocal,
//     conislocal false), one per line.
//
// A child is created with INHERITS and without what it inherits; what a
// parent's change brings its children (a column added, dropped or
// retyped, a check added or dropped) is not written again on the child,
// where PostgreSQL would refuse it; a change of parents is INHERIT and NO
// INHERIT (ddl.SetInheritance).

import (
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/dbls/dbls/drivers/ddl"
	"github.com/dbls/dbls/drivers/schema"
)

var inheritanceSQL = `SELECT c.oid,
	(SELECT string_agg(pn.nspname || '.' || p.relname, E'\n' ORDER BY i.inhseqno)
		FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent JOIN pg_namespace pn ON pn.oid = p.relnamespace
		WHERE i.inhrelid = c.oid),
	coalesce((SELECT string_agg(a.attname, E'\n' ORDER BY a.attnum) FROM pg_attribute a
		WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND NOT a.attislocal), ''),
	coalesce((SELECT string_agg(k.conname, E'\n' ORDER BY k.conname) FROM pg_constraint k
		WHERE k.conrelid = c.oid AND k.contype = 'c' AND NOT k.conislocal), '')
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
	AND EXISTS (SELECT 1 FROM pg_inherits i WHERE i.inhrelid = c.oid) AND ` + schemaFilter + ` AND ` + objectFilter("c.relname")

func (b *builder) scanInheritance(rows pgx.Rows) error {
	var (
		rel                      uint32
		parents, columns, checks string
	)
	if err := rows.Scan(&rel, &parents, &columns, &checks); err != nil {
		return err
	}
	r := b.rels[rel]
	if r == nil || r.table == nil {
		return nil
	}
	r.table.Options["inherits"] = parents
	if columns != "" {
		r.table.Options["inherited_columns"] = columns
	}
	if checks != "" {
		r.table.Options["inherited_checks"] = checks
	}
	return nil
}

// lines splits an option that lists names one per line.
func lines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// inherited reports whether the named column or check (key
// "inherited_columns" or "inherited_checks") of t comes from a parent.
func inherited(t *schema.Table, key, name string) bool {
	return t != nil && t.Options["inherits"] != "" && slices.Contains(lines(t.Options[key]), name)
}

// parentsKept reports whether the change's table keeps its parents, so
// that what they bring it need not be written on it.
func (r *renderer) parentsKept() bool {
	return r.desired != nil && r.current != nil && r.desired.Options["inherits"] != "" &&
		r.desired.Options["inherits"] == r.current.Options["inherits"]
}

// fromParent reports whether a change to the column or check (key) of the
// table comes with its parent's change: inherited on both sides, under the
// same parents.
func (r *renderer) fromParent(key, name string) bool {
	return r.parentsKept() && inherited(r.desired, key, name) && inherited(r.current, key, name)
}

// tableRef quotes a "schema.table" reference to another table (a parent),
// in the change's schema when it names that.
func (r *renderer) tableRef(p string) string {
	if r.schema != "" && strings.HasPrefix(p, r.schema+".") {
		return qualified(r.schema, strings.TrimPrefix(p, r.schema+"."))
	}
	if s, n, ok := strings.Cut(p, "."); ok {
		return qualified(s, n)
	}
	return qualified(r.schema, p)
}

// inheritsClause is " INHERITS (…)" for a child table, "" for others.
func (r *renderer) inheritsClause(t schema.Table) string {
	parents := lines(t.Options["inherits"])
	if len(parents) == 0 {
		return ""
	}
	q := make([]string, len(parents))
	for i, p := range parents {
		q[i] = r.tableRef(p)
	}
	return " INHERITS (" + strings.Join(q, ", ") + ")"
}

// setInheritance gives a table the desired parents: NO INHERIT those it
// loses, INHERIT those it gains (its columns are there by now).
func (r *renderer) setInheritance(c ddl.SetInheritance) {
	from, to := lines(c.Current.Options["inherits"]), lines(c.Desired.Options["inherits"])
	for _, p := range from {
		if !slices.Contains(to, p) {
			r.add("ALTER TABLE %s NO INHERIT %s", r.target(), r.tableRef(p))
		}
	}
	for _, p := range to {
		if !slices.Contains(from, p) {
			r.add("ALTER TABLE %s INHERIT %s", r.target(), r.tableRef(p))
		}
	}
}
