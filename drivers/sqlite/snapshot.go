package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"

	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/schema"
)

// querier is what the catalog readers need: a transaction, so that every
// query of one snapshot sees the same state of the file.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// Snapshot implements drivers.Conn: main and every attached database, five
// catalog queries each, in one read transaction.
func (c *Conn) Snapshot(ctx context.Context, f drivers.Filter) (*schema.Snapshot, error) {
	tx, err := c.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("sqlite %s: begin snapshot: %w", c.path, err)
	}
	defer tx.Rollback() //nolint:errcheck // read-only
	snap := &schema.Snapshot{Driver: "sqlite", Database: c.path, DefaultSchema: "main"}
	if err := tx.QueryRowContext(ctx, "SELECT sqlite_version()").Scan(&snap.ServerVersion); err != nil {
		return nil, fmt.Errorf("sqlite %s: version: %w", c.path, err)
	}
	names, err := databaseNames(ctx, tx)
	if err != nil {
		return nil, fmt.Errorf("sqlite %s: %w", c.path, err)
	}
	snap.SearchPath = names
	for _, name := range names {
		if !f.MatchSchema(name) {
			continue
		}
		sc, err := readSchema(ctx, tx, name, f.Objects)
		if err != nil {
			return nil, fmt.Errorf("sqlite %s: schema %q: %w", c.path, name, err)
		}
		snap.Schemas = append(snap.Schemas, *sc)
	}
	snap.Normalize()
	return snap, nil
}

// Schemas implements drivers.SchemaLister: main and the attached databases.
func (c *Conn) Schemas(ctx context.Context) ([]string, error) {
	return databaseNames(ctx, c.db)
}

// Databases implements drivers.DatabaseLister: a file is one database.
func (c *Conn) Databases(context.Context) ([]string, error) { return []string{c.path}, nil }

// databaseNames lists main and attached databases in lookup order. temp is
// left out: it belongs to one connection of the pool, not to the file.
func databaseNames(ctx context.Context, q querier) ([]string, error) {
	rows, err := q.QueryContext(ctx, "SELECT name FROM pragma_database_list WHERE name <> 'temp' ORDER BY seq")
	if err != nil {
		return nil, fmt.Errorf("list databases: %w", err)
	}
	return scanStrings(rows)
}

