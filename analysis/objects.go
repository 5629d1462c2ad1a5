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
