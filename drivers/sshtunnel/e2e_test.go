package sshtunnel

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/drivertest"
	_ "github.com/dbls/dbls/drivers/mysql"
	_ "github.com/dbls/dbls/drivers/postgres"
	"github.com/dbls/dbls/drivers/sshtunnel/sshtest"
)

// TestEndToEnd reaches the real test databases only through the in-process
// SSH server: the drivers dial through Tunnel.Dial, and the server counts
// what it forwarded.
func TestEndToEnd(t *testing.T) {
	for _, tc := range []struct {
		name   string
		url    func(testing.TB) string
		create string
		sleep  string // a statement that runs long, to cancel
	}{
		{name: "postgres", url: drivertest.PostgresURL,
			create: "CREATE TABLE tunnelled (id integer PRIMARY KEY, name varchar(20) NOT NULL)",
			sleep:  "SELECT pg_sleep(60)"},
		{name: "mysql", url: drivertest.MySQLURL,
			create: "CREATE TABLE tunnelled (id int PRIMARY KEY, name varchar(20) NOT NULL)",
			sleep:  "SELECT SLEEP(60)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := drivers.ParseURL(tc.url(t))
			if err != nil {
				t.Fatal(err)
			}
			target := p.Address()

			s := sshtest.Start(t, sshtest.Options{Password: secretPassword})
			cfg := config(t, s)
			cfg.Password = secretPassword
			tun := open(t, cfg)
			p.Dial = tun.Dial

			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			conn, err := drivers.OpenParams(ctx, p)
			if err != nil {
				t.Fatalf("open %s through the tunnel: %v", p, err)
			}
			defer conn.Close()
			if err := conn.Ping(ctx); err != nil {
				t.Fatalf("Ping: %v", err)
			}
			q, ok := conn.(drivers.Querier)
			if !ok {
				t.Fatalf("%T is not a Querier", conn)
			}
			for _, sql := range []string{tc.create, "INSERT INTO tunnelled (id, name) VALUES (1, 'via ssh')"} {
				if _, err := q.Query(ctx, drivers.Request{SQL: sql}); err != nil {
					t.Fatalf("%s: %v", sql, err)
				}
			}
			res, err := q.Query(ctx, drivers.Request{SQL: "SELECT name FROM tunnelled WHERE id = 1"})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Rows) != 1 || fmt.Sprint(res.Rows[0][0]) != "via ssh" {
				t.Fatalf("query through the tunnel returned %v", res.Rows)
			}
			snap, err := conn.Snapshot(ctx, drivers.Filter{})
			if err != nil {
				t.Fatalf("Snapshot: %v", err)
			}
			found := false
			for i := range snap.Schemas {
				if tb := snap.Schemas[i].Table("tunnelled"); tb != nil && tb.Column("name") != nil {
					found = true
				}
			}
			if !found {
				t.Fatalf("snapshot through the tunnel lacks table tunnelled: %+v", snap.Schemas)
			}

			// Cancelling a long statement works through the tunnel: the
			// driver's cancel connection goes through it too.
			before := s.Forwards(target)
			qctx, qcancel := context.WithTimeout(ctx, 300*time.Millisecond)
			start := time.Now()
			_, err = q.Query(qctx, drivers.Request{SQL: tc.sleep})
			qcancel()
			if err == nil {
				t.Fatalf("%s returned no error after its context ended", tc.sleep)
			}
			if d := time.Since(start); d > 30*time.Second { // liveness backstop
				t.Fatalf("cancelling %s took %v", tc.sleep, d)
			}
			if after := s.Forwards(target); after <= before {
				t.Errorf("the cancel did not go through the SSH server (%d forwards before, %d after)", before, after)
			}
			if err := conn.Ping(ctx); err != nil {
				t.Fatalf("Ping after cancel: %v", err)
			}

			if n := s.Forwards(target); n < 1 {
				t.Fatalf("SSH server forwarded %d connections to %s", n, target)
			}
			t.Logf("%s: %d connections to %s went through the SSH server", tc.name, s.Forwards(target), target)
		})
	}
}

// TestEndToEndReconnect restarts the SSH server under an open database
// connection pool: the next query gets a new connection through a new
// SSH connection.
func TestEndToEndReconnect(t *testing.T) {
	p, err := drivers.ParseURL(drivertest.PostgresURL(t))
	if err != nil {
		t.Fatal(err)
	}
	s := sshtest.Start(t, sshtest.Options{Password: secretPassword})
	cfg := config(t, s)
	cfg.Password = secretPassword
	tun := open(t, cfg)
	p.Dial = tun.Dial
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	conn, err := drivers.OpenParams(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if err := conn.Ping(ctx); err != nil {
		t.Fatal(err)
	}
	s.Stop()
	s.Restart()
	// The pooled connection died with the SSH connection; a driver may
	// report that once, then dials again.
	var last error
	for range 3 {
		if last = conn.Ping(ctx); last == nil {
			break
		}
	}
	if last != nil {
		t.Fatalf("Ping after the SSH server restarted: %v", last)
	}
	if n := s.Logins(); n != 2 {
		t.Errorf("%d SSH logins, want 2", n)
	}
}
