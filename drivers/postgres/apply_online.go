package postgres

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/dbls/dbls/drivers/ddl"
)

var _ ddl.TimeoutApplier = (*Conn)(nil)

// applyGroup is a run of statements ApplyDDL executes together: in one
// transaction, or alone outside any (CREATE/DROP INDEX CONCURRENTLY
// cannot run in a transaction block).
type applyGroup struct {
	statements []string
	alone      bool
}

// applyGroups splits a plan's statements where an online plan needs it:
// a CONCURRENTLY statement runs alone, and a VALIDATE CONSTRAINT in a
// transaction of its own, so that the constraint added NOT VALID before
// it is committed (its short lock released) before the long scan. A plan
// without them is one group, one transaction.
func applyGroups(statements []string) []applyGroup {
	var out []applyGroup
	cur := applyGroup{}
	flush := func() {
		if len(cur.statements) > 0 {
			out = append(out, cur)
		}
		cur = applyGroup{}
	}
	for _, s := range statements {
		switch {
		case concurrentStatement(s):
			flush()
			out = append(out, applyGroup{statements: []string{s}, alone: true})
		case validateStatement(s):
			flush()
			out = append(out, applyGroup{statements: []string{s}})
		default:
			cur.statements = append(cur.statements, s)
		}
	}
	flush()
	return out
}

func concurrentStatement(s string) bool {
	for _, p := range []string{"CREATE INDEX CONCURRENTLY ", "CREATE UNIQUE INDEX CONCURRENTLY ", "DROP INDEX CONCURRENTLY "} {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// validateStatement recognises the VALIDATE CONSTRAINT the renderer writes
// (its last words; quoted names cannot end the statement in a bare word).
func validateStatement(s string) bool {
	if !strings.HasPrefix(s, "ALTER TABLE ") {
		return false
	}
	i := strings.LastIndex(s, " VALIDATE CONSTRAINT ")
	return i > 0 && strings.HasPrefix(s[i+len(" VALIDATE CONSTRAINT "):], `"`)
}

// applyGroups runs the groups in order, each committed before the next.
// A failure leaves the groups before it applied: the error then says so and
// does not claim the target unchanged (ddl.ErrRolledBack) unless nothing
// was applied.
func (c *Conn) applyGroups(ctx context.Context, groups []applyGroup, total int, t ddl.Timeouts) (int, error) {
	applied := 0
	for _, g := range groups {
		var n int
		var err error
		if g.alone {
			n, err = c.applyAlone(ctx, g.statements[0], t)
		} else {
			n, err = c.applyTx(ctx, g.statements, t)
		}
		if err != nil {
			var u *ddl.UnknownOutcome
			if applied == 0 || errors.As(err, &u) {
				return applied, err
			}
			return applied, fmt.Errorf("postgres: apply DDL to database %q: %d of %d statements were applied and committed before this failure: %s",
				c.params.Database, applied, total, err)
		}
		applied += n
	}
	return applied, nil
}

// applyAlone runs one statement outside a transaction, on a session pinned
// like every other.
func (c *Conn) applyAlone(ctx context.Context, stmt string, t ddl.Timeouts) (int, error) {
	conn, err := c.pool.Acquire(ctx)
	if err != nil {
		return 0, fmt.Errorf("postgres: apply DDL to database %q: %w", c.params.Database, statementError(ctx, stmt, err))
	}
	defer conn.Release()
	// Session settings (there is no transaction to scope them), reset
	// before the session returns to the pool.
	lockT, stmtT := timeoutSettings(t)
	pin := `SELECT set_config('standard_conforming_strings', 'on', false), set_config('search_path', $1, false),
		set_config('lock_timeout', coalesce(nullif($2, ''), current_setting('lock_timeout')), false),
		set_config('statement_timeout', coalesce(nullif($3, ''), current_setting('statement_timeout')), false)`
	if t != (ddl.Timeouts{}) {
		defer func() {
			reset := `SELECT set_config(name, reset_val, false) FROM pg_settings WHERE name IN ('lock_timeout', 'statement_timeout')`
			_, _ = execOne(context.WithoutCancel(ctx), conn.Conn(), reset)
		}()
	}
	if _, err := execOne(ctx, conn.Conn(), pin, c.searchPath(), lockT, stmtT); err != nil {
		return 0, fmt.Errorf("postgres: apply DDL to database %q: pin the session, nothing applied: %w (%w)",
			c.params.Database, statementError(ctx, pin, err), ddl.ErrRolledBack)
	}
	if _, err := execOne(ctx, conn.Conn(), stmt); err != nil {
		// A failed CREATE INDEX CONCURRENTLY leaves an invalid index behind;
		// the next compare shows it as a difference.
		return 0, fmt.Errorf("postgres: apply DDL to database %q: statement failed (run outside a transaction):\n%s\n: %w",
			c.params.Database, stmt, statementError(ctx, stmt, err))
	}
	return 1, nil
}

// timeoutSettings spells Timeouts for set_config; "" (a zero) keeps the
// session's current value.
func timeoutSettings(t ddl.Timeouts) (lock, statement string) {
	ms := func(d time.Duration) string {
		if d <= 0 {
			return ""
		}
		return strconv.FormatInt(max(d.Milliseconds(), 1), 10) + "ms"
	}
	return ms(t.Lock), ms(t.Statement)
}
