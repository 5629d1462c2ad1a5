// Package sqlexec implements statement execution with paging for drivers
// built on database/sql (sqlite, mysql), so that each of them gets the same
// limit, page, has-more and affected-rows behaviour.
package sqlexec

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/dbls/dbls/drivers"
)

// DB is what Query needs: a *sql.DB, *sql.Conn or *sql.Tx.
type DB interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// ErrorMapper turns a driver error for the statement sql into the error
// Query returns, typically a *drivers.QueryError.
type ErrorMapper func(sql string, err error) error

// Query executes req. Statements that return rows are read page by page
// without rewriting the SQL: Offset rows are skipped, Limit rows kept, and
// one more is probed to set HasMore. Other statements report RowsAffected.
func Query(ctx context.Context, db DB, req drivers.Request, mapErr ErrorMapper) (*drivers.Result, error) {
	start := time.Now()
	res := &drivers.Result{Page: max(req.Page, 1), Limit: req.Limit, RowsAffected: -1}
	if !ReturnsRows(req.SQL) {
		r, err := db.ExecContext(ctx, req.SQL, req.Args...)
		if err != nil {
			return nil, mapErr(req.SQL, err)
		}
		if n, err := r.RowsAffected(); err == nil {
			res.RowsAffected = n
		}
		res.Elapsed = time.Since(start)
		return res, nil
	}
	rows, err := db.QueryContext(ctx, req.SQL, req.Args...)
	if err != nil {
		return nil, mapErr(req.SQL, err)
	}
	defer rows.Close()
	if err := readPage(rows, req, res); errors.Is(err, drivers.ErrResultTooLarge) {
		return nil, err
	} else if err != nil {
		return nil, mapErr(req.SQL, err)
	}
	res.Elapsed = time.Since(start)
	return res, nil
}

func readPage(rows *sql.Rows, req drivers.Request, res *drivers.Result) error {
	types, err := rows.ColumnTypes()
	if err != nil {
		return err
	}
	res.Columns = make([]drivers.ResultColumn, len(types))
	for i, t := range types {
		res.Columns[i] = drivers.ResultColumn{Name: t.Name(), Type: t.DatabaseTypeName()}
	}
	res.Rows = [][]any{}
	skip := req.Offset()
	var size int64
	for rows.Next() {
		if skip > 0 {
			skip--
			continue
		}
		if req.Limit > 0 && len(res.Rows) == req.Limit {
			res.HasMore = true
			break
		}
		vals := make([]any, len(types))
		ptrs := make([]any, len(types))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		for i, v := range vals {
			vals[i] = drivers.NormalizeValue(v)
		}
		if size += drivers.RowSize(vals); req.MaxBytes > 0 && size > req.MaxBytes {
			// Closing the rows reads and drops the rest: the statement
			// completes, and what was kept goes.
			res.Rows = nil
			rows.Close()
			if err := rows.Err(); err != nil {
				return err
			}
			return fmt.Errorf("%w (%d bytes)", drivers.ErrResultTooLarge, req.MaxBytes)
		}
		res.Rows = append(res.Rows, vals)
	}
	return rows.Err()
}

// rowKeywords start statements that produce a result set.
var rowKeywords = map[string]bool{
	"SELECT": true, "WITH": true, "VALUES": true, "TABLE": true, "SHOW": true,
	"DESCRIBE": true, "DESC": true, "EXPLAIN": true, "PRAGMA": true, "CALL": true,
	"EXECUTE": true, "FETCH": true, "HANDLER": true, "CHECK": true,
	"CHECKSUM": true, "OPTIMIZE": true, "REPAIR": true,
}

// ReturnsRows guesses from its leading keyword (past comments and opening
// parentheses) whether a statement produces a result set, and treats any
// statement with a RETURNING clause as one that does. Guessing wrong is
// harmless either way: a row statement run as exec loses its rows, so the
// guess leans to "rows".
func ReturnsRows(sql string) bool {
	words := Keywords(sql, 0)
	if len(words) == 0 {
		return false
	}
	if rowKeywords[words[0]] {
		return true
	}
	for _, w := range words {
		if w == "RETURNING" {
			return true
		}
	}
	return false
}

// Keywords returns the upper-cased bare words of sql outside comments,
// string literals and quoted identifiers; at most n of them when n > 0.
func Keywords(sql string, n int) []string {
	var out []string
	for i := 0; i < len(sql) && (n <= 0 || len(out) < n); {
		c := sql[i]
		switch {
		case c == '-' && strings.HasPrefix(sql[i:], "--"), c == '#':
			i = skipTo(sql, i, "\n")
		case c == '/' && strings.HasPrefix(sql[i:], "/*"):
			i = skipTo(sql, i+2, "*/")
		case c == '\'' || c == '"' || c == '`':
			i = skipQuoted(sql, i, c)
		case c == '$':
			i = skipDollar(sql, i)
		case isWordByte(c):
			j := i
			for j < len(sql) && isWordByte(sql[j]) {
				j++
			}
			out = append(out, strings.ToUpper(sql[i:j]))
			i = j
		default:
			i++
		}
	}
	return out
}

func skipTo(s string, i int, end string) int {
	if j := strings.Index(s[i:], end); j >= 0 {
		return i + j + len(end)
	}
	return len(s)
}

func skipQuoted(s string, i int, q byte) int {
	for j := i + 1; j < len(s); j++ {
		if s[j] == q {
			if j+1 < len(s) && s[j+1] == q {
				j++
				continue
			}
			return j + 1
		}
		if s[j] == '\\' && q != '"' {
			j++
		}
	}
	return len(s)
}

// skipDollar skips a PostgreSQL dollar-quoted string ($tag$…$tag$); a lone
// $ or a $1 parameter is skipped as one byte.
func skipDollar(s string, i int) int {
	j := i + 1
	if j < len(s) && s[j] >= '0' && s[j] <= '9' { // $1 parameter
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		return j
	}
	for j < len(s) && isWordByte(s[j]) {
		j++
	}
	if j < len(s) && s[j] == '$' {
		tag := s[i : j+1]
		return skipTo(s, j+1, tag)
	}
	return i + 1
}

func isWordByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}
