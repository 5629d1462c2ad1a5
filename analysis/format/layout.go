package format

import (
	"strings"

	"github.com/dbls/dbls/drivers/sqltext"
)

// How one statement is laid out. The significant tokens (all but
// comments) each get a separator from the token before: nothing, a space,
// or a line break to an indentation level. The separators depend only on
// the tokens, never on the white space of the input, which is what makes
// formatting idempotent; comments are placed afterwards (render.go).

type sepKind uint8

const (
	sepNone sepKind = iota
	sepSpace
	sepLine
)

type sep struct {
	kind  sepKind
	level int
}

func line(level int) sep { return sep{kind: sepLine, level: level} }

var space = sep{kind: sepSpace}

type frameKind uint8

const (
	fQuery   frameKind = iota // a statement or subquery: clauses start lines
	fInline                   // parentheses of an expression, call or list
	fColumns                  // CREATE TABLE's column list: one item a line
	fCase                     // CASE … END
)

type frame struct {
	kind frameKind
	// level is where a query's clause lines, or a column list's items,
	// stand; closeLevel where its closing parenthesis goes.
	level, closeLevel int
	// stmt is what a query frame is: SELECT, INSERT, UPDATE, DELETE or
	// CREATE (until AS SELECT makes it a query); clause the clause it is
	// in.
	stmt, clause string
	first        bool // no token of the frame placed yet
	between      bool // BETWEEN placed, its AND to come
	multiRows    bool // VALUES with more than one row
}

type shaper struct {
	d    sqltext.Dialect
	src  string
	toks []sqltext.Token
	sig  []int    // indices into toks of the significant tokens
	up   []string // per significant token: a word in upper case, else its text
	// match is, for an opening bracket, the index (in sig) of its closer.
	match    []int
	seps     []sep
	force    []sep  // a line break asked for by an earlier token
	kw       []bool // the word changes case
	stack    []frame
	line     int // the level of the line being laid out
	colParen int // sig index of CREATE TABLE's column list, or -1
}

// shape lays out one statement (toks are its tokens) or reports false
// when it is not one it knows how to lay out safely.
func shape(d sqltext.Dialect, src string, toks []sqltext.Token, opt Options, nl string) (string, bool) {
	s := &shaper{d: d, src: src, toks: toks, colParen: -1}
	if !s.scan() {
		return "", false
	}
	stmt, ok := s.kind()
	if !ok {
		return "", false
	}
	s.kw[0] = true
	s.stack = []frame{{kind: fQuery, stmt: stmt, first: true}}
	for k := range s.sig {
		if !s.step(k) {
			return "", false
		}
	}
	if len(s.stack) != 1 {
		return "", false
	}
	s.markKeywords()
	out := s.render(opt, nl)
	if !sameTokens(d, src, toks, out) {
		return "", false
	}
	if opt.Guessed {
		orig := src[toks[0].Start:toks[len(toks)-1].End]
		for _, x := range opt.checkDialects(d)[1:] {
			if !sameText(x, orig, out) {
				return "", false
			}
		}
	}
	return out, true
}

// scan checks that every token is one the layout has a rule for and
// collects the significant ones, with their brackets matched.
func (s *shaper) scan() bool {
	var open []int
	s.sig = make([]int, 0, len(s.toks))
	s.up = make([]string, 0, len(s.toks))
	s.match = make([]int, 0, len(s.toks))
	for i, t := range s.toks {
		if t.Unterminated {
			return false
		}
		txt := s.src[t.Start:t.End]
		switch t.Kind {
		case sqltext.Comment:
			// MySQL runs /*! … */ and /*M! … */; hints stay where they are
			// as any comment does.
			if strings.HasPrefix(txt, "/*!") || strings.HasPrefix(txt, "/*M!") {
				return false
			}
			continue
		case sqltext.Word, sqltext.QuotedIdent, sqltext.String, sqltext.Number, sqltext.Operator, sqltext.Param:
		case sqltext.Punct:
			if txt == ";" {
				return false
			}
		default:
			return false // Other, Command, Delimiter: left as written
		}
		k := len(s.sig)
		s.sig = append(s.sig, i)
		s.match = append(s.match, -1)
		if t.Kind == sqltext.Word {
			s.up = append(s.up, upper(txt))
		} else {
			s.up = append(s.up, txt)
		}
		switch txt {
		case "(", "[", "{":
			open = append(open, k)
		case ")", "]", "}":
			if len(open) == 0 || closer(s.up[open[len(open)-1]]) != txt {
				return false
			}
			s.match[open[len(open)-1]] = k
			open = open[:len(open)-1]
		}
		// Two strings in a row are one in PostgreSQL when a line break
		// separates them ('a'\n'b') and an error when not: their spacing
		// is meaning, so such statements stay as written.
		if t.Kind == sqltext.String && k > 0 && s.toks[s.sig[k-1]].Kind == sqltext.String {
			return false
		}
	}
	if len(open) > 0 || len(s.sig) == 0 {
		return false
	}
	n := len(s.sig)
	s.seps, s.force, s.kw = make([]sep, n), make([]sep, n), make([]bool, n)
	return true
}

