package analysis

// The scope resolver: for the statement at the cursor, which relations are
// in scope (tables and views of FROM, JOIN, UPDATE, INTO and USING with
// their aliases, CTEs, subqueries in FROM, tables created earlier in the
// document), and in which clause the cursor stands. It works on the
// tokens of Lex, tolerates unfinished SQL, and reads the whole statement,
// so that a FROM after the cursor counts.

import (
	"strings"

	"github.com/dbls/dbls/drivers/schema"
)

// Relation kinds beyond snapshot tables and views.
const (
	relSnapshot = iota
	relCTE
	relDerived // a subquery in FROM
	relDoc     // CREATE TABLE / VIEW earlier in the document
	relUnknown // a name the snapshot does not know
)

// relation is a table, view, CTE or subquery a statement names, with its
// columns.
type relation struct {
	name    string // schema.table for snapshot relations, else the name
	schema  string
	columns []schema.Column
	table   *schema.Table
	view    *schema.View
	kind    int
	// srcs gives, for derived relations, the column each output column
	// comes from (nil entries when it is an expression).
	srcs []colSrc
	// partial: a created table with columns its definition does not
	// list (LIKE, INHERITS).
	partial bool
	// written is the relation's own name as the statement wrote it (the
	// last part); alias is the alias, both in canonical form.
	written, alias string
	aliasTok       int // token index of the alias, or -1
	nameTok        int // token index of the name, or -1
	// decl is, for a relation created in the document, its name in the
	// CREATE statement (byte range).
	decl Range
	// colDecl gives, for relations of the document (CTEs, subqueries,
	// created tables), where each column is named (byte ranges, parallel
	// to columns; shorter or empty where unknown).
	colDecl []Range
}

type colSrc struct {
	rel *relation
	col *schema.Column
}

// qualifier is how the statement refers to the relation.
func (r *relation) qualifier() string {
	if r.alias != "" {
		return r.alias
	}
	return r.written
}

// display names the relation for details and hovers.
func (r *relation) display() string {
	switch r.kind {
	case relCTE:
		return r.written
	case relDerived:
		if r.alias == "" {
			return "subquery"
		}
		return r.alias
	}
	return r.name
}

// Clauses the cursor can stand in.
const (
	clNone = iota
	clSelect
	clFrom // FROM/JOIN list; expectRef says whether a table name goes next
	clOn
	clUsing
	clWhere
	clGroup
	clHaving
	clOrder
	clLimit
	clUpdate
	clSet
	clInsert
	clValues
	clDelete
	clReturning
	clWith
	clWindow // the WINDOW clause of a SELECT
	clOther
)

// block is one query level: a statement, a CTE body or a subquery.
type block struct {
	parent   *block
	lo, hi   int
	ctes     []*relation
	refs     []*relation
	isolated bool // a CTE body or FROM subquery: outer FROM items are not visible
	out      []schema.Column
	outSrc   []colSrc
	outDecl  []Range // where each output column is named
}

// cursorCtx is what the parser saw at the cursor.
type cursorCtx struct {
	set       bool
	b         *block
	clause    int
	expectRef bool
	depth     int
	prev      int // index of the token before the cursor, or -1
	lastRef   *relation
	joinRef   bool // lastRef came from a JOIN and no ON/USING followed yet
	onRel     *relation
	target    *relation // the UPDATE or INSERT target
	setStart  bool      // at the start of a SET assignment
	insCols   bool      // inside INSERT INTO t ( … )
	listed    []string  // columns already listed there
	stmtKind  string
	afterWith bool
}

// cursorKind marks the place of the cursor among the tokens.
const cursorKind TokenKind = 255

type parser struct {
	d      Dialect
	src    string
	toks   []Token
	match  []int
	cur    int // index of the cursor token, or -1
	ix     *snapIndex
	doc    *docRels
	blocks []*block
	ctx    cursorCtx
}

func newParser(d Dialect, src string, toks []Token, ix *snapIndex, doc *docRels) *parser {
	if doc == nil {
		doc = &docRels{}
	}
	p := &parser{d: d, src: src, toks: toks, ix: ix, doc: doc, cur: -1}
	p.match = make([]int, len(toks))
	var stack []int
	for i, t := range toks {
		p.match[i] = -1
		if t.Kind != Punct {
			if t.Kind == cursorKind {
				p.cur = i
			}
			continue
		}
		switch src[t.Start:t.End] {
		case "(":
			stack = append(stack, i)
		case ")":
			if n := len(stack); n > 0 {
				p.match[stack[n-1]] = i
				stack = stack[:n-1]
			}
		}
	}
	for _, i := range stack {
		p.match[i] = len(toks) // unclosed: runs to the end
	}
	return p
}

