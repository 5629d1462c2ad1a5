package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"go.lsp.dev/protocol"

	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/drivertest"
	"github.com/dbls/dbls/drivers/schema"
	"github.com/dbls/dbls/server"
)

func TestInitializeAdvertisesEveryCommand(t *testing.T) {
	c := startUninitialized(t)
	var res struct {
		Capabilities struct {
			TextDocumentSync struct {
				OpenClose bool `json:"openClose"`
				Change    int  `json:"change"`
			} `json:"textDocumentSync"`
			CompletionProvider struct {
				TriggerCharacters []string `json:"triggerCharacters"`
			} `json:"completionProvider"`
			HoverProvider          bool `json:"hoverProvider"`
			ExecuteCommandProvider struct {
				Commands []string `json:"commands"`
			} `json:"executeCommandProvider"`
		} `json:"capabilities"`
	}
	c.call("initialize", map[string]any{"capabilities": map[string]any{}}, &res)
	if err := c.try("initialize", map[string]any{"capabilities": map[string]any{}}, nil); err == nil {
		t.Fatal("second initialize accepted")
	}
	caps := res.Capabilities
	if !caps.TextDocumentSync.OpenClose || caps.TextDocumentSync.Change != 2 {
		t.Errorf("text sync: %+v", caps.TextDocumentSync)
	}
	for _, ch := range []string{".", " ", "("} {
		if !slices.Contains(caps.CompletionProvider.TriggerCharacters, ch) {
			t.Errorf("trigger characters %q lack %q", caps.CompletionProvider.TriggerCharacters, ch)
		}
	}
	if !caps.HoverProvider {
		t.Error("no hover provider")
	}
	if !slices.Equal(caps.ExecuteCommandProvider.Commands, server.Commands(nil)) || !slices.Contains(server.Commands(nil), "dbls.refreshSchema") ||
		!slices.Contains(server.Commands(nil), "dbls.switchConnection") {
		t.Errorf("commands: %v", caps.ExecuteCommandProvider.Commands)
	}
	for _, cmd := range caps.ExecuteCommandProvider.Commands {
		if !strings.HasPrefix(cmd, "dbls.") {
			t.Errorf("command %q is not named dbls.*", cmd)
		}
	}
}

