package sshtunnel

import (
	"bufio"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/knownhosts"
)

// testServer is a real SSH server, in process: password, public-key and
// (optionally) keyboard-interactive authentication, direct-tcpip
// forwarding, keepalive replies. It can be stopped and restarted on the
// same port.
type testServer struct {
	t       testing.TB
	cfg     *ssh.ServerConfig
	hostKey ssh.Signer
	addr    string
	port    int

	mu     sync.Mutex
	ln     net.Listener
	conns  map[io.Closer]struct{}
	fwd    map[string]int // successful forwards per target
	wg     sync.WaitGroup
	closed bool

	logins         atomic.Int64 // authenticated SSH connections
	ended          atomic.Int64 // SSH connections that ended after login
	keepalives     atomic.Int64 // keepalive requests received
	dropKeepalives atomic.Bool  // leave keepalive requests unanswered
}

type serverOptions struct {
	password string
	// authorized are the public keys accepted for public-key auth.
	authorized []ssh.PublicKey
	// keyboardInteractive accepts the password only through
	// keyboard-interactive, as PAM-based servers do.
	keyboardInteractive bool
}

func startServer(t testing.TB, opts serverOptions) *testServer {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	hostKey, err := ssh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	s := &testServer{t: t, hostKey: hostKey, conns: map[io.Closer]struct{}{}, fwd: map[string]int{}}
	cfg := &ssh.ServerConfig{}
	if opts.password != "" && !opts.keyboardInteractive {
		cfg.PasswordCallback = func(_ ssh.ConnMetadata, pw []byte) (*ssh.Permissions, error) {
			if string(pw) == opts.password {
				return nil, nil
			}
			return nil, errors.New("wrong password")
		}
	}
	if opts.keyboardInteractive {
		cfg.KeyboardInteractiveCallback = func(_ ssh.ConnMetadata, ask ssh.KeyboardInteractiveChallenge) (*ssh.Permissions, error) {
			answers, err := ask("", "", []string{"Password: "}, []bool{false})
			if err != nil {
				return nil, err
			}
			if len(answers) == 1 && answers[0] == opts.password {
				return nil, nil
			}
			return nil, errors.New("wrong password")
		}
	}
	if len(opts.authorized) > 0 {
		cfg.PublicKeyCallback = func(_ ssh.ConnMetadata, key ssh.PublicKey) (*ssh.Permissions, error) {
			for _, k := range opts.authorized {
				if string(k.Marshal()) == string(key.Marshal()) {
					return nil, nil
				}
			}
			return nil, errors.New("key not authorized")
		}
	}
	cfg.AddHostKey(hostKey)
	s.cfg = cfg

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s.addr = ln.Addr().String()
	s.port = ln.Addr().(*net.TCPAddr).Port
	s.serve(ln)
	t.Cleanup(s.Stop)
	return s
}

func (s *testServer) serve(ln net.Listener) {
	s.mu.Lock()
	s.ln = ln
	s.closed = false
	s.mu.Unlock()
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			if !s.track(c) {
				c.Close()
				return
			}
			s.wg.Add(1)
			go func() {
				defer s.wg.Done()
				defer s.untrack(c)
				s.handle(c)
			}()
		}
	}()
}

// track registers c to be closed by Stop; false when stopped already.
func (s *testServer) track(c io.Closer) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return false
	}
	s.conns[c] = struct{}{}
	return true
}

func (s *testServer) untrack(c io.Closer) {
	s.mu.Lock()
	delete(s.conns, c)
	s.mu.Unlock()
	c.Close()
}

// Stop closes the listener and every connection, and waits for all the
// server's goroutines.
func (s *testServer) Stop() {
	s.mu.Lock()
	s.closed = true
	if s.ln != nil {
		s.ln.Close()
	}
	for c := range s.conns {
		c.Close()
	}
	s.mu.Unlock()
	s.wg.Wait()
}

// Restart listens again on the same port, with the same host key.
func (s *testServer) Restart() {
	s.t.Helper()
	ln, err := net.Listen("tcp", s.addr)
	if err != nil {
		s.t.Fatalf("restart SSH server on %s: %v", s.addr, err)
	}
	s.serve(ln)
}

// forwards is the number of connections forwarded to target.
func (s *testServer) forwards(target string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.fwd[target]
}

func (s *testServer) handle(c net.Conn) {
	sc, chans, reqs, err := ssh.NewServerConn(c, s.cfg)
	if err != nil {
		return
	}
	s.logins.Add(1)
	defer s.ended.Add(1)
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		for r := range reqs {
			if r.Type == "keepalive@openssh.com" {
				s.keepalives.Add(1)
				if s.dropKeepalives.Load() {
					continue
				}
			}
			r.Reply(false, nil) // as OpenSSH answers keepalives
		}
	}()
	for nc := range chans {
		if nc.ChannelType() != "direct-tcpip" {
			nc.Reject(ssh.UnknownChannelType, "only direct-tcpip")
			continue
		}
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			s.forward(nc)
		}()
	}
	sc.Wait()
}

func (s *testServer) forward(nc ssh.NewChannel) {
	var req struct {
		Host     string
		Port     uint32
		OrigHost string
		OrigPort uint32
	}
	if err := ssh.Unmarshal(nc.ExtraData(), &req); err != nil {
		nc.Reject(ssh.ConnectionFailed, "bad direct-tcpip request")
		return
	}
	target := net.JoinHostPort(req.Host, strconv.Itoa(int(req.Port)))
	db, err := net.DialTimeout("tcp", target, 5*time.Second)
	if err != nil {
		nc.Reject(ssh.ConnectionFailed, err.Error())
		return
	}
	if !s.track(db) {
		db.Close()
		nc.Reject(ssh.ConnectionFailed, "server stopping")
		return
	}
	defer s.untrack(db)
	ch, creqs, err := nc.Accept()
	if err != nil {
		return
	}
	defer ch.Close()
	s.mu.Lock()
	s.fwd[target]++
	s.mu.Unlock()
	go ssh.DiscardRequests(creqs)
	done := make(chan struct{}, 2)
	go func() {
		io.Copy(ch, db)
		done <- struct{}{}
	}()
	go func() {
		io.Copy(db, ch)
		done <- struct{}{}
	}()
	<-done
	ch.Close()
	db.Close()
	<-done
}

// --- helpers ---

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

type clientKey struct {
	signer ssh.Signer
	pub    ssh.PublicKey
	pem    []byte // OpenSSH form, unencrypted
	priv   ed25519.PrivateKey
}

func newEd25519Key(t testing.TB) clientKey {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	signer, err := ssh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	block, err := ssh.MarshalPrivateKey(priv, "dbls test")
	if err != nil {
		t.Fatal(err)
	}
	return clientKey{signer: signer, pub: signer.PublicKey(), pem: pem.EncodeToMemory(block), priv: priv}
}

// knownHosts writes a known_hosts file with the given lines.
func knownHosts(t testing.TB, lines ...string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "known_hosts")
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// knownHostsFor is a known_hosts file that trusts s.
func knownHostsFor(t testing.TB, s *testServer) string {
	return knownHosts(t, knownhosts.Line([]string{s.addr}, s.hostKey.PublicKey()))
}

// config is a Config for s, trusting its host key, without credentials.
func config(t testing.TB, s *testServer) Config {
	return Config{
		Host:           "127.0.0.1",
		Port:           s.port,
		User:           "dbls",
		KnownHostsFile: knownHostsFor(t, s),
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
