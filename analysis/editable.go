package analysis

// Which table a result can be edited in: a SELECT that reads one table of
// the snapshot, column for column, with a key that names each row. A
// results grid edits through the record commands, which change one row by
// its key; this decides whether the rows of a result are rows of one table
// and where its key is, from the statement's tokens and the scope
// resolver, without running anything.

import (
	"slices"

	"github.com/dbls/dbls/drivers/schema"
)

// EditTarget is the table a result's rows come from.
type EditTarget struct {
	Schema, Table string
	// Key is the row key: the primary key, else a unique key whose
	// columns are all NOT NULL; all its columns are in the result.
	Key []string
	// Columns gives, for each output column of the select list in order,
	// the table column it is, or "" for an expression.
	Columns []string
}

// Reasons a result is not editable, as EditTargetOf returns them.
const (
	// NotEditableStatement: the text is not one SELECT.
	NotEditableStatement = "statement"
	// NotEditableShape: a join, several FROM items, a subquery in FROM,
	// GROUP BY, HAVING, DISTINCT, a set operation, INTO or a WITH.
	NotEditableShape = "shape"
	// NotEditableExpression: the select list calls a function (it may
	// aggregate) or holds a subquery.
	NotEditableExpression = "expression"
	// NotEditableTable: what FROM names is not a table of the snapshot (a
	// view, a CTE, a function, or a name the snapshot does not know).
	NotEditableTable = "table"
	// NotEditableNoKey: the table has no primary key and no unique key of
	// NOT NULL columns.
	NotEditableNoKey = "noKey"
	// NotEditableKeyMissing: no key of the table has all its columns in
	// the result.
	NotEditableKeyMissing = "keyMissing"
)

// editShape are the words that make a SELECT's rows something other than
// rows of its table, wherever they stand at the top level.
var editShape = makeSet(`JOIN STRAIGHT_JOIN NATURAL GROUP HAVING DISTINCT DISTINCTROW UNION INTERSECT EXCEPT
INTO WINDOW`)

// EditTargetOf reports the table whose rows sql's result is, or why there
// is none (one of the NotEditable reasons). x is the snapshot's index (nil
// for none: then nothing is editable). For NotEditableNoKey and
// NotEditableKeyMissing the target still names the table, and for the
// latter Key is the key the result lacks.
func EditTargetOf(x *Index, d Dialect, sql string) (EditTarget, string) {
	toks, ok := oneStatement(d, sql)
	if !ok || len(toks) == 0 {
		return EditTarget{}, NotEditableStatement
	}
	p := newParser(d, sql, toks, x.of(d), nil)
	switch p.word(0) {
	case "SELECT":
	case "WITH":
		return EditTarget{}, NotEditableShape
	default:
		return EditTarget{}, NotEditableStatement
	}
	from, why := p.editShape()
	if why != "" {
		return EditTarget{}, why
	}
	b := p.parseBlock(0, len(toks), nil)
	if len(b.refs) != 1 {
		return EditTarget{}, NotEditableShape
	}
	ref := b.refs[0]
	if ref.kind == relDerived {
		return EditTarget{}, NotEditableShape
	}
	if ref.kind != relSnapshot || ref.table == nil || x == nil {
		return EditTarget{}, NotEditableTable
	}
	cols := p.editColumns(b, ref, 1, from)
	key, why := rowKey(ref.table, cols)
	return EditTarget{Schema: ref.schema, Table: ref.table.Name, Key: key, Columns: cols}, why
}

// oneStatement returns the significant tokens of sql's only statement;
// false when it holds none or several.
func oneStatement(d Dialect, sql string) ([]Token, bool) {
	all := Lex(d, sql)
	var one *Statement
	stmts := SplitTokens(d, sql, all)
	for i := range stmts {
		if stmts[i].Command {
			return nil, false
		}
		if one != nil {
			return nil, false
		}
		one = &stmts[i]
	}
	if one == nil {
		return nil, false
	}
	var toks []Token
	for _, t := range all {
		if t.Start < one.Range.Start || t.Start >= one.Range.End {
			continue
		}
		switch t.Kind {
		case Comment, Delimiter, Command:
			continue
		}
		toks = append(toks, t)
	}
	return toks, true
}

