package server_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"

	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/drivertest"
	"github.com/dbls/dbls/server"
	"github.com/dbls/dbls/server/plugin"
	_ "github.com/dbls/dbls/server/plugin/explain"
	"github.com/dbls/dbls/server/plugin/external"
	"github.com/dbls/dbls/server/plugin/plugintest"
	_ "github.com/dbls/dbls/server/plugin/rowestimate"
)

var csvOnce sync.Once

// csvFolder registers the example CSV driver (a Python process) once per
// test binary and returns its fixture folder.
func csvFolder(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("python3"); err != nil {
		if os.Getenv("DBLS_REQUIRE_SERVERS") == "1" {
			t.Fatal("python3 is needed for the CSV driver")
		}
		t.Skip("python3 not installed")
	}
	csvOnce.Do(func() {
		_, errs := external.Load(plugin.NewHost(plugin.Options{}), external.LoadOptions{Paths: []string{"plugin/external/csvdriver"}}, nil)
		if len(errs) > 0 {
			t.Fatalf("load csvdriver: %v", errs)
		}
	})
	dir, err := filepath.Abs("plugin/external/csvdriver/testdata/rental")
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestCSVDriverCompletion: a document bound to csv:///folder completes the
// tables and columns the external driver reports.
func TestCSVDriverCompletion(t *testing.T) {
	folder := csvFolder(t)
	c := start(t, setup{})
	uri := c.uri("csv.sql")
	c.open(uri, "-- dbls: connection=csv://"+folder+"\nSELECT * FROM ")
	wantLabels(t, c.complete(uri, 1, 14), "country", "customer")
	c.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": uri, "version": 2},
		"contentChanges": []map[string]any{{"range": rng(1, 14, 1, 14), "text": "customer WHERE "}},
	})
	wantLabels(t, c.complete(uri, 1, 14+uint32(len("customer WHERE "))), "first_name", "balance")
}

type panicky struct{ calls int }

func (p *panicky) Descriptor() plugin.Descriptor {
	return plugin.Descriptor{ID: "test.panicky", Name: "Panicky", Version: "0.0.1"}
}

func (p *panicky) Commands() []plugin.Command {
	return []plugin.Command{{Name: "dbls.test.panic", Run: func(context.Context, []json.RawMessage) (any, error) {
		p.calls++
		panic("plugin bug")
	}}}
}

// TestPanickingPluginServerLives: a plugin command that panics fails its
// calls; after two the plugin is disabled, the user told once, and the
// server goes on serving.
func TestPanickingPluginServerLives(t *testing.T) {
	h := plugin.NewHost(plugin.Options{MaxFailures: 2})
	p := &panicky{}
	if err := h.Add(p); err != nil {
		t.Fatal(err)
	}
	c := launch(t, t.TempDir(), setup{plugins: h})
	var res protocol.InitializeResult
	c.call("initialize", map[string]any{"processId": os.Getpid(), "capabilities": map[string]any{}}, &res)
	if !slices.Contains(res.Capabilities.ExecuteCommandProvider.Commands, "dbls.test.panic") ||
		!slices.Contains(res.Capabilities.ExecuteCommandProvider.Commands, "dbls.listPlugins") {
		t.Fatalf("commands advertised: %v", res.Capabilities.ExecuteCommandProvider.Commands)
	}
	for i := range 3 {
		err := c.try("workspace/executeCommand", map[string]any{"command": "dbls.test.panic"}, nil)
		if err == nil {
			t.Fatalf("call %d of a panicking command succeeded", i+1)
		}
	}
	if p.calls != 2 {
		t.Fatalf("plugin called %d times, want 2 (then disabled)", p.calls)
	}
	var infos []plugin.Info
	c.call("workspace/executeCommand", map[string]any{"command": "dbls.listPlugins"}, &infos)
	i := slices.IndexFunc(infos, func(in plugin.Info) bool { return in.ID == "test.panicky" })
	if i < 0 || infos[i].State != plugin.StateFailed || !strings.Contains(infos[i].Reason, "plugin bug") {
		t.Fatalf("listPlugins: %+v", infos)
	}
	c.waitFor("the failure message", func() bool { return len(c.notesOf("window/showMessage")) > 0 })
	msgs := c.notesOf("window/showMessage")
	if len(msgs) != 1 || !strings.Contains(string(msgs[0].Params), "Panicky (test.panicky) kept failing") {
		t.Fatalf("messages: %v", msgs)
	}
	uri := c.uri("still.sql")
	c.open(uri, "SEL")
	wantLabels(t, c.complete(uri, 0, 3), "SELECT")
}