func TestSQLiteCompletionHoverAndProgress(t *testing.T) {
	path := shopDB(t)
	st := openStore(t)
	c := start(t, setup{initOptions: shopOptions(path), st: st})
	uri := c.uri("q.sql")
	c.open(uri, "-- dbls: connection=shop\nSELECT * FROM ")

	list := c.complete(uri, 1, 14)
	wantLabels(t, list, "orders", "customers", "order_items", "order_totals")
	if it := labels(list)["orders"]; it.Kind != protocol.CompletionItemKindClass || it.TextEdit == nil || it.TextEdit.NewText != "orders" {
		t.Errorf("orders item: %+v", it)
	}
	if _, ok := labels(list)["SELECT"]; ok {
		t.Error("keywords offered where a table name goes")
	}

	// Columns of the table the statement names, with the cursor before FROM.
	c.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": uri, "version": 2},
		"contentChanges": []map[string]any{{"text": "-- dbls: connection=shop\nSELECT  FROM orders"}},
	})
	list = c.complete(uri, 1, 7)
	wantLabels(t, list, "status", "placed_at", "customer_id", "FROM")
	if it := labels(list)["status"]; it.Kind != protocol.CompletionItemKindField || !strings.Contains(it.Detail, "TEXT") {
		t.Errorf("status item: %+v", it)
	}

	// Hover on the table name.
	h := c.hover(uri, 1, 16)
	if h == nil || !strings.Contains(h.Contents.Value, "orders") || !strings.Contains(h.Contents.Value, "customer_id") ||
		!strings.Contains(h.Contents.Value, "Primary key") {
		t.Fatalf("hover: %+v", h)
	}
	if h.Range == nil || h.Range.Start.Line != 1 || h.Range.Start.Character != 13 || h.Range.End.Character != 19 {
		t.Errorf("hover range: %+v", h.Range)
	}
	// Hover on a column.
	c.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": uri, "version": 3},
		"contentChanges": []map[string]any{{"range": rng(1, 7, 1, 7), "text": "status"}},
	})
	h = c.hover(uri, 1, 9)
	if h == nil || !strings.Contains(h.Contents.Value, "orders.status") || !strings.Contains(h.Contents.Value, "NOT NULL") ||
		!strings.Contains(h.Contents.Value, "'new'") {
		t.Fatalf("column hover: %+v", h)
	}
	// Nothing to say on whitespace.
	if h := c.hover(uri, 0, 2); h != nil && strings.Contains(h.Contents.Value, "table") {
		t.Errorf("hover on a comment: %+v", h)
	}

	// The background read reported progress and cached the snapshot.
	c.waitFor("progress end", func() bool {
		for _, n := range c.notesOf("$/progress") {
			if strings.Contains(string(n.Params), `"end"`) {
				return true
			}
		}
		return false
	})
	if len(c.notesOf("window/workDoneProgress/create")) == 0 {
		t.Error("no window/workDoneProgress/create")
	}
	if begins := c.notesOf("$/progress"); !strings.Contains(string(begins[0].Params), `"begin"`) {
		t.Errorf("first progress is not begin: %s", begins[0].Params)
	}
	snap, _, ok, err := st.Snapshot(context.Background(), "sqlite:"+path)
	if err != nil || !ok || snap.TableCount() != 12 {
		t.Fatalf("stored snapshot: ok=%v err=%v", ok, err)
	}

	// dbls.refreshSchema reads it again.
	var res server.RefreshResult
	c.call("workspace/executeCommand", map[string]any{"command": "dbls.refreshSchema", "arguments": []any{map[string]string{"uri": uri}}}, &res)
	if len(res.Connections) != 1 || res.Connections[0].Tables != 12 || res.Connections[0].Views != 1 {
		t.Fatalf("refresh: %+v", res)
	}
	if len(c.notesOf("window/showMessage")) != 0 {
		t.Errorf("unexpected messages: %v", c.notesOf("window/showMessage"))
	}
}

func rng(l1, c1, l2, c2 uint32) map[string]any {
	return map[string]any{"start": map[string]any{"line": l1, "character": c1}, "end": map[string]any{"line": l2, "character": c2}}
}

func writeSnapshotFile(t *testing.T, dir string) string {
	t.Helper()
	snap := &schema.Snapshot{Driver: "postgres", Database: "erp", DefaultSchema: "public", SearchPath: []string{"public"},
		Schemas: []schema.Schema{
			{Name: "billing", Tables: []schema.Table{{Name: "ledger", Columns: []schema.Column{{Name: "entry_id", Position: 1, Type: "bigint"}}}}},
			{Name: "public", Tables: []schema.Table{{Name: "invoices", Columns: []schema.Column{
				{Name: "id", Position: 1, Type: "integer"}, {Name: "total", Position: 2, Type: "numeric(12,2)", Nullable: true}},
				PrimaryKey: &schema.PrimaryKey{Columns: []string{"id"}}}}},
		}}
	data, err := schema.Marshal(snap)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "erp.json")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestSwitchConnectionToSnapshotFile(t *testing.T) {
	path := shopDB(t)
	c := start(t, setup{initOptions: shopOptions(path)})
	snapPath := writeSnapshotFile(t, c.dir)
	uri := c.uri("switch.sql")
	c.open(uri, "-- dbls: connection=shop\nSELECT * FROM ")
	wantLabels(t, c.complete(uri, 1, 14), "orders")

	var sw server.SwitchResult
	c.call("workspace/executeCommand", map[string]any{"command": "dbls.switchConnection",
		"arguments": []any{map[string]string{"uri": uri, "connection": "snapshot:erp.json"}}}, &sw) // relative to the workspace
	if sw.Connection != "snapshot:"+snapPath {
		t.Errorf("switch result: %+v", sw)
	}
	list := c.complete(uri, 1, 14)
	wantLabels(t, list, "invoices", "billing.ledger")
	if _, ok := labels(list)["orders"]; ok {
		t.Error("still completing from the old connection")
	}
	if it := labels(list)["billing.ledger"]; it.TextEdit.NewText != "billing.ledger" {
		t.Errorf("qualified insert: %+v", it.TextEdit)
	}

	var res server.RefreshResult
	c.call("workspace/executeCommand", map[string]any{"command": "dbls.refreshSchema",
		"arguments": []any{map[string]string{"uri": uri}}}, &res)
	if len(res.Connections) != 1 || res.Connections[0].Tables != 2 {
		t.Fatalf("refresh: %+v", res)
	}

	// Bad switches are errors, not crashes.
	for _, args := range []any{
		[]any{map[string]string{"uri": uri, "connection": "no-such-connection"}},
		[]any{map[string]string{"connection": "shop"}},
		[]any{"not an object"},
	} {
		if err := c.try("workspace/executeCommand", map[string]any{"command": "dbls.switchConnection", "arguments": args}, nil); err == nil {
			t.Errorf("switchConnection %v accepted", args)
		}
	}
	if err := c.try("workspace/executeCommand", map[string]any{"command": "dbls.nope"}, nil); err == nil {
		t.Error("unknown command accepted")
	}
	// A missing snapshot file is reported and completion still answers.
	c.call("workspace/executeCommand", map[string]any{"command": "dbls.switchConnection",
		"arguments": []any{map[string]string{"uri": uri, "connection": "snapshot:missing.json"}}}, nil)
	wantLabels(t, c.complete(uri, 1, 14))
	c.waitFor("error message for the missing file", func() bool { return len(c.notesOf("window/showMessage")) == 1 })
}

