package analysis

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/drivertest"
	_ "github.com/dbls/dbls/drivers/postgres"
	"github.com/dbls/dbls/drivers/schema"
	pg "github.com/pganalyze/pg_query_go/v6"
)

// The PostgreSQL tree diagnostics against a real server: the rental
// schema (testdata/rentals_pg_*.sql) is loaded into a fresh database,
// its snapshot inspected, and then every valid file must be silent,
// while each broken statement raises exactly the marked diagnostics and
// is rejected by the server too (so that every alarm is a true one).

type pgFixture struct {
	url    string
	conn   drivers.Conn
	snap   *schema.Snapshot
	schema string
}

func readTestdata(t testing.TB, parts ...string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(parts...))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// loadRentals creates the rental database and returns it with its
// snapshot; the database is dropped when the test ends.
func loadRentals(t *testing.T) *pgFixture {
	t.Helper()
	ctx := context.Background()
	f := &pgFixture{url: drivertest.PostgresURL(t), schema: readTestdata(t, "testdata", "rentals_pg_schema.sql")}
	c, _, err := drivers.Open(ctx, f.url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	f.conn = c
	if _, err := c.(drivers.Execer).Exec(ctx, f.schema); err != nil {
		t.Fatalf("load rentals_pg_schema.sql: %v", err)
	}
	if f.snap, err = c.Snapshot(ctx, drivers.Filter{}); err != nil {
		t.Fatal(err)
	}
	return f
}

var errRollback = errors.New("rollback")

// run runs one statement in a transaction it rolls back; nil when the
// server accepts it.
func (f *pgFixture) run(stmt string) error {
	err := f.conn.(drivers.Transactor).Transact(context.Background(), func(ctx context.Context, tx drivers.Execer) error {
		if _, err := tx.Exec(ctx, stmt); err != nil {
			return err
		}
		return errRollback
	})
	if errors.Is(err, errRollback) {
		return nil
	}
	return err
}

// pgBroken are statements over the rental schema, each with its
// expected diagnostics marked ⟦…⟧ and their codes in order.
var pgBroken = []struct {
	text string
	want []string
}{
	{"SELECT * FROM ⟦films⟧", []string{CodeUnknownTab}},
	{"SELECT f.title FROM film f JOIN ⟦store.inventory⟧ i ON i.film_id = f.film_id", []string{CodeUnknownTab}},
	{"SELECT ⟦titel⟧ FROM film", []string{CodeUnknownCol}},
	// An unquoted name folds (Title is title), a quoted one does not.
	{"SELECT title FROM film WHERE Title = 'x' AND \"title\" = 'y' AND ⟦\"Title\"⟧ = 'z'", []string{CodeUnknownCol}},
	{"SELECT ⟦\"Box art\"⟧, \"Box Art\" FROM film", []string{CodeUnknownCol}},
	{"SELECT f.⟦name⟧ FROM film f", []string{CodeUnknownCol}},
	{"SELECT ⟦x⟧.title FROM film f", []string{CodeUnknownTab}},
	{"SELECT ⟦film⟧.title FROM film f", []string{CodeUnknownTab}},
	{"SELECT ⟦last_update⟧ FROM film f JOIN language l ON l.language_id = f.language_id", []string{CodeAmbiguous}},
	{"SELECT title FROM film f JOIN language l ON l.language_id = f.⟦lang_id⟧", []string{CodeUnknownCol}},
	{"INSERT INTO actor (first_name, last_name, last_update) VALUES ⟦('A', 'B')⟧", []string{CodeInsertArity}},
	{"INSERT INTO actor (first_name, last_name) VALUES ('A', 'B'), ⟦('C', 'D', now())⟧", []string{CodeInsertArity}},
	{"INSERT INTO country VALUES ⟦(9, 'Peru', now(), 'extra')⟧", []string{CodeInsertArity}},
	{"INSERT INTO actor (first_name, ⟦lastname⟧) VALUES ('A', 'B')", []string{CodeUnknownCol}},
	{"INSERT INTO ⟦actors⟧ (first_name) VALUES ('A')", []string{CodeUnknownTab}},
	{"UPDATE film SET ⟦price⟧ = 1 WHERE film_id = 1", []string{CodeUnknownCol}},
	{"UPDATE film SET length = 1 WHERE ⟦id⟧ = 1", []string{CodeUnknownCol}},
	{"DELETE FROM rental r USING customer c WHERE r.customer_id = c.customer_id AND c.⟦active_flag⟧ = 0", []string{CodeUnknownCol}},
	{"DELETE FROM rental WHERE rental_id = 1 RETURNING ⟦rental_date2⟧", []string{CodeUnknownCol}},
	{"SELEC title FROM film", []string{CodeSyntax}},
	{"SELECT title FROM film ORDER title", []string{CodeSyntax}},
	{"WITH a AS (SELECT film_id, title FROM film), b AS (SELECT actor_id FROM actor) SELECT ⟦title⟧ FROM b", []string{CodeUnknownCol}},
	{"WITH a AS (SELECT film_id FROM film) SELECT a.⟦title⟧ FROM a", []string{CodeUnknownCol}},
	{"SELECT s.⟦title⟧ FROM (SELECT film_id FROM film) s", []string{CodeUnknownCol}},
	{"SELECT c.customer_id FROM customer c CROSS JOIN LATERAL (SELECT rental_id FROM rental WHERE rental.customer_id = c.⟦cust_id⟧) r", []string{CodeUnknownCol}},
	{"SELECT r.⟦rental_date⟧ FROM customer c CROSS JOIN LATERAL (SELECT rental_id FROM rental WHERE rental.customer_id = c.customer_id) r", []string{CodeUnknownCol}},
	{"INSERT INTO film_category (film_id, category_id) VALUES (1, 2) ON CONFLICT (film_id, category_id) DO UPDATE SET ⟦updated⟧ = now()", []string{CodeUnknownCol}},
	{"INSERT INTO film_category (film_id, category_id) VALUES (1, 2) ON CONFLICT (film_id, category_id) DO UPDATE SET last_update = excluded.⟦changed⟧", []string{CodeUnknownCol}},
	{"SELECT a.first_name FROM actor a JOIN store.staff s ON s.first_name = a.first_name JOIN customer c ON c.first_name = s.first_name WHERE ⟦last_name⟧ = 'x'", []string{CodeAmbiguous}},
	{"SELECT f.title, ⟦ctegory⟧ FROM film_list f", []string{CodeUnknownCol}},
	{"SELECT \"Id\", ⟦\"tablename\"⟧ FROM \"AuditLog\"", []string{CodeUnknownCol}},
	{"SELECT * FROM ⟦auditlog⟧", []string{CodeUnknownTab}},
	{"SELECT é.⟦titre⟧ FROM film é WHERE é.title = 'Ünïcödé ✓'", []string{CodeUnknownCol}},
	{"SELECT title FROM film WHERE 'ß→' <> '' AND ⟦größe⟧ > 1", []string{CodeUnknownCol}},
	{"SELECT ⟦store_id⟧ FROM inventory i JOIN store.store s ON s.store_id = i.store_id", []string{CodeAmbiguous}},
	{"SELECT count(*) FROM film GROUP BY ⟦ratin⟧", []string{CodeUnknownCol}},
	{"INSERT INTO actor (first_name, last_name, ⟦last_update⟧) SELECT first_name, last_name FROM store.staff", []string{CodeInsertArity}},
	{"INSERT INTO actor (first_name) SELECT first_name, ⟦last_name⟧ FROM store.staff", []string{CodeInsertArity}},
	{"INSERT INTO country SELECT 1, 'x', now(), ⟦'extra'⟧", []string{CodeInsertArity}},
	// DO UPDATE sees the table and excluded: a bare column is in both.
	{"INSERT INTO category (category_id, name) VALUES (1, 'x') ON CONFLICT (category_id) DO UPDATE SET name = ⟦name⟧ || '!'", []string{CodeAmbiguous}},
	// Without RECURSIVE a CTE sees only the CTEs before it.
	{"WITH a AS (SELECT film_id FROM ⟦b⟧), b AS (SELECT film_id FROM film) SELECT * FROM a", []string{CodeUnknownTab}},
	{"WITH RECURSIVE t AS (SELECT 1 AS n UNION ALL SELECT n + 1 FROM t WHERE ⟦m⟧ < 3) SELECT n FROM t", []string{CodeUnknownCol}},
	{"SELECT title FROM film f JOIN language l ON l.language_id = ⟦c⟧.category_id JOIN category c ON true", []string{CodeUnknownTab}},
	{"UPDATE film f SET length = 1 FROM language l JOIN category c ON c.name = ⟦f⟧.title WHERE l.language_id = f.language_id", []string{CodeUnknownTab}},
	{"/* leading; comment */ SELECT title, -- x;\n ⟦nope⟧ /* é */ FROM film", []string{CodeUnknownCol}},
	{"SELECT title FROM film f WHERE EXISTS (SELECT 1 FROM inventory i WHERE i.film_id = f.film_id AND i.⟦shop_id⟧ = 1)", []string{CodeUnknownCol}},
	{"SELECT title FROM film f JOIN language l ON l.language_id = ⟦c⟧.language_id JOIN category c ON true", []string{CodeUnknownTab}},
}

func TestPostgresTreeRealSchema(t *testing.T) {
	f := loadRentals(t)
	ix := NewIndex(f.snap)
	queries := readTestdata(t, "testdata", "rentals_pg_queries.sql")

	t.Run("queries valid on the server", func(t *testing.T) {
		for _, st := range Split(Postgres, queries) {
			s := queries[st.Range.Start:st.Range.End]
			if err := f.run(s); err != nil {
				t.Errorf("the server rejects %q: %v", s, err)
			}
		}
	})
	t.Run("silent", func(t *testing.T) {
		for name, text := range map[string]string{
			"schema":           f.schema,
			"queries":          queries,
			"schema+queries":   f.schema + "\n" + queries,
			"queries, edited":  strings.Replace(queries, "ORDER BY f.title;", "ORDER BY f.title DESC;", 1),
			"schema, no index": f.schema,
		} {
			x := ix
			if name == "schema, no index" {
				x = NewIndex(&schema.Snapshot{Driver: "postgres", DefaultSchema: "public", SearchPath: []string{"public"}})
			}
			if got := Diagnose(x, Postgres, NewDocument(text)); len(got) > 0 {
				t.Errorf("%s: %s", name, describe(text, got))
			}
		}
		// The document creates what the snapshot lacks.
		empty := NewIndex(&schema.Snapshot{Driver: "postgres", DefaultSchema: "public", SearchPath: []string{"public"},
			Schemas: []schema.Schema{{Name: "public"}}})
		text := f.schema + "\n" + queries
		if got := Diagnose(empty, Postgres, NewDocument(text)); len(got) > 0 {
			t.Errorf("schema+queries on an empty snapshot: %s", describe(text, got))
		}
	})
	t.Run("broken", func(t *testing.T) {
		for _, c := range pgBroken {
			text, want := unmark(c.text)
			got := Diagnose(ix, Postgres, NewDocument(text))
			if len(got) != len(c.want) {
				t.Errorf("%s: got %s, want %v", c.text, describe(text, got), c.want)
				continue
			}
			for i, g := range got {
				if g.Code != c.want[i] || (g.Code != CodeSyntax && g.Range != want[i]) {
					t.Errorf("%s: got %s, want %v at %v", c.text, describe(text, got), c.want, want)
				}
			}
			if strings.HasPrefix(c.text, "SELECT ⟦film⟧.title FROM film f") && !strings.Contains(got[0].Message, "use its alias f") {
				t.Errorf("%s: %s", c.text, got[0].Message)
			}
			if err := f.run(text); err == nil {
				t.Errorf("%s: the server accepts it", c.text)
			}
		}
	})
	t.Run("pg_dump", func(t *testing.T) {
		bin, err := exec.LookPath("pg_dump")
		if err != nil {
			t.Skip("pg_dump not installed")
		}
		for _, args := range [][]string{{}, {"--inserts"}, {"--column-inserts", "--quote-all-identifiers"}} {
			out, err := exec.Command(bin, append(args, "--dbname", f.url)...).Output()
			if err != nil {
				t.Fatalf("pg_dump %v: %v", args, err)
			}
			text := string(out)
			if got := Diagnose(ix, Postgres, NewDocument(text)); len(got) > 0 {
				t.Errorf("pg_dump %v: %s", args, describe(text, got))
			}
		}
	})
	t.Run("repository dumps", func(t *testing.T) {
		files := []string{
			filepath.Join("..", "server", "testdata", "dumps", "pg_dump.sql"),
			filepath.Join("..", "diff", "compare", "testdata", "pgdump.sql"),
			filepath.Join("..", "drivers", "drivertest", "fixtures", "rental.postgres.sql"),
		}
		conv, _ := filepath.Glob(filepath.Join("..", "diff", "testdata", "converge", "postgres", "*.sql"))
		if len(conv) == 0 {
			t.Fatal("no converge fixtures")
		}
		for _, name := range append(files, conv...) {
			text := readTestdata(t, name)
			for _, x := range []*Index{ix, NewIndex(scopeSnapshot(Postgres))} {
				if got := Diagnose(x, Postgres, NewDocument(text)); len(got) > 0 {
					t.Errorf("%s: %s", name, describe(text, got))
				}
			}
		}
	})
}

// TestPostgresTreeSnapshotOnly is the broken table without a server: the
// snapshot comes from the document's own DDL (a snapshot with no tables),
// so the same ranges must come out.
func TestPostgresTreeSnapshotOnly(t *testing.T) {
	ddl := readTestdata(t, "testdata", "rentals_pg_schema.sql")
	empty := NewIndex(&schema.Snapshot{Driver: "postgres", DefaultSchema: "public", SearchPath: []string{"public"},
		Schemas: []schema.Schema{{Name: "public"}, {Name: "store"}}})
	for _, c := range pgBroken {
		text, want := unmark(c.text)
		doc := ddl + "\n" + text
		got := Diagnose(empty, Postgres, NewDocument(doc))
		var mine []Diagnostic
		for _, g := range got {
			if g.Range.Start >= len(ddl) {
				mine = append(mine, g)
			}
		}
		if len(mine) != len(got) {
			t.Errorf("%s: diagnostics in the DDL: %s", c.text, describe(doc, got))
		}
		// Views created by the document have columns we do not know,
		// and a name the document creates in any schema is taken for
		// known: these cases are only checked against the server's
		// snapshot.
		if strings.Contains(c.text, "film_list") || strings.Contains(c.text, "store.inventory") {
			continue
		}
		if len(mine) != len(c.want) {
			t.Errorf("%s: got %s, want %v", c.text, describe(doc, mine), c.want)
			continue
		}
		for i, g := range mine {
			if g.Code != c.want[i] {
				t.Errorf("%s: got %s, want %v", c.text, describe(doc, mine), c.want)
				continue
			}
			if g.Code == CodeSyntax {
				continue
			}
			if r := (Range{Start: want[i].Start + len(ddl) + 1, End: want[i].End + len(ddl) + 1}); g.Range != r {
				t.Errorf("%s: got %s, want %v", c.text, describe(doc, mine), c.want)
			}
		}
	}
}

// TestPostgresTreeIncremental: an edit re-checks the statements after a
// change to what the document creates, and keeps the rest.
func TestPostgresTreeIncremental(t *testing.T) {
	ix := NewIndex(scopeSnapshot(Postgres))
	text := "CREATE TABLE t1 (a int, b int);\n" + strings.Repeat("SELECT a, b FROM t1;\n", 200) + "SELECT c FROM t1;\n"
	doc := NewDocument(text)
	got := Diagnose(ix, Postgres, doc)
	if len(got) != 1 || got[0].Code != CodeUnknownCol || text[got[0].Range.Start:got[0].Range.End] != "c" {
		t.Fatalf("before: %s", describe(text, got))
	}
	// Add column c: the last statement is now right.
	at := strings.Index(text, "b int")
	doc = doc.Edit(at, at+len("b int"), "b int, c int")
	if got := Diagnose(ix, Postgres, doc); len(got) != 0 {
		t.Fatalf("after adding c: %s", describe(doc.Text(), got))
	}
	// Drop b: every SELECT of b is wrong.
	at = strings.Index(doc.Text(), "b int, ")
	doc = doc.Edit(at, at+len("b int, "), "")
	got = Diagnose(ix, Postgres, doc)
	if len(got) != 200 {
		t.Fatalf("after dropping b: %d diagnostics, want 200", len(got))
	}
	for _, g := range got {
		if doc.Text()[g.Range.Start:g.Range.End] != "b" {
			t.Fatalf("after dropping b: %s", describe(doc.Text(), got[:1]))
		}
	}
}

// TestPostgresTreeConcurrent diagnoses versions of one document from
// several goroutines (the server does): the cached models are shared.
func TestPostgresTreeConcurrent(t *testing.T) {
	ix := NewIndex(scopeSnapshot(Postgres))
	doc := NewDocument(strings.Repeat("SELECT o.id, c.email FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.nope = 1;\n", 50))
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if got := Diagnose(ix, Postgres, doc); len(got) != 50 {
				t.Errorf("got %d diagnostics, want 50", len(got))
			}
		}()
	}
	wg.Wait()
}

