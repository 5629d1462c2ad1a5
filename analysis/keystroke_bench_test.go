package analysis

import (
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dbls/dbls/drivers/drivertest"
)

// keystrokeDoc is the 50,000-line PostgreSQL script of the keystroke
// benchmarks and the offset, in a query in its middle, where they type:
// just after "SELECT " of its report query.
func keystrokeDoc(b *testing.B) (string, int) {
	text := benchScript(Postgres, 50_000)
	at := strings.Index(text[len(text)/2:], "SELECT c.name") + len(text)/2 + len("SELECT ")
	return text, at
}

// reportPct reports the 50th and 99th percentiles of times, in µs.
func reportPct(b *testing.B, times []time.Duration) {
	slices.Sort(times)
	pct := func(p float64) float64 {
		return float64(times[min(len(times)-1, int(float64(len(times))*p))].Microseconds())
	}
	b.ReportMetric(pct(0.50), "p50-µs")
	b.ReportMetric(pct(0.99), "p99-µs")
}

// reportCPUPct reports the 50th and 99th percentiles of the CPU time of
// single operations (drivertest.ThreadCPU), in µs: what the work costs,
// whatever else the machine runs meanwhile.
func reportCPUPct(b *testing.B, cpu []time.Duration) {
	slices.Sort(cpu)
	pct := func(p float64) float64 {
		return float64(cpu[min(len(cpu)-1, int(float64(len(cpu))*p))].Microseconds())
	}
	b.ReportMetric(pct(0.50), "cpu-p50-µs")
	b.ReportMetric(pct(0.99), "cpu-p99-µs")
}

// BenchmarkKeystrokeCompletion50k: on a 50,000-line script, one character
// typed (then deleted, so the text stays the same size) and completion
// asked where it was typed, as an editor does on every keystroke. The
// new version is made by Next from the whole text (what a client that
// sends whole texts causes), so that the figure compares with versions of
// dbls without Edit.
func BenchmarkKeystrokeCompletion50k(b *testing.B) {
	text, at := keystrokeDoc(b)
	ix := NewIndex(bigSnapshot(1000, 10))
	doc := NewDocument(text)
	Complete(ix, Postgres, doc, at)
	typed := text[:at] + "c" + text[at:]
	var times, cpu []time.Duration
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	b.ReportAllocs()
	b.SetBytes(int64(len(text)))
	i := 0
	for b.Loop() {
		start, c0 := time.Now(), drivertest.ThreadCPU()
		off := at
		if i%2 == 0 {
			doc = doc.Next(typed)
			off++
		} else {
			doc = doc.Next(text)
		}
		Complete(ix, Postgres, doc, off)
		times = append(times, time.Since(start))
		cpu = append(cpu, drivertest.ThreadCPU()-c0)
		i++
	}
	b.StopTimer()
	reportPct(b, times)
	reportCPUPct(b, cpu)
}

// BenchmarkDiagnoseAfterEdit50k: the diagnostics of a 50,000-line script
// (pg_query on every statement, names checked against a snapshot) after
// a one-character edit, once the previous version was diagnosed.
func BenchmarkDiagnoseAfterEdit50k(b *testing.B) {
	text, at := keystrokeDoc(b)
	ix := NewIndex(bigSnapshot(1000, 10))
	doc := NewDocument(text)
	Diagnose(ix, Postgres, doc)
	typed := text[:at] + "c" + text[at:]
	var times []time.Duration
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		start := time.Now()
		if i%2 == 0 {
			doc = doc.Next(typed)
		} else {
			doc = doc.Next(text)
		}
		Diagnose(ix, Postgres, doc)
		times = append(times, time.Since(start))
		i++
	}
	b.StopTimer()
	reportPct(b, times)
}

// BenchmarkDocumentMemory50k reports the heap a 50,000-line document
// holds once scanned, completed in and diagnosed, as a multiple of its
// size (x-size).
func BenchmarkDocumentMemory50k(b *testing.B) {
	text, at := keystrokeDoc(b)
	ix := NewIndex(bigSnapshot(1000, 10))
	Complete(ix, Postgres, NewDocument("SELECT 1"), 8)
	var ratio float64
	for b.Loop() {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		doc := NewDocument(text)
		Complete(ix, Postgres, doc, at)
		Diagnose(ix, Postgres, doc)
		runtime.GC()
		runtime.ReadMemStats(&after)
		ratio = float64(int64(after.HeapAlloc)-int64(before.HeapAlloc)) / float64(len(text))
		runtime.KeepAlive(doc)
	}
	b.ReportMetric(float64(len(text))/1e6, "doc-MB")
	b.ReportMetric(ratio, "x-size")
}
