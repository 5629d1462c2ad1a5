package connect

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/knownhosts"

	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/connect/config"
	"github.com/dbls/dbls/drivers/drivertest"
	"github.com/dbls/dbls/drivers/sshtunnel"
	"github.com/dbls/dbls/drivers/sshtunnel/sshtest"
)

// Sentinel secrets: no error may contain them.
const (
	sshSentinelPassword   = "ssh-pw-SENTINEL-41d7"
	sshSentinelPassphrase = "ssh-pp-SENTINEL-c03e"
)

// unreachableDB is a database URL that is never dialed: the tests that use
// it fail at the SSH hop, before any database connection.
const unreachableDB = "postgres://app@127.0.0.1:1/app?sslmode=disable"

// sshConnection is a [connections.NAME] table reaching url through the
// bastion s as user "dbls"; extra holds more keys of the ssh table.
func sshConnection(name, url string, s *sshtest.Server, extra ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "[connections.%s]\nurl = %q\n", name, url)
	fmt.Fprintf(&b, "[connections.%s.ssh]\nhost = %q\nport = %d\nuser = \"dbls\"\ntimeout = \"20s\"\n", name, s.Host(), s.Port())
	for _, e := range extra {
		b.WriteString(e + "\n")
	}
	return b.String()
}

// sshResolver is a Resolver over the given TOML, closed when the test ends;
// its warnings are collected in *warnings.
func sshResolver(t *testing.T, toml string) (r *Resolver, warnings *[]string) {
	t.Helper()
	cfg, _, err := config.ParseTOML([]byte(toml), "ssh_test.toml")
	if err != nil {
		t.Fatalf("config: %v\n%s", err, toml)
	}
	warnings = new([]string)
	r = &Resolver{Config: cfg, Warn: func(msg string) { *warnings = append(*warnings, msg) }}
	t.Cleanup(func() { r.Close() })
	return r, warnings
}

func address(t *testing.T, url string) string {
	t.Helper()
	p, err := drivers.ParseURL(url)
	if err != nil {
		t.Fatal(err)
	}
	return p.Address()
}

// openAndQuery opens name through r and runs SELECT 1 on it.
func openAndQuery(t *testing.T, ctx context.Context, r *Resolver, name string) drivers.Conn {
	t.Helper()
	conn, _, err := r.Open(ctx, name)
	if err != nil {
		t.Fatalf("open %s: %v", name, err)
	}
	t.Cleanup(func() { conn.Close() })
	q, ok := conn.(drivers.Querier)
	if !ok {
		t.Fatalf("%T is not a Querier", conn)
	}
	res, err := q.Query(ctx, drivers.Request{SQL: "SELECT 1"})
	if err != nil {
		t.Fatalf("query %s: %v", name, err)
	}
	if len(res.Rows) != 1 || fmt.Sprint(res.Rows[0][0]) != "1" {
		t.Fatalf("SELECT 1 on %s returned %v", name, res.Rows)
	}
	return conn
}

// checkSSHErr checks that err matches kind, contains every want and no
// sentinel secret.
func checkSSHErr(t *testing.T, err error, kind error, want ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want one matching %v", kind)
	}
	t.Logf("error: %v", err)
	if !errors.Is(err, kind) {
		t.Errorf("error %q does not match %q", err, kind)
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error %q does not contain %q", err, w)
		}
	}
	for _, secret := range []string{sshSentinelPassword, sshSentinelPassphrase} {
		if strings.Contains(err.Error(), secret) {
			t.Errorf("secret %q leaked into %q", secret, err)
		}
	}
}

