package analysis

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
)

// A version's tokens are made once per dialect, never confused with
// another dialect's or another text's, and shared safely between
// goroutines; the next version lexes its own text.
func TestDocumentTokens(t *testing.T) {
	a := NewDocument(strings.Repeat("SELECT 1;\n", 1000))
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if !slices.Equal(a.Tokens(Postgres), Lex(Postgres, a.Text())) || !slices.Equal(a.Statements(Postgres), Split(Postgres, a.Text())) {
				t.Errorf("cached tokens differ from the text's own")
			}
		}()
	}
	wg.Wait()
	if t1, t2 := a.Tokens(Postgres), a.Tokens(Postgres); &t1[0] != &t2[0] {
		t.Error("one version was lexed twice")
	}
	if m := a.Tokens(MySQL); &m[0] == &a.Tokens(Postgres)[0] {
		t.Error("tokens of one dialect served for another")
	}
	b := a.Next(strings.Repeat("SELECT 2;\n", 1000))
	if b.Text() == a.Text() || !slices.Equal(b.Tokens(Postgres), Lex(Postgres, b.Text())) {
		t.Error("the next version has the previous one's text or tokens")
	}
}

// pg_query's verdicts are kept on the version that was diagnosed and
// carried to the next version for the statements that did not change;
// those of statements that are gone are not carried further.
func TestDocumentSyntaxVerdicts(t *testing.T) {
	v1 := NewDocument("SELECT 1;\nSELEC 2;\n")
	if got := Diagnose(nil, Postgres, v1); len(got) != 1 || got[0].Code != CodeSyntax {
		t.Fatalf("v1: %+v", got)
	}
	if len(v1.verdicts()) != 2 {
		t.Fatalf("v1 keeps %d verdicts, want 2", len(v1.verdicts()))
	}
	// Versions typed faster than they are diagnosed pass the verdicts on.
	v3 := v1.Next("SELECT 1;\nSELEC 2;\nSELECT 3").Next("SELECT 1;\nSELECT 2;\nSELECT 3;\n")
	if len(v3.verdicts()) != 2 {
		t.Fatalf("v3 inherits %d verdicts, want 2", len(v3.verdicts()))
	}
	if got := Diagnose(nil, Postgres, v3); len(got) != 0 {
		t.Fatalf("v3: %+v", got)
	}
	m := v3.verdicts()
	if len(m) != 3 {
		t.Fatalf("v3 keeps %v", m)
	}
	for src := range m {
		if strings.Contains(src, "SELEC 2") {
			t.Fatal("the verdict of a statement that is gone was kept")
		}
	}
}

// A diagnosis or an outline whose context ends stops with its error; the
// verdicts the document knew are still known after it.
func TestDocumentCancelled(t *testing.T) {
	v1 := NewDocument("SELECT 1;\nSELEC 2;\n")
	Diagnose(nil, Postgres, v1)
	v2 := v1.Next("SELECT 1;\nSELEC 2;\nSELECT 3;\n")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if got, err := DiagnoseContext(ctx, nil, Postgres, v2); !errors.Is(err, context.Canceled) || got != nil {
		t.Fatalf("cancelled diagnosis: %+v, %v", got, err)
	}
	if len(v2.verdicts()) != 2 {
		t.Fatalf("after a cancelled diagnosis v2 knows %d verdicts, want 2", len(v2.verdicts()))
	}
	if got, err := SymbolsContext(ctx, Postgres, v2); !errors.Is(err, context.Canceled) || got != nil {
		t.Fatalf("cancelled outline: %+v, %v", got, err)
	}
	if got, err := DiagnoseContext(context.Background(), nil, Postgres, v2); err != nil || len(got) != 1 {
		t.Fatalf("v2: %+v, %v", got, err)
	}
}
