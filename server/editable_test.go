package server_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/dbls/dbls/drivers/drivertest"
	"github.com/dbls/dbls/server"
)

// TestEditableResults: a SELECT of one keyed table answers which table and
// key its rows have, a join or a keyless table says why not, and the
// record commands preview and then change the row the grid names, on each
// engine, through the real server.
func TestEditableResults(t *testing.T) {
	for _, e := range dbEngines {
		t.Run(e.name, func(t *testing.T) {
			c := startQueries(t, map[string]any{"connections": map[string]any{"db": map[string]any{"url": e.url(t)}}}, "en")
			uri := c.uri("e.sql")
			c.open(uri, "-- dbls: connection=db\nSELECT * FROM ")
			for _, s := range []string{
				"CREATE TABLE film (film_id INT PRIMARY KEY, title VARCHAR(40), rating VARCHAR(5))",
				"CREATE TABLE loose (n INT)",
				"INSERT INTO film VALUES (1, 'ACADEMY DINOSAUR', 'PG'), (2, 'ACE GOLDFINGER', 'G')",
				"INSERT INTO loose VALUES (1)",
			} {
				c.mustCommand(server.CmdExecuteQuery, map[string]any{"uri": uri, "sql": s}, nil)
			}
			c.waitFor("both tables in the snapshot", func() bool {
				l := labels(c.complete(uri, 1, 14))
				_, a := l["film"]
				_, b := l["loose"]
				return a && b
			})
			run := func(sql string) server.QueryResult {
				var res server.QueryResult
				c.mustCommand(server.CmdExecuteQuery, map[string]any{"uri": uri, "sql": sql}, &res)
				return res
			}
			res := run("SELECT * FROM film ORDER BY film_id")
			ed := res.Editable
			if ed == nil || ed.Table != "film" || ed.Schema == "" || fmt.Sprint(ed.Key) != "[film_id]" || len(ed.Columns) != 3 ||
				ed.Columns[1] == nil || *ed.Columns[1] != "title" || res.NotEditable != "" {
				t.Fatalf("SELECT * FROM film: editable %+v, not editable %q", ed, res.NotEditable)
			}
			for sql, why := range map[string]string{
				"SELECT f.title FROM film f JOIN loose l ON l.n = f.film_id": "not rows of one table",
				"SELECT * FROM loose":    "no primary key",
				"SELECT title FROM film": "no primary key in the result",
			} {
				if r := run(sql); r.Editable != nil || !strings.Contains(r.NotEditable, why) {
					t.Errorf("%s: editable %+v, not editable %q", sql, r.Editable, r.NotEditable)
				}
			}
			if r := run("SELECT 1 AS n FROM loose WHERE n = 0"); r.Editable != nil || r.NotEditable == "" {
				t.Errorf("SELECT of a constant: %+v %q", r.Editable, r.NotEditable)
			}

			// The grid's edit: title of the row whose key is film_id = 1.
			edit := map[string]any{"uri": uri, "schema": ed.Schema, "table": ed.Table,
				"key": map[string]any{"film_id": res.Rows[0][0]}, "values": map[string]any{"title": "O'BRIEN"}}
			var pv server.RecordPreview
			c.mustCommand(server.CmdUpdateRecord, withPreview(edit), &pv)
			if strings.Contains(pv.SQL, "O'BRIEN") || !strings.Contains(pv.Display, "SET "+string(e.q)+"title"+string(e.q)+" = 'O''BRIEN' WHERE") ||
				!strings.HasSuffix(pv.Display, "film_id"+string(e.q)+" = 1") || fmt.Sprint(pv.Params) != "[O'BRIEN 1]" {
				t.Fatalf("update preview: %+v", pv)
			}
			if got := fmt.Sprint(run("SELECT title FROM film WHERE film_id = 1").Rows); got != "[[ACADEMY DINOSAUR]]" {
				t.Fatalf("the preview changed the row: %s", got)
			}
			var ch server.ChangeResult
			c.mustCommand(server.CmdUpdateRecord, edit, &ch)
			if got := fmt.Sprint(run("SELECT title FROM film ORDER BY film_id").Rows); ch.Affected != 1 || got != "[[O'BRIEN] [ACE GOLDFINGER]]" {
				t.Fatalf("after the update (%d): %s", ch.Affected, got)
			}
			c.mustCommand(server.CmdDeleteRecord, withPreview(map[string]any{"uri": uri, "schema": ed.Schema, "table": ed.Table,
				"key": map[string]any{"film_id": 2}}), &pv)
			if !strings.HasPrefix(pv.Display, "DELETE FROM ") || !strings.HasSuffix(pv.Display, " = 2") {
				t.Fatalf("delete preview: %+v", pv)
			}
			c.mustCommand(server.CmdInsertRecord, withPreview(map[string]any{"uri": uri, "schema": ed.Schema, "table": ed.Table,
				"values": map[string]any{"film_id": 3, "title": nil}}), &pv)
			if !strings.HasSuffix(pv.Display, "VALUES (3, NULL)") {
				t.Fatalf("insert preview: %+v", pv)
			}
			err := c.command(server.CmdUpdateRecord, withPreview(map[string]any{"uri": uri, "table": "loose",
				"key": map[string]any{"n": 1}, "values": map[string]any{"n": 2}}), &pv)
			if err == nil || !strings.Contains(err.Error(), "no primary or unique key") {
				t.Fatalf("preview of an update by a non-key: %v", err)
			}
			if got := fmt.Sprint(run("SELECT count(*) FROM film").Rows); got != "[[2]]" {
				t.Fatalf("previews changed rows: %s", got)
			}
		})
	}
}

func withPreview(m map[string]any) map[string]any {
	out := map[string]any{"preview": true}
	for k, v := range m {
		out[k] = v
	}
	return out
}

// TestNotEditableInChinese: why editing is off follows the client's
// language.
func TestNotEditableInChinese(t *testing.T) {
	c := startQueries(t, map[string]any{"connections": map[string]any{"db": map[string]any{"url": drivertest.SQLiteURL(t)}}}, "zh-cn")
	var res server.QueryResult
	c.mustCommand(server.CmdExecuteQuery, map[string]any{"connection": "db", "sql": "SELECT 1 AS n"}, &res)
	if res.Editable != nil || !strings.Contains(res.NotEditable, "同一张表") {
		t.Fatalf("editable %+v, not editable %q", res.Editable, res.NotEditable)
	}
}
