package check

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
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

// SilentServer opens the driver against a local listener that accepts
// and never answers, with connect_timeout=1, and expects an error that
// names the server.
func (k *Kit) SilentServer(ctx context.Context) error {
	if k.man.Capabilities.FileBased {
		return Skip("file-based driver")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
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
	p := k.Params
	p.Host, p.Port = "127.0.0.1", ln.Addr().(*net.TCPAddr).Port
	p.Options = map[string]string{"connect_timeout": "1", "sslmode": "disable"}
	done := make(chan error, 1)
	go func() {
		c, err := k.Driver.Open(ctx, p)
		if err == nil {
			c.Close()
		}
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil {
			return errors.New("open against a silent server succeeded")
		}
		if !strings.Contains(err.Error(), p.Address()) {
			return fmt.Errorf("error does not name the server %s: %v", p.Address(), err)
		}
		return nil
	case <-time.After(60 * time.Second): // a liveness backstop, far above connect_timeout
		return errors.New("open against a silent server hangs (connect_timeout ignored)")
	}
}

// KilledBackend ends, from another session, the backend running a long
// statement and expects the statement to fail and the pool to serve the
// next one.
func (k *Kit) KilledBackend(ctx context.Context) error {
	kl, ok := killers[k.man.ID]
	q, isQ := k.conn.(drivers.Querier)
	if !ok || !isQ {
		return Skip("no way to kill a backend of this driver")
	}
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
			return fmt.Errorf("find backend: %w", err)
		}
		for _, row := range res.Rows {
			if _, err := q.Query(ctx, drivers.Request{SQL: fmt.Sprintf(kl.kill, row[0])}); err != nil {
				return fmt.Errorf("kill backend %v: %w", row[0], err)
			}
			killed = true
		}
	}
	if !killed {
		return errors.New("the sleeping statement never showed up")
	}
	if err := <-done; err == nil {
		return errors.New("statement on a killed backend returned no error")
	}
	res, err := q.Query(ctx, drivers.Request{SQL: "SELECT 1"})
	if err != nil || len(res.Rows) != 1 {
		return fmt.Errorf("pool unusable after a backend was killed: %v", err)
	}
	return nil
}