// TestSSHTunnelShared reaches PostgreSQL and MySQL through one bastion,
// configured as the user writes it: both connections ride one SSH login,
// and Resolver.Close ends it.
func TestSSHTunnelShared(t *testing.T) {
	pgURL, myURL := drivertest.PostgresURL(t), drivertest.MySQLURL(t)
	s := sshtest.Start(t, sshtest.Options{Password: sshSentinelPassword})
	t.Setenv("DBLS_TEST_SSH_PW", sshSentinelPassword)
	kh := s.KnownHosts(t)
	auth := []string{`password_env = "DBLS_TEST_SSH_PW"`, fmt.Sprintf("known_hosts = %q", kh)}
	r, warnings := sshResolver(t, sshConnection("pg", pgURL, s, auth...)+sshConnection("my", myURL, s, auth...))
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()

	pg := openAndQuery(t, ctx, r, "pg")
	my := openAndQuery(t, ctx, r, "my")
	pgAddr, myAddr := address(t, pgURL), address(t, myURL)
	if n := s.Forwards(pgAddr); n < 1 {
		t.Errorf("the SSH server forwarded %d connections to PostgreSQL at %s", n, pgAddr)
	}
	if n := s.Forwards(myAddr); n < 1 {
		t.Errorf("the SSH server forwarded %d connections to MySQL at %s", n, myAddr)
	}
	if n := s.Logins(); n != 1 {
		t.Errorf("%d SSH logins for two connections behind one bastion, want 1 (a shared tunnel)", n)
	}

	// conn test reports the hop and reuses the tunnel too.
	hops := r.Test(ctx, "pg")
	steps := map[string]Hop{}
	for _, h := range hops {
		steps[h.Step] = h
	}
	if h, ok := steps["ssh"]; !ok || !h.OK || h.Detail != "dbls@127.0.0.1" {
		t.Errorf("ssh hop %+v (in %+v), want ok dbls@127.0.0.1", h, hops)
	}
	if h, ok := steps["server"]; !ok || !h.OK {
		t.Errorf("server hop %+v (in %+v), want ok", h, hops)
	}
	if n := s.Logins(); n != 1 {
		t.Errorf("%d SSH logins after conn test, want 1", n)
	}
	if len(*warnings) != 0 {
		t.Errorf("unexpected warnings %q", *warnings)
	}

	pg.Close()
	my.Close()
	if n := s.Ended(); n != 0 {
		t.Fatalf("%d SSH connections ended before Resolver.Close, want 0", n)
	}
	if err := r.Close(); err != nil {
		t.Fatalf("Resolver.Close: %v", err)
	}
	s.WaitEnded(t, 1)
}

// TestSSHKeyFile authenticates with an encrypted private key whose
// passphrase comes from the environment.
func TestSSHKeyFile(t *testing.T) {
	key := sshtest.NewKey(t)
	file := key.WriteFile(t, sshSentinelPassphrase)
	s := sshtest.Start(t, sshtest.Options{AuthorizedKeys: []ssh.PublicKey{key.Public}})
	auth := []string{fmt.Sprintf("key_file = %q", file), `passphrase_env = "DBLS_TEST_SSH_PP"`,
		fmt.Sprintf("known_hosts = %q", s.KnownHosts(t))}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()

	t.Run("wrong passphrase", func(t *testing.T) {
		t.Setenv("DBLS_TEST_SSH_PP", "wrong-"+sshSentinelPassphrase)
		r, _ := sshResolver(t, sshConnection("pg", unreachableDB, s, auth...))
		_, _, err := r.Open(ctx, "pg")
		checkSSHErr(t, err, sshtunnel.ErrPrivateKey, `connection "pg"`, "wrong passphrase")
	})
	t.Run("passphrase not set", func(t *testing.T) {
		r, _ := sshResolver(t, sshConnection("pg", unreachableDB, s, auth...))
		_, _, err := r.Open(ctx, "pg")
		if err == nil || !strings.Contains(err.Error(), "DBLS_TEST_SSH_PP is not set") {
			t.Fatalf("Open with the passphrase variable unset: %v", err)
		}
	})
	if n := s.Logins(); n != 0 {
		t.Fatalf("%d SSH logins without the key, want 0", n)
	}

	t.Setenv("DBLS_TEST_SSH_PP", sshSentinelPassphrase)
	pgURL := drivertest.PostgresURL(t)
	r, _ := sshResolver(t, sshConnection("pg", pgURL, s, auth...))
	openAndQuery(t, ctx, r, "pg")
	if n := s.Forwards(address(t, pgURL)); n < 1 {
		t.Errorf("the SSH server forwarded %d connections to PostgreSQL", n)
	}
	if n := s.Logins(); n != 1 {
		t.Errorf("%d SSH logins, want 1", n)
	}
}

