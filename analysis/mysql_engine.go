package analysis

// MySQL diagnostics from a real MySQL grammar: the data statements of a
// MySQL document (SELECT, WITH, INSERT, REPLACE, UPDATE, DELETE) are parsed
// with vitess's parser (vitess.io/vitess/go/vt/sqlparser, the grammar of
// MySQL 8 that Vitess serves its clients with), and the names of the tree
// are resolved against the snapshot (mysql_resolve.go).
//
// Vitess's grammar is MySQL's, not MariaDB's, and it lacks parts of
// MySQL's own DDL (CREATE TRIGGER, CREATE EVENT, …). So, to keep every
// alarm true:
//
//   - A syntax error is reported only on a data statement of a MySQL
//     server (the snapshot's version does not say MariaDB): there the
//     grammar is complete. On MariaDB (or with no snapshot, when the
//     flavour is unknown) a data statement the grammar rejects may be
//     MariaDB's own syntax (RETURNING, EXCEPT ALL, sequences' NEXT VALUE
//     FOR, …): nothing is said of it, neither syntax nor names.
//   - A statement whose first word starts no MySQL or MariaDB statement
//     (a misspelt SELECT) is a syntax error in every flavour.
//   - Other statements (DDL, routines, SET, dump boilerplate) are left to
//     the structural checks and to diagnose.go, which records the names
//     they create.
//
// The verdicts live on the chunks of the document with the rest of their
// diagnosis (chunkcache.go): an edit re-parses only the statements of the
// chunks it touched.

import (
	"errors"
	"fmt"
	"strings"
	"sync"

	"vitess.io/vitess/go/vt/sqlparser"
)

// mysqlUseKey marks, in the document's names, a USE of a database other
// than the snapshot's: unqualified names are no longer the snapshot's.
const mysqlUseKey = "\x00use"

// maxMySQLParse bounds the statements vitess parses: a keystroke in a
// dump's INSERT of a whole table (up to mariadb-dump's 1 MB) would parse
// it all again, about 250 ms for half a megabyte.
const maxMySQLParse = 64 << 10

// mysqlDataKinds are the statements parsed with vitess.
var mysqlDataKinds = makeSet(`SELECT WITH INSERT UPDATE DELETE REPLACE`)

// mysqlStatementWords are the words a MySQL or MariaDB statement may start
// with, top level or inside a stored program (a document may hold a
// routine's body): a statement starting with any other word is misspelt.
var mysqlStatementWords = makeSet(`ALTER ANALYZE BACKUP BEGIN BINLOG CACHE CALL CASE CHANGE CHECK
	CHECKSUM CLONE CLOSE COMMIT CREATE DEALLOCATE DECLARE DELETE DELIMITER DESC DESCRIBE DO DROP
	ELSE ELSEIF ELSIF END EXCEPTION EXECUTE EXPLAIN FETCH FLUSH FOR GET GOTO GRANT HANDLER HELP IF
	IMPORT INSTALL INSERT ITERATE KILL LEAVE LOAD LOCK LOOP NULL OPEN OPTIMIZE PREPARE PURGE RAISE
	RELEASE RENAME REPAIR REPEAT REPLACE RESET RESIGNAL RESTART RETURN REVOKE ROLLBACK SAVEPOINT
	SELECT SET SHOW SHUTDOWN SIGNAL START STOP TABLE TRUNCATE UNINSTALL UNLOCK UNTIL UPDATE USE
	VALUES WHEN WHILE WITH XA EXIT CONTINUE PACKAGE SOURCE QUIT CONNECT EDIT EGO GO NOPAGER NOTEE
	PAGER PRINT PROMPT REHASH STATUS SYSTEM TEE CHARSET WARNINGS NOWARNING`)

