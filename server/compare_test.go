package server_test

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"

	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/drivertest"
	"github.com/dbls/dbls/server"
)

// engines are the three built-in engines, each giving a fresh database.
var engines = []struct {
	driver string
	url    func(testing.TB) string
}{
	{"sqlite", drivertest.SQLiteURL},
	{"postgres", drivertest.PostgresURL},
	{"mysql", drivertest.MySQLURL},
}

// execSQL runs a script on a database.
func execSQL(t testing.TB, url, script string) {
	t.Helper()
	ctx := context.Background()
	c, _, err := drivers.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if _, err := c.(drivers.Execer).Exec(ctx, script); err != nil {
		t.Fatalf("exec: %v", err)
	}
}

// rentalURL is a new database of the engine holding the rental fixture.
func rentalURL(t *testing.T, driver string, url func(testing.TB) string) string {
	t.Helper()
	u := url(t)
	fx, err := drivertest.Fixture(driver)
	if err != nil {
		t.Fatal(err)
	}
	execSQL(t, u, fx)
	return u
}

func command(c *client, name string, arg, result any) error {
	return c.try("workspace/executeCommand", map[string]any{"command": name, "arguments": []any{arg}}, result)
}

func itemOf(items []server.PlanItem, kind, table string) (server.PlanItem, bool) {
	for _, it := range items {
		if it.Kind == kind && it.Table == table {
			return it, true
		}
	}
	return server.PlanItem{}, false
}

// lensesOf returns a document's compare and preview lenses (the "Run"
// lenses of statements are the query tests' business, the connection lens
// the present tests').
func lensesOf(c *client, uri string) []protocol.CodeLens {
	c.t.Helper()
	var all, lenses []protocol.CodeLens
	c.call("textDocument/codeLens", map[string]any{"textDocument": map[string]any{"uri": uri}}, &all)
	for _, l := range all {
		if l.Command == nil || l.Command.Command != server.CmdExecuteQuery && l.Command.Command != server.CmdSwitchConnection {
			lenses = append(lenses, l)
		}
	}
	return lenses
}

// lensArg re-sends a lens's command as the client would.
func runLens(c *client, l protocol.CodeLens, result any) error {
	return c.try("workspace/executeCommand", map[string]any{"command": l.Command.Command, "arguments": l.Command.Arguments}, result)
}

