package mysql

import (
	"slices"
	"testing"
)

func TestAddedPartitions(t *testing.T) {
	const base = "PARTITION BY RANGE (`y`) (PARTITION `p1` VALUES LESS THAN (2025), PARTITION `p2` VALUES LESS THAN (2026))"
	cases := []struct {
		name, from, to string
		want           []string // nil: a new PARTITION BY
	}{
		{"appended", base, "PARTITION BY RANGE (`y`) (PARTITION `p1` VALUES LESS THAN (2025), PARTITION `p2` VALUES LESS THAN (2026), PARTITION `p3` VALUES LESS THAN MAXVALUE)",
			[]string{"PARTITION `p3` VALUES LESS THAN MAXVALUE"}},
		{"list with quoted commas", "PARTITION BY LIST COLUMNS (`c`) (PARTITION `a` VALUES IN ('x,(y'))",
			"PARTITION BY LIST COLUMNS (`c`) (PARTITION `a` VALUES IN ('x,(y'), PARTITION `b` VALUES IN ('z', 'w'))",
			[]string{"PARTITION `b` VALUES IN ('z', 'w')"}},
		{"bound changed", base, "PARTITION BY RANGE (`y`) (PARTITION `p1` VALUES LESS THAN (2024), PARTITION `p2` VALUES LESS THAN (2026), PARTITION `p3` VALUES LESS THAN (2027))", nil},
		{"expression changed", base, "PARTITION BY RANGE (`z`) (PARTITION `p1` VALUES LESS THAN (2025), PARTITION `p2` VALUES LESS THAN (2026), PARTITION `p3` VALUES LESS THAN (2027))", nil},
		{"removed", base, "PARTITION BY RANGE (`y`) (PARTITION `p1` VALUES LESS THAN (2025))", nil},
		{"hash", "PARTITION BY HASH (`id`) (PARTITION `p0`)", "PARTITION BY HASH (`id`) (PARTITION `p0`, PARTITION `p1`)", nil},
	}
	for _, c := range cases {
		got, ok := addedPartitions(c.from, c.to)
		if ok != (c.want != nil) || !slices.Equal(got, c.want) {
			t.Errorf("%s: got %q %v, want %q", c.name, got, ok, c.want)
		}
	}
}
