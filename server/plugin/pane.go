package plugin

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/schema"
)

// A pane is a view a plugin contributes: the editor mounts its HTML (VS
// Code in a webview), a client without webviews shows its text, and what
// the user does in it comes back to the plugin as messages. The HTML is
// shown under a strict content security policy: no network, styles and
// scripts only in elements that carry the request's Nonce. Elements with a
// data-pane-message attribute (a JSON value) send that value as a message
// when clicked, so a pane needs no script of its own to be interactive.

// PaneInfo describes one pane.
type PaneInfo struct {
	// ID is namespaced like a plugin ID ("explain.plan").
	ID    string `json:"id"`
	Title string `json:"title"`
	// Description says what the pane shows (a quick pick's detail).
	Description string `json:"description,omitempty"`
	// Scope is where it applies: "statement" (the statement at the
	// cursor of a document), "document" or "connection".
	Scope string `json:"scope"`
	// Drivers lists the drivers it works with; empty means every driver.
	Drivers []string `json:"drivers,omitempty"`
}

// The scopes of a pane.
const (
	ScopeStatement  = "statement"
	ScopeDocument   = "document"
	ScopeConnection = "connection"
)

// AppliesTo reports whether the pane works with driver ("" when unknown:
// every pane may be tried).
func (p PaneInfo) AppliesTo(driver string) bool {
	return driver == "" || len(p.Drivers) == 0 || slices.Contains(p.Drivers, driver)
}

// PaneRequest is what a pane is rendered for.
type PaneRequest struct {
	Pane string `json:"pane"`
	URI  string `json:"uri,omitempty"`
	// Connection is the connection as the user named it.
	Connection string `json:"connection,omitempty"`
	// Statement is the SQL at the cursor or selection, when there is one.
	Statement string `json:"statement,omitempty"`
	// Driver is the connection's driver ID.
	Driver string `json:"driver,omitempty"`
	// Arguments are the client's own (a pane's options), as sent.
	Arguments json.RawMessage `json:"arguments,omitempty"`
	// Nonce goes on every <style> and <script> element of the HTML.
	Nonce string `json:"nonce,omitempty"`
	// Language is the user's locale.
	Language string `json:"language,omitempty"`
	// Open returns the connection, opening it on first use; the host
	// closes it after the call. Nil without a connection.
	Open     func(ctx context.Context) (drivers.Conn, error) `json:"-"`
	Snapshot *schema.Snapshot                                `json:"-"`
}

// PaneContent is a rendered pane.
type PaneContent struct {
	Title string `json:"title"`
	// HTML is the body of the page (no <html> or <head>): self-contained,
	// styles and scripts only in elements with the request's nonce.
	HTML string `json:"html"`
	// Text is the same for clients without webviews: plain text.
	Text string `json:"text"`
}

// PaneReply answers a message: new content to show, or data handed to
// the pane's own script (or both; neither leaves the pane as it is).
type PaneReply struct {
	Content *PaneContent `json:"content,omitempty"`
	Data    any          `json:"data,omitempty"`
}

// Pane is a plugin that contributes panes.
type Pane interface {
	Panes() []PaneInfo
	// RenderPane renders req.Pane (one of Panes' IDs).
	RenderPane(ctx context.Context, req PaneRequest) (PaneContent, error)
	// PaneMessage handles a message the pane sent (a data-pane-message
	// value, or what its script posted).
	PaneMessage(ctx context.Context, req PaneRequest, msg json.RawMessage) (PaneReply, error)
}

// ErrUnknownPane is wrapped by calls naming a pane no enabled plugin has.
var ErrUnknownPane = errors.New("unknown pane")

// Panes lists the panes of enabled plugins, sorted by ID; a pane whose ID
// is malformed or taken by an earlier plugin is left out.
func (h *Host) Panes() []PaneInfo {
	var out []PaneInfo
	seen := map[string]bool{}
	for _, e := range h.list() {
		p, ok := e.p.(Pane)
		if !ok || !e.enabledNow() {
			continue
		}
		for _, in := range p.Panes() {
			if !idRE.MatchString(in.ID) || seen[in.ID] {
				continue
			}
			seen[in.ID] = true
			if in.Scope == "" {
				in.Scope = ScopeStatement
			}
			out = append(out, in)
		}
	}
	slices.SortFunc(out, func(a, b PaneInfo) int { return strings.Compare(a.ID, b.ID) })
	return out
}

// paneOwner finds the enabled plugin that offers pane id.
func (h *Host) paneOwner(id string) (*entry, Pane, PaneInfo, error) {
	for _, e := range h.list() {
		p, ok := e.p.(Pane)
		if !ok || !e.enabledNow() {
			continue
		}
		for _, in := range p.Panes() {
			if in.ID == id {
				return e, p, in, nil
			}
		}
	}
	var ids []string
	for _, in := range h.Panes() {
		ids = append(ids, in.ID)
	}
	return nil, nil, PaneInfo{}, fmt.Errorf("pane %q (known: %s): %w", id, strings.Join(ids, ", "), ErrUnknownPane)
}

// RenderPane renders a pane through its plugin, isolated like every call.
func (h *Host) RenderPane(ctx context.Context, req PaneRequest) (PaneContent, error) {
	e, p, in, err := h.paneOwner(req.Pane)
	if err != nil {
		return PaneContent{}, err
	}
	var out PaneContent
	err = e.call(ctx, "pane "+req.Pane, func(ctx context.Context) error {
		c, err := p.RenderPane(ctx, req)
		out = c
		return err
	})
	if err != nil {
		return PaneContent{}, err
	}
	if out.Title == "" {
		out.Title = in.Title
	}
	return out, nil
}

// PaneMessage routes a message from a pane to its plugin.
func (h *Host) PaneMessage(ctx context.Context, req PaneRequest, msg json.RawMessage) (PaneReply, error) {
	e, p, in, err := h.paneOwner(req.Pane)
	if err != nil {
		return PaneReply{}, err
	}
	var out PaneReply
	err = e.call(ctx, "pane message "+req.Pane, func(ctx context.Context) error {
		r, err := p.PaneMessage(ctx, req, msg)
		out = r
		return err
	})
	if err != nil {
		return PaneReply{}, err
	}
	if out.Content != nil && out.Content.Title == "" {
		c := *out.Content
		c.Title = in.Title
		out.Content = &c
	}
	return out, nil
}
