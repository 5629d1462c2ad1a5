package server_test

import (
	"bytes"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"go.lsp.dev/protocol"
)

// everyFeature sends every position request the server answers at
// (line, char) and fails on an error reply.
func (c *client) everyFeature(docURI string, line, char uint32) {
	c.t.Helper()
	for _, m := range []string{"textDocument/completion", "textDocument/hover", "textDocument/signatureHelp", "textDocument/definition"} {
		if err := c.try(m, pos(docURI, line, char), nil); err != nil {
			c.t.Fatalf("%s at %d:%d of %s: %v", m, line, char, docURI, err)
		}
	}
	var syms []protocol.DocumentSymbol
	if err := c.try("textDocument/documentSymbol", map[string]any{"textDocument": map[string]any{"uri": docURI}}, &syms); err != nil {
		c.t.Fatalf("documentSymbol of %s: %v", docURI, err)
	}
}

// Unknown documents, positions past the end and invalid UTF-8 get empty
// answers from signature help, symbols and definition, never an error.
func TestBadInputNewFeatures(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	c := start(t, setup{initOptions: shopOptions(shopDB(t))})
	nowhere := "file:///nowhere.sql"
	var locs []protocol.Location
	c.call("textDocument/definition", pos(nowhere, 0, 0), &locs)
	var syms []protocol.DocumentSymbol
	c.call("textDocument/documentSymbol", map[string]any{"textDocument": map[string]any{"uri": nowhere}}, &syms)
	var h *sigHelp
	c.call("textDocument/signatureHelp", pos(nowhere, 0, 0), &h)
	if len(locs) != 0 || len(syms) != 0 || h != nil {
		t.Errorf("unknown document: %v %v %v", locs, syms, h)
	}

	docURI := c.uri("past.sql")
	c.open(docURI, "-- dbls: connection=shop\nSELECT coalesce(status, ")
	for _, p := range [][2]uint32{{1, 9999}, {99, 0}, {1 << 31, 1 << 31}, {0, 0}} {
		c.everyFeature(docURI, p[0], p[1])
	}
	c.call("textDocument/signatureHelp", pos(docURI, 1, 9999), &h)
	if h == nil || h.ActiveParameter != 1 {
		t.Errorf("signature help past the end of the line: %+v", h)
	}

	raw := c.uri("raw.sql")
	body := `{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"` + raw +
		`","languageId":"sql","version":1,"text":"-- dbls: connection=shop\nSELECT round('` + "\xff\xfe\xc3" + `', ` + "\xc3" + `) FROM orders o WHERE o.\"` + "\xff" + `ord\""}}}`
	fmt.Fprintf(c.raw, "Content-Length: %d\r\n\r\n%s", len(body), body)
	for char := uint32(0); char < 50; char++ {
		c.everyFeature(raw, 1, char)
	}
}

// bigScript is about size bytes of SQL on the shop schema, with a
// binding comment first and an unknown table every 100 statements.
func bigScript(size int) string {
	var b bytes.Buffer
	b.WriteString("-- dbls: connection=shop\n")
	for i := 0; b.Len() < size; i++ {
		switch i % 100 {
		case 0:
			fmt.Fprintf(&b, "SELECT * FROM missing_%d;\n", i)
		case 1:
			fmt.Fprintf(&b, "CREATE TABLE scratch_%d (id int, note text);\n", i)
		default:
			fmt.Fprintf(&b, "SELECT o.id, c.email, coalesce(o.status, 'x') FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.id = %d;\n", i)
		}
	}
	return b.String()
}

// A 10 MB document: open, edit, complete and every other feature answer,
// and its diagnostics arrive (for the edited version); then a flood of
// 5,000 changes to a small document ends with the right text; no
// goroutine outlives the session.
func TestHugeDocumentAndChangeFlood(t *testing.T) {
	if testing.Short() {
		t.Skip("10 MB document: not in -short")
	}
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	path := shopDB(t)
	before := runtime.NumGoroutine()
	c := launch(t, t.TempDir(), setup{})
	c.call("initialize", map[string]any{"capabilities": map[string]any{}, "initializationOptions": shopOptions(path)}, nil)
	c.notify("initialized", map[string]any{})

	big := c.uri("big.sql")
	text := bigScript(10 << 20)
	lines := uint32(strings.Count(text, "\n"))
	c.open(big, text)
	first := c.lastDiagnostics(big, atVersion(1))
	if len(first.Diagnostics) == 0 || !strings.Contains(describeDiags(first.Diagnostics), "missing_0") {
		t.Fatalf("10 MB document: %d diagnostics, first %s", len(first.Diagnostics), describeDiags(first.Diagnostics[:min(1, len(first.Diagnostics))]))
	}
	// Fix the first unknown table, append a statement being typed.
	c.notify("textDocument/didChange", map[string]any{
		"textDocument": map[string]any{"uri": big, "version": 2},
		"contentChanges": []map[string]any{
			{"range": rng(1, 14, 1, 23), "text": "orders"},
			{"range": rng(lines, 0, lines, 0), "text": "SELECT  FROM orders"},
		},
	})
	wantLabels(t, c.complete(big, lines, 7), "status", "customer_id")
	c.everyFeature(big, lines/2, 20)
	c.everyFeature(big, lines, 7)
	second := c.lastDiagnostics(big, atVersion(2))
	// The statement being typed may get its own (SQLite rejects
	// "SELECT  FROM"); the rest lost exactly the one fixed.
	var rest []protocol.Diagnostic
	for _, d := range second.Diagnostics {
		if d.Range.Start.Line != lines {
			rest = append(rest, d)
		}
	}
	if len(rest) != len(first.Diagnostics)-1 || strings.Contains(describeDiags(rest), "missing_0") {
		t.Errorf("after the fix: %d diagnostics before the typed line, before %d", len(rest), len(first.Diagnostics))
	}

	// A flood of single-character edits.
	small := c.uri("flood.sql")
	c.open(small, "-- dbls: connection=shop\nSELECT ")
	const n = 5000
	for i := 0; i < n; i++ {
		ch := "x"
		if i == n-1 {
			ch = " FROM orders WHERE "
		}
		c.notify("textDocument/didChange", map[string]any{
			"textDocument":   map[string]any{"uri": small, "version": i + 2},
			"contentChanges": []map[string]any{{"range": rng(1, uint32(7+i), 1, uint32(7+i)), "text": ch}},
		})
	}
	end := uint32(7 + n - 1 + len(" FROM orders WHERE "))
	wantLabels(t, c.complete(small, 1, end), "status")
	c.lastDiagnostics(small, atVersion(n+1))

	// End the session and count goroutines once they have settled.
	c.call("shutdown", nil, nil)
	c.notify("exit", nil)
	select {
	case <-c.done:
	case <-time.After(30 * time.Second):
		t.Fatal("no exit")
	}
	c.conn.Close()
	<-c.conn.Done()
	deadline := time.Now().Add(10 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if after := runtime.NumGoroutine(); after > before {
		buf := make([]byte, 1<<20)
		t.Errorf("goroutines: %d before, %d after the session\n%s", before, after, buf[:runtime.Stack(buf, true)])
	}
}
