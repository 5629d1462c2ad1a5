package server_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
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

// startQueries runs a server for a client that shows documents and speaks
// locale, with connections from options; result documents go to a
// temporary cache directory.
func startQueries(t *testing.T, options any, locale string) *client {
	t.Helper()
	return startQueriesWith(t, setup{}, options, locale)
}

// startQueriesWith is startQueries with the server set up as s says.
func startQueriesWith(t *testing.T, s setup, options any, locale string) *client {
	t.Helper()
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	dir := t.TempDir()
	c := launch(t, dir, s)
	init := map[string]any{
		"processId": os.Getpid(), "rootUri": "file://" + dir, "locale": locale,
		"workspaceFolders": []map[string]string{{"uri": "file://" + dir, "name": "ws"}},
		"capabilities": map[string]any{"window": map[string]any{
			"workDoneProgress": true, "showDocument": map[string]any{"support": true}}},
		"initializationOptions": options,
	}
	if s.capabilities != nil {
		init["capabilities"] = s.capabilities
	}
	c.call("initialize", init, nil)
	c.notify("initialized", map[string]any{})
	return c
}

// command runs a workspace command and decodes its result.
func (c *client) command(name string, arg, result any) error {
	return c.try("workspace/executeCommand", map[string]any{"command": name, "arguments": []any{arg}}, result)
}

func (c *client) mustCommand(name string, arg, result any) {
	c.t.Helper()
	if err := c.command(name, arg, result); err != nil {
		c.t.Fatalf("%s %v: %v", name, arg, err)
	}
}

// reason is the data.reason of an error reply.
func reason(err error) string {
	var je *jsonrpc2.Error
	if !errors.As(err, &je) || je.Data == nil {
		return ""
	}
	var d struct {
		Reason string `json:"reason"`
	}
	json.Unmarshal(*je.Data, &d)
	return d.Reason
}

// dbEngine is a real database for the server's query tests.
type dbEngine struct {
	name string
	url  func(testing.TB) string
	q    byte // identifier quote
	// sleep runs for 30 seconds; active counts it on the server.
	sleep  string
	active string
}

var dbEngines = []dbEngine{
	{name: "postgres", url: drivertest.PostgresURL, q: '"', sleep: "SELECT pg_sleep(30)",
		active: "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query = 'SELECT pg_sleep(30)' AND state = 'active'"},
	{name: "mysql", url: drivertest.MySQLURL, q: '`', sleep: "SELECT SLEEP(30)",
		active: "SELECT count(*) FROM information_schema.processlist WHERE db = DATABASE() AND info = 'SELECT SLEEP(30)'"},
	{name: "sqlite", url: drivertest.SQLiteURL, q: '"'},
}

