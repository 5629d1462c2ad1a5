package server

import (
	"context"
	"encoding/json"

	"go.lsp.dev/protocol"
)

// Code lenses and code actions come from providers, one per feature (run a
// statement, compare a DDL file, apply a migration item, plugin assists …),
// each registered in the init of the file that implements it, so that a
// new feature never edits these handlers.

// lensProvider returns the code lenses it offers for a document. It runs in
// a request goroutine and must not block on the network. Its work must be
// linear in the document (a pg_dump of 100,000 statements is an ordinary
// file: convert positions with newPositions, not PositionOf per item) and
// stop when ctx ends, checking it every cancelCheck items; the handler
// then answers RequestCancelled, whatever the provider returned.
type lensProvider func(s *Server, ctx context.Context, doc document) []protocol.CodeLens

// actionProvider returns the code actions it offers for a range of a
// document.
type actionProvider func(s *Server, ctx context.Context, doc document, p protocol.CodeActionParams) []protocol.CodeAction

// cancelCheck is how many items (statements, lenses) a per-document
// feature handles between looks at its context.
const cancelCheck = 1024

var (
	lensProviders   []lensProvider
	actionProviders []actionProvider
)

func registerLenses(p lensProvider)    { lensProviders = append(lensProviders, p) }
func registerActions(p actionProvider) { actionProviders = append(actionProviders, p) }

func (s *Server) codeLens(ctx context.Context, params json.RawMessage) (any, func() (any, error), error) {
	var p protocol.CodeLensParams
	if err := decode(params, &p); err != nil {
		return nil, nil, err
	}
	doc, ok := s.docs.get(string(p.TextDocument.URI))
	if !ok {
		return []protocol.CodeLens{}, nil, nil
	}
	return nil, func() (any, error) {
		out := []protocol.CodeLens{}
		for _, lp := range lensProviders {
			out = append(out, lp(s, ctx, doc)...)
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		return out, nil
	}, nil
}

func (s *Server) codeAction(ctx context.Context, params json.RawMessage) (any, func() (any, error), error) {
	var p protocol.CodeActionParams
	if err := decode(params, &p); err != nil {
		return nil, nil, err
	}
	doc, ok := s.docs.get(string(p.TextDocument.URI))
	if !ok {
		return []protocol.CodeAction{}, nil, nil
	}
	return nil, func() (any, error) {
		out := []protocol.CodeAction{}
		for _, ap := range actionProviders {
			out = append(out, ap(s, ctx, doc, p)...)
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		return out, nil
	}, nil
}
