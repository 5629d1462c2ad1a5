package server

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"sync"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"

	"github.com/dbls/dbls/analysis"
	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/schema"
	"github.com/dbls/dbls/server/plugin"
)

// Plugins reach the server through the plugin host in its Options (which
// `dbls serve` sets up from the config before the server starts): their
// commands are workspace commands, their assists code actions, and their
// failures reach the user as window/showMessage.

// Command names of this file.
const (
	CmdListPlugins = "dbls.listPlugins"
	// CmdShowPluginText shows an assist's detail (the code action's command).
	CmdShowPluginText = "dbls.showPluginText"
)

func init() {
	registerCommand(CmdListPlugins, func(s *Server, ctx context.Context, _ []json.RawMessage) (any, func() (any, error), error) {
		return s.opts.Plugins.Plugins(), nil, nil
	})
	registerCommand(CmdShowPluginText, func(s *Server, ctx context.Context, args []json.RawMessage) (any, func() (any, error), error) {
		var a struct {
			Text string `json:"text"`
		}
		if err := objectArg(CmdShowPluginText, args, &a, `{"text": …}`); err != nil {
			return nil, nil, err
		}
		s.showMessage(protocol.MessageTypeInfo, a.Text)
		return nil, nil, nil
	})
	registerActions(pluginAssists)
}

// pluginServices are the session's read-only services for plugins.
type pluginServices struct{ s *Server }

// Snapshot returns the cached snapshot of a connection, loading nothing
// that is not already being loaded.
func (p pluginServices) Snapshot(ctx context.Context, conn string) (*schema.Snapshot, bool) {
	e, err := p.s.entryFor(ctx, "", conn)
	if err != nil {
		return nil, false
	}
	snap := e.snapshot()
	return snap, snap != nil
}

func (p pluginServices) Document(uri string) (string, string, bool) {
	doc, ok := p.s.docs.get(uri)
	if !ok {
		return "", "", false
	}
	return doc.Text, p.s.connectionFor(uri, doc.Text), true
}

// Analysis is the document's analysis against its connection's cached
// snapshot (none is loaded for it): what the editor shows.
func (p pluginServices) Analysis(ctx context.Context, uri string) (plugin.DocumentAnalysis, bool) {
	doc, ok := p.s.docs.get(uri)
	if !ok {
		return plugin.DocumentAnalysis{}, false
	}
	var (
		snap *schema.Snapshot
		ix   *analysis.Index
	)
	d := unboundDialect(uri)
	if arg := p.s.connectionFor(uri, doc.Text); arg != "" {
		if e, err := p.s.entryFor(ctx, uri, arg); err == nil {
			snap, ix = e.loaded()
			if e.src.Driver != "" {
				d = analysis.Dialect(e.src.Driver)
			}
			if snap != nil && snap.Driver != "" {
				d = analysis.Dialect(snap.Driver)
			}
		}
	}
	return plugin.DocumentAnalysis{
		Dialect:     d,
		Statements:  slices.Clone(doc.an.Statements(d)), // the plugin's to keep
		Symbols:     analysis.Symbols(d, doc.an),
		Diagnostics: analysis.Diagnose(ix, d, doc.an),
	}, true
}

// pluginCtx routes a plugin's failure notice to this session's user.
func (s *Server) pluginCtx(ctx context.Context) context.Context {
	return plugin.WithNotifier(ctx, plugin.Notifier{Language: s.language(), Notify: func(msg string) {
		s.showMessage(protocol.MessageTypeWarning, "dbls: "+msg)
	}})
}

// publish tells subscribed plugins what happened in this session; it
// never waits for them.
func (s *Server) publish(ev plugin.Event) {
	s.opts.Plugins.Publish(s.pluginCtx(s.ctx), ev)
}

// pluginCommandNames are the enabled commands of plugins of h (none for a
// nil host), for executeCommandProvider.
func pluginCommandNames(h *plugin.Host) []string {
	if h == nil {
		return nil
	}
	var names []string
	for _, c := range h.Commands() {
		names = append(names, c.Name)
	}
	return names
}

// runPluginCommand runs a plugin's workspace command off the read loop;
// ok is false when no plugin has it.
func (s *Server) runPluginCommand(ctx context.Context, name string, args []json.RawMessage) (async func() (any, error), ok bool) {
	for _, c := range s.opts.Plugins.Commands() {
		if c.Name == name {
			return func() (any, error) {
				res, _, err := s.opts.Plugins.RunCommand(s.pluginCtx(ctx), name, args)
				return res, commandError(err)
			}, true
		}
	}
	return nil, false
}

// commandError is the reply to a command that failed: an error that is not
// already a JSON-RPC error (a plugin's crash, missed deadline or error
// answer) is InternalError, with the message it had (which names the
// plugin or command). jsonrpc2 would send it with code 0.
func commandError(err error) error {
	if err == nil {
		return nil
	}
	var je *jsonrpc2.Error
	if errors.As(err, &je) {
		return err
	}
	return jsonrpc2.NewError(jsonrpc2.InternalError, err.Error())
}

// pluginAssists offers the enabled assists' actions on the statement at
// the start of the requested range.
func pluginAssists(s *Server, ctx context.Context, doc document, p protocol.CodeActionParams) []protocol.CodeAction {
	e := s.bind(ctx, doc.URI, doc.Text)
	if e == nil {
		return nil
	}
	snap, _, dialect := s.snapshotOf(e)
	off := OffsetOf(doc.Text, p.Range.Start.Line, p.Range.Start.Character)
	stmt, ok := analysis.StatementAt(doc.an.Statements(dialect), off)
	if !ok {
		return nil
	}
	var (
		once sync.Once
		conn drivers.Conn
		err  error
	)
	open := func(ctx context.Context) (drivers.Conn, error) {
		once.Do(func() {
			if conn, _, err = s.currentResolver().Open(ctx, e.src.Arg); err != nil {
				conn = nil // a driver may return a typed nil with its error
			}
		})
		return conn, err
	}
	defer func() {
		if conn != nil {
			conn.Close()
		}
	}()
	driver := e.src.Driver
	if snap != nil && snap.Driver != "" {
		driver = snap.Driver
	}
	actions := s.opts.Plugins.Assist(s.pluginCtx(ctx), plugin.AssistRequest{URI: doc.URI, Statement: stmt.Text(doc.Text),
		Driver: driver, Open: open, Snapshot: snap})
	var out []protocol.CodeAction
	for _, a := range actions {
		out = append(out, protocol.CodeAction{Title: a.Title,
			Command: &protocol.Command{Title: a.Title, Command: CmdShowPluginText,
				Arguments: []any{map[string]string{"text": a.Title + "\n\n" + a.Detail}}}})
	}
	return out
}