func TestExecuteQueryPagesExportsAndRefreshes(t *testing.T) {
	for _, e := range dbEngines {
		t.Run(e.name, func(t *testing.T) {
			url := e.url(t)
			// Every run reports progress at once, quick ones included.
			c := startQueriesWith(t, setup{progressDelay: -1}, map[string]any{"connections": map[string]any{"db": map[string]any{"url": url}}}, "en")
			uri := c.uri("q.sql")
			c.open(uri, "-- dbls: connection=db\nSELECT id, name FROM items ORDER BY id;\n\nSELECT * FROM ")

			// DDL through dbls: the snapshot refreshes by itself.
			c.mustCommand(server.CmdExecuteQuery, map[string]any{"uri": uri, "sql": "CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(20))"}, nil)
			c.waitFor("the new table in completion", func() bool {
				_, ok := labels(c.complete(uri, 3, 14))["items"]
				return ok
			})
			var res server.QueryResult
			c.mustCommand(server.CmdExecuteQuery, map[string]any{"uri": uri,
				"sql": "INSERT INTO items VALUES (1, 'a|b'), (2, 'x'), (3, 'y'), (4, 'z'), (5, NULL)"}, &res)
			if res.Affected == nil || *res.Affected != 5 || len(res.Columns) != 0 {
				t.Fatalf("insert: %+v", res)
			}

			// The statement at the cursor (an empty range in line 1).
			c.mustCommand(server.CmdExecuteQuery, map[string]any{"uri": uri, "limit": 2,
				"range": rng(1, 3, 1, 3)}, &res)
			if len(res.Rows) != 2 || !res.HasMore || res.Page != 1 || res.Limit != 2 || len(res.Columns) != 2 ||
				res.Columns[1].Name != "name" || res.QueryID == "" || fmt.Sprint(res.Rows[0][1]) != "a|b" {
				t.Fatalf("page 1: %+v", res)
			}
			doc := fromURI(t, res.Document)
			data, err := os.ReadFile(doc)
			if err != nil {
				t.Fatal(err)
			}
			for _, want := range []string{"SELECT id, name FROM items ORDER BY id", "| id | name |", "| 1 | a\\|b |", "| 2 | x |", server.CmdNextPage} {
				if !strings.Contains(string(data), want) {
					t.Errorf("result document lacks %q:\n%s", want, data)
				}
			}
			c.waitFor("window/showDocument", func() bool {
				for _, n := range c.notesOf("window/showDocument") {
					if strings.Contains(string(n.Params), res.Document) {
						return true
					}
				}
				return false
			})
			id := res.QueryID

			// Explain the same statement; with no delay, the run reports progress.
			var plan server.QueryResult
			c.mustCommand(server.CmdExecuteQuery, map[string]any{"uri": uri, "range": rng(1, 3, 1, 3), "explain": true}, &plan)
			if plan.Statement != "EXPLAIN" || len(plan.Rows) == 0 {
				t.Fatalf("explain: %+v", plan)
			}
			err = c.command(server.CmdExecuteQuery, map[string]any{"uri": uri, "explain": true,
				"sql": "SELECT 1; DELETE FROM items WHERE id = 1"}, nil)
			if err == nil || !strings.Contains(err.Error(), "one statement") {
				t.Fatalf("explain of two statements: %v", err)
			}
			c.waitFor("query progress", func() bool {
				for _, n := range c.notesOf("$/progress") {
					if p := string(n.Params); strings.Contains(p, "running EXPLAIN ") && strings.Contains(p, "SELECT id, name FROM items") {
						return true
					}
				}
				return false
			})
			var pages []int
			for res.HasMore {
				c.mustCommand(server.CmdNextPage, map[string]any{"queryId": id}, &res)
				pages = append(pages, res.Page)
			}
			if fmt.Sprint(pages) != "[2 3]" || len(res.Rows) != 1 || res.Rows[0][1] != nil {
				t.Fatalf("pages %v, last %+v", pages, res)
			}

			// Export every row in each format.
			for format, want := range map[string]string{
				"csv":      "id,name\n1,a|b\n2,x\n3,y\n4,z\n5,\n",
				"markdown": "| id | name |\n| --- | --- |\n| 1 | a\\|b |\n| 2 | x |\n| 3 | y |\n| 4 | z |\n| 5 | NULL |\n",
			} {
				path := filepath.Join(t.TempDir(), "out."+format)
				var ex server.ExportResult
				c.mustCommand(server.CmdExportResults, map[string]any{"queryId": id, "format": format, "path": path, "all": true}, &ex)
				got, err := os.ReadFile(ex.Path)
				if err != nil || ex.Path != path || ex.Rows != 5 || string(got) != want {
					t.Errorf("%s export %+v (%v):\n%s", format, ex, err, got)
				}
			}
			var ex server.ExportResult
			c.mustCommand(server.CmdExportResults, map[string]any{"queryId": id, "format": "json"}, &ex)
			got, err := os.ReadFile(ex.Path)
			if err != nil {
				t.Fatal(err)
			}
			var js struct {
				Columns []drivers.ResultColumn `json:"columns"`
				Rows    [][]any                `json:"rows"`
			}
			if err := json.Unmarshal(got, &js); err != nil || len(js.Rows) != 1 || js.Rows[0][1] != nil || js.Columns[0].Name != "id" ||
				!strings.HasSuffix(ex.Path, ".json") {
				t.Errorf("json export of the last page %s (%v):\n%s", ex.Path, err, got)
			}
			if err := c.command(server.CmdExportResults, map[string]any{"queryId": id, "format": "xml"}, nil); err == nil {
				t.Error("an unknown format was accepted")
			}
			if err := c.command(server.CmdNextPage, map[string]any{"queryId": "nope"}, nil); reason(err) != "noResult" {
				t.Errorf("next page of an unknown query: %v", err)
			}
			if e.name == "postgres" {
				// Values JSON has no number for, and bytes.
				c.mustCommand(server.CmdExecuteQuery, map[string]any{"uri": uri,
					"sql": "SELECT 'NaN'::float8, '-Infinity'::float8, 1.5::float8, '\\x00ff'::bytea"}, &res)
				if fmt.Sprint(res.Rows) != `[[NaN -Inf 1.5 \x00ff]]` {
					t.Errorf("special values: %v", res.Rows)
				}
			}
			// A database error is a failed request with the database's message.
			err = c.command(server.CmdExecuteQuery, map[string]any{"uri": uri, "sql": "SELECT nope FROM items"}, nil)
			if err == nil || reason(err) != "failed" || !strings.Contains(err.Error(), "nope") {
				t.Errorf("database error: %v", err)
			}
		})
	}
}

