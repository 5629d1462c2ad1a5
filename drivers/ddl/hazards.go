package ddl

import (
	"context"
	"time"
)

// Hazard classes: what applying a change may do besides the change itself.
// The strings are stable (plan JSON, --hazards).
const (
	// HazardDeletesData: rows or values are lost (a table or column
	// dropped, a type narrowed).
	HazardDeletesData = "deletes_data"
	// HazardRewritesTable: the engine rewrites every row (most type
	// changes on PostgreSQL), taking time and space in proportion.
	HazardRewritesTable = "rewrites_table"
	// HazardAccessExclusive: the statement takes PostgreSQL's ACCESS
	// EXCLUSIVE lock, blocking reads and writes of the table while it runs
	// and while it waits for the lock.
	HazardAccessExclusive = "access_exclusive_lock"
	// HazardBreaksDependants: objects that use it (views, queries of
	// applications) fail while it is gone or after it changed.
	HazardBreaksDependants = "breaks_dependants"
	// HazardIndexBuild: an index is built, reading the whole table and
	// (unless built concurrently) blocking writes meanwhile.
	HazardIndexBuild = "index_build"
	// HazardExistingNulls: a column made NOT NULL holds NULLs, so the
	// change fails unless they are filled first (a backfill).
	HazardExistingNulls = "existing_nulls"
)

// Hazarder is a Renderer's companion that labels a change with the hazard
// classes applying it carries on its engine (locks, rewrites). Without it,
// diff labels only what every engine shares (data deleted).
type Hazarder interface {
	Hazards(c Change) []string
}

// Timeouts bound an apply session: how long a statement waits for a lock,
// and how long it may run. Zero leaves the server's setting.
type Timeouts struct {
	Lock, Statement time.Duration
}

// TimeoutApplier is an Applier that sets Timeouts for the statements it
// runs (PostgreSQL: lock_timeout and statement_timeout, local to each
// transaction), so that a plan waiting behind a long query fails instead of
// queueing every other session behind its lock.
type TimeoutApplier interface {
	ApplyDDLTimeouts(ctx context.Context, statements []string, t Timeouts) (applied int, err error)
}