// mysqlParser is vitess's parser for MySQL 8; it holds no state between
// calls and is safe for concurrent use.
var mysqlParser = sync.OnceValue(func() *sqlparser.Parser {
	p, err := sqlparser.New(sqlparser.Options{MySQLServerVersion: "8.0.40"})
	if err != nil {
		return nil
	}
	return p
})

// mysqlFlavour tells MySQL from MariaDB by the snapshot's server version;
// unknown without a snapshot.
func mysqlFlavour(x *Index) (mysql, known bool) {
	if x == nil || x.snap == nil || x.snap.ServerVersion == "" {
		return false, false
	}
	return !strings.Contains(strings.ToLower(x.snap.ServerVersion), "mariadb"), true
}

// mysqlCheck diagnoses a MySQL statement with vitess's grammar and
// reports whether it did; false leaves the statement to diagnose.go (the
// kinds it does not parse).
func (dg *diagnoser) mysqlCheck(st Statement, toks []Token) bool {
	if dg.d != MySQL {
		return false
	}
	first := upperWord(dg.text, toks[0])
	if first == "USE" && len(toks) > 1 && dg.ix != nil {
		if n, snap := identText(dg.text, toks[1]), dg.x.Snapshot(); snap == nil ||
			!strings.EqualFold(n, snap.Database) && !strings.EqualFold(n, snap.DefaultSchema) {
			dg.addName(mysqlUseKey)
		}
	}
	if !mysqlDataKinds[first] {
		if first != "" && !mysqlStatementWords[first] && !dg.labelled(toks) {
			dg.misspeltStatement(st, toks)
			return true
		}
		return false
	}
	p := mysqlParser()
	if p == nil {
		return false
	}
	src := dg.text[st.Range.Start:st.Range.End]
	if len(src) > maxMySQLParse {
		return false // the checks of diagnose.go, which cost less per row
	}
	tree, err := parseMySQL(p, src)
	if err != nil {
		if isMySQL, known := mysqlFlavour(dg.x); isMySQL && known && !dg.vitessGap(toks) {
			r, msg := mysqlErrorRange(st.Range.Start, toks, err), mysqlErrorMessage(err)
			if i := dg.misspeltBefore(toks, r); i >= 0 {
				r = Range{Start: toks[i].Start, End: toks[i].End}
				msg = fmt.Sprintf("syntax error: %s is not a keyword (a misspelt %s?)", toks[i].Text(dg.text), nearestClauseWord(upperWord(dg.text, toks[i])))
			}
			dg.add(r, SeverityError, CodeSyntax, msg)
		}
		return true
	}
	if dg.ix != nil {
		dg.resolveMySQL(tree, toks)
	}
	return true
}

// labelled reports a labelled compound statement (lbl: LOOP …).
func (dg *diagnoser) labelled(toks []Token) bool {
	return len(toks) > 1 && strings.HasPrefix(toks[1].Text(dg.text), ":") // also PL/SQL's x := 1
}

// misspeltStatement reports a statement whose first word starts none, on
// that word.
func (dg *diagnoser) misspeltStatement(st Statement, toks []Token) {
	r := Range{Start: toks[0].Start, End: toks[0].End}
	dg.add(r, SeverityError, CodeSyntax, "syntax error: no statement starts with "+toks[0].Text(dg.text))
}

// parseMySQL parses one statement; a panic of the parser (it is generated
// code fed with any text a user types) is a refusal, not a crash.
func parseMySQL(p *sqlparser.Parser, src string) (tree sqlparser.Statement, err error) {
	defer func() {
		if r := recover(); r != nil {
			tree, err = nil, errors.New("syntax error")
		}
	}()
	// ParseStrictDDL: Parse would accept a DDL statement it half
	// understood, and log about it.
	return p.ParseStrictDDL(src)
}