func fromURI(t *testing.T, u string) string {
	t.Helper()
	p, ok := strings.CutPrefix(u, "file://")
	if !ok {
		t.Fatalf("not a file URI: %s", u)
	}
	return p
}

func TestQueryGuardsAndReadOnly(t *testing.T) {
	for _, e := range dbEngines {
		t.Run(e.name, func(t *testing.T) {
			url := e.url(t)
			opts := map[string]any{"connections": map[string]any{
				"db": map[string]any{"url": url},
				"ro": map[string]any{"url": strings.Replace(url, "?mode=rwc", "", 1), "readonly": true},
			}}
			c := startQueries(t, opts, "en")
			run := func(conn, sql string, force bool) (server.QueryResult, error) {
				var res server.QueryResult
				err := c.command(server.CmdExecuteQuery, map[string]any{"connection": conn, "sql": sql, "force": force}, &res)
				return res, err
			}
			for _, sql := range []string{"CREATE TABLE t (id INT PRIMARY KEY, v INT)", "INSERT INTO t VALUES (1, 1), (2, 2)"} {
				if _, err := run("db", sql, false); err != nil {
					t.Fatal(err)
				}
			}
			_, err := run("db", "UPDATE t SET v = 0", false)
			if reason(err) != "unbounded" || !strings.Contains(err.Error(), "UPDATE without WHERE") {
				t.Fatalf("WHERE-less update: %v", err)
			}
			if res, err := run("db", "SELECT count(*) FROM t WHERE v = 0", false); err != nil || fmt.Sprint(res.Rows[0][0]) != "0" {
				t.Fatalf("the refused update ran: %v %+v", err, res)
			}
			if res, err := run("db", "DELETE FROM t", true); err != nil || res.Affected == nil || *res.Affected != 2 {
				t.Fatalf("forced delete: %v %+v", err, res)
			}
			for _, sql := range []string{"INSERT INTO t VALUES (3, 3)", "DROP TABLE t"} {
				_, err := run("ro", sql, true)
				if reason(err) != "readOnly" || !strings.Contains(err.Error(), "read-only") {
					t.Errorf("read-only %q: %v", sql, err)
				}
			}
			if _, err := run("ro", "SELECT * FROM t", false); err != nil {
				t.Errorf("read on a read-only connection: %v", err)
			}
			if e.name == "postgres" {
				// A write the words cannot see: the read-only transaction refuses it.
				if _, err := run("db", "CREATE SEQUENCE s", false); err != nil {
					t.Fatal(err)
				}
				_, err := run("ro", "SELECT nextval('s')", false)
				if reason(err) != "failed" || !strings.Contains(err.Error(), "read-only transaction") {
					t.Errorf("nextval on a read-only connection: %v", err)
				}
			}
			err = c.command(server.CmdInsertRecord, map[string]any{"connection": "ro", "table": "t", "values": map[string]any{"id": 9, "v": 9}}, nil)
			if reason(err) != "readOnly" {
				t.Errorf("record insert on a read-only connection: %v", err)
			}
			if res, err := run("db", "SELECT count(*) FROM t", false); err != nil || fmt.Sprint(res.Rows[0][0]) != "0" {
				t.Fatalf("a refused write ran: %v %+v", err, res)
			}
			// The editor makes "db" read-only: the kept connection must not
			// keep writing.
			c.notify("workspace/didChangeConfiguration", map[string]any{"settings": map[string]any{"connections": map[string]any{
				"db": map[string]any{"url": url, "readonly": true}}}})
			// (The notification is handled before the next request.)
			if _, err := run("db", "INSERT INTO t VALUES (4, 4)", false); reason(err) != "readOnly" {
				t.Fatalf("insert after the connection became read-only: %v", err)
			}
		})
	}
}

