// Package compare puts a source structure beside a target database: it
// loads the source (a database, a .json snapshot, or a .sql schema file
// loaded into a scratch database of the target's engine), reads the target,
// asks diff for the plan, applies chosen items and compares again. The CLI
// (dbls diff / dbls sync) and the language server (dbls.compareSchemas /
// dbls.syncSchemas) share it, so both reach the same plan the same way.
//
// It knows nothing of LSP or of terminals: callers present plans and ask
// for confirmation themselves.
package compare

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/dbls/dbls/diff"
	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/connect"
	"github.com/dbls/dbls/drivers/ddl"
	"github.com/dbls/dbls/drivers/schema"
)

// Request names what to compare.
type Request struct {
	// Source is a connection (URL or name) or a schema file: a .sql DDL
	// file or a .json snapshot (see connect.IsSchemaFile).
	Source string
	// Target is a connection (URL or name).
	Target string
	// Dev is a server of the target's engine where a .sql source is loaded
	// into a temporary database; needed unless the target is SQLite. Empty
	// means the target connection's configured dev, if any.
	Dev string
	// Schemas limits the comparison to these source schemas.
	Schemas []string
	// AllowDestructive selects destructive items by default.
	AllowDestructive bool
	// Online, Backfill: see diff.Options.
	Online, Backfill bool
	// Timeouts bound the apply session (PostgreSQL).
	Timeouts ddl.Timeouts
	// Renames are declared renames; a .sql source adds its own
	// "-- dbls:renamed-from" hints (see FileRenames).
	Renames []diff.Rename
}

// Comparison is one compare of a source with a target: the plan, and what
// it takes to apply it and to compare again without reloading the source
// (which, for a .sql file, means loading a scratch database again).
type Comparison struct {
	Plan *diff.Plan
	// TargetDriver is the target's driver ID.
	TargetDriver string

	target   drivers.Conn
	source   *schema.Snapshot
	opts     diff.Options
	timeouts ddl.Timeouts
	notes    []string // what a cross-engine source could not bring along
}

// Run opens the target, loads the source and compares them. The returned
// Comparison holds the target open: Close it.
func Run(ctx context.Context, r *connect.Resolver, req Request) (*Comparison, error) {
	tc, tp, err := r.Open(ctx, req.Target)
	if err != nil {
		return nil, fmt.Errorf("target: %w", err)
	}
	c, err := run(ctx, r, req, tc, tp)
	if err != nil {
		tc.Close()
		return nil, err
	}
	return c, nil
}

func run(ctx context.Context, r *connect.Resolver, req Request, tc drivers.Conn, tp drivers.Params) (*Comparison, error) {
	d, err := drivers.Get(tp.Driver)
	if err != nil {
		return nil, err
	}
	rd, ok := d.(ddl.Renderer)
	if !ok {
		// A driver that writes no DDL (an external read-only driver such as
		// the CSV example) is still compared: every difference is listed,
		// none can be selected, and Apply refuses.
		rd = readOnly{driver: tp.Driver}
	}
	dst, err := tc.Snapshot(ctx, drivers.Filter{})
	if err != nil {
		return nil, fmt.Errorf("target: %w", err)
	}
	src, err := sourceSnapshot(ctx, r, req, DialectOf(tp.Driver))
	if err != nil {
		return nil, fmt.Errorf("source: %w", err)
	}
	if src.Driver != dst.Driver && DialectOf(src.Driver) == DialectOf(dst.Driver) {
		// One engine's SQL under two drivers (the CSV example is SQLite):
		// compared as they are, nothing to translate.
		same := *src
		same.Driver = dst.Driver
		src = &same
	}
	var notes []string
	if src.Driver != dst.Driver { // cross-engine: see crossengine.go
		if _, ro := rd.(readOnly); ro {
			return nil, fmt.Errorf("target: driver %s writes no DDL, so a %s source cannot be translated into it: %w", tp.Driver, src.Driver, ErrReadOnlyTarget)
		}
		if src, notes, err = crossSource(ctx, r, req, src, dst.Driver, rd); err != nil {
			return nil, fmt.Errorf("source: %w", err)
		}
	}
	renames := req.Renames
	if connect.IsSchemaFile(req.Source) && strings.HasSuffix(strings.ToLower(req.Source), ".sql") {
		hints, err := FileRenames(req.Source)
		if err != nil {
			return nil, fmt.Errorf("source: %w", err)
		}
		renames = append(renames, hints...)
	}
	c := &Comparison{TargetDriver: tp.Driver, target: tc, source: src, notes: notes, timeouts: req.Timeouts,
		opts: diff.Options{Renderer: rd, Schemas: req.Schemas, AllowDestructive: req.AllowDestructive,
			Online: req.Online, Backfill: req.Backfill, Renames: renames}}
	if c.Plan, err = c.compare(dst); err != nil {
		return nil, err
	}
	if err := countNulls(ctx, tc, c.Plan); err != nil {
		return nil, fmt.Errorf("target: %w", err)
	}
	return c, nil
}

