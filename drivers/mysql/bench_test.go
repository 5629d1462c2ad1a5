package mysql

import (
	"context"
	"database/sql/driver"
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/drivertest"
)

// BenchmarkSnapshot reads the catalog of generated databases of 2,000 and
// 10,000 tables (drivertest.LargeSchema: 20 columns, a foreign key, a check
// and two indexes each) and reports the statements sent per snapshot.
func BenchmarkSnapshot(b *testing.B) {
	for _, n := range []int{2000, 10000} {
		b.Run(fmt.Sprintf("tables=%d", n), func(b *testing.B) {
			var count atomic.Int64
			connectorHook = func(c driver.Connector) driver.Connector { return countingConnector{c, &count} }
			c, _ := open(b)
			connectorHook = nil
			for _, script := range drivertest.LargeSchema("mysql", n, 250) {
				exec(b, c, script)
			}
			ctx := context.Background()
			b.ReportAllocs()
			count.Store(0)
			for b.Loop() {
				s, err := c.Snapshot(ctx, drivers.Filter{})
				if err != nil {
					b.Fatal(err)
				}
				if got := s.TableCount(); got != n {
					b.Fatalf("tables = %d, want %d", got, n)
				}
			}
			b.ReportMetric(float64(count.Load())/float64(b.N), "queries/op")
		})
	}
}
