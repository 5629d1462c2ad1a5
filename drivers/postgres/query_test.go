package postgres

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/drivertest"
)

func query(t *testing.T, c *Conn, req drivers.Request) *drivers.Result {
	t.Helper()
	res, err := c.Query(testContext(t), req)
	if err != nil {
		t.Fatalf("query %q: %v", req.SQL, err)
	}
	return res
}

func firstColumn(res *drivers.Result) []any {
	out := []any{}
	for _, r := range res.Rows {
		out = append(out, r[0])
	}
	return out
}

func ints(from, to int64) []any {
	out := []any{}
	for i := from; i <= to; i++ {
		out = append(out, i)
	}
	return out
}

func TestQueryPaging(t *testing.T) {
	c := testConn(t)
	const q = `SELECT g AS n, 'row ' || g AS label FROM generate_series(1, 25) g ORDER BY g`

	res := query(t, c, drivers.Request{SQL: q, Limit: 10, Page: 2})
	equal(t, "columns", res.Columns, []drivers.ResultColumn{{Name: "n", Type: "integer"}, {Name: "label", Type: "text"}})
	equal(t, "page 2", firstColumn(res), ints(11, 20))
	equal(t, "page 2 row", res.Rows[0], []any{int64(11), "row 11"})
	if !res.HasMore || res.Page != 2 || res.Limit != 10 || res.RowsAffected != -1 || res.Elapsed <= 0 {
		t.Errorf("page 2: has more %v, page %d, limit %d, affected %d, elapsed %v", res.HasMore, res.Page, res.Limit, res.RowsAffected, res.Elapsed)
	}

	res = query(t, c, drivers.Request{SQL: q, Limit: 10, Page: 3})
	equal(t, "page 3", firstColumn(res), ints(21, 25))
	if res.HasMore {
		t.Error("last page has more")
	}

	res = query(t, c, drivers.Request{SQL: q, Limit: 5, Page: 5})
	equal(t, "exact last page", firstColumn(res), ints(21, 25))
	if res.HasMore {
		t.Error("exactly full last page has more")
	}

	res = query(t, c, drivers.Request{SQL: q, Limit: 10, Page: 4})
	if len(res.Rows) != 0 || res.HasMore || !res.HasResultSet() {
		t.Errorf("page past the end: %+v", res)
	}

	res = query(t, c, drivers.Request{SQL: q})
	equal(t, "no limit", firstColumn(res), ints(1, 25))

	res = query(t, c, drivers.Request{SQL: `SELECT 1 WHERE false`})
	if !res.HasResultSet() || res.Rows == nil || len(res.Rows) != 0 {
		t.Errorf("empty result: %+v", res)
	}
}

// TestQueryStopsEarly proves that a page does not make the server produce
// the rows after it: every row produced advances a sequence.
func TestQueryStopsEarly(t *testing.T) {
	c := testConn(t)
	mustExec(t, c, `CREATE SEQUENCE probe`)
	res := query(t, c, drivers.Request{SQL: `SELECT nextval('probe') FROM generate_series(1, 1000000)`, Limit: 10, Page: 2})
	equal(t, "page 2", firstColumn(res), ints(11, 20))
	if !res.HasMore {
		t.Error("has more is false")
	}
	last := query(t, c, drivers.Request{SQL: `SELECT last_value FROM probe`})
	// Offset 10 + limit 10 + one probe row.
	equal(t, "rows produced", last.Rows[0][0], int64(21))
}

