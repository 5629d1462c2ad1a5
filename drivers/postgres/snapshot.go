package postgres

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/schema"
)

// Snapshot reads the catalog of every non-system schema, or those f
// selects. The object filter applies to every named object: tables, views,
// routines, sequences and enum types by name, triggers by their own name or
// their table's. Objects that belong to an extension are left out.
//
// All catalog queries go to the server in one batch inside one read-only
// repeatable-read transaction: one round trip, and a consistent picture
// even while DDL runs elsewhere. On a large catalog the index definitions
// are read at the same time on a second session that shares the
// transaction's snapshot (parallel.go).
func (c *Conn) Snapshot(ctx context.Context, f drivers.Filter) (*schema.Snapshot, error) {
	b := newBuilder()
	schemas, objects := nilIfEmpty(f.Schemas), nilIfEmpty(f.Objects)
	opts := pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}
	err := pgx.BeginTxFunc(ctx, c.pool, opts, func(tx pgx.Tx) error {
		// One round trip before the batch: JIT off, the catalog's size,
		// which decides on a second session (parallel.go), and what the
		// queries and the deparser depend on (deparse.go).
		var (
			indexes, version int
			keywords         []string
			quoteAll         bool
		)
		if err := tx.QueryRow(ctx, preludeSQL).Scan(&indexes, nil, &version, &quoteAll, &keywords); err != nil {
			return fmt.Errorf("turn JIT off and count indexes: %w", err)
		}
		b.quoting = newServerQuoting(keywords, quoteAll)
		readers := b.readers(version)
		second := onSecondSession(readers)
		// Nobody waits for a low-priority read: one session and one server
		// process, which leave the other cores to the editor.
		low := drivers.LowPriority(ctx)
		if low {
			if _, err := tx.Exec(ctx, noParallel); err != nil {
				return fmt.Errorf("turn parallel query off: %w", err)
			}
		}
		side, err := c.startSide(ctx, tx, indexes, low, readers, second, schemas, objects)
		if err != nil {
			return err
		}
		if side != nil {
			defer side.stop()
		}
		onSide := func(r reader) bool { return side != nil && second[r.what] }
		batch := &pgx.Batch{}
		for _, r := range readers {
			if !onSide(r) {
				batch.Queue(r.sql, r.args(schemas, objects)...)
			}
		}
		br := tx.SendBatch(ctx, batch)
		defer br.Close()
		for _, r := range readers {
			var err error
			if onSide(r) {
				err = side.replay(ctx, tx.Conn().TypeMap(), r)
			} else {
				err = readAll(br, r)
			}
			if err != nil {
				return fmt.Errorf("read %s: %w", r.what, err)
			}
		}
		return br.Close()
	})
	if err != nil {
		if ctx.Err() != nil {
			err = ctx.Err()
		}
		return nil, fmt.Errorf("postgres: snapshot of database %q on %s: %w", c.params.Database, c.params.Address(), err)
	}
	return b.finish(), nil
}

// noJIT turns JIT compilation off for the snapshot's transaction, where
// the server has it (PostgreSQL 11 on). The catalog queries are large
// enough to cross jit_above_cost and short enough that compiling them
// costs more than it saves: 4.4 s → 1.5 s for one query on a
// 100,000-table catalog.
const noJIT = `SELECT set_config(name, 'off', true) FROM pg_settings WHERE name = 'jit'`

// noParallel keeps a low-priority snapshot's queries in one server
// process (the transaction's own setting).
const noParallel = `SELECT set_config('max_parallel_workers_per_gather', '0', true)`

// preludeSQL is the round trip before the catalog batch.
const preludeSQL = `SELECT (SELECT count(*) FROM pg_index), (` + noJIT + `),
	current_setting('server_version_num')::int, current_setting('quote_all_identifiers')::bool,
	ARRAY(SELECT word FROM pg_get_keywords() WHERE catcode <> 'U')`

// forVersion adapts a catalog query, written for the newest server, to
// an older one: NULLS NOT DISTINCT came with PostgreSQL 15.
func forVersion(sql string, version int) string {
	if version >= 150000 {
		return sql
	}
	return before15.Replace(sql)
}

var before15 = strings.NewReplacer("ki.indnullsnotdistinct", "false", "i.indnullsnotdistinct", "false")

// reader is one catalog query and the function that takes its rows.
type reader struct {
	what   string
	sql    string
	params int // how many of (schemas, objects) the query takes
	scan   func(pgx.Rows) error
}

