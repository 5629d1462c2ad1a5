package analysis

// Completion items and the helpers shared by completion and hover: the
// word under the cursor, quoting. The scope-aware engine is in suggest.go
// (what to offer) and scope.go (what the statement is about).

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dbls/dbls/drivers/schema"
)

// CompletionItem is one suggestion. Kind is "table", "view", "column",
// "keyword", "schema" or "function". InsertText replaces WordRange(…) of
// the document: it is quoted for the dialect where the name needs it, and
// stays quoted when the user started the word with a quote.
type CompletionItem struct {
	Label, Kind, Detail, InsertText string
	// Doc describes the item (a function's purpose), or is "".
	Doc string
	// SortText orders the items: Complete returns them sorted by it, in
	// scope first (join conditions, columns of the tables in scope, …),
	// keywords and out-of-scope names last.
	SortText string
	// EditBack is how many bytes before the word being typed the item
	// replaces too: a JOIN condition offered after "ON c." replaces "c.",
	// so that clients filtering by the whole text (Helix) keep it.
	EditBack int
	// Replace, when not nil, is the range the item replaces instead of
	// WordRange's: the inside of a string literal for an enum label.
	Replace *Range
}

// Completion item kinds.
const (
	KindTable    = "table"
	KindView     = "view"
	KindColumn   = "column"
	KindKeyword  = "keyword"
	KindSchema   = "schema"
	KindFunction = "function"
	KindValue    = "value"  // an enum label, inserted as a string literal
	KindWindow   = "window" // a named window of the query's WINDOW clause
	// KindParameter is a routine's parameter, offered as a named argument.
	KindParameter = "parameter"
)

// sqlKeywords are offered where a keyword may follow. The list is
// deliberately plain SQL shared by the three dialects.
var sqlKeywords = []string{
	"ADD", "ALL", "ALTER", "AND", "AS", "ASC", "BEGIN", "BETWEEN", "BY", "CASE", "CAST", "COMMIT",
	"CREATE", "CROSS", "DEFAULT", "DELETE", "DESC", "DISTINCT", "DROP", "ELSE", "END", "EXISTS",
	"FALSE", "FROM", "FULL", "GROUP", "HAVING", "IN", "INDEX", "INNER", "INSERT", "INTO", "IS",
	"JOIN", "LEFT", "LIKE", "LIMIT", "NOT", "NULL", "OFFSET", "ON", "OR", "ORDER", "OUTER",
	"RETURNING", "RIGHT", "ROLLBACK", "SELECT", "SET", "TABLE", "THEN", "TRUE", "UNION", "UPDATE",
	"USING", "VALUES", "VIEW", "WHEN", "WHERE", "WITH",
}

var keywordSet = func() map[string]bool {
	m := map[string]bool{}
	for _, k := range sqlKeywords {
		m[k] = true
	}
	return m
}()

// WordRange is the range of text that a completion at offset replaces: the
// partial identifier before the cursor, with its opening quote.
func WordRange(d Dialect, text string, offset int) Range {
	offset = clampOffset(text, offset)
	w := wordAt(d, text, offset)
	r := Range{Start: offset - len(w.raw), End: offset}
	if w.quoted {
		// "na|" (the editor closed the quote): the closing quote and the
		// rest of the name are replaced too, so that it stays one name.
		j := offset
		for j < len(text) {
			ch, n := utf8.DecodeRuneInString(text[j:])
			if !isIdentRune(ch) {
				break
			}
			j += n
		}
		if j < len(text) && text[j] == text[r.Start] {
			r.End = j + 1
		}
	}
	return r
}

func tableDetail(schemaName string, t *schema.Table) string {
	return "table " + schemaName + "." + t.Name
}

func viewDetail(schemaName string, v *schema.View) string {
	if v.Materialized {
		return "materialized view " + schemaName + "." + v.Name
	}
	return "view " + schemaName + "." + v.Name
}

// searchPath is the set of schemas whose objects need no qualifier.
func searchPath(snap *schema.Snapshot) map[string]bool {
	m := map[string]bool{}
	for _, s := range snap.SearchPath {
		m[s] = true
	}
	if snap.DefaultSchema != "" {
		m[snap.DefaultSchema] = true
	}
	if len(m) == 0 && len(snap.Schemas) == 1 {
		m[snap.Schemas[0].Name] = true
	}
	return m
}

