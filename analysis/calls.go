package analysis

import "github.com/dbls/dbls/drivers/schema"

// Completion in CALL: the procedures after CALL, and in PostgreSQL their
// parameters as named arguments (name => …) inside the parentheses.

// callPosition completes CALL |; inside CALL p( | ) it adds the named
// arguments and reports false, so that the expressions an argument takes
// follow them.
func (c *completer) callPosition(ctx *cursorCtx) bool {
	p := c.p
	if p.word(0) != "CALL" || p.cur < 1 {
		return false
	}
	if p.cur == 1 {
		c.procedures()
		return true
	}
	open := p.openBefore(p.cur, 0)
	if open < 2 || c.d != Postgres || c.quoted || !(p.punct(p.cur-1, "(") || p.punct(p.cur-1, ",")) {
		return false
	}
	parts := p.nameParts(1)
	if len(parts) == 0 || parts[len(parts)-1] != open-1 {
		return false
	}
	name, quoted := p.name(open - 1)
	qual, qq := "", false
	if len(parts) == 2 {
		qual, qq = p.name(parts[0])
	}
	// The arguments before the cursor: named ones, and how many are
	// positional (they take the first parameters).
	used := map[string]bool{}
	positional := 0
	argStart := open + 1
	for k := open + 1; k < p.cur; k++ {
		switch {
		case p.punct(k, "("):
			if m := p.match[k]; m > k && m < p.cur {
				k = m
			}
		case p.punct(k, ","):
			if p.isName(argStart) && p.punct(argStart+1, "=>") {
				used[p.canon(argStart)] = true
			} else {
				positional++
			}
			argStart = k + 1
		}
	}
	for _, rr := range c.ix.routineRefs {
		if !sameName(c.d, rr.r.Name, name, quoted) || qual != "" && !sameName(c.d, rr.sc.Name, qual, qq) {
			continue
		}
		for i, prm := range rr.r.Params {
			if i < positional || prm.Name == "" || prm.Mode == "out" || used[prm.Name] || !c.match(prm.Name) {
				continue
			}
			c.add(rankJoin, prm.Name+" =>", KindParameter, prm.Type, identFor(c.d, prm.Name, false)+" => ")
		}
	}
	return false
}

// procedures offers the snapshot's procedures (qualified outside the
// search path), each inserting its name and "(".
func (c *completer) procedures() {
	if c.quoted {
		return
	}
	for _, rr := range c.ix.routineRefs {
		if rr.r.Kind != schema.RoutineProcedure {
			continue
		}
		c.routineItem(rr, rankScope)
	}
}