func (r reader) args(schemas, objects []string) []any {
	return []any{schemas, objects}[:r.params]
}

func readAll(br pgx.BatchResults, r reader) error {
	rows, err := br.Query()
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := r.scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// builder assembles a snapshot from rows that arrive kind by kind;
// relations are found again by OID when their columns, constraints and
// indexes arrive.
type builder struct {
	snap    schema.Snapshot
	schemas map[string]*schema.Schema
	order   []string
	rels    map[uint32]*relation
	relList []*relation
	// strs and defs intern the strings that repeat across a catalog.
	strs    map[string]string
	defs    map[string]*string
	colRow  columnRow
	colDest []any
	conRow  constraintRow
	conDest []any
	ixRow   indexRow
	ixDest  []any
	// colChunk is what is left of the chunk newColumns cuts lists from.
	colChunk []schema.Column
	// dependents finds routines and domains by kind, schema and name
	// when their dependencies arrive (catalog_objects.go).
	dependents map[string]*[]schema.ObjectRef
	// routines finds a routine by schema and signature (routine users).
	routines map[string]*schema.Routine
	// quoting spells names in definitions written from their parts.
	quoting *serverQuoting
}

type relation struct {
	schema string
	table  *schema.Table
	view   *schema.View
	// attNames maps attribute numbers to column names, for the keys of
	// constraints and indexes: index n is attnum n (1-based; a dropped
	// column's slot stays empty).
	attNames []string
}

// columnNames maps attribute numbers to names. A number without a column
// cannot occur within one catalog snapshot; it is kept visible, not hidden.
func (r *relation) columnNames(nums []int16) []string {
	out := make([]string, len(nums))
	for i, n := range nums {
		out[i] = r.columnName(n)
	}
	return out
}

func (r *relation) columnName(n int16) string {
	if n > 0 && int(n) < len(r.attNames) && r.attNames[n] != "" {
		return r.attNames[n]
	}
	return fmt.Sprintf("#%d", n)
}

func newBuilder() *builder {
	return &builder{
		snap:    schema.Snapshot{Driver: "postgres"},
		schemas: map[string]*schema.Schema{},
		rels:    map[uint32]*relation{},
		strs:    map[string]string{},
		defs:    map[string]*string{},
	}
}

// internBytes returns one shared copy of the string in p.
func (b *builder) internBytes(p []byte) string {
	if v, ok := b.strs[string(p)]; ok { // no allocation for the lookup
		return v
	}
	s := string(p)
	b.strs[s] = s
	return s
}

// internDefault returns one shared pointer per distinct default: column
// defaults are read, never written through.
func (b *builder) internDefault(p []byte) *string {
	if v, ok := b.defs[string(p)]; ok {
		return v
	}
	s := string(p)
	b.defs[s] = &s
	return &s
}

// readers lists the catalog queries in the order they must be read:
// relations before the columns, constraints and indexes that refer to them.
func (b *builder) readers(version int) []reader {
	rs := append([]reader{
		{"server information", infoSQL, 0, b.scanInfo},
		{"schemas", schemasSQL, 1, b.scanSchema},
		{"tables and views", relationsSQL, 2, b.scanRelation},
		{"columns", columnsSQL, 2, b.scanColumn},
		{"identity options", identityOptionsSQL, 2, b.scanIdentityOptions},
		{"inheritance", inheritanceSQL, 2, b.scanInheritance},
		{"constraints", constraintsSQL, 2, b.scanConstraint},
		{"indexes", indexesSQL, 2, b.scanIndex},
		{"routines", routinesSQL, 2, b.scanRoutine},
		{"triggers", triggersSQL, 2, b.scanTrigger},
		{"sequences", sequencesSQL, 2, b.scanSequence},
		{"enum types", enumsSQL, 2, b.scanEnum},
		{"domains", domainsSQL, 2, b.scanDomain},
		{"extensions", extensionsSQL, 2, b.scanExtension},
		{"composite types", compositesSQL, 2, b.scanComposite},
		{"range types", rangesSQL, 2, b.scanRange},
		{"collations", collationsSQL, 2, b.scanCollation},
		{"aggregates", aggregatesSQL, 2, b.scanAggregate},
		{"dependencies", dependenciesSQL, 1, b.scanDependency},
		{"routine users", routineUsersSQL, 1, b.scanRoutineUser},
		{"grants", grantsSQL, 2, b.scanGrant},
		{"default privileges", defaultsSQL, 1, b.scanDefault},
		{"owners", ownersSQL, 2, b.scanOwner},
		{"roles", rolesSQL, 0, b.scanRoles},
		{"objects dbls does not sync", unsyncedSQL, 2, b.scanUnsynced},
	}, b.securityReaders()...)
	for i := range rs {
		rs[i].sql = forVersion(rs[i].sql, version)
	}
	return rs
}

func (b *builder) schema(name string) *schema.Schema {
	sc, ok := b.schemas[name]
	if !ok {
		sc = &schema.Schema{Name: name}
		b.schemas[name] = sc
		b.order = append(b.order, name)
	}
	return sc
}

func (b *builder) finish() *schema.Snapshot {
	// Each list sized once: appending 100,000 tables one by one would
	// allocate twice their size again in copies.
	tables, views := map[string]int{}, map[string]int{}
	for _, r := range b.relList {
		if r.table != nil {
			tables[r.schema]++
		} else {
			views[r.schema]++
		}
	}
	for name, n := range tables {
		b.schema(name).Tables = make([]schema.Table, 0, n)
	}
	for name, n := range views {
		b.schema(name).Views = make([]schema.View, 0, n)
	}
	for _, r := range b.relList {
		sc := b.schema(r.schema)
		if r.table != nil {
			r.table.Columns = compactColumns(r.table.Columns)
			sc.Tables = append(sc.Tables, *r.table)
		} else {
			r.view.Columns = compactColumns(r.view.Columns)
			sc.Views = append(sc.Views, *r.view)
		}
	}
	b.snap.Schemas = make([]schema.Schema, 0, len(b.order))
	for _, name := range b.order {
		b.snap.Schemas = append(b.snap.Schemas, *b.schemas[name])
	}
	// A copy: the builder (its relations' attribute names, the interning
	// maps) is garbage once the snapshot is returned, not kept alive by it.
	snap := new(schema.Snapshot)
	*snap = b.snap
	snap.Normalize()
	return snap
}

// columnChunk is how many columns newColumns carves from one allocation.
const columnChunk = 4096

// newColumns returns an empty column list with room for n, cut from a
// shared chunk: one allocation per table would round each list up to the
// allocator's next size class (20 columns of 176 bytes take 4,096, not
// 3,520) and cost 100,000 allocations at 100,000 tables.
func (b *builder) newColumns(n int) []schema.Column {
	if n > columnChunk/4 {
		return make([]schema.Column, 0, n)
	}
	if len(b.colChunk) < n {
		b.colChunk = make([]schema.Column, columnChunk)
	}
	cols := b.colChunk[:0:n]
	b.colChunk = b.colChunk[n:]
	return cols
}

func (b *builder) scanInfo(rows pgx.Rows) error {
	s := &b.snap
	return rows.Scan(&s.Database, &s.ServerVersion, &s.DefaultSchema, &s.SearchPath, &s.Databases)
}

func (b *builder) scanSchema(rows pgx.Rows) error {
	var name, comment string
	if err := rows.Scan(&name, &comment); err != nil {
		return err
	}
	b.schema(name).Comment = comment
	return nil
}

func (b *builder) scanRelation(rows pgx.Rows) error {
	var (
		oid                              uint32
		nsp, name, kind, parent, partKey string
		bound, comment, viewDef, options string
		ofType                           string
		isPartition, unlogged            bool
		natts                            int16
	)
	if err := rows.Scan(&oid, &nsp, &name, &kind, &isPartition, &unlogged, &parent, &partKey, &bound, &comment, &viewDef, &natts, &options, &ofType); err != nil {
		return err
	}
	b.schema(nsp)
	// Sized once from relnatts: appending column by column would allocate
	// about three times the final list (measured at 100,000 tables).
	natts = max(natts, 0)
	r := &relation{schema: nsp, attNames: make([]string, natts+1)}
	cols := b.newColumns(int(natts))
	switch kind {
	case "v", "m":
		r.view = &schema.View{Name: name, Materialized: kind == "m", Definition: trimViewDef(viewDef), Comment: comment, Columns: cols,
			Options: viewOptions(options)}
	default:
		r.table = &schema.Table{Name: name, Kind: schema.TableOrdinary, OfType: ofType, Comment: comment, Options: map[string]string{}, Columns: cols}
		if kind == "p" {
			r.table.Kind = schema.TablePartitioned
			r.table.Options["partition_by"] = partKey
		}
		if isPartition {
			r.table.Kind = schema.TablePartition
			r.table.PartitionOf = parent
			r.table.Options["partition_bound"] = bound
		}
		if unlogged {
			r.table.Options["unlogged"] = "true"
		}
		if options != "" {
			r.table.Options["storage"] = storageText(options)
		}
	}
	b.rels[oid] = r
	b.relList = append(b.relList, r)
	return nil
}

// trimViewDef keeps the query alone: pg_get_viewdef indents it and ends it
// with a semicolon.
func trimViewDef(s string) string {
	return strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), ";"))
}

