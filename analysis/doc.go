// Package analysis understands SQL text for the language server, without
// knowing anything of LSP: a tolerant lexer and statement splitter per
// dialect (lex.go, split.go), and the language features built on them —
// completion (suggest.go, functions.go), hover, signature help
// (signature.go), document symbols (symbols.go), definitions
// (definition.go) and diagnostics (diagnose.go, structure.go) — which
// read a schema.Snapshot and never open a connection.
//
// Positions are byte offsets into the document text; the server converts
// to and from LSP's UTF-16 line/character positions.
package analysis

// Dialect selects the lexical and syntactic rules: "postgres", "mysql" or
// "sqlite" (the driver IDs). Unknown dialects are lexed as standard SQL.
type Dialect string

// Dialects dbls knows.
const (
	Postgres Dialect = "postgres"
	MySQL    Dialect = "mysql"
	SQLite   Dialect = "sqlite"
)

// Range is a half-open byte range [Start, End) of the document.
type Range struct {
	Start, End int
}
