package server_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"

	"github.com/dbls/dbls/drivers/drivertest"
	"github.com/dbls/dbls/server"
)

// noShowDocument are the capabilities of Helix and eglot 1.9 as far as
// dbls cares: progress, no window/showDocument.
var noShowDocument = map[string]any{"window": map[string]any{"workDoneProgress": true}}

// showMessages are the texts of the window/showMessage notes received.
func showMessages(c *client) []string {
	var out []string
	for _, n := range c.notesOf("window/showMessage") {
		var p protocol.ShowMessageParams
		json.Unmarshal(n.Params, &p)
		out = append(out, p.Message)
	}
	return out
}

func messageWith(c *client, parts ...string) (string, bool) {
	for _, m := range showMessages(c) {
		all := true
		for _, p := range parts {
			all = all && strings.Contains(m, p)
		}
		if all {
			return m, true
		}
	}
	return "", false
}

// A client without window/showDocument sees the rows of a run: in a
// window/showMessage (statement, count, first rows aligned, the file) and
// in the reply's text; one with it gets the document opened instead.
func TestResultsReachClientsWithoutShowDocument(t *testing.T) {
	url := drivertest.SQLiteURL(t)
	execSQL(t, url, "CREATE TABLE items (id INT PRIMARY KEY, name TEXT); INSERT INTO items VALUES (1, 'apple'), (2, 'banana|split')")
	opts := map[string]any{"connections": map[string]any{"db": map[string]any{"url": url}}}
	for _, tc := range []struct {
		name    string
		caps    map[string]any
		showDoc bool
	}{
		{"without showDocument", noShowDocument, false},
		{"with showDocument", map[string]any{"window": map[string]any{"showDocument": map[string]any{"support": true}}}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := startQueriesWith(t, setup{capabilities: tc.caps}, opts, "en")
			var res server.QueryResult
			c.mustCommand(server.CmdExecuteQuery, map[string]any{"connection": "db", "sql": "SELECT id, name FROM items ORDER BY id"}, &res)
			if res.Path == "" || !strings.HasSuffix(res.Document, res.Path) {
				t.Fatalf("reply names no file: %+v", res)
			}
			var one server.QueryResult
			c.mustCommand(server.CmdExecuteQuery, map[string]any{"connection": "db", "sql": "UPDATE items SET name = 'cherry' WHERE id = 1"}, &one)
			if !tc.showDoc {
				for _, want := range []string{"SELECT · 2 rows", "id  name", "1   apple", "2   banana|split"} {
					if !strings.Contains(res.Text, want) {
						t.Errorf("reply text lacks %q:\n%s", want, res.Text)
					}
				}
				c.waitFor("the result message", func() bool {
					m, ok := messageWith(c, "dbls: SELECT · 2 rows · File: "+res.Path+"\n", "1   apple")
					return ok && strings.Count(m, res.Path) == 1
				})
				c.waitFor("the update message", func() bool {
					_, ok := messageWith(c, "dbls: UPDATE · 1 row affected")
					return ok
				})
				var exp server.ExportResult
				c.mustCommand(server.CmdExportResults, map[string]any{"queryId": res.QueryID, "format": "csv", "open": true}, &exp)
				c.waitFor("the export message", func() bool {
					_, ok := messageWith(c, "dbls: 2 rows", "File: "+exp.Path)
					return ok
				})
				if n := len(c.notesOf("window/showDocument")); n != 0 {
					t.Errorf("%d window/showDocument requests to a client without it", n)
				}
				return
			}
			c.waitFor("window/showDocument", func() bool { return len(c.notesOf("window/showDocument")) == 2 })
			if res.Text != "" {
				t.Errorf("reply text for a client that opens the document: %q", res.Text)
			}
			if m, ok := messageWith(c, "File: "); ok {
				t.Errorf("a result message to a client that opens the document: %q", m)
			}
		})
	}
}