// FuzzPostgresTree feeds the tree walk and its check: the broken table,
// the rental queries and the silent corpus, mutated, in PostgreSQL with
// a snapshot. No panic; every range inside the text and, but for syntax
// errors, not empty.
func FuzzPostgresTree(f *testing.F) {
	for _, c := range pgBroken {
		text, _ := unmark(c.text)
		f.Add(text)
	}
	if b, err := os.ReadFile(filepath.Join("testdata", "rentals_pg_queries.sql")); err == nil {
		queries := string(b)
		for _, st := range Split(Postgres, queries) {
			f.Add(queries[st.Range.Start:st.Range.End])
		}
	}
	for _, s := range silentAll {
		f.Add(s)
	}
	f.Add("WITH RECURSIVE r AS (SELECT * FROM r) SELECT r.x FROM r")
	f.Add("SELECT (SELECT a.x FROM (SELECT 1) a(x, y, z)) FROM orders o, LATERAL (SELECT o.*) l")
	f.Add("INSERT INTO orders AS o VALUES ((SELECT 1), 2), (3) ON CONFLICT ON CONSTRAINT c DO UPDATE SET (id, status) = (SELECT 1, 2) RETURNING o.*, excluded")
	ix := NewIndex(scopeSnapshot(Postgres))
	f.Fuzz(func(t *testing.T, text string) {
		for _, g := range Diagnose(ix, Postgres, NewDocument(text)) {
			if g.Range.Start < 0 || g.Range.Start > g.Range.End || g.Range.End > len(text) {
				t.Fatalf("range %v out of [0, %d]: %+v", g.Range, len(text), g)
			}
			if g.Code != CodeSyntax && g.Range.Start == g.Range.End {
				t.Fatalf("empty range: %+v", g)
			}
		}
	})
}

