package analysis

// Placing what the MySQL resolver found on the statement's tokens: vitess's
// tree has no positions, so each name goes on the token sequence that
// spells it, the n-th reference to a name on its n-th spelling where a
// reference of its kind can stand.

import (
	"fmt"
	"strings"
)

// tableIntro are the words after which a name is a table (with ',' and
// '(' of a FROM list); a column never follows them.
var tableIntro = makeSet(`FROM JOIN INTO UPDATE TABLE STRAIGHT_JOIN INSERT REPLACE IGNORE
	LOW_PRIORITY HIGH_PRIORITY DELAYED QUICK USING`)

func (r *myResolver) place(toks []Token) {
	text := r.dg.text
	next := map[string]int{}
	for _, ref := range r.refs {
		key := fmt.Sprint(ref.table, strings.ToLower(strings.Join(ref.parts, ".")))
		lo, hi := findRef(text, toks, ref, next[key])
		if lo < 0 {
			if ref.code != "" {
				r.dg.add(Range{Start: toks[0].Start, End: toks[0].End}, SeverityWarning, ref.code, ref.msg)
			}
			continue
		}
		next[key] = hi + 1
		if ref.code != "" {
			if !ref.table {
				lo = hi // a column on its own name, as diagnose.go places it
			}
			r.dg.add(Range{Start: toks[lo].Start, End: toks[hi].End}, SeverityWarning, ref.code, ref.msg)
		}
	}
	for _, a := range r.arity {
		rng := arityRange(text, toks, a.row)
		msg := fmt.Sprintf("INSERT has %d values for %d columns", a.have, a.want)
		if a.row < 0 {
			msg = fmt.Sprintf("INSERT has %d columns from its SELECT for %d columns", a.have, a.want)
		}
		r.dg.add(rng, SeverityError, CodeInsertArity, msg)
	}
}

// findRef finds, from token from on, the tokens [lo, hi] that spell ref's
// parts (dot-separated) where a reference of its kind can stand; -1, -1
// when none does.
func findRef(text string, toks []Token, ref myRef, from int) (int, int) {
	n := len(ref.parts)
	if n == 0 {
		return -1, -1
	}
	isName := func(i int, want string) bool {
		t := toks[i]
		return (t.Kind == Word || t.Kind == QuotedIdent) && strings.EqualFold(identText(text, t), want)
	}
	punct := func(i int, p string) bool { return i >= 0 && i < len(toks) && toks[i].Text(text) == p }
	for lo := from; lo+2*(n-1) < len(toks); lo++ {
		ok := true
		for k, p := range ref.parts {
			i := lo + 2*k
			if !isName(i, p) || k > 0 && !punct(i-1, ".") {
				ok = false
				break
			}
		}
		hi := lo + 2*(n-1)
		if !ok || punct(lo-1, ".") || punct(hi+1, ".") || !ref.table && punct(hi+1, "(") {
			continue
		}
		prev := ""
		if lo > 0 {
			prev = strings.ToUpper(toks[lo-1].Text(text))
		}
		if prev == "UPDATE" && lo > 1 && strings.EqualFold(toks[lo-2].Text(text), "KEY") {
			prev = "" // ON DUPLICATE KEY UPDATE col = …
		}
		if ref.table != (tableIntro[prev] || ref.table && (prev == "," || prev == "(")) {
			continue
		}
		if !ref.table && prev == "AS" {
			continue
		}
		return lo, hi
	}
	return -1, -1
}

// arityRange is the range of the row-th row of VALUES (the parenthesised
// list), or for row -1 from the SELECT to the end.
func arityRange(text string, toks []Token, row int) Range {
	whole := Range{Start: toks[0].Start, End: toks[len(toks)-1].End}
	depth := 0
	for i, t := range toks {
		s := t.Text(text)
		switch {
		case s == "(":
			depth++
		case s == ")":
			depth--
		case row < 0 && t.Kind == Word && strings.EqualFold(s, "SELECT"):
			return Range{Start: t.Start, End: whole.End}
		case row >= 0 && depth == 0 && t.Kind == Word && (strings.EqualFold(s, "VALUES") || strings.EqualFold(s, "VALUE")):
			return rowRange(text, toks[i+1:], row, whole)
		}
	}
	return whole
}

// rowRange finds the row-th parenthesised group of toks at depth 0.
func rowRange(text string, toks []Token, row int, whole Range) Range {
	depth, n, start := 0, 0, -1
	for _, t := range toks {
		switch t.Text(text) {
		case "(":
			if depth == 0 {
				start = t.Start
			}
			depth++
		case ")":
			depth--
			if depth == 0 {
				if n == row {
					return Range{Start: start, End: t.End}
				}
				n++
			}
		}
	}
	return whole
}