// A WHERE-less DELETE asks with window/showMessageRequest: "Run anyway"
// runs it; Cancel, dismissing, or a client that cannot ask leaves the
// rows and answers the error with the "force" hint.
func TestUnboundedWriteConfirmation(t *testing.T) {
	for _, tc := range []struct {
		name   string
		answer func() (any, error)
		runs   bool
	}{
		{"run anyway", func() (any, error) { return protocol.MessageActionItem{Title: "Run anyway"}, nil }, true},
		{"cancel", func() (any, error) { return protocol.MessageActionItem{Title: "Cancel"}, nil }, false},
		{"dismissed", func() (any, error) { return nil, nil }, false},
		{"client cannot ask", func() (any, error) {
			return nil, jsonrpc2.NewError(jsonrpc2.MethodNotFound, "method not found")
		}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			url := drivertest.SQLiteURL(t)
			execSQL(t, url, "CREATE TABLE t (id INT PRIMARY KEY); INSERT INTO t VALUES (1), (2)")
			var asked []protocol.ShowMessageRequestParams
			answer := func(method string, params json.RawMessage) (any, error) {
				if method != "window/showMessageRequest" {
					return nil, nil
				}
				var p protocol.ShowMessageRequestParams
				json.Unmarshal(params, &p)
				asked = append(asked, p)
				return tc.answer()
			}
			c := startQueriesWith(t, setup{capabilities: noShowDocument, answer: answer},
				map[string]any{"connections": map[string]any{"db": map[string]any{"url": url}}}, "en")
			var res server.QueryResult
			err := c.command(server.CmdExecuteQuery, map[string]any{"connection": "db", "sql": "DELETE FROM t"}, &res)
			if len(asked) != 1 || !strings.Contains(asked[0].Message, "DELETE without WHERE") || len(asked[0].Actions) != 2 ||
				asked[0].Actions[0].Title != "Run anyway" || asked[0].Actions[1].Title != "Cancel" {
				t.Fatalf("confirmation asked: %+v", asked)
			}
			if tc.runs {
				if err != nil || res.Affected == nil || *res.Affected != 2 {
					t.Fatalf("confirmed delete: %v %+v", err, res)
				}
				return
			}
			if reason(err) != "unbounded" || !strings.Contains(err.Error(), `"force": true`) {
				t.Fatalf("refused delete: %v", err)
			}
			var count server.QueryResult
			c.mustCommand(server.CmdExecuteQuery, map[string]any{"connection": "db", "sql": "SELECT count(*) FROM t"}, &count)
			if len(count.Rows) != 1 || toInt(count.Rows[0][0]) != 2 {
				t.Fatalf("the refused delete ran: %+v", count.Rows)
			}
		})
	}
}

// A compare for a client without window/showDocument shows the items and
// the preview's path in a message, and the reply names the path.
func TestComparePreviewWithoutShowDocument(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	source, target := drivertest.SQLiteURL(t), drivertest.SQLiteURL(t)
	execSQL(t, source, "CREATE TABLE wanted (id INTEGER PRIMARY KEY)")
	opts := map[string]any{"connections": map[string]any{"target": map[string]any{"url": target}, "source": map[string]any{"url": source}}}
	c := start(t, setup{initOptions: opts, capabilities: noShowDocument})
	var cmp server.CompareResult
	if err := command(c, server.CmdCompareSchemas, map[string]any{"source": "source", "target": "target"}, &cmp); err != nil {
		t.Fatal(err)
	}
	if cmp.Path == "" || len(cmp.Items) == 0 {
		t.Fatalf("reply: %+v", cmp)
	}
	c.waitFor("the preview message", func() bool {
		_, ok := messageWith(c, "1 difference(s) · File: "+cmp.Path+"\n", "[x] ", "wanted")
		return ok
	})
	if n := len(c.notesOf("window/showDocument")); n != 0 {
		t.Errorf("%d window/showDocument requests to a client without it", n)
	}
}

