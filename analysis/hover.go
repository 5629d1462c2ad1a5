package analysis

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/dbls/dbls/drivers/schema"
)

// HoverAt describes the identifier under the cursor at offset as Markdown:
// a table or view (its columns with types, primary key, comment), an alias
// (what it stands for), a CTE or subquery (its output columns), a column
// of a relation in scope (type, nullability, default, keys) or a schema.
// Names are resolved through the statement's scope, as for Complete. r is
// the identifier's byte range; ok is false when there is nothing to say.
func HoverAt(x *Index, d Dialect, doc *Document, offset int) (markdown string, r Range, ok bool) {
	if x == nil {
		return "", Range{}, false
	}
	offset = clampOffset(doc.text, offset)
	ix := x.of(d)
	a := analyze(ix, d, doc, offset, -1)
	p := a.p
	k := nameTokenAt(a, offset)
	if k < 0 {
		return "", Range{}, false
	}
	r = Range{Start: a.toks[k].Start, End: a.toks[k].End}
	md := p.hover(k)
	if md == "" {
		return "", Range{}, false
	}
	return md, r, true
}

func (p *parser) hover(k int) string {
	d, ix := p.d, p.ix
	b := p.blockAt(k)
	n, q := p.name(k)
	if p.punct(k+1, "(") {
		if md := p.functionHover(k, n, q); md != "" {
			return md
		}
	}
	if p.punct(k-1, ".") && p.isName(k-2) {
		qn, qq := p.name(k - 2)
		if p.punct(k-3, ".") && p.isName(k-4) {
			sn, sq := p.name(k - 4)
			if sc := ix.lookupSchema(sn, sq); sc != nil {
				if e, ok := ix.lookupRel(sc, qn, qq); ok {
					return hoverColumn(d, e.relation(), n, q)
				}
			}
		}
		if b != nil {
			if rel := b.lookupQualifier(d, qn, qq, true); rel != nil {
				return hoverColumn(d, rel, n, q)
			}
		}
		if sc := ix.lookupSchema(qn, qq); sc != nil {
			if e, ok := ix.lookupRel(sc, n, q); ok {
				return relationHover(e.relation())
			}
			return ""
		}
		if rel := p.docRel(qn, qq); rel != nil {
			return hoverColumn(d, rel, n, q)
		}
		if e, ok := ix.lookupRel(nil, qn, qq); ok {
			return hoverColumn(d, e.relation(), n, q)
		}
		return ""
	}
	if p.punct(k+1, ".") {
		if b != nil {
			if rel := b.lookupQualifier(d, n, q, true); rel != nil {
				return hoverRelation(rel, n)
			}
		}
		if sc := ix.lookupSchema(n, q); sc != nil {
			return schemaHover(sc)
		}
		if rel := p.docRel(n, q); rel != nil {
			return hoverRelation(rel, "")
		}
		if e, ok := ix.lookupRel(nil, n, q); ok {
			return relationHover(e.relation())
		}
		return ""
	}
	if b != nil {
		for x := b; x != nil; x = x.parent {
			for _, rel := range x.refs {
				if rel.nameTok == k {
					return hoverRelation(rel, "")
				}
				if rel.aliasTok == k {
					return hoverRelation(rel, rel.alias)
				}
			}
			for _, cte := range x.ctes {
				if cte.nameTok == k {
					return hoverRelation(cte, "")
				}
			}
		}
		if rel := b.lookupQualifier(d, n, q, true); rel != nil {
			alias := ""
			if rel.alias != "" {
				alias = rel.alias
			}
			return hoverRelation(rel, alias)
		}
		for _, rel := range b.inScope() {
			if md := hoverColumn(d, rel, n, q); md != "" {
				return md
			}
		}
	}
	if rel := p.docRel(n, q); rel != nil {
		return hoverRelation(rel, "")
	}
	if e, ok := ix.lookupRel(nil, n, q); ok {
		return relationHover(e.relation())
	}
	if sc := ix.lookupSchema(n, q); sc != nil {
		return schemaHover(sc)
	}
	return ""
}

