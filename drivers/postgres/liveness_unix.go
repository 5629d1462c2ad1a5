//go:build linux || darwin || dragonfly || freebsd || netbsd || openbsd

package postgres

import (
	"errors"
	"net"
	"syscall"
)

// peek asks the kernel, without blocking and without consuming anything,
// whether the socket under c has data or end of file waiting.
//
// It goes through RawConn.Control, never RawConn.Read: Read first takes
// the descriptor's read lock, and pgx may hold that lock indefinitely,
// with a background reader (started when a write was slow) parked in a
// Read on a session that will say nothing more. A peek behind it waited
// for ever, holding the pool's acquire, and closing the pool then waited
// for that acquire. Control only pins the descriptor for the duration of
// one non-blocking recv, so the peek returns at once whatever else is
// reading.
func peek(c net.Conn) (pending, known bool) {
	sc, ok := c.(syscall.Conn)
	if !ok {
		return false, false
	}
	raw, err := sc.SyscallConn()
	if err != nil {
		return false, false
	}
	var perr error
	var buf [1]byte
	err = raw.Control(func(fd uintptr) {
		for {
			_, _, perr = syscall.Recvfrom(int(fd), buf[:], syscall.MSG_PEEK|syscall.MSG_DONTWAIT)
			if !errors.Is(perr, syscall.EINTR) {
				return
			}
		}
	})
	switch {
	case err != nil:
		return true, true // the descriptor is gone: the ping will fail
	case perr == nil:
		return true, true // unread data, or end of file
	case errors.Is(perr, syscall.EAGAIN), errors.Is(perr, syscall.EWOULDBLOCK):
		return false, true // nothing to read: the session looks alive
	default:
		return true, true // a socket error, such as ECONNRESET
	}
}