// editShape checks the top level of a SELECT for what makes its rows
// other than a table's, and for calls and subqueries in its select list;
// it returns the index of the FROM that ends the select list.
func (p *parser) editShape() (from int, why string) {
	from = -1
	depth := 0
	for i := range p.toks {
		switch {
		case p.punct(i, "("):
			if from < 0 && depth == 0 {
				return 0, NotEditableExpression
			}
			if from >= 0 && depth == 0 && p.startsQuery(i+1) && i == from+1 {
				return 0, NotEditableShape // a subquery in FROM
			}
			depth++
		case p.punct(i, ")"):
			depth--
		case depth > 0:
		case p.punct(i, ","):
			if from >= 0 && !p.pastFromList(from, i) {
				return 0, NotEditableShape // FROM a, b
			}
		case p.word(i) == "FROM" && from < 0:
			from = i
		case editShape[p.word(i)]:
			return 0, NotEditableShape
		}
	}
	if from < 0 {
		return 0, NotEditableShape // SELECT 1: no table
	}
	return from, ""
}

// pastFromList reports whether a clause (WHERE, ORDER BY …) starts
// between the FROM at from and token i, so that a comma at i is not one
// between FROM items.
func (p *parser) pastFromList(from, i int) bool {
	for k := from + 1; k < i; k++ {
		switch p.word(k) {
		case "WHERE", "ORDER", "LIMIT", "OFFSET", "FETCH", "FOR", "LOCK":
			return true
		}
	}
	return false
}

// editColumns maps each item of the select list, tokens [lo, hi) split at
// top-level commas, to the column of ref it is ("" for an expression); a
// star expands to every column of ref.
func (p *parser) editColumns(b *block, ref *relation, lo, hi int) []string {
	var out []string
	start := lo
	depth := 0
	for k := lo; k <= hi; k++ {
		if k < hi {
			switch {
			case p.punct(k, "("):
				depth++
				continue
			case p.punct(k, ")"):
				depth--
				continue
			case depth > 0 || !p.punct(k, ","):
				continue
			}
		}
		out = append(out, p.editItem(b, ref, start, k)...)
		start = k + 1
	}
	return out
}

// editItem maps one select-list item, tokens [lo, hi).
func (p *parser) editItem(b *block, ref *relation, lo, hi int) []string {
	n := hi - lo
	if n <= 0 {
		return nil
	}
	last := hi - 1
	all := func() []string {
		names := make([]string, len(ref.columns))
		for i, c := range ref.columns {
			names[i] = c.Name
		}
		return names
	}
	switch {
	case n == 1 && p.punct(last, "*"):
		return all()
	case n == 3 && p.punct(last, "*") && p.punct(last-1, "."):
		qn, qq := p.name(lo)
		if b.lookupQualifier(p.d, qn, qq, false) == ref {
			return all()
		}
		return make([]string, len(ref.columns)) // unknown qualifier: the engine refuses it anyway
	}
	expr := hi
	switch {
	case n >= 2 && p.isName(last) && p.word(last-1) == "AS":
		expr = last - 1
	case n >= 2 && p.isName(last) && !p.punct(last-1, ".") && p.toks[last-1].Kind != Operator &&
		!(p.toks[last].Kind == Word && IsKeyword(p.text(last))):
		expr = last
	}
	idx := make([]int, 0, expr-lo)
	for k := lo; k < expr; k++ {
		idx = append(idx, k)
	}
	if len(idx) != 1 && len(idx) != 3 {
		return []string{""}
	}
	if src := p.sourceOf(b, idx); src.rel == ref && src.col != nil {
		return []string{src.col.Name}
	}
	return []string{""}
}

// rowKey picks the key that names a row of t from the columns a result
// has: the primary key, else a unique constraint or a whole-column unique
// index without predicate whose columns are all NOT NULL.
func rowKey(t *schema.Table, cols []string) ([]string, string) {
	notNull := func(names []string) bool {
		for _, n := range names {
			if c := t.Column(n); c == nil || c.Nullable {
				return false
			}
		}
		return len(names) > 0
	}
	var keys [][]string
	for i, k := range t.RowKeys() {
		// The primary key names a row as it is; other keys only when
		// none of their columns can be NULL.
		if i == 0 && t.PrimaryKey != nil {
			if len(k) > 0 {
				keys = append(keys, k)
			}
		} else if notNull(k) {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return nil, NotEditableNoKey
	}
	for _, k := range keys {
		if !slices.ContainsFunc(k, func(c string) bool { return !slices.Contains(cols, c) }) {
			return slices.Clone(k), ""
		}
	}
	return slices.Clone(keys[0]), NotEditableKeyMissing
}
