package diff

import (
	"context"
	"errors"
	"fmt"

	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/ddl"
)

// ApplyResult says what Apply did.
type ApplyResult struct {
	// Statements are the statements of the selected items, in order.
	Statements []string `json:"statements"`
	// Applied is how many of them took effect: all, none (a transactional
	// engine rolled back), or the prefix that ran before a failure.
	Applied int `json:"applied"`
}

// Apply runs the selected items of plan on conn, the target. It uses the
// driver's ddl.Applier (one transaction on PostgreSQL and SQLite, statement
// by statement on MySQL) and otherwise runs statements one by one through
// drivers.StatementExecer (or, without it, drivers.Execer), stopping at the
// first failure. The error names the statement that failed; the result says
// how many took effect.
func Apply(ctx context.Context, conn drivers.Conn, plan *Plan) (*ApplyResult, error) {
	res := &ApplyResult{Statements: plan.SQL()}
	if len(res.Statements) == 0 {
		return res, nil
	}
	if a, ok := conn.(ddl.Applier); ok {
		n, err := a.ApplyDDL(ctx, res.Statements)
		res.Applied = n
		return res, err
	}
	var exec func(ctx context.Context, sql string, args ...any) (int64, error)
	if se, ok := conn.(drivers.StatementExecer); ok {
		exec = se.ExecStatement // one statement per execution
	} else if ex, ok := conn.(drivers.Execer); ok {
		exec = ex.Exec
	} else {
		return res, fmt.Errorf("apply: the target driver can neither apply DDL nor execute statements: %w", drivers.ErrUnsupported)
	}
	for i, stmt := range res.Statements {
		if _, err := exec(ctx, stmt); err != nil {
			return res, &StatementError{Index: i, Statement: stmt, Applied: i, Err: err}
		}
		res.Applied = i + 1
	}
	return res, nil
}

// StatementError is a failed statement of a plan.
type StatementError struct {
	Index     int // 0-based position in the plan's statements
	Statement string
	Applied   int // statements that took effect before it
	Err       error
}

func (e *StatementError) Error() string {
	return fmt.Sprintf("statement %d failed (%d applied before it): %s: %v", e.Index+1, e.Applied, e.Statement, e.Err)
}

func (e *StatementError) Unwrap() error { return e.Err }

// ErrNotConverged means a sync applied its plan but the target still
// differs from the source.
var ErrNotConverged = errors.New("the target still differs from the source after sync")
