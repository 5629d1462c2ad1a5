package external_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/server/plugin"
	"github.com/dbls/dbls/server/plugin/external"
	"github.com/dbls/dbls/server/plugin/plugintest"
)

func needPython(t testing.TB) {
	t.Helper()
	if _, err := exec.LookPath("python3"); err != nil {
		if os.Getenv("DBLS_REQUIRE_SERVERS") == "1" {
			t.Fatal("python3 is needed for the plugin process tests")
		}
		t.Skip("python3 not installed")
	}
}

// fakeManifest writes a manifest for testdata/fake.py into a folder of its
// own, with edit applied.
func fakeManifest(t *testing.T, edit func(m map[string]any)) string {
	needPython(t)
	script, err := filepath.Abs("testdata/fake.py")
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]any{
		"id": "fake", "name": "Fake", "version": "0.0.1", "protocol": 1,
		"capabilities": map[string]any{"commands": []map[string]any{
			{"name": "dbls.fake.echo"}, {"name": "dbls.fake.hang"}, {"name": "dbls.fake.crash"},
			{"name": "dbls.fake.pid"}, {"name": "dbls.fake.child"}, {"name": "dbls.fake.setsid"},
			{"name": "dbls.fake.daemon"}, {"name": "dbls.fake.flood"}},
			"exporters": []map[string]any{{"name": "shout", "extension": "txt"}}},
		"executable": map[string]any{"*": []string{"python3", script}},
	}
	if edit != nil {
		edit(m)
	}
	dir := t.TempDir()
	data, _ := json.Marshal(m)
	if err := os.WriteFile(filepath.Join(dir, external.ManifestFile), data, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func fakeClient(t *testing.T, opts external.Options) *external.Client {
	m, err := external.ReadManifest(fakeManifest(t, nil))
	if err != nil {
		t.Fatal(err)
	}
	c := external.NewClient(m, opts)
	t.Cleanup(func() { c.Close(context.Background()) })
	return c
}

func execute(ctx context.Context, c *external.Client, cmd string, result any) error {
	return c.Call(ctx, "command/execute", map[string]any{"command": cmd, "arguments": []any{"hi"}}, result)
}

// TestKilledMidCall: killing the plugin while a call waits fails that call
// with ErrCrashed; the next call restarts the plugin.
func TestKilledMidCall(t *testing.T) {
	var log plugintest.Log
	c := fakeClient(t, external.Options{Backoff: time.Millisecond, Log: &log})
	var pid int
	if err := execute(context.Background(), c, "dbls.fake.pid", &pid); err != nil || pid != c.Pid() {
		t.Fatalf("pid = %d, %v; client says %d", pid, err, c.Pid())
	}
	errc := make(chan error, 1)
	go func() { errc <- execute(context.Background(), c, "dbls.fake.hang", nil) }()
	// Kill once the plugin is inside the call.
	for !strings.Contains(log.String(), "plugin fake: hanging") {
		time.Sleep(5 * time.Millisecond)
	}
	if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	if err := <-errc; !errors.Is(err, external.ErrCrashed) || !errors.Is(err, plugin.ErrFault) {
		t.Fatalf("call during the kill = %v, want ErrCrashed", err)
	}
	var echo []string
	if err := execute(context.Background(), c, "dbls.fake.echo", &echo); err != nil || len(echo) != 1 || echo[0] != "hi" {
		t.Fatalf("after restart: %v, %v", echo, err)
	}
	if c.Generation() != 2 || c.Pid() == pid {
		t.Fatalf("generation %d, pid %d (was %d): no restart", c.Generation(), c.Pid(), pid)
	}
}

// TestHangHitsDeadline: a call to a plugin that never answers ends at its
// deadline, and the plugin stays usable for the next call.
func TestHangHitsDeadline(t *testing.T) {
	c := fakeClient(t, external.Options{})
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	if err := execute(ctx, c, "dbls.fake.hang", nil); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("hanging call = %v, want DeadlineExceeded", err)
	}
	var echo []string
	if err := execute(context.Background(), c, "dbls.fake.echo", &echo); err != nil || c.Generation() != 1 {
		t.Fatalf("after the deadline: %v, generation %d", err, c.Generation())
	}
	// The default deadline applies when the caller gives none.
	c2 := fakeClient(t, external.Options{CallTimeout: 200 * time.Millisecond})
	if err := execute(context.Background(), c2, "dbls.fake.hang", nil); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("hanging call without a deadline = %v", err)
	}
}