func (p *parser) text(i int) string {
	if i < 0 || i >= len(p.toks) || p.toks[i].Kind == cursorKind {
		return ""
	}
	return p.toks[i].Text(p.src)
}

// word returns token i upper-cased if it is a bare word of at most 16
// bytes, else "".
func (p *parser) word(i int) string {
	if i < 0 || i >= len(p.toks) || p.toks[i].Kind != Word || p.toks[i].End-p.toks[i].Start > 16 {
		return ""
	}
	return strings.ToUpper(p.text(i))
}

func (p *parser) punct(i int, s string) bool {
	return i >= 0 && i < len(p.toks) && (p.toks[i].Kind == Punct || p.toks[i].Kind == Operator) && p.text(i) == s
}

// isName reports whether token i can be an identifier.
func (p *parser) isName(i int) bool {
	return i >= 0 && i < len(p.toks) && (p.toks[i].Kind == Word || p.toks[i].Kind == QuotedIdent)
}

// name returns the identifier of token i without its quotes.
func (p *parser) name(i int) (string, bool) {
	if !p.isName(i) {
		return "", false
	}
	t := p.toks[i]
	s := p.text(i)
	if t.Kind == Word {
		return s, false
	}
	return unquoteIdent(s, t.Unterminated), true
}

// canon is token i's name as the dialect reads it.
func (p *parser) canon(i int) string {
	n, q := p.name(i)
	return foldName(p.d, n, q)
}

func unquoteIdent(s string, unterminated bool) string {
	if strings.HasPrefix(s, "U&") || strings.HasPrefix(s, "u&") {
		s = s[2:]
	}
	if s == "" {
		return ""
	}
	open := s[0]
	closeQ := open
	if open == '[' {
		closeQ = ']'
	}
	s = s[1:]
	if !unterminated && len(s) > 0 && s[len(s)-1] == closeQ {
		s = s[:len(s)-1]
	}
	if open != '[' {
		q := string(open)
		s = strings.ReplaceAll(s, q+q, q)
	}
	return s
}

func (p *parser) startsQuery(i int) bool {
	switch p.word(i) {
	case "SELECT", "WITH", "VALUES", "TABLE":
		return true
	}
	return false
}

// aliasStop are words that end a FROM item instead of naming its alias.
var aliasStop = makeSet(`WHERE JOIN INNER LEFT RIGHT FULL CROSS NATURAL OUTER ON USING GROUP ORDER
HAVING LIMIT OFFSET UNION INTERSECT EXCEPT WINDOW FETCH FOR SET VALUES SELECT RETURNING LATERAL
WITH DEFAULT TABLESAMPLE STRAIGHT_JOIN USE FORCE IGNORE PARTITION INDEXED NOT AS FROM INTO AND OR
WHEN THEN ELSE END LOCK QUALIFY DO`)

func makeSet(list string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(list) {
		m[w] = true
	}
	return m
}

