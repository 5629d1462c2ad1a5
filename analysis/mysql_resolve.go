package analysis

// Name checks on the tree vitess built of a MySQL data statement: unknown
// tables, unknown and ambiguous columns, INSERT value counts, resolved
// against the snapshot Index, the relations the document creates and the
// statement's own CTEs and derived tables.
//
// As in diagnose.go, silence beats a false alarm: a relation whose
// columns are not all known (a view whose columns the snapshot lacks, a
// table the document alters, a subquery with an unnamed expression, a
// JSON_TABLE) makes every unqualified name it could hold fine, and a name
// written by an earlier statement that is not checked (a DECLARE, an ALTER
// TABLE) is never called unknown.
//
// Vitess's nodes carry no positions. The references are recorded in the
// order the statement writes them, and the n-th reference to a name is
// placed on the n-th token sequence spelling that name where a reference
// can stand.

import (
	"fmt"
	"strings"

	"vitess.io/vitess/go/vt/sqlparser"

	"github.com/dbls/dbls/drivers/schema"
)

// myRel is a relation in scope: a table, view, CTE or derived table.
type myRel struct {
	name, db string // how the statement names it (alias, or table and database)
	cols     []string
	known    bool // cols is every column
	// generated: a table with a generated column (INSERT without a column
	// list is not counted then).
	generated bool
}

func (r *myRel) has(col string) bool {
	for _, c := range r.cols {
		if strings.EqualFold(c, col) {
			return true
		}
	}
	return false
}

func (r *myRel) display() string {
	if r.db != "" {
		return r.db + "." + r.name
	}
	return r.name
}

// myLevel is the scope of one query level.
type myLevel struct {
	parent *myLevel
	rels   []*myRel
	ctes   []*myRel
	ons    []sqlparser.Expr
	// merged: a USING or NATURAL join, whose shared columns are not
	// ambiguous.
	merged bool
	// outputs are the select list's names, visible in GROUP BY, HAVING
	// and ORDER BY; subOutputs the same, visible only to the subqueries
	// of the select list (MySQL resolves SELECT 1 AS a, (SELECT a)).
	outputs, subOutputs []string
}

// myRef is a name the statement writes, with what is wrong with it.
type myRef struct {
	table     bool
	parts     []string
	code, msg string
}

// myArity is an INSERT row (or its SELECT) with the wrong value count.
type myArity struct {
	row        int // -1: the SELECT
	have, want int
}

type myResolver struct {
	dg    *diagnoser
	refs  []myRef
	arity []myArity
}

// resolveMySQL checks the names of a parsed data statement and reports
// what is wrong, placed on the statement's tokens.
func (dg *diagnoser) resolveMySQL(tree sqlparser.Statement, toks []Token) {
	r := &myResolver{dg: dg}
	switch s := tree.(type) {
	case *sqlparser.Select, *sqlparser.Union:
		r.tableStatement(s.(sqlparser.TableStatement), nil)
	case *sqlparser.Insert:
		r.insert(s)
	case *sqlparser.Update:
		r.update(s)
	case *sqlparser.Delete:
		r.delete(s)
	default:
		return
	}
	r.place(toks)
}

func (r *myResolver) ref(table bool, parts []string, code, msg string) {
	var ps []string
	for _, p := range parts {
		if p != "" {
			ps = append(ps, p)
		}
	}
	r.refs = append(r.refs, myRef{table: table, parts: ps, code: code, msg: msg})
}

// ---- statements ----

// tableStatement resolves a query and returns its output columns (known
// when every one has a name) and their count (-1 when unknown).
func (r *myResolver) tableStatement(ts sqlparser.TableStatement, outer *myLevel) (cols []string, known bool, count int) {
	switch s := ts.(type) {
	case *sqlparser.Select:
		return r.selectStmt(s, outer)
	case *sqlparser.Union:
		lv := &myLevel{parent: outer}
		r.with(s.With, lv)
		cols, known, count = r.tableStatement(s.Left, lv)
		r.tableStatement(s.Right, lv)
		// ORDER BY of a UNION names the result's columns.
		rl := &myLevel{parent: outer, rels: []*myRel{{cols: cols, known: known}}}
		for _, o := range s.OrderBy {
			r.expr(o.Expr, rl)
		}
		return cols, known, count
	case *sqlparser.ValuesStatement:
		lv := &myLevel{parent: outer}
		r.with(s.With, lv)
		for _, row := range s.Rows {
			for _, e := range row {
				r.expr(e, lv)
			}
		}
		if len(s.Rows) > 0 {
			return nil, false, len(s.Rows[0])
		}
	}
	return nil, false, -1
}

