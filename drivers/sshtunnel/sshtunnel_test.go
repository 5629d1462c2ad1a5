package sshtunnel

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/agent"
	"golang.org/x/crypto/ssh/knownhosts"

	"github.com/dbls/dbls/drivers/sshtunnel/sshtest"
)

// Sentinel secrets: no error may contain them.
const (
	secretPassword   = "pw-SENTINEL-9f3a1c"
	secretPassphrase = "pp-SENTINEL-77b2e0"
)

func open(t testing.TB, cfg Config) *Tunnel {
	t.Helper()
	tun, err := Open(context.Background(), cfg)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { tun.Close() })
	return tun
}

// dialEcho dials echo through tun and checks a round trip.
func dialEcho(t testing.TB, tun *Tunnel, echo string) net.Conn {
	t.Helper()
	c, err := tun.Dial(context.Background(), "tcp", echo)
	if err != nil {
		t.Fatalf("Dial %s: %v", echo, err)
	}
	t.Cleanup(func() { c.Close() })
	roundTrip(t, c)
	return c
}

// openErr opens cfg expecting an error that matches kind and contains
// every want.
func openErr(t testing.TB, cfg Config, kind error, want ...string) error {
	t.Helper()
	tun, err := Open(context.Background(), cfg)
	if err == nil {
		tun.Close()
		t.Fatalf("Open succeeded, want an error matching %v", kind)
	}
	checkErr(t, err, kind, want...)
	return err
}

func checkErr(t testing.TB, err error, kind error, want ...string) {
	t.Helper()
	t.Logf("error: %v", err)
	if kind != nil && !errors.Is(err, kind) {
		t.Errorf("error %q does not match %q", err, kind)
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error %q does not contain %q", err, w)
		}
	}
	noSecret(t, err.Error())
}

func noSecret(t testing.TB, s string) {
	t.Helper()
	for _, secret := range []string{secretPassword, secretPassphrase} {
		if strings.Contains(s, secret) {
			t.Errorf("secret %q leaked into %q", secret, s)
		}
	}
}

func TestPasswordAuth(t *testing.T) {
	s := sshtest.Start(t, sshtest.Options{Password: secretPassword})
	echo := echoServer(t)
	cfg := config(t, s)
	cfg.Password = secretPassword
	tun := open(t, cfg)
	c := dialEcho(t, tun, echo)
	if got := c.RemoteAddr().String(); got != echo {
		t.Errorf("RemoteAddr = %q, want %q (clients redial it)", got, echo)
	}
	if c.RemoteAddr().Network() != "tcp" {
		t.Errorf("RemoteAddr network = %q, want tcp", c.RemoteAddr().Network())
	}
	if len(tun.Warnings()) != 0 {
		t.Errorf("unexpected warnings %q", tun.Warnings())
	}
	if n := s.Forwards(echo); n != 1 {
		t.Errorf("server forwarded %d connections to %s, want 1", n, echo)
	}
	if n := s.Logins(); n != 1 {
		t.Errorf("%d SSH logins, want 1", n)
	}
}

func TestKeyboardInteractivePassword(t *testing.T) {
	s := sshtest.Start(t, sshtest.Options{Password: secretPassword, KeyboardInteractive: true})
	cfg := config(t, s)
	cfg.Password = secretPassword
	dialEcho(t, open(t, cfg), echoServer(t))

	cfg.Password = "wrong-" + secretPassword
	openErr(t, cfg, ErrAuth, "authentication failed")
}

func TestWrongPassword(t *testing.T) {
	s := sshtest.Start(t, sshtest.Options{Password: "right-one"})
	cfg := config(t, s)
	cfg.Password = secretPassword
	openErr(t, cfg, ErrAuth, "ssh "+s.Addr()+": ", `authentication failed for user "dbls"`, "password")
}