// TestExplainCodeAction: on a PostgreSQL document, the EXPLAIN assist's
// summary is a code action, and choosing it shows the detail.
func TestExplainCodeAction(t *testing.T) {
	url := drivertest.PostgresURL(t)
	execAll(t, url, "CREATE TABLE big_rentals (id int PRIMARY KEY, note text)",
		"INSERT INTO big_rentals SELECT i, 'n' || i FROM generate_series(1, 20000) i", "ANALYZE big_rentals")
	c := start(t, setup{})
	uri := c.uri("plan.sql")
	c.open(uri, "-- dbls: connection="+url+"\nSELECT 1;\nSELECT * FROM big_rentals WHERE note = 'n5';\n")
	var actions []protocol.CodeAction
	c.call("textDocument/codeAction", map[string]any{"textDocument": map[string]any{"uri": uri},
		"range": rng(2, 3, 2, 3), "context": map[string]any{"diagnostics": []any{}}}, &actions)
	i := slices.IndexFunc(actions, func(a protocol.CodeAction) bool { return strings.HasPrefix(a.Title, "EXPLAIN: ") })
	if i < 0 || !strings.Contains(actions[i].Title, "seq scan on big_rentals (~20,000 rows)") {
		t.Fatalf("code actions: %+v", actions)
	}
	cmd := actions[i].Command
	c.call("workspace/executeCommand", map[string]any{"command": cmd.Command, "arguments": cmd.Arguments}, nil)
	c.waitFor("the EXPLAIN detail", func() bool {
		for _, n := range c.notesOf("window/showMessage") {
			if strings.Contains(string(n.Params), "sequential scan on big table big_rentals") {
				return true
			}
		}
		return false
	})
}

// watcher reads a document through its plugin context when its command
// runs (the services a plugin gets in the language server), and records
// the events the session publishes once it is active.
type watcher struct {
	pc plugin.Context

	mu     sync.Mutex
	events []plugin.Event
}

func (w *watcher) seen(kind plugin.EventKind) []plugin.Event {
	w.mu.Lock()
	defer w.mu.Unlock()
	var out []plugin.Event
	for _, e := range w.events {
		if e.Kind == kind {
			out = append(out, e)
		}
	}
	return out
}

func (w *watcher) Descriptor() plugin.Descriptor {
	return plugin.Descriptor{ID: "test.watcher", Name: "Watcher", Version: "0.0.1"}
}

func (w *watcher) Activate(_ context.Context, pc plugin.Context) error {
	w.pc = pc
	for _, k := range []plugin.EventKind{plugin.DocumentChanged, plugin.QueryExecuted, plugin.SnapshotRefreshed} {
		pc.Subscribe(k, func(_ context.Context, e plugin.Event) {
			w.mu.Lock()
			w.events = append(w.events, e)
			w.mu.Unlock()
		})
	}
	return nil
}

func (w *watcher) Commands() []plugin.Command {
	return []plugin.Command{{Name: "dbls.test.document", Run: func(_ context.Context, args []json.RawMessage) (any, error) {
		var uri string
		json.Unmarshal(args[0], &uri)
		text, conn, ok := w.pc.Document(uri)
		an, _ := w.pc.Analysis(context.Background(), uri)
		var diags []string
		for _, d := range an.Diagnostics {
			diags = append(diags, d.Message)
		}
		return map[string]any{"text": text, "conn": conn, "ok": ok, "statements": len(an.Statements), "symbols": len(an.Symbols), "diagnostics": diags}, nil
	}}}
}

