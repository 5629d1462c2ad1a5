package server_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"go.lsp.dev/protocol"
)

// lastDiagnostics waits until the latest diagnostics published for uri
// satisfy ok, and returns them.
func (c *client) lastDiagnostics(uri string, ok func(protocol.PublishDiagnosticsParams) bool) protocol.PublishDiagnosticsParams {
	c.t.Helper()
	var last protocol.PublishDiagnosticsParams
	seen := false
	c.waitFor("diagnostics of "+uri, func() bool {
		notes := c.notesOf("textDocument/publishDiagnostics")
		for i := len(notes) - 1; i >= 0; i-- {
			var p protocol.PublishDiagnosticsParams
			if json.Unmarshal(notes[i].Params, &p) != nil || string(p.URI) != uri {
				continue
			}
			last, seen = p, true
			return ok(p)
		}
		return false
	})
	if !seen {
		c.t.Fatalf("no diagnostics for %s", uri)
	}
	return last
}

func describeDiags(ds []protocol.Diagnostic) string {
	var parts []string
	for _, d := range ds {
		parts = append(parts, fmt.Sprintf("%v %d:%d-%d:%d %v %q", d.Severity, d.Range.Start.Line, d.Range.Start.Character,
			d.Range.End.Line, d.Range.End.Character, d.Code, d.Message))
	}
	return strings.Join(parts, "; ")
}

func wantDiag(t *testing.T, ds []protocol.Diagnostic, code string, sev protocol.DiagnosticSeverity, r protocol.Range, msg string) {
	t.Helper()
	if len(ds) != 1 {
		t.Fatalf("want one %s diagnostic, got %d: %s", code, len(ds), describeDiags(ds))
	}
	d := ds[0]
	if d.Code != code || d.Severity != sev || d.Range != r || !strings.Contains(d.Message, msg) || d.Source != "dbls" {
		t.Errorf("got %s, want %s at %+v containing %q", describeDiags(ds), code, r, msg)
	}
}

func prange(l1, c1, l2, c2 uint32) protocol.Range {
	return protocol.Range{Start: protocol.Position{Line: l1, Character: c1}, End: protocol.Position{Line: l2, Character: c2}}
}

func change(c *client, uri string, version int, text string) {
	c.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": uri, "version": version},
		"contentChanges": []map[string]any{{"text": text}},
	})
}

func atVersion(v uint32) func(protocol.PublishDiagnosticsParams) bool {
	return func(p protocol.PublishDiagnosticsParams) bool { return p.Version == v }
}

// A document bound to no connection gets PostgreSQL syntax errors, with
// the exact range, and nothing that needs a schema.
func TestDiagnosticsWithoutConnection(t *testing.T) {
	c := start(t, setup{})
	uri := c.uri("loose.sql")
	c.open(uri, "SELECT * FROM nowhere;\nSELECT ü, * FORM t;\nSELECT nope FROM orders;")
	p := c.lastDiagnostics(uri, atVersion(1))
	wantDiag(t, p.Diagnostics, "syntax-error", protocol.DiagnosticSeverityError, prange(1, 12, 1, 16), `syntax error at or near "FORM"`)

	// Fixed by an edit: the debounced run clears it.
	c.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": uri, "version": 2},
		"contentChanges": []map[string]any{{"range": rng(1, 12, 1, 16), "text": "FROM"}},
	})
	p = c.lastDiagnostics(uri, atVersion(2))
	if len(p.Diagnostics) != 0 {
		t.Errorf("after the fix: %s", describeDiags(p.Diagnostics))
	}

	// An error at the end of the text points at its last token.
	change(c, uri, 3, "SELECT * FROM t WHERE")
	p = c.lastDiagnostics(uri, atVersion(3))
	wantDiag(t, p.Diagnostics, "syntax-error", protocol.DiagnosticSeverityError, prange(0, 16, 0, 21), "end of input")

	// Closing clears the client's list.
	c.notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": uri}})
	p = c.lastDiagnostics(uri, func(p protocol.PublishDiagnosticsParams) bool { return len(p.Diagnostics) == 0 })
	if p.Diagnostics == nil {
		t.Error("close sent null diagnostics, want []")
	}
}

