package runner_test

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"testing"

	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/server/runner"
)

// bigResult is a statement of 1,000 rows of about 2 KB each, per engine.
var bigResult = map[string]string{
	"postgres": "SELECT i, repeat('x', 2000) AS pad FROM generate_series(1, 1000) AS i",
	"mysql":    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000) SELECT i, REPEAT('x', 2000) AS pad FROM n",
	"sqlite":   "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000) SELECT i, hex(zeroblob(1000)) AS pad FROM n",
}

// A result past Limits.Result is refused with ErrResultTooLarge and not
// kept; a page of it runs, and the connection serves the next statement.
func TestResultOverBudgetRefused(t *testing.T) {
	for _, e := range engines {
		t.Run(e.name, func(t *testing.T) {
			url := e.url(t)
			ctx := context.Background()
			r := runner.New(opener(false), 0)
			defer r.Close()
			r.SetLimits(runner.Limits{Result: 1 << 20})
			_, err := r.Run(ctx, runner.Request{ID: "all", Connection: url, SQL: bigResult[e.name]})
			if !errors.Is(err, drivers.ErrResultTooLarge) {
				t.Fatalf("every row of a 2 MB result with a 1 MiB budget: %v, want ErrResultTooLarge", err)
			}
			if _, err := r.Last("all"); !errors.Is(err, runner.ErrNoSession) || r.Held() != 0 {
				t.Fatalf("a refused result was kept: %v, %d bytes held", err, r.Held())
			}
			res, err := r.Run(ctx, runner.Request{ID: "page", Connection: url, SQL: bigResult[e.name], Limit: 100})
			if err != nil || len(res.Rows) != 100 || !res.HasMore {
				t.Fatalf("a page of it: %v", err)
			}
			if res, err = r.Next(ctx, "page"); err != nil || len(res.Rows) != 100 || res.Page != 2 {
				t.Fatalf("the next page: %v", err)
			}
			// Exporting every row runs within the same budget.
			if _, err := r.All(ctx, "page"); !errors.Is(err, drivers.ErrResultTooLarge) {
				t.Fatalf("All past the budget: %v", err)
			}
			if res := exec(t, r, url, "SELECT 1"); len(res.Rows) != 1 {
				t.Fatalf("after the refusal: %+v", res)
			}
		})
	}
}

// The kept results are bounded by Limits.Cache: the oldest go first, the
// newest always stays, and their memory is released.
func TestResultCacheEvictsByBytes(t *testing.T) {
	url := engines[2].url(t) // sqlite: the accounting is the runner's
	ctx := context.Background()
	r := runner.New(opener(false), 0)
	defer r.Close()
	r.SetLimits(runner.Limits{Result: 10 << 20, Cache: 1 << 20})
	var sizes []int64
	for i := range 4 {
		res, err := r.Run(ctx, runner.Request{ID: fmt.Sprintf("r%d", i), Connection: url, SQL: bigResult["sqlite"], Limit: 200})
		if err != nil {
			t.Fatal(err)
		}
		sizes = append(sizes, drivers.ResultSize(res.Result))
	}
	if sizes[0] < 300<<10 || sizes[0] > 512<<10 {
		t.Fatalf("a result of 200 rows of 2 KB counts %d bytes", sizes[0])
	}
	if held := r.Held(); held > 1<<20 || held != sizes[2]+sizes[3] {
		t.Fatalf("held %d bytes, want the last two results (%d)", held, sizes[2]+sizes[3])
	}
	for i, want := range []bool{false, false, true, true} {
		if _, err := r.Last(fmt.Sprintf("r%d", i)); (err == nil) != want {
			t.Errorf("r%d kept: %v, want %v", i, err == nil, want)
		}
	}
	// A smaller cache drops all but the newest; a run past the cache alone
	// is still kept, being the newest.
	r.SetLimits(runner.Limits{Result: 10 << 20, Cache: 1})
	if _, err := r.Last("r3"); err != nil || r.Held() != sizes[3] {
		t.Fatalf("the newest was dropped (%v) or more is held: %d", err, r.Held())
	}
	if _, err := r.Last("r2"); !errors.Is(err, runner.ErrNoSession) {
		t.Fatalf("r2 kept past the cache: %v", err)
	}
}

// BenchmarkResultMemory runs results of about 6 MB each (3,000 rows of
// 2 KB, every row) under ids that cycle through 20 sessions, then
// measures the heap after a GC: heap-MB is what the runner holds, kept-MB
// what it counts. "unbounded" is the runner without limits (as before
// them: every kept result stays, about 20 × 6 MB); "cache16MiB" bounds the
// cache to 16 MiB (two results kept); "result1MiB" bounds each result to
// 1 MiB, so that every run is refused and nothing stays.
func BenchmarkResultMemory(b *testing.B) {
	url := engines[2].url(b)
	const sql = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000) SELECT i, hex(zeroblob(1000)) AS pad FROM n"
	for _, c := range []struct {
		name   string
		limits runner.Limits
	}{
		{"unbounded", runner.Limits{}},
		{"cache16MiB", runner.Limits{Result: 8 << 20, Cache: 16 << 20}},
		{"result1MiB", runner.Limits{Result: 1 << 20, Cache: 16 << 20}},
	} {
		b.Run(c.name, func(b *testing.B) {
			ctx := context.Background()
			var base, held runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&base)
			r := runner.New(opener(false), 0)
			defer r.Close()
			r.SetLimits(c.limits)
			i := 0
			for b.Loop() {
				_, err := r.Run(ctx, runner.Request{ID: fmt.Sprintf("m%d", i%20), Connection: url, SQL: sql})
				if err != nil && !errors.Is(err, drivers.ErrResultTooLarge) {
					b.Fatal(err)
				}
				i++
			}
			b.StopTimer()
			runtime.GC()
			runtime.ReadMemStats(&held)
			b.ReportMetric(float64(int64(held.HeapAlloc)-int64(base.HeapAlloc))/(1<<20), "heap-MB")
			b.ReportMetric(float64(r.Held())/(1<<20), "kept-MB")
		})
	}
}
