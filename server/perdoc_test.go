package server

import (
	"context"
	"encoding/json"
	"errors"
	"testing"

	"go.lsp.dev/protocol"

	"github.com/dbls/dbls/analysis"
)

// A large dump gets one Run lens per statement and one symbol per statement up to analysis.MaxSymbols, at the
// positions a conversion from the start of the text gives, and exactly the
// diagnostics it has; a code action at its last statement runs that one.
// (Their speed is measured by BenchmarkCodeLens100k and its siblings.)
func TestPerDocumentFeaturesOnLargeDump(t *testing.T) {
	const n = 20_000
	text, warnings := dumpText(n)
	s, uri := dumpServer(t, text)
	ctx := context.Background()
	doc, _ := s.docs.get(uri)
	stmts := doc.an.Statements("postgres")
	if len(stmts) != n {
		t.Fatalf("%d statements, want %d", len(stmts), n)
	}

	raw, err := callHandler(t, s, ctx, "textDocument/codeLens", docParams(uri))
	if err != nil {
		t.Fatal(err)
	}
	var all, lenses []protocol.CodeLens
	if err := json.Unmarshal(raw, &all); err != nil {
		t.Fatal(err)
	}
	for _, l := range all {
		if l.Command.Command != CmdSwitchConnection { // the connection lens on line 0
			lenses = append(lenses, l)
		}
	}
	if len(lenses) != n {
		t.Fatalf("%d lenses, want %d", len(lenses), n)
	}
	for i := 0; i < n; i += 997 {
		want := toRange(text, stmts[i].Range)
		if l := lenses[i]; l.Range.Start != want.Start || l.Command.Command != CmdExecuteQuery {
			t.Fatalf("lens %d: %+v, want at %v", i, l, want.Start)
		}
	}

	raw, err = callHandler(t, s, ctx, "textDocument/documentSymbol", docParams(uri))
	if err != nil {
		t.Fatal(err)
	}
	var syms []protocol.DocumentSymbol
	if err := json.Unmarshal(raw, &syms); err != nil {
		t.Fatal(err)
	}
	if want := min(n, analysis.MaxSymbols); len(syms) != want {
		t.Fatalf("%d symbols, want %d (the outline is capped)", len(syms), want)
	}
	for i := 0; i < len(syms); i += 997 {
		if want := toRange(text, stmts[i].Range); syms[i].Range != want {
			t.Fatalf("symbol %d %q: %v, want %v", i, syms[i].Name, syms[i].Range, want)
		}
	}

	diags, err := s.diagnostics(ctx, uri, doc)
	if err != nil {
		t.Fatal(err)
	}
	if len(diags) != warnings || warnings != n/1000 {
		t.Fatalf("%d diagnostics, want %d: %v", len(diags), warnings, diags)
	}
	for _, d := range diags {
		if d.Code != "unknown-column" || d.Range.Start.Character != 25 {
			t.Fatalf("diagnostic %+v, want unknown-column on nope", d)
		}
	}

	last := toRange(text, stmts[n-1].Range)
	p := docParams(uri)
	p["range"] = protocol.Range{Start: last.Start, End: last.Start}
	p["context"] = map[string]any{"diagnostics": []any{}}
	raw, err = callHandler(t, s, ctx, "textDocument/codeAction", p)
	if err != nil {
		t.Fatal(err)
	}
	var actions []protocol.CodeAction
	if err := json.Unmarshal(raw, &actions); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, a := range actions {
		if a.Command != nil && a.Command.Command == CmdExecuteQuery {
			args, _ := json.Marshal(a.Command.Arguments)
			var qa []queryCommandArgs
			if err := json.Unmarshal(args, &qa); err != nil || len(qa) != 1 || qa[0].Range == nil || *qa[0].Range != last {
				t.Fatalf("action %q runs %s, want the last statement at %v", a.Title, args, last)
			}
			found = true
		}
	}
	if !found {
		t.Fatalf("no Run action at the last statement: %+v", actions)
	}
}

// A per-document request whose context ends (the client sent
// $/cancelRequest) stops and answers with the context's error, which the
// server turns into RequestCancelled.
func TestPerDocumentFeaturesCancelled(t *testing.T) {
	text, _ := dumpText(5000)
	s, uri := dumpServer(t, text)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, method := range []string{"textDocument/codeLens", "textDocument/documentSymbol", "textDocument/codeAction"} {
		p := docParams(uri)
		p["range"] = protocol.Range{}
		p["context"] = map[string]any{"diagnostics": []any{}}
		if raw, err := callHandler(t, s, ctx, method, p); !errors.Is(err, context.Canceled) {
			t.Errorf("%s after cancel: %s, %v; want context.Canceled", method, raw, err)
		} else if cancelledReply(ctx, err) == nil {
			t.Errorf("%s: no RequestCancelled reply", method)
		}
	}
	doc, _ := s.docs.get(uri)
	if out, err := s.diagnostics(ctx, uri, doc); !errors.Is(err, context.Canceled) {
		t.Errorf("diagnostics after cancel: %d, %v; want context.Canceled", len(out), err)
	}
}