// columnRow is scanColumn's row, kept on the builder so that scanning a
// row allocates only the strings it keeps.
type columnRow struct {
	relID                     uint32
	num                       int16
	name, typ, coll, def      pgtype.DriverBytes
	identity, generated, comm string
	nullable, serial          bool
	storage                   pgtype.DriverBytes
}

func (b *builder) scanColumn(rows pgx.Rows) error {
	c := &b.colRow
	if b.colDest == nil {
		// One argument list for every row: a fresh one would escape to the
		// heap on each call through the interface.
		b.colDest = []any{&c.relID, &c.name, &c.num, &c.typ, &c.nullable, &c.def, &c.identity, &c.generated, &c.coll, &c.comm, &c.serial, &c.storage}
	}
	if err := rows.Scan(b.colDest...); err != nil {
		return err
	}
	r := b.rels[c.relID]
	if r == nil {
		return nil
	}
	// Names, types, collations and defaults repeat across tables: one
	// copy of each, looked up without allocating.
	name, typ, coll := b.internBytes(c.name), b.internBytes(c.typ), b.internBytes(c.coll)
	col := schema.Column{Name: name, Type: typ, Nullable: c.nullable, Collation: coll, Comment: c.comm, AutoIncrement: c.serial}
	identity, generated, num := c.identity, c.generated, c.num
	var def *string
	if c.def != nil {
		def = b.internDefault(c.def)
	}
	switch identity {
	case "a":
		col.Identity = schema.IdentityAlways
	case "d":
		col.Identity = schema.IdentityByDefault
	}
	if generated == "s" && def != nil {
		col.Generated = &schema.Generated{Expr: *def, Stored: true}
	} else {
		col.Default = def
	}
	if num > 0 {
		if int(num) >= len(r.attNames) { // relnatts read before a concurrent ALTER
			r.attNames = append(r.attNames, make([]string, int(num)+1-len(r.attNames))...)
		}
		r.attNames[num] = name
	}
	// Rows arrive in no particular order: each column takes its attribute
	// number's slot, and finish closes the gaps dropped columns leave.
	var cols *[]schema.Column
	if r.table != nil {
		cols = &r.table.Columns
	} else {
		cols = &r.view.Columns
	}
	slot := int(num) - 1
	if slot < 0 {
		return nil // system columns are not read
	}
	if slot >= len(*cols) {
		if slot < cap(*cols) {
			*cols = (*cols)[:slot+1]
		} else {
			*cols = append(*cols, make([]schema.Column, slot+1-len(*cols))...)
		}
	}
	(*cols)[slot] = col
	if c.storage != nil {
		b.columnStorage(r, name, string(c.storage))
	}
	return nil
}

