package sqlite

import (
	"reflect"
	"testing"

	"github.com/dbls/dbls/drivers/schema"
)

func TestParseCreateTable(t *testing.T) {
	d := parseCreateTable(`CREATE TABLE IF NOT EXISTS "main"."t" (
		-- a comment with (parens and, commas
		a INTEGER CONSTRAINT pk_a PRIMARY KEY AUTOINCREMENT,
		[b c] VARCHAR(10, 2) DEFAULT (json_object('k', 'v, (x)')) COLLATE nocase CHECK (length([b c]) < 10),
		g AS (a * 2) STORED,
		h TEXT GENERATED ALWAYS AS (upper("b c")) VIRTUAL REFERENCES other ON DELETE CASCADE NOT NULL,
		CONSTRAINT "u ""q""" UNIQUE (a, "b c" COLLATE binary),
		CHECK (a > 0 /* ) */),
		FOREIGN KEY (a) REFERENCES p (x) DEFERRABLE INITIALLY DEFERRED
	) WITHOUT ROWID, STRICT`)
	checks := []struct {
		what      string
		got, want any
	}{
		{"pk name", d.pkName, "pk_a"},
		{"autoincrement", d.column("A").autoIncrement, true},
		{"collation", d.column("b c").collation, "nocase"},
		{"stored", *d.column("g").generated, schema.Generated{Expr: "a * 2", Stored: true}},
		{"virtual", *d.column("h").generated, schema.Generated{Expr: `upper("b c")`}},
		{"uniques", d.uniques, []schema.Unique{{Name: `u "q"`, Columns: []string{"a", "b c"}}}},
		{"checks", d.checks, []schema.Check{{Expr: "length([b c]) < 10", Column: "b c"}, {Expr: "a > 0 /* ) */"}}},
		{"fks", d.fks, []fkDDL{{columns: []string{"h"}, refTable: "other"},
			{columns: []string{"a"}, refTable: "p", refColumns: []string{"x"}, deferrable: true, initiallyDeferred: true}}},
	}
	for _, c := range checks {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s:\n got %#v\nwant %#v", c.what, c.got, c.want)
		}
	}
}

func TestParseOthers(t *testing.T) {
	ix := parseCreateIndex(`CREATE UNIQUE INDEX "i" ON "t" (lower(a) COLLATE nocase DESC, b, (a + b)) WHERE a IS NOT NULL;`)
	if !reflect.DeepEqual(ix.parts, []string{"lower(a)", "b", "(a + b)"}) || ix.where != "a IS NOT NULL" {
		t.Fatalf("index = %+v", ix)
	}
	if v := parseCreateView(`CREATE VIEW v (x, y) AS SELECT 1, 2;`); v != "SELECT 1, 2" {
		t.Fatalf("view = %q", v)
	}
	timing, events := parseCreateTrigger(`CREATE TRIGGER "update log" INSTEAD OF UPDATE OF a, b ON v BEGIN SELECT 1; END`)
	if timing != "INSTEAD OF" || !reflect.DeepEqual(events, []string{"UPDATE"}) {
		t.Fatalf("trigger = %s %v", timing, events)
	}
}

// FuzzParse: the stored SQL of a damaged or exotic file must never crash
// the snapshot.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		`CREATE TABLE t (a INTEGER PRIMARY KEY, b TEXT CHECK (b <> ''))`,
		`CREATE TABLE t (a, b, CONSTRAINT`, `CREATE TABLE "unterminated (`, `CREATE INDEX i ON t (`,
		`CREATE VIEW v AS`, `CREATE TRIGGER x AFTER`, `[`, `'`, "`", `/*`, `--`, `CREATE TABLE t(a AS (`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		parseCreateTable(s)
		parseCreateIndex(s)
		parseCreateView(s)
		parseCreateTrigger(s)
	})
}

// The stored SQL is read with the one SQL scanner, in SQLite's rules.
func TestScannedLiterals(t *testing.T) {
	for _, c := range []struct {
		def  string
		want bool
	}{
		{"1", true}, {"-1", true}, {"+1.5", true}, {"'a b'", true}, {"X'ff'", true}, {"NULL", true},
		{"-1.5e-3", true}, // one number: 1.5e-3 (the old lexer cut it at the '-')
		{"1 + 1", false}, {"(1)", false}, {"-x", false}, {"'a' || 'b'", false},
	} {
		if got := isLiteral(c.def); got != c.want {
			t.Errorf("isLiteral(%q) = %v, want %v", c.def, got, c.want)
		}
	}
	for _, c := range []struct {
		query, tok string
		want       int
	}{
		{"SELEC 1", "SELEC", 0},
		{"SELECT 1 FORM t", "FORM", 9},
		{"SELECT 'FROM', FROM", "FROM", 15}, // not the word inside the string
		{`SELECT "a""b" x`, `"a""b"`, 7},
		{"SELECT x", "SELEC", -1},
		{"SELECT 1", "", -1},
	} {
		if got := tokenIndex(c.query, c.tok); got != c.want {
			t.Errorf("tokenIndex(%q, %q) = %d, want %d", c.query, c.tok, got, c.want)
		}
	}
}
