package runner

import (
	"context"
	"time"

	"github.com/dbls/dbls/drivers"
)

// A run borrows its connection from the Runner, which keeps it open while
// it is in use and for idleTime after: a Conn is a pool, safe for
// concurrent runs, and opening one costs a handshake (TLS, authentication,
// a ping) that an editor would otherwise pay on every statement.

// idleTime is how long an unused connection stays open.
const idleTime = 5 * time.Minute

type pooled struct {
	conn  drivers.Conn
	p     drivers.Params
	users int
	last  time.Time
	stale bool // dropped by Reset: closed when its last user is done
}

// acquire returns the open connection for arg, opening it when needed.
func (r *Runner) acquire(ctx context.Context, arg string) (*pooled, error) {
	r.mu.Lock()
	if c := r.conns[arg]; c != nil {
		c.users++
		r.mu.Unlock()
		return c, nil
	}
	gen := r.gen
	r.mu.Unlock()
	conn, p, err := r.open(ctx, arg)
	if err != nil {
		return nil, err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if c := r.conns[arg]; c != nil { // opened meanwhile by another run
		c.users++
		go conn.Close()
		return c, nil
	}
	c := &pooled{conn: conn, p: p, users: 1}
	if gen == r.gen {
		r.conns[arg] = c
	} else {
		c.stale = true // a Reset came while it opened: use it once
	}
	return c, nil
}

// release gives a connection back and closes what has gone stale or idle.
func (r *Runner) release(c *pooled) {
	r.mu.Lock()
	c.users--
	c.last = time.Now()
	closeNow := c.stale && c.users == 0
	r.mu.Unlock()
	if closeNow {
		c.conn.Close()
	}
	// One timer for all: when it fires, idleTime has passed since the last
	// release, so every connection not in use has been idle that long.
	r.mu.Lock()
	if r.idle == nil {
		r.idle = time.AfterFunc(idleTime, r.closeIdle)
	} else {
		r.idle.Reset(idleTime)
	}
	r.mu.Unlock()
}

// closeIdle closes the connections unused for idleTime.
func (r *Runner) closeIdle() {
	r.mu.Lock()
	var closing []drivers.Conn
	for arg, c := range r.conns {
		if c.users == 0 && time.Since(c.last) >= idleTime {
			delete(r.conns, arg)
			closing = append(closing, c.conn)
		}
	}
	r.mu.Unlock()
	for _, c := range closing {
		c.Close()
	}
}

// Reset drops every kept connection, as when the configuration that
// resolves connection arguments changed: the next run opens afresh.
// Connections in use close when their run ends.
func (r *Runner) Reset() {
	r.mu.Lock()
	r.gen++
	var closing []drivers.Conn
	for arg, c := range r.conns {
		delete(r.conns, arg)
		c.stale = true
		if c.users == 0 {
			closing = append(closing, c.conn)
		}
	}
	r.mu.Unlock()
	for _, c := range closing {
		c.Close()
	}
}

// Close closes every connection the Runner keeps. Runs still going keep
// theirs until they end.
func (r *Runner) Close() {
	r.Reset()
	r.mu.Lock()
	if r.idle != nil {
		r.idle.Stop()
	}
	r.mu.Unlock()
}

// Kept reports how many connections the Runner keeps open.
func (r *Runner) Kept() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.conns)
}
