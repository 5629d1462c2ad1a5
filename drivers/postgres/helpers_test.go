package postgres

import (
	"context"
	_ "embed"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/drivertest"
)

//go:embed testdata/fixture.sql
var fixtureSQL string

// testConn opens a connection to a new, empty database that is dropped
// when the test ends.
func testConn(t testing.TB, opts ...option) *Conn {
	t.Helper()
	p, err := drivers.ParseURL(drivertest.PostgresURL(t))
	if err != nil {
		t.Fatal(err)
	}
	c, err := open(testContext(t), p, opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// openURL opens a connection to url, closed when the test ends.
func openURL(t testing.TB, url string) *Conn {
	t.Helper()
	p, err := drivers.ParseURL(url)
	if err != nil {
		t.Fatal(err)
	}
	c, err := open(testContext(t), p)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

func testContext(t testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	t.Cleanup(cancel)
	return ctx
}

func mustExec(t testing.TB, c *Conn, sql string, args ...any) {
	t.Helper()
	if _, err := c.Exec(testContext(t), sql, args...); err != nil {
		t.Fatalf("exec %q: %v", sql, err)
	}
}

// queryCounter counts the statements sent to the server, batched or not.
type queryCounter struct{ n atomic.Int64 }

func (q *queryCounter) TraceQueryStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceQueryStartData) context.Context {
	q.n.Add(1)
	return ctx
}

func (q *queryCounter) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}

func (q *queryCounter) TraceBatchStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceBatchStartData) context.Context {
	return ctx
}

func (q *queryCounter) TraceBatchQuery(context.Context, *pgx.Conn, pgx.TraceBatchQueryData) {
	q.n.Add(1)
}

func (q *queryCounter) TraceBatchEnd(context.Context, *pgx.Conn, pgx.TraceBatchEndData) {}
