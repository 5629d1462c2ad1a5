package drivers

import "context"

type lowPriorityKey struct{}

// WithLowPriority marks a read that nobody waits for: the caller serves an
// older snapshot meanwhile, as a language server does while it refreshes
// one from its cache. A driver may then use less of the server (one
// session, no parallel workers), which is often on the editor's own
// machine and would otherwise take every core from it for as long as a
// large catalog takes to read. Drivers that have no cheaper way ignore it.
func WithLowPriority(ctx context.Context) context.Context {
	return context.WithValue(ctx, lowPriorityKey{}, true)
}

// LowPriority reports whether ctx was marked by WithLowPriority.
func LowPriority(ctx context.Context) bool {
	low, _ := ctx.Value(lowPriorityKey{}).(bool)
	return low
}
