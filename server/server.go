// Package server is the dbls language server: the LSP lifecycle over a
// JSON-RPC stream, the store of open documents, the connection each
// document is bound to, the cache of schema snapshots (persisted in the
// store, refreshed in the background) and thin handlers that call into
// package analysis.
//
// A document is bound to a connection by, in order: the dbls.switchConnection
// command, a first-line comment `-- dbls: connection=NAME` (NAME is a
// configured or saved name, a URL, or snapshot:PATH.json), and the
// configured default_connection.
//
// Nothing is written to the output stream but LSP messages; logs go to
// Options.Log and, when useful to the user, to window/logMessage.
package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"math/rand/v2"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/dbls/dbls/drivers/connect"
	"github.com/dbls/dbls/drivers/connect/config"
	"github.com/dbls/dbls/drivers/connect/store"
	"github.com/dbls/dbls/server/i18n"
	"github.com/dbls/dbls/server/plugin"
)

// Commands the server implements, all advertised in executeCommandProvider
// (see commands.go for the registry).
const (
	CmdRefreshSchema    = "dbls.refreshSchema"
	CmdSwitchConnection = "dbls.switchConnection"
)

// Options configure Serve.
type Options struct {
	// Store persists snapshots (and resolves saved connections). Nil means
	// no persistence: every start reads the databases afresh.
	Store *store.Store
	// UserConfig is the user config file; "" means config.UserFile().
	UserConfig string
	// ProjectConfig is the project config file; "" means the .dbls.toml
	// found from the first workspace folder.
	ProjectConfig string
	// Log receives diagnostics for the server's operator (stderr); nil
	// discards them.
	Log io.Writer
	// Version is reported in serverInfo.
	Version string
	// FirstLoadWait bounds how long completion and hover wait for a
	// connection's first snapshot when nothing is cached; 0 means 10s.
	FirstLoadWait time.Duration
	// DiagnosticsDelay is how long after the last edit of a document its
	// diagnostics are computed; 0 means 250ms.
	DiagnosticsDelay time.Duration
	// ProgressDelay is how long a statement runs before it reports
	// $/progress, so that quick statements cost no round trip; 0 means
	// 500ms, a negative value reports every run at once.
	ProgressDelay time.Duration
	// Plugins is the session's plugin host: its commands are workspace
	// commands, its exporters the result formats, its assists code
	// actions, its metadata hooks enrich the snapshots read. The caller
	// (cmd/dbls: one host per process) builds it from the [plugins]
	// config and shuts it down. Nil means a host of the built-in plugins
	// with no configuration, for this session only.
	Plugins *plugin.Host
}

// Serve runs the language server on in/out until the client sends exit,
// closes the stream, or ctx ends. It returns nil after a clean
// shutdown+exit.
func Serve(ctx context.Context, in io.Reader, out io.Writer, opts Options) error {
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	if opts.FirstLoadWait == 0 {
		opts.FirstLoadWait = 10 * time.Second
	}
	if opts.DiagnosticsDelay == 0 {
		opts.DiagnosticsDelay = 250 * time.Millisecond
	}
	if opts.ProgressDelay == 0 {
		opts.ProgressDelay = 500 * time.Millisecond
	}
	if opts.Plugins == nil {
		h := plugin.NewHost(plugin.Options{Version: opts.Version, Log: opts.Log})
		opts.Plugins = h
		defer func() {
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			h.Shutdown(ctx) //nolint:errcheck // the session is over; its own host goes with it
		}()
	}
	parent := ctx
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	s := &Server{
		opts:      opts,
		logger:    log.New(opts.Log, "dbls: ", log.LstdFlags),
		docs:      newDocuments(),
		diags:     newDiagState(),
		cache:     newCache(),
		overrides: map[string]string{},
		shown:     map[string]bool{},
		ctx:       ctx,
		queryTag:  strconv.FormatUint(uint64(rand.Uint32()), 36),
	}
	s.resolver = &connect.Resolver{Store: opts.Store, Warn: s.warn}
	// Plugins read this session's snapshots and documents (dbls serve runs
	// one session per process, with its own host).
	defer opts.Plugins.SetServices(pluginServices{s})()
	st := newStream(rwc{Reader: in, Writer: out}, func(msg string) { s.logger.Print(msg) })
	s.conn = jsonrpc2.NewConn(st)
	s.conn.Go(ctx, s.handle)
	select {
	case <-s.conn.Done():
	case <-ctx.Done():
		s.conn.Close()
		<-s.conn.Done()
	}
	cancel()
	s.stopDiagnostics()
	s.bg.Wait()
	waitAtMost(&s.reads, abandonedReadGrace)
	s.closeQueries()
	s.mu.Lock()
	s.resolver.Close()
	shutdown, exited := s.shutdown, s.exited
	s.mu.Unlock()
	switch {
	case exited && shutdown:
		return nil
	case exited:
		return errors.New("client sent exit without shutdown")
	case parent.Err() != nil:
		return nil // stopped by the caller (an interrupt): not an error of the session
	}
	if err := s.conn.Err(); err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	return errors.New("client closed the connection without shutdown")
}

