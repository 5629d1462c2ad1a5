package server

// textDocument/documentSymbol: the outline of a document, one symbol per
// statement with CTEs as children, from analysis.Symbols.

import (
	"context"
	"encoding/json"

	"go.lsp.dev/protocol"

	"github.com/dbls/dbls/analysis"
)

// symbolKinds maps statement kinds to the LSP's symbol kinds, by what the
// editors' outline icons suggest (documented in docs/editors.md): a query
// yields rows, an Array; a statement that changes rows is an Operator; a
// trigger fires on an Event; a stored function is a Function; a table a
// Struct, a view an Interface (its shape without storage).
var symbolKinds = map[string]protocol.SymbolKind{
	analysis.SymbolQuery:     protocol.SymbolKindArray,
	analysis.SymbolInsert:    protocol.SymbolKindOperator,
	analysis.SymbolUpdate:    protocol.SymbolKindOperator,
	analysis.SymbolDelete:    protocol.SymbolKindOperator,
	analysis.SymbolTable:     protocol.SymbolKindStruct,
	analysis.SymbolView:      protocol.SymbolKindInterface,
	analysis.SymbolIndex:     protocol.SymbolKindKey,
	analysis.SymbolFunction:  protocol.SymbolKindFunction,
	analysis.SymbolTrigger:   protocol.SymbolKindEvent,
	analysis.SymbolSchema:    protocol.SymbolKindNamespace,
	analysis.SymbolOtherDDL:  protocol.SymbolKindProperty,
	analysis.SymbolCTE:       protocol.SymbolKindVariable,
	analysis.SymbolCommand:   protocol.SymbolKindString,
	analysis.SymbolStatement: protocol.SymbolKindObject,
}

func (s *Server) documentSymbol(ctx context.Context, params json.RawMessage) (any, func() (any, error), error) {
	var p protocol.DocumentSymbolParams
	if err := decode(params, &p); err != nil {
		return nil, nil, err
	}
	uri := string(p.TextDocument.URI)
	doc, ok := s.docs.get(uri)
	if !ok {
		return []protocol.DocumentSymbol{}, nil, nil
	}
	return nil, func() (any, error) {
		// Symbols need no schema: the dialect is the connection's when the
		// snapshot is already there, without waiting for one.
		d := s.dialectNow(ctx, uri, doc.Text)
		syms, err := analysis.SymbolsContext(ctx, d, doc.an)
		if err != nil {
			return nil, err
		}
		return toSymbols(newPositions(doc.Text), syms), nil
	}, nil
}

func toSymbols(conv *positions, syms []analysis.Symbol) []protocol.DocumentSymbol {
	out := make([]protocol.DocumentSymbol, 0, len(syms))
	for _, sym := range syms {
		ds := protocol.DocumentSymbol{
			Name: sym.Name, Kind: symbolKinds[sym.Kind], Detail: sym.Kind,
			Range: conv.rangeOf(sym.Range), SelectionRange: conv.rangeOf(sym.Selection),
		}
		if len(sym.Children) > 0 {
			ds.Children = toSymbols(conv, sym.Children)
		}
		out = append(out, ds)
	}
	return out
}

// dialectNow is the dialect of a document's connection as far as known
// without waiting: the loaded snapshot's, the connection's driver, or the
// file name's for an unbound document.
func (s *Server) dialectNow(ctx context.Context, uri, text string) analysis.Dialect {
	e := s.bind(ctx, uri, text)
	if e == nil {
		return unboundDialect(uri)
	}
	if snap := e.snapshot(); snap != nil && snap.Driver != "" {
		return analysis.Dialect(snap.Driver)
	}
	if e.src.Driver != "" {
		return analysis.Dialect(e.src.Driver)
	}
	return unboundDialect(uri)
}
