package mysql

import (
	"context"
	"database/sql"
	"slices"
	"strings"

	"github.com/dbls/dbls/drivers/schema"
)

// This file holds the catalog queries, one per kind of object, and the raw
// rows they return. Each query is filtered by reader.scope and never runs
// per table.

func (r *reader) readDatabases(ctx context.Context) error {
	return r.scan(ctx, "databases", `SELECT SCHEMA_NAME FROM information_schema.SCHEMATA`, nil,
		func(rows *sql.Rows) error {
			var name string
			if err := rows.Scan(&name); err != nil {
				return err
			}
			r.databases = append(r.databases, name)
			return nil
		})
}

type tableRow struct {
	schema, name, kind string
	engine, collation  sql.NullString
	comment            string
	createOptions      sql.NullString
	partitioning       string // the PARTITION BY clause of a partitioned table
}

// readTables reads base tables, and the names of views and MariaDB
// sequences, in one scan of information_schema.TABLES: on MariaDB every
// scan of TABLES or VIEWS visits every table of the schema (1.3 to 1.5 s
// at 100,000 tables even when it finds nothing). VIEWS is read only when
// there are views, and the sequences' options only when there are
// sequences.
func (r *reader) readTables(ctx context.Context) error {
	where, args := r.scope("TABLE_SCHEMA", "TABLE_NAME")
	// SYSTEM VERSIONED is MariaDB's temporal table, a base table too.
	types := "'BASE TABLE', 'SYSTEM VERSIONED', 'VIEW'"
	if r.c.flavor.hasSequences() {
		types += ", 'SEQUENCE'"
	}
	q := `SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_TYPE, ENGINE, TABLE_COLLATION, TABLE_COMMENT, CREATE_OPTIONS
FROM information_schema.TABLES
WHERE TABLE_TYPE IN (` + types + `) AND ` + where
	var (
		partitioned, sequences [][2]string
		views                  int
	)
	err := r.scan(ctx, "tables", q, args, func(rows *sql.Rows) error {
		var t tableRow
		if err := rows.Scan(&t.schema, &t.name, &t.kind, &t.engine, &t.collation, &t.comment, &t.createOptions); err != nil {
			return err
		}
		switch t.kind {
		case "VIEW":
			views++
			return nil
		case "SEQUENCE":
			sequences = append(sequences, [2]string{t.schema, t.name})
			return nil
		}
		if slices.Contains(strings.Fields(t.createOptions.String), "partitioned") {
			partitioned = append(partitioned, [2]string{t.schema, t.name})
		}
		r.tables = append(r.tables, t)
		return nil
	})
	if err != nil {
		return err
	}
	clauses, err := r.readPartitions(ctx, partitioned)
	for i := range r.tables {
		t := &r.tables[i]
		t.partitioning = clauses[objKey{t.schema, "", t.name}]
	}
	if err == nil && views > 0 {
		err = r.readViews(ctx)
	}
	if err == nil && len(sequences) > 0 {
		err = r.readSequenceOptions(ctx, sequences)
	}
	return err
}

type columnRow struct {
	schema, table, name  string
	position             int
	columnType, dataType string
	nullable             string
	def                  sql.NullString
	extra                string
	genExpr              sql.NullString
	charset, collation   sql.NullString
	comment              string
}

// readColumns turns COLUMNS rows into each table's (or view's) column list
// as they arrive. Columns are most of a catalog (2,000,000 rows at 100,000
// tables): keeping the rows until the tables are read, then building the
// columns, held both at once. The builder finishes the lists in place
// (columnLists.finish).
func (r *reader) readColumns(ctx context.Context) error {
	where, args := r.scope("TABLE_SCHEMA", "TABLE_NAME")
	q := `SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, ORDINAL_POSITION, COLUMN_TYPE, DATA_TYPE,
	IS_NULLABLE, COLUMN_DEFAULT, EXTRA, GENERATION_EXPRESSION, CHARACTER_SET_NAME, COLLATION_NAME,
	COLUMN_COMMENT
FROM information_schema.COLUMNS WHERE ` + where
	// Names, types, charsets, collations and defaults repeat from table to
	// table: the row is read as raw bytes and each distinct string kept
	// once, with one argument list for every row.
	var (
		raw      [12]sql.RawBytes
		position int
		in       interner
	)
	dest := []any{&raw[0], &raw[1], &raw[2], &position, &raw[3], &raw[4], &raw[5], &raw[6], &raw[7], &raw[8], &raw[9], &raw[10], &raw[11]}
	lists := newColumnLists()
	err := r.scan(ctx, "columns", q, args, func(rows *sql.Rows) error {
		if err := rows.Scan(dest...); err != nil {
			return err
		}
		row := columnRow{schema: in.str(raw[0]), table: in.str(raw[1]), name: in.str(raw[2]), position: position,
			columnType: in.str(raw[3]), dataType: in.str(raw[4]), nullable: in.str(raw[5]), def: in.null(raw[6]),
			extra: in.str(raw[7]), genExpr: in.null(raw[8]), charset: in.null(raw[9]), collation: in.null(raw[10]),
			comment: string(raw[11])}
		c := rawColumn(row, r.c.flavor.mariaDB)
		c.Default = in.ptr(c.Default)
		lists.add(objKey{row.schema, "", row.table}, c)
		return nil
	})
	r.columns = lists.done()
	return err
}

