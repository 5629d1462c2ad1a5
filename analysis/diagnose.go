package analysis

// Diagnostics: syntax errors from the real PostgreSQL parser, and checks
// of the names a statement uses against the snapshot. Every check here
// prefers silence to a false alarm: a name it cannot place for sure
// (a relation whose columns are not all known, an expression it does not
// understand, a statement kind it does not read) produces nothing.

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	pg "github.com/pganalyze/pg_query_go/v6"
	pgparser "github.com/pganalyze/pg_query_go/v6/parser"
	"google.golang.org/protobuf/proto"

	"github.com/dbls/dbls/drivers/schema"
	"github.com/dbls/dbls/drivers/sqltext"
)

// Diagnostic is a problem found in a document.
type Diagnostic struct {
	Range Range
	// Severity is "error" or "warning".
	Severity string
	// Code is one of the Code* constants.
	Code    string
	Message string
}

// Diagnostic codes.
const (
	CodeSyntax      = "syntax-error"
	CodeUnknownTab  = "unknown-table"
	CodeUnknownCol  = "unknown-column"
	CodeAmbiguous   = "ambiguous-column"
	CodeInsertArity = "insert-arity"
)

// Severities.
const (
	SeverityError   = "error"
	SeverityWarning = "warning"
)

// Diagnose checks every statement of doc's text. x may be nil (a document
// bound to no connection): then only syntax is checked. Diagnostics are
// in statement order; their ranges are byte ranges within the text.
//
// What is checked, per dialect:
//
//   - PostgreSQL: syntax, by pg_query (the server's own parser), statement
//     by statement, reported on the token where the parser stopped (the
//     statement's last token for an unexpected end). Client commands (psql
//     \…, COPY data) and statements using psql variables (:name) are not
//     parsed.
//   - MySQL/MariaDB, SQLite and other dialects: structural checks only
//     (structure.go): unterminated strings, quoted identifiers and
//     comments; unbalanced parentheses; a statement ending after a comma,
//     a binary operator, or FROM, WHERE, AND, OR, JOIN or SELECT.
//   - PostgreSQL, with a snapshot, for SELECT, INSERT, UPDATE, DELETE,
//     VALUES and TABLE (with WITH): the names of pg_query's tree, resolved
//     by PostgreSQL's rules (pg_tree.go, pg_check.go): unknown tables;
//     unknown columns, qualified or not, where every relation they may
//     come from has fully known columns; missing FROM-clause entries;
//     columns in two relations of the level that uses them (ambiguous);
//     INSERT value counts (VALUES rows and SELECT lists). The rules below
//     apply to its other statements and to statements with psql variables.
//   - Every dialect, with a snapshot: unknown tables (not in the snapshot,
//     not a CTE, not created earlier in the document, not a function);
//     unknown columns, only where every relation in scope has fully known
//     columns; unqualified columns present in two relations of the same
//     query level (ambiguous); and INSERT value counts against the column
//     list or, without one, the table (PostgreSQL accepts fewer values
//     than columns, so there only more is reported). Only SELECT, INSERT,
//     UPDATE, DELETE, VALUES and TABLE statements (with WITH) are
//     checked; the tables and views that DDL earlier in the document
//     creates count as known.
//   - MySQL: the data statements parsed with vitess's grammar; syntax
//     errors on MySQL servers only, names resolved on its tree in place of
//     the checks above (mysql_engine.go).
//   - SQLite, with a snapshot read from SQLite: SQLite's own verdict on
//     its data statements, each compiled (never run) against a private
//     in-memory copy of the snapshot (sqlite_engine.go); where it names an
//     unknown table or column, the checks above run too, for the others.
//
// The diagnosis of each chunk of doc is kept on the chunk, with
// pg_query's verdicts on its statements: the next version, which shares
// the chunks an edit did not touch, diagnoses only the chunks that
// changed (and those after a change to what the document creates).
func Diagnose(x *Index, d Dialect, doc *Document) []Diagnostic {
	out, _ := DiagnoseContext(context.Background(), x, d, doc)
	return out
}

// DiagnoseContext is Diagnose that stops when ctx ends, with its error.
// The chunks diagnosed by then keep their diagnosis all the same.
func DiagnoseContext(ctx context.Context, x *Index, d Dialect, doc *Document) ([]Diagnostic, error) {
	l := doc.scanned(d)
	keys := doc.prefixKeys(l)
	var ix *snapIndex
	if x != nil {
		ix = x.of(d)
	}
	dg := &diagnoser{d: d, text: doc.text, x: x, ix: ix, docNames: map[string]bool{}}
	var out []Diagnostic
	for k, c := range l.chunks {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		m, base := l.metas[k], l.starts[k]
		cd := m.diag.Load()
		if cd == nil || cd.ix != ix || cd.key != keys[k] {
			cd = dg.chunk(c, m, base)
			cd.key = keys[k]
			m.diag.Store(cd)
		} else {
			for _, r := range cd.rels {
				dg.doc.add(r)
			}
			for _, n := range cd.names {
				dg.docNames[n] = true
			}
		}
		for _, g := range cd.diags {
			g.Range.Start += base
			g.Range.End += base
			out = append(out, g)
		}
	}
	slices.SortStableFunc(out, func(a, b Diagnostic) int { return a.Range.Start - b.Range.Start })
	return out, nil
}

