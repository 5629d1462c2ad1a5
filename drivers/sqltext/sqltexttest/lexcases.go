package sqltexttest

import (
	"fmt"
	"strings"

	"github.com/dbls/dbls/drivers/sqltext"
)

// Short names for the tables below.
const (
	Postgres = sqltext.Postgres
	MySQL    = sqltext.MySQL
	SQLite   = sqltext.SQLite
)

// Tok is an expected token: its kind, text and whether it is unterminated.
type Tok struct {
	Kind         sqltext.TokenKind
	Text         string
	Unterminated bool
}

// Tokens summarizes toks, tokens of src, for comparison with a case.
func Tokens(src string, toks []sqltext.Token) []Tok {
	out := make([]Tok, 0, len(toks))
	for _, t := range toks {
		out = append(out, Tok{t.Kind, t.Text(src), t.Unterminated})
	}
	return out
}

func tk(k sqltext.TokenKind, s string) Tok { return Tok{k, s, false} }
func tWord(s string) Tok                   { return tk(sqltext.Word, s) }
func tQid(s string) Tok                    { return tk(sqltext.QuotedIdent, s) }
func tStr(s string) Tok                    { return tk(sqltext.String, s) }
func tNum(s string) Tok                    { return tk(sqltext.Number, s) }
func tOp(s string) Tok                     { return tk(sqltext.Operator, s) }
func tPunct(s string) Tok                  { return tk(sqltext.Punct, s) }
func tCmt(s string) Tok                    { return tk(sqltext.Comment, s) }
func tParam(s string) Tok                  { return tk(sqltext.Param, s) }
func tCmd(s string) Tok                    { return tk(sqltext.Command, s) }
func tDelim(s string) Tok                  { return tk(sqltext.Delimiter, s) }
func tOther(s string) Tok                  { return tk(sqltext.Other, s) }
func tSemi() Tok                           { return tDelim(";") }
func tUnterm(t Tok) Tok                    { t.Unterminated = true; return t }
func tWords(s string) []Tok {
	var out []Tok
	for _, w := range strings.Fields(s) {
		out = append(out, tWord(w))
	}
	return out
}

// LexCase is a text in a dialect and the tokens Lex must find in it.
type LexCase struct {
	Name    string
	Dialect sqltext.Dialect
	In      string
	Want    []Tok
}

// tJoin builds an expected token list from tokens and token lists.
func tJoin(parts ...any) []Tok {
	var out []Tok
	for _, p := range parts {
		switch p := p.(type) {
		case Tok:
			out = append(out, p)
		case []Tok:
			out = append(out, p...)
		default:
			panic(fmt.Sprintf("join: %T", p))
		}
	}
	return out
}