// functionHover describes the function called at token k: its
// signatures (every overload) and what it does.
func (p *parser) functionHover(k int, name string, quoted bool) string {
	qual, qq := "", false
	if p.punct(k-1, ".") && p.isName(k-2) {
		qual, qq = p.name(k - 2)
	}
	sigs := p.ix.signaturesOf(qual, qq, name, quoted)
	if len(sigs) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("**function**\n")
	for _, s := range sigs {
		fmt.Fprintf(&b, "\n%s\n", mdCode(s.Label))
		if s.Doc != "" {
			fmt.Fprintf(&b, "\n%s\n", s.Doc)
		}
	}
	return b.String()
}

func (p *parser) docRel(name string, quoted bool) *relation {
	return p.doc.lookup(p.d, name, quoted)
}

// hoverRelation describes a relation in scope; alias is set when the
// hovered word is its alias.
func hoverRelation(rel *relation, alias string) string {
	var s string
	switch rel.kind {
	case relSnapshot:
		s = relationHover(rel)
	case relCTE:
		s = derivedHover("CTE", rel.written, rel)
	case relDerived:
		s = derivedHover("subquery", rel.alias, rel)
	case relDoc:
		s = derivedHover("table", rel.name, rel) + "\nCreated earlier in this document.\n"
	default:
		return ""
	}
	if alias != "" && rel.kind != relDerived {
		what := rel.name
		if rel.kind == relCTE {
			what = "CTE " + rel.written
		}
		s = fmt.Sprintf("**alias** %s → %s\n\n", mdCode(alias), mdCode(what)) + s
	}
	return s
}

func derivedHover(kind, name string, rel *relation) string {
	var b strings.Builder
	fmt.Fprintf(&b, "**%s** %s\n", kind, mdCode(name))
	if len(rel.columns) > 0 {
		b.WriteString("\n| column | type |\n|---|---|\n")
		for _, c := range rel.columns {
			fmt.Fprintf(&b, "| %s | %s |\n", mdCell(c.Name), mdCell(c.Type))
		}
	}
	return b.String()
}

// hoverColumn describes column name of rel, or returns "".
func hoverColumn(d Dialect, rel *relation, name string, quoted bool) string {
	col := findColumn(d, rel.columns, name, quoted)
	if col == nil {
		return ""
	}
	if rel.kind == relSnapshot {
		return columnHover(rel, col)
	}
	var src colSrc
	for i := range rel.columns {
		if &rel.columns[i] == col && i < len(rel.srcs) {
			src = rel.srcs[i]
		}
	}
	head := fmt.Sprintf("**column** %s\n\n", mdCode(rel.display()+"."+col.Name))
	if src.col != nil && src.rel != nil && src.rel.kind == relSnapshot {
		return head + "from " + columnHover(src.rel, src.col)
	}
	if col.Type != "" {
		head += mdCode(col.Type) + "\n"
	}
	return head
}

// mdCode renders s as inline code that survives backticks inside it.
func mdCode(s string) string {
	fence := "`"
	for strings.Contains(s, fence) {
		fence += "`"
	}
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		return fence + " " + s + " " + fence
	}
	return fence + s + fence
}

// mdCell escapes text for a Markdown table cell.
func mdCell(s string) string {
	s = strings.ReplaceAll(s, "|", `\|`)
	return strings.Join(strings.Fields(s), " ")
}