// Hover comes in the format the client asked for: plain text with the
// column table aligned (no pipes, no Markdown marks) when Markdown is not
// accepted, Markdown otherwise.
func TestHoverContentFormat(t *testing.T) {
	path := shopDB(t)
	for _, tc := range []struct {
		name    string
		formats []string
		kind    protocol.MarkupKind
	}{
		{"plaintext only", []string{"plaintext"}, protocol.PlainText},
		{"plaintext first", []string{"plaintext", "markdown"}, protocol.PlainText},
		{"markdown first", []string{"markdown", "plaintext"}, protocol.Markdown},
		{"nothing said", nil, protocol.Markdown},
	} {
		t.Run(tc.name, func(t *testing.T) {
			caps := map[string]any{}
			if tc.formats != nil {
				caps["textDocument"] = map[string]any{"hover": map[string]any{"contentFormat": tc.formats}}
			}
			c := start(t, setup{initOptions: shopOptions(path), capabilities: caps})
			uri := c.uri("q.sql")
			c.open(uri, "-- dbls: connection=shop\nSELECT * FROM orders")
			h := c.hover(uri, 1, 16)
			if h == nil || h.Contents.Kind != tc.kind {
				t.Fatalf("hover: %+v", h)
			}
			v := h.Contents.Value
			if tc.kind == protocol.Markdown {
				if !strings.Contains(v, "| customer_id |") {
					t.Errorf("markdown hover lacks its table:\n%s", v)
				}
				return
			}
			if strings.ContainsAny(v, "|`") || strings.Contains(v, "**") {
				t.Errorf("plain hover has Markdown marks:\n%s", v)
			}
			lines := strings.Split(v, "\n")
			col := -1
			for _, l := range lines {
				for _, name := range []string{"column ", "customer_id ", "status "} {
					if strings.HasPrefix(l, name) {
						at := len(l) - len(strings.TrimLeft(l[len(name):], " "))
						if col >= 0 && at != col {
							t.Errorf("column types not aligned (%d, %d):\n%s", col, at, v)
						}
						col = at
					}
				}
			}
			if col < 0 {
				t.Errorf("plain hover has no column table:\n%s", v)
			}
		})
	}
}

// lensTitles lists a document's lenses as "command: title".
func lensTitles(c *client, uri string) []string {
	c.t.Helper()
	var all []protocol.CodeLens
	c.call("textDocument/codeLens", map[string]any{"textDocument": map[string]any{"uri": uri}}, &all)
	var out []string
	for _, l := range all {
		out = append(out, fmt.Sprintf("%s: %s", l.Command.Command, l.Command.Title))
	}
	return out
}

func actionCommands(c *client, uri string) []string {
	c.t.Helper()
	var all []protocol.CodeAction
	c.call("textDocument/codeAction", map[string]any{"textDocument": map[string]any{"uri": uri},
		"range": rng(1, 0, 1, 0), "context": map[string]any{"diagnostics": []any{}}}, &all)
	var out []string
	for _, a := range all {
		if a.Command != nil {
			out = append(out, a.Command.Command)
		}
	}
	return out
}

// A definition dbls generated (go to definition of a table) is bound to
// its connection but offers no Run or Compare: clicking Run on its CREATE
// TABLE would send it to the database. The same text in the workspace
// offers both.
func TestGeneratedDocumentsOfferNothingThatWrites(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	path := shopDB(t)
	c := start(t, setup{initOptions: shopOptions(path)})
	uri := c.uri("q.sql")
	c.open(uri, "-- dbls: connection=shop\nSELECT * FROM orders")
	var locs []protocol.Location
	c.call("textDocument/definition", pos(uri, 1, 16), &locs)
	if len(locs) != 1 {
		t.Fatalf("definition: %+v", locs)
	}
	text, err := os.ReadFile(fromURI(t, string(locs[0].URI)))
	if err != nil {
		t.Fatal(err)
	}
	own := c.uri("orders.sql")
	for _, u := range []string{string(locs[0].URI), own} {
		c.open(u, string(text))
	}
	writes := func(cmds []string) []string {
		var out []string
		for _, cmd := range cmds {
			if cmd == server.CmdExecuteQuery || cmd == server.CmdCompareSchemas || cmd == server.CmdSyncSchemas {
				out = append(out, cmd)
			}
		}
		return out
	}
	gen := append(lensTitles(c, string(locs[0].URI)), actionCommands(c, string(locs[0].URI))...)
	for _, l := range gen {
		if w := writes([]string{strings.SplitN(l, ":", 2)[0]}); len(w) > 0 {
			t.Errorf("the generated definition offers %q", l)
		}
	}
	lenses := strings.Join(lensTitles(c, own), "\n")
	if !strings.Contains(lenses, server.CmdExecuteQuery+": ▶ Run") || !strings.Contains(lenses, server.CmdCompareSchemas+": Compare with shop") {
		t.Errorf("the same text in the workspace lacks Run or Compare:\n%s", lenses)
	}
}

