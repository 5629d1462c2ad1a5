package runner

import (
	"context"
	"time"

	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/sqltext"
)

// Change is a write that is not a statement of the user's: a record or a
// view edited through the drivers' helpers (drivers.InsertRecord,
// drivers.CreateView …), which quote every identifier and bind every value.
type Change struct {
	// ID names the run for Cancel; empty means one is made up.
	ID         string
	Connection string
	// Verb says what the change is in messages ("INSERT", "CREATE VIEW").
	Verb    string
	Timeout time.Duration
	// DDL marks a change of structure.
	DDL bool
}

// Apply opens the connection, refuses when it is read-only, and calls f
// with a context that Cancel and the timeout end.
func (r *Runner) Apply(ctx context.Context, c Change, f func(ctx context.Context, conn drivers.Conn) error) error {
	req := Request{ID: c.ID, Connection: c.Connection, Timeout: c.Timeout}
	ctx, done, err := r.start(ctx, &req)
	if err != nil {
		return err
	}
	defer done()
	pc, err := r.acquire(ctx, c.Connection)
	if err != nil {
		return err
	}
	defer r.release(pc)
	if err := check(sqltext.Class{Verb: c.Verb, Write: true, DDL: c.DDL}, pc.p, true); err != nil {
		return err
	}
	if err := f(ctx, pc.conn); err != nil {
		return r.runError(ctx, req, err)
	}
	return nil
}
