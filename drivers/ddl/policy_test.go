package ddl

import "testing"

// TestSecurityKinds pins the kind strings of policy.go, as TestKinds does
// for the others: plan item ids and `dbls diff --json` carry them.
func TestSecurityKinds(t *testing.T) {
	for _, tc := range []struct {
		c    Change
		kind string
	}{
		{CreatePolicy{}, "policy.create"},
		{AlterPolicy{}, "policy.alter"},
		{DropPolicy{}, "policy.drop"},
		{SetRowSecurity{}, "table.row_security"},
		{CreateRule{}, "rule.create"},
		{ReplaceRule{}, "rule.replace"},
		{DropRule{}, "rule.drop"},
	} {
		if got := string(tc.c.Kind()); got != tc.kind {
			t.Errorf("%T.Kind() = %q, want %q", tc.c, got, tc.kind)
		}
		if _, ok := tc.c.(TableChange); !ok {
			t.Errorf("%T is not a TableChange", tc.c)
		}
	}
}