func TestDiagnosticsSQLite(t *testing.T) {
	path := shopDB(t)
	c := start(t, setup{initOptions: shopOptions(path)})
	uri := c.uri("shop.sql")
	c.open(uri, "-- dbls: connection=shop\nSELECT * FROM orders;\nSELECT * FROM nope o WHERE o.id = 1;")
	p := c.lastDiagnostics(uri, func(p protocol.PublishDiagnosticsParams) bool { return len(p.Diagnostics) > 0 })
	wantDiag(t, p.Diagnostics, "unknown-table", protocol.DiagnosticSeverityWarning, prange(2, 14, 2, 18), "nope")

	// The shop's own queries raise nothing.
	valid := `-- dbls: connection=shop
SELECT o.id, c.full_name, o.status, o.placed_at
FROM orders o JOIN customers c ON c.id = o.customer_id
WHERE o.status <> 'cancelled' ORDER BY o.placed_at DESC;

SELECT p.name, sum(i.quantity) AS sold
FROM order_items i JOIN products p ON p.id = i.product_id
GROUP BY p.name ORDER BY sold DESC LIMIT 10;

SELECT customer, total, lines FROM order_totals WHERE total > 100;

INSERT INTO reviews (product_id, customer_id, rating, body) VALUES (1, 2, 5, 'Great tent');
UPDATE stock SET quantity = quantity + 10 WHERE warehouse_code = 'BER' AND product_id = 4;
`
	change(c, uri, 2, valid)
	p = c.lastDiagnostics(uri, atVersion(2))
	if len(p.Diagnostics) != 0 {
		t.Errorf("valid shop queries: %s", describeDiags(p.Diagnostics))
	}

	// An unknown column, once the typing stops.
	change(c, uri, 3, "-- dbls: connection=shop\nSELECT nope FROM orders;")
	p = c.lastDiagnostics(uri, atVersion(3))
	wantDiag(t, p.Diagnostics, "unknown-column", protocol.DiagnosticSeverityWarning, prange(1, 7, 1, 11), "unknown column nope")
}

func TestDiagnosticsPostgresSnapshot(t *testing.T) {
	c := start(t, setup{})
	writeSnapshotFile(t, c.dir)
	uri := c.uri("erp.sql")
	c.open(uri, "-- dbls: connection=snapshot:erp.json\nSELECT id, total FROM invoices;\nSELECT * FROM billing.ledgers;")
	p := c.lastDiagnostics(uri, func(p protocol.PublishDiagnosticsParams) bool { return len(p.Diagnostics) > 0 })
	wantDiag(t, p.Diagnostics, "unknown-table", protocol.DiagnosticSeverityWarning, prange(2, 14, 2, 29), "billing.ledgers")

	change(c, uri, 2, "-- dbls: connection=snapshot:erp.json\nSELECT id, total FROM invoices\nWHERE total > 1 ORDER BY id;\nSELECT entry_id FROM billing.ledger;")
	p = c.lastDiagnostics(uri, atVersion(2))
	if len(p.Diagnostics) != 0 {
		t.Errorf("valid queries: %s", describeDiags(p.Diagnostics))
	}

	// Syntax and schema together.
	change(c, uri, 3, "-- dbls: connection=snapshot:erp.json\nSELECT * FROM invoice;\nSELECT id,, total FROM invoices;")
	p = c.lastDiagnostics(uri, atVersion(3))
	if len(p.Diagnostics) != 2 || p.Diagnostics[0].Code != "unknown-table" || p.Diagnostics[0].Range != prange(1, 14, 1, 21) ||
		p.Diagnostics[1].Code != "syntax-error" || p.Diagnostics[1].Range != prange(2, 10, 2, 11) {
		t.Errorf("got %s", describeDiags(p.Diagnostics))
	}

	// A document without a connection is checked for syntax only, until
	// it is switched to one.
	loose := c.uri("loose.sql")
	c.open(loose, "SELECT * FROM invoice;")
	p = c.lastDiagnostics(loose, atVersion(1))
	if len(p.Diagnostics) != 0 {
		t.Errorf("without a connection: %s", describeDiags(p.Diagnostics))
	}
	c.call("workspace/executeCommand", map[string]any{"command": "dbls.switchConnection",
		"arguments": []any{map[string]string{"uri": loose, "connection": "snapshot:erp.json"}}}, nil)
	p = c.lastDiagnostics(loose, func(p protocol.PublishDiagnosticsParams) bool { return len(p.Diagnostics) > 0 })
	wantDiag(t, p.Diagnostics, "unknown-table", protocol.DiagnosticSeverityWarning, prange(0, 14, 0, 21), "invoice")
}
