package compare_test

import (
	"errors"
	"testing"

	"github.com/dbls/dbls/diff"
	"github.com/dbls/dbls/diff/compare"
)

func plan() *diff.Plan {
	return &diff.Plan{Items: []diff.Item{
		{ID: "table.create:s.a", Selected: true},
		{ID: "column.drop:s.b.c", Destructive: true},
		{ID: "view.create:s.v", Error: "no views here"},
		{ID: "index.create:s.a.ix", Selected: true, Requires: []string{"table.create:s.a"}},
		{ID: "foreign_key.add:s.d.fk", Requires: []string{"column.drop:s.b.c"}},
	}}
}

func TestSelect(t *testing.T) {
	for _, tc := range []struct {
		name     string
		ids      []string
		allow    bool
		err      error
		selected []string
	}{
		{"one", []string{"table.create:s.a"}, false, nil, []string{"table.create:s.a"}},
		{"requirement taken along", []string{"index.create:s.a.ix"}, false, nil, []string{"table.create:s.a", "index.create:s.a.ix"}},
		{"destructive requirement refused", []string{"foreign_key.add:s.d.fk"}, false, compare.ErrDestructive, nil},
		{"destructive requirement allowed", []string{"foreign_key.add:s.d.fk"}, true, nil, []string{"column.drop:s.b.c", "foreign_key.add:s.d.fk"}},
		{"plan order kept", []string{"index.create:s.a.ix", "table.create:s.a"}, false, nil, []string{"table.create:s.a", "index.create:s.a.ix"}},
		{"none", []string{}, false, nil, nil},
		{"destructive refused", []string{"table.create:s.a", "column.drop:s.b.c"}, false, compare.ErrDestructive, nil},
		{"destructive allowed", []string{"column.drop:s.b.c"}, true, nil, []string{"column.drop:s.b.c"}},
		{"unknown", []string{"table.create:s.zz"}, true, compare.ErrUnknownItem, nil},
		{"no SQL", []string{"view.create:s.v"}, true, compare.ErrNoSQL, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := plan()
			err := compare.Select(p, tc.ids, tc.allow)
			if !errors.Is(err, tc.err) {
				t.Fatalf("err = %v, want %v", err, tc.err)
			}
			var got []string
			for _, it := range p.Items {
				if it.Selected {
					got = append(got, it.ID)
				}
			}
			if tc.err != nil {
				// Nothing changed.
				tc.selected = []string{"table.create:s.a", "index.create:s.a.ix"}
			}
			if len(got) != len(tc.selected) {
				t.Fatalf("selected %v, want %v", got, tc.selected)
			}
			for i := range got {
				if got[i] != tc.selected[i] {
					t.Fatalf("selected %v, want %v", got, tc.selected)
				}
			}
		})
	}
}
