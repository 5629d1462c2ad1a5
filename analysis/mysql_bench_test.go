package analysis

import (
	"fmt"
	"strings"
	"testing"

	"github.com/dbls/dbls/drivers/schema"
)

// mysqlBigSnapshot is bigSnapshot read from a MySQL 8 server.
func mysqlBigSnapshot() *schema.Snapshot {
	snap := bigSnapshot(10000, 20)
	snap.Driver, snap.ServerVersion = "mysql", "8.0.40"
	return snap
}

// mysqlDumpDoc is a dump-like document of about n lines: per table a
// CREATE TABLE and extended INSERTs of 50 rows each, as mariadb-dump
// writes them (one row per line here, so that lines count).
func mysqlDumpDoc(n int) string {
	var b strings.Builder
	for i := 0; strings.Count(b.String(), "\n") < n; i++ {
		fmt.Fprintf(&b, "DROP TABLE IF EXISTS `d_%d`;\nCREATE TABLE `d_%d` (\n  `id` int NOT NULL,\n  `name` varchar(40) DEFAULT NULL,\n  `price` decimal(8,2) DEFAULT NULL,\n  PRIMARY KEY (`id`)\n) ENGINE=InnoDB;\n", i, i)
		for k := 0; k < 4; k++ {
			fmt.Fprintf(&b, "INSERT INTO `d_%d` VALUES\n", i)
			for r := 0; r < 50; r++ {
				sep := ","
				if r == 49 {
					sep = ";"
				}
				fmt.Fprintf(&b, "(%d,'item \\'%d\\' ü',%d.99)%s\n", k*50+r, r, r, sep)
			}
		}
	}
	return b.String()
}

// mysqlBigInsert is one INSERT of n rows on one line, as mariadb-dump
// writes a table (up to its 1 MB --net-buffer-length).
func mysqlBigInsert(n int) string {
	var b strings.Builder
	b.WriteString("CREATE TABLE `big` (`id` int NOT NULL PRIMARY KEY, `name` varchar(40), `price` decimal(8,2));\nINSERT INTO `big` VALUES ")
	for r := 0; r < n; r++ {
		if r > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, "(%d,'item %d',%d.5)", r, r, r%100)
	}
	b.WriteString(";\n")
	return b.String()
}

// BenchmarkMySQLDiagnose diagnoses large MySQL documents against a
// 10,000-table snapshot of a MySQL server: cold (a document never
// diagnosed), and after a one-character edit in the middle (the chunks the
// edit did not touch keep their diagnosis).
func BenchmarkMySQLDiagnose(b *testing.B) {
	ix := NewIndex(mysqlBigSnapshot())
	docs := []struct {
		name string
		src  string
	}{
		{"queries5k", benchDiagDoc(5000)},
		{"queries50k", benchDiagDoc(50000)},
		{"dump50k", mysqlDumpDoc(50000)},
		{"insert1MB", mysqlBigInsert(20000)},
	}
	for _, d := range docs {
		Diagnose(ix, MySQL, NewDocument(d.src)) // the index, outside the timing
		b.Run(d.name+"/cold", func(b *testing.B) {
			b.SetBytes(int64(len(d.src)))
			b.ReportAllocs()
			for b.Loop() {
				Diagnose(ix, MySQL, NewDocument(d.src))
			}
		})
		b.Run(d.name+"/edit", func(b *testing.B) {
			doc := NewDocument(d.src)
			Diagnose(ix, MySQL, doc)
			// In a query, or in a row of an INSERT of the dump.
			at := strings.Index(d.src[len(d.src)/2:], "id") + len(d.src)/2
			if !strings.HasPrefix(d.name, "queries") {
				at = strings.Index(d.src[len(d.src)/2:], "item") + len(d.src)/2
			}
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				// Alternately type a space before "id" and delete it.
				if i%2 == 0 {
					doc = doc.Edit(at, at, " ")
				} else {
					doc = doc.Edit(at, at+1, "")
				}
				i++
				Diagnose(ix, MySQL, doc)
			}
		})
	}
}

// TestMySQLBenchDocs keeps the benchmark honest: the queries document's
// mistakes, and only they, are found; the dump is silent.
func TestMySQLBenchDocs(t *testing.T) {
	ix := NewIndex(mysqlBigSnapshot())
	src := benchDiagDoc(500)
	got := Diagnose(ix, MySQL, NewDocument(src))
	count := map[string]int{}
	for _, g := range got {
		count[g.Code]++
	}
	n := strings.Count(src, "missing_")
	if count[CodeUnknownTab] != n || count[CodeSyntax] != n || count[CodeUnknownCol] != strings.Count(src, "nope") || len(count) != 3 {
		t.Errorf("got %v for %d bad statements: %s", count, n, describe(src, got[:min(len(got), 10)]))
	}
	dump := mysqlDumpDoc(2000)
	if got := Diagnose(ix, MySQL, NewDocument(dump)); len(got) > 0 {
		t.Errorf("dump: %s", describe(dump, got[:min(len(got), 10)]))
	}
	// A statement too long for vitess gets diagnose.go's checks.
	big := mysqlBigInsert(5000)
	if len(big) < maxMySQLParse {
		t.Fatalf("the big INSERT is %d bytes", len(big))
	}
	big = strings.Replace(big, "(7,'item 7',7.5)", "(7,'item 7',7.5,1)", 1)
	if got := Diagnose(ix, MySQL, NewDocument(big)); len(got) != 1 || got[0].Code != CodeInsertArity {
		t.Errorf("big INSERT with a long row: %s", describe(big, got))
	}
	bad := strings.Replace(dump, "(3,'item", "(3,0,'item", 1)
	if got := Diagnose(ix, MySQL, NewDocument(bad)); len(got) != 1 || got[0].Code != CodeInsertArity {
		t.Errorf("dump with a long row: %s", describe(bad, got))
	}
}

// FuzzMySQLDiagnose: the MySQL engine never panics and its ranges fit the
// text, in each flavour.
func FuzzMySQLDiagnose(f *testing.F) {
	for _, c := range mysqlBroken {
		text, _ := unmark(c.text)
		f.Add(uint8(0), text)
	}
	for _, s := range mysqlValid {
		f.Add(uint8(1), s)
	}
	for _, s := range mariadbOnly {
		f.Add(uint8(2), s)
	}
	f.Add(uint8(0), mysqlDumpDoc(30))
	f.Fuzz(func(t *testing.T, fl uint8, text string) {
		flavour := allFlavours[int(fl)%len(allFlavours)]
		for _, g := range Diagnose(NewIndex(flavourSnapshot(flavour)), MySQL, NewDocument(text)) {
			if g.Range.Start < 0 || g.Range.Start > g.Range.End || g.Range.End > len(text) {
				t.Fatalf("range %v out of [0, %d]: %+v", g.Range, len(text), g)
			}
			if g.Message == "" || g.Code == "" {
				t.Fatalf("empty diagnostic %+v", g)
			}
		}
	})
}