func TestCancelQuery(t *testing.T) {
	for _, e := range dbEngines {
		if e.sleep == "" {
			continue
		}
		t.Run(e.name, func(t *testing.T) {
			url := e.url(t)
			ctx := context.Background()
			admin, _, err := drivers.Open(ctx, url)
			if err != nil {
				t.Fatal(err)
			}
			defer admin.Close()
			active := func() int {
				res, err := admin.(drivers.Querier).Query(ctx, drivers.Request{SQL: e.active})
				if err != nil {
					t.Fatal(err)
				}
				return int(toInt(res.Rows[0][0]))
			}
			c := startQueries(t, map[string]any{"connections": map[string]any{"db": map[string]any{"url": url}}}, "en")

			// By command, with the id the client chose.
			errc := make(chan error, 1)
			go func() {
				errc <- c.command(server.CmdExecuteQuery, map[string]any{"connection": "db", "sql": e.sleep, "queryId": "sleepy"}, nil)
			}()
			c.waitFor("the statement to run on the server", func() bool { return active() == 1 })
			var cr server.CancelResult
			c.mustCommand(server.CmdCancelQuery, map[string]any{"queryId": "sleepy"}, &cr)
			if fmt.Sprint(cr.Cancelled) != "[sleepy]" {
				t.Fatalf("cancelQuery: %+v", cr)
			}
			if err := <-errc; reason(err) != "cancelled" {
				t.Fatalf("cancelled run answered %v", err)
			}
			c.waitFor("the server to stop the statement", func() bool { return active() == 0 })

			// By document: whatever the document started.
			uri := c.uri("sleep.sql")
			c.open(uri, "-- dbls: connection=db\n"+e.sleep+";\n")
			go func() {
				errc <- c.command(server.CmdExecuteQuery, map[string]any{"uri": uri, "range": rng(1, 0, 1, 0)}, nil)
			}()
			c.waitFor("the statement to run on the server", func() bool { return active() == 1 })
			c.mustCommand(server.CmdCancelQuery, map[string]any{"uri": uri}, &cr)
			if len(cr.Cancelled) != 1 {
				t.Fatalf("cancelQuery by uri: %+v", cr)
			}
			if err := <-errc; reason(err) != "cancelled" {
				t.Fatalf("cancelled run answered %v", err)
			}
			c.waitFor("the server to stop the statement", func() bool { return active() == 0 })

			// By $/cancelRequest, for a request whose id the test chose.
			body := fmt.Sprintf(`{"jsonrpc":"2.0","id":"cancel-me","method":"workspace/executeCommand","params":{"command":%q,"arguments":[{"connection":"db","sql":%q}]}}`,
				server.CmdExecuteQuery, e.sleep)
			fmt.Fprintf(c.raw, "Content-Length: %d\r\n\r\n%s", len(body), body)
			c.waitFor("the statement to run on the server", func() bool { return active() == 1 })
			c.notify("$/cancelRequest", map[string]any{"id": "cancel-me"})
			c.waitFor("the server to stop the statement", func() bool { return active() == 0 })

			// By query_timeout, from the editor's settings.
			c.notify("workspace/didChangeConfiguration", map[string]any{"settings": map[string]any{
				"query_timeout": "300ms", "connections": map[string]any{"db": map[string]any{"url": url}}}})
			err = c.command(server.CmdExecuteQuery, map[string]any{"connection": "db", "sql": e.sleep}, nil)
			if reason(err) != "timeout" || !strings.Contains(err.Error(), "query_timeout (300ms)") {
				t.Fatalf("past query_timeout: %v", err)
			}
			c.waitFor("the server to stop the statement", func() bool { return active() == 0 })
		})
	}
}

