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
	ddl.CreateSchema:    -1,
	ddl.DropTrigger:     0,
	ddl.DropView:        1,
	ddl.DropForeignKey:  2,
	ddl.DropIndex:       3,
	ddl.DropUnique:      3,
	ddl.DropCheck:       3,
	ddl.DropPrimaryKey:  4,
	ddl.DropColumn:      5,
	ddl.DropTable:       6,
	ddl.CreateTable:     7,
	ddl.RebuildTable:    8,
	ddl.AddColumn:       9,
	ddl.AlterColumn:     10,
	ddl.SetTableComment: 10,
	ddl.AddPrimaryKey:   11,
	ddl.AddUnique:       12,
	ddl.AddCheck:        12,
	ddl.CreateIndex:     13,
	ddl.AddForeignKey:   14,
	ddl.CreateView:      15,
	ddl.CreateTrigger:   16,
}

// order sorts pending changes by phase; within a phase, tables are created
// in foreign-key order and dropped in reverse, views follow their
// dependencies, and everything else keeps a stable name order.
func order(ps []pending) {
	rank := map[string]int{}
	for i, name := range createOrder(ps) {
		rank[name] = i
	}
	slices.SortStableFunc(ps, func(a, b pending) int {
		if c := cmp.Compare(phase[a.ch.Kind], phase[b.ch.Kind]); c != 0 {
			return c
		}
		ka, kb := a.ch.Schema+"."+a.ch.Name, b.ch.Schema+"."+b.ch.Name
		switch a.ch.Kind {
		case ddl.CreateTable, ddl.CreateView:
			return cmp.Compare(rank[ka], rank[kb])
		case ddl.DropTable, ddl.DropView:
			return cmp.Compare(rank[kb], rank[ka])
		case ddl.AddColumn:
			// In the source's column order, so that renderers placing a
			// column AFTER another find it already there.
			return cmp.Or(cmp.Compare(ka, kb), cmp.Compare(a.ch.Column.Position, b.ch.Column.Position))
		}
		return cmp.Or(cmp.Compare(ka, kb), cmp.Compare(a.object, b.object))
	})
}

// createOrder returns "schema.name" of tables and views so that each comes
// after what it references: foreign keys for tables (cycles broken
// arbitrarily; their keys are added later anyway), names mentioned in the
// definition for views. Drops use the reverse.
func createOrder(ps []pending) []string {
	deps := map[string][]string{}
	var names []string
	for _, p := range ps {
		key := p.ch.Schema + "." + p.ch.Name
		switch {
		case p.ch.Table != nil && (p.ch.Kind == ddl.CreateTable):
			deps[key] = tableDeps(p.ch.Table)
		case p.ch.OldTable != nil && p.ch.Kind == ddl.DropTable:
			deps[key] = tableDeps(p.ch.OldTable)
		case p.ch.View != nil:
			deps[key] = nil
		default:
			continue
		}
		names = append(names, key)
	}
	for _, p := range ps {
		if p.ch.View == nil {
			continue
		}
		key := p.ch.Schema + "." + p.ch.Name
		for _, other := range names {
			_, name, _ := strings.Cut(other, ".")
			if other != key && mentions(p.ch.View.Definition, name) {
				deps[key] = append(deps[key], other)
			}
		}
	}
	slices.Sort(names)
	names = slices.Compact(names)
	return topo(names, deps)
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
	return deps
}

// topo is a depth-first topological sort that tolerates cycles.
func topo(names []string, deps map[string][]string) []string {
	state := map[string]int{} // 1 visiting, 2 done
	var out []string
	var visit func(string)
	visit = func(n string) {
		if state[n] != 0 {
			return
		}
		state[n] = 1
		for _, d := range deps[n] {
			if slices.Contains(names, d) {
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