// The first line names the connection in use (a click offers the others
// with window/showMessageRequest); a document without one says how to
// bind one, and choosing from the lens binds it.
func TestConnectionLens(t *testing.T) {
	path := shopDB(t)
	var offered []string
	answer := func(method string, params json.RawMessage) (any, error) {
		if method != "window/showMessageRequest" {
			return nil, nil
		}
		var p protocol.ShowMessageRequestParams
		json.Unmarshal(params, &p)
		for _, a := range p.Actions {
			offered = append(offered, a.Title)
		}
		return protocol.MessageActionItem{Title: "shop"}, nil
	}
	opts := shopOptions(path)
	opts["connections"].(map[string]any)["other"] = map[string]any{"url": "sqlite:" + path}
	c := start(t, setup{initOptions: opts, answer: answer})
	bound, free := c.uri("bound.sql"), c.uri("free.sql")
	c.open(bound, "-- dbls: connection=other\nSELECT 1")
	c.open(free, "SELECT * FROM ")
	if got := lensTitles(c, bound); len(got) == 0 || got[0] != server.CmdSwitchConnection+": ⛁ Connection: other (switch)" {
		t.Errorf("bound document's lenses: %q", got)
	}
	var all []protocol.CodeLens
	c.call("textDocument/codeLens", map[string]any{"textDocument": map[string]any{"uri": free}}, &all)
	if len(all) != 1 || all[0].Range.Start.Line != 0 || !strings.Contains(all[0].Command.Title, "-- dbls: connection=NAME") {
		t.Fatalf("unbound document's lenses: %+v", all)
	}
	var sw server.SwitchResult
	if err := command(c, all[0].Command.Command, all[0].Command.Arguments[0], &sw); err != nil {
		t.Fatal(err)
	}
	if strings.Join(offered, ",") != "other,shop" || !strings.Contains(sw.Connection, "shop") {
		t.Fatalf("offered %v, switched: %+v", offered, sw)
	}
	if got := lensTitles(c, free); len(got) == 0 || got[0] != server.CmdSwitchConnection+": ⛁ Connection: shop (switch)" {
		t.Errorf("after choosing, lenses: %q", got)
	}
	wantLabels(t, c.complete(free, 0, 14), "orders")
}

// The schema files dump tools write, as they wrote them here (pg_dump 15.20
// -s with \restrict, mariadb-dump --no-data, sqlite3 .schema), and with
// GRANT/REVOKE, offer "Compare with" their engine's connection.
func TestDumpFilesAreCompareSources(t *testing.T) {
	conns := map[string]any{
		"pg":   map[string]any{"url": "postgres://postgres@127.0.0.1:5432/h_c16s_never_opened"},
		"my":   map[string]any{"url": "mysql://root@127.0.0.1:3306/h_c16s_never_opened"},
		"lite": map[string]any{"url": "sqlite:" + filepath.Join(t.TempDir(), "never.db")},
	}
	c := start(t, setup{initOptions: map[string]any{"connections": conns}})
	for _, tc := range []struct {
		file, extra, conn string
	}{
		{"pg_dump.sql", "", "pg"},
		{"pg_dump.sql", "\nREVOKE ALL ON TABLE public.items FROM PUBLIC;\nGRANT SELECT ON public.named TO PUBLIC;\n", "pg"},
		{"mysqldump.sql", "", "my"},
		{"sqlite3-schema.sql", "", "lite"},
	} {
		text, err := os.ReadFile(filepath.Join("testdata", "dumps", tc.file))
		if err != nil {
			t.Fatal(err)
		}
		uri := c.uri(tc.file)
		c.open(uri, string(text)+tc.extra)
		lenses := lensTitles(c, uri)
		want := server.CmdCompareSchemas + ": Compare with " + tc.conn
		if !slices.Contains(lenses, want) {
			t.Errorf("%s%s: no %q among %q", tc.file, map[bool]string{true: " (+GRANT/REVOKE)"}[tc.extra != ""], want, lenses)
		}
		c.notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": uri}})
	}
	// A script that reads or writes data is not a schema file.
	uri := c.uri("script.sql")
	c.open(uri, "CREATE TABLE t (id INT);\nSELECT * FROM t;\n")
	for _, l := range lensTitles(c, uri) {
		if strings.HasPrefix(l, server.CmdCompareSchemas) {
			t.Errorf("a script offers %q", l)
		}
	}
}

