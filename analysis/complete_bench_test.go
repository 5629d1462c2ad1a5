package analysis

import (
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/dbls/dbls/drivers/drivertest"
	"github.com/dbls/dbls/drivers/schema"
)

// bigSnapshot is the generated catalog of the benchmarks.
func bigSnapshot(tables, cols int) *schema.Snapshot { return drivertest.LargeSnapshot(tables, cols) }

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
	ix := NewIndex(snap)
	Complete(ix, Postgres, NewDocument(""), 0) // build the index once
	var times, cpu []time.Duration
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	b.ReportAllocs()
	b.ResetTimer()
	i := 0
	for b.Loop() {
		dc := docs[i%len(docs)]
		i++
		start, c0 := time.Now(), drivertest.ThreadCPU()
		// As the server asks: at most its reply's worth of items.
		CompleteLimit(ix, Postgres, NewDocument(dc.text), dc.off, 200)
		times = append(times, time.Since(start))
		cpu = append(cpu, drivertest.ThreadCPU()-c0)
	}
	b.StopTimer()
	reportPct(b, times)
	reportCPUPct(b, cpu)
}

func TestBigSnapshotCompletes(t *testing.T) {
	snap := bigSnapshot(300, 20)
	text, off := at("SELECT * FROM t_00042 a JOIN t_00043 b ON |")
	items := Complete(NewIndex(snap), Postgres, NewDocument(text), off)
	if len(items) == 0 || items[0].Label != "b.parent_id = a.id" {
		t.Fatalf("join on the generated catalog: %v", items[:min(3, len(items))])
	}
}

// CompleteLimit returns the first items of Complete and says it cut them.
func TestCompleteLimit(t *testing.T) {
	ix := NewIndex(bigSnapshot(300, 5))
	for _, marked := range []string{"SELECT * FROM |", "SELECT * FROM archive.|", "SELECT * FROM public.t_000|"} {
		text, off := at(marked)
		doc := NewDocument(text)
		all := Complete(ix, Postgres, doc, off)
		for _, limit := range []int{1, 10, len(all) - 1, len(all), len(all) + 5, 0} {
			got, cut := CompleteLimit(ix, Postgres, doc, off, limit)
			want := all
			if limit > 0 && limit < len(all) {
				want = all[:limit]
			}
			if !slices.Equal(got, want) || cut != (limit > 0 && limit < len(all)) {
				t.Errorf("%q limit %d: %d items, cut %v (of %d)", marked, limit, len(got), cut, len(all))
			}
		}
	}
}

// An Index builds the lookups of a dialect once, shares them between
// callers, and keeps nothing alive once dropped: no cache outside it holds
// the snapshot.
func TestIndexLifetime(t *testing.T) {
	ix := NewIndex(bigSnapshot(10, 3))
	if pg := ix.of(Postgres); pg != ix.of(Postgres) || pg == ix.of(MySQL) {
		t.Fatal("the lookups of a dialect are built once, and per dialect")
	}
	if NewIndex(nil) != nil || NewIndex(nil).Snapshot() != nil || len(Complete(nil, Postgres, NewDocument("SEL"), 3)) == 0 {
		t.Fatal("a nil Index stands for no snapshot: keywords only")
	}
	gone := make(chan struct{})
	func() {
		snap := bigSnapshot(10, 3)
		runtime.AddCleanup(snap, func(ch chan struct{}) { close(ch) }, gone)
		ix := NewIndex(snap)
		Complete(ix, Postgres, NewDocument("SELECT * FROM "), 14)
		Diagnose(ix, MySQL, NewDocument("SELECT * FROM t_00001"))
	}()
	for range 50 {
		runtime.GC()
		select {
		case <-gone:
			return
		case <-time.After(10 * time.Millisecond):
		}
	}
	t.Error("a snapshot whose Index was dropped is still reachable")
}

// BenchmarkBuildIndex100000 builds the PostgreSQL lookups of a
// 100,000-table snapshot: what a warm start pays after decoding, before
// its first answer.
func BenchmarkBuildIndex100000(b *testing.B) {
	snap := bigSnapshot(100000, 20)
	b.ReportAllocs()
	for b.Loop() {
		buildIndex(snap, Postgres)
	}
}