// Server is one session's state.
type Server struct {
	opts   Options
	logger *log.Logger
	conn   jsonrpc2.Conn
	ctx    context.Context // ends with the session
	bg     sync.WaitGroup  // background work, waited for on exit
	reads  sync.WaitGroup  // snapshot reads, which may outlive the session (readDatabase)

	docs  *documents
	cache *cache
	diags *diagState

	// queryTag tells this session's made-up query IDs from another
	// session's in the same process; querySeq numbers them.
	queryTag string
	querySeq atomic.Int64

	mu           sync.Mutex
	initialized  bool
	shutdown     bool
	exited       bool
	progress     bool // the client accepts window/workDoneProgress/create
	folders      []string
	editor       []byte // last editor settings (initializationOptions or didChangeConfiguration)
	resolver     *connect.Resolver
	overrides    map[string]string // uri → connection set by dbls.switchConnection
	shown        map[string]bool   // binding errors already shown
	progressSeq  int
	lang         string             // i18n language from the client's locale
	showDoc      bool               // the client handles window/showDocument
	plainHover   bool               // the client asked for plain-text hovers
	lensRefresh  bool               // the client handles workspace/codeLens/refresh
	watchDynamic bool               // the client registers file watchers for us (config_watch.go)
	snapStatus   bool               // the client asked for dbls/snapshotStatus (snapshot_status.go)
	previews     map[string]preview // migration preview URI → what it compared (compare.go)

	calls   inflight   // requests being answered, for $/cancelRequest (cancel.go)
	queries queryState // statements run from the editor (query.go)
}

// language is the i18n language of the client's messages and titles.
func (s *Server) language() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.lang
}

func (s *Server) warn(msg string) {
	s.logger.Print("warning: ", msg)
	s.notify("window/logMessage", protocol.LogMessageParams{Type: protocol.MessageTypeWarning, Message: "dbls: " + msg})
}

func (s *Server) notify(method string, params any) {
	if err := s.conn.Notify(s.ctx, method, params); err != nil && s.ctx.Err() == nil {
		s.logger.Printf("notify %s: %v", method, err)
	}
}

func (s *Server) showMessage(t protocol.MessageType, msg string) {
	s.logger.Print(msg)
	s.notify("window/showMessage", protocol.ShowMessageParams{Type: t, Message: msg})
}