func (r *myResolver) selectStmt(s *sqlparser.Select, outer *myLevel) ([]string, bool, int) {
	lv := &myLevel{parent: outer}
	r.with(s.With, lv)
	// FROM comes after the select list in the text: resolve it first (the
	// list needs its scope) but record its names after the list's.
	saved := r.refs
	r.refs = nil
	for _, te := range s.From {
		r.tableExpr(te, lv)
	}
	from := r.refs
	r.refs = saved
	var exprs []sqlparser.SelectExpr
	if s.SelectExprs != nil {
		exprs = s.SelectExprs.Exprs
	}
	for _, se := range exprs {
		if _, ok := se.(*sqlparser.Nextval); ok {
			// NEXT VALUE FOR seq (MariaDB), which vitess reads as its own
			// SELECT NEXT VALUE FROM seq: the sequence is no table.
			return nil, false, -1
		}
	}
	cols, known, count := r.outputs(exprs, lv)
	lv.subOutputs = cols
	for _, se := range exprs {
		if ae, ok := se.(*sqlparser.AliasedExpr); ok {
			r.expr(ae.Expr, lv)
		}
	}
	lv.subOutputs = nil
	r.refs = append(r.refs, from...)
	for _, on := range lv.ons {
		r.expr(on, lv)
	}
	if s.Where != nil {
		r.expr(s.Where.Expr, lv)
	}
	late := *lv
	late.outputs = cols
	if !known {
		late.outputs = nil
		late.merged = true
		// An unnamed item may be what a later clause names.
		late.rels = append(append([]*myRel(nil), lv.rels...), &myRel{})
	}
	if s.GroupBy != nil {
		for _, e := range s.GroupBy.Exprs {
			r.expr(e, &late)
		}
	}
	if s.Having != nil {
		r.expr(s.Having.Expr, &late)
	}
	for _, w := range s.Windows {
		r.expr(w, lv)
	}
	for _, o := range s.OrderBy {
		r.expr(o.Expr, &late)
	}
	return cols, known, count
}

// outputs are the names of a select list's columns.
func (r *myResolver) outputs(exprs []sqlparser.SelectExpr, lv *myLevel) ([]string, bool, int) {
	var cols []string
	known, count := true, 0
	for _, se := range exprs {
		switch e := se.(type) {
		case *sqlparser.StarExpr:
			count = -1
			for _, rel := range lv.rels {
				if !e.TableName.IsEmpty() && !strings.EqualFold(rel.name, e.TableName.Name.String()) {
					continue
				}
				if !rel.known {
					known = false
				}
				cols = append(cols, rel.cols...)
			}
		case *sqlparser.AliasedExpr:
			if count >= 0 {
				count++
			}
			switch {
			case !e.As.IsEmpty():
				cols = append(cols, e.As.String())
			case isColName(e.Expr):
				cols = append(cols, e.Expr.(*sqlparser.ColName).Name.String())
			default:
				// MySQL names it after its text: not a name we know.
				known = false
			}
		default:
			known, count = false, -1
		}
	}
	return cols, known, count
}

func isColName(e sqlparser.Expr) bool {
	_, ok := e.(*sqlparser.ColName)
	return ok
}

// with adds the CTEs of w to lv, each visible to those after it (and to
// itself when recursive).
func (r *myResolver) with(w *sqlparser.With, lv *myLevel) {
	if w == nil {
		return
	}
	for _, cte := range w.CTEs {
		rel := &myRel{name: cte.ID.String()}
		if w.Recursive {
			lv.ctes = append(lv.ctes, rel)
		}
		cols, known, _ := r.tableStatement(cte.Subquery, lv)
		if len(cte.Columns) > 0 {
			cols, known = identNamesCI(cte.Columns), true
		}
		rel.cols, rel.known = cols, known
		if !w.Recursive {
			lv.ctes = append(lv.ctes, rel)
		}
	}
}

