package diff

import (
	"slices"
	"strings"

	"github.com/dbls/dbls/drivers/ddl"
	"github.com/dbls/dbls/drivers/schema"
)

// An enum whose values are removed or reordered cannot be altered in place
// (PostgreSQL only adds values). When only table columns use it, the plan
// rebuilds it: the old type is renamed (ddl.AlterEnum.RebuildAs), the new
// one created, each column converted through its text (an AlterColumn of
// type, so that views, triggers and policies over it are handled as for
// any retyped column), and the old type dropped. A row that holds a
// removed value makes the conversion fail and the whole plan roll back:
// nothing is lost. A type that routines, domains, composite or range types
// use stays a refusal that says why.

// enumRebuildSuffix names the old type while it is rebuilt.
const enumRebuildSuffix = "__dbls_old"

func enumRebuilds(e engine, ps []pending, src, dst []*schema.Schema) []pending {
	if !e.syncs(ddl.ObjectEnumRebuild) {
		return ps
	}
	var more []pending
	for i := range ps {
		c, ok := ps[i].ch.(ddl.AlterEnum)
		if !ok || enumUsedBeyondColumns(dst, c.Schema, c.From.Name) {
			continue
		}
		c.RebuildAs = c.From.Name + enumRebuildSuffix
		ps[i].ch = c
		old := qualifiedType(c.Schema, c.RebuildAs)
		for j, t := range dst {
			for ti := range t.Tables {
				tt := &t.Tables[ti]
				for ci := range tt.Columns {
					col := tt.Columns[ci]
					if !typeNames(col.Type, t.Name, c.Schema, c.From.Name) {
						continue
					}
					st := findTable(e, src[j], tt.Name)
					if st == nil {
						continue // dropped with its table, before the old type goes
					}
					k := slices.IndexFunc(st.Columns, func(x schema.Column) bool { return e.key("column", x.Name) == e.key("column", col.Name) })
					if k < 0 {
						continue // dropped before the old type goes
					}
					from := col
					from.Type = old + strings.Repeat("[]", strings.Count(col.Type, "[]"))
					more = retype(e, ps, more, t.Name, tt, st, from, st.Columns[k])
				}
			}
		}
		more = append(more, pending{ch: ddl.DropEnum{Schema: c.Schema, Enum: schema.Enum{Name: c.RebuildAs, Values: c.From.Values}},
			changes: []string{"rebuilt"}, target: &c.From, destructive: true})
	}
	return append(ps, more...)
}

// retype makes the plan convert column from (the target's, on the old
// type) into to: the AlterColumn the table's comparison planned, if any,
// now also changes the type; else a new one.
func retype(e engine, ps, more []pending, sc string, tt, st *schema.Table, from, to schema.Column) []pending {
	for _, list := range [][]pending{ps, more} {
		for i := range list {
			ac, ok := list[i].ch.(ddl.AlterColumn)
			if !ok || ac.Schema != sc || e.key("table", ac.Table) != e.key("table", tt.Name) ||
				e.key("column", ac.From.Name) != e.key("column", from.Name) {
				continue
			}
			ac.From.Type, ac.ThroughText = from.Type, true
			list[i].ch = ac
			if !slices.Contains(list[i].changes, "type") {
				list[i].changes = append(list[i].changes, "type")
			}
			list[i].destructive = true
			return more
		}
	}
	return append(more, pending{ch: ddl.AlterColumn{On: ddl.On{Schema: sc, Table: tt.Name, Desired: st, Current: tt},
		From: from, To: to, ThroughText: true}, object: from.Name, changes: []string{"type"},
		source: &to, target: &from, destructive: true})
}

// typeNames reports whether a column type (of a table in schema in) is
// the enum sc.name or an array of it, as format_type spells it.
func typeNames(typ, in, sc, name string) bool {
	typ = strings.TrimRight(typ, "[]")
	if in == sc && (typ == name || typ == quoteIdent(name)) {
		return true
	}
	for _, s := range []string{sc, quoteIdent(sc)} {
		for _, n := range []string{name, quoteIdent(name)} {
			if typ == s+"."+n {
				return true
			}
		}
	}
	return false
}

func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

func qualifiedType(sc, name string) string { return quoteIdent(sc) + "." + quoteIdent(name) }

// enumUsedBeyondColumns reports whether anything but a table column uses
// the enum: routines (parameters, results), domains, composite
// attributes, range subtypes. Those hold the type itself and would keep
// the old one alive.
func enumUsedBeyondColumns(dst []*schema.Schema, sc, name string) bool {
	uses := func(in, typ string) bool { return typeNames(typ, in, sc, name) }
	for _, t := range dst {
		for _, r := range t.Routines {
			if uses(t.Name, strings.TrimPrefix(r.Returns, "SETOF ")) ||
				slices.ContainsFunc(r.Params, func(p schema.Parameter) bool { return uses(t.Name, p.Type) }) ||
				slices.ContainsFunc(r.DependsOn, func(ref schema.ObjectRef) bool {
					return ref.Kind == schema.RefEnum && ref.Schema == sc && ref.Name == name
				}) {
				return true
			}
		}
		for _, d := range t.Domains {
			if uses(t.Name, d.Type) {
				return true
			}
		}
		for _, c := range t.Composites {
			if slices.ContainsFunc(c.Attributes, func(a schema.Column) bool { return uses(t.Name, a.Type) }) {
				return true
			}
		}
		for _, r := range t.Ranges {
			if uses(t.Name, r.Subtype) {
				return true
			}
		}
	}
	return false
}
