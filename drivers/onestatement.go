package drivers

import (
	"errors"
	"fmt"

	"github.com/dbls/dbls/drivers/sqltext"
)

// ErrMultipleStatements is wrapped by the error for SQL that must be one
// statement (a view's query) but holds another after a semicolon.
var ErrMultipleStatements = errors.New("more than one statement")

// LexicalDialect is a Dialect that names the lexical rules (sqltext) its
// engine reads SQL by, in the modes its sessions pin: where strings take
// backslash escapes, which quotes and comments there are.
type LexicalDialect interface {
	Lexical() sqltext.Dialect
}

// oneQuery refuses a view definition with a second statement in it. The
// server refuses one too (every view command is sent as one statement);
// this says why, in words, before anything is sent.
func oneQuery(c Conn, v ViewRef, definition string) error {
	var lex sqltext.Dialect // standard SQL unless the dialect says
	if d, ok := c.(Dialecter); ok {
		if l, ok := d.Dialect().(LexicalDialect); ok {
			lex = l.Lexical()
		}
	}
	if i := SecondStatement(lex, definition); i >= 0 {
		return fmt.Errorf("the definition of view %s must be one query, but another statement follows at byte %d (%.40q): %w",
			v, i, definition[i:], ErrMultipleStatements)
	}
	return nil
}

// SecondStatement returns the byte offset where a second statement starts
// in sql as the dialect reads it, or -1 when sql is one statement (a
// trailing semicolon, blanks and comments are allowed).
func SecondStatement(d sqltext.Dialect, sql string) int {
	stmts := sqltext.Split(d, sql)
	if len(stmts) < 2 {
		return -1
	}
	return stmts[1].Range.Start
}