// chunk diagnoses the statements of chunk c, which starts at base, and
// returns the diagnosis to keep on the chunk (diagnostics relative to it).
func (dg *diagnoser) chunk(c sqltext.Chunk, m *chunkMeta, base int) *chunkDiag {
	d, text := dg.d, dg.text
	all := appendShifted(make([]Token, 0, len(c.Toks)), c.Toks, base)
	dg.out, dg.names = nil, nil
	rels := len(dg.doc.list)
	if d == Postgres {
		dg.known, dg.verdicts = m.inherited, map[string]pgResult{}
		if v := m.syntax.Load(); v != nil {
			dg.known = *v
		}
	}
	if d != Postgres {
		dg.unterminated(all)
	}
	lo := 0
	for _, st := range c.Stmts {
		st = sqltext.ShiftStatement(st, base)
		for lo < len(all) && all[lo].Start < st.Range.Start {
			lo++
		}
		if st.Command || st.Range.End <= st.Range.Start {
			continue
		}
		var toks []Token
		hasPsqlVar := false
		for i := lo; i < len(all) && all[i].Start < st.Range.End; i++ {
			t := all[i]
			switch t.Kind {
			case Comment, Delimiter, Command:
				continue
			case Param:
				if text[t.Start] == ':' {
					hasPsqlVar = true
				}
			}
			toks = append(toks, t)
		}
		if len(toks) == 0 {
			continue
		}
		if d == Postgres && !hasPsqlVar {
			failed, sem := dg.syntax(st, toks)
			if failed {
				continue // what the parser rejects, we do not pretend to understand
			}
			if sem != nil {
				dg.pgCheck(sem, st.Range.Start) // the parser's tree (pg_check.go)
				continue
			}
		}
		if d != Postgres && dg.structure(toks) {
			continue
		}
		if dg.mysqlCheck(st, toks) {
			continue // vitess's grammar and the names of its tree (mysql_engine.go)
		}
		if dg.ix != nil && !dg.engineCheck(dg.x, st, toks) {
			dg.statement(toks)
		}
	}
	if d == Postgres && m.syntax.Load() == nil {
		v := dg.verdicts
		m.syntax.Store(&v)
	}
	cd := &chunkDiag{ix: dg.ix, rels: slices.Clone(dg.doc.list[rels:]), names: dg.names}
	for _, g := range dg.out {
		g.Range.Start -= base
		g.Range.End -= base
		cd.diags = append(cd.diags, g)
	}
	return cd
}

type diagnoser struct {
	d    Dialect
	text string
	x    *Index // for the SQLite engine's verdicts (sqlite_engine.go)
	ix   *snapIndex
	out  []Diagnostic
	// doc are the relations created by earlier statements; docNames every
	// name written in an earlier statement that is not checked (DDL), so
	// that a table made in a way we do not parse is not called unknown.
	doc      docRels
	docNames map[string]bool
	// known are pg_query's verdicts of an earlier diagnosis of the chunk,
	// by statement text; verdicts those of this one.
	known, verdicts map[string]pgResult
	// names are the docNames the chunk being diagnosed added.
	names []string
}

// addName records a name written by a statement that is not checked.
func (dg *diagnoser) addName(n string) {
	n = strings.ToLower(n)
	if !dg.docNames[n] {
		dg.docNames[n] = true
		dg.names = append(dg.names, n)
	}
}

func (dg *diagnoser) add(r Range, sev, code, msg string) {
	dg.out = append(dg.out, Diagnostic{Range: r, Severity: sev, Code: code, Message: msg})
}

// ---- syntax (PostgreSQL) ----

// syntax reports the statement's syntax error, if any, and whether there
// was one; with a snapshot, it also returns the model of a data
// statement (pg_tree.go), nil for other statements.
func (dg *diagnoser) syntax(st Statement, toks []Token) (bool, *pgSem) {
	src := dg.text[st.Range.Start:st.Range.End]
	if !utf8.ValidString(src) || strings.IndexByte(src, 0) >= 0 {
		return false, nil // the parser would report the encoding, not the SQL
	}
	wantSem := dg.ix != nil && pgDataStart(dg.text, toks)
	res, ok := dg.known[src]
	if !ok || wantSem && res.fail == nil && res.sem == nil {
		res = parsePostgres(src, dg.text, toks, st.Range.Start, wantSem)
	}
	dg.verdicts[src] = res
	if res.fail == nil {
		if len(res.sem) == 0 {
			return false, nil
		}
		sem, err := decodePgSem(res.sem)
		if err != nil {
			return false, nil
		}
		return false, sem
	}
	r := errorRange(src, st.Range.Start, toks, res.fail.cursor)
	dg.add(r, SeverityError, CodeSyntax, res.fail.message)
	return true, nil
}

