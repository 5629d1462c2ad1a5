package mysql

import (
	"testing"
	"time"

	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/drivertest"
)

// TestFaults runs the kit's server fault checks on private MariaDB servers
// that it stops and restarts under an open dbls connection. The idle time
// is a constant (connMaxIdle, five minutes), so ShortenIdle sets it on the
// pool itself: what the check shows is that database/sql's idle closing
// reaches the server.
func TestFaults(t *testing.T) {
	drivertest.RunFaults(t, drivertest.FaultConfig{
		Server:      drivertest.PrivateMariaDB,
		ShortenIdle: func(c drivers.Conn) { c.(*Conn).db.SetConnMaxIdleTime(time.Second) },
		Sleep:       "SELECT SLEEP(%s)",
		// Sessions using the test's database (the administrative one uses none).
		Sessions: "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE DB = ?",
		Pool: func(c drivers.Conn) drivertest.PoolStats {
			st := c.(*Conn).db.Stats()
			return drivertest.PoolStats{Idle: st.Idle, MaxOpen: st.MaxOpenConnections}
		},
		MaxOpen:     maxOpen,
		MaxIdle:     maxIdle,
		CallTimeout: 2 * time.Minute,
		HangTimeout: 30 * time.Second,
	})
}