// TestPgSemCodec: every model of the corpus decodes to what was encoded.
func TestPgSemCodec(t *testing.T) {
	queries := readTestdata(t, "testdata", "rentals_pg_queries.sql")
	var texts []string
	for _, st := range Split(Postgres, queries) {
		texts = append(texts, queries[st.Range.Start:st.Range.End])
	}
	for _, c := range pgBroken {
		text, _ := unmark(c.text)
		texts = append(texts, text)
	}
	n := 0
	for _, text := range texts {
		toks, _ := NewDocument(text).lexSplit(Postgres)
		var kept []Token
		for _, tk := range toks {
			if tk.Kind != Comment && tk.Kind != Delimiter {
				kept = append(kept, tk)
			}
		}
		tree, err := pg.Parse(text)
		if err != nil {
			continue
		}
		sem := walkPostgres(tree, text, kept, 0)
		if sem == nil {
			continue
		}
		n++
		got, err := decodePgSem(encodePgSem(sem))
		if err != nil {
			t.Fatalf("%s: %v", text, err)
		}
		show := func(s *pgSem) string {
			c := *s
			c.ins = nil
			if s.ins != nil {
				return fmt.Sprintf("%+v %+v", c, *s.ins)
			}
			return fmt.Sprintf("%+v", c)
		}
		if a, b := show(sem), show(got); a != b {
			t.Errorf("%s:\nencoded %s\ndecoded %s", text, a, b)
		}
	}
	if n < 50 {
		t.Fatalf("only %d statements modelled", n)
	}
}

