package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/sqltext"
)

// Every session dbls opens pins the settings its SQL relies on, as startup
// parameters, which take precedence over what ALTER DATABASE … SET or
// ALTER ROLE … SET configured:
//
//   - standard_conforming_strings = on: a backslash in an ordinary string
//     literal is an ordinary character. View bodies, defaults and checks
//     copied from a source are PostgreSQL's own rendering, written for this
//     mode; under "off", 'x\' would swallow the quote that ends it.
//   - search_path = "$user", public (PostgreSQL's default) unless the URL
//     sets search_path: definitions are deparsed with names qualified only
//     where they are not visible on the search path, so the path they are
//     read with must be the one they are replayed with.
const (
	pinnedStandardStrings = "on"
	defaultSearchPath     = `"$user", public`
)

func pinSession(cc *pgconn.Config) {
	cc.RuntimeParams["standard_conforming_strings"] = pinnedStandardStrings
	if cc.RuntimeParams["search_path"] == "" {
		cc.RuntimeParams["search_path"] = defaultSearchPath
	}
	next := cc.AfterConnect
	cc.AfterConnect = func(ctx context.Context, pc *pgconn.PgConn) error {
		if v := pc.ParameterStatus("standard_conforming_strings"); v != pinnedStandardStrings {
			return fmt.Errorf("the session has standard_conforming_strings=%q after asking for %q (an options=-c setting in the URL?)", v, pinnedStandardStrings)
		}
		if next != nil {
			return next(ctx, pc)
		}
		return nil
	}
}

// execOne sends sql to the server as exactly one statement through the
// extended protocol, which refuses a second statement instead of running
// it. pgx's Exec would use the simple protocol for a statement without
// arguments, and that runs every statement in the text.
func execOne(ctx context.Context, conn *pgx.Conn, sql string, args ...any) (pgconn.CommandTag, error) {
	if len(args) == 0 {
		return conn.PgConn().ExecParams(ctx, sql, nil, nil, nil, nil).Close()
	}
	return conn.Exec(ctx, sql, append([]any{pgx.QueryExecModeDescribeExec}, args...)...)
}

// repin restores the pinned literal mode on a pooled session that a user's
// statement (SET standard_conforming_strings = off, in the editor) changed.
// The server reports the setting whenever it changes, so checking costs
// nothing.
func repin(ctx context.Context, conn *pgx.Conn) error {
	if conn.PgConn().ParameterStatus("standard_conforming_strings") == pinnedStandardStrings {
		return nil
	}
	_, err := execOne(ctx, conn, "SET standard_conforming_strings = on")
	return err
}

// ExecStatement implements drivers.StatementExecer: sql runs as one
// statement (see execOne) on a session with the pinned literal mode. On a
// read-only connection it runs as Exec does there (readonly.go), once the
// text is known to be one statement.
func (c *Conn) ExecStatement(ctx context.Context, sql string, args ...any) (int64, error) {
	if c.params.ReadOnly {
		if i := drivers.SecondStatement(sqltext.Postgres, sql); i >= 0 {
			return 0, fmt.Errorf("postgres: a second statement starts at byte %d: %w", i, drivers.ErrMultipleStatements)
		}
		return c.execReadOnly(ctx, sql, args...)
	}
	pc, err := c.pool.Acquire(ctx)
	if err != nil {
		return 0, fmt.Errorf("postgres: acquire a connection to %s: %w", c.params.Address(), err)
	}
	defer pc.Release()
	if err := repin(ctx, pc.Conn()); err != nil {
		return 0, statementError(ctx, "SET standard_conforming_strings = on", err)
	}
	tag, err := execOne(ctx, pc.Conn(), sql, args...)
	if err != nil {
		return 0, statementError(ctx, sql, err)
	}
	return tag.RowsAffected(), nil
}
