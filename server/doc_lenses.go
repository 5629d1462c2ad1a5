package server

import (
	"context"
	"path/filepath"
	"strings"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"

	"github.com/dbls/dbls/drivers/connect/dirs"
	"github.com/dbls/dbls/server/i18n"
)

// Lenses about the document itself: which connection it uses (a lens on
// its first line, a click switches), how to bind one when it has none, and
// which documents dbls generated and so must not offer anything that
// writes (Run, Compare).

// generated reports whether a document is a file dbls wrote under its
// cache directory: a definition, a result, a migration preview or the copy
// of a compared buffer. Such documents get no Run or Compare lenses; a
// preview of this session keeps its Apply lenses, which are its purpose.
func generated(docURI string) bool {
	path := uriPath(docURI)
	if path == "" {
		return false
	}
	dir, err := dirs.Cache()
	if err != nil {
		return false
	}
	return strings.HasPrefix(filepath.Clean(path), filepath.Clean(dir)+string(filepath.Separator))
}

// connectionLenses puts on line 0 the connection the document uses, or
// how to bind one; either lens runs dbls.switchConnection with "pick",
// which offers the configured connections to choose from.
func connectionLenses(s *Server, ctx context.Context, doc document) []protocol.CodeLens {
	if generated(doc.URI) || !strings.HasSuffix(strings.ToLower(uriPath(doc.URI)), ".sql") && uriPath(doc.URI) != "" {
		return nil
	}
	lang := s.language()
	arg := s.connectionFor(doc.URI, doc.Text)
	pick := commandArgs{URI: doc.URI, Pick: true}
	if arg == "" {
		return []protocol.CodeLens{lensAt(0, i18n.T(lang, "conn.lens.none"), CmdSwitchConnection, pick)}
	}
	return []protocol.CodeLens{lensAt(0, i18n.T(lang, "conn.lens.current", s.connectionTitle(ctx, doc.URI, arg)), CmdSwitchConnection, pick)}
}

// connectionTitle names a connection for display: a configured or saved
// name as it is, anything else (a URL) redacted.
func (s *Server) connectionTitle(ctx context.Context, docURI, arg string) string {
	if !strings.Contains(arg, ":") {
		return arg
	}
	if src, err := resolveSource(ctx, s.currentResolver(), arg, s.baseDir(docURI)); err == nil {
		return src.Label
	}
	return "?"
}

// pickConnection asks the user, with window/showMessageRequest, which
// configured connection a document should use; "" when they chose none.
func (s *Server) pickConnection(ctx context.Context, docURI string) (string, error) {
	r := s.currentResolver()
	var names []string
	if r.Config != nil {
		names = r.Config.Names()
	}
	lang := s.language()
	if len(names) == 0 {
		return "", jsonrpc2.NewError(jsonrpc2.InvalidParams, i18n.T(lang, "conn.pick.none"))
	}
	actions := make([]protocol.MessageActionItem, len(names))
	for i, n := range names {
		actions[i] = protocol.MessageActionItem{Title: n}
	}
	var choice *protocol.MessageActionItem
	params := protocol.ShowMessageRequestParams{Type: protocol.MessageTypeInfo, Message: i18n.T(lang, "conn.pick.ask", docURI), Actions: actions}
	ctx, cancel := context.WithTimeout(ctx, confirmWait)
	defer cancel()
	if _, err := s.conn.Call(ctx, "window/showMessageRequest", params, &choice); err != nil {
		return "", jsonrpc2.Errorf(jsonrpc2.InvalidParams, "dbls: %s: %s (%v)", CmdSwitchConnection, i18n.T(lang, "conn.pick.cannot"), err)
	}
	if choice == nil {
		return "", nil
	}
	return choice.Title, nil
}

func init() {
	registerLenses(connectionLenses)
	i18n.Register(i18n.English, map[string]string{
		"conn.lens.current": "⛁ Connection: %s (switch)",
		"conn.lens.none":    "⛁ No connection: choose one, or add a first line -- dbls: connection=NAME",
		"conn.pick.ask":     "dbls: which connection should %s use?",
		"conn.pick.none":    "dbls: no connection is configured: add one to .dbls.toml ([connections.NAME] url = …) or save one with dbls conn add",
		"conn.pick.cannot":  "the client cannot offer a choice: pass \"connection\"",
	})
	i18n.Register(i18n.SimplifiedChinese, map[string]string{
		"conn.lens.current": "⛁ 连接：%s（切换）",
		"conn.lens.none":    "⛁ 没有连接：请选择一个，或在第一行加上 -- dbls: connection=名称",
		"conn.pick.ask":     "dbls：%s 应使用哪个连接？",
		"conn.pick.none":    "dbls：没有配置任何连接：请在 .dbls.toml 中添加（[connections.名称] url = …），或用 dbls conn add 保存",
		"conn.pick.cannot":  "客户端无法提供选择：请传入 \"connection\"",
	})
}

// boundTo is the connection argument of an open document, or "".
func (s *Server) boundTo(docURI string) string {
	doc, ok := s.docs.get(docURI)
	if !ok {
		return ""
	}
	return s.connectionFor(docURI, doc.Text)
}

// refreshLenses asks a client that supports it to ask for code lenses
// again: the connection lens changed.
func (s *Server) refreshLenses() {
	s.mu.Lock()
	ok := s.lensRefresh
	s.mu.Unlock()
	if !ok {
		return
	}
	s.spawn(func() {
		ctx, cancel := context.WithTimeout(s.ctx, 10*time.Second)
		defer cancel()
		if _, err := s.conn.Call(ctx, "workspace/codeLens/refresh", nil, nil); err != nil && s.ctx.Err() == nil {
			s.logger.Printf("workspace/codeLens/refresh: %v", err)
		}
	})
}