// parseBlock parses tokens [lo, hi) as one query level.
func (p *parser) parseBlock(lo, hi int, parent *block) *block {
	b := &block{parent: parent, lo: lo, hi: hi}
	p.blocks = append(p.blocks, b)
	st := clNone
	expectRef, joinRef := false, false
	depth := 0
	var lastRef, onRel, target *relation
	stmtKind := ""
	afterWith := false
	selStart, selEnd := -1, -1
	var commas []int
	setStart := false
	leaveSelect := func(i int) {
		if st == clSelect && selEnd < 0 {
			selEnd = i
		}
	}
	for i := lo; i < hi; i++ {
		t := p.toks[i]
		if t.Kind == cursorKind {
			if !p.ctx.set {
				p.ctx = cursorCtx{set: true, b: b, clause: st, expectRef: expectRef, depth: depth, prev: i - 1,
					lastRef: lastRef, joinRef: joinRef, onRel: onRel, target: target, stmtKind: stmtKind, afterWith: afterWith}
				if i-1 < lo {
					p.ctx.prev = -1
				}
				p.ctx.setStart = st == clSet && setStart && depth == 0
			}
			continue
		}
		if t.Kind == Punct || t.Kind == Operator {
			switch p.text(i) {
			case "(":
				j := min(p.match[i], hi)
				if j < 0 {
					j = hi
				}
				if p.startsQuery(i + 1) {
					sub := p.parseBlock(i+1, j, b)
					if expectRef && depth == 0 {
						rel := &relation{kind: relDerived, columns: sub.out, srcs: sub.outSrc, colDecl: sub.outDecl, aliasTok: -1, nameTok: -1}
						// A LATERAL subquery sees the FROM items before it.
						sub.isolated = p.word(i-1) != "LATERAL"
						k := p.parseAlias(j+1, hi, rel)
						b.refs = append(b.refs, rel)
						lastRef, expectRef = rel, false
						i = k - 1
						continue
					}
					i = j
					continue
				}
				if depth == 0 && st == clInsert && target != nil && !expectRef {
					if p.cur > i && p.cur < j || p.cur > i && j == len(p.toks) {
						p.ctx = cursorCtx{set: true, b: b, clause: clInsert, prev: p.cur - 1, target: target, insCols: true, stmtKind: stmtKind}
						for k := i + 1; k < p.cur; k++ {
							if p.isName(k) {
								p.ctx.listed = append(p.ctx.listed, p.canon(k))
							}
						}
					}
					i = j
					continue
				}
				depth++
				setStart = false
			case ")":
				if depth > 0 {
					depth--
				}
			case ",":
				if depth != 0 {
					break
				}
				switch st {
				case clFrom:
					expectRef, joinRef = true, false
				case clSelect:
					if selEnd < 0 {
						commas = append(commas, i)
					}
				case clSet:
					setStart = true
				}
			case "=":
				setStart = false
			}
			continue
		}
		if depth > 0 {
			continue
		}
		w := p.word(i)
		if expectRef && p.isName(i) && !aliasStop[w] {
			if w == "ONLY" && p.isName(i+1) {
				continue
			}
			rel, next := p.parseRef(i, hi, b, st != clInsert)
			if rel != nil {
				b.refs = append(b.refs, rel)
				lastRef, expectRef = rel, false
				if st == clUpdate || st == clInsert {
					target = rel
				}
			}
			i = next - 1
			continue
		}
		setStart = false
		switch w {
		case "WITH":
			if st == clNone || st == clInsert {
				i = p.parseWith(i+1, hi, b) - 1
				afterWith = true
				continue
			}
		case "SELECT":
			leaveSelect(i)
			if selStart < 0 {
				selStart = i + 1
			}
			st, expectRef = clSelect, false
			if stmtKind == "" {
				stmtKind = "SELECT"
			}
		case "DISTINCT", "ALL":
			if st == clSelect && selStart == i && selEnd < 0 {
				selStart = i + 1
				if w == "DISTINCT" && p.word(i+1) == "ON" && p.punct(i+2, "(") {
					if j := p.match[i+2]; j > 0 {
						selStart = j + 1
						if p.cur > i+2 && p.cur < j {
							i++ // DISTINCT ON ( | ): read on, the cursor is inside
						} else {
							i = j
						}
					}
				}
			}
		case "FROM":
			if pw := p.word(i - 1); pw == "DISTINCT" && st != clSelect {
				continue
			}
			leaveSelect(i)
			st, expectRef, joinRef = clFrom, true, false
		case "JOIN", "STRAIGHT_JOIN":
			st, expectRef, joinRef = clFrom, true, true
		case "ON":
			if st == clFrom && lastRef != nil {
				switch p.word(i + 1) {
				case "DUPLICATE", "CONFLICT":
					st = clOther
				default:
					st, onRel, joinRef = clOn, lastRef, false
				}
			} else if st == clInsert {
				st = clOther
			}
		case "USING":
			if p.punct(i+1, "(") && !p.startsQuery(i+2) {
				st, joinRef = clUsing, false
			} else {
				st, expectRef = clFrom, true
			}
		case "WHERE":
			leaveSelect(i)
			st, expectRef = clWhere, false
		case "GROUP":
			leaveSelect(i)
			st = clGroup
		case "HAVING":
			st = clHaving
		case "WINDOW":
			leaveSelect(i)
			st, expectRef = clWindow, false
		case "ORDER":
			leaveSelect(i)
			st = clOrder
		case "LIMIT", "OFFSET", "FETCH":
			leaveSelect(i)
			st = clLimit
		case "UNION", "INTERSECT", "EXCEPT":
			leaveSelect(i)
			st = clNone
		case "UPDATE":
			switch p.word(i - 1) {
			case "KEY":
				st, setStart = clSet, true
			case "DO":
				st = clUpdate
			case "FOR":
			case "THEN":
				if stmtKind == "MERGE" {
					st, expectRef = clUpdate, false // WHEN MATCHED THEN UPDATE SET
					break
				}
				fallthrough
			default:
				st, expectRef = clUpdate, true
				if stmtKind == "" {
					stmtKind = "UPDATE"
				}
			}
		case "SET":
			if st == clUpdate || st == clFrom && target != nil || p.word(i-1) == "UPDATE" {
				st, setStart, expectRef = clSet, true, false
				if target == nil {
					target = lastRef
				}
			}
		case "INSERT", "REPLACE", "MERGE":
			switch {
			case st == clNone:
				st = clInsert
				stmtKind = "INSERT"
				if w == "MERGE" {
					stmtKind = "MERGE"
				}
			case stmtKind == "MERGE" && p.word(i-1) == "THEN" && target != nil:
				// WHEN NOT MATCHED THEN INSERT (cols): the target's columns.
				st, expectRef = clInsert, false
			}
		case "INTO":
			leaveSelect(i)
			if st == clInsert || stmtKind == "INSERT" || stmtKind == "MERGE" {
				st, expectRef = clInsert, true
			} else {
				st = clOther
			}
		case "VALUES":
			st, expectRef = clValues, false
		case "DELETE":
			if st == clNone {
				st, stmtKind = clDelete, "DELETE"
			}
		case "RETURNING":
			st, expectRef = clReturning, false
		case "TABLE":
			if st == clNone || st == clOther {
				st, expectRef = clFrom, true
				if stmtKind == "" {
					stmtKind = "TABLE"
				}
			}
		case "CREATE", "ALTER", "DROP", "TRUNCATE":
			if st == clNone {
				st, stmtKind = clOther, w
			}
		}
	}
	if selStart >= 0 {
		if selEnd < 0 {
			selEnd = hi
		}
		p.outputColumns(b, selStart, selEnd, commas)
	}
	return b
}

