package diff

import (
	"github.com/dbls/dbls/drivers/ddl"
	"github.com/dbls/dbls/drivers/schema"
	"slices"
)

// Comments of schemas, views, view columns, sequences, extensions, enum,
// composite and range types, collations, triggers, constraints and domain checks, for engines whose renderer writes
// ddl.SetComment (ddl.ObjectSyncer kind ddl.ObjectComment). An object the
// plan creates or recreates carries its comment in its creation; one that
// stays gets a ddl.SetComment when only its comment differs, so that a
// comment never costs a drop and create. Table, column, index, domain,
// routine and event comments are compared with their objects.

// commentPhase runs comments after every creation (triggers, events):
// a serial or identity column's sequence exists only once its column does.
const commentPhase = 17

// comments compares the comments of one schema pair. It runs after the
// other comparisons, whose creations it reads from d.out.
func (d *differ) comments() {
	if !d.e.syncs(ddl.ObjectComment) {
		return
	}
	created := d.createdObjects()
	set := func(on, table, name, source, target string) {
		if source == target {
			return
		}
		d.add(pending{ch: ddl.SetComment{Schema: d.dstName, On: on, Table: table, Name: name, Comment: source},
			object: name, changes: []string{"comment"}, source: source, target: target})
	}
	if d.src.Comment != d.dst.Comment {
		d.add(pending{ch: ddl.SetComment{Schema: d.dstName, On: ddl.CommentSchema, Comment: d.src.Comment},
			object: d.dstName, changes: []string{"comment"}, source: d.src.Comment, target: d.dst.Comment})
	}
	d.viewComments(created, set)
	for i := range d.src.Triggers {
		s := &d.src.Triggers[i]
		k := d.e.objectKey("trigger", s.Table, s.Name)
		if created["trigger "+k] {
			continue
		}
		if t := findTrigger(d.e, d.dst.Triggers, k); t != nil {
			set(ddl.CommentTrigger, s.Table, s.Name, s.Comment, t.Comment)
		}
	}
	if d.e.syncs(ddl.ObjectSequence) {
		for i := range d.src.Sequences {
			s := &d.src.Sequences[i]
			if created["sequence "+s.Name] {
				continue
			}
			t := findByName(d.dst.Sequences, s.Name, func(x schema.Sequence) string { return x.Name })
			switch {
			case t != nil:
				set(ddl.CommentSequence, "", s.Name, s.Comment, t.Comment)
			case seqManager(d.src, s) != "":
				// Created by its column, without a comment.
				set(ddl.CommentSequence, "", s.Name, s.Comment, "")
			}
		}
	}
	if d.e.syncs(ddl.ObjectDomain) {
		d.domainCheckComments(created)
	}
	d.typeComments(created, set)
	if d.e.syncs(ddl.ObjectEnum) {
		for i := range d.src.Enums {
			s := &d.src.Enums[i]
			if t := findByName(d.dst.Enums, s.Name, func(x schema.Enum) string { return x.Name }); t != nil && !created["enum "+s.Name] {
				set(ddl.CommentEnum, "", s.Name, s.Comment, t.Comment)
			}
		}
	}
}

// indexComment is the in-place change of an index that differs from
// the target's only in its comment, or nil: where the engine writes
// ddl.SetComment, a comment costs no drop and create of the index.
func (e engine) indexComment(sc, table string, s, t *schema.Index) *pending {
	if t == nil || s.Comment == t.Comment || !e.syncs(ddl.ObjectComment) {
		return nil
	}
	c := *t
	c.Comment = s.Comment
	if !equalIndex(e, s, &c) {
		return nil
	}
	return &pending{ch: ddl.SetComment{Schema: sc, On: ddl.CommentIndex, Table: table, Name: s.Name, Comment: s.Comment},
		object: s.Name, changes: []string{"comment"}, source: s.Comment, target: t.Comment}
}