// pgResult is what pg_query said of a statement: its syntax error, if
// any, and once its tree is walked (sem not nil), the model of a data
// statement, encoded (pg_codec.go; walkedNothing for other statements).
// Kept for every statement of a document: small.
type pgResult struct {
	fail *pgFailure
	sem  []byte
}

type pgFailure struct {
	message string
	cursor  int
}

// walkedNothing is the sem of a statement walked that is not modelled.
var walkedNothing = []byte{}

// parsePostgres parses the statement src (whose tokens, at base in text,
// are toks) and, with walk, models its tree.
func parsePostgres(src, text string, toks []Token, base int, walk bool) pgResult {
	var res pgResult
	buf, err := pgparser.ParseToProtobuf(src)
	if err != nil {
		var pe *pgparser.Error
		if errors.As(err, &pe) {
			res = pgResult{fail: &pgFailure{message: pe.Message, cursor: pe.Cursorpos}}
		}
		return res
	}
	if walk {
		res.sem = walkedNothing
		tree := &pg.ParseResult{}
		if proto.Unmarshal(buf, tree) == nil {
			if sem := walkPostgres(tree, text, toks, base); sem != nil {
				res.sem = encodePgSem(sem)
			}
		}
	}
	return res
}

// pgDataStart reports a statement that starts like a data statement
// (the ones pg_tree.go models), so that others are not unmarshalled.
func pgDataStart(text string, toks []Token) bool {
	for _, t := range toks {
		if t.Kind == Punct && t.Text(text) == "(" {
			continue
		}
		switch upperWord(text, t) {
		case "SELECT", "WITH", "INSERT", "UPDATE", "DELETE", "VALUES", "TABLE":
			return true
		}
		return false
	}
	return false
}

// errorRange turns pg_query's cursor position (1-based, in characters of
// the statement) into the range of the token there; at or past the end,
// the statement's last token.
func errorRange(src string, base int, toks []Token, cursor int) Range {
	last := toks[len(toks)-1]
	if cursor <= 0 {
		return Range{Start: toks[0].Start, End: toks[0].End}
	}
	off := 0
	for n := 1; n < cursor && off < len(src); n++ {
		_, size := utf8.DecodeRuneInString(src[off:])
		off += size
	}
	if off >= len(src) {
		return Range{Start: last.Start, End: last.End}
	}
	abs := base + off
	for _, t := range toks {
		if t.Start <= abs && abs < t.End {
			return Range{Start: t.Start, End: t.End}
		}
		if t.Start > abs {
			return Range{Start: t.Start, End: t.End}
		}
	}
	return Range{Start: last.Start, End: last.End}
}

// ---- semantic checks ----

// checkedKinds are the statements whose names are checked.
var checkedKinds = makeSet(`SELECT WITH INSERT UPDATE DELETE REPLACE VALUES TABLE`)

func (dg *diagnoser) statement(toks []Token) {
	p := newParser(dg.d, dg.text, toks, dg.ix, &dg.doc)
	first := p.word(0)
	if !checkedKinds[first] {
		if first == "CREATE" {
			if r := p.createdRelation(); r != nil {
				dg.doc.add(r)
			}
			if f := createdFunction(p); f != "" {
				dg.addName(functionKey + f) // pg_check.go
			}
		}
		if first == "ALTER" && p.word(1) == "TABLE" {
			dg.addName(alteredKey + alteredTable(p))
		}
		for i := range toks {
			if p.isName(i) {
				n, _ := p.name(i)
				dg.addName(n)
			}
		}
		return
	}
	if dg.d == Postgres && first == "SELECT" && selectInto(p) {
		// SELECT … INTO t creates t.
		for i := range toks {
			if p.isName(i) {
				n, _ := p.name(i)
				dg.addName(n)
			}
		}
	}
	p.parseBlock(0, len(toks), nil)
	c := &checker{dg: dg, p: p}
	c.run()
}

// alteredKey prefixes, in docNames, the tables an ALTER TABLE of the
// document changes (a byte no name holds keeps them apart from names).
const alteredKey = "\x00altered:"

// alteredTable is the lower-cased name (without schema) of the table an
// ALTER TABLE statement changes.
func alteredTable(p *parser) string {
	last := ""
	for i := 2; i < len(p.toks); i++ {
		switch w := p.word(i); {
		case w == "ONLY" || w == "IF" || w == "EXISTS":
			continue
		case p.punct(i, "."):
			continue
		case p.isName(i) || p.toks[i].Kind == QuotedIdent:
			n, _ := p.name(i)
			last = n
			if !p.punct(i+1, ".") {
				return strings.ToLower(last)
			}
		default:
			return strings.ToLower(last)
		}
	}
	return strings.ToLower(last)
}