func relationHover(rel *relation) string {
	var b strings.Builder
	kind := "table"
	comment := ""
	if rel.view != nil {
		kind = "view"
		if rel.view.Materialized {
			kind = "materialized view"
		}
		comment = rel.view.Comment
	} else if rel.table != nil {
		comment = rel.table.Comment
	}
	fmt.Fprintf(&b, "**%s** %s", kind, mdCode(rel.name))
	if t := rel.table; t != nil && t.RowEstimate > 0 {
		fmt.Fprintf(&b, " · ~%s rows", groupThousands(t.RowEstimate))
	}
	b.WriteString("\n")
	if comment != "" {
		fmt.Fprintf(&b, "\n%s\n", comment)
	}
	if len(rel.columns) > 0 {
		b.WriteString("\n| column | type | null | default |\n|---|---|---|---|\n")
		for _, c := range rel.columns {
			null := "NOT NULL"
			if c.Nullable {
				null = "NULL"
			}
			def := ""
			if c.Default != nil {
				def = *c.Default
			}
			fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", mdCell(c.Name), mdCell(c.Type), null, mdCell(def))
		}
	}
	if t := rel.table; t != nil {
		if t.PrimaryKey != nil && len(t.PrimaryKey.Columns) > 0 {
			fmt.Fprintf(&b, "\nPrimary key: %s\n", mdCode("("+strings.Join(t.PrimaryKey.Columns, ", ")+")"))
		}
		for _, fk := range t.ForeignKeys {
			fmt.Fprintf(&b, "\nForeign key: %s\n", mdCode(fkText(fk)))
		}
	}
	return b.String()
}

func fkText(fk schema.ForeignKey) string {
	ref := fk.RefTable
	if fk.RefSchema != "" {
		ref = fk.RefSchema + "." + ref
	}
	return "(" + strings.Join(fk.Columns, ", ") + ") → " + ref + "(" + strings.Join(fk.RefColumns, ", ") + ")"
}

func columnHover(rel *relation, c *schema.Column) string {
	var b strings.Builder
	fmt.Fprintf(&b, "**column** %s\n\n", mdCode(rel.name+"."+c.Name))
	spec := c.Type
	if !c.Nullable {
		spec += " NOT NULL"
	}
	if c.Default != nil {
		spec += " DEFAULT " + *c.Default
	}
	if c.Generated != nil {
		spec += " GENERATED AS (" + c.Generated.Expr + ")"
	}
	if c.Identity != "" {
		spec += " GENERATED " + strings.ToUpper(c.Identity) + " AS IDENTITY"
	}
	if c.AutoIncrement {
		spec += " AUTO_INCREMENT"
	}
	fmt.Fprintf(&b, "%s\n", mdCode(spec))
	nullable := "not nullable"
	if c.Nullable {
		nullable = "nullable"
	}
	fmt.Fprintf(&b, "\n- %s\n", nullable)
	if t := rel.table; t != nil {
		if t.PrimaryKey != nil && containsName(t.PrimaryKey.Columns, c.Name) {
			fmt.Fprintf(&b, "- primary key %s\n", mdCode("("+strings.Join(t.PrimaryKey.Columns, ", ")+")"))
		}
		for _, fk := range t.ForeignKeys {
			if containsName(fk.Columns, c.Name) {
				fmt.Fprintf(&b, "- foreign key %s\n", mdCode(fkText(fk)))
			}
		}
		for _, u := range t.Uniques {
			if containsName(u.Columns, c.Name) {
				fmt.Fprintf(&b, "- unique %s\n", mdCode("("+strings.Join(u.Columns, ", ")+")"))
			}
		}
		for _, ix := range t.Indexes {
			for _, ic := range ix.Columns {
				if ic.Name == c.Name {
					fmt.Fprintf(&b, "- index %s\n", mdCode(ix.Name))
					break
				}
			}
		}
	}
	if c.Comment != "" {
		fmt.Fprintf(&b, "\n%s\n", c.Comment)
	}
	return b.String()
}

func containsName(list []string, name string) bool {
	for _, s := range list {
		if s == name {
			return true
		}
	}
	return false
}

func schemaHover(sc *schema.Schema) string {
	s := fmt.Sprintf("**schema** %s\n\n%d tables, %d views\n", mdCode(sc.Name), len(sc.Tables), len(sc.Views))
	if sc.Comment != "" {
		s += "\n" + sc.Comment + "\n"
	}
	return s
}

// groupThousands writes n with thin separators (1,234,567): row estimates
// are read at a glance.
func groupThousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