func TestPrivateKeyAuth(t *testing.T) {
	ed := sshtest.NewKey(t)

	rsaKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	rsaSigner, err := ssh.NewSignerFromKey(rsaKey)
	if err != nil {
		t.Fatal(err)
	}
	rsaFile := filepath.Join(t.TempDir(), "id_rsa")
	rsaPEM := pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(rsaKey)})
	if err := os.WriteFile(rsaFile, rsaPEM, 0o600); err != nil {
		t.Fatal(err)
	}

	s := sshtest.Start(t, sshtest.Options{AuthorizedKeys: []ssh.PublicKey{ed.Public, rsaSigner.PublicKey()}})
	echo := echoServer(t)

	t.Run("ed25519 PEM", func(t *testing.T) {
		cfg := config(t, s)
		cfg.KeyPEM = ed.PEM
		dialEcho(t, open(t, cfg), echo)
	})
	t.Run("RSA file", func(t *testing.T) {
		cfg := config(t, s)
		cfg.KeyFile = rsaFile
		dialEcho(t, open(t, cfg), echo)
	})
	t.Run("key not authorized", func(t *testing.T) {
		cfg := config(t, s)
		cfg.KeyPEM = sshtest.NewKey(t).PEM
		openErr(t, cfg, ErrAuth, "authentication failed", "private key (KeyPEM)")
	})
	t.Run("missing file", func(t *testing.T) {
		cfg := config(t, s)
		cfg.KeyFile = filepath.Join(t.TempDir(), "nope")
		openErr(t, cfg, ErrPrivateKey, "private key", "no such file")
	})
	t.Run("garbage", func(t *testing.T) {
		cfg := config(t, s)
		cfg.KeyPEM = []byte("not a key")
		openErr(t, cfg, ErrPrivateKey, "private key (KeyPEM)")
	})
}

func TestEncryptedPrivateKey(t *testing.T) {
	t.Parallel() // bcrypt key derivation is slow under the race detector
	ed := sshtest.NewKey(t)
	file := ed.WriteFile(t, secretPassphrase)
	s := sshtest.Start(t, sshtest.Options{AuthorizedKeys: []ssh.PublicKey{ed.Public}})

	cfg := config(t, s)
	cfg.KeyFile = file
	cfg.Passphrase = secretPassphrase
	dialEcho(t, open(t, cfg), echoServer(t))

	cfg.Passphrase = "wrong " + secretPassphrase
	openErr(t, cfg, ErrPrivateKey, "private key "+file+": wrong passphrase")

	cfg.Passphrase = ""
	openErr(t, cfg, ErrPrivateKey, "is encrypted", "passphrase")
}

func TestAgentAuth(t *testing.T) {
	ed := sshtest.NewKey(t)
	keyring := agent.NewKeyring()
	if err := keyring.Add(agent.AddedKey{PrivateKey: ed.Private}); err != nil {
		t.Fatal(err)
	}
	dir, err := os.MkdirTemp("", "agent") // short: unix socket paths are limited
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	sock := filepath.Join(dir, "agent.sock")
	ln, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	t.Cleanup(func() { ln.Close(); wg.Wait() })
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer c.Close()
				agent.ServeAgent(keyring, c)
			}()
		}
	}()

	s := sshtest.Start(t, sshtest.Options{AuthorizedKeys: []ssh.PublicKey{ed.Public}})
	cfg := config(t, s)
	cfg.Agent = true
	cfg.AgentSocket = sock
	dialEcho(t, open(t, cfg), echoServer(t))

	// Through $SSH_AUTH_SOCK.
	t.Setenv("SSH_AUTH_SOCK", sock)
	cfg.AgentSocket = ""
	dialEcho(t, open(t, cfg), echoServer(t))

	cfg.AgentSocket = filepath.Join(dir, "missing.sock")
	openErr(t, cfg, nil, "ssh-agent at "+cfg.AgentSocket)

	t.Setenv("SSH_AUTH_SOCK", "")
	cfg.AgentSocket = ""
	openErr(t, cfg, nil, "SSH_AUTH_SOCK is not set")
}

