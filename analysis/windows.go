package analysis

// Completion in window clauses: OVER | (the windows the query names),
// OVER ( | ) and WINDOW w AS ( | ) (a base window, the columns of the
// FROM items, the keywords of a window specification).

var windowSpecKeywords = []string{"PARTITION BY", "ORDER BY", "ROWS BETWEEN", "RANGE BETWEEN", "GROUPS BETWEEN",
	"UNBOUNDED PRECEDING", "CURRENT ROW", "UNBOUNDED FOLLOWING", "PRECEDING", "FOLLOWING", "AND", "ASC", "DESC"}

// windowClause completes the window positions; it reports whether the
// cursor was in one.
func (c *completer) windowClause(ctx *cursorCtx) bool {
	p := c.p
	b := ctx.b
	if b == nil || p.cur < 0 {
		return false
	}
	if p.word(ctx.prev) == "OVER" {
		c.windowNames(b)
		return true
	}
	if open := p.openBefore(p.cur, b.lo); open >= 0 && p.windowParen(open) {
		if open == p.cur-1 {
			c.windowNames(b) // OVER (w ORDER BY …): a base window first
		}
		c.scopeColumns(b)
		c.keywords(windowSpecKeywords)
		return true
	}
	if ctx.clause != clWindow || ctx.depth != 0 {
		return false
	}
	switch {
	case p.punct(ctx.prev, ")"):
		c.keywords([]string{"ORDER BY", "LIMIT", "OFFSET", "UNION", "UNION ALL"})
	case p.isName(ctx.prev) && p.word(ctx.prev) != "WINDOW":
		c.keywords([]string{"AS"})
	}
	return true // WINDOW | names a new window: nothing to offer
}

// openBefore is the innermost parenthesis open at token cur, searching
// back to lo, or -1.
func (p *parser) openBefore(cur, lo int) int {
	depth := 0
	for k := cur - 1; k >= lo; k-- {
		switch {
		case p.punct(k, ")"):
			depth++
		case p.punct(k, "("):
			if depth == 0 {
				return k
			}
			depth--
		}
	}
	return -1
}

// windowParen reports whether the parenthesis at open holds a window
// specification: OVER ( or name AS ( in a WINDOW clause.
func (p *parser) windowParen(open int) bool {
	if p.word(open-1) == "OVER" {
		return true
	}
	if p.word(open-1) != "AS" || !p.isName(open-2) {
		return false
	}
	// WINDOW a AS (…), b AS (|: back over the earlier definitions.
	k := open - 3
	for p.punct(k, ",") && p.punct(k-1, ")") {
		o := p.openOf(k - 1)
		if o < 3 || p.word(o-1) != "AS" || !p.isName(o-2) {
			return false
		}
		k = o - 3
	}
	return p.word(k) == "WINDOW"
}

// windowNames offers the windows the query's WINDOW clause defines.
func (c *completer) windowNames(b *block) {
	p := c.p
	for k := b.lo; k < b.hi; k++ {
		if p.word(k) != "WINDOW" || p.blockAt(k) != b {
			continue
		}
		for j := k + 1; j+2 < b.hi && p.isName(j) && p.word(j+1) == "AS" && p.punct(j+2, "("); {
			name := p.canon(j)
			m := p.match[j+2]
			defining := j+2 < p.cur && (m < 0 || p.cur < m) // WINDOW w AS (|: not itself
			if c.match(name) && !defining {
				c.add(rankScope, name, KindWindow, "window", c.ident(name))
			}
			if m < 0 || !p.punct(m+1, ",") {
				break
			}
			j = m + 2
		}
	}
}

// usingColumns offers, in JOIN x USING ( | ), the columns x has in common
// with a FROM item before it, less those listed; it reports whether the
// cursor was there.
func (c *completer) usingColumns(ctx *cursorCtx) bool {
	p := c.p
	if ctx.clause != clUsing || ctx.b == nil || ctx.lastRef == nil {
		return false
	}
	open := p.openBefore(p.cur, ctx.b.lo)
	if open < 0 || p.word(open-1) != "USING" {
		return false
	}
	var listed []string
	for k := open + 1; k < p.cur; k++ {
		if p.isName(k) {
			listed = append(listed, p.canon(k))
		}
	}
	x := ctx.lastRef
	for _, col := range x.columns {
		if containsName(listed, col.Name) || !c.match(col.Name) {
			continue
		}
		for _, r := range ctx.b.refs {
			if r == x {
				break
			}
			if findColumn(c.d, r.columns, col.Name, true) != nil {
				c.add(rankScope, col.Name, KindColumn, colDetail(x, col)+" = "+r.display(), c.ident(col.Name))
				break
			}
		}
	}
	return true
}