// handle dispatches one message. It runs on the connection's read loop, so
// it never waits on the client: slow requests reply from a goroutine.
func (s *Server) handle(ctx context.Context, reply jsonrpc2.Replier, req jsonrpc2.Request) (err error) {
	_, isCall := req.(*jsonrpc2.Call)
	defer func() {
		if p := recover(); p != nil {
			s.logger.Printf("panic in %s: %v\n%s", req.Method(), p, debug.Stack())
			if isCall {
				err = reply(ctx, nil, jsonrpc2.Errorf(jsonrpc2.InternalError, "dbls: internal error in %s: %v", req.Method(), p))
			}
		}
	}()
	s.mu.Lock()
	initialized, shutdown := s.initialized, s.shutdown
	s.mu.Unlock()
	method := req.Method()
	switch {
	case method == "exit":
		s.mu.Lock()
		s.exited = true
		s.mu.Unlock()
		return s.conn.Close()
	case !initialized && method != "initialize":
		if isCall {
			return reply(ctx, nil, jsonrpc2.NewError(jsonrpc2.ServerNotInitialized, "dbls: server not initialized"))
		}
		return nil
	case shutdown:
		if isCall {
			return reply(ctx, nil, jsonrpc2.NewError(jsonrpc2.InvalidRequest, "dbls: server is shutting down"))
		}
		return nil
	}
	h, ok := handlers[method]
	if !ok {
		if isCall {
			return reply(ctx, nil, jsonrpc2.Errorf(jsonrpc2.MethodNotFound, "dbls: method %q not supported", method))
		}
		return nil // unknown notifications are ignored
	}
	// A call's context ends when it is answered or when the client sends
	// $/cancelRequest for it.
	done := func() {}
	if call, ok := req.(*jsonrpc2.Call); ok {
		ctx, done = s.calls.track(ctx, call.ID())
	}
	result, async, err := h(s, ctx, req.Params())
	if async != nil {
		if !isCall {
			s.spawn(func() { async() })
			return nil
		}
		s.spawn(func() {
			defer done()
			defer func() {
				if p := recover(); p != nil {
					s.logger.Printf("panic in %s: %v\n%s", method, p, debug.Stack())
					reply(s.ctx, nil, jsonrpc2.Errorf(jsonrpc2.InternalError, "dbls: internal error in %s: %v", method, p)) //nolint:errcheck
				}
			}()
			res, err := async()
			if err := replyTo(s.ctx, reply, method, res, cancelledReply(ctx, err)); err != nil && s.ctx.Err() == nil {
				s.logger.Printf("reply %s: %v", method, err)
			}
		})
		return nil
	}
	defer done()
	if isCall {
		return replyTo(ctx, reply, method, result, err)
	}
	if err != nil {
		s.logger.Printf("%s: %v", method, err)
	}
	return nil
}

// replyTo answers a call. The result is encoded here, so that one that
// cannot be (a NaN, a cycle) becomes an error reply instead of leaving the
// client waiting or, for a synchronous reply, ending the session.
func replyTo(ctx context.Context, reply jsonrpc2.Replier, method string, result any, err error) error {
	if err == nil && result != nil {
		raw, mErr := json.Marshal(result)
		if mErr != nil {
			return reply(ctx, nil, jsonrpc2.Errorf(jsonrpc2.InternalError, "dbls: %s: cannot encode the result: %v", method, mErr))
		}
		result = json.RawMessage(raw)
	}
	return reply(ctx, result, err)
}

// spawn runs f in the background, tracked so Serve can wait for it.
func (s *Server) spawn(f func()) {
	s.bg.Add(1)
	go func() {
		defer s.bg.Done()
		defer func() {
			if p := recover(); p != nil {
				s.logger.Printf("panic in background work: %v\n%s", p, debug.Stack())
			}
		}()
		f()
	}()
}

// A handler answers at once (result, err) or returns async, which runs in
// a goroutine and whose outcome is the reply.
type handler func(s *Server, ctx context.Context, params json.RawMessage) (result any, async func() (any, error), err error)

var handlers map[string]handler

