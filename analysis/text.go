package analysis

import "github.com/dbls/dbls/drivers/sqltext"

// The scanner is drivers/sqltext; these names let analysis and its callers
// speak of its tokens and statements without a package prefix. They are
// aliases and forwarders only: nothing here scans.

// Dialect selects the lexical and syntactic rules: "postgres", "mysql" or
// "sqlite" (the driver IDs). Unknown dialects are lexed as standard SQL.
type Dialect = sqltext.Dialect

// Dialects dbls knows.
const (
	Postgres = sqltext.Postgres
	MySQL    = sqltext.MySQL
	SQLite   = sqltext.SQLite
)

// Range is a half-open byte range [Start, End) of the document.
type Range = sqltext.Range

// Token is a lexeme of a text; see sqltext.Token.
type Token = sqltext.Token

// TokenKind classifies a token; see sqltext.TokenKind.
type TokenKind = sqltext.TokenKind

// Token kinds; see sqltext.
const (
	Other       = sqltext.Other
	Word        = sqltext.Word
	QuotedIdent = sqltext.QuotedIdent
	String      = sqltext.String
	Number      = sqltext.Number
	Operator    = sqltext.Operator
	Punct       = sqltext.Punct
	Comment     = sqltext.Comment
	Param       = sqltext.Param
	Command     = sqltext.Command
	Delimiter   = sqltext.Delimiter
)

// Statement is one statement of a document, or one client command line;
// see sqltext.Statement.
type Statement = sqltext.Statement

// Lex is sqltext.Lex.
func Lex(d Dialect, text string) []Token { return sqltext.Lex(d, text) }

// Split is sqltext.Split.
func Split(d Dialect, text string) []Statement { return sqltext.Split(d, text) }

// SplitTokens is sqltext.SplitTokens.
func SplitTokens(d Dialect, text string, toks []Token) []Statement {
	return sqltext.SplitTokens(d, text, toks)
}

// StatementAt is sqltext.StatementAt.
func StatementAt(stmts []Statement, offset int) (Statement, bool) {
	return sqltext.StatementAt(stmts, offset)
}

// IsKeyword is sqltext.IsKeyword.
func IsKeyword(word string) bool { return sqltext.IsKeyword(word) }

// ShiftStatement is sqltext.ShiftStatement.
func ShiftStatement(st Statement, delta int) Statement { return sqltext.ShiftStatement(st, delta) }
