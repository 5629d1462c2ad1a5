package server_test

import (
	"encoding/json"
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
					_, ok := messageWith(c, "dbls: SELECT · 2 rows", "1   apple", "File: "+res.Path)
					return ok
				})
				c.waitFor("the update message", func() bool {
					_, ok := messageWith(c, "dbls: UPDATE · 1 row affected")
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
		_, ok := messageWith(c, "1 difference(s)", "[x] ", "wanted", "File: "+cmp.Path)
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
