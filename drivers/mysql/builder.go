package mysql

import (
	"strings"

	"github.com/dbls/dbls/drivers/schema"
	"github.com/dbls/dbls/drivers/sqltext"
)

// builder joins the catalog rows into schemas. Objects are kept behind
// pointers while rows are attached and copied into the schema's slices at
// the end.
type builder struct {
	mariaDB  bool
	order    []string
	bySchema map[string]*schemaParts
	tables   map[objKey]*tableParts // schema, "", table
	views    map[objKey]*schema.View
	routines map[objKey]*schema.Routine // schema, kind, name
	bodies   []routineBody              // routines and their rows, for definitions
}

type schemaParts struct {
	tables   []*tableParts
	views    []*schema.View
	routines []*schema.Routine
	triggers []schema.Trigger
	events   []schema.Event
	seqs     []schema.Sequence
}

type tableParts struct {
	schema.Table
	charset, collation string // the table's defaults
}

func newBuilder(r *reader) *builder {
	b := &builder{
		mariaDB:  r.c.flavor.mariaDB,
		bySchema: map[string]*schemaParts{},
		tables:   map[objKey]*tableParts{},
		views:    map[objKey]*schema.View{},
		routines: map[objKey]*schema.Routine{},
	}
	for _, s := range r.selected() {
		b.order = append(b.order, s)
		b.bySchema[s] = &schemaParts{}
	}
	return b
}

func (b *builder) schemas() []schema.Schema {
	out := make([]schema.Schema, 0, len(b.order))
	for _, name := range b.order {
		p := b.bySchema[name]
		s := schema.Schema{Name: name, Triggers: p.triggers, Events: p.events, Sequences: p.seqs}
		// Sized first: grown by appending, the table list (100,000 tables of
		// some 300 bytes) would allocate twice itself again, at the moment
		// the heap is largest.
		if len(p.tables) > 0 {
			s.Tables = make([]schema.Table, 0, len(p.tables))
		}
		for _, t := range p.tables {
			s.Tables = append(s.Tables, t.Table)
		}
		for _, v := range p.views {
			s.Views = append(s.Views, *v)
		}
		for _, rt := range p.routines {
			s.Routines = append(s.Routines, *rt)
		}
		out = append(out, s)
	}
	return out
}

func (b *builder) addTables(rows []tableRow) {
	for _, r := range rows {
		sp := b.bySchema[r.schema]
		if sp == nil {
			continue
		}
		t := &tableParts{Table: schema.Table{Name: r.name, Comment: r.comment, Options: map[string]string{}}}
		if r.engine.Valid {
			t.Options["engine"] = r.engine.String
		}
		if r.collation.Valid {
			t.collation = r.collation.String
			t.charset = charsetOf(r.collation.String)
			t.Options["collation"] = t.collation
			t.Options["charset"] = t.charset
		}
		if r.kind == "SYSTEM VERSIONED" {
			t.Options["system_versioning"] = "true"
		}
		if o := createOptions(r.createOptions.String); o != "" {
			t.Options["create_options"] = o
		}
		if r.partitioning != "" {
			t.Options["partitioning"] = r.partitioning
		}
		sp.tables = append(sp.tables, t)
		b.tables[objKey{r.schema, "", r.name}] = t
	}
}

// charsetOf derives the character set from a collation name: every
// collation is named charset_… ("utf8mb4_unicode_ci"), and no character set
// name contains an underscore; "binary" is both.
func charsetOf(collation string) string {
	cs, _, _ := strings.Cut(collation, "_")
	return cs
}

// addColumns attaches the column lists readColumns built, finishing each
// in place for its table or view.
func (b *builder) addColumns(lists map[objKey][]schema.Column) {
	for k, cols := range lists {
		if t := b.tables[k]; t != nil {
			for i := range cols {
				tableDefaults(&cols[i], t)
			}
			t.Columns = cols
		} else if v := b.views[k]; v != nil {
			for i := range cols {
				cols[i] = viewColumn(cols[i])
			}
			v.Columns = cols
		}
	}
}

// rawColumn is a column as a table's, with its own character set and
// collation whatever the table's (see tableDefaults).
func rawColumn(r columnRow, mariaDB bool) schema.Column {
	c := schema.Column{
		Name:          r.name,
		Position:      r.position,
		Type:          r.columnType,
		Nullable:      r.nullable == "YES",
		Default:       ownDefault(normalizeDefault(r.def, r.dataType, r.extra, mariaDB), r.schema),
		AutoIncrement: strings.Contains(strings.ToLower(r.extra), "auto_increment"),
		OnUpdate:      normalizeOnUpdate(r.extra),
		Comment:       r.comment,
		Invisible:     strings.Contains(strings.ToUpper(r.extra), "INVISIBLE"),
		Collation:     r.collation.String,
		Charset:       r.charset.String,
	}
	if isGenerated(r.extra) && r.genExpr.Valid {
		c.Generated = &schema.Generated{
			Expr:   r.genExpr.String,
			Stored: !strings.Contains(strings.ToUpper(r.extra), "VIRTUAL"),
		}
	}
	return c
}