func identNamesCI(cs sqlparser.Columns) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.String()
	}
	return out
}

func (r *myResolver) insert(ins *sqlparser.Insert) {
	if ins.Table == nil {
		return
	}
	tn, ok := ins.Table.Expr.(sqlparser.TableName)
	if !ok {
		return
	}
	lv := &myLevel{}
	target := r.table(tn, lv)
	for _, c := range ins.Columns {
		col := c.String()
		if target.known && !target.has(col) {
			r.ref(false, []string{col}, CodeUnknownCol, fmt.Sprintf("unknown column %s in %s", col, target.display()))
		} else {
			r.ref(false, []string{col}, "", "")
		}
	}
	want := len(ins.Columns)
	// Without a column list a row gives every visible column; the snapshot
	// does not tell INVISIBLE columns (MySQL 8.0.23, MariaDB 10.3), nor
	// does a CREATE TABLE of the document as read: fewer values than
	// columns may be right, more never are.
	exact := want > 0
	if want == 0 && target.known && !target.generated {
		want = len(target.cols)
	}
	// The values may name the row's columns (INSERT … VALUES (1, a + 1)).
	lv.rels = []*myRel{target}
	switch rows := ins.Rows.(type) {
	case sqlparser.Values:
		for i, row := range rows {
			for _, e := range row {
				r.expr(e, lv)
			}
			if want > 0 && len(row) > 0 && (len(row) > want || exact && len(row) != want) {
				r.arity = append(r.arity, myArity{row: i, have: len(row), want: want})
			}
		}
	case sqlparser.TableStatement:
		_, _, n := r.tableStatement(rows, nil)
		if want > 0 && n >= 0 && (n > want || exact && n != want) {
			r.arity = append(r.arity, myArity{row: -1, have: n, want: want})
		}
		return // ON DUPLICATE KEY UPDATE may name the SELECT's columns too
	}
	if ins.RowAlias != nil {
		alias := &myRel{name: ins.RowAlias.TableName.String(), cols: target.cols, known: target.known}
		if len(ins.RowAlias.Columns) > 0 {
			alias.cols, alias.known = identNamesCI(ins.RowAlias.Columns), true
		}
		// Unqualified names are the target's: the alias is one level out.
		lv.parent = &myLevel{rels: []*myRel{alias}}
	}
	for _, u := range ins.OnDup {
		r.expr(u.Name, lv)
		r.expr(u.Expr, lv)
	}
}

func (r *myResolver) update(u *sqlparser.Update) {
	lv := &myLevel{}
	r.with(u.With, lv)
	for _, te := range u.TableExprs {
		r.tableExpr(te, lv)
	}
	for _, on := range lv.ons {
		r.expr(on, lv)
	}
	for _, e := range u.Exprs {
		r.expr(e.Name, lv)
		r.expr(e.Expr, lv)
	}
	if u.Where != nil {
		r.expr(u.Where.Expr, lv)
	}
	for _, o := range u.OrderBy {
		r.expr(o.Expr, lv)
	}
}

func (r *myResolver) delete(d *sqlparser.Delete) {
	lv := &myLevel{}
	r.with(d.With, lv)
	for _, te := range d.TableExprs {
		r.tableExpr(te, lv)
	}
	for _, on := range lv.ons {
		r.expr(on, lv)
	}
	if d.Where != nil {
		r.expr(d.Where.Expr, lv)
	}
	for _, o := range d.OrderBy {
		r.expr(o.Expr, lv)
	}
}

// ---- FROM ----

