package compare

import (
	"context"
	"fmt"

	"github.com/dbls/dbls/diff"
	"github.com/dbls/dbls/drivers"
)

// Reverse is the plan that undoes this comparison's: the target as it is
// now taken as the source and the source as the target, rendered in the
// target's dialect with every item selected (a down migration drops what
// the up migration creates). It is what a down migration is made of.
func (c *Comparison) Reverse(ctx context.Context) (*diff.Plan, error) {
	dst, err := c.target.Snapshot(ctx, drivers.Filter{})
	if err != nil {
		return nil, fmt.Errorf("target: %w", err)
	}
	opts := c.opts
	opts.AllowDestructive = true
	return diff.Compare(dst, c.source, opts)
}
