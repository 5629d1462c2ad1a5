package drivers

import (
	"testing"

	"github.com/dbls/dbls/drivers/sqltext"
)

func TestSecondStatement(t *testing.T) {
	for _, tc := range []struct {
		d    sqltext.Dialect
		sql  string
		want int
	}{
		{sqltext.Postgres, "SELECT 1", -1},
		{sqltext.Postgres, "SELECT 1;", -1},
		{sqltext.Postgres, "SELECT 1; -- done\n  ;", -1},
		{sqltext.Postgres, "SELECT 1; DROP TABLE t", 10},
		{sqltext.Postgres, "SELECT 1 /* ; */", -1},
		{sqltext.Postgres, `SELECT 'x\' AS a, '; DROP TABLE canary; --' AS b`, -1},
		{sqltext.MySQL, `SELECT 'x\' AS a, '; DROP TABLE canary; --' AS b`, 21},
		{sqltext.MySQL, `SELECT 'x\\' AS a, '; DROP TABLE canary; --' AS b`, -1},
		{sqltext.Postgres, `SELECT E'x\' AS a, '; DROP TABLE canary; --' AS b`, 22},
		{sqltext.Postgres, `SELECT $$;$$, $q$ ; $q$`, -1},
		{sqltext.MySQL, "SELECT `a;b` FROM t # ;x\n", -1},
		{sqltext.SQLite, `SELECT "a;""b" FROM t`, -1},
		{sqltext.SQLite, `SELECT 'a\'; DROP TABLE t; --'`, 13},
	} {
		if got := SecondStatement(tc.d, tc.sql); got != tc.want {
			t.Errorf("SecondStatement(%s, %q) = %d, want %d", tc.d, tc.sql, got, tc.want)
		}
	}
}
