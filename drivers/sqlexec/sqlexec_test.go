package sqlexec

import (
	"reflect"
	"testing"
)

func TestReturnsRows(t *testing.T) {
	cases := []struct {
		sql  string
		want bool
	}{
		{"SELECT 1", true},
		{"  -- lead\n/* c */ (SELECT 1) UNION SELECT 2", true},
		{"with x as (select 1) select * from x", true},
		{"INSERT INTO t VALUES ('RETURNING')", false},
		{"INSERT INTO t VALUES (1) RETURNING id", true},
		{"UPDATE t SET a = $$ SELECT $$", false},
		{"DELETE FROM t", false},
		{"CREATE TABLE \"select\" (a int)", false},
		{"PRAGMA table_info(t)", true},
		{"SHOW TABLES", true},
		{"", false},
		{"-- only a comment", false},
	}
	for _, tc := range cases {
		if got := ReturnsRows(tc.sql); got != tc.want {
			t.Errorf("ReturnsRows(%q) = %v, want %v", tc.sql, got, tc.want)
		}
	}
}

func TestKeywords(t *testing.T) {
	got := Keywords("select 'it''s' as `a``b`, $tag$ body $tag$, $1 # mysql comment\nFROM t", 0)
	if want := []string{"SELECT", "AS", "FROM", "T"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("Keywords = %q, want %q", got, want)
	}
}
