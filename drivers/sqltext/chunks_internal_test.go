package sqltext

import (
	"reflect"
	"testing"
)

// flatten puts chunks back into one token and statement list in the
// text's offsets.
func flatten(chunks []Chunk) ([]Token, []Statement) {
	var toks []Token
	var stmts []Statement
	base := 0
	for _, c := range chunks {
		for _, t := range c.Toks {
			t.Start += base
			t.End += base
			toks = append(toks, t)
		}
		for _, st := range c.Stmts {
			stmts = append(stmts, shiftStatement(st, base))
		}
		base += c.Len
	}
	return toks, stmts
}

// checkChunks asserts that scanning text in chunks of any size gives
// what Lex and SplitTokens give.
func checkChunks(t *testing.T, d Dialect, text string) {
	t.Helper()
	wantToks := Lex(d, text)
	wantStmts := SplitTokens(d, text, wantToks)
	for _, target := range []int{1, 7, ChunkTarget} {
		chunks, end := scanFrom(d, text, 0, nil, target)
		if end != len(text) {
			t.Fatalf("%s %q: chunks end at %d, text at %d", d, text, end, len(text))
		}
		n := 0
		for _, c := range chunks {
			n += c.Len
		}
		if n != len(text) {
			t.Fatalf("%s %q: chunks cover %d bytes of %d", d, text, n, len(text))
		}
		toks, stmts := flatten(chunks)
		if len(toks) == 0 {
			toks = nil
		}
		if !reflect.DeepEqual(toks, nilIfEmpty(wantToks)) {
			t.Fatalf("%s %q target %d: tokens\n got %v\nwant %v", d, text, target, toks, wantToks)
		}
		if !reflect.DeepEqual(stmts, nilIfEmptyS(wantStmts)) {
			t.Fatalf("%s %q target %d: statements\n got %v\nwant %v", d, text, target, stmts, wantStmts)
		}
	}
}

func nilIfEmpty(t []Token) []Token {
	if len(t) == 0 {
		return nil
	}
	return t
}

func nilIfEmptyS(s []Statement) []Statement {
	if len(s) == 0 {
		return nil
	}
	return s
}

func TestScanChunksEqualsLex(t *testing.T) {
	texts := []struct {
		d    Dialect
		text string
	}{
		{Postgres, "SELECT 1; SELECT 2;\n-- c\nSELECT 3"},
		{Postgres, "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql; SELECT 2;"},
		{Postgres, "COPY t FROM STDIN;\n1\t'x;\n\\.\nSELECT 1; SELECT 2;"},
		{Postgres, "CREATE TABLE t (a int) BEGIN ATOMIC; SELECT 1; END; SELECT 2;"},
		{Postgres, "SELECT 1;\n\\gx\nSELECT 2; /* a; b */ SELECT 3;"},
		{MySQL, "DELIMITER $$\nCREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END$$\nDELIMITER ;\nSELECT 3; SELECT 4;"},
		{MySQL, "CREATE TRIGGER t BEFORE INSERT ON x FOR EACH ROW BEGIN SET @a = 1; END; SELECT 1;"},
		{SQLite, ".tables\nSELECT 1;\nCREATE TRIGGER t AFTER UPDATE ON x BEGIN UPDATE y SET a = 1; END; SELECT 2;"},
		{SQLite, "\xef\xbb\xbfSELECT 1; SELECT 2;  "},
		{Postgres, ""},
		{Postgres, "   "},
		{Postgres, ";;;"},
	}
	for _, c := range texts {
		checkChunks(t, c.d, c.text)
	}
}

func FuzzScanChunks(f *testing.F) {
	f.Add(uint8(0), "SELECT 1; SELECT 2;")
	f.Add(uint8(1), "DELIMITER $$\nSELECT 1$$\nDELIMITER ;\nSELECT 2;")
	f.Fuzz(func(t *testing.T, di uint8, text string) {
		ds := []Dialect{Postgres, MySQL, SQLite, "other"}
		checkChunks(t, ds[int(di)%len(ds)], text)
	})
}