// selectInto reports a top-level SELECT … INTO (PostgreSQL's CREATE
// TABLE AS).
func selectInto(p *parser) bool {
	depth := 0
	for i := range p.toks {
		switch {
		case p.punct(i, "("):
			depth++
		case p.punct(i, ")"):
			depth--
		case depth == 0 && p.word(i) == "INTO":
			return true
		}
	}
	return false
}

type checker struct {
	dg *diagnoser
	p  *parser
	// target is the INSERT target, which is not in scope for the
	// expressions of an INSERT … SELECT.
	target *relation
	isIns  bool
	known  map[*relation]bool
	ops    map[*block][]int
	kids   map[*block][]*block // nested blocks, in token order
	// returning is the token index of RETURNING, or -1.
	returning int
}

func (c *checker) run() {
	p := c.p
	if len(p.blocks) == 0 {
		return
	}
	c.known = map[*relation]bool{}
	c.ops = map[*block][]int{}
	c.kids = map[*block][]*block{}
	for _, x := range p.blocks {
		if x.parent != nil {
			c.kids[x.parent] = append(c.kids[x.parent], x)
		}
	}
	c.returning = -1
	top := p.blocks[0]
	depth := 0
	kind := ""
	for i := range p.toks {
		switch {
		case p.punct(i, "("):
			depth++
		case p.punct(i, ")"):
			depth--
		case depth != 0:
		case kind == "":
			switch w := p.word(i); w {
			case "INSERT", "REPLACE", "SELECT", "UPDATE", "DELETE":
				kind = w
			}
		case p.word(i) == "RETURNING":
			c.returning = i
		}
	}
	c.isIns = kind == "INSERT" || kind == "REPLACE"
	if c.isIns {
		for _, r := range top.refs {
			if r.nameTok > 0 && p.word(r.nameTok-1) == "INTO" {
				c.target = r
				break
			}
		}
	}
	for _, b := range p.blocks {
		for _, r := range b.refs {
			c.unknownTable(r)
		}
	}
	if c.target != nil {
		c.insert(top)
	}
	for _, b := range p.blocks {
		c.columns(b)
	}
}

// unknownTable reports a FROM item whose name resolves to nothing.
func (c *checker) unknownTable(r *relation) {
	p := c.p
	if r.kind != relUnknown || r.nameTok < 0 {
		return
	}
	last := r.nameTok
	firstPart := last
	for firstPart >= 2 && p.punct(firstPart-1, ".") && p.isName(firstPart-2) {
		firstPart -= 2
	}
	parts := (last-firstPart)/2 + 1
	if p.punct(last+1, "(") && p.word(firstPart-1) != "INTO" {
		return // a function in FROM
	}
	if parts > 2 || p.punct(firstPart-1, ".") {
		return
	}
	n, q := p.name(last)
	if n == "" || !q && IsKeyword(n) {
		return
	}
	if c.dg.docNames[strings.ToLower(n)] || systemName(c.dg.d, n) {
		return
	}
	if parts == 2 {
		sn, sq := p.name(firstPart)
		if c.dg.ix.lookupSchema(sn, sq) == nil {
			return // another database or a system schema: not in the snapshot
		}
	}
	// A CTE defined after its use (or in an outer statement we did not
	// see) is not a table; nor a name the tolerant parser took for a
	// table inside something it does not understand.
	for _, b := range p.blocks {
		for _, cte := range b.ctes {
			if sameName(c.dg.d, cte.written, n, q) {
				return
			}
		}
	}
	r0 := Range{Start: p.toks[firstPart].Start, End: p.toks[last].End}
	c.dg.add(r0, SeverityWarning, CodeUnknownTab, fmt.Sprintf("unknown table %s", p.text(firstPart)+p.src[p.toks[firstPart].End:p.toks[last].End]))
}

// systemName reports catalog relations that snapshots leave out.
func systemName(d Dialect, n string) bool {
	l := strings.ToLower(n)
	switch d {
	case Postgres:
		return strings.HasPrefix(l, "pg_")
	case SQLite:
		return strings.HasPrefix(l, "sqlite_") || strings.HasPrefix(l, "pragma_")
	case MySQL:
		return l == "dual"
	}
	return false
}

// fullyKnown reports whether all of a relation's columns are known, so
// that a column it lacks is really missing.
func (c *checker) fullyKnown(r *relation) bool {
	if v, ok := c.known[r]; ok {
		return v
	}
	c.known[r] = false // cycles: not known
	v := c.computeKnown(r)
	c.known[r] = v
	return v
}

func (c *checker) computeKnown(r *relation) bool {
	if len(r.columns) == 0 {
		return false
	}
	switch r.kind {
	case relSnapshot:
		// A table the document alters may have columns the snapshot lacks.
		if r.table != nil && c.dg.docNames[alteredKey+strings.ToLower(r.table.Name)] {
			return false
		}
		return r.table != nil || r.view != nil
	case relDoc:
		return r.srcs == nil && !r.partial // from column definitions, not from a query
	case relCTE, relDerived:
		for _, b := range c.p.blocks {
			if len(b.out) > 0 && &b.out[0] == &r.columns[0] {
				return c.outputKnown(b)
			}
		}
		// Renamed by a column list (… AS v(a, b)): the list names them.
		return true
	}
	return false
}

