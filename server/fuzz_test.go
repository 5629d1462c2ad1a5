package server

import (
	"context"
	"encoding/json"
	"testing"

	"go.lsp.dev/protocol"

	"github.com/dbls/dbls/drivers/drivertest"
)

// FuzzHandlers drives the position handlers (completion, hover, signature
// help, definition, symbols) with arbitrary text at every position of it,
// past the ends of lines and of the document included: no panic, and
// every range in a reply is inside the document.
func FuzzHandlers(f *testing.F) {
	for _, s := range []string{
		"SELECT t.id, coalesce(t.c01_1, 'x') FROM t_00001 t WHERE t.parent_id IN (SELECT id FROM archive.t_00009);",
		"WITH w AS (SELECT * FROM t_00002)\r\nSELECT w.id FROM w;\nCREATE TABLE é😀 (a int);\nSELECT a FROM é😀",
		"SELECT round(sum(\"t\".\"id\"), \xff\xfe) FROM \"t_00003\" \"t\"",
	} {
		for n := 0; n <= len(s); n += 3 {
			f.Add(s[:n])
		}
	}
	f.Setenv("XDG_CACHE_HOME", f.TempDir()) // definitions write DDL files there
	s, uris := benchServer(f, drivertest.LargeSnapshot(20, 4))
	uri := uris[0]
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, text string) {
		s.docs.open(uri, 1, text)
		lines := newPositions(text).lines()
		call := func(h handler, params any) any {
			raw, _ := json.Marshal(params)
			res, async, err := h(s, ctx, raw)
			if err != nil {
				t.Fatal(err)
			}
			if async != nil {
				if res, err = async(); err != nil {
					t.Fatal(err)
				}
			}
			return res
		}
		inDoc := func(r protocol.Range) bool {
			return r.Start.Line < lines && r.End.Line < lines && (r.Start.Line < r.End.Line || r.Start.Line == r.End.Line && r.Start.Character <= r.End.Character)
		}
		syms, _ := call((*Server).documentSymbol, map[string]any{"textDocument": map[string]any{"uri": uri}}).([]protocol.DocumentSymbol)
		for _, sym := range syms {
			if !inDoc(sym.Range) || !inDoc(sym.SelectionRange) {
				t.Fatalf("symbol %+v outside a document of %d lines", sym, lines)
			}
		}
		for line := uint32(0); line <= lines; line++ {
			for char := uint32(0); char <= 80; char += 7 {
				p := map[string]any{"textDocument": map[string]any{"uri": uri}, "position": map[string]any{"line": line, "character": char}}
				if list, ok := call(handlers["textDocument/completion"], p).(protocol.CompletionList); ok {
					for _, it := range list.Items {
						if it.TextEdit == nil || !inDoc(it.TextEdit.Range) {
							t.Fatalf("completion item %+v outside the document", it)
						}
					}
				}
				if h, ok := call(handlers["textDocument/hover"], p).(*protocol.Hover); ok && h != nil && (h.Range == nil || !inDoc(*h.Range)) {
					t.Fatalf("hover range %+v", h.Range)
				}
				call(handlers["textDocument/signatureHelp"], p)
				if locs, ok := call(handlers["textDocument/definition"], p).([]protocol.Location); ok {
					for _, l := range locs {
						if string(l.URI) == uri && !inDoc(l.Range) {
							t.Fatalf("definition %+v outside the document", l)
						}
					}
				}
			}
		}
	})
}