func TestHostKeyVerification(t *testing.T) {
	s := sshtest.Start(t, sshtest.Options{Password: secretPassword})
	echo := echoServer(t)
	base := config(t, s)
	base.Password = secretPassword
	other := sshtest.NewKey(t).Public

	t.Run("known", func(t *testing.T) {
		dialEcho(t, open(t, base), echo)
	})
	t.Run("hashed entry", func(t *testing.T) {
		cfg := base
		line := knownhosts.HashHostname(knownhosts.Normalize(s.Addr())) + " " +
			strings.TrimSpace(string(ssh.MarshalAuthorizedKey(s.HostKey())))
		cfg.KnownHostsFile = sshtest.WriteKnownHosts(t, line)
		dialEcho(t, open(t, cfg), echo)
	})
	t.Run("mismatch", func(t *testing.T) {
		cfg := base
		cfg.KnownHostsFile = sshtest.WriteKnownHosts(t,
			"# a comment",
			knownhosts.Line([]string{"elsewhere.example:22"}, s.HostKey()),
			knownhosts.Line([]string{s.Addr()}, other))
		openErr(t, cfg, ErrHostKeyMismatch, "ssh "+s.Addr()+": host key mismatch for "+s.Addr(),
			"known_hosts line 3", ssh.FingerprintSHA256(s.HostKey()), ssh.FingerprintSHA256(other))
	})
	t.Run("mismatch of key type", func(t *testing.T) {
		rsaKey, err := rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			t.Fatal(err)
		}
		rsaPub, err := ssh.NewPublicKey(&rsaKey.PublicKey)
		if err != nil {
			t.Fatal(err)
		}
		cfg := base
		cfg.KnownHostsFile = sshtest.WriteKnownHosts(t, knownhosts.Line([]string{s.Addr()}, rsaPub))
		openErr(t, cfg, ErrHostKeyMismatch, "host key mismatch", "line 1", "ssh-rsa")
	})
	t.Run("revoked", func(t *testing.T) {
		cfg := base
		cfg.KnownHostsFile = sshtest.WriteKnownHosts(t,
			knownhosts.Line([]string{s.Addr()}, s.HostKey()),
			"@revoked * "+strings.TrimSpace(string(ssh.MarshalAuthorizedKey(s.HostKey()))))
		openErr(t, cfg, ErrHostKeyRevoked, "revoked", "line 2")
	})
	t.Run("unknown host", func(t *testing.T) {
		cfg := base
		cfg.KnownHostsFile = sshtest.WriteKnownHosts(t, knownhosts.Line([]string{"elsewhere.example:22"}, s.HostKey()))
		openErr(t, cfg, ErrUnknownHost, "ssh "+s.Addr()+": host not in known_hosts "+cfg.KnownHostsFile,
			ssh.FingerprintSHA256(s.HostKey()), "ssh-keyscan -p "+fmt.Sprint(s.Port())+" 127.0.0.1")
	})
	t.Run("missing known_hosts", func(t *testing.T) {
		cfg := base
		cfg.KnownHostsFile = filepath.Join(t.TempDir(), "known_hosts")
		openErr(t, cfg, ErrUnknownHost, "host not in known_hosts", "does not exist")
	})
	t.Run("default known_hosts", func(t *testing.T) {
		home := t.TempDir()
		t.Setenv("HOME", home)
		cfg := base
		cfg.KnownHostsFile = ""
		openErr(t, cfg, ErrUnknownHost, "~/.ssh/known_hosts")
		if err := os.Mkdir(filepath.Join(home, ".ssh"), 0o700); err != nil {
			t.Fatal(err)
		}
		line := knownhosts.Line([]string{s.Addr()}, s.HostKey())
		if err := os.WriteFile(filepath.Join(home, ".ssh", "known_hosts"), []byte(line+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		dialEcho(t, open(t, cfg), echo)
	})
	t.Run("insecure opt-in", func(t *testing.T) {
		cfg := base
		cfg.KnownHostsFile = filepath.Join(t.TempDir(), "known_hosts") // missing: ignored
		cfg.InsecureIgnoreHostKey = true
		var warned []string
		cfg.Warn = func(msg string) { warned = append(warned, msg) }
		tun := open(t, cfg)
		dialEcho(t, tun, echo)
		if len(warned) != 1 || !strings.Contains(warned[0], "NOT verified") || !strings.Contains(warned[0], s.Addr()) {
			t.Errorf("Warn got %q, want one warning about the unverified host key", warned)
		}
		if w := tun.Warnings(); len(w) != 1 || w[0] != warned[0] {
			t.Errorf("Warnings() = %q, want %q", w, warned)
		}
		noSecret(t, strings.Join(warned, " "))
	})
}

func TestUnreachable(t *testing.T) {
	t.Run("closed port", func(t *testing.T) {
		addr := closedPort(t)
		host, port, _ := net.SplitHostPort(addr)
		var p int
		fmt.Sscan(port, &p)
		cfg := Config{Host: host, Port: p, User: "dbls", Password: secretPassword, InsecureIgnoreHostKey: true}
		openErr(t, cfg, ErrUnreachable, "ssh "+addr+": cannot reach the SSH server", "refused")
	})
	t.Run("no handshake within Timeout", func(t *testing.T) {
		addr := silentServer(t)
		host, port, _ := net.SplitHostPort(addr)
		var p int
		fmt.Sscan(port, &p)
		cfg := Config{Host: host, Port: p, User: "dbls", Password: secretPassword,
			KnownHostsFile: sshtest.WriteKnownHosts(t), Timeout: 200 * time.Millisecond}
		start := time.Now()
		openErr(t, cfg, ErrUnreachable, "ssh "+addr+": cannot reach the SSH server", "no answer within 200ms")
		if d := time.Since(start); d > 15*time.Second { // liveness backstop only
			t.Errorf("Open took %v with Timeout 200ms", d)
		}
	})
	t.Run("context cancelled", func(t *testing.T) {
		addr := silentServer(t)
		host, port, _ := net.SplitHostPort(addr)
		var p int
		fmt.Sscan(port, &p)
		ctx, cancel := context.WithCancel(context.Background())
		go func() { time.Sleep(50 * time.Millisecond); cancel() }()
		_, err := Open(ctx, Config{Host: host, Port: p, User: "dbls", Password: secretPassword, InsecureIgnoreHostKey: true})
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("Open with a cancelled context: %v, want context.Canceled", err)
		}
	})
}

