package plugin_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/dbls/dbls/server/plugin"
)

// counterPane is an in-process pane: a count that messages change, and a
// message that panics.
type counterPane struct {
	d     plugin.Descriptor
	count int
}

func (p *counterPane) Descriptor() plugin.Descriptor { return p.d }

func (p *counterPane) Panes() []plugin.PaneInfo {
	return []plugin.PaneInfo{
		{ID: "test.counter", Title: "Counter", Drivers: []string{"sqlite"}},
		{ID: "Bad ID", Title: "never listed"},
	}
}

func (p *counterPane) content(req plugin.PaneRequest) plugin.PaneContent {
	return plugin.PaneContent{
		HTML: fmt.Sprintf(`<style nonce="%s">b{color:red}</style><b id="n">%d</b> for %s`, req.Nonce, p.count, req.Statement),
		Text: fmt.Sprintf("count %d", p.count)}
}

func (p *counterPane) RenderPane(_ context.Context, req plugin.PaneRequest) (plugin.PaneContent, error) {
	return p.content(req), nil
}

func (p *counterPane) PaneMessage(_ context.Context, req plugin.PaneRequest, msg json.RawMessage) (plugin.PaneReply, error) {
	var m struct {
		Add   int  `json:"add"`
		Panic bool `json:"panic"`
		Peek  bool `json:"peek"`
	}
	if err := json.Unmarshal(msg, &m); err != nil {
		return plugin.PaneReply{}, fmt.Errorf("counter: %w", err)
	}
	switch {
	case m.Panic:
		panic("pane message panics")
	case m.Peek:
		return plugin.PaneReply{Data: map[string]int{"count": p.count}}, nil
	}
	p.count += m.Add
	c := p.content(req)
	return plugin.PaneReply{Content: &c}, nil
}

func TestHostPanes(t *testing.T) {
	p := &counterPane{d: plugin.Descriptor{ID: "test.counter", Name: "Counter", Version: "1.0.0"}}
	h := plugin.NewHost(plugin.Options{MaxFailures: 2})
	if err := h.Add(p); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, in := range h.Panes() {
		ids = append(ids, in.ID)
		if in.ID == "test.counter" && (in.Scope != plugin.ScopeStatement || !in.AppliesTo("sqlite") || in.AppliesTo("postgres")) {
			t.Errorf("counter pane info %+v", in)
		}
	}
	if strings.Contains(strings.Join(ids, " "), "Bad") || !strings.Contains(strings.Join(ids, " "), "test.counter") {
		t.Fatalf("panes %v: want test.counter and not the malformed ID", ids)
	}
	for _, in := range h.Plugins() {
		if in.ID == "test.counter" && !strings.Contains(strings.Join(in.Capabilities, ","), "pane") {
			t.Errorf("capabilities %v lack pane", in.Capabilities)
		}
	}

	ctx := context.Background()
	req := plugin.PaneRequest{Pane: "test.counter", Statement: "SELECT 1", Nonce: "abc"}
	c, err := h.RenderPane(ctx, req)
	if err != nil || c.Title != "Counter" || !strings.Contains(c.HTML, `nonce="abc"`) || c.Text != "count 0" {
		t.Fatalf("render = %+v, %v", c, err)
	}
	r, err := h.PaneMessage(ctx, req, json.RawMessage(`{"add": 2}`))
	if err != nil || r.Content == nil || r.Content.Text != "count 2" || r.Content.Title != "Counter" {
		t.Fatalf("message add = %+v, %v", r, err)
	}
	r, err = h.PaneMessage(ctx, req, json.RawMessage(`{"peek": true}`))
	if err != nil || r.Content != nil || r.Data.(map[string]int)["count"] != 2 {
		t.Fatalf("message peek = %+v, %v", r, err)
	}
	if _, err := h.PaneMessage(ctx, req, json.RawMessage(`[1`)); err == nil || errors.Is(err, plugin.ErrFault) {
		t.Fatalf("a bad message = %v, want a plain error", err)
	}
	if _, err := h.RenderPane(ctx, plugin.PaneRequest{Pane: "test.nothing"}); !errors.Is(err, plugin.ErrUnknownPane) || !strings.Contains(err.Error(), "test.counter") {
		t.Fatalf("unknown pane = %v", err)
	}

	// Panics are faults: isolated, counted, and the plugin is off after MaxFailures.
	for i := 0; i < 2; i++ {
		if _, err := h.PaneMessage(ctx, req, json.RawMessage(`{"panic": true}`)); !errors.Is(err, plugin.ErrFault) {
			t.Fatalf("panicking message = %v, want a fault", err)
		}
	}
	if st, _, _ := h.State("test.counter"); st != plugin.StateFailed {
		t.Fatalf("after two panics the plugin is %s", st)
	}
	for _, in := range h.Panes() {
		if in.ID == "test.counter" {
			t.Fatal("a failed plugin's pane is still listed")
		}
	}
	if _, err := h.RenderPane(ctx, req); !errors.Is(err, plugin.ErrUnknownPane) {
		t.Fatalf("render after failure = %v", err)
	}
}
