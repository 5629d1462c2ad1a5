package server_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/drivertest"
	"github.com/dbls/dbls/drivers/schema"
)

// slowCancel is the PostgreSQL driver with a catalog read that, once
// started, returns only when the test opens its gate: a server that is
// slow to honour a cancelled read (PostgreSQL answering a cancel request
// under load). The read itself goes to the real server afterwards.
type slowCancel struct {
	drivers.Driver
	id        string
	entered   chan struct{} // closed when a read is waiting at the gate
	gate      chan struct{} // closed by the test
	closed    chan struct{} // closed when the connection is closed
	once      sync.Once
	closeOnce sync.Once
}

func (d *slowCancel) Manifest() drivers.Manifest {
	m := d.Driver.Manifest()
	m.ID, m.Aliases, m.Name = d.id, nil, "PostgreSQL, slow to cancel (test)"
	return m
}

func (d *slowCancel) Open(ctx context.Context, p drivers.Params) (drivers.Conn, error) {
	c, err := d.Driver.Open(ctx, p)
	if err != nil {
		return nil, err
	}
	return &slowCancelConn{Conn: c, d: d}, nil
}

type slowCancelConn struct {
	drivers.Conn
	d *slowCancel
}

func (c *slowCancelConn) Snapshot(ctx context.Context, f drivers.Filter) (*schema.Snapshot, error) {
	c.d.once.Do(func() { close(c.d.entered) })
	<-c.d.gate
	return c.Conn.Snapshot(ctx, f)
}

func (c *slowCancelConn) Close() error {
	defer c.d.closeOnce.Do(func() { close(c.d.closed) })
	return c.Conn.Close()
}

// TestExitDoesNotWaitForAbandonedRead: exit ends the session while a
// snapshot read is in flight and its driver has not yet given up on the
// cancelled read. Serve used to wait for the read (seconds against a busy
// server: "server did not exit"); now it returns, and the abandoned read
// still closes its connection when its driver returns.
func TestExitDoesNotWaitForAbandonedRead(t *testing.T) {
	pg, ok := drivers.Lookup("postgres")
	if !ok {
		t.Fatal("no postgres driver")
	}
	d := &slowCancel{Driver: pg, id: "pgslowcancel", entered: make(chan struct{}), gate: make(chan struct{}), closed: make(chan struct{})}
	drivers.Register(d)
	t.Cleanup(func() { drivers.Unregister(d.id) })
	release := sync.OnceFunc(func() { close(d.gate) })
	t.Cleanup(release)
	url := strings.Replace(drivertest.PostgresURL(t), "postgres://", d.id+"://", 1)

	c := start(t, setup{initOptions: map[string]any{"connections": map[string]any{"slow": map[string]any{"url": url}}}})
	c.open(c.uri("a.sql"), "-- dbls: connection=slow\nSELECT 1")
	select {
	case <-d.entered:
	case <-time.After(60 * time.Second):
		t.Fatal("the snapshot read never started")
	}
	c.call("shutdown", nil, nil)
	c.notify("exit", nil)
	select {
	case <-c.done:
	case <-time.After(60 * time.Second):
		release() // let the session end, so that the failure is reported once
		t.Fatal("Serve did not return after exit while a snapshot read was in flight")
	}
	if c.serveErr != nil {
		t.Errorf("Serve: %v", c.serveErr)
	}
	select {
	case <-d.closed:
		t.Fatal("the read was closed before its driver returned")
	default:
	}
	release()
	select {
	case <-d.closed:
	case <-time.After(60 * time.Second):
		t.Fatal("the abandoned read never closed its connection")
	}
}