func sourceSnapshot(ctx context.Context, r *connect.Resolver, req Request, targetDriver string) (*schema.Snapshot, error) {
	if connect.IsSchemaFile(req.Source) {
		dev := req.Dev
		if dev == "" {
			dev = r.DevFor(ctx, req.Target)
		}
		return r.SnapshotFile(ctx, req.Source, targetDriver, dev)
	}
	sc, _, err := r.Open(ctx, req.Source)
	if err != nil {
		return nil, err
	}
	defer sc.Close()
	return sc.Snapshot(ctx, drivers.Filter{Schemas: req.Schemas})
}

// Close closes the target connection.
func (c *Comparison) Close() error { return c.target.Close() }

// Again reads the target anew and compares it with the same source.
func (c *Comparison) Again(ctx context.Context) (*diff.Plan, error) {
	dst, err := c.target.Snapshot(ctx, drivers.Filter{})
	if err != nil {
		return nil, fmt.Errorf("target: %w", err)
	}
	return c.compare(dst)
}

// compare plans the source against a target snapshot, with the notes of a
// cross-engine source.
func (c *Comparison) compare(dst *schema.Snapshot) (*diff.Plan, error) {
	p, err := diff.Compare(c.source, dst, c.opts)
	if err != nil {
		return nil, err
	}
	p.Notes = append(append([]string(nil), c.notes...), p.Notes...)
	return p, nil
}

// Apply runs the plan's selected items on the target. On failure the error
// says how many statements took effect and, only when the engine says it
// rolled back (ddl.ErrRolledBack), that the target is unchanged.
//
// When the connection was lost after a statement or the COMMIT was sent
// and before the server answered (ddl.ErrOutcomeUnknown), nobody knows what
// took effect: Apply reconnects, re-reads the target and compares it again
// (Verify), and the result counts what the target shows. Then the result's
// OutcomeUnknown is set, and the error is nil only when every statement
// turned out to have taken effect; otherwise it is an *OutcomeError saying
// what is applied and what remains.
func (c *Comparison) Apply(ctx context.Context) (*diff.ApplyResult, error) {
	if ro, ok := c.opts.Renderer.(readOnly); ok && len(c.Plan.Items) > 0 {
		return &diff.ApplyResult{}, ro.err()
	}
	res, err := diff.ApplyTimeouts(ctx, c.target, c.Plan, c.timeouts)
	if err == nil {
		return res, nil
	}
	if res.OutcomeUnknown {
		return res, c.Verify(ctx, res, err)
	}
	rolledBack := ""
	if errors.Is(err, ddl.ErrRolledBack) {
		rolledBack = " (the transaction was rolled back; the target is unchanged)"
	}
	return res, fmt.Errorf("sync stopped: %d of %d statements took effect%s: %w",
		res.Applied, len(res.Statements), rolledBack, err)
}

// OutcomeError is a sync whose outcome was unknown when the connection was
// lost, with what a re-read of the target showed.
type OutcomeError struct {
	// Result is the apply's result: Verified when the re-read settled
	// Applied.
	Result *diff.ApplyResult
	// Remaining is the plan of the re-read target against the source (nil
	// when the target could not be read again).
	Remaining *diff.Plan
	// Err is the lost connection's error; Reread the error of reading the
	// target again, if that failed too.
	Err, Reread error
}

func (e *OutcomeError) Error() string {
	r := e.Result
	var b strings.Builder
	cause, sent := e.Err, "a statement"
	var u *ddl.UnknownOutcome
	if errors.As(e.Err, &u) {
		cause, sent = u.Err, u.Sent
	}
	fmt.Fprintf(&b, "sync outcome unknown: the connection to the target was lost after %s was sent, before the server answered", sent)
	switch {
	case e.Reread != nil:
		fmt.Fprintf(&b, "; %d of %d statements are known to have taken effect, %d more may have; reading the target again failed (%v): run dbls diff to see what is there",
			r.Applied, len(r.Statements), r.InDoubt, e.Reread)
	case !r.Verified:
		fmt.Fprintf(&b, "; re-read the target: at least %d of %d statements took effect, and whether %d more did cannot be told from it; %d difference(s) remain%s",
			r.Applied, len(r.Statements), r.InDoubt, len(e.Remaining.Items), remaining(e.Remaining))
	default:
		fmt.Fprintf(&b, "; re-read the target: %d of %d statements took effect; %d difference(s) remain%s",
			r.Applied, len(r.Statements), len(e.Remaining.Items), remaining(e.Remaining))
	}
	fmt.Fprintf(&b, ": %v", cause)
	return b.String()
}

