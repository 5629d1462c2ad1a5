// Package sqltexttest holds the table cases of the SQL scanner
// (drivers/sqltext): texts in each dialect with the tokens and statements
// the engine's own client sees in them, and the checks of the scanner's
// contracts. The scanner's tests run them; packages built on the scanner
// seed their fuzz tests with the same texts (Inputs).
package sqltexttest

import (
	"strings"
	"testing"

	"github.com/dbls/dbls/drivers/sqltext"
)

// Input is a text to scan in a dialect.
type Input struct {
	Dialect sqltext.Dialect
	Text    string
}

// Inputs are the texts of every Lex and Split case, each in its dialect.
func Inputs() []Input {
	var out []Input
	for _, c := range SplitCases() {
		out = append(out, Input{c.Dialect, c.In})
	}
	for _, c := range LexCases() {
		out = append(out, Input{c.Dialect, c.In})
	}
	return out
}

// FuzzDialects are the dialects a fuzz input is tried in; the last one is
// unknown and gets the standard rules.
func FuzzDialects() []sqltext.Dialect {
	return []sqltext.Dialect{sqltext.Postgres, sqltext.MySQL, sqltext.SQLite, "other"}
}

// DialectIndex is the index of d in FuzzDialects (an unknown dialect's is
// the last).
func DialectIndex(d sqltext.Dialect) uint8 {
	ds := FuzzDialects()
	for i, x := range ds {
		if x == d {
			return uint8(i)
		}
	}
	return uint8(len(ds) - 1)
}

// AddSeeds seeds a fuzz target taking (dialect index, text) with every
// table case, in its own dialect.
func AddSeeds(f *testing.F) {
	for _, in := range Inputs() {
		f.Add(DialectIndex(in.Dialect), in.Text)
	}
}

const bom = "\xef\xbb\xbf"

// CheckTokens asserts the contract of Lex: tokens are non-empty, ordered
// and disjoint, only whitespace (and a leading BOM) lies between them, and
// an unterminated token runs to the end.
func CheckTokens(t testing.TB, src string, toks []sqltext.Token) {
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

// CheckStatements asserts the contract of Split: ranges within the text,
// non-empty, in order and disjoint (terminators included); terminators
// only on terminated statements.
func CheckStatements(t testing.TB, src string, stmts []sqltext.Statement) {
	t.Helper()
	prev := 0
	for i, s := range stmts {
		r, term := s.Range, s.Terminator
		if r.Start < prev || r.End <= r.Start || term.Start < r.End || term.End < term.Start || term.End > len(src) {
			t.Fatalf("statement %d %+v out of place (previous end %d, len %d)", i, s, prev, len(src))
		}
		if !s.Terminated && term.End != r.End {
			t.Fatalf("statement %d %+v has a terminator but is not terminated", i, s)
		}
		prev = term.End
	}
}
