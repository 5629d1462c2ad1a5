package drivertest

import (
	"context"
	"fmt"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/dbls/dbls/drivers"
)

// The fault checks: what users of remote databases meet. A server that
// accepts a connection and then says nothing must give a timeout error, not
// a hung editor; a backend killed in the middle of a statement must give an
// error, and the pool must serve the next call.

// killer finds and ends the backend running sleep, from another session.
type killer struct{ sleep, find, kill string }

var killers = map[string]killer{
	"postgres": {
		sleep: "SELECT pg_sleep(31)",
		find:  "SELECT pid FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(31)' AND pid <> pg_backend_pid()",
		kill:  "SELECT pg_terminate_backend(%v)",
	},
	"mysql": {
		sleep: "SELECT SLEEP(31)",
		find:  "SELECT id FROM information_schema.PROCESSLIST WHERE info = 'SELECT SLEEP(31)'",
		kill:  "KILL CONNECTION %v",
	},
}

// checkSilentServer opens the driver against a local listener that accepts
// and never answers, with connect_timeout=1.
func checkSilentServer(t *testing.T, d drivers.Driver, p drivers.Params) {
	if d.Manifest().Capabilities.FileBased {
		t.Skip("file-based driver")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		var held []net.Conn // keep them open: the server says nothing
		defer func() {
			for _, c := range held {
				c.Close()
			}
		}()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			held = append(held, c)
		}
	}()
	p.Host, p.Port = "127.0.0.1", ln.Addr().(*net.TCPAddr).Port
	p.Options = map[string]string{"connect_timeout": "1", "sslmode": "disable"}
	done := make(chan error, 1)
	go func() {
		c, err := d.Open(context.Background(), p)
		if err == nil {
			c.Close()
		}
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil {
			t.Fatal("open against a silent server succeeded")
		}
		if !strings.Contains(err.Error(), p.Address()) {
			t.Errorf("error does not name the server %s: %v", p.Address(), err)
		}
	case <-time.After(60 * time.Second): // a liveness backstop, far above connect_timeout
		t.Fatal("open against a silent server hangs (connect_timeout ignored)")
	}
}

func (k *kit) checkKilledBackend(t *testing.T) {
	kl, ok := killers[k.man.ID]
	q, isQ := k.conn.(drivers.Querier)
	if !ok || !isQ {
		t.Skip("no way to kill a backend of this driver")
	}
	ctx := context.Background()
	done := make(chan error, 1)
	go func() {
		_, err := q.Query(ctx, drivers.Request{SQL: kl.sleep})
		done <- err
	}()
	killed := false
	for i := 0; i < 100 && !killed; i++ {
		time.Sleep(50 * time.Millisecond)
		res, err := q.Query(ctx, drivers.Request{SQL: kl.find})
		if err != nil {
			t.Fatalf("find backend: %v", err)
		}
		for _, row := range res.Rows {
			if _, err := q.Query(ctx, drivers.Request{SQL: fmt.Sprintf(kl.kill, row[0])}); err != nil {
				t.Fatalf("kill backend %v: %v", row[0], err)
			}
			killed = true
		}
	}
	if !killed {
		t.Fatal("the sleeping statement never showed up")
	}
	if err := <-done; err == nil {
		t.Fatal("statement on a killed backend returned no error")
	}
	res, err := q.Query(ctx, drivers.Request{SQL: "SELECT 1"})
	if err != nil || len(res.Rows) != 1 {
		t.Fatalf("pool unusable after a backend was killed: %v", err)
	}
}
