package diff_test

import (
	"testing"

	"github.com/dbls/dbls/diff"
)

// TestResolve settles statements in doubt from a re-diff: an item gone
// took effect, an item unchanged did not, an item changed otherwise cannot
// be told.
func TestResolve(t *testing.T) {
	item := func(id string, sql ...string) diff.Item { return diff.Item{ID: id, SQL: sql, Selected: true} }
	plan := &diff.Plan{Items: []diff.Item{
		item("a", "A1"),
		{ID: "skipped", SQL: []string{"X"}},
		item("b", "B1", "B2"),
		item("c", "C1"),
		item("d", "D1"),
	}} // statements: A1 B1 B2 C1 D1
	again := func(items ...diff.Item) *diff.Plan { return &diff.Plan{Items: items} }
	for _, tc := range []struct {
		name            string
		applied, doubt  int
		again           *diff.Plan
		ok              bool
		wantApplied     int
		wantStillDoubts int
	}{
		{"all committed", 0, 5, again(item("skipped", "X")), true, 5, 0},
		{"nothing committed", 0, 5, again(item("a", "A1"), item("b", "B1", "B2"), item("c", "C1"), item("d", "D1")), true, 0, 0},
		{"one in doubt, applied", 3, 1, again(item("d", "D1")), true, 4, 0},
		{"one in doubt, not applied", 3, 1, again(item("c", "C1"), item("d", "D1")), true, 3, 0},
		{"in doubt inside a half-done item", 1, 1, again(item("b", "B2"), item("c", "C1"), item("d", "D1")), false, 1, 1},
		{"nothing in doubt", 2, 0, again(), true, 2, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := &diff.ApplyResult{Statements: plan.SQL(), Applied: tc.applied, InDoubt: tc.doubt, OutcomeUnknown: tc.doubt > 0}
			if ok := r.Resolve(plan, tc.again); ok != tc.ok || r.Applied != tc.wantApplied || r.InDoubt != tc.wantStillDoubts || r.Verified != (ok && tc.doubt > 0) {
				t.Fatalf("Resolve = %v, %+v; want %v, applied %d, in doubt %d", ok, r, tc.ok, tc.wantApplied, tc.wantStillDoubts)
			}
		})
	}
}
