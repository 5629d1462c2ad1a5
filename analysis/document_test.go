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

// A diagnosis is kept per chunk: after an edit that creates nothing, only
// the chunk edited is diagnosed again (its pg_query verdicts reused but
// for the statement that changed); the others' diagnoses are reused,
// shifted to where their chunks now start.
func TestDocumentDiagnosisPerChunk(t *testing.T) {
	text := benchScript(Postgres, 3000)
	v1 := NewDocument(text)
	want1 := Diagnose(nil, Postgres, v1)
	l1 := v1.scanned(Postgres)
	if len(l1.chunks) < 5 {
		t.Fatalf("%d chunks, want several", len(l1.chunks))
	}
	at := strings.Index(text[len(text)/2:], "LIMIT 50") + len(text)/2
	v2 := v1.Edit(at, at+len("LIMIT 50"), "LIMIT 5 0") // a syntax error
	got := Diagnose(nil, Postgres, v2)
	want := Diagnose(nil, Postgres, NewDocument(v2.Text()))
	if !slices.Equal(got, want) || len(got) != len(want1)+1 {
		t.Fatalf("after the edit: %+v\nfrom scratch: %+v", got, want)
	}
	l2 := v2.scanned(Postgres)
	same := 0
	for k, m := range l2.metas {
		if slices.Contains(l1.metas, m) {
			same++
			if m.diag.Load() == nil {
				t.Errorf("chunk %d lost its diagnosis", k)
			}
		}
	}
	if same < len(l2.metas)-2 {
		t.Errorf("%d of %d chunks reused", same, len(l2.metas))
	}
}

// A diagnosis or an outline whose context ends stops with its error; the
// document is diagnosed in full after it.
func TestDocumentCancelled(t *testing.T) {
	v1 := NewDocument("SELECT 1;\nSELEC 2;\n")
	Diagnose(nil, Postgres, v1)
	v2 := v1.Next("SELECT 1;\nSELEC 2;\nSELECT 3;\n")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if got, err := DiagnoseContext(ctx, nil, Postgres, v2); !errors.Is(err, context.Canceled) || got != nil {
		t.Fatalf("cancelled diagnosis: %+v, %v", got, err)
	}
	if got, err := SymbolsContext(ctx, Postgres, v2); !errors.Is(err, context.Canceled) || got != nil {
		t.Fatalf("cancelled outline: %+v, %v", got, err)
	}
	if got, err := DiagnoseContext(context.Background(), nil, Postgres, v2); err != nil || len(got) != 1 {
		t.Fatalf("v2: %+v, %v", got, err)
	}
}