func TestIncrementalEditsWithNonASCII(t *testing.T) {
	path := shopDB(t)
	c := start(t, setup{initOptions: shopOptions(path)})
	uri := c.uri("utf16.sql")
	line1 := "SELECT 'é😀' AS x, "
	c.open(uri, "-- dbls: connection=shop\r\n"+line1+"\r\nFROM orders")
	// Type "sta" at the end of line 1, in two edits, positions in UTF-16.
	end := utf16Len(line1)
	c.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": uri, "version": 2},
		"contentChanges": []map[string]any{{"range": rng(1, end, 1, end), "text": "s"}, {"range": rng(1, end+1, 1, end+1), "text": "ta"}},
	})
	list := c.complete(uri, 1, end+3)
	it, ok := labels(list)["status"]
	if !ok {
		t.Fatalf("no status in %v", list.Items)
	}
	if r := it.TextEdit.Range; r.Start.Line != 1 || r.Start.Character != end || r.End.Character != end+3 {
		t.Errorf("edit range %+v, want 1:%d-1:%d", r, end, end+3)
	}
	// Replace the emoji (two code units) and check the text shifted by one.
	c.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": uri, "version": 3},
		"contentChanges": []map[string]any{{"range": rng(1, 9, 1, 11), "text": "e"}},
	})
	if _, ok := labels(c.complete(uri, 1, end+2))["status"]; !ok {
		t.Error("after replacing the emoji, status is no longer completed")
	}
	// Hover reports ranges in UTF-16 too.
	h := c.hover(uri, 2, 7)
	if h == nil || h.Range.Start.Character != 5 || h.Range.End.Character != 11 {
		t.Errorf("hover on orders: %+v", h)
	}
}

