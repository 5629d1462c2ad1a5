package mysql

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"slices"
	"strings"

	gomysql "github.com/go-sql-driver/mysql"

	"github.com/dbls/dbls/drivers/ddl"
)

// ApplyDDL runs statements one by one, in order, on one connection of the
// single-statement pool (each goes to the server as one statement): MySQL
// commits every DDL statement by itself, so there is no all-or-nothing and
// nothing is ever rolled back. It stops at the first failure and returns how
// many statements took effect; the error names the failing statement
// (1-based index and text) and carries the server's message. A cancelled
// ctx stops the running statement on the server (KILL QUERY) and runs no
// further one.
//
// When the connection is lost (or the statement killed) after a statement
// was sent and before the server answered, that statement may or may not
// have taken effect: the error is then a *ddl.UnknownOutcome with one
// statement in doubt.
func (c *Conn) ApplyDDL(ctx context.Context, statements []string) (int, error) {
	applied := 0
	inFlight := -1 // the statement sent and not answered, if any
	err := c.killableOn(ctx, c.singleDB, "", func(qctx context.Context, conn *sql.Conn) error {
		if slices.ContainsFunc(statements, func(s string) bool { return strings.Contains(s, "@dbls_sql_mode") }) {
			// A plan that creates a routine under its own sql_mode (underMode)
			// and fails before setting it back must not return the pooled
			// session with that mode.
			defer conn.ExecContext(context.WithoutCancel(qctx), "SET SESSION sql_mode = COALESCE(@dbls_sql_mode, @@SESSION.sql_mode)") //nolint:errcheck // a lost session is discarded anyway
		}
		for i, stmt := range statements {
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("mysql: apply stopped before statement %d of %d: %w", i+1, len(statements), err)
			}
			inFlight = i
			if _, err := conn.ExecContext(qctx, stmt); err != nil {
				if answered(err) {
					inFlight = -1
				}
				return fmt.Errorf("mysql: statement %d of %d failed on %s: %s: %w",
					i+1, len(statements), c.params.Address(), stmt, mapError(stmt, err))
			}
			inFlight = -1
			applied++
		}
		return nil
	})
	if err != nil && inFlight >= 0 {
		err = fmt.Errorf("mysql: apply to %s: %w", c.params.Address(), &ddl.UnknownOutcome{InDoubt: 1,
			Sent: fmt.Sprintf("statement %d of %d", inFlight+1, len(statements)), Err: err})
	}
	return applied, err
}

// answered tells a statement the server refused (or that never left the
// client) from one whose connection failed after it was sent.
func answered(err error) bool {
	var me *gomysql.MySQLError
	return errors.As(err, &me) || errors.Is(err, driver.ErrBadConn)
}
