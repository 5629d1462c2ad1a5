package sqltext

import "strings"

// TokenKind classifies a token produced by Lex.
type TokenKind uint8

// Token kinds. Keywords are not a kind of their own: a keyword is a Word
// for which IsKeyword reports true, because whether a word acts as a
// keyword depends on where it stands, which only a parser can tell.
const (
	// Other is a byte that starts no token (a stray control character, a
	// backslash outside psql/mysql commands, …). It is one byte long.
	Other TokenKind = iota
	// Word is a bare identifier or keyword.
	Word
	// QuotedIdent is "x" (not in MySQL), `x` (MySQL, SQLite), [x] (SQLite)
	// or PostgreSQL's U&"x".
	QuotedIdent
	// String is a string literal with its prefix, if any: 'x', E'x', X'ff',
	// N'x', B'01', U&'x', PostgreSQL's $tag$…$tag$, and "x" in MySQL.
	String
	// Number is a numeric literal: 12, 1.5e-3, .5, 0xff, 0b101, 1_000.
	Number
	// Operator is an operator: + - * / = <> != <= >= || :: -> ->> @> …
	Operator
	// Punct is ( ) [ ] { } , . — and ';' when a MySQL DELIMITER other
	// than ';' is in effect.
	Punct
	// Comment is -- …, /* … */ (nested in PostgreSQL) or MySQL's # ….
	Comment
	// Param is a bind parameter or variable: $1, ?, ?3, :name, @name,
	// @@global, psql's :'name' and :"name".
	Param
	// Command is text for the client rather than the server: a psql
	// backslash command (\d t) or the data lines after COPY … FROM STDIN
	// through "\.", a mysql client command line (\. file, DELIMITER $$),
	// or an sqlite3 dot-command (.tables).
	Command
	// Delimiter is the statement terminator in effect: ';', the current
	// MySQL DELIMITER, or mysql's \g and \G. Inside a BEGIN … END body a
	// ';' Delimiter does not end the statement; Split decides that.
	Delimiter
)

var kindNames = [...]string{
	Other: "Other", Word: "Word", QuotedIdent: "QuotedIdent", String: "String",
	Number: "Number", Operator: "Operator", Punct: "Punct", Comment: "Comment",
	Param: "Param", Command: "Command", Delimiter: "Delimiter",
}

func (k TokenKind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "TokenKind(?)"
}

// Token is a lexeme of the text given to Lex: text[Start:End].
type Token struct {
	Kind       TokenKind
	Start, End int
	// Unterminated is set on a string, quoted identifier, comment or
	// parameter whose closing quote is missing; such a token runs to the
	// end of the text.
	Unterminated bool
}

// Text returns the token's text in src, or "" if the token does not fit
// src (a token of another text), so that a caller's mistake never panics.
func (t Token) Text(src string) string {
	if t.Start < 0 || t.Start > t.End || t.End > len(src) {
		return ""
	}
	return src[t.Start:t.End]
}

// bom is the UTF-8 byte order mark that some editors put first in a file;
// it is skipped like whitespace so the first word is not "\uFEFFSELECT".
const bom = "\xef\xbb\xbf"

// Lex splits text into tokens under the rules of dialect d. It never fails:
// every byte of text is either inside a token or whitespace between tokens,
// and malformed input yields Unterminated or Other tokens.
func Lex(d Dialect, text string) []Token {
	l := lexer{d: d, src: text, toks: make([]Token, 0, len(text)/5+1), copyAt: -1}
	l.run()
	return l.toks
}

type lexer struct {
	d     Dialect
	src   string
	pos   int
	begin int // first offset after a BOM
	toks  []Token
	// delim is a MySQL DELIMITER other than ';', or "" for ';'.
	delim string
	// pending is set while a statement has tokens but no terminator yet:
	// the sqlite3 shell only takes a dot-command between statements.
	pending bool
	unterm  bool
	// copyStmt and copyStdin follow a PostgreSQL COPY … FROM STDIN, whose
	// data lines (until \.) follow the statement; copyAt is where they
	// start (the line after its ';'), or -1.
	copyStmt, copyStdin bool
	copyAt              int
}