func TestForwardRefused(t *testing.T) {
	s := sshtest.Start(t, sshtest.Options{Password: secretPassword})
	cfg := config(t, s)
	cfg.Password = secretPassword
	tun := open(t, cfg)
	closed := closedPort(t)
	_, err := tun.Dial(context.Background(), "tcp", closed)
	if err == nil {
		t.Fatal("Dial to a closed port succeeded")
	}
	checkErr(t, err, ErrForwardRefused, "ssh "+s.Addr()+": forward to "+closed+" refused", "connect failed", "refused")

	// The tunnel itself is fine: no reconnect.
	dialEcho(t, tun, echoServer(t))
	if n := s.Logins(); n != 1 {
		t.Errorf("%d SSH logins, want 1", n)
	}

	_, err = tun.Dial(context.Background(), "udp", closed)
	checkErr(t, err, nil, "only TCP")
	_, err = tun.Dial(context.Background(), "tcp", "no-port")
	checkErr(t, err, nil, "forward to no-port")
}

func TestKeepaliveAnswered(t *testing.T) {
	s := sshtest.Start(t, sshtest.Options{Password: secretPassword})
	cfg := config(t, s)
	cfg.Password = secretPassword
	cfg.Keepalive = 5 * time.Millisecond
	tun := open(t, cfg)
	waitFor(t, "keepalives", func() bool { return s.Keepalives() >= 5 })
	dialEcho(t, tun, echoServer(t))
	if n := s.Logins(); n != 1 {
		t.Errorf("%d SSH logins, want 1: answered keepalives must keep the connection", n)
	}
}

func TestKeepaliveUnanswered(t *testing.T) {
	s := sshtest.Start(t, sshtest.Options{Password: secretPassword})
	echo := echoServer(t)
	cfg := config(t, s)
	cfg.Password = secretPassword
	cfg.Keepalive = 20 * time.Millisecond
	tun := open(t, cfg)
	old := dialEcho(t, tun, echo)
	s.DropKeepalives(true) // the server hangs

	// The tunnel notices and closes the connection itself.
	waitFor(t, "the tunnel to drop the silent connection", func() bool { return s.Ended() == 1 })
	if _, err := old.Read(make([]byte, 1)); err == nil {
		t.Error("a connection through the dead SSH connection still reads")
	}

	// Dial reconnects.
	s.DropKeepalives(false)
	dialEcho(t, tun, echo)
	if n := s.Logins(); n != 2 {
		t.Errorf("%d SSH logins, want 2 (one reconnect)", n)
	}

	// And when reconnecting fails, the error says why the connection was
	// lost and why reconnecting failed.
	s.DropKeepalives(true)
	waitFor(t, "the tunnel to drop the silent connection", func() bool { return s.Ended() == 2 })
	s.Stop()
	_, err := tun.Dial(context.Background(), "tcp", echo)
	if err == nil {
		t.Fatal("Dial succeeded with the SSH server down")
	}
	checkErr(t, err, ErrConnectionLost, "ssh "+s.Addr()+": SSH connection lost (no keepalive reply within 20ms)",
		"reconnecting failed: cannot reach the SSH server")
	if !errors.Is(err, ErrUnreachable) {
		t.Errorf("error %q does not match ErrUnreachable", err)
	}
}

