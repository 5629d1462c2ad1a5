package mysql

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/sqlexec"
	"github.com/dbls/dbls/drivers/sqltext"
)

// A read-only connection (drivers.Params.ReadOnly) holds in four layers:
//
//   - every session is opened with SET SESSION TRANSACTION READ ONLY and
//     without multi-statements, so the server parses one statement per
//     request whatever our splitter thinks;
//   - a statement the classifier calls a write (sqltext.Classify: CALL,
//     DO, EXECUTE, LOCK TABLES, locking reads, GET_LOCK …) is refused
//     before it is sent. This is what stops CALL: a procedure may COMMIT,
//     which ends any transaction around it, and then change the session
//     back to read-write;
//   - every other statement runs alone in its own START TRANSACTION READ
//     ONLY … ROLLBACK, so a stored function it calls cannot write (a
//     function may not commit);
//   - the session is closed afterwards instead of going back to the pool
//     (go-sql-driver cannot reset a session), which ends whatever it left
//     behind: session variables, user locks, temporary tables.
//
// What a read-only transaction cannot stop: locks a function takes inside
// it (GET_LOCK in a stored function holds until the session closes, which
// is right after the statement), reading server files (LOAD_FILE with the
// FILE privilege) and writes to non-transactional places a function can
// reach. Only a database role without write privileges stops everything;
// docs/usage.md says so.

// readOnlyStatements splits query into its statements and refuses it when
// one of them writes.
func readOnlyStatements(query string, args []any) ([]string, error) {
	stmts := []string{query}
	if len(args) == 0 {
		stmts = stmts[:0]
		for _, st := range sqltext.Split(sqltext.MySQL, query) {
			if t := st.Text(query); t != "" {
				stmts = append(stmts, t)
			}
		}
		if len(stmts) == 0 {
			stmts = []string{query}
		}
	}
	for _, s := range stmts {
		if c := sqltext.Classify(sqltext.MySQL, s); c.Write {
			return nil, fmt.Errorf("mysql: %s on a read-only connection: %w", c.Verb, drivers.ErrReadOnly)
		}
	}
	return stmts, nil
}

// queryReadOnly is Query on a read-only connection. The result is that of
// the last statement that returned rows, or of the last statement when
// none did.
func (c *Conn) queryReadOnly(ctx context.Context, req drivers.Request) (*drivers.Result, error) {
	stmts, err := readOnlyStatements(req.SQL, req.Args)
	if err != nil {
		return nil, err
	}
	var res *drivers.Result
	err = c.killable(ctx, req.SQL, func(qctx context.Context, conn *sql.Conn) error {
		for _, s := range stmts {
			one := req
			one.SQL = s
			var r *drivers.Result
			err := inReadOnlyTx(qctx, conn, func() error {
				var err error
				r, err = sqlexec.Query(qctx, conn, sqltext.MySQL, one, mapError)
				return err
			})
			if err != nil {
				return err
			}
			if res == nil || r.HasResultSet() || !res.HasResultSet() {
				res = r
			}
		}
		return nil
	})
	return res, err
}

// execReadOnly is Exec on a read-only connection.
func (c *Conn) execReadOnly(ctx context.Context, query string, args ...any) (int64, error) {
	res, err := c.queryReadOnly(ctx, drivers.Request{SQL: query, Args: args})
	if err != nil {
		return 0, err
	}
	return max(res.RowsAffected, 0), nil
}

// inReadOnlyTx runs fn inside START TRANSACTION READ ONLY … ROLLBACK on
// conn; the caller closes the session afterwards.
func inReadOnlyTx(ctx context.Context, conn *sql.Conn, fn func() error) error {
	if _, err := conn.ExecContext(ctx, "START TRANSACTION READ ONLY"); err != nil {
		return fmt.Errorf("mysql: start read-only transaction: %w", err)
	}
	err := fn()
	if _, rbErr := conn.ExecContext(ctx, "ROLLBACK"); rbErr != nil && err == nil {
		err = fmt.Errorf("mysql: end read-only transaction: %w", rbErr)
	}
	return err
}
