package ddl

import "testing"

// TestTypeKinds pins the kind strings of types.go (plan item ids and
// `dbls diff --json` show them).
func TestTypeKinds(t *testing.T) {
	cases := []struct {
		c    Change
		kind string
	}{
		{CreateExtension{}, "extension.create"}, {AlterExtension{}, "extension.alter"}, {DropExtension{}, "extension.drop"},
		{CreateComposite{}, "composite.create"}, {AlterComposite{}, "composite.alter"}, {DropComposite{}, "composite.drop"},
		{CreateRange{}, "range.create"}, {AlterRange{}, "range.alter"}, {DropRange{}, "range.drop"},
		{CreateCollation{}, "collation.create"}, {AlterCollation{}, "collation.alter"}, {DropCollation{}, "collation.drop"},
	}
	for _, tc := range cases {
		if got := string(tc.c.Kind()); got != tc.kind {
			t.Errorf("%T.Kind() = %q, want %q", tc.c, got, tc.kind)
		}
	}
}