func TestBadInput(t *testing.T) {
	path := shopDB(t)
	c := start(t, setup{initOptions: shopOptions(path)})

	// Completion and hover for a document that is not open.
	var list protocol.CompletionList
	if err := c.try("textDocument/completion", pos("file:///nowhere.sql", 0, 0), &list); err != nil || len(list.Items) != 0 {
		t.Errorf("unknown document: %v %v", err, list.Items)
	}
	if h := c.hover("file:///nowhere.sql", 0, 0); h != nil {
		t.Errorf("hover on unknown document: %+v", h)
	}

	// Positions past the end clamp.
	uri := c.uri("bad.sql")
	c.open(uri, "-- dbls: connection=shop\nSELECT * FROM ord")
	wantLabels(t, c.complete(uri, 1, 9999), "orders", "order_items")
	wantLabels(t, c.complete(uri, 99, 0), "orders")
	c.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": uri, "version": 2},
		"contentChanges": []map[string]any{{"range": rng(50, 3, 70, 1), "text": "ers o WHERE o."}},
	})
	wantLabels(t, c.complete(uri, 1, 9999), "status", "id")

	// Invalid UTF-8 sent raw on the wire, and a malformed frame.
	body := `{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"` + c.uri("raw.sql") +
		`","languageId":"sql","version":1,"text":"-- dbls: connection=shop\nSELECT '` + "\xff\xfe\xc3" + `' FROM orders WHERE \"` + "\xff" + `ord\""}}}`
	fmt.Fprintf(c.raw, "Content-Length: %d\r\n\r\n%s", len(body), body)
	junk := `{"this is": not json`
	fmt.Fprintf(c.raw, "Content-Length: %d\r\n\r\n%s", len(junk), junk)
	for char := uint32(0); char < 40; char++ {
		c.complete(c.uri("raw.sql"), 1, char)
		c.hover(c.uri("raw.sql"), 1, char)
	}
	wantLabels(t, c.complete(c.uri("raw.sql"), 1, 31), "status") // after "WHERE "
	c.waitFor("a log message about the malformed frame", func() bool {
		for _, n := range c.notesOf("window/logMessage") {
			if strings.Contains(string(n.Params), "malformed") {
				return true
			}
		}
		return false
	})

	// Invalid params and unknown methods are error replies.
	if err := c.try("textDocument/completion", map[string]any{"position": "here"}, nil); err == nil {
		t.Error("bad params accepted")
	}
	if err := c.try("textDocument/rename", pos(uri, 0, 0), nil); err == nil {
		t.Error("unsupported method accepted")
	}
	// Edits to a closed document are ignored; the server still answers.
	c.notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": uri}})
	c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": uri, "version": 9},
		"contentChanges": []map[string]any{{"text": "x"}}})
	if l := c.complete(uri, 0, 0); len(l.Items) != 0 {
		t.Errorf("closed document still completes: %d items", len(l.Items))
	}
}

func TestConfigurationChangeSetsDefaultConnection(t *testing.T) {
	path := shopDB(t)
	c := start(t, setup{})
	uri := c.uri("plain.sql")
	c.open(uri, "SELECT * FROM ")
	if l := labels(c.complete(uri, 0, 14)); len(l) != 0 {
		t.Errorf("no connection yet, got %d items", len(l))
	}
	opts := shopOptions(path)
	opts["default_connection"] = "shop"
	c.notify("workspace/didChangeConfiguration", map[string]any{"settings": map[string]any{"dbls": opts}})
	wantLabels(t, c.complete(uri, 0, 14), "orders")

	// A bad setting is shown, and does not take the server down.
	c.notify("workspace/didChangeConfiguration", map[string]any{"settings": map[string]any{"connections": map[string]any{"x": map[string]any{"pasword": "typo"}}}})
	c.waitFor("configuration error", func() bool {
		for _, n := range c.notesOf("window/showMessage") {
			if strings.Contains(string(n.Params), "configuration") {
				return true
			}
		}
		return false
	})
	c.complete(uri, 0, 14)
}

func TestProjectConfigFromWorkspaceFolder(t *testing.T) {
	path := shopDB(t)
	dir := t.TempDir()
	toml := fmt.Sprintf("default_connection = \"shop\"\n[connections.shop]\nurl = %q\n", "sqlite:"+path)
	if err := os.WriteFile(filepath.Join(dir, ".dbls.toml"), []byte(toml), 0o600); err != nil {
		t.Fatal(err)
	}
	c := startIn(t, dir, setup{})
	uri := "file://" + filepath.Join(dir, "p.sql")
	c.open(uri, "SELECT * FROM cust")
	wantLabels(t, c.complete(uri, 0, 18), "customers")
}

