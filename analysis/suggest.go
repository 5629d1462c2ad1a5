package analysis

import (
	"strconv"
	"strings"

	"github.com/dbls/dbls/drivers/schema"
)

// Ranks, the first character of SortText: in-scope items first.
const (
	rankJoin = iota
	rankScope
	rankAlias
	rankTables
	rankSchemas
	rankFunctions
	rankKeywords
	rankExprTables
	rankExprSchemas
	numRanks
)

func sortPrefix(rank int) string { return string(rune('0' + rank)) }

// Complete suggests what may be typed at offset (a byte offset into text,
// clamped to it), most relevant first: see CompletionItem.SortText.
func Complete(x *Index, d Dialect, doc *Document, offset int) []CompletionItem {
	items, _ := CompleteLimit(x, d, doc, offset, 0)
	return items
}

// CompleteLimit is Complete returning at most limit items (all when
// limit <= 0), the most relevant; truncated reports that there were more.
// On a large catalog, "FROM |" matches every table: a caller that shows a
// few hundred need not have ten thousand copied.
func CompleteLimit(x *Index, d Dialect, doc *Document, offset, limit int) (items []CompletionItem, truncated bool) {
	text := doc.text
	offset = clampOffset(text, offset)
	w := wordAt(d, text, offset)
	ix := x.of(d)
	a := analyze(ix, d, doc, offset, offset-len(w.raw))
	c := &completer{d: d, limit: limit, quoted: w.quoted, raw: w.prefix, prefix: strings.ToLower(w.prefix), seen: map[string]bool{}, ix: ix, p: a.p}
	ctx := &a.p.ctx
	if a.inLiteral {
		if a.str.Kind == String && ctx.set {
			c.enumLabels(ctx, a.str, offset)
		}
		return c.result(limit)
	}
	if !ctx.set || ctx.b == nil {
		*ctx = cursorCtx{set: true, prev: -1}
		if len(a.p.blocks) > 0 {
			ctx.b = a.p.blocks[0]
		}
	}
	switch {
	case c.objectPosition(w), c.keyColumns(ctx, w), c.typePosition(w), c.newNamePosition(ctx, w):
	case w.qualified:
		c.qualifiedJoinConditions(ctx, w)
		c.qualified(ctx, w.qualifier, w.qualQuoted)
	case c.ddlColumns(ctx):
	default:
		c.unqualified(ctx)
		c.selectAliases(ctx)
	}
	return c.result(limit)
}

