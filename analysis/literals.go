package analysis

import (
	"strings"

	"github.com/dbls/dbls/drivers/schema"
)

// Completion inside a string literal: the labels of the enum a column
// compared with or assigned the string takes (col = '|, col IN ('a', '|,
// SET col = '|, the VALUES position of an enum column). Labels come from
// PostgreSQL enum types of the snapshot, MySQL enum(…)/set(…) column types,
// and CHECK (col IN ('a', 'b')) constraints (the SQLite way).

// enumLabels offers the labels for the string token str the cursor
// (offset) is in; the parser's cursor token stands where str was.
func (c *completer) enumLabels(ctx *cursorCtx, str Token, offset int) {
	p := c.p
	text := p.src
	if text[str.Start] == '$' {
		return // a dollar-quoted body
	}
	q := strings.IndexAny(text[str.Start:str.End], `'"`)
	if q < 0 {
		return
	}
	quote := text[str.Start+q]
	if quote == '"' && c.d != MySQL {
		return // a quoted identifier, not a string
	}
	open := str.Start + q + 1
	if offset < open {
		return
	}
	typed := text[open:offset]
	if strings.ContainsAny(typed, "\n") {
		return
	}
	end, closing := offset, string(quote)
	if !str.Unterminated && str.End-1 >= offset && !strings.Contains(text[offset:str.End-1], "\n") {
		end, closing = str.End-1, ""
	}
	r, col := c.literalColumn(ctx, str)
	if col == nil {
		return
	}
	for _, l := range c.ix.labelsOf(r, col) {
		if !hasPrefixFold(l, typed) {
			continue
		}
		before := len(c.buckets[rankScope])
		ins := strings.ReplaceAll(l, string(quote), string(quote)+string(quote))
		if c.d == MySQL {
			ins = strings.ReplaceAll(ins, `\`, `\\`)
		}
		c.add(rankScope, l, KindValue, col.Type, ins+closing)
		if len(c.buckets[rankScope]) > before {
			c.buckets[rankScope][before].Replace = &Range{Start: open, End: end}
		}
	}
}

// literalColumn finds the column whose value the string at the cursor
// token is: the left side of =, <>, != or IN ( … ), or the column of its
// position in a VALUES row.
func (c *completer) literalColumn(ctx *cursorCtx, str Token) (*relation, *schema.Column) {
	p := c.p
	k := p.cur - 1
	if k >= 0 && p.toks[k].Start == str.Start {
		k-- // an empty string being typed stays before the cursor token
	}
	switch {
	case p.punct(k, "=") || p.punct(k, "<>") || p.punct(k, "!="):
		return c.columnRefEndingAt(ctx, k-1)
	case p.punct(k, ",") || p.punct(k, "("):
		j := p.openBefore(k+1, 0)
		if j < 0 {
			return nil, nil
		}
		if p.word(j-1) == "IN" {
			n := j - 2
			if p.word(n) == "NOT" {
				n--
			}
			return c.columnRefEndingAt(ctx, n)
		}
		return c.valuesColumn(ctx, j)
	}
	return nil, nil
}

// columnRefEndingAt resolves the column reference (col, t.col, s.t.col)
// whose last token is k.
func (c *completer) columnRefEndingAt(ctx *cursorCtx, k int) (*relation, *schema.Column) {
	p := c.p
	if !p.isName(k) {
		return nil, nil
	}
	name, quoted := p.name(k)
	if p.punct(k-1, ".") && p.isName(k-2) {
		qn, qq := p.name(k - 2)
		var r *relation
		if ctx.b != nil {
			r = ctx.b.lookupQualifier(c.d, qn, qq, true)
		}
		if r == nil {
			return nil, nil
		}
		return r, findColumn(c.d, r.columns, name, quoted)
	}
	if t := ctx.target; t != nil && (ctx.clause == clSet || ctx.stmtKind == "UPDATE") {
		if col := findColumn(c.d, t.columns, name, quoted); col != nil {
			return t, col
		}
	}
	if ctx.b == nil {
		return nil, nil
	}
	for _, r := range ctx.b.inScope() {
		if col := findColumn(c.d, r.columns, name, quoted); col != nil {
			return r, col
		}
	}
	return nil, nil
}

// valuesColumn finds the column of the VALUES row opened at token open
// that the cursor stands in: by the column list before VALUES, or the
// table's order.
func (c *completer) valuesColumn(ctx *cursorCtx, open int) (*relation, *schema.Column) {
	p := c.p
	pos := 0
	for k := open + 1; k < p.cur; k++ {
		switch {
		case p.punct(k, "("):
			if m := p.match[k]; m > k && m < p.cur {
				k = m
			}
		case p.punct(k, ","):
			pos++
		}
	}
	// Back over earlier rows: VALUES (…), (…), (|
	j := open - 1
	for p.punct(j, ",") && p.punct(j-1, ")") {
		j = p.openOf(j - 1)
		if j < 0 {
			return nil, nil
		}
		j--
	}
	if p.word(j) != "VALUES" || ctx.target == nil {
		return nil, nil
	}
	t := ctx.target
	if p.punct(j-1, ")") {
		var names []int
		for k := p.openOf(j-1) + 1; k > 0 && k < j-1; k++ {
			if p.isName(k) {
				names = append(names, k)
			}
		}
		if pos >= len(names) {
			return nil, nil
		}
		n, q := p.name(names[pos])
		return t, findColumn(c.d, t.columns, n, q)
	}
	if pos >= len(t.columns) {
		return nil, nil
	}
	return t, &t.columns[pos]
}

// openOf is the index of the "(" that the ")" at k closes, or -1.
func (p *parser) openOf(k int) int {
	for i := k - 1; i >= 0; i-- {
		if p.match[i] == k {
			return i
		}
	}
	return -1
}

// labelsOf lists the values a column of relation r may take, when its type
// is an enum (or a CHECK constraint lists them).
func (ix *snapIndex) labelsOf(r *relation, col *schema.Column) []string {
	typ := strings.TrimSpace(col.Type)
	lower := strings.ToLower(typ)
	if strings.HasPrefix(lower, "enum(") || strings.HasPrefix(lower, "set(") {
		return literalsIn(ix.d, typ)
	}
	if e := ix.enumNamed(typ, r); e != nil {
		return e.Values
	}
	if r != nil && r.table != nil {
		return checkLabels(ix.d, r.table, col.Name)
	}
	return nil
}

// enumNamed finds the enum type a column type names (mood, s.mood,
// "Mood"), in its schema, else along the search path, else the column's
// table's schema.
func (ix *snapIndex) enumNamed(typ string, r *relation) *schema.Enum {
	if typ == "" || strings.HasSuffix(typ, "]") {
		return nil
	}
	toks := Lex(ix.d, typ)
	var parts []string
	var quoted []bool
	for i, t := range toks {
		switch {
		case i%2 == 0 && (t.Kind == Word || t.Kind == QuotedIdent):
			s := t.Text(typ)
			if t.Kind == QuotedIdent {
				parts, quoted = append(parts, unquoteIdent(s, t.Unterminated)), append(quoted, true)
			} else {
				parts, quoted = append(parts, s), append(quoted, false)
			}
		case i%2 == 1 && t.Kind == Punct && t.Text(typ) == ".":
		default:
			return nil
		}
	}
	if len(parts) == 0 || len(parts) > 2 || len(toks) != 2*len(parts)-1 {
		return nil
	}
	name, nq := parts[len(parts)-1], quoted[len(parts)-1]
	find := func(sc *schema.Schema) *schema.Enum {
		for i := range sc.Enums {
			if sameName(ix.d, sc.Enums[i].Name, name, nq) {
				return &sc.Enums[i]
			}
		}
		return nil
	}
	if len(parts) == 2 {
		if sc := ix.lookupSchema(parts[0], quoted[0]); sc != nil {
			return find(sc)
		}
		return nil
	}
	var home *schema.Schema
	for _, sc := range ix.schemaList {
		if r != nil && sc.Name == r.schema {
			home = sc
		}
		if ix.inPath[sc.Name] {
			if e := find(sc); e != nil {
				return e
			}
		}
	}
	if home != nil {
		return find(home)
	}
	return nil
}

// literalsIn lists the string literals of s, unquoted.
func literalsIn(d Dialect, s string) []string {
	var out []string
	for _, t := range Lex(d, s) {
		if t.Kind != String || t.Unterminated {
			continue
		}
		lit := t.Text(s)
		i := strings.IndexAny(lit, `'"`)
		if i < 0 || len(lit) < i+2 {
			continue
		}
		q := lit[i : i+1]
		v := strings.ReplaceAll(lit[i+1:len(lit)-1], q+q, q)
		if d == MySQL {
			v = strings.ReplaceAll(v, `\\`, `\`)
		}
		out = append(out, v)
	}
	return out
}

// checkLabels lists the strings of a CHECK constraint of t that limits
// column col to a list: col IN ('a', 'b'), or PostgreSQL's rendering of
// it, col = ANY (ARRAY['a'::text, 'b'::text]).
func checkLabels(d Dialect, t *schema.Table, col string) []string {
	for _, ck := range t.Checks {
		if ck.Column != "" && ck.Column != col {
			continue
		}
		toks := Lex(d, ck.Expr)
		names, list := 0, false
		for _, tk := range toks {
			switch tk.Kind {
			case Word, QuotedIdent:
				w := strings.ToUpper(tk.Text(ck.Expr))
				switch {
				case w == "IN" || w == "ANY" || w == "ARRAY":
					list = true
				case tk.Kind == QuotedIdent && unquoteIdent(tk.Text(ck.Expr), false) == col || strings.EqualFold(tk.Text(ck.Expr), col):
					names++
				case w == "TEXT" || w == "VARCHAR" || w == "CHARACTER" || w == "VARYING" || w == "BPCHAR":
				default:
					names += 100 // another column or function: not a plain list
				}
			}
		}
		if names == 1 && list {
			return literalsIn(d, ck.Expr)
		}
	}
	return nil
}

// enumValues offers, where a value of an enum column goes but no quote is
// typed yet (status = |, IN (|, SET status = |, a VALUES position), its
// labels as string literals, first.
func (c *completer) enumValues(ctx *cursorCtx) {
	if c.quoted {
		return
	}
	r, col := c.literalColumn(ctx, Token{Start: -1})
	if col == nil {
		return
	}
	for _, l := range c.ix.labelsOf(r, col) {
		lit := "'" + strings.ReplaceAll(l, "'", "''") + "'"
		c.add(rankJoin, lit, KindValue, col.Type, lit)
	}
}