// createdObjects lists what d.out creates, by kind and key: what it
// creates carries its own comment.
func (d *differ) createdObjects() map[string]bool {
	created := map[string]bool{}
	for _, p := range d.out {
		switch c := p.ch.(type) {
		case ddl.CreateView:
			created["view "+d.e.key("view", c.View.Name)] = true
		case ddl.CreateTrigger:
			created["trigger "+d.e.objectKey("trigger", c.Trigger.Table, c.Trigger.Name)] = true
		case ddl.CreateSequence:
			created["sequence "+c.Sequence.Name] = true
		case ddl.CreateEnum:
			created["enum "+c.Enum.Name] = true
		case ddl.CreateDomain:
			created["domain "+c.Domain.Name] = true
		case ddl.CreateExtension:
			created["extension "+c.Extension.Name] = true
		case ddl.CreateComposite:
			created["composite "+c.Composite.Name] = true
		case ddl.CreateRange:
			created["range "+c.Range.Name] = true
		case ddl.CreateCollation:
			created["collation "+c.Collation.Name] = true
		}
	}
	return created
}

// typeComments compares the comments of the extensions, composite and
// range types and collations of types.go both sides have and the plan does
// not create (an extension moved between schemas: movedExtensions).
func (d *differ) typeComments(created map[string]bool, set func(on, table, name, source, target string)) {
	if d.e.syncs(ddl.ObjectExtension) {
		for _, s := range d.src.Extensions {
			if t := findByName(d.dst.Extensions, s.Name, func(x schema.Extension) string { return x.Name }); t != nil && !created["extension "+s.Name] {
				set(ddl.CommentExtension, "", s.Name, s.Comment, t.Comment)
			}
		}
	}
	if d.e.syncs(ddl.ObjectComposite) {
		for _, s := range d.src.Composites {
			if t := findByName(d.dst.Composites, s.Name, func(x schema.CompositeType) string { return x.Name }); t != nil && !created["composite "+s.Name] {
				set(ddl.CommentComposite, "", s.Name, s.Comment, t.Comment)
			}
		}
	}
	if d.e.syncs(ddl.ObjectRange) {
		for _, s := range d.src.Ranges {
			if t := findByName(d.dst.Ranges, s.Name, func(x schema.RangeType) string { return x.Name }); t != nil && !created["range "+s.Name] {
				set(ddl.CommentRange, "", s.Name, s.Comment, t.Comment)
			}
		}
	}
	if d.e.syncs(ddl.ObjectCollation) {
		for _, s := range d.src.Collations {
			if t := findByName(d.dst.Collations, s.Name, func(x schema.Collation) string { return x.Name }); t != nil && !created["collation "+s.Name] {
				set(ddl.CommentCollation, "", s.Name, s.Comment, t.Comment)
			}
		}
	}
}

// domainCheckComments compares the comments of the checks of a domain both
// sides have, where the plan keeps the check as it is: a domain created
// again, or a check it adds again, carries its comment in its creation.
func (d *differ) domainCheckComments(created map[string]bool) {
	for i := range d.src.Domains {
		s := &d.src.Domains[i]
		t := findByName(d.dst.Domains, s.Name, func(x schema.Domain) string { return x.Name })
		if t == nil || created["domain "+s.Name] {
			continue
		}
		for _, sc := range s.Checks {
			tc := findByName(t.Checks, sc.Name, func(x schema.Check) string { return x.Name })
			if sc.Name == "" || tc == nil || squash(tc.Expr) != squash(sc.Expr) || tc.Comment == sc.Comment {
				continue
			}
			d.add(pending{ch: ddl.SetComment{Schema: d.dstName, On: ddl.CommentDomainConstraint, Table: s.Name, Name: sc.Name, Comment: sc.Comment},
				object: sc.Name, changes: []string{"comment"}, source: sc.Comment, target: tc.Comment})
		}
	}
}

func (d *differ) viewComments(created map[string]bool, set func(on, table, name, source, target string)) {
	dst := index(d.dst.Views, func(v schema.View) string { return d.e.key("view", v.Name) })
	for i := range d.src.Views {
		s := &d.src.Views[i]
		k := d.e.key("view", s.Name)
		t := dst[k]
		if t == nil || created["view "+k] {
			continue
		}
		on := ddl.CommentView
		if s.Materialized {
			on = ddl.CommentMaterializedView
		}
		set(on, "", s.Name, s.Comment, t.Comment)
		for j := range s.Columns {
			sc := &s.Columns[j]
			ck := d.e.key("column", sc.Name)
			for l := range t.Columns {
				if d.e.key("column", t.Columns[l].Name) == ck {
					set(ddl.CommentViewColumn, s.Name, sc.Name, sc.Comment, t.Columns[l].Comment)
					break
				}
			}
		}
	}
}