// compactColumns closes the gaps that dropped columns leave in a list
// filled by attribute number and numbers positions densely, so that a
// dropped column is no change diff would see.
func compactColumns(cols []schema.Column) []schema.Column {
	n := 0
	for i := range cols {
		if cols[i].Name == "" {
			continue
		}
		cols[n] = cols[i]
		cols[n].Position = n + 1
		n++
	}
	clear(cols[n:])
	return cols[:n]
}

// constraintRow and indexRow are scanConstraint's and scanIndex's rows,
// kept on the builder with their scan destinations (as columnRow), so that
// a row's scan allocates only what the snapshot keeps.
type constraintRow struct {
	relID                                         uint32
	name, kind, refSchema, refTable, upd, del, mt string
	expr, comment                                 string
	serverDef                                     pgtype.Text
	keys                                          []int16
	refCols                                       []string
	deferrable, deferred, noInherit               bool
}

type indexRow struct {
	relID                        uint32
	name, method, where, comment string
	serverDef                    pgtype.Text
	unique                       bool
	nKey                         int16
	keys, options                []int16
	exprs                        []string
}

func (b *builder) scanConstraint(rows pgx.Rows) error {
	c := &b.conRow
	if b.conDest == nil {
		b.conDest = []any{&c.relID, &c.name, &c.kind, &c.keys, &c.refSchema, &c.refTable, &c.refCols, &c.upd, &c.del, &c.mt,
			&c.deferrable, &c.deferred, &c.expr, &c.serverDef, &c.comment, &c.noInherit}
	}
	if err := rows.Scan(b.conDest...); err != nil {
		return err
	}
	r := b.rels[c.relID]
	if r == nil || r.table == nil {
		return nil
	}
	t := r.table
	name, kind, expr, comment, deferrable, deferred := c.name, c.kind, c.expr, c.comment, c.deferrable, c.deferred
	cols := r.columnNames(c.keys)
	def := constraintText(c.serverDef.String)
	if !c.serverDef.Valid { // plain: written from the parts
		if kind == "c" {
			def = checkDef(expr, c.noInherit)
		} else {
			def = b.quoting.plainKeyDef(kind, cols, deferrable, deferred)
		}
	}
	switch kind {
	case "p":
		t.PrimaryKey = &schema.PrimaryKey{Name: name, Columns: cols, Definition: def, Comment: comment}
	case "u":
		t.Uniques = append(t.Uniques, schema.Unique{Name: name, Columns: cols, Definition: def, Comment: comment})
	case "x":
		t.Exclusions = append(t.Exclusions, schema.Exclusion{Name: name, Definition: def, Comment: comment})
	case "f":
		t.ForeignKeys = append(t.ForeignKeys, schema.ForeignKey{
			Name: name, Columns: cols, RefSchema: c.refSchema, RefTable: c.refTable, RefColumns: c.refCols,
			OnDelete: fkAction(c.del), OnUpdate: fkAction(c.upd), Match: fkMatch(c.mt),
			Deferrable: deferrable, InitiallyDeferred: deferred, Comment: comment,
		})
		c.refCols = nil // kept by the key: the next row must not reuse it
	case "c":
		ck := schema.Check{Name: name, Expr: expr, Definition: def, Comment: comment}
		// PostgreSQL does not record whether a check was written on a
		// column; one that reads a single column is equivalent to it.
		if len(cols) == 1 {
			ck.Column = cols[0]
		}
		t.Checks = append(t.Checks, ck)
	}
	return nil
}