// quoteChar is the dialect's identifier quote.
func quoteChar(d Dialect) byte {
	if d == MySQL {
		return '`'
	}
	return '"'
}

func isQuote(d Dialect, b byte) bool {
	switch d {
	case MySQL:
		return b == '`'
	case SQLite:
		return b == '"' || b == '`'
	}
	return b == '"'
}

func quoteIdent(d Dialect, name string) string {
	q := string(quoteChar(d))
	return q + strings.ReplaceAll(name, q, q+q) + q
}

// needsQuote reports whether name must be quoted to be read back as
// itself: PostgreSQL folds unquoted names to lower case, and reserved words
// and unusual characters need quotes everywhere.
// isKeyword reports whether name is a keyword, in any case. Short ASCII
// names are upper-cased on the stack: the index asks this of every table
// and view of the catalog.
func isKeyword(name string) bool {
	var buf [32]byte
	if len(name) > len(buf) {
		return keywordSet[strings.ToUpper(name)]
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case c >= utf8.RuneSelf:
			return keywordSet[strings.ToUpper(name)]
		case c >= 'a' && c <= 'z':
			c -= 'a' - 'A'
		}
		buf[i] = c
	}
	return keywordSet[string(buf[:len(name)])]
}

func needsQuote(d Dialect, name string) bool {
	if name == "" || isKeyword(name) {
		return true
	}
	for i, r := range name {
		switch {
		case r == '_' || r >= 'a' && r <= 'z':
		case r >= 'A' && r <= 'Z':
			if d == Postgres {
				return true
			}
		case r >= '0' && r <= '9' || r == '$':
			if i == 0 {
				return true
			}
		default:
			return true
		}
	}
	return false
}

// isIdentRune reports whether r can be part of an unquoted identifier.
func isIdentRune(r rune) bool {
	return r == '_' || r == '$' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' ||
		r >= utf8.RuneSelf && r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// clampOffset keeps offset inside text and on a rune boundary.
func clampOffset(text string, offset int) int {
	offset = max(0, min(offset, len(text)))
	for offset > 0 && offset < len(text) && !utf8.RuneStart(text[offset]) {
		offset--
	}
	return offset
}

// word is the partial identifier before the cursor.
type word struct {
	raw        string // as written, with an opening quote
	prefix     string // without the quote
	quoted     bool
	qualified  bool   // preceded by "qualifier."
	qualifier  string // unquoted
	qualQuoted bool
}

func wordAt(d Dialect, text string, offset int) word {
	var w word
	start := scanIdentBack(text, offset)
	w.prefix = text[start:offset]
	if start > 0 && isQuote(d, text[start-1]) && openQuote(d, text, start-1) {
		start--
		w.quoted = true
	}
	w.raw = text[start:offset]
	if start > 0 && text[start-1] == '.' {
		w.qualified = true
		w.qualifier, w.qualQuoted = identBefore(d, text, start-1)
	}
	return w
}

// scanIdentBack returns where the identifier characters ending at offset
// begin.
func scanIdentBack(text string, offset int) int {
	i := offset
	for i > 0 {
		r, n := utf8.DecodeLastRuneInString(text[:i])
		if !isIdentRune(r) {
			break
		}
		i -= n
	}
	return i
}

// openQuote reports whether the quote at pos opens an identifier (an odd
// number of that quote character on the line before it).
func openQuote(d Dialect, text string, pos int) bool {
	lineStart := strings.LastIndexByte(text[:pos], '\n') + 1
	return strings.Count(text[lineStart:pos], string(text[pos]))%2 == 0
}

// identBefore reads the identifier that ends at end (exclusive): a plain
// word or a quoted identifier.
func identBefore(d Dialect, text string, end int) (name string, quoted bool) {
	if end > 0 && isQuote(d, text[end-1]) {
		q := text[end-1]
		i := end - 2
		for i >= 0 {
			if text[i] == q {
				if i > 0 && text[i-1] == q {
					i -= 2
					continue
				}
				break
			}
			i--
		}
		if i < 0 {
			return "", false
		}
		inner := text[i+1 : end-1]
		return strings.ReplaceAll(inner, string(q)+string(q), string(q)), true
	}
	return text[scanIdentBack(text, end):end], false
}
