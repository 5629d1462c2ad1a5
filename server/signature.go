package server

// textDocument/signatureHelp: the signatures of the function call around
// the cursor, from analysis.SignatureAt.

import (
	"context"
	"encoding/json"
	"strings"
	"unicode/utf16"

	"go.lsp.dev/protocol"

	"github.com/dbls/dbls/analysis"
)

// signatureInformation is protocol.SignatureInformation with parameter
// labels as [start, end) offsets into the label (in UTF-16 code units),
// so that two parameters spelt alike (integer, integer) are told apart.
type signatureInformation struct {
	Label         string                 `json:"label"`
	Documentation string                 `json:"documentation,omitempty"`
	Parameters    []parameterInformation `json:"parameters"`
}

type parameterInformation struct {
	Label [2]uint32 `json:"label"`
}

type signatureHelp struct {
	Signatures      []signatureInformation `json:"signatures"`
	ActiveSignature uint32                 `json:"activeSignature"`
	ActiveParameter uint32                 `json:"activeParameter"`
}

func (s *Server) signatureHelp(ctx context.Context, params json.RawMessage) (any, func() (any, error), error) {
	var p protocol.TextDocumentPositionParams
	if err := decode(params, &p); err != nil {
		return nil, nil, err
	}
	uri := string(p.TextDocument.URI)
	doc, ok := s.docs.get(uri)
	if !ok {
		return nil, nil, nil
	}
	offset := OffsetOf(doc.Text, p.Position.Line, p.Position.Character)
	e := s.bind(ctx, uri, doc.Text)
	return nil, func() (any, error) {
		snap, d := s.snapshotOf(e)
		if e == nil {
			d = unboundDialect(uri)
		}
		h, ok := analysis.SignatureAt(snap, d, doc.Text, offset)
		if !ok {
			return nil, nil
		}
		out := signatureHelp{ActiveSignature: uint32(h.Active), ActiveParameter: uint32(h.ActiveParam)}
		for _, sig := range h.Signatures {
			out.Signatures = append(out.Signatures, signatureInformation{
				Label: sig.Label, Documentation: sig.Doc, Parameters: paramOffsets(sig.Label, sig.Params)})
		}
		return out, nil
	}, nil
}

// paramOffsets places each parameter in the label, each after the one
// before it.
func paramOffsets(label string, params []string) []parameterInformation {
	out := make([]parameterInformation, 0, len(params))
	from := strings.IndexByte(label, '(') + 1
	for _, prm := range params {
		i := strings.Index(label[from:], prm)
		if i < 0 {
			break
		}
		start := from + i
		a := utf16Len(label[:start])
		out = append(out, parameterInformation{Label: [2]uint32{a, a + utf16Len(prm)}})
		from = start + len(prm)
	}
	return out
}

func utf16Len(s string) uint32 {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return uint32(n)
}
