package postgres

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/drivertest"
)

// TestMain stops the TLS test servers (drivertest.TLSPostgres) once every
// test of the package has run.
func TestMain(m *testing.M) {
	code := m.Run()
	if err := drivertest.StopTLSServers(); err != nil {
		fmt.Fprintln(os.Stderr, "stop TLS test servers:", err)
	}
	os.Exit(code)
}

// TestTLS connects through drivers.OpenParams with Params.TLS to a real
// PostgreSQL server with ssl=on, whose pg_hba.conf refuses plaintext and
// requires a client certificate from certuser.
func TestTLS(t *testing.T) {
	good := drivertest.TLSPostgres(t)
	f := good.Files
	expired := func(t *testing.T) *drivertest.TLSServer { return drivertest.TLSPostgresExpired(t) }

	cases := []struct {
		name   string
		server func(*testing.T) *drivertest.TLSServer // nil: good
		user   string                                 // default postgres
		tls    drivers.TLSOptions
		// wantErr lists substrings the error must contain (case
		// insensitive); empty means the connection must work.
		wantErr []string
	}{
		{name: "verify-full with the CA", tls: drivers.TLSOptions{Mode: drivers.TLSVerifyFull, CAFile: f.CA}},
		{name: "verify-full with server name localhost", tls: drivers.TLSOptions{Mode: drivers.TLSVerifyFull, CAFile: f.CA, ServerName: "localhost"}},
		{name: "require without a CA", tls: drivers.TLSOptions{Mode: drivers.TLSRequire}},
		{name: "verify-ca ignores the host name", tls: drivers.TLSOptions{Mode: drivers.TLSVerifyCA, CAFile: f.CA, ServerName: "wrong.example"}},
		{name: "verify-full wrong host name", tls: drivers.TLSOptions{Mode: drivers.TLSVerifyFull, CAFile: f.CA, ServerName: "wrong.example"},
			wantErr: []string{"does not match", "host name", "wrong.example"}},
		{name: "verify-full wrong CA", tls: drivers.TLSOptions{Mode: drivers.TLSVerifyFull, CAFile: f.OtherCA},
			wantErr: []string{"not trusted", "unknown authority"}},
		{name: "verify-ca wrong CA", tls: drivers.TLSOptions{Mode: drivers.TLSVerifyCA, CAFile: f.OtherCA},
			wantErr: []string{"not trusted", "unknown authority"}},
		{name: "default mode is verify-full with system roots", tls: drivers.TLSOptions{},
			wantErr: []string{"not trusted", "unknown authority"}},
		{name: "verify-full expired certificate", server: expired, tls: drivers.TLSOptions{Mode: drivers.TLSVerifyFull, CAFile: f.CA},
			wantErr: []string{"expired"}},
		{name: "verify-ca expired certificate", server: expired, tls: drivers.TLSOptions{Mode: drivers.TLSVerifyCA, CAFile: f.CA},
			wantErr: []string{"expired"}},
		{name: "require accepts an expired certificate", server: expired, tls: drivers.TLSOptions{Mode: drivers.TLSRequire}},
		{name: "disable refused by the server", tls: drivers.TLSOptions{Mode: drivers.TLSDisable},
			wantErr: []string{"no encryption", "pg_hba.conf"}},
		{name: "client certificate", user: drivertest.TLSCertUser,
			tls: drivers.TLSOptions{Mode: drivers.TLSVerifyFull, CAFile: f.CA, CertFile: f.ClientCert, KeyFile: f.ClientKey}},
		{name: "client certificate missing", user: drivertest.TLSCertUser, tls: drivers.TLSOptions{Mode: drivers.TLSVerifyFull, CAFile: f.CA},
			wantErr: []string{"certificate", drivertest.TLSCertUser}},
		{name: "client certificate for another user", user: "postgres",
			tls: drivers.TLSOptions{Mode: drivers.TLSVerifyFull, CAFile: f.CA, CertFile: f.ClientCert, KeyFile: f.ClientKey}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv := good
			if tc.server != nil {
				srv = tc.server(t)
			}
			user := tc.user
			if user == "" {
				user = "postgres"
			}
			opts := tc.tls
			p := drivers.Params{
				Driver: "postgres", Host: srv.Host, Port: srv.Port, Database: "postgres",
				User: user, Password: drivertest.TLSPassword, TLS: &opts,
				// sslmode in the URL must not matter once TLS is set.
				Options: map[string]string{"sslmode": "disable", "connect_timeout": "10"},
			}
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			c, err := drivers.OpenParams(ctx, p)
			if len(tc.wantErr) > 0 {
				if err == nil {
					c.Close()
					t.Fatalf("connected; want an error mentioning %q", tc.wantErr)
				}
				checkTLSError(t, err, srv.Addr(), tc.wantErr)
				return
			}
			if err != nil {
				t.Fatalf("open: %v", err)
			}
			defer c.Close()
			res, err := c.(drivers.Querier).Query(ctx, drivers.Request{SQL: `SELECT ssl, version, current_user::text FROM pg_stat_ssl WHERE pid = pg_backend_pid()`})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Rows) != 1 || res.Rows[0][0] != true {
				t.Fatalf("session not encrypted: %v", res.Rows)
			}
			if got := res.Rows[0][2]; got != user {
				t.Errorf("current_user = %v, want %s", got, user)
			}
			t.Logf("encrypted with %v as %v", res.Rows[0][1], res.Rows[0][2])
		})
	}
}

// checkTLSError checks that a refused connection names the server, says
// why in the words a user looks for, and never shows the password.
func checkTLSError(t *testing.T, err error, addr string, want []string) {
	t.Helper()
	msg := err.Error()
	t.Logf("refused: %s", msg)
	if strings.Contains(msg, drivertest.TLSPassword) {
		t.Errorf("error shows the password: %s", msg)
	}
	if !strings.Contains(msg, addr) {
		t.Errorf("error does not name the server %s: %s", addr, msg)
	}
	for _, w := range want {
		if !strings.Contains(strings.ToLower(msg), strings.ToLower(w)) {
			t.Errorf("error does not say %q: %s", w, msg)
		}
	}
}