func TestQueryValues(t *testing.T) {
	c := testConn(t)
	mustExec(t, c, `CREATE TYPE mood AS ENUM ('happy', 'sad')`)
	res := query(t, c, drivers.Request{SQL: `SELECT 1::int2 AS a, 2::int8 AS b, 12345678901234567890.123::numeric AS c,
		2.5::float8 AS d, 0.1::float4 AS e, true AS f, 'x'::varchar(5) AS g, NULL::text AS h,
		'\x00ff'::bytea AS i, 'abc'::bytea AS j, '2024-01-02 03:04:05.5+00'::timestamptz AS k,
		'2024-01-02 03:04:05'::timestamp AS l, '2024-01-02'::date AS m, interval '1 day 2 hours' AS n,
		'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid AS o, '{"a": 1}'::jsonb AS p, ARRAY[1, 2] AS q,
		'happy'::mood AS r, 'infinity'::timestamptz AS s`})
	types := []string{}
	for _, col := range res.Columns {
		types = append(types, col.Type)
	}
	equal(t, "types", types, []string{"smallint", "bigint", "numeric", "double precision", "real", "boolean",
		"character varying(5)", "text", "bytea", "bytea", "timestamp with time zone", "timestamp without time zone",
		"date", "interval", "uuid", "jsonb", "integer[]", "mood", "timestamp with time zone"})
	want := []any{int64(1), int64(2), "12345678901234567890.123", 2.5, 0.1, true, "x", nil,
		[]byte{0, 0xff}, "abc", time.Date(2024, 1, 2, 3, 4, 5, 5e8, time.UTC), time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC),
		"2024-01-02", "1 day 02:00:00", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", `{"a": 1}`, "{1,2}", "happy", "infinity"}
	got := res.Rows[0]
	for i := range want {
		if tm, ok := got[i].(time.Time); ok {
			if !tm.Equal(want[i].(time.Time)) {
				t.Errorf("column %s: got %v, want %v", res.Columns[i].Name, got[i], want[i])
			}
			continue
		}
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("column %s: got %#v, want %#v", res.Columns[i].Name, got[i], want[i])
		}
	}
}

func TestQueryStatements(t *testing.T) {
	c := testConn(t)

	res := query(t, c, drivers.Request{SQL: `CREATE TABLE items (id int PRIMARY KEY, name text)`})
	if res.HasResultSet() || res.RowsAffected != 0 {
		t.Errorf("DDL: %+v", res)
	}
	res = query(t, c, drivers.Request{SQL: `INSERT INTO items VALUES (1, 'a'), (2, 'b'), (3, 'c')`})
	equal(t, "insert", res.RowsAffected, int64(3))
	res = query(t, c, drivers.Request{SQL: `UPDATE items SET name = $1 WHERE id >= $2`, Args: []any{"z", 2}})
	equal(t, "update with args", res.RowsAffected, int64(2))
	res = query(t, c, drivers.Request{SQL: `SELECT name FROM items WHERE id = $1`, Args: []any{int64(3)}})
	equal(t, "select with args", res.Rows, [][]any{{"z"}})
	res = query(t, c, drivers.Request{SQL: `INSERT INTO items VALUES (4, 'd'), (5, 'e') RETURNING id`, Limit: 1})
	equal(t, "returning", firstColumn(res), ints(4, 4))
	res = query(t, c, drivers.Request{SQL: `SELECT count(*) FROM items`})
	equal(t, "a paged RETURNING still inserts every row", firstColumn(res), ints(5, 5))
	res = query(t, c, drivers.Request{SQL: `  `})
	if res.HasResultSet() {
		t.Errorf("empty statement: %+v", res)
	}

	// A script: several statements, the last result set is reported.
	res = query(t, c, drivers.Request{SQL: `CREATE TABLE s (x int);
		INSERT INTO s VALUES (1), (2), (3);
		SELECT x FROM s ORDER BY x;
		UPDATE s SET x = x + 10 WHERE x = 1`, Limit: 2})
	equal(t, "script rows", firstColumn(res), ints(1, 2))
	if !res.HasMore {
		t.Error("script: has more is false")
	}
	res = query(t, c, drivers.Request{SQL: `INSERT INTO s VALUES (4); INSERT INTO s VALUES (5), (6)`})
	if res.HasResultSet() || res.RowsAffected != 2 {
		t.Errorf("script without result set: %+v", res)
	}
	// A script runs as one implicit transaction: a failure undoes it all.
	if _, err := c.Query(testContext(t), drivers.Request{SQL: `INSERT INTO s VALUES (7); SELECT 1/0`}); err == nil {
		t.Error("division by zero succeeded")
	}
	res = query(t, c, drivers.Request{SQL: `SELECT count(*) FROM s WHERE x = 7`})
	equal(t, "rolled back", firstColumn(res), ints(0, 0))
}

