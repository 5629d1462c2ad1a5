// Package crossengine translates a snapshot of one engine into the terms of
// another, so that a MySQL/MariaDB, PostgreSQL or SQLite structure can be
// compared with, and synced into, a database of another engine. Types,
// defaults, auto-increment and enums follow a fixed mapping (Mappings, and
// docs/cross-engine.md, which is generated from it); whatever has no
// mapping is left out and listed in the notes, never guessed.
package crossengine

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/dbls/dbls/drivers/schema"
)

var errNoMapping = errors.New("no mapping")

// Targets are the engines a snapshot can be translated into.
var Targets = []string{"mysql", "postgres", "sqlite"}

// defaultSchema is where a source's default schema lands in each target.
// MySQL's is the database the DDL runs in: names stay unqualified.
var defaultSchema = map[string]string{"mysql": "", "postgres": "public", "sqlite": "main"}

// Convert returns src translated for the target driver, and notes naming
// every column, default, index, constraint, view, trigger or routine that
// has no counterpart there (left out) or loses something on the way. src
// is not modified.
func Convert(src *schema.Snapshot, target string) (*schema.Snapshot, []string, error) {
	if !slices.Contains(Targets, target) {
		return nil, nil, fmt.Errorf("cross-engine compare into %s is not supported (targets: %s)", target, strings.Join(Targets, ", "))
	}
	switch src.Driver {
	case "mysql", "postgres", "sqlite":
	default:
		return nil, nil, fmt.Errorf("cross-engine compare from %s is not supported (sources: mysql, postgres, sqlite)", src.Driver)
	}
	c := &converter{from: src.Driver, to: target}
	out := &schema.Snapshot{Driver: target, Database: src.Database, DefaultSchema: defaultSchema[target]}
	for _, sc := range src.Schemas {
		name := sc.Name
		switch {
		case name == src.DefaultSchema || len(src.Schemas) == 1:
			name = defaultSchema[target]
		case target != "postgres":
			// SQLite has one schema; in MySQL another schema is another
			// database, outside the one compared.
			c.note("schema %s: not translated (only the default schema maps to a %s database)", sc.Name, target)
			continue
		}
		out.Schemas = append(out.Schemas, c.schema(sc, name))
	}
	out.Normalize()
	return out, c.notes, nil
}

type converter struct {
	from, to string
	notes    []string
}

func (c *converter) note(format string, args ...any) {
	c.notes = append(c.notes, fmt.Sprintf(format, args...))
}

func (c *converter) schema(sc schema.Schema, name string) schema.Schema {
	out := schema.Schema{Name: name, Comment: sc.Comment}
	enums := map[string][]string{}
	for _, e := range sc.Enums {
		enums[strings.ToLower(e.Name)] = e.Values
		enums[strings.ToLower(sc.Name+"."+e.Name)] = e.Values
	}
	relations := map[string]bool{} // index names are per schema in both targets
	for _, t := range sc.Tables {
		relations[strings.ToLower(t.Name)] = true
	}
	for _, t := range sc.Tables {
		if nt, ok := c.table(t, name, sc.Name, enums, relations); ok {
			out.Tables = append(out.Tables, nt)
		}
	}
	for _, v := range sc.Views {
		c.note("view %s.%s: its query is %s SQL and is not translated", sc.Name, v.Name, c.from)
	}
	for _, tr := range sc.Triggers {
		c.note("trigger %s.%s on %s: its body is %s SQL and is not translated", sc.Name, tr.Name, tr.Table, c.from)
	}
	for _, r := range sc.Routines {
		c.note("%s %s.%s: its body is %s SQL and is not translated", r.Kind, sc.Name, r.Name, c.from)
	}
	for _, e := range sc.Events {
		c.note("event %s.%s: its body is %s SQL and is not translated", sc.Name, e.Name, c.from)
	}
	for _, s := range sc.Sequences {
		if s.OwnedBy == "" {
			c.note("sequence %s.%s: not translated", sc.Name, s.Name)
		}
	}
	c.typeNotes(sc)
	return out
}

