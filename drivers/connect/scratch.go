package connect

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/dbls/dbls/drivers"
)

// Scratch databases: a .sql schema file compared with a server database is
// loaded into dbls_scratch_PID_RANDOM on the dev server (the target's own
// server when no dev is set), which is dropped whatever happens: with a
// fresh context, tried again on a fresh connection, and, if that still
// fails, dropped by the next load on that server once its process is gone.

const (
	// scratchPrefix starts the name of every scratch database.
	scratchPrefix = "dbls_scratch_"
	// scratchDropTries is how many times a drop is tried.
	scratchDropTries = 3
)

// dropScratch drops the scratch database, first on admin, then on fresh
// connections to dev; the caller's context may be the one that ended, so
// none of this uses it for more than its values.
func (r *Resolver) dropScratch(ctx context.Context, admin drivers.Execer, dev, quoted string) error {
	ctx = context.WithoutCancel(ctx)
	var errs []error
	for try := 0; try < scratchDropTries; try++ {
		if try > 0 {
			time.Sleep(time.Duration(try) * 500 * time.Millisecond)
		}
		err := func() error {
			dropCtx, cancel := context.WithTimeout(ctx, defaultDropTimeout)
			defer cancel()
			ex := admin
			if try > 0 {
				c, _, err := r.Open(dropCtx, dev)
				if err != nil {
					return err
				}
				defer c.Close()
				var ok bool
				if ex, ok = c.(drivers.Execer); !ok {
					return errors.New("the driver cannot run DROP DATABASE")
				}
			}
			_, err := ex.Exec(dropCtx, "DROP DATABASE IF EXISTS "+quoted)
			return err
		}()
		if err == nil {
			return nil
		}
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// leftoverQueries list scratch databases and count the sessions using
// one, per engine.
var leftoverQueries = map[string][2]string{
	"postgres": {
		`SELECT datname FROM pg_catalog.pg_database WHERE datname LIKE 'dbls\_scratch\_%'`,
		`SELECT count(*) FROM pg_catalog.pg_stat_activity WHERE datname = $1`,
	},
	"mysql": {
		`SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE 'dbls\_scratch\_%'`,
		`SELECT count(*) FROM information_schema.processlist WHERE db = ?`,
	},
}

// cleanScratch drops the scratch databases on admin's server that an
// earlier process left behind: those whose process is no longer running
// here and that no session uses. What cannot be dropped is reported
// through Warn and left for next time; nothing of it fails the load.
func (r *Resolver) cleanScratch(ctx context.Context, admin drivers.Conn, driver string, quote func(string) string) {
	qs, ok := leftoverQueries[driver]
	q, isQ := admin.(drivers.Querier)
	ex, isE := admin.(drivers.Execer)
	if !ok || !isQ || !isE {
		return
	}
	res, err := q.Query(ctx, drivers.Request{SQL: qs[0]})
	if err != nil {
		return // no right to list databases: nothing to clean here
	}
	for _, row := range res.Rows {
		name := fmt.Sprint(row[0])
		if b, ok := row[0].([]byte); ok {
			name = string(b)
		}
		pid, ok := scratchPID(name)
		if !ok || processRunning(pid) {
			continue
		}
		used, err := q.Query(ctx, drivers.Request{SQL: qs[1], Args: []any{name}})
		if err != nil || len(used.Rows) != 1 || fmt.Sprint(used.Rows[0][0]) != "0" {
			continue
		}
		if _, err := ex.Exec(ctx, "DROP DATABASE IF EXISTS "+quote(name)); err != nil {
			r.warn(fmt.Sprintf("could not drop the scratch database %s left by process %d: %v", name, pid, err))
		}
	}
}

// scratchPID is the process id in a scratch database's name.
func scratchPID(name string) (int, bool) {
	rest, ok := strings.CutPrefix(name, scratchPrefix)
	if !ok {
		return 0, false
	}
	digits, _, ok := strings.Cut(rest, "_")
	if !ok {
		return 0, false
	}
	pid, err := strconv.Atoi(digits)
	return pid, err == nil && pid > 0
}

// processRunning reports whether a process with that id runs on this
// machine. A process of another user counts as running (EPERM).
func processRunning(pid int) bool {
	if pid == os.Getpid() {
		return true
	}
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	err = p.Signal(syscall.Signal(0))
	return err == nil || errors.Is(err, syscall.EPERM)
}