// outputKnown reports whether every item of a block's select list got a
// name the scope resolver computed.
func (c *checker) outputKnown(b *block) bool {
	p := c.p
	sel := -1
	depth := 0
	for i := b.lo; i < b.hi; i++ {
		switch {
		case p.punct(i, "("):
			depth++
		case p.punct(i, ")"):
			depth--
		case depth == 0 && p.word(i) == "SELECT":
			sel = i
		}
		if sel >= 0 {
			break
		}
	}
	if sel < 0 {
		return false
	}
	start := sel + 1
	if w := p.word(start); w == "DISTINCT" || w == "ALL" {
		if w == "DISTINCT" && p.word(start+1) == "ON" {
			return false
		}
		start++
	}
	depth = 0
	itemStart := start
	end := b.hi
	for i := start; i < b.hi; i++ {
		if p.punct(i, "(") {
			depth++
			continue
		}
		if p.punct(i, ")") {
			depth--
			continue
		}
		if depth > 0 {
			continue
		}
		if p.punct(i, ",") {
			if !c.itemNamed(b, itemStart, i) {
				return false
			}
			itemStart = i + 1
			continue
		}
		switch p.word(i) {
		case "FROM", "WHERE", "GROUP", "HAVING", "ORDER", "LIMIT", "UNION", "INTERSECT", "EXCEPT", "WINDOW", "INTO", "OFFSET", "FETCH", "FOR":
			end = i
		}
		if end != b.hi {
			break
		}
	}
	return c.itemNamed(b, itemStart, end)
}

// itemNamed reports whether a select item [lo, hi) yields named columns
// the resolver knows: *, q.*, expr AS name, a column, expr name.
func (c *checker) itemNamed(b *block, lo, hi int) bool {
	p := c.p
	n := hi - lo
	if n <= 0 {
		return false
	}
	last := hi - 1
	switch {
	case n == 1 && p.punct(last, "*"):
		for _, r := range b.refs {
			if !c.fullyKnown(r) {
				return false
			}
		}
		return true
	case n >= 3 && p.punct(last, "*") && p.punct(last-1, "."):
		nm, q := p.name(last - 2)
		r := b.lookupQualifier(c.dg.d, nm, q, false)
		return r != nil && c.fullyKnown(r)
	case n >= 2 && p.isName(last) && p.word(last-1) == "AS":
		return true
	case n == 1 && p.isName(last):
		return true
	case n == 3 && p.isName(lo) && p.punct(lo+1, ".") && p.isName(last):
		return true
	}
	return n >= 2 && p.isName(last) && !p.punct(last-1, ".") && p.toks[last-1].Kind != Operator &&
		!(p.toks[last].Kind == Word && IsKeyword(p.text(last)))
}

// scope lists the relations whose columns an expression at token pos of
// block b may use, and the number of them at b's own level; ok is false
// when it cannot tell.
func (c *checker) scope(b *block, pos int) (rels []*relation, own int, ok bool) {
	for x := b; x != nil; x = x.parent {
		level, ok := c.levelRefs(x, pos)
		if !ok {
			return nil, 0, false
		}
		for _, r := range level {
			if r == c.target {
				continue
			}
			rels = append(rels, r)
			if x == b {
				own++
			}
		}
		if x.isolated {
			break
		}
		pos = x.lo
	}
	return rels, own, true
}

// levelRefs are the FROM items of block x visible at token pos: those of
// the branch of a UNION (INTERSECT, EXCEPT) that pos stands in.
func (c *checker) levelRefs(x *block, pos int) ([]*relation, bool) {
	ops := c.setOps(x)
	if len(ops) == 0 {
		return x.refs, true
	}
	lo, hi := x.lo, x.hi
	for _, o := range ops {
		if o < pos {
			lo = o
		} else {
			hi = o
			break
		}
	}
	var out []*relation
	for _, r := range x.refs {
		rp := r.nameTok
		if rp < 0 {
			rp = r.aliasTok
		}
		if rp < 0 {
			return nil, false
		}
		if lo <= rp && rp < hi {
			out = append(out, r)
		}
	}
	return out, true
}

// setOps are the token indices of the set operators of block x.
func (c *checker) setOps(x *block) []int {
	if ops, ok := c.ops[x]; ok {
		return ops
	}
	p := c.p
	var ops []int
	depth := 0
	kids := kidWalk{kids: c.kids[x]}
	for i := x.lo; i < x.hi; i++ {
		if k := kids.at(i); k != nil {
			i = k.hi - 1
			continue
		}
		switch {
		case p.punct(i, "("):
			depth++
		case p.punct(i, ")"):
			depth--
		case depth == 0:
			switch p.word(i) {
			case "UNION", "INTERSECT", "EXCEPT":
				ops = append(ops, i)
			}
		}
	}
	c.ops[x] = ops
	return ops
}

