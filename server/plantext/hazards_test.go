package plantext

import (
	"strings"
	"testing"
)

func TestWriteHazards(t *testing.T) {
	items := []Item{{ID: "column.alter:public.users.status", Label: "change column status of public.users", Selected: true,
		SQL: []string{"ALTER TABLE x"}, Hazards: []string{"access_exclusive_lock", "existing_nulls"}, NullRows: 3}}
	tests := []struct{ lang, want string }{
		{"en", "-- hazards: takes an ACCESS EXCLUSIVE lock [access_exclusive_lock], NULLs in the column [existing_nulls]\n-- 3 row(s) hold NULL"},
		{"zh-CN", "-- 风险：获取 ACCESS EXCLUSIVE 锁 [access_exclusive_lock], 列中存在 NULL [existing_nulls]\n-- 此列有 3 行为 NULL"},
	}
	for _, tc := range tests {
		var b strings.Builder
		if err := Write(&b, items, nil, tc.lang); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(b.String(), tc.want) {
			t.Errorf("%s:\n%s\nwant it to contain\n%s", tc.lang, b.String(), tc.want)
		}
		if m := Parse(b.String()); len(m) != 1 || m[0].ID != items[0].ID || !m[0].Checked {
			t.Errorf("%s: marks read back %+v", tc.lang, m)
		}
	}
}