// A cached snapshot is served while the database is unreachable, and the
// user is told once.
func TestCachedSnapshotWhenUnreachable(t *testing.T) {
	st := openStore(t)
	url := "postgres://postgres@127.0.0.1:1/gone?sslmode=disable"
	p, err := drivers.ParseURL(url)
	if err != nil {
		t.Fatal(err)
	}
	cached := &schema.Snapshot{Driver: "postgres", DefaultSchema: "public", SearchPath: []string{"public"},
		Schemas: []schema.Schema{{Name: "public", Tables: []schema.Table{{Name: "archived_orders",
			Columns: []schema.Column{{Name: "id", Position: 1, Type: "integer"}}}}}}}
	if err := st.PutSnapshot(context.Background(), p.String(), cached, time.Now().Add(-time.Hour)); err != nil {
		t.Fatal(err)
	}
	c := start(t, setup{st: st, initOptions: map[string]any{"connections": map[string]any{"old": map[string]any{"url": url}}}})
	uri := c.uri("cached.sql")
	c.open(uri, "-- dbls: connection=old\nSELECT * FROM ")
	wantLabels(t, c.complete(uri, 1, 14), "archived_orders")

	c.waitFor("one showMessage", func() bool { return len(c.notesOf("window/showMessage")) >= 1 })
	if err := c.try("workspace/executeCommand", map[string]any{"command": "dbls.refreshSchema",
		"arguments": []any{map[string]string{"connection": "old"}}}, nil); err == nil {
		t.Error("refresh of an unreachable database succeeded")
	}
	// A second document on the same database, and another refresh.
	c.open(c.uri("cached2.sql"), "-- dbls: connection="+url+"\nSELECT * FROM ")
	wantLabels(t, c.complete(c.uri("cached2.sql"), 1, 14), "archived_orders")
	c.try("workspace/executeCommand", map[string]any{"command": "dbls.refreshSchema"}, nil)
	time.Sleep(100 * time.Millisecond)
	msgs := c.notesOf("window/showMessage")
	if len(msgs) != 1 {
		t.Fatalf("want one showMessage, got %d: %v", len(msgs), msgs)
	}
	var m protocol.ShowMessageParams
	json.Unmarshal(msgs[0].Params, &m)
	if m.Type != protocol.MessageTypeWarning || !strings.Contains(m.Message, "cached") || strings.Contains(m.Message, "password") {
		t.Errorf("message: %+v", m)
	}
}

func serverCompletion(t *testing.T, url, table string) {
	c := start(t, setup{})
	uri := c.uri("server.sql")
	c.open(uri, "-- dbls: connection="+url+"\nSELECT * FROM ")
	wantLabels(t, c.complete(uri, 1, 14), table)
	c.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": uri, "version": 2},
		"contentChanges": []map[string]any{{"range": rng(1, 14, 1, 14), "text": table + " WHERE "}},
	})
	wantLabels(t, c.complete(uri, 1, uint32(14+len(table)+7)), "widget_name")
}

func execAll(t *testing.T, url string, stmts ...string) {
	t.Helper()
	ctx := context.Background()
	conn, _, err := drivers.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	for _, s := range stmts {
		if _, err := conn.(drivers.Execer).Exec(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
}

func TestPostgresCompletion(t *testing.T) {
	url := drivertest.PostgresURL(t)
	execAll(t, url, "CREATE TABLE pg_widgets (id serial PRIMARY KEY, widget_name text NOT NULL)")
	serverCompletion(t, url, "pg_widgets")
}

func TestMariaDBCompletion(t *testing.T) {
	url := drivertest.MySQLURL(t)
	execAll(t, url, "CREATE TABLE my_widgets (id int PRIMARY KEY, widget_name varchar(50) NOT NULL)")
	serverCompletion(t, url, "my_widgets")
}

func TestLifecycle(t *testing.T) {
	c := startUninitialized(t)
	// Requests before initialize are refused.
	if err := c.try("textDocument/completion", pos("file:///x.sql", 0, 0), nil); err == nil {
		t.Error("completion before initialize accepted")
	}
	c.call("initialize", map[string]any{"capabilities": map[string]any{}}, nil)
	c.notify("initialized", map[string]any{})
	c.call("shutdown", nil, nil)
	if err := c.try("textDocument/hover", pos("file:///x.sql", 0, 0), nil); err == nil {
		t.Error("request after shutdown accepted")
	}
	c.notify("exit", nil)
	select {
	case <-c.done:
		if c.serveErr != nil {
			t.Errorf("Serve after shutdown+exit: %v", c.serveErr)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no exit")
	}
}
