package drivers

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/dbls/dbls/drivers/schema"
)

// The functions in this file are the generic side of the optional
// capabilities: each uses the Conn's own implementation when it has one, and
// otherwise generates SQL through its Dialect and runs it through Exec.

// InsertRecord inserts one row.
func InsertRecord(ctx context.Context, c Conn, t TableRef, values Record) error {
	if w, ok := c.(RecordWriter); ok {
		return w.InsertRecord(ctx, t, values)
	}
	if len(values) == 0 {
		return fmt.Errorf("insert into %s: no values", t)
	}
	d, ex, err := sqlWriter(c, "insert records")
	if err != nil {
		return err
	}
	q := insertSQL(d, t, values, d.Placeholder)
	if _, err := ex.Exec(ctx, q, values.values()...); err != nil {
		return fmt.Errorf("insert into %s: %w", t, err)
	}
	return nil
}

// UpdateRecord sets values on the one row whose primary key (or unique
// key) is key and returns the number of rows changed: 1, or 0 when no row
// has that key. The key must be the table's primary key or one of its
// unique keys, as its snapshot says (ErrNotRowKey otherwise), and the
// change runs in a transaction that is rolled back when it matched more
// than one row (ErrNotOneRow).
func UpdateRecord(ctx context.Context, c Conn, t TableRef, key, values Record) (int64, error) {
	if len(key) == 0 || len(values) == 0 {
		return 0, fmt.Errorf("update %s: need a primary key and at least one value", t)
	}
	if err := checkRowKey(ctx, c, t, key); err != nil {
		return 0, fmt.Errorf("update %s: %w", t, err)
	}
	if w, ok := c.(RecordWriter); ok {
		return oneRow("update", t, false, func() (int64, error) { return w.UpdateRecord(ctx, t, key, values) })
	}
	d, ex, err := sqlWriter(c, "update records")
	if err != nil {
		return 0, err
	}
	q := updateSQL(d, t, key, values, d.Placeholder)
	return execOneRow(ctx, c, ex, "update", t, q, append(values.values(), key.values()...))
}

// DeleteRecord deletes the one row whose primary key (or unique key) is
// key and returns the number of rows deleted, under the rules of
// UpdateRecord.
func DeleteRecord(ctx context.Context, c Conn, t TableRef, key Record) (int64, error) {
	if len(key) == 0 {
		return 0, fmt.Errorf("delete from %s: need a primary key", t)
	}
	if err := checkRowKey(ctx, c, t, key); err != nil {
		return 0, fmt.Errorf("delete from %s: %w", t, err)
	}
	if w, ok := c.(RecordWriter); ok {
		return oneRow("delete from", t, false, func() (int64, error) { return w.DeleteRecord(ctx, t, key) })
	}
	d, ex, err := sqlWriter(c, "delete records")
	if err != nil {
		return 0, err
	}
	q := deleteSQL(d, t, key, d.Placeholder)
	return execOneRow(ctx, c, ex, "delete from", t, q, key.values())
}

// Errors of UpdateRecord and DeleteRecord.
var (
	// ErrNotRowKey: the key's columns are not the primary key or a unique
	// key of the table, so it may match several rows.
	ErrNotRowKey = errors.New("the key is not the primary key or a unique key of the table")
	// ErrNotOneRow: the change matched more than one row and was rolled
	// back.
	ErrNotOneRow = errors.New("the key matched more than one row")
)

// execOneRow runs q in a transaction (when the Conn offers them) that is
// rolled back unless it changed at most one row.
func execOneRow(ctx context.Context, c Conn, ex Execer, verb string, t TableRef, q string, args []any) (int64, error) {
	tr, ok := c.(Transactor)
	if !ok {
		// The key is unique (checkRowKey): the database itself lets it
		// match one row at most.
		return oneRow(verb, t, false, func() (int64, error) { return ex.Exec(ctx, q, args...) })
	}
	var n int64
	err := tr.Transact(ctx, func(ctx context.Context, tx Execer) error {
		var err error
		n, err = oneRow(verb, t, true, func() (int64, error) { return tx.Exec(ctx, q, args...) })
		return err
	})
	if err != nil {
		return 0, err
	}
	return n, nil
}

// oneRow runs f and fails when it reports more than one row; inTx tells
// that the caller rolls back on failure.
func oneRow(verb string, t TableRef, inTx bool, f func() (int64, error)) (int64, error) {
	n, err := f()
	if err != nil {
		return 0, fmt.Errorf("%s %s: %w", verb, t, err)
	}
	if n > 1 {
		outcome := "the driver made the change"
		if inTx {
			outcome = "the change was rolled back: nothing was changed"
		}
		return 0, fmt.Errorf("%s %s: %w: it matched %d rows; %s", verb, t, ErrNotOneRow, n, outcome)
	}
	return n, nil
}

// checkRowKey reads the table's snapshot and checks that the columns of
// key are exactly those of its primary key or of one of its unique keys
// (a unique constraint, or a unique index on whole columns without a
// predicate).
func checkRowKey(ctx context.Context, c Conn, t TableRef, key Record) error {
	tb, err := Table(ctx, c, t)
	if err != nil {
		return err
	}
	cols := make([]string, len(key))
	for i, f := range key {
		cols[i] = f.Column
	}
	list := func(names []string) string {
		q := make([]string, len(names))
		for i, n := range names {
			q[i] = strconv.Quote(n)
		}
		return "(" + strings.Join(q, ", ") + ")"
	}
	keys := tb.RowKeys()
	var have []string
	for _, k := range keys {
		if sameColumns(k, cols) {
			return nil
		}
		have = append(have, list(k))
	}
	if len(have) == 0 {
		return fmt.Errorf("%w: key %s; the table has no primary or unique key, so no row can be named", ErrNotRowKey, list(cols))
	}
	return fmt.Errorf("%w: key %s; use one of %s", ErrNotRowKey, list(cols), strings.Join(have, ", "))
}