func TestPluginServices(t *testing.T) {
	h := plugin.NewHost(plugin.Options{})
	h.Add(&watcher{})
	c := start(t, setup{plugins: h})
	uri := c.uri("seen.sql")
	c.open(uri, "-- dbls: connection=snapshot:nowhere.json\nSELECT 1;\nSELEC 2;")
	var got struct {
		Text, Conn          string
		OK                  bool
		Statements, Symbols int
		Diagnostics         []string
	}
	c.call("workspace/executeCommand", map[string]any{"command": "dbls.test.document", "arguments": []string{uri}}, &got)
	if !got.OK || !strings.HasSuffix(got.Text, "SELEC 2;") || got.Conn != "snapshot:nowhere.json" {
		t.Fatalf("document through the plugin context: %+v", got)
	}
	if got.Statements != 2 || got.Symbols != 2 || len(got.Diagnostics) == 0 || !strings.Contains(strings.Join(got.Diagnostics, " "), "SELEC") {
		t.Fatalf("analysis through the plugin context: %+v", got)
	}
}

// TestKilledPluginServerLives: an external plugin killed in the middle of
// a workspace command fails that command; the next one restarts it, and
// the session goes on.
func TestKilledPluginServerLives(t *testing.T) {
	h, _, log := fakePluginHost(t, plugin.Options{})
	c := start(t, setup{plugins: h})
	var pid int
	c.call("workspace/executeCommand", map[string]any{"command": "dbls.fake.pid"}, &pid)
	errc := make(chan error, 1)
	go func() { errc <- c.try("workspace/executeCommand", map[string]any{"command": "dbls.fake.hang"}, nil) }()
	c.waitFor("the plugin inside the call", func() bool { return strings.Contains(log.String(), "plugin fake: hanging") })
	syscall.Kill(pid, syscall.SIGKILL)
	if err := <-errc; err == nil || !strings.Contains(err.Error(), "plugin process exited") {
		t.Fatalf("command during the kill: %v", err)
	}
	var echo []string
	c.call("workspace/executeCommand", map[string]any{"command": "dbls.fake.echo", "arguments": []string{"again"}}, &echo)
	if len(echo) != 1 || echo[0] != "again" {
		t.Fatalf("after restart: %v", echo)
	}
	uri := c.uri("alive.sql")
	c.open(uri, "SEL")
	wantLabels(t, c.complete(uri, 0, 3), "SELECT")
}

// fakePluginHost is a host with the misbehaving fake external plugin
// (plugin/external/testdata/fake.py), the plugin's process client and the
// log of its process.
func fakePluginHost(t *testing.T, opts plugin.Options) (*plugin.Host, *external.Client, *plugintest.Log) {
	t.Helper()
	csvFolder(t) // python3 or skip
	script, _ := filepath.Abs("plugin/external/testdata/fake.py")
	dir := t.TempDir()
	manifest := fmt.Sprintf(`{"id": "fake", "name": "Fake", "version": "0.0.1", "protocol": 1,
		"capabilities": {"commands": [{"name": "dbls.fake.hang"}, {"name": "dbls.fake.pid"}, {"name": "dbls.fake.echo"},
			{"name": "dbls.fake.crash"}, {"name": "dbls.fake.flood"}, {"name": "dbls.fake.nosuch"}]},
		"executable": {"*": ["python3", %q]}}`, script)
	os.WriteFile(filepath.Join(dir, "dbls-plugin.json"), []byte(manifest), 0o644)
	h := plugin.NewHost(opts)
	log := &plugintest.Log{}
	ps, errs := external.Load(h, external.LoadOptions{Paths: []string{dir}, Options: external.Options{Backoff: time.Millisecond, Log: log}}, nil)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	t.Cleanup(func() { h.Shutdown(context.Background()) })
	return h, ps[0].Client(), log
}

