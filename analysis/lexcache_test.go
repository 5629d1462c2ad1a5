package analysis

import (
	"slices"
	"strings"
	"sync"
	"testing"
)

// Large texts are lexed once per text, never confused with another text
// of the same length, and shared safely between goroutines.
func TestLexSplitCache(t *testing.T) {
	a := strings.Repeat("SELECT 1;\n", minCachedText/10+1)
	b := strings.Repeat("SELECT 2;\n", minCachedText/10+1)
	b2 := strings.Clone(b)
	var wg sync.WaitGroup
	for _, text := range []string{a, b, b2, a, b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			toks, stmts := lexSplit(Postgres, text)
			if !slices.Equal(toks, Lex(Postgres, text)) || !slices.Equal(stmts, Split(Postgres, text)) {
				t.Errorf("cached tokens differ from the text's own")
			}
		}()
	}
	wg.Wait()
	t1, _ := lexSplit(Postgres, a)
	t2, _ := lexSplit(Postgres, a)
	if &t1[0] != &t2[0] {
		t.Error("the same large text was lexed twice in a row")
	}
	if m, _ := lexSplit(MySQL, a); &m[0] == &t1[0] {
		t.Error("tokens of one dialect served for another")
	}
}