// lookupQualifier finds the relation a qualifier at token pos names, as
// block.lookupQualifier does, within UNION branches.
func (c *checker) lookupQualifier(b *block, name string, quoted bool, pos int) *relation {
	d := c.dg.d
	for x := b; x != nil; x = x.parent {
		level, ok := c.levelRefs(x, pos)
		if !ok {
			return nil
		}
		for _, r := range level {
			if r.alias != "" && sameName(d, r.alias, name, quoted) {
				return r
			}
		}
		for _, r := range level {
			if r.alias == "" && r.written != "" && sameName(d, r.written, name, quoted) {
				return r
			}
		}
		for _, r := range level {
			if r.alias == "" && r.table != nil && sameName(d, r.table.Name, name, quoted) {
				return r
			}
		}
		if x.isolated {
			break
		}
		pos = x.lo
	}
	return nil
}

// hasColumn reports whether cols has the column a name written (quoted
// or not) designates, by the dialect's rules: exact in PostgreSQL
// (after folding an unquoted name), any case in MySQL and SQLite (and,
// for an unquoted name, in dialects whose rules we do not know).
func hasColumn(d Dialect, cols []schema.Column, name string, quoted bool) bool {
	want := foldName(d, name, quoted)
	loose := d != Postgres && !(quoted && strictCase(d))
	for i := range cols {
		if cols[i].Name == want || loose && strings.EqualFold(cols[i].Name, name) {
			return true
		}
	}
	return false
}

// maxScope bounds the relations in scope of a checked column: no real
// query has more, and a generated one would make checking quadratic.
const maxScope = 256

// notColumn are words that stand where a column could but are not one.
var notColumn = makeSet(`CURRENT_DATE CURRENT_TIME CURRENT_TIMESTAMP LOCALTIME LOCALTIMESTAMP
CURRENT_USER CURRENT_ROLE SESSION_USER USER SYSTEM_USER CURRENT_SCHEMA CURRENT_CATALOG UTC_DATE
UTC_TIME UTC_TIMESTAMP TRUE FALSE NULL UNKNOWN DEFAULT ROWID OID _ROWID_ CTID XMIN XMAX CMIN CMAX
TABLEOID EPOCH MICROSECOND MILLISECOND MICROSECONDS MILLISECONDS SECOND MINUTE HOUR DAY WEEK MONTH
QUARTER YEAR DECADE CENTURY MILLENNIUM DOW DOY ISODOW ISOYEAR JULIAN TIMEZONE TIMEZONE_HOUR
TIMEZONE_MINUTE SECOND_MICROSECOND MINUTE_MICROSECOND MINUTE_SECOND HOUR_MICROSECOND HOUR_SECOND
HOUR_MINUTE DAY_MICROSECOND DAY_SECOND DAY_MINUTE DAY_HOUR YEAR_MONTH NOW`)

// valueEnd are keywords after which a name is an alias, not a column.
var valueEnd = makeSet(`END NULL TRUE FALSE CURRENT_DATE CURRENT_TIME CURRENT_TIMESTAMP LOCALTIME
LOCALTIMESTAMP CURRENT_USER SESSION_USER USER`)

// Clauses of the column walk.
const (
	wNone = iota
	wChecked
	wSkip
)

// colRef is a column reference found in a block.
type colRef struct {
	qual       int // token of the qualifier, or -1
	name       int // token of the column
	setLHS     bool
	afterAlias bool // in GROUP BY, HAVING or ORDER BY: output names count
}