// constraintComments compares the comments of the constraints of a table
// both sides have. It runs after the table's constraints were compared:
// those the plan adds (new or replaced) carry their comment.
func (d *differ) constraintComments(s, t *schema.Table) {
	// Most tables comment no constraint: they cost nothing (this ran for
	// every table, and was a fifth of a 10,000-table compare's allocations).
	if !d.e.syncs(ddl.ObjectComment) || !commentsAConstraint(s) && !commentsAConstraint(t) {
		return
	}
	added := map[string]bool{}
	for _, p := range d.out {
		if _, name := p.ch.Where(); d.e.key("table", name) != d.e.key("table", s.Name) {
			continue
		}
		switch c := p.ch.(type) {
		case ddl.AddPrimaryKey:
			added["p "+d.e.key("constraint", c.PrimaryKey.Name)] = true
		case ddl.AddUnique:
			added["u "+d.e.key("constraint", c.Unique.Name)] = true
		case ddl.AddCheck:
			added["c "+d.e.key("constraint", c.Check.Name)] = true
		case ddl.AddForeignKey:
			added["f "+d.e.key("constraint", c.ForeignKey.Name)] = true
		case ddl.AddExclusion:
			added["x "+d.e.key("constraint", c.Exclusion.Name)] = true
		}
	}
	targets := map[string]string{}
	for _, c := range constraintComments(t) {
		targets[c.kind+" "+d.e.key("constraint", c.name)] = c.comment
	}
	for _, c := range constraintComments(s) {
		k := c.kind + " " + d.e.key("constraint", c.name)
		old, ok := targets[k]
		if c.name == "" || added[k] || !ok || old == c.comment {
			continue
		}
		d.add(pending{ch: ddl.SetComment{Schema: d.dstName, On: ddl.CommentConstraint, Table: s.Name, Name: c.name, Comment: c.comment},
			object: c.name, changes: []string{"comment"}, source: c.comment, target: old})
	}
}

func commentsAConstraint(t *schema.Table) bool {
	if t.PrimaryKey != nil && t.PrimaryKey.Comment != "" {
		return true
	}
	return slices.ContainsFunc(t.Uniques, func(u schema.Unique) bool { return u.Comment != "" }) ||
		slices.ContainsFunc(t.Checks, func(c schema.Check) bool { return c.Comment != "" }) ||
		slices.ContainsFunc(t.ForeignKeys, func(f schema.ForeignKey) bool { return f.Comment != "" }) ||
		slices.ContainsFunc(t.Exclusions, func(x schema.Exclusion) bool { return x.Comment != "" })
}

type namedComment struct{ kind, name, comment string }

// constraintComments lists a table's constraints by kind letter
// (pg_constraint.contype), name and comment.
func constraintComments(t *schema.Table) []namedComment {
	var out []namedComment
	if pk := t.PrimaryKey; pk != nil {
		out = append(out, namedComment{"p", pk.Name, pk.Comment})
	}
	for _, u := range t.Uniques {
		out = append(out, namedComment{"u", u.Name, u.Comment})
	}
	for _, c := range t.Checks {
		out = append(out, namedComment{"c", c.Name, c.Comment})
	}
	for _, f := range t.ForeignKeys {
		out = append(out, namedComment{"f", f.Name, f.Comment})
	}
	for _, x := range t.Exclusions {
		out = append(out, namedComment{"x", x.Name, x.Comment})
	}
	return out
}

func findTrigger(e engine, list []schema.Trigger, key string) *schema.Trigger {
	for i := range list {
		if e.objectKey("trigger", list[i].Table, list[i].Name) == key {
			return &list[i]
		}
	}
	return nil
}

func findByName[T any](list []T, name string, nameOf func(T) string) *T {
	for i := range list {
		if nameOf(list[i]) == name {
			return &list[i]
		}
	}
	return nil
}