func TestReconnect(t *testing.T) {
	s := sshtest.Start(t, sshtest.Options{Password: secretPassword})
	echo := echoServer(t)
	cfg := config(t, s)
	cfg.Password = secretPassword
	cfg.Keepalive = -1 // the restart alone must be noticed
	tun := open(t, cfg)
	old := dialEcho(t, tun, echo)

	s.Stop()
	s.Restart()
	dialEcho(t, tun, echo)
	if n := s.Logins(); n != 2 {
		t.Errorf("%d SSH logins, want 2", n)
	}
	if _, err := old.Read(make([]byte, 1)); err == nil {
		t.Error("a connection of the old SSH connection still reads")
	}

	// Many concurrent dials after a restart share one reconnect.
	s.Stop()
	s.Restart()
	var wg sync.WaitGroup
	errs := make(chan error, 20)
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c, err := tun.Dial(context.Background(), "tcp", echo)
			if err != nil {
				errs <- err
				return
			}
			c.Close()
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("concurrent Dial after restart: %v", err)
	}
	if n := s.Logins(); n != 3 {
		t.Errorf("%d SSH logins, want 3 (one reconnect for all dials)", n)
	}

	// Server down for good: a clear error.
	s.Stop()
	_, err := tun.Dial(context.Background(), "tcp", echo)
	if err == nil {
		t.Fatal("Dial succeeded with the SSH server down")
	}
	checkErr(t, err, ErrConnectionLost, "ssh "+s.Addr()+": SSH connection lost", "reconnecting failed: cannot reach the SSH server")
}

func TestClose(t *testing.T) {
	s := sshtest.Start(t, sshtest.Options{Password: secretPassword})
	echo := echoServer(t)
	cfg := config(t, s)
	cfg.Password = secretPassword
	tun := open(t, cfg)
	c := dialEcho(t, tun, echo)
	if err := tun.Close(); err != nil {
		t.Fatal(err)
	}
	if err := tun.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
	if _, err := c.Read(make([]byte, 1)); err == nil {
		t.Error("a connection still reads after Close")
	}
	_, err := tun.Dial(context.Background(), "tcp", echo)
	if !errors.Is(err, net.ErrClosed) {
		t.Errorf("Dial after Close: %v, want net.ErrClosed", err)
	}
	waitFor(t, "the server to see the connection end", func() bool { return s.Ended() == 1 })
}

func TestConnDeadlines(t *testing.T) {
	s := sshtest.Start(t, sshtest.Options{Password: secretPassword})
	cfg := config(t, s)
	cfg.Password = secretPassword
	tun := open(t, cfg)
	c, err := tun.Dial(context.Background(), "tcp", silentServer(t))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.SetReadDeadline(time.Now().Add(20 * time.Millisecond)); err != nil {
		t.Fatalf("SetReadDeadline: %v", err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := c.Read(make([]byte, 1))
		done <- err
	}()
	select {
	case err := <-done:
		var ne net.Error
		if !errors.As(err, &ne) || !ne.Timeout() {
			t.Errorf("Read past the deadline: %v, want a timeout", err)
		}
	case <-time.After(20 * time.Second): // liveness backstop
		t.Fatal("Read ignores its deadline")
	}
}

func TestConfigErrors(t *testing.T) {
	openErr(t, Config{User: "u", Password: "x"}, nil, "ssh: no SSH host")
	openErr(t, Config{Host: "h", User: "u"}, ErrAuth, "no authentication method")
	openErr(t, Config{Host: "h", Port: 70000, User: "u", Password: "x"}, nil, "invalid SSH port")
}

func TestNoSecretInOutput(t *testing.T) {
	cfg := Config{Host: "bastion.example", User: "me", Password: secretPassword,
		KeyPEM: []byte("-----BEGIN KEY-----"), Passphrase: secretPassphrase}
	for _, s := range []string{fmt.Sprint(cfg), fmt.Sprintf("%+v", cfg), fmt.Sprintf("%#v", cfg), cfg.String()} {
		noSecret(t, s)
		if strings.Contains(s, "BEGIN KEY") {
			t.Errorf("key material printed: %q", s)
		}
	}
	// A secret that ends up in a message anyway is redacted.
	tun := &Tunnel{cfg: cfg, addr: "bastion.example:22"}
	err := tun.wrap(fmt.Errorf("echo %s and %s", secretPassword, secretPassphrase))
	noSecret(t, err.Error())
}
