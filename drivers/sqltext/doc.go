// Package sqltext is the one SQL scanner of dbls. It owns how SQL text
// divides into tokens under each engine's lexical rules (lex.go: quotes,
// PostgreSQL dollar quotes, E” strings and nested comments, MySQL
// backslash escapes, backticks, # comments and DELIMITER, SQLite's four
// quotings, client commands of psql, mysql and sqlite3), which words are
// keywords (keywords.go), how text divides into the statements the
// engine's own client would send (split.go, blocks.go), and what a piece
// of SQL would do when run: read rows, write, change structure, touch
// every row, leave state on the session (classify.go).
//
// Everything else that reads SQL text builds on it: analysis (completion,
// diagnostics, …), the drivers (reading stored definitions, deciding
// whether a statement returns rows) and the runner (what a run may do on
// a read-only connection). It is a leaf: it imports nothing of dbls, so
// the ground floor and every part above it can use it.
//
// Nothing here fails: every function takes any text, including invalid
// UTF-8 and SQL cut off in the middle, and positions are byte offsets.
package sqltext

// Dialect selects the lexical rules: "postgres", "mysql" or "sqlite" (the
// driver IDs). Unknown dialects are lexed as standard SQL.
type Dialect string

// Dialects dbls knows.
const (
	Postgres Dialect = "postgres"
	MySQL    Dialect = "mysql"
	SQLite   Dialect = "sqlite"
)

// Range is a half-open byte range [Start, End) of a text.
type Range struct {
	Start, End int
}