// A connection added to .dbls.toml mid-session works without a restart:
// through workspace/didChangeWatchedFiles for a client that registers
// watchers for the server, through the server's own poll otherwise.
func TestConfigFileChangeMidSession(t *testing.T) {
	for _, tc := range []struct {
		name    string
		dynamic bool
	}{
		{"client watches", true},
		{"server polls", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			url := drivertest.SQLiteURL(t)
			execSQL(t, url, "CREATE TABLE late_items (id INT)")
			caps := map[string]any{"window": map[string]any{"workDoneProgress": true}}
			if tc.dynamic {
				caps["workspace"] = map[string]any{"didChangeWatchedFiles": map[string]any{"dynamicRegistration": true}}
			}
			c := startQueriesWith(t, setup{capabilities: caps}, map[string]any{}, "en")
			run := func() error {
				return c.command(server.CmdExecuteQuery, map[string]any{"connection": "late", "sql": "SELECT count(*) FROM late_items"}, nil)
			}
			if err := run(); err == nil {
				t.Fatal("a query on a connection not configured yet ran")
			}
			if tc.dynamic {
				c.waitFor("client/registerCapability", func() bool {
					for _, n := range c.notesOf("client/registerCapability") {
						if strings.Contains(string(n.Params), "workspace/didChangeWatchedFiles") && strings.Contains(string(n.Params), "**/.dbls.toml") {
							return true
						}
					}
					return false
				})
			}
			file := filepath.Join(c.dir, ".dbls.toml")
			if err := os.WriteFile(file, []byte("[connections.late]\nurl = \""+url+"\"\n"), 0o600); err != nil {
				t.Fatal(err)
			}
			if tc.dynamic {
				c.notify("workspace/didChangeWatchedFiles", map[string]any{"changes": []map[string]any{{"uri": "file://" + file, "type": 1}}})
				if err := run(); err != nil {
					t.Fatalf("after didChangeWatchedFiles: %v", err)
				}
				return
			}
			c.waitFor("the poll to pick up the new connection", func() bool { return run() == nil })
		})
	}
}

// The outline's kinds: a SELECT is an Array (rows), an INSERT, UPDATE or
// DELETE an Operator, a trigger an Event, a function a Function.
func TestSymbolKinds(t *testing.T) {
	c := start(t, setup{})
	uri := c.uri("kinds.sql")
	c.open(uri, "SELECT 1;\nINSERT INTO t VALUES (1);\nUPDATE t SET a = 1 WHERE b = 2;\nDELETE FROM t WHERE a = 1;\n"+
		"CREATE TABLE t (a INT);\nCREATE VIEW v AS SELECT 1;\nCREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1';\n"+
		"CREATE TRIGGER tr AFTER INSERT ON t FOR EACH ROW EXECUTE FUNCTION f();\n")
	var syms []protocol.DocumentSymbol
	c.call("textDocument/documentSymbol", map[string]any{"textDocument": map[string]any{"uri": uri}}, &syms)
	want := []protocol.SymbolKind{protocol.SymbolKindArray, protocol.SymbolKindOperator, protocol.SymbolKindOperator, protocol.SymbolKindOperator,
		protocol.SymbolKindStruct, protocol.SymbolKindInterface, protocol.SymbolKindFunction, protocol.SymbolKindEvent}
	if len(syms) != len(want) {
		t.Fatalf("%d symbols: %+v", len(syms), syms)
	}
	for i, s := range syms {
		if s.Kind != want[i] {
			t.Errorf("%q: kind %v, want %v", s.Name, s.Kind, want[i])
		}
	}
}

// Times without a zone show as the database shows them, without the "Z"
// of an RFC 3339 UTC time; times with a zone keep it.
func TestLocalTimesHaveNoZone(t *testing.T) {
	for _, tc := range []struct {
		name, sql string
		want      []string
	}{
		{"postgres", "SELECT TIMESTAMP '2024-01-02 03:04:05.5' AS a, TIMESTAMPTZ '2024-01-02 03:04:05+00' AS b",
			[]string{"2024-01-02 03:04:05.5", "2024-01-02T03:04:05Z"}},
		{"mysql", "SELECT CAST('2024-01-02 03:04:05.5' AS DATETIME(1)) AS a, CAST('2024-01-02' AS DATE) AS b",
			[]string{"2024-01-02 03:04:05.5", "2024-01-02"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			url := map[string]func(testing.TB) string{"postgres": drivertest.PostgresURL, "mysql": drivertest.MySQLURL}[tc.name](t)
			c := startQueriesWith(t, setup{capabilities: noShowDocument}, map[string]any{"connections": map[string]any{"db": map[string]any{"url": url}}}, "en")
			var res server.QueryResult
			c.mustCommand(server.CmdExecuteQuery, map[string]any{"connection": "db", "sql": tc.sql}, &res)
			for i, w := range tc.want {
				if got := fmt.Sprint(res.Rows[0][i]); got != w {
					t.Errorf("column %d: %q, want %q", i, got, w)
				}
			}
			if !strings.Contains(res.Text, "2024-01-02 03:04:05.5") {
				t.Errorf("reply text:\n%s", res.Text)
			}
			doc, err := os.ReadFile(res.Path)
			if err != nil || !strings.Contains(string(doc), "2024-01-02 03:04:05.5") || strings.Contains(string(doc), "03:04:05.5Z") {
				t.Errorf("result document (%v):\n%s", err, doc)
			}
		})
	}
}

