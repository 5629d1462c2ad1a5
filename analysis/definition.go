package analysis

import (
	"github.com/dbls/dbls/drivers/schema"
)

// Target is where a name is defined: a range of the same document (an
// alias, a CTE, a table created earlier in the document), or a table or
// view of the snapshot, whose DDL the caller shows.
type Target struct {
	// InDocument reports a declaration in the document itself, at Range.
	InDocument bool
	Range      Range
	// Schema and Name name the snapshot's table (Table), view (View) or
	// routine (Routine) when InDocument is false; one of the three is set.
	Schema, Name string
	Table        *schema.Table
	View         *schema.View
	Routine      *schema.Routine
	// Column is set when the cursor was on a column of that relation.
	Column string
}

// DefinitionAt finds the definition of the name under the cursor at
// offset: an alias → its declaration; a CTE name → the CTE; a table or
// view → the CREATE earlier in the document, else the snapshot's
// relation; a column → the relation it belongs to. ok is false when
// there is nothing to go to.
func DefinitionAt(x *Index, d Dialect, doc *Document, offset int) (Target, bool) {
	offset = clampOffset(doc.text, offset)
	ix := x.of(d)
	a := analyze(ix, d, doc, offset, -1)
	k := nameTokenAt(a, offset)
	if k < 0 {
		return Target{}, false
	}
	return a.p.definition(k)
}

// nameTokenAt is the index of the identifier token under (or just
// before) the cursor, or -1.
func nameTokenAt(a analysisResult, offset int) int {
	k := -1
	for i, t := range a.toks {
		if !a.p.isName(i) {
			continue
		}
		if t.Start <= offset && offset < t.End {
			return i
		}
		if t.End == offset {
			k = i // the cursor just after a word still designates it
		}
	}
	return k
}

func (p *parser) definition(k int) (Target, bool) {
	d, ix := p.d, p.ix
	b := p.blockAt(k)
	n, q := p.name(k)
	if p.punct(k+1, "(") {
		if rr, ok := p.calledRoutine(k, n, q); ok {
			return Target{Schema: rr.sc.Name, Name: rr.r.Name, Routine: rr.r}, true
		}
	}
	// A FROM item's name or alias, a CTE's name.
	for x := b; x != nil; x = x.parent {
		for _, rel := range x.refs {
			if rel.nameTok == k {
				return p.relTarget(b, rel, "", false)
			}
			if rel.aliasTok == k {
				return p.local(k), true
			}
		}
		for _, cte := range x.ctes {
			if cte.nameTok == k {
				return p.local(k), true
			}
		}
	}
	if p.punct(k-1, ".") && p.isName(k-2) {
		// qualifier.name: a column, or schema.relation.
		qn, qq := p.name(k - 2)
		if p.punct(k-3, ".") && p.isName(k-4) {
			sn, sq := p.name(k - 4)
			if sc := ix.lookupSchema(sn, sq); sc != nil {
				if e, ok := ix.lookupRel(sc, qn, qq); ok {
					return p.relTarget(b, e.relation(), n, q)
				}
			}
			return Target{}, false
		}
		if b != nil {
			if rel := b.lookupQualifier(d, qn, qq, true); rel != nil {
				return p.relTarget(b, rel, n, q)
			}
		}
		if sc := ix.lookupSchema(qn, qq); sc != nil {
			if e, ok := ix.lookupRel(sc, n, q); ok {
				return p.relTarget(b, e.relation(), "", false)
			}
			return Target{}, false
		}
		if rel := p.docRel(qn, qq); rel != nil {
			return p.relTarget(b, rel, n, q)
		}
		if e, ok := ix.lookupRel(nil, qn, qq); ok {
			return p.relTarget(b, e.relation(), n, q)
		}
		return Target{}, false
	}
	if p.punct(k+1, ".") {
		// A qualifier: an alias, a relation or a schema.
		if b != nil {
			if rel := b.lookupQualifier(d, n, q, true); rel != nil {
				if rel.aliasTok >= 0 && rel.alias != "" && sameName(d, rel.alias, n, q) {
					return p.local(rel.aliasTok), true
				}
				return p.relTarget(b, rel, "", false)
			}
		}
		if ix.lookupSchema(n, q) != nil {
			return Target{}, false // a schema has no definition to show
		}
		if rel := p.docRel(n, q); rel != nil {
			return p.relTarget(b, rel, "", false)
		}
		if e, ok := ix.lookupRel(nil, n, q); ok {
			return p.relTarget(b, e.relation(), "", false)
		}
		return Target{}, false
	}
	if b != nil {
		if rel := b.lookupQualifier(d, n, q, false); rel != nil && rel.aliasTok >= 0 {
			return p.local(rel.aliasTok), true
		}
		if cte := b.findCTE(d, n, q); cte != nil {
			return p.relTarget(b, cte, "", false)
		}
		for _, rel := range b.inScope() {
			if findColumn(d, rel.columns, n, q) != nil {
				return p.relTarget(b, rel, n, q)
			}
		}
	}
	if rel := p.docRel(n, q); rel != nil {
		return p.relTarget(b, rel, "", false)
	}
	if e, ok := ix.lookupRel(nil, n, q); ok {
		return p.relTarget(b, e.relation(), "", false)
	}
	return Target{}, false
}

