package analysis

// Structural syntax checks for the dialects without a real parser here
// (MySQL/MariaDB, SQLite): what is wrong in every SQL dialect whatever the
// grammar — an unterminated string, quoted identifier or comment,
// unbalanced parentheses, a statement that ends where it cannot (after a
// comma, an operator, or FROM, WHERE, AND, OR, JOIN, SELECT). Each check
// reads the tokens of the dialect's own lexer, so that nothing inside a
// string, a comment or a BEGIN … END body is miscounted, and prefers
// silence where a dialect could accept the text.

import (
	"fmt"
	"strings"
)

// unterminatedWhat names what an unterminated token is.
var unterminatedWhat = map[TokenKind]string{
	String:      "string literal",
	QuotedIdent: "quoted identifier",
	Comment:     "comment",
}

// unterminated reports the tokens of all whose closing quote or comment
// end is missing, on their first line.
func (dg *diagnoser) unterminated(all []Token) {
	for _, t := range all {
		what, ok := unterminatedWhat[t.Kind]
		if !ok || !t.Unterminated {
			continue
		}
		end := t.End
		for i := t.Start; i < t.End; i++ {
			if dg.text[i] == '\n' || dg.text[i] == '\r' {
				end = i
				break
			}
		}
		dg.add(Range{Start: t.Start, End: end}, SeverityError, CodeSyntax, fmt.Sprintf("syntax error: unterminated %s", what))
	}
}

// danglingWords cannot end a statement in any dialect: each needs
// something after it, and none can stand unquoted as a name.
var danglingWords = makeSet(`FROM WHERE AND OR JOIN SELECT`)

// danglingOps are operators that need a right operand. "*" is not one
// (SELECT *), nor "-" of a negative number's sign, which ends nothing.
var danglingOps = makeSet(`= < > <= >= <> != + / || ,`)

// structure checks one statement's parentheses and end; it reports
// whether it found a problem (other checks of the statement are skipped,
// as for a PostgreSQL syntax error).
func (dg *diagnoser) structure(toks []Token) bool {
	var open []Token
	for _, t := range toks {
		if t.Kind == String || t.Kind == QuotedIdent {
			if t.Unterminated {
				return true // reported by unterminated
			}
			continue
		}
		if t.Kind != Punct {
			continue
		}
		switch dg.text[t.Start:t.End] {
		case "(":
			open = append(open, t)
		case ")":
			if len(open) == 0 {
				dg.add(Range{Start: t.Start, End: t.End}, SeverityError, CodeSyntax, "syntax error: unmatched )")
				return true
			}
			open = open[:len(open)-1]
		}
	}
	if len(open) > 0 {
		t := open[len(open)-1]
		dg.add(Range{Start: t.Start, End: t.End}, SeverityError, CodeSyntax, "syntax error: ( is never closed")
		return true
	}
	last := toks[len(toks)-1]
	text := last.Text(dg.text)
	if last.Kind == Word && danglingWords[strings.ToUpper(text)] || (last.Kind == Operator || last.Kind == Punct) && danglingOps[text] {
		dg.add(Range{Start: last.Start, End: last.End}, SeverityError, CodeSyntax, fmt.Sprintf("syntax error: unexpected end of statement after %s", text))
		return true
	}
	return false
}