// TestCompareAndSyncEveryEngine: compare → preview document → apply one
// item from its lens → destructive refused → apply the rest → re-compare
// empty, and the target's cached snapshot follows.
func TestCompareAndSyncEveryEngine(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	for _, eng := range engines {
		t.Run(eng.driver, func(t *testing.T) {
			source := rentalURL(t, eng.driver, eng.url)
			target := eng.url(t)
			execSQL(t, target, "CREATE TABLE extra_tbl (id INTEGER PRIMARY KEY)")
			// Routines are reported, not synced: the target has them already.
			fx, _ := drivertest.Fixture(eng.driver)
			if i := strings.Index(fx, "CREATE FUNCTION"); i >= 0 {
				execSQL(t, target, fx[i:i+strings.Index(fx[i:], "CREATE TRIGGER")])
			}
			opts := map[string]any{"connections": map[string]any{"target": map[string]any{"url": target}}}
			c := start(t, setup{initOptions: opts, st: openStore(t), capabilities: map[string]any{"window": map[string]any{
				"workDoneProgress": true, "showDocument": map[string]any{"support": true}}}})

			// The target's snapshot is cached before the sync, through a document.
			doc := c.uri("q.sql")
			c.open(doc, "-- dbls: connection=target\nSELECT * FROM ")
			if got := labels(c.complete(doc, 1, 14)); len(got) == 0 || got["rental"].Label != "" {
				t.Fatalf("before sync, completion: %v", got)
			}

			var cmp server.CompareResult
			if err := command(c, server.CmdCompareSchemas, map[string]any{"source": source, "target": "target"}, &cmp); err != nil {
				t.Fatal(err)
			}
			create, ok := itemOf(cmp.Items, "table.create", "country")
			if !ok || !create.Selected || create.Destructive || len(create.SQL) == 0 || !strings.Contains(create.Label, "country") {
				t.Fatalf("no selected table.create of country: %+v", cmp.Items)
			}
			drop, ok := itemOf(cmp.Items, "table.drop", "extra_tbl")
			if !ok || drop.Selected || !drop.Destructive {
				t.Fatalf("drop of extra_tbl not destructive and unselected: %+v", drop)
			}
			// The definitions compared travel with each item, for a side by
			// side view: the source's table for a create, the target's for a drop.
			if src, _ := json.Marshal(create.Source); !strings.Contains(string(src), `"country"`) || create.Target != nil {
				t.Errorf("create item's definitions: source %s, target %v", src, create.Target)
			}
			if tgt, _ := json.Marshal(drop.Target); !strings.Contains(string(tgt), `"extra_tbl"`) {
				t.Errorf("drop item's target definition: %s", tgt)
			}
			if strings.Contains(cmp.Source, "xxxxx") || cmp.Target == "" {
				t.Errorf("labels: %q %q", cmp.Source, cmp.Target)
			}

			c.waitFor("compare progress", func() bool {
				for _, n := range c.notesOf("$/progress") {
					if strings.Contains(string(n.Params), "comparing") {
						return true
					}
				}
				return false
			})

			// The preview document: written, shown, one block per item.
			if cmp.Preview == "" {
				t.Fatal("no preview")
			}
			path := strings.TrimPrefix(cmp.Preview, "file://")
			text, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			for _, want := range []string{"-- item: " + create.ID, "-- [x] " + create.Label, "-- [ ] " + drop.Label, create.SQL[0] + ";"} {
				if !strings.Contains(string(text), want) {
					t.Errorf("preview lacks %q:\n%s", want, text)
				}
			}
			c.waitFor("window/showDocument", func() bool {
				for _, n := range c.notesOf("window/showDocument") {
					if strings.Contains(string(n.Params), cmp.Preview) {
						return true
					}
				}
				return false
			})

			// Its lenses: apply all selected at the top, apply each item,
			// none on the destructive one (not allowed in this compare).
			c.open(cmp.Preview, string(text))
			var raw []protocol.CodeLens
			c.call("textDocument/codeLens", map[string]any{"textDocument": map[string]any{"uri": cmp.Preview}}, &raw)
			for _, l := range raw {
				if l.Command != nil && l.Command.Command == server.CmdExecuteQuery {
					t.Fatalf("a preview offers to run its SQL: %+v", l)
				}
			}
			lenses := lensesOf(c, cmp.Preview)
			var all, one *protocol.CodeLens
			for i, l := range lenses {
				switch {
				case strings.HasPrefix(l.Command.Title, "Apply all selected"):
					all = &lenses[i]
				case l.Command.Title == "Apply this change" && strings.Contains(lineOf(string(text), l.Range.Start.Line), create.Label):
					one = &lenses[i]
				case strings.Contains(lineOf(string(text), l.Range.Start.Line), drop.Label):
					t.Errorf("a lens applies the destructive item: %+v", l)
				}
			}
			if all == nil || all.Range.Start.Line != 0 || one == nil {
				t.Fatalf("preview lenses: %+v", lenses)
			}
			for _, l := range lenses {
				if b, _ := json.Marshal(l); strings.Contains(string(b), target) || strings.Contains(string(b), source) {
					t.Errorf("a lens carries a connection URL: %s", b)
				}
			}

			// Apply the one item.
			var res server.SyncResult
			if err := runLens(c, *one, &res); err != nil {
				t.Fatal(err)
			}
			if res.Applied == 0 || len(res.Items) != 1 || res.Items[0] != create.ID || res.Converged {
				t.Fatalf("apply one: %+v", res)
			}
			if _, still := itemOf(res.Remaining, "table.create", "country"); still {
				t.Fatal("country still missing after applying its item")
			}
			// The preview was rewritten with what remains.
			if text, _ := os.ReadFile(path); strings.Contains(string(text), "-- item: "+create.ID) {
				t.Errorf("preview not rewritten:\n%s", text)
			}

			// A destructive item is refused unless allowed.
			err = command(c, server.CmdSyncSchemas, map[string]any{"source": source, "target": "target", "items": []string{drop.ID}}, nil)
			if err == nil || !strings.Contains(err.Error(), "destructive") || !isInvalidParams(err) {
				t.Fatalf("destructive item applied without allowDestructive: %v", err)
			}
			// An unknown id is refused.
			if err := command(c, server.CmdSyncSchemas, map[string]any{"source": source, "target": "target", "items": []string{"table.create:nope.nope"}}, nil); err == nil {
				t.Fatal("unknown item accepted")
			}

			// Everything selected, then the destructive one allowed.
			if err := command(c, server.CmdSyncSchemas, map[string]any{"source": source, "target": "target"}, &res); err != nil {
				t.Fatal(err)
			}
			if res.Converged || len(res.Remaining) != 1 || res.Remaining[0].ID != drop.ID {
				t.Fatalf("after syncing selected items: %+v", res.Remaining)
			}
			if err := command(c, server.CmdSyncSchemas, map[string]any{"source": source, "target": "target",
				"items": []string{drop.ID}, "allowDestructive": true}, &res); err != nil {
				t.Fatal(err)
			}
			if !res.Converged || len(res.Remaining) != 0 {
				t.Fatalf("not converged: %+v", res)
			}
			c.waitFor("sync progress and message", func() bool {
				progress, message := false, false
				for _, n := range c.notesOf("$/progress") {
					progress = progress || strings.Contains(string(n.Params), "syncing")
				}
				for _, n := range c.notesOf("window/showMessage") {
					message = message || strings.Contains(string(n.Params), "the target now matches the source")
				}
				return progress && message
			})
			var again server.CompareResult
			if err := command(c, server.CmdCompareSchemas, map[string]any{"source": source, "target": "target", "noPreview": true}, &again); err != nil {
				t.Fatal(err)
			}
			if len(again.Items)+len(again.Notes) != 0 || again.Preview != "" {
				t.Fatalf("re-compare not empty: %+v", again)
			}
			// The target's cached snapshot was refreshed by the sync.
			wantLabels(t, c.complete(doc, 1, 14), "rental", "country")
		})
	}
}