// FuzzPgSemDecode: a damaged encoding is an error, never a panic or a
// model whose indices point outside it.
func FuzzPgSemDecode(f *testing.F) {
	for _, s := range []string{"SELECT o.id FROM orders o WHERE o.x IN (SELECT 1)", "INSERT INTO t (a) VALUES (1), (2, 3) ON CONFLICT (a) DO UPDATE SET a = excluded.a RETURNING *"} {
		tree, err := pg.Parse(s)
		if err != nil {
			f.Fatal(err)
		}
		toks, _ := NewDocument(s).lexSplit(Postgres)
		f.Add(encodePgSem(walkPostgres(tree, s, toks, 0)))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if sem, err := decodePgSem(b); err == nil && !sem.valid() {
			t.Fatalf("decoded an invalid model")
		}
	})
}

// TestPostgresTreeDocumentCreates: relations the document creates in
// every way PostgreSQL allows are known, and their columns are taken for
// all of them only when the definition lists them all.
func TestPostgresTreeDocumentCreates(t *testing.T) {
	ix := NewIndex(scopeSnapshot(Postgres))
	for _, c := range []struct {
		text string
		want []string
	}{
		{"CREATE TABLE t1 (a int, fulltext tsvector, key text, index int);\nSELECT a, fulltext, key, index FROM t1;", nil},
		{"CREATE TABLE t1 (a int);\nSELECT ⟦b⟧ FROM t1;", []string{CodeUnknownCol}},
		{"CREATE TABLE t2 AS SELECT 1 AS a, now() AS b;\nSELECT a, b FROM t2;", nil},
		{"CREATE TABLE t3 AS SELECT * FROM orders;\nSELECT status FROM t3;", nil},
		{"CREATE TABLE t4 (x) AS SELECT 1, 2 AS y;\nSELECT x, y FROM t4;", nil},
		{"CREATE TEMP TABLE t5 AS TABLE orders;\nSELECT status FROM t5;", nil},
		{"CREATE TABLE t6 AS VALUES (1, 2);\nSELECT column1 FROM t6;", nil},
		{"CREATE TABLE t7 (LIKE orders, extra int);\nSELECT status, extra FROM t7;", nil},
		{"CREATE TABLE t8 (extra int) INHERITS (orders);\nSELECT status, extra FROM t8;", nil},
		{"SELECT * INTO t9 FROM orders;\nSELECT status FROM t9;", nil},
		{"CREATE VIEW v1 AS SELECT id FROM orders;\nSELECT id FROM v1;", nil},
		{"CREATE MATERIALIZED VIEW v2 AS SELECT id FROM orders;\nSELECT id FROM v2;", nil},
		{"CREATE TABLE p (a int) PARTITION BY RANGE (a);\nCREATE TABLE p1 PARTITION OF p FOR VALUES FROM (1) TO (2);\nSELECT a FROM p1;", nil},
		{"CREATE TABLE s (id serial, b int GENERATED ALWAYS AS IDENTITY);\nSELECT last_value FROM s_id_seq;\nSELECT last_value FROM s_b_seq;\nSELECT * FROM ⟦s_c_seq⟧;", []string{CodeUnknownTab}},
		{"CREATE FUNCTION label(orders) RETURNS text LANGUAGE sql AS $$ SELECT $1.status $$;\nSELECT o.label FROM orders o;\nSELECT o.⟦labels⟧ FROM orders o;", []string{CodeUnknownCol}},
		{"ALTER TABLE orders ADD COLUMN note text;\nSELECT note FROM orders;", nil},
	} {
		text, want := unmark(c.text)
		got := Diagnose(ix, Postgres, NewDocument(text))
		if len(got) != len(c.want) {
			t.Errorf("%s: got %s, want %v", c.text, describe(text, got), c.want)
			continue
		}
		for i, g := range got {
			if g.Code != c.want[i] || g.Range != want[i] {
				t.Errorf("%s: got %s, want %v at %v", c.text, describe(text, got), c.want, want)
			}
		}
	}
}
