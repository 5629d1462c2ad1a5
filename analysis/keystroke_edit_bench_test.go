package analysis

import (
	"testing"
	"time"
)

// BenchmarkKeystrokeEditCompletion50k is BenchmarkKeystrokeCompletion50k
// with the versions made by Edit, as the server does for the ranged
// changes editors send.
func BenchmarkKeystrokeEditCompletion50k(b *testing.B) {
	text, at := keystrokeDoc(b)
	ix := NewIndex(bigSnapshot(1000, 10))
	doc := NewDocument(text)
	Complete(ix, Postgres, doc, at)
	var times []time.Duration
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		start := time.Now()
		off := at
		if i%2 == 0 {
			doc = doc.Edit(at, at, "c")
			off++
		} else {
			doc = doc.Edit(at, at+1, "")
		}
		Complete(ix, Postgres, doc, off)
		times = append(times, time.Since(start))
		i++
	}
	b.StopTimer()
	reportPct(b, times)
}

// BenchmarkDiagnoseAfterEditEdit50k is BenchmarkDiagnoseAfterEdit50k with
// the versions made by Edit.
func BenchmarkDiagnoseAfterEditEdit50k(b *testing.B) {
	text, at := keystrokeDoc(b)
	ix := NewIndex(bigSnapshot(1000, 10))
	doc := NewDocument(text)
	Diagnose(ix, Postgres, doc)
	var times []time.Duration
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		start := time.Now()
		if i%2 == 0 {
			doc = doc.Edit(at, at, "c")
		} else {
			doc = doc.Edit(at, at+1, "")
		}
		Diagnose(ix, Postgres, doc)
		times = append(times, time.Since(start))
		i++
	}
	b.StopTimer()
	reportPct(b, times)
}