func closer(open string) string {
	switch open {
	case "(":
		return ")"
	case "[":
		return "]"
	}
	return "}"
}

// kind reads which statement this is from its first words.
func (s *shaper) kind() (string, bool) {
	if s.toks[s.sig[0]].Kind != sqltext.Word {
		return "", false
	}
	switch s.up[0] {
	case "SELECT", "WITH", "VALUES":
		return "SELECT", true
	case "INSERT", "REPLACE":
		return "INSERT", true
	case "UPDATE":
		return "UPDATE", true
	case "DELETE":
		return "DELETE", true
	case "CREATE":
		return "CREATE", s.createKind()
	}
	return "", false
}

// createKind accepts CREATE [OR REPLACE] [TEMP…] TABLE and … VIEW, and
// finds the column list of CREATE TABLE name (…).
func (s *shaper) createKind() bool {
	k := 1
	for k < len(s.sig) && s.isWord(k) {
		s.kw[k] = true
		switch s.up[k] {
		case "OR", "REPLACE", "GLOBAL", "LOCAL", "TEMP", "TEMPORARY", "UNLOGGED", "RECURSIVE", "MATERIALIZED":
			k++
			continue
		case "VIEW":
			return true
		case "TABLE":
			s.findColumns(k + 1)
			return true
		}
		return false
	}
	return false
}

func (s *shaper) findColumns(k int) {
	if s.upAt(k) == "IF" && s.upAt(k+1) == "NOT" && s.upAt(k+2) == "EXISTS" {
		s.kw[k], s.kw[k+1], s.kw[k+2] = true, true, true
		k += 3
	}
	for k < len(s.sig) {
		kind := s.toks[s.sig[k]].Kind
		if kind != sqltext.Word && kind != sqltext.QuotedIdent {
			return
		}
		if s.upAt(k+1) != "." {
			break
		}
		k += 2
	}
	if s.upAt(k+1) == "(" {
		s.colParen = k + 1
	}
}

func (s *shaper) isWord(k int) bool {
	return k >= 0 && k < len(s.sig) && s.toks[s.sig[k]].Kind == sqltext.Word
}

// upAt is the upper-case text of significant token k, or "" past either
// end.
func (s *shaper) upAt(k int) string {
	if k < 0 || k >= len(s.sig) {
		return ""
	}
	return s.up[k]
}

// wordAt is upAt for words only: "" for other tokens and for words
// qualified by a dot, which are names whatever they spell.
func (s *shaper) wordAt(k int) string {
	if !s.isWord(k) || s.upAt(k-1) == "." || s.upAt(k+1) == "." {
		return ""
	}
	return s.up[k]
}

func (s *shaper) top() *frame { return &s.stack[len(s.stack)-1] }

// step places significant token k.
func (s *shaper) step(k int) bool {
	sp, ok := s.decide(k)
	if !ok {
		return false
	}
	if k == 0 {
		sp = sep{}
	} else if sp.kind != sepLine && s.force[k].kind == sepLine {
		sp = s.force[k]
	}
	if sp.kind == sepLine {
		s.line = sp.level
	}
	s.seps[k] = sp
	s.top().first = false
	s.open(k)
	// Each level indents every line under it: past maxDepth the output
	// would grow with the square of the input, so such a statement stays
	// as written.
	return len(s.stack) <= maxDepth
}

// maxDepth bounds the nesting of parentheses and CASE a laid-out statement
// may have.
const maxDepth = 64

