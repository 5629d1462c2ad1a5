package mysql

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"

	gomysql "github.com/go-sql-driver/mysql"

	"github.com/dbls/dbls/drivers/ddl"
)

// ApplyDDL runs statements one by one, in order, on one connection: MySQL
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
	err := c.killable(ctx, "", func(qctx context.Context, conn *sql.Conn) error {
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