type completer struct {
	d       Dialect
	limit   int // of CompleteLimit, or 0
	quoted  bool
	prefix  string // lower case
	raw     string // the prefix as typed
	seen    map[string]bool
	ix      *snapIndex
	p       *parser
	buckets [numRanks][]CompletionItem
	// more is set when a bucket was left unfilled past limit items.
	more bool
	// bulk is a shared list of the index that result copies after the
	// bucket of the same rank (never modified).
	bulk [numRanks][]CompletionItem
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

func (c *completer) match(s string) bool { return hasPrefixFold(s, c.prefix) }

func (c *completer) ident(name string) string { return identFor(c.d, name, c.quoted) }

// add appends an item unless one of that kind and label is there.
func (c *completer) add(rank int, label, kind, detail, insert string) {
	c.addDoc(rank, label, kind, detail, insert, "")
}

// addDoc is add with a description (a function's).
func (c *completer) addDoc(rank int, label, kind, detail, insert, doc string) {
	key := kind + "\x00" + label
	if c.seen[key] {
		return
	}
	c.seen[key] = true
	n := len(c.buckets[rank])
	sortText := sortPrefix(rank) + strconv.Itoa(100000+n)
	c.buckets[rank] = append(c.buckets[rank], CompletionItem{Label: label, Kind: kind, Detail: detail, InsertText: insert, SortText: sortText, Doc: doc})
}

func (c *completer) result(limit int) ([]CompletionItem, bool) {
	c.keepCase()
	n := 0
	for r, b := range c.buckets {
		n += len(b) + len(c.bulk[r])
	}
	if n == 0 {
		return nil, false
	}
	truncated := limit > 0 && n > limit || c.more
	if truncated {
		n = limit
	}
	out := make([]CompletionItem, 0, n)
	for r, b := range c.buckets {
		for _, part := range [][]CompletionItem{b, c.bulk[r]} {
			out = append(out, part[:min(len(part), n-len(out))]...)
		}
	}
	return out, truncated
}

// qualified completes after "qualifier.".
func (c *completer) qualified(ctx *cursorCtx, qual string, qq bool) {
	if t := ctx.target; t != nil && !qq && strings.EqualFold(qual, "excluded") && c.d != MySQL &&
		(ctx.b == nil || ctx.b.lookupQualifier(c.d, qual, qq, true) == nil) {
		// ON CONFLICT … DO UPDATE SET c = excluded.|: the row proposed.
		c.columnsOf(t, rankScope)
		return
	}
	if ctx.expectRef {
		if sc := c.ix.lookupSchema(qual, qq); sc != nil {
			c.schemaMembers(sc)
			return
		}
	}
	if ctx.b != nil {
		if r := ctx.b.lookupQualifier(c.d, qual, qq, true); r != nil {
			c.columnsOf(r, rankScope)
			return
		}
	}
	if sc := c.ix.lookupSchema(qual, qq); sc != nil {
		c.schemaMembers(sc)
		return
	}
	if r := c.p.doc.lookup(c.d, qual, qq); r != nil {
		c.columnsOf(r, rankScope)
		return
	}
	if e, ok := c.ix.lookupRel(nil, qual, qq); ok {
		c.columnsOf(e.relation(), rankScope)
		return
	}
	c.systemMembers(qual)
}

func (c *completer) schemaMembers(sc *schema.Schema) {
	// Past limit items, the rest would be cut from the answer anyway:
	// a schema of thousands of tables is not walked to the end.
	full := func() bool { return c.limit > 0 && len(c.buckets[rankScope]) > c.limit }
	for i := range sc.Tables {
		if full() {
			return
		}
		t := &sc.Tables[i]
		if c.match(t.Name) {
			c.add(rankScope, t.Name, KindTable, tableDetail(sc.Name, t), c.ident(t.Name))
		}
	}
	for i := range sc.Views {
		if full() {
			return
		}
		v := &sc.Views[i]
		if c.match(v.Name) {
			c.add(rankScope, v.Name, KindView, viewDetail(sc.Name, v), c.ident(v.Name))
		}
	}
	if c.quoted {
		return
	}
	q := ""
	if !c.ix.inPath[sc.Name] {
		q = sc.Name
	}
	for i := range sc.Routines {
		r := &sc.Routines[i]
		if c.match(r.Name) {
			sig := routineSignature(r, q)
			c.addDoc(rankFunctions, r.Name, KindFunction, sig.Label, identFor(c.d, r.Name, false)+"(", sig.Doc)
		}
	}
}

func (c *completer) columnsOf(r *relation, rank int) {
	for _, col := range r.columns {
		if c.match(col.Name) {
			c.add(rank, col.Name, KindColumn, colDetail(r, col), c.ident(col.Name))
		}
	}
}

func colDetail(r *relation, col schema.Column) string {
	if col.Type == "" {
		return r.display()
	}
	return r.display() + " · " + col.Type
}

func (c *completer) unqualified(ctx *cursorCtx) {
	p := c.p
	prev := p.word(ctx.prev)
	if c.windowClause(ctx) || c.usingColumns(ctx) || c.callPosition(ctx) {
		return
	}
	switch {
	case ctx.insCols:
		if ctx.target != nil {
			for _, col := range ctx.target.columns {
				if !containsName(ctx.listed, col.Name) && c.match(col.Name) {
					c.add(rankScope, col.Name, KindColumn, colDetail(ctx.target, col), c.ident(col.Name))
				}
			}
		}
		return
	case ctx.setStart && ctx.target != nil:
		c.columnsOf(ctx.target, rankScope)
		return
	case ctx.expectRef:
		c.joinTables(ctx)
		c.relations(ctx, rankTables, rankSchemas)
		if ctx.depth > 0 {
			c.keywords([]string{"SELECT"}) // FROM ( | : a subquery
		}
		return
	case ctx.clause == clNone && ctx.prev == -1 || ctx.afterWith && ctx.clause == clNone && p.punct(ctx.prev, ")"):
		c.keywords(statementKeywords)
		return
	}
	if ctx.clause == clFrom || ctx.clause == clUpdate || ctx.clause == clInsert || ctx.clause == clDelete {
		// After a FROM item (or an UPDATE or INSERT target): what follows it.
		c.keywords(c.afterItemKeywords(ctx))
		return
	}
	if ctx.onRel != nil && prev == "ON" && ctx.clause == clOn {
		c.joinConditions(ctx)
	}
	if c.prefix == "" {
		c.enumValues(ctx)
	}
	if ctx.b != nil {
		c.scopeColumns(ctx.b)
	}
	if !c.quoted {
		c.functions()
		c.keywords(c.clauseKeywords(ctx, prev))
	}
	if c.prefix != "" || len(c.ix.items) <= maxExprTables {
		c.relations(ctx, rankExprTables, rankExprSchemas)
	}
}

// maxExprTables: where an expression goes, a catalog with more relations
// than this offers its tables (ranked last, as qualifiers) only once a
// prefix is typed, rather than thousands of names nobody scrolls through.
const maxExprTables = 1000

// relations offers what can stand where a table goes: CTEs and tables
// created earlier in the document, the snapshot's tables and views, and
// schemas.
func (c *completer) relations(ctx *cursorCtx, tablesRank, schemasRank int) {
	inScope := rankScope
	if tablesRank == rankExprTables {
		inScope = rankAlias
		if ctx.b != nil {
			for _, r := range ctx.b.inScope() {
				if r.alias != "" && c.match(r.alias) {
					c.add(rankAlias, r.alias, KindTable, "alias of "+r.displayOrSub(), c.ident(r.alias))
				}
			}
		}
	} else {
		for x := ctx.b; x != nil; x = x.parent {
			for _, r := range x.ctes {
				if c.match(r.written) {
					c.add(inScope, r.written, KindTable, "CTE "+r.written, c.ident(r.written))
				}
			}
		}
	}
	for k := len(c.p.doc.list) - 1; k >= 0; k-- {
		r := c.p.doc.list[k]
		if c.match(r.written) {
			c.add(inScope, r.written, KindTable, "table "+r.name+" (created in this document)", c.ident(r.written))
		}
	}
	if c.prefix == "" && !c.quoted {
		// Every relation matches: the index's list as it is.
		if tablesRank == rankExprTables {
			c.bulk[tablesRank] = c.ix.all.expr
		} else {
			c.bulk[tablesRank] = c.ix.all.table
		}
	}
	var matched []int
	if c.bulk[tablesRank] == nil && c.prefix != "" && !strings.Contains(c.prefix, ".") {
		// Past limit items of this rank, the rest would be cut anyway.
		var more bool
		matched, more = c.ix.matching(c.prefix, c.limit)
		c.more = c.more || more
	} else if c.bulk[tablesRank] == nil {
		for i := range c.ix.items {
			if it := &c.ix.items[i]; hasPrefixFold(it.lowerName, c.prefix) || it.qualified && hasPrefixFold(it.lowerSchema, c.prefix) {
				matched = append(matched, i)
			}
		}
	}
	for _, i := range matched {
		it := &c.ix.items[i]
		item := it.table
		if tablesRank == rankExprTables {
			item = it.expr
		}
		item.InsertText = c.relInsert(it)
		c.buckets[tablesRank] = append(c.buckets[tablesRank], item)
	}
	for _, sc := range c.ix.schemaList {
		if c.match(sc.Name) {
			c.add(schemasRank, sc.Name, KindSchema, "schema", c.ident(sc.Name))
		}
	}
}

// relInsert is what an indexed relation inserts: quoted throughout when
// the user began with a quote.
func (c *completer) relInsert(it *relItem) string {
	if !c.quoted {
		return it.table.InsertText
	}
	if it.qualified {
		return quoteIdent(c.d, it.schemaName) + "." + quoteIdent(c.d, it.name)
	}
	return quoteIdent(c.d, it.name)
}

func (r *relation) displayOrSub() string {
	if r.kind == relDerived {
		return "subquery"
	}
	return r.display()
}

// scopeColumns offers the columns of the relations in scope, qualified
// with their alias when another relation of the same query level has a
// column of that name, or a closer level hides it (correlated subquery).
func (c *completer) scopeColumns(b *block) {
	inner := map[string]bool{} // column names of closer levels
	var rels []*relation
	for x := b; x != nil; x = x.parent {
		count := map[string]int{}
		for _, r := range x.refs {
			for _, col := range r.columns {
				count[col.Name]++
			}
		}
		for _, r := range x.refs {
			c.levelColumns(r, func(name string) bool { return count[name] > 1 || inner[name] })
		}
		for name := range count {
			inner[name] = true
		}
		rels = append(rels, x.refs...)
		if x.isolated {
			break
		}
	}
	for _, r := range rels {
		if r.alias != "" && c.match(r.alias) {
			c.add(rankAlias, r.alias, KindTable, "alias of "+r.displayOrSub(), c.ident(r.alias))
		} else if r.alias == "" && r.kind == relCTE && c.match(r.written) {
			c.add(rankAlias, r.written, KindTable, "CTE "+r.written, c.ident(r.written))
		}
	}
}

func (c *completer) levelColumns(r *relation, ambiguous func(string) bool) {
	q := r.qualifier()
	for _, col := range r.columns {
		amb := q != "" && ambiguous(col.Name)
		if !c.match(col.Name) && !(amb && c.match(q)) {
			continue
		}
		if amb {
			c.add(rankScope, q+"."+col.Name, KindColumn, colDetail(r, col), c.ident(q)+"."+identFor(c.d, col.Name, false))
			continue
		}
		c.add(rankScope, col.Name, KindColumn, colDetail(r, col), c.ident(col.Name))
	}
}

func (c *completer) keywords(list []string) {
	if c.quoted {
		return
	}
	lower := c.typedLower()
	for _, k := range list {
		if c.match(k) {
			ins := k
			if lower {
				ins = strings.ToLower(k)
			}
			c.add(rankKeywords, k, KindKeyword, "keyword", ins)
		}
	}
}

// keepCase writes the names completed in upper case when the user types
// in upper case (SELECT EM| → EMAIL), where the engine reads them the
// same: PostgreSQL folds unquoted names, SQLite compares them without
// case, MySQL does for columns and routines (table names may be
// case-sensitive there). Quoted names and join snippets stay as they are.
func (c *completer) keepCase() {
	if c.quoted || c.raw == "" || c.raw != strings.ToUpper(c.raw) || c.raw == strings.ToLower(c.raw) {
		return
	}
	for r := range c.buckets {
		if r == rankJoin || r == rankKeywords {
			continue
		}
		for i := range c.buckets[r] {
			it := &c.buckets[r][i]
			switch it.Kind {
			case KindColumn, KindFunction, KindParameter:
			case KindTable, KindView, KindSchema, KindWindow, KindIndex, KindSequence, KindType:
				if c.d == MySQL {
					continue
				}
			default:
				continue
			}
			// PostgreSQL folds only ASCII letters: é stays é, so a name
			// with others keeps its case.
			if it.Replace == nil && !strings.ContainsAny(it.InsertText, "\"`' ") && isASCII(it.InsertText) {
				it.InsertText = strings.ToUpper(it.InsertText)
			}
		}
	}
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// typedLower reports that the word being typed is in lower case (sel|):
// keywords are then inserted in lower case, as the user writes them.
func (c *completer) typedLower() bool {
	return c.raw != "" && c.raw == strings.ToLower(c.raw) && c.raw != strings.ToUpper(c.raw)
}

// joinConditions offers, right after JOIN x ON, the conditions of the
// foreign keys between x and the relations joined before it, either way.
func (c *completer) joinConditions(ctx *cursorCtx) {
	x := ctx.onRel
	if x.table == nil {
		return
	}
	for _, r := range ctx.b.refs {
		if r == x {
			break
		}
		if r.table == nil {
			continue
		}
		for _, fk := range x.table.ForeignKeys {
			if references(fk, r) {
				c.joinItem(x, r, fk)
			}
		}
		for _, fk := range r.table.ForeignKeys {
			if references(fk, x) {
				c.joinItem(r, x, fk)
			}
		}
	}
}

// qualifiedJoinConditions offers, after "JOIN x ON q.", the conditions of
// the foreign keys between x and a relation joined before it that involve
// the relation named q, written with q's side first. They replace "q." as
// well, so that the item still matches what the user typed.
func (c *completer) qualifiedJoinConditions(ctx *cursorCtx, w word) {
	x := ctx.onRel
	if x == nil || x.table == nil || ctx.clause != clOn || w.qualQuoted || c.quoted {
		return
	}
	for _, r := range ctx.b.refs {
		if r == x {
			break
		}
		if r.table == nil {
			continue
		}
		for _, fk := range x.table.ForeignKeys {
			if references(fk, r) {
				c.qualifiedJoinItem(x, r, fk, w.qualifier)
			}
		}
		for _, fk := range r.table.ForeignKeys {
			if references(fk, x) {
				c.qualifiedJoinItem(r, x, fk, w.qualifier)
			}
		}
	}
}

// qualifiedJoinItem renders the condition of a foreign key of from with
// the side of the relation named qual first, when it is one of the two.
func (c *completer) qualifiedJoinItem(from, to *relation, fk schema.ForeignKey, qual string) {
	if len(fk.Columns) == 0 || len(fk.Columns) != len(fk.RefColumns) {
		return
	}
	swap := false
	switch {
	case strings.EqualFold(from.qualifier(), qual):
	case strings.EqualFold(to.qualifier(), qual):
		swap = true
	default:
		return
	}
	qf, qt := identFor(c.d, from.qualifier(), false), identFor(c.d, to.qualifier(), false)
	parts := make([]string, len(fk.Columns))
	for i := range fk.Columns {
		a, b := qf+"."+identFor(c.d, fk.Columns[i], false), qt+"."+identFor(c.d, fk.RefColumns[i], false)
		if swap {
			a, b = b, a
		}
		parts[i] = a + " = " + b
	}
	cond := strings.Join(parts, " AND ")
	if _, rest, _ := strings.Cut(cond, "."); !c.match(rest) {
		return
	}
	detail := "join on foreign key"
	if fk.Name != "" {
		detail += " " + fk.Name
	}
	before := len(c.buckets[rankJoin])
	c.add(rankJoin, cond, KindKeyword, detail, cond)
	if len(c.buckets[rankJoin]) > before {
		c.buckets[rankJoin][before].EditBack = len(qual) + 1
	}
}

func references(fk schema.ForeignKey, r *relation) bool {
	return fk.RefTable == r.table.Name && (fk.RefSchema == "" || fk.RefSchema == r.schema)
}

// joinItem renders from.cols = to.refcols for a foreign key of from.
func (c *completer) joinItem(from, to *relation, fk schema.ForeignKey) {
	if len(fk.Columns) == 0 || len(fk.Columns) != len(fk.RefColumns) {
		return
	}
	qf, qt := identFor(c.d, from.qualifier(), false), identFor(c.d, to.qualifier(), false)
	parts := make([]string, len(fk.Columns))
	for i := range fk.Columns {
		parts[i] = qf + "." + identFor(c.d, fk.Columns[i], false) + " = " + qt + "." + identFor(c.d, fk.RefColumns[i], false)
	}
	cond := strings.Join(parts, " AND ")
	if c.quoted || !c.match(cond) && !c.match(from.qualifier()) {
		return
	}
	detail := "join on foreign key"
	if fk.Name != "" {
		detail += " " + fk.Name
	}
	c.add(rankJoin, cond, KindKeyword, detail, cond)
}

var statementKeywords = []string{
	"SELECT", "INSERT INTO", "UPDATE", "DELETE FROM", "WITH", "VALUES", "CREATE TABLE", "CREATE VIEW",
	"CREATE INDEX", "ALTER TABLE", "DROP TABLE", "TRUNCATE", "EXPLAIN", "BEGIN", "COMMIT", "ROLLBACK",
}

var (
	predicateKeywords = []string{"AND", "OR", "NOT", "IN", "IS NULL", "IS NOT NULL", "LIKE", "BETWEEN", "EXISTS", "CASE", "NULL", "TRUE", "FALSE"}
	joinKeywords      = []string{"JOIN", "INNER JOIN", "LEFT JOIN", "RIGHT JOIN", "FULL JOIN", "CROSS JOIN"}
	tailKeywords      = []string{"GROUP BY", "ORDER BY", "LIMIT", "UNION", "UNION ALL"}
)

func (c *completer) afterItemKeywords(ctx *cursorCtx) []string {
	switch ctx.clause {
	case clUpdate:
		return []string{"SET", "AS"}
	case clInsert:
		return []string{"VALUES", "SELECT", "DEFAULT VALUES", "AS"}
	case clDelete:
		return []string{"FROM"}
	}
	var out []string
	if ctx.joinRef {
		out = append(out, "ON", "USING")
	}
	out = append(out, "AS")
	out = append(out, joinKeywords...)
	out = append(out, "WHERE")
	if ctx.stmtKind == "UPDATE" {
		out = append(out, "SET")
	}
	return append(out, tailKeywords...)
}

func (c *completer) clauseKeywords(ctx *cursorCtx, prev string) []string {
	var out []string
	switch ctx.clause {
	case clSelect:
		if prev == "SELECT" {
			out = append(out, "DISTINCT", "ALL")
		}
		out = append(out, "CASE", "CAST", "EXISTS", "NOT", "NULL", "TRUE", "FALSE", "AS", "FROM")
	case clWhere:
		out = append(append(out, predicateKeywords...), tailKeywords...)
		if ctx.stmtKind == "UPDATE" || ctx.stmtKind == "DELETE" {
			out = append(out, "RETURNING")
		}
	case clOn:
		out = append(append(append(out, predicateKeywords...), joinKeywords...), "WHERE")
		out = append(out, tailKeywords...)
	case clHaving:
		out = append(append(out, predicateKeywords...), "ORDER BY", "LIMIT")
	case clGroup:
		out = append(out, "HAVING", "ORDER BY", "LIMIT", "ROLLUP")
	case clOrder:
		out = append(out, "ASC", "DESC", "NULLS FIRST", "NULLS LAST", "LIMIT", "OFFSET")
	case clLimit:
		out = append(out, "OFFSET")
	case clSet:
		out = append(out, "WHERE", "RETURNING", "DEFAULT", "NULL", "CASE")
	case clValues:
		out = append(out, "DEFAULT", "NULL", "TRUE", "FALSE", "RETURNING")
		if c.d == MySQL {
			out = append(out, "ON DUPLICATE KEY UPDATE")
		} else {
			out = append(out, "ON CONFLICT")
		}
	case clReturning:
		out = append(out, "AS")
	case clUsing:
	default:
		out = sqlKeywords
	}
	return out
}
