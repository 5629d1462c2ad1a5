// Package plugintest helps test dbls plugins: a fake Context with
// in-memory snapshots, documents and event bus, and Run, the contract tests
// every plugin should pass.
package plugintest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/schema"
	"github.com/dbls/dbls/server/plugin"
)

// Context is a fake plugin.Context. Fill Snapshots and Documents, call
// Publish to deliver events; Logs holds what the plugin logged.
type Context struct {
	ConfigSection map[string]any
	Snapshots     map[string]*schema.Snapshot
	Documents     map[string]Document

	mu   sync.Mutex
	logs []string
	bus  plugin.Bus
}

// Document is an open document of the fake context, with the analysis
// the fake serves for it.
type Document struct {
	Text, Conn string
	Analysis   plugin.DocumentAnalysis
}

// NewContext returns a fake context whose Config is config.
func NewContext(config map[string]any) *Context {
	return &Context{ConfigSection: config, Snapshots: map[string]*schema.Snapshot{}, Documents: map[string]Document{}}
}

func (c *Context) Snapshot(_ context.Context, conn string) (*schema.Snapshot, bool) {
	s, ok := c.Snapshots[conn]
	return s, ok
}

func (c *Context) Document(uri string) (string, string, bool) {
	d, ok := c.Documents[uri]
	return d.Text, d.Conn, ok
}

func (c *Context) Analysis(_ context.Context, uri string) (plugin.DocumentAnalysis, bool) {
	d, ok := c.Documents[uri]
	return d.Analysis, ok
}

func (c *Context) Config() map[string]any { return maps.Clone(c.ConfigSection) }

func (c *Context) Subscribe(kind plugin.EventKind, f func(context.Context, plugin.Event)) func() {
	return c.bus.Subscribe(kind, f)
}

func (c *Context) Logf(format string, args ...any) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.logs = append(c.logs, fmt.Sprintf(format, args...))
}

// Logs returns what the plugin logged so far.
func (c *Context) Logs() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.logs...)
}

// Publish delivers e to the subscribers and waits until they return.
func (c *Context) Publish(e plugin.Event) {
	c.bus.Publish(context.Background(), e)
	c.bus.Wait()
}

// Run checks what every plugin must do, whatever it offers: a valid
// descriptor; activation, commands, exporters, metadata hooks and assists
// that neither panic nor hang on ordinary input; and a shutdown within its
// deadline. ctx, when nil, is a NewContext(nil).
func Run(t *testing.T, p plugin.Plugin, pc *Context) {
	t.Helper()
	if pc == nil {
		pc = NewContext(nil)
	}
	d := p.Descriptor()
	t.Run("descriptor", func(t *testing.T) {
		if err := d.Validate(); err != nil {
			t.Fatal(err)
		}
	})
	if a, ok := p.(plugin.Activator); ok {
		t.Run("activate", func(t *testing.T) {
			within(t, "Activate", func(ctx context.Context) error { return a.Activate(ctx, pc) })
		})
	}
	if c, ok := p.(plugin.Commander); ok {
		t.Run("commands", func(t *testing.T) {
			seen := map[string]bool{}
			for _, cmd := range c.Commands() {
				if !strings.HasPrefix(cmd.Name, "dbls.") || seen[cmd.Name] {
					t.Errorf("command %q: want a unique name in the dbls. namespace", cmd.Name)
				}
				seen[cmd.Name] = true
				if cmd.Run == nil {
					t.Errorf("command %q has no Run", cmd.Name)
				}
			}
		})
	}
	if x, ok := p.(plugin.Exporter); ok {
		t.Run("exporter", func(t *testing.T) { checkExporter(t, x) })
	}
	if m, ok := p.(plugin.MetadataHook); ok {
		t.Run("metadata", func(t *testing.T) {
			snap := &schema.Snapshot{Driver: "none", DefaultSchema: "main", Schemas: []schema.Schema{{Name: "main", Tables: []schema.Table{{Name: "t"}}}}}
			// No connection: the hook must say so or do nothing, not panic.
			within(t, "Enrich", func(ctx context.Context) error { m.Enrich(ctx, nil, snap); return nil })
		})
	}
	if a, ok := p.(plugin.Assist); ok {
		t.Run("assist", func(t *testing.T) {
			for _, stmt := range []string{"", "SELECT 1", "SELEC broken (", strings.Repeat("x", 10000)} {
				within(t, "Assist", func(ctx context.Context) error {
					_, err := a.Assist(ctx, plugin.AssistRequest{URI: "file:///x.sql", Statement: stmt})
					return err
				})
			}
		})
	}
	if pn, ok := p.(plugin.Pane); ok {
		t.Run("panes", func(t *testing.T) { checkPanes(t, pn) })
	}
	if s, ok := p.(plugin.Shutdowner); ok {
		t.Run("shutdown", func(t *testing.T) { within(t, "Shutdown", s.Shutdown) })
	}
}

