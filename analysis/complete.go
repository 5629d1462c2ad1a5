package analysis

// A first, honest completion: no parser, no scope resolution. It looks at
// the partial identifier under the cursor, an optional `qualifier.` before
// it, and the words of the statement around the cursor. A scope-aware
// engine built on lex.go/split.go is meant to replace it; the exported
// signatures (Complete, CompletionItem, WordRange) are what the server uses.

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dbls/dbls/schema"
)

// CompletionItem is one suggestion. Kind is "table", "view", "column",
// "keyword", "schema" or "function". InsertText replaces WordRange(…) of
// the document: it is quoted for the dialect where the name needs it, and
// stays quoted when the user started the word with a quote.
type CompletionItem struct {
	Label, Kind, Detail, InsertText string
}

// Completion item kinds.
const (
	KindTable    = "table"
	KindView     = "view"
	KindColumn   = "column"
	KindKeyword  = "keyword"
	KindSchema   = "schema"
	KindFunction = "function"
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

// tableContext keywords are followed by a table name, not an expression.
var tableContext = map[string]bool{"FROM": true, "JOIN": true, "INTO": true, "UPDATE": true, "TABLE": true}

// Complete suggests what may be typed at offset (a byte offset into text,
// clamped to it).
func Complete(snap *schema.Snapshot, d Dialect, text string, offset int) []CompletionItem {
	if snap == nil {
		snap = &schema.Snapshot{}
	}
	offset = clampOffset(text, offset)
	w := wordAt(d, text, offset)
	prefix := strings.ToLower(w.prefix)
	st := statementAt(d, text, offset)
	c := completer{d: d, quoted: w.quoted, seen: map[string]bool{}}
	match := func(name string) bool { return strings.HasPrefix(strings.ToLower(name), prefix) }

	if w.qualified {
		if sc := findSchema(snap, w.qualifier, w.qualQuoted); sc != nil {
			for _, t := range sc.Tables {
				if match(t.Name) {
					c.add(t.Name, KindTable, tableDetail(sc.Name, &t), t.Name)
				}
			}
			for _, v := range sc.Views {
				if match(v.Name) {
					c.add(v.Name, KindView, viewDetail(sc.Name, &v), v.Name)
				}
			}
			for _, r := range sc.Routines {
				if match(r.Name) {
					c.add(r.Name, KindFunction, r.Signature(), r.Name)
				}
			}
			return c.items
		}
		for _, rel := range st.relations(snap, w.qualifier, w.qualQuoted) {
			for _, col := range rel.columns {
				if match(col.Name) {
					c.add(col.Name, KindColumn, rel.name+" · "+col.Type, col.Name)
				}
			}
		}
		return c.items
	}

	onlyTables := tableContext[st.previousKeyword(offset-len(w.raw))]
	if !onlyTables {
		for _, rel := range st.allRelations(snap) {
			for _, col := range rel.columns {
				if match(col.Name) {
					c.add(col.Name, KindColumn, rel.name+" · "+col.Type, col.Name)
				}
			}
		}
	}
	inPath := searchPath(snap)
	for i := range snap.Schemas {
		sc := &snap.Schemas[i]
		qualify := !inPath[sc.Name]
		for _, t := range sc.Tables {
			if match(t.Name) || qualify && match(sc.Name) {
				c.addRelation(sc.Name, t.Name, qualify, KindTable, tableDetail(sc.Name, &t))
			}
		}
		for _, v := range sc.Views {
			if match(v.Name) || qualify && match(sc.Name) {
				c.addRelation(sc.Name, v.Name, qualify, KindView, viewDetail(sc.Name, &v))
			}
		}
	}
	for _, sc := range snap.Schemas {
		if match(sc.Name) {
			c.add(sc.Name, KindSchema, "schema", sc.Name)
		}
	}
	if !onlyTables && !w.quoted {
		for i := range snap.Schemas {
			sc := &snap.Schemas[i]
			if !inPath[sc.Name] {
				continue
			}
			for _, r := range sc.Routines {
				if match(r.Name) {
					c.add(r.Name, KindFunction, r.Signature(), r.Name)
				}
			}
		}
		for _, k := range sqlKeywords {
			if match(k) {
				c.items = append(c.items, CompletionItem{Label: k, Kind: KindKeyword, Detail: "keyword", InsertText: k})
			}
		}
	}
	return c.items
}

// WordRange is the range of text that a completion at offset replaces: the
// partial identifier before the cursor, with its opening quote.
func WordRange(d Dialect, text string, offset int) Range {
	offset = clampOffset(text, offset)
	w := wordAt(d, text, offset)
	return Range{Start: offset - len(w.raw), End: offset}
}

type completer struct {
	d      Dialect
	quoted bool
	items  []CompletionItem
	seen   map[string]bool
}

func (c *completer) add(label, kind, detail, name string) {
	key := kind + "\x00" + label
	if c.seen[key] {
		return
	}
	c.seen[key] = true
	c.items = append(c.items, CompletionItem{Label: label, Kind: kind, Detail: detail, InsertText: c.ident(name)})
}

func (c *completer) addRelation(schemaName, name string, qualify bool, kind, detail string) {
	if !qualify {
		c.add(name, kind, detail, name)
		return
	}
	label := schemaName + "." + name
	if c.seen[kind+"\x00"+label] {
		return
	}
	c.seen[kind+"\x00"+label] = true
	insert := c.ident(schemaName) + "." + c.ident(name)
	if c.quoted {
		// The user's opening quote belongs to the schema name here.
		insert = quoteIdent(c.d, schemaName) + "." + quoteIdent(c.d, name)
	}
	c.items = append(c.items, CompletionItem{Label: label, Kind: kind, Detail: detail, InsertText: insert})
}

// ident renders a name for insertion: quoted when the user started with a
// quote or when the dialect needs it.
func (c *completer) ident(name string) string {
	if c.quoted || needsQuote(c.d, name) {
		return quoteIdent(c.d, name)
	}
	return name
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
func needsQuote(d Dialect, name string) bool {
	if name == "" || keywordSet[strings.ToUpper(name)] {
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

func scanIdentForward(text string, offset int) int {
	i := offset
	for i < len(text) {
		r, n := utf8.DecodeRuneInString(text[i:])
		if !isIdentRune(r) {
			break
		}
		i += n
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

// findSchema finds a schema by name: exactly, then (for an unquoted name)
// case-insensitively.
func findSchema(snap *schema.Snapshot, name string, quoted bool) *schema.Schema {
	if sc := snap.Schema(name); sc != nil {
		return sc
	}
	if quoted {
		return nil
	}
	for i := range snap.Schemas {
		if strings.EqualFold(snap.Schemas[i].Name, name) {
			return &snap.Schemas[i]
		}
	}
	return nil
}

// statement is the text of the statement around the cursor with the words
// it mentions.
type statement struct {
	start int
	words []stmtWord
}

type stmtWord struct {
	text      string // unquoted
	quoted    bool
	start     int // absolute offsets
	end       int
	qualifier *stmtWord // the word before a '.', if any
}

// relation is a table or view that a statement mentions, with its columns.
type relation struct {
	name    string // schema.table
	alias   string
	columns []schema.Column
	table   *schema.Table
	view    *schema.View
	schema  string
}

// statementAt splits text on semicolons outside strings, quoted
// identifiers, comments and dollar-quoted bodies, and returns the words of
// the statement holding offset.
func statementAt(d Dialect, text string, offset int) statement {
	var st statement
	var words []stmtWord
	i := 0
	n := len(text)
	flush := func(end int) bool {
		if end >= offset {
			return true
		}
		words = words[:0]
		st.start = end + 1
		return false
	}
	for i < n {
		c := text[i]
		switch {
		case c == ';':
			if flush(i) {
				st.words = words
				return st
			}
			i++
		case c == '-' && i+1 < n && text[i+1] == '-', c == '#' && d == MySQL:
			j := strings.IndexByte(text[i:], '\n')
			if j < 0 {
				i = n
			} else {
				i += j + 1
			}
		case c == '/' && i+1 < n && text[i+1] == '*':
			j := strings.Index(text[i+2:], "*/")
			if j < 0 {
				i = n
			} else {
				i += j + 4
			}
		case c == '\'':
			i = skipQuoted(text, i, '\'')
		case c == '$' && d != MySQL && (i == 0 || !isIdentRune(rune(text[i-1]))):
			j := i + 1
			for j < n && (text[j] == '_' || isIdentRune(rune(text[j])) && text[j] != '$') {
				j++
			}
			if j < n && text[j] == '$' {
				tag := text[i : j+1]
				k := strings.Index(text[j+1:], tag)
				if k < 0 {
					i = n
				} else {
					i = j + 1 + k + len(tag)
				}
			} else {
				i++
			}
		case isQuote(d, c):
			end := skipQuoted(text, i, c)
			inner := text[i+1 : end]
			if end > i+1 && text[end-1] == c {
				inner = text[i+1 : end-1]
			}
			w := stmtWord{text: strings.ReplaceAll(inner, string(c)+string(c), string(c)), quoted: true, start: i, end: end}
			words = appendWord(text, words, w)
			i = end
		default:
			r, size := utf8.DecodeRuneInString(text[i:])
			if isIdentRune(r) && !(r >= '0' && r <= '9') {
				end := scanIdentForward(text, i)
				words = appendWord(text, words, stmtWord{text: text[i:end], start: i, end: end})
				i = end
			} else {
				i += size
			}
		}
	}
	st.words = words
	return st
}

// appendWord links a word to the word before a '.' that joins them.
func appendWord(text string, words []stmtWord, w stmtWord) []stmtWord {
	if len(words) > 0 && w.start > 0 && text[w.start-1] == '.' {
		prev := words[len(words)-1]
		if prev.end == w.start-1 {
			w.qualifier = &prev
		}
	}
	return append(words, w)
}

func skipQuoted(text string, i int, q byte) int {
	j := i + 1
	for j < len(text) {
		if text[j] == q {
			if j+1 < len(text) && text[j+1] == q {
				j += 2
				continue
			}
			return j + 1
		}
		j++
	}
	return len(text)
}

// previousKeyword is the unquoted word before pos in the statement, upper
// cased, skipping nothing: "FROM" in "SELECT * FROM |".
func (st statement) previousKeyword(pos int) string {
	for i := len(st.words) - 1; i >= 0; i-- {
		w := st.words[i]
		if w.end > pos {
			continue
		}
		if w.quoted {
			return ""
		}
		return strings.ToUpper(w.text)
	}
	return ""
}

// allRelations lists the tables and views the statement names.
func (st statement) allRelations(snap *schema.Snapshot) []relation {
	var out []relation
	seen := map[string]bool{}
	for i, w := range st.words {
		rel, ok := resolveRelation(snap, w)
		if !ok || seen[rel.name] {
			continue
		}
		seen[rel.name] = true
		rel.alias = aliasAfter(st.words, i)
		out = append(out, rel)
	}
	return out
}

// relations lists the relations that qualifier names in the statement: an
// alias, a table name, or a table that is not in the statement at all.
func (st statement) relations(snap *schema.Snapshot, qualifier string, quoted bool) []relation {
	all := st.allRelations(snap)
	var out []relation
	for _, rel := range all {
		if rel.alias != "" && nameEqual(rel.alias, qualifier, quoted) {
			out = append(out, rel)
		}
	}
	if len(out) > 0 {
		return out
	}
	for _, rel := range all {
		if nameEqual(rel.relName(), qualifier, quoted) {
			out = append(out, rel)
		}
	}
	if len(out) > 0 {
		return out
	}
	if rel, ok := resolveRelation(snap, stmtWord{text: qualifier, quoted: quoted}); ok {
		out = append(out, rel)
	}
	return out
}

func (r relation) relName() string {
	if r.table != nil {
		return r.table.Name
	}
	return r.view.Name
}

func nameEqual(name, written string, quoted bool) bool {
	if quoted {
		return name == written
	}
	return strings.EqualFold(name, written)
}

// aliasAfter returns the alias that follows words[i] ("orders o",
// "orders AS o"), if any.
func aliasAfter(words []stmtWord, i int) string {
	j := i + 1
	if j < len(words) && !words[j].quoted && strings.EqualFold(words[j].text, "AS") {
		j++
	}
	if j >= len(words) || words[j].qualifier != nil {
		return ""
	}
	w := words[j]
	if !w.quoted && keywordSet[strings.ToUpper(w.text)] || isAliasStop(w.text) {
		return ""
	}
	return w.text
}

func isAliasStop(s string) bool {
	return slices.Contains([]string{"NATURAL", "LATERAL", "WINDOW", "FETCH", "FOR"}, strings.ToUpper(s))
}

// resolveRelation finds the table or view a word names: with its
// qualifier's schema, else in the search path, else in any schema.
func resolveRelation(snap *schema.Snapshot, w stmtWord) (relation, bool) {
	if w.qualifier != nil {
		sc := findSchema(snap, w.qualifier.text, w.qualifier.quoted)
		if sc == nil {
			return relation{}, false
		}
		return relationIn(sc, w.text, w.quoted)
	}
	inPath := searchPath(snap)
	for pass := 0; pass < 2; pass++ {
		for i := range snap.Schemas {
			sc := &snap.Schemas[i]
			if inPath[sc.Name] != (pass == 0) {
				continue
			}
			if rel, ok := relationIn(sc, w.text, w.quoted); ok {
				return rel, true
			}
		}
	}
	return relation{}, false
}

func relationIn(sc *schema.Schema, name string, quoted bool) (relation, bool) {
	for pass := 0; pass < 2; pass++ {
		exact := pass == 0
		if !exact && quoted {
			break
		}
		for i := range sc.Tables {
			t := &sc.Tables[i]
			if t.Name == name || !exact && strings.EqualFold(t.Name, name) {
				return relation{name: sc.Name + "." + t.Name, columns: t.Columns, table: t, schema: sc.Name}, true
			}
		}
		for i := range sc.Views {
			v := &sc.Views[i]
			if v.Name == name || !exact && strings.EqualFold(v.Name, name) {
				return relation{name: sc.Name + "." + v.Name, columns: v.Columns, view: v, schema: sc.Name}, true
			}
		}
	}
	return relation{}, false
}
