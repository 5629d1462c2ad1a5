package plugin_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dbls/dbls/server/plugin"
	"github.com/dbls/dbls/server/plugin/plugintest"

	_ "github.com/dbls/dbls/server/plugin/export" // registers export.csv
)

// testPlugin is configurable misbehaviour on the contract.
type testPlugin struct {
	d         plugin.Descriptor
	activated atomic.Int32
	config    map[string]any
	run       func(ctx context.Context) (any, error)
	events    chan plugin.Event
	shutdown  func(ctx context.Context) error
}

func (p *testPlugin) Descriptor() plugin.Descriptor { return p.d }

func (p *testPlugin) Activate(ctx context.Context, pc plugin.Context) error {
	p.activated.Add(1)
	p.config = pc.Config()
	if p.events != nil {
		pc.Subscribe(plugin.DocumentChanged, func(_ context.Context, e plugin.Event) {
			if e.URI == "file:///panic.sql" {
				panic("subscriber panics")
			}
			p.events <- e
		})
	}
	return nil
}

func (p *testPlugin) Commands() []plugin.Command {
	return []plugin.Command{{Name: "dbls.test.run", Run: func(ctx context.Context, _ []json.RawMessage) (any, error) { return p.run(ctx) }}}
}

func (p *testPlugin) Shutdown(ctx context.Context) error {
	if p.shutdown != nil {
		return p.shutdown(ctx)
	}
	return nil
}

func newTest(id string) *testPlugin {
	return &testPlugin{d: plugin.Descriptor{ID: id, Name: "Test " + id, Version: "1.0.0"},
		run: func(context.Context) (any, error) { return "ok", nil }}
}

type notes struct {
	mu   sync.Mutex
	msgs []string
}

func (n *notes) add(m string) { n.mu.Lock(); n.msgs = append(n.msgs, m); n.mu.Unlock() }
func (n *notes) all() []string {
	n.mu.Lock()
	defer n.mu.Unlock()
	return append([]string(nil), n.msgs...)
}

func host(t *testing.T, opts plugin.Options, ps ...plugin.Plugin) (*plugin.Host, *notes) {
	t.Helper()
	n := &notes{}
	opts.Notify = n.add
	h := plugin.NewHost(opts)
	for _, p := range ps {
		if err := h.Add(p); err != nil {
			t.Fatal(err)
		}
	}
	return h, n
}

// TestPanickingPluginDisabled: panics are recovered; after MaxFailures in
// a row the plugin is off for the run and the user is told once.
func TestPanickingPluginDisabled(t *testing.T) {
	p := newTest("test.panics")
	p.run = func(context.Context) (any, error) { panic("boom") }
	h, n := host(t, plugin.Options{MaxFailures: 3}, p)
	for i := range 3 {
		_, ok, err := h.RunCommand(context.Background(), "dbls.test.run", nil)
		if !ok || !errors.Is(err, plugin.ErrFault) || !strings.Contains(err.Error(), "panicked: boom") {
			t.Fatalf("call %d: ok=%v err=%v", i+1, ok, err)
		}
	}
	_, _, err := h.RunCommand(context.Background(), "dbls.test.run", nil)
	if !errors.Is(err, plugin.ErrUnavailable) {
		t.Fatalf("call after 3 panics = %v, want ErrUnavailable", err)
	}
	if st, _, _ := h.State("test.panics"); st != plugin.StateFailed {
		t.Fatalf("state %s", st)
	}
	if msgs := n.all(); len(msgs) != 1 || !strings.Contains(msgs[0], "Test test.panics") {
		t.Fatalf("user told %q, want once", msgs)
	}
	if len(h.Commands()) != 0 {
		t.Error("a failed plugin's commands are still offered")
	}
}

// TestOrdinaryErrorsDoNotDisable: an error answer is not a fault.
func TestOrdinaryErrorsDoNotDisable(t *testing.T) {
	p := newTest("test.errors")
	p.run = func(context.Context) (any, error) { return nil, errors.New("bad argument") }
	h, n := host(t, plugin.Options{MaxFailures: 2}, p)
	for range 5 {
		h.RunCommand(context.Background(), "dbls.test.run", nil)
	}
	if st, _, _ := h.State("test.errors"); st != plugin.StateEnabled || len(n.all()) != 0 {
		t.Fatalf("state %s, notes %q", st, n.all())
	}
}

// TestHangingPluginHitsDeadline: a plugin that ignores its context is
// abandoned at the deadline and the caller gets an error.
func TestHangingPluginHitsDeadline(t *testing.T) {
	block := make(chan struct{})
	defer close(block)
	p := newTest("test.hangs")
	p.run = func(context.Context) (any, error) { <-block; return nil, nil }
	h, _ := host(t, plugin.Options{CallTimeout: 100 * time.Millisecond}, p)
	_, _, err := h.RunCommand(context.Background(), "dbls.test.run", nil)
	if !errors.Is(err, context.DeadlineExceeded) || !errors.Is(err, plugin.ErrFault) {
		t.Fatalf("hanging call = %v", err)
	}
}

