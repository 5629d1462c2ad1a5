package server

// textDocument/signatureHelp: the signatures of the function call around
// the cursor, from analysis.SignatureAt.

import (
	"context"
	"strings"
	"unicode/utf16"

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

func (s *Server) signatureHelp(ctx context.Context, at atPosition) (any, error) {
	h, ok := analysis.SignatureAt(at.ix, at.d, at.doc.an, at.offset)
	if !ok {
		return nil, nil
	}
	out := signatureHelp{ActiveSignature: uint32(h.Active), ActiveParameter: uint32(h.ActiveParam)}
	for _, sig := range h.Signatures {
		out.Signatures = append(out.Signatures, signatureInformation{
			Label: sig.Label, Documentation: sig.Doc, Parameters: paramOffsets(sig.Label, sig.Params)})
	}
	return out, nil
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
