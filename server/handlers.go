package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"runtime/debug"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"

	"github.com/dbls/dbls/analysis"
	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/connect/store"
	"github.com/dbls/dbls/drivers/schema"
	"github.com/dbls/dbls/server/plugin"
)

// ---- documents ----

func (s *Server) didOpen(ctx context.Context, params json.RawMessage) (any, func() (any, error), error) {
	var p protocol.DidOpenTextDocumentParams
	if err := decode(params, &p); err != nil {
		return nil, nil, err
	}
	uri := string(p.TextDocument.URI)
	s.docs.open(uri, p.TextDocument.Version, p.TextDocument.Text)
	s.bind(ctx, uri, p.TextDocument.Text)
	s.scheduleDiagnostics(uri, 0)
	s.publish(plugin.Event{Kind: plugin.DocumentChanged, URI: uri})
	return nil, nil, nil
}

type didChangeParams struct {
	TextDocument struct {
		URI     string `json:"uri"`
		Version int32  `json:"version"`
	} `json:"textDocument"`
	ContentChanges []contentChange `json:"contentChanges"`
}

func (s *Server) didChange(ctx context.Context, params json.RawMessage) (any, func() (any, error), error) {
	var p didChangeParams
	if err := decode(params, &p); err != nil {
		return nil, nil, err
	}
	uri := p.TextDocument.URI
	if !s.docs.change(uri, p.TextDocument.Version, p.ContentChanges) {
		return nil, nil, fmt.Errorf("didChange for %s, which is not open", uri)
	}
	for _, c := range p.ContentChanges {
		if c.Range == nil || c.Range.Start.Line == 0 {
			// The binding comment may have changed: start loading early.
			if doc, ok := s.docs.get(uri); ok {
				s.bind(ctx, uri, doc.Text)
			}
			break
		}
	}
	s.scheduleDiagnostics(uri, s.opts.DiagnosticsDelay)
	s.publish(plugin.Event{Kind: plugin.DocumentChanged, URI: uri})
	return nil, nil, nil
}

func (s *Server) didClose(ctx context.Context, params json.RawMessage) (any, func() (any, error), error) {
	var p protocol.DidCloseTextDocumentParams
	if err := decode(params, &p); err != nil {
		return nil, nil, err
	}
	uri := string(p.TextDocument.URI)
	s.docs.close(uri)
	s.mu.Lock()
	delete(s.overrides, uri)
	s.mu.Unlock()
	s.clearDiagnostics(uri)
	return nil, nil, nil
}

// bind starts loading the snapshot of the document's connection, so that
// it is there by the time the user asks for completion.
func (s *Server) bind(ctx context.Context, uri, text string) *entry {
	arg := s.connectionFor(uri, text)
	if arg == "" {
		return nil
	}
	e, err := s.entryFor(ctx, uri, arg)
	if err != nil {
		s.bindingError(uri, arg, err)
		return nil
	}
	return e
}

// snapshotOf waits (boundedly) for the entry's first load and returns its
// snapshot, the snapshot's analysis index and the dialect. A nil entry
// gives a nil snapshot and index: keywords only.
func (s *Server) snapshotOf(e *entry) (*schema.Snapshot, *analysis.Index, analysis.Dialect) {
	if e == nil {
		return nil, nil, ""
	}
	snap, ix := e.loaded()
	if snap == nil {
		t := time.NewTimer(s.opts.FirstLoadWait)
		select {
		case <-e.ready:
		case <-t.C:
		case <-s.ctx.Done():
		}
		t.Stop()
		snap, ix = e.loaded()
	}
	return snap, ix, entryDialect(e, snap)
}

// entryDialect is the dialect of an entry's documents: the snapshot's
// driver, else the connection's.
func entryDialect(e *entry, snap *schema.Snapshot) analysis.Dialect {
	if snap != nil && snap.Driver != "" {
		return analysis.Dialect(snap.Driver)
	}
	return analysis.Dialect(e.src.Driver)
}

// ---- completion and hover ----

