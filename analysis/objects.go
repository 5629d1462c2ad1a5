package analysis

import (
	"slices"
	"strings"

	"github.com/dbls/dbls/drivers/schema"
)

// Completion of existing objects in DDL and privileges: DROP|ALTER
// <kind> |, COMMENT ON <kind> |, TRUNCATE [TABLE] |, GRANT|REVOKE … ON
// [<kind>] |, and nothing where a new name goes (ALTER TABLE t RENAME TO |).

// Kinds of completion item for the objects of DDL.
const (
	KindIndex    = "index"
	KindSequence = "sequence"
	KindType     = "type"
	KindTrigger  = "trigger"
)

// objectKinds are the words naming a kind of object after DROP, ALTER,
// COMMENT ON and GRANT … ON.
var objectKinds = makeSet(`TABLE VIEW INDEX FUNCTION PROCEDURE ROUTINE AGGREGATE SEQUENCE TYPE
DOMAIN SCHEMA DATABASE TRIGGER`)

// objectPosition completes where an existing object of some kind is named;
// it reports whether the cursor was in such a place (even with nothing to
// offer, as after RENAME TO).
func (c *completer) objectPosition(w word) bool {
	p := c.p
	if p.cur < 1 {
		return false
	}
	first := p.word(0)
	switch first {
	case "DROP", "ALTER", "COMMENT", "TRUNCATE", "GRANT", "REVOKE":
	default:
		return false
	}
	k := p.cur - 1
	var sc *schema.Schema
	if w.qualified {
		if sc = c.ix.lookupSchema(w.qualifier, w.qualQuoted); sc == nil {
			return false
		}
		k -= 2
	}
	if first == "ALTER" && p.word(0) == "ALTER" {
		switch {
		case p.word(k) == "TO" && (p.word(k-1) == "RENAME" || p.word(k-3) == "RENAME"),
			p.word(k) == "COLUMN" && p.word(k-1) == "ADD":
			return true // a new name
		case p.word(k) == "ADD" && p.word(1) == "TABLE" && !w.qualified:
			c.keywords([]string{"COLUMN", "CONSTRAINT", "PRIMARY KEY", "FOREIGN KEY", "UNIQUE", "CHECK", "INDEX"})
			return true
		}
	}
	if (first == "GRANT" || first == "REVOKE") && (p.word(k) == "TO" || p.word(k) == "FROM") {
		return true // roles: not in the snapshot
	}
	// Earlier names of a list: DROP TABLE a, b, |
	for (first == "DROP" || first == "TRUNCATE") && p.punct(k, ",") {
		k--
		for p.isName(k) && p.punct(k-1, ".") {
			k -= 2
		}
		if !p.isName(k) {
			return false
		}
		k--
	}
	if p.word(k) == "EXISTS" && p.word(k-1) == "IF" {
		k -= 2
	}
	for p.word(k) == "ONLY" || p.word(k) == "CONCURRENTLY" {
		k--
	}
	kind := p.word(k)
	mat := p.word(k-1) == "MATERIALIZED"
	at := k // where the kind word stands
	if mat {
		at--
	}
	switch first {
	case "DROP", "ALTER":
		if at != 1 || !objectKinds[kind] {
			// MySQL: DROP INDEX ix ON |
			if first == "DROP" && kind == "ON" && p.word(1) == "INDEX" && k == 3 {
				c.objectsOf("TABLE", false, sc)
				return true
			}
			return false
		}
	case "COMMENT":
		if p.word(1) != "ON" || at != 2 || !objectKinds[kind] && kind != "COLUMN" {
			return false
		}
		if kind == "COLUMN" {
			kind = "TABLE" // COMMENT ON COLUMN |: the table first
		}
	case "TRUNCATE":
		switch {
		case k == 0:
			kind = "TABLE"
		case k == 1 && kind == "TABLE":
		default:
			return false
		}
	case "GRANT", "REVOKE":
		switch {
		case kind == "ON":
			kind = "RELATION"
			if !w.qualified {
				c.keywords([]string{"TABLE", "ALL TABLES IN SCHEMA", "SEQUENCE", "FUNCTION", "PROCEDURE", "SCHEMA"})
			}
		case kind == "SCHEMA" && p.word(k-1) == "IN" && p.word(k-2) == "TABLES":
		case p.word(k-1) == "ON" && objectKinds[kind]:
			if kind == "TABLE" {
				kind = "RELATION" // GRANT … ON TABLE takes views too
			}
		default:
			return false
		}
	}
	c.objectsOf(kind, mat, sc)
	return true
}

