package postgres

import (
	"bytes"
	"context"
	"net"
	"runtime/pprof"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/drivertest"
)

// hangLimit is how long noHang lets an operation run before calling it a
// hang: generous, and shorter only when the test binary's own deadline
// is nearer. It bounds nothing the tests measure; it only makes a hang
// fail with a goroutine dump instead of stalling the run.
func hangLimit(t testing.TB) time.Duration {
	limit := 3 * time.Minute
	if d, ok := t.(interface{ Deadline() (time.Time, bool) }); ok {
		if dl, ok := d.Deadline(); ok {
			if left := time.Until(dl) - 20*time.Second; left < limit {
				limit = max(left, 5*time.Second)
			}
		}
	}
	return limit
}

// noHang runs f and fails the test, with every goroutine's stack, if f
// has not returned within hangLimit. It reports whether f returned; when
// it did not, f's goroutine is abandoned (and so is anything it holds).
func noHang(t testing.TB, what string, f func()) bool {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
		return true
	case <-time.After(hangLimit(t)):
		t.Errorf("%s never returned; goroutines:\n%s", what, goroutines())
		return false
	}
}

func goroutines() string {
	var b bytes.Buffer
	pprof.Lookup("goroutine").WriteTo(&b, 2) //nolint:errcheck // a bytes.Buffer does not fail
	return b.String()
}

// parkedReads counts goroutines blocked reading a socket inside fn (a
// function name as it appears in a stack).
func parkedReads(fn string) int {
	n := 0
	for _, g := range strings.Split(goroutines(), "\n\n") {
		if strings.Contains(g, "[IO wait") && strings.Contains(g, fn) {
			n++
		}
	}
	return n
}

// waitParked waits until a goroutine is blocked reading a socket inside
// fn; false if none is after a while.
func waitParked(fn string) bool {
	for range 500 {
		if parkedReads(fn) > 0 {
			return true
		}
		time.Sleep(10 * time.Millisecond)
	}
	return false
}

// TestPeekBesideParkedReader: the liveness peek answers while another
// goroutine is parked reading the same socket, as pgx's background reader
// is after a slow write. The peek through RawConn.Read waited for that
// reader's lock, for ever on a quiet session.
func TestPeekBesideParkedReader(t *testing.T) {
	client, server := tcpPair(t)

	read := make(chan byte, 1)
	go parkedReader(client, read)
	if !waitParked("postgres.parkedReader") {
		t.Fatal("the reader never blocked")
	}
	var pending, known bool
	if !noHang(t, "a peek beside a parked reader", func() { pending, known = socketPending(client) }) {
		server.Write([]byte("x")) //nolint:errcheck // release the reader, and with it the peek
		return
	}
	if pending || !known {
		t.Errorf("quiet socket with a parked reader: pending %v, known %v", pending, known)
	}
	if _, err := server.Write([]byte("E")); err != nil {
		t.Fatal(err)
	}
	if b := <-read; b != 'E' {
		t.Errorf("the reader got %q", b)
	}
}

func parkedReader(c net.Conn, out chan<- byte) {
	var buf [1]byte
	c.Read(buf[:]) //nolint:errcheck // the test checks what arrives
	out <- buf[0]
}

// slowDialer dials TCP connections whose writes, once armed, sleep after
// writing. A flush that takes longer than 15ms makes pgx start its
// background reader; the server's answer arrives during the sleep, so the
// reader takes it and parks in another read on a session that then goes
// quiet: the state in which the old liveness peek hung.
type slowDialer struct {
	armed  atomic.Bool
	every  int64 // sleep on every n-th write (1: every write)
	writes atomic.Int64
}

func (d *slowDialer) dial(ctx context.Context, network, addr string) (net.Conn, error) {
	var nd net.Dialer
	c, err := nd.DialContext(ctx, network, addr)
	if err != nil {
		return nil, err
	}
	return &slowConn{Conn: c, d: d}, nil
}

type slowConn struct {
	net.Conn
	d *slowDialer
}

func (c *slowConn) Write(b []byte) (int, error) {
	n, err := c.Conn.Write(b)
	if c.d.armed.Load() && c.d.writes.Add(1)%c.d.every == 0 {
		time.Sleep(20 * time.Millisecond)
	}
	return n, err
}

// NetConn lets the liveness check find the socket, as under TLS.
func (c *slowConn) NetConn() net.Conn { return c.Conn }

func slowParams(t testing.TB, d *slowDialer) drivers.Params {
	t.Helper()
	p, err := drivers.ParseURL(drivertest.PostgresURL(t))
	if err != nil {
		t.Fatal(err)
	}
	p.Dial = d.dial
	return p
}