// fkAction spells pg_constraint's confupdtype/confdeltype letters.
func fkAction(code string) string {
	switch code {
	case "r":
		return schema.ActionRestrict
	case "c":
		return schema.ActionCascade
	case "n":
		return schema.ActionSetNull
	case "d":
		return schema.ActionSetDefault
	}
	return schema.ActionNoAction
}

// fkMatch spells confmatchtype; MATCH SIMPLE is the default and stays empty.
func fkMatch(code string) string {
	switch code {
	case "f":
		return "FULL"
	case "p":
		return "PARTIAL"
	}
	return ""
}

func (b *builder) scanIndex(rows pgx.Rows) error {
	x := &b.ixRow
	if b.ixDest == nil {
		b.ixDest = []any{&x.relID, &x.name, &x.method, &x.unique, &x.where, &x.nKey, &x.keys, &x.options, &x.exprs, &x.comment, &x.serverDef}
	}
	if err := rows.Scan(b.ixDest...); err != nil {
		return err
	}
	r := b.rels[x.relID]
	if r == nil {
		return nil
	}
	keys, options, exprs := x.keys, x.options, x.exprs
	nKey := min(max(int(x.nKey), 0), len(keys))
	ix := schema.Index{Name: x.name, Unique: x.unique, Method: x.method, Where: x.where, Comment: x.comment,
		Columns: make([]schema.IndexColumn, 0, nKey)}
	if x.serverDef.Valid {
		ix.Definition = indexTail(x.serverDef.String)
	} else { // plain: written from the parts
		ix.Definition = b.quoting.plainIndexTail(x.method, r.columnNames(keys[:nKey]), r.columnNames(keys[nKey:]), options, x.where)
	}
	for k, num := range keys {
		var part schema.IndexColumn
		if num == 0 && len(exprs) > 0 {
			part.Expr, exprs = exprs[0], exprs[1:]
		} else {
			part.Name = r.columnName(num)
		}
		if k >= nKey {
			ix.Include = append(ix.Include, part.Name)
			continue
		}
		// Bit 0 of indoption is DESC (pg_index.h, INDOPTION_DESC).
		part.Desc = k < len(options) && options[k]&1 != 0
		ix.Columns = append(ix.Columns, part)
	}
	if r.table != nil {
		r.table.Indexes = append(r.table.Indexes, ix)
	} else {
		r.view.Indexes = append(r.view.Indexes, ix)
	}
	return nil
}

