package sqlexec

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/dbls/dbls/drivers"
)

// Beginner is a *sql.DB or *sql.Conn.
type Beginner interface {
	BeginTx(ctx context.Context, opts *sql.TxOptions) (*sql.Tx, error)
}

// Transact implements drivers.Transactor for database/sql-based drivers:
// f's statements share one transaction on db, committed when f returns nil
// and rolled back otherwise.
func Transact(ctx context.Context, db Beginner, mapErr ErrorMapper, f func(ctx context.Context, tx drivers.Execer) error) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin transaction: %w", err)
	}
	if err := f(ctx, txExecer{tx, mapErr}); err != nil {
		if rbErr := tx.Rollback(); rbErr != nil {
			return errors.Join(err, fmt.Errorf("roll back: %w", rbErr))
		}
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

type txExecer struct {
	tx     *sql.Tx
	mapErr ErrorMapper
}

func (e txExecer) Exec(ctx context.Context, query string, args ...any) (int64, error) {
	r, err := e.tx.ExecContext(ctx, query, args...)
	if err != nil {
		return 0, e.mapErr(query, err)
	}
	return r.RowsAffected()
}
