package server

// textDocument/formatting and textDocument/rangeFormatting: analysis/format
// lays the SQL out; the options come from the request (tab size, spaces or
// tabs) unless [format] in the configuration says otherwise.

import (
	"context"
	"encoding/json"
	"strings"

	"go.lsp.dev/protocol"

	"github.com/dbls/dbls/analysis"
	"github.com/dbls/dbls/analysis/format"
)

func (s *Server) formatting(ctx context.Context, params json.RawMessage) (any, func() (any, error), error) {
	var p protocol.DocumentFormattingParams
	if err := decode(params, &p); err != nil {
		return nil, nil, err
	}
	return s.formatEdits(ctx, string(p.TextDocument.URI), p.Options, nil)
}

func (s *Server) rangeFormatting(ctx context.Context, params json.RawMessage) (any, func() (any, error), error) {
	var p protocol.DocumentRangeFormattingParams
	if err := decode(params, &p); err != nil {
		return nil, nil, err
	}
	return s.formatEdits(ctx, string(p.TextDocument.URI), p.Options, &p.Range)
}

// formatEdits answers both requests: the edits that format the document,
// or only the statements that rng touches.
func (s *Server) formatEdits(ctx context.Context, uri string, lspOpts protocol.FormattingOptions, rng *protocol.Range) (any, func() (any, error), error) {
	doc, ok := s.docs.get(uri)
	if !ok {
		return []protocol.TextEdit{}, nil, nil
	}
	return nil, func() (any, error) {
		d, sure := s.formatDialect(ctx, uri, doc.Text)
		opt := s.formatOptions(lspOpts)
		opt.Guessed = !sure
		var edits []format.Edit
		var err error
		if rng == nil {
			edits, err = format.Edits(ctx, d, doc.Text, opt)
		} else {
			start := OffsetOf(doc.Text, rng.Start.Line, rng.Start.Character)
			end := OffsetOf(doc.Text, rng.End.Line, rng.End.Character)
			edits, err = format.RangeEdits(ctx, d, doc.Text, min(start, end), max(start, end), opt)
		}
		if err != nil {
			return nil, err
		}
		conv := newPositions(doc.Text)
		out := make([]protocol.TextEdit, 0, len(edits))
		for _, e := range edits {
			out = append(out, protocol.TextEdit{Range: conv.rangeOf(format.Range{Start: e.Start, End: e.End}), NewText: e.Text})
		}
		return out, nil
	}, nil
}

// formatDialect is the document's dialect and whether it is known (from
// its connection, or a .mysql.sql/.mariadb.sql/.sqlite.sql name) rather
// than guessed: on a guess, formatting keeps the text valid in every
// dialect, so a MySQL file taken for PostgreSQL is not harmed.
func (s *Server) formatDialect(ctx context.Context, uri, text string) (analysis.Dialect, bool) {
	known := func(d analysis.Dialect) bool {
		// A plugin's engine is lexed as standard SQL: a guess too.
		return d == analysis.Postgres || d == analysis.MySQL || d == analysis.SQLite
	}
	if e := s.bind(ctx, uri, text); e != nil {
		if snap := e.snapshot(); snap != nil && snap.Driver != "" {
			return analysis.Dialect(snap.Driver), known(analysis.Dialect(snap.Driver))
		}
		if e.src.Driver != "" {
			return analysis.Dialect(e.src.Driver), known(analysis.Dialect(e.src.Driver))
		}
	}
	u := strings.ToLower(uri)
	for _, suffix := range []string{".mysql.sql", ".mariadb.sql", ".sqlite.sql"} {
		if strings.HasSuffix(u, suffix) {
			return unboundDialect(uri), true
		}
	}
	return unboundDialect(uri), false
}

// formatOptions merges the request's options with [format]: the
// configuration wins where it is set.
func (s *Server) formatOptions(req protocol.FormattingOptions) format.Options {
	tabs, width := !req.InsertSpaces, int(req.TabSize)
	opt := format.Options{}
	if r := s.currentResolver(); r != nil && r.Config != nil {
		f := r.Config.Format
		opt.KeywordCase, _ = format.ParseCase(f.KeywordCase) // validated when read
		switch strings.ToLower(f.Indent) {
		case "tabs":
			tabs = true
		case "spaces":
			tabs = false
		}
		if f.IndentWidth > 0 {
			width = f.IndentWidth
		}
	}
	opt.Indent = format.IndentOf(tabs, width)
	return opt
}