func (r *myResolver) tableExpr(te sqlparser.TableExpr, lv *myLevel) {
	switch t := te.(type) {
	case *sqlparser.AliasedTableExpr:
		switch e := t.Expr.(type) {
		case sqlparser.TableName:
			rel := r.table(e, lv)
			if !t.As.IsEmpty() {
				c := *rel
				c.name, c.db = t.As.String(), ""
				rel = &c
			}
			lv.rels = append(lv.rels, rel)
		case *sqlparser.DerivedTable:
			cols, known, _ := r.tableStatement(e.Select, lv)
			if len(t.Columns) > 0 {
				cols, known = identNamesCI(t.Columns), true
			}
			lv.rels = append(lv.rels, &myRel{name: t.As.String(), cols: cols, known: known})
		default:
			lv.rels = append(lv.rels, &myRel{name: t.As.String()})
		}
	case *sqlparser.JoinTableExpr:
		r.tableExpr(t.LeftExpr, lv)
		r.tableExpr(t.RightExpr, lv)
		switch t.Join {
		case sqlparser.NaturalJoinType, sqlparser.NaturalLeftJoinType, sqlparser.NaturalRightJoinType:
			lv.merged = true
		}
		if t.Condition != nil {
			if t.Condition.On != nil {
				lv.ons = append(lv.ons, t.Condition.On)
			}
			if len(t.Condition.Using) > 0 {
				lv.merged = true
			}
		}
	case *sqlparser.ParenTableExpr:
		for _, x := range t.Exprs {
			r.tableExpr(x, lv)
		}
	case *sqlparser.JSONTableExpr:
		lv.rels = append(lv.rels, &myRel{name: t.Alias.String()})
	default:
		lv.rels = append(lv.rels, &myRel{})
	}
}

// table resolves a table name: a CTE, a relation the document created, one
// of the snapshot. An unknown one is reported and resolves to a relation
// of unknown columns.
func (r *myResolver) table(tn sqlparser.TableName, lv *myLevel) *myRel {
	name, db := tn.Name.String(), tn.Qualifier.String()
	parts := []string{db, name}
	unknown := &myRel{name: name, db: db}
	dg := r.dg
	if db == "" {
		for l := lv; l != nil; l = l.parent {
			for _, c := range l.ctes {
				if strings.EqualFold(c.name, name) {
					r.ref(true, parts, "", "")
					return c
				}
			}
		}
		if dr := dg.doc.lookup(MySQL, name, false); dr != nil {
			r.ref(true, parts, "", "")
			rel := &myRel{name: name}
			if dr.kind == relDoc && dr.srcs == nil && len(dr.columns) > 0 {
				rel.cols, rel.known = columnNames(dr.columns), true
				rel.generated = hasGenerated(dr.columns)
			}
			return rel
		}
	}
	if db == "" && dg.docNames[mysqlUseKey] {
		// After USE of another database, unqualified names are its own.
		r.ref(true, parts, "", "")
		return unknown
	}
	var sc = dg.ix.lookupSchema(db, false)
	if db != "" && sc == nil {
		r.ref(true, parts, "", "") // another database, or a system one
		return unknown
	}
	if e, ok := dg.ix.lookupRel(sc, name, false); ok {
		r.ref(true, parts, "", "")
		rel := &myRel{name: name, db: db}
		cols := columnsOf(e)
		altered := e.t != nil && dg.docNames[alteredKey+strings.ToLower(e.t.Name)]
		if len(cols) > 0 && !altered {
			rel.cols, rel.known = columnNames(cols), true
			rel.generated = hasGenerated(cols)
		}
		return rel
	}
	if r.docName(name) || systemName(MySQL, name) || r.sequence(sc, name) {
		r.ref(true, parts, "", "")
		return unknown
	}
	r.ref(true, parts, CodeUnknownTab, "unknown table "+unknown.display())
	return unknown
}

func columnsOf(e relEntry) []schema.Column {
	if e.t != nil {
		return e.t.Columns
	}
	return e.v.Columns
}

func hasGenerated(cols []schema.Column) bool {
	for i := range cols {
		if cols[i].Generated != nil {
			return true
		}
	}
	return false
}

// sequence reports a sequence of the snapshot (MariaDB's sequences are
// tables too), in sc or any schema.
func (r *myResolver) sequence(sc *schema.Schema, name string) bool {
	snap := r.dg.x.Snapshot()
	if snap == nil {
		return false
	}
	for i := range snap.Schemas {
		if sc != nil && &snap.Schemas[i] != sc {
			continue
		}
		for _, q := range snap.Schemas[i].Sequences {
			if strings.EqualFold(q.Name, name) {
				return true
			}
		}
	}
	return false
}

