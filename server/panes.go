package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sync"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"

	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/server/plugin"
)

// Panes are plugins' views (plugin.Pane): listed, rendered and sent
// messages through these commands. A client with webviews (the VS Code
// extension) passes "webview": true and mounts the HTML; for any other the
// server also shows the text form, as it shows results: a document where
// the client has window/showDocument, else a message.

// Command names of this file.
const (
	CmdListPanes   = "dbls.listPanes"
	CmdOpenPane    = "dbls.openPane"
	CmdPaneMessage = "dbls.paneMessage"
)

// paneArgs are the arguments of dbls.openPane and dbls.paneMessage.
type paneArgs struct {
	Pane       string          `json:"pane"`
	URI        string          `json:"uri"`
	Connection string          `json:"connection"`
	Range      *protocol.Range `json:"range"`
	Statement  *int            `json:"statement"`
	SQL        string          `json:"sql"`
	Arguments  json.RawMessage `json:"arguments"`
	Nonce      string          `json:"nonce"`
	Webview    bool            `json:"webview"`
	Message    json.RawMessage `json:"message"`
}

const paneArgsShape = `{"pane": …, "uri"?, "connection"?, "range" | "statement" | "sql"?, "arguments"?, "nonce"?, "webview"?, "message"?}`

// PaneResult is the reply to dbls.openPane and dbls.paneMessage.
type PaneResult struct {
	Pane  string `json:"pane"`
	Title string `json:"title,omitempty"`
	HTML  string `json:"html,omitempty"`
	Text  string `json:"text,omitempty"`
	// Statement is the SQL the pane was given: the client sends it back
	// as "sql" with each message, so that edits to the document since do
	// not change what the pane shows.
	Statement  string `json:"statement,omitempty"`
	Connection string `json:"connection,omitempty"`
	// Data is a message's answer for the pane's own script.
	Data any `json:"data,omitempty"`
	// Document is the file: URI of the text form, for clients without
	// webviews.
	Document string `json:"document,omitempty"`
}

// nonceRE keeps a client's nonce from breaking out of its attribute.
var nonceRE = regexp.MustCompile(`^[A-Za-z0-9+/=_-]{0,128}$`)

func init() {
	registerCommand(CmdListPanes, func(s *Server, ctx context.Context, args []json.RawMessage) (any, func() (any, error), error) {
		var a paneArgs
		if err := objectArg(CmdListPanes, args, &a, `{"uri"?, "connection"?}`); err != nil {
			return nil, nil, err
		}
		driver := ""
		if a.URI != "" || a.Connection != "" {
			if _, e, err := s.connectionOf(ctx, a.URI, a.Connection); err == nil {
				driver = s.driverOf(e)
			}
		}
		panes := []plugin.PaneInfo{}
		for _, p := range s.opts.Plugins.Panes() {
			if p.AppliesTo(driver) {
				panes = append(panes, p)
			}
		}
		return map[string]any{"panes": panes}, nil, nil
	})
	registerCommand(CmdOpenPane, func(s *Server, ctx context.Context, args []json.RawMessage) (any, func() (any, error), error) {
		return s.paneCommand(ctx, CmdOpenPane, args)
	})
	registerCommand(CmdPaneMessage, func(s *Server, ctx context.Context, args []json.RawMessage) (any, func() (any, error), error) {
		return s.paneCommand(ctx, CmdPaneMessage, args)
	})
}

// driverOf is the driver of a cache entry: its snapshot's, else its URL's.
func (s *Server) driverOf(e *entry) string {
	if snap, _, _ := s.snapshotOf(e); snap != nil && snap.Driver != "" {
		return snap.Driver
	}
	return e.src.Driver
}

