package sqlite

import (
	"context"
	"fmt"

	"github.com/dbls/dbls/drivers"
)

// SQLite has no CREATE OR REPLACE VIEW, so views are managed here rather
// than through the generic helpers: AlterView drops and recreates in one
// transaction, so a failing definition leaves the old view in place.

// CreateView implements drivers.ViewWriter. SQLite accepts a view over
// tables that do not exist; selecting from it inside the transaction makes
// such a definition fail now rather than at first use.
func (c *Conn) CreateView(ctx context.Context, v drivers.ViewRef, definition string) error {
	name := drivers.QualifiedName(Dialect{}, v)
	return c.viewTx(ctx, v, "CREATE VIEW "+name+" AS "+definition, "SELECT * FROM "+name+" LIMIT 0")
}

// AlterView implements drivers.ViewWriter.
func (c *Conn) AlterView(ctx context.Context, v drivers.ViewRef, definition string) error {
	name := drivers.QualifiedName(Dialect{}, v)
	return c.viewTx(ctx, v, "DROP VIEW "+name, "CREATE VIEW "+name+" AS "+definition, "SELECT * FROM "+name+" LIMIT 0")
}

// DropView implements drivers.ViewWriter.
func (c *Conn) DropView(ctx context.Context, v drivers.ViewRef) error {
	return c.viewTx(ctx, v, "DROP VIEW "+drivers.QualifiedName(Dialect{}, v))
}

func (c *Conn) viewTx(ctx context.Context, v drivers.ViewRef, stmts ...string) error {
	tx, err := c.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite: view %s: %w", v, err)
	}
	defer tx.Rollback() //nolint:errcheck // no-op after Commit
	for _, s := range stmts {
		if _, err := tx.ExecContext(ctx, s); err != nil {
			return fmt.Errorf("sqlite: view %s: %w", v, mapError(s, err))
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqlite: view %s: %w", v, err)
	}
	return nil
}
