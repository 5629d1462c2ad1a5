package server

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"path/filepath"
	"runtime"
	"slices"
	"testing"
	"time"

	"go.lsp.dev/jsonrpc2"

	"github.com/dbls/dbls/drivers/connect"
	"github.com/dbls/dbls/drivers/connect/store"
	"github.com/dbls/dbls/drivers/drivertest"
	"github.com/dbls/dbls/drivers/schema"
)

// benchDocs are completion requests as users type them, over
// drivertest.LargeSnapshot: [text, line, character].
var benchDocs = []struct {
	text       string
	line, char uint32
}{
	{"SELECT * FROM ", 0, 14},
	{"SELECT * FROM t_012", 0, 19},
	{"SELECT  FROM t_00042 a JOIN t_00043 b ON a.id = b.parent_id WHERE a.c02_0 = 'x'", 0, 7},
	{"SELECT a. FROM t_00042 a", 0, 9},
	{"SELECT * FROM t_00042 a JOIN t_00043 b ON ", 0, 42},
	{"WITH w AS (SELECT id, c03_0 AS x FROM t_07000)\nSELECT w. FROM w", 1, 9},
	{"SELECT * FROM t_00100 WHERE c", 0, 29},
	{"INSERT INTO t_05000 (id, ", 0, 25},
	{"UPDATE t_09999 SET ", 0, 19},
	{"SELECT * FROM archive.", 0, 22},
	{"SELECT round(coa", 0, 16},
	{"sel", 0, 3},
}

// BenchmarkServerCompletion10000 measures completion inside the server,
// through the handler: params decoded, position converted, the snapshot
// taken from the cache, analysis.Complete, items converted and the reply
// encoded as JSON — on 10,000 tables × 20 columns. p50/p99 are of single
// requests over the cursors above.
func BenchmarkServerCompletion10000(b *testing.B) { benchServerCompletion(b, 10000) }

// BenchmarkServerCompletion100000 is the same on 100,000 tables: the tail
// must not grow with the catalog.
func BenchmarkServerCompletion100000(b *testing.B) { benchServerCompletion(b, 100000) }

func benchServerCompletion(b *testing.B, tables int) {
	s, uris := benchServer(b, drivertest.LargeSnapshot(tables, 20))
	params := make([]json.RawMessage, len(benchDocs))
	for i, d := range benchDocs {
		params[i], _ = json.Marshal(map[string]any{"textDocument": map[string]any{"uri": uris[i]},
			"position": map[string]any{"line": d.line, "character": d.char}})
	}
	ctx := context.Background()
	complete := func(i int) int {
		_, async, err := handlers["textDocument/completion"](s, ctx, params[i])
		if err != nil {
			b.Fatal(err)
		}
		res, err := async()
		if err != nil {
			b.Fatal(err)
		}
		data, err := json.Marshal(res)
		if err != nil {
			b.Fatal(err)
		}
		return len(data)
	}
	for i := range benchDocs {
		complete(i) // the index is built once per snapshot, before timing
	}
	var times, cpu []time.Duration
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	b.ReportAllocs()
	b.ResetTimer()
	i := 0
	for b.Loop() {
		start, c0 := time.Now(), drivertest.ThreadCPU()
		complete(i % len(benchDocs))
		times = append(times, time.Since(start))
		cpu = append(cpu, drivertest.ThreadCPU()-c0)
		i++
	}
	b.StopTimer()
	reportPercentiles(b, times)
	reportCPUPercentiles(b, cpu)
}

// reportCPUPercentiles reports the 50th and 99th percentiles of the CPU
// time of single requests (drivertest.ThreadCPU, the goroutine locked to
// its thread), in µs: what the work costs, whatever else the machine runs.
func reportCPUPercentiles(b *testing.B, cpu []time.Duration) {
	slices.Sort(cpu)
	pct := func(p float64) float64 {
		return float64(cpu[min(len(cpu)-1, int(float64(len(cpu))*p))].Microseconds())
	}
	b.ReportMetric(pct(0.50), "cpu-p50-µs")
	b.ReportMetric(pct(0.99), "cpu-p99-µs")
}

func reportPercentiles(b *testing.B, times []time.Duration) {
	slices.Sort(times)
	pct := func(p float64) float64 {
		return float64(times[min(len(times)-1, int(float64(len(times))*p))].Microseconds())
	}
	b.ReportMetric(pct(0.50), "p50-µs")
	b.ReportMetric(pct(0.99), "p99-µs")
}