func lineOf(text string, line uint32) string {
	lines := strings.Split(text, "\n")
	if int(line) < len(lines) {
		return lines[line]
	}
	return ""
}

// TestCompareSchemaFileLensAndChinese: a DDL file offers "Compare with
// CONNECTION"; its command compares the file (loaded into in-memory SQLite)
// with the database; labels, lens titles and the preview are in Chinese
// for a zh-CN client.
func TestCompareSchemaFileLensAndChinese(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	path := shopDB(t)
	c := start(t, setup{initOptions: shopOptions(path), st: openStore(t), locale: "zh-CN"})
	v2, err := os.ReadFile("../docs/examples/shop_v2.sql")
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(c.dir, "schema.sql")
	if err := os.WriteFile(file, v2, 0o600); err != nil {
		t.Fatal(err)
	}
	uri := "file://" + file
	c.open(uri, string(v2))
	lenses := lensesOf(c, uri)
	if len(lenses) != 1 || lenses[0].Command.Title != "与 shop 比较" || lenses[0].Command.Command != server.CmdCompareSchemas {
		t.Fatalf("DDL file lenses: %+v", lenses)
	}
	// A query file offers no comparison.
	q := c.uri("q.sql")
	c.open(q, "-- dbls: connection=shop\nSELECT 1;")
	if l := lensesOf(c, q); len(l) != 0 {
		for _, x := range l {
			if x.Command.Command == server.CmdCompareSchemas {
				t.Fatalf("a query file offers compare: %+v", l)
			}
		}
	}
	// An unsaved edit is part of what is compared.
	c.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": uri, "version": 2},
		"contentChanges": []map[string]any{{"text": string(v2) + "\nCREATE TABLE unsaved_tbl (id INTEGER PRIMARY KEY);\n"}},
	})
	var cmp server.CompareResult
	if err := runLens(c, lenses[0], &cmp); err != nil {
		t.Fatal(err)
	}
	it, ok := itemOf(cmp.Items, "table.create", "coupons")
	if !ok || it.Label != "创建表 main.coupons" {
		t.Fatalf("zh-CN label: %+v", cmp.Items)
	}
	if _, ok := itemOf(cmp.Items, "table.create", "unsaved_tbl"); !ok || cmp.Source != file {
		t.Fatalf("the unsaved text was not compared, or the source is not named as the user knows it: %q %+v", cmp.Source, cmp.Items)
	}
	text, err := os.ReadFile(strings.TrimPrefix(cmp.Preview, "file://"))
	if err != nil || !strings.Contains(string(text), "dbls 迁移预览") || !strings.Contains(string(text), "-- [x] 创建表 main.coupons") {
		t.Fatalf("preview: %v\n%s", err, text)
	}
	c.open(cmp.Preview, string(text))
	found := false
	for _, l := range lensesOf(c, cmp.Preview) {
		found = found || strings.HasPrefix(l.Command.Title, "应用所有选中项")
	}
	if !found {
		t.Fatal("no Chinese apply-all lens")
	}
	// The code action under an item applies that item.
	var actions []protocol.CodeAction
	line := uint32(strings.Count(string(text[:strings.Index(string(text), "-- item: "+it.ID)]), "\n"))
	c.call("textDocument/codeAction", map[string]any{"textDocument": map[string]any{"uri": cmp.Preview},
		"range": rng(line, 0, line, 0), "context": map[string]any{"diagnostics": []any{}}}, &actions)
	var apply *protocol.CodeAction
	for i, a := range actions {
		if a.Title == "应用此变更" {
			if apply != nil {
				t.Fatalf("two items under the cursor: %+v", actions)
			}
			apply = &actions[i]
		}
	}
	if apply == nil {
		t.Fatalf("actions: %+v", actions)
	}
	var res server.SyncResult
	if err := c.try("workspace/executeCommand", map[string]any{"command": apply.Command.Command, "arguments": apply.Command.Arguments}, &res); err != nil {
		t.Fatal(err)
	}
	if len(res.Items) != 1 || res.Items[0] != it.ID || res.Applied == 0 {
		t.Fatalf("apply from action: %+v", res)
	}
	c.waitFor("a Chinese message", func() bool {
		for _, n := range c.notesOf("window/showMessage") {
			if strings.Contains(string(n.Params), "已在") {
				return true
			}
		}
		return false
	})
}

