package runner_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/dbls/dbls/drivers/drivertest"
	"github.com/dbls/dbls/server/runner"
)

// TestReadOnlyBypasses sends through the runner, on a read-only
// connection, the statements that got past its word filter and wrote:
// none may write, and the statements after them still run read-only.
func TestReadOnlyBypasses(t *testing.T) {
	for _, e := range []struct {
		name     string
		url      func(testing.TB) string
		setup    []string
		bypasses []string
		readOnly string // a query whose one value is true on a read-only session
	}{
		{"postgres", drivertest.PostgresURL,
			[]string{"CREATE TABLE t (id int)",
				"CREATE FUNCTION f() RETURNS int VOLATILE LANGUAGE plpgsql AS $$ BEGIN INSERT INTO t VALUES (1); RETURN 1; END $$",
				"CREATE SEQUENCE s"},
			[]string{
				"SELECT set_config('default_transaction_read_only', 'off', false)",
				"SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE",
				"SELECT f()",
				"SELECT nextval('s')",
				"SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE; COMMIT; SELECT f()",
				"SELECT lo_import('PG_VERSION'); SELECT f()",
				"SELECT pg_advisory_lock(1)",
				"SELECT * FROM t FOR SHARE",
			},
			"SELECT current_setting('transaction_read_only') = 'on' AND (SELECT count(*) FROM t) = 0 AND (SELECT NOT is_called FROM s) AND NOT EXISTS (SELECT FROM pg_largeobject_metadata)"},
		{"mysql", drivertest.MySQLURL,
			[]string{"CREATE TABLE t (id int PRIMARY KEY AUTO_INCREMENT)",
				"CREATE FUNCTION f() RETURNS int MODIFIES SQL DATA BEGIN INSERT INTO t VALUES (NULL); RETURN 1; END",
				"CREATE PROCEDURE p() BEGIN COMMIT; SET SESSION TRANSACTION READ WRITE; INSERT INTO t VALUES (NULL); END"},
			[]string{
				"SET SESSION TRANSACTION READ WRITE; SELECT f()",
				"SELECT f()",
				"CALL p()",
				"SELECT GET_LOCK('dbls_runner_ro', 0)",
				"SELECT * FROM t LOCK IN SHARE MODE",
			},
			"SELECT @@session.tx_read_only = 1 AND (SELECT COUNT(*) FROM t) = 0 AND IS_USED_LOCK('dbls_runner_ro') IS NULL"},
	} {
		t.Run(e.name, func(t *testing.T) {
			url := e.url(t)
			rw := runner.New(opener(false), 0)
			for _, s := range e.setup {
				exec(t, rw, url, s)
			}
			ro := runner.New(opener(true), 0)
			ctx := context.Background()
			for _, q := range e.bypasses {
				_, _ = ro.Run(ctx, runner.Request{Connection: url, SQL: q})
				res := exec(t, ro, url, e.readOnly)
				if v := fmt.Sprint(res.Rows[0][0]); v != "true" && v != "1" && v != "t" {
					t.Fatalf("after %q: %s is %v", q, e.readOnly, v)
				}
			}
		})
	}
}
