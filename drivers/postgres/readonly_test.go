package postgres

import (
	"fmt"
	"testing"
	"time"

	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/drivertest"
)

// readOnlyPair opens a writable connection and a read-only one with a
// single pooled session (so every statement reuses the session the one
// before it may have changed) on a new database holding a table t, a
// volatile function f() that inserts into it, and a sequence s.
func readOnlyPair(t *testing.T) (rw, ro *Conn) {
	t.Helper()
	ctx := testContext(t)
	p, err := drivers.ParseURL(drivertest.PostgresURL(t))
	if err != nil {
		t.Fatal(err)
	}
	rw, err = open(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { rw.Close() })
	mustExec(t, rw, `CREATE TABLE t (id int)`)
	mustExec(t, rw, `CREATE FUNCTION f() RETURNS int VOLATILE LANGUAGE plpgsql AS $$
BEGIN INSERT INTO t VALUES (1); RETURN 1; END $$`)
	mustExec(t, rw, `CREATE SEQUENCE s`)
	p.ReadOnly = true
	p.Options = map[string]string{"pool_max_conns": "1"}
	ro, err = open(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ro.Close() })
	return rw, ro
}

func scalar(t *testing.T, c *Conn, sql string) any {
	t.Helper()
	res, err := c.Query(testContext(t), drivers.Request{SQL: sql})
	if err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	if len(res.Rows) != 1 || len(res.Rows[0]) != 1 {
		t.Fatalf("%s: want one value, got %v", sql, res.Rows)
	}
	return res.Rows[0][0]
}

// TestReadOnlyBypasses runs each known way around the read-only guard
// through a read-only connection, then checks that nothing was written and
// that the same pooled session is still read-only.
func TestReadOnlyBypasses(t *testing.T) {
	rw, ro := readOnlyPair(t)
	ctx := testContext(t)
	cases := []struct {
		name  string
		setup string // may succeed: it must change nothing that lasts
		write string // must fail, or (mayRun) leave nothing behind
		// mayRun: the read-only mode does not check it (large objects);
		// the rollback undoes it.
		mayRun bool
	}{
		{"set_config", `SELECT set_config('default_transaction_read_only', 'off', false)`, `SELECT f()`, false},
		{"set_config transaction", `SELECT set_config('transaction_read_only', 'off', false)`, `SELECT f()`, false},
		{"session characteristics", `SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE`, `SELECT f()`, false},
		{"set", `SET default_transaction_read_only = off`, `SELECT f()`, false},
		{"script", ``, `SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE; COMMIT; SELECT f()`, false},
		{"script with transaction", ``, `COMMIT; BEGIN READ WRITE; SELECT f(); COMMIT`, false},
		{"nextval", ``, `SELECT nextval('s')`, false},
		{"setval", ``, `SELECT setval('s', 42)`, false},
		{"lo_import", ``, `SELECT lo_import('PG_VERSION')`, true},
		{"lo_create", ``, `SELECT lo_create(0)`, true},
		{"function", ``, `SELECT f()`, false},
	}
	los := scalar(t, rw, `SELECT count(*) FROM pg_largeobject_metadata`)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.setup != "" {
				_, _ = ro.Query(ctx, drivers.Request{SQL: tc.setup})
			}
			if _, err := ro.Query(ctx, drivers.Request{SQL: tc.write}); err == nil && !tc.mayRun {
				t.Errorf("%s ran on a read-only connection", tc.write)
			}
			if _, err := ro.Exec(ctx, tc.write); err == nil && !tc.mayRun {
				t.Errorf("Exec %s ran on a read-only connection", tc.write)
			}
			if n := scalar(t, rw, `SELECT count(*) FROM t`); n != int64(0) {
				t.Fatalf("%d rows were written through the read-only connection", n)
			}
			if v := scalar(t, rw, `SELECT is_called::text || last_value FROM s`); v != "false1" {
				t.Fatalf("the sequence moved: %v", v)
			}
			if n := scalar(t, rw, `SELECT count(*) FROM pg_largeobject_metadata`); n != los {
				t.Fatalf("large objects: %v, was %v", n, los)
			}
			for _, setting := range []string{"default_transaction_read_only", "transaction_read_only"} {
				if v := scalar(t, ro, "SHOW "+setting); v != "on" {
					t.Fatalf("after %s the session has %s = %v", tc.name, setting, v)
				}
			}
		})
	}
}

// TestReadOnlySessionReset checks that a session lock taken through a
// read-only connection does not outlive the statement's use of the
// session, and that plain reads still work with their paging.
func TestReadOnlySessionReset(t *testing.T) {
	rw, ro := readOnlyPair(t)
	ctx := testContext(t)
	if _, err := ro.Query(ctx, drivers.Request{SQL: `SELECT pg_advisory_lock(4242)`}); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for scalar(t, rw, `SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = 4242`) != int64(0) {
		if time.Now().After(deadline) {
			t.Fatal("the advisory lock outlived the statement")
		}
		time.Sleep(50 * time.Millisecond)
	}
	res, err := ro.Query(ctx, drivers.Request{SQL: `SELECT g FROM generate_series(1, 10) g; SELECT 'x' AS last`, Limit: 3})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Rows) != 1 || res.Rows[0][0] != "x" {
		t.Fatalf("script result: %v", res.Rows)
	}
	res, err = ro.Query(ctx, drivers.Request{SQL: `SELECT g FROM generate_series(1, 10) g WHERE g > $1`, Args: []any{2}, Limit: 3, Page: 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Rows) != 3 || fmt.Sprint(res.Rows[0][0]) != "6" || !res.HasMore {
		t.Fatalf("page 2: %v (more %v)", res.Rows, res.HasMore)
	}
}
