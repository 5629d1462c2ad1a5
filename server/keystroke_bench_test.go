package server

import (
	"context"
	"runtime"
	"testing"
	"time"

	"go.lsp.dev/protocol"

	"github.com/dbls/dbls/drivers/drivertest"
)

// BenchmarkServerKeystroke50k: on a 50,000-statement dump (about 4 MB),
// one character typed in a statement in the middle (didChange with a
// range, then deleted the same way so the text keeps its size) and
// completion asked there, through the handlers as the read loop runs
// them. p50/p99 are of single keystroke+completion pairs.
func BenchmarkServerKeystroke50k(b *testing.B) {
	const n = 50_000
	text, _ := dumpText(n)
	s, uri := dumpServer(b, text)
	line := uint32(n/2 + 5)
	col := uint32(len("INSERT INTO public.t_00001 VALUES ("))
	pos := func(c uint32) protocol.Position { return protocol.Position{Line: line, Character: c} }
	complete := func(c uint32) {
		p := docParams(uri)
		p["position"] = pos(c)
		if _, err := callHandler(b, s, context.Background(), "textDocument/completion", p); err != nil {
			b.Fatal(err)
		}
	}
	complete(col)
	var times, cpu []time.Duration
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	b.ReportAllocs()
	b.SetBytes(int64(len(text)))
	i := int32(1)
	for b.Loop() {
		start, c0 := time.Now(), drivertest.ThreadCPU()
		i++
		if i%2 == 0 {
			s.docs.change(uri, i, []contentChange{{Range: &protocol.Range{Start: pos(col), End: pos(col)}, Text: "c"}})
			complete(col + 1)
		} else {
			s.docs.change(uri, i, []contentChange{{Range: &protocol.Range{Start: pos(col), End: pos(col + 1)}, Text: ""}})
			complete(col)
		}
		times = append(times, time.Since(start))
		cpu = append(cpu, drivertest.ThreadCPU()-c0)
	}
	b.StopTimer()
	reportPercentiles(b, times)
	reportCPUPercentiles(b, cpu)
}
