package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dbls/dbls/server/plugin/plugintest"
	"go.lsp.dev/jsonrpc2"
)

func needPython(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("python3"); err != nil {
		if os.Getenv("DBLS_REQUIRE_SERVERS") == "1" {
			t.Fatal("python3 is needed for the plugin tests")
		}
		t.Skip("python3 not installed")
	}
}

// TestPluginCheckCSVDriver is `dbls plugin check examples/csvdriver`, as
// make test runs it.
func TestPluginCheckCSVDriver(t *testing.T) {
	needPython(t)
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	out, errs, code := dbls(t, "plugin", "check", "../../server/plugin/external/csvdriver")
	if code != 0 || !strings.Contains(out, "all checks passed") {
		t.Fatalf("plugin check: %d\n%s%s", code, out, errs)
	}
	for _, want := range []string{"ok    handshake", "ok    driver/snapshot", "ok    driver/query", "ok    driver/read-only", "ok    driver/cancel", "ok    exit on end of input"} {
		if !strings.Contains(out, want) {
			t.Errorf("plugin check output lacks %q:\n%s", want, out)
		}
	}
}

type pluginInfo struct {
	ID           string
	State        string
	Reason       string
	Source       string
	Capabilities []string
}

func listPlugins(t *testing.T) map[string]pluginInfo {
	t.Helper()
	out, errs, code := dbls(t, "plugins", "--json")
	var list []pluginInfo
	if code != 0 || json.Unmarshal([]byte(out), &list) != nil {
		t.Fatalf("plugins --json: %d %s %s", code, out, errs)
	}
	m := map[string]pluginInfo{}
	for _, p := range list {
		m[p.ID] = p
	}
	return m
}

// TestPluginInstallListAndUse: an installed plugin is listed, its driver
// serves query and drivers; [plugins] disables it; an incompatible one is
// listed as such, with the reason, and refused on stderr.
func TestPluginInstallListAndUse(t *testing.T) {
	needPython(t)
	data := t.TempDir()
	t.Setenv("XDG_DATA_HOME", data)
	t.Setenv(pluginPathEnv, "")
	t.Chdir(t.TempDir())
	if out, errs, code := dbls(t, "plugin", "install", filepath.Join(wd(t), "server/plugin/external/csvdriver")); code != 0 || !strings.Contains(out, "installed csvdriver 1.0.0") {
		t.Fatalf("install: %d %s %s", code, out, errs)
	}
	ps := listPlugins(t)
	csv := ps["external.csvdriver"]
	if csv.State != "enabled" || csv.Source != filepath.Join(data, "dbls", "plugins", "csvdriver") || !contains(csv.Capabilities, "driver") {
		t.Fatalf("csvdriver: %+v", csv)
	}
	if ps["export.json"].State != "enabled" {
		t.Fatalf("built-in exporter: %+v", ps["export.json"])
	}
	folder := filepath.Join(data, "dbls", "plugins", "csvdriver", "testdata", "rental")
	out, errs, code := dbls(t, "query", "csv:"+folder, "SELECT name FROM country WHERE country_id = 7", "--format", "csv")
	if code != 0 || !strings.Contains(out, "Land 07") {
		t.Fatalf("query through the installed driver: %d %s %s", code, out, errs)
	}
	if out, _, _ := dbls(t, "drivers"); !strings.Contains(out, "CSV folder") {
		t.Fatalf("drivers lacks csv:\n%s", out)
	}

	out, errs, code = dbls(t, "command", "dbls.csv.tables", `{"path": "`+folder+`"}`)
	if code != 0 || !strings.Contains(out, `"country"`) || !strings.Contains(out, `"customer"`) {
		t.Fatalf("command: %d %s %s", code, out, errs)
	}
	if _, errs, code := dbls(t, "command", "dbls.nope"); code == 0 || !strings.Contains(errs, "dbls.csv.tables") {
		t.Fatalf("unknown plugin command: %d %s", code, errs)
	}

	os.WriteFile(".dbls.toml", []byte("[plugins]\ncsvdriver = false\njson = false\n"), 0o644)
	ps = listPlugins(t)
	if ps["external.csvdriver"].State != "disabled" || ps["export.json"].State != "disabled" {
		t.Fatalf("disabled in config: %+v %+v", ps["external.csvdriver"], ps["export.json"])
	}
	if _, errs, code := dbls(t, "query", "csv:"+folder, "SELECT 1"); code == 0 || !strings.Contains(errs, `unknown driver "csv"`) {
		t.Fatalf("disabled driver still used: %d %s", code, errs)
	}
	os.Remove(".dbls.toml")

	bad := filepath.Join(data, "dbls", "plugins", "future")
	os.MkdirAll(bad, 0o755)
	os.WriteFile(filepath.Join(bad, "dbls-plugin.json"), []byte(`{"id":"future","name":"Future","version":"2.0.0","protocol":9,
		"executable":{"*":["true"]}}`), 0o644)
	_, errs, _ = dbls(t, "plugins")
	ps = listPlugins(t)
	if f := ps["external.future"]; f.State != "incompatible" || !strings.Contains(f.Reason, "speaks protocol 9, this dbls speaks protocol 1") {
		t.Fatalf("future: %+v", f)
	}
	if !strings.Contains(errs, "plugin future refused") {
		t.Fatalf("no warning on stderr: %q", errs)
	}
}

