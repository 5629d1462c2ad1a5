package analysis

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// editPieces are what random edits insert: terminators, the openings and
// closings of what runs across statements (dollar quotes, block comments,
// strings, bodies, DELIMITER, COPY data), and statements that create
// tables or use them.
var editPieces = []string{
	";", "; ", "$$", "$f$", "/*", "*/", "'", "\"", "`", "BEGIN ", " END;", "END IF;",
	"\nDELIMITER $$\n", "\nDELIMITER ;\n", "$$\n", "COPY t FROM STDIN;\n1\t2\n", "\n\\.\n",
	"CREATE TABLE zz (a int, b text);\n", "SELECT nope FROM zz;\n", "SELECT a FROM zz;\n",
	"x", "\n", "-- c\n", "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;\n",
	"\\gx\n", ".tables\n", "SELEC 1;",
}

// checkSameAsFresh asserts that an edited document scans and diagnoses
// exactly like a fresh document of the same text.
func checkSameAsFresh(t *testing.T, x *Index, d Dialect, got *Document) {
	t.Helper()
	want := &Document{text: got.Text(), target: got.target}
	if !slices.Equal(got.Tokens(d), want.Tokens(d)) {
		t.Fatalf("%s: tokens differ from a fresh scan of %q", d, got.Text())
	}
	if !slices.Equal(got.Statements(d), want.Statements(d)) {
		t.Fatalf("%s: statements differ from a fresh scan of %q\n got %v\nwant %v", d, got.Text(), got.Statements(d), want.Statements(d))
	}
	if g, w := Diagnose(x, d, got), Diagnose(x, d, want); !slices.Equal(g, w) {
		t.Fatalf("%s: diagnostics differ from a fresh diagnosis of %q\n got %+v\nwant %+v", d, got.Text(), g, w)
	}
	// Completion reads only the chunks around the cursor: it must answer
	// as on the text in one piece, at chunk boundaries too.
	whole := &Document{text: got.Text(), target: 1 << 30}
	l := got.scanned(d)
	offs := []int{0, len(got.Text()) / 3, len(got.Text())}
	for k := 1; k < len(l.starts); k += 1 + len(l.starts)/4 {
		offs = append(offs, l.starts[k], l.starts[k]+1, l.starts[k]-1)
	}
	for _, off := range offs {
		off = min(max(off, 0), len(got.Text()))
		if g, w := Complete(x, d, got, off), Complete(x, d, whole, off); !slices.Equal(g, w) {
			t.Fatalf("%s: completion at %d differs from the text in one piece %q\n got %v\nwant %v", d, off, got.Text(), g, w)
		}
	}
}

// randomEdit replaces a random range of doc by a random piece (or
// nothing).
func randomEdit(r *rand.Rand, doc *Document) *Document {
	n := len(doc.Text())
	start := r.IntN(n + 1)
	end := min(n, start+r.IntN(12))
	repl := ""
	if r.IntN(4) != 0 {
		repl = editPieces[r.IntN(len(editPieces))]
	}
	return doc.Edit(start, end, repl)
}

// Random edit sequences on scripts of each dialect, in chunks small
// enough that edits cross their boundaries: every version equals a
// fresh parse of its text, diagnostics included (against a snapshot, so
// that the names created earlier in the document matter).
func TestIncrementalEqualsFresh(t *testing.T) {
	for _, d := range []Dialect{Postgres, MySQL, SQLite} {
		x := NewIndex(scopeSnapshot(d))
		for seed := range uint64(4) {
			r := rand.New(rand.NewPCG(seed, 17))
			doc := &Document{text: benchScript(d, 120), target: 64 << seed}
			Diagnose(x, d, doc)
			for range 40 {
				doc = randomEdit(r, doc)
				if r.IntN(3) == 0 {
					continue // a version nobody looked at
				}
				checkSameAsFresh(t, x, d, doc)
			}
		}
	}
}

// Typing a statement character by character at the end, in the middle
// and at the start of a script, as an editor sends it.
func TestIncrementalTyping(t *testing.T) {
	const typed = "SELECT o.id FROM orders_1 o WHERE o.note = 'a;b' /* ; */ AND $$x;$$ = '';\n"
	for _, d := range []Dialect{Postgres, MySQL, SQLite} {
		x := NewIndex(scopeSnapshot(d))
		base := benchScript(d, 100)
		for _, at := range []int{len(base), len(base) / 2, 0} {
			doc := &Document{text: base, target: 256}
			Diagnose(x, d, doc)
			for i := range len(typed) {
				doc = doc.Edit(at+i, at+i, typed[i:i+1])
				checkSameAsFresh(t, x, d, doc)
			}
		}
	}
}

func FuzzIncremental(f *testing.F) {
	f.Add(uint8(0), "SELECT 1; SELECT 2;", uint16(5), uint8(3), "$$")
	f.Add(uint8(1), "DELIMITER $$\nSELECT 1$$\nDELIMITER ;\nSELECT 2; SELECT 3;", uint16(14), uint8(0), ";")
	f.Add(uint8(0), "COPY t FROM STDIN;\n1\n\\.\nSELECT 1; SELECT 2;", uint16(2), uint8(1), "/*")
	f.Fuzz(func(t *testing.T, di uint8, text string, at uint16, del uint8, repl string) {
		d := fuzzDialects[int(di)%len(fuzzDialects)]
		doc := &Document{text: text, target: 1 + int(di>>2)%32}
		doc.Tokens(d)
		start := int(at) % (len(text) + 1)
		got := doc.Edit(start, start+int(del%16), repl)
		checkSameAsFresh(t, nil, d, got)
	})
}

// Next finds the edit between two texts: the longest common prefix and
// suffix, not overlapping.
func TestNextFindsEdit(t *testing.T) {
	long := benchScript(Postgres, 200)
	cases := []struct{ a, b string }{
		{"", "SELECT 1;"}, {"SELECT 1;", ""}, {"aaaa", "aa"}, {"aa", "aaaa"}, {"SELECT 1;", "SELECT 12;"},
		{long, long[:300] + "x" + long[300:]}, {long, long[:1000] + long[1300:]}, {long, "x" + long}, {long, long + "x"},
	}
	for _, c := range cases {
		doc := &Document{text: c.a, target: 128}
		doc.Tokens(Postgres)
		got := doc.Next(c.b)
		if got.Text() != c.b {
			t.Fatalf("Next(%q) has text %q", c.b, got.Text())
		}
		checkSameAsFresh(t, nil, Postgres, got)
	}
}