// columns checks the column references of block b's own clauses.
func (c *checker) columns(b *block) {
	p := c.p
	// Token ranges of nested blocks, which are checked on their own.
	kids := kidWalk{kids: c.kids[b]}
	// LATERAL subqueries see the FROM items before them; we do not.
	if b.isolated && b.lo >= 2 && p.word(b.lo-2) == "LATERAL" {
		return
	}
	var refs []colRef
	aliases := map[string]bool{}
	usingJoin := false
	cl := wNone
	depth := 0
	inSet, afterAlias, frozen := false, false, false
	lhs := false
	for i := b.lo; i < b.hi; i++ {
		if k := kids.at(i); k != nil {
			i = k.hi - 1
			continue
		}
		t := p.toks[i]
		if t.Kind == Punct || t.Kind == Operator {
			switch p.text(i) {
			case "(":
				depth++
			case ")":
				if depth > 0 {
					depth--
				}
			case ",":
				if depth == 0 && inSet {
					lhs = true
				}
			case "=":
				if depth == 0 {
					lhs = false
				}
			}
			continue
		}
		w := p.word(i)
		if depth == 0 && !frozen {
			switch w {
			case "SELECT":
				cl, inSet, afterAlias = wChecked, false, false
				continue
			case "FROM", "JOIN", "STRAIGHT_JOIN", "INTO", "VALUES", "VALUE", "LIMIT", "OFFSET", "FETCH",
				"WINDOW", "FOR", "LOCK", "TABLE", "UPDATE", "DELETE", "INSERT", "REPLACE", "WITH":
				cl, inSet = wSkip, false
				continue
			case "NATURAL":
				usingJoin = true
			case "USING":
				cl = wSkip
				if p.punct(i+1, "(") {
					usingJoin = true
				}
				continue
			case "ON":
				if nw := p.word(i + 1); nw == "CONFLICT" || nw == "DUPLICATE" {
					cl, frozen = wSkip, true
					continue
				}
				cl = wChecked
				continue
			case "WHERE":
				cl, afterAlias = wChecked, false
				continue
			case "GROUP", "HAVING", "ORDER", "QUALIFY":
				cl, afterAlias = wChecked, true
				if w == "ORDER" && len(c.setOps(b)) > 0 {
					cl = wSkip // the output of the whole UNION
				}
				continue
			case "RETURNING":
				cl, afterAlias, inSet = wChecked, false, false
				continue
			case "SET":
				if c.target == nil && len(b.refs) > 0 {
					cl, inSet, lhs = wChecked, true, true
				}
				continue
			case "UNION", "INTERSECT", "EXCEPT":
				cl = wNone
				continue
			}
		}
		if frozen && depth == 0 && w == "RETURNING" {
			frozen = false
			cl, afterAlias = wChecked, false
			continue
		}
		if w == "SELECT" && depth > 0 {
			return // a query the resolver did not take as a block: unsure
		}
		if cl != wChecked || !p.isName(i) {
			continue
		}
		// A chain name(.name)* starting here.
		if p.punct(i-1, ".") {
			continue
		}
		j := i
		for p.punct(j+1, ".") && p.isName(j+2) {
			j += 2
		}
		next := j + 1
		if p.punct(j+1, ".") || p.punct(next, "(") || p.punct(next, "=>") || p.punct(next, ":=") {
			i = j
			continue
		}
		prev := i - 1
		if prev >= b.lo && isAliasPosition(p, prev) {
			if j == i {
				n, _ := p.name(i)
				aliases[strings.ToLower(n)] = true
			}
			i = j
			continue
		}
		if next < len(p.toks) && p.toks[next].Kind == String {
			i = j // a typed literal: DATE '2024-01-01'
			continue
		}
		if pw := p.word(prev); pw == "COLLATE" || pw == "OVER" || pw == "INTERVAL" || pw == "ARRAY" ||
			depth > 0 && (pw == "USING" || pw == "SET" || pw == "CHARSET") {
			i = j // a collation, window, unit or character set
			continue
		}
		if tx := p.text(i); j == i && p.toks[i].Kind == Word && len(tx) > 4 && strings.EqualFold(tx[:4], "SQL_") {
			i = j // MySQL's SQL_CALC_FOUND_ROWS, SQL_NO_CACHE, …
			continue
		}
		if depth > 0 && p.word(next) == "FROM" && j == i {
			i = j // EXTRACT(field FROM …)
			continue
		}
		if p.toks[j].Kind == Word && (notColumn[p.word(j)] || j == i && IsKeyword(p.text(j))) {
			i = j
			continue
		}
		ref := colRef{qual: -1, name: j, afterAlias: afterAlias, setLHS: inSet && lhs && depth == 0}
		switch (j - i) / 2 {
		case 0:
		case 1:
			ref.qual = i
		default:
			i = j
			continue
		}
		refs = append(refs, ref)
		i = j
	}
	for _, r := range refs {
		c.checkRef(b, r, aliases, usingJoin)
	}
}

// isAliasPosition reports whether a name after token prev is an alias
// (or a type name): after AS, ::, or right after a complete value.
func isAliasPosition(p *parser, prev int) bool {
	t := p.toks[prev]
	switch t.Kind {
	case Word:
		w := p.word(prev)
		if w == "AS" || valueEnd[w] {
			return true
		}
		return !IsKeyword(p.text(prev))
	case QuotedIdent, String, Number, Param:
		return true
	case Punct:
		return p.text(prev) == ")" || p.text(prev) == "]"
	case Operator:
		return p.text(prev) == "::"
	}
	return false
}

// kidWalk finds the nested block at a token, for tokens visited in
// increasing order.
type kidWalk struct {
	kids []*block
	next int
}

func (w *kidWalk) at(i int) *block {
	for w.next < len(w.kids) && w.kids[w.next].hi <= i {
		w.next++
	}
	if w.next < len(w.kids) {
		if k := w.kids[w.next]; k.lo <= i && i < k.hi {
			return k
		}
	}
	return nil
}