func (s *Server) paneCommand(ctx context.Context, name string, args []json.RawMessage) (any, func() (any, error), error) {
	var a paneArgs
	if err := objectArg(name, args, &a, paneArgsShape); err != nil {
		return nil, nil, err
	}
	if a.Pane == "" {
		return nil, nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "dbls: %s: want %s", name, paneArgsShape)
	}
	if !nonceRE.MatchString(a.Nonce) {
		return nil, nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "dbls: %s: the nonce must be letters, digits, +/=_- (at most 128)", name)
	}
	if name == CmdPaneMessage && len(a.Message) == 0 {
		return nil, nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "dbls: %s: no \"message\"", name)
	}
	req := plugin.PaneRequest{Pane: a.Pane, URI: a.URI, Connection: a.Connection, Arguments: a.Arguments,
		Nonce: a.Nonce, Language: s.language(), Statement: a.SQL}
	var e *entry
	if a.URI != "" || a.Connection != "" {
		arg, en, sql, err := s.paneSource(ctx, a)
		if err != nil {
			return nil, nil, err
		}
		e, req.Connection, req.Statement = en, arg, sql
		req.Driver = s.driverOf(e)
		req.Snapshot, _, _ = s.snapshotOf(e)
	}
	return nil, func() (any, error) {
		open, closeConn := s.lazyConn(e)
		defer closeConn()
		req.Open = open
		out := PaneResult{Pane: a.Pane, Statement: req.Statement, Connection: req.Connection}
		var content *plugin.PaneContent
		if name == CmdOpenPane {
			c, err := s.opts.Plugins.RenderPane(s.pluginCtx(ctx), req)
			if err != nil {
				return nil, paneError(name, err)
			}
			content = &c
		} else {
			r, err := s.opts.Plugins.PaneMessage(s.pluginCtx(ctx), req, a.Message)
			if err != nil {
				return nil, paneError(name, err)
			}
			content, out.Data = r.Content, r.Data
		}
		if content != nil {
			out.Title, out.HTML, out.Text = content.Title, content.HTML, content.Text
			if !a.Webview {
				out.Document = s.presentPane(a.Pane, content)
			}
		}
		return out, nil
	}, nil
}

// paneSource is the connection and statement of a pane: as for a run,
// except that a pane may be opened on a connection without a statement.
func (s *Server) paneSource(ctx context.Context, a paneArgs) (string, *entry, string, error) {
	if a.SQL == "" && a.Range == nil && a.Statement == nil {
		arg, e, err := s.connectionOf(ctx, a.URI, a.Connection)
		return arg, e, "", err
	}
	return s.querySource(ctx, queryArgs{URI: a.URI, Connection: a.Connection, Range: a.Range, Statement: a.Statement, SQL: a.SQL})
}

// lazyConn opens e's connection on a plugin's first request; the returned
// func closes it. Without an entry, open is nil.
func (s *Server) lazyConn(e *entry) (open func(context.Context) (drivers.Conn, error), closeConn func()) {
	if e == nil {
		return nil, func() {}
	}
	var (
		once sync.Once
		conn drivers.Conn
		err  error
	)
	open = func(ctx context.Context) (drivers.Conn, error) {
		once.Do(func() {
			if conn, _, err = s.currentResolver().Open(ctx, e.src.Arg); err != nil {
				conn = nil // a driver may return a typed nil with its error
			}
		})
		return conn, err
	}
	return open, func() {
		if conn != nil {
			conn.Close()
		}
	}
}

// paneError: an unknown pane is the caller's mistake (InvalidParams);
// anything else is the plugin's answer, with its message.
func paneError(name string, err error) error {
	if errors.Is(err, plugin.ErrUnknownPane) {
		return jsonrpc2.Errorf(jsonrpc2.InvalidParams, "dbls: %s: %v", name, err)
	}
	return jsonrpc2.Errorf(jsonrpc2.InternalError, "dbls: %s: %v", name, err)
}

// presentPane shows a pane's text form to a client that mounts no
// webview: written to the results directory and opened where the client
// can open documents, else shown as a message. It returns the document's
// URI, "" when none was written.
func (s *Server) presentPane(pane string, c *plugin.PaneContent) string {
	path := ""
	if dir, err := resultsDir(); err == nil {
		path = filepath.Join(dir, fmt.Sprintf("pane-%s-%d.txt", pane, time.Now().UnixNano()))
		if err := os.WriteFile(path, []byte(c.Text), 0o600); err != nil {
			s.logger.Printf("pane %s: %v", pane, err)
			path = ""
		}
	}
	if path != "" && s.canShowDocument() {
		s.showDocument(fileURI(path))
		return fileURI(path)
	}
	s.notify("window/showMessage", protocol.ShowMessageParams{Type: protocol.MessageTypeInfo, Message: "dbls: " + c.Text})
	if path == "" {
		return ""
	}
	return fileURI(path)
}
