package diff

import (
	"cmp"
	"regexp"
	"slices"
	"strings"

	"github.com/dbls/dbls/drivers/ddl"
	"github.com/dbls/dbls/drivers/schema"
)

// phase orders changes so that each statement finds what it needs: what
// depends is dropped before what it depends on, tables exist before their
// columns, keys and indexes, and views come last, over finished tables.
var phase = map[ddl.Kind]int{
	ddl.KindCreateSchema:    -1,
	ddl.KindDropTrigger:     0,
	ddl.KindDropView:        1,
	ddl.KindDropForeignKey:  2,
	ddl.KindDropIndex:       3,
	ddl.KindDropUnique:      3,
	ddl.KindDropCheck:       3,
	ddl.KindDropExclusion:   3,
	ddl.KindDropPrimaryKey:  4,
	ddl.KindDropColumn:      5,
	ddl.KindDropTable:       6,
	ddl.KindCreateTable:     7,
	ddl.KindRebuildTable:    8,
	ddl.KindAddColumn:       9,
	ddl.KindAlterColumn:     10,
	ddl.KindSetTableComment: 10,
	ddl.KindSetStorage:      10,
	ddl.KindSetInheritance:  10,
	ddl.KindAddPrimaryKey:   11,
	ddl.KindAddUnique:       12,
	ddl.KindAddCheck:        12,
	ddl.KindAddExclusion:    12,
	ddl.KindCreateIndex:     13,
	ddl.KindAddForeignKey:   14,
	ddl.KindCreateView:      15,
	ddl.KindCreateTrigger:   16,
	// Policies and rules (policy.go): dropped before what they use goes,
	// created once what they use exists.
	ddl.KindDropPolicy:     0,
	ddl.KindDropRule:       0,
	ddl.KindSetRowSecurity: 16,
	ddl.KindCreatePolicy:   16,
	ddl.KindAlterPolicy:    16,
	ddl.KindCreateRule:     16,
	ddl.KindReplaceRule:    16,
	ddl.KindSetComment:     commentPhase,
	ddl.KindGrant:          grantPhase + 1,
	ddl.KindRevoke:         grantPhase,
}

// order sorts pending changes by phase; within a phase, tables are created
// in foreign-key order and dropped in reverse, views follow their
// dependencies, and everything else keeps a stable name order.
func order(ps []pending) {
	rank := map[string]int{}
	for i, name := range createOrder(ps) {
		rank[name] = i
	}
	ranks := objectRanks(ps)
	depths := triggerDepths(ps)
	exts := extensionRanks(ps)
	slices.SortStableFunc(ps, func(a, b pending) int {
		if c := cmp.Compare(phaseOf(&a, ranks), phaseOf(&b, ranks)); c != 0 {
			return c
		}
		ka, kb := where(a.ch), where(b.ch)
		if xa, drop, ok := extensionOf(a.ch); ok {
			if xb, _, ok := extensionOf(b.ch); ok {
				if drop { // dependants first
					return cmp.Compare(exts[xb.Name], exts[xa.Name])
				}
				return cmp.Compare(exts[xa.Name], exts[xb.Name])
			}
		}
		switch a.ch.(type) {
		case ddl.CreateTable, ddl.CreateView:
			return cmp.Compare(rank[ka], rank[kb])
		case ddl.DropTable, ddl.DropView:
			return cmp.Compare(rank[kb], rank[ka])
		case ddl.CreateTrigger:
			// After the trigger it follows (the same table's).
			return cmp.Or(cmp.Compare(ka, kb), cmp.Compare(depthOf(depths, a.ch), depthOf(depths, b.ch)), cmp.Compare(a.object, b.object))
		case ddl.AddColumn:
			// In the source's column order, so that renderers placing a
			// column AFTER another find it already there.
			return cmp.Or(cmp.Compare(ka, kb), cmp.Compare(position(a.ch), position(b.ch)))
		}
		return cmp.Or(cmp.Compare(ka, kb), cmp.Compare(a.object, b.object))
	})
}