func toInt(v any) int64 {
	var n int64
	fmt.Sscan(fmt.Sprint(v), &n)
	return n
}

func TestRunLensesAndActions(t *testing.T) {
	for _, locale := range []string{"en", "zh-CN"} {
		t.Run(locale, func(t *testing.T) {
			c := startQueries(t, shopOptions(shopDB(t)), locale)
			uri := c.uri("q.sql")
			text := "-- dbls: connection=shop\nSELECT * FROM orders;\n\nDELETE FROM orders\n"
			c.open(uri, text)
			lenses := runLensesOf(c, uri)
			run, explain, runSel, runStmt := "▶ Run", "Explain", "Run selection", "Run statement"
			if locale == "zh-CN" {
				run, explain, runSel, runStmt = "▶ 运行", "查看执行计划", "运行选中内容", "运行语句"
			}
			if len(lenses) != 2 || lenses[0].Range.Start.Line != 1 || lenses[1].Range.Start.Line != 3 {
				t.Fatalf("lenses: %+v", lenses)
			}
			for _, l := range lenses {
				if l.Command == nil || l.Command.Title != run || l.Command.Command != server.CmdExecuteQuery {
					t.Fatalf("lens: %+v", l)
				}
			}
			// The second lens runs the WHERE-less DELETE: refused, in the client's language.
			err := c.command(lenses[1].Command.Command, lenses[1].Command.Arguments[0], nil)
			wantMsg := "without WHERE"
			if locale == "zh-CN" {
				wantMsg = "没有 WHERE 的 DELETE"
			}
			if reason(err) != "unbounded" || !strings.Contains(err.Error(), wantMsg) {
				t.Fatalf("lens DELETE: %v", err)
			}
			var res server.QueryResult
			c.mustCommand(lenses[0].Command.Command, lenses[0].Command.Arguments[0], &res)
			if res.Statement != "SELECT" || len(res.Columns) == 0 {
				t.Fatalf("lens SELECT: %+v", res)
			}

			// Run from the blank line after the SELECT: the SELECT runs.
			c.mustCommand(server.CmdExecuteQuery, map[string]any{"uri": uri, "range": rng(2, 0, 2, 0), "limit": 1}, &res)
			if res.Statement != "SELECT" {
				t.Fatalf("run from the blank line after the SELECT: %+v", res)
			}
			if err := c.command(server.CmdExecuteQuery, map[string]any{"uri": uri, "range": rng(0, 0, 0, 0)}, nil); err == nil {
				t.Fatal("a run on the comment line before any statement ran something")
			}

			// By statement index: the first statement, then one past the last.
			c.mustCommand(server.CmdExecuteQuery, map[string]any{"uri": uri, "statement": 0, "limit": 1}, &res)
			if res.Statement != "SELECT" || len(res.Rows) != 1 || !res.HasMore {
				t.Fatalf("statement 0: %+v", res)
			}
			if err := c.command(server.CmdExecuteQuery, map[string]any{"uri": uri, "statement": 2}, nil); err == nil ||
				!strings.Contains(err.Error(), "2") {
				t.Fatalf("statement 2 of 2: %v", err)
			}

			var actions []protocol.CodeAction
			c.call("textDocument/codeAction", map[string]any{"textDocument": map[string]any{"uri": uri},
				"range": rng(1, 0, 1, 8), "context": map[string]any{"diagnostics": []any{}}}, &actions)
			titles := map[string]protocol.CodeAction{}
			for _, a := range actions {
				titles[a.Title] = a
			}
			for _, want := range []string{runStmt, explain, runSel} {
				if _, ok := titles[want]; !ok {
					t.Fatalf("actions lack %q: %+v", want, actions)
				}
			}
			ex := titles[explain].Command
			c.mustCommand(ex.Command, ex.Arguments[0], &res)
			if !strings.Contains(strings.ToLower(fmt.Sprint(res.Rows)), "orders") {
				t.Fatalf("explain: %+v", res)
			}
			sel := titles[runSel].Command
			if err := c.command(sel.Command, sel.Arguments[0], &res); err == nil {
				t.Fatalf("the selection %q ran", "SELECT *")
			}
			// Only quick fixes asked for: none of ours.
			c.call("textDocument/codeAction", map[string]any{"textDocument": map[string]any{"uri": uri},
				"range": rng(1, 0, 1, 0), "context": map[string]any{"diagnostics": []any{}, "only": []string{"quickfix"}}}, &actions)
			if len(actions) != 0 {
				t.Fatalf("actions for only=quickfix: %+v", actions)
			}
		})
	}
}

