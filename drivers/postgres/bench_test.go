package postgres

import (
	"testing"

	"github.com/dbls/dbls/drivers"
)

// BenchmarkSnapshot2000 reads the catalog of a database with 2,000 tables,
// each with five columns, a primary key, an index and a foreign key.
func BenchmarkSnapshot2000(b *testing.B) {
	const tables = 2000
	c := testConn(b)
	ctx := testContext(b)
	if _, err := c.Exec(ctx, generateTables(tables)); err != nil {
		b.Fatalf("create %d tables: %v", tables, err)
	}
	b.ReportAllocs()
	for b.Loop() {
		s, err := c.Snapshot(ctx, drivers.Filter{})
		if err != nil {
			b.Fatal(err)
		}
		if n := len(s.Schema("gen_a").Tables) + len(s.Schema("gen_b").Tables); n != tables {
			b.Fatalf("snapshot has %d tables, want %d", n, tables)
		}
	}
	b.ReportMetric(tables, "tables")
}