// objectsOf offers the snapshot's objects of a kind (in schema sc when
// not nil), qualified outside the search path.
func (c *completer) objectsOf(kind string, materialized bool, only *schema.Schema) {
	if kind == "SCHEMA" || kind == "DATABASE" {
		for _, sc := range c.ix.schemaList {
			if only == nil && c.match(sc.Name) {
				c.add(rankScope, sc.Name, KindSchema, "schema", c.ident(sc.Name))
			}
		}
		return
	}
	full := func() bool { return c.limit > 0 && len(c.buckets[rankScope]) > c.limit }
	if only == nil && (kind == "TABLE" || kind == "VIEW" || kind == "RELATION") {
		for k := len(c.p.doc.list) - 1; k >= 0; k-- {
			if r := c.p.doc.list[k]; c.match(r.written) {
				c.add(rankScope, r.written, KindTable, "table "+r.name+" (created in this document)", c.ident(r.written))
			}
		}
	}
	if only == nil && (kind == "TABLE" || kind == "VIEW" || kind == "RELATION") {
		c.indexedRelations(kind, materialized)
		return
	}
	// The search path's schemas first, then the others, by name.
	schemas := make([]*schema.Schema, 0, len(c.ix.schemaList))
	for _, sc := range c.ix.schemaList {
		if c.ix.inPath[sc.Name] {
			schemas = append(schemas, sc)
		}
	}
	for _, sc := range c.ix.schemaList {
		if !c.ix.inPath[sc.Name] {
			schemas = append(schemas, sc)
		}
	}
	for _, sc := range schemas {
		if only != nil && sc != only {
			continue
		}
		qual := ""
		if only == nil && !c.ix.inPath[sc.Name] {
			qual = sc.Name
		}
		offer := func(name, kind string, detailOf func() string) {
			if full() || !c.match(name) && !(qual != "" && c.match(qual)) {
				return
			}
			detail := detailOf()
			label, insert := name, c.ident(name)
			if qual != "" {
				label = qual + "." + name
				insert = c.ident(qual) + "." + c.ident(name)
			}
			c.add(rankScope, label, kind, detail, insert)
		}
		switch kind {
		case "TABLE", "RELATION":
			for i := range sc.Tables {
				offer(sc.Tables[i].Name, KindTable, func() string { return tableDetail(sc.Name, &sc.Tables[i]) })
			}
			if kind == "RELATION" {
				for i := range sc.Views {
					offer(sc.Views[i].Name, KindView, func() string { return viewDetail(sc.Name, &sc.Views[i]) })
				}
			}
		case "VIEW":
			for i := range sc.Views {
				if v := &sc.Views[i]; v.Materialized == materialized {
					offer(v.Name, KindView, func() string { return viewDetail(sc.Name, v) })
				}
			}
		case "INDEX":
			for i := range sc.Tables {
				t := &sc.Tables[i]
				for _, ix := range t.Indexes {
					offer(ix.Name, KindIndex, func() string { return "index on " + sc.Name + "." + t.Name })
				}
			}
			for i := range sc.Views {
				v := &sc.Views[i]
				for _, ix := range v.Indexes {
					offer(ix.Name, KindIndex, func() string { return "index on " + sc.Name + "." + v.Name })
				}
			}
		case "FUNCTION", "PROCEDURE", "ROUTINE", "AGGREGATE":
			for i := range sc.Routines {
				r := &sc.Routines[i]
				if kind == "ROUTINE" || strings.EqualFold(r.Kind, kind) || r.Kind == "" {
					offer(r.Name, KindFunction, func() string { return routineSignature(r, "").Label })
				}
			}
		case "SEQUENCE":
			for _, s := range sc.Sequences {
				offer(s.Name, KindSequence, func() string { return "sequence " + sc.Name + "." + s.Name })
			}
		case "TYPE", "DOMAIN":
			if kind == "TYPE" {
				for _, e := range sc.Enums {
					offer(e.Name, KindType, func() string { return "enum (" + strings.Join(e.Values, ", ") + ")" })
				}
			}
			for _, dm := range sc.Domains {
				offer(dm.Name, KindType, func() string { return "domain over " + dm.Type })
			}
		case "TRIGGER":
			for _, tg := range sc.Triggers {
				offer(tg.Name, KindTrigger, func() string { return "trigger on " + tg.Table })
			}
		}
	}
}