var completionKinds = map[string]protocol.CompletionItemKind{
	analysis.KindTable:     protocol.CompletionItemKindClass,
	analysis.KindView:      protocol.CompletionItemKindInterface,
	analysis.KindColumn:    protocol.CompletionItemKindField,
	analysis.KindKeyword:   protocol.CompletionItemKindKeyword,
	analysis.KindSchema:    protocol.CompletionItemKindModule,
	analysis.KindFunction:  protocol.CompletionItemKindFunction,
	analysis.KindValue:     protocol.CompletionItemKindEnumMember,
	analysis.KindWindow:    protocol.CompletionItemKindReference,
	analysis.KindParameter: protocol.CompletionItemKindVariable,
	analysis.KindIndex:     protocol.CompletionItemKindReference,
	analysis.KindSequence:  protocol.CompletionItemKindConstant,
	analysis.KindType:      protocol.CompletionItemKindEnum,
	analysis.KindTrigger:   protocol.CompletionItemKindEvent,
}

func (s *Server) completion(ctx context.Context, at atPosition) (any, error) {
	doc, offset, d := at.doc, at.offset, at.d
	items, incomplete := analysis.CompleteLimit(at.ix, d, doc.an, offset, maxCompletionItems)
	wr := analysis.WordRange(d, doc.Text, offset)
	rng := doc.rangeOf(wr)
	out := make([]protocol.CompletionItem, 0, len(items))
	// A word the user began with a quote is filtered against the quoted
	// text, so that clients keep matching it.
	quoted := wr.End > wr.Start && (doc.Text[wr.Start] == '"' || doc.Text[wr.Start] == '`')
	for i, it := range items {
		ci := protocol.CompletionItem{
			Label:    it.Label,
			Kind:     completionKinds[it.Kind],
			Detail:   it.Detail,
			SortText: fmt.Sprintf("%05d", i),
			TextEdit: &protocol.TextEdit{Range: rng, NewText: it.InsertText},
		}
		if quoted {
			ci.FilterText = it.InsertText
		}
		if it.EditBack > 0 && wr.Start >= it.EditBack {
			ci.TextEdit.Range = doc.rangeOf(analysis.Range{Start: wr.Start - it.EditBack, End: wr.End})
			ci.FilterText = it.InsertText
		}
		if it.Replace != nil {
			// Inside a string: the label replaces the string's text, and
			// is filtered against what is typed there.
			ci.TextEdit.Range = doc.rangeOf(*it.Replace)
			ci.FilterText = it.Label
		}
		if it.Doc != "" {
			ci.Documentation = it.Doc
		}
		out = append(out, ci)
	}
	return protocol.CompletionList{IsIncomplete: incomplete, Items: out}, nil
}

// maxCompletionItems caps a reply: past it (FROM | on a catalog of
// thousands of tables) the best items are sent, marked incomplete, and the
// client asks again as the user types, getting the narrower list. Nobody
// scrolls through ten thousand names, and encoding them costs more than
// finding them.
const maxCompletionItems = 200

func toRange(text string, r analysis.Range) protocol.Range {
	sl, sc := PositionOf(text, r.Start)
	el, ec := PositionOf(text, r.End)
	return protocol.Range{Start: protocol.Position{Line: sl, Character: sc}, End: protocol.Position{Line: el, Character: ec}}
}

func (s *Server) hover(ctx context.Context, at atPosition) (any, error) {
	md, r, ok := analysis.HoverAt(at.ix, at.d, at.doc.an, at.offset)
	if !ok {
		return nil, nil
	}
	rng := at.doc.rangeOf(r)
	s.mu.Lock()
	plain := s.plainHover
	s.mu.Unlock()
	if plain {
		return &protocol.Hover{Contents: protocol.MarkupContent{Kind: protocol.PlainText, Value: plainText(md)}, Range: &rng}, nil
	}
	return &protocol.Hover{Contents: protocol.MarkupContent{Kind: protocol.Markdown, Value: md}, Range: &rng}, nil
}

// ---- workspace commands ----

// commandArgs is the one object argument dbls.switchConnection and
// dbls.refreshSchema take.
type commandArgs struct {
	URI        string `json:"uri"`
	Connection string `json:"connection"`
	// Pick (dbls.switchConnection, without connection) asks the user to
	// choose among the configured connections (doc_lenses.go).
	Pick bool `json:"pick,omitempty"`
}

const commandArgsShape = `{"uri": …, "connection": …, "pick"?: true}`

