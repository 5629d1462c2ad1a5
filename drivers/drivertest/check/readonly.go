package check

import (
	"context"
	"errors"
)

// Result is the outcome of one check. Skip, when set, says why the check
// did not apply.
type Result struct {
	Name string
	Err  error
	Skip string
}

// Config is what ReadOnly checks.
type Config struct {
	// URL opens a database holding the read-only fixture.
	URL string
	// SleepSQL runs for many seconds, for the cancel check; empty skips it.
	SleepSQL string
}

// ReadOnly runs every check that does not write, in order, against a
// database that already holds the read-only fixture. A failure to open
// the database or read its snapshot ends the run: the rest would only
// repeat it.
func ReadOnly(ctx context.Context, cfg Config) []Result {
	var out []Result
	add := func(name string, err error) {
		r := Result{Name: name, Err: err}
		if why, ok := SkipReason(err); ok {
			r = Result{Name: name, Skip: why}
		}
		out = append(out, r)
	}
	k, err := New(cfg.URL)
	if err != nil {
		add("open", err)
		return out
	}
	add("manifest", k.Manifest())
	err = k.Open(ctx)
	add("open", err)
	if err != nil {
		return out
	}
	defer k.Close()
	err = k.LoadReadOnly(ctx)
	if err == nil {
		errs := []error{k.Snapshot()}
		for _, t := range k.Tables() {
			errs = append(errs, k.Table(t))
		}
		err = errors.Join(errs...)
	}
	add("snapshot", err)
	if err != nil {
		return out
	}
	add("stable", k.Stable(ctx))
	add("filter", k.Filter(ctx))
	add("listers", k.Listers(ctx))
	err = k.Query(ctx)
	add("query", err)
	if _, skipped := SkipReason(err); skipped {
		return out // the rest need a Querier too
	}
	add("read-only", k.RefusesWrites(ctx))
	add("cancel", k.Cancel(ctx, cfg.SleepSQL))
	return out
}