// tableDefaults keeps only the character set and collation that differ
// from the table's defaults, so that a table converted to another
// character set does not report every column as changed.
func tableDefaults(c *schema.Column, t *tableParts) {
	if c.Collation == t.collation {
		c.Collation = ""
	}
	if c.Charset == t.charset {
		c.Charset = ""
	}
}

// viewColumn keeps what a view's column has; the defaults the catalog shows
// for view columns are those of the underlying table and mean nothing here.
func viewColumn(c schema.Column) schema.Column {
	return schema.Column{
		Name:     c.Name,
		Position: c.Position,
		Type:     c.Type,
		Nullable: c.Nullable,
		Comment:  c.Comment,
	}
}

// tableKeys are a table's primary key, unique constraints and indexes as
// readIndexes finds them.
type tableKeys struct {
	primaryKey *schema.PrimaryKey
	uniques    []schema.Unique
	indexes    []schema.Index
}

// addKeys attaches the keys readIndexes read to their tables.
func (b *builder) addKeys(keys map[objKey]*tableKeys) {
	for k, keys := range keys {
		if t := b.tables[k]; t != nil {
			t.PrimaryKey, t.Uniques, t.Indexes = keys.primaryKey, keys.uniques, keys.indexes
		}
	}
}

func sameIndex(a, b indexRow) bool {
	return a.schema == b.schema && a.table == b.table && a.name == b.name
}

// add sorts one index's STATISTICS rows (ordered by key part) into the
// primary key, unique constraints and other indexes. A UNIQUE index whose
// key parts are all whole, ascending columns is a unique constraint
// (schema.Unique); one with a prefix, a descending part, an expression or a
// non-BTREE method (MariaDB's HASH for long unique keys) stays an Index
// with Unique set, because schema.Unique cannot say those things.
//
// InnoDB creates an index for a foreign key that has none, named after the
// constraint; it is reported here as the server has it (a plain Index) and
// left to the diff engine to recognize.
func (t *tableKeys) add(parts []indexRow) {
	first := parts[0]
	cols := make([]schema.IndexColumn, len(parts))
	plain := true
	for i, p := range parts {
		cols[i] = indexColumn(p)
		if cols[i].Name == "" || cols[i].Length > 0 || cols[i].Desc {
			plain = false
		}
	}
	method := strings.ToLower(first.indexType)
	if method == "btree" {
		method = "" // the engine default
	}
	switch {
	case first.name == "PRIMARY":
		// Always named PRIMARY and not nameable: the name carries nothing.
		pk := &schema.PrimaryKey{}
		for _, c := range cols {
			pk.Columns = append(pk.Columns, c.Name)
		}
		t.primaryKey = pk
	case !first.nonUnique && plain && method == "" && first.comment == "" && !first.invisible:
		u := schema.Unique{Name: first.name}
		for _, c := range cols {
			u.Columns = append(u.Columns, c.Name)
		}
		t.uniques = append(t.uniques, u)
	default:
		t.indexes = append(t.indexes, schema.Index{
			Name:      first.name,
			Columns:   cols,
			Unique:    !first.nonUnique,
			Method:    method,
			Comment:   first.comment,
			Invisible: first.invisible,
		})
	}
}

func indexColumn(p indexRow) schema.IndexColumn {
	c := schema.IndexColumn{Desc: p.collation.String == "D"}
	if p.column.Valid {
		c.Name = p.column.String
	} else if p.expr.Valid {
		c.Expr = p.expr.String
	}
	// MariaDB reports a SUB_PART of 32 for every SPATIAL index part, a
	// length that CREATE SPATIAL INDEX refuses ("Incorrect prefix key").
	if p.subPart.Valid && !strings.EqualFold(p.indexType, "SPATIAL") {
		c.Length = int(p.subPart.Int64)
	}
	return c
}

