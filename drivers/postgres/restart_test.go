package postgres

import (
	"context"
	"crypto/tls"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/drivertest"
)

// Pools and faults on a private server that the tests stop and restart
// under an open dbls connection.

// openPrivate opens a dbls connection to s, with extra URL options.
func openPrivate(t *testing.T, s *drivertest.PrivateServer, options string) *Conn {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	c, _, err := drivers.Open(ctx, s.URL()+options)
	if err != nil {
		t.Fatalf("open %s: %v", s.URL(), err)
	}
	t.Cleanup(func() { c.Close() })
	return c.(*Conn)
}

// fillPool runs n statements at once, so that the pool holds n sessions.
func fillPool(t *testing.T, c *Conn, n int, sleep string) {
	t.Helper()
	if err := concurrently(c, n, sleep); err != nil {
		t.Fatalf("fill pool: %v", err)
	}
}

// concurrently runs n pg_sleep statements at once and returns the first
// error.
func concurrently(c *Conn, n int, sleep string) error {
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for range n {
		wg.Go(func() {
			_, err := c.Query(context.Background(), drivers.Request{SQL: "SELECT pg_sleep(" + sleep + ")"})
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

// sessions counts the server sessions dbls opened (application_name dbls).
func sessions(t *testing.T, s *drivertest.PrivateServer) int {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	admin, err := pgx.Connect(ctx, "postgres://postgres@"+s.Addr()+"/postgres?sslmode=disable&application_name=admin")
	if err != nil {
		t.Fatalf("admin connection: %v", err)
	}
	defer admin.Close(ctx)
	var n int
	if err := admin.QueryRow(ctx, "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'dbls'").Scan(&n); err != nil {
		t.Fatalf("count sessions: %v", err)
	}
	return n
}

// restart restarts s under c, whose pool must hold idle sessions that
// will be stale afterwards.
func restart(t *testing.T, c *Conn, s *drivertest.PrivateServer) time.Duration {
	t.Helper()
	if c.pool.Stat().IdleConns() == 0 {
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
	s := drivertest.PrivatePostgres(t)
	c := openPrivate(t, s, "")
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()

	t.Run("Query", func(t *testing.T) {
		fillPool(t, c, 4, "0.05")
		d := restart(t, c, s)
		res, err := c.Query(ctx, drivers.Request{SQL: "SELECT 1"})
		if err != nil {
			t.Fatalf("first query after a restart (%s) failed: %v", d, err)
		}
		if len(res.Rows) != 1 {
			t.Fatalf("rows = %v", res.Rows)
		}
		// The other pooled sessions died too; calls that find them work.
		if err := concurrently(c, 4, "0"); err != nil {
			t.Fatalf("queries after a restart: %v", err)
		}
		t.Logf("restart took %s", d)
	})
	t.Run("RunningStatement", func(t *testing.T) {
		fillPool(t, c, 2, "0.05")
		done := make(chan error, 1)
		go func() {
			_, err := c.Query(ctx, drivers.Request{SQL: "SELECT pg_sleep(30)"})
			done <- err
		}()
		time.Sleep(300 * time.Millisecond)
		restart(t, c, s)
		select {
		case err := <-done:
			if err == nil {
				t.Error("a statement running across the restart succeeded")
			}
		case <-time.After(20 * time.Second):
			t.Fatal("a statement running across the restart hangs")
		}
		if _, err := c.Query(ctx, drivers.Request{SQL: "SELECT 1"}); err != nil {
			t.Fatalf("query after the restart: %v", err)
		}
	})
	t.Run("Snapshot", func(t *testing.T) {
		fillPool(t, c, 4, "0.05")
		d := restart(t, c, s)
		if _, err := c.Snapshot(ctx, drivers.Filter{}); err != nil {
			t.Fatalf("first snapshot after a restart (%s) failed: %v", d, err)
		}
	})
	t.Run("Exec", func(t *testing.T) {
		fillPool(t, c, 4, "0.05")
		d := restart(t, c, s)
		if _, err := c.Exec(ctx, "CREATE TABLE after_restart (id int)"); err != nil {
			t.Fatalf("first exec after a restart (%s) failed: %v", d, err)
		}
	})
	t.Run("Ping", func(t *testing.T) {
		fillPool(t, c, 4, "0.05")
		d := restart(t, c, s)
		if err := c.Ping(ctx); err != nil {
			t.Fatalf("first ping after a restart (%s) failed: %v", d, err)
		}
	})
}

// TestServerStopped: with the server down a call fails at once with an
// error naming the server, and works again once the server is back.
func TestServerStopped(t *testing.T) {
	s := drivertest.PrivatePostgres(t)
	c := openPrivate(t, s, "")
	fillPool(t, c, 4, "0.05")
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

// TestPoolBounds: at most 8 sessions however many calls run at once, and
// idle sessions are closed on the server (here after pool_max_conn_idle_time=1s).
func TestPoolBounds(t *testing.T) {
	s := drivertest.PrivatePostgres(t)

	t.Run("MaxConns", func(t *testing.T) {
		c := openPrivate(t, s, "")
		done := make(chan error, 1)
		go func() { done <- concurrently(c, 12, "1") }()
		time.Sleep(500 * time.Millisecond)
		n := sessions(t, s)
		if err := <-done; err != nil {
			t.Fatal(err)
		}
		if n != defaultMaxConns {
			t.Errorf("%d sessions while 12 statements ran, want %d", n, defaultMaxConns)
		}
		c.Close()
	})
	t.Run("IdleClosed", func(t *testing.T) {
		c := openPrivate(t, s, "&pool_max_conn_idle_time=1s&pool_health_check_period=200ms")
		fillPool(t, c, 4, "0.05")
		if n := sessions(t, s); n < 4 {
			t.Fatalf("%d sessions after 4 concurrent statements, want at least 4", n)
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

func TestPoolConfigDefaults(t *testing.T) {
	cfg, err := poolConfig(drivers.Params{Host: "h", Database: "d"})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.MaxConns != defaultMaxConns || cfg.MaxConnIdleTime != defaultMaxConnIdle {
		t.Errorf("defaults: MaxConns %d, MaxConnIdleTime %s", cfg.MaxConns, cfg.MaxConnIdleTime)
	}
	if cfg.ShouldPing == nil {
		t.Error("no liveness check on acquire")
	}
	if cfg.HealthCheckPeriod <= 0 {
		t.Errorf("health check off: %s", cfg.HealthCheckPeriod)
	}
	cfg, err = poolConfig(drivers.Params{Host: "h", Database: "d",
		Options: map[string]string{"pool_max_conns": "3", "pool_max_conn_idle_time": "90s"}})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.MaxConns != 3 || cfg.MaxConnIdleTime != 90*time.Second {
		t.Errorf("user options ignored: MaxConns %d, MaxConnIdleTime %s", cfg.MaxConns, cfg.MaxConnIdleTime)
	}
}

// TestSocketPending: the peek behind shouldPing sees unread data and end of
// file without consuming anything, and nothing on a quiet socket.
func TestSocketPending(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	client, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	server, err := ln.Accept()
	if err != nil {
		t.Fatal(err)
	}
	defer server.Close()

	if pending, known := socketPending(client); pending || !known {
		t.Fatalf("quiet socket: pending %v, known %v", pending, known)
	}
	if _, err := server.Write([]byte("E")); err != nil {
		t.Fatal(err)
	}
	waitPending := func(what string) {
		t.Helper()
		for range 100 {
			if pending, _ := socketPending(client); pending {
				return
			}
			time.Sleep(10 * time.Millisecond)
		}
		t.Fatalf("%s not seen", what)
	}
	waitPending("unread byte")
	buf := make([]byte, 1)
	if _, err := client.Read(buf); err != nil || buf[0] != 'E' {
		t.Fatalf("the peek consumed the byte: %q, %v", buf, err)
	}
	if pending, _ := socketPending(client); pending {
		t.Fatal("pending after the byte was read")
	}
	server.Close()
	waitPending("end of file")

	if _, known := socketPending(tls.Client(client, &tls.Config{})); !known {
		t.Error("the socket under a TLS connection is not inspected")
	}
	if _, known := socketPending(pipeConn{}); known {
		t.Error("a connection without a socket claims to be inspectable")
	}
}

// pipeConn is a net.Conn with no file descriptor, like a tunnel's.
type pipeConn struct{ net.Conn }
