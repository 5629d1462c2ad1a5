package connect

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/dbls/dbls/drivers/sqltext"
)

// ErrOutsideScratch is wrapped by the error for a schema file that would
// reach outside the scratch database it is loaded into. Nothing of such a
// file is run.
var ErrOutsideScratch = errors.New("reaches outside the scratch database")

// ErrUnsupportedInFile is wrapped by the error for a schema file with a
// client command dbls cannot honour (\i, \if, .read…). Nothing of such a
// file is run.
var ErrUnsupportedInFile = errors.New("is not supported in a schema file")

// fileStatement is one statement of a schema file as it will run.
type fileStatement struct {
	line int
	sql  string
}

// sandbox reads a whole schema file, before any of it runs, into the
// statements to send to its scratch database one by one. Client commands
// that only concern psql/mysql/sqlite3 (\restrict, \set, \echo, .mode…),
// transaction control (the file runs in one transaction) and COPY data are
// skipped; a statement that would reach outside the scratch database
// (another database, the server's accounts or settings, files on the
// server) is refused with its line. On MySQL the file's own database —
// the first one it creates or uses, before anything else — stands for the
// scratch database, whose name (scratch) replaces it where it qualifies a
// name.
func sandbox(d sqltext.Dialect, path, text, scratch string) ([]fileStatement, error) {
	src := text
	if d == sqltext.MySQL {
		src = unwrapVersioned(text)
	}
	sb := &sandboxer{d: d, scratch: scratch}
	var out []fileStatement
	for _, st := range sqltext.Split(d, src) {
		line := 1 + strings.Count(src[:st.Range.Start], "\n")
		body := st.Text(src)
		var v verdict
		if st.Command {
			v = sb.command(body)
		} else {
			v = sb.statement(body)
		}
		switch v.act {
		case actRun:
			sql := body // versioned comments unwrapped: a dump's /*!50003 CREATE*/ … */ is one statement
			if v.sql != "" {
				sql = v.sql
			}
			out = append(out, fileStatement{line: line, sql: sql})
		case actStop:
			return out, nil
		case actRefuse:
			return nil, fmt.Errorf("schema file %s:%d: %s %w; refused, nothing from the file was run", path, line, v.what, v.err)
		}
	}
	return out, nil
}

type action int

const (
	actRun action = iota
	actSkip
	actStop
	actRefuse
)

// verdict is what the sandbox does with one statement: run it (as sql
// when rewritten), skip it, stop reading (\q) or refuse the file, saying
// what the statement does (what) and why that is refused (err).
type verdict struct {
	act  action
	sql  string
	what string
	err  error
}

var (
	run  = verdict{act: actRun}
	skip = verdict{act: actSkip}
)

func outside(what string) verdict {
	return verdict{act: actRefuse, what: what, err: ErrOutsideScratch}
}

func unsupported(what string) verdict {
	return verdict{act: actRefuse, what: what, err: ErrUnsupportedInFile}
}

// sandboxer carries what earlier statements of the file established.
type sandboxer struct {
	d       sqltext.Dialect
	scratch string
	own     string // MySQL: the file's own database name, mapped to scratch
	ran     bool   // a statement other than SET is to run
	copying bool   // the next command is COPY … FROM STDIN data
}

