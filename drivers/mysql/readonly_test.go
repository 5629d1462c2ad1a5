package mysql

import (
	"errors"
	"fmt"
	"testing"

	"github.com/dbls/dbls/drivers"
)

func readOnlyPair(t *testing.T) (rw, ro *Conn) {
	t.Helper()
	rw, p := open(t)
	exec(t, rw, "CREATE TABLE t (id int PRIMARY KEY AUTO_INCREMENT, v int) ENGINE=InnoDB")
	exec(t, rw, "INSERT INTO t (v) VALUES (1)")
	exec(t, rw, "CREATE FUNCTION f() RETURNS int MODIFIES SQL DATA BEGIN INSERT INTO t (v) VALUES (2); RETURN 1; END")
	exec(t, rw, "CREATE FUNCTION g() RETURNS int MODIFIES SQL DATA BEGIN SET SESSION tx_read_only = 0; INSERT INTO t (v) VALUES (3); RETURN 1; END")
	exec(t, rw, "CREATE PROCEDURE p() BEGIN COMMIT; SET SESSION TRANSACTION READ WRITE; INSERT INTO t (v) VALUES (4); END")
	p.ReadOnly = true
	c, err := Driver{}.Open(ctxT(t), p)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return rw, c.(*Conn)
}

func value(t *testing.T, c *Conn, q string) string {
	t.Helper()
	res, err := c.Query(ctxT(t), drivers.Request{SQL: q})
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	if len(res.Rows) != 1 || len(res.Rows[0]) != 1 {
		t.Fatalf("%s: want one value, got %v", q, res.Rows)
	}
	return fmt.Sprint(res.Rows[0][0])
}

// TestReadOnlyBypasses sends each known way around the read-only guard
// through a read-only connection: none may write or keep a lock, and the
// next statement is still read-only.
func TestReadOnlyBypasses(t *testing.T) {
	rw, ro := readOnlyPair(t)
	ctx := ctxT(t)
	for _, q := range []string{
		"SET SESSION TRANSACTION READ WRITE; SELECT f()",
		"SET SESSION tx_read_only = 0; SELECT f()",
		"COMMIT; SET SESSION TRANSACTION READ WRITE; SELECT f()",
		"SELECT f()",
		"SELECT g()",
		"SELECT g(), f()",
		"CALL p()",
		"/*!50000 CALL p() */",
		"SELECT GET_LOCK('dbls_ro_lock', 0)",
		"SELECT * FROM t LOCK IN SHARE MODE",
		"SELECT * FROM t FOR UPDATE",
		"INSERT INTO t (v) VALUES (9)",
	} {
		t.Run(q, func(t *testing.T) {
			if res, err := ro.Query(ctx, drivers.Request{SQL: q}); err == nil {
				t.Errorf("%s ran on a read-only connection: %+v", q, res)
			}
			if _, err := ro.Exec(ctx, q); err == nil {
				t.Errorf("Exec %s ran on a read-only connection", q)
			}
			if n := value(t, rw, "SELECT COUNT(*) FROM t"); n != "1" {
				t.Fatalf("t has %s rows: a write went through", n)
			}
			if v := value(t, rw, "SELECT IS_USED_LOCK('dbls_ro_lock') IS NULL"); v != "1" {
				t.Fatalf("the user lock is held")
			}
			if v := value(t, ro, "SELECT @@session.tx_read_only"); v != "1" {
				t.Fatalf("the next statement's session has tx_read_only = %s", v)
			}
		})
	}
	_, err := ro.Query(ctx, drivers.Request{SQL: "CALL p()"})
	if !errors.Is(err, drivers.ErrReadOnly) {
		t.Errorf("CALL: %v, want ErrReadOnly", err)
	}
	res, err := ro.Query(ctx, drivers.Request{SQL: "SELECT v FROM t WHERE id = ?; ", Args: []any{1}})
	if err != nil || len(res.Rows) != 1 {
		t.Fatalf("read with an argument: %v %v", res, err)
	}
	res, err = ro.Query(ctx, drivers.Request{SQL: "SELECT 1; SELECT 'x' AS last; SET @a = 1"})
	if err != nil || len(res.Rows) != 1 || fmt.Sprint(res.Rows[0][0]) != "x" {
		t.Fatalf("script: %v %v", res, err)
	}
}
