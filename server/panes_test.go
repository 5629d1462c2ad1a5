package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/drivertest"
	"github.com/dbls/dbls/server"
	"github.com/dbls/dbls/server/plugin"
	"github.com/dbls/dbls/server/plugin/external"
)

type paneReply struct {
	Pane, Title, HTML, Text, Statement, Document string
	Data                                         any
}

func paneRange(line uint32) map[string]any {
	p := map[string]any{"line": line, "character": 0}
	return map[string]any{"start": p, "end": p}
}

// TestExplainPaneSQLite: listed for the document's driver, rendered for
// the statement at the cursor as HTML for a webview (nothing shown), and
// as text shown to a client without webviews.
func TestExplainPaneSQLite(t *testing.T) {
	c := startQueries(t, shopOptions(shopDB(t)), "en")
	uri := c.uri("plan.sql")
	c.open(uri, "-- dbls: connection=shop\nSELECT o.id, c.full_name FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.status = 'paid';\n")

	var list struct {
		Panes []struct{ ID, Title, Scope string }
	}
	c.mustCommand(server.CmdListPanes, map[string]any{"uri": uri}, &list)
	found := false
	for _, p := range list.Panes {
		found = found || (p.ID == "explain.plan" && p.Title == "EXPLAIN plan" && p.Scope == "statement")
	}
	if !found {
		t.Fatalf("dbls.listPanes = %+v, want explain.plan", list.Panes)
	}

	var r paneReply
	c.mustCommand(server.CmdOpenPane, map[string]any{"pane": "explain.plan", "uri": uri, "range": paneRange(1), "nonce": "abc123", "webview": true}, &r)
	for _, want := range []string{"SCAN o", "SEARCH c USING INTEGER PRIMARY KEY"} {
		if !strings.Contains(r.HTML, want) || !strings.Contains(r.Text, want) {
			t.Errorf("pane lacks %q:\nHTML %s\ntext %s", want, r.HTML, r.Text)
		}
	}
	if r.Title != "EXPLAIN plan" || !strings.HasPrefix(r.Statement, "SELECT o.id") || r.Document != "" || !strings.Contains(r.HTML, `nonce="abc123"`) {
		t.Fatalf("reply %+v", r)
	}
	if n := len(c.notesOf("window/showDocument")); n != 0 {
		t.Fatalf("a webview client was shown %d documents", n)
	}

	// Without a webview: the text form is opened as a document.
	c.mustCommand(server.CmdOpenPane, map[string]any{"pane": "explain.plan", "uri": uri, "range": paneRange(1)}, &r)
	if !strings.HasPrefix(r.Document, "file://") {
		t.Fatalf("no text document for a client without webviews: %+v", r)
	}
	c.waitFor("window/showDocument", func() bool { return len(c.notesOf("window/showDocument")) == 1 })

	// A message routed to the plugin: ANALYZE is refused on SQLite, with its reason.
	err := c.command(server.CmdPaneMessage, map[string]any{"pane": "explain.plan", "uri": uri, "sql": r.Statement, "message": map[string]any{"analyze": true}, "webview": true}, &r)
	if err == nil || !strings.Contains(err.Error(), "PostgreSQL only") {
		t.Fatalf("analyze on SQLite = %v", err)
	}
	for _, bad := range []map[string]any{
		{"pane": "nope.nothing", "uri": uri, "range": paneRange(1)},
		{"pane": "explain.plan", "uri": uri, "range": paneRange(1), "nonce": `"><script>`},
		{"pane": "explain.plan", "uri": uri, "sql": "SELECT 1"}, // paneMessage without a message
	} {
		name := server.CmdOpenPane
		if bad["sql"] != nil {
			name = server.CmdPaneMessage
		}
		if err := c.command(name, bad, &r); err == nil || !strings.Contains(err.Error(), "dbls: "+name) {
			t.Errorf("%s %v = %v, want an error naming the command", name, bad, err)
		}
	}
}

