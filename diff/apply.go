package diff

import (
	"context"
	"errors"
	"fmt"
	"slices"

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
	// InDoubt is how many statements, from Applied on, may or may not have
	// taken effect: the connection was lost after they (or their COMMIT)
	// were sent and before the server answered (see ddl.UnknownOutcome).
	// Resolve settles them from a re-read of the target.
	InDoubt int `json:"inDoubt,omitempty"`
	// OutcomeUnknown records that the connection was lost so, even once
	// Resolve has settled the count from the re-read target.
	OutcomeUnknown bool `json:"outcomeUnknown,omitempty"`
	// Sent names what was sent without an answer then: "COMMIT",
	// "statement 6 of 10".
	Sent string `json:"sent,omitempty"`
	// Verified means Applied (and InDoubt, then 0) come from re-reading the
	// target after the outcome was unknown.
	Verified bool `json:"verified,omitempty"`
}

// Apply runs the selected items of plan on conn, the target. It uses the
// driver's ddl.Applier (one transaction on PostgreSQL and SQLite, statement
// by statement on MySQL) and otherwise runs statements one by one through
// drivers.StatementExecer (or, without it, drivers.Execer), stopping at the
// first failure. The error names the statement that failed; the result says
// how many took effect.
func Apply(ctx context.Context, conn drivers.Conn, plan *Plan) (*ApplyResult, error) {
	return ApplyTimeouts(ctx, conn, plan, ddl.Timeouts{})
}

// ApplyTimeouts is Apply with lock and statement timeouts for the
// target's apply session (ddl.TimeoutApplier); asking for them from an
// engine that cannot set them is an error, before anything runs.
func ApplyTimeouts(ctx context.Context, conn drivers.Conn, plan *Plan, t ddl.Timeouts) (*ApplyResult, error) {
	res := &ApplyResult{Statements: plan.SQL()}
	if len(res.Statements) == 0 {
		return res, nil
	}
	applyDDL := func(a ddl.Applier) (int, error) { return a.ApplyDDL(ctx, res.Statements) }
	if t != (ddl.Timeouts{}) {
		ta, ok := conn.(ddl.TimeoutApplier)
		if !ok {
			return res, fmt.Errorf("apply: the target's engine cannot set lock or statement timeouts: %w", drivers.ErrUnsupported)
		}
		applyDDL = func(ddl.Applier) (int, error) { return ta.ApplyDDLTimeouts(ctx, res.Statements, t) }
	}
	if a, ok := conn.(ddl.Applier); ok {
		n, err := applyDDL(a)
		res.Applied = n
		var u *ddl.UnknownOutcome
		if errors.As(err, &u) {
			res.OutcomeUnknown, res.Sent = true, u.Sent
			res.InDoubt = min(max(u.InDoubt, 1), len(res.Statements)-n)
		}
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
			if errors.Is(err, ddl.ErrOutcomeUnknown) {
				res.OutcomeUnknown, res.InDoubt, res.Sent = true, 1, fmt.Sprintf("statement %d of %d", i+1, len(res.Statements))
			}
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

// Resolve settles the statements in doubt from again, the plan of a new
// compare of the same source with the re-read target. A selected item of
// plan that again no longer holds took effect; one that again holds with
// the same SQL did not. It returns false, and leaves r as it is, when an
// item in doubt is neither (it changed in part, or in another way).
// Afterwards Applied counts the statements the target shows were applied
// (PostgreSQL's all or nothing, MySQL's prefix), InDoubt is 0 and Verified
// is set.
func (r *ApplyResult) Resolve(plan, again *Plan) bool {
	if r.InDoubt == 0 {
		return true
	}
	now := map[string]*Item{}
	for i := range again.Items {
		now[again.Items[i].ID] = &again.Items[i]
	}
	lo, hi := r.Applied, r.Applied+r.InDoubt
	applied, pos := r.Applied, 0
	for _, it := range plan.Items {
		if !it.Selected {
			continue
		}
		start, end := pos, pos+len(it.SQL)
		pos = end
		if end <= lo || start >= hi || len(it.SQL) == 0 {
			continue
		}
		doubt := min(end, hi) - max(start, lo) // its statements in doubt
		switch cur, ok := now[it.ID]; {
		case !ok:
			applied += doubt
		case slices.Equal(cur.SQL, it.SQL):
		default:
			return false
		}
	}
	r.Applied, r.InDoubt, r.Verified = applied, 0, true
	return true
}
