package mysql

import (
	"context"
	"testing"
	"time"

	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/drivertest"
)

// open creates a fresh database on the test server and opens it through
// the registry, as the CLI would.
func open(t testing.TB) (*Conn, drivers.Params) {
	t.Helper()
	url := drivertest.MySQLURL(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	c, p, err := drivers.Open(ctx, url)
	if err != nil {
		t.Fatalf("open %s: %v", url, err)
	}
	t.Cleanup(func() { c.Close() })
	return c.(*Conn), p
}

// exec runs a script (several statements) and fails the test on error.
func exec(t testing.TB, c *Conn, script string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	if _, err := c.Exec(ctx, script); err != nil {
		t.Fatalf("exec: %v\n%s", err, script)
	}
}

func ctxT(t testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	t.Cleanup(cancel)
	return ctx
}
