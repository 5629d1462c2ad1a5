package analysis

import (
	"context"
	"strings"
	"unicode/utf8"
)

// Symbol is an outline entry: one per statement, with the CTEs of a WITH
// as children.
type Symbol struct {
	// Name says what the statement does: "SELECT … FROM orders",
	// "CREATE TABLE shop.orders", "INSERT INTO orders", a CTE's name.
	Name string
	// Kind is one of the Symbol* constants.
	Kind string
	// Range is the whole statement (or CTE); Selection, inside it, the
	// name to highlight (the object's name, else the first word).
	Range, Selection Range
	Children         []Symbol
}

// Symbol kinds: by the statement's verb, and by the object created,
// altered or dropped.
const (
	SymbolQuery     = "query" // SELECT, VALUES, TABLE
	SymbolInsert    = "insert"
	SymbolUpdate    = "update"
	SymbolDelete    = "delete"
	SymbolTable     = "table" // CREATE TABLE
	SymbolView      = "view"
	SymbolIndex     = "index"
	SymbolFunction  = "function" // CREATE FUNCTION, PROCEDURE
	SymbolTrigger   = "trigger"
	SymbolSchema    = "schema"
	SymbolOtherDDL  = "ddl" // CREATE of other objects, ALTER, DROP, TRUNCATE, COMMENT, GRANT, …
	SymbolCTE       = "cte"
	SymbolCommand   = "command" // a client command (psql \…, sqlite3 .…)
	SymbolStatement = "statement"
)

// maxSymbolName bounds a name made from statement text.
const maxSymbolName = 60

// Symbols outlines doc: one symbol per statement, in document order.
func Symbols(d Dialect, doc *Document) []Symbol {
	out, _ := SymbolsContext(context.Background(), d, doc)
	return out
}

// MaxSymbols bounds the outline of a document: past it an editor's
// outline is of no use, and a 10 MB dump has a hundred thousand
// statements.
const MaxSymbols = 10_000

// SymbolsContext is Symbols that stops when ctx ends, with its error. It
// returns at most MaxSymbols symbols, those of the first statements.
func SymbolsContext(ctx context.Context, d Dialect, doc *Document) ([]Symbol, error) {
	text := doc.text
	l := doc.scanned(d)
	var out []Symbol
	for k, c := range l.chunks {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		base := l.starts[k]
		all := appendShifted(make([]Token, 0, len(c.Toks)), c.Toks, base)
		for _, st := range c.Stmts {
			if len(out) >= MaxSymbols {
				return out, nil
			}
			st = ShiftStatement(st, base)
			if st.Range.End <= st.Range.Start {
				continue
			}
			if st.Command {
				out = append(out, Symbol{Name: shortText(st.Text(text)), Kind: SymbolCommand, Range: st.Range, Selection: st.Range})
				continue
			}
			var toks []Token
			for i := firstTokenAt(all, st.Range.Start); i < len(all) && all[i].Start < st.Range.End; i++ {
				switch all[i].Kind {
				case Comment, Delimiter, Command:
					continue
				}
				toks = append(toks, all[i])
			}
			if len(toks) == 0 {
				continue
			}
			out = append(out, statementSymbol(d, text, st, toks))
		}
	}
	if out == nil {
		out = []Symbol{}
	}
	return out, nil
}

