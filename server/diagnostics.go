package server

// Diagnostics: computed by analysis.Diagnose from a document's text and
// its connection's snapshot (syntax only when it has none), published
// with textDocument/publishDiagnostics. Runs are debounced per document:
// after an edit the server waits Options.DiagnosticsDelay for typing to
// stop; opening a document, switching its connection and a snapshot
// (re)load run at once. A run whose document changed in the meantime
// publishes nothing: the newer run will.

import (
	"context"
	"strings"
	"sync"
	"time"

	"go.lsp.dev/protocol"

	"github.com/dbls/dbls/analysis"
)

// diagState is the per-document scheduling of diagnostics.
type diagState struct {
	mu     sync.Mutex
	closed bool // the session is over: schedule nothing
	timers map[string]*time.Timer
	gen    map[string]uint64 // bumped by every schedule and close
	// running marks documents whose diagnostics are being computed; again
	// those scheduled meanwhile. One run per document at a time, so that
	// a large document edited faster than it is checked costs one run
	// after another, never a pile of them.
	running, again map[string]bool
	// stop ends the run under way of a document, which a newer schedule
	// (an edit), a close or the end of the session has made stale: a
	// large document's run stops within a few milliseconds instead of
	// finishing for nobody.
	stop map[string]context.CancelFunc
}

func newDiagState() *diagState {
	return &diagState{timers: map[string]*time.Timer{}, gen: map[string]uint64{}, running: map[string]bool{}, again: map[string]bool{},
		stop: map[string]context.CancelFunc{}}
}

// scheduleDiagnostics (re)starts the document's timer: diagnostics are
// computed after delay, unless another schedule comes first.
func (s *Server) scheduleDiagnostics(uri string, delay time.Duration) {
	ds := s.diags
	ds.mu.Lock()
	defer ds.mu.Unlock()
	if ds.closed {
		return
	}
	if t := ds.timers[uri]; t != nil {
		t.Stop()
	}
	if stop := ds.stop[uri]; stop != nil {
		stop()
	}
	ds.gen[uri]++
	gen := ds.gen[uri]
	ds.timers[uri] = time.AfterFunc(delay, func() {
		ds.mu.Lock()
		defer ds.mu.Unlock()
		if ds.closed || ds.gen[uri] != gen {
			return
		}
		delete(ds.timers, uri)
		if ds.running[uri] {
			ds.again[uri] = true
			return
		}
		ds.running[uri] = true
		s.spawn(func() { s.runDiagnostics(uri) })
	})
}

// runDiagnostics publishes the document's diagnostics, and again while
// runs were scheduled during the last one.
func (s *Server) runDiagnostics(uri string) {
	ds := s.diags
	for {
		ctx, stop := context.WithCancel(s.ctx)
		ds.mu.Lock()
		gen := ds.gen[uri]
		ds.again[uri] = false
		ds.stop[uri] = stop
		ds.mu.Unlock()
		s.publishDiagnostics(ctx, uri, gen)
		stop()
		ds.mu.Lock()
		delete(ds.stop, uri)
		if !ds.again[uri] || ds.closed {
			delete(ds.running, uri)
			delete(ds.again, uri)
			ds.mu.Unlock()
			return
		}
		ds.mu.Unlock()
	}
}

// rediagnoseAll runs diagnostics of every open document now, as when a
// snapshot has been (re)loaded.
func (s *Server) rediagnoseAll() {
	for _, uri := range s.docs.uris() {
		s.scheduleDiagnostics(uri, 0)
	}
}

// clearDiagnostics forgets a closed document and clears what the client
// shows for it.
func (s *Server) clearDiagnostics(uri string) {
	ds := s.diags
	ds.mu.Lock()
	if t := ds.timers[uri]; t != nil {
		t.Stop()
		delete(ds.timers, uri)
	}
	if stop := ds.stop[uri]; stop != nil {
		stop()
	}
	delete(ds.gen, uri) // a run under way sees a changed generation
	closed := ds.closed
	ds.mu.Unlock()
	if !closed {
		s.notify("textDocument/publishDiagnostics", protocol.PublishDiagnosticsParams{
			URI: protocol.DocumentURI(uri), Diagnostics: []protocol.Diagnostic{}})
	}
}

// stopDiagnostics ends scheduling when the session ends.
func (s *Server) stopDiagnostics() {
	ds := s.diags
	ds.mu.Lock()
	defer ds.mu.Unlock()
	ds.closed = true
	for uri, t := range ds.timers {
		t.Stop()
		delete(ds.timers, uri)
	}
	for _, stop := range ds.stop {
		stop()
	}
}

func (s *Server) current(uri string, gen uint64) bool {
	s.diags.mu.Lock()
	defer s.diags.mu.Unlock()
	return !s.diags.closed && s.diags.gen[uri] == gen
}

var severities = map[string]protocol.DiagnosticSeverity{
	analysis.SeverityError:   protocol.DiagnosticSeverityError,
	analysis.SeverityWarning: protocol.DiagnosticSeverityWarning,
}

// publishDiagnostics computes and sends the document's diagnostics, if
// the run is still the latest.
func (s *Server) publishDiagnostics(ctx context.Context, uri string, gen uint64) {
	doc, ok := s.docs.get(uri)
	if !ok {
		return
	}
	out, err := s.diagnostics(ctx, uri, doc)
	if err != nil || !s.current(uri, gen) {
		return
	}
	if now, ok := s.docs.get(uri); !ok || now.Version != doc.Version || now.Text != doc.Text {
		return
	}
	s.notify("textDocument/publishDiagnostics", protocol.PublishDiagnosticsParams{
		URI: protocol.DocumentURI(uri), Version: uint32(max(doc.Version, 0)), Diagnostics: out})
}

// diagnostics computes a document's diagnostics in LSP form, or stops
// with ctx's error.
func (s *Server) diagnostics(ctx context.Context, uri string, doc document) ([]protocol.Diagnostic, error) {
	e := s.bind(s.ctx, uri, doc.Text) // binding is the session's business, not this run's
	_, ix, d := s.snapshotOf(e)
	if e == nil {
		d = unboundDialect(uri)
	}
	found, err := analysis.DiagnoseContext(ctx, ix, d, doc.an)
	if err != nil {
		return nil, err
	}
	out := make([]protocol.Diagnostic, 0, len(found))
	conv := newPositions(doc.Text)
	for _, f := range found {
		out = append(out, protocol.Diagnostic{
			Range:    conv.rangeOf(f.Range),
			Severity: severities[f.Severity],
			Code:     f.Code,
			Source:   "dbls",
			Message:  f.Message,
		})
	}
	return out, nil
}

// unboundDialect is the dialect of a document bound to no connection:
// named by its file name (x.mysql.sql, x.mariadb.sql, x.sqlite.sql),
// else PostgreSQL, whose syntax is the one checked without a schema.
func unboundDialect(uri string) analysis.Dialect {
	u := strings.ToLower(uri)
	switch {
	case strings.HasSuffix(u, ".mysql.sql"), strings.HasSuffix(u, ".mariadb.sql"):
		return analysis.MySQL
	case strings.HasSuffix(u, ".sqlite.sql"):
		return analysis.SQLite
	}
	return analysis.Postgres
}
