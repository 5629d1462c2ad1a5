package analysis

import "strings"

// runOnStarts are the words that, at the start of a line, begin a new
// statement inside one that runs on (runOn).
var runOnStarts = []string{"SELECT", "INSERT", "DELETE"}

// runOnLeads are the statements a runOnStarts word cannot continue at
// their top level, but after a set operator.
var runOnLeads = []string{"SELECT", "UPDATE", "DELETE"}

// setOperators may come before a SELECT of the same statement.
var setOperators = []string{"UNION", "INTERSECT", "EXCEPT", "ALL", "DISTINCT"}

// oneOf reports whether word is one of the keywords, in any case, without
// allocating (this runs on every completion request).
func oneOf(word string, keywords []string) bool {
	for _, k := range keywords {
		if strings.EqualFold(word, k) {
			return true
		}
	}
	return false
}

// runOn narrows the statement r around offset for completion, hover and
// definition when it runs on into the next one. A scratch file often has
// one statement per line and no semicolons: the client would send them as
// one, and the server refuse it, but the user writes them apart, and the
// tables of the one above are not in scope in the one below. Within a
// statement led by SELECT, UPDATE or DELETE, a line that starts with
// SELECT, INSERT or DELETE at the top level, not after a set operator,
// starts a new statement.
func runOn(text string, all []Token, r Range, offset int) Range {
	depth, lead, prev := 0, "", ""
	for i := firstTokenAt(all, r.Start); i < len(all) && all[i].Start < r.End; i++ {
		t := all[i]
		switch {
		case t.Kind == Comment || t.Kind == Delimiter || t.Kind == Command:
			continue
		case t.Kind == Punct && t.Text(text) == "(":
			depth++
		case t.Kind == Punct && t.Text(text) == ")":
			depth = max(depth-1, 0)
		}
		w := ""
		if t.Kind == Word {
			w = t.Text(text)
		}
		if lead == "" {
			lead = w
		} else if depth == 0 && oneOf(lead, runOnLeads) && oneOf(w, runOnStarts) && !oneOf(prev, setOperators) && startsLine(text, t.Start) {
			if offset < t.Start {
				return Range{Start: r.Start, End: t.Start}
			}
			r.Start, lead = t.Start, w
		}
		prev = w
	}
	return r
}

// startsLine reports whether only blanks come before pos on its line.
func startsLine(text string, pos int) bool {
	return strings.TrimSpace(text[strings.LastIndexByte(text[:pos], '\n')+1:pos]) == ""
}