func statementSymbol(d Dialect, text string, st Statement, toks []Token) Symbol {
	p := newParser(d, text, toks, nil, nil)
	b := p.parseBlock(0, len(toks), nil)
	sym := Symbol{Range: st.Range, Selection: Range{Start: toks[0].Start, End: toks[0].End}, Kind: SymbolStatement}
	verb := 0
	if p.word(0) == "WITH" {
		verb = p.mainVerb()
		for _, cte := range b.ctes {
			sym.Children = append(sym.Children, p.cteSymbol(cte))
		}
	}
	w := p.word(verb)
	if verb > 0 {
		sym.Selection = Range{Start: toks[verb].Start, End: toks[verb].End}
	}
	refName := func(i int) string {
		if i >= len(b.refs) || b.refs[i].nameTok < 0 {
			return ""
		}
		return p.qualifiedText(b.refs[i].nameTok)
	}
	switch w {
	case "SELECT", "VALUES", "TABLE":
		sym.Kind = SymbolQuery
		var names []string
		for _, r := range b.refs {
			if r.nameTok >= 0 && len(names) < 3 {
				names = append(names, p.qualifiedText(r.nameTok))
			}
		}
		switch {
		case len(names) == 0:
			sym.Name = shortText(text[toks[verb].Start:st.Range.End])
		case len(b.refs) > len(names):
			sym.Name = w + " … FROM " + strings.Join(names, ", ") + ", …"
		default:
			sym.Name = w + " … FROM " + strings.Join(names, ", ")
		}
	case "INSERT", "REPLACE", "UPDATE", "DELETE":
		sym.Kind = map[string]string{"INSERT": SymbolInsert, "REPLACE": SymbolInsert, "UPDATE": SymbolUpdate, "DELETE": SymbolDelete}[w]
		prefix := map[string]string{"INSERT": "INSERT INTO ", "REPLACE": "REPLACE INTO ", "UPDATE": "UPDATE ", "DELETE": "DELETE FROM "}[w]
		if n := refName(0); n != "" {
			sym.Name = prefix + n
			r := b.refs[0]
			sym.Selection = p.qualifiedRange(r.nameTok)
		} else {
			sym.Name = shortText(text[toks[verb].Start:st.Range.End])
		}
	case "CREATE", "ALTER", "DROP":
		sym.Name, sym.Kind, sym.Selection = p.ddlSymbol(verb, sym.Selection)
	default:
		sym.Name = shortText(text[toks[max(verb, 0)].Start:st.Range.End])
		switch w {
		case "TRUNCATE", "COMMENT", "GRANT", "REVOKE":
			sym.Kind = SymbolOtherDDL
		}
	}
	if sym.Name == "" {
		sym.Name = shortText(st.Text(text))
	}
	return sym
}

// mainVerb is the index of the statement's verb after a WITH list, or -1.
func (p *parser) mainVerb() int {
	for i := 1; i < len(p.toks); i++ {
		if p.punct(i, "(") {
			if j := p.match[i]; j > i {
				i = j
			}
			continue
		}
		switch p.word(i) {
		case "SELECT", "INSERT", "UPDATE", "DELETE", "MERGE", "VALUES", "TABLE", "REPLACE":
			return i
		}
	}
	return -1
}

// cteSymbol outlines a CTE: from its name to the end of its body.
func (p *parser) cteSymbol(cte *relation) Symbol {
	k := cte.nameTok
	sel := Range{Start: p.toks[k].Start, End: p.toks[k].End}
	end := k
	i := k + 1
	if p.punct(i, "(") && p.match[i] > i && p.match[i] < len(p.toks) {
		i = p.match[i] + 1
	}
	if p.word(i) == "AS" {
		i++
	}
	for p.word(i) == "NOT" || p.word(i) == "MATERIALIZED" {
		i++
	}
	if p.punct(i, "(") {
		end = min(p.match[i], len(p.toks)-1)
	}
	return Symbol{Name: p.text(k), Kind: SymbolCTE, Range: Range{Start: p.toks[k].Start, End: p.toks[end].End}, Selection: sel}
}

// qualifiedText is the name ending at token k with its qualifiers, as
// written.
func (p *parser) qualifiedText(k int) string {
	r := p.qualifiedRange(k)
	return p.src[r.Start:r.End]
}

func (p *parser) qualifiedRange(k int) Range {
	start := k
	for start >= 2 && p.punct(start-1, ".") && p.isName(start-2) {
		start -= 2
	}
	return Range{Start: p.toks[start].Start, End: p.toks[k].End}
}

