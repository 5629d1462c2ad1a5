package drivers

import (
	"context"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
)

// The statements the record helpers send, built once for running (with
// bind parameters) and for showing (with the values written in), so that
// a preview is the statement that runs.

// RecordStatement is the statement a record helper would send.
type RecordStatement struct {
	// SQL is the statement as sent, with the dialect's placeholders.
	SQL string
	// Args are the values bound to the placeholders, in order.
	Args []any
	// Display is SQL with each value written in as a literal, for people
	// to read; it is never sent.
	Display string
}

// InsertRecordStatement is the statement InsertRecord would send. It
// fails (wrapping ErrUnsupported) when the Conn writes records its own
// way (RecordWriter) or cannot run generated SQL.
func InsertRecordStatement(c Conn, t TableRef, values Record) (RecordStatement, error) {
	if len(values) == 0 {
		return RecordStatement{}, fmt.Errorf("insert into %s: no values", t)
	}
	d, err := statementDialect(c, "insert records")
	if err != nil {
		return RecordStatement{}, err
	}
	args := values.values()
	return RecordStatement{SQL: insertSQL(d, t, values, d.Placeholder), Args: args,
		Display: insertSQL(d, t, values, literals(args))}, nil
}

// UpdateRecordStatement is the statement UpdateRecord would send, after
// the same check of the key (ErrNotRowKey).
func UpdateRecordStatement(ctx context.Context, c Conn, t TableRef, key, values Record) (RecordStatement, error) {
	if len(key) == 0 || len(values) == 0 {
		return RecordStatement{}, fmt.Errorf("update %s: need a primary key and at least one value", t)
	}
	d, err := statementDialect(c, "update records")
	if err != nil {
		return RecordStatement{}, err
	}
	if err := checkRowKey(ctx, c, t, key); err != nil {
		return RecordStatement{}, fmt.Errorf("update %s: %w", t, err)
	}
	args := append(values.values(), key.values()...)
	return RecordStatement{SQL: updateSQL(d, t, key, values, d.Placeholder), Args: args,
		Display: updateSQL(d, t, key, values, literals(args))}, nil
}

// DeleteRecordStatement is the statement DeleteRecord would send, after
// the same check of the key (ErrNotRowKey).
func DeleteRecordStatement(ctx context.Context, c Conn, t TableRef, key Record) (RecordStatement, error) {
	if len(key) == 0 {
		return RecordStatement{}, fmt.Errorf("delete from %s: need a primary key", t)
	}
	d, err := statementDialect(c, "delete records")
	if err != nil {
		return RecordStatement{}, err
	}
	if err := checkRowKey(ctx, c, t, key); err != nil {
		return RecordStatement{}, fmt.Errorf("delete from %s: %w", t, err)
	}
	args := key.values()
	return RecordStatement{SQL: deleteSQL(d, t, key, d.Placeholder), Args: args,
		Display: deleteSQL(d, t, key, literals(args))}, nil
}

// statementDialect is the dialect the record helpers write c's SQL in;
// a RecordWriter sends no SQL of ours.
func statementDialect(c Conn, what string) (Dialect, error) {
	if _, ok := c.(RecordWriter); ok {
		return nil, fmt.Errorf("%s: the driver changes records its own way, not through SQL dbls writes: %w", what, ErrUnsupported)
	}
	d, _, err := sqlWriter(c, what)
	return d, err
}

func insertSQL(d Dialect, t TableRef, values Record, mark func(int) string) string {
	cols := make([]string, len(values))
	marks := make([]string, len(values))
	for i, f := range values {
		cols[i] = d.QuoteIdent(f.Column)
		marks[i] = mark(i + 1)
	}
	return "INSERT INTO " + QualifiedName(d, t) + " (" + strings.Join(cols, ", ") +
		") VALUES (" + strings.Join(marks, ", ") + ")"
}

func updateSQL(d Dialect, t TableRef, key, values Record, mark func(int) string) string {
	sets := make([]string, len(values))
	for i, f := range values {
		sets[i] = d.QuoteIdent(f.Column) + " = " + mark(i+1)
	}
	return "UPDATE " + QualifiedName(d, t) + " SET " + strings.Join(sets, ", ") +
		" WHERE " + keyPredicate(d, key, len(values), mark)
}

func deleteSQL(d Dialect, t TableRef, key Record, mark func(int) string) string {
	return "DELETE FROM " + QualifiedName(d, t) + " WHERE " + keyPredicate(d, key, 0, mark)
}

// literals marks the n-th placeholder with args[n-1] written as a literal.
func literals(args []any) func(int) string {
	return func(n int) string { return DisplayLiteral(args[n-1]) }
}

// DisplayLiteral writes a bound value as SQL text for people to read:
// NULL, numbers and booleans bare, text quoted with ' doubled, bytes as
// X'…'. It is for display only; values are always sent bound.
func DisplayLiteral(v any) string {
	switch x := v.(type) {
	case nil:
		return "NULL"
	case bool:
		if x {
			return "TRUE"
		}
		return "FALSE"
	case int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64:
		return fmt.Sprint(x)
	case float32:
		return strconv.FormatFloat(float64(x), 'g', -1, 32)
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	case []byte:
		return "X'" + hex.EncodeToString(x) + "'"
	case string:
		return "'" + strings.ReplaceAll(x, "'", "''") + "'"
	}
	return "'" + strings.ReplaceAll(fmt.Sprint(v), "'", "''") + "'"
}
