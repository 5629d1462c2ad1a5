package mysql

import (
	"context"
	"database/sql"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/drivertest"
)

// Pools and faults on a private MariaDB server that the tests stop and
// restart under an open dbls connection.

func openPrivate(t *testing.T, s *drivertest.PrivateServer) *Conn {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	c, _, err := drivers.Open(ctx, s.URL())
	if err != nil {
		t.Fatalf("open %s: %v", s.URL(), err)
	}
	t.Cleanup(func() { c.Close() })
	return c.(*Conn)
}

// fillPool runs n statements at once, so that the pool holds n sessions
// (up to maxIdle of which stay idle afterwards).
func fillPool(t *testing.T, c *Conn, n int, sleep string) {
	t.Helper()
	if err := concurrently(c, n, sleep); err != nil {
		t.Fatalf("fill pool: %v", err)
	}
}

// concurrently runs n SLEEP statements at once and returns the first error.
func concurrently(c *Conn, n int, sleep string) error {
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for range n {
		wg.Go(func() {
			_, err := c.Query(context.Background(), drivers.Request{SQL: "SELECT SLEEP(" + sleep + ")"})
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// sessions counts the server sessions using the test's database (the
// administrative connection uses none).
func sessions(t *testing.T, s *drivertest.PrivateServer) int {
	t.Helper()
	db, err := sql.Open("mysql", "root@tcp("+s.Addr()+")/?timeout=5s")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var n int
	if err := db.QueryRowContext(ctx, "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE DB = ?", s.Database).Scan(&n); err != nil {
		t.Fatalf("count sessions: %v", err)
	}
	return n
}

// restart restarts s under c, whose pool must hold idle sessions that
// will be stale afterwards.
func restart(t *testing.T, c *Conn, s *drivertest.PrivateServer) time.Duration {
	t.Helper()
	if st := c.db.Stats(); st.Idle == 0 {
		t.Fatal("no idle pooled session to go stale")
	}
	start := time.Now()
	if err := s.Restart(); err != nil {
		t.Fatalf("restart: %v", err)
	}
	return time.Since(start)
}

// TestServerRestart: after the server restarts, the very next call works,
// although every pooled session died with the old server.
func TestServerRestart(t *testing.T) {
	s := drivertest.PrivateMariaDB(t)
	c := openPrivate(t, s)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()

	t.Run("Query", func(t *testing.T) {
		fillPool(t, c, maxIdle, "0.05")
		d := restart(t, c, s)
		res, err := c.Query(ctx, drivers.Request{SQL: "SELECT 1"})
		if err != nil {
			t.Fatalf("first query after a restart (%s) failed: %v", d, err)
		}
		if len(res.Rows) != 1 {
			t.Fatalf("rows = %v", res.Rows)
		}
		// The other pooled sessions died too; calls that find them work.
		if err := concurrently(c, maxIdle, "0"); err != nil {
			t.Fatalf("queries after a restart: %v", err)
		}
		t.Logf("restart took %s", d)
	})
	t.Run("RunningStatement", func(t *testing.T) {
		fillPool(t, c, 2, "0.05")
		done := make(chan error, 1)
		go func() {
			_, err := c.Query(ctx, drivers.Request{SQL: "SELECT SLEEP(30)"})
			done <- err
		}()
		time.Sleep(300 * time.Millisecond)
		restart(t, c, s)
		select {
		case err := <-done:
			if err == nil {
				t.Error("a statement running across the restart succeeded")
			}
		case <-time.After(30 * time.Second):
			t.Fatal("a statement running across the restart hangs")
		}
		if _, err := c.Query(ctx, drivers.Request{SQL: "SELECT 1"}); err != nil {
			t.Fatalf("query after the restart: %v", err)
		}
	})
	t.Run("Snapshot", func(t *testing.T) {
		fillPool(t, c, maxIdle, "0.05")
		d := restart(t, c, s)
		if _, err := c.Snapshot(ctx, drivers.Filter{}); err != nil {
			t.Fatalf("first snapshot after a restart (%s) failed: %v", d, err)
		}
	})
	t.Run("Exec", func(t *testing.T) {
		fillPool(t, c, maxIdle, "0.05")
		d := restart(t, c, s)
		if _, err := c.Exec(ctx, "CREATE TABLE after_restart (id int)"); err != nil {
			t.Fatalf("first exec after a restart (%s) failed: %v", d, err)
		}
	})
	t.Run("Ping", func(t *testing.T) {
		fillPool(t, c, maxIdle, "0.05")
		d := restart(t, c, s)
		if err := c.Ping(ctx); err != nil {
			t.Fatalf("first ping after a restart (%s) failed: %v", d, err)
		}
	})
}

// TestServerStopped: with the server down a call fails at once with an
// error naming the server, and works again once the server is back.
func TestServerStopped(t *testing.T) {
	s := drivertest.PrivateMariaDB(t)
	c := openPrivate(t, s)
	fillPool(t, c, maxIdle, "0.05")
	if err := s.Stop(); err != nil {
		t.Fatalf("stop: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	calls := map[string]func() error{
		"Query": func() error {
			_, err := c.Query(ctx, drivers.Request{SQL: "SELECT 1"})
			return err
		},
		"Snapshot": func() error {
			_, err := c.Snapshot(ctx, drivers.Filter{})
			return err
		},
		"Ping": func() error { return c.Ping(ctx) },
	}
	for _, name := range []string{"Query", "Snapshot", "Ping"} {
		start := time.Now()
		err := calls[name]()
		if err == nil {
			t.Fatalf("%s with the server stopped succeeded", name)
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("%s with the server stopped took %s", name, d)
		}
		if !strings.Contains(err.Error(), s.Addr()) {
			t.Errorf("%s: error does not name the server %s: %v", name, s.Addr(), err)
		}
		t.Logf("%s: %v", name, err)
	}
	if err := s.Start(); err != nil {
		t.Fatalf("start: %v", err)
	}
	for _, name := range []string{"Query", "Snapshot", "Ping"} {
		if err := calls[name](); err != nil {
			t.Fatalf("%s after the server came back: %v", name, err)
		}
	}
}

// TestPoolBounds: at most maxOpen sessions however many calls run at once,
// and idle sessions are closed on the server. The idle time is a constant
// (connMaxIdle, five minutes), so the test shortens it on the pool itself:
// what it checks is that database/sql's idle closing reaches the server.
func TestPoolBounds(t *testing.T) {
	s := drivertest.PrivateMariaDB(t)

	t.Run("MaxOpen", func(t *testing.T) {
		c := openPrivate(t, s)
		if st := c.db.Stats(); st.MaxOpenConnections != maxOpen {
			t.Errorf("MaxOpenConnections = %d, want %d", st.MaxOpenConnections, maxOpen)
		}
		done := make(chan error, 1)
		go func() { done <- concurrently(c, 12, "1") }()
		time.Sleep(500 * time.Millisecond)
		n := sessions(t, s)
		if err := <-done; err != nil {
			t.Fatal(err)
		}
		if n != maxOpen {
			t.Errorf("%d sessions while 12 statements ran, want %d", n, maxOpen)
		}
		if n := sessions(t, s); n > maxIdle {
			t.Errorf("%d sessions kept after the statements ended, want at most %d idle", n, maxIdle)
		}
		c.Close()
	})
	t.Run("IdleClosed", func(t *testing.T) {
		c := openPrivate(t, s)
		c.db.SetConnMaxIdleTime(time.Second)
		fillPool(t, c, maxIdle, "0.05")
		if n := sessions(t, s); n < maxIdle {
			t.Fatalf("%d sessions after %d concurrent statements, want at least %d", n, maxIdle, maxIdle)
		}
		deadline := time.Now().Add(15 * time.Second)
		for {
			n := sessions(t, s)
			if n == 0 {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("%d idle sessions still open after 15s (idle time 1s)", n)
			}
			time.Sleep(200 * time.Millisecond)
		}
		if _, err := c.Query(context.Background(), drivers.Request{SQL: "SELECT 1"}); err != nil {
			t.Fatalf("query after the idle sessions closed: %v", err)
		}
	})
}