func init() {
	handlers = map[string]handler{
		"initialize":                          (*Server).initialize,
		"initialized":                         (*Server).initializedNote,
		"shutdown":                            (*Server).shutdownReq,
		"textDocument/didOpen":                (*Server).didOpen,
		"textDocument/didChange":              (*Server).didChange,
		"textDocument/didClose":               (*Server).didClose,
		"textDocument/didSave":                nop,
		"textDocument/completion":             positional(protocol.CompletionList{Items: []protocol.CompletionItem{}}, (*Server).completion),
		"textDocument/hover":                  positional(nil, (*Server).hover),
		"textDocument/signatureHelp":          positional(nil, (*Server).signatureHelp),
		"textDocument/definition":             positional([]protocol.Location{}, (*Server).definition),
		"textDocument/documentSymbol":         (*Server).documentSymbol,
		"textDocument/codeLens":               (*Server).codeLens,
		"textDocument/codeAction":             (*Server).codeAction,
		"textDocument/formatting":             (*Server).formatting,
		"textDocument/rangeFormatting":        (*Server).rangeFormatting,
		"workspace/executeCommand":            (*Server).executeCommand,
		"workspace/didChangeConfiguration":    (*Server).didChangeConfiguration,
		"workspace/didChangeWorkspaceFolders": (*Server).didChangeWorkspaceFolders,
		"workspace/didChangeWatchedFiles":     (*Server).didChangeWatchedFiles,
		"$/setTrace":                          nop,
		"$/cancelRequest":                     (*Server).cancelRequest,
	}
}

func nop(*Server, context.Context, json.RawMessage) (any, func() (any, error), error) {
	return nil, nil, nil
}

func decode(params json.RawMessage, v any) error {
	if len(params) == 0 {
		return jsonrpc2.NewError(jsonrpc2.InvalidParams, "dbls: missing params")
	}
	if err := json.Unmarshal(params, v); err != nil {
		return jsonrpc2.Errorf(jsonrpc2.InvalidParams, "dbls: invalid params: %v", err)
	}
	return nil
}

type initializeParams struct {
	RootURI               string                     `json:"rootUri"`
	Locale                string                     `json:"locale"`
	WorkspaceFolders      []protocol.WorkspaceFolder `json:"workspaceFolders"`
	InitializationOptions json.RawMessage            `json:"initializationOptions"`
	Capabilities          struct {
		Window struct {
			WorkDoneProgress bool `json:"workDoneProgress"`
			ShowDocument     struct {
				Support bool `json:"support"`
			} `json:"showDocument"`
		} `json:"window"`
		TextDocument struct {
			Hover struct {
				ContentFormat []string `json:"contentFormat"`
			} `json:"hover"`
		} `json:"textDocument"`
		Experimental struct {
			DBLS struct {
				SnapshotStatus bool `json:"snapshotStatus"`
			} `json:"dbls"`
		} `json:"experimental"`
		Workspace struct {
			CodeLens struct {
				RefreshSupport bool `json:"refreshSupport"`
			} `json:"codeLens"`
			DidChangeWatchedFiles struct {
				DynamicRegistration bool `json:"dynamicRegistration"`
			} `json:"didChangeWatchedFiles"`
		} `json:"workspace"`
	} `json:"capabilities"`
}

