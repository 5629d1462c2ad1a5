package drivertest

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/dbls/dbls/drivers"
)

// The server fault checks: pools and faults on a private server
// (privateservers.go) that the checks stop and restart under an open dbls
// connection. Every check starts a fresh server, so that none sees the
// sessions or the state another left behind.

// FaultConfig describes a server driver and its pool to RunFaults.
type FaultConfig struct {
	// Server starts a private server for one check: PrivatePostgres or
	// PrivateMariaDB.
	Server func(testing.TB) *PrivateServer
	// Options are extra URL options ("a=1&b=2") added to the server's URL
	// for every connection; IdleOptions are added as well for the check of
	// idle closing, to shorten the pool's idle time to one second.
	Options, IdleOptions string
	// ShortenIdle, for a driver with no URL option for it, shortens the
	// idle time of a new connection's pool to one second.
	ShortenIdle func(drivers.Conn)
	// Sleep is a statement that sleeps for the number of seconds (say
	// "0.05") put in place of its %s.
	Sleep string
	// Sessions is a query, run on an administrative session of the kit's
	// own (which it must not count), that returns how many sessions dbls
	// has open on the server. Its one bind parameter is the server's
	// Database.
	Sessions string
	// Pool reads the pool of a connection the driver opened.
	Pool func(drivers.Conn) PoolStats
	// MaxOpen is the most sessions the pool may open at once.
	MaxOpen int
	// MaxIdle is the most sessions the pool keeps once the calls end; 0
	// for a pool that keeps every session until its idle time runs out.
	// The checks fill the pool with MaxIdle concurrent statements (4 where
	// it is 0), so that the pool holds that many idle sessions.
	MaxIdle int
	// CallTimeout bounds the calls after a restart (one minute when 0);
	// HangTimeout is how long a statement running across a restart may
	// take to fail (20 seconds when 0).
	CallTimeout, HangTimeout time.Duration
}

// PoolStats is what FaultConfig.Pool reads of a pool.
type PoolStats struct {
	// Idle is the number of idle pooled sessions.
	Idle int
	// MaxOpen is the pool's bound on open sessions; 0 when the pool does
	// not tell (it is then not checked against FaultConfig.MaxOpen).
	MaxOpen int
}

// RunFaults checks, each on a server of its own, that the very next call
// works after the server restarts under an open connection (ServerRestart),
// that calls fail at once naming the server while it is down and work once
// it is back (ServerStopped), and that the pool opens at most MaxOpen
// sessions and closes idle ones on the server (PoolBounds).
func RunFaults(t *testing.T, cfg FaultConfig) {
	if cfg.Server == nil || cfg.Sleep == "" || cfg.Sessions == "" || cfg.Pool == nil || cfg.MaxOpen == 0 {
		t.Fatal("FaultConfig needs Server, Sleep, Sessions, Pool and MaxOpen")
	}
	f := &faults{cfg: cfg, fill: cfg.MaxIdle}
	if f.fill == 0 {
		f.fill = 4
	}
	if f.cfg.CallTimeout == 0 {
		f.cfg.CallTimeout = time.Minute
	}
	if f.cfg.HangTimeout == 0 {
		f.cfg.HangTimeout = 20 * time.Second
	}
	t.Run("ServerRestart", f.checkServerRestart)
	t.Run("ServerStopped", f.checkServerStopped)
	t.Run("PoolBounds", f.checkPoolBounds)
}

type faults struct {
	cfg  FaultConfig
	fill int // concurrent statements that leave idle sessions in the pool
}

// conn is a connection of the driver under test, with the interfaces the
// checks call.
type conn interface {
	drivers.Conn
	drivers.Querier
}

