package analysis

import (
	"fmt"
	"strings"
	"testing"

	"github.com/dbls/dbls/drivers/schema"
)

// sqliteBigSnapshot is bigSnapshot as SQLite has it: tables in main and
// in an attached database "archive".
func sqliteBigSnapshot(tables, cols int) *schema.Snapshot {
	snap := bigSnapshot(tables, cols)
	snap.Driver, snap.DefaultSchema, snap.SearchPath = "sqlite", "main", []string{"main", "archive"}
	for i := range snap.Schemas {
		s := &snap.Schemas[i]
		if s.Name == "public" {
			s.Name = "main"
		}
		for j := range s.Tables {
			for k := range s.Tables[j].Columns {
				s.Tables[j].Columns[k].Default = nil // PostgreSQL's spelling ('new'::character varying)
			}
			for k := range s.Tables[j].ForeignKeys {
				if fk := &s.Tables[j].ForeignKeys[k]; fk.RefSchema == "public" {
					fk.RefSchema = "main"
				}
			}
		}
	}
	return snap
}

// benchSQLiteDoc is a document of about n lines of queries over the first
// tables of sqliteBigSnapshot, a few of them wrong.
func benchSQLiteDoc(n, tables int) string {
	var b strings.Builder
	for i := 0; strings.Count(b.String(), "\n") < n; i++ {
		t1 := i%(tables-2) + 1
		t2 := t1 + 1
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

// BenchmarkDiagnoseSQLite5000Lines diagnoses a 5,000-line SQLite document
// over 4,000 tables of 20 columns, with the engine database (built before
// timing) and without it (the snapshot's driver renamed: the checks of
// diagnose.go alone). cold: a new document, SQLite's verdicts forgotten;
// warm: its next version, the verdicts of unchanged statements kept.
func BenchmarkDiagnoseSQLite5000Lines(b *testing.B) {
	const tables = 4000
	src := benchSQLiteDoc(5000, tables)
	for _, engine := range []bool{false, true} {
		snap := sqliteBigSnapshot(tables, 20)
		if !engine {
			snap.Driver = "sqlite-no-engine"
		}
		ix := NewIndex(snap)
		Diagnose(ix, SQLite, NewDocument(src))
		for _, warm := range []bool{false, true} {
			b.Run(fmt.Sprintf("engine=%v/warm=%v", engine, warm), func(b *testing.B) {
				b.SetBytes(int64(len(src)))
				b.ReportAllocs()
				doc := NewDocument(src)
				for b.Loop() {
					if e := ix.sqliteEngine(); e != nil && !warm {
						clear(e.verdicts) // cold: SQLite compiles every statement again
					}
					if warm {
						doc = doc.Next(src)
					} else {
						doc = NewDocument(src)
					}
					Diagnose(ix, SQLite, doc)
				}
			})
		}
	}
}

// TestBenchSQLiteDoc keeps the benchmark honest: with the engine, its
// mistakes, and only they, are found.
func TestBenchSQLiteDoc(t *testing.T) {
	src := benchSQLiteDoc(500, 200)
	got := Diagnose(NewIndex(sqliteBigSnapshot(200, 20)), SQLite, NewDocument(src))
	count := map[string]int{}
	for _, g := range got {
		count[g.Code]++
	}
	n := strings.Count(src, "missing_")
	if count[CodeUnknownTab] != n || count[CodeSyntax] != n || count[CodeUnknownCol] != strings.Count(src, "nope") || len(count) != 3 {
		t.Errorf("got %v for %d bad statements: %s", count, n, describe(src, got[:min(len(got), 10)]))
	}
}

// BenchmarkDiagnoseSQLiteFirst is the first diagnosis after a snapshot of
// 4,000 tables lands: the engine database made, the tables the document
// names created, every statement compiled.
func BenchmarkDiagnoseSQLiteFirst(b *testing.B) {
	snap := sqliteBigSnapshot(4000, 20)
	src := benchSQLiteDoc(5000, 4000)
	for b.Loop() {
		Diagnose(NewIndex(snap), SQLite, NewDocument(src))
	}
}