// parseRef reads a FROM item's name (schema.table, quoted or not, or a
// function call) and its alias; it returns the relation (nil when the name
// is unfinished) and the index after it.
func (p *parser) parseRef(i, hi int, b *block, calls bool) (*relation, int) {
	parts := []int{i}
	k := i + 1
	for k+1 < hi && p.punct(k, ".") && p.isName(k+1) {
		parts = append(parts, k+1)
		k += 2
	}
	if k < hi && p.punct(k, ".") {
		return nil, k + 1 // schema. with the cursor after it
	}
	last := parts[len(parts)-1]
	var rel *relation
	if calls && k < hi && p.punct(k, "(") {
		// A function in FROM: its columns are unknown.
		j := p.match[k]
		if j < 0 || j > hi {
			j = hi
		}
		k = j + 1
		rel = &relation{kind: relUnknown, name: p.text(last)}
	} else {
		rel = p.resolveRef(parts, b)
	}
	rel.written = p.canon(last)
	rel.nameTok = last
	rel.aliasTok = -1
	return rel, p.parseAlias(k, hi, rel)
}

// parseAlias reads "[AS] alias [(c1, c2)]" at i and returns the index
// after it.
func (p *parser) parseAlias(i, hi int, rel *relation) int {
	k := i
	as := false
	if p.word(k) == "AS" {
		as = true
		k++
	}
	if k >= hi || !p.isName(k) || aliasStop[p.word(k)] {
		if as {
			return k
		}
		return i
	}
	rel.alias = p.canon(k)
	rel.aliasTok = k
	k++
	if k < hi && p.punct(k, "(") && rel.kind != relSnapshot {
		j := p.match[k]
		if j < 0 || j > hi {
			j = hi
		}
		p.renameColumns(rel, k+1, j)
		k = j + 1
	}
	return k
}

// renameColumns applies a column alias list in tokens [lo, hi).
func (p *parser) renameColumns(rel *relation, lo, hi int) {
	n := 0
	var cols []schema.Column
	var srcs []colSrc
	var decls []Range
	for k := lo; k < hi; k++ {
		if !p.isName(k) {
			continue
		}
		decls = append(decls, Range{Start: p.toks[k].Start, End: p.toks[k].End})
		c := schema.Column{Name: p.canon(k), Position: n + 1}
		var src colSrc
		if n < len(rel.columns) {
			c.Type = rel.columns[n].Type
			if n < len(rel.srcs) {
				src = rel.srcs[n]
			}
		}
		cols = append(cols, c)
		srcs = append(srcs, src)
		n++
	}
	if n > 0 {
		rel.columns, rel.srcs, rel.colDecl = cols, srcs, decls
	}
}

// resolveRef finds what a FROM name stands for: a CTE of an enclosing
// block, a table created earlier in the document, or a snapshot relation.
func (p *parser) resolveRef(parts []int, b *block) *relation {
	last := parts[len(parts)-1]
	n, q := p.name(last)
	if len(parts) == 1 {
		if cte := b.findCTE(p.d, n, q); cte != nil {
			c := *cte
			return &c
		}
	}
	var schemaName string
	var schemaQuoted bool
	if len(parts) >= 2 {
		schemaName, schemaQuoted = p.name(parts[len(parts)-2])
	}
	cands := p.doc.named(n)
	for k := len(cands) - 1; k >= 0; k-- {
		r := cands[k]
		if sameName(p.d, r.written, n, q) && (schemaName == "" || r.schema == "" || sameName(p.d, r.schema, schemaName, schemaQuoted)) {
			c := *r
			return &c
		}
	}
	if p.ix != nil {
		var sc *schema.Schema
		if schemaName != "" {
			sc = p.ix.lookupSchema(schemaName, schemaQuoted)
		}
		if schemaName == "" || sc != nil {
			if e, ok := p.ix.lookupRel(sc, n, q); ok {
				return e.relation()
			}
		}
	}
	return &relation{kind: relUnknown, name: n}
}

