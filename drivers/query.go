package drivers

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// Request is one statement to execute.
type Request struct {
	SQL  string
	Args []any
	// Limit is the page size; 0 means every row.
	Limit int
	// Page is 1-based; 0 is taken as 1.
	Page int
	// MaxBytes bounds the memory the rows of the Result may hold, as
	// RowSize estimates it; 0 means no bound. A driver that honours it
	// stops keeping rows past it (reading and dropping the rest, so that
	// the statement completes) and fails with an error wrapping
	// ErrResultTooLarge: its memory is released, never held.
	MaxBytes int64
}

// ErrResultTooLarge is wrapped by the error of a query whose rows would
// hold more memory than Request.MaxBytes.
var ErrResultTooLarge = errors.New("the result is larger than its memory budget")

// RowSize estimates the bytes a result row holds in memory: the row's
// slice, each value's interface and what the value points to.
func RowSize(row []any) int64 {
	n := int64(24 + 16*len(row))
	for _, v := range row {
		switch x := v.(type) {
		case string:
			n += 16 + int64(len(x))
		case []byte:
			n += 24 + int64(len(x))
		case time.Time:
			n += 24
		case nil, bool:
		default:
			n += 8
		}
	}
	return n
}

// ResultSize is the sum of RowSize over a result's rows.
func ResultSize(res *Result) int64 {
	if res == nil {
		return 0
	}
	var n int64
	for _, row := range res.Rows {
		n += RowSize(row)
	}
	return n
}

// Offset is the number of rows before the requested page.
func (r Request) Offset() int {
	if r.Limit <= 0 || r.Page <= 1 {
		return 0
	}
	return (r.Page - 1) * r.Limit
}

// Result is what a statement produced. Paging never rewrites the user's SQL:
// a driver skips Offset rows and reads Limit+1 to learn whether more exist
// (or uses a server cursor to the same effect).
type Result struct {
	Columns []ResultColumn
	Rows    [][]any
	// RowsAffected is the count reported for a statement without a result
	// set; -1 when the engine does not say.
	RowsAffected int64
	// HasMore reports that rows exist past this page.
	HasMore bool
	Page    int
	Limit   int
	Elapsed time.Duration
}

// ResultColumn describes one column of a result set.
type ResultColumn struct {
	Name string `json:"name"`
	// Type is the database's type name, when the driver reports one.
	Type string `json:"type,omitempty"`
}

// HasResultSet tells a query that returned rows (possibly none) from a
// statement that returned no result set at all.
func (r *Result) HasResultSet() bool { return len(r.Columns) > 0 }

// NormalizeValue turns driver values into the few types the exporters know:
// nil, bool, int64, float64, string, time.Time and []byte (non-UTF-8 bytes).
func NormalizeValue(v any) any {
	switch x := v.(type) {
	case []byte:
		if utf8.Valid(x) {
			return string(x)
		}
		return append([]byte(nil), x...)
	case int:
		return int64(x)
	case int32:
		return int64(x)
	case int16:
		return int64(x)
	case int8:
		return int64(x)
	case uint8:
		return int64(x)
	case uint16:
		return int64(x)
	case uint32:
		return int64(x)
	case float32:
		return float64(x)
	}
	return v
}

// QueryError is a statement the database refused, with its own message and,
// where the engine gives one, the position of the error in the SQL.
type QueryError struct {
	// Message is the database's own message.
	Message string
	// Code is the engine's error code (SQLSTATE, MySQL number), if any.
	Code string
	// Position is the 1-based character offset in the SQL; 0 when unknown.
	Position int
	// Line and Column are 1-based, derived from Position.
	Line, Column int
	Detail, Hint string
	// Err is the driver's original error.
	Err error
}

// NewQueryError builds a QueryError and derives Line and Column from pos.
func NewQueryError(sql, message, code string, pos int, err error) *QueryError {
	e := &QueryError{Message: message, Code: code, Position: pos, Err: err}
	if pos > 0 {
		e.Line, e.Column = LineColumn(sql, pos)
	}
	return e
}

func (e *QueryError) Error() string {
	var b strings.Builder
	b.WriteString(e.Message)
	if e.Code != "" {
		fmt.Fprintf(&b, " (%s)", e.Code)
	}
	if e.Line > 0 {
		fmt.Fprintf(&b, " at line %d, column %d", e.Line, e.Column)
	}
	if e.Detail != "" {
		b.WriteString("\ndetail: " + e.Detail)
	}
	if e.Hint != "" {
		b.WriteString("\nhint: " + e.Hint)
	}
	return b.String()
}

func (e *QueryError) Unwrap() error { return e.Err }

// LineColumn converts a 1-based character offset into 1-based line and
// column (in characters).
func LineColumn(sql string, pos int) (line, col int) {
	line, col = 1, 1
	n := 0
	for _, r := range sql {
		n++
		if n >= pos {
			break
		}
		if r == '\n' {
			line++
			col = 1
		} else {
			col++
		}
	}
	return line, col
}

// ErrUnsupported is wrapped by errors for capabilities a driver lacks.
var ErrUnsupported = errors.New("not supported by this driver")

// ErrReadOnly is wrapped by the errors of statements a read-only
// connection refuses to send.
var ErrReadOnly = errors.New("the connection is read-only")
