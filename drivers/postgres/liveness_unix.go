//go:build linux || darwin || dragonfly || freebsd || netbsd || openbsd

package postgres

import (
	"errors"
	"net"
	"syscall"
)

// peek asks the kernel, without blocking and without consuming anything,
// whether the socket under c has data or end of file waiting.
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
	err = raw.Read(func(fd uintptr) bool {
		_, _, perr = syscall.Recvfrom(int(fd), buf[:], syscall.MSG_PEEK|syscall.MSG_DONTWAIT)
		return true // never wait for readability
	})
	switch {
	case err != nil:
		return true, true // the descriptor is gone: the ping will fail
	case perr == nil:
		return true, true // unread data, or end of file
	case errors.Is(perr, syscall.EAGAIN), errors.Is(perr, syscall.EWOULDBLOCK):
		return false, true // nothing to read: the session looks alive
	case errors.Is(perr, syscall.EINTR):
		return false, false
	default:
		return true, true // a socket error, such as ECONNRESET
	}
}