// columnLists gathers the columns of each table in row order. The server
// sends a table's columns one after another, so they collect in one
// reused buffer and each list is allocated once at its final size;
// appending to every table's list would allocate about three times the
// columns. Rows of a table that came apart would still be appended, in
// order.
type columnLists struct {
	lists map[objKey][]schema.Column
	cur   objKey
	buf   []schema.Column
}

func newColumnLists() *columnLists {
	return &columnLists{lists: map[objKey][]schema.Column{}}
}

func (l *columnLists) add(k objKey, c schema.Column) {
	if k != l.cur {
		l.flush()
		l.cur = k
	}
	l.buf = append(l.buf, c)
}

func (l *columnLists) flush() {
	if len(l.buf) == 0 {
		return
	}
	old := l.lists[l.cur]
	list := make([]schema.Column, len(old), len(old)+len(l.buf))
	copy(list, old)
	l.lists[l.cur] = append(list, l.buf...)
	clear(l.buf) // drop the strings it points to
	l.buf = l.buf[:0]
}

func (l *columnLists) done() map[objKey][]schema.Column {
	l.flush()
	return l.lists
}

// interner keeps one copy of each distinct string (and default) a
// catalog query returns; one per query, as it is not safe for concurrent
// use.
type interner struct {
	strs map[string]string
	ptrs map[string]*string
}

func (in *interner) str(b []byte) string {
	if v, ok := in.strs[string(b)]; ok {
		return v
	}
	if in.strs == nil {
		in.strs = map[string]string{}
	}
	v := string(b)
	in.strs[v] = v
	return v
}

// null is str for a column that may be NULL (nil bytes).
func (in *interner) null(b []byte) sql.NullString {
	if b == nil {
		return sql.NullString{}
	}
	return sql.NullString{String: in.str(b), Valid: true}
}

// ptr returns one pointer per distinct value; nothing writes through a
// snapshot's pointers, so equal values may share one.
func (in *interner) ptr(p *string) *string {
	if p == nil {
		return nil
	}
	if v, ok := in.ptrs[*p]; ok {
		return v
	}
	if in.ptrs == nil {
		in.ptrs = map[string]*string{}
	}
	in.ptrs[*p] = p
	return p
}

type indexRow struct {
	schema, table, name string
	nonUnique           bool
	column, expr        sql.NullString
	collation           sql.NullString // "A", "D" or NULL
	subPart             sql.NullInt64
	indexType, comment  string
	invisible           bool
}

// readIndexes reads STATISTICS, ordered by key part, and sorts each
// index's rows into its table's keys as soon as the next index begins
// (tableKeys.add): 600,000 rows at 100,000 tables are never held at once.
func (r *reader) readIndexes(ctx context.Context) error {
	where, args := r.scope("TABLE_SCHEMA", "TABLE_NAME")
	expr := "NULL"
	if r.c.flavor.hasIndexExpressions() {
		expr = "EXPRESSION"
	}
	q := `SELECT TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, NON_UNIQUE, COLUMN_NAME, ` + expr + `,
	COLLATION, SUB_PART, INDEX_TYPE, INDEX_COMMENT, ` + r.c.flavor.invisibleIndex() + `
FROM information_schema.STATISTICS WHERE ` + where + `
ORDER BY TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX`
	var (
		raw   [8]sql.RawBytes
		x     indexRow
		in    interner
		parts []indexRow // the rows of the index being read
	)
	dest := []any{&raw[0], &raw[1], &raw[2], &x.nonUnique, &raw[3], &raw[4], &raw[5], &x.subPart, &raw[6], &raw[7], &x.invisible}
	r.keys = map[objKey]*tableKeys{}
	flush := func() {
		if len(parts) == 0 {
			return
		}
		k := objKey{parts[0].schema, "", parts[0].table}
		keys := r.keys[k]
		if keys == nil {
			keys = &tableKeys{}
			r.keys[k] = keys
		}
		keys.add(parts)
		parts = parts[:0]
	}
	err := r.scan(ctx, "indexes", q, args, func(rows *sql.Rows) error {
		if err := rows.Scan(dest...); err != nil {
			return err
		}
		x.schema, x.table, x.name = in.str(raw[0]), in.str(raw[1]), in.str(raw[2])
		x.column, x.expr, x.collation = in.null(raw[3]), in.null(raw[4]), in.null(raw[5])
		x.indexType, x.comment = in.str(raw[6]), in.str(raw[7])
		if len(parts) > 0 && !sameIndex(parts[0], x) {
			flush()
		}
		parts = append(parts, x)
		return nil
	})
	flush()
	return err
}