func (c *converter) table(t schema.Table, schemaName, srcSchema string, enums map[string][]string, relations map[string]bool) (schema.Table, bool) {
	where := srcSchema + "." + t.Name
	if t.Kind != "" && t.Kind != schema.TableOrdinary {
		c.note("table %s: %s tables are not translated", where, t.Kind)
		return schema.Table{}, false
	}
	out := schema.Table{Name: t.Name, Kind: schema.TableOrdinary, Comment: t.Comment}
	if t.OfType != "" {
		c.note("table %s: typed table (OF %s), a PostgreSQL composite type; becomes a plain table with its columns", where, t.OfType)
	}
	c.tableOptions(t, where)
	dropped := map[string]bool{}
	jsonChecks := map[string]bool{}
	for _, ck := range t.Checks { // MariaDB spells JSON as longtext CHECK (json_valid(col))
		if ck.Column != "" && isJSONValid(ck.Expr, ck.Column) {
			jsonChecks[strings.ToLower(ck.Column)] = true
		}
	}
	singlePK := ""
	if t.PrimaryKey != nil && len(t.PrimaryKey.Columns) == 1 {
		singlePK = t.PrimaryKey.Columns[0]
	}
	keyed := keyedColumns(t)
	for _, col := range t.Columns {
		nc, checks, ok := c.column(col, where, enums, jsonChecks[strings.ToLower(col.Name)], strings.EqualFold(col.Name, singlePK))
		if ok && c.to == "mysql" && nc.Type == "longtext" && keyed[strings.ToLower(col.Name)] {
			nc.Type = "varchar(255)"
			c.note("column %s.%s: an indexed text column becomes varchar(255) (MySQL indexes text only with a length)", where, col.Name)
		}
		if !ok {
			dropped[strings.ToLower(col.Name)] = true
			continue
		}
		if col.Invisible {
			c.note("column %s.%s: INVISIBLE has no counterpart in %s; the column is visible", where, col.Name, c.to)
		}
		out.Columns = append(out.Columns, nc)
		for _, ck := range checks {
			ck.Name = uniqueName(t.Name+"_"+col.Name+"_check", relations)
			out.Checks = append(out.Checks, ck)
		}
	}
	if len(out.Columns) == 0 {
		c.note("table %s: no column can be translated; left out", where)
		return schema.Table{}, false
	}
	uses := func(what string, cols []string) bool {
		for _, col := range cols {
			if dropped[strings.ToLower(col)] {
				c.note("%s of %s: uses a column left out; left out", what, where)
				return true
			}
		}
		return false
	}
	if pk := t.PrimaryKey; pk != nil && !uses("primary key", pk.Columns) {
		out.PrimaryKey = &schema.PrimaryKey{Columns: slices.Clone(pk.Columns)}
	}
	for _, u := range t.Uniques {
		if !uses("unique constraint "+u.Name, u.Columns) {
			out.Uniques = append(out.Uniques, schema.Unique{Name: uniqueName(u.Name, relations), Columns: slices.Clone(u.Columns)})
		}
	}
	for _, ix := range t.Indexes {
		if nix, ok := c.index(ix, where, relations, uses); ok {
			out.Indexes = append(out.Indexes, nix)
		}
	}
	for _, fk := range t.ForeignKeys {
		if uses("foreign key "+fk.Name, fk.Columns) {
			continue
		}
		nfk := fk
		nfk.Columns, nfk.RefColumns = slices.Clone(fk.Columns), slices.Clone(fk.RefColumns)
		nfk.RefSchema = schemaName
		if fk.RefSchema != srcSchema && fk.RefSchema != "" {
			nfk.RefSchema = fk.RefSchema
		}
		nfk.Match = ""
		switch c.to {
		case "sqlite":
			nfk.Name = "" // SQLite keeps no foreign key names in its catalog
		case "mysql":
			if nfk.Name != "" { // per database in MySQL, per table elsewhere
				if n := uniqueName(nfk.Name, relations); n != nfk.Name {
					c.note("foreign key %s of %s: renamed %s (foreign key names are per database in MySQL)", fk.Name, where, n)
					nfk.Name = n
				}
			}
		}
		out.ForeignKeys = append(out.ForeignKeys, nfk)
	}
	for _, ck := range t.Checks {
		if ck.Column != "" && jsonChecks[strings.ToLower(ck.Column)] && isJSONValid(ck.Expr, ck.Column) {
			continue // became the json type
		}
		name := ck.Name
		if name == "" {
			name = "(unnamed)"
		}
		c.note("check %s of %s: its expression is %s SQL and is not translated", name, where, c.from)
	}
	c.security(t, where)
	return out, true
}