func scanStrings(rows *sql.Rows) ([]string, error) {
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// reader assembles one schema from the catalog queries.
type reader struct {
	ctx    context.Context
	q      querier
	name   string // the attached database
	filter string // JSON array of object names, or "" for all
	tables map[string]*schema.Table
	ddl    map[string]*tableDDL
	order  []string
	views  map[string]*schema.View
	sc     schema.Schema
	idxSQL map[string]string // index name → CREATE INDEX
}

func readSchema(ctx context.Context, q querier, name string, objects []string) (*schema.Schema, error) {
	r := &reader{ctx: ctx, q: q, name: name, tables: map[string]*schema.Table{},
		ddl: map[string]*tableDDL{}, views: map[string]*schema.View{}, idxSQL: map[string]string{}}
	r.sc.Name = name
	if len(objects) > 0 {
		b, _ := json.Marshal(objects)
		r.filter = string(b)
	}
	steps := []struct {
		what string
		fn   func() error
	}{
		{"objects", r.readObjects},
		{"table options", r.readTableList},
		{"columns", r.readColumns},
		{"view columns", r.readViewColumns},
		{"foreign keys", r.readForeignKeys},
		{"indexes", r.readIndexes},
	}
	for _, s := range steps {
		if err := s.fn(); err != nil {
			return nil, fmt.Errorf("read %s: %w", s.what, err)
		}
	}
	r.finish()
	return &r.sc, nil
}

// objectFilter restricts m.name (or, for indexes and triggers, the table
// they belong to) to the filter's names, case-insensitively as SQLite
// resolves names. Two parameters: the JSON array twice.
const objectFilter = ` AND (?1 IS NULL OR lower(m.name) IN (SELECT lower(value) FROM json_each(?1))
	OR lower(m.tbl_name) IN (SELECT lower(value) FROM json_each(?1)))`

func (r *reader) args() []any {
	if r.filter == "" {
		return []any{nil, r.name}
	}
	return []any{r.filter, r.name}
}

func (r *reader) query(q string) (*sql.Rows, error) {
	return r.q.QueryContext(r.ctx, strings.ReplaceAll(q, "$schema", Dialect{}.QuoteIdent(r.name)), r.args()...)
}

func (r *reader) readObjects() error {
	rows, err := r.query(`SELECT m.type, m.name, m.tbl_name, coalesce(m.sql, '') FROM $schema.sqlite_schema m
		WHERE m.name NOT LIKE 'sqlite\_%' ESCAPE '\' AND ?2 IS NOT NULL` + objectFilter + ` ORDER BY m.rowid`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var typ, name, tbl, ddl string
		if err := rows.Scan(&typ, &name, &tbl, &ddl); err != nil {
			return err
		}
		r.addObject(typ, name, tbl, ddl)
	}
	return rows.Err()
}

func (r *reader) addObject(typ, name, tbl, ddl string) {
	switch typ {
	case "table":
		r.tables[name] = &schema.Table{Name: name, Definition: ddl, Columns: []schema.Column{}}
		r.ddl[name] = parseCreateTable(ddl)
		r.order = append(r.order, name)
	case "view":
		// The column list, as written, is kept as an option so that a view
		// is created again with the names it had.
		query, cols := parseCreateViewColumns(ddl)
		v := &schema.View{Name: name, Definition: query}
		if cols != "" {
			v.Options = map[string]string{"columns": cols}
		}
		r.views[name] = v
	case "index":
		r.idxSQL[name] = ddl
	case "trigger":
		timing, events := parseCreateTrigger(ddl)
		r.sc.Triggers = append(r.sc.Triggers, schema.Trigger{Name: name, Table: tbl, Timing: timing,
			Events: events, Definition: ddl})
	}
}

var usingRE = regexp.MustCompile(`(?i)\bUSING\s+([A-Za-z0-9_]+)`)

// readTableList marks WITHOUT ROWID, STRICT and virtual tables, and drops
// the shadow tables behind virtual tables (FTS internals, not user data).
func (r *reader) readTableList() error {
	rows, err := r.q.QueryContext(r.ctx, `SELECT name, type, wr, strict FROM pragma_table_list WHERE schema = ?`, r.name)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var name, typ string
		var wr, strict bool
		if err := rows.Scan(&name, &typ, &wr, &strict); err != nil {
			return err
		}
		t := r.tables[name]
		if t == nil {
			continue
		}
		switch {
		case typ == "shadow":
			delete(r.tables, name)
		case typ == "virtual":
			module := "virtual"
			if m := usingRE.FindStringSubmatch(t.Definition); m != nil {
				module = strings.ToLower(m[1])
			}
			setOption(t, "virtual", module)
		}
		if wr {
			setOption(t, "without_rowid", "true")
		}
		if strict {
			setOption(t, "strict", "true")
		}
	}
	return rows.Err()
}

func setOption(t *schema.Table, k, v string) {
	if t.Options == nil {
		t.Options = map[string]string{}
	}
	t.Options[k] = v
}

const columnsQuery = `SELECT m.name, p.cid, p.name, p.type, p."notnull", p.dflt_value, p.pk, p.hidden
	FROM $schema.sqlite_schema m, pragma_table_xinfo(m.name, ?2) p
	WHERE m.type = '%s' AND m.name NOT LIKE 'sqlite\_%%' ESCAPE '\'` + objectFilter + ` ORDER BY m.name, p.cid`

func (r *reader) readColumns() error {
	rows, err := r.query(fmt.Sprintf(columnsQuery, "table"))
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		tbl, col, pk, hidden, err := scanColumn(rows)
		if err != nil {
			return err
		}
		t := r.tables[tbl]
		if t == nil || hidden == 1 { // hidden columns of virtual tables
			continue
		}
		d := r.ddl[tbl].column(col.Name)
		col.Collation, col.AutoIncrement = d.collation, d.autoIncrement
		if hidden >= 2 { // 2: generated virtual, 3: generated stored
			col.Generated = &schema.Generated{Stored: hidden == 3}
			if d.generated != nil {
				col.Generated.Expr = d.generated.Expr
			}
		}
		t.Columns = append(t.Columns, col)
		if pk > 0 {
			r.addPK(t, pk, col.Name)
		}
	}
	return rows.Err()
}

