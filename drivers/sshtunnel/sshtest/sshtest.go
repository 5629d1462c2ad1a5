// Package sshtest is an in-process SSH server for tests: a bastion that
// tests of any package can start on 127.0.0.1, authenticate against with a
// password, keyboard-interactive or public keys, tunnel through with
// direct-tcpip channels, and inspect afterwards (logins, forwards,
// keepalives). It can be stopped and restarted on the same port with the
// same host key, to test reconnects.
//
//	s := sshtest.Start(t, sshtest.Options{Password: "pw"})
//	kh := s.KnownHosts(t) // a known_hosts file that trusts s
//	... connect to s.Host():s.Port() as any user ...
//	if s.Forwards("127.0.0.1:5432") == 0 { t.Error("nothing went through the bastion") }
//
// The package does not depend on the dbls SSH client (package sshtunnel),
// so that package's own tests can use it.
package sshtest

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
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

// Options configure the server's authentication. Any user name is
// accepted; what is checked is the credential.
type Options struct {
	// Password enables password authentication with this password.
	Password string
	// AuthorizedKeys are the public keys accepted for public-key
	// authentication.
	AuthorizedKeys []ssh.PublicKey
	// KeyboardInteractive accepts Password only through
	// keyboard-interactive authentication (one hidden "Password: "
	// prompt), as PAM-based servers do, instead of password
	// authentication.
	KeyboardInteractive bool
}

// Server is a running SSH server: password, public-key and (optionally)
// keyboard-interactive authentication, direct-tcpip forwarding, replies to
// keepalive requests. Its methods are safe for concurrent use.
type Server struct {
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

// Start starts a server on a free port of 127.0.0.1 with a new ed25519 host
// key. It is stopped when the test ends.
func Start(t testing.TB, opts Options) *Server {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	hostKey, err := ssh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	s := &Server{t: t, hostKey: hostKey, conns: map[io.Closer]struct{}{}, fwd: map[string]int{}}
	cfg := &ssh.ServerConfig{}
	if opts.Password != "" && !opts.KeyboardInteractive {
		cfg.PasswordCallback = func(_ ssh.ConnMetadata, pw []byte) (*ssh.Permissions, error) {
			if string(pw) == opts.Password {
				return nil, nil
			}
			return nil, errors.New("wrong password")
		}
	}
	if opts.KeyboardInteractive {
		cfg.KeyboardInteractiveCallback = func(_ ssh.ConnMetadata, ask ssh.KeyboardInteractiveChallenge) (*ssh.Permissions, error) {
			answers, err := ask("", "", []string{"Password: "}, []bool{false})
			if err != nil {
				return nil, err
			}
			if len(answers) == 1 && answers[0] == opts.Password {
				return nil, nil
			}
			return nil, errors.New("wrong password")
		}
	}
	if len(opts.AuthorizedKeys) > 0 {
		authorized := append([]ssh.PublicKey(nil), opts.AuthorizedKeys...)
		cfg.PublicKeyCallback = func(_ ssh.ConnMetadata, key ssh.PublicKey) (*ssh.Permissions, error) {
			for _, k := range authorized {
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

// Addr is the server's host:port ("127.0.0.1:PORT").
func (s *Server) Addr() string { return s.addr }

// Host is the server's address without the port: "127.0.0.1".
func (s *Server) Host() string { return "127.0.0.1" }

// Port is the server's TCP port.
func (s *Server) Port() int { return s.port }

// HostKey is the public key the server proves its identity with.
func (s *Server) HostKey() ssh.PublicKey { return s.hostKey.PublicKey() }

// KnownHostsLine is the known_hosts line that trusts the server's host key
// for Addr.
func (s *Server) KnownHostsLine() string {
	return knownhosts.Line([]string{s.addr}, s.hostKey.PublicKey())
}

// KnownHosts writes a known_hosts file that trusts the server (and nothing
// else) into a temporary directory and returns its path.
func (s *Server) KnownHosts(t testing.TB) string {
	t.Helper()
	return WriteKnownHosts(t, s.KnownHostsLine())
}

// Logins is the number of SSH connections that authenticated so far.
func (s *Server) Logins() int64 { return s.logins.Load() }

// Ended is the number of authenticated SSH connections that have ended.
func (s *Server) Ended() int64 { return s.ended.Load() }

// Keepalives is the number of keepalive@openssh.com requests received.
func (s *Server) Keepalives() int64 { return s.keepalives.Load() }

// DropKeepalives makes the server leave keepalive requests unanswered (a
// hung server) while drop is true.
func (s *Server) DropKeepalives(drop bool) { s.dropKeepalives.Store(drop) }

// Forwards is the number of connections forwarded to target, the
// host:port exactly as clients asked for it.
func (s *Server) Forwards(target string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.fwd[target]
}

// WaitEnded waits until at least n authenticated SSH connections have
// ended, failing t after a generous backstop.
func (s *Server) WaitEnded(t testing.TB, n int64) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for s.Ended() < n {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %d SSH connections to end (%d did)", n, s.Ended())
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// Stop closes the listener and every connection, and waits for all the
// server's goroutines. Stopping a stopped server does nothing.
func (s *Server) Stop() {
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

// Restart listens again on the same port, with the same host key, after
// Stop. It fails the test that started the server when the port is taken.
func (s *Server) Restart() {
	s.t.Helper()
	ln, err := net.Listen("tcp", s.addr)
	if err != nil {
		s.t.Fatalf("restart SSH server on %s: %v", s.addr, err)
	}
	s.serve(ln)
}

func (s *Server) serve(ln net.Listener) {
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
func (s *Server) track(c io.Closer) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return false
	}
	s.conns[c] = struct{}{}
	return true
}

func (s *Server) untrack(c io.Closer) {
	s.mu.Lock()
	delete(s.conns, c)
	s.mu.Unlock()
	c.Close()
}

func (s *Server) handle(c net.Conn) {
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

func (s *Server) forward(nc ssh.NewChannel) {
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

// WriteKnownHosts writes a known_hosts file with the given lines into a
// temporary directory and returns its path.
func WriteKnownHosts(t testing.TB, lines ...string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "known_hosts")
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// Key is a client key pair for public-key authentication: put Public in
// Options.AuthorizedKeys, give the client PEM or a file from WriteFile.
type Key struct {
	Private ed25519.PrivateKey
	Signer  ssh.Signer
	Public  ssh.PublicKey
	// PEM is the private key in OpenSSH form, unencrypted.
	PEM []byte
}

// NewKey generates an ed25519 key pair.
func NewKey(t testing.TB) Key {
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
	return Key{Private: priv, Signer: signer, Public: signer.PublicKey(), PEM: pem.EncodeToMemory(block)}
}

// EncryptedPEM is the private key in OpenSSH form, encrypted with
// passphrase.
func (k Key) EncryptedPEM(t testing.TB, passphrase string) []byte {
	t.Helper()
	block, err := ssh.MarshalPrivateKeyWithPassphrase(k.Private, "dbls test", []byte(passphrase))
	if err != nil {
		t.Fatal(err)
	}
	return pem.EncodeToMemory(block)
}

// WriteFile writes the private key, encrypted with passphrase unless that
// is empty, to a file (mode 0600) in a temporary directory and returns its
// path.
func (k Key) WriteFile(t testing.TB, passphrase string) string {
	t.Helper()
	data := k.PEM
	if passphrase != "" {
		data = k.EncryptedPEM(t, passphrase)
	}
	path := filepath.Join(t.TempDir(), "id_ed25519")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}
