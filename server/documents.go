package server

import (
	"strings"
	"sync"

	"go.lsp.dev/protocol"

	"github.com/dbls/dbls/analysis"
)

// document is an open text document. Text is whatever the client sent,
// valid UTF-8 or not; nothing here assumes it is.
type document struct {
	URI     string
	Version int32
	Text    string
	// an is this version of the text for package analysis: what is derived
	// from it (tokens, statements, syntax verdicts) is made once per
	// version and dropped with it, when the text changes or the document
	// closes.
	an *analysis.Document
	// lines indexes the lines of Text (made on open, updated by edits).
	lines *lineIndex
}

// documents is the store of open documents, by URI.
type documents struct {
	mu   sync.RWMutex
	docs map[string]*document
}

func newDocuments() *documents { return &documents{docs: map[string]*document{}} }

func (ds *documents) open(uri string, version int32, text string) {
	ds.mu.Lock()
	defer ds.mu.Unlock()
	ds.docs[uri] = &document{URI: uri, Version: version, Text: text, an: analysis.NewDocument(text), lines: newLineIndex(text)}
}

// uris lists the open documents.
func (ds *documents) uris() []string {
	ds.mu.RLock()
	defer ds.mu.RUnlock()
	out := make([]string, 0, len(ds.docs))
	for u := range ds.docs {
		out = append(out, u)
	}
	return out
}

func (ds *documents) close(uri string) {
	ds.mu.Lock()
	defer ds.mu.Unlock()
	delete(ds.docs, uri)
}

// get returns a copy of the document, so callers can read it without the
// lock while later edits replace the text.
func (ds *documents) get(uri string) (document, bool) {
	ds.mu.RLock()
	defer ds.mu.RUnlock()
	d, ok := ds.docs[uri]
	if !ok {
		return document{}, false
	}
	return *d, true
}

// change applies edits in order. It reports false for a document that is
// not open.
func (ds *documents) change(uri string, version int32, changes []contentChange) bool {
	ds.mu.Lock()
	defer ds.mu.Unlock()
	d, ok := ds.docs[uri]
	if !ok {
		return false
	}
	for _, c := range changes {
		if c.Range == nil {
			d.an = d.an.Next(c.Text)
			d.Text = d.an.Text()
			d.lines = newLineIndex(d.Text)
			continue
		}
		start := d.lines.offset(d.Text, c.Range.Start.Line, c.Range.Start.Character)
		end := d.lines.offset(d.Text, c.Range.End.Line, c.Range.End.Character)
		if end < start {
			start, end = end, start
		}
		d.an = d.an.Edit(start, end, c.Text)
		d.Text = d.an.Text()
		d.lines = d.lines.edited(d.Text, start, end, len(c.Text)-(end-start))
	}
	d.Version = version
	return true
}

// contentChange is TextDocumentContentChangeEvent with the range optional,
// as LSP has it: no range means the whole text is replaced.
// (protocol.TextDocumentContentChangeEvent cannot tell the two apart.)
type contentChange struct {
	Range *protocol.Range `json:"range,omitempty"`
	Text  string          `json:"text"`
}

// applyChange replaces the range (in LSP positions, clamped to the text)
// with the new text.
func applyChange(text string, c contentChange) string {
	if c.Range == nil {
		return c.Text
	}
	start, end := changeOffsets(text, c)
	var b strings.Builder
	b.Grow(len(text) - (end - start) + len(c.Text))
	b.WriteString(text[:start])
	b.WriteString(c.Text)
	b.WriteString(text[end:])
	return b.String()
}

// changeOffsets are the byte offsets of a ranged change's range.
func changeOffsets(text string, c contentChange) (start, end int) {
	start = OffsetOf(text, c.Range.Start.Line, c.Range.Start.Character)
	end = OffsetOf(text, c.Range.End.Line, c.Range.End.Character)
	if end < start {
		start, end = end, start
	}
	return start, end
}

// connectionComment reads the binding comment on a document's first line:
//
//	-- dbls: connection=NAME
//
// NAME may be a configured name, a URL or snapshot:PATH.json. Other
// key=value pairs on the line are ignored, for later use.
func connectionComment(text string) string {
	line := text
	if i := strings.IndexAny(line, "\r\n"); i >= 0 {
		line = line[:i]
	}
	line = strings.TrimPrefix(line, "\uFEFF")
	line = strings.TrimSpace(line)
	rest, ok := strings.CutPrefix(line, "--")
	if !ok {
		return ""
	}
	rest, ok = strings.CutPrefix(strings.TrimSpace(rest), "dbls:")
	if !ok {
		return ""
	}
	for _, field := range strings.Fields(rest) {
		if v, ok := strings.CutPrefix(field, "connection="); ok {
			return strings.Trim(v, `"'`)
		}
	}
	return ""
}
