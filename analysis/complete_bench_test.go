package analysis

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/dbls/dbls/schema"
)

// bigSnapshot is a generated catalog of tables×cols columns in two
// schemas, each table with a foreign key to the one before it.
func bigSnapshot(tables, cols int) *schema.Snapshot {
	snap := &schema.Snapshot{Driver: "postgres", DefaultSchema: "public", SearchPath: []string{"public"},
		Schemas: []schema.Schema{{Name: "public"}, {Name: "archive"}}}
	for i := range tables {
		sc := &snap.Schemas[i%10/9] // one table in ten outside the search path
		t := schema.Table{Name: fmt.Sprintf("t_%05d", i), PrimaryKey: &schema.PrimaryKey{Columns: []string{"id"}}}
		t.Columns = append(t.Columns, schema.Column{Name: "id", Position: 1, Type: "bigint"})
		for c := 1; c < cols; c++ {
			t.Columns = append(t.Columns, schema.Column{Name: fmt.Sprintf("c%02d_%d", c, i%7), Position: c + 1, Type: "text", Nullable: true})
		}
		if i > 0 {
			prev := &snap.Schemas[(i-1)%10/9]
			t.Columns[1].Name = "parent_id"
			t.ForeignKeys = []schema.ForeignKey{{Columns: []string{"parent_id"}, RefSchema: prev.Name, RefTable: fmt.Sprintf("t_%05d", i-1), RefColumns: []string{"id"}}}
		}
		sc.Tables = append(sc.Tables, t)
	}
	return snap
}

// benchCursors are documents with a cursor, over bigSnapshot.
var benchCursors = []string{
	"SELECT * FROM |",
	"SELECT * FROM t_012|",
	"SELECT | FROM t_00042 a JOIN t_00043 b ON a.id = b.parent_id WHERE a.c02_0 = 'x'",
	"SELECT a.| FROM t_00042 a",
	"SELECT * FROM t_00042 a JOIN t_00043 b ON |",
	"WITH w AS (SELECT id, c03_0 AS x FROM t_07000) SELECT w.| FROM w",
	"SELECT * FROM t_00100 WHERE c|",
	"INSERT INTO t_05000 (id, |",
	"UPDATE t_09999 SET |",
	"SELECT * FROM archive.|",
	"SELECT s.| FROM (SELECT * FROM t_00001) s",
	"sel|",
}

// BenchmarkComplete10000 completes at various cursors on a catalog of
// 10,000 tables of 20 columns, and reports the latency percentiles of
// single calls (the index over the snapshot is built before timing).
func BenchmarkComplete10000(b *testing.B) {
	snap := bigSnapshot(10000, 20)
	type doc struct {
		text string
		off  int
	}
	var docs []doc
	for _, m := range benchCursors {
		text, off := at(m)
		docs = append(docs, doc{text, off})
	}
	Complete(snap, Postgres, "", 0) // build the index once
	var times []time.Duration
	b.ReportAllocs()
	b.ResetTimer()
	i := 0
	for b.Loop() {
		dc := docs[i%len(docs)]
		i++
		start := time.Now()
		Complete(snap, Postgres, dc.text, dc.off)
		times = append(times, time.Since(start))
	}
	b.StopTimer()
	slices.Sort(times)
	pct := func(p float64) float64 {
		return float64(times[min(len(times)-1, int(float64(len(times))*p))].Microseconds())
	}
	b.ReportMetric(pct(0.50), "p50-µs")
	b.ReportMetric(pct(0.99), "p99-µs")
}

func TestBigSnapshotCompletes(t *testing.T) {
	snap := bigSnapshot(300, 20)
	text, off := at("SELECT * FROM t_00042 a JOIN t_00043 b ON |")
	items := Complete(snap, Postgres, text, off)
	if len(items) == 0 || items[0].Label != "b.parent_id = a.id" {
		t.Fatalf("join on the generated catalog: %v", items[:min(3, len(items))])
	}
}
