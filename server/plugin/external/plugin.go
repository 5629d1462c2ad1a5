package external

import (
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/server/plugin"
)

// Plugin is an external plugin on the plugin contract: its commands and
// exporters are calls into its process.
type Plugin struct {
	m      *Manifest
	client *Client
}

// NewPlugin returns the plugin of a manifest; its process starts on first
// use.
func NewPlugin(m *Manifest, opts Options) *Plugin {
	return &Plugin{m: m, client: NewClient(m, opts)}
}

// Client is the plugin's process client.
func (p *Plugin) Client() *Client { return p.client }

func (p *Plugin) Descriptor() plugin.Descriptor { return p.m.Descriptor() }
func (p *Plugin) Compatible() error             { return p.m.Compatible() }
func (p *Plugin) Source() string                { return p.m.Dir }

// Capabilities adds "driver" to what the host finds by type assertion.
func (p *Plugin) Capabilities() []string {
	if p.m.Capabilities.Driver != nil {
		return []string{"driver"}
	}
	return nil
}

// Running reports a live process: its driver may have started it without
// the host activating the plugin, and it must still be shut down.
func (p *Plugin) Running() bool { return p.client.Pid() != 0 }

// Shutdown ends the process within ctx's deadline.
func (p *Plugin) Shutdown(ctx context.Context) error { return p.client.Close(ctx) }

type executeParams struct {
	Command   string            `json:"command"`
	Arguments []json.RawMessage `json:"arguments"`
}

// Commands are the manifest's commands, each a command/execute call.
func (p *Plugin) Commands() []plugin.Command {
	var out []plugin.Command
	for _, c := range p.m.Capabilities.Commands {
		name := c.Name
		c.Run = func(ctx context.Context, args []json.RawMessage) (any, error) {
			if args == nil {
				args = []json.RawMessage{}
			}
			var res json.RawMessage
			err := p.client.call(ctx, "command/execute", executeParams{Command: name, Arguments: args}, &res)
			return res, err
		}
		out = append(out, c)
	}
	return out
}

// Formats are the manifest's exporters.
func (p *Plugin) Formats() []plugin.Format { return p.m.Capabilities.Exporters }

// exportBatch rows go to the plugin per export/rows call: a round trip per
// row would be slow, the whole result would not be streamed.
const exportBatch = 500

// NewWriter opens an export stream in the plugin (export/begin); rows go
// in batches (export/rows) and the plugin answers each with the text to
// write.
func (p *Plugin) NewWriter(format string, w io.Writer, h plugin.Header) (plugin.RowWriter, error) {
	var begin struct {
		Stream string `json:"stream"`
		Data   string `json:"data"`
	}
	ctx := context.Background()
	if err := p.client.call(ctx, "export/begin", map[string]any{"format": format, "columns": h.Columns, "page": h.Page, "limit": h.Limit}, &begin); err != nil {
		return nil, err
	}
	if _, err := io.WriteString(w, begin.Data); err != nil {
		return nil, err
	}
	return &exportStream{c: p.client, w: w, id: begin.Stream}, nil
}

type exportStream struct {
	c     *Client
	w     io.Writer
	id    string
	batch [][]any
}

type chunk struct {
	Data string `json:"data"`
}

func (s *exportStream) flush() error {
	if len(s.batch) == 0 {
		return nil
	}
	rows := make([][]any, len(s.batch))
	for i, r := range s.batch {
		rows[i] = wireRow(r)
	}
	s.batch = s.batch[:0]
	var out chunk
	if err := s.c.call(context.Background(), "export/rows", map[string]any{"stream": s.id, "rows": rows}, &out); err != nil {
		return err
	}
	_, err := io.WriteString(s.w, out.Data)
	return err
}

func (s *exportStream) WriteRow(row []any) error {
	s.batch = append(s.batch, row)
	if len(s.batch) >= exportBatch {
		return s.flush()
	}
	return nil
}

func (s *exportStream) End(f plugin.Footer) error {
	if err := s.flush(); err != nil {
		return err
	}
	var out chunk
	if err := s.c.call(context.Background(), "export/end", map[string]any{"stream": s.id, "footer": f}, &out); err != nil {
		return err
	}
	_, err := io.WriteString(s.w, out.Data)
	return err
}