// extensionRanks ranks the extensions the plan creates, updates or drops
// so that each comes after those it requires (Extension.Requires), which
// may be installed in another schema: CREATE EXTENSION fails while a
// required one is missing, DROP EXTENSION while a dependant remains.
func extensionRanks(ps []pending) map[string]int {
	var names []string
	deps := map[string][]string{}
	for _, p := range ps {
		if x, _, ok := extensionOf(p.ch); ok {
			names = append(names, x.Name)
			deps[x.Name] = x.Requires
		}
	}
	if len(names) == 0 {
		return nil
	}
	slices.Sort(names)
	rank := map[string]int{}
	for i, n := range topo(names, deps) {
		rank[n] = i
	}
	return rank
}

// extensionOf is the extension an extension change is about, and whether
// the change drops it.
func extensionOf(c ddl.Change) (x schema.Extension, drop, ok bool) {
	switch c := c.(type) {
	case ddl.CreateExtension:
		return c.Extension, false, true
	case ddl.AlterExtension:
		return c.To, false, true
	case ddl.DropExtension:
		return c.Extension, true, true
	}
	return schema.Extension{}, false, false
}

// tablePhase is the phase of a change that is not a schema-level object
// (those are ranked by objectRanks): its kind's phase, with renames before
// everything else but schemas and the indexes of materialized views once
// their views exist.
func tablePhase(p *pending) float64 {
	switch {
	case p.afterViews:
		return float64(phase[ddl.KindCreateView]) + 0.25
	case p.ch.Kind() == ddl.KindRenameTable:
		return float64(phase[ddl.KindCreateSchema]) + 0.25
	case p.ch.Kind() == ddl.KindRenameColumn:
		return float64(phase[ddl.KindCreateSchema]) + 0.5
	case p.ch.Kind() == ddl.KindGrantDefault || p.ch.Kind() == ddl.KindRevokeDefault:
		// Before the objects they are the privileges of are created.
		return float64(phase[ddl.KindCreateSchema]) + 0.75
	}
	return float64(phase[p.ch.Kind()])
}

// position is the source position of the column a column.add adds.
func position(c ddl.Change) int {
	if add, ok := c.(ddl.AddColumn); ok {
		return add.Column.Position
	}
	return 0
}

// where is "schema.name" of what a change is about.
func where(c ddl.Change) string {
	sc, name := c.Where()
	return sc + "." + name
}

// createOrder returns "schema.name" of tables and views so that each comes
// after what it references: foreign keys for tables (cycles broken
// arbitrarily; their keys are added later anyway), names mentioned in the
// definition for views. Drops use the reverse.
func createOrder(ps []pending) []string {
	deps := map[string][]string{}
	var names []string
	var views []pending
	for _, p := range ps {
		key := where(p.ch)
		switch c := p.ch.(type) {
		case ddl.CreateTable:
			deps[key] = tableDeps(&c.Table)
		case ddl.DropTable:
			deps[key] = tableDeps(&c.Table)
		case ddl.CreateView, ddl.DropView:
			deps[key] = nil
			views = append(views, p)
		default:
			continue
		}
		names = append(names, key)
	}
	planned := make(map[string]bool, len(names))
	for _, n := range names {
		planned[n] = true
	}
	for _, p := range views {
		key := where(p.ch)
		v := viewOf(p.ch)
		if len(v.DependsOn) > 0 { // as the catalog recorded it
			deps[key] = append(deps[key], viewDeps(p.ch, v, planned)...)
			continue
		}
		for _, other := range names {
			_, name, _ := strings.Cut(other, ".")
			if other != key && mentions(v.Definition, name) {
				deps[key] = append(deps[key], other)
			}
		}
	}
	slices.Sort(names)
	names = slices.Compact(names)
	return topo(names, deps)
}

// viewOf is the view a view.create or view.drop is about.
func viewOf(c ddl.Change) schema.View {
	switch c := c.(type) {
	case ddl.CreateView:
		return c.View
	case ddl.DropView:
		return c.View
	}
	return schema.View{}
}

