package external_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/dbls/dbls/server/plugin"
	"github.com/dbls/dbls/server/plugin/external"
)

// TestExternalPane: a pane declared in the manifest is listed, rendered
// over stdio (pane/render) and sent messages (pane/message) that answer
// new content or data; an error answer is an error, not a fault.
func TestExternalPane(t *testing.T) {
	dir := fakeManifest(t, func(m map[string]any) {
		m["capabilities"].(map[string]any)["panes"] = []map[string]any{{"id": "fake.counter", "title": "Counter", "scope": "connection"}}
	})
	h := plugin.NewHost(plugin.Options{})
	if _, errs := external.Load(h, external.LoadOptions{Paths: []string{dir}}, nil); len(errs) > 0 {
		t.Fatal(errs)
	}
	t.Cleanup(func() { h.Shutdown(context.Background()) })
	if ps := h.Panes(); len(ps) != 1 || ps[0].ID != "fake.counter" || ps[0].Scope != "connection" {
		t.Fatalf("panes %+v", ps)
	}
	ctx := context.Background()
	req := plugin.PaneRequest{Pane: "fake.counter", Statement: "SELECT 1", Driver: "sqlite", Nonce: "xyz", Arguments: json.RawMessage(`{"k":"v"}`)}
	c, err := h.RenderPane(ctx, req)
	if err != nil || c.Title != "Counter 0" || !strings.Contains(c.HTML, `<style nonce="xyz">`) || c.Text != "count 0 (SELECT 1 on sqlite)" {
		t.Fatalf("render: %+v, %v", c, err)
	}
	r, err := h.PaneMessage(ctx, req, json.RawMessage(`{"add": 3}`))
	if err != nil || r.Content == nil || !strings.Contains(r.Content.HTML, `<b id="count">3</b>`) || r.Data != nil {
		t.Fatalf("message add: %+v, %v", r, err)
	}
	r, err = h.PaneMessage(ctx, req, json.RawMessage(`{"echo": "hi"}`))
	if err != nil || r.Content != nil || strings.ReplaceAll(string(r.Data.(json.RawMessage)), " ", "") != `{"echo":"hi","arguments":{"k":"v"}}` {
		t.Fatalf("message echo: %+v, %v", r, err)
	}
	// The plugin refuses a pane it does not have (the manifest is what the host trusts for listing).
	_, err = h.RenderPane(ctx, plugin.PaneRequest{Pane: "fake.nothing"})
	if !errors.Is(err, plugin.ErrUnknownPane) {
		t.Fatalf("unknown pane: %v", err)
	}
	if st, _, _ := h.State("external.fake"); st != plugin.StateEnabled {
		t.Fatalf("plugin is %s", st)
	}
	for _, in := range h.Plugins() {
		if in.ID == "external.fake" && !strings.Contains(strings.Join(in.Capabilities, ","), "pane") {
			t.Errorf("capabilities %v", in.Capabilities)
		}
	}
}

func TestManifestPaneIDChecked(t *testing.T) {
	dir := fakeManifest(t, func(m map[string]any) {
		m["capabilities"].(map[string]any)["panes"] = []map[string]any{{"id": "Counter", "title": "Counter"}}
	})
	if _, err := external.ReadManifest(dir); err == nil || !strings.Contains(err.Error(), "capabilities.panes") {
		t.Fatalf("a malformed pane id: %v", err)
	}
}
