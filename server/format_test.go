package server_test

import (
	"slices"
	"testing"

	"go.lsp.dev/protocol"

	"github.com/dbls/dbls/server"
)

// applyEdits applies LSP edits (all relative to text, not overlapping) as
// an editor does, converting their UTF-16 positions.
func applyEdits(t *testing.T, text string, edits []protocol.TextEdit) string {
	t.Helper()
	type span struct {
		start, end int
		text       string
	}
	var spans []span
	for _, e := range edits {
		spans = append(spans, span{
			server.OffsetOf(text, e.Range.Start.Line, e.Range.Start.Character),
			server.OffsetOf(text, e.Range.End.Line, e.Range.End.Character),
			e.NewText,
		})
	}
	slices.SortFunc(spans, func(a, b span) int { return b.start - a.start })
	for i, s := range spans {
		if s.end < s.start || (i > 0 && s.end > spans[i-1].start) {
			t.Fatalf("edits overlap or run backwards: %+v", edits)
		}
		text = text[:s.start] + s.text + text[s.end:]
	}
	return text
}

func formatOpts(tab uint32, spaces bool) map[string]any {
	return map[string]any{"tabSize": tab, "insertSpaces": spaces}
}

// TestFormattingOverPipes: a real client asks for Format Document and
// Format Selection; the edits, in UTF-16 positions past a character
// outside the BMP, give the formatted text; [format] settings from the
// editor override the request's options.
func TestFormattingOverPipes(t *testing.T) {
	c := startUninitialized(t)
	var res struct {
		Capabilities struct {
			DocumentFormattingProvider      bool `json:"documentFormattingProvider"`
			DocumentRangeFormattingProvider bool `json:"documentRangeFormattingProvider"`
		} `json:"capabilities"`
	}
	c.call("initialize", map[string]any{"processId": nil, "rootUri": "file://" + c.dir, "capabilities": map[string]any{}}, &res)
	c.notify("initialized", map[string]any{})
	if !res.Capabilities.DocumentFormattingProvider || !res.Capabilities.DocumentRangeFormattingProvider {
		t.Fatalf("formatting not advertised: %+v", res.Capabilities)
	}

	doc := c.uri("q.sql")
	text := "-- 😀 report\nselect '😀' as e, a from t where b = 1;\n\\set x 1\nselect c from u;\n"
	c.open(doc, text)

	var edits []protocol.TextEdit
	c.call("textDocument/formatting", map[string]any{"textDocument": map[string]any{"uri": doc}, "options": formatOpts(4, true)}, &edits)
	want := "-- 😀 report\nSELECT\n    '😀' AS e,\n    a\nFROM t\nWHERE b = 1;\n\\set x 1\nSELECT\n    c\nFROM u;\n"
	if got := applyEdits(t, text, edits); got != want {
		t.Fatalf("formatting gave:\n%s\n--- want:\n%s", got, want)
	}

	// Format Selection on the last statement only.
	edits = nil
	rng := map[string]any{"start": map[string]any{"line": 3, "character": 2}, "end": map[string]any{"line": 3, "character": 5}}
	c.call("textDocument/rangeFormatting", map[string]any{"textDocument": map[string]any{"uri": doc}, "range": rng, "options": formatOpts(2, false)}, &edits)
	want = "-- 😀 report\nselect '😀' as e, a from t where b = 1;\n\\set x 1\nSELECT\n\tc\nFROM u;\n"
	if got := applyEdits(t, text, edits); got != want {
		t.Fatalf("range formatting gave:\n%s\n--- want:\n%s", got, want)
	}

	// The editor's [format] settings win over the request's options.
	c.notify("workspace/didChangeConfiguration", map[string]any{"settings": map[string]any{
		"dbls": map[string]any{"format": map[string]any{"keyword_case": "lower", "indent": "spaces", "indent_width": 3}},
	}})
	want = "-- 😀 report\nselect\n   '😀' as e,\n   a\nfrom t\nwhere b = 1;\n\\set x 1\nselect\n   c\nfrom u;\n"
	c.waitFor("the format settings", func() bool {
		edits = nil
		c.call("textDocument/formatting", map[string]any{"textDocument": map[string]any{"uri": doc}, "options": formatOpts(8, false)}, &edits)
		return applyEdits(t, text, edits) == want
	})

	// Bad input: a range past the end touches no statement; params
	// of the wrong shape are an error reply, not a crash.
	edits = nil
	past := map[string]any{"start": map[string]any{"line": 99, "character": 0}, "end": map[string]any{"line": 120, "character": 9}}
	c.call("textDocument/rangeFormatting", map[string]any{"textDocument": map[string]any{"uri": doc}, "range": past, "options": formatOpts(4, true)}, &edits)
	if got := applyEdits(t, text, edits); got != text {
		t.Errorf("range past the end changed the text:\n%s", got)
	}
	if err := c.try("textDocument/formatting", map[string]any{"textDocument": 5}, &edits); err == nil {
		t.Error("malformed params were accepted")
	}

	// An unbound document's dialect is a guess: a statement that would
	// read differently in MySQL stays as written; named as MySQL, it is
	// laid out as MySQL (with the lower-case, 3-space settings above).
	mysqlText := "select a # note, b\nfrom t;\n"
	for name, want := range map[string]string{"guess.sql": mysqlText, "known.mysql.sql": "select\n   a # note, b\nfrom t;\n"} {
		u := c.uri(name)
		c.open(u, mysqlText)
		edits = nil
		c.call("textDocument/formatting", map[string]any{"textDocument": map[string]any{"uri": u}, "options": formatOpts(2, true)}, &edits)
		if got := applyEdits(t, mysqlText, edits); got != want {
			t.Errorf("%s: formatted to\n%s", name, got)
		}
	}

	// A formatted document gets no edits; an unknown one gets none either.
	formatted := c.uri("done.mysql.sql")
	c.open(formatted, "DELIMITER $$\nCREATE PROCEDURE p() BEGIN select 1; END$$\nDELIMITER ;\nselect\n   1;\n")
	for _, u := range []string{formatted, c.uri("nowhere.sql")} {
		edits = nil
		c.call("textDocument/formatting", map[string]any{"textDocument": map[string]any{"uri": u}, "options": formatOpts(4, true)}, &edits)
		if len(edits) != 0 {
			t.Errorf("%s: edits %+v", u, edits)
		}
	}
}
