package external_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/dbls/dbls/drivers"
)

// BenchmarkCSVQuery is one paged query through the protocol: the cost of
// a round trip to an external driver (Python, JSON, pipes).
func BenchmarkCSVQuery(b *testing.B) {
	csvDriver(b)
	dir, _ := filepath.Abs("csvdriver/testdata/rental")
	ctx := context.Background()
	conn, _, err := drivers.Open(ctx, "csv://"+dir)
	if err != nil {
		b.Fatal(err)
	}
	defer conn.Close()
	q := conn.(drivers.Querier)
	for b.Loop() {
		if _, err := q.Query(ctx, drivers.Request{SQL: "SELECT country_id, name FROM country ORDER BY country_id", Limit: 10, Page: 2}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCSVSnapshot reads the catalog through the protocol.
func BenchmarkCSVSnapshot(b *testing.B) {
	csvDriver(b)
	dir, _ := filepath.Abs("csvdriver/testdata/rental")
	ctx := context.Background()
	conn, _, err := drivers.Open(ctx, "csv://"+dir)
	if err != nil {
		b.Fatal(err)
	}
	defer conn.Close()
	for b.Loop() {
		if _, err := conn.Snapshot(ctx, drivers.Filter{}); err != nil {
			b.Fatal(err)
		}
	}
}