// benchServer is a session whose documents (one per benchDocs entry) are
// bound to a snapshot already in the cache.
func benchServer(b testing.TB, snap *schema.Snapshot) (*Server, []string) {
	b.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	b.Cleanup(cancel)
	s := &Server{opts: Options{FirstLoadWait: time.Second}, logger: log.New(io.Discard, "", 0), docs: newDocuments(),
		diags: newDiagState(), cache: newCache(), overrides: map[string]string{}, shown: map[string]bool{}, ctx: ctx,
		resolver: &connect.Resolver{}}
	arg := "snapshot:" + filepath.Join(b.TempDir(), "big.json")
	src, err := resolveSource(ctx, s.resolver, arg, "")
	if err != nil {
		b.Fatal(err)
	}
	e, _ := s.cache.get(src)
	e.setSnapshot(snap)
	e.markReady()
	var uris []string
	for i, d := range benchDocs {
		u := fmt.Sprintf("file:///bench/%d.sql", i)
		s.docs.open(u, 1, d.text)
		s.overrides[u] = arg
		uris = append(uris, u)
	}
	return s, uris
}

// BenchmarkStartToFirstCompletion10000 measures what a user waits for
// after opening an editor: Serve starts, initialize, didOpen and the first
// completion answered, from a store that holds the connection's
// 10,000-table snapshot (the database itself unreachable, as on a train).
// heap-MB is the heap held afterwards, after a GC: the snapshot loaded and
// indexed.
func BenchmarkStartToFirstCompletion10000(b *testing.B) { benchStartToFirstCompletion(b, 10000) }

// BenchmarkStartToFirstCompletion100000 is the warm start on 100,000 tables.
func BenchmarkStartToFirstCompletion100000(b *testing.B) { benchStartToFirstCompletion(b, 100000) }

func benchStartToFirstCompletion(b *testing.B, tables int) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(b.TempDir(), "store.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	// Port 1 refuses at once: the background refresh fails and the cached
	// snapshot stays.
	const url = "postgres://bench@127.0.0.1:1/bench?sslmode=disable"
	src, err := resolveSource(ctx, &connect.Resolver{}, url, "")
	if err != nil {
		b.Fatal(err)
	}
	if err := st.PutSnapshot(ctx, src.Key, drivertest.LargeSnapshot(tables, 20), time.Now()); err != nil {
		b.Fatal(err)
	}
	var base runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&base)
	var held float64
	var times []time.Duration
	for b.Loop() {
		start := time.Now()
		stop := benchSession(b, st, "-- dbls: connection="+url+"\nSELECT  FROM t_00042", 1, 7, func() {
			times = append(times, time.Since(start))
			var m runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&m)
			held = float64(int64(m.HeapAlloc)-int64(base.HeapAlloc)) / (1 << 20)
		})
		stop()
	}
	reportPercentiles(b, times)
	b.ReportMetric(held, "heap-MB")
}

// benchSession runs Serve over pipes, initializes it, opens one document,
// asks for completion at (line, char), calls answered with the reply,
// and returns the function that ends the session.
func benchSession(b *testing.B, st *store.Store, text string, line, char uint32, answered func()) func() {
	ctx, cancel := context.WithCancel(context.Background())
	serverIn, clientOut := io.Pipe()
	clientIn, serverOut := io.Pipe()
	done := make(chan struct{})
	go func() {
		defer close(done)
		Serve(ctx, serverIn, serverOut, Options{Store: st, UserConfig: filepath.Join(b.TempDir(), "none.toml"), DiagnosticsDelay: time.Hour}) //nolint:errcheck
		serverOut.Close()
		serverIn.Close()
	}()
	conn := jsonrpc2.NewConn(jsonrpc2.NewStream(struct {
		io.Reader
		io.Writer
		io.Closer
	}{clientIn, clientOut, clientOut}))
	conn.Go(ctx, func(ctx context.Context, reply jsonrpc2.Replier, req jsonrpc2.Request) error {
		return reply(ctx, nil, nil)
	})
	call := func(method string, params any) json.RawMessage {
		var raw json.RawMessage
		if _, err := conn.Call(ctx, method, params, &raw); err != nil {
			b.Fatalf("%s: %v", method, err)
		}
		return raw
	}
	call("initialize", map[string]any{"capabilities": map[string]any{}})
	conn.Notify(ctx, "initialized", map[string]any{})                                                                                                                 //nolint:errcheck
	conn.Notify(ctx, "textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": "file:///b.sql", "languageId": "sql", "version": 1, "text": text}}) //nolint:errcheck
	raw := call("textDocument/completion", map[string]any{"textDocument": map[string]any{"uri": "file:///b.sql"}, "position": map[string]any{"line": line, "character": char}})
	answered()
	var list struct {
		Items []struct{ Label string } `json:"items"`
	}
	if err := json.Unmarshal(raw, &list); err != nil || len(list.Items) < 20 {
		b.Fatalf("first completion: %v, %d items", err, len(list.Items))
	}
	return func() {
		call("shutdown", nil)
		conn.Notify(ctx, "exit", nil) //nolint:errcheck
		<-done
		conn.Close()
		cancel()
	}
}
