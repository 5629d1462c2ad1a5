package diff

import (
	"strconv"

	"github.com/dbls/dbls/drivers/ddl"
)

// Identity: which two objects are "the same object" follows the target
// engine's naming rules (ddl.Scoper). A kind named per table is matched by
// table and name, so that PostgreSQL's fourteen triggers called
// last_updated stay fourteen objects; a kind named per schema by name
// alone, so that one moved to another table is one object that changed.

// scope is the target engine's rule for names of a kind.
func (e engine) scope(kind string) ddl.Scope {
	if s, ok := e.r.(ddl.Scoper); ok {
		return s.NameScope(kind)
	}
	return ddl.DefaultScope(kind)
}

// objectKey is the key under which an object of kind on table is matched.
func (e engine) objectKey(kind, table, name string) string {
	k := e.key(kind, name)
	if e.scope(kind) == ddl.ScopeTable {
		return e.key("table", table) + "\x00" + k
	}
	return k
}

// bothGenerated reports whether the engine chose both names of two
// constraints of a table from a counter (ddl.GeneratedNamer), so that they
// match by what they are, not by name.
func (e engine) bothGenerated(table, a, b string) bool {
	g, ok := e.r.(ddl.GeneratedNamer)
	return ok && g.GeneratedName("constraint", table, a) && g.GeneratedName("constraint", table, b)
}

// sameTrigger reports whether a trigger.create in the plan already makes
// the trigger name on table.
func (e engine) sameTrigger(ct ddl.CreateTrigger, schemaName, table, name string) bool {
	return ct.Schema == schemaName &&
		e.objectKey("trigger", ct.Table, ct.Trigger.Name) == e.objectKey("trigger", table, name)
}

// replacements marks as replaced (not destructive) the drop of an index
// whose engine names indexes per schema when the plan creates an index of
// the same name in that schema on another table: the name must be freed
// for the source's index, so the drop is half of moving it.
func replacements(e engine, ps []pending) []pending {
	if e.scope("index") != ddl.ScopeSchema {
		return ps
	}
	created := map[string]bool{}
	for _, p := range ps {
		if c, ok := p.ch.(ddl.CreateIndex); ok && c.Index.Name != "" {
			created[c.Schema+"\x00"+e.key("index", c.Index.Name)] = true
		}
	}
	for i := range ps {
		if d, ok := ps[i].ch.(ddl.DropIndex); ok && ps[i].destructive && created[d.Schema+"\x00"+e.key("index", d.Index.Name)] {
			ps[i].destructive = false
			ps[i].changes = []string{"moved to another table"}
		}
	}
	return ps
}

// uniqueIDs keeps plan ids unique, since scripts and editors select items
// by id: an id met again (two unnamed constraints of one table) gets
// "#2", "#3"… in plan order. Ids that were unique are unchanged.
func uniqueIDs(items []Item) {
	seen := map[string]int{}
	for i := range items {
		id := items[i].ID
		seen[id]++
		if n := seen[id]; n > 1 {
			items[i].ID = id + "#" + strconv.Itoa(n)
		}
	}
}
