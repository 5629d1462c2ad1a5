// Package analysis understands SQL text for the language server, without
// knowing anything of LSP. On the tokens and statements of the one SQL
// scanner, drivers/sqltext (text.go names them here), it builds the
// language features — completion (suggest.go, functions.go), hover,
// signature help (signature.go), document symbols (symbols.go),
// definitions (definition.go) and diagnostics (diagnose.go, structure.go)
// — which read a schema.Snapshot and never open a connection.
//
// Positions are byte offsets into the document text; the server converts
// to and from LSP's UTF-16 line/character positions.
package analysis