func init() {
	registerCommand(CmdSwitchConnection, func(s *Server, ctx context.Context, args []json.RawMessage) (any, func() (any, error), error) {
		var a commandArgs
		if err := objectArg(CmdSwitchConnection, args, &a, commandArgsShape); err != nil {
			return nil, nil, err
		}
		return s.switchConnection(ctx, a)
	})
	registerCommand(CmdRefreshSchema, func(s *Server, ctx context.Context, args []json.RawMessage) (any, func() (any, error), error) {
		var a commandArgs
		if err := objectArg(CmdRefreshSchema, args, &a, commandArgsShape); err != nil {
			return nil, nil, err
		}
		return s.refreshSchema(ctx, a)
	})
}

// SwitchResult is the reply to dbls.switchConnection.
type SwitchResult struct {
	URI        string `json:"uri"`
	Connection string `json:"connection"` // redacted; "" when the override was removed
}

func (s *Server) switchConnection(ctx context.Context, a commandArgs) (any, func() (any, error), error) {
	if a.URI == "" {
		return nil, nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "dbls: %s needs {\"uri\": …, \"connection\": …}", CmdSwitchConnection)
	}
	if a.Connection == "" && a.Pick {
		return nil, func() (any, error) {
			name, err := s.pickConnection(ctx, a.URI)
			if err != nil || name == "" {
				return SwitchResult{URI: a.URI, Connection: s.connectionTitle(ctx, a.URI, s.boundTo(a.URI))}, err
			}
			a.Connection, a.Pick = name, false
			res, _, err := s.switchConnection(ctx, a)
			return res, err
		}, nil
	}
	if a.Connection == "" {
		s.mu.Lock()
		delete(s.overrides, a.URI)
		s.mu.Unlock()
		s.scheduleDiagnostics(a.URI, 0)
		return SwitchResult{URI: a.URI}, nil, nil
	}
	e, err := s.entryFor(ctx, a.URI, a.Connection)
	if err != nil {
		return nil, nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "dbls: %s: %v", CmdSwitchConnection, err)
	}
	s.mu.Lock()
	s.overrides[a.URI] = a.Connection
	s.mu.Unlock()
	s.scheduleDiagnostics(a.URI, 0)
	s.refreshLenses()
	return SwitchResult{URI: a.URI, Connection: e.src.Label}, nil, nil
}

// RefreshResult is the reply to dbls.refreshSchema: one line per
// connection refreshed.
type RefreshResult struct {
	Connections []RefreshedConnection `json:"connections"`
}

// RefreshedConnection says what a refresh read.
type RefreshedConnection struct {
	Connection string `json:"connection"`
	Tables     int    `json:"tables"`
	Views      int    `json:"views"`
}

// refreshSchema re-reads one connection ({"connection": …}), a document's
// ({"uri": …}) or, without arguments, every connection in use. It replies
// when the reads are over; a failure is an error reply (the cached
// snapshot stays in use).
func (s *Server) refreshSchema(ctx context.Context, a commandArgs) (any, func() (any, error), error) {
	var targets []*entry
	switch {
	case a.Connection != "" || a.URI != "":
		arg := a.Connection
		if arg == "" {
			doc, ok := s.docs.get(a.URI)
			if !ok {
				return nil, nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "dbls: %s: %s is not open", CmdRefreshSchema, a.URI)
			}
			if arg = s.connectionFor(a.URI, doc.Text); arg == "" {
				return nil, nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "dbls: %s: %s is bound to no connection", CmdRefreshSchema, a.URI)
			}
		}
		e, err := s.entryFor(ctx, a.URI, arg)
		if err != nil {
			return nil, nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "dbls: %s: %v", CmdRefreshSchema, err)
		}
		targets = append(targets, e)
	default:
		targets = s.cache.all()
	}
	return nil, func() (any, error) {
		res := RefreshResult{Connections: []RefreshedConnection{}}
		var errs []error
		for _, e := range targets {
			<-e.ready // let a first load finish rather than race it
			if err := s.refresh(e); err != nil {
				errs = append(errs, err)
				continue
			}
			snap := e.snapshot()
			rc := RefreshedConnection{Connection: e.src.Label}
			for _, sc := range snap.Schemas {
				rc.Tables += len(sc.Tables)
				rc.Views += len(sc.Views)
			}
			res.Connections = append(res.Connections, rc)
		}
		if len(errs) > 0 {
			return nil, jsonrpc2.NewError(jsonrpc2.InternalError, "dbls: "+errors.Join(errs...).Error())
		}
		return res, nil
	}, nil
}

