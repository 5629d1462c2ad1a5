package analysis

import (
	"fmt"
	"strings"

	"github.com/dbls/dbls/schema"
)

// HoverAt describes the identifier under the cursor at offset as Markdown:
// a table or view (its columns with types, primary key, comment), a column
// of a table the statement names (type, nullability, default, keys) or a
// schema. r is the identifier's byte range; ok is false when there is
// nothing to say.
func HoverAt(snap *schema.Snapshot, d Dialect, text string, offset int) (markdown string, r Range, ok bool) {
	if snap == nil {
		return "", Range{}, false
	}
	offset = clampOffset(text, offset)
	st := statementAt(d, text, offset)
	idx := -1
	for i, w := range st.words {
		if w.start <= offset && offset < w.end {
			idx = i
			break
		}
		if w.end == offset {
			idx = i // the cursor just after a word still hovers it
		}
	}
	if idx < 0 {
		return "", Range{}, false
	}
	w := st.words[idx]
	r = Range{Start: w.start, End: w.end}
	var next *stmtWord
	if idx+1 < len(st.words) && st.words[idx+1].qualifier != nil && st.words[idx+1].qualifier.start == w.start {
		next = &st.words[idx+1]
	}

	if w.qualifier != nil {
		if sc := findSchema(snap, w.qualifier.text, w.qualifier.quoted); sc != nil {
			if rel, ok := relationIn(sc, w.text, w.quoted); ok {
				return relationHover(rel), r, true
			}
			return "", Range{}, false
		}
		for _, rel := range st.relations(snap, w.qualifier.text, w.qualifier.quoted) {
			if col := findColumn(rel.columns, w.text, w.quoted); col != nil {
				return columnHover(rel, col), r, true
			}
		}
		return "", Range{}, false
	}
	if next != nil {
		// The qualifier of a following name: a schema or an alias.
		if sc := findSchema(snap, w.text, w.quoted); sc != nil {
			return schemaHover(sc), r, true
		}
		if rels := st.relations(snap, w.text, w.quoted); len(rels) > 0 {
			return relationHover(rels[0]), r, true
		}
	}
	if rel, ok := resolveRelation(snap, w); ok {
		return relationHover(rel), r, true
	}
	for _, rel := range st.allRelations(snap) {
		if rel.alias != "" && nameEqual(rel.alias, w.text, w.quoted) {
			return relationHover(rel), r, true
		}
	}
	for _, rel := range st.allRelations(snap) {
		if col := findColumn(rel.columns, w.text, w.quoted); col != nil {
			return columnHover(rel, col), r, true
		}
	}
	if sc := findSchema(snap, w.text, w.quoted); sc != nil {
		return schemaHover(sc), r, true
	}
	return "", Range{}, false
}

func findColumn(cols []schema.Column, name string, quoted bool) *schema.Column {
	for i := range cols {
		if cols[i].Name == name {
			return &cols[i]
		}
	}
	if quoted {
		return nil
	}
	for i := range cols {
		if strings.EqualFold(cols[i].Name, name) {
			return &cols[i]
		}
	}
	return nil
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

func relationHover(rel relation) string {
	var b strings.Builder
	kind := "table"
	comment := ""
	if rel.view != nil {
		kind = "view"
		if rel.view.Materialized {
			kind = "materialized view"
		}
		comment = rel.view.Comment
	} else {
		comment = rel.table.Comment
	}
	fmt.Fprintf(&b, "**%s** %s\n", kind, mdCode(rel.name))
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

func columnHover(rel relation, c *schema.Column) string {
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