func scanColumn(rows *sql.Rows) (tbl string, col schema.Column, pk, hidden int, err error) {
	var cid int
	var dflt sql.NullString
	var notNull bool
	err = rows.Scan(&tbl, &cid, &col.Name, &col.Type, &notNull, &dflt, &pk, &hidden)
	col.Position = cid + 1
	col.Nullable = !notNull
	if dflt.Valid {
		col.Default = &dflt.String
	}
	return tbl, col, pk, hidden, err
}

// addPK places column name at 1-based position pos of t's primary key.
func (r *reader) addPK(t *schema.Table, pos int, name string) {
	if t.PrimaryKey == nil {
		t.PrimaryKey = &schema.PrimaryKey{Name: r.ddl[t.Name].pkName}
	}
	for len(t.PrimaryKey.Columns) < pos {
		t.PrimaryKey.Columns = append(t.PrimaryKey.Columns, "")
	}
	t.PrimaryKey.Columns[pos-1] = name
}

// readViewColumns reads the columns of every view at once. A view whose
// definition no longer compiles (it names a dropped table) makes the whole
// query fail, so on error each view is read alone and broken ones are
// reported without columns rather than losing the snapshot.
func (r *reader) readViewColumns() error {
	if len(r.views) == 0 {
		return nil
	}
	rows, err := r.query(fmt.Sprintf(columnsQuery, "view"))
	if err != nil {
		return r.readViewColumnsOneByOne()
	}
	defer rows.Close()
	for rows.Next() {
		view, col, _, _, err := scanColumn(rows)
		if err != nil {
			return err
		}
		if v := r.views[view]; v != nil {
			v.Columns = append(v.Columns, col)
		}
	}
	if rows.Err() != nil {
		return r.readViewColumnsOneByOne()
	}
	return nil
}

func (r *reader) readViewColumnsOneByOne() error {
	for name, v := range r.views {
		v.Columns = nil
		rows, err := r.q.QueryContext(r.ctx, `SELECT ?1, cid, name, type, "notnull", dflt_value, pk, hidden
			FROM pragma_table_xinfo(?1, ?2)`, name, r.name)
		if err != nil {
			continue
		}
		for rows.Next() {
			if _, col, _, _, err := scanColumn(rows); err == nil {
				v.Columns = append(v.Columns, col)
			}
		}
		rows.Close()
	}
	return nil
}