func TestLazyActivationWithConfig(t *testing.T) {
	p := newTest("test.lazy")
	h, _ := host(t, plugin.Options{Config: map[string]any{"lazy": map[string]any{"refresh": "1h"}}}, p)
	if p.activated.Load() != 0 {
		t.Fatal("activated before first use")
	}
	for range 2 {
		if res, _, err := h.RunCommand(context.Background(), "dbls.test.run", nil); err != nil || res != "ok" {
			t.Fatal(res, err)
		}
	}
	if p.activated.Load() != 1 || p.config["refresh"] != "1h" {
		t.Fatalf("activated %d times with config %v", p.activated.Load(), p.config)
	}
}

func TestEnableDisableAndCompatibility(t *testing.T) {
	off, on, old, broken := newTest("test.off"), newTest("test.on"), newTest("test.old"), newTest("test.broken")
	old.d.MinDBLS = ">= 1.0.0"
	broken.d.MinDBLS = "soon"
	h, _ := host(t, plugin.Options{Version: "0.4.0", Config: map[string]any{"off": false, "on": map[string]any{"x": 1}}}, off, on, old, broken)
	want := map[string]plugin.State{"test.off": plugin.StateDisabled, "test.on": plugin.StateEnabled,
		"test.old": plugin.StateIncompatible, "test.broken": plugin.StateIncompatible}
	for _, in := range h.Plugins() {
		if w, ok := want[in.ID]; ok && in.State != w {
			t.Errorf("%s: %s (%s), want %s", in.ID, in.State, in.Reason, w)
		}
		if in.ID == "test.old" && in.Reason != "plugin test.old 1.0.0 needs dbls >= 1.0.0, this is dbls 0.4.0" {
			t.Errorf("reason: %q", in.Reason)
		}
	}
	if err := h.Add(newTest("other.on")); err == nil {
		t.Error("a second plugin with the key \"on\" was added")
	}
	// A development build lets every plugin try.
	h2, _ := host(t, plugin.Options{Version: "dev"}, newTest("test.old"))
	if st, _, _ := h2.State("test.old"); st != plugin.StateEnabled {
		t.Errorf("dev build: %s", st)
	}
}

func TestEventsIsolated(t *testing.T) {
	p := newTest("test.events")
	p.events = make(chan plugin.Event, 4)
	h, _ := host(t, plugin.Options{MaxFailures: 5}, p)
	h.RunCommand(context.Background(), "dbls.test.run", nil) // activates: subscribes
	h.Publish(context.Background(), plugin.Event{Kind: plugin.DocumentChanged, URI: "file:///panic.sql"})
	h.Publish(context.Background(), plugin.Event{Kind: plugin.SnapshotRefreshed, Conn: "x"})
	h.Publish(context.Background(), plugin.Event{Kind: plugin.DocumentChanged, URI: "file:///a.sql"})
	select {
	case e := <-p.events:
		if e.URI != "file:///a.sql" {
			t.Fatalf("event %+v", e)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("event not delivered")
	}
}

func TestShutdownDeadline(t *testing.T) {
	p := newTest("test.slowstop")
	p.shutdown = func(ctx context.Context) error { select {} }
	h, _ := host(t, plugin.Options{}, p)
	h.RunCommand(context.Background(), "dbls.test.run", nil)
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	if err := h.Shutdown(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("shutdown = %v", err)
	}
}

func TestRegisterRefusesDuplicates(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Fatal("registering export.csv's key twice did not panic")
		}
	}()
	plugin.Register(newTest("mine.csv")) // export.csv is registered by package export
}

func TestContract(t *testing.T) {
	pc := plugintest.NewContext(map[string]any{"k": "v"})
	p := newTest("test.contract")
	plugintest.Run(t, p, pc)
	if p.config["k"] != "v" {
		t.Fatalf("config %v", p.config)
	}
}

// TestCallerCancelIsNoFault: a caller that gives up does not count
// against the plugin.
func TestCallerCancelIsNoFault(t *testing.T) {
	p := newTest("test.slow")
	p.run = func(ctx context.Context) (any, error) { <-ctx.Done(); return nil, ctx.Err() }
	h, _ := host(t, plugin.Options{MaxFailures: 1}, p)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if _, _, err := h.RunCommand(ctx, "dbls.test.run", nil); err == nil || errors.Is(err, plugin.ErrFault) {
		t.Fatalf("cancelled call = %v", err)
	}
	if st, _, _ := h.State("test.slow"); st != plugin.StateEnabled {
		t.Fatalf("state %s after the caller's own deadline", st)
	}
}

func TestPrereleaseCountsAsRelease(t *testing.T) {
	d := plugin.Descriptor{ID: "test.x", Name: "X", Version: "1", MinDBLS: ">= 0.3.0"}
	if err := plugin.Compatible(d, "v0.3.0-5-gabcdef"); err != nil {
		t.Fatal(err)
	}
	if err := plugin.Compatible(d, "0.2.9"); err == nil {
		t.Fatal("0.2.9 accepted")
	}
}
