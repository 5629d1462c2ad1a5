package sqltext_test

import (
	"strings"
	"testing"

	"github.com/dbls/dbls/drivers/sqltext"
	"github.com/dbls/dbls/drivers/sqltext/sqltexttest"
)

var fuzzDialects = sqltexttest.FuzzDialects()

func FuzzSplit(f *testing.F) {
	sqltexttest.AddSeeds(f)
	f.Fuzz(func(t *testing.T, di uint8, text string) {
		d := fuzzDialects[int(di)%len(fuzzDialects)]
		toks := sqltext.Lex(d, text)
		stmts := sqltext.SplitTokens(d, text, toks)
		sqltexttest.CheckStatements(t, text, stmts)
		checkStatementEdges(t, text, stmts)
		checkNothingLost(t, toks, stmts)
		checkStatementAt(t, stmts)
	})
}

func FuzzLex(f *testing.F) {
	sqltexttest.AddSeeds(f)
	f.Fuzz(func(t *testing.T, di uint8, text string) {
		d := fuzzDialects[int(di)%len(fuzzDialects)]
		sqltexttest.CheckTokens(t, text, sqltext.Lex(d, text))
	})
}

// checkStatementEdges asserts that no statement starts or ends with
// whitespace: ranges are trimmed to their tokens. Only a statement whose
// last token is unterminated (a string, or COPY data without "\."), and
// so runs to the end of the text, may end in blanks of that token.
func checkStatementEdges(t *testing.T, src string, stmts []sqltext.Statement) {
	t.Helper()
	const blanks = " \t\r\n\f\v"
	for i, s := range stmts {
		txt := s.Text(src)
		if strings.TrimLeft(txt, blanks) != txt {
			t.Fatalf("statement %d %q starts with whitespace", i, txt)
		}
		runsToEnd := s.Range.End == len(src)
		if strings.TrimRight(txt, blanks) != txt && !runsToEnd {
			t.Fatalf("statement %d %q ends with whitespace", i, txt)
		}
	}
}

// checkNothingLost asserts that every token other than comments,
// terminators and client commands lies inside a statement: SQL the user
// wrote never falls between statements.
func checkNothingLost(t *testing.T, toks []sqltext.Token, stmts []sqltext.Statement) {
	t.Helper()
	j := 0
	for _, tok := range toks {
		switch tok.Kind {
		case sqltext.Comment, sqltext.Delimiter, sqltext.Command:
			continue
		}
		for j < len(stmts) && stmts[j].Range.End <= tok.Start {
			j++
		}
		if j == len(stmts) || tok.Start < stmts[j].Range.Start || tok.End > stmts[j].Range.End {
			t.Fatalf("token %+v is in no statement", tok)
		}
	}
}

// checkStatementAt asserts that each statement is found from its own start
// and end, except that a cursor where one statement ends and the next
// begins (SELECT 1;SELECT 2) belongs to the next.
func checkStatementAt(t *testing.T, stmts []sqltext.Statement) {
	t.Helper()
	for i, s := range stmts {
		for _, off := range []int{s.Range.Start, s.Range.End} {
			want := s
			if i+1 < len(stmts) && stmts[i+1].Range.Start == off {
				want = stmts[i+1]
			}
			if got, ok := sqltext.StatementAt(stmts, off); !ok || got != want {
				t.Fatalf("StatementAt(%d) = %+v, %v; want %+v", off, got, ok, want)
			}
		}
	}
}