// TestSSHWrongHostKey: a bastion whose key differs from known_hosts is
// refused before any credential is sent.
func TestSSHWrongHostKey(t *testing.T) {
	s := sshtest.Start(t, sshtest.Options{Password: sshSentinelPassword})
	t.Setenv("DBLS_TEST_SSH_PW", sshSentinelPassword)
	other := sshtest.NewKey(t).Public
	kh := sshtest.WriteKnownHosts(t, knownhosts.Line([]string{s.Addr()}, other))
	r, _ := sshResolver(t, sshConnection("pg", unreachableDB, s,
		`password_env = "DBLS_TEST_SSH_PW"`, fmt.Sprintf("known_hosts = %q", kh)))
	_, _, err := r.Open(context.Background(), "pg")
	checkSSHErr(t, err, sshtunnel.ErrHostKeyMismatch, `connection "pg"`, "ssh "+s.Addr(), "host key mismatch",
		ssh.FingerprintSHA256(other), ssh.FingerprintSHA256(s.HostKey()))
	if n := s.Logins(); n != 0 {
		t.Errorf("%d SSH logins to a server with the wrong host key, want 0", n)
	}
}

// TestSSHWrongPassword: the error says authentication failed and never
// shows the password that was tried.
func TestSSHWrongPassword(t *testing.T) {
	s := sshtest.Start(t, sshtest.Options{Password: "the-right-one"})
	t.Setenv("DBLS_TEST_SSH_PW", sshSentinelPassword)
	r, _ := sshResolver(t, sshConnection("pg", unreachableDB, s,
		`password_env = "DBLS_TEST_SSH_PW"`, fmt.Sprintf("known_hosts = %q", s.KnownHosts(t))))
	_, _, err := r.Open(context.Background(), "pg")
	checkSSHErr(t, err, sshtunnel.ErrAuth, `connection "pg"`, "authentication failed", `user "dbls"`)
	if n := s.Logins(); n != 0 {
		t.Errorf("%d SSH logins with a wrong password, want 0", n)
	}
}

// TestSSHHostKeyPolicyNotShared: a connection that checks the bastion's
// host key never rides a tunnel that another connection opened without
// checking it.
func TestSSHHostKeyPolicyNotShared(t *testing.T) {
	s := sshtest.Start(t, sshtest.Options{Password: sshSentinelPassword})
	t.Setenv("DBLS_TEST_SSH_PW", sshSentinelPassword)
	wrong := sshtest.WriteKnownHosts(t, knownhosts.Line([]string{s.Addr()}, sshtest.NewKey(t).Public))
	r, warnings := sshResolver(t,
		sshConnection("lax", unreachableDB, s, `password_env = "DBLS_TEST_SSH_PW"`, "insecure_ignore_host_key = true")+
			sshConnection("strict", unreachableDB, s, `password_env = "DBLS_TEST_SSH_PW"`, fmt.Sprintf("known_hosts = %q", wrong)))
	ctx := context.Background()
	if _, err := r.Params(ctx, "lax"); err != nil {
		t.Fatalf("lax: %v", err)
	}
	if len(*warnings) != 1 || !strings.Contains((*warnings)[0], "NOT verified") {
		t.Errorf("warnings %q, want one about the unverified host key", *warnings)
	}
	_, err := r.Params(ctx, "strict")
	checkSSHErr(t, err, sshtunnel.ErrHostKeyMismatch, `connection "strict"`, "host key mismatch")
}