// LexCases are the table cases of Lex, one or more per lexical rule of
// each dialect.
func LexCases() []LexCase {
	return []LexCase{
		// Words, numbers, punctuation, whitespace.
		{"empty", Postgres, "", nil},
		{"blanks only", MySQL, " \t\r\n\f\v", nil},
		{"simple select", Postgres, "SELECT a, b FROM t WHERE x = 1;",
			tJoin(tWord("SELECT"), tWord("a"), tPunct(","), tWord("b"), tWords("FROM t WHERE x"), tOp("="), tNum("1"), tSemi())},
		{"numbers", Postgres, "1 1.5 .5 1e10 1.5E-3 0x1F 0o17 0b101 1_000 2.",
			tJoin(tNum("1"), tNum("1.5"), tNum(".5"), tNum("1e10"), tNum("1.5E-3"), tNum("0x1F"), tNum("0o17"), tNum("0b101"), tNum("1_000"), tNum("2."))},
		{"number then word", Postgres, "1e x1 1ex", tJoin(tNum("1"), tWord("e"), tWord("x1"), tNum("1"), tWord("ex"))},
		{"mysql identifier starting with digits", MySQL, "SELECT 1st_col, 123, 1e5 FROM t",
			tJoin(tWord("SELECT"), tWord("1st_col"), tPunct(","), tNum("123"), tPunct(","), tNum("1e5"), tWords("FROM t"))},
		{"unicode identifiers", Postgres, "SELECT größe, 名前 FROM données",
			tJoin(tWord("SELECT"), tWord("größe"), tPunct(","), tWord("名前"), tWords("FROM données"))},
		{"invalid utf-8 stays in words", SQLite, "SELECT \xff\xfe, a\x80b",
			tJoin(tWord("SELECT"), tWord("\xff\xfe"), tPunct(","), tWord("a\x80b"))},
		{"bom skipped", Postgres, "\xef\xbb\xbfSELECT 1", tJoin(tWord("SELECT"), tNum("1"))},
		{"dollar inside identifiers", Postgres, "a$b $1 x$", tJoin(tWord("a$b"), tParam("$1"), tWord("x$"))},
		{"control bytes", Postgres, "a\x00b\x01", tJoin(tWord("a"), tOther("\x00"), tWord("b"), tOther("\x01"))},
		{"punct", SQLite, "f(a.b)[0]{},", tJoin(tWord("f"), tPunct("("), tWord("a"), tPunct("."), tWord("b"), tPunct(")"), tQid("[0]"), tPunct("{"), tPunct("}"), tPunct(","))},

		// Operators.
		{"postgres operators", Postgres, "a::int->>'k' || b <> c != d <= e >= f @> g <@ h #>> i ~* j !~ k",
			tJoin(tWord("a"), tOp("::"), tWord("int"), tOp("->>"), tStr("'k'"), tOp("||"), tWord("b"), tOp("<>"), tWord("c"), tOp("!="),
				tWord("d"), tOp("<="), tWord("e"), tOp(">="), tWord("f"), tOp("@>"), tWord("g"), tOp("<@"), tWord("h"), tOp("#>>"),
				tWord("i"), tOp("~*"), tWord("j"), tOp("!~"), tWord("k"))},
		{"postgres jsonb ? is an operator", Postgres, "d ? 'k' AND d ?| a",
			tJoin(tWord("d"), tOp("?"), tStr("'k'"), tWord("AND"), tWord("d"), tOp("?|"), tWord("a"))},
		{"mysql operators", MySQL, "a <=> b := c -> d ->> e && f",
			tJoin(tWord("a"), tOp("<=>"), tWord("b"), tOp(":="), tWord("c"), tOp("->"), tWord("d"), tOp("->>"), tWord("e"), tOp("&&"), tWord("f"))},
		{"minus minus in mysql", MySQL, "SELECT 1--1", tJoin(tWord("SELECT"), tNum("1"), tOp("-"), tOp("-"), tNum("1"))},
		{"sqlite operators", SQLite, "a == b || c >> 2", tJoin(tWord("a"), tOp("=="), tWord("b"), tOp("||"), tWord("c"), tOp(">>"), tNum("2"))},
		{"backtick operator char in postgres", Postgres, "a ` b", tJoin(tWord("a"), tOp("`"), tWord("b"))},

		// Quoted identifiers.
		{"postgres quoted ident", Postgres, `SELECT "a;b", "x""y" FROM "T"`,
			tJoin(tWord("SELECT"), tQid(`"a;b"`), tPunct(","), tQid(`"x""y"`), tWord("FROM"), tQid(`"T"`))},
		{"postgres unicode ident", Postgres, `U&"d\0061t" u&'x'`, tJoin(tQid(`U&"d\0061t"`), tStr(`u&'x'`))},
		{"mysql backtick", MySQL, "SELECT `a;b`, `x``y`", tJoin(tWord("SELECT"), tQid("`a;b`"), tPunct(","), tQid("`x``y`"))},
		{"mysql double quote is a string", MySQL, `SELECT "a;b", "it\"s"`, tJoin(tWord("SELECT"), tStr(`"a;b"`), tPunct(","), tStr(`"it\"s"`))},
		{"sqlite all three", SQLite, "\"a\" `b` [c d]", tJoin(tQid(`"a"`), tQid("`b`"), tQid("[c d]"))},
		{"sqlite bracket has no escapes", SQLite, "[a]]", tJoin(tQid("[a]"), tPunct("]"))},
		{"unterminated quoted ident", Postgres, `SELECT "abc`, tJoin(tWord("SELECT"), tUnterm(tQid(`"abc`)))},
		{"unterminated backtick", MySQL, "SELECT `abc\nFROM", tJoin(tWord("SELECT"), tUnterm(tQid("`abc\nFROM")))},
		{"unterminated bracket", SQLite, "SELECT [abc", tJoin(tWord("SELECT"), tUnterm(tQid("[abc")))},

		// Strings.
		{"doubled quote", Postgres, `'it''s;'`, tJoin(tStr(`'it''s;'`))},
		{"postgres backslash is literal", Postgres, `'a\' 'b'`, tJoin(tStr(`'a\'`), tStr(`'b'`))},
		{"postgres E string", Postgres, `E'it\'s;' e'\\'`, tJoin(tStr(`E'it\'s;'`), tStr(`e'\\'`))},
		{"postgres prefixes", Postgres, `B'01' X'ff' N'x'`, tJoin(tStr(`B'01'`), tStr(`X'ff'`), tStr(`N'x'`))},
		{"mysql backslash escapes", MySQL, `'it\'s;' 'a\\' 'b'`, tJoin(tStr(`'it\'s;'`), tStr(`'a\\'`), tStr(`'b'`))},
		{"mysql prefixes", MySQL, `X'ff' b'01' N'it\'s'`, tJoin(tStr(`X'ff'`), tStr(`b'01'`), tStr(`N'it\'s'`))},
		{"sqlite blob, no backslash escapes", SQLite, `X'ff' 'a\' E'x'`, tJoin(tStr(`X'ff'`), tStr(`'a\'`), tWord("E"), tStr(`'x'`))},
		{"unterminated string", Postgres, "SELECT 'abc;\nSELECT 2", tJoin(tWord("SELECT"), tUnterm(tStr("'abc;\nSELECT 2")))},
		{"string ending in backslash", MySQL, `'abc\`, tJoin(tUnterm(tStr(`'abc\`)))},
		{"string ending in doubled quote", SQLite, `'abc''`, tJoin(tUnterm(tStr(`'abc''`)))},
		{"lone quote", MySQL, `'`, tJoin(tUnterm(tStr(`'`)))},

		// Dollar quoting.
		{"dollar quote", Postgres, "$$ a; 'b $$", tJoin(tStr("$$ a; 'b $$"))},
		{"tagged dollar quote with $$ inside", Postgres, "$fn$ x $$ y; $fn$ z",
			tJoin(tStr("$fn$ x $$ y; $fn$"), tWord("z"))},
		{"dollar tags differ", Postgres, "$a$ $b$ $a$", tJoin(tStr("$a$ $b$ $a$"))},
		{"unterminated dollar quote", Postgres, "AS $body$ BEGIN; END;", tJoin(tWord("AS"), tUnterm(tStr("$body$ BEGIN; END;")))},
		{"stray dollar", Postgres, "$ $x", tJoin(tOther("$"), tOther("$"), tWord("x"))},
		{"mysql dollar identifier", MySQL, "$a a$b", tJoin(tWord("$a"), tWord("a$b"))},

		// Comments.
		{"line comment", Postgres, "SELECT 1 -- c; d\nFROM", tJoin(tWord("SELECT"), tNum("1"), tCmt("-- c; d"), tWord("FROM"))},
		{"line comment CRLF", Postgres, "a -- x\r\nb", tJoin(tWord("a"), tCmt("-- x"), tWord("b"))},
		{"block comment", SQLite, "a /* ; */ b", tJoin(tWord("a"), tCmt("/* ; */"), tWord("b"))},
		{"nested block comment postgres", Postgres, "a /* x /* y; */ z; */ b", tJoin(tWord("a"), tCmt("/* x /* y; */ z; */"), tWord("b"))},
		{"block comments do not nest in mysql", MySQL, "a /* x /* y */ b", tJoin(tWord("a"), tCmt("/* x /* y */"), tWord("b"))},
		{"unterminated block comment", Postgres, "a /* x /* y */", tJoin(tWord("a"), tUnterm(tCmt("/* x /* y */")))},
		{"unterminated block comment sqlite", SQLite, "a /* x", tJoin(tWord("a"), tUnterm(tCmt("/* x")))},
		{"comment opener only", SQLite, "/*", tJoin(tUnterm(tCmt("/*")))},
		{"slash star slash", MySQL, "/*/ x", tJoin(tUnterm(tCmt("/*/ x")))},
		{"mysql hash comment", MySQL, "a # c;\nb", tJoin(tWord("a"), tCmt("# c;"), tWord("b"))},
		{"hash is an operator in postgres", Postgres, "a # b", tJoin(tWord("a"), tOp("#"), tWord("b"))},
		{"mysql dash comment needs a blank", MySQL, "a -- c\nb --\n", tJoin(tWord("a"), tCmt("-- c"), tWord("b"), tCmt("--"))},
		{"mysql executable comment", MySQL, "/*!40101 SET x=1 */;", tJoin(tCmt("/*!40101 SET x=1 */"), tSemi())},
		{"only comments", Postgres, "-- a\n/* b */\n-- c", tJoin(tCmt("-- a"), tCmt("/* b */"), tCmt("-- c"))},

		// Parameters and variables.
		{"postgres params", Postgres, "$1 $23 :name :'v' :\"v\" x::int", tJoin(tParam("$1"), tParam("$23"), tParam(":name"), tParam(":'v'"), tParam(`:"v"`), tWord("x"), tOp("::"), tWord("int"))},
		{"postgres unterminated psql var", Postgres, ":'v", tJoin(tUnterm(tParam(":'v")))},
		{"mysql params", MySQL, "? @v @@global.x @'a b' @`c`", tJoin(tParam("?"), tParam("@v"), tParam("@@global"), tPunct("."), tWord("x"), tParam("@'a b'"), tParam("@`c`"))},
		{"mysql label colon", MySQL, "lbl: BEGIN", tJoin(tWord("lbl"), tOp(":"), tWord("BEGIN"))},
		{"sqlite params", SQLite, "? ?12 :a @b $c :1", tJoin(tParam("?"), tParam("?12"), tParam(":a"), tParam("@b"), tParam("$c"), tParam(":1"))},
		{"generic params", sqltext.Dialect("other"), "? :a $1", tJoin(tParam("?"), tParam(":a"), tParam("$1"))},
		{"at operator in postgres", Postgres, "@ -5", tJoin(tOp("@"), tOp("-"), tNum("5"))},

		// Client commands.
		{"psql command line", Postgres, "\\d+ users\nSELECT 1;", tJoin(tCmd("\\d+ users"), tWord("SELECT"), tNum("1"), tSemi())},
		{"psql command after statement", Postgres, "SELECT 1 \\gx\n", tJoin(tWord("SELECT"), tNum("1"), tCmd("\\gx"))},
		{"psql command CRLF", Postgres, "\\set x 1\r\nSELECT :x", tJoin(tCmd("\\set x 1"), tWord("SELECT"), tParam(":x"))},
		{"psql backslash in string is no command", Postgres, `E'\\d'`, tJoin(tStr(`E'\\d'`))},
		{"mysql delimiter", MySQL, "DELIMITER $$\nSELECT 1; SELECT 2$$\ndelimiter ;\nSELECT 3;",
			tJoin(tCmd("DELIMITER $$"), tWord("SELECT"), tNum("1"), tPunct(";"), tWord("SELECT"), tNum("2"), tDelim("$$"),
				tCmd("delimiter ;"), tWord("SELECT"), tNum("3"), tSemi())},
		{"mysql delimiter cuts words", MySQL, "DELIMITER $$\nEND$$", tJoin(tCmd("DELIMITER $$"), tWord("END"), tDelim("$$"))},
		{"mysql delimiter //", MySQL, "DELIMITER //\nSELECT 1//", tJoin(tCmd("DELIMITER //"), tWord("SELECT"), tNum("1"), tDelim("//"))},
		{"mysql delimiter not in strings", MySQL, "DELIMITER //\nSELECT '//'//", tJoin(tCmd("DELIMITER //"), tWord("SELECT"), tStr("'//'"), tDelim("//"))},
		{"mysql delimiter quoted arg", MySQL, "DELIMITER '$$' junk\nSELECT 1$$", tJoin(tCmd("DELIMITER '$$' junk"), tWord("SELECT"), tNum("1"), tDelim("$$"))},
		{"mysql delimiter without arg", MySQL, "DELIMITER\nSELECT 1;", tJoin(tCmd("DELIMITER"), tWord("SELECT"), tNum("1"), tSemi())},
		{"mysql delimiter word mid line", MySQL, "SELECT delimiter FROM t", tJoin(tWords("SELECT delimiter FROM t"))},
		{"mysql delimiters column", MySQL, "delimiters", tJoin(tWord("delimiters"))},
		{"mysql backslash d", MySQL, "\\d //\nSELECT 1//", tJoin(tCmd("\\d //"), tWord("SELECT"), tNum("1"), tDelim("//"))},
		{"mysql \\G", MySQL, "SELECT 1\\G SELECT 2\\g", tJoin(tWord("SELECT"), tNum("1"), tDelim("\\G"), tWord("SELECT"), tNum("2"), tDelim("\\g"))},
		{"mysql client command line", MySQL, "\\. dump.sql\nSELECT 1", tJoin(tCmd("\\. dump.sql"), tWord("SELECT"), tNum("1"))},
		{"mysql stray backslash", MySQL, "SELECT \\x", tJoin(tWord("SELECT"), tOther("\\"), tWord("x"))},
		{"sqlite dot command", SQLite, ".tables\nSELECT 1;\n.schema t", tJoin(tCmd(".tables"), tWord("SELECT"), tNum("1"), tSemi(), tCmd(".schema t"))},
		{"sqlite dot mid statement", SQLite, "SELECT t\n.a FROM t", tJoin(tWord("SELECT"), tWord("t"), tPunct("."), tWord("a"), tWords("FROM t"))},
		{"copy from stdin data", Postgres, "COPY t (a, b) FROM stdin; -- data\n1\tit's\n2\t\\N\n\\.\nSELECT 1;",
			tJoin(tWords("COPY t"), tPunct("("), tWord("a"), tPunct(","), tWord("b"), tPunct(")"), tWords("FROM stdin"), tSemi(), tCmt("-- data"),
				tCmd("1\tit's\n2\t\\N\n\\."), tWord("SELECT"), tNum("1"), tSemi())},
		{"copy data CRLF", Postgres, "COPY t FROM STDIN;\r\na\r\n\\.\r\nSELECT", tJoin(tWords("COPY t FROM STDIN"), tSemi(), tCmd("a\r\n\\."), tWord("SELECT"))},
		{"copy data without end", Postgres, "COPY t FROM STDIN;\n'a", tJoin(tWords("COPY t FROM STDIN"), tSemi(), tUnterm(tCmd("'a")))},
		{"copy data at end of text", Postgres, "COPY t FROM STDIN;", tJoin(tWords("COPY t FROM STDIN"), tSemi())},
		{"copy to stdout has no data", Postgres, "COPY t TO STDOUT;\n'a'", tJoin(tWords("COPY t TO STDOUT"), tSemi(), tStr("'a'"))},
		{"stdin outside copy", Postgres, "SELECT stdin;\n'a'", tJoin(tWords("SELECT stdin"), tSemi(), tStr("'a'"))},
		{"mysql E is a word", MySQL, `E'x'`, tJoin(tWord("E"), tStr(`'x'`))},
		{"postgres E escape quote", Postgres, `E'\''`, tJoin(tStr(`E'\''`))},
		{"mysql escape quote", MySQL, `'\''`, tJoin(tStr(`'\''`))},
		{"sqlite backslash", SQLite, "\\d", tJoin(tOther("\\"), tWord("d"))},
	}
}