// command judges a client command line.
func (sb *sandboxer) command(text string) verdict {
	if sb.copying { // psql COPY data through "\."
		sb.copying = false
		return skip
	}
	name, _, _ := strings.Cut(strings.TrimSpace(text), " ")
	name = strings.ToLower(name)
	switch sb.d {
	case sqltext.Postgres:
		switch strings.TrimPrefix(name, `\`) {
		case "c", "connect":
			return sb.psqlConnect(name, text)
		case "i", "ir", "include", "include_relative", "gexec", "if", "elif", "else", "endif", "!":
			return unsupported("psql command " + name)
		case "q", "quit":
			return verdict{act: actStop}
		}
	case sqltext.MySQL:
		switch name {
		case `\r`, "connect":
			return outside(name + " (connects to another database)")
		case `\u`:
			return sb.use(strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(text), name)))
		case `\.`, "source", `\!`, "system":
			return unsupported("mysql command " + name)
		case `\q`, "quit", "exit":
			return verdict{act: actStop}
		}
	case sqltext.SQLite:
		switch name {
		case ".open", ".read", ".import", ".shell", ".system", ".cd", ".restore", ".load", ".backup", ".save", ".clone":
			return unsupported("sqlite3 command " + name)
		case ".quit", ".exit":
			return verdict{act: actStop}
		}
	}
	return skip // display and client settings: \restrict, \set, \echo, .mode…
}

// statement judges one SQL statement.
func (sb *sandboxer) statement(text string) verdict {
	toks := sqlTokens(sb.d, text)
	if len(toks.toks) == 0 {
		return skip
	}
	w := func(i int) string { return toks.word(i) }
	var v verdict
	switch w(0) {
	case "BEGIN", "COMMIT", "END", "START":
		if (w(0) != "START" || w(1) == "TRANSACTION") && (w(0) != "BEGIN" || w(1) != "NOT") { // MariaDB's BEGIN NOT ATOMIC is a program
			return skip // the whole file runs in one transaction
		}
	case "ROLLBACK", "ABORT":
		if w(1) != "TO" && w(2) != "TO" {
			return unsupported(w(0) + " (a file that rolls itself back describes no schema)")
		}
	}
	switch sb.d {
	case sqltext.Postgres:
		v = sb.postgres(toks)
	case sqltext.MySQL:
		v = sb.mysql(toks, text)
	case sqltext.SQLite:
		v = sb.sqlite(toks)
	}
	if v.act == actRun && w(0) != "SET" && (w(0) != "SELECT" || !toks.has("SET_CONFIG")) { // session settings come first in dumps
		sb.ran = true
	}
	return v
}

func (sb *sandboxer) postgres(t tokens) verdict {
	w := t.word
	switch w(0) {
	case "CREATE", "ALTER", "DROP":
		switch w(1) {
		case "DATABASE":
			// pg_dump --create names its database first; the scratch
			// database stands for it, already made.
			if db := t.name(t.after(2, "IF", "NOT", "EXISTS")); db != "" && sb.isOwn(db) {
				return skip
			}
			return outside(w(0) + " DATABASE " + t.name(t.after(2, "IF", "NOT", "EXISTS")) + " (another database)")
		case "ROLE", "GROUP", "TABLESPACE":
			return outside(w(0) + " " + w(1) + " (an object of the whole server)")
		case "USER":
			if w(2) != "MAPPING" {
				return outside(w(0) + " USER (an object of the whole server)")
			}
		case "SYSTEM":
			return outside("ALTER SYSTEM (the server's settings)")
		}
	case "REASSIGN":
		return outside("REASSIGN OWNED (objects of other databases)")
	case "COPY":
		switch {
		case t.has("STDIN"):
			sb.copying = true
			return skip // rows, not structure
		case t.has("STDOUT"):
			return skip
		}
		return outside("COPY with a file or program (files of the server)")
	case "VACUUM", "ANALYZE", "CHECKPOINT", "CLUSTER":
		return skip // maintenance, no structure; refused inside a transaction
	}
	return run
}

func (sb *sandboxer) sqlite(t tokens) verdict {
	switch w := t.word; w(0) {
	case "ATTACH", "DETACH":
		return outside(w(0) + " DATABASE (another database file)")
	case "VACUUM":
		if t.has("INTO") {
			return outside("VACUUM INTO (writes another file)")
		}
		return skip
	}
	return run
}

// mysql judges a MySQL statement; text is the statement, versioned
// comments unwrapped.
func (sb *sandboxer) mysql(t tokens, text string) verdict {
	w := t.word
	switch w(0) {
	case "USE":
		return sb.use(t.name(1))
	case "CREATE", "ALTER", "DROP":
		if w(1) == "DATABASE" || w(1) == "SCHEMA" {
			return sb.database(t, text)
		}
		if w(1) == "USER" || w(1) == "ROLE" || w(1) == "SERVER" {
			return outside(w(0) + " " + w(1) + " (an object of the whole server)")
		}
	case "GRANT", "REVOKE":
		return outside(w(0) + " (the server's accounts)")
	case "RENAME":
		if w(1) == "USER" {
			return outside("RENAME USER (the server's accounts)")
		}
	case "SET":
		if w(1) == "PASSWORD" || w(1) == "DEFAULT" && w(2) == "ROLE" {
			return outside("SET " + w(1) + " (the server's accounts)")
		}
		if t.global() {
			return outside("SET GLOBAL (the server's settings)")
		}
	case "INSTALL", "UNINSTALL", "SHUTDOWN", "KILL", "FLUSH", "PURGE", "RESET", "CHANGE", "STOP", "RESTART":
		return outside(w(0) + " (acts on the whole server)")
	case "LOAD":
		return outside("LOAD (reads files)")
	case "LOCK", "UNLOCK":
		return skip // around dumped rows
	case "PREPARE", "EXECUTE", "CALL":
		return unsupported(w(0) + " (runs SQL that cannot be checked before it runs)")
	}
	if w(0) == "CREATE" && t.has("EVENT") && (t.has("PREPARE") || t.has("EXECUTE")) {
		return unsupported("an event with dynamic SQL (it runs SQL that cannot be checked)")
	}
	if i := t.databaseStatement(); i > 0 {
		return outside("a stored program with " + w(i) + " " + w(i+1) + " (another database)")
	}
	if w(0) == "START" && w(1) != "TRANSACTION" {
		return outside("START " + w(1) + " (acts on the whole server)")
	}
	if t.has("OUTFILE") || t.has("DUMPFILE") {
		return outside("SELECT … INTO OUTFILE (writes files of the server)")
	}
	return sb.qualified(t, text)
}

// psqlConnect judges \c: connecting again to the file's own database
// (pg_dump --create's \connect after CREATE DATABASE) stays in the
// scratch database; any other database is refused.
func (sb *sandboxer) psqlConnect(name, text string) verdict {
	args := strings.Fields(strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(text), name)))
	if len(args) == 0 || args[0] == "-" {
		return skip // the same database again
	}
	db := args[0]
	if strings.HasPrefix(db, "-reuse-previous") && len(args) > 1 {
		db = args[1]
	}
	db = strings.Trim(db, `"`)
	if v, ok := strings.CutPrefix(db, "dbname="); ok {
		db = strings.Trim(v, `'`)
	}
	if sb.isOwn(db) {
		return skip
	}
	return outside(name + " " + db + " (connects to another database)")
}

// use maps USE db: the file's own database is the scratch one.
func (sb *sandboxer) use(db string) verdict {
	if db == "" {
		return run
	}
	if sb.isOwn(db) {
		return skip // the session is in the scratch database already
	}
	return outside("USE " + db + " (another database)")
}

// isOwn reports whether db is the file's own database, taking the first
// database named before anything ran as that.
func (sb *sandboxer) isOwn(db string) bool {
	if sb.own == "" && !sb.ran {
		sb.own = db
	}
	return db == sb.own || db == sb.scratch
}

// database judges CREATE/ALTER/DROP DATABASE|SCHEMA on MySQL: only the
// file's own database, for which the scratch database stands. Its options
// (character set, collation) are kept, set on the scratch database.
func (sb *sandboxer) database(t tokens, text string) verdict {
	w := t.word
	i := 2
	if w(i) == "IF" {
		i += 2
		if w(i-1) == "NOT" {
			i++
		}
	}
	db := t.name(i)
	if db == "" || !sb.isOwn(db) {
		return outside(w(0) + " " + w(1) + " " + db + " (another database)")
	}
	if w(0) == "DROP" || i+1 >= len(t.toks) {
		return skip // the scratch database is new and stays
	}
	return verdict{act: actRun, sql: "ALTER DATABASE " + sb.quote(sb.scratch) + " " + text[t.toks[i+1].Start:]}
}

// mysqlObjectWords are the words after which a MySQL name is an object's
// name, so that a.b there is database a, table b.
var mysqlObjectWords = map[string]bool{
	"TABLE": true, "TABLES": true, "VIEW": true, "INTO": true, "FROM": true, "JOIN": true, "UPDATE": true,
	"REFERENCES": true, "TRIGGER": true, "PROCEDURE": true, "FUNCTION": true, "EVENT": true, "TO": true,
	"EXISTS": true, "LIKE": true, "CALL": true, "TRUNCATE": true, "SEQUENCE": true,
}

// mysqlClauseWords end a FROM list.
var mysqlClauseWords = map[string]bool{
	"WHERE": true, "GROUP": true, "ORDER": true, "HAVING": true, "LIMIT": true, "UNION": true, "ON": true,
	"USING": true, "SET": true, "WINDOW": true, "SELECT": true, "VALUES": true, "INTO": true, "FOR": true,
}

// qualified finds database-qualified names (db.table in an object's
// place, db.table.column anywhere): the file's own database becomes the
// scratch one; any other database is refused.
func (sb *sandboxer) qualified(t tokens, text string) verdict {
	var b strings.Builder
	last := 0
	depth, listDepth, join, createOrDrop := 0, -1, false, t.word(0) == "CREATE" || t.word(0) == "DROP"
	prevComma := false
	for i, tk := range t.toks {
		word := t.word(i)
		switch {
		case tk.Kind == sqltext.Punct && t.text(i) == "(":
			depth++
		case tk.Kind == sqltext.Punct && t.text(i) == ")":
			depth--
			if depth < listDepth {
				listDepth = -1
			}
		case word == "FROM" || word == "JOIN" || word == "UPDATE" || word == "TABLE" || word == "TABLES":
			listDepth = depth
			join = join || word == "JOIN"
		case mysqlClauseWords[word] && depth == listDepth:
			listDepth = -1
		}
		start := t.isName(i) && t.dot(i+1) && t.isName(i+2) && !t.dot(i-1)
		if start {
			place := i > 0 && (mysqlObjectWords[t.word(i-1)] || (prevComma && listDepth == depth) ||
				(t.word(i-1) == "ON" && createOrDrop && !join))
			if place || (t.dot(i+3) && t.isName(i+4)) {
				db := t.name(i)
				switch {
				case strings.EqualFold(db, "information_schema"):
				case sb.own != "" && db == sb.own && sb.scratch != "":
					b.WriteString(text[last:tk.Start])
					b.WriteString(sb.quote(sb.scratch))
					last = tk.End
				case db == sb.scratch:
				default:
					return outside("the name " + t.text(i) + "." + t.text(i+2) + " (database " + db + ")")
				}
			}
		}
		prevComma = tk.Kind == sqltext.Punct && t.text(i) == ","
	}
	if last == 0 {
		return run
	}
	b.WriteString(text[last:])
	return verdict{act: actRun, sql: b.String()}
}

func (sb *sandboxer) quote(name string) string {
	return "`" + strings.ReplaceAll(name, "`", "``") + "`"
}

// tokens is a statement's tokens without comments.
type tokens struct {
	src  string
	toks []sqltext.Token
}

func sqlTokens(d sqltext.Dialect, text string) tokens {
	t := tokens{src: text}
	for _, tk := range sqltext.Lex(d, text) {
		if tk.Kind != sqltext.Comment {
			t.toks = append(t.toks, tk)
		}
	}
	return t
}

func (t tokens) text(i int) string {
	if i < 0 || i >= len(t.toks) {
		return ""
	}
	return t.toks[i].Text(t.src)
}

// word is token i in upper case if it is a bare word, else "".
func (t tokens) word(i int) string {
	if i < 0 || i >= len(t.toks) || t.toks[i].Kind != sqltext.Word {
		return ""
	}
	return strings.ToUpper(t.text(i))
}

func (t tokens) isName(i int) bool {
	return i >= 0 && i < len(t.toks) && (t.toks[i].Kind == sqltext.Word || t.toks[i].Kind == sqltext.QuotedIdent)
}

func (t tokens) dot(i int) bool {
	return i >= 0 && i < len(t.toks) && t.toks[i].Kind == sqltext.Punct && t.text(i) == "."
}

// name is token i as an identifier, unquoted, or "".
func (t tokens) name(i int) string {
	if !t.isName(i) {
		return ""
	}
	s := t.text(i)
	if t.toks[i].Kind == sqltext.Word || len(s) < 2 {
		return s
	}
	q := s[:1]
	return strings.ReplaceAll(s[1:len(s)-1], q+q, q)
}

// after is the index of the first token from i that is not one of words
// (IF NOT EXISTS before a name).
func (t tokens) after(i int, words ...string) int {
	for i < len(t.toks) && slices.Contains(words, t.word(i)) {
		i++
	}
	return i
}

func (t tokens) has(word string) bool {
	for i := range t.toks {
		if t.word(i) == word {
			return true
		}
	}
	return false
}

// databaseStatement is the index, past the statement's head, of a
// CREATE, ALTER or DROP of a DATABASE or SCHEMA inside a stored program's
// body, or -1.
func (t tokens) databaseStatement() int {
	for i := 1; i+1 < len(t.toks); i++ {
		if w := t.word(i); (w == "CREATE" || w == "ALTER" || w == "DROP") && (t.word(i+1) == "DATABASE" || t.word(i+1) == "SCHEMA") {
			return i
		}
	}
	return -1
}

// global reports a MySQL SET of a global or persisted variable.
func (t tokens) global() bool {
	for i, tk := range t.toks {
		switch w := t.word(i); {
		case w == "GLOBAL" || w == "PERSIST" || w == "PERSIST_ONLY":
			return true
		case tk.Kind == sqltext.Param:
			v := strings.ToLower(t.text(i))
			if strings.HasPrefix(v, "@@global") || strings.HasPrefix(v, "@@persist") {
				return true
			}
		}
	}
	return false
}

// unwrapVersioned blanks the markers of MySQL's executable comments
// (/*!50003 … */, /*M!100100 … */), which the server runs, so that the
// sandbox reads what they contain. Offsets and lines are unchanged.
// Comments for versions no server has (/*M!999999 …*/) stay comments.
func unwrapVersioned(text string) string {
	var b []byte
	for _, tk := range sqltext.Lex(sqltext.MySQL, text) {
		s := tk.Text(text)
		if tk.Kind != sqltext.Comment || tk.Unterminated || !(strings.HasPrefix(s, "/*!") || strings.HasPrefix(s, "/*M!")) {
			continue
		}
		open := strings.Index(s, "!") + 1
		digits := open
		for digits < len(s) && digits-open < 6 && s[digits] >= '0' && s[digits] <= '9' {
			digits++
		}
		if s[open:digits] == "999999" {
			continue
		}
		if b == nil {
			b = []byte(text)
		}
		for i := tk.Start; i < tk.Start+digits; i++ {
			b[i] = ' '
		}
		b[tk.End-2], b[tk.End-1] = ' ', ' '
	}
	if b == nil {
		return text
	}
	return string(b)
}
