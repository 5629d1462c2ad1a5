package postgres

import (
	"context"
	"net"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

// shouldPing decides, each time the pool hands out a connection, whether to
// check it with a round trip first; a connection that fails the check is
// closed and the pool tries another, or dials a new one.
//
// pgx pings a connection that sat idle for over a second. That misses the
// common fault of a server restarted (or a backend terminated) just after
// the last call: the server has closed the session, but the pool would
// hand it out and the user's statement would fail with "terminating
// connection due to administrator command". A server that closes a session
// first writes its goodbye (an error message) or at least a FIN, so an idle
// connection with anything to read is suspect: shouldPing looks at the
// socket without reading from it (a non-blocking peek, one system call) and
// pings when something is there. When the socket cannot be inspected (a
// tunnel's connection, a platform without the peek) it always pings.
func shouldPing(_ context.Context, p pgxpool.ShouldPingParams) bool {
	if p.IdleDuration > time.Second {
		return true // pgx's own rule, which also catches a silent network
	}
	pc := p.Conn.PgConn()
	if pc.IsClosed() {
		return true
	}
	pending, known := socketPending(pc.Conn())
	return pending || !known
}

// socketPending reports whether c has bytes (or end of file) waiting to be
// read, without consuming them; known is false when that cannot be told.
func socketPending(c net.Conn) (pending, known bool) {
	for {
		u, ok := c.(interface{ NetConn() net.Conn }) // *tls.Conn
		if !ok {
			break
		}
		c = u.NetConn()
	}
	return peek(c)
}
