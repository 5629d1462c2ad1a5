package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCommand runs workspace commands through `dbls command`: with and
// without a document, with the workspace's .dbls.toml, and with the
// errors a script must see.
func TestCommand(t *testing.T) {
	conn := shop(t)
	dir := t.TempDir()
	t.Chdir(dir)
	cache := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", cache)
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	if err := os.WriteFile(".dbls.toml", []byte("[connections.shop]\nurl = \""+conn+"\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("report.sql", []byte("-- dbls: connection=shop\nSELECT email FROM customers ORDER BY id;\nSELECT count(*) AS n FROM orders;\n"), 0o600); err != nil {
		t.Fatal(err)
	}

	out, errs, code := dbls(t, "command", "dbls.listObjects", `{"connection": "shop"}`)
	if code != 0 || !strings.Contains(out, `"customers"`) {
		t.Fatalf("listObjects: code %d, out %s, err %s", code, out, errs)
	}

	out, errs, code = dbls(t, "command", "dbls.executeQuery", "--file", "report.sql", `{"statement": 1}`)
	var res struct {
		Rows     [][]any `json:"rows"`
		Document string  `json:"document"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &res) != nil || len(res.Rows) != 1 {
		t.Fatalf("executeQuery of statement 1: code %d, out %s, err %s", code, out, errs)
	}
	// Under the cache dir, never beside the user's files. (Comparing with
	// the working dir's base name "002" failed when the query's random
	// id held those digits.)
	if !strings.HasPrefix(res.Document, "file://"+filepath.ToSlash(cache)+"/") {
		t.Errorf("result document %q (want one under the cache dir %s)", res.Document, cache)
	}

	out, _, code = dbls(t, "command", "--list")
	if code != 0 || !strings.Contains(out, "dbls.executeQuery\n") {
		t.Errorf("--list: code %d, out %s", code, out)
	}

	cases := []struct {
		args []string
		want string
	}{
		{[]string{"command", "dbls.nope"}, `unknown command "dbls.nope"`},
		{[]string{"command", "dbls.listObjects", "[1]"}, "must be a JSON object"},
		{[]string{"command", "dbls.executeQuery", `{"connection": "shop", "sql": "DELETE FROM orders"}`}, "without WHERE"},
		{[]string{"command"}, "name the command"},
	}
	for _, c := range cases {
		_, errs, code := dbls(t, c.args...)
		if code == 0 || !strings.Contains(errs, c.want) || strings.Contains(errs, "dbls: dbls:") {
			t.Errorf("%q: code %d, stderr %q; want %q", c.args, code, errs, c.want)
		}
	}
}