// TestAcquireBesideBackgroundReader: with pgx's background reader parked
// on a pooled session (after a slow write), handing that session out
// again and closing the pool return. Before, the liveness check blocked
// behind the reader and Close waited for it for ever.
func TestAcquireBesideBackgroundReader(t *testing.T) {
	d := &slowDialer{every: 1}
	p := slowParams(t, d)
	p.Options = map[string]string{"pool_max_conns": "1"} // one session: every query reuses it
	ctx := testContext(t)
	c, err := open(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	closed := false
	defer func() {
		if !closed {
			c.pool.Reset() // give up on a hung session without waiting for it
		}
	}()
	const bgRead = "bgreader.(*BGReader).bgRead"
	d.armed.Store(true)
	parked := false
	for i := 0; i < 20 && !parked; i++ {
		if _, err := c.Exec(ctx, "SELECT 1"); err != nil {
			t.Fatal(err)
		}
		parked = waitParkedBriefly(bgRead)
	}
	d.armed.Store(false)
	if !parked {
		t.Skip("pgx's background reader never parked on this machine; the scenario was not reproduced")
	}
	if !noHang(t, "a query on the session with a parked background reader", func() {
		var one int
		err = c.pool.QueryRow(ctx, "SELECT 1").Scan(&one)
	}) {
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	if noHang(t, "Close", func() { c.Close() }) {
		closed = true
	}
}

// waitParkedBriefly is waitParked for a state that may not come.
func waitParkedBriefly(fn string) bool {
	for range 20 {
		if parkedReads(fn) > 0 {
			return true
		}
		time.Sleep(5 * time.Millisecond)
	}
	return false
}

// TestOpenInspectCloseStress opens a connection, reads the snapshot (as
// dbls inspect does) with a query beside it, pings and closes, hundreds of
// times over in two workers, half the rounds with slow writes so that
// pgx's background reader runs and parks. Every round must return and read
// the same tables, and no session may be left on the server. Run it once
// with -race.
func TestOpenInspectCloseStress(t *testing.T) {
	const workers = 2
	rounds := 100 // per worker
	if testing.Short() {
		rounds = 15
	}
	slow := &slowDialer{every: 3}
	slow.armed.Store(true)
	p := slowParams(t, slow)
	fast := p
	fast.Dial = nil
	setup, err := open(testContext(t), fast)
	if err != nil {
		t.Fatal(err)
	}
	mustExec(t, setup, fixtureSQL)
	setup.Close()

	// No deadline on the rounds themselves (-race on a busy machine is
	// slow); a stall is what fails: no round finishing within hangLimit.
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	round := func(p drivers.Params) (tables int, err error) {
		conn, err := Driver{}.Open(ctx, p)
		if err != nil {
			return 0, err
		}
		defer conn.Close()
		var wg sync.WaitGroup
		var qerr error
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, qerr = conn.(drivers.Querier).Query(ctx, drivers.Request{SQL: "SELECT count(*) FROM pg_class", Limit: 1})
		}()
		snap, err := conn.Snapshot(ctx, drivers.Filter{})
		wg.Wait()
		if err != nil {
			return 0, err
		}
		if qerr != nil {
			return 0, qerr
		}
		if err := conn.Ping(ctx); err != nil { // a session handed out again after the batch
			return 0, err
		}
		return snap.TableCount(), nil
	}
	var done atomic.Int64
	progress := make(chan struct{}, workers)
	counts := make([]map[int]int, workers)
	var wg sync.WaitGroup
	for w := range workers {
		counts[w] = map[int]int{}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range rounds {
				rp := fast
				if i%2 == 1 {
					rp = p
				}
				n, err := round(rp)
				if err != nil {
					if ctx.Err() == nil {
						t.Errorf("worker %d, round %d: %v", w, i, err)
					}
					return
				}
				counts[w][n]++
				done.Add(1)
				progress <- struct{}{}
			}
		}()
	}
	finished := make(chan struct{})
	go func() {
		wg.Wait()
		close(finished)
	}()
	limit := hangLimit(t)
	stall := time.NewTimer(limit)
wait:
	for {
		select {
		case <-finished:
			break wait
		case <-progress:
			stall.Reset(limit)
		case <-stall.C:
			t.Errorf("no round finished in %s after %d rounds; goroutines:\n%s", limit, done.Load(), goroutines())
			cancel()
			return // the stuck rounds are abandoned, with their connections
		}
	}
	t.Logf("%d rounds of open, inspect and close, half with slow writes (%d writes through the slow dialer); tables read: %v",
		done.Load(), slow.writes.Load(), counts)
	seen := map[int]bool{}
	for _, c := range counts {
		for n := range c {
			seen[n] = true
		}
	}
	if len(seen) != 1 || seen[0] {
		t.Errorf("every round should read the fixture's tables: %v", counts)
	}
	// Every session dbls opened is gone (they end asynchronously on the
	// server, so wait for it).
	ctx = testContext(t)
	check, err := open(ctx, drivers.Params{Driver: p.Driver, Host: p.Host, Port: p.Port, User: p.User, Database: p.Database,
		Options: map[string]string{"application_name": "dbls_check"}})
	if err != nil {
		t.Fatal(err)
	}
	defer check.Close()
	var left int
	for range 200 {
		if err := check.pool.QueryRow(ctx, "SELECT count(*) FROM pg_stat_activity WHERE datname = $1 AND application_name = 'dbls'",
			p.Database).Scan(&left); err != nil {
			t.Fatal(err)
		}
		if left == 0 {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if left != 0 {
		t.Errorf("%d sessions left open on the server", left)
	}
}
