package sqlite

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"strings"

	"github.com/dbls/dbls/drivers/ddl"
)

var _ ddl.Applier = (*Conn)(nil)

// ApplyError is a failed ApplyDDL: the statement that failed (0-based
// Index, or -1 when the failure came after the statements, such as a
// foreign-key violation), its text and SQLite's message. Nothing was
// applied: the transaction was rolled back.
type ApplyError struct {
	Index     int
	Statement string
	Err       error
}

func (e *ApplyError) Error() string {
	if e.Index < 0 {
		return fmt.Sprintf("sqlite: nothing applied: %v", e.Err)
	}
	return fmt.Sprintf("sqlite: statement %d failed, nothing applied: %s: %v", e.Index+1, e.Statement, e.Err)
}

func (e *ApplyError) Unwrap() error { return e.Err }

// Is makes errors.Is(err, ddl.ErrRolledBack) true: nothing took effect.
func (e *ApplyError) Is(target error) bool { return target == ddl.ErrRolledBack }

// ApplyDDL implements ddl.Applier: all or nothing, on one connection of
// the pool. Foreign-key enforcement is switched off first (SQLite ignores
// the pragma inside a transaction), so that rebuilds can drop and rename
// referenced tables; before the commit, PRAGMA foreign_key_check must find
// no violation, or everything is rolled back. The connection's pragmas are
// restored whatever happens.
func (c *Conn) ApplyDDL(ctx context.Context, statements []string) (applied int, err error) {
	if len(statements) == 0 {
		return 0, nil
	}
	conn, err := c.db.Conn(ctx)
	if err != nil {
		return 0, fmt.Errorf("sqlite %s: %w", c.path, err)
	}
	defer conn.Close()

	var fkOn, legacy int
	if err := conn.QueryRowContext(ctx, "PRAGMA foreign_keys").Scan(&fkOn); err != nil {
		return 0, fmt.Errorf("sqlite %s: read foreign_keys: %w", c.path, err)
	}
	if err := conn.QueryRowContext(ctx, "PRAGMA legacy_alter_table").Scan(&legacy); err != nil {
		return 0, fmt.Errorf("sqlite %s: read legacy_alter_table: %w", c.path, err)
	}
	if _, err := conn.ExecContext(ctx, "PRAGMA foreign_keys = OFF"); err != nil {
		return 0, fmt.Errorf("sqlite %s: %w", c.path, err)
	}
	defer func() {
		// A fresh context: the caller's may be cancelled, and a pooled
		// connection must not keep our settings.
		bg := context.WithoutCancel(ctx)
		_, e1 := conn.ExecContext(bg, fmt.Sprintf("PRAGMA legacy_alter_table = %d", legacy))
		_, e2 := conn.ExecContext(bg, fmt.Sprintf("PRAGMA foreign_keys = %d", fkOn))
		if e := errors.Join(e1, e2); e != nil {
			conn.Raw(func(any) error { return driver.ErrBadConn }) //nolint:errcheck // discard the connection
			if err == nil {
				err = fmt.Errorf("sqlite %s: applied, but restoring the connection's pragmas failed: %w", c.path, e)
			}
		}
	}()

	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("sqlite %s: begin: %w", c.path, err)
	}
	defer tx.Rollback() //nolint:errcheck // no-op after Commit
	for i, s := range statements {
		if _, err := tx.ExecContext(ctx, s); err != nil {
			return 0, &ApplyError{Index: i, Statement: s, Err: mapError(s, err)}
		}
	}
	if err := foreignKeyCheck(ctx, tx); err != nil {
		return 0, &ApplyError{Index: -1, Err: err}
	}
	if err := tx.Commit(); err != nil {
		return 0, &ApplyError{Index: -1, Err: fmt.Errorf("commit: %w", err)}
	}
	return len(statements), nil
}

// foreignKeyCheck runs PRAGMA foreign_key_check and describes the
// violations it finds, by child and parent table.
func foreignKeyCheck(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		return fmt.Errorf("foreign_key_check: %w", err)
	}
	defer rows.Close()
	type pair struct{ child, parent string }
	counts := map[pair]int{}
	var order []pair
	for rows.Next() {
		var child, parent string
		var rowid sql.NullInt64
		var fkid int
		if err := rows.Scan(&child, &rowid, &parent, &fkid); err != nil {
			return fmt.Errorf("foreign_key_check: %w", err)
		}
		p := pair{child, parent}
		if counts[p] == 0 {
			order = append(order, p)
		}
		counts[p]++
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("foreign_key_check: %w", err)
	}
	if len(order) == 0 {
		return nil
	}
	var parts []string
	for _, p := range order {
		parts = append(parts, fmt.Sprintf("%d row(s) of table %s reference missing rows of %s",
			counts[p], quote(p.child), quote(p.parent)))
	}
	return fmt.Errorf("foreign key violations after the change: %s", strings.Join(parts, "; "))
}
