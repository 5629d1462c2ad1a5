package sqltext_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/dbls/dbls/drivers/sqltext"
	"github.com/dbls/dbls/drivers/sqltext/sqltexttest"
)

func TestLex(t *testing.T) {
	for _, c := range sqltexttest.LexCases() {
		t.Run(string(c.Dialect)+"/"+c.Name, func(t *testing.T) {
			toks := sqltext.Lex(c.Dialect, c.In)
			sqltexttest.CheckTokens(t, c.In, toks)
			got := sqltexttest.Tokens(c.In, toks)
			if fmt.Sprint(got) != fmt.Sprint(c.Want) {
				t.Errorf("Lex(%q)\n got %v\nwant %v", c.In, got, c.Want)
			}
		})
	}
}

func TestIsKeyword(t *testing.T) {
	for _, w := range []string{"SELECT", "select", "Select", "BEGIN", "atomic", "DELIMITER", "current_timestamp"} {
		if !sqltext.IsKeyword(w) {
			t.Errorf("IsKeyword(%q) = false", w)
		}
	}
	for _, w := range []string{"", "users", "sel", "selectx", "SELECT ", "ÉCOLE", strings.Repeat("a", 100)} {
		if sqltext.IsKeyword(w) {
			t.Errorf("IsKeyword(%q) = true", w)
		}
	}
}

func TestTokenTextOutOfRange(t *testing.T) {
	for _, tok := range []sqltext.Token{{Start: -1, End: 2}, {Start: 3, End: 2}, {Start: 0, End: 99}} {
		if got := tok.Text("abc"); got != "" {
			t.Errorf("%+v.Text = %q", tok, got)
		}
	}
}

func TestTokenKindString(t *testing.T) {
	if sqltext.Word.String() != "Word" || sqltext.Delimiter.String() != "Delimiter" || sqltext.TokenKind(200).String() != "TokenKind(?)" {
		t.Error("TokenKind.String")
	}
}
