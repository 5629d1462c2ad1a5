package sshtunnel

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/dbls/dbls/drivers/sshtunnel/sshtest"
)

// listen starts a TCP server on 127.0.0.1 running handle for each
// connection, stopped when the test ends.
func listen(t testing.TB, handle func(net.Conn)) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var conns []net.Conn
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
			wg.Add(1)
			go func() {
				defer wg.Done()
				handle(c)
			}()
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		mu.Lock()
		for _, c := range conns {
			c.Close()
		}
		mu.Unlock()
		wg.Wait()
	})
	return ln.Addr().String()
}

// echoServer answers each line with the same line.
func echoServer(t testing.TB) string {
	return listen(t, func(c net.Conn) {
		defer c.Close()
		io.Copy(c, c)
	})
}

// silentServer accepts connections and never says anything.
func silentServer(t testing.TB) string {
	return listen(t, func(c net.Conn) {
		io.Copy(io.Discard, c)
		c.Close()
	})
}

// closedPort is a 127.0.0.1 address where nothing listens.
func closedPort(t testing.TB) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

// roundTrip checks that c echoes a line.
func roundTrip(t testing.TB, c net.Conn) {
	t.Helper()
	c.SetDeadline(time.Now().Add(20 * time.Second)) // liveness backstop
	defer c.SetDeadline(time.Time{})
	msg := fmt.Sprintf("hello %d\n", time.Now().UnixNano())
	if _, err := io.WriteString(c, msg); err != nil {
		t.Fatalf("write through tunnel: %v", err)
	}
	got, err := bufio.NewReader(c).ReadString('\n')
	if err != nil {
		t.Fatalf("read through tunnel: %v", err)
	}
	if got != msg {
		t.Fatalf("echo: got %q, want %q", got, msg)
	}
}

// config is a Config for s, trusting its host key, without credentials.
func config(t testing.TB, s *sshtest.Server) Config {
	return Config{
		Host:           s.Host(),
		Port:           s.Port(),
		User:           "dbls",
		KnownHostsFile: s.KnownHosts(t),
		Timeout:        20 * time.Second,
	}
}

// waitFor polls cond until it holds, failing after a generous backstop.
func waitFor(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}