func (e *OutcomeError) Unwrap() error { return e.Err }

// remaining lists a plan's item ids for a message.
func remaining(p *diff.Plan) string {
	if len(p.Items) == 0 {
		return ""
	}
	ids := make([]string, len(p.Items))
	for i, it := range p.Items {
		ids[i] = it.ID
	}
	return " (" + strings.Join(ids, ", ") + ")"
}

// rereadTries bounds how long Verify waits for the target to answer again.
var rereadTries = []time.Duration{0, 250 * time.Millisecond, 500 * time.Millisecond, time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second}

// Verify settles a result whose outcome was unknown (res.OutcomeUnknown;
// err is the apply's error): it reads the target again, through a new
// session of the pool, retrying for a few seconds while the server does
// not answer, compares it with the source and counts, by the items that
// are gone, what took effect (diff.ApplyResult.Resolve). It returns nil
// when every statement did, and otherwise an *OutcomeError.
func (c *Comparison) Verify(ctx context.Context, res *diff.ApplyResult, err error) error {
	oe := &OutcomeError{Result: res, Err: err}
	for _, wait := range rereadTries {
		select {
		case <-ctx.Done():
			oe.Reread = ctx.Err()
			return oe
		case <-time.After(wait):
		}
		oe.Remaining, oe.Reread = c.Again(ctx)
		if oe.Reread == nil {
			break
		}
	}
	if oe.Reread != nil {
		return oe
	}
	if res.Resolve(c.Plan, oe.Remaining) && res.Applied == len(res.Statements) {
		return nil
	}
	return oe
}

// DialectOf is the engine whose SQL and types a driver's databases use:
// the driver itself, or the one its manifest names (drivers.Manifest.Dialect).
func DialectOf(driverID string) string {
	if d, ok := drivers.Lookup(driverID); ok {
		if m := d.Manifest(); m.Dialect != "" {
			return m.Dialect
		}
		return d.Manifest().ID
	}
	return driverID
}

// ErrReadOnlyTarget is a target whose driver writes no DDL (no
// ddl.Renderer): it can be compared, never changed.
var ErrReadOnlyTarget = errors.New("the target cannot be changed")

// readOnly stands in for the Renderer of a driver that has none: each
// change is an item error, so the plan shows every difference and none can
// be selected.
type readOnly struct{ driver string }

func (r readOnly) err() error {
	return fmt.Errorf("driver %s writes no DDL (it is read-only for dbls): %w", r.driver, ErrReadOnlyTarget)
}

func (r readOnly) Render(ddl.Change) ([]string, error) { return nil, r.err() }

// Errors of Select.
var (
	ErrUnknownItem = errors.New("no such item in the plan (compare again: the databases may have changed)")
	ErrDestructive = errors.New("destructive item chosen without allowing destructive changes")
	ErrNoSQL       = errors.New("the item cannot be written in the target's dialect")
)

// Select makes exactly the items with these ids, and the items they
// require (diff.Item.Requires), selected, in the plan's order (which
// respects dependencies). A destructive item is refused unless
// allowDestructive; an unknown id or an item without SQL is an error.
// Nothing changes when an error is returned.
func Select(plan *diff.Plan, ids []string, allowDestructive bool) error {
	known := map[string]*diff.Item{}
	for i := range plan.Items {
		known[plan.Items[i].ID] = &plan.Items[i]
	}
	chosen := map[string]bool{}
	var errs []error
	// An item chosen takes along what it requires (the creation of its
	// table …), which must be selectable too.
	var take func(id, why string)
	take = func(id, why string) {
		if chosen[id] {
			return
		}
		it, ok := known[id]
		switch {
		case !ok:
			errs = append(errs, fmt.Errorf("item %q%s: %w", id, why, ErrUnknownItem))
		case it.Error != "":
			errs = append(errs, fmt.Errorf("item %q%s: %w: %s", id, why, ErrNoSQL, it.Error))
		case it.Destructive && !allowDestructive:
			errs = append(errs, fmt.Errorf("item %q%s: %w", id, why, ErrDestructive))
		default:
			chosen[id] = true
			for _, req := range it.Requires {
				take(req, fmt.Sprintf(" (required by %s)", id))
			}
		}
	}
	for _, id := range ids {
		take(id, "")
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	for i := range plan.Items {
		plan.Items[i].Selected = chosen[plan.Items[i].ID]
	}
	return nil
}
