package sqlite

import (
	"strings"

	"github.com/dbls/dbls/drivers/sqltext"
)

// Tokens of the CREATE statements SQLite keeps in sqlite_schema, from the
// one SQL scanner (sqltext), and a cursor to walk them. The pragmas tell
// us columns, keys and indexes; only the stored SQL tells us CHECK
// constraints, collations, generated expressions, constraint names and
// index expressions. Expressions are never rebuilt from tokens: they are
// sliced from the source so they keep their spelling.

type tokKind int

const (
	tWord   tokKind = iota // bare word: keyword or identifier
	tQuoted                // "ident", `ident`, [ident]
	tString                // 'literal', X'blob'
	tNumber
	tPunct
)

type token struct {
	kind       tokKind
	text       string
	start, end int // byte offsets in the source
}

// is reports whether t is the bare keyword kw (upper case).
func (t token) is(kw string) bool { return t.kind == tWord && strings.EqualFold(t.text, kw) }

func (t token) punct(p string) bool { return t.kind == tPunct && t.text == p }

// name is the identifier t stands for, unquoted.
func (t token) name() string {
	switch t.kind {
	case tQuoted:
		return unquoteIdent(t.text)
	case tString:
		return strings.ReplaceAll(strip(t.text, '\'', '\''), "''", "'")
	}
	return t.text
}

func unquoteIdent(s string) string {
	switch q := s[0]; q {
	case '"', '`':
		return strings.ReplaceAll(strip(s, q, q), string(q)+string(q), string(q))
	case '[':
		return strip(s, '[', ']')
	}
	return s
}

// strip removes the opening quote and, when the lexer found one, the
// closing quote: a quoted token may be cut short by the end of the input.
func strip(s string, open, close byte) string {
	s = strings.TrimPrefix(s, string(open))
	if len(s) > 0 && s[len(s)-1] == close {
		s = s[:len(s)-1]
	}
	return s
}

// lex returns the tokens of src as the SQLite scanner (sqltext) reads
// them, without comments. Operators and other characters are tPunct.
func lex(src string) []token {
	all := sqltext.Lex(sqltext.SQLite, src)
	toks := make([]token, 0, len(all))
	for _, t := range all {
		var kind tokKind
		switch t.Kind {
		case sqltext.Comment:
			continue
		case sqltext.Word:
			kind = tWord
		case sqltext.QuotedIdent:
			kind = tQuoted
		case sqltext.String:
			kind = tString
		case sqltext.Number:
			kind = tNumber
		default:
			kind = tPunct
		}
		toks = append(toks, token{kind: kind, text: t.Text(src), start: t.Start, end: t.End})
	}
	return toks
}

// cursor walks a token slice.
type cursor struct {
	src  string
	toks []token
	i    int
}

func (c *cursor) done() bool { return c.i >= len(c.toks) }

func (c *cursor) peek() token {
	if c.done() {
		return token{kind: tPunct}
	}
	return c.toks[c.i]
}

func (c *cursor) next() token {
	t := c.peek()
	c.i++
	return t
}

// accept consumes the given keywords in sequence if they are all next.
func (c *cursor) accept(kws ...string) bool {
	for k, kw := range kws {
		if c.i+k >= len(c.toks) || !c.toks[c.i+k].is(kw) {
			return false
		}
	}
	c.i += len(kws)
	return true
}

// group consumes a parenthesized group at the cursor and returns the source
// text inside it and the tokens inside it. It returns ok=false, consuming
// nothing, when the cursor is not at "(".
func (c *cursor) group() (inner string, toks []token, ok bool) {
	if !c.peek().punct("(") {
		return "", nil, false
	}
	open := c.i
	depth := 0
	for ; c.i < len(c.toks); c.i++ {
		switch t := c.toks[c.i]; {
		case t.punct("("):
			depth++
		case t.punct(")"):
			depth--
			if depth == 0 {
				body := c.toks[open+1 : c.i]
				start, end := c.toks[open].end, c.toks[c.i].start
				c.i++
				return strings.TrimSpace(c.src[start:end]), body, true
			}
		}
	}
	// Unbalanced: take the rest.
	body := c.toks[open+1:]
	return strings.TrimSpace(c.src[c.toks[open].end:]), body, true
}

// splitTop splits tokens at commas outside parentheses.
func splitTop(toks []token) [][]token {
	var parts [][]token
	depth, from := 0, 0
	for i, t := range toks {
		switch {
		case t.punct("("):
			depth++
		case t.punct(")"):
			depth--
		case t.punct(",") && depth == 0:
			parts = append(parts, toks[from:i])
			from = i + 1
		}
	}
	if from < len(toks) {
		parts = append(parts, toks[from:])
	}
	return parts
}

// names returns the identifiers of a column list "(a, b COLLATE x DESC)":
// the first token of each item.
func names(toks []token) []string {
	var out []string
	for _, item := range splitTop(toks) {
		if len(item) > 0 {
			out = append(out, item[0].name())
		}
	}
	return out
}

// text is the source spanned by toks.
func text(src string, toks []token) string {
	if len(toks) == 0 {
		return ""
	}
	return strings.TrimSpace(src[toks[0].start:toks[len(toks)-1].end])
}
