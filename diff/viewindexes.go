package diff

import (
	"github.com/dbls/dbls/drivers/ddl"
	"github.com/dbls/dbls/drivers/schema"
)

// viewIndexes gives materialized views their indexes: a view the plan
// creates (new, changed, or recreated over a changed table) gets every
// index the source gives it, after it exists; a view the plan leaves alone
// has its indexes compared like a table's. src[i] and dst[i] are a source
// schema and its target.
func viewIndexes(e engine, ps []pending, src, dst []*schema.Schema) []pending {
	for i, t := range dst {
		s := src[i]
		if s == nil {
			continue
		}
		for vi := range s.Views {
			sv := &s.Views[vi]
			if !sv.Materialized {
				continue
			}
			on := ddl.On{Schema: t.Name, Table: sv.Name}
			if creates(ps, t.Name, sv.Name) {
				for k := range sv.Indexes {
					ix := &sv.Indexes[k]
					ps = append(ps, pending{ch: ddl.CreateIndex{On: on, Index: *ix}, object: ix.Name,
						source: ix, afterViews: true})
				}
				continue
			}
			if tv := findView(e, t, sv.Name); tv != nil && tv.Materialized {
				ps = append(ps, indexChanges(e, on, sv.Indexes, tv.Indexes)...)
			}
		}
	}
	return ps
}

// indexChanges compares the indexes of one relation: a changed index is
// dropped and created again, a missing one created, an extra one dropped
// (destructive).
func indexChanges(e engine, on ddl.On, src, dst []schema.Index) []pending {
	var out []pending
	old := index(dst, func(ix schema.Index) string { return e.key("index", ix.Name) })
	seen := map[string]bool{}
	for i := range src {
		si := &src[i]
		k := e.key("index", si.Name)
		seen[k] = true
		ti, ok := old[k]
		if ok && equalIndex(e, si, ti) {
			continue
		}
		if p := e.indexComment(on.Schema, on.Table, si, ti); ok && p != nil {
			out = append(out, *p)
			continue
		}
		var changed []string
		if ok {
			changed = []string{"definition"}
			out = append(out, pending{ch: ddl.DropIndex{On: on, Index: *ti}, object: ti.Name, changes: changed, target: ti})
		}
		out = append(out, pending{ch: ddl.CreateIndex{On: on, Index: *si}, object: si.Name, changes: changed,
			source: si, target: ti, afterViews: true})
	}
	for i := range dst {
		ti := &dst[i]
		if !seen[e.key("index", ti.Name)] {
			out = append(out, pending{ch: ddl.DropIndex{On: on, Index: *ti}, object: ti.Name, target: ti, destructive: true})
		}
	}
	return out
}