func (b *block) findCTE(d Dialect, name string, quoted bool) *relation {
	for x := b; x != nil; x = x.parent {
		for k := len(x.ctes) - 1; k >= 0; k-- {
			if sameName(d, x.ctes[k].written, name, quoted) {
				return x.ctes[k]
			}
		}
	}
	return nil
}

// parseWith reads the CTE list after WITH and returns the index after it.
func (p *parser) parseWith(i, hi int, b *block) int {
	if p.word(i) == "RECURSIVE" {
		i++
	}
	for i < hi && p.isName(i) {
		cte := &relation{kind: relCTE, written: p.canon(i), nameTok: i, aliasTok: -1}
		cte.name = cte.written
		i++
		colList := -1
		if i < hi && p.punct(i, "(") {
			colList = i
			i = p.match[i] + 1
			if i <= 0 || i > hi {
				return hi
			}
		}
		if p.word(i) == "AS" {
			i++
		}
		for p.word(i) == "NOT" || p.word(i) == "MATERIALIZED" {
			i++
		}
		if i >= hi || !p.punct(i, "(") {
			b.ctes = append(b.ctes, cte)
			return i
		}
		j := min(p.match[i], hi)
		b.ctes = append(b.ctes, cte) // before the body: a recursive CTE sees itself
		sub := p.parseBlock(i+1, j, b)
		sub.isolated = true
		cte.columns, cte.srcs, cte.colDecl = sub.out, sub.outSrc, sub.outDecl
		if colList >= 0 {
			p.renameColumns(cte, colList+1, p.match[colList])
		}
		i = j + 1
		if i < hi && p.punct(i, ",") {
			i++
			continue
		}
		return i
	}
	return i
}

// outputColumns computes a block's output columns from its select list,
// tokens [lo, hi) split at commas.
func (p *parser) outputColumns(b *block, lo, hi int, commas []int) {
	start := lo
	for _, end := range append(commas, hi) {
		if end > hi {
			end = hi
		}
		p.outputItem(b, start, end)
		start = end + 1
	}
}

func (p *parser) outputItem(b *block, lo, hi int) {
	var idx []int
	for k := lo; k < hi; k++ {
		if p.toks[k].Kind != cursorKind {
			idx = append(idx, k)
		}
	}
	n := len(idx)
	if n == 0 {
		return
	}
	last := idx[n-1]
	// Each output column is declared by the item's last token: its alias,
	// its name, or the star that expands to it.
	decl := Range{Start: p.toks[last].Start, End: p.toks[last].End}
	add := func(name string, src colSrc) {
		c := schema.Column{Name: name, Position: len(b.out) + 1}
		if src.col != nil {
			c.Type, c.Nullable = src.col.Type, src.col.Nullable
		}
		b.out = append(b.out, c)
		b.outSrc = append(b.outSrc, src)
		b.outDecl = append(b.outDecl, decl)
	}
	expand := func(r *relation) {
		for ci := range r.columns {
			add(r.columns[ci].Name, colSrc{rel: r, col: &r.columns[ci]})
		}
	}
	switch {
	case n == 1 && p.punct(last, "*"):
		for _, r := range b.refs {
			expand(r)
		}
		return
	case n >= 3 && p.punct(last, "*") && p.punct(idx[n-2], "."):
		n0, q := p.name(idx[n-3])
		if r := b.lookupQualifier(p.d, n0, q, false); r != nil {
			expand(r)
		}
		return
	case n >= 2 && p.isName(last) && p.word(idx[n-2]) == "AS":
		add(p.canon(last), p.sourceOf(b, idx[:n-2]))
		return
	}
	// A chain name(.name)* is a column reference.
	chain := n%2 == 1
	for k, ti := range idx {
		if k%2 == 0 && !p.isName(ti) || k%2 == 1 && !p.punct(ti, ".") {
			chain = false
			break
		}
	}
	if chain {
		src := p.sourceOf(b, idx)
		name := p.canon(last)
		if src.col != nil {
			name = src.col.Name
		}
		add(name, src)
		return
	}
	if n >= 2 && p.isName(last) && !p.punct(idx[n-2], ".") && p.toks[idx[n-2]].Kind != Operator &&
		!(p.toks[last].Kind == Word && IsKeyword(p.text(last))) {
		add(p.canon(last), p.sourceOf(b, idx[:n-1]))
	}
}

