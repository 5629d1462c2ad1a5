package sqltext_test

import (
	"fmt"
	"testing"

	"github.com/dbls/dbls/drivers/sqltext"
	"github.com/dbls/dbls/drivers/sqltext/sqltexttest"
)

func TestSplit(t *testing.T) {
	for _, c := range sqltexttest.SplitCases() {
		t.Run(string(c.Dialect)+"/"+c.Name, func(t *testing.T) {
			stmts := sqltext.Split(c.Dialect, c.In)
			sqltexttest.CheckStatements(t, c.In, stmts)
			got := sqltexttest.Statements(c.In, stmts)
			if fmt.Sprintf("%+v", got) != fmt.Sprintf("%+v", c.Want) {
				t.Errorf("Split(%q)\n got %+v\nwant %+v", c.In, got, c.Want)
			}
		})
	}
}

func TestSplitTerminators(t *testing.T) {
	src := "SELECT 1;\nDELIMITER $$\nSELECT 2 $$\nSELECT 3\\G\nSELECT 4"
	var got []string
	for _, s := range sqltext.Split(sqltext.MySQL, src) {
		got = append(got, src[s.Terminator.Start:s.Terminator.End])
	}
	if want := `[";" "$$" "\\G" ""]`; fmt.Sprintf("%q", got) != want {
		t.Errorf("terminators %q, want %s", got, want)
	}
}

func TestStatementAt(t *testing.T) {
	src := "SELECT 1;  SELECT 2 ;\n\n-- c\nSELECT * FROM "
	//      0123456789012345678901 2 34567 89...
	stmts := sqltext.Split(sqltext.Postgres, src)
	if len(stmts) != 3 {
		t.Fatalf("got %d statements", len(stmts))
	}
	cases := []struct {
		offset int
		want   int // index into stmts, -1 for none
	}{
		{-5, -1}, {0, 0}, {4, 0}, {8, 0}, {9, 0}, // on SELECT 1 and just after its ';'
		{10, -1},                           // between statements
		{11, 1}, {19, 1}, {20, 1}, {21, 1}, // on SELECT 2, its blank and its ';'
		{22, -1}, {25, -1}, // after a terminated statement, in a comment
		{28, 2}, {len(src), 2}, {len(src) + 10, 2}, // typing the unterminated last one
	}
	for _, c := range cases {
		got, ok := sqltext.StatementAt(stmts, c.offset)
		switch {
		case c.want < 0 && ok:
			t.Errorf("StatementAt(%d) = %q, want none", c.offset, got.Text(src))
		case c.want >= 0 && (!ok || got != stmts[c.want]):
			t.Errorf("StatementAt(%d) = %q, %v; want %q", c.offset, got.Text(src), ok, stmts[c.want].Text(src))
		}
	}
	if _, ok := sqltext.StatementAt(nil, 0); ok {
		t.Error("StatementAt(nil) found a statement")
	}
}

func TestStatementAtAdjacent(t *testing.T) {
	// With no blank between them, a cursor on the boundary is at the start
	// of the second statement, which is what the user points at.
	src := "SELECT 1;SELECT 2"
	stmts := sqltext.Split(sqltext.SQLite, src)
	got, ok := sqltext.StatementAt(stmts, 9)
	if !ok || got.Text(src) != "SELECT 2" {
		t.Errorf("StatementAt(9) = %q, %v", got.Text(src), ok)
	}
}

func TestStatementText(t *testing.T) {
	s := sqltext.Statement{Range: sqltext.Range{Start: 2, End: 10}}
	if s.Text("abc") != "" {
		t.Error("Text out of range")
	}
}

func TestSplitTokensMatchesSplit(t *testing.T) {
	for _, c := range sqltexttest.SplitCases() {
		a := sqltext.Split(c.Dialect, c.In)
		b := sqltext.SplitTokens(c.Dialect, c.In, sqltext.Lex(c.Dialect, c.In))
		if fmt.Sprint(a) != fmt.Sprint(b) {
			t.Errorf("%s: SplitTokens differs", c.Name)
		}
	}
}
