package mysql

import "testing"

func TestGeneratedName(t *testing.T) {
	cases := []struct {
		kind, table, name string
		want              bool
	}{
		{"constraint", "child", "child_ibfk_1", true},
		{"constraint", "Child", "child_IBFK_12", true},
		{"constraint", "child", "child_ibfk_", false},
		{"constraint", "child", "child_ibfk_1a", false},
		{"constraint", "child", "other_ibfk_1", false},
		{"constraint", "child", "fk_child", false},
		{"index", "child", "child_ibfk_1", false},
	}
	for _, c := range cases {
		if got := (Driver{}).GeneratedName(c.kind, c.table, c.name); got != c.want {
			t.Errorf("GeneratedName(%q, %q, %q) = %v", c.kind, c.table, c.name, got)
		}
	}
}