// sourceOf finds the column an expression is, when it is a plain column
// reference.
func (p *parser) sourceOf(b *block, idx []int) colSrc {
	n := len(idx)
	if n == 0 || !p.isName(idx[n-1]) {
		return colSrc{}
	}
	col, cq := p.name(idx[n-1])
	switch {
	case n == 1:
		for _, r := range b.refs {
			if c := findColumn(p.d, r.columns, col, cq); c != nil {
				return colSrc{rel: r, col: c}
			}
		}
	case n == 3 && p.punct(idx[1], "."):
		qn, qq := p.name(idx[0])
		if r := b.lookupQualifier(p.d, qn, qq, false); r != nil {
			if c := findColumn(p.d, r.columns, col, cq); c != nil {
				return colSrc{rel: r, col: c}
			}
		}
	}
	return colSrc{}
}

// lookupQualifier finds the relation in scope that a qualifier names: an
// alias, or the name of a relation without alias, in this block or an
// enclosing one; then, unless local, a CTE.
func (b *block) lookupQualifier(d Dialect, name string, quoted, withCTE bool) *relation {
	for x := b; x != nil; x = x.parent {
		for _, r := range x.refs {
			if r.alias != "" && sameName(d, r.alias, name, quoted) {
				return r
			}
		}
		for _, r := range x.refs {
			if r.alias == "" && r.written != "" && sameName(d, r.written, name, quoted) {
				return r
			}
		}
		for _, r := range x.refs {
			if r.alias == "" && r.table != nil && sameName(d, r.table.Name, name, quoted) {
				return r
			}
		}
		if x.isolated {
			break
		}
	}
	if withCTE {
		return b.findCTE(d, name, quoted)
	}
	return nil
}

// inScope lists the relations whose columns may be used in the block:
// its own FROM items, then those of enclosing blocks (correlated
// subqueries) up to a CTE body or derived table.
func (b *block) inScope() []*relation {
	var out []*relation
	for x := b; x != nil; x = x.parent {
		out = append(out, x.refs...)
		if x.isolated {
			break
		}
	}
	return out
}

func findColumn(d Dialect, cols []schema.Column, name string, quoted bool) *schema.Column {
	for i := range cols {
		if cols[i].Name == foldName(d, name, quoted) || cols[i].Name == name {
			return &cols[i]
		}
	}
	if quoted && strictCase(d) {
		return nil
	}
	for i := range cols {
		if strings.EqualFold(cols[i].Name, name) {
			return &cols[i]
		}
	}
	return nil
}

// analysis is the result of reading a document around a position.
type analysisResult struct {
	p    *parser
	toks []Token // the statement's significant tokens, with the cursor token if any
	// inLiteral is set when offset is inside a string, a comment or a
	// client command, where nothing is to be completed.
	inLiteral bool
	// str is the string literal the cursor is in, when inLiteral is set
	// by one (its Kind is String); enum labels may be offered there.
	str Token
}

// analyze lexes the document's text (once per version), finds the
// statement at offset and parses it. When
// cursorStart >= 0, the tokens overlapping [cursorStart, offset) are
// replaced by a cursor token (the word being typed).
func analyze(ix *snapIndex, d Dialect, doc *Document, offset, cursorStart int) analysisResult {
	text := doc.text
	l := doc.scanned(d)
	all, stmts, lo := l.window(offset)
	st, ok := StatementAt(stmts, offset)
	if !ok {
		st = Statement{Range: Range{Start: offset, End: offset}}
		// A statement that starts after blanks following the cursor is the
		// one being typed at its front (SELECT 1;\n| FROM t).
		for _, s := range stmts {
			if s.Range.Start >= offset && !s.Command {
				if strings.TrimSpace(text[offset:s.Range.Start]) == "" {
					st = s
					st.Range.Start = offset
				}
				break
			}
		}
	}
	st.Range = runOn(text, all, st.Range, offset)
	rels := doc.relationsBefore(ix, d, l, lo)
	docRelations(rels, ix, d, text, all, stmts, st.Range.Start)
	var toks []Token
	placed := cursorStart < 0
	for i := firstTokenAt(all, st.Range.Start); i < len(all) && all[i].Start < st.Range.End; i++ {
		t := all[i]
		if t.Kind == Comment || t.Kind == Delimiter || t.Kind == Command {
			continue
		}
		if !placed {
			if t.Start < offset && t.End > cursorStart && (cursorStart < offset || t.End > offset) {
				if t.Kind == QuotedIdent && t.Unterminated && t.End > offset {
					// "na| FROM t: the open quote swallowed the rest of the
					// text; read what follows the cursor on its own.
					toks = append(toks, Token{Kind: cursorKind, Start: offset, End: offset})
					toks = append(toks, relexAfter(d, text, offset)...)
					placed = true
					break
				}
				continue // the word being typed
			}
			if t.Start >= offset {
				toks = append(toks, Token{Kind: cursorKind, Start: offset, End: offset})
				placed = true
			}
		}
		toks = append(toks, t)
	}
	if !placed {
		toks = append(toks, Token{Kind: cursorKind, Start: offset, End: offset})
	}
	p := newParser(d, text, toks, ix, rels)
	p.parseBlock(0, len(toks), nil)
	res := analysisResult{p: p, toks: toks, inLiteral: inLiteral(text, all, offset)}
	if i := firstTokenAt(all, offset) - 1; res.inLiteral && i >= 0 && all[i].Kind == String {
		res.str = all[i]
	}
	return res
}