// sequenceFunctions take a sequence's name (MariaDB).
var sequenceFunctions = map[string]bool{"nextval": true, "lastval": true, "setval": true}

// docName reports a name an unchecked statement of the document wrote.
func (r *myResolver) docName(n string) bool {
	return r.dg.docNames[strings.ToLower(n)]
}

// ---- expressions ----

// expr resolves the column names of an expression, its subqueries with lv
// as their outer scope.
func (r *myResolver) expr(e sqlparser.SQLNode, lv *myLevel) {
	if e == nil {
		return
	}
	_ = sqlparser.Walk(func(n sqlparser.SQLNode) (bool, error) {
		switch n := n.(type) {
		case *sqlparser.ColName:
			r.column(n, lv)
			return false, nil
		case *sqlparser.FuncExpr:
			if sequenceFunctions[n.Name.Lowered()] {
				return false, nil // MariaDB's NEXTVAL(seq): a sequence, not a column
			}
		case *sqlparser.Subquery:
			r.tableStatement(n.Select, lv)
			return false, nil
		case *sqlparser.DerivedTable:
			r.tableStatement(n.Select, lv)
			return false, nil
		}
		return true, nil
	}, e)
}

func (r *myResolver) column(c *sqlparser.ColName, lv *myLevel) {
	if c == nil {
		return
	}
	name := c.Name.String()
	if c.Qualifier.IsEmpty() {
		r.unqualified(name, lv)
		return
	}
	r.qualified(c.Qualifier.Qualifier.String(), c.Qualifier.Name.String(), name, lv)
}

// pseudoColumns are names MariaDB reads without a table: ROWNUM and
// SYSDATE of its Oracle mode.
var pseudoColumns = map[string]bool{"rownum": true, "sysdate": true}

func (r *myResolver) unqualified(name string, lv *myLevel) {
	parts := []string{name}
	if pseudoColumns[strings.ToLower(name)] {
		r.ref(false, parts, "", "")
		return
	}
	inScope := false
	for l := lv; l != nil; l = l.parent {
		inScope = inScope || len(l.rels) > 0
		outs := l.outputs
		if l != lv {
			outs = append(outs[:len(outs):len(outs)], l.subOutputs...)
		}
		for _, o := range outs {
			if strings.EqualFold(o, name) {
				r.ref(false, parts, "", "")
				return
			}
		}
		var hits []*myRel
		complete := true
		for _, rel := range l.rels {
			if rel.has(name) {
				hits = append(hits, rel)
			} else if !rel.known {
				complete = false
			}
		}
		if len(hits) > 1 && !l.merged {
			names := make([]string, len(hits))
			for i, h := range hits {
				names[i] = h.display()
			}
			r.ref(false, parts, CodeAmbiguous, fmt.Sprintf("column %s is ambiguous: it is in %s", name, strings.Join(names, " and ")))
			return
		}
		if len(hits) > 0 || !complete {
			r.ref(false, parts, "", "")
			return
		}
	}
	if !inScope && r.docName(name) {
		// No table in scope: a variable a DECLARE of the document made.
		r.ref(false, parts, "", "")
		return
	}
	r.ref(false, parts, CodeUnknownCol, "unknown column "+name)
}

func (r *myResolver) qualified(db, table, name string, lv *myLevel) {
	parts := []string{db, table, name}
	for l := lv; l != nil; l = l.parent {
		for _, rel := range l.rels {
			if !strings.EqualFold(rel.name, table) || db != "" && rel.db != "" && !strings.EqualFold(rel.db, db) {
				continue
			}
			if rel.known && !rel.has(name) {
				r.ref(false, parts, CodeUnknownCol, fmt.Sprintf("unknown column %s in %s", name, rel.display()))
				return
			}
			r.ref(false, parts, "", "")
			return
		}
	}
	if db != "" || r.docName(table) {
		r.ref(false, parts, "", "")
		return
	}
	r.ref(false, parts, CodeUnknownCol, fmt.Sprintf("unknown column %s.%s: no table %s in scope", table, name, table))
}
