package compare_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	_ "github.com/go-sql-driver/mysql"
	"github.com/jackc/pgx/v5"

	"github.com/dbls/dbls/diff/compare"
	"github.com/dbls/dbls/drivers"
	_ "github.com/dbls/dbls/drivers/all"
	"github.com/dbls/dbls/drivers/connect"
	"github.com/dbls/dbls/drivers/drivertest"
	"github.com/dbls/dbls/drivers/drivertest/faultproxy"
)

// Honest outcomes when the connection to the target drops at the end of a
// sync (issue 14, item 5): the target is reached through a fault proxy
// that cuts the connection at a chosen statement or at the COMMIT.

// execURL runs statements on a database through a dbls connection.
func execURL(t *testing.T, url string, stmts ...string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	c, _, err := (&connect.Resolver{}).Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	for _, s := range stmts {
		if _, err := c.(drivers.Execer).Exec(ctx, s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

// tables creates n tables t01 … tNN.
func tables(n int) []string {
	var out []string
	for i := 1; i <= n; i++ {
		out = append(out, fmt.Sprintf("CREATE TABLE t%02d (id int PRIMARY KEY, name varchar(20))", i))
	}
	return out
}

// pgTables counts the tables of the public schema, read directly.
func pgTables(t *testing.T, url string) int {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	c, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	var n int
	if err := c.QueryRow(ctx, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// mysqlTables counts the tables of the URL's database, read directly.
func mysqlTables(t *testing.T, url string) int {
	t.Helper()
	name := url[strings.LastIndex(url, "/")+1:]
	db, err := sql.Open("mysql", "root@tcp("+drivertest.MySQLAddr+")/")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = ?", name).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// compareThrough compares source with target reached through a new fault
// proxy.
func compareThrough(t *testing.T, proto faultproxy.Protocol, addr, source, target string) (*compare.Comparison, *faultproxy.Proxy) {
	t.Helper()
	p := faultproxy.Start(t, proto, addr)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmp, err := compare.Run(ctx, &connect.Resolver{}, compare.Request{Source: source, Target: p.Route(target)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmp.Close() })
	return cmp, p
}

// TestSyncCommitLostPostgres: the connection drops right after COMMIT is
// sent (the server commits; its answer never arrives). dbls must say the
// outcome was unknown, re-read the target, and report that everything
// took effect; and when the COMMIT never reached the server, that nothing
// did, without calling it a rollback it saw.
func TestSyncCommitLostPostgres(t *testing.T) {
	for _, tc := range []struct {
		name string
		when faultproxy.When
		all  bool
	}{{"answer lost", faultproxy.AfterReply, true}, {"commit never arrived", faultproxy.BeforeSend, false}} {
		t.Run(tc.name, func(t *testing.T) {
			src, dst := drivertest.PostgresURL(t), drivertest.PostgresURL(t)
			execURL(t, src, tables(4)...)
			cmp, p := compareThrough(t, faultproxy.Postgres, drivertest.PostgresAddr, src, dst)
			p.CutAt(faultproxy.Rule{Contains: "commit", When: tc.when})
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			res, err := cmp.Apply(ctx)
			if !p.Fired() {
				t.Fatalf("the proxy never saw the COMMIT (matched %q); apply: %v", p.Matched(), err)
			}
			n := len(res.Statements)
			if n == 0 {
				t.Fatal("empty plan")
			}
			if !res.OutcomeUnknown || !res.Verified {
				t.Fatalf("outcome not reported as unknown and verified: %+v, err %v", res, err)
			}
			if got := pgTables(t, dst); got != 4 && tc.all || got != 0 && !tc.all {
				t.Fatalf("the target has %d tables", got)
			}
			if tc.all {
				if err != nil || res.Applied != n {
					t.Fatalf("all %d statements were committed; dbls says %d applied, err %v", n, res.Applied, err)
				}
				return
			}
			var oe *compare.OutcomeError
			if !errors.As(err, &oe) || res.Applied != 0 {
				t.Fatalf("nothing was committed; dbls says %d applied, err %v", res.Applied, err)
			}
			msg := err.Error()
			for _, want := range []string{"outcome unknown", fmt.Sprintf("0 of %d statements took effect", n), "t01"} {
				if !strings.Contains(msg, want) {
					t.Errorf("error lacks %q: %s", want, msg)
				}
			}
			if strings.Contains(msg, "rolled back") {
				t.Errorf("error claims a rollback dbls never saw: %s", msg)
			}
		})
	}
}

// TestSyncStatementLostMariaDB: the connection drops after the 6th of 10
// statements reached the server. MariaDB commits each DDL statement, so 6
// (answer lost) or 5 (statement never arrived) took effect: dbls must
// count exactly what the database holds, say the outcome was unknown, and
// never speak of a rollback.
func TestSyncStatementLostMariaDB(t *testing.T) {
	for _, tc := range []struct {
		name    string
		when    faultproxy.When
		applied int
	}{{"answer lost", faultproxy.AfterReply, 6}, {"statement never arrived", faultproxy.BeforeSend, 5}} {
		t.Run(tc.name, func(t *testing.T) {
			src, dst := drivertest.MySQLURL(t), drivertest.MySQLURL(t)
			execURL(t, src, tables(10)...)
			cmp, p := compareThrough(t, faultproxy.MySQL, drivertest.MySQLAddr, src, dst)
			p.CutAt(faultproxy.Rule{Contains: "CREATE TABLE", Nth: 6, When: tc.when})
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			res, err := cmp.Apply(ctx)
			if !p.Fired() {
				t.Fatalf("the proxy never saw the 6th CREATE TABLE (matched %d); apply: %v", len(p.Matched()), err)
			}
			if len(res.Statements) != 10 {
				t.Fatalf("plan of %d statements, want 10: %q", len(res.Statements), res.Statements)
			}
			if got := mysqlTables(t, dst); got != tc.applied {
				t.Fatalf("the target has %d tables, want %d", got, tc.applied)
			}
			var oe *compare.OutcomeError
			if !errors.As(err, &oe) {
				t.Fatalf("want an *OutcomeError, got %v", err)
			}
			if !res.OutcomeUnknown || !res.Verified || res.Applied != tc.applied {
				t.Fatalf("dbls says %d applied (verified %v), the database holds %d: %v", res.Applied, res.Verified, tc.applied, err)
			}
			if len(oe.Remaining.Items) != 10-tc.applied {
				t.Errorf("%d items remain, want %d", len(oe.Remaining.Items), 10-tc.applied)
			}
			msg := err.Error()
			for _, want := range []string{"outcome unknown", fmt.Sprintf("%d of 10 statements took effect", tc.applied)} {
				if !strings.Contains(msg, want) {
					t.Errorf("error lacks %q: %s", want, msg)
				}
			}
			if strings.Contains(msg, "rolled back") {
				t.Errorf("MariaDB cannot roll DDL back, yet: %s", msg)
			}
		})
	}
}

// TestSyncFailureNoRollbackClaimMariaDB: a statement the server refuses
// (the table appeared since the compare) stops a MariaDB sync at the first
// statement; that is not a rollback, and dbls must not call it one. On
// PostgreSQL the same is a rollback, and says so.
func TestSyncFailureNoRollbackClaimMariaDB(t *testing.T) {
	for _, tc := range []struct {
		name     string
		url      func(testing.TB) string
		rollback bool
	}{{"mariadb", drivertest.MySQLURL, false}, {"postgres", drivertest.PostgresURL, true}} {
		t.Run(tc.name, func(t *testing.T) {
			src, dst := tc.url(t), tc.url(t)
			execURL(t, src, tables(2)...)
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			cmp, err := compare.Run(ctx, &connect.Resolver{}, compare.Request{Source: src, Target: dst})
			if err != nil {
				t.Fatal(err)
			}
			defer cmp.Close()
			execURL(t, dst, tables(1)...) // t01 now exists: the plan's first statement fails
			res, err := cmp.Apply(ctx)
			if err == nil || res.Applied != 0 || res.OutcomeUnknown {
				t.Fatalf("apply: %+v, %v", res, err)
			}
			if got := strings.Contains(err.Error(), "rolled back"); got != tc.rollback {
				t.Errorf("rollback claimed = %v, want %v: %v", got, tc.rollback, err)
			}
		})
	}
}

// TestSyncCommitLostServerRestartsPostgres: the answer to the COMMIT is
// lost and the server goes down with it (a private server, stopped at the
// cut and started again a second later). dbls must wait for it, reconnect,
// re-read the target and report that everything took effect.
func TestSyncCommitLostServerRestartsPostgres(t *testing.T) {
	srv := drivertest.PrivatePostgres(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	admin, err := pgx.Connect(ctx, srv.URL())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := admin.Exec(ctx, "CREATE DATABASE src"); err != nil {
		t.Fatal(err)
	}
	admin.Close(ctx)
	src := strings.Replace(srv.URL(), "/"+srv.Database+"?", "/src?", 1)
	execURL(t, src, tables(3)...)
	cmp, p := compareThrough(t, faultproxy.Postgres, srv.Addr(), src, srv.URL())
	restarted := make(chan error, 1)
	p.CutAt(faultproxy.Rule{Contains: "commit", After: "CREATE TABLE", OnCut: func() {
		if err := srv.Stop(); err != nil {
			restarted <- err
			return
		}
		go func() {
			time.Sleep(time.Second)
			restarted <- srv.Start()
		}()
	}})
	res, err := cmp.Apply(ctx)
	if !p.Fired() {
		t.Fatalf("the COMMIT never passed the proxy; apply: %v", err)
	}
	if rerr := <-restarted; rerr != nil {
		t.Fatalf("restart: %v\n%s", rerr, srv.LogTail(20))
	}
	if err != nil || !res.OutcomeUnknown || !res.Verified || res.Applied != 3 || len(res.Statements) != 3 {
		t.Fatalf("all 3 statements were committed; dbls says %+v, %v", res, err)
	}
	if got := pgTables(t, srv.URL()); got != 3 {
		t.Fatalf("the target has %d tables, want 3", got)
	}
}
