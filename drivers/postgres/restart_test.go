package postgres

import (
	"crypto/tls"
	"net"
	"testing"
	"time"

	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/drivertest"
)

// TestFaults runs the kit's server fault checks on private PostgreSQL
// servers that it stops and restarts under an open dbls connection.
func TestFaults(t *testing.T) {
	drivertest.RunFaults(t, drivertest.FaultConfig{
		Server:      drivertest.PrivatePostgres,
		IdleOptions: "pool_max_conn_idle_time=1s&pool_health_check_period=200ms",
		Sleep:       "SELECT pg_sleep(%s)",
		// Sessions dbls opened (application_name dbls) on the test's database.
		Sessions: "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'dbls' AND datname = $1",
		Pool: func(c drivers.Conn) drivertest.PoolStats {
			return drivertest.PoolStats{Idle: int(c.(*Conn).pool.Stat().IdleConns())}
		},
		MaxOpen: defaultMaxConns,
	})
}

func TestPoolConfigDefaults(t *testing.T) {
	cfg, err := poolConfig(drivers.Params{Host: "h", Database: "d"})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.MaxConns != defaultMaxConns || cfg.MaxConnIdleTime != defaultMaxConnIdle {
		t.Errorf("defaults: MaxConns %d, MaxConnIdleTime %s", cfg.MaxConns, cfg.MaxConnIdleTime)
	}
	if cfg.ShouldPing == nil {
		t.Error("no liveness check on acquire")
	}
	if cfg.HealthCheckPeriod <= 0 {
		t.Errorf("health check off: %s", cfg.HealthCheckPeriod)
	}
	cfg, err = poolConfig(drivers.Params{Host: "h", Database: "d",
		Options: map[string]string{"pool_max_conns": "3", "pool_max_conn_idle_time": "90s"}})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.MaxConns != 3 || cfg.MaxConnIdleTime != 90*time.Second {
		t.Errorf("user options ignored: MaxConns %d, MaxConnIdleTime %s", cfg.MaxConns, cfg.MaxConnIdleTime)
	}
}

// TestSocketPending: the peek behind shouldPing sees unread data and end of
// file without consuming anything, and nothing on a quiet socket.
func TestSocketPending(t *testing.T) {
	client, server := tcpPair(t)

	if pending, known := socketPending(client); pending || !known {
		t.Fatalf("quiet socket: pending %v, known %v", pending, known)
	}
	if _, err := server.Write([]byte("E")); err != nil {
		t.Fatal(err)
	}
	waitPending := func(what string) {
		t.Helper()
		for range 100 {
			if pending, _ := socketPending(client); pending {
				return
			}
			time.Sleep(10 * time.Millisecond)
		}
		t.Fatalf("%s not seen", what)
	}
	waitPending("unread byte")
	buf := make([]byte, 1)
	if _, err := client.Read(buf); err != nil || buf[0] != 'E' {
		t.Fatalf("the peek consumed the byte: %q, %v", buf, err)
	}
	if pending, _ := socketPending(client); pending {
		t.Fatal("pending after the byte was read")
	}
	server.Close()
	waitPending("end of file")

	if _, known := socketPending(tls.Client(client, &tls.Config{})); !known {
		t.Error("the socket under a TLS connection is not inspected")
	}
	if _, known := socketPending(pipeConn{}); known {
		t.Error("a connection without a socket claims to be inspectable")
	}
}

// pipeConn is a net.Conn with no file descriptor, like a tunnel's.
type pipeConn struct{ net.Conn }

// tcpPair is both ends of a loopback TCP connection, closed when t ends.
func tcpPair(t *testing.T) (client, server net.Conn) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	if client, err = net.Dial("tcp", ln.Addr().String()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { client.Close() })
	if server, err = ln.Accept(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { server.Close() })
	return client, server
}