// ---- snapshot loading ----

// firstLoad serves a new entry: a snapshot file is read; for a database
// the stored snapshot is served at once and then refreshed from the
// database.
func (s *Server) firstLoad(e *entry) {
	defer e.markReady()
	if e.src.File != "" {
		if err := s.refresh(e); err != nil {
			s.showMessage(protocol.MessageTypeError, "dbls: "+err.Error())
		}
		return
	}
	if st := s.opts.Store; st != nil && s.loadCached(st, e) {
		e.markReady()
		s.rediagnoseAll()
	}
	s.refresh(e) //nolint:errcheck // refresh reports to the user itself
}

// loadCached serves the entry's snapshot cached in the store, if there is
// one, with its index for the entry's dialect built before the first
// request needs it. The collector is off meanwhile: everything allocated
// is kept, and a collection in between would only trace the growing
// snapshot (at 100,000 tables, half of the decoding time).
func (s *Server) loadCached(st *store.Store, e *entry) bool {
	defer store.PauseGC()()
	snap, taken, ok, err := st.Snapshot(s.ctx, e.src.Key)
	if err != nil {
		s.logger.Printf("cached snapshot of %s: %v", e.src.Label, err)
		return false
	}
	if !ok {
		return false
	}
	e.setSnapshot(snap)
	e.mu.Lock()
	e.takenAt = taken
	e.mu.Unlock()
	_, ix := e.loaded()
	ix.Prepare(entryDialect(e, snap))
	return true
}

// refresh reads the entry's snapshot afresh. On failure the previous
// snapshot stays, and the user is told once (until a refresh succeeds).
func (s *Server) refresh(e *entry) error {
	e.refreshMu.Lock()
	defer e.refreshMu.Unlock()
	if e.src.File != "" {
		snap, err := readSnapshotFile(e.src.File)
		if err != nil {
			return fmt.Errorf("connection %s: %w", e.src.Arg, err)
		}
		e.setSnapshot(snap)
		s.rediagnoseAll()
		return nil
	}
	end := s.beginProgress("dbls: reading the schema of " + e.src.Label)
	s.snapshotStatus(e, SnapshotStatus{State: SnapshotLoading})
	ctx, cancel := context.WithTimeout(s.ctx, 5*time.Minute)
	defer cancel()
	snap, err := s.readDatabase(ctx, e)
	if err != nil {
		end("failed")
		err = fmt.Errorf("cannot read the schema of %s: %w", e.src.Label, err)
		s.snapshotStatus(e, SnapshotStatus{State: SnapshotFailed, Message: err.Error()})
		s.logger.Print(err)
		e.mu.Lock()
		first := !e.warned
		e.warned = true
		taken := e.takenAt
		e.mu.Unlock()
		if first && s.ctx.Err() == nil {
			msg := "dbls: " + err.Error() + "; "
			if e.snapshot() != nil {
				msg += "using the schema cached " + taken.Local().Format("2006-01-02 15:04")
			} else {
				msg += "completion knows only SQL keywords until it can"
			}
			s.showMessage(protocol.MessageTypeWarning, msg)
		}
		return err
	}
	now := time.Now()
	// Most refreshes find the catalog as it was: the snapshot in use (and
	// its index) stays, and the fresh copy is garbage at once, instead of
	// a second index built and every document diagnosed again.
	same := unchanged(e.snapshot(), snap)
	if same {
		snap = e.snapshot()
	} else {
		e.setSnapshot(snap)
		s.rediagnoseAll()
	}
	e.mu.Lock()
	e.warned = false
	e.takenAt = now
	e.mu.Unlock()
	if st := s.opts.Store; st != nil {
		var err error
		if same {
			err = st.TouchSnapshot(ctx, e.src.Key, now)
		} else {
			err = st.PutSnapshot(ctx, e.src.Key, snap, now)
		}
		if err != nil {
			s.logger.Printf("caching the schema of %s: %v", e.src.Label, err)
		}
	}
	end(fmt.Sprintf("%d tables", snap.TableCount()))
	s.snapshotStatus(e, SnapshotStatus{State: SnapshotReady, Tables: snap.TableCount()})
	s.publish(plugin.Event{Kind: plugin.SnapshotRefreshed, Conn: e.src.Label, Snapshot: snap})
	if snap.TableCount() >= largeCatalog {
		// Reading a large catalog leaves hundreds of MB of garbage (the
		// driver's rows, a snapshot that turned out unchanged), and the
		// runtime would hand that memory back to the system only over
		// minutes; an editor's server should shrink back at once.
		debug.FreeOSMemory()
	}
	return nil
}

