package sqltext

import "strings"

// Class is what running a piece of SQL would do, as far as its words tell.
type Class struct {
	// Verb is the leading keyword of the first statement that is not
	// read-only (or of the first statement when all are), upper-cased.
	Verb string
	// Rows is set when the first statement returns a result set (the one
	// a driver reads first): it starts with a verb that does (SELECT,
	// WITH, VALUES, SHOW, PRAGMA, CALL, …) or has a RETURNING clause. A
	// wrong guess is harmless either way (a statement read for rows that
	// has none gives an empty result; one executed without reading loses
	// its rows), so it leans to "rows".
	Rows bool
	// Write is set when some statement may change data or structure.
	Write bool
	// DDL is set when some statement changes structure (CREATE, ALTER,
	// DROP, TRUNCATE, RENAME, COMMENT): the snapshot is stale afterwards.
	DDL bool
	// Unbounded is set when an UPDATE or DELETE has no WHERE clause: it
	// changes every row of its table.
	Unbounded bool
	// Session is set when some statement may leave state on its session
	// (SET, USE, LOCK, a transaction, a temporary table, a prepared
	// statement): a pool must not hand that session to the next caller.
	Session bool
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

// lockFunctions take locks that a read-only transaction does not refuse
// and, for session locks, that outlive it: a statement that calls one is
// a write for a read-only connection, as SELECT … FOR UPDATE is.
var lockFunctions = map[string]bool{
	"GET_LOCK": true, "PG_ADVISORY_LOCK": true, "PG_ADVISORY_LOCK_SHARED": true,
	"PG_TRY_ADVISORY_LOCK": true, "PG_TRY_ADVISORY_LOCK_SHARED": true,
	"PG_ADVISORY_XACT_LOCK": true, "PG_ADVISORY_XACT_LOCK_SHARED": true,
	"PG_TRY_ADVISORY_XACT_LOCK": true, "PG_TRY_ADVISORY_XACT_LOCK_SHARED": true,
}

// rowVerbs start statements that produce a result set.
var rowVerbs = map[string]bool{
	"SELECT": true, "WITH": true, "VALUES": true, "TABLE": true, "SHOW": true,
	"DESCRIBE": true, "DESC": true, "EXPLAIN": true, "PRAGMA": true, "CALL": true,
	"EXECUTE": true, "FETCH": true, "HANDLER": true, "CHECK": true,
	"CHECKSUM": true, "OPTIMIZE": true, "REPAIR": true,
}

// sessionWords anywhere in a statement may leave state on its session.
var sessionWords = map[string]bool{
	"USE": true, "LOCK": true, "BEGIN": true, "START": true, "TEMPORARY": true,
	"PREPARE": true, "XA": true, "SAVEPOINT": true, "AUTOCOMMIT": true,
}

// Classify tells what sql would do, statement by statement, from the words
// the dialect's lexer sees: comments, strings and quoted identifiers never
// count, except MySQL's executable comments (/*! … */), which the server
// runs. It errs towards "write": an unknown verb is a write.
func Classify(d Dialect, sql string) Class {
	var c Class
	toks := Lex(d, sql)
	for _, st := range SplitTokens(d, sql, toks) {
		if st.Command {
			// A client command (psql \…) is not SQL the server would accept.
			c.Statements++
			c.note(&Class{Verb: "\\", Write: true})
			continue
		}
		words := statementWords(d, sql, toks, st.Range, 0, nil)
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
	if c.Statements == 1 {
		c.Rows = one.Rows
	}
	c.Write = c.Write || one.Write
	c.DDL = c.DDL || one.DDL
	c.Unbounded = c.Unbounded || one.Unbounded
	c.Session = c.Session || one.Session
}

// word is a bare word of a statement with its parenthesis depth.
type word struct {
	text  string
	depth int
}

// statementWords appends to out the words of the tokens of src within r,
// upper-cased, and '=' (which tells PRAGMA x = v from PRAGMA x(t)); depth
// is the parenthesis depth the tokens start at.
func statementWords(d Dialect, src string, toks []Token, r Range, depth int, out []word) []word {
	for _, t := range toks {
		if t.Start < r.Start || t.End > r.End {
			continue
		}
		switch t.Kind {
		case Word:
			out = append(out, word{strings.ToUpper(t.Text(src)), depth})
		case Punct:
			switch t.Text(src) {
			case "(":
				depth++
			case ")":
				depth = max(depth-1, 0)
			}
		case Operator:
			if t.Text(src) == "=" {
				out = append(out, word{"=", depth})
			}
		case Comment:
			if inner, ok := executableBody(d, t.Text(src)); ok {
				out = statementWords(d, inner, Lex(d, inner), Range{0, len(inner)}, depth, out)
			}
		}
	}
	return out
}

// executableBody returns the SQL inside a MySQL executable comment,
// /*!NNNNN … */ or MariaDB's /*M!NNNNNN … */, without its version.
func executableBody(d Dialect, comment string) (string, bool) {
	if d != MySQL {
		return "", false
	}
	var body string
	switch {
	case strings.HasPrefix(comment, "/*!"):
		body = comment[3:]
	case strings.HasPrefix(comment, "/*M!"):
		body = comment[4:]
	default:
		return "", false
	}
	body = strings.TrimSuffix(body, "*/")
	return strings.TrimLeft(body, "0123456789"), true
}

func classifyWords(words []word) Class {
	verb := words[0].text
	c := Class{Verb: verb, Rows: rowVerbs[verb] || hasWord(words, "RETURNING")}
	c.Session = verb == "SET" || hasWordIn(words, sessionWords)
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
		if !c.Write {
			c.Write, c.Verb = lockingRead(words, c.Verb)
		}
	default:
		c.Write = true
		if verb == "UPDATE" || verb == "DELETE" {
			c.Unbounded = !hasWordAfter(words, "WHERE")
		}
	}
	return c
}

// lockingRead reports whether a reading statement takes locks a read-only
// transaction allows: SELECT … FOR SHARE / FOR KEY SHARE, MySQL's LOCK IN
// SHARE MODE, or a lock function (GET_LOCK, pg_advisory_lock …). The verb
// names the lock.
func lockingRead(words []word, verb string) (bool, string) {
	for i := 1; i < len(words); i++ {
		w, prev := words[i].text, words[i-1].text
		switch {
		case lockFunctions[w]:
			return true, w
		case w == "SHARE" && prev == "FOR":
			return true, "FOR SHARE"
		case w == "SHARE" && prev == "KEY" && i > 1 && words[i-2].text == "FOR":
			return true, "FOR KEY SHARE"
		case w == "SHARE" && prev == "IN" && i > 1 && words[i-2].text == "LOCK":
			return true, "LOCK IN SHARE MODE"
		}
	}
	return false, verb
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

// hasWordIn reports whether a word of set occurs anywhere in the statement.
func hasWordIn(words []word, set map[string]bool) bool {
	for _, x := range words {
		if set[x.text] {
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