func (b *builder) scanRoutine(rows pgx.Rows) error {
	var (
		nsp, name, kind, returns, lang, def, comment string
		argNames, modes, types, defaults             []string
	)
	if err := rows.Scan(&nsp, &name, &kind, &argNames, &modes, &types, &defaults, &returns, &lang, &def, &comment); err != nil {
		return err
	}
	rt := schema.Routine{Name: name, Kind: routineKind(kind), Returns: returns, Language: lang, Definition: def, Comment: comment}
	for i, typ := range types {
		p := schema.Parameter{Type: typ}
		if i < len(argNames) {
			p.Name = argNames[i]
		}
		if i < len(modes) {
			p.Mode = paramMode(modes[i])
		}
		if i < len(defaults) {
			p.Default = defaults[i]
		}
		rt.Params = append(rt.Params, p)
	}
	sc := b.schema(nsp)
	sc.Routines = append(sc.Routines, rt)
	return nil
}

func routineKind(prokind string) string {
	switch prokind {
	case "p":
		return schema.RoutineProcedure
	case "a":
		return schema.RoutineAggregate
	}
	return schema.RoutineFunction // "f", and "w" for window functions
}

// paramMode spells proargmodes; "t" marks a RETURNS TABLE column, which is
// an output. An input parameter's mode stays empty.
func paramMode(m string) string {
	switch m {
	case "o", "t":
		return "out"
	case "b":
		return "inout"
	case "v":
		return "variadic"
	}
	return ""
}

// Bits of pg_trigger.tgtype.
const (
	tgBefore   = 1 << 1
	tgInsert   = 1 << 2
	tgDelete   = 1 << 3
	tgUpdate   = 1 << 4
	tgTruncate = 1 << 5
	tgInstead  = 1 << 6
)

func (b *builder) scanTrigger(rows pgx.Rows) error {
	var (
		nsp, name, table, def, enabled, comment string
		tgType                                  int32
		columns                                 []string
	)
	if err := rows.Scan(&nsp, &name, &table, &tgType, &def, &enabled, &columns, &comment); err != nil {
		return err
	}
	tr := schema.Trigger{Name: name, Table: table, Timing: "AFTER", Definition: def, Columns: columns,
		Enabled: fires[enabled], Comment: comment}
	switch {
	case tgType&tgInstead != 0:
		tr.Timing = "INSTEAD OF"
	case tgType&tgBefore != 0:
		tr.Timing = "BEFORE"
	}
	for _, e := range []struct {
		bit  int32
		name string
	}{{tgInsert, "INSERT"}, {tgUpdate, "UPDATE"}, {tgDelete, "DELETE"}, {tgTruncate, "TRUNCATE"}} {
		if tgType&e.bit != 0 {
			tr.Events = append(tr.Events, e.name)
		}
	}
	sc := b.schema(nsp)
	sc.Triggers = append(sc.Triggers, tr)
	return nil
}

func (b *builder) scanSequence(rows pgx.Rows) error {
	var (
		nsp string
		s   schema.Sequence
	)
	if err := rows.Scan(&nsp, &s.Name, &s.Type, &s.Start, &s.Increment, &s.Min, &s.Max, &s.Cycle, &s.Cache, &s.OwnedBy, &s.Comment); err != nil {
		return err
	}
	sc := b.schema(nsp)
	sc.Sequences = append(sc.Sequences, s)
	return nil
}

func (b *builder) scanEnum(rows pgx.Rows) error {
	var (
		nsp string
		e   schema.Enum
	)
	if err := rows.Scan(&nsp, &e.Name, &e.Values, &e.Comment); err != nil {
		return err
	}
	sc := b.schema(nsp)
	sc.Enums = append(sc.Enums, e)
	return nil
}

func nilIfEmpty(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	return s
}