// decide is the separator before token k, by the frame it stands in.
func (s *shaper) decide(k int) (sep, bool) {
	switch s.up[k] {
	case ")", "]", "}":
		if len(s.stack) < 2 {
			return sep{}, false
		}
		f := s.stack[len(s.stack)-1]
		s.stack = s.stack[:len(s.stack)-1]
		if f.kind == fQuery || f.kind == fColumns {
			return line(f.closeLevel), true
		}
		return sep{}, true
	case ",":
		s.afterComma(k)
		return sep{}, true
	}
	top := s.top()
	w := s.wordAt(k)
	if w == "END" && top.kind == fCase {
		s.stack = s.stack[:len(s.stack)-1]
		s.kw[k] = true
		return s.inline(k), true
	}
	if top.kind == fQuery && w != "" && !s.afterAs(k) {
		if sp, ok := s.clause(k, w, top); ok {
			s.kw[k] = true
			return sp, true
		}
		if (w == "AND" || w == "OR") && (top.clause == "WHERE" || top.clause == "HAVING") {
			if w == "AND" && top.between {
				top.between = false
			} else {
				return line(top.level + 1), true
			}
		}
	}
	return s.inline(k), true
}

// afterAs reports a word right after AS: an alias or a type name, unless
// it opens the query of CREATE … AS or a CTE's [NOT] MATERIALIZED.
func (s *shaper) afterAs(k int) bool {
	if s.wordAt(k-1) != "AS" {
		return false
	}
	switch s.up[k] {
	case "SELECT", "WITH", "VALUES", "NOT", "MATERIALIZED":
		return false
	}
	return true
}

// afterComma asks for the line breaks of one-item-a-line lists.
func (s *shaper) afterComma(k int) {
	if k+1 >= len(s.sig) {
		return
	}
	top := s.top()
	switch {
	case top.kind == fColumns:
		s.force[k+1] = line(top.level)
	case top.kind != fQuery:
	case top.clause == "SELECT" || top.clause == "SET" || (top.clause == "VALUES" && top.multiRows):
		s.force[k+1] = line(top.level + 1)
	case top.clause == "WITH":
		s.force[k+1] = line(top.level)
	}
}

// open pushes the frame that token k opens, if any.
func (s *shaper) open(k int) {
	switch s.up[k] {
	case "(", "[", "{":
	default:
		switch s.wordAt(k) {
		case "CASE":
			s.stack = append(s.stack, frame{kind: fCase})
		case "BETWEEN":
			s.top().between = true
		}
		return
	}
	switch {
	case s.up[k] == "(" && queryStarts[s.wordAt(k+1)]:
		s.stack = append(s.stack, frame{kind: fQuery, level: s.line + 1, closeLevel: s.line, stmt: "SELECT", first: true})
		s.force[k+1] = line(s.line + 1)
	case k == s.colParen:
		s.stack = append(s.stack, frame{kind: fColumns, level: s.line + 1, closeLevel: s.line})
		s.force[k+1] = line(s.line + 1)
	default:
		s.stack = append(s.stack, frame{kind: fInline})
	}
}

// clause places a word that may start a clause of query frame top.
func (s *shaper) clause(k int, w string, top *frame) (sep, bool) {
	here := line(top.level)
	if top.first {
		here = sep{}
	}
	prev := s.wordAt(k - 1)
	starts := top.first || top.clause == "WITH"
	query := top.stmt != "CREATE"
	switch w {
	case "WITH":
		if starts || (prev == "AS" && !query) {
			top.stmt, top.clause = "SELECT", "WITH"
			return here, true
		}
	case "SELECT":
		if !query || top.stmt == "" {
			top.stmt = "SELECT"
		}
		top.clause = "SELECT"
		s.selectItems(k, top)
		return here, true
	case "VALUES":
		if starts || (prev == "AS" && !query) || top.clause == "INSERT" || top.clause == "SETOP" {
			top.clause = "VALUES"
			top.multiRows = s.upAt(k+1) == "(" && s.upAt(s.match[k+1]+1) == ","
			if top.multiRows {
				s.force[k+1] = line(top.level + 1)
			}
			return here, true
		}
	case "INSERT", "REPLACE", "UPDATE", "DELETE":
		if starts {
			top.stmt, top.clause = w, w
			if w == "REPLACE" {
				top.stmt, top.clause = "INSERT", "INSERT"
			}
			return here, true
		}
	}
	if !query {
		return sep{}, false
	}
	return s.queryClause(k, w, prev, top)
}

