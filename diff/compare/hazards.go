package compare

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"

	"github.com/dbls/dbls/diff"
	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/ddl"
	"github.com/dbls/dbls/drivers/schema"
)

// ErrHazard is an item whose hazard class was not allowed.
var ErrHazard = errors.New("hazard not allowed")

// CheckHazards refuses a plan whose selected items carry a hazard class
// not in allowed, naming each class and item and how to allow it.
func CheckHazards(plan *diff.Plan, allowed []string) error {
	var errs []error
	for _, it := range plan.Items {
		if !it.Selected {
			continue
		}
		for _, h := range it.Hazards {
			if !slices.Contains(allowed, h) {
				errs = append(errs, fmt.Errorf("item %s: %w: %s (allow it with --hazards %s)", it.ID, ErrHazard, h, h))
			}
		}
	}
	return errors.Join(errs...)
}

// countNulls counts, for every column the plan makes NOT NULL, the rows of
// the target that hold NULL in it, and labels the item with
// ddl.HazardExistingNulls when there are any (the change would fail
// unless backfilled). One query per such column, only for those.
func countNulls(ctx context.Context, target drivers.Conn, plan *diff.Plan) error {
	q, ok := target.(drivers.Querier)
	dl, ok2 := target.(drivers.Dialecter)
	if !ok || !ok2 {
		return nil
	}
	d := dl.Dialect()
	for i := range plan.Items {
		it := &plan.Items[i]
		from, to := alteredColumn(it)
		if from == nil || to == nil || !from.Nullable || to.Nullable {
			continue
		}
		sql := "SELECT count(*) FROM " + drivers.QualifiedName(d, drivers.TableRef{Schema: it.Schema, Name: it.Table}) +
			" WHERE " + d.QuoteIdent(from.Name) + " IS NULL"
		res, err := q.Query(ctx, drivers.Request{SQL: sql})
		if err != nil {
			return fmt.Errorf("count the NULLs of %s.%s.%s: %w", it.Schema, it.Table, from.Name, err)
		}
		if len(res.Rows) == 1 && len(res.Rows[0]) == 1 {
			n, _ := strconv.ParseInt(fmt.Sprint(res.Rows[0][0]), 10, 64)
			if n > 0 {
				it.NullRows = n
				it.Hazards = append(it.Hazards, ddl.HazardExistingNulls)
				slices.Sort(it.Hazards)
			}
		}
	}
	return nil
}

// alteredColumn is the column of a column.alter item, as the target has
// it and as the source wants it.
func alteredColumn(it *diff.Item) (from, to *schema.Column) {
	if it.Kind != ddl.KindAlterColumn {
		return nil, nil
	}
	from, _ = it.Target.(*schema.Column)
	to, _ = it.Source.(*schema.Column)
	return from, to
}