func TestRecordsAndViewsWithHostileNames(t *testing.T) {
	const table, col, view = `we"ird; tab` + "`" + `le ü`, `na"me; --`, `v"iew; sélect`
	for _, e := range dbEngines {
		t.Run(e.name, func(t *testing.T) {
			url := e.url(t)
			c := startQueries(t, map[string]any{"connections": map[string]any{"db": map[string]any{"url": url}}}, "en")
			uri := c.uri("q.sql")
			c.open(uri, "-- dbls: connection=db\nSELECT * FROM ")
			qt, qc, qv := drivertest.Quote(e.q, table), drivertest.Quote(e.q, col), drivertest.Quote(e.q, view)
			c.mustCommand(server.CmdExecuteQuery, map[string]any{"uri": uri,
				"sql": fmt.Sprintf("CREATE TABLE %s (id INT PRIMARY KEY, %s VARCHAR(40))", qt, qc)}, nil)
			rows := func() string {
				var res server.QueryResult
				c.mustCommand(server.CmdExecuteQuery, map[string]any{"uri": uri, "sql": fmt.Sprintf("SELECT id, %s FROM %s ORDER BY id", qc, qt)}, &res)
				return fmt.Sprint(res.Rows)
			}
			var ch server.ChangeResult
			hostile := `'); DROP TABLE x; --`
			c.mustCommand(server.CmdInsertRecord, map[string]any{"uri": uri, "table": table, "values": json.RawMessage(
				fmt.Sprintf(`{"id": 1, %q: %q}`, col, hostile))}, &ch)
			c.mustCommand(server.CmdInsertRecord, map[string]any{"uri": uri, "table": table, "values": map[string]any{"id": 2, col: "b"}}, &ch)
			if got := rows(); got != "[[1 "+hostile+"] [2 b]]" {
				t.Fatalf("after insert: %s", got)
			}
			c.mustCommand(server.CmdUpdateRecord, map[string]any{"uri": uri, "table": table, "key": map[string]any{"id": 2}, "values": map[string]any{col: "c"}}, &ch)
			if ch.Affected != 1 || rows() != "[[1 "+hostile+"] [2 c]]" {
				t.Fatalf("after update (%d): %s", ch.Affected, rows())
			}
			c.mustCommand(server.CmdDeleteRecord, map[string]any{"uri": uri, "table": table, "key": map[string]any{"id": 1}}, &ch)
			if ch.Affected != 1 || rows() != "[[2 c]]" {
				t.Fatalf("after delete (%d): %s", ch.Affected, rows())
			}

			c.mustCommand(server.CmdCreateView, map[string]any{"uri": uri, "name": view, "definition": fmt.Sprintf("SELECT id FROM %s", qt)}, nil)
			c.waitFor("the new view in completion", func() bool {
				for l := range labels(c.complete(uri, 1, 14)) {
					if strings.Contains(l, `iew; sélect`) {
						return true
					}
				}
				return false
			})
			c.mustCommand(server.CmdAlterView, map[string]any{"uri": uri, "name": view, "definition": fmt.Sprintf("SELECT id, %s FROM %s", qc, qt)}, nil)
			var res server.QueryResult
			c.mustCommand(server.CmdExecuteQuery, map[string]any{"uri": uri, "sql": "SELECT * FROM " + qv}, &res)
			if len(res.Columns) != 2 || res.Columns[1].Name != col {
				t.Fatalf("altered view: %+v", res.Columns)
			}
			c.mustCommand(server.CmdDropView, map[string]any{"uri": uri, "name": view}, nil)
			if err := c.command(server.CmdExecuteQuery, map[string]any{"uri": uri, "sql": "SELECT * FROM " + qv}, nil); err == nil {
				t.Fatal("the view survived dropView")
			}
			if err := c.command(server.CmdInsertRecord, map[string]any{"uri": uri, "table": table}, nil); err == nil {
				t.Fatal("an insert without values was accepted")
			}
		})
	}
}

