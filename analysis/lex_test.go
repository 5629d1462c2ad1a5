package analysis

import (
	"fmt"
	"strings"
	"testing"
)

// tk is an expected token: its kind, text and whether it is unterminated.
type tk struct {
	kind   TokenKind
	text   string
	unterm bool
}

func tWord(s string) tk  { return tk{Word, s, false} }
func tQid(s string) tk   { return tk{QuotedIdent, s, false} }
func tStr(s string) tk   { return tk{String, s, false} }
func tNum(s string) tk   { return tk{Number, s, false} }
func tOp(s string) tk    { return tk{Operator, s, false} }
func tPunct(s string) tk { return tk{Punct, s, false} }
func tCmt(s string) tk   { return tk{Comment, s, false} }
func tParam(s string) tk { return tk{Param, s, false} }
func tCmd(s string) tk   { return tk{Command, s, false} }
func tDelim(s string) tk { return tk{Delimiter, s, false} }
func tOther(s string) tk { return tk{Other, s, false} }
func tSemi() tk          { return tDelim(";") }
func tUnterm(t tk) tk    { t.unterm = true; return t }
func tWords(s string) []tk {
	var out []tk
	for _, w := range strings.Fields(s) {
		out = append(out, tWord(w))
	}
	return out
}

type lexCase struct {
	name string
	d    Dialect
	in   string
	want []tk
}

// join builds an expected token list from tokens and token lists.
func tJoin(parts ...any) []tk {
	var out []tk
	for _, p := range parts {
		switch p := p.(type) {
		case tk:
			out = append(out, p)
		case []tk:
			out = append(out, p...)
		default:
			panic(fmt.Sprintf("join: %T", p))
		}
	}
	return out
}

var lexCases = []lexCase{
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
	{"bom skipped", Postgres, bom + "SELECT 1", tJoin(tWord("SELECT"), tNum("1"))},
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
	{"generic params", Dialect("other"), "? :a $1", tJoin(tParam("?"), tParam(":a"), tParam("$1"))},
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

func lexSummary(src string, toks []Token) []tk {
	out := make([]tk, 0, len(toks))
	for _, t := range toks {
		out = append(out, tk{t.Kind, t.Text(src), t.Unterminated})
	}
	return out
}

func TestLex(t *testing.T) {
	for _, c := range lexCases {
		t.Run(string(c.d)+"/"+c.name, func(t *testing.T) {
			toks := Lex(c.d, c.in)
			checkCoverage(t, c.in, toks)
			got := lexSummary(c.in, toks)
			if fmt.Sprint(got) != fmt.Sprint(c.want) {
				t.Errorf("Lex(%q)\n got %v\nwant %v", c.in, got, c.want)
			}
		})
	}
}

// checkCoverage asserts the contract of Lex: tokens are non-empty, ordered
// and disjoint, only whitespace (and a leading BOM) lies between them, and
// an unterminated token runs to the end.
func checkCoverage(t *testing.T, src string, toks []Token) {
	t.Helper()
	pos := 0
	if strings.HasPrefix(src, bom) {
		pos = len(bom)
	}
	for i, tok := range toks {
		if tok.Start < pos || tok.End <= tok.Start || tok.End > len(src) {
			t.Fatalf("token %d %+v out of place (pos %d, len %d)", i, tok, pos, len(src))
		}
		if gap := src[pos:tok.Start]; strings.TrimLeft(gap, " \t\r\n\f\v") != "" {
			t.Fatalf("non-blank text %q lost before token %d", gap, i)
		}
		if tok.Unterminated && tok.End != len(src) {
			t.Fatalf("unterminated token %d %+v ends before the text", i, tok)
		}
		pos = tok.End
	}
	if rest := src[pos:]; strings.TrimLeft(rest, " \t\r\n\f\v") != "" {
		t.Fatalf("non-blank text %q lost at the end", rest)
	}
}

func TestIsKeyword(t *testing.T) {
	for _, w := range []string{"SELECT", "select", "Select", "BEGIN", "atomic", "DELIMITER", "current_timestamp"} {
		if !IsKeyword(w) {
			t.Errorf("IsKeyword(%q) = false", w)
		}
	}
	for _, w := range []string{"", "users", "sel", "selectx", "SELECT ", "ÉCOLE", strings.Repeat("a", 100)} {
		if IsKeyword(w) {
			t.Errorf("IsKeyword(%q) = true", w)
		}
	}
}

func TestTokenTextOutOfRange(t *testing.T) {
	for _, tok := range []Token{{Start: -1, End: 2}, {Start: 3, End: 2}, {Start: 0, End: 99}} {
		if got := tok.Text("abc"); got != "" {
			t.Errorf("%+v.Text = %q", tok, got)
		}
	}
}

func TestTokenKindString(t *testing.T) {
	if Word.String() != "Word" || Delimiter.String() != "Delimiter" || TokenKind(200).String() != "TokenKind(?)" {
		t.Error("TokenKind.String")
	}
}