func (l *lexer) run() {
	if strings.HasPrefix(l.src, bom) {
		l.pos, l.begin = len(bom), len(bom)
	}
	for {
		start, kind, ok := l.scan()
		if !ok {
			return
		}
		l.emit(kind, start)
	}
}

// scan reads the next token after white space: its start and kind, or
// false at the end of the text. run and ScanChunks share it.
func (l *lexer) scan() (start int, kind TokenKind, ok bool) {
	l.skipSpace()
	if l.pos >= len(l.src) {
		return 0, 0, false
	}
	start = l.pos
	l.unterm = false
	if l.copyAt >= 0 && l.pos >= l.copyAt {
		kind = l.copyData()
	} else {
		kind = l.next()
	}
	if l.pos <= start || l.pos > len(l.src) {
		// A scanner that does not move would loop forever; take one byte
		// so that the lexer always terminates whatever the input.
		l.pos, kind, l.unterm = start+1, Other, false
	}
	return start, kind, true
}

func (l *lexer) emit(kind TokenKind, start int) {
	l.toks = append(l.toks, Token{Kind: kind, Start: start, End: l.pos, Unterminated: l.unterm})
	if l.d == Postgres {
		l.watchCopy(kind, start)
	}
	switch kind {
	case Delimiter, Command:
		l.pending = false
	case Comment:
	default:
		l.pending = true
	}
}

// watchCopy notices COPY … FROM STDIN: psql reads the lines after it as
// data, which must not be lexed as SQL (pg_dump files are full of them,
// and one quote in the data would swallow the rest of the file).
func (l *lexer) watchCopy(kind TokenKind, start int) {
	switch kind {
	case Word:
		w := l.src[start:l.pos]
		if !l.pending {
			l.copyStmt = strings.EqualFold(w, "COPY")
		} else if l.copyStmt && strings.EqualFold(w, "STDIN") {
			l.copyStdin = true
		}
	case Delimiter, Command:
		if kind == Delimiter && l.copyStdin {
			l.copyAt = len(l.src)
			if k := strings.IndexByte(l.src[l.pos:], '\n'); k >= 0 {
				l.copyAt = l.pos + k + 1
			}
		}
		l.copyStmt, l.copyStdin = false, false
	}
}

