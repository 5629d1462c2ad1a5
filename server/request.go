package server

import (
	"context"
	"encoding/json"

	"go.lsp.dev/protocol"

	"github.com/dbls/dbls/analysis"
	"github.com/dbls/dbls/drivers/schema"
)

// atPosition is what a request at a position works on: the document as it
// was when the request came (later edits do not move the offset under
// it), and the snapshot and dialect of its connection.
type atPosition struct {
	uri    string
	doc    document
	offset int
	entry  *entry // nil for a document bound to no connection
	snap   *schema.Snapshot
	ix     *analysis.Index // snap's
	d      analysis.Dialect
}

// positional turns a feature that answers at a position (completion,
// hover, signature help, definition) into a handler: it decodes the
// request, answers empty for a document that is not open, binds the
// document, and runs the feature off the read loop, where waiting for a
// first snapshot blocks nobody else.
func positional(empty any, f func(s *Server, ctx context.Context, at atPosition) (any, error)) handler {
	return func(s *Server, ctx context.Context, params json.RawMessage) (any, func() (any, error), error) {
		var p protocol.TextDocumentPositionParams
		if err := decode(params, &p); err != nil {
			return nil, nil, err
		}
		uri := string(p.TextDocument.URI)
		doc, ok := s.docs.get(uri)
		if !ok {
			return empty, nil, nil
		}
		at := atPosition{uri: uri, doc: doc, offset: doc.offsetOf(p.Position.Line, p.Position.Character)}
		at.entry = s.bind(ctx, uri, doc.Text)
		return nil, func() (any, error) {
			at.snap, at.ix, at.d = s.snapshotOf(at.entry)
			if at.entry == nil {
				at.d = unboundDialect(uri)
			}
			return f(s, ctx, at)
		}, nil
	}
}