// addForeignKeys groups key-column rows (ordered by position) per
// constraint and attaches the rules.
func (b *builder) addForeignKeys(rows []fkColumnRow, rules map[objKey][2]string) {
	for i := 0; i < len(rows); {
		first := rows[i]
		k := objKey{first.schema, first.table, first.name}
		fk := schema.ForeignKey{Name: first.name, RefSchema: first.refSchema, RefTable: first.refTable}
		for ; i < len(rows) && (objKey{rows[i].schema, rows[i].table, rows[i].name}) == k; i++ {
			fk.Columns = append(fk.Columns, rows[i].column)
			fk.RefColumns = append(fk.RefColumns, rows[i].refColumn)
		}
		rule := rules[k]
		fk.OnDelete, fk.OnUpdate = rule[0], rule[1]
		if t := b.tables[objKey{first.schema, "", first.table}]; t != nil {
			t.ForeignKeys = append(t.ForeignKeys, fk)
		}
	}
}

// addChecks attaches CHECK constraints; MariaDB names a column-level check
// after its column and says so in LEVEL.
func (b *builder) addChecks(rows []checkRow) {
	for _, r := range rows {
		t := b.tables[objKey{r.schema, "", r.table}]
		if t == nil {
			continue
		}
		c := schema.Check{Name: r.name, Expr: unparenthesize(r.clause)}
		if strings.EqualFold(r.level, "Column") {
			c.Column = r.name
		}
		t.Checks = append(t.Checks, c)
	}
}

func (b *builder) addViews(rows []viewRow) {
	for _, r := range rows {
		sp := b.bySchema[r.schema]
		if sp == nil {
			continue
		}
		def := unqualify(strings.TrimSpace(r.definition.String), r.schema)
		v := &schema.View{Name: r.name, Definition: def, Options: viewOptions(r)}
		sp.views = append(sp.views, v)
		b.views[objKey{r.schema, "", r.name}] = v
	}
}

// addRoutines attaches parameters (ordered by position) to their routine.
// MySQL leaves a function parameter's mode NULL where MariaDB says IN; both
// become "in".
func (b *builder) addRoutines(rows []routineRow, params []paramRow) {
	for _, r := range rows {
		sp := b.bySchema[r.schema]
		if sp == nil {
			continue
		}
		rt := &schema.Routine{
			Name:     r.name,
			Kind:     r.kind,
			Language: strings.ToLower(r.language),
			Comment:  r.comment,
			SQLMode:  r.sqlMode,
		}
		if r.kind == schema.RoutineFunction {
			rt.Returns = r.returns.String
		}
		sp.routines = append(sp.routines, rt)
		b.routines[objKey{r.schema, r.kind, r.name}] = rt
		b.bodies = append(b.bodies, routineBody{r, rt})
	}
	for _, p := range params {
		rt := b.routines[objKey{p.schema, p.kind, p.routine}]
		if rt == nil {
			continue
		}
		mode := strings.ToLower(p.mode.String)
		if mode == "" {
			mode = "in"
		}
		rt.Params = append(rt.Params, schema.Parameter{Name: p.name.String, Type: p.typ, Mode: mode})
	}
	b.routineDefinitions()
}

// addTriggers reads rows in ACTION_ORDER within each table, timing and
// event: each trigger follows the one before it there.
func (b *builder) addTriggers(rows []triggerRow) {
	for i, r := range rows {
		sp := b.bySchema[r.schema]
		if sp == nil {
			continue
		}
		tr := schema.Trigger{
			Name:       r.name,
			Table:      r.table,
			Timing:     strings.ToUpper(r.timing),
			Events:     []string{strings.ToUpper(r.event)},
			Definition: r.statement,
			SQLMode:    r.sqlMode,
		}
		if i > 0 {
			if p := rows[i-1]; p.schema == r.schema && p.table == r.table && strings.EqualFold(p.timing, r.timing) &&
				strings.EqualFold(p.event, r.event) {
				tr.Follows = p.name
			}
		}
		sp.triggers = append(sp.triggers, tr)
	}
}

// unqualify removes the `schema`. qualifier the server writes before every
// name of the view's own schema in a stored definition, so that the same
// view reads the same in databases of different names (dev and prod).
// Strings and other identifiers, as the scanner reads them, are left alone.
func unqualify(def, schemaName string) string {
	prefix := Dialect{}.QuoteIdent(schemaName)
	toks := sqltext.Lex(sqltext.MySQL, def)
	var b strings.Builder
	last := 0
	for i := 0; i+1 < len(toks); i++ {
		name, dot := toks[i], toks[i+1]
		if name.Kind == sqltext.QuotedIdent && name.Text(def) == prefix &&
			dot.Kind == sqltext.Punct && dot.Start == name.End && dot.Text(def) == "." {
			b.WriteString(def[last:name.Start])
			last = dot.End
			i++
		}
	}
	b.WriteString(def[last:])
	return b.String()
}