// copyData scans COPY data from l.pos through the line "\." that ends it,
// as one Command token (it is for psql, not the server). Without "\." the
// data runs to the end of the text.
func (l *lexer) copyData() TokenKind {
	l.copyAt = -1
	for i := l.pos; i < len(l.src); {
		end := len(l.src)
		if k := strings.IndexByte(l.src[i:], '\n'); k >= 0 {
			end = i + k
		}
		if strings.TrimRight(l.src[i:end], " \t\r") == `\.` {
			l.pos = i + 2
			return Command
		}
		i = end + 1
	}
	l.pos, l.unterm = len(l.src), true
	return Command
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

func (l *lexer) skipSpace() {
	for l.pos < len(l.src) && isSpace(l.src[l.pos]) {
		l.pos++
	}
}

func (l *lexer) peek(off int) byte {
	if i := l.pos + off; i < len(l.src) {
		return l.src[i]
	}
	return 0
}

// next scans one token starting at l.pos and returns its kind.
func (l *lexer) next() TokenKind {
	if k, ok := l.clientCommand(); ok {
		return k
	}
	if l.delim != "" && strings.HasPrefix(l.src[l.pos:], l.delim) {
		l.pos += len(l.delim)
		return Delimiter
	}
	c := l.src[l.pos]
	switch {
	case c == ';':
		l.pos++
		if l.delim != "" {
			return Punct
		}
		return Delimiter
	case c == '\'':
		l.quoted('\'', l.d == MySQL)
		return String
	case c == '"':
		return l.doubleQuote()
	case c == '`' && (l.d == MySQL || l.d == SQLite):
		l.quoted('`', false)
		return QuotedIdent
	case c == '[' && l.d == SQLite:
		l.bracketIdent()
		return QuotedIdent
	case c == '-' && l.peek(1) == '-' && l.dashComment():
		l.lineEnd()
		return Comment
	case c == '#' && l.d == MySQL:
		l.lineEnd()
		return Comment
	case c == '/' && l.peek(1) == '*':
		l.blockComment()
		return Comment
	case isDigit(c) || (c == '.' && isDigit(l.peek(1))):
		return l.number()
	case c == '$' || c == '?' || c == ':' || c == '@':
		if k, ok := l.param(); ok {
			return k
		}
		return l.operator()
	case isIdentStart(l.d, c):
		return l.word()
	case isPunct(c):
		l.pos++
		return Punct
	case isOpChar(l.d, c):
		return l.operator()
	}
	l.pos++
	return Other
}

// doubleQuote scans "…": a string in MySQL (without ANSI_QUOTES, the
// server default), an identifier everywhere else.
func (l *lexer) doubleQuote() TokenKind {
	if l.d == MySQL {
		l.quoted('"', true)
		return String
	}
	l.quoted('"', false)
	return QuotedIdent
}

// quoted scans from the opening quote q at l.pos to its closing quote. A
// doubled quote stands for itself; with backslash set, \ escapes the next
// byte (MySQL strings, PostgreSQL E'…').
func (l *lexer) quoted(q byte, backslash bool) {
	i := l.pos + 1
	for i < len(l.src) {
		j := l.nextQuoteOrEscape(i, q, backslash)
		if j < 0 {
			break
		}
		if l.src[j] == '\\' {
			i = j + 2
			continue
		}
		if j+1 < len(l.src) && l.src[j+1] == q {
			i = j + 2
			continue
		}
		l.pos = j + 1
		return
	}
	l.pos, l.unterm = len(l.src), true
}

// nextQuoteOrEscape finds the next q (or backslash) at or after i; it uses
// IndexByte because strings are long and the search dominates lexing time.
func (l *lexer) nextQuoteOrEscape(i int, q byte, backslash bool) int {
	rest := l.src[i:]
	k := strings.IndexByte(rest, q)
	if backslash {
		// Look for a backslash only before the quote: searching the whole
		// rest of the text for each string would be quadratic.
		before := rest
		if k >= 0 {
			before = rest[:k]
		}
		if b := strings.IndexByte(before, '\\'); b >= 0 {
			k = b
		}
	}
	if k < 0 {
		return -1
	}
	return i + k
}

// bracketIdent scans SQLite's [identifier], which has no escapes.
func (l *lexer) bracketIdent() {
	if k := strings.IndexByte(l.src[l.pos+1:], ']'); k >= 0 {
		l.pos += k + 2
		return
	}
	l.pos, l.unterm = len(l.src), true
}

// dashComment reports whether "--" at l.pos starts a comment: MySQL wants
// whitespace or a control character after it ("--1" is minus minus one).
func (l *lexer) dashComment() bool {
	if l.d != MySQL {
		return true
	}
	c := l.peek(2)
	return l.pos+2 >= len(l.src) || c <= ' '
}

// lineEnd moves l.pos to the end of the line (a line comment or command),
// leaving the newline and trailing blanks to the whitespace between tokens.
func (l *lexer) lineEnd() {
	end := len(l.src)
	if k := strings.IndexAny(l.src[l.pos:], "\r\n"); k >= 0 {
		end = l.pos + k
	}
	for end > l.pos+1 && isSpace(l.src[end-1]) {
		end--
	}
	l.pos = end
}

// blockComment scans /* … */; PostgreSQL nests them, the others do not.
func (l *lexer) blockComment() {
	if l.d != Postgres {
		if k := strings.Index(l.src[l.pos+2:], "*/"); k >= 0 {
			l.pos += k + 4
			return
		}
		l.pos, l.unterm = len(l.src), true
		return
	}
	depth := 0
	for i := l.pos; i+1 < len(l.src); {
		switch l.src[i : i+2] {
		case "/*":
			depth++
			i += 2
		case "*/":
			depth--
			i += 2
			if depth == 0 {
				l.pos = i
				return
			}
		default:
			i++
		}
	}
	l.pos, l.unterm = len(l.src), true
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isHexDigit(c byte) bool {
	return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
}

func isLetter(c byte) bool { return (c|0x20) >= 'a' && (c|0x20) <= 'z' }

// isIdentStart: letters, '_' and every byte >= 0x80, so that identifiers
// in any script (and invalid UTF-8, which must not be lost) stay one word.
// MySQL also lets an identifier start with '$'.
func isIdentStart(d Dialect, c byte) bool {
	return isLetter(c) || c == '_' || c >= 0x80 || (c == '$' && d == MySQL)
}

func isIdentCont(c byte) bool {
	return isLetter(c) || isDigit(c) || c == '_' || c == '$' || c >= 0x80
}

func isPunct(c byte) bool {
	switch c {
	case '(', ')', '[', ']', '{', '}', ',', '.':
		return true
	}
	return false
}

func isOpChar(d Dialect, c byte) bool {
	switch c {
	case '+', '-', '*', '/', '%', '<', '>', '=', '~', '!', '@', '#', '^', '&', '|', '?', ':':
		return true
	case '`':
		return d == Postgres // an operator character in PostgreSQL
	}
	return false
}

// number scans a numeric literal. In MySQL an identifier may begin with
// digits (1st_col), so digits followed by identifier characters are a Word.
func (l *lexer) number() TokenKind {
	if l.radixNumber() {
		return Number
	}
	l.digits()
	if l.peek(0) == '.' && l.peek(1) != '.' {
		l.pos++
		l.digits()
	}
	l.exponent()
	if l.d == MySQL && l.pos < len(l.src) && isIdentCont(l.src[l.pos]) && !l.atDelim(l.pos) {
		l.identRest()
		return Word
	}
	return Number
}

// radixNumber scans 0x1F, 0o17 and 0b101 (with '_' separators).
func (l *lexer) radixNumber() bool {
	if l.peek(0) != '0' {
		return false
	}
	ok := isDigit
	switch l.peek(1) | 0x20 {
	case 'x':
		ok = isHexDigit
	case 'o', 'b':
	default:
		return false
	}
	if !ok(l.peek(2)) {
		return false
	}
	l.pos += 2
	for l.pos < len(l.src) && (ok(l.src[l.pos]) || (l.src[l.pos] == '_' && ok(l.peek(1)))) {
		l.pos++
	}
	return true
}

// digits consumes decimal digits, with '_' allowed between two digits.
func (l *lexer) digits() {
	for l.pos < len(l.src) {
		c := l.src[l.pos]
		if !isDigit(c) && !(c == '_' && isDigit(l.peek(1))) {
			return
		}
		l.pos++
	}
}

func (l *lexer) exponent() {
	if l.peek(0)|0x20 != 'e' {
		return
	}
	n := 1
	if c := l.peek(1); c == '+' || c == '-' {
		n = 2
	}
	if isDigit(l.peek(n)) {
		l.pos += n
		l.digits()
	}
}

// atDelim reports whether a custom MySQL DELIMITER starts at i: the mysql
// client cuts there even in the middle of a word ("END$$").
func (l *lexer) atDelim(i int) bool {
	return l.delim != "" && strings.HasPrefix(l.src[i:], l.delim)
}

func (l *lexer) identRest() {
	for l.pos < len(l.src) && isIdentCont(l.src[l.pos]) && !l.atDelim(l.pos) {
		l.pos++
	}
}

// word scans an identifier or keyword, or a string with a letter prefix.
func (l *lexer) word() TokenKind {
	if k, ok := l.prefixedLiteral(); ok {
		return k
	}
	l.pos++
	l.identRest()
	return Word
}

// prefixedLiteral scans E'…', X'…', B'…', N'…', U&'…' and U&"…" as the
// dialect allows them.
func (l *lexer) prefixedLiteral() (TokenKind, bool) {
	c := l.src[l.pos] | 0x20
	if l.peek(1) == '\'' {
		switch {
		case c == 'e' && l.d == Postgres:
			l.pos++
			l.quoted('\'', true)
			return String, true
		case c == 'x' || (c == 'b' && l.d != SQLite) || (c == 'n' && l.d != SQLite):
			l.pos++
			l.quoted('\'', l.d == MySQL && c == 'n')
			return String, true
		}
		return 0, false
	}
	if c == 'u' && l.d == Postgres && l.peek(1) == '&' {
		switch l.peek(2) {
		case '\'':
			l.pos += 2
			l.quoted('\'', false)
			return String, true
		case '"':
			l.pos += 2
			l.quoted('"', false)
			return QuotedIdent, true
		}
	}
	return 0, false
}

// param scans a parameter or variable, or a PostgreSQL dollar-quoted
// string; it reports false when the character is an operator instead.
func (l *lexer) param() (TokenKind, bool) {
	switch l.src[l.pos] {
	case '$':
		return l.dollar()
	case '?':
		return l.question()
	case ':':
		return l.colon()
	default:
		return l.at()
	}
}

func (l *lexer) dollar() (TokenKind, bool) {
	switch {
	case isDigit(l.peek(1)) && l.d != SQLite && l.d != MySQL:
		l.pos++
		l.digits()
		return Param, true
	case l.d == Postgres:
		return l.dollarQuote()
	case l.d == SQLite && isIdentCont(l.peek(1)):
		l.pos++
		l.identRest()
		return Param, true
	case l.d == MySQL:
		l.pos++
		l.identRest()
		return Word, true
	}
	l.pos++
	return Other, true
}

// dollarQuote scans $tag$ … $tag$ (tag may be empty); a '$' that opens no
// quote is not valid PostgreSQL and becomes Other.
func (l *lexer) dollarQuote() (TokenKind, bool) {
	j := l.pos + 1
	if j < len(l.src) && isIdentStart(Postgres, l.src[j]) {
		for j < len(l.src) && isIdentCont(l.src[j]) && l.src[j] != '$' {
			j++
		}
	}
	if j >= len(l.src) || l.src[j] != '$' {
		l.pos++
		return Other, true
	}
	tag := l.src[l.pos : j+1]
	if k := strings.Index(l.src[j+1:], tag); k >= 0 {
		l.pos = j + 1 + k + len(tag)
	} else {
		l.pos, l.unterm = len(l.src), true
	}
	return String, true
}

// question scans '?' (and SQLite's ?NNN); in PostgreSQL '?' is a jsonb
// operator, and drivers there use $1.
func (l *lexer) question() (TokenKind, bool) {
	if l.d == Postgres {
		return 0, false
	}
	l.pos++
	if l.d == SQLite {
		l.digits()
	}
	return Param, true
}

// colon scans :name (psql variables, SQLite), and psql's :'name' and
// :"name"; '::' and ':=' stay operators. MySQL has no :name, and there a
// colon ends a label (lbl: BEGIN).
func (l *lexer) colon() (TokenKind, bool) {
	if l.d == MySQL {
		return 0, false
	}
	c := l.peek(1)
	switch {
	case isIdentStart(l.d, c) || (l.d == SQLite && isDigit(c)):
		l.pos++
		l.identRest()
		return Param, true
	case l.d == Postgres && (c == '\'' || c == '"'):
		l.pos++
		l.quoted(c, false)
		return Param, true
	}
	return 0, false
}

// at scans MySQL's @var, @'var', @@global and SQLite's @name; in
// PostgreSQL '@' is an operator.
func (l *lexer) at() (TokenKind, bool) {
	switch l.d {
	case MySQL:
		n := 1
		if l.peek(1) == '@' {
			n = 2
		}
		c := l.peek(n)
		if c == '\'' || c == '"' || c == '`' {
			l.pos += n
			l.quoted(c, c != '`')
			return Param, true
		}
		if isIdentCont(c) {
			l.pos += n
			l.identRest()
			return Param, true
		}
	case SQLite:
		if isIdentCont(l.peek(1)) {
			l.pos++
			l.identRest()
			return Param, true
		}
	}
	return 0, false
}

// Multi-character operators, longest first. One table serves every
// dialect; operators a dialect lacks are at worst lexed as one token.
var operators3 = []string{"->>", "#>>", "<=>", "!~*", "-|-", "||/", "!~~", "~~*", "@@@", "<->"}

var operators2 = []string{
	"::", "->", "#>", "<=", ">=", "<>", "!=", "==", "||", "<<", ">>", "@>", "<@",
	"&&", ":=", "=>", "~*", "!~", "?|", "?&", "@@", "|/", "~~", "&<", "&>", "#-",
	"@?", "!!", "^@",
}

// operator scans the longest operator at l.pos. Outside PostgreSQL the
// characters @ ? # $ start parameters or comments, so operators containing
// them are not matched there.
func (l *lexer) operator() TokenKind {
	if !isOpChar(Postgres, l.peek(1)) {
		l.pos++ // every multi-character operator is made of operator characters
		return Operator
	}
	rest := l.src[l.pos:]
	for _, set := range [][]string{operators3, operators2} {
		for _, op := range set {
			if strings.HasPrefix(rest, op) && l.opAllowed(op) {
				l.pos += len(op)
				return Operator
			}
		}
	}
	l.pos++
	return Operator
}

func (l *lexer) opAllowed(op string) bool {
	if l.d == Postgres {
		return true
	}
	return !strings.ContainsAny(op, "@?#")
}

// clientCommand scans the lines that belong to the command-line client
// rather than to SQL: psql backslash commands, mysql client commands and
// DELIMITER, sqlite3 dot-commands.
func (l *lexer) clientCommand() (TokenKind, bool) {
	c := l.src[l.pos]
	switch l.d {
	case Postgres:
		if c == '\\' {
			// psql takes a backslash anywhere outside quotes as a command
			// running to the end of the line (SELECT 1 \gx).
			l.lineEnd()
			return Command, true
		}
	case MySQL:
		return l.mysqlCommand(c)
	case SQLite:
		if c == '.' && l.atColumnZero() && !l.pending && isLetter(l.peek(1)) {
			l.lineEnd()
			return Command, true
		}
	}
	return 0, false
}

func (l *lexer) mysqlCommand(c byte) (TokenKind, bool) {
	switch {
	case c == '\\' && (l.peek(1)|0x20) == 'g' && !isIdentCont(l.peek(2)):
		// \g and \G send the statement like the delimiter does.
		l.pos += 2
		return Delimiter, true
	case c == '\\' && l.atLineStart() && l.pos+1 < len(l.src) && !isSpace(l.peek(1)):
	case (c|0x20) == 'd' && l.atLineStart() && isDelimiterWord(l.src[l.pos:]):
	default:
		return 0, false
	}
	start := l.pos
	l.lineEnd()
	if arg, ok := delimiterDirective(MySQL, l.src[start:l.pos]); ok {
		l.delim = arg
		if arg == ";" {
			l.delim = ""
		}
	}
	return Command, true
}

// atLineStart reports whether only blanks precede l.pos on its line.
func (l *lexer) atLineStart() bool {
	i := l.pos - 1
	for i >= l.begin && (l.src[i] == ' ' || l.src[i] == '\t') {
		i--
	}
	return i < l.begin || l.src[i] == '\n' || l.src[i] == '\r'
}

func (l *lexer) atColumnZero() bool {
	return l.pos == l.begin || l.src[l.pos-1] == '\n' || l.src[l.pos-1] == '\r'
}

// isDelimiterWord reports whether s starts with the word DELIMITER (any
// case) followed by a blank or the end of the line.
func isDelimiterWord(s string) bool {
	const w = "delimiter"
	if len(s) < len(w) || !strings.EqualFold(s[:len(w)], w) {
		return false
	}
	return len(s) == len(w) || isSpace(s[len(w)])
}

// delimiterDirective reports whether cmd, the text of a Command token, sets
// the MySQL statement delimiter (DELIMITER xx or \d xx), and to what. A
// DELIMITER with no argument changes nothing, as in the mysql client.
func delimiterDirective(d Dialect, cmd string) (string, bool) {
	if d != MySQL {
		return "", false
	}
	var rest string
	switch {
	case isDelimiterWord(cmd):
		rest = cmd[len("delimiter"):]
	case len(cmd) >= 3 && cmd[:2] == `\d` && isSpace(cmd[2]):
		rest = cmd[2:]
	default:
		return "", false
	}
	arg := delimiterArg(strings.TrimLeft(rest, " \t\f\v"))
	return arg, arg != ""
}

// delimiterArg takes the first blank-separated word of s, without quotes
// if it is quoted (DELIMITER '$$').
func delimiterArg(s string) string {
	if s == "" {
		return ""
	}
	if q := s[0]; q == '\'' || q == '"' || q == '`' {
		if k := strings.IndexByte(s[1:], q); k > 0 {
			return s[1 : k+1]
		}
	}
	if k := strings.IndexFunc(s, func(r rune) bool { return r <= ' ' }); k >= 0 {
		return s[:k]
	}
	return s
}
