package analysis

import (
	"fmt"
	"strings"
	"testing"
)

// benchScript generates a realistic SQL file of at least lines lines for
// dialect d: comments, DDL, multi-row inserts with awkward strings,
// joins, CASE expressions and routines with bodies, with blank lines.
func benchScript(d Dialect, lines int) string {
	var b strings.Builder
	for i := 0; strings.Count(b.String(), "\n") < lines; i++ {
		writeDDL(&b, d, i)
		writeDML(&b, i)
		writeRoutine(&b, d, i)
	}
	return b.String()
}

func writeDDL(b *strings.Builder, d Dialect, i int) {
	id := "id serial PRIMARY KEY"
	switch d {
	case MySQL:
		id = "id INT AUTO_INCREMENT PRIMARY KEY"
	case SQLite:
		id = "id INTEGER PRIMARY KEY"
	}
	fmt.Fprintf(b, "-- table %d: orders and their lines\n", i)
	fmt.Fprintf(b, "CREATE TABLE orders_%d (\n  %s,\n  customer_id int NOT NULL,\n", i, id)
	b.WriteString("  status varchar(20) NOT NULL DEFAULT 'new',\n  note text,\n")
	b.WriteString("  total numeric(12, 2) CHECK (total >= 0),\n  created_at timestamp NOT NULL\n);\n\n")
	fmt.Fprintf(b, "CREATE INDEX orders_%d_customer ON orders_%d (customer_id, created_at);\n\n", i, i)
}

func writeDML(b *strings.Builder, i int) {
	fmt.Fprintf(b, "INSERT INTO orders_%d (customer_id, status, note, total, created_at) VALUES\n", i)
	b.WriteString("  (1, 'new', 'it''s; fine', 10.50, '2024-01-01 10:00:00'),\n")
	b.WriteString("  (2, 'paid', '/* not a comment */ -- nor this', 1e3, '2024-01-02 11:00:00'),\n")
	b.WriteString("  (3, 'void', NULL, 0, '2024-01-03 12:00:00');\n\n")
	b.WriteString("/* the report:\n   totals per status; one row per customer */\n")
	b.WriteString("SELECT c.name, o.status,\n       CASE WHEN o.total > 100 THEN 'big' ELSE 'small' END AS size,\n")
	fmt.Fprintf(b, "       sum(o.total) AS total\n  FROM orders_%d AS o\n  JOIN customers c ON c.id = o.customer_id\n", i)
	b.WriteString(" WHERE o.created_at >= '2024-01-01' AND o.status <> 'void'\n")
	b.WriteString(" GROUP BY c.name, o.status\n ORDER BY total DESC\n LIMIT 50;\n\n")
	fmt.Fprintf(b, "UPDATE orders_%d SET status = 'paid' WHERE id IN (SELECT id FROM payments WHERE ok);\n\n", i)
}

func writeRoutine(b *strings.Builder, d Dialect, i int) {
	switch d {
	case Postgres:
		fmt.Fprintf(b, "CREATE OR REPLACE FUNCTION touch_%d() RETURNS trigger AS $$\nBEGIN\n", i)
		b.WriteString("  NEW.updated_at := now();\n  IF NEW.status = 'void' THEN\n    RAISE NOTICE 'voided; %', NEW.id;\n")
		b.WriteString("  END IF;\n  RETURN NEW;\nEND;\n$$ LANGUAGE plpgsql;\n\n")
	case MySQL:
		fmt.Fprintf(b, "CREATE PROCEDURE close_%d(IN n INT)\nBEGIN\n  DECLARE i INT DEFAULT 0;\n", i)
		b.WriteString("  WHILE i < n DO\n    UPDATE orders SET status = 'closed' WHERE id = i;\n")
		b.WriteString("    IF i > 10 THEN\n      LEAVE;\n    END IF;\n    SET i = i + 1;\n  END WHILE;\nEND;\n\n")
	default:
		fmt.Fprintf(b, "CREATE TRIGGER audit_%d AFTER UPDATE ON orders\nBEGIN\n", i)
		b.WriteString("  INSERT INTO audit (what, at) VALUES ('order ' || new.id || '; changed', datetime('now'));\n")
		b.WriteString("  UPDATE stats SET n = n + 1 WHERE k = CASE new.status WHEN 'paid' THEN 'p' ELSE 'o' END;\nEND;\n\n")
	}
}

func BenchmarkSplit5000Lines(b *testing.B) {
	for _, d := range []Dialect{Postgres, MySQL, SQLite} {
		src := benchScript(d, 5000)
		b.Run(string(d), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for b.Loop() {
				Split(d, src)
			}
		})
	}
}

func BenchmarkLex(b *testing.B) {
	for _, d := range []Dialect{Postgres, MySQL, SQLite} {
		src := benchScript(d, 5000)
		b.Run(string(d), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for b.Loop() {
				Lex(d, src)
			}
		})
	}
}

// TestBenchScriptSplits keeps the benchmark honest: the generated file
// splits into the statements it was written as.
func TestBenchScriptSplits(t *testing.T) {
	for _, d := range []Dialect{Postgres, MySQL, SQLite} {
		src := benchScript(d, 5000)
		stmts := Split(d, src)
		blocks := strings.Count(src, "CREATE TABLE")
		if lines := strings.Count(src, "\n"); lines < 5000 {
			t.Fatalf("%s: %d lines", d, lines)
		}
		if want := blocks * 6; len(stmts) != want {
			t.Errorf("%s: %d statements, want %d", d, len(stmts), want)
		}
		for _, s := range stmts {
			if !s.Terminated {
				t.Errorf("%s: unterminated %q", d, s.Text(src))
			}
		}
	}
}
