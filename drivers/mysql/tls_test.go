package mysql

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

// TestMain stops the TLS test servers (drivertest.TLSMariaDB) once every
// test of the package has run.
func TestMain(m *testing.M) {
	code := m.Run()
	if err := drivertest.StopTLSServers(); err != nil {
		fmt.Fprintln(os.Stderr, "stop TLS test servers:", err)
	}
	os.Exit(code)
}

// TestTLS connects through drivers.OpenParams with Params.TLS to a real
// MariaDB server with TLS on, where tlsuser must use TLS (REQUIRE SSL) and
// certuser must present the client certificate (REQUIRE SUBJECT … ISSUER).
func TestTLS(t *testing.T) {
	good := drivertest.TLSMariaDB(t)
	f := good.Files
	expired := func(t *testing.T) *drivertest.TLSServer { return drivertest.TLSMariaDBExpired(t) }
	const (
		root = "root" // no password
		pw   = drivertest.TLSPasswordUser
		cert = drivertest.TLSCertUser
	)

	cases := []struct {
		name   string
		server func(*testing.T) *drivertest.TLSServer // nil: good
		user   string
		tls    drivers.TLSOptions
		// wantErr lists substrings the error must contain (case
		// insensitive); empty means the connection must work.
		wantErr []string
	}{
		{name: "verify-full with the CA", user: pw, tls: drivers.TLSOptions{Mode: drivers.TLSVerifyFull, CAFile: f.CA}},
		{name: "verify-full with server name localhost", user: root, tls: drivers.TLSOptions{Mode: drivers.TLSVerifyFull, CAFile: f.CA, ServerName: "localhost"}},
		{name: "require without a CA", user: pw, tls: drivers.TLSOptions{Mode: drivers.TLSRequire}},
		{name: "verify-ca ignores the host name", user: pw, tls: drivers.TLSOptions{Mode: drivers.TLSVerifyCA, CAFile: f.CA, ServerName: "wrong.example"}},
		{name: "verify-full wrong host name", user: pw, tls: drivers.TLSOptions{Mode: drivers.TLSVerifyFull, CAFile: f.CA, ServerName: "wrong.example"},
			wantErr: []string{"does not match", "host name", "wrong.example"}},
		{name: "verify-full wrong CA", user: pw, tls: drivers.TLSOptions{Mode: drivers.TLSVerifyFull, CAFile: f.OtherCA},
			wantErr: []string{"not trusted", "unknown authority"}},
		{name: "verify-ca wrong CA", user: pw, tls: drivers.TLSOptions{Mode: drivers.TLSVerifyCA, CAFile: f.OtherCA},
			wantErr: []string{"not trusted", "unknown authority"}},
		{name: "default mode is verify-full with system roots", user: pw, tls: drivers.TLSOptions{},
			wantErr: []string{"not trusted", "unknown authority"}},
		{name: "verify-full expired certificate", server: expired, user: pw, tls: drivers.TLSOptions{Mode: drivers.TLSVerifyFull, CAFile: f.CA},
			wantErr: []string{"expired"}},
		{name: "verify-ca expired certificate", server: expired, user: pw, tls: drivers.TLSOptions{Mode: drivers.TLSVerifyCA, CAFile: f.CA},
			wantErr: []string{"expired"}},
		{name: "require accepts an expired certificate", server: expired, user: pw, tls: drivers.TLSOptions{Mode: drivers.TLSRequire}},
		{name: "disable refused for a REQUIRE SSL user", user: pw, tls: drivers.TLSOptions{Mode: drivers.TLSDisable},
			wantErr: []string{"authentication failed", pw}},
		{name: "disable allowed for root", user: root, tls: drivers.TLSOptions{Mode: drivers.TLSDisable}},
		{name: "client certificate", user: cert,
			tls: drivers.TLSOptions{Mode: drivers.TLSVerifyFull, CAFile: f.CA, CertFile: f.ClientCert, KeyFile: f.ClientKey}},
		{name: "client certificate missing", user: cert, tls: drivers.TLSOptions{Mode: drivers.TLSVerifyFull, CAFile: f.CA},
			wantErr: []string{"authentication failed", cert}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv := good
			if tc.server != nil {
				srv = tc.server(t)
			}
			opts := tc.tls
			p := drivers.Params{
				Driver: "mysql", Host: srv.Host, Port: srv.Port, User: tc.user, TLS: &opts,
				// tls in the URL must not matter once Params.TLS is set.
				Options: map[string]string{"tls": "false", "timeout": "10s"},
			}
			if tc.user == pw {
				p.Password = drivertest.TLSPassword
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
			q := c.(drivers.Querier)
			res, err := q.Query(ctx, drivers.Request{SQL: `SHOW SESSION STATUS LIKE 'Ssl_cipher'`})
			if err != nil {
				t.Fatal(err)
			}
			cipher := ""
			if len(res.Rows) == 1 {
				cipher = fmt.Sprint(res.Rows[0][1])
			}
			encrypted := cipher != ""
			if want := opts.Mode != drivers.TLSDisable; encrypted != want {
				t.Fatalf("Ssl_cipher = %q (%v); want encrypted = %v", cipher, res.Rows, want)
			}
			res, err = q.Query(ctx, drivers.Request{SQL: `SELECT CURRENT_USER()`})
			if err != nil {
				t.Fatal(err)
			}
			if got := fmt.Sprint(res.Rows[0][0]); !strings.HasPrefix(got, tc.user+"@") {
				t.Errorf("CURRENT_USER() = %s, want %s@…", got, tc.user)
			}
			t.Logf("cipher %q as %v", cipher, res.Rows[0][0])
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