func (r *reader) readForeignKeys() error {
	rows, err := r.query(`SELECT m.name, f.id, f."table", f."from", f."to", f.on_update, f.on_delete, f."match"
		FROM $schema.sqlite_schema m, pragma_foreign_key_list(m.name, ?2) f
		WHERE m.type = 'table'` + objectFilter + ` ORDER BY m.name, f.id, f.seq`)
	if err != nil {
		return err
	}
	defer rows.Close()
	type key struct {
		table string
		id    int
	}
	fks := map[key]*schema.ForeignKey{}
	var order []key
	for rows.Next() {
		var k key
		var fk schema.ForeignKey
		var from string
		var to sql.NullString
		if err := rows.Scan(&k.table, &k.id, &fk.RefTable, &from, &to, &fk.OnUpdate, &fk.OnDelete, &fk.Match); err != nil {
			return err
		}
		cur := fks[k]
		if cur == nil {
			fk.RefSchema = r.name
			cur = &fk
			fks[k] = cur
			order = append(order, k)
		}
		cur.Columns = append(cur.Columns, from)
		if to.Valid {
			cur.RefColumns = append(cur.RefColumns, to.String)
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for _, k := range order {
		if t := r.tables[k.table]; t != nil {
			fk := *fks[k]
			r.nameForeignKey(k.table, &fk)
			t.ForeignKeys = append(t.ForeignKeys, fk)
		}
	}
	return nil
}

// nameForeignKey takes the name and deferrability from the declaration with
// the same columns and referenced table.
func (r *reader) nameForeignKey(table string, fk *schema.ForeignKey) {
	for _, d := range r.ddl[table].fks {
		if strings.EqualFold(d.refTable, fk.RefTable) && equalFold(d.columns, fk.Columns) {
			fk.Name, fk.Deferrable, fk.InitiallyDeferred = d.name, d.deferrable, d.initiallyDeferred
			return
		}
	}
}

func equalFold(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !strings.EqualFold(a[i], b[i]) {
			return false
		}
	}
	return true
}

func (r *reader) readIndexes() error {
	rows, err := r.query(`SELECT m.name, il.name, il."unique", il.origin, il.partial,
			ix.seqno, ix.cid, ix.name, ix."desc", ix.coll
		FROM $schema.sqlite_schema m, pragma_index_list(m.name, ?2) il, pragma_index_xinfo(il.name, ?2) ix
		WHERE m.type = 'table' AND ix.key = 1` + objectFilter + ` ORDER BY m.name, il.name, ix.seqno`)
	if err != nil {
		return err
	}
	defer rows.Close()
	type key struct{ table, index string }
	idx := map[key]*indexRows{}
	var order []key
	for rows.Next() {
		var k key
		var ir indexRow
		var colName sql.NullString
		if err := rows.Scan(&k.table, &k.index, &ir.unique, &ir.origin, &ir.partial,
			&ir.seqno, &ir.cid, &colName, &ir.desc, &ir.coll); err != nil {
			return err
		}
		ir.name = colName.String
		if idx[k] == nil {
			idx[k] = &indexRows{}
			order = append(order, k)
		}
		idx[k].rows = append(idx[k].rows, ir)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for _, k := range order {
		if t := r.tables[k.table]; t != nil {
			r.addIndex(t, k.index, idx[k].rows)
		}
	}
	return nil
}

type indexRow struct {
	unique, partial bool
	origin          string
	seqno, cid      int
	name, coll      string
	desc            bool
}

type indexRows struct{ rows []indexRow }

// addIndex files an index by its origin: "pk" is the primary key itself,
// "u" a UNIQUE constraint, "c" a CREATE INDEX.
func (r *reader) addIndex(t *schema.Table, name string, rows []indexRow) {
	first := rows[0]
	switch first.origin {
	case "pk":
		return
	case "u":
		u := schema.Unique{}
		for _, ir := range rows {
			u.Columns = append(u.Columns, ir.name)
		}
		for _, d := range r.ddl[t.Name].uniques {
			if equalFold(d.Columns, u.Columns) {
				u.Name = d.Name
			}
		}
		t.Uniques = append(t.Uniques, u)
		return
	}
	d := parseCreateIndex(r.idxSQL[name])
	ix := schema.Index{Name: name, Unique: first.unique}
	if first.partial {
		ix.Where = d.where
	}
	for _, ir := range rows {
		ic := schema.IndexColumn{Desc: ir.desc}
		switch {
		case ir.cid == -2 && ir.seqno < len(d.parts):
			ic.Expr = d.parts[ir.seqno]
		case ir.cid == -1:
			ic.Name = "rowid"
		default:
			ic.Name = ir.name
		}
		if !strings.EqualFold(ir.coll, "BINARY") {
			ic.Collation = ir.coll
		}
		ix.Columns = append(ix.Columns, ic)
	}
	t.Indexes = append(t.Indexes, ix)
}

// finish resolves foreign keys that name no columns (they reference the
// parent's primary key), attaches checks, and fills the schema.
func (r *reader) finish() {
	lower := map[string]*schema.Table{}
	for _, t := range r.tables {
		lower[strings.ToLower(t.Name)] = t
	}
	for _, name := range r.order {
		t := r.tables[name]
		if t == nil {
			continue
		}
		t.Checks = r.ddl[name].checks
		for i := range t.ForeignKeys {
			fk := &t.ForeignKeys[i]
			if len(fk.RefColumns) == 0 {
				if p := lower[strings.ToLower(fk.RefTable)]; p != nil && p.PrimaryKey != nil {
					fk.RefColumns = append([]string(nil), p.PrimaryKey.Columns...)
				}
			}
		}
		r.sc.Tables = append(r.sc.Tables, *t)
	}
	for _, v := range r.views {
		r.sc.Views = append(r.sc.Views, *v)
	}
}