// checkPanes wants namespaced, unique pane IDs with titles and known
// scopes, and panes that answer odd requests (no connection, no
// statement, a message that is not what they expect) with an error or
// content, never a panic or a hang.
func checkPanes(t *testing.T, pn plugin.Pane) {
	seen := map[string]bool{}
	for _, in := range pn.Panes() {
		id := plugin.Descriptor{ID: in.ID, Name: "pane", Version: "0"}
		if err := id.Validate(); err != nil || seen[in.ID] {
			t.Errorf("pane %q: want a unique namespace.name ID (%v)", in.ID, err)
		}
		seen[in.ID] = true
		if in.Title == "" {
			t.Errorf("pane %q has no title", in.ID)
		}
		switch in.Scope {
		case "", plugin.ScopeStatement, plugin.ScopeDocument, plugin.ScopeConnection:
		default:
			t.Errorf("pane %q: scope %q", in.ID, in.Scope)
		}
		for _, stmt := range []string{"", "SELECT 1", "SELEC broken (", strings.Repeat("x", 10000)} {
			req := plugin.PaneRequest{Pane: in.ID, URI: "file:///x.sql", Statement: stmt, Nonce: "n"}
			within(t, "RenderPane", func(ctx context.Context) error { pn.RenderPane(ctx, req); return nil })
			for _, msg := range []string{`null`, `{}`, `"text"`, `[1,2]`} {
				within(t, "PaneMessage", func(ctx context.Context) error { pn.PaneMessage(ctx, req, json.RawMessage(msg)); return nil })
			}
		}
	}
}

// within runs f with a deadline and fails on a panic or a missed deadline.
func within(t *testing.T, what string, f func(ctx context.Context) error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	done := make(chan error, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				done <- fmt.Errorf("%s panicked: %v", what, r)
			}
		}()
		done <- f(ctx)
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("%s: %v", what, err)
		}
	case <-ctx.Done():
		t.Errorf("%s did not return within its deadline", what)
	}
}

// checkExporter writes awkward values in every format and wants output
// that grows with the rows: a streamed exporter, not one that panics on a
// NULL or a byte string.
func checkExporter(t *testing.T, x plugin.Exporter) {
	cols := []drivers.ResultColumn{{Name: "id", Type: "INTEGER"}, {Name: "note|x"}, {Name: "raw"}}
	rows := [][]any{
		{int64(1), "two\nlines, \"quoted\"", []byte{0xff, 0x00}},
		{int64(2), nil, time.Date(2026, 11, 23, 5, 0, 0, 0, time.UTC)},
		{float64(2.5), true, "ü"},
	}
	if len(x.Formats()) == 0 {
		t.Fatal("exporter offers no format")
	}
	for _, f := range x.Formats() {
		var b bytes.Buffer
		within(t, "export "+f.Name, func(context.Context) error {
			rw, err := x.NewWriter(f.Name, &b, plugin.Header{Columns: cols, Page: 1})
			if err != nil {
				return err
			}
			for _, r := range rows {
				if err := rw.WriteRow(r); err != nil {
					return err
				}
			}
			return rw.End(plugin.Footer{Rows: len(rows), RowsAffected: -1})
		})
		if b.Len() == 0 {
			t.Errorf("format %s wrote nothing", f.Name)
		}
		var none bytes.Buffer
		within(t, "export "+f.Name+" without a result set", func(context.Context) error {
			rw, err := x.NewWriter(f.Name, &none, plugin.Header{})
			if err != nil {
				return err
			}
			return rw.End(plugin.Footer{RowsAffected: 3})
		})
	}
}
