package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/sqltext"
)

// A read-only connection (drivers.Params.ReadOnly) holds in three layers:
//
//   - every session starts with default_transaction_read_only = on (a
//     startup parameter, so RESET returns to it);
//   - every statement sent through Query or Exec runs alone in its own
//     BEGIN READ ONLY … ROLLBACK, through the extended protocol (one
//     statement per message; a script is split and each statement gets its
//     own transaction). A statement cannot leave that transaction and keep
//     running: PostgreSQL refuses COMMIT inside functions and procedures
//     called in a transaction block, and refuses to make a transaction
//     read-write once it has taken a snapshot. Whatever it changed that is
//     transactional (set_config, SET SESSION CHARACTERISTICS, rows written
//     by a function despite the mode) is rolled back;
//   - a session is reset before it goes back to the pool (resetSession):
//     advisory locks released, listeners and cursors dropped, temporary
//     objects discarded, and the session closed rather than reused if it is
//     no longer read-only.
//
// What a transaction cannot stop is what is not transactional and not
// checked by the read-only mode: a superuser reading or writing server
// files (lo_export, COPY … TO a file, adminpack), dblink or foreign data
// wrappers opening their own sessions. Only a database role without those
// privileges stops those; docs/usage.md says so.

// resetSQL undoes the session state a statement can leave behind outside
// a transaction. It keeps prepared statements (pgx caches its own) and
// settings (RESET ALL would also undo settings other code pins at connect),
// and ends with the setting the session must still have.
const resetSQL = `CLOSE ALL; UNLISTEN *; SELECT pg_advisory_unlock_all(); DISCARD TEMP; DISCARD SEQUENCES; SHOW default_transaction_read_only`

// resetTimeout bounds the reset of a released session.
const resetTimeout = 5 * time.Second

// readOnlyPool makes the pool of a read-only connection reset each session
// as it is released, and destroy it when the reset fails or shows that the
// session is no longer read-only.
func readOnlyPool(cfg *pgxpool.Config) {
	cfg.AfterRelease = func(conn *pgx.Conn) bool {
		ctx, cancel := context.WithTimeout(context.Background(), resetTimeout)
		defer cancel()
		return resetSession(ctx, conn.PgConn()) == nil
	}
}

// resetSession runs resetSQL and checks its last answer.
func resetSession(ctx context.Context, pgc *pgconn.PgConn) error {
	results, err := pgc.Exec(ctx, resetSQL).ReadAll()
	if err != nil {
		return err
	}
	last := results[len(results)-1]
	if len(last.Rows) != 1 || len(last.Rows[0]) != 1 || string(last.Rows[0][0]) != "on" {
		return errors.New("postgres: the session is no longer read-only")
	}
	return nil
}

// readOnlyStatements splits sql into the statements that run one by one
// on a read-only connection. With arguments the SQL must be one statement
// and is sent as it is (the server refuses more than one).
func readOnlyStatements(sql string, args []any) []string {
	if len(args) > 0 {
		return []string{sql}
	}
	var out []string
	for _, st := range sqltext.Split(sqltext.Postgres, sql) {
		if t := st.Text(sql); t != "" {
			out = append(out, t)
		}
	}
	if len(out) == 0 {
		return []string{sql}
	}
	return out
}

// inReadOnlyTx runs fn inside BEGIN READ ONLY … ROLLBACK on conn. When the
// rollback cannot be confirmed the session is closed, so the pool never
// hands it out again.
func inReadOnlyTx(ctx context.Context, pgc *pgconn.PgConn, fn func() error) error {
	if _, err := pgc.Exec(ctx, "BEGIN TRANSACTION READ ONLY").ReadAll(); err != nil {
		abandon(ctx, pgc)
		return fmt.Errorf("postgres: begin read-only transaction: %w", err)
	}
	err := fn()
	if pgc.IsClosed() {
		return err
	}
	// A statement may have ended the transaction itself (COMMIT,
	// ROLLBACK): then ROLLBACK only warns.
	if _, rbErr := pgc.Exec(ctx, "ROLLBACK").ReadAll(); rbErr != nil || pgc.TxStatus() != 'I' {
		abandon(ctx, pgc)
		if err == nil {
			err = fmt.Errorf("postgres: end read-only transaction: %w", errors.Join(rbErr, errors.New("session left in a transaction")))
		}
	}
	return err
}

// queryReadOnly is Query on a read-only connection: each statement alone
// in its own read-only transaction that is always rolled back. The result
// is that of the last statement that returned rows, or the row count of
// the last statement when none did, as for a script.
func (c *Conn) queryReadOnly(ctx context.Context, conn *pgx.Conn, req drivers.Request) (*page, error) {
	pg := newPage(req)
	for _, stmt := range readOnlyStatements(req.SQL, req.Args) {
		pg.req.SQL = stmt
		err := inReadOnlyTx(ctx, conn.PgConn(), func() error { return runStatement(ctx, conn, pg) })
		if err != nil {
			return nil, statementError(ctx, stmt, err)
		}
	}
	pg.req.SQL = req.SQL
	return pg, nil
}

// execReadOnly is Exec on a read-only connection.
func (c *Conn) execReadOnly(ctx context.Context, sql string, args ...any) (int64, error) {
	pc, err := c.pool.Acquire(ctx)
	if err != nil {
		return 0, fmt.Errorf("postgres: exec on %s: acquire connection: %w", c.params.Address(), err)
	}
	defer pc.Release()
	res, err := c.queryReadOnly(ctx, pc.Conn(), drivers.Request{SQL: sql, Args: args})
	if err != nil {
		return 0, err
	}
	return max(res.res.RowsAffected, 0), nil
}