// sameColumns reports whether a and b hold the same column names, in any
// order.
func sameColumns(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	sa, sb := slices.Clone(a), slices.Clone(b)
	slices.Sort(sa)
	slices.Sort(sb)
	return slices.Equal(sa, sb)
}

// CreateView creates a view from its query, which must be one statement:
// a definition with another statement after it is refused (wrapping
// ErrMultipleStatements) before anything is sent.
func CreateView(ctx context.Context, c Conn, v ViewRef, definition string) error {
	if err := oneQuery(c, v, definition); err != nil {
		return fmt.Errorf("create view %s: %w", v, err)
	}
	if w, ok := c.(ViewWriter); ok {
		return w.CreateView(ctx, v, definition)
	}
	return execView(ctx, c, v, "CREATE VIEW "+qualified(c, v)+" AS "+definition)
}

// AlterView replaces a view's query, which must be one statement, as for
// CreateView.
func AlterView(ctx context.Context, c Conn, v ViewRef, definition string) error {
	if err := oneQuery(c, v, definition); err != nil {
		return fmt.Errorf("alter view %s: %w", v, err)
	}
	if w, ok := c.(ViewWriter); ok {
		return w.AlterView(ctx, v, definition)
	}
	return execView(ctx, c, v, "CREATE OR REPLACE VIEW "+qualified(c, v)+" AS "+definition)
}

// DropView drops a view.
func DropView(ctx context.Context, c Conn, v ViewRef) error {
	if w, ok := c.(ViewWriter); ok {
		return w.DropView(ctx, v)
	}
	return execView(ctx, c, v, "DROP VIEW "+qualified(c, v))
}

func execView(ctx context.Context, c Conn, v ViewRef, q string) error {
	_, ex, err := sqlWriter(c, "manage views")
	if err != nil {
		return err
	}
	if _, err := ex.Exec(ctx, q); err != nil {
		return fmt.Errorf("view %s: %w", v, err)
	}
	return nil
}

func qualified(c Conn, t TableRef) string {
	if d, ok := c.(Dialecter); ok {
		return QualifiedName(d.Dialect(), t)
	}
	return t.String()
}

// sqlWriter returns how to write and run generated SQL on c. Each call
// of the returned Execer sends one statement: through the Conn's
// StatementExecer when it has one.
func sqlWriter(c Conn, what string) (Dialect, Execer, error) {
	d, ok1 := c.(Dialecter)
	ex, ok2 := c.(Execer)
	if !ok1 || !ok2 {
		return nil, nil, fmt.Errorf("%s: %w", what, ErrUnsupported)
	}
	if se, ok := c.(StatementExecer); ok {
		ex = statementExecer{se}
	}
	return d.Dialect(), ex, nil
}

type statementExecer struct{ StatementExecer }

func (s statementExecer) Exec(ctx context.Context, sql string, args ...any) (int64, error) {
	return s.ExecStatement(ctx, sql, args...)
}

// keyPredicate is "k1 = $n AND k2 = $n+1…", numbering after `after` values.
func keyPredicate(d Dialect, key Record, after int, mark func(int) string) string {
	parts := make([]string, len(key))
	for i, f := range key {
		parts[i] = d.QuoteIdent(f.Column) + " = " + mark(after+i+1)
	}
	return strings.Join(parts, " AND ")
}

func (r Record) values() []any {
	out := make([]any, len(r))
	for i, f := range r {
		out[i] = f.Value
	}
	return out
}

func (t TableRef) String() string {
	if t.Schema == "" {
		return strconv.Quote(t.Name)
	}
	return strconv.Quote(t.Schema) + "." + strconv.Quote(t.Name)
}

// Table reads one table with its columns, keys, indexes and constraints.
// It returns an error wrapping ErrNotFound when there is no such table.
func Table(ctx context.Context, c Conn, t TableRef) (*schema.Table, error) {
	sc, err := readSchema(ctx, c, Filter{Schemas: nonEmpty(t.Schema), Objects: []string{t.Name}})
	if err != nil {
		return nil, err
	}
	if sc != nil {
		if tb := sc.Table(t.Name); tb != nil {
			return tb, nil
		}
		// The driver matched by its engine's case rule (SQLite and MySQL
		// on some systems fold case); accept its one answer.
		if len(sc.Tables) == 1 && strings.EqualFold(sc.Tables[0].Name, t.Name) {
			return &sc.Tables[0], nil
		}
	}
	return nil, fmt.Errorf("table %s: %w", t, ErrNotFound)
}

// Views reads the views of one schema, with definitions and columns.
func Views(ctx context.Context, c Conn, schemaName string) ([]schema.View, error) {
	sc, err := readSchema(ctx, c, Filter{Schemas: []string{schemaName}})
	if err != nil || sc == nil {
		return nil, err
	}
	return sc.Views, nil
}

// ErrNotFound is wrapped by errors for objects that do not exist.
var ErrNotFound = errors.New("not found")

// readSchema snapshots with f and returns the first (or default) schema.
func readSchema(ctx context.Context, c Conn, f Filter) (*schema.Schema, error) {
	s, err := c.Snapshot(ctx, f)
	if err != nil {
		return nil, err
	}
	if len(f.Schemas) == 0 {
		if sc := s.Schema(s.DefaultSchema); sc != nil {
			return sc, nil
		}
	}
	if len(s.Schemas) == 0 {
		return nil, nil
	}
	return &s.Schemas[0], nil
}

func nonEmpty(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}