func TestQueryErrors(t *testing.T) {
	c := testConn(t)
	ctx := testContext(t)

	_, err := c.Query(ctx, drivers.Request{SQL: "SELECT id,\n  name FROM\n  WHERE x = 1"})
	var qe *drivers.QueryError
	if !errors.As(err, &qe) {
		t.Fatalf("syntax error: %T %v", err, err)
	}
	if qe.Code != "42601" || qe.Line != 3 || qe.Column != 3 || qe.Message != `syntax error at or near "WHERE"` {
		t.Errorf("syntax error: %+v", qe)
	}

	_, err = c.Query(ctx, drivers.Request{SQL: "SELECT 1;\nSELEC 2"})
	if !errors.As(err, &qe) || qe.Line != 2 || qe.Column != 1 {
		t.Errorf("syntax error in a script: %v", err)
	}

	_, err = c.Query(ctx, drivers.Request{SQL: "SELECT nosuch_function(1)"})
	if !errors.As(err, &qe) || qe.Code != "42883" || qe.Hint == "" || qe.Column != 8 {
		t.Errorf("undefined function: %+v", err)
	}

	mustExec(t, c, `CREATE TABLE u (id int PRIMARY KEY)`)
	mustExec(t, c, `INSERT INTO u VALUES (1)`)
	_, err = c.Query(ctx, drivers.Request{SQL: `INSERT INTO u VALUES ($1)`, Args: []any{1}})
	if !errors.As(err, &qe) || qe.Code != "23505" || qe.Detail != "Key (id)=(1) already exists." {
		t.Errorf("unique violation: %v", err)
	}
	_, err = c.Exec(ctx, `INSERT INTO u VALUES ($1)`, 1)
	if !errors.As(err, &qe) || qe.Code != "23505" {
		t.Errorf("exec unique violation: %v", err)
	}

	_, err = c.Query(ctx, drivers.Request{SQL: `SELECT $1::int`, Args: []any{1, 2}})
	if err == nil {
		t.Error("too many arguments accepted")
	}

	// The connection is still good after all of that.
	res := query(t, c, drivers.Request{SQL: `SELECT 1`})
	equal(t, "after errors", firstColumn(res), ints(1, 1))
}

// TestQueryCancel proves that cancelling the context stops the statement on
// the server, not only the wait for it.
func TestQueryCancel(t *testing.T) {
	c := testConn(t)
	ctx, cancel := context.WithCancel(context.Background())
	const marker = "dbls cancel test"
	go func() {
		time.Sleep(200 * time.Millisecond)
		cancel()
	}()
	start := time.Now()
	_, err := c.Query(ctx, drivers.Request{SQL: "SELECT pg_sleep(30) /* " + marker + " */"})
	elapsed := time.Since(start)
	if err == nil || !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want a cancellation error", err)
	}
	if elapsed > 10*time.Second {
		t.Errorf("cancelled query returned after %v", elapsed)
	}

	// Another connection looks for the statement on the server.
	admin, err := pgx.Connect(testContext(t), "postgres://postgres@"+drivertest.PostgresAddr+"/postgres?sslmode=disable")
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close(context.Background())
	deadline := time.Now().Add(10 * time.Second)
	for {
		var running int
		err := admin.QueryRow(testContext(t), `SELECT count(*) FROM pg_stat_activity
			WHERE state = 'active' AND query LIKE '%' || $1 || '%' AND pid <> pg_backend_pid()`, marker).Scan(&running)
		if err != nil {
			t.Fatal(err)
		}
		if running == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("pg_sleep still running on the server %v after cancel", time.Since(start))
		}
		time.Sleep(50 * time.Millisecond)
	}

	// The pool recovers.
	res := query(t, c, drivers.Request{SQL: `SELECT 1`})
	equal(t, "after cancel", firstColumn(res), ints(1, 1))

	// Exec is cancelled the same way.
	ctx, cancel = context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	if _, err := c.Exec(ctx, "SELECT pg_sleep(30)"); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("exec: got %v, want a deadline error", err)
	}
}

// TestConcurrentUse runs queries and snapshots at once on one Conn, as the
// language server does.
func TestConcurrentUse(t *testing.T) {
	c := testConn(t)
	mustExec(t, c, `CREATE TABLE t (id int PRIMARY KEY, label text); INSERT INTO t SELECT g, 'x' || g FROM generate_series(1, 100) g`)
	ctx := testContext(t)
	errs := make(chan error, 20)
	for i := range 10 {
		go func() {
			res, err := c.Query(ctx, drivers.Request{SQL: `SELECT id, label FROM t WHERE id > $1 ORDER BY id`, Args: []any{i}, Limit: 5})
			if err == nil && (len(res.Rows) != 5 || res.Rows[0][0] != int64(i+1)) {
				err = fmt.Errorf("query %d: rows %v", i, res.Rows)
			}
			errs <- err
		}()
		go func() {
			s, err := c.Snapshot(ctx, drivers.Filter{})
			if err == nil && s.Schema("public").Table("t") == nil {
				err = fmt.Errorf("snapshot %d: no table t", i)
			}
			errs <- err
		}()
	}
	for range 20 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}
