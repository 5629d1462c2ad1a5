package runner_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/dbls/dbls/drivers"
	_ "github.com/dbls/dbls/drivers/all"
	"github.com/dbls/dbls/drivers/drivertest"
	"github.com/dbls/dbls/server/runner"
)

// engine is one real database for the table-driven tests.
type engine struct {
	name  string
	url   func(testing.TB) string
	sleep string // a statement that runs for 30 seconds
	// running counts the sleeps running on the server, or -1 when the
	// engine cannot tell (SQLite has no server).
	running func(ctx context.Context, t *testing.T, conn drivers.Conn) int
}

var engines = []engine{
	{name: "postgres", url: drivertest.PostgresURL, sleep: "SELECT pg_sleep(30)",
		running: func(ctx context.Context, t *testing.T, conn drivers.Conn) int {
			return count(ctx, t, conn, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query = 'SELECT pg_sleep(30)' AND state = 'active'")
		}},
	{name: "mysql", url: drivertest.MySQLURL, sleep: "SELECT SLEEP(30)",
		running: func(ctx context.Context, t *testing.T, conn drivers.Conn) int {
			return count(ctx, t, conn, "SELECT count(*) FROM information_schema.processlist WHERE db = DATABASE() AND info = 'SELECT SLEEP(30)'")
		}},
	{name: "sqlite", url: drivertest.SQLiteURL,
		// A recursive CTE that counts far enough to run for a long time.
		sleep: "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n"},
}

func count(ctx context.Context, t *testing.T, conn drivers.Conn, sql string) int {
	t.Helper()
	res, err := conn.(drivers.Querier).Query(ctx, drivers.Request{SQL: sql})
	if err != nil {
		t.Fatal(err)
	}
	var n int
	fmt.Sscan(fmt.Sprint(res.Rows[0][0]), &n)
	return n
}

// opener opens URLs, read-only when asked.
func opener(readOnly bool) runner.Opener {
	return func(ctx context.Context, arg string) (drivers.Conn, drivers.Params, error) {
		p, err := drivers.ParseURL(arg)
		if err != nil {
			return nil, p, err
		}
		p.ReadOnly = readOnly
		c, err := drivers.OpenParams(ctx, p)
		return c, p, err
	}
}

func exec(t *testing.T, r *runner.Runner, url, sql string) *runner.Result {
	t.Helper()
	res, err := r.Run(context.Background(), runner.Request{Connection: url, SQL: sql})
	if err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return res
}

func TestRunPageGuardAndReadOnly(t *testing.T) {
	for _, e := range engines {
		t.Run(e.name, func(t *testing.T) {
			url := e.url(t)
			r := runner.New(opener(false), 0)
			exec(t, r, url, "CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(20))")
			for i := 1; i <= 5; i++ {
				exec(t, r, url, fmt.Sprintf("INSERT INTO items VALUES (%d, 'n%d')", i, i))
			}
			ctx := context.Background()
			res, err := r.Run(ctx, runner.Request{ID: "page-test", Connection: url, SQL: "SELECT id, name FROM items ORDER BY id", Limit: 2})
			if err != nil {
				t.Fatal(err)
			}
			if res.ID != "page-test" || len(res.Rows) != 2 || !res.HasMore || res.Page != 1 || len(res.Columns) != 2 || res.Columns[1].Name != "name" {
				t.Fatalf("page 1: %+v", res.Result)
			}
			var ids []string
			for {
				for _, row := range res.Rows {
					ids = append(ids, fmt.Sprint(row[0]))
				}
				if !res.HasMore {
					break
				}
				if res, err = r.Next(ctx, "page-test"); err != nil {
					t.Fatal(err)
				}
			}
			if strings.Join(ids, ",") != "1,2,3,4,5" || res.Page != 3 {
				t.Fatalf("paged ids %v, last page %d", ids, res.Page)
			}
			all, err := r.All(ctx, "page-test")
			if err != nil || len(all.Rows) != 5 {
				t.Fatalf("all rows: %v %+v", err, all)
			}

			// The WHERE-less guard, then force.
			_, err = r.Run(ctx, runner.Request{Connection: url, SQL: "UPDATE items SET name = 'x'"})
			var refused *runner.RefusedError
			if !errors.Is(err, runner.ErrUnbounded) || !errors.As(err, &refused) || refused.Verb != "UPDATE" {
				t.Fatalf("WHERE-less update: %v", err)
			}
			if n := exec(t, r, url, "SELECT count(*) FROM items WHERE name = 'x'").Rows[0][0]; fmt.Sprint(n) != "0" {
				t.Fatalf("the refused update ran: %v rows changed", n)
			}
			res, err = r.Run(ctx, runner.Request{Connection: url, SQL: "UPDATE items SET name = 'x'", Force: true})
			if err != nil || res.RowsAffected != 5 || !res.Class.Write {
				t.Fatalf("forced update: %v %+v", err, res)
			}
			if _, err := r.Next(ctx, res.ID); err == nil {
				t.Fatal("a write was re-run to page")
			}

			// Read-only: refused before sending, even with force.
			ro := runner.New(opener(true), 0)
			for _, sql := range []string{"DELETE FROM items WHERE id = 1", "DROP TABLE items", "WITH x AS (SELECT 1) DELETE FROM items WHERE id = 1"} {
				_, err = ro.Run(ctx, runner.Request{Connection: url, SQL: sql, Force: true})
				if !errors.Is(err, runner.ErrReadOnly) {
					t.Errorf("read-only %q: %v", sql, err)
				}
			}
			if res := exec(t, ro, url, "SELECT count(*) FROM items"); fmt.Sprint(res.Rows[0][0]) != "5" {
				t.Fatalf("read-only count: %v", res.Rows)
			}
			err = ro.Apply(ctx, runner.Change{Connection: url, Verb: "INSERT"}, func(ctx context.Context, c drivers.Conn) error {
				t.Fatal("a change ran on a read-only connection")
				return nil
			})
			if !errors.Is(err, runner.ErrReadOnly) {
				t.Fatalf("read-only change: %v", err)
			}
			if _, err := r.Next(ctx, "nope"); !errors.Is(err, runner.ErrNoSession) {
				t.Fatalf("unknown session: %v", err)
			}
			if _, err := r.Run(ctx, runner.Request{ID: "../x", Connection: url, SQL: "SELECT 1"}); !errors.Is(err, runner.ErrBadID) {
				t.Fatalf("bad id: %v", err)
			}
		})
	}
}

func TestCancelAndTimeout(t *testing.T) {
	for _, e := range engines {
		t.Run(e.name, func(t *testing.T) {
			url := e.url(t)
			r := runner.New(opener(false), 0)
			ctx := context.Background()
			errc := make(chan error, 1)
			go func() {
				_, err := r.Run(ctx, runner.Request{ID: "sleepy", Connection: url, SQL: e.sleep})
				errc <- err
			}()
			var admin drivers.Conn
			if e.running != nil {
				var err error
				if admin, _, err = drivers.Open(ctx, url); err != nil {
					t.Fatal(err)
				}
				defer admin.Close()
				waitUntil(t, "the statement to run on the server", func() bool { return e.running(ctx, t, admin) == 1 })
			} else {
				waitUntil(t, "the statement to start", func() bool { return len(r.Running()) == 1 })
			}
			if !r.Cancel("sleepy") {
				t.Fatal("Cancel found nothing running")
			}
			if err := <-errc; !errors.Is(err, runner.ErrCancelled) {
				t.Fatalf("cancelled run: %v", err)
			}
			if e.running != nil {
				waitUntil(t, "the server to stop the statement", func() bool { return e.running(ctx, t, admin) == 0 })
			}
			if r.Cancel("sleepy") {
				t.Fatal("a finished run was cancelled")
			}

			_, err := r.Run(ctx, runner.Request{Connection: url, SQL: e.sleep, Timeout: 200 * time.Millisecond})
			if !errors.Is(err, runner.ErrTimeout) {
				t.Fatalf("timeout: %v", err)
			}
			if e.running != nil {
				waitUntil(t, "the server to stop the timed-out statement", func() bool { return e.running(ctx, t, admin) == 0 })
			}
		})
	}
}

// waitUntil polls cond; the bound only keeps a broken build from hanging.
func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestConnectionsKeptAndReset(t *testing.T) {
	url := drivertest.SQLiteURL(t)
	opens, readOnly := 0, false
	r := runner.New(func(ctx context.Context, arg string) (drivers.Conn, drivers.Params, error) {
		opens++
		return opener(readOnly)(ctx, arg)
	}, 0)
	defer r.Close()
	exec(t, r, url, "CREATE TABLE t (a INT)")
	exec(t, r, url, "INSERT INTO t VALUES (1)")
	if opens != 1 || r.Kept() != 1 {
		t.Fatalf("two runs opened %d connections, %d kept", opens, r.Kept())
	}
	// The configuration changed: the connection is now read-only.
	readOnly = true
	r.Reset()
	if r.Kept() != 0 {
		t.Fatalf("%d connections kept after Reset", r.Kept())
	}
	if _, err := r.Run(context.Background(), runner.Request{Connection: url, SQL: "INSERT INTO t VALUES (2)"}); !errors.Is(err, runner.ErrReadOnly) {
		t.Fatalf("after Reset to read-only: %v", err)
	}
	if opens != 2 {
		t.Fatalf("Reset did not reopen: %d opens", opens)
	}
	r.Close()
	if r.Kept() != 0 {
		t.Fatalf("%d connections kept after Close", r.Kept())
	}
}

// A cancel or timeout that lands while the connection is being opened is
// reported as a cancel or a timeout (it failed CI as "context canceled"
// when Cancel won the race against opening SQLite).
func TestCancelledWhileConnecting(t *testing.T) {
	for _, e := range engines {
		t.Run(e.name, func(t *testing.T) {
			url := e.url(t)
			r := runner.New(opener(false), 0)
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			if _, err := r.Run(ctx, runner.Request{Connection: url, SQL: "SELECT 1"}); !errors.Is(err, runner.ErrCancelled) {
				t.Fatalf("run cancelled before connecting: %v", err)
			}
			_, err := r.Run(context.Background(), runner.Request{Connection: url, SQL: "SELECT 1", Timeout: time.Nanosecond})
			if !errors.Is(err, runner.ErrTimeout) {
				t.Fatalf("run timed out before connecting: %v", err)
			}
		})
	}
}
