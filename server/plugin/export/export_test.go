package export

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/server/plugin"
	"github.com/dbls/dbls/server/plugin/plugintest"
)

func sample() *drivers.Result {
	return &drivers.Result{
		Columns: []drivers.ResultColumn{{Name: "id", Type: "INTEGER"}, {Name: "note|x", Type: "TEXT"}, {Name: "raw"}},
		Rows: [][]any{
			{int64(1), "two\nlines, \"quoted\"", []byte{0xff, 0x00}},
			{int64(2), nil, time.Date(2026, 11, 23, 5, 0, 0, 0, time.UTC)},
		},
		HasMore: true, Page: 1, Limit: 2, RowsAffected: -1,
	}
}

func TestFormats(t *testing.T) {
	cases := []struct {
		format string
		want   []string
	}{
		{"table", []string{"id  note|x", `two\nlines, "quoted"  \xff00`, "NULL", "2026-11-23T05:00:00Z", "(2 rows; more rows: --page 2"}},
		{"csv", []string{"id,note|x,raw\n", "1,\"two\nlines, \"\"quoted\"\"\",\\xff00\n", "2,,2026-11-23T05:00:00Z\n"}},
		{"markdown", []string{"| id | note\\|x | raw |\n| --- | --- | --- |\n", `| 1 | two<br>lines, "quoted" | \xff00 |`, "| 2 | NULL |"}},
		{"MD", []string{"| --- |"}},
	}
	for _, tc := range cases {
		w, err := Lookup(builtins(), tc.format)
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := w(&b, sample()); err != nil {
			t.Fatal(err)
		}
		for _, s := range tc.want {
			if !strings.Contains(b.String(), s) {
				t.Errorf("%s output lacks %q:\n%s", tc.format, s, b.String())
			}
		}
	}
	if _, err := Lookup(builtins(), "xml"); err == nil || !strings.Contains(err.Error(), "csv, json, markdown, table") {
		t.Fatalf("Lookup(xml) = %v", err)
	}
}

func TestJSONShape(t *testing.T) {
	var b bytes.Buffer
	if err := render(newJSON, &b, sample()); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Columns []struct{ Name, Type string }
		Rows    [][]any
		HasMore bool `json:"has_more"`
		Page    int
	}
	if err := json.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Columns) != 3 || got.Rows[0][2] != `\xff00` || got.Rows[1][1] != nil || !got.HasMore || got.Page != 1 {
		t.Fatalf("json = %s", b.String())
	}
	b.Reset()
	render(newJSON, &b, &drivers.Result{RowsAffected: 3})
	if !strings.Contains(b.String(), `"rows_affected": 3`) || !strings.Contains(b.String(), `"rows": []`) {
		t.Fatalf("exec json = %s", b.String())
	}
}

func TestAffected(t *testing.T) {
	var b bytes.Buffer
	render(newTable, &b, &drivers.Result{RowsAffected: 1})
	if !strings.HasPrefix(b.String(), "OK, 1 row affected") {
		t.Fatalf("table exec = %q", b.String())
	}
}

// TestStreamed: the streaming formats write each row as it comes, so a
// result never has to be held whole, and the JSON pieces make one document.
func TestStreamed(t *testing.T) {
	for _, format := range []string{"json", "markdown"} {
		var b bytes.Buffer
		rw, err := builtins().Export(context.Background(), format, &b, plugin.Header{Columns: []drivers.ResultColumn{{Name: "n"}}})
		if err != nil {
			t.Fatal(err)
		}
		for i := range 3 {
			before := b.Len()
			if err := rw.WriteRow([]any{int64(i)}); err != nil {
				t.Fatal(err)
			}
			if b.Len() == before {
				t.Errorf("%s: row %d not written until the end", format, i)
			}
		}
		if err := rw.End(plugin.Footer{Rows: 3, RowsAffected: -1}); err != nil {
			t.Fatal(err)
		}
		if format == "json" {
			var got struct{ Rows [][]int }
			if err := json.Unmarshal(b.Bytes(), &got); err != nil || len(got.Rows) != 3 || got.Rows[2][0] != 2 {
				t.Fatalf("json %v: %s", err, b.String())
			}
		}
	}
}

func TestBuiltinsArePlugins(t *testing.T) {
	for _, id := range []string{"export.csv", "export.json", "export.markdown", "export.table"} {
		if _, ok := builtins().Plugin(id); !ok {
			t.Errorf("%s is not a registered plugin", id)
		}
	}
	h := plugin.NewHost(plugin.Options{Config: map[string]any{"csv": false}})
	if _, err := h.Export(context.Background(), "csv", io.Discard, plugin.Header{}); err == nil {
		t.Error("csv exporter disabled in [plugins] still exports")
	}
}

func TestBuiltinContract(t *testing.T) {
	for _, id := range []string{"export.csv", "export.json", "export.markdown", "export.table"} {
		p, _ := builtins().Plugin(id)
		t.Run(id, func(t *testing.T) { plugintest.Run(t, p, nil) })
	}
}

// render writes a whole result in one built-in format.
func render(new func(io.Writer, plugin.Header) (plugin.RowWriter, error), w io.Writer, res *drivers.Result) error {
	rw, err := new(w, plugin.Header{Columns: res.Columns, Page: res.Page, Limit: res.Limit})
	if err != nil {
		return err
	}
	return WriteRows(rw, res)
}

// builtins is a host of the built-in plugins with no configuration.
func builtins() *plugin.Host { return plugin.NewHost(plugin.Options{}) }