type fkColumnRow struct {
	schema, table, name            string
	column                         string
	refSchema, refTable, refColumn string
}

// readForeignKeys reads the key columns of foreign keys; their rules come
// from readReferentialRules and are joined in Go, which is cheaper than an
// information_schema join on MariaDB (both sides are materialized without
// indexes).
func (r *reader) readForeignKeys(ctx context.Context) error {
	where, args := r.scope("TABLE_SCHEMA", "TABLE_NAME")
	q := `SELECT TABLE_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, COLUMN_NAME,
	REFERENCED_TABLE_SCHEMA, REFERENCED_TABLE_NAME, REFERENCED_COLUMN_NAME
FROM information_schema.KEY_COLUMN_USAGE
WHERE REFERENCED_TABLE_NAME IS NOT NULL AND ` + where + `
ORDER BY TABLE_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION`
	return r.scan(ctx, "foreign keys", q, args, func(rows *sql.Rows) error {
		var k fkColumnRow
		if err := rows.Scan(&k.schema, &k.table, &k.name, &k.column,
			&k.refSchema, &k.refTable, &k.refColumn); err != nil {
			return err
		}
		r.fkCols = append(r.fkCols, k)
		return nil
	})
}

func (r *reader) readReferentialRules(ctx context.Context) error {
	where, args := r.scope("CONSTRAINT_SCHEMA", "TABLE_NAME")
	q := `SELECT CONSTRAINT_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, DELETE_RULE, UPDATE_RULE
FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE ` + where
	r.fkRules = map[objKey][2]string{}
	return r.scan(ctx, "foreign key rules", q, args, func(rows *sql.Rows) error {
		var k objKey
		var del, upd string
		if err := rows.Scan(&k.schema, &k.table, &k.name, &del, &upd); err != nil {
			return err
		}
		r.fkRules[k] = [2]string{del, upd}
		return nil
	})
}

type checkRow struct {
	schema, table, name, clause, level string
}

// readChecks reads CHECK constraints. MariaDB's CHECK_CONSTRAINTS names the
// table and (10.5.10+) says whether a check was declared on a column; MySQL
// 8's has neither, so the table comes from TABLE_CONSTRAINTS (check names
// are unique per schema there).
func (r *reader) readChecks(ctx context.Context) error {
	var q string
	var args []any
	switch {
	case r.c.flavor.mariaDB:
		level := "'Table'"
		if r.c.flavor.hasCheckLevel() {
			level = "LEVEL"
		}
		var where string
		where, args = r.scope("CONSTRAINT_SCHEMA", "TABLE_NAME")
		q = `SELECT CONSTRAINT_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, CHECK_CLAUSE, ` + level + `
FROM information_schema.CHECK_CONSTRAINTS WHERE ` + where
	default:
		var where string
		where, args = r.scope("t.TABLE_SCHEMA", "t.TABLE_NAME")
		q = `SELECT t.TABLE_SCHEMA, t.TABLE_NAME, c.CONSTRAINT_NAME, c.CHECK_CLAUSE, 'Table'
FROM information_schema.CHECK_CONSTRAINTS c
JOIN information_schema.TABLE_CONSTRAINTS t
  ON t.CONSTRAINT_SCHEMA = c.CONSTRAINT_SCHEMA AND t.CONSTRAINT_NAME = c.CONSTRAINT_NAME
 AND t.CONSTRAINT_TYPE = 'CHECK'
WHERE ` + where
	}
	return r.scan(ctx, "check constraints", q, args, func(rows *sql.Rows) error {
		var c checkRow
		if err := rows.Scan(&c.schema, &c.table, &c.name, &c.clause, &c.level); err != nil {
			return err
		}
		r.checks = append(r.checks, c)
		return nil
	})
}

type viewRow struct {
	schema, name                     string
	definition                       sql.NullString
	checkOption, security, algorithm sql.NullString
}

// readViews reads views with their CHECK OPTION, SQL SECURITY and (MariaDB
// only: MySQL's VIEWS has no such column) ALGORITHM.
func (r *reader) readViews(ctx context.Context) error {
	where, args := r.scope("TABLE_SCHEMA", "TABLE_NAME")
	algorithm := "NULL"
	if r.c.flavor.mariaDB {
		algorithm = "ALGORITHM"
	}
	q := `SELECT TABLE_SCHEMA, TABLE_NAME, VIEW_DEFINITION, CHECK_OPTION, SECURITY_TYPE, ` + algorithm + `
FROM information_schema.VIEWS WHERE ` + where
	return r.scan(ctx, "views", q, args, func(rows *sql.Rows) error {
		var v viewRow
		if err := rows.Scan(&v.schema, &v.name, &v.definition, &v.checkOption, &v.security, &v.algorithm); err != nil {
			return err
		}
		r.views = append(r.views, v)
		return nil
	})
}