// tableOptions notes the table options that do not carry to another
// engine (a table is translated without its options).
func (c *converter) tableOptions(t schema.Table, where string) {
	for _, o := range []struct{ key, what string }{
		{"partitioning", "partitioning"},
		{"create_options", "table options"},
		{"system_versioning", "system versioning"},
		{"inherits", "inheritance (INHERITS)"},
		{"storage", "storage parameters"},
		{"unlogged", "UNLOGGED"},
	} {
		if v := t.Options[o.key]; v != "" {
			c.note("table %s: %s (%s): no counterpart in %s; left out", where, o.what, strings.ReplaceAll(v, "\n", ", "), c.to)
		}
	}
}

func (c *converter) index(ix schema.Index, where string, relations map[string]bool, uses func(string, []string) bool) (schema.Index, bool) {
	what := "index " + ix.Name
	if ix.Method != "" && !strings.EqualFold(ix.Method, "btree") {
		c.note("%s of %s: %s indexes have no counterpart; left out", what, where, ix.Method)
		return schema.Index{}, false
	}
	if ix.Where != "" {
		c.note("%s of %s: its predicate is %s SQL; left out", what, where, c.from)
		return schema.Index{}, false
	}
	out := schema.Index{Name: ix.Name, Unique: ix.Unique}
	var cols []string
	for _, ic := range ix.Columns {
		if ic.Expr != "" {
			c.note("%s of %s: its expression is %s SQL; left out", what, where, c.from)
			return schema.Index{}, false
		}
		if ic.Length > 0 {
			c.note("%s of %s: the prefix length of %s is dropped (the whole value is indexed)", what, where, ic.Name)
		}
		cols = append(cols, ic.Name)
		out.Columns = append(out.Columns, schema.IndexColumn{Name: ic.Name, Desc: ic.Desc})
	}
	if uses(what, cols) {
		return schema.Index{}, false
	}
	if n := uniqueName(ix.Name, relations); n != ix.Name {
		c.note("%s of %s: renamed %s (index names are per schema in %s)", what, where, n, c.to)
		out.Name = n
	}
	return out, true
}

// uniqueName returns name, or name with a number, not yet used in the
// schema, and records it.
func uniqueName(name string, used map[string]bool) string {
	n := name
	for i := 2; used[strings.ToLower(n)]; i++ {
		n = fmt.Sprintf("%s_%d", name, i)
	}
	used[strings.ToLower(n)] = true
	return n
}

var jsonValidRe = regexp.MustCompile("(?i)^json_valid\\(\\s*[`\"]?([^`\")]+)[`\"]?\\s*\\)$")

func isJSONValid(expr, col string) bool {
	m := jsonValidRe.FindStringSubmatch(strings.TrimSpace(expr))
	return m != nil && strings.EqualFold(m[1], col)
}

// keyedColumns are the columns of keys, indexes and foreign keys.
func keyedColumns(t schema.Table) map[string]bool {
	out := map[string]bool{}
	add := func(cols []string) {
		for _, c := range cols {
			out[strings.ToLower(c)] = true
		}
	}
	if t.PrimaryKey != nil {
		add(t.PrimaryKey.Columns)
	}
	for _, u := range t.Uniques {
		add(u.Columns)
	}
	for _, fk := range t.ForeignKeys {
		add(fk.Columns)
	}
	for _, ix := range t.Indexes {
		for _, ic := range ix.Columns {
			add([]string{ic.Name})
		}
	}
	return out
}
