package mysql

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/dbls/dbls/drivers"
)

// BenchmarkSnapshot2000 snapshots a generated schema of 2,000 tables, each
// with a few columns, a secondary index and a foreign key. The tables are
// created in multi-statement batches, not one round trip each.
func BenchmarkSnapshot2000(b *testing.B) {
	c, _ := open(b)
	const tables, batch = 2000, 200
	for start := 0; start < tables; start += batch {
		var sb strings.Builder
		for i := start; i < start+batch; i++ {
			ref := "t0"
			if i > 0 {
				ref = fmt.Sprintf("t%d", i-1)
			}
			fmt.Fprintf(&sb, "CREATE TABLE t%d (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,"+
				" parent_id INT NULL, name VARCHAR(100) NOT NULL DEFAULT '', created_at DATETIME DEFAULT CURRENT_TIMESTAMP,"+
				" KEY ix_t%d_name (name),"+
				" CONSTRAINT fk_t%d_parent FOREIGN KEY (parent_id) REFERENCES %s (id)) ENGINE=InnoDB;\n", i, i, i, ref)
		}
		exec(b, c, sb.String())
	}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		s, err := c.Snapshot(ctx, drivers.Filter{})
		if err != nil {
			b.Fatal(err)
		}
		if n := len(s.Schemas[0].Tables); n != tables {
			b.Fatalf("tables = %d", n)
		}
	}
}
