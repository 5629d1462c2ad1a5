// Package sqlexec implements statement execution with paging for drivers
// built on database/sql (sqlite, mysql), so that each of them gets the same
// limit, page, has-more and affected-rows behaviour. Whether a statement
// returns rows is sqltext.Classify's to tell.
package sqlexec

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/sqltext"
)

// DB is what Query needs: a *sql.DB, *sql.Conn or *sql.Tx.
type DB interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// ErrorMapper turns a driver error for the statement sql into the error
// Query returns, typically a *drivers.QueryError.
type ErrorMapper func(sql string, err error) error

// Query executes req, SQL of dialect d. Statements that return rows are
// read page by page without rewriting the SQL: Offset rows are skipped,
// Limit rows kept, and one more is probed to set HasMore. Other statements
// report RowsAffected.
func Query(ctx context.Context, db DB, d sqltext.Dialect, req drivers.Request, mapErr ErrorMapper) (*drivers.Result, error) {
	start := time.Now()
	res := &drivers.Result{Page: max(req.Page, 1), Limit: req.Limit, RowsAffected: -1}
	if !sqltext.Classify(d, req.SQL).Rows {
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
