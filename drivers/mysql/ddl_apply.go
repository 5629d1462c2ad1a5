package mysql

import (
	"context"
	"database/sql"
	"fmt"
)

// ApplyDDL runs statements one by one, in order, on one connection of the
// single-statement pool (each goes to the server as one statement): MySQL
// commits every DDL statement by itself, so there is no all-or-nothing. It
// stops at the first failure and returns how many statements took effect;
// the error names the failing statement (1-based index and text) and
// carries the server's message. A cancelled ctx stops the running
// statement on the server (KILL QUERY) and runs no further one.
func (c *Conn) ApplyDDL(ctx context.Context, statements []string) (int, error) {
	applied := 0
	err := c.killableOn(ctx, c.singleDB, "", func(qctx context.Context, conn *sql.Conn) error {
		for i, stmt := range statements {
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("mysql: apply stopped before statement %d of %d: %w", i+1, len(statements), err)
			}
			if _, err := conn.ExecContext(qctx, stmt); err != nil {
				return fmt.Errorf("mysql: statement %d of %d failed on %s: %s: %w",
					i+1, len(statements), c.params.Address(), stmt, mapError(stmt, err))
			}
			applied++
		}
		return nil
	})
	return applied, err
}