// TestExplainPanePostgres: the plan tree of a join, then EXPLAIN ANALYZE
// through a pane message; a client without webviews and without
// window/showDocument is shown the text tree as a message.
func TestExplainPanePostgres(t *testing.T) {
	url := drivertest.PostgresURL(t)
	ctx := context.Background()
	conn, _, err := drivers.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	for _, s := range []string{"CREATE TABLE film (film_id int PRIMARY KEY, title text)",
		"CREATE TABLE inventory (inventory_id int PRIMARY KEY, film_id int REFERENCES film)",
		"INSERT INTO film SELECT i, 'film ' || i FROM generate_series(1, 300) i",
		"INSERT INTO inventory SELECT i, 1 + i % 300 FROM generate_series(1, 1000) i", "ANALYZE"} {
		if _, err := conn.(drivers.Querier).Query(ctx, drivers.Request{SQL: s}); err != nil {
			t.Fatal(err)
		}
	}
	opts := map[string]any{"connections": map[string]any{"pg": map[string]any{"url": url}}}
	c := startQueriesWith(t, setup{capabilities: map[string]any{"window": map[string]any{"workDoneProgress": true}}}, opts, "en")
	uri := c.uri("plan.sql")
	c.open(uri, "-- dbls: connection=pg\nSELECT f.title, count(*) FROM film f JOIN inventory i ON i.film_id = f.film_id GROUP BY f.title;\nDELETE FROM inventory;\n")

	var r paneReply
	c.mustCommand(server.CmdOpenPane, map[string]any{"pane": "explain.plan", "uri": uri, "range": paneRange(1), "webview": true}, &r)
	for _, want := range []string{"Hash Join", "Seq Scan on film f", "Seq Scan on inventory i", "HashAggregate"} {
		if !strings.Contains(r.HTML, want) || !strings.Contains(r.Text, want) {
			t.Errorf("pane lacks %q:\n%s", want, r.Text)
		}
	}
	if !strings.Contains(r.HTML, `data-pane-message="{&#34;analyze&#34;:true}"`) {
		t.Fatalf("no ANALYZE button in:\n%s", r.HTML)
	}
	var m paneReply
	c.mustCommand(server.CmdPaneMessage, map[string]any{"pane": "explain.plan", "uri": uri, "sql": r.Statement,
		"message": json.RawMessage(`{"analyze":true}`), "webview": true}, &m)
	if m.Title != "EXPLAIN ANALYZE" || !strings.Contains(m.Text, "actual") {
		t.Fatalf("analyze reply %+v", m)
	}

	// The DELETE: its plan, shown as a message to this client; never run.
	c.mustCommand(server.CmdOpenPane, map[string]any{"pane": "explain.plan", "uri": uri, "range": paneRange(2)}, &r)
	if !strings.Contains(r.Text, "Delete on inventory") {
		t.Fatalf("plan of the DELETE: %s", r.Text)
	}
	c.waitFor("the text tree as a message", func() bool {
		for _, n := range c.notesOf("window/showMessage") {
			if strings.Contains(string(n.Params), "Delete on inventory") {
				return true
			}
		}
		return false
	})
	if err := c.command(server.CmdPaneMessage, map[string]any{"pane": "explain.plan", "uri": uri, "sql": r.Statement,
		"message": map[string]any{"analyze": true}}, &m); err == nil || !strings.Contains(err.Error(), "writes") {
		t.Fatalf("EXPLAIN ANALYZE of a DELETE = %v, want refused", err)
	}
	res, err := conn.(drivers.Querier).Query(ctx, drivers.Request{SQL: "SELECT count(*) FROM inventory"})
	if err != nil || res.Rows[0][0] != int64(1000) {
		t.Fatalf("inventory after the pane: %v %v", res.Rows, err)
	}
}

// TestExternalPaneOverLSP: an external plugin's pane (the fake plugin's
// counter, over stdio) is listed with the built-in ones, rendered with the
// document's statement and driver, and its messages answer new content
// or data for the pane's script.
func TestExternalPaneOverLSP(t *testing.T) {
	csvFolder(t) // python3 or skip
	script, _ := filepath.Abs("plugin/external/testdata/fake.py")
	dir := t.TempDir()
	manifest := fmt.Sprintf(`{"id": "fake", "name": "Fake", "version": "0.0.1", "protocol": 1,
		"capabilities": {"panes": [{"id": "fake.counter", "title": "Counter", "scope": "statement", "drivers": ["sqlite"]}]},
		"executable": {"*": ["python3", %q]}}`, script)
	if err := os.WriteFile(filepath.Join(dir, "dbls-plugin.json"), []byte(manifest), 0o644); err != nil {
		t.Fatal(err)
	}
	h := plugin.NewHost(plugin.Options{})
	if _, errs := external.Load(h, external.LoadOptions{Paths: []string{dir}}, nil); len(errs) > 0 {
		t.Fatal(errs)
	}
	t.Cleanup(func() { h.Shutdown(context.Background()) })
	c := startQueriesWith(t, setup{plugins: h}, shopOptions(shopDB(t)), "en")
	uri := c.uri("q.sql")
	c.open(uri, "-- dbls: connection=shop\nSELECT count(*) FROM orders;\n")

	var list struct{ Panes []struct{ ID string } }
	c.mustCommand(server.CmdListPanes, map[string]any{"uri": uri}, &list)
	var ids []string
	for _, p := range list.Panes {
		ids = append(ids, p.ID)
	}
	if got := strings.Join(ids, ","); got != "explain.plan,fake.counter" {
		t.Fatalf("panes %s", got)
	}
	var r paneReply
	c.mustCommand(server.CmdOpenPane, map[string]any{"pane": "fake.counter", "uri": uri, "range": paneRange(1), "nonce": "q1", "webview": true}, &r)
	if r.Title != "Counter 0" || r.Text != "count 0 (SELECT count(*) FROM orders on sqlite)" || !strings.Contains(r.HTML, `<style nonce="q1">`) {
		t.Fatalf("open: %+v", r)
	}
	c.mustCommand(server.CmdPaneMessage, map[string]any{"pane": "fake.counter", "uri": uri, "sql": r.Statement, "message": map[string]any{"add": 2}, "webview": true}, &r)
	if r.Title != "Counter 2" || !strings.Contains(r.HTML, `<b id="count">2</b>`) {
		t.Fatalf("add: %+v", r)
	}
	var d paneReply
	c.mustCommand(server.CmdPaneMessage, map[string]any{"pane": "fake.counter", "uri": uri, "sql": r.Statement, "message": map[string]any{"echo": "x"},
		"arguments": map[string]any{"k": 1}, "webview": true}, &d)
	if d.HTML != "" || fmt.Sprint(d.Data) != "map[arguments:map[k:1] echo:x]" {
		t.Fatalf("echo: %+v", d)
	}
}