// TestPluginFailureIsInternalError: over a real LSP connection, a plugin
// command that fails (it answers with an error, it misses its deadline, its
// process crashes) is answered with InternalError (-32603), not code 0. The
// plugin that floods after its deadline is killed; the session goes on and
// the plugin starts again.
func TestPluginFailureIsInternalError(t *testing.T) {
	t.Setenv("FAKE_FLOOD_AFTER", "3")
	h, pc, log := fakePluginHost(t, plugin.Options{CallTimeout: 2 * time.Second, MaxFailures: 10})
	// Started outside the call deadline: python may start slowly on a busy
	// machine.
	if _, err := pc.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	pid := pc.Pid()
	c := start(t, setup{plugins: h})
	wantInternal := func(cmd string) {
		t.Helper()
		err := c.try("workspace/executeCommand", map[string]any{"command": cmd}, nil)
		var je *jsonrpc2.Error
		if !errors.As(err, &je) || je.Code != jsonrpc2.InternalError {
			t.Errorf("%s: %#v, want code %d", cmd, err, jsonrpc2.InternalError)
		}
	}
	wantInternal("dbls.fake.nosuch")
	wantInternal("dbls.fake.flood")
	c.waitFor("the flooding plugin killed", func() bool {
		return strings.Contains(log.String(), "answer no request: killed") && syscall.Kill(pid, 0) != nil
	})
	uri := c.uri("alive.sql")
	c.open(uri, "SEL")
	wantLabels(t, c.complete(uri, 0, 3), "SELECT")
	if _, err := pc.Start(context.Background()); err != nil || pc.Generation() != 2 {
		t.Fatalf("restart after the flood: %v (generation %d)", err, pc.Generation())
	}
	var echo []string
	c.call("workspace/executeCommand", map[string]any{"command": "dbls.fake.echo", "arguments": []string{"again"}}, &echo)
	if len(echo) != 1 || echo[0] != "again" {
		t.Fatalf("after the flood: %v", echo)
	}
	wantInternal("dbls.fake.crash")
}

// TestPluginEventsAndMetadataHooks: once active, a plugin hears of edited
// documents, executed queries and refreshed snapshots; the snapshots the
// server reads are enriched by the metadata hooks (row estimates, shown on
// hover).
func TestPluginEventsAndMetadataHooks(t *testing.T) {
	w := &watcher{}
	h := plugin.NewHost(plugin.Options{})
	h.Add(w)
	path := shopDB(t)
	conn, _, err := drivers.Open(context.Background(), "sqlite:"+path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.(drivers.Execer).Exec(context.Background(), "ANALYZE"); err != nil { // sqlite_stat1 for the estimates
		t.Fatal(err)
	}
	conn.Close()

	c := start(t, setup{initOptions: shopOptions(path), plugins: h})
	uri := c.uri("events.sql")
	c.call("workspace/executeCommand", map[string]any{"command": "dbls.test.document", "arguments": []string{uri}}, nil) // activates it
	c.open(uri, "-- dbls: connection=shop\nSELECT * FROM customers;\n")
	if err := c.command(server.CmdExecuteQuery, map[string]any{"uri": uri, "sql": "SELECT count(*) FROM orders", "open": false}, nil); err != nil {
		t.Fatal(err)
	}
	c.call("workspace/executeCommand", map[string]any{"command": server.CmdRefreshSchema, "arguments": []any{map[string]string{"connection": "shop"}}}, nil)
	c.waitFor("the three kinds of event", func() bool {
		return len(w.seen(plugin.DocumentChanged)) > 0 && len(w.seen(plugin.QueryExecuted)) > 0 && len(w.seen(plugin.SnapshotRefreshed)) > 0
	})
	if q := w.seen(plugin.QueryExecuted)[0]; q.SQL != "SELECT count(*) FROM orders" || q.URI != uri {
		t.Errorf("query event: %+v", q)
	}
	if d := w.seen(plugin.DocumentChanged)[0]; d.URI != uri {
		t.Errorf("document event: %+v", d)
	}
	if r := w.seen(plugin.SnapshotRefreshed)[0]; r.Snapshot == nil || strings.Contains(r.Conn, "password") {
		t.Errorf("refresh event: %+v", r)
	}
	hv := c.hover(uri, 1, 16)
	if hv == nil || !strings.Contains(hv.Contents.Value, "rows") || !strings.Contains(hv.Contents.Value, "~") {
		t.Errorf("hover of customers has no row estimate: %+v", hv)
	}
}
