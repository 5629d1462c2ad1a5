package drivers

import "testing"

func TestSecondStatement(t *testing.T) {
	for _, tc := range []struct {
		sql   string
		mysql bool
		want  int
	}{
		{"SELECT 1", false, -1},
		{"SELECT 1;", false, -1},
		{"SELECT 1; -- done\n  ;", false, -1},
		{"SELECT 1; DROP TABLE t", false, 10},
		{"SELECT 1 /* ; */", false, -1},
		{"SELECT ';' AS a", false, -1},
		{`SELECT 'x\' AS a, '; DROP TABLE canary; --' AS b`, false, -1},
		{`SELECT 'x\' AS a, '; DROP TABLE canary; --' AS b`, true, 21},
		{`SELECT 'x\\' AS a, '; DROP TABLE canary; --' AS b`, true, -1},
		{`SELECT E'x\' AS a, '; DROP TABLE canary; --' AS b`, false, 22},
		{`SELECT $$;$$, $q$ ; $q$`, false, -1},
		{`SELECT $1; SELECT 2`, false, 11},
		{"SELECT `a;b` FROM t # ;x\n", true, -1},
		{`SELECT "a;""b" FROM t`, false, -1},
		{`SELECT "a\";" FROM t; x`, true, 22},
	} {
		if got := SecondStatement(tc.sql, tc.mysql); got != tc.want {
			t.Errorf("SecondStatement(%q, mysql=%v) = %d, want %d", tc.sql, tc.mysql, got, tc.want)
		}
	}
}
