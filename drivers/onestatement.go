package drivers

import (
	"errors"
	"fmt"
	"strings"
)

// ErrMultipleStatements is wrapped by the error for SQL that must be one
// statement (a view's query) but holds another after a semicolon.
var ErrMultipleStatements = errors.New("more than one statement")

// BackslashEscaper is a Dialect whose quoted strings take backslash escapes
// and # comments (MySQL's, in the sql_mode its sessions pin).
type BackslashEscaper interface {
	BackslashEscapes() bool
}

// oneQuery refuses a view definition with a second statement in it. The
// server refuses one too (every view command is sent as one statement);
// this says why, in words, before anything is sent.
func oneQuery(c Conn, v ViewRef, definition string) error {
	mysql := false
	if d, ok := c.(Dialecter); ok {
		if b, ok := d.Dialect().(BackslashEscaper); ok {
			mysql = b.BackslashEscapes()
		}
	}
	if i := SecondStatement(definition, mysql); i >= 0 {
		return fmt.Errorf("the definition of view %s must be one query, but another statement follows at byte %d (%.40q): %w",
			v, i, definition[i:], ErrMultipleStatements)
	}
	return nil
}

// SecondStatement returns the byte offset where a second statement starts
// in sql, or -1 when sql is one statement (a trailing semicolon, blanks and
// comments are allowed). It knows quoted strings and identifiers, comments
// and PostgreSQL's dollar quotes and E-prefixed strings; with mysql, strings take
// backslash escapes and # starts a comment.
func SecondStatement(sql string, mysql bool) int {
	sawEnd := false // a top-level ';' was seen
	for i := 0; i < len(sql); {
		c := sql[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
			i++
			continue
		case c == '-' && strings.HasPrefix(sql[i:], "--"), mysql && c == '#':
			i = skipPast(sql, i, "\n")
			continue
		case c == '/' && strings.HasPrefix(sql[i:], "/*"):
			i = skipPast(sql, i+2, "*/")
			continue
		}
		if sawEnd {
			if c == ';' {
				i++
				continue
			}
			return i
		}
		switch {
		case c == ';':
			sawEnd = true
			i++
		case c == '\'':
			backslash := mysql || i > 0 && (sql[i-1] == 'E' || sql[i-1] == 'e') && (i == 1 || !isIdentByte(sql[i-2]))
			i = skipString(sql, i, '\'', backslash)
		case c == '"':
			i = skipString(sql, i, '"', mysql)
		case c == '`':
			i = skipString(sql, i, '`', false)
		case c == '$' && !mysql:
			i = skipDollarQuote(sql, i)
		case isIdentByte(c):
			for i < len(sql) && isIdentByte(sql[i]) {
				i++
			}
		default:
			i++
		}
	}
	return -1
}

func skipPast(s string, i int, end string) int {
	if j := strings.Index(s[i:], end); j >= 0 {
		return i + j + len(end)
	}
	return len(s)
}

// skipString skips a string or quoted identifier opened by q at i: q q is
// an embedded q, and with backslash a backslash escapes the next byte.
func skipString(s string, i int, q byte, backslash bool) int {
	for j := i + 1; j < len(s); j++ {
		switch {
		case backslash && s[j] == '\\':
			j++
		case s[j] == q:
			if j+1 < len(s) && s[j+1] == q {
				j++
				continue
			}
			return j + 1
		}
	}
	return len(s)
}

// skipDollarQuote skips $tag$…$tag$ at i; a $n parameter or a lone $ is
// one byte.
func skipDollarQuote(s string, i int) int {
	j := i + 1
	for j < len(s) && s[j] != '$' && isIdentByte(s[j]) && !(j == i+1 && s[j] >= '0' && s[j] <= '9') {
		j++
	}
	if j < len(s) && s[j] == '$' {
		return skipPast(s, j+1, s[i:j+1])
	}
	return i + 1
}

func isIdentByte(c byte) bool {
	return c == '_' || c == '$' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}