func (s *Server) initialize(ctx context.Context, params json.RawMessage) (any, func() (any, error), error) {
	var p initializeParams
	if err := decode(params, &p); err != nil {
		return nil, nil, err
	}
	s.mu.Lock()
	if s.initialized {
		s.mu.Unlock()
		return nil, nil, jsonrpc2.NewError(jsonrpc2.InvalidRequest, "dbls: initialize sent twice")
	}
	s.initialized = true
	s.progress = p.Capabilities.Window.WorkDoneProgress
	s.showDoc = p.Capabilities.Window.ShowDocument.Support
	s.plainHover = !prefersMarkdown(p.Capabilities.TextDocument.Hover.ContentFormat)
	s.watchDynamic = p.Capabilities.Workspace.DidChangeWatchedFiles.DynamicRegistration
	s.lensRefresh = p.Capabilities.Workspace.CodeLens.RefreshSupport
	s.snapStatus = p.Capabilities.Experimental.DBLS.SnapshotStatus
	s.lang = i18n.Language(p.Locale)
	for _, f := range p.WorkspaceFolders {
		if dir := uriPath(f.URI); dir != "" {
			s.folders = append(s.folders, dir)
		}
	}
	if len(s.folders) == 0 && p.RootURI != "" {
		if dir := uriPath(p.RootURI); dir != "" {
			s.folders = append(s.folders, dir)
		}
	}
	s.mu.Unlock()
	s.applyConfig(p.InitializationOptions)

	result := protocol.InitializeResult{
		Capabilities: protocol.ServerCapabilities{
			TextDocumentSync: &protocol.TextDocumentSyncOptions{
				OpenClose: true,
				Change:    protocol.TextDocumentSyncKindIncremental,
			},
			CompletionProvider:     &protocol.CompletionOptions{TriggerCharacters: []string{".", " ", "(", "'"}},
			HoverProvider:          true,
			SignatureHelpProvider:  &protocol.SignatureHelpOptions{TriggerCharacters: []string{"(", ","}},
			DefinitionProvider:     true,
			DocumentSymbolProvider: true,
			CodeLensProvider:       &protocol.CodeLensOptions{},
			CodeActionProvider:     true,
			ExecuteCommandProvider: &protocol.ExecuteCommandOptions{Commands: Commands(s.opts.Plugins)},
			// Formatting needs no schema: analysis/format works on tokens.
			DocumentFormattingProvider:      true,
			DocumentRangeFormattingProvider: true,
			Workspace: &protocol.ServerCapabilitiesWorkspace{
				WorkspaceFolders: &protocol.ServerCapabilitiesWorkspaceFolders{Supported: true, ChangeNotifications: true},
			},
		},
		ServerInfo: &protocol.ServerInfo{Name: "dbls", Version: s.opts.Version},
	}
	return result, nil, nil
}

func (s *Server) initializedNote(ctx context.Context, _ json.RawMessage) (any, func() (any, error), error) {
	s.watchConfig()
	return nil, nil, nil
}

func (s *Server) shutdownReq(ctx context.Context, _ json.RawMessage) (any, func() (any, error), error) {
	s.mu.Lock()
	s.shutdown = true
	s.mu.Unlock()
	return nil, nil, nil
}

// applyConfig (re)builds the configuration: user file < project file of
// the first workspace folder < editor settings. Problems are shown to the
// user; what could be read still applies.
func (s *Server) applyConfig(editor json.RawMessage) {
	s.mu.Lock()
	if editor != nil {
		s.editor = editor
	}
	editor = s.editor
	root := ""
	if len(s.folders) > 0 {
		root = s.folders[0]
	}
	s.mu.Unlock()
	userFile := s.opts.UserConfig
	if userFile == "" {
		userFile = config.UserFile()
	}
	projectFile := s.opts.ProjectConfig
	if projectFile == "" && root != "" {
		projectFile = config.FindProjectFile(root)
	}
	cfg, warnings, err := loadConfig(userFile, projectFile, unwrapSettings(editor))
	for _, w := range warnings {
		s.warn(w.String())
	}
	if err != nil {
		s.showMessage(protocol.MessageTypeError, "dbls: configuration: "+err.Error())
	}
	nr := &connect.Resolver{Config: cfg, Store: s.opts.Store, Warn: s.warn}
	s.mu.Lock()
	old := s.resolver
	s.resolver = nr
	s.mu.Unlock()
	if old != nil {
		old.Close()
	}
}

// unwrapSettings accepts the dbls keys either at the top level or under a
// "dbls" key, as editors send workspace/didChangeConfiguration.
func unwrapSettings(raw json.RawMessage) []byte {
	var outer map[string]json.RawMessage
	if json.Unmarshal(raw, &outer) == nil {
		if inner, ok := outer["dbls"]; ok && len(outer) == 1 {
			return inner
		}
	}
	return raw
}

