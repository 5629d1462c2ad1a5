package drivers

import "strings"

// Dialect tells generic code how to write SQL for an engine. Every
// identifier dbls puts into SQL goes through QuoteIdent; every value is a
// bind parameter written with Placeholder.
type Dialect interface {
	// QuoteIdent quotes one identifier, doubling embedded quote characters.
	QuoteIdent(name string) string
	// Placeholder is the n-th (1-based) bind parameter: "?" or "$n".
	Placeholder(n int) string
}

// QuoteWith quotes name with q, doubling every q inside it. It serves the
// dialects that quote with one character (" for standard SQL, ` for MySQL).
func QuoteWith(q byte, name string) string {
	s := string(q)
	return s + strings.ReplaceAll(name, s, s+s) + s
}

// QualifiedName quotes t, with its schema when it has one.
func QualifiedName(d Dialect, t TableRef) string {
	if t.Schema == "" {
		return d.QuoteIdent(t.Name)
	}
	return d.QuoteIdent(t.Schema) + "." + d.QuoteIdent(t.Name)
}
