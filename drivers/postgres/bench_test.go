package postgres

import (
	"fmt"
	"testing"

	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/drivertest"
)

// BenchmarkSnapshot reads the catalog of generated databases of 2,000 and
// 10,000 tables (drivertest.LargeSchema: 20 columns, a foreign key, a check
// and two indexes each) and reports the catalog queries per snapshot.
// Goal (issue 3): 10,000 tables under 3 s on a local server.
func BenchmarkSnapshot(b *testing.B) {
	for _, n := range []int{2000, 10000} {
		b.Run(fmt.Sprintf("tables=%d", n), func(b *testing.B) {
			counter := &queryCounter{}
			c := testConn(b, withTracer(counter))
			for _, script := range drivertest.LargeSchema("postgres", n, 500) {
				mustExec(b, c, script)
			}
			ctx := testContext(b)
			b.ReportAllocs()
			counter.n.Store(0)
			for b.Loop() {
				s, err := c.Snapshot(ctx, drivers.Filter{})
				if err != nil {
					b.Fatal(err)
				}
				if got := s.TableCount(); got != n {
					b.Fatalf("snapshot has %d tables, want %d", got, n)
				}
			}
			b.ReportMetric(float64(counter.n.Load())/float64(b.N), "queries/op")
		})
	}
}
