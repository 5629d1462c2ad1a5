package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/dbls/dbls/drivers/drivertest"
	"github.com/dbls/dbls/drivers/drivertest/faultproxy"
)

// TestSyncOutcomeUnknown runs dbls sync to a target reached through a fault
// proxy that loses the connection at the end (issue 14, item 5): on
// PostgreSQL the answer to the COMMIT is lost (everything was committed);
// on MariaDB the answer to the 3rd of 5 statements (3 took effect). dbls
// must say the outcome was unknown, then what the re-read target shows,
// and never claim a rollback.
func TestSyncOutcomeUnknown(t *testing.T) {
	create := func(url string, n int) {
		t.Helper()
		for i := 1; i <= n; i++ {
			if _, errs, code := dbls(t, "query", url, fmt.Sprintf("CREATE TABLE t%d (id int PRIMARY KEY)", i)); code != 0 {
				t.Fatal(errs)
			}
		}
	}
	t.Run("postgres commit", func(t *testing.T) {
		src, dst := drivertest.PostgresURL(t), drivertest.PostgresURL(t)
		create(src, 3)
		p := faultproxy.Start(t, faultproxy.Postgres, drivertest.PostgresAddr)
		p.CutAt(faultproxy.Rule{Contains: "commit", After: "CREATE TABLE"}) // the plan's, not a catalog read's
		out, errs, code := dbls(t, "sync", src, p.Route(dst), "--yes")
		if !p.Fired() {
			t.Fatalf("the COMMIT never passed the proxy:\n%s%s", out, errs)
		}
		t.Logf("sync:\n%s%s", out, errs)
		if code != 0 || !strings.Contains(out, "outcome unknown: the connection to the target was lost after COMMIT was sent") || !strings.Contains(out, "all 3 statement(s) took effect") ||
			!strings.Contains(out, "the target now matches the source") || strings.Contains(out+errs, "rolled back") {
			t.Fatalf("sync: exit %d\n%s%s", code, out, errs)
		}
		if out, errs, code := dbls(t, "diff", src, dst, "--exit-code"); code != 0 {
			t.Fatalf("the target differs after all:\n%s%s", out, errs)
		}
	})
	t.Run("mariadb statement", func(t *testing.T) {
		src, dst := drivertest.MySQLURL(t), drivertest.MySQLURL(t)
		create(src, 5)
		p := faultproxy.Start(t, faultproxy.MySQL, drivertest.MySQLAddr)
		p.CutAt(faultproxy.Rule{Contains: "CREATE TABLE", Nth: 3})
		out, errs, code := dbls(t, "sync", src, p.Route(dst), "--yes")
		if !p.Fired() {
			t.Fatalf("the 3rd statement never passed the proxy:\n%s%s", out, errs)
		}
		t.Logf("sync:\n%s%s", out, errs)
		if code == 0 || !strings.Contains(errs, "outcome unknown") || !strings.Contains(errs, "3 of 5 statements took effect") ||
			!strings.Contains(errs, "2 difference(s) remain") || strings.Contains(out+errs, "rolled back") {
			t.Fatalf("sync: exit %d\n%s%s", code, out, errs)
		}
		out, _, _ = dbls(t, "diff", src, dst)
		if n := strings.Count(out, "CREATE TABLE"); n != 2 {
			t.Fatalf("%d tables missing in the target, want 2:\n%s", n, out)
		}
	})
}
