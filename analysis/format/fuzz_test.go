package format

import (
	"testing"
)

// FuzzFormat: on any text, in every dialect, formatting does not panic,
// keeps every token (words but for case), is idempotent, and its edits
// (whole and ranged) stay inside the text and in order.
func FuzzFormat(f *testing.F) {
	for _, c := range formatCases {
		f.Add(c.in, uint16(0), uint16(5))
	}
	for _, s := range []string{
		"select 'a'\n'b'", "select a -- c\n, b", "select (select 1", "select case when", "select /* x */ 1 /* y */",
		"SELECT a FROM t WHERE b = $$x$$", "insert into t values (1),(2)", "select a from t\n\\gset", "select - - -1",
		"select a=-1, b<=-2, c@-1", "with x as (select 1) select * from x", "create table t ()", "select\u00a0a",
		"select E'\\'' from t", "select 1 /*", "select `a", "delete from t using u where t.id = u.id returning *",
	} {
		f.Add(s, uint16(1), uint16(3))
	}
	f.Fuzz(func(t *testing.T, text string, a, b uint16) {
		// A guessed dialect keeps the tokens of every dialect.
		guessed := Format(dialects[0], text, Options{Guessed: true})
		for _, d := range dialects {
			if msg := tokenDiff(d, text, guessed); msg != "" {
				t.Fatalf("guessed, read as %s: %q → %q: %s", d, text, guessed, msg)
			}
		}
		for _, d := range dialects {
			for _, opt := range []Options{{}, {KeywordCase: Lower, Indent: "\t"}} {
				out := Format(d, text, opt)
				if again := Format(d, out, opt); again != out {
					t.Fatalf("%s: not idempotent on %q:\n%q\n%q", d, text, out, again)
				}
				if msg := tokenDiff(d, text, out); msg != "" {
					t.Fatalf("%s: %q → %q: %s", d, text, out, msg)
				}
				start, end := int(a)%(len(text)+1), int(b)%(len(text)+1)
				for _, edits := range [][]Edit{editsOf(d, text, opt), rangeEditsOf(d, text, min(start, end), max(start, end), opt)} {
					prev := 0
					for _, e := range edits {
						if e.Start < prev || e.End < e.Start || e.End > len(text) {
							t.Fatalf("%s: bad edits %+v for %q", d, edits, text)
						}
						prev = e.End
					}
				}
				if got := apply(text, editsOf(d, text, opt)); got != out {
					t.Fatalf("%s: edits give %q, want %q", d, got, out)
				}
			}
		}
	})
}