type routineRow struct {
	schema, name, kind string
	returns            sql.NullString
	language           string
	definition         sql.NullString // the body; NULL when the user may not see it
	comment            string
	deterministic      string // YES, NO
	dataAccess         string // CONTAINS SQL, NO SQL, READS SQL DATA, MODIFIES SQL DATA
	security           string // DEFINER, INVOKER
	sqlMode            string
}

// readRoutines reads functions and procedures with their characteristics
// and body from ROUTINES, whose ROUTINE_DEFINITION holds the body as
// written: one query for all of them, where SHOW CREATE would cost one
// round trip per routine and add only the DEFINER, which dbls never writes.
func (r *reader) readRoutines(ctx context.Context) error {
	where, args := r.scope("ROUTINE_SCHEMA", "ROUTINE_NAME")
	// MariaDB's Oracle-mode PACKAGE and PACKAGE BODY are not routines of
	// the model.
	q := `SELECT ROUTINE_SCHEMA, ROUTINE_NAME, ROUTINE_TYPE, DTD_IDENTIFIER, ROUTINE_BODY,
	ROUTINE_DEFINITION, ROUTINE_COMMENT, IS_DETERMINISTIC, SQL_DATA_ACCESS, SECURITY_TYPE, SQL_MODE
FROM information_schema.ROUTINES
WHERE ROUTINE_TYPE IN ('FUNCTION', 'PROCEDURE') AND ` + where
	return r.scan(ctx, "routines", q, args, func(rows *sql.Rows) error {
		var x routineRow
		if err := rows.Scan(&x.schema, &x.name, &x.kind, &x.returns, &x.language,
			&x.definition, &x.comment, &x.deterministic, &x.dataAccess, &x.security, &x.sqlMode); err != nil {
			return err
		}
		x.kind = strings.ToLower(x.kind)
		r.routines = append(r.routines, x)
		return nil
	})
}

type paramRow struct {
	schema, routine, kind string
	mode, name            sql.NullString
	typ                   string
}

func (r *reader) readParams(ctx context.Context) error {
	where, args := r.scope("SPECIFIC_SCHEMA", "SPECIFIC_NAME")
	// Position 0 is a function's return value, read from ROUTINES.
	q := `SELECT SPECIFIC_SCHEMA, SPECIFIC_NAME, ROUTINE_TYPE, PARAMETER_MODE, PARAMETER_NAME,
	DTD_IDENTIFIER
FROM information_schema.PARAMETERS
WHERE ORDINAL_POSITION > 0 AND ROUTINE_TYPE IN ('FUNCTION', 'PROCEDURE') AND ` + where + `
ORDER BY SPECIFIC_SCHEMA, SPECIFIC_NAME, ROUTINE_TYPE, ORDINAL_POSITION`
	return r.scan(ctx, "routine parameters", q, args, func(rows *sql.Rows) error {
		var p paramRow
		if err := rows.Scan(&p.schema, &p.routine, &p.kind, &p.mode, &p.name, &p.typ); err != nil {
			return err
		}
		p.kind = strings.ToLower(p.kind)
		r.params = append(r.params, p)
		return nil
	})
}

type triggerRow struct {
	schema, name, table, timing, event, statement, sqlMode string
}

// readTriggers selects, under Filter.Objects, the triggers named there and
// those on the tables named there.
func (r *reader) readTriggers(ctx context.Context) error {
	where, args := r.scope("TRIGGER_SCHEMA", "TRIGGER_NAME", "EVENT_OBJECT_TABLE")
	q := `SELECT TRIGGER_SCHEMA, TRIGGER_NAME, EVENT_OBJECT_TABLE, ACTION_TIMING,
	EVENT_MANIPULATION, ACTION_STATEMENT, SQL_MODE
FROM information_schema.TRIGGERS WHERE ` + where + `
ORDER BY TRIGGER_SCHEMA, EVENT_OBJECT_TABLE, ACTION_TIMING, EVENT_MANIPULATION, ACTION_ORDER`
	return r.scan(ctx, "triggers", q, args, func(rows *sql.Rows) error {
		var t triggerRow
		if err := rows.Scan(&t.schema, &t.name, &t.table, &t.timing, &t.event, &t.statement, &t.sqlMode); err != nil {
			return err
		}
		r.triggers = append(r.triggers, t)
		return nil
	})
}
