package analysis

import (
	"fmt"
	"strings"
	"testing"
)

func FuzzDiagnose(f *testing.F) {
	for _, c := range diagCases {
		text, _ := unmark(c.text)
		f.Add(dialectIndex(c.dialects[0]), text)
	}
	addSeeds(f)
	f.Fuzz(func(t *testing.T, di uint8, text string) {
		d := fuzzDialects[int(di&0x7f)%len(fuzzDialects)]
		snap := scopeSnapshot(d)
		if di&0x80 != 0 {
			snap = nil
		}
		for _, g := range Diagnose(NewIndex(snap), d, NewDocument(text)) {
			if g.Range.Start < 0 || g.Range.Start > g.Range.End || g.Range.End > len(text) {
				t.Fatalf("range %v out of [0, %d]: %+v", g.Range, len(text), g)
			}
			if g.Message == "" || g.Code == "" {
				t.Fatalf("empty diagnostic %+v", g)
			}
		}
	})
}

// benchDiagDoc is a document of about n lines of ordinary queries over
// bigSnapshot, with a few mistakes in it.
func benchDiagDoc(n int) string {
	var b strings.Builder
	for i := 0; strings.Count(b.String(), "\n") < n; i++ {
		t1, t2 := i%9000+1, i%9000+2
		switch i % 5 {
		case 0:
			fmt.Fprintf(&b, "SELECT a.id, a.c02_%d, b.parent_id\nFROM t_%05d a\nJOIN t_%05d b ON b.parent_id = a.id\nWHERE a.c03_%d = 'x'\nORDER BY a.id;\n\n", t1%7, t1, t2, t1%7)
		case 1:
			fmt.Fprintf(&b, "WITH w AS (SELECT id, c04_%d AS v FROM t_%05d)\nSELECT w.v, count(*) AS n\nFROM w\nGROUP BY w.v\nORDER BY n DESC;\n\n", t1%7, t1)
		case 2:
			fmt.Fprintf(&b, "INSERT INTO t_%05d (id, parent_id) VALUES (%d, %d), (%d, %d);\n\n", t1, i, i, i+1, i)
		case 3:
			fmt.Fprintf(&b, "UPDATE t_%05d SET c05_%d = 'y'\nWHERE id IN (SELECT parent_id FROM t_%05d WHERE nope = 1);\n\n", t1, t1%7, t2)
		default:
			fmt.Fprintf(&b, "SELECT * FROM missing_%d m WHERE m.id = 1;\nSELECT id, FROM t_%05d;\n\n", i, t1)
		}
	}
	return b.String()
}

func BenchmarkDiagnose5000Lines(b *testing.B) {
	ix := NewIndex(bigSnapshot(10000, 20))
	src := benchDiagDoc(5000)
	Diagnose(ix, Postgres, NewDocument(src)) // build the index outside the timing
	// cold: a document never diagnosed, every statement parsed by
	// pg_query; warm: the next version after an edit, lexed afresh, the
	// unchanged statements' syntax verdicts carried from the last one.
	for _, warm := range []bool{false, true} {
		name := "cold"
		if warm {
			name = "warm"
		}
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			doc := NewDocument(src)
			Diagnose(ix, Postgres, doc)
			for b.Loop() {
				if warm {
					doc = doc.Next(src)
				} else {
					doc = NewDocument(src)
				}
				Diagnose(ix, Postgres, doc)
			}
		})
	}
}

// TestBenchDiagDoc keeps the benchmark honest: its mistakes, and only
// they, are found.
func TestBenchDiagDoc(t *testing.T) {
	src := benchDiagDoc(500)
	got := Diagnose(NewIndex(bigSnapshot(10000, 20)), Postgres, NewDocument(src))
	count := map[string]int{}
	for _, g := range got {
		count[g.Code]++
	}
	n := strings.Count(src, "missing_")
	if count[CodeUnknownTab] != n || count[CodeSyntax] != n || count[CodeUnknownCol] != strings.Count(src, "nope") || len(count) != 3 {
		t.Errorf("got %v for %d bad statements: %s", count, n, describe(src, got[:min(len(got), 10)]))
	}
}