// queryClause places the words that start clauses inside a query.
func (s *shaper) queryClause(k int, w, prev string, top *frame) (sep, bool) {
	here := line(top.level)
	switch w {
	case "FROM":
		if prev == "DISTINCT" { // IS [NOT] DISTINCT FROM
			return sep{}, false
		}
		top.clause = "FROM"
		if prev == "DELETE" {
			return space, true
		}
		return here, true
	case "WHERE", "HAVING":
		top.clause, top.between = w, false
		return here, true
	case "WINDOW":
		if s.d != sqltext.MySQL {
			top.clause = w
			return here, true
		}
	case "GROUP", "ORDER":
		if s.upAt(k+1) == "BY" && prev != "WITHIN" {
			s.kw[k+1] = true
			top.clause = w
			return here, true
		}
	case "LIMIT":
		top.clause = w
		return here, true
	case "OFFSET":
		if s.d != sqltext.MySQL || top.clause == "LIMIT" {
			top.clause = w
			return here, true
		}
	case "FETCH":
		if n := s.upAt(k + 1); s.d != sqltext.MySQL && (n == "FIRST" || n == "NEXT") {
			top.clause = w
			return here, true
		}
	case "FOR":
		if n := s.upAt(k + 1); top.stmt == "SELECT" && (n == "UPDATE" || n == "SHARE" || n == "NO" || n == "KEY") {
			top.clause = w
			return here, true
		}
	case "UNION", "INTERSECT", "EXCEPT":
		if top.stmt == "SELECT" || top.stmt == "INSERT" {
			top.clause = "SETOP"
			next := k + 1
			if n := s.upAt(next); n == "ALL" || n == "DISTINCT" {
				next++
			}
			if next < len(s.sig) {
				s.force[next] = here
			}
			return here, true
		}
	case "LOCK":
		if s.d == sqltext.MySQL && s.upAt(k+1) == "IN" && top.stmt == "SELECT" {
			top.clause = w
			return here, true
		}
	case "INTO":
		if top.clause == "SELECT" {
			top.clause = w
			return here, true
		}
	case "RETURNING":
		if top.stmt == "INSERT" || top.stmt == "UPDATE" || top.stmt == "DELETE" {
			top.clause = w
			return here, true
		}
	case "SET":
		if (top.stmt == "UPDATE" || top.stmt == "INSERT") && prev != "CHARACTER" && prev != "CHAR" && top.clause != "SET" {
			top.clause = w
			if k+1 < len(s.sig) {
				s.force[k+1] = line(top.level + 1)
			}
			return here, true
		}
	case "ON":
		return s.on(k, top)
	case "USING":
		if top.stmt == "DELETE" && top.clause == "FROM" {
			top.clause = w
			return here, true
		}
	}
	if joinWords[w] || w == "JOIN" || w == "STRAIGHT_JOIN" {
		return s.join(k, w, top)
	}
	return sep{}, false
}

// on places ON: a join's condition, or INSERT's ON CONFLICT / ON
// DUPLICATE KEY UPDATE.
func (s *shaper) on(k int, top *frame) (sep, bool) {
	switch {
	case top.clause == "JOIN":
		top.clause = "ON"
		return line(top.level + 1), true
	case top.stmt == "INSERT" && (s.upAt(k+1) == "CONFLICT" || s.upAt(k+1) == "DUPLICATE"):
		top.clause = "CONFLICT"
		return line(top.level), true
	}
	return sep{}, false
}

// join places JOIN and the words before it (LEFT OUTER JOIN …): the first
// of them starts a line.
func (s *shaper) join(k int, w string, top *frame) (sep, bool) {
	switch top.clause {
	case "FROM", "JOIN", "ON", "UPDATE", "DELETE":
	default:
		return sep{}, false
	}
	if joinWords[s.wordAt(k-1)] {
		top.clause = "JOIN"
		return space, true
	}
	j := k
	for joinWords[s.wordAt(j)] {
		j++
	}
	if n := s.wordAt(j); n != "JOIN" && n != "STRAIGHT_JOIN" {
		return sep{}, false
	}
	top.clause = "JOIN"
	return line(top.level), true
}

