package format

import (
	"fmt"
	"strings"

	"github.com/dbls/dbls/drivers/sqltext"
)

// Case is what formatting does to the case of keywords.
type Case uint8

// Keyword cases. Upper is the default (the zero value).
const (
	Upper Case = iota
	Lower
	Preserve
)

func (c Case) String() string {
	switch c {
	case Lower:
		return "lower"
	case Preserve:
		return "preserve"
	}
	return "upper"
}

// ParseCase reads a keyword case setting: "upper" (or ""), "lower" or
// "preserve", in any letter case.
func ParseCase(s string) (Case, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "upper":
		return Upper, nil
	case "lower":
		return Lower, nil
	case "preserve":
		return Preserve, nil
	}
	return Upper, fmt.Errorf("keyword case %q: want upper, lower or preserve", s)
}

// Options say how to lay out SQL.
type Options struct {
	// KeywordCase is applied to words that can only be keywords where
	// they stand; identifiers are never touched.
	KeywordCase Case
	// Indent is one level of indentation: spaces or a tab. Empty means
	// two spaces.
	Indent string
	// Guessed says the dialect is a guess (a file bound to no
	// connection): then a statement is laid out only if its tokens stay
	// the same under every dialect, and the whole text only if all its
	// tokens do, so that a MySQL file taken for PostgreSQL is not harmed.
	Guessed bool
}

// checkDialects are the dialects whose reading of the text must not
// change: d's, and every other one when d is a guess.
func (o Options) checkDialects(d sqltext.Dialect) []sqltext.Dialect {
	if !o.Guessed {
		return []sqltext.Dialect{d}
	}
	out := []sqltext.Dialect{d}
	for _, x := range []sqltext.Dialect{sqltext.Postgres, sqltext.MySQL, sqltext.SQLite} {
		if x != d {
			out = append(out, x)
		}
	}
	return out
}

// IndentOf returns one level of indentation: a tab, or width spaces
// (width below 1 means 2, above 16 means 16).
func IndentOf(tabs bool, width int) string {
	if tabs {
		return "\t"
	}
	if width < 1 {
		width = 2
	}
	return strings.Repeat(" ", min(width, 16))
}

func (o Options) indent() string {
	if o.Indent == "" {
		return "  "
	}
	return o.Indent
}