// Applying a destructive item that the compare did not allow asks with
// window/showMessageRequest: "Apply anyway" drops the table, Cancel
// leaves it and answers the error.
func TestDestructiveSyncConfirmation(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	for _, tc := range []struct {
		answer string
		drops  bool
	}{{"Apply anyway", true}, {"Cancel", false}} {
		t.Run(tc.answer, func(t *testing.T) {
			source, target := drivertest.SQLiteURL(t), drivertest.SQLiteURL(t)
			execSQL(t, target, "CREATE TABLE extra_tbl (id INTEGER PRIMARY KEY)")
			var asked []string
			answer := func(method string, params json.RawMessage) (any, error) {
				if method != "window/showMessageRequest" {
					return nil, nil
				}
				var p protocol.ShowMessageRequestParams
				json.Unmarshal(params, &p)
				asked = append(asked, p.Message)
				return protocol.MessageActionItem{Title: tc.answer}, nil
			}
			opts := map[string]any{"connections": map[string]any{"target": map[string]any{"url": target}, "source": map[string]any{"url": source}}}
			c := start(t, setup{initOptions: opts, capabilities: noShowDocument, answer: answer})
			var cmp server.CompareResult
			if err := command(c, server.CmdCompareSchemas, map[string]any{"source": "source", "target": "target"}, &cmp); err != nil {
				t.Fatal(err)
			}
			drop, ok := itemOf(cmp.Items, "table.drop", "extra_tbl")
			if !ok || drop.Selected {
				t.Fatalf("plan: %+v", cmp.Items)
			}
			var res server.SyncResult
			err := command(c, server.CmdSyncSchemas, map[string]any{"preview": cmp.Preview, "items": []string{drop.ID}}, &res)
			if len(asked) != 1 || !strings.Contains(asked[0], "Apply them anyway?") {
				t.Fatalf("asked %q", asked)
			}
			if tc.drops != (err == nil) || (tc.drops && (!res.Converged || res.Applied != 1)) {
				t.Fatalf("sync: %v %+v", err, res)
			}
		})
	}
}

// A WHERE-less DELETE under the cursor offers a code action that runs it
// with force: choosing it is the confirmation where the client cannot
// answer window/showMessageRequest (Helix). A bounded statement has none.
func TestForceRunAction(t *testing.T) {
	url := drivertest.SQLiteURL(t)
	execSQL(t, url, "CREATE TABLE t (id INT PRIMARY KEY); INSERT INTO t VALUES (1), (2)")
	c := startQueriesWith(t, setup{capabilities: noShowDocument}, map[string]any{"connections": map[string]any{"db": map[string]any{"url": url}}}, "en")
	uri := c.uri("q.sql")
	c.open(uri, "-- dbls: connection=db\nDELETE FROM t WHERE id = 1;\nDELETE FROM t;\n")
	actionsAt := func(line uint32) map[string]protocol.CodeAction {
		var actions []protocol.CodeAction
		c.call("textDocument/codeAction", map[string]any{"textDocument": map[string]any{"uri": uri},
			"range": rng(line, 0, line, 0), "context": map[string]any{"diagnostics": []any{}}}, &actions)
		out := map[string]protocol.CodeAction{}
		for _, a := range actions {
			out[a.Title] = a
		}
		return out
	}
	const title = "Run anyway: DELETE without WHERE changes every row"
	if _, ok := actionsAt(1)[title]; ok {
		t.Errorf("a bounded DELETE offers %q", title)
	}
	a, ok := actionsAt(2)[title]
	if !ok {
		t.Fatalf("no %q: %v", title, actionsAt(2))
	}
	var res server.QueryResult
	c.mustCommand(a.Command.Command, a.Command.Arguments[0], &res)
	if res.Affected == nil || *res.Affected != 2 {
		t.Fatalf("forced delete: %+v", res)
	}
}