// indexedRelations offers the catalog's tables (TABLE), views (VIEW) or
// both (RELATION) from the index's items: in its order, found by prefix,
// and no more than the reply can hold.
func (c *completer) indexedRelations(kind string, materialized bool) {
	want := func(it *relItem) bool {
		switch kind {
		case "TABLE":
			return it.kind == KindTable
		case "VIEW":
			return it.kind == KindView && strings.HasPrefix(it.detail, "materialized ") == materialized
		}
		return true
	}
	take := func(i int) bool {
		it := &c.ix.items[i]
		if !want(it) {
			return true
		}
		if c.limit > 0 && len(c.buckets[rankScope]) >= c.limit {
			c.more = true
			return false
		}
		// The index's item as it is (its SortText ranks it after the
		// document's own tables): no per-item allocation.
		item := it.table
		item.InsertText = c.relInsert(it)
		c.buckets[rankScope] = append(c.buckets[rankScope], item)
		return true
	}
	if c.limit > 0 {
		c.buckets[rankScope] = slices.Grow(c.buckets[rankScope], min(c.limit, len(c.ix.items)))
	}
	if c.prefix != "" {
		// More than limit may be skipped by kind: ask for all matches.
		matched, _ := c.ix.matching(c.prefix, 0)
		for _, i := range matched {
			if !take(i) {
				return
			}
		}
		return
	}
	for i := range c.ix.items {
		if !take(i) {
			return
		}
	}
}

// dataTypes are the types offered where a column's type goes, per
// dialect, besides the snapshot's enums and domains.
var dataTypes = map[Dialect][]string{
	Postgres: strings.Fields(`INTEGER BIGINT SMALLINT NUMERIC REAL TEXT VARCHAR CHAR BOOLEAN DATE TIME TIMESTAMP
TIMESTAMPTZ INTERVAL UUID JSONB JSON BYTEA SERIAL BIGSERIAL INET CIDR`),
	MySQL: strings.Fields(`INT BIGINT SMALLINT TINYINT DECIMAL DOUBLE FLOAT VARCHAR CHAR TEXT MEDIUMTEXT LONGTEXT
DATE DATETIME TIMESTAMP TIME YEAR JSON BLOB BOOLEAN ENUM SET`),
	SQLite: strings.Fields(`INTEGER TEXT REAL NUMERIC BLOB`),
}

// typePosition completes where a column's type goes: CREATE TABLE t (c |,
// ALTER TABLE t ADD [COLUMN] c |, ALTER … TYPE |, MySQL MODIFY c | and
// CHANGE a b |, CAST(x AS |) and x::|. It reports whether the cursor was
// there.
func (c *completer) typePosition(w word) bool {
	p := c.p
	k := p.cur - 1
	if k < 1 || c.quoted {
		return false
	}
	if w.qualified {
		k -= 2
	}
	at := false
	switch {
	case p.punct(k, "::") && c.d == Postgres, p.word(k) == "TYPE" && p.word(0) == "ALTER":
		at = true
	case p.word(k) == "AS":
		open := p.openBefore(k, 0)
		at = open > 0 && p.word(open-1) == "CAST"
	case p.isName(k) && p.word(0) == "ALTER" && p.word(1) == "TABLE" && !constraintStart[p.word(k)] && p.word(k) != "COLUMN":
		j := k - 1
		if p.word(j) == "EXISTS" && p.word(j-1) == "NOT" && p.word(j-2) == "IF" {
			j -= 3
		}
		if p.word(j) == "COLUMN" {
			j--
		}
		switch p.word(j) {
		case "ADD":
			at = true
		case "MODIFY":
			at = c.d == MySQL
		}
		if c.d == MySQL && p.isName(j) && (p.word(j-1) == "CHANGE" || p.word(j-1) == "COLUMN" && p.word(j-2) == "CHANGE") {
			at = true
		}
	case p.isName(k) && (p.punct(k-1, "(") || p.punct(k-1, ",")) && p.word(0) == "CREATE":
		open := p.openBefore(p.cur, 0)
		at = open == k-1 || p.punct(k-1, ",") && open >= 0 && p.openBefore(k, 0) == open
		at = at && open > 1 && p.isName(open-1) && p.createsTable() && !constraintStart[p.word(k)]
	}
	if !at {
		return false
	}
	if !w.qualified {
		lower := c.typedLower()
		for _, t := range dataTypes[c.d] {
			if c.match(t) {
				ins := t
				if lower {
					ins = strings.ToLower(t)
				}
				c.add(rankScope, t, KindType, "type", ins)
			}
		}
	}
	var only *schema.Schema
	if w.qualified {
		if only = c.ix.lookupSchema(w.qualifier, w.qualQuoted); only == nil {
			return true
		}
	}
	c.objectsOf("TYPE", false, only)
	return true
}

// createsTable reports whether the statement is CREATE [TEMP…] TABLE.
func (p *parser) createsTable() bool {
	for i := 1; i < 4; i++ {
		switch p.word(i) {
		case "TABLE":
			return true
		case "TEMP", "TEMPORARY", "UNLOGGED", "GLOBAL", "LOCAL", "OR", "REPLACE":
		default:
			return false
		}
	}
	return false
}