// mysqlErrorRange is the range of the token vitess stopped at: its
// position is one past the end of that token (1-based), at the end of
// the statement for an unexpected end.
func mysqlErrorRange(base int, toks []Token, err error) Range {
	last := toks[len(toks)-1]
	var pe sqlparser.PositionedErr
	if !errors.As(err, &pe) {
		return Range{Start: toks[0].Start, End: last.End}
	}
	end := base + pe.Pos - 1
	for i := len(toks) - 1; i >= 0; i-- {
		if toks[i].Start < end {
			return Range{Start: toks[i].Start, End: toks[i].End}
		}
	}
	return Range{Start: toks[0].Start, End: toks[0].End}
}

// mysqlErrorMessage is vitess's message, in MySQL's words.
func mysqlErrorMessage(err error) string {
	var pe sqlparser.PositionedErr
	if errors.As(err, &pe) {
		if pe.Near != "" {
			return "syntax error near '" + pe.Near + "'"
		}
		return "syntax error at the end of the statement"
	}
	return "syntax error"
}

// vitessGapWords are MySQL words vitess's grammar lacks (found by parsing
// valid MySQL 8 statements): a statement holding one is not judged.
var vitessGapWords = makeSet(`SOUNDS LOW_PRIORITY HIGH_PRIORITY DELAYED QUICK OF`)

// vitessGap reports a data statement using valid MySQL that vitess's
// grammar rejects: the words above, ODBC escapes ({fn …}, {d '…'}),
// DEFAULT(col), INSERT … TABLE t, CAST(… AS YEAR), CAST(… AS SIGNED
// INTEGER).
func (dg *diagnoser) vitessGap(toks []Token) bool {
	prev := ""
	for i, t := range toks {
		w := upperWord(dg.text, t)
		s := t.Text(dg.text)
		switch {
		case vitessGapWords[w], s == "{":
			return true
		case w == "DEFAULT" && i+1 < len(toks) && toks[i+1].Text(dg.text) == "(":
			return true
		case w == "TABLE" && i > 0:
			return true
		case prev == "AS" && w == "YEAR",
			(prev == "SIGNED" || prev == "UNSIGNED") && (w == "INT" || w == "INTEGER"):
			return true
		}
		prev = w
	}
	return false
}

// clauseWords are the keywords a misspelling of which vitess takes for an
// alias (SELECT id FORM t: FORM names the column, and t is the error).
var clauseWords = []string{"FROM", "WHERE", "INTO", "VALUES", "GROUP", "ORDER", "HAVING", "LIMIT",
	"JOIN", "INNER", "LEFT", "RIGHT", "OUTER", "UNION", "SELECT", "SET", "BY"}

// misspeltBefore finds, for a syntax error at r, the word before it when
// that word is no keyword but one or two letters from a clause keyword:
// the real mistake. -1 when there is none.
func (dg *diagnoser) misspeltBefore(toks []Token, r Range) int {
	for i := 1; i < len(toks); i++ {
		if toks[i].Start != r.Start {
			continue
		}
		w := upperWord(dg.text, toks[i-1])
		if w == "" || IsKeyword(w) || nearestClauseWord(w) == "" || dg.knownName(w) {
			return -1
		}
		if before := upperWord(dg.text, toks[max(i-2, 0)]); i >= 2 && tableIntro[before] &&
			!((before == "INSERT" || before == "REPLACE") && nearestClauseWord(w) == "INTO") {
			return -1 // a table's name (UPDATE ordrs WHERE …)
		}
		return i - 1
	}
	return -1
}

// nearestClauseWord is the clause keyword within two edits of w, or "".
func nearestClauseWord(w string) string {
	for _, k := range clauseWords {
		if len(w) >= 3 && editDistance(w, k) <= 2 && editDistance(w, k) < len(k)/2+1 {
			return k
		}
	}
	return ""
}

// editDistance is the Levenshtein distance of two short words.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// knownName reports a table or view name of the snapshot.
func (dg *diagnoser) knownName(w string) bool {
	if dg.ix == nil {
		return false
	}
	_, ok := dg.ix.lookupRel(nil, w, false)
	return ok
}