// TestCompareSchemaFileOnDevServer: a schema file compared with a server
// database is loaded into a scratch database on the target's server, or
// on the dev server given or configured, synced, and converges.
func TestCompareSchemaFileOnDevServer(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	desired := map[string]string{
		"postgres": "CREATE TABLE items (id integer PRIMARY KEY, name text NOT NULL);\nCREATE INDEX ix_items_name ON items (name);\n",
		"mysql":    "CREATE TABLE items (id int PRIMARY KEY, name varchar(40) NOT NULL);\nCREATE INDEX ix_items_name ON items (name);\n",
	}
	for _, eng := range engines[1:] {
		t.Run(eng.driver, func(t *testing.T) {
			target, dev := eng.url(t), eng.url(t)
			opts := map[string]any{"connections": map[string]any{"db": map[string]any{"url": target}}}
			c := start(t, setup{initOptions: opts, st: openStore(t)})
			file := filepath.Join(c.dir, "schema.sql")
			if err := os.WriteFile(file, []byte("-- dbls: connection=db\n"+desired[eng.driver]), 0o600); err != nil {
				t.Fatal(err)
			}
			uri := "file://" + file
			c.open(uri, "-- dbls: connection=db\n"+desired[eng.driver])
			lenses := lensesOf(c, uri)
			if len(lenses) != 1 || lenses[0].Command.Title != "Compare with db" {
				t.Fatalf("lenses: %+v", lenses)
			}
			// Without dev, the scratch database is made on the target's own
			// server, and dropped.
			var onTarget server.CompareResult
			if err := runLens(c, lenses[0], &onTarget); err != nil {
				t.Fatalf("without dev: %v", err)
			}
			if _, ok := itemOf(onTarget.Items, "table.create", "items"); !ok {
				t.Fatalf("plan without dev: %+v", onTarget.Items)
			}
			arg := map[string]any{"uri": uri, "dev": dev} // the document is the source, its connection the target
			var cmp server.CompareResult
			if err := command(c, server.CmdCompareSchemas, arg, &cmp); err != nil {
				t.Fatal(err)
			}
			if _, ok := itemOf(cmp.Items, "table.create", "items"); !ok {
				t.Fatalf("plan: %+v", cmp.Items)
			}

			// With dev in the target's connection config, the lens alone
			// compares.
			opts["connections"].(map[string]any)["db"].(map[string]any)["dev"] = dev
			c.notify("workspace/didChangeConfiguration", map[string]any{"settings": opts})
			var viaConfig server.CompareResult
			if err := runLens(c, lensesOf(c, uri)[0], &viaConfig); err != nil {
				t.Fatalf("with dev configured: %v", err)
			}
			if _, ok := itemOf(viaConfig.Items, "table.create", "items"); !ok {
				t.Fatalf("plan with dev configured: %+v", viaConfig.Items)
			}
			var res server.SyncResult
			if err := command(c, server.CmdSyncSchemas, arg, &res); err != nil {
				t.Fatal(err)
			}
			if !res.Converged || res.Applied < 2 {
				t.Fatalf("sync: %+v", res)
			}
		})
	}
}

func isInvalidParams(err error) bool {
	var e *jsonrpc2.Error
	return errors.As(err, &e) && e.Code == jsonrpc2.InvalidParams
}

// TestCompareLensHidesURLPassword: a schema file bound to a URL with a
// password gets a lens that neither shows nor sends the password back.
func TestCompareLensHidesURLPassword(t *testing.T) {
	c := start(t, setup{})
	const secret = "Lens-s3cret"
	file := filepath.Join(c.dir, "schema.sql")
	text := "-- dbls: connection=postgres://app:" + secret + "@127.0.0.1:1/app\nCREATE TABLE t (id integer PRIMARY KEY);\n"
	uri := "file://" + file
	c.open(uri, text)
	lenses := lensesOf(c, uri)
	if len(lenses) != 1 || lenses[0].Command.Title != "Compare with postgres://app@127.0.0.1:1/app" {
		t.Fatalf("lenses: %+v", lenses)
	}
	if b, _ := json.Marshal(lenses); strings.Contains(string(b), secret) {
		t.Fatalf("the lens carries the password: %s", b)
	}
}