// relexAfter lexes the statement's rest after offset (at most a few
// kilobytes, up to its terminator), for a cursor in an unterminated
// quoted name.
func relexAfter(d Dialect, text string, offset int) []Token {
	const window = 4096
	end := min(len(text), offset+window)
	var out []Token
	for _, t := range Lex(d, text[offset:end]) {
		if t.Kind == Delimiter {
			break
		}
		if t.Kind == Comment || t.Kind == Command {
			continue
		}
		t.Start += offset
		t.End += offset
		out = append(out, t)
	}
	return out
}

// firstTokenAt is the index of the first token starting at or after pos.
func firstTokenAt(toks []Token, pos int) int {
	lo, hi := 0, len(toks)
	for lo < hi {
		m := (lo + hi) / 2
		if toks[m].Start < pos {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// docRels are the relations created earlier in a document, in order, and
// by lower-cased name: a long script creates thousands, and every name a
// statement uses is looked up among them.
type docRels struct {
	list   []*relation
	byName map[string][]*relation
}

func (dr *docRels) add(r *relation) {
	dr.list = append(dr.list, r)
	if dr.byName == nil {
		dr.byName = map[string][]*relation{}
	}
	k := strings.ToLower(r.written)
	dr.byName[k] = append(dr.byName[k], r)
}

// named lists, in document order, the relations whose name may be the one
// written (the caller compares exactly, by the dialect's rules).
func (dr *docRels) named(written string) []*relation {
	if dr == nil || dr.byName == nil {
		return nil
	}
	return dr.byName[strings.ToLower(written)]
}

// lookup is the last relation created under a name as written.
func (dr *docRels) lookup(d Dialect, name string, quoted bool) *relation {
	cands := dr.named(name)
	for k := len(cands) - 1; k >= 0; k-- {
		if sameName(d, cands[k].written, name, quoted) {
			return cands[k]
		}
	}
	return nil
}

// docRelations reads the tables and views created by the statements that
// end before pos: CREATE TABLE x (a int, …), CREATE TABLE x AS SELECT …,
// CREATE VIEW v AS SELECT ….
func docRelations(out *docRels, ix *snapIndex, d Dialect, text string, all []Token, stmts []Statement, pos int) *docRels {
	for _, st := range stmts {
		if st.Range.End > pos {
			break
		}
		if st.Command {
			continue // a client command (psql \timing, COPY data) hides nothing
		}
		lo := firstTokenAt(all, st.Range.Start)
		if lo >= len(all) || all[lo].Kind != Word || !strings.EqualFold(all[lo].Text(text), "CREATE") {
			continue
		}
		var toks []Token
		for i := lo; i < len(all) && all[i].Start < st.Range.End; i++ {
			if all[i].Kind != Comment {
				toks = append(toks, all[i])
			}
		}
		p := newParser(d, text, toks, ix, out)
		if r := p.createdRelation(); r != nil {
			out.add(r)
		}
	}
	return out
}

// createdRelation parses a CREATE TABLE or CREATE VIEW statement.
func (p *parser) createdRelation() *relation {
	i := 1
	for {
		switch p.word(i) {
		case "OR", "REPLACE", "TEMP", "TEMPORARY", "UNLOGGED", "GLOBAL", "LOCAL", "MATERIALIZED", "VIRTUAL":
			i++
			continue
		}
		break
	}
	kind := p.word(i)
	if kind != "TABLE" && kind != "VIEW" {
		return nil
	}
	i++
	if p.word(i) == "IF" {
		i += 2
		if p.word(i) == "EXISTS" {
			i++
		}
	}
	if !p.isName(i) {
		return nil
	}
	r := &relation{kind: relDoc, nameTok: -1, aliasTok: -1}
	r.written = p.canon(i)
	r.decl = Range{Start: p.toks[i].Start, End: p.toks[i].End}
	i++
	if p.punct(i, ".") && p.isName(i+1) {
		r.schema = r.written
		r.written = p.canon(i + 1)
		r.decl.End = p.toks[i+1].End
		i += 2
	}
	r.name = r.written
	if r.schema != "" {
		r.name = r.schema + "." + r.written
	}
	colList := -1
	if p.punct(i, "(") {
		j := p.match[i]
		if j < 0 {
			j = len(p.toks)
		}
		if kind == "TABLE" && !p.startsQuery(i+1) {
			p.columnDefs(r, i+1, j)
			for k := j + 1; k < len(p.toks); k++ {
				if w := p.word(k); w == "INHERITS" || w == "AS" {
					r.partial = true // … AS SELECT names the columns the list leaves out
				}
			}
			return r
		}
		colList = i
		i = j + 1
	}
	for i < len(p.toks) && p.word(i) != "AS" {
		i++
	}
	if i+1 < len(p.toks) {
		b := p.parseBlock(i+1, len(p.toks), nil)
		r.columns, r.srcs, r.colDecl = b.out, b.outSrc, b.outDecl
	}
	if colList >= 0 {
		p.renameColumns(r, colList+1, p.match[colList])
	}
	return r
}

// columnStop are words that end a column's type in a definition.
var columnStop = makeSet(`NOT NULL DEFAULT PRIMARY REFERENCES CHECK UNIQUE CONSTRAINT GENERATED
AUTO_INCREMENT AUTOINCREMENT COLLATE COMMENT IDENTITY AS ON`)

var constraintStart = makeSet(`CONSTRAINT PRIMARY FOREIGN UNIQUE CHECK KEY INDEX EXCLUDE LIKE FULLTEXT SPATIAL PERIOD`)

// mysqlOnlyConstraint are the constraint starts of MySQL alone: in
// PostgreSQL they are ordinary column names (Pagila's film.fulltext).
var mysqlOnlyConstraint = makeSet(`KEY INDEX FULLTEXT SPATIAL`)

// isConstraintStart reports whether the table element at token i is a
// constraint rather than a column.
func (p *parser) isConstraintStart(i int) bool {
	w := p.word(i)
	return constraintStart[w] && !(p.d == Postgres && mysqlOnlyConstraint[w])
}

// columnDefs reads the column definitions of CREATE TABLE in [lo, hi).
func (p *parser) columnDefs(r *relation, lo, hi int) {
	start := lo
	depth := 0
	for k := lo; k <= hi && k <= len(p.toks); k++ {
		end := k == hi || k == len(p.toks)
		if !end {
			switch {
			case p.punct(k, "("):
				depth++
				continue
			case p.punct(k, ")"):
				depth--
				continue
			case !p.punct(k, ",") || depth > 0:
				continue
			}
		}
		if start < k && p.word(start) == "LIKE" {
			r.partial = true
		}
		if start < k && p.isName(start) && !p.isConstraintStart(start) {
			c := schema.Column{Name: p.canon(start), Position: len(r.columns) + 1, Nullable: true}
			r.colDecl = append(r.colDecl, Range{Start: p.toks[start].Start, End: p.toks[start].End})
			typeEnd := start + 1
			for typeEnd < k && !columnStop[p.word(typeEnd)] {
				typeEnd++
			}
			if typeEnd > start+1 {
				c.Type = p.src[p.toks[start+1].Start:p.toks[typeEnd-1].End]
			}
			for m := typeEnd; m < k; m++ {
				if p.word(m) == "NOT" && p.word(m+1) == "NULL" || p.word(m) == "PRIMARY" {
					c.Nullable = false
				}
			}
			r.columns = append(r.columns, c)
		}
		start = k + 1
	}
}

// blockAt returns the innermost block containing token index i.
func (p *parser) blockAt(i int) *block {
	var best *block
	for _, b := range p.blocks {
		if b.lo <= i && i < b.hi && (best == nil || b.hi-b.lo <= best.hi-best.lo) {
			best = b
		}
	}
	return best
}

// inLiteral reports whether offset is inside a string, comment, parameter
// or client command token (at its end for one that runs to the end of
// its line or is unterminated).
func inLiteral(text string, all []Token, offset int) bool {
	i := firstTokenAt(all, offset) - 1
	if i < 0 {
		return false
	}
	t := all[i]
	switch t.Kind {
	case String, Comment, Command, Param:
	default:
		return false
	}
	if offset < t.End {
		return true
	}
	if offset > t.End {
		return false
	}
	if t.Unterminated || t.Kind == Command {
		return true
	}
	return t.Kind == Comment && (text[t.Start] == '-' || text[t.Start] == '#')
}
