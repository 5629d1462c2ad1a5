package runner

import (
	"strings"

	"github.com/dbls/dbls/analysis"
)

// Class is what running a piece of SQL would do, as far as its words tell.
type Class struct {
	// Verb is the leading keyword of the first statement that is not
	// read-only (or of the first statement when all are), upper-cased.
	Verb string
	// Write is set when some statement may change data or structure.
	Write bool
	// DDL is set when some statement changes structure (CREATE, ALTER,
	// DROP, TRUNCATE, RENAME, COMMENT): the snapshot is stale afterwards.
	DDL bool
	// Unbounded is set when an UPDATE or DELETE has no WHERE clause: it
	// changes every row of its table.
	Unbounded bool
	// Statements is the number of statements.
	Statements int
}

// readVerbs start statements that read and change nothing, and whose
// words are scanned for a write hidden inside (see writeWords). EXPLAIN is
// read-only unless it runs its statement (ANALYZE).
var readVerbs = map[string]bool{
	"SELECT": true, "WITH": true, "VALUES": true, "TABLE": true, "EXPLAIN": true,
}

// quietVerbs read the catalog or control the session or transaction: they
// change no stored data, so a read-only connection allows them (and the
// engine still refuses a write).
var quietVerbs = map[string]bool{
	"SHOW": true, "DESCRIBE": true, "DESC": true, "FETCH": true, "SET": true, "RESET": true,
	"USE": true, "BEGIN": true, "START": true, "COMMIT": true, "ROLLBACK": true,
	"SAVEPOINT": true, "RELEASE": true, "END": true,
}

var ddlVerbs = map[string]bool{
	"CREATE": true, "ALTER": true, "DROP": true, "TRUNCATE": true, "RENAME": true, "COMMENT": true,
}

// writeWords inside a statement that otherwise reads make it a write: a
// data-modifying CTE (WITH d AS (DELETE …)), SELECT … INTO a new table or
// a file, EXPLAIN ANALYZE of a write, SELECT … FOR UPDATE (a lock, which a
// read-only transaction refuses too).
var writeWords = map[string]bool{
	"INSERT": true, "UPDATE": true, "DELETE": true, "MERGE": true, "INTO": true,
	"CREATE": true, "DROP": true, "ALTER": true, "TRUNCATE": true,
}

// Classify tells what sql would do, statement by statement, from the words
// the dialect's lexer sees: comments, strings and quoted identifiers never
// count. It errs towards "write": an unknown verb is a write.
func Classify(d analysis.Dialect, sql string) Class {
	var c Class
	toks := analysis.Lex(d, sql)
	for _, st := range analysis.SplitTokens(d, sql, toks) {
		if st.Command {
			// A client command (psql \…) is not SQL the server would accept.
			c.Statements++
			c.note(&Class{Verb: "\\", Write: true})
			continue
		}
		words := statementWords(sql, toks, st.Range)
		if len(words) == 0 {
			continue
		}
		c.Statements++
		one := classifyWords(words)
		c.note(&one)
	}
	return c
}

func (c *Class) note(one *Class) {
	if c.Verb == "" || (one.Write && !c.Write) {
		c.Verb = one.Verb
	}
	c.Write = c.Write || one.Write
	c.DDL = c.DDL || one.DDL
	c.Unbounded = c.Unbounded || one.Unbounded
}

// word is a bare word of a statement with its parenthesis depth.
type word struct {
	text  string
	depth int
}

func statementWords(src string, toks []analysis.Token, r analysis.Range) []word {
	var out []word
	depth := 0
	for _, t := range toks {
		if t.Start < r.Start || t.End > r.End {
			continue
		}
		switch t.Kind {
		case analysis.Word:
			out = append(out, word{strings.ToUpper(t.Text(src)), depth})
		case analysis.Punct:
			switch t.Text(src) {
			case "(":
				depth++
			case ")":
				depth = max(depth-1, 0)
			}
		case analysis.Operator:
			if t.Text(src) == "=" {
				out = append(out, word{"=", depth})
			}
		}
	}
	return out
}

func classifyWords(words []word) Class {
	verb := words[0].text
	c := Class{Verb: verb}
	switch {
	case quietVerbs[verb]:
	case ddlVerbs[verb]:
		c.Write, c.DDL = true, true
	case verb == "PRAGMA":
		// PRAGMA name = value changes a setting; PRAGMA table_info(t) reads.
		c.Write = hasWord(words, "=")
	case readVerbs[verb]:
		if verb == "EXPLAIN" && !hasWord(words, "ANALYZE") && !hasWord(words, "ANALYSE") {
			break // a plan only: the statement does not run
		}
		for i, w := range words[1:] {
			if !writeWords[w.text] {
				continue
			}
			c.Write, c.Verb, c.DDL = true, w.text, ddlVerbs[w.text]
			if w.text == "UPDATE" && words[i].text == "FOR" {
				c.Verb = "FOR UPDATE" // a row lock, not an UPDATE
				break
			}
			if w.text == "UPDATE" || w.text == "DELETE" {
				c.Unbounded = !hasWordAfter(words[i+1:], "WHERE")
			}
			break
		}
	default:
		c.Write = true
		if verb == "UPDATE" || verb == "DELETE" {
			c.Unbounded = !hasWordAfter(words, "WHERE")
		}
	}
	return c
}

// hasWord reports whether w occurs anywhere in the statement.
func hasWord(words []word, w string) bool {
	for _, x := range words {
		if x.text == w {
			return true
		}
	}
	return false
}

// hasWordAfter reports whether want follows words[0] (the verb) at the
// verb's own depth: the WHERE of the UPDATE itself, not of a subquery in
// it, and not past the parenthesis that closes a CTE holding it.
func hasWordAfter(words []word, want string) bool {
	verb := words[0]
	for _, y := range words[1:] {
		if y.depth < verb.depth {
			return false
		}
		if y.depth == verb.depth && y.text == want {
			return true
		}
	}
	return false
}