// largeCatalog is the table count from which a refresh returns its
// garbage to the system at once (a forced collection costs a few ms per
// 10 MB held).
const largeCatalog = 1000

// unchanged reports whether a fresh snapshot describes what cur does.
// Both are in normal form (drivers normalize what they read; the store
// gives back exactly what it was given), so a deep comparison suffices and
// allocates nothing, unlike schema.Equal's normalizing clones.
func unchanged(cur, fresh *schema.Snapshot) bool {
	return cur != nil && reflect.DeepEqual(cur, fresh)
}

// readDatabase reads a connection's snapshot, giving up when the session
// ends: ctx (a child of the session's) is cancelled then, but a driver can
// take a while to wind a cancelled read down (PostgreSQL's cancel request
// waits for a busy server's answer, a SQLite busy wait runs its course), and
// exit must not wait for that. The abandoned read finishes on its own and
// closes its connection; it touches nothing of the session's.
func (s *Server) readDatabase(ctx context.Context, e *entry) (*schema.Snapshot, error) {
	type read struct {
		snap          *schema.Snapshot
		hooksErr, err error
	}
	done := make(chan read, 1)
	s.reads.Add(1)
	go func() {
		defer s.reads.Done()
		var r read
		r.snap, r.hooksErr, r.err = s.readDatabaseNow(ctx, e)
		done <- r
	}()
	select {
	case r := <-done:
		if r.hooksErr != nil {
			s.logger.Printf("metadata hooks on %s: %v", e.src.Label, r.hooksErr)
		}
		return r.snap, r.err
	case <-s.ctx.Done():
		return nil, fmt.Errorf("the session ended: %w", context.Canceled)
	}
}

// readDatabaseNow is readDatabase's read. It logs nothing: it may outlive
// the session. hooksErr is the metadata hooks' failure, which leaves the
// snapshot as the driver gave it.
func (s *Server) readDatabaseNow(ctx context.Context, e *entry) (snap *schema.Snapshot, hooksErr, err error) {
	conn, _, err := s.currentResolver().Open(ctx, e.src.Arg)
	if err != nil {
		return nil, nil, err
	}
	defer conn.Close()
	if e.snapshot() != nil {
		// A snapshot is served meanwhile: nobody waits for this one, and
		// the database is often on the editor's machine.
		ctx = drivers.WithLowPriority(ctx)
	}
	snap, err = conn.Snapshot(ctx, drivers.Filter{})
	if err != nil {
		return nil, nil, err
	}
	// Metadata hooks (row estimates …) enrich what the driver read.
	hooksErr = s.opts.Plugins.Enrich(s.pluginCtx(ctx), conn, snap)
	return snap, hooksErr, nil
}

// progress messages, written by hand: protocol.ProgressToken marshals only
// through a pointer.
type progressCreate struct {
	Token string `json:"token"`
}

type progressNote struct {
	Token string `json:"token"`
	Value any    `json:"value"`
}

type progressValue struct {
	Kind    string `json:"kind"`
	Title   string `json:"title,omitempty"`
	Message string `json:"message,omitempty"`
}

// beginProgress starts a $/progress report when the client supports
// server-initiated progress and returns the function that ends it.
func (s *Server) beginProgress(title string) func(message string) {
	s.mu.Lock()
	ok := s.progress
	s.progressSeq++
	token := fmt.Sprintf("dbls-progress-%d", s.progressSeq)
	s.mu.Unlock()
	if !ok {
		return func(string) {}
	}
	ctx, cancel := context.WithTimeout(s.ctx, 10*time.Second)
	defer cancel()
	if _, err := s.conn.Call(ctx, "window/workDoneProgress/create", progressCreate{Token: token}, nil); err != nil {
		s.logger.Printf("progress: %v", err)
		return func(string) {}
	}
	s.notify("$/progress", progressNote{Token: token, Value: progressValue{Kind: "begin", Title: title}})
	return func(message string) {
		s.notify("$/progress", progressNote{Token: token, Value: progressValue{Kind: "end", Message: message}})
	}
}