// selectItems asks for the first item of a select list on its own line,
// after DISTINCT [ON (…)] or ALL.
func (s *shaper) selectItems(k int, top *frame) {
	j := k + 1
	switch s.wordAt(j) {
	case "DISTINCT", "ALL", "DISTINCTROW":
		j++
		if s.wordAt(j-1) == "DISTINCT" && s.wordAt(j) == "ON" && s.upAt(j+1) == "(" {
			j = s.match[j+1] + 1
		}
	}
	if j < len(s.sig) {
		s.force[j] = line(top.level + 1)
	}
}

// inline is the separator between tokens on one line.
func (s *shaper) inline(k int) sep {
	if k == 0 {
		return sep{}
	}
	p, c := s.toks[s.sig[k-1]], s.toks[s.sig[k]]
	pt, ct := s.up[k-1], s.up[k]
	adj := sep{}
	if s.toks[s.sig[k-1]].End != c.Start || s.sig[k-1]+1 != s.sig[k] {
		adj = space
	}
	switch {
	case ct == "," || ct == ")" || ct == "]" || ct == "}":
		return sep{}
	case pt == "(" || pt == "[" || pt == "{":
		return sep{}
	case ct == "." || pt == "." || ct == "::" || pt == "::":
		return sep{}
	case ct == "(":
		return s.beforeParen(k, p, adj)
	case ct == "[":
		return adj
	case p.Kind == sqltext.Operator && c.Kind == sqltext.Operator:
		return s.betweenOperators(pt, ct, adj)
	case (ct == "=" || pt == "=") && s.top().stmt == "CREATE":
		return adj // table options keep their spelling: ENGINE=InnoDB
	case p.Kind == sqltext.Operator && s.sign(k-1):
		return sep{}
	case p.Kind == sqltext.Word && c.Kind == sqltext.String && adj.kind == sepNone:
		return sep{} // _utf8mb4'x', date'2024-01-01'
	}
	return space
}

// betweenOperators keeps operators that touched touching, where
// PostgreSQL would read the run of operator characters as one operator;
// it never reads a trailing + or - into one unless the run has one of
// ~!@#%^&|`? (so a=-1 is = and -). Elsewhere a space is always safe.
func (s *shaper) betweenOperators(p, c string, adj sep) sep {
	if s.d != sqltext.Postgres && s.d != "" {
		return space
	}
	if (c == "-" || c == "+") && !strings.ContainsAny(p, "~!@#%^&|`?") {
		return space
	}
	return adj
}

// beforeParen: a keyword takes a space; a name keeps its spacing, because
// MySQL reads count (*) and count(*) differently.
func (s *shaper) beforeParen(k int, p sqltext.Token, adj sep) sep {
	switch p.Kind {
	case sqltext.Word:
		if w := s.wordAt(k - 1); spaceBeforeParen[w] && !s.afterAs(k-1) {
			return space
		}
		return adj
	case sqltext.Operator:
		if s.sign(k - 1) {
			return sep{}
		}
		return space
	case sqltext.QuotedIdent, sqltext.Param, sqltext.Punct:
		return adj
	}
	return space
}

// sign reports whether operator k is a prefix sign (-1, +x) rather than a
// subtraction or addition.
func (s *shaper) sign(k int) bool {
	if op := s.up[k]; op != "-" && op != "+" {
		return false
	}
	if k == 0 {
		return true
	}
	p := s.toks[s.sig[k-1]]
	switch p.Kind {
	case sqltext.Operator:
		return true
	case sqltext.Punct:
		return s.up[k-1] == "(" || s.up[k-1] == "," || s.up[k-1] == "["
	case sqltext.Word:
		return exprStarts[s.wordAt(k-1)]
	}
	return false
}

// markKeywords decides which words change case, beyond those the layout
// read as keywords: reserved words, keyword pairs and FILTER/OVER after
// a call.
func (s *shaper) markKeywords() {
	res := reserved(s.d)
	for k := range s.sig {
		w := s.wordAt(k)
		if w == "" || s.afterAs(k) {
			continue
		}
		if res[w] {
			s.kw[k] = true
		}
		if afterParen[w] && s.upAt(k-1) == ")" {
			s.kw[k] = true
		}
		if p := s.wordAt(k - 1); p != "" && !s.afterAs(k-1) && keywordPairs[p+"_"+w] {
			s.kw[k-1], s.kw[k] = true, true
		}
	}
}