// wireRow makes a row JSON-safe: bytes go as hex text, as in every format.
func wireRow(row []any) []any {
	out := make([]any, len(row))
	for i, v := range row {
		if b, ok := v.([]byte); ok {
			v = fmt.Sprintf(`\x%x`, b)
		}
		out[i] = v
	}
	return out
}

// LoadOptions configure Load.
type LoadOptions struct {
	Options
	// Paths are extra plugin folders from config.
	Paths []string
}

// Load discovers external plugins, adds each to h (which decides whether
// it is enabled or incompatible) and registers the drivers of the enabled
// ones in the drivers registry, where every command and the language server
// find them. Problems with one plugin are returned and never stop the rest.
func Load(h *plugin.Host, opts LoadOptions, cfg map[string]any) ([]*Plugin, []error) {
	ms, errs := Discover(opts.Paths...)
	var out []*Plugin
	for _, m := range ms {
		o := opts.Options
		if sec, ok := cfg[m.ID].(map[string]any); ok {
			o.Config = sec
		}
		p := NewPlugin(m, o)
		if err := h.Add(p); err != nil {
			errs = append(errs, err)
			continue
		}
		p.client.health = h
		out = append(out, p)
		st, reason, _ := h.State(p.Descriptor().ID)
		if st == plugin.StateIncompatible {
			errs = append(errs, fmt.Errorf("plugin %s refused: %s", m.ID, reason))
		}
		if m.Capabilities.Driver == nil {
			continue
		}
		if st != plugin.StateEnabled {
			unregisterExternal(m.Capabilities.Driver.ID)
			continue
		}
		if err := RegisterDriver(p.client); err != nil {
			errs = append(errs, err)
		}
	}
	return out, errs
}

// RegisterDriver registers the client's driver unless its ID or an alias
// is taken by a built-in driver. An external driver of the same ID (from an
// earlier load in this process) is replaced.
func RegisterDriver(c *Client) error {
	d := NewDriver(c)
	names := append([]string{d.Manifest().ID}, d.Manifest().Aliases...)
	for _, n := range names {
		other, ok := drivers.Lookup(n)
		if !ok {
			continue
		}
		if _, ext := other.(*externalDriver); !ext {
			return fmt.Errorf("plugin %s: driver %q is already registered (by %s)", c.m.ID, n, other.Manifest().Name)
		}
		drivers.Unregister(other.Manifest().ID)
	}
	drivers.Register(d)
	return nil
}

// unregisterExternal removes an external driver left by an earlier load in
// this process (tests run many commands in one), never a built-in one.
func unregisterExternal(id string) {
	if d, ok := drivers.Lookup(id); ok {
		if _, ext := d.(*externalDriver); ext {
			drivers.Unregister(d.Manifest().ID)
		}
	}
}

// Panes are the manifest's panes.
func (p *Plugin) Panes() []plugin.PaneInfo { return p.m.Capabilities.Panes }

// RenderPane is a pane/render call.
func (p *Plugin) RenderPane(ctx context.Context, req plugin.PaneRequest) (plugin.PaneContent, error) {
	var out plugin.PaneContent
	err := p.client.call(ctx, "pane/render", req, &out)
	return out, err
}

// PaneMessage is a pane/message call: the request's fields and the
// message.
func (p *Plugin) PaneMessage(ctx context.Context, req plugin.PaneRequest, msg json.RawMessage) (plugin.PaneReply, error) {
	var out struct {
		Content *plugin.PaneContent `json:"content"`
		Data    json.RawMessage     `json:"data"`
	}
	params := struct {
		plugin.PaneRequest
		Message json.RawMessage `json:"message"`
	}{req, msg}
	if err := p.client.call(ctx, "pane/message", params, &out); err != nil {
		return plugin.PaneReply{}, err
	}
	r := plugin.PaneReply{Content: out.Content}
	if len(out.Data) > 0 && string(out.Data) != "null" {
		r.Data = out.Data
	}
	return r, nil
}