func wd(t *testing.T) string {
	t.Helper()
	// t.Chdir moved us; the package directory is two levels under the repo.
	dir, err := filepath.Abs(filepath.Join(testDir, "..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

var testDir, _ = os.Getwd()

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestInspectRowEstimates: inspect runs the metadata hooks, so a table
// with statistics carries its row estimate.
func TestInspectRowEstimates(t *testing.T) {
	conn := shop(t)
	if _, errs, code := dbls(t, "query", conn, "ANALYZE"); code != 0 {
		t.Fatal(errs)
	}
	out, errs, code := dbls(t, "inspect", conn, "--json")
	if code != 0 || !strings.Contains(out, `"row_estimate":`) {
		t.Fatalf("inspect: %d %s\n%s", code, errs, out)
	}
}

// TestPluginsDocExample keeps the [plugins] example of docs/plugins.md true.
func TestPluginsDocExample(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join(testDir, "../../docs/plugins.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, rest, _ := strings.Cut(string(readme), "# Writing a plugin")
	_, rest, _ = strings.Cut(rest, "```toml\n")
	example, _, _ := strings.Cut(rest, "```")
	t.Chdir(t.TempDir())
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	os.WriteFile(".dbls.toml", []byte(example), 0o644)
	ps := listPlugins(t)
	if ps["export.markdown"].State != "disabled" || ps["assist.explain"].State != "enabled" {
		t.Fatalf("README example: %+v", ps)
	}
	if _, errs, code := dbls(t, "query", "sqlite::memory:", "SELECT 1", "--format", "markdown"); code == 0 || !strings.Contains(errs, "unknown format") {
		t.Fatalf("markdown disabled yet used: %d %s", code, errs)
	}
}

// TestServeRunsExternalPluginCommands: `dbls serve` gets the same plugin
// host as every command: an external plugin's command is advertised and
// runs in its process, and dbls.listPlugins lists it.
func TestServeRunsExternalPluginCommands(t *testing.T) {
	needPython(t)
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	t.Setenv(pluginPathEnv, filepath.Join(testDir, "../../server/plugin/external/csvdriver"))
	folder := filepath.Join(testDir, "../../server/plugin/external/csvdriver/testdata/rental")
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	var errb plugintest.Log
	a := &app{}
	root := newRoot(a)
	root.SetArgs([]string{"--store", filepath.Join(t.TempDir(), "store.db"), "serve"})
	root.SetIn(inR)
	root.SetOut(outW)
	root.SetErr(&errb)
	done := make(chan error, 1)
	go func() {
		err := root.ExecuteContext(context.Background())
		a.closePlugins()
		outW.Close()
		done <- err
	}()
	stream := jsonrpc2.NewStream(struct {
		io.Reader
		io.WriteCloser
	}{outR, inW})
	call := func(id int32, method string, params any) string {
		t.Helper()
		c, _ := jsonrpc2.NewCall(jsonrpc2.NewNumberID(id), method, params)
		if _, err := stream.Write(context.Background(), c); err != nil {
			t.Fatal(err)
		}
		for {
			msg, _, err := stream.Read(context.Background())
			if err != nil {
				t.Fatalf("%s: %v (stderr %s)", method, err, errb.String())
			}
			if resp, ok := msg.(*jsonrpc2.Response); ok && resp.ID() == jsonrpc2.NewNumberID(id) {
				return string(resp.Result()) + fmt.Sprint(resp.Err())
			}
		}
	}
	if res := call(1, "initialize", map[string]any{"capabilities": map[string]any{}}); !strings.Contains(res, `"dbls.csv.tables"`) {
		t.Errorf("initialize: %s", res)
	}
	res := call(2, "workspace/executeCommand", map[string]any{"command": "dbls.csv.tables", "arguments": []any{map[string]string{"path": folder}}})
	if !strings.Contains(res, `"country"`) || !strings.Contains(res, `"customer"`) {
		t.Errorf("dbls.csv.tables: %s", res)
	}
	res = call(3, "workspace/executeCommand", map[string]any{"command": "dbls.listPlugins"})
	if !strings.Contains(res, `"external.csvdriver"`) || !strings.Contains(res, `"export.json"`) {
		t.Errorf("dbls.listPlugins: %s", res)
	}
	call(4, "shutdown", nil)
	n, _ := jsonrpc2.NewNotification("exit", nil)
	stream.Write(context.Background(), n)
	go io.Copy(io.Discard, outR)
	if err := <-done; err != nil {
		t.Fatalf("serve: %v", err)
	}
	if !strings.Contains(errb.String(), "plugin csvdriver: csvdriver started") {
		t.Errorf("the plugin's stderr is not in serve's log: %s", errb.String())
	}
}

// TestPluginCheckFailures: check says what is wrong and exits 1.
func TestPluginCheckFailures(t *testing.T) {
	needPython(t)
	script := filepath.Join(testDir, "../../server/plugin/external/testdata/fake.py")
	write := func(protocol int) string {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, "dbls-plugin.json"), fmt.Appendf(nil,
			`{"id": "fake", "name": "Fake", "version": "0.0.1", "protocol": %d, "executable": {"*": ["python3", %q]}}`, protocol, script), 0o644)
		return dir
	}
	if _, errs, code := dbls(t, "plugin", "check", write(2)); code != 1 || !strings.Contains(errs, "speaks protocol 2, this dbls speaks protocol 1") {
		t.Fatalf("protocol 2: %d %s", code, errs)
	}
	t.Setenv("FAKE_PROTOCOL", "3")
	out, errs, code := dbls(t, "plugin", "check", write(1))
	if code != 1 || !strings.Contains(out, "FAIL  handshake") || !strings.Contains(out, "handshake with protocol 3") {
		t.Fatalf("handshake with protocol 3: %d %s %s", code, out, errs)
	}
	if _, errs, code := dbls(t, "plugin", "install", t.TempDir()); code != 1 || !strings.Contains(errs, "dbls-plugin.json") {
		t.Fatalf("install of a folder without manifest: %d %s", code, errs)
	}
}