func (c *checker) checkRef(b *block, r colRef, aliases map[string]bool, usingJoin bool) {
	p := c.p
	d := c.dg.d
	n, q := p.name(r.name)
	tok := p.toks[r.name]
	rng := Range{Start: tok.Start, End: tok.End}
	if d == SQLite && q && p.src[tok.Start] == '"' || d == MySQL && q && p.src[tok.Start] == '"' {
		return // SQLite reads an unknown "x" as a string
	}
	if r.qual >= 0 {
		qn, qq := p.name(r.qual)
		rel := c.lookupQualifier(b, qn, qq, r.name)
		if rel == nil || rel == c.target && !r.setLHS && !c.inReturning(r.name) || !c.fullyKnown(rel) {
			return
		}
		if !hasColumn(d, rel.columns, n, q) {
			c.dg.add(rng, SeverityWarning, CodeUnknownCol, fmt.Sprintf("unknown column %s in %s", p.text(r.name), rel.display()))
		}
		return
	}
	if aliases[strings.ToLower(n)] {
		return
	}
	if r.afterAlias {
		for _, o := range b.out {
			if sameName(d, o.Name, n, q) {
				return
			}
		}
	}
	rels, own, ok := c.scope(b, r.name)
	if !ok || len(rels) > maxScope {
		return
	}
	switch {
	case r.setLHS && len(b.refs) == 1:
		rels, own = b.refs, 1
	case c.target != nil && c.inReturning(r.name):
		rels, own = []*relation{c.target}, 1
	}
	if len(rels) == 0 {
		return
	}
	// A relation's own name stands for its whole row (PostgreSQL).
	for _, rel := range rels {
		if sameName(d, rel.qualifier(), n, q) {
			return
		}
	}
	var found []*relation
	for _, rel := range rels {
		if hasColumn(d, rel.columns, n, q) {
			found = append(found, rel)
		}
	}
	if len(found) == 0 {
		for _, rel := range rels {
			if !c.fullyKnown(rel) {
				return
			}
		}
		c.dg.add(rng, SeverityWarning, CodeUnknownCol, fmt.Sprintf("unknown column %s", p.text(r.name)))
		return
	}
	if usingJoin || len(found) < 2 {
		return
	}
	// Ambiguous only among the relations of b's own level.
	atOwn := 0
	var names []string
	for k, rel := range rels {
		if k >= own {
			break
		}
		if hasColumn(d, rel.columns, n, q) {
			atOwn++
			names = append(names, rel.qualifier())
		}
	}
	if atOwn >= 2 {
		c.dg.add(rng, SeverityWarning, CodeAmbiguous, fmt.Sprintf("column %s is ambiguous: it is in %s", p.text(r.name), strings.Join(names, " and ")))
	}
}

// inReturning reports whether token i stands after RETURNING.
func (c *checker) inReturning(i int) bool {
	return c.returning >= 0 && i > c.returning
}

// ---- INSERT ----

// insert checks INSERT INTO t [(cols)] VALUES (…), …: the listed columns
// exist, and each row has as many values as there are columns.
func (c *checker) insert(b *block) {
	p := c.p
	d := c.dg.d
	t := c.target
	known := c.fullyKnown(t) && (t.kind == relSnapshot && t.table != nil || t.kind == relDoc)
	i := t.nameTok + 1
	if t.aliasTok >= 0 {
		i = t.aliasTok + 1
	}
	listed := -1
	if p.punct(i, "(") && !p.startsQuery(i+1) {
		j := p.match[i]
		if j < 0 || j >= len(p.toks) {
			return
		}
		listed = 0
		for k := i + 1; k < j; k++ {
			if p.punct(k, ",") {
				continue
			}
			if !p.isName(k) || !(p.punct(k+1, ",") || k+1 == j) {
				return // something other than a plain list
			}
			listed++
			if known {
				n, q := p.name(k)
				if !hasColumn(d, t.columns, n, q) {
					tok := p.toks[k]
					c.dg.add(Range{Start: tok.Start, End: tok.End}, SeverityWarning, CodeUnknownCol,
						fmt.Sprintf("unknown column %s in %s", p.text(k), t.display()))
				}
			}
		}
		i = j + 1
	}
	if w := p.word(i); w != "VALUES" && w != "VALUE" {
		return
	}
	want := listed
	exact := true
	if want < 0 {
		if !known {
			return
		}
		for _, col := range t.columns {
			if col.Generated != nil {
				return
			}
		}
		want = len(t.columns)
		// PostgreSQL fills missing trailing columns with their defaults.
		exact = d != Postgres
	}
	i++
	for p.punct(i, "(") {
		j := p.match[i]
		if j < 0 || j >= len(p.toks) {
			return
		}
		n := 0
		if j > i+1 {
			n = 1
			for k := i + 1; k < j; k++ {
				if p.punct(k, "(") {
					k = p.match[k]
					if k < 0 {
						return
					}
					continue
				}
				if p.punct(k, ",") {
					n++
				}
			}
		}
		if n > want || exact && n != want {
			r := Range{Start: p.toks[i].Start, End: p.toks[j].End}
			c.dg.add(r, SeverityError, CodeInsertArity, fmt.Sprintf("INSERT has %d values for %d columns", n, want))
		}
		i = j + 1
		if !p.punct(i, ",") {
			return
		}
		i++
		if p.word(i) == "ROW" {
			i++
		}
	}
}