// open opens a dbls connection to s, with cfg.Options and extra options,
// closed when t ends.
func (f *faults) open(t *testing.T, s *PrivateServer, extra string) conn {
	t.Helper()
	url := s.URL()
	for _, o := range []string{f.cfg.Options, extra} {
		if o == "" {
			continue
		}
		if strings.Contains(url, "?") {
			url += "&" + o
		} else {
			url += "?" + o
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	c, _, err := drivers.Open(ctx, url)
	if err != nil {
		t.Fatalf("open %s: %v", s.URL(), err)
	}
	t.Cleanup(func() { c.Close() })
	q, ok := c.(conn)
	if !ok {
		t.Fatalf("the connection to %s is not a drivers.Querier", s.URL())
	}
	return q
}

// fillPool runs n statements at once, so that the pool holds n sessions
// (up to MaxIdle of which stay idle afterwards).
func (f *faults) fillPool(t *testing.T, c conn, n int, sleep string) {
	t.Helper()
	if err := f.concurrently(c, n, sleep); err != nil {
		t.Fatalf("fill pool: %v", err)
	}
}

// concurrently runs n sleep statements at once and returns the first error.
func (f *faults) concurrently(c conn, n int, sleep string) error {
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for range n {
		wg.Go(func() {
			_, err := c.Query(context.Background(), drivers.Request{SQL: fmt.Sprintf(f.cfg.Sleep, sleep)})
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

// sessions counts the server sessions dbls opened, over an administrative
// session the query leaves out.
func (f *faults) sessions(t *testing.T, s *PrivateServer) int {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var n int
	switch s.Engine {
	case "postgres":
		admin, err := pgx.Connect(ctx, "postgres://postgres@"+s.Addr()+"/postgres?sslmode=disable&application_name=admin")
		if err != nil {
			t.Fatalf("admin connection: %v", err)
		}
		defer admin.Close(ctx)
		if err := admin.QueryRow(ctx, f.cfg.Sessions, s.Database).Scan(&n); err != nil {
			t.Fatalf("count sessions: %v", err)
		}
	default:
		db, err := sql.Open("mysql", "root@tcp("+s.Addr()+")/?timeout=5s")
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if err := db.QueryRowContext(ctx, f.cfg.Sessions, s.Database).Scan(&n); err != nil {
			t.Fatalf("count sessions: %v", err)
		}
	}
	return n
}

// restart restarts s under c, whose pool must hold idle sessions that
// will be stale afterwards.
func (f *faults) restart(t *testing.T, c conn, s *PrivateServer) time.Duration {
	t.Helper()
	if f.cfg.Pool(c).Idle == 0 {
		t.Fatal("no idle pooled session to go stale")
	}
	start := time.Now()
	if err := s.Restart(); err != nil {
		t.Fatalf("restart: %v", err)
	}
	return time.Since(start)
}

// checkServerRestart: after the server restarts, the very next call works,
// although every pooled session died with the old server.
func (f *faults) checkServerRestart(t *testing.T) {
	s := f.cfg.Server(t)
	c := f.open(t, s, "")
	ctx, cancel := context.WithTimeout(context.Background(), f.cfg.CallTimeout)
	defer cancel()

	t.Run("Query", func(t *testing.T) {
		f.fillPool(t, c, f.fill, "0.05")
		d := f.restart(t, c, s)
		res, err := c.Query(ctx, drivers.Request{SQL: "SELECT 1"})
		if err != nil {
			t.Fatalf("first query after a restart (%s) failed: %v", d, err)
		}
		if len(res.Rows) != 1 {
			t.Fatalf("rows = %v", res.Rows)
		}
		// The other pooled sessions died too; calls that find them work.
		if err := f.concurrently(c, f.fill, "0"); err != nil {
			t.Fatalf("queries after a restart: %v", err)
		}
		t.Logf("restart took %s", d)
	})
	t.Run("RunningStatement", func(t *testing.T) {
		f.fillPool(t, c, 2, "0.05")
		done := make(chan error, 1)
		go func() {
			_, err := c.Query(ctx, drivers.Request{SQL: fmt.Sprintf(f.cfg.Sleep, "30")})
			done <- err
		}()
		time.Sleep(300 * time.Millisecond)
		f.restart(t, c, s)
		select {
		case err := <-done:
			if err == nil {
				t.Error("a statement running across the restart succeeded")
			}
		case <-time.After(f.cfg.HangTimeout):
			t.Fatal("a statement running across the restart hangs")
		}
		if _, err := c.Query(ctx, drivers.Request{SQL: "SELECT 1"}); err != nil {
			t.Fatalf("query after the restart: %v", err)
		}
	})
	t.Run("Snapshot", func(t *testing.T) {
		f.fillPool(t, c, f.fill, "0.05")
		d := f.restart(t, c, s)
		if _, err := c.Snapshot(ctx, drivers.Filter{}); err != nil {
			t.Fatalf("first snapshot after a restart (%s) failed: %v", d, err)
		}
	})
	t.Run("Exec", func(t *testing.T) {
		ex, ok := c.(drivers.Execer)
		if !ok {
			t.Fatal("the connection is not a drivers.Execer")
		}
		f.fillPool(t, c, f.fill, "0.05")
		d := f.restart(t, c, s)
		if _, err := ex.Exec(ctx, "CREATE TABLE after_restart (id int)"); err != nil {
			t.Fatalf("first exec after a restart (%s) failed: %v", d, err)
		}
	})
	t.Run("Ping", func(t *testing.T) {
		f.fillPool(t, c, f.fill, "0.05")
		d := f.restart(t, c, s)
		if err := c.Ping(ctx); err != nil {
			t.Fatalf("first ping after a restart (%s) failed: %v", d, err)
		}
	})
}

// checkServerStopped: with the server down a call fails at once with an
// error naming the server, and works again once the server is back.
func (f *faults) checkServerStopped(t *testing.T) {
	s := f.cfg.Server(t)
	c := f.open(t, s, "")
	f.fillPool(t, c, f.fill, "0.05")
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

// checkPoolBounds: at most MaxOpen sessions however many calls run at
// once, and idle sessions are closed on the server (after an idle time
// shortened to one second by IdleOptions or ShortenIdle).
func (f *faults) checkPoolBounds(t *testing.T) {
	s := f.cfg.Server(t)

	t.Run("MaxOpen", func(t *testing.T) {
		c := f.open(t, s, "")
		if n := f.cfg.Pool(c).MaxOpen; n != 0 && n != f.cfg.MaxOpen {
			t.Errorf("MaxOpenConnections = %d, want %d", n, f.cfg.MaxOpen)
		}
		done := make(chan error, 1)
		go func() { done <- f.concurrently(c, 12, "1") }()
		time.Sleep(500 * time.Millisecond)
		n := f.sessions(t, s)
		if err := <-done; err != nil {
			t.Fatal(err)
		}
		if n != f.cfg.MaxOpen {
			t.Errorf("%d sessions while 12 statements ran, want %d", n, f.cfg.MaxOpen)
		}
		if f.cfg.MaxIdle > 0 {
			// The pool closes sessions beyond its idle limit as they come
			// back, and the server forgets them a moment later: wait for the
			// count to settle rather than read it mid-close.
			n := f.sessions(t, s)
			for deadline := time.Now().Add(10 * time.Second); n > f.cfg.MaxIdle && time.Now().Before(deadline); {
				time.Sleep(100 * time.Millisecond)
				n = f.sessions(t, s)
			}
			if n > f.cfg.MaxIdle {
				t.Errorf("%d sessions kept after the statements ended, want at most %d idle", n, f.cfg.MaxIdle)
			}
		}
		c.Close()
	})
	t.Run("IdleClosed", func(t *testing.T) {
		if f.cfg.IdleOptions == "" && f.cfg.ShortenIdle == nil {
			t.Fatal("FaultConfig has no way to shorten the idle time (IdleOptions or ShortenIdle)")
		}
		c := f.open(t, s, f.cfg.IdleOptions)
		if f.cfg.ShortenIdle != nil {
			f.cfg.ShortenIdle(c)
		}
		f.fillPool(t, c, f.fill, "0.05")
		if n := f.sessions(t, s); n < f.fill {
			t.Fatalf("%d sessions after %d concurrent statements, want at least %d", n, f.fill, f.fill)
		}
		deadline := time.Now().Add(15 * time.Second)
		for {
			n := f.sessions(t, s)
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