func (s *Server) didChangeConfiguration(ctx context.Context, params json.RawMessage) (any, func() (any, error), error) {
	var p struct {
		Settings json.RawMessage `json:"settings"`
	}
	if err := decode(params, &p); err != nil {
		return nil, nil, err
	}
	settings := p.Settings
	if settings == nil {
		settings = json.RawMessage("null")
	}
	s.applyConfig(settings)
	return nil, nil, nil
}

func (s *Server) didChangeWorkspaceFolders(ctx context.Context, params json.RawMessage) (any, func() (any, error), error) {
	var p protocol.DidChangeWorkspaceFoldersParams
	if err := decode(params, &p); err != nil {
		return nil, nil, err
	}
	s.mu.Lock()
	removed := map[string]bool{}
	for _, f := range p.Event.Removed {
		removed[uriPath(f.URI)] = true
	}
	var folders []string
	for _, f := range s.folders {
		if !removed[f] {
			folders = append(folders, f)
		}
	}
	for _, f := range p.Event.Added {
		if dir := uriPath(f.URI); dir != "" {
			folders = append(folders, dir)
		}
	}
	first := len(s.folders) == 0 || len(folders) == 0 || s.folders[0] != folders[0]
	s.folders = folders
	s.mu.Unlock()
	if first {
		s.applyConfig(nil) // the project file comes from the first folder
	}
	return nil, nil, nil
}

// uriPath is the local path of a file: URI, or "".
func uriPath(u string) string {
	if !strings.HasPrefix(u, "file:") {
		return ""
	}
	defer func() { recover() }() //nolint:errcheck // uri.Filename panics on malformed URIs
	return uri.URI(u).Filename()
}

// baseDir is where relative snapshot: paths resolve: the first workspace
// folder, else the document's directory.
func (s *Server) baseDir(docURI string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.folders) > 0 {
		return s.folders[0]
	}
	if p := uriPath(docURI); p != "" {
		return filepath.Dir(p)
	}
	return ""
}

// connectionFor is the connection argument a document is bound to, or "".
func (s *Server) connectionFor(docURI, text string) string {
	s.mu.Lock()
	override, ok := s.overrides[docURI]
	r := s.resolver
	s.mu.Unlock()
	if ok {
		return override
	}
	if c := connectionComment(text); c != "" {
		return c
	}
	return r.Default()
}

func (s *Server) currentResolver() *connect.Resolver {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.resolver
}

// entryFor finds (and on first use starts loading) the snapshot entry of
// a connection argument.
func (s *Server) entryFor(ctx context.Context, docURI, arg string) (*entry, error) {
	src, err := resolveSource(ctx, s.currentResolver(), arg, s.baseDir(docURI))
	if err != nil {
		return nil, err
	}
	e, created := s.cache.get(src)
	e.addName(arg)
	if created {
		s.spawn(func() { s.firstLoad(e) })
	}
	return e, nil
}

// Errors that tell the user something about their setup are shown once per
// document and connection.
func (s *Server) bindingError(docURI, arg string, err error) {
	s.mu.Lock()
	key := docURI + "\x00" + arg + "\x00" + err.Error()
	if s.shown[key] {
		s.mu.Unlock()
		return
	}
	s.shown[key] = true
	s.mu.Unlock()
	s.showMessage(protocol.MessageTypeError, fmt.Sprintf("dbls: %s: %v", docURI, err))
}

// abandonedReadGrace is how long exit waits for snapshot reads it has
// cancelled. Most end at once (SQLite, a server that answers the cancel),
// and then nothing of the session touches a database file after Serve
// returns; a driver slow to wind down is left to finish on its own.
const abandonedReadGrace = 3 * time.Second

// waitAtMost waits for wg, or for d, whichever comes first.
func waitAtMost(wg *sync.WaitGroup, d time.Duration) {
	done := make(chan struct{})
	go func() {
		wg.Wait()
		close(done)
	}()
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-done:
	case <-t.C:
	}
}
