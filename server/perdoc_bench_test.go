package server

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"strings"
	"testing"
	"time"

	"go.lsp.dev/protocol"

	"github.com/dbls/dbls/drivers/connect"
	"github.com/dbls/dbls/drivers/drivertest"
	"github.com/dbls/dbls/server/plugin"
)

// Per-document features (code lenses, code actions, document symbols,
// diagnostics) on a large file: a pg_dump with INSERTs, one statement a
// line, bound to a PostgreSQL connection whose snapshot is in the cache.

// dumpURL is the connection the dump is bound to; port 1 refuses at once,
// and nothing here opens it: the snapshot is put in the cache.
const dumpURL = "postgres://bench@127.0.0.1:1/bench?sslmode=disable"

// dumpText is a pg_dump-like document of n statements: a few SETs, then
// INSERTs into t_00001 … t_00008 of drivertest.LargeSnapshot(10, 5) (id,
// parent_id, c02_i, c03_i, c04_i), with non-ASCII text so that UTF-16
// positions matter. Every 1,000th statement lists a column the table
// does not have: one unknown-column warning each. It returns the text
// and the number of those warnings.
func dumpText(n int) (string, int) {
	var b strings.Builder
	b.WriteString("-- dbls: connection=" + dumpURL + "\n--\n-- PostgreSQL database dump\n--\n\n")
	sets := []string{"SET statement_timeout = 0;", "SET client_encoding = 'UTF8';", "SET standard_conforming_strings = on;"}
	warnings := 0
	for i := range n {
		if i < len(sets) {
			b.WriteString(sets[i] + "\n")
			continue
		}
		t := 1 + i%8
		if i%1000 == 999 {
			fmt.Fprintf(&b, "INSERT INTO t_%05d (id, nope) VALUES (%d, 'x');\n", t, i)
			warnings++
			continue
		}
		fmt.Fprintf(&b, "INSERT INTO public.t_%05d VALUES (%d, %d, 'Zoë 🐘 %d', NULL, '2024-01-%02d');\n", t, i, i-1, i, 1+i%28)
	}
	b.WriteString("\n--\n-- PostgreSQL database dump complete\n--\n")
	return b.String(), warnings
}

// dumpServer is a session with the document open at uri and its
// connection's snapshot loaded.
func dumpServer(tb testing.TB, text string) (*Server, string) {
	tb.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	tb.Cleanup(cancel)
	host := plugin.NewHost(plugin.Options{})
	tb.Cleanup(func() { host.Shutdown(context.Background()) }) //nolint:errcheck
	s := &Server{opts: Options{FirstLoadWait: time.Second, Plugins: host}, logger: log.New(io.Discard, "", 0), docs: newDocuments(),
		diags: newDiagState(), cache: newCache(), overrides: map[string]string{}, shown: map[string]bool{}, ctx: ctx,
		resolver: &connect.Resolver{}}
	src, err := resolveSource(ctx, s.resolver, dumpURL, "")
	if err != nil {
		tb.Fatal(err)
	}
	e, _ := s.cache.get(src)
	e.setSnapshot(drivertest.LargeSnapshot(10, 5))
	e.markReady()
	const uri = "file:///bench/dump.sql"
	s.docs.open(uri, 1, text)
	return s, uri
}

// callHandler runs a request through its handler, as the read loop does,
// and returns the reply as JSON.
func callHandler(tb testing.TB, s *Server, ctx context.Context, method string, params any) (json.RawMessage, error) {
	tb.Helper()
	raw, err := json.Marshal(params)
	if err != nil {
		tb.Fatal(err)
	}
	res, async, err := handlers[method](s, ctx, raw)
	if err != nil {
		return nil, err
	}
	if async != nil {
		if res, err = async(); err != nil {
			return nil, err
		}
	}
	return json.Marshal(res)
}

func docParams(uri string) map[string]any {
	return map[string]any{"textDocument": map[string]any{"uri": uri}}
}

// dumpStatements is the size of the benchmarks' dump.
const dumpStatements = 100_000

// benchPerDoc measures one per-document request on a fresh version of a
// 100,000-statement dump each time (lexing included, as after an edit).
func benchPerDoc(b *testing.B, run func(s *Server, uri string) int) {
	text, _ := dumpText(dumpStatements)
	s, uri := dumpServer(b, text)
	b.ReportAllocs()
	b.SetBytes(int64(len(text)))
	n := 0
	for b.Loop() {
		s.docs.change(uri, 2, []contentChange{{Text: text}})
		n = run(s, uri)
	}
	b.ReportMetric(float64(n), "results")
}

// BenchmarkCodeLens100k: textDocument/codeLens on a 100,000-statement
// dump (one "Run" lens a statement).
func BenchmarkCodeLens100k(b *testing.B) {
	benchPerDoc(b, func(s *Server, uri string) int {
		raw, err := callHandler(b, s, context.Background(), "textDocument/codeLens", docParams(uri))
		if err != nil {
			b.Fatal(err)
		}
		var lenses []protocol.CodeLens
		if err := json.Unmarshal(raw, &lenses); err != nil {
			b.Fatal(err)
		}
		return len(lenses)
	})
}

// BenchmarkCodeAction100k: textDocument/codeAction at the last statement
// of a 100,000-statement dump.
func BenchmarkCodeAction100k(b *testing.B) {
	benchPerDoc(b, func(s *Server, uri string) int {
		p := docParams(uri)
		p["range"] = map[string]any{"start": map[string]any{"line": dumpStatements + 4, "character": 3}, "end": map[string]any{"line": dumpStatements + 4, "character": 3}}
		p["context"] = map[string]any{"diagnostics": []any{}}
		raw, err := callHandler(b, s, context.Background(), "textDocument/codeAction", p)
		if err != nil {
			b.Fatal(err)
		}
		var actions []protocol.CodeAction
		if err := json.Unmarshal(raw, &actions); err != nil {
			b.Fatal(err)
		}
		return len(actions)
	})
}

// BenchmarkDocumentSymbol100k: textDocument/documentSymbol on a
// 100,000-statement dump.
func BenchmarkDocumentSymbol100k(b *testing.B) {
	benchPerDoc(b, func(s *Server, uri string) int {
		raw, err := callHandler(b, s, context.Background(), "textDocument/documentSymbol", docParams(uri))
		if err != nil {
			b.Fatal(err)
		}
		var syms []protocol.DocumentSymbol
		if err := json.Unmarshal(raw, &syms); err != nil {
			b.Fatal(err)
		}
		return len(syms)
	})
}

// BenchmarkDiagnostics100k: the diagnostics published for a
// 100,000-statement dump (pg_query on every statement, names checked
// against the snapshot).
func BenchmarkDiagnostics100k(b *testing.B) {
	benchPerDoc(b, func(s *Server, uri string) int {
		doc, _ := s.docs.get(uri)
		out, err := s.diagnostics(context.Background(), uri, doc)
		if err != nil {
			b.Fatal(err)
		}
		return len(out)
	})
}
