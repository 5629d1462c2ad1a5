package analysis

// The PostgreSQL statement model for diagnostics, read from pg_query's
// parse tree (the server's own grammar) instead of guessed from tokens.
// walkPostgres turns the tree of a data statement into a pgSem: its
// query levels, the FROM items and column references of each, the
// columns it names for its target, and its INSERT rows. A pgSem depends
// on nothing but the statement's text (its ranges are relative to the
// statement), so it is kept with pg_query's verdict on that text and
// checked again (pg_check.go) when the snapshot or what earlier
// statements create changes. Where the walk meets something it does not
// model it marks it (opaque items, unknown output names, unsure), and
// the check stays silent there.

import (
	"sort"

	pg "github.com/pganalyze/pg_query_go/v6"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// pgSem is what the walk keeps of one statement.
type pgSem struct {
	levels []pgLevel
	items  []pgItem
	cols   []pgCol
	names  []pgName
	ins    *pgInsert
	// into is the table a SELECT … INTO creates ("" if none).
	into string
	// unsure: the walk met a construct it does not model; nothing is
	// reported for the statement.
	unsure bool
}

// pgLevel is one query level: a SELECT (or set operation, VALUES) or the
// data-changing statement itself.
type pgLevel struct {
	// colParent is the level whose FROM items the level's expressions
	// also see (correlation, LATERAL); nameParent the level whose CTEs
	// its FROM names may use; -1 for none.
	colParent, nameParent int32
	items                 []int32 // FROM items, in order (indices in pgSem.items)
	ctes                  []pgCTE
	out                   []pgOut // output columns (select list, RETURNING)
	values                int32   // VALUES: its number of columns, else -1
	setLeft               int32   // set operation: its left arm, else -1
	outUnknown            bool    // output names not modelled
	opaque                bool    // an item whose columns are never known (function, XMLTABLE…)
	refUnknown            bool    // an item whose reference name is not known
	natural               bool
	using                 []string // JOIN … USING column names
	// recursive: WITH RECURSIVE, whose CTEs see themselves and the
	// later ones; without it a CTE's body sees only the CTEs before it.
	recursive bool
}

type pgCTE struct {
	name  string
	level int32
	cols  []string // WITH x(a, b): the column names given
}

// pgOut is one output column: a name, a star (qualified or not), or
// unknown.
type pgOut struct {
	name    string
	star    bool
	qual    string
	unknown bool
}

// Kinds of FROM items.
const (
	itemRel    = iota // a name: table, view, CTE
	itemSub           // a subquery
	itemOpaque        // a function, XMLTABLE, a join alias…
)

type pgItem struct {
	kind                  uint8
	catalog, schema, name string
	rng                   Range // the name as written (relative to the statement)
	alias                 string
	hasAlias              bool
	cols                  []string // alias column names
	sub                   int32    // itemSub: the subquery's level
	level                 int32
	// copyOf is the item this one repeats (ON CONFLICT's excluded), or
	// -1; such an item is never reported unknown.
	copyOf int32
}

// refName is how expressions refer to the item.
func (it *pgItem) refName() string {
	if it.hasAlias {
		return it.alias
	}
	if it.kind == itemRel {
		return it.name
	}
	return ""
}

// pgCol is a column reference.
type pgCol struct {
	level  int32
	fields []string // "" for *
	rng    Range    // the last field
	qrng   Range    // the first field
	// aliasOK: output column names count (ORDER BY, GROUP BY, DISTINCT ON).
	aliasOK bool
	// lo, hi bound the items of its own level it sees (a JOIN's ON sees
	// only the joined items, a function in FROM those before it); hi -1:
	// all.
	lo, hi int32
}

// pgName is a column named for a target: INSERT's column list, UPDATE's
// SET, ON CONFLICT's columns.
type pgName struct {
	item int32
	name string
	rng  Range
}

// pgInsert is an INSERT … VALUES: the target and the value count of its
// rows (with a column list, only the rows whose count differs from it).
type pgInsert struct {
	target int32
	listed int32 // number of listed columns, -1 without a list
	rows   []pgRow
	// query: INSERT … SELECT, with the ranges of the select list's items
	// (exprs) and of the listed columns (targets) instead of rows.
	query          bool
	exprs, targets []Range
}

type pgRow struct {
	rng Range
	n   int32
}

// pgWalker builds a pgSem from a tree. toks are the statement's tokens
// (document offsets, no comments), base its start.
type pgWalker struct {
	sem  *pgSem
	toks []Token
	text string
	base int
	// vis bounds the items of the current level column references see.
	vis [2]int32
}

// walkPostgres models the one statement of tree, or returns nil when it is
// not a data statement.
func walkPostgres(tree *pg.ParseResult, text string, toks []Token, base int) *pgSem {
	if tree == nil || len(tree.Stmts) != 1 || tree.Stmts[0].Stmt == nil {
		return nil
	}
	n := tree.Stmts[0].Stmt
	switch n.Node.(type) {
	case *pg.Node_SelectStmt, *pg.Node_InsertStmt, *pg.Node_UpdateStmt, *pg.Node_DeleteStmt:
	default:
		return nil
	}
	w := &pgWalker{sem: &pgSem{}, toks: toks, text: text, base: base, vis: [2]int32{0, -1}}
	w.stmt(n, -1, -1)
	return w.sem
}

func (w *pgWalker) newLevel(colParent, nameParent int32) int32 {
	w.sem.levels = append(w.sem.levels, pgLevel{colParent: colParent, nameParent: nameParent, values: -1, setLeft: -1})
	return int32(len(w.sem.levels) - 1)
}

func (w *pgWalker) lv(l int32) *pgLevel { return &w.sem.levels[l] }

// stmt walks a query or data statement as a level and returns it.
func (w *pgWalker) stmt(n *pg.Node, colParent, nameParent int32) int32 {
	saved := w.vis
	w.vis = [2]int32{0, -1}
	defer func() { w.vis = saved }()
	switch x := n.GetNode().(type) {
	case *pg.Node_SelectStmt:
		return w.selectStmt(x.SelectStmt, colParent, nameParent)
	case *pg.Node_InsertStmt:
		return w.insert(x.InsertStmt, colParent, nameParent)
	case *pg.Node_UpdateStmt:
		return w.update(x.UpdateStmt, colParent, nameParent)
	case *pg.Node_DeleteStmt:
		return w.delete(x.DeleteStmt, colParent, nameParent)
	}
	w.sem.unsure = true
	l := w.newLevel(colParent, nameParent)
	w.lv(l).outUnknown = true
	return l
}

// with registers the CTEs of a WITH on level l (all first, so that they
// see each other, as RECURSIVE allows), then walks their bodies.
func (w *pgWalker) with(wc *pg.WithClause, l int32) {
	if wc == nil {
		return
	}
	start := len(w.lv(l).ctes)
	w.lv(l).recursive = wc.Recursive
	var bodies []*pg.CommonTableExpr
	for _, c := range wc.Ctes {
		cte := c.GetCommonTableExpr()
		if cte == nil {
			w.sem.unsure = true
			continue
		}
		w.lv(l).ctes = append(w.lv(l).ctes, pgCTE{name: cte.Ctename, level: -1, cols: nodeStrings(cte.Aliascolnames)})
		bodies = append(bodies, cte)
	}
	for k, cte := range bodies {
		sub := w.stmt(cte.Ctequery, w.lv(l).colParent, l)
		if cte.SearchClause != nil || cte.CycleClause != nil {
			w.lv(sub).outUnknown = true // SEARCH and CYCLE add columns
		}
		w.lv(l).ctes[start+k].level = sub
	}
}

func (w *pgWalker) selectStmt(s *pg.SelectStmt, colParent, nameParent int32) int32 {
	l := w.newLevel(colParent, nameParent)
	if s == nil {
		w.sem.unsure = true
		return l
	}
	w.with(s.WithClause, l)
	if s.Larg != nil || s.Rarg != nil {
		left := w.selectStmt(s.Larg, colParent, l)
		w.selectStmt(s.Rarg, colParent, l)
		w.lv(l).setLeft = left
		// ORDER BY and LIMIT of a set operation name its output
		// columns: not checked.
		return l
	}
	if len(s.ValuesLists) > 0 {
		w.lv(l).values = int32(len(s.ValuesLists[0].GetList().GetItems()))
		for _, row := range s.ValuesLists {
			w.expr(row, l, false)
		}
		w.exprs(s.SortClause, l, false)
		w.expr(s.LimitCount, l, false)
		w.expr(s.LimitOffset, l, false)
		return l
	}
	for _, f := range s.FromClause {
		w.fromItem(f, l)
	}
	for _, t := range s.TargetList {
		rt := t.GetResTarget()
		if rt == nil {
			w.sem.unsure = true
			continue
		}
		w.lv(l).out = append(w.lv(l).out, figureOut(rt))
		w.expr(rt.Val, l, false)
		w.exprs(rt.Indirection, l, false)
	}
	w.expr(s.WhereClause, l, false)
	w.exprs(s.GroupClause, l, true)
	w.expr(s.HavingClause, l, false)
	w.exprs(s.WindowClause, l, false)
	w.exprs(s.DistinctClause, l, true)
	w.exprs(s.SortClause, l, true)
	w.expr(s.LimitCount, l, false)
	w.expr(s.LimitOffset, l, false)
	if s.IntoClause != nil && s.IntoClause.Rel != nil {
		w.sem.into = s.IntoClause.Rel.Relname
	}
	return l
}

// target adds a statement's target table as an item of level l.
func (w *pgWalker) target(rv *pg.RangeVar, l int32) int32 {
	if rv == nil {
		w.sem.unsure = true
		return -1
	}
	return w.rangeVar(rv, l)
}

func (w *pgWalker) insert(s *pg.InsertStmt, colParent, nameParent int32) int32 {
	l := w.newLevel(colParent, nameParent)
	w.with(s.WithClause, l)
	t := w.target(s.Relation, l)
	if t < 0 {
		return l
	}
	for _, c := range s.Cols {
		if rt := c.GetResTarget(); rt != nil {
			w.name(t, rt.Name, rt.Location)
		}
	}
	if sel := s.SelectStmt.GetSelectStmt(); sel != nil && len(sel.ValuesLists) > 0 && sel.WithClause == nil && sel.Larg == nil {
		w.insertRows(s, sel, t)
	} else if sel != nil && sel.Larg == nil && len(sel.ValuesLists) == 0 {
		w.insertSelect(s, sel, t)
	}
	if s.SelectStmt != nil {
		w.stmt(s.SelectStmt, colParent, l)
	}
	if oc := s.OnConflictClause; oc != nil {
		w.onConflict(oc, t, l)
	}
	w.returning(s.ReturningList, l)
	return l
}

// insertRows records the value count of each row of INSERT … VALUES, with
// the range of its parentheses, found among the tokens after VALUES.
func (w *pgWalker) insertRows(s *pg.InsertStmt, sel *pg.SelectStmt, t int32) {
	ins := &pgInsert{target: t, listed: -1}
	if len(s.Cols) > 0 {
		ins.listed = int32(len(s.Cols))
	}
	w.sem.ins = ins
	parens := w.valueParens(s.Relation.Location)
	if len(parens) != len(sel.ValuesLists) {
		w.sem.ins = nil // the tokens do not say where the rows are
		return
	}
	for k, row := range sel.ValuesLists {
		n := int32(len(row.GetList().GetItems()))
		if ins.listed >= 0 && n == ins.listed {
			continue
		}
		ins.rows = append(ins.rows, pgRow{rng: parens[k], n: n})
	}
}

// insertSelect records the select list of INSERT … SELECT as one row,
// unless a star makes its length unknown: the range of each of its
// items (their first token) and of each listed column, so that the
// check can point at the first one too many.
func (w *pgWalker) insertSelect(s *pg.InsertStmt, sel *pg.SelectStmt, t int32) {
	ins := &pgInsert{target: t, listed: -1, query: true}
	for _, n := range sel.TargetList {
		rt := n.GetResTarget()
		if rt == nil {
			return
		}
		if c := rt.Val.GetColumnRef(); c != nil && len(c.Fields) > 0 && c.Fields[len(c.Fields)-1].GetAStar() != nil {
			return
		}
		i := w.tokAt(rt.Location)
		if i < 0 {
			return
		}
		ins.exprs = append(ins.exprs, Range{Start: w.toks[i].Start - w.base, End: w.toks[i].End - w.base})
	}
	for _, c := range s.Cols {
		rt := c.GetResTarget()
		i := w.tokAt(rt.GetLocation())
		if rt == nil || i < 0 {
			return
		}
		ins.targets = append(ins.targets, Range{Start: w.toks[i].Start - w.base, End: w.toks[i].End - w.base})
	}
	if len(s.Cols) > 0 {
		ins.listed = int32(len(s.Cols))
	}
	w.sem.ins = ins
}

// valueParens finds the parentheses of the rows after the first VALUES at
// depth 0 that follows byte loc of the statement.
func (w *pgWalker) valueParens(loc int32) []Range {
	i := w.tokAt(loc)
	if i < 0 {
		return nil
	}
	depth := 0
	for ; i < len(w.toks); i++ {
		t := w.toks[i]
		if t.Kind == Punct {
			switch t.Text(w.text) {
			case "(":
				depth++
			case ")":
				depth--
			}
			continue
		}
		if depth == 0 && t.Kind == Word && upperWord(w.text, t) == "VALUES" {
			break
		}
	}
	var out []Range
	depth = 0
	start := -1
	for i++; i < len(w.toks); i++ {
		t := w.toks[i]
		if t.Kind != Punct {
			if depth == 0 {
				break
			}
			continue
		}
		switch t.Text(w.text) {
		case "(":
			if depth == 0 {
				start = t.Start
			}
			depth++
		case ")":
			depth--
			if depth == 0 && start >= 0 {
				out = append(out, Range{Start: start - w.base, End: t.End - w.base})
			}
		case ",":
		default:
			if depth == 0 {
				return out
			}
		}
	}
	return out
}

// onConflict walks ON CONFLICT: its expressions see the target and
// excluded, a copy of it.
func (w *pgWalker) onConflict(oc *pg.OnConflictClause, t, l int32) {
	c := w.newLevel(w.lv(l).colParent, l)
	w.lv(c).items = append(w.lv(c).items, t)
	ex := w.sem.items[t]
	ex.alias, ex.hasAlias, ex.cols, ex.copyOf, ex.level = "excluded", true, nil, t, c
	w.sem.items = append(w.sem.items, ex)
	w.lv(c).items = append(w.lv(c).items, int32(len(w.sem.items)-1))
	if in := oc.Infer; in != nil {
		// The conflict target sees the table alone, not excluded.
		inf := w.newLevel(w.lv(l).colParent, l)
		w.lv(inf).items = append(w.lv(inf).items, t)
		for _, e := range in.IndexElems {
			ie := e.GetIndexElem()
			if ie == nil {
				continue
			}
			if ie.Name != "" {
				w.inferName(t, ie.Name, in.Location)
			}
			w.expr(ie.Expr, inf, false)
		}
		w.expr(in.WhereClause, inf, false)
	}
	w.setList(oc.TargetList, t, c)
	w.expr(oc.WhereClause, c, false)
}

// inferName records a column of ON CONFLICT (…), found as the first
// token with its name inside the parentheses after loc.
func (w *pgWalker) inferName(t int32, name string, loc int32) {
	i := w.tokAt(loc)
	if i < 0 {
		return
	}
	for ; i < len(w.toks); i++ {
		tk := w.toks[i]
		if tk.Kind == Punct && tk.Text(w.text) == ")" {
			return
		}
		if (tk.Kind == Word || tk.Kind == QuotedIdent) && pgFold(w.text, tk) == name {
			w.sem.names = append(w.sem.names, pgName{item: t, name: name, rng: Range{Start: tk.Start - w.base, End: tk.End - w.base}})
			return
		}
	}
}

// setList walks UPDATE's SET (and ON CONFLICT DO UPDATE SET): the
// columns of target t, and the values in level l.
func (w *pgWalker) setList(list []*pg.Node, t, l int32) {
	for _, n := range list {
		rt := n.GetResTarget()
		if rt == nil {
			w.sem.unsure = true
			continue
		}
		w.name(t, rt.Name, rt.Location)
		w.exprs(rt.Indirection, l, false)
		if m := rt.Val.GetMultiAssignRef(); m != nil {
			if m.Colno == 1 { // the source is shared by the columns it sets
				w.expr(m.Source, l, false)
			}
			continue
		}
		w.expr(rt.Val, l, false)
	}
}

func (w *pgWalker) update(s *pg.UpdateStmt, colParent, nameParent int32) int32 {
	l := w.newLevel(colParent, nameParent)
	w.with(s.WithClause, l)
	t := w.target(s.Relation, l)
	for _, f := range s.FromClause {
		w.fromItem(f, l)
	}
	if t >= 0 {
		w.setList(s.TargetList, t, l)
	}
	w.expr(s.WhereClause, l, false)
	w.returning(s.ReturningList, l)
	return l
}

func (w *pgWalker) delete(s *pg.DeleteStmt, colParent, nameParent int32) int32 {
	l := w.newLevel(colParent, nameParent)
	w.with(s.WithClause, l)
	w.target(s.Relation, l)
	for _, f := range s.UsingClause {
		w.fromItem(f, l)
	}
	w.expr(s.WhereClause, l, false)
	w.returning(s.ReturningList, l)
	return l
}

// returning walks RETURNING, which is also the level's output (a CTE's
// columns).
func (w *pgWalker) returning(list []*pg.Node, l int32) {
	if len(list) == 0 {
		w.lv(l).outUnknown = true
		return
	}
	for _, n := range list {
		rt := n.GetResTarget()
		if rt == nil {
			w.sem.unsure = true
			continue
		}
		w.lv(l).out = append(w.lv(l).out, figureOut(rt))
		w.expr(rt.Val, l, false)
	}
}

// name records a column named for target t at byte loc.
func (w *pgWalker) name(t int32, name string, loc int32) {
	i := w.tokAt(loc)
	if i < 0 || name == "" {
		return
	}
	tk := w.toks[i]
	w.sem.names = append(w.sem.names, pgName{item: t, name: name, rng: Range{Start: tk.Start - w.base, End: tk.End - w.base}})
}

func (w *pgWalker) addItem(l int32, it pgItem) int32 {
	it.level = l
	w.sem.items = append(w.sem.items, it)
	k := int32(len(w.sem.items) - 1)
	w.lv(l).items = append(w.lv(l).items, k)
	return k
}

func (w *pgWalker) rangeVar(rv *pg.RangeVar, l int32) int32 {
	it := pgItem{kind: itemRel, catalog: rv.Catalogname, schema: rv.Schemaname, name: rv.Relname, copyOf: -1}
	parts := 1
	if rv.Schemaname != "" {
		parts++
	}
	if rv.Catalogname != "" {
		parts++
	}
	r, ok := w.partsRange(rv.Location, parts)
	if !ok {
		it.rng = Range{Start: -1}
	} else {
		it.rng = r
	}
	w.alias(&it, rv.Alias)
	return w.addItem(l, it)
}

func (w *pgWalker) alias(it *pgItem, a *pg.Alias) {
	if a == nil {
		return
	}
	it.alias, it.hasAlias, it.cols = a.Aliasname, true, nodeStrings(a.Colnames)
}

// fromItem walks one FROM item of level l.
func (w *pgWalker) fromItem(n *pg.Node, l int32) {
	switch x := n.GetNode().(type) {
	case *pg.Node_RangeVar:
		w.rangeVar(x.RangeVar, l)
	case *pg.Node_RangeSubselect:
		rs := x.RangeSubselect
		parent := w.lv(l).colParent
		if rs.Lateral {
			parent = l
		}
		sub := w.stmt(rs.Subquery, parent, l)
		it := pgItem{kind: itemSub, sub: sub, copyOf: -1}
		w.alias(&it, rs.Alias)
		w.addItem(l, it)
	case *pg.Node_JoinExpr:
		j := x.JoinExpr
		lo := int32(len(w.lv(l).items))
		w.fromItem(j.Larg, l)
		w.fromItem(j.Rarg, l)
		hi := int32(len(w.lv(l).items))
		if j.IsNatural {
			w.lv(l).natural = true
		}
		w.lv(l).using = append(w.lv(l).using, nodeStrings(j.UsingClause)...)
		saved := w.vis
		w.vis = [2]int32{lo, hi}
		w.expr(j.Quals, l, false)
		w.vis = saved
		if j.Alias != nil || j.JoinUsingAlias != nil {
			// A join alias hides the names inside: not modelled.
			a := j.Alias
			if a == nil {
				a = j.JoinUsingAlias
			}
			w.opaqueItem(l, a.Aliasname)
		}
	case *pg.Node_RangeFunction:
		rf := x.RangeFunction
		saved := w.vis
		w.vis = [2]int32{0, int32(len(w.lv(l).items))}
		for _, f := range rf.Functions {
			w.expr(f, l, false)
		}
		w.vis = saved
		ref := ""
		if rf.Alias != nil {
			ref = rf.Alias.Aliasname
		} else if len(rf.Functions) == 1 {
			items := rf.Functions[0].GetList().GetItems()
			if len(items) > 0 {
				if fc := items[0].GetFuncCall(); fc != nil && len(fc.Funcname) > 0 {
					ref = fc.Funcname[len(fc.Funcname)-1].GetString_().GetSval()
				}
			}
		}
		w.opaqueItem(l, ref)
	case *pg.Node_RangeTableSample:
		w.fromItem(x.RangeTableSample.Relation, l)
		w.exprs(x.RangeTableSample.Args, l, false)
		w.expr(x.RangeTableSample.Repeatable, l, false)
	case *pg.Node_RangeTableFunc:
		w.opaqueItem(l, x.RangeTableFunc.GetAlias().GetAliasname())
	case *pg.Node_JsonTable:
		w.opaqueItem(l, x.JsonTable.GetAlias().GetAliasname())
	default:
		w.sem.unsure = true
	}
}

// opaqueItem adds an item whose columns are not known, referred to as ref.
func (w *pgWalker) opaqueItem(l int32, ref string) {
	w.lv(l).opaque = true
	if ref == "" {
		w.lv(l).refUnknown = true
	}
	w.addItem(l, pgItem{kind: itemOpaque, alias: ref, hasAlias: ref != "", copyOf: -1})
}

func (w *pgWalker) exprs(list []*pg.Node, l int32, aliasOK bool) {
	for _, n := range list {
		w.expr(n, l, aliasOK)
	}
}

// expr walks an expression of level l, recording its column references
// and walking its subqueries as levels.
func (w *pgWalker) expr(n *pg.Node, l int32, aliasOK bool) {
	if n == nil {
		return
	}
	switch x := n.Node.(type) {
	case nil, *pg.Node_AConst, *pg.Node_ParamRef, *pg.Node_String_, *pg.Node_Integer, *pg.Node_Float,
		*pg.Node_Boolean, *pg.Node_TypeName, *pg.Node_SqlvalueFunction, *pg.Node_SetToDefault, *pg.Node_AStar:
	case *pg.Node_ColumnRef:
		w.columnRef(x.ColumnRef, l, aliasOK)
	case *pg.Node_SubLink:
		w.expr(x.SubLink.Testexpr, l, false)
		w.stmt(x.SubLink.Subselect, l, l)
	case *pg.Node_List:
		w.exprs(x.List.Items, l, aliasOK)
	case *pg.Node_AExpr:
		w.expr(x.AExpr.Lexpr, l, false)
		w.expr(x.AExpr.Rexpr, l, false)
	case *pg.Node_BoolExpr:
		w.exprs(x.BoolExpr.Args, l, false)
	case *pg.Node_TypeCast:
		w.expr(x.TypeCast.Arg, l, false)
	case *pg.Node_FuncCall:
		f := x.FuncCall
		w.exprs(f.Args, l, false)
		w.exprs(f.AggOrder, l, false)
		w.expr(f.AggFilter, l, false)
		if f.Over != nil {
			w.generic(f.Over.ProtoReflect(), l, false)
		}
	case *pg.Node_SortBy:
		w.expr(x.SortBy.Node, l, aliasOK)
	case *pg.Node_ResTarget:
		w.expr(x.ResTarget.Val, l, false)
		w.exprs(x.ResTarget.Indirection, l, false)
	case *pg.Node_SelectStmt, *pg.Node_InsertStmt, *pg.Node_UpdateStmt, *pg.Node_DeleteStmt,
		*pg.Node_RangeVar, *pg.Node_JoinExpr, *pg.Node_RangeSubselect, *pg.Node_WithClause,
		*pg.Node_IntoClause, *pg.Node_MergeStmt:
		w.sem.unsure = true // a scope where an expression should be
	case *pg.Node_LockingClause:
	default:
		// GROUPING SETS, ROLLUP, CUBE keep output names usable (aliasOK).
		w.generic(n.ProtoReflect(), l, aliasOK)
	}
}

// generic walks every field of a message it has no case for.
func (w *pgWalker) generic(m protoreflect.Message, l int32, aliasOK bool) {
	m.Range(func(fd protoreflect.FieldDescriptor, v protoreflect.Value) bool {
		if fd.Kind() != protoreflect.MessageKind {
			return true
		}
		if fd.IsList() {
			list := v.List()
			for k := 0; k < list.Len(); k++ {
				w.genericValue(list.Get(k).Message(), l, aliasOK)
			}
			return true
		}
		if fd.IsMap() {
			return true
		}
		w.genericValue(v.Message(), l, aliasOK)
		return true
	})
}

func (w *pgWalker) genericValue(m protoreflect.Message, l int32, aliasOK bool) {
	switch x := m.Interface().(type) {
	case *pg.Node:
		w.expr(x, l, aliasOK)
	case *pg.RangeVar, *pg.SelectStmt, *pg.WithClause, *pg.IntoClause, *pg.JoinExpr, *pg.OnConflictClause:
		w.sem.unsure = true
	default:
		w.generic(m, l, aliasOK)
	}
}

func (w *pgWalker) columnRef(c *pg.ColumnRef, l int32, aliasOK bool) {
	fields := make([]string, len(c.Fields))
	for k, f := range c.Fields {
		switch x := f.Node.(type) {
		case *pg.Node_String_:
			fields[k] = x.String_.Sval
		case *pg.Node_AStar:
		default:
			return
		}
	}
	if len(fields) == 0 {
		return
	}
	i := w.tokAt(c.Location)
	j := i + 2*(len(fields)-1)
	if i < 0 || j >= len(w.toks) {
		return // not where the tokens say: say nothing
	}
	for k := i + 1; k < j; k += 2 {
		if w.toks[k].Text(w.text) != "." {
			return
		}
	}
	col := pgCol{level: l, fields: fields, aliasOK: aliasOK, lo: w.vis[0], hi: w.vis[1],
		rng:  Range{Start: w.toks[j].Start - w.base, End: w.toks[j].End - w.base},
		qrng: Range{Start: w.toks[i].Start - w.base, End: w.toks[i].End - w.base}}
	w.sem.cols = append(w.sem.cols, col)
}

// tokAt is the index of the token starting at byte loc of the statement
// (pg_query's locations are byte offsets), or -1.
func (w *pgWalker) tokAt(loc int32) int {
	if loc < 0 {
		return -1
	}
	abs := w.base + int(loc)
	i := sort.Search(len(w.toks), func(k int) bool { return w.toks[k].Start >= abs })
	if i < len(w.toks) && w.toks[i].Start == abs {
		return i
	}
	return -1
}

// partsRange is the range of a dotted name of n parts starting at loc.
func (w *pgWalker) partsRange(loc int32, n int) (Range, bool) {
	i := w.tokAt(loc)
	j := i + 2*(n-1)
	if i < 0 || j >= len(w.toks) {
		return Range{}, false
	}
	for k := i + 1; k < j; k += 2 {
		if w.toks[k].Text(w.text) != "." {
			return Range{}, false
		}
	}
	return Range{Start: w.toks[i].Start - w.base, End: w.toks[j].End - w.base}, true
}

// nodeStrings are the values of a list of String nodes.
func nodeStrings(list []*pg.Node) []string {
	var out []string
	for _, n := range list {
		out = append(out, n.GetString_().GetSval())
	}
	return out
}

// pgFold is a name token as PostgreSQL reads it: unquoted names folded to
// lower case.
func pgFold(text string, t Token) string {
	if t.Kind == QuotedIdent {
		return identText(text, t)
	}
	return foldName(Postgres, t.Text(text), false)
}

// figureOut is the output column a select-list item makes, named as
// PostgreSQL names it (FigureColname) where the walk is sure of it.
func figureOut(rt *pg.ResTarget) pgOut {
	if rt.Name != "" {
		return pgOut{name: rt.Name}
	}
	if c := rt.Val.GetColumnRef(); c != nil && len(c.Fields) > 0 {
		last := c.Fields[len(c.Fields)-1]
		if last.GetAStar() != nil {
			o := pgOut{star: true}
			if len(c.Fields) == 2 {
				o.qual = c.Fields[0].GetString_().GetSval()
			} else if len(c.Fields) > 2 {
				o.unknown = true
			}
			return o
		}
	}
	name, strength := figureName(rt.Val)
	if strength == 0 && name == "" {
		return pgOut{unknown: true}
	}
	return pgOut{name: name}
}

// figureName follows PostgreSQL's FigureColnameInternal for the nodes
// whose naming is certain: the name and its strength (2 a real name, 1 a
// fallback); "" and 0 where unsure.
func figureName(n *pg.Node) (string, int) {
	switch x := n.GetNode().(type) {
	case *pg.Node_ColumnRef:
		f := x.ColumnRef.Fields
		if len(f) > 0 {
			if s := f[len(f)-1].GetString_(); s != nil {
				return s.Sval, 2
			}
		}
	case *pg.Node_AIndirection:
		ind := x.AIndirection.Indirection
		for k := len(ind) - 1; k >= 0; k-- {
			if s := ind[k].GetString_(); s != nil {
				return s.Sval, 2
			}
		}
		return figureName(x.AIndirection.Arg)
	case *pg.Node_FuncCall:
		f := x.FuncCall.Funcname
		if len(f) > 0 {
			return f[len(f)-1].GetString_().GetSval(), 2
		}
	case *pg.Node_AExpr:
		if x.AExpr.Kind == pg.A_Expr_Kind_AEXPR_NULLIF {
			return "nullif", 2
		}
		return "?column?", 1
	case *pg.Node_TypeCast:
		if name, s := figureName(x.TypeCast.Arg); s == 2 {
			return name, 2
		}
		if tn := x.TypeCast.TypeName; tn != nil && len(tn.Names) > 0 {
			return tn.Names[len(tn.Names)-1].GetString_().GetSval(), 1
		}
	case *pg.Node_CollateClause:
		return figureName(x.CollateClause.Arg)
	case *pg.Node_CaseExpr:
		return "case", 1
	case *pg.Node_CoalesceExpr:
		return "coalesce", 2
	case *pg.Node_MinMaxExpr:
		if x.MinMaxExpr.Op == pg.MinMaxOp_IS_GREATEST {
			return "greatest", 2
		}
		return "least", 2
	case *pg.Node_RowExpr:
		return "row", 2
	case *pg.Node_AArrayExpr:
		return "array", 2
	case *pg.Node_GroupingFunc:
		return "grouping", 2
	case *pg.Node_SubLink:
		switch x.SubLink.SubLinkType {
		case pg.SubLinkType_EXISTS_SUBLINK:
			return "exists", 2
		case pg.SubLinkType_ARRAY_SUBLINK:
			return "array", 2
		}
	case *pg.Node_AConst, *pg.Node_BoolExpr, *pg.Node_NullTest, *pg.Node_BooleanTest, *pg.Node_ParamRef:
		return "?column?", 1
	}
	return "", 0
}