func TestWrongProtocolRefused(t *testing.T) {
	// Declared in the manifest: refused before it is started.
	dir := fakeManifest(t, func(m map[string]any) { m["protocol"] = 2 })
	h := plugin.NewHost(plugin.Options{})
	_, errs := external.Load(h, external.LoadOptions{Paths: []string{dir}}, nil)
	st, reason, _ := h.State("external.fake")
	if st != plugin.StateIncompatible || !strings.Contains(reason, "speaks protocol 2, this dbls speaks protocol 1") || len(errs) != 1 {
		t.Fatalf("state %s (%s), errors %v", st, reason, errs)
	}
	// Answered in the handshake: refused, and not restarted.
	t.Setenv("FAKE_PROTOCOL", "7")
	c := fakeClient(t, external.Options{})
	err := execute(context.Background(), c, "dbls.fake.echo", nil)
	if !errors.Is(err, external.ErrIncompatible) || !strings.Contains(err.Error(), "handshake with protocol 7, this dbls speaks protocol 1") {
		t.Fatalf("handshake with protocol 7: %v", err)
	}
	if err2 := execute(context.Background(), c, "dbls.fake.echo", nil); !errors.Is(err2, external.ErrIncompatible) || c.Generation() != 0 {
		t.Fatalf("second call: %v (generation %d)", err2, c.Generation())
	}
}

func TestMinVersionRefused(t *testing.T) {
	dir := fakeManifest(t, func(m map[string]any) { m["min_dbls"] = ">= 9.0.0" })
	h := plugin.NewHost(plugin.Options{Version: "0.3.0"})
	external.Load(h, external.LoadOptions{Paths: []string{dir}}, nil)
	st, reason, _ := h.State("external.fake")
	if st != plugin.StateIncompatible || !strings.Contains(reason, "needs dbls >= 9.0.0, this is dbls 0.3.0") {
		t.Fatalf("state %s (%s)", st, reason)
	}
	if _, ok, err := h.RunCommand(context.Background(), "dbls.fake.echo", nil); !ok || !errors.Is(err, plugin.ErrUnavailable) {
		t.Fatalf("command of an incompatible plugin: ok=%v err=%v", ok, err)
	}
}

// TestCircuitBreaker: a plugin that dies at every start is tried
// BreakerCrashes times, then refused without a start until the cooldown.
func TestCircuitBreaker(t *testing.T) {
	t.Setenv("FAKE_EXIT_AT_START", "1")
	c := fakeClient(t, external.Options{Backoff: time.Millisecond, BreakerCrashes: 3, BreakerCooldown: time.Hour})
	for i := range 3 {
		if err := execute(context.Background(), c, "dbls.fake.echo", nil); err == nil || errors.Is(err, external.ErrCircuitOpen) {
			t.Fatalf("start %d: %v", i+1, err)
		}
	}
	if err := execute(context.Background(), c, "dbls.fake.echo", nil); !errors.Is(err, external.ErrCircuitOpen) {
		t.Fatalf("after 3 crashes: %v, want ErrCircuitOpen", err)
	}
}

// TestLifecycle: stderr is logged under the plugin's id; the plugin exits
// on end of input; whatever it started dies with it.
func TestLifecycle(t *testing.T) {
	var log plugintest.Log
	c := fakeClient(t, external.Options{Log: &log})
	var child int
	if err := execute(context.Background(), c, "dbls.fake.child", &child); err != nil {
		t.Fatal(err)
	}
	if err := c.Close(context.Background()); err != nil {
		t.Fatalf("close (the plugin should exit on EOF): %v", err)
	}
	if !strings.Contains(log.String(), "plugin fake: fake started") {
		t.Errorf("stderr not logged under the plugin's id: %q", log.String())
	}
	if !gone(child) {
		t.Errorf("child %d of the plugin outlived it", child)
	}
}

// gone reports whether pid ends within 10 s (a zombie counts: it was
// killed and awaits its reaper).
func gone(pid int) bool {
	for range 500 {
		stat, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
		if err != nil || strings.Contains(string(stat), ") Z ") {
			return true
		}
		time.Sleep(20 * time.Millisecond)
	}
	return false
}