// keyColumns completes the positions of keys and references in CREATE
// TABLE and ALTER TABLE: REFERENCES | (the tables), REFERENCES t ( | ) (t's
// columns), and, in ALTER TABLE t ADD …, FOREIGN KEY|PRIMARY KEY|UNIQUE
// ( | ) (t's columns); also CREATE INDEX … ON | (the tables). It reports
// whether the cursor was in one.
func (c *completer) keyColumns(ctx *cursorCtx, w word) bool {
	p := c.p
	if p.cur < 1 || w.qualified {
		return false
	}
	k := p.cur - 1
	switch {
	case p.word(k) == "REFERENCES":
		c.objectsOf("TABLE", false, nil)
		return true
	case p.word(k) == "ON" && p.word(0) == "CREATE" && p.indexBefore(k):
		c.objectsOf("TABLE", false, nil)
		return true
	}
	open := p.openBefore(p.cur, 0)
	if open < 1 {
		return false
	}
	var name []int
	switch {
	case p.word(open-1) == "KEY" && (p.word(open-2) == "FOREIGN" || p.word(open-2) == "PRIMARY"), p.word(open-1) == "UNIQUE":
		if p.word(0) != "ALTER" || p.word(1) != "TABLE" {
			return false
		}
		i := 2
		if p.word(i) == "IF" && p.word(i+1) == "EXISTS" {
			i += 2
		}
		if p.word(i) == "ONLY" {
			i++
		}
		name = p.nameParts(i)
	default:
		// REFERENCES s.t ( |
		j := open - 1
		for p.isName(j) && p.punct(j-1, ".") {
			j -= 2
		}
		if !p.isName(j) || p.word(j-1) != "REFERENCES" {
			return false
		}
		name = p.nameParts(j)
	}
	if name == nil {
		return false
	}
	b := ctx.b
	if b == nil {
		b = &block{}
	}
	r := p.resolveRef(name, b)
	if r.kind == relUnknown {
		return true
	}
	var listed []string
	for k := open + 1; k < p.cur; k++ {
		if p.isName(k) {
			listed = append(listed, p.canon(k))
		}
	}
	for _, col := range r.columns {
		if !containsName(listed, col.Name) && c.match(col.Name) {
			c.add(rankScope, col.Name, KindColumn, colDetail(r, col), c.ident(col.Name))
		}
	}
	return true
}

// indexBefore reports whether the CREATE statement names an INDEX before
// token k (CREATE [UNIQUE] INDEX [CONCURRENTLY] [IF NOT EXISTS] [name] ON).
func (p *parser) indexBefore(k int) bool {
	for i := 1; i < k && i < 12; i++ {
		switch p.word(i) {
		case "INDEX", "TRIGGER", "POLICY", "RULE":
			return true
		}
	}
	return false
}

// createKinds are the objects CREATE names before the new object's name.
var createKinds = makeSet(`TABLE VIEW INDEX SEQUENCE TYPE DOMAIN SCHEMA DATABASE FUNCTION PROCEDURE TRIGGER EXTENSION`)

// newNamePosition completes where a new name goes, offering only the
// keywords that may stand there instead: CREATE TABLE | (IF NOT EXISTS),
// CREATE TABLE t ( | (the constraint keywords), CONSTRAINT |, an alias
// after AS, WITH | (RECURSIVE). It reports whether the cursor was there.
func (c *completer) newNamePosition(ctx *cursorCtx, w word) bool {
	p := c.p
	k := p.cur - 1
	if k < 0 || w.qualified {
		return false
	}
	prev := p.word(k)
	switch {
	case p.word(0) == "CREATE" && createKinds[prev] && k <= 4:
		switch prev {
		case "INDEX":
			c.keywords([]string{"IF NOT EXISTS", "CONCURRENTLY", "ON"})
		case "TABLE", "SEQUENCE", "SCHEMA", "EXTENSION":
			c.keywords([]string{"IF NOT EXISTS"})
		}
		return true
	case prev == "CONSTRAINT", prev == "EXISTS" && p.word(k-1) == "NOT" && p.word(0) == "CREATE":
		return true
	case prev == "WITH" && k == 0:
		c.keywords([]string{"RECURSIVE"})
		return true
	case prev == "AS" && ctx.depth == 0 && (ctx.clause == clFrom || ctx.clause == clSelect || ctx.clause == clUpdate):
		return true // an alias
	case (p.punct(k, "(") || p.punct(k, ",")) && p.word(0) == "CREATE" && p.createsTable():
		open := p.openBefore(p.cur, 0)
		if open < 2 || !p.isName(open-1) || p.openBefore(open, 0) >= 0 {
			return false
		}
		c.keywords([]string{"CONSTRAINT", "PRIMARY KEY", "FOREIGN KEY", "UNIQUE", "CHECK", "LIKE"})
		return true
	}
	return false
}
