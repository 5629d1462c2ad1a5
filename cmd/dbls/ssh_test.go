package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/drivertest"
	"github.com/dbls/dbls/drivers/sshtunnel/sshtest"
)

// TestSSHConnection runs the CLI against PostgreSQL reached only through an
// in-process SSH bastion, configured in a project file.
func TestSSHConnection(t *testing.T) {
	const sentinel = "ssh-pw-SENTINEL-e5a9"
	pgURL := drivertest.PostgresURL(t)
	p, err := drivers.ParseURL(pgURL)
	if err != nil {
		t.Fatal(err)
	}
	s := sshtest.Start(t, sshtest.Options{Password: sentinel})
	t.Setenv("DBLS_TEST_SSH_PW", sentinel)
	cfgFile := filepath.Join(t.TempDir(), ".dbls.toml")
	toml := fmt.Sprintf(`[connections.behind]
url = %q

[connections.behind.ssh]
host = %q
port = %d
user = "ops"
password_env = "DBLS_TEST_SSH_PW"
known_hosts = %q
timeout = "20s"
`, pgURL, s.Host(), s.Port(), s.KnownHosts(t))
	if err := os.WriteFile(cfgFile, []byte(toml), 0o600); err != nil {
		t.Fatal(err)
	}

	out, errs, code := dbls(t, "--config", cfgFile, "conn", "test", "behind")
	t.Logf("conn test:\n%s%s", out, errs)
	if code != 0 {
		t.Fatalf("conn test: exit %d\n%s%s", code, out, errs)
	}
	for _, want := range []*regexp.Regexp{
		regexp.MustCompile(`(?m)^ok\s+ssh\s+ops@127\.0\.0\.1\s`),
		regexp.MustCompile(`(?m)^ok\s+tcp\s+` + regexp.QuoteMeta(p.Address()) + ` reachable`),
		regexp.MustCompile(`(?m)^ok\s+server\s+\S`),
	} {
		if !want.MatchString(out) {
			t.Errorf("conn test output lacks %v:\n%s", want, out)
		}
	}
	if strings.Contains(out, "FAIL") {
		t.Errorf("conn test has a failed hop:\n%s", out)
	}
	if n := s.Logins(); n != 1 {
		t.Errorf("%d SSH logins for conn test, want 1", n)
	}
	forwarded := s.Forwards(p.Address())
	if forwarded < 2 { // the tcp probe and the driver
		t.Errorf("the SSH server forwarded %d connections to %s, want the probe and the driver's", forwarded, p.Address())
	}
	s.WaitEnded(t, 1) // the command closed its tunnel

	out, errs, code = dbls(t, "--config", cfgFile, "query", "behind", "SELECT 1 AS one", "--format", "csv")
	if code != 0 || out != "one\n1\n" {
		t.Fatalf("query through the bastion: exit %d, out %q, err %q", code, out, errs)
	}
	if n := s.Forwards(p.Address()); n <= forwarded {
		t.Errorf("the query did not go through the SSH server (%d forwards before, %d after)", forwarded, n)
	}
	s.WaitEnded(t, 2)

	// A wrong password fails at the ssh hop, without showing the password.
	t.Setenv("DBLS_TEST_SSH_PW", "wrong-"+sentinel)
	out, errs, code = dbls(t, "--config", cfgFile, "conn", "test", "behind")
	if code != 1 || !regexp.MustCompile(`(?m)^FAIL\s+ssh\s+.*authentication failed`).MatchString(out) ||
		!strings.Contains(errs, "connection test failed at ssh") {
		t.Errorf("conn test with a wrong SSH password: exit %d\n%s%s", code, out, errs)
	}
	if strings.Contains(out+errs, sentinel) {
		t.Errorf("the SSH password was printed:\n%s%s", out, errs)
	}
}
