package server_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/dbls/dbls/server"
)

// TestRecordCommandsChangeOneRow: dbls.updateRecord and dbls.deleteRecord
// refuse a key that is not a primary or unique key, and roll back a change
// that matched two rows (PostgreSQL inheritance: the parent's primary key
// does not cover its child's rows).
func TestRecordCommandsChangeOneRow(t *testing.T) {
	e := dbEngines[0]
	url := e.url(t)
	c := startQueries(t, map[string]any{"connections": map[string]any{"db": map[string]any{"url": url}}}, "en")
	uri := c.uri("r.sql")
	c.open(uri, "-- dbls: connection=db\nSELECT 1")
	for _, s := range []string{
		"CREATE TABLE items (id int PRIMARY KEY, grp int, name text)",
		"INSERT INTO items SELECT g, g % 2, 'n' || g FROM generate_series(1, 50) g",
		"CREATE TABLE two (id int PRIMARY KEY, name text)",
		"CREATE TABLE two_child () INHERITS (two)",
		"INSERT INTO two VALUES (1, 'a')",
		"INSERT INTO two_child VALUES (1, 'b')",
	} {
		c.mustCommand(server.CmdExecuteQuery, map[string]any{"uri": uri, "sql": s}, nil)
	}
	rows := func(sql string) string {
		var res server.QueryResult
		c.mustCommand(server.CmdExecuteQuery, map[string]any{"uri": uri, "sql": sql}, &res)
		return fmt.Sprint(res.Rows)
	}
	items := rows("SELECT count(*) FILTER (WHERE name LIKE 'n%') FROM items")
	var ch server.ChangeResult
	err := c.command(server.CmdUpdateRecord, map[string]any{"uri": uri, "table": "items", "key": map[string]any{"grp": 1}, "values": map[string]any{"name": "x"}}, &ch)
	if err == nil || !strings.Contains(err.Error(), "not the primary key or a unique key") {
		t.Fatalf("update by a non-unique key: %v (affected %d)", err, ch.Affected)
	}
	err = c.command(server.CmdDeleteRecord, map[string]any{"uri": uri, "table": "items", "key": map[string]any{"grp": 1}}, &ch)
	if err == nil || !strings.Contains(err.Error(), "not the primary key or a unique key") {
		t.Fatalf("delete by a non-unique key: %v (affected %d)", err, ch.Affected)
	}
	if got := rows("SELECT count(*) FILTER (WHERE name LIKE 'n%') FROM items"); got != items || got != "[[50]]" {
		t.Fatalf("items after refused changes: %s", got)
	}
	before := rows("SELECT * FROM two ORDER BY name")
	err = c.command(server.CmdUpdateRecord, map[string]any{"uri": uri, "table": "two", "key": map[string]any{"id": 1}, "values": map[string]any{"name": "z"}}, &ch)
	if err == nil || !strings.Contains(err.Error(), "matched 2 rows") {
		t.Fatalf("update matching two rows: %v (affected %d)", err, ch.Affected)
	}
	err = c.command(server.CmdDeleteRecord, map[string]any{"uri": uri, "table": "two", "key": map[string]any{"id": 1}}, &ch)
	if err == nil || !strings.Contains(err.Error(), "matched 2 rows") {
		t.Fatalf("delete matching two rows: %v (affected %d)", err, ch.Affected)
	}
	if got := rows("SELECT * FROM two ORDER BY name"); got != before {
		t.Fatalf("not rolled back: %s, was %s", got, before)
	}
	c.mustCommand(server.CmdUpdateRecord, map[string]any{"uri": uri, "table": "items", "key": map[string]any{"id": 2}, "values": map[string]any{"name": "x"}}, &ch)
	if ch.Affected != 1 {
		t.Fatalf("update by primary key: affected %d", ch.Affected)
	}
}

// TestReadOnlyBypassThroughServer: on a read-only PostgreSQL connection,
// switching the session's default off and then calling a function that
// inserts writes nothing, through dbls.executeQuery.
func TestReadOnlyBypassThroughServer(t *testing.T) {
	url := dbEngines[0].url(t)
	c := startQueries(t, map[string]any{"connections": map[string]any{
		"rw": map[string]any{"url": url},
		"ro": map[string]any{"url": url, "readonly": true}}}, "en")
	rw, ro := c.uri("rw.sql"), c.uri("ro.sql")
	c.open(rw, "-- dbls: connection=rw\nSELECT 1")
	c.open(ro, "-- dbls: connection=ro\nSELECT 1")
	for _, s := range []string{
		"CREATE TABLE t (id int)",
		"CREATE FUNCTION f() RETURNS int VOLATILE LANGUAGE plpgsql AS $$ BEGIN INSERT INTO t VALUES (1); RETURN 1; END $$",
	} {
		c.mustCommand(server.CmdExecuteQuery, map[string]any{"uri": rw, "sql": s}, nil)
	}
	for _, s := range []string{
		"SELECT set_config('default_transaction_read_only', 'off', false)",
		"SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE",
		"SELECT f()",
	} {
		_ = c.command(server.CmdExecuteQuery, map[string]any{"uri": ro, "sql": s}, nil)
	}
	var res server.QueryResult
	c.mustCommand(server.CmdExecuteQuery, map[string]any{"uri": rw, "sql": "SELECT count(*) FROM t"}, &res)
	if fmt.Sprint(res.Rows) != "[[0]]" {
		t.Fatalf("rows written through the read-only connection: %v", res.Rows)
	}
	c.mustCommand(server.CmdExecuteQuery, map[string]any{"uri": ro, "sql": "SHOW transaction_read_only"}, &res)
	if fmt.Sprint(res.Rows) != "[[on]]" {
		t.Fatalf("the read-only session now has transaction_read_only %v", res.Rows)
	}
}