// calledRoutine is the snapshot routine called at token k (the first
// overload): in the schema that qualifies it, else along the search path,
// else in any schema.
func (p *parser) calledRoutine(k int, name string, quoted bool) (routineRef, bool) {
	var sc *schema.Schema
	if p.punct(k-1, ".") && p.isName(k-2) {
		qn, qq := p.name(k - 2)
		if sc = p.ix.lookupSchema(qn, qq); sc == nil {
			return routineRef{}, false
		}
	}
	var fallback *routineRef
	for i := range p.ix.routineRefs {
		rr := &p.ix.routineRefs[i]
		if sc != nil && rr.sc != sc || !sameName(p.d, rr.r.Name, name, quoted) {
			continue
		}
		if sc != nil || rr.qualifier == "" {
			return *rr, true
		}
		if fallback == nil {
			fallback = rr
		}
	}
	if fallback != nil {
		return *fallback, true
	}
	return routineRef{}, false
}

func (p *parser) local(tok int) Target {
	return Target{InDocument: true, Range: Range{Start: p.toks[tok].Start, End: p.toks[tok].End}}
}

// relTarget is where relation rel (seen from block b) is defined; column,
// when not "", is a column of it the cursor designates.
func (p *parser) relTarget(b *block, rel *relation, column string, quoted bool) (Target, bool) {
	if column != "" && rel.kind != relSnapshot {
		// A column of a CTE, a subquery or a table created in the
		// document: where it is named.
		if c := findColumn(p.d, rel.columns, column, quoted); c != nil {
			for i := range rel.columns {
				if &rel.columns[i] == c && i < len(rel.colDecl) && rel.colDecl[i].End > rel.colDecl[i].Start {
					return Target{InDocument: true, Range: rel.colDecl[i]}, true
				}
			}
		}
	}
	switch rel.kind {
	case relSnapshot:
		t := Target{Schema: rel.schema, Table: rel.table, View: rel.view}
		if rel.table != nil {
			t.Name = rel.table.Name
		} else if rel.view != nil {
			t.Name = rel.view.Name
		}
		if column != "" {
			c := findColumn(p.d, rel.columns, column, quoted)
			if c == nil {
				return Target{}, false
			}
			t.Column = c.Name
		}
		return t, true
	case relCTE:
		// A FROM item naming a CTE is a copy; the declaration is the CTE
		// of that name in an enclosing block.
		for x := b; x != nil; x = x.parent {
			for _, cte := range x.ctes {
				if cte.written == rel.written && cte.nameTok >= 0 {
					return p.local(cte.nameTok), true
				}
			}
		}
		if rel.nameTok >= 0 {
			return p.local(rel.nameTok), true
		}
	case relDoc:
		if rel.decl.End > rel.decl.Start {
			return Target{InDocument: true, Range: rel.decl}, true
		}
	case relDerived:
		if rel.aliasTok >= 0 {
			return p.local(rel.aliasTok), true
		}
	}
	return Target{}, false
}
