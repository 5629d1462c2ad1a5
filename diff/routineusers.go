package diff

import (
	"slices"

	"github.com/dbls/dbls/drivers/ddl"
	"github.com/dbls/dbls/drivers/schema"
)

// A routine whose signature changes, or that the source no longer has,
// is dropped; PostgreSQL refuses while a view, a column default, a check
// or exclusion constraint, an index or a trigger uses it
// (Routine.UsedBy). routineUsers drops those users before the routine and
// creates them again, as the source has them, once the new routine
// exists; the routine's drop moves up to just before the creations.

// usedPhase is where a user of a dropped routine gives it up when its
// kind's own drop phase is later: a column default is altered at phase
// 10, long after the routine's drop.
const usedPhase = 5.5

// userChange is the text a plan shows for the drops and recreations it
// adds.
const userChange = "uses a routine that is dropped"

func routineUsers(e engine, ps []pending, src, dst []*schema.Schema, allowDestructive bool) []pending {
	u := users{e: e, ps: ps, src: src, dst: dst}
	for i := range ps {
		p := &ps[i]
		drop, ok := p.ch.(ddl.DropFunction)
		if !ok || len(drop.Routine.UsedBy) == 0 || (p.destructive && !allowDestructive) {
			continue
		}
		before := len(u.out)
		for _, ref := range drop.Routine.UsedBy {
			u.recreate(ref)
		}
		if len(u.out) > before {
			p.at = objectPhase[ddl.KindCreateFunction] - 0.4 // before the creations, after every user's drop
		}
	}
	return append(ps, u.out...)
}

// users collects the changes that drop and recreate the users of the
// routines a plan drops.
type users struct {
	e        engine
	ps       []pending // the plan so far: what it already drops is not dropped twice
	src, dst []*schema.Schema
	out      []pending
}

func (u *users) recreate(ref schema.ObjectRef) {
	i := slices.IndexFunc(u.dst, func(sc *schema.Schema) bool { return sc != nil && sc.Name == ref.Schema })
	if i < 0 || u.src[i] == nil {
		return // a schema the compare leaves alone: the drop fails with the engine's reason
	}
	s, t := u.src[i], u.dst[i]
	if ref.Kind == schema.RefView {
		u.view(s, t, ref.Name)
		return
	}
	if tv, sv := findView(u.e, t, ref.Table), findView(u.e, s, ref.Table); ref.Kind == schema.RefRule && tv != nil {
		if sv != nil { // else the view goes, and its rules with it
			u.viewRule(ddl.On{Schema: t.Name, Table: tv.Name}, ref.Name, tv, sv)
		}
		return
	}
	tt, st := findTable(u.e, t, ref.Table), findTable(u.e, s, ref.Table)
	if tt == nil || st == nil {
		return // the table goes, or is a view's (its indexes come back with it)
	}
	on := ddl.On{Schema: t.Name, Table: tt.Name, Desired: st, Current: tt}
	switch ref.Kind {
	case schema.RefIndex:
		pair(u, "index", ref.Name, tt.Indexes, st.Indexes, func(x schema.Index) string { return x.Name },
			func(x schema.Index) ddl.Change { return ddl.DropIndex{On: on, Index: x} },
			func(x schema.Index) ddl.Change { return ddl.CreateIndex{On: on, Index: x} })
	case schema.RefCheck:
		pair(u, "constraint", ref.Name, tt.Checks, st.Checks, func(x schema.Check) string { return x.Name },
			func(x schema.Check) ddl.Change { return ddl.DropCheck{On: on, Check: x} },
			func(x schema.Check) ddl.Change { return ddl.AddCheck{On: on, Check: x} })
	case schema.RefExclusion:
		pair(u, "constraint", ref.Name, tt.Exclusions, st.Exclusions, func(x schema.Exclusion) string { return x.Name },
			func(x schema.Exclusion) ddl.Change { return ddl.DropExclusion{On: on, Exclusion: x} },
			func(x schema.Exclusion) ddl.Change { return ddl.AddExclusion{On: on, Exclusion: x} })
	case schema.RefTrigger:
		u.trigger(s, t, tt.Name, ref.Name)
	case schema.RefDefault:
		u.columnDefault(on, ref.Name)
	case schema.RefPolicy, schema.RefRule:
		u.security(on, ref, tt, st)
	}
}

// pair drops the target's object named name and adds the source's, unless
// the plan already drops it (changed or gone).
func pair[T any](u *users, kind, name string, dst, src []T, nameOf func(T) string, drop, create func(T) ddl.Change) {
	k := u.e.key(kind, name)
	ti := slices.IndexFunc(dst, func(x T) bool { return u.e.key(kind, nameOf(x)) == k })
	if ti < 0 || u.planned(drop(dst[ti])) {
		return
	}
	u.out = append(u.out, pending{ch: drop(dst[ti]), object: name, changes: []string{userChange}, target: &dst[ti]})
	si := slices.IndexFunc(src, func(x T) bool { return u.e.key(kind, nameOf(x)) == k })
	if si >= 0 && !u.planned(create(src[si])) {
		u.out = append(u.out, pending{ch: create(src[si]), object: name, changes: []string{userChange}, source: &src[si]})
	}
}

