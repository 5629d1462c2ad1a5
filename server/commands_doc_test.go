package server_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestQueryCommandsDoc runs the examples of docs/commands.md, section
// "Queries, results and records", in order against the shop database: each
// request must succeed, and the reply shown after it must match the real
// one (values that differ per machine only need to be there).
func TestQueryCommandsDoc(t *testing.T) {
	data, err := os.ReadFile("../docs/commands.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(data), "\n## Queries, results and records\n")
	if !ok {
		t.Fatal(`docs/commands.md has no "## Queries, results and records"`)
	}
	if i := strings.Index(section, "\n## "); i >= 0 {
		section = section[:i]
	}
	c := startQueries(t, shopOptions(shopDB(t)), "en")
	volatile := map[string]bool{"elapsedMs": true, "document": true, "connection": true, "uri": true}
	var last map[string]any
	requests := 0
	for _, block := range strings.Split(section, "```json\n")[1:] {
		block, _, _ = strings.Cut(block, "```")
		var v map[string]any
		if err := json.Unmarshal([]byte(block), &v); err != nil {
			t.Fatalf("example is not a JSON object: %v\n%s", err, block)
		}
		switch {
		case v["command"] != nil:
			requests++
			last = map[string]any{}
			if err := c.try("workspace/executeCommand", v, &last); err != nil {
				t.Fatalf("example %s: %v", block, err)
			}
		case v["code"] != nil: // an error reply, shown for its shape
		case last == nil:
			t.Fatalf("a reply without a request before it:\n%s", block)
		default:
			for k, want := range v {
				got, ok := last[k]
				switch {
				case !ok:
					t.Errorf("reply lacks %q, which the doc shows:\n%s", k, block)
				case k == "path":
					if filepath.Base(got.(string)) != filepath.Base(want.(string)) {
						t.Errorf("path %v, doc shows %v", got, want)
					}
				case !volatile[k] && !reflect.DeepEqual(got, want):
					t.Errorf("%q is %v, the doc shows %v", k, got, want)
				}
			}
		}
	}
	if requests < 10 {
		t.Fatalf("only %d examples ran", requests)
	}
}
