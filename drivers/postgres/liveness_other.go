//go:build !(linux || darwin || dragonfly || freebsd || netbsd || openbsd)

package postgres

import "net"

// peek cannot inspect a socket on this platform.
func peek(net.Conn) (pending, known bool) { return false, false }