// planned reports whether the plan already has a change of the same kind
// on the same object.
func (u *users) planned(c ddl.Change) bool {
	k := changeKey(c) + "\x00" + objectName(c)
	return slices.ContainsFunc(append(u.ps, u.out...), func(p pending) bool {
		return changeKey(p.ch)+"\x00"+objectName(p.ch) == k
	})
}

// objectName is the name of the index, constraint or trigger a table-level
// change is about ("" for others).
func objectName(c ddl.Change) string {
	switch c := c.(type) {
	case ddl.DropIndex:
		return c.Index.Name
	case ddl.CreateIndex:
		return c.Index.Name
	case ddl.DropCheck:
		return c.Check.Name
	case ddl.AddCheck:
		return c.Check.Name
	case ddl.DropExclusion:
		return c.Exclusion.Name
	case ddl.AddExclusion:
		return c.Exclusion.Name
	case ddl.DropPolicy, ddl.CreatePolicy, ddl.DropRule, ddl.CreateRule:
		return securityName(c)
	case ddl.DropTrigger:
		return c.Table + "." + c.Trigger.Name
	case ddl.CreateTrigger:
		return c.Table + "." + c.Trigger.Name
	}
	return ""
}

func (u *users) view(s, t *schema.Schema, name string) {
	tv := findView(u.e, t, name)
	if tv == nil || u.planned(ddl.DropView{Schema: t.Name, View: *tv}) {
		return
	}
	u.out = append(u.out, pending{ch: ddl.DropView{Schema: t.Name, View: *tv}, changes: []string{userChange}, target: tv})
	if sv := findView(u.e, s, name); sv != nil && !creates(append(u.ps, u.out...), t.Name, sv.Name) {
		u.out = append(u.out, pending{ch: ddl.CreateView{Schema: t.Name, View: *sv}, changes: []string{userChange}, source: sv, target: tv})
	}
}

func (u *users) trigger(s, t *schema.Schema, table, name string) {
	find := func(sc *schema.Schema) *schema.Trigger {
		for i := range sc.Triggers {
			if tr := &sc.Triggers[i]; u.e.objectKey("trigger", tr.Table, tr.Name) == u.e.objectKey("trigger", table, name) {
				return tr
			}
		}
		return nil
	}
	tt := find(t)
	if tt == nil {
		return
	}
	drop := ddl.DropTrigger{Schema: t.Name, Table: table, Trigger: *tt}
	if u.planned(drop) {
		return
	}
	u.out = append(u.out, pending{ch: drop, object: name, changes: []string{userChange}, target: tt})
	if st := find(s); st != nil {
		create := ddl.CreateTrigger{Schema: t.Name, Table: table, Trigger: *st}
		if !u.planned(create) {
			u.out = append(u.out, pending{ch: create, object: name, changes: []string{userChange}, source: st})
		}
	}
}

// columnDefault drops the column's default before the routine goes and
// sets the source's after the new one exists; a column.alter the plan
// already has for it sets the default from none.
func (u *users) columnDefault(on ddl.On, column string) {
	k := u.e.key("column", column)
	ci := slices.IndexFunc(on.Current.Columns, func(c schema.Column) bool { return u.e.key("column", c.Name) == k })
	if ci < 0 || on.Current.Columns[ci].Default == nil {
		return
	}
	tc := on.Current.Columns[ci]
	bare := tc
	bare.Default = nil
	u.out = append(u.out, pending{ch: ddl.AlterColumn{On: on, From: tc, To: bare}, object: tc.Name,
		changes: []string{"default dropped: " + userChange}, target: &on.Current.Columns[ci], at: usedPhase})
	for i := range u.ps {
		if a, ok := u.ps[i].ch.(ddl.AlterColumn); ok && a.Schema == on.Schema && u.e.key("column", a.From.Name) == k &&
			u.e.key("table", a.Table) == u.e.key("table", on.Table) {
			a.From.Default = nil
			u.ps[i].ch = a
			return
		}
	}
	si := slices.IndexFunc(on.Desired.Columns, func(c schema.Column) bool { return u.e.key("column", c.Name) == k })
	if si < 0 || on.Desired.Columns[si].Default == nil {
		return // dropped with the column, or the source has no default
	}
	set := bare
	set.Default = on.Desired.Columns[si].Default
	u.out = append(u.out, pending{ch: ddl.AlterColumn{On: on, From: bare, To: set}, object: tc.Name,
		changes: []string{"default set again: " + userChange}, source: &on.Desired.Columns[si]})
}