// tableDeps lists what a table needs to exist first: the tables its
// foreign keys reference and, for a partition, its parent.
func tableDeps(t *schema.Table) []string {
	var deps []string
	for _, fk := range t.ForeignKeys {
		deps = append(deps, fk.RefSchema+"."+fk.RefTable)
	}
	if t.PartitionOf != "" {
		deps = append(deps, t.PartitionOf)
	}
	if p := t.Options["inherits"]; p != "" { // PostgreSQL INHERITS: its parents first
		deps = append(deps, strings.Split(p, "\n")...)
	}
	return deps
}

// topo is a depth-first topological sort that tolerates cycles.
// viewDeps names the tables and views of the plan that a view reads, from
// the dependencies the catalog recorded. A source view's references name
// source schemas: one the plan does not know is tried in the view's own
// (target) schema, where a compare that maps schemas puts it.
func viewDeps(c ddl.Change, v schema.View, planned map[string]bool) []string {
	sc, _ := c.Where()
	var out []string
	for _, ref := range v.DependsOn {
		if ref.Kind != schema.RefTable && ref.Kind != schema.RefView {
			continue
		}
		other := ref.Schema + "." + ref.Name
		if !planned[other] {
			other = sc + "." + ref.Name
		}
		if planned[other] && other != sc+"."+v.Name {
			out = append(out, other)
		}
	}
	return out
}

func topo(names []string, deps map[string][]string) []string {
	known := make(map[string]bool, len(names))
	for _, n := range names {
		known[n] = true
	}
	state := map[string]int{} // 1 visiting, 2 done
	var out []string
	var visit func(string)
	visit = func(n string) {
		if state[n] != 0 {
			return
		}
		state[n] = 1
		for _, d := range deps[n] {
			if known[d] {
				visit(d)
			}
		}
		state[n] = 2
		out = append(out, n)
	}
	for _, n := range names {
		visit(n)
	}
	return out
}

// mentions reports whether SQL text names an object, as a whole word,
// quoted or not, case-insensitively. It is a heuristic for view
// dependencies: a false positive only costs a harmless drop and recreate.
func mentions(sql, name string) bool {
	re, err := regexp.Compile(`(?i)(^|[^A-Za-z0-9_$])["` + "`" + `\[]?` + regexp.QuoteMeta(name) + `["` + "`" + `\]]?($|[^A-Za-z0-9_$])`)
	return err == nil && re.MatchString(sql)
}

// triggerDepths maps each trigger.create ("schema\x00table\x00name") to
// how many triggers the plan creates before it on its Follows chain, so
// that each is created after the one it follows.
func triggerDepths(ps []pending) map[string]int {
	follows := map[string]string{}
	for _, p := range ps {
		if c, ok := p.ch.(ddl.CreateTrigger); ok {
			follows[triggerKey(c, c.Trigger.Name)] = c.Trigger.Follows
		}
	}
	depth := map[string]int{}
	var walk func(k string, n int) int
	walk = func(k string, n int) int {
		if d, ok := depth[k]; ok || n > len(follows) { // known, or a cycle
			return d
		}
		d := 0
		if f := follows[k]; f != "" {
			sc, table, _ := strings.Cut(k, "\x00")
			table, _, _ = strings.Cut(table, "\x00")
			if fk := sc + "\x00" + table + "\x00" + f; fk != k {
				if _, ok := follows[fk]; ok {
					d = 1 + walk(fk, n+1)
				}
			}
		}
		depth[k] = d
		return d
	}
	for k := range follows {
		walk(k, 0)
	}
	return depth
}

func depthOf(depths map[string]int, c ddl.Change) int {
	if ct, ok := c.(ddl.CreateTrigger); ok {
		return depths[triggerKey(ct, ct.Trigger.Name)]
	}
	return 0
}

func triggerKey(c ddl.CreateTrigger, name string) string {
	return c.Schema + "\x00" + c.Table + "\x00" + name
}