// TestExternalCommandAndExporter: through the host, an external plugin's
// command runs in its process and its exporter streams rows in batches.
func TestExternalCommandAndExporter(t *testing.T) {
	h := plugin.NewHost(plugin.Options{})
	ps, errs := external.Load(h, external.LoadOptions{Paths: []string{fakeManifest(t, nil)}}, nil)
	if len(errs) > 0 || len(ps) != 1 {
		t.Fatal(errs)
	}
	t.Cleanup(func() { h.Shutdown(context.Background()) })
	res, ok, err := h.RunCommand(context.Background(), "dbls.fake.echo", []json.RawMessage{json.RawMessage(`{"a":1}`)})
	if !ok || err != nil || strings.ReplaceAll(string(res.(json.RawMessage)), " ", "") != `[{"a":1}]` {
		t.Fatalf("echo: %v %v %s", ok, err, res)
	}
	var b bytes.Buffer
	rw, err := h.Export(context.Background(), "shout", &b, plugin.Header{Columns: []drivers.ResultColumn{{Name: "id"}, {Name: "word"}}})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 1200 {
		if err := rw.WriteRow([]any{int64(i), "ab"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := rw.End(plugin.Footer{Rows: 1200}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if !strings.HasPrefix(out, "ID|WORD\n0|AB\n") || !strings.HasSuffix(out, "1199|AB\nEND 1200\n") || strings.Count(out, "\n") != 1202 {
		t.Fatalf("export: %q…%q", out[:30], out[len(out)-30:])
	}
}

// TestCrashingDriverDisabledOnce: calls outside the host (a driver's) are
// accounted too: a plugin that keeps crashing is disabled for the run, the
// user is told once, and further calls are refused without a start.
func TestCrashingDriverDisabledOnce(t *testing.T) {
	var told []string
	h := plugin.NewHost(plugin.Options{MaxFailures: 2, Notify: func(m string) { told = append(told, m) }})
	ps, errs := external.Load(h, external.LoadOptions{Paths: []string{fakeManifest(t, nil)},
		Options: external.Options{Backoff: time.Millisecond}}, nil)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	c := ps[0].Client()
	t.Cleanup(func() { c.Close(context.Background()) })
	for range 2 {
		if err := execute(context.Background(), c, "dbls.fake.crash", nil); !errors.Is(err, external.ErrCrashed) {
			t.Fatalf("crash: %v", err)
		}
	}
	err := execute(context.Background(), c, "dbls.fake.echo", nil)
	if !errors.Is(err, plugin.ErrUnavailable) || c.Generation() != 2 {
		t.Fatalf("after 2 crashes: %v (generation %d)", err, c.Generation())
	}
	if len(told) != 1 || !strings.Contains(told[0], "Fake (external.fake) kept failing") {
		t.Fatalf("told %q", told)
	}
}

// TestFloodAfterTimeoutKilled: a plugin that goes on talking after its
// call timed out (notifications, answers again and again) is no longer
// read, but killed; the next call starts it again.
func TestFloodAfterTimeoutKilled(t *testing.T) {
	var log plugintest.Log
	c := fakeClient(t, external.Options{Backoff: time.Millisecond, Log: &log})
	var pid int
	if err := execute(context.Background(), c, "dbls.fake.pid", &pid); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	if err := execute(ctx, c, "dbls.fake.flood", nil); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("flooding call = %v, want DeadlineExceeded", err)
	}
	if !gone(pid) {
		t.Fatalf("the flooding plugin %d was not killed (log %q)", pid, log.String())
	}
	if !strings.Contains(log.String(), "plugin fake: sent 100 messages in a row that answer no request: killed") {
		t.Errorf("log: %q", log.String())
	}
	var echo []string
	if err := execute(context.Background(), c, "dbls.fake.echo", &echo); err != nil || len(echo) != 1 || c.Generation() != 2 {
		t.Fatalf("after the kill: %v, %v (generation %d)", echo, err, c.Generation())
	}
}

// TestEscapedChildrenKilledOnStop: children that left the plugin's process
// group (setsid), even one that left its process tree too (a daemon), end
// when the host stops the plugin.
func TestEscapedChildrenKilledOnStop(t *testing.T) {
	h := plugin.NewHost(plugin.Options{})
	if _, errs := external.Load(h, external.LoadOptions{Paths: []string{fakeManifest(t, nil)}}, nil); len(errs) > 0 {
		t.Fatal(errs)
	}
	var pids []int
	for _, cmd := range []string{"dbls.fake.setsid", "dbls.fake.daemon"} {
		res, ok, err := h.RunCommand(context.Background(), cmd, nil)
		if !ok || err != nil {
			t.Fatalf("%s: %v %v", cmd, ok, err)
		}
		pid, err := strconv.Atoi(string(res.(json.RawMessage)))
		if err != nil || pid <= 0 {
			t.Fatalf("%s answered %s", cmd, res)
		}
		pids = append(pids, pid)
	}
	t.Cleanup(func() {
		for _, pid := range pids {
			syscall.Kill(pid, syscall.SIGKILL)
		}
	})
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := h.Shutdown(ctx); err != nil {
		t.Fatal(err)
	}
	for i, pid := range pids {
		if !gone(pid) {
			t.Errorf("child %d (%s) outlived the plugin", pid, []string{"setsid", "daemon"}[i])
		}
	}
}
