package analysis

import (
	"slices"
	"strings"

	"github.com/dbls/dbls/drivers/schema"
)

// Completion in the column lists of DDL on existing tables, and of the
// select list's aliases where a query may use them.

// ddlColumns completes the columns of the table a DDL statement names
// where a column of it goes: ALTER TABLE t DROP|ALTER|RENAME|MODIFY|CHANGE
// [COLUMN] [IF EXISTS] |, and CREATE [UNIQUE] INDEX … ON t [USING m] ( | ).
// It reports whether the cursor was in such a place.
func (c *completer) ddlColumns(ctx *cursorCtx) bool {
	p := c.p
	cur := p.cur
	if cur < 0 {
		return false
	}
	var name []int
	switch {
	case p.word(0) == "ALTER" && p.word(1) == "TABLE":
		i := 2
		if p.word(i) == "IF" && p.word(i+1) == "EXISTS" {
			i += 2
		}
		if p.word(i) == "ONLY" {
			i++
		}
		name = p.nameParts(i)
		if name == nil || !alterColumnAt(p, cur) {
			return false
		}
	case p.word(0) == "CREATE":
		on := -1
		for i := 1; i < cur && i < 6; i++ {
			if p.word(i) == "INDEX" {
				on = i
				break
			}
		}
		if on < 0 {
			return false
		}
		for on < cur && p.word(on) != "ON" {
			on++
		}
		i := on + 1
		if p.word(i) == "ONLY" {
			i++
		}
		name = p.nameParts(i)
		if name == nil {
			return false
		}
		open := name[len(name)-1] + 1
		if p.word(open) == "USING" {
			open += 2
		}
		if !p.punct(open, "(") || cur <= open || (p.match[open] >= 0 && p.match[open] < cur) {
			return false
		}
	default:
		return false
	}
	b := ctx.b
	if b == nil {
		b = &block{}
	}
	r := p.resolveRef(name, b)
	if r.kind == relUnknown {
		return false
	}
	c.columnsOf(r, rankScope)
	return true
}

// alterColumnAt reports whether token cur of an ALTER TABLE stands where
// a column of the table goes: after DROP, ALTER or RENAME COLUMN [IF
// EXISTS], and in MySQL also after DROP, ALTER, MODIFY or CHANGE alone.
func alterColumnAt(p *parser, cur int) bool {
	k := cur - 1
	if p.word(k) == "EXISTS" && p.word(k-1) == "IF" {
		k -= 2
	}
	if p.word(k) == "COLUMN" {
		switch p.word(k - 1) {
		case "DROP", "ALTER", "RENAME", "MODIFY", "CHANGE":
			return true
		}
		return false
	}
	switch p.word(k) {
	case "DROP", "ALTER", "MODIFY", "CHANGE":
		return p.d == MySQL && k == cur-1
	}
	return false
}

// nameParts are the token indices of a possibly qualified name starting
// at i (a, a.b, a.b.c), or nil.
func (p *parser) nameParts(i int) []int {
	if !p.isName(i) {
		return nil
	}
	parts := []int{i}
	for p.punct(i+1, ".") && p.isName(i+2) {
		i += 2
		parts = append(parts, i)
	}
	return parts
}

// selectAliases offers, in ORDER BY, GROUP BY and HAVING, the names the
// select list gives its columns (SELECT count(*) AS n … ORDER BY n).
func (c *completer) selectAliases(ctx *cursorCtx) {
	if ctx.b == nil || c.quoted {
		return
	}
	switch ctx.clause {
	case clOrder, clGroup, clHaving:
	default:
		return
	}
	for _, col := range ctx.b.out {
		if col.Name != "" && c.match(col.Name) {
			c.add(rankScope, col.Name, KindColumn, "select-list column", c.ident(col.Name))
		}
	}
}

// joinTables offers first, after JOIN, the tables related by a foreign
// key to the FROM items before it, each with its join condition:
// JOIN | → "orders ON orders.customer_id = c.id".
func (c *completer) joinTables(ctx *cursorCtx) {
	if c.p.word(ctx.prev) != "JOIN" || ctx.b == nil || c.ix == nil || c.quoted {
		return
	}
	type related struct {
		e    relEntry
		cond string
	}
	var out []related
	for _, r := range ctx.b.refs {
		if r.table == nil {
			continue
		}
		q := identFor(c.d, r.qualifier(), false)
		for _, fk := range r.table.ForeignKeys {
			var sc *schema.Schema
			if fk.RefSchema != "" {
				if sc = c.ix.lookupSchema(fk.RefSchema, true); sc == nil {
					continue
				}
			}
			if e, ok := c.ix.lookupRel(sc, fk.RefTable, true); ok && e.t != nil {
				out = append(out, related{e, c.joinCond(q, fk.Columns, c.ident(e.t.Name), fk.RefColumns)})
			}
		}
		for _, es := range c.ix.rels {
			for _, e := range es {
				if e.t == nil {
					continue
				}
				for _, fk := range e.t.ForeignKeys {
					if fk.RefTable == r.table.Name && (fk.RefSchema == "" || fk.RefSchema == r.schema) {
						out = append(out, related{e, c.joinCond(c.ident(e.t.Name), fk.Columns, q, fk.RefColumns)})
					}
				}
			}
		}
	}
	slices.SortStableFunc(out, func(a, b related) int { return strings.Compare(a.cond, b.cond) })
	for _, x := range out {
		if x.cond == "" || !c.match(x.e.t.Name) {
			continue
		}
		name := c.ident(x.e.t.Name)
		label := name + " ON " + x.cond
		c.add(rankJoin, label, KindTable, "join on foreign key", label)
	}
}

// joinCond renders a.cols = b.refs, or "" when the key is malformed.
func (c *completer) joinCond(a string, cols []string, b string, refs []string) string {
	if len(cols) == 0 || len(cols) != len(refs) {
		return ""
	}
	parts := make([]string, len(cols))
	for i := range cols {
		parts[i] = a + "." + identFor(c.d, cols[i], false) + " = " + b + "." + identFor(c.d, refs[i], false)
	}
	return strings.Join(parts, " AND ")
}