// ddlObject maps the object word of CREATE/ALTER/DROP to a symbol kind.
var ddlObject = map[string]string{
	"TABLE": SymbolTable, "VIEW": SymbolView, "INDEX": SymbolIndex, "FUNCTION": SymbolFunction,
	"PROCEDURE": SymbolFunction, "TRIGGER": SymbolTrigger, "SCHEMA": SymbolSchema, "DATABASE": SymbolSchema,
	"SEQUENCE": SymbolOtherDDL, "TYPE": SymbolOtherDDL, "EXTENSION": SymbolOtherDDL, "DOMAIN": SymbolOtherDDL,
	"EVENT": SymbolOtherDDL, "ROLE": SymbolOtherDDL, "USER": SymbolOtherDDL, "POLICY": SymbolOtherDDL,
	"RULE": SymbolOtherDDL, "AGGREGATE": SymbolFunction,
}

// ddlModifiers may stand between CREATE and the object word.
var ddlModifiers = makeSet(`OR REPLACE TEMP TEMPORARY UNLOGGED GLOBAL LOCAL MATERIALIZED VIRTUAL UNIQUE
RECURSIVE DEFINER ALGORITHM UNDEFINED MERGE TEMPTABLE SQL SECURITY INVOKER ONLINE OFFLINE FULLTEXT SPATIAL
CONSTRAINT`)

// ddlSymbol names CREATE/ALTER/DROP statements "CREATE TABLE shop.orders";
// an index also names its table ("CREATE INDEX i ON orders").
func (p *parser) ddlSymbol(verb int, first Range) (name, kind string, sel Range) {
	i := verb + 1
	words := []string{p.word(verb)}
	for ; i < len(p.toks); i++ {
		w := p.word(i)
		if ddlObject[w] != "" {
			break
		}
		// Modifiers, and MySQL's DEFINER = user@host, ALGORITHM = x.
		if !ddlModifiers[w] && !p.punct(i, "=") && !p.punct(i-1, "=") && p.toks[i].Kind != Param {
			return shortText(p.src[p.toks[verb].Start:p.toks[len(p.toks)-1].End]), SymbolOtherDDL, first
		}
		if w == "MATERIALIZED" || w == "UNIQUE" || w == "TEMPORARY" || w == "TEMP" {
			words = append(words, w)
		}
	}
	if i >= len(p.toks) {
		return shortText(p.src[p.toks[verb].Start:p.toks[len(p.toks)-1].End]), SymbolOtherDDL, first
	}
	obj := p.word(i)
	kind = ddlObject[obj]
	words = append(words, obj)
	i++
	if p.word(i) == "IF" {
		i++
		if p.word(i) == "NOT" {
			i++
		}
		if p.word(i) == "EXISTS" {
			i++
		}
	}
	if p.word(i) == "CONCURRENTLY" {
		i++
	}
	if !p.isName(i) || p.word(i) == "ON" {
		n := strings.Join(words, " ")
		if p.word(i) == "ON" && p.isName(i+1) {
			end := p.qualifiedEnd(i + 1)
			return n + " ON " + p.qualifiedText(end), kind, p.qualifiedRange(end)
		}
		return n, kind, first
	}
	end := p.qualifiedEnd(i)
	name = strings.Join(words, " ") + " " + p.qualifiedText(end)
	sel = p.qualifiedRange(end)
	if obj == "INDEX" && p.word(end+1) == "ON" {
		k := end + 2
		if p.word(k) == "ONLY" {
			k++
		}
		if p.isName(k) {
			name += " ON " + p.qualifiedText(p.qualifiedEnd(k))
		}
	}
	return name, kind, sel
}

// qualifiedEnd is the last token of the name(.name)* starting at i.
func (p *parser) qualifiedEnd(i int) int {
	for p.punct(i+1, ".") && p.isName(i+2) {
		i += 2
	}
	return i
}

// shortText is s on one line, spaces collapsed, cut at maxSymbolName
// characters.
func shortText(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= maxSymbolName {
		return s
	}
	n := 0
	for i := range s {
		if n == maxSymbolName {
			return strings.TrimSpace(s[:i]) + " …"
		}
		n++
	}
	return s
}
