package analysis

import (
	"strings"
	"testing"
	"time"
)

// BenchmarkDiagnoseAfterDDLEdit50k edits the column list of the first
// CREATE TABLE of the 50,000-line document, back and forth: what the
// document creates changes, so every later chunk is checked again (the
// statements' parse verdicts and models are reused, not parsed again).
func BenchmarkDiagnoseAfterDDLEdit50k(b *testing.B) {
	text, _ := keystrokeDoc(b)
	at := strings.Index(text, "note text") + len("note")
	ix := NewIndex(bigSnapshot(1000, 10))
	doc := NewDocument(text)
	Diagnose(ix, Postgres, doc)
	var times []time.Duration
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		start := time.Now()
		if i%2 == 0 {
			doc = doc.Edit(at, at, "s")
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