// A result past result_max_bytes is refused with a message that says how
// to page through it or export it instead; a page of it runs.
func TestQueryResultTooLarge(t *testing.T) {
	url := drivertest.SQLiteURL(t)
	c := startQueries(t, map[string]any{"result_max_bytes": "1MiB", "connections": map[string]any{"db": map[string]any{"url": url}}}, "en")
	const big = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) SELECT i, hex(zeroblob(1000)) AS pad FROM n"
	err := c.command(server.CmdExecuteQuery, map[string]any{"connection": "db", "sql": big, "limit": 0, "queryId": "big"}, nil)
	if reason(err) != "tooLarge" || !strings.Contains(err.Error(), "result_max_bytes (1.0 MiB)") ||
		!strings.Contains(err.Error(), "dbls query") || !strings.Contains(err.Error(), "--format csv") {
		t.Fatalf("every row of a 4 MB result: %v", err)
	}
	var page server.QueryResult
	c.mustCommand(server.CmdExecuteQuery, map[string]any{"connection": "db", "sql": big, "limit": 100, "queryId": "page"}, &page)
	if len(page.Rows) != 100 || !page.HasMore {
		t.Fatalf("a page of it: %d rows", len(page.Rows))
	}
	err = c.command(server.CmdExportResults, map[string]any{"queryId": "page", "format": "csv", "all": true}, nil)
	if reason(err) != "tooLarge" {
		t.Fatalf("exporting every row through the server: %v", err)
	}
}

// runLensesOf returns a document's Run lenses.
func runLensesOf(c *client, uri string) []protocol.CodeLens {
	c.t.Helper()
	var all, lenses []protocol.CodeLens
	c.call("textDocument/codeLens", map[string]any{"textDocument": map[string]any{"uri": uri}}, &all)
	for _, l := range all {
		if l.Command != nil && l.Command.Command == server.CmdExecuteQuery {
			lenses = append(lenses, l)
		}
	}
	return lenses
}
