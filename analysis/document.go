package analysis

import (
	"sync"
	"sync/atomic"
)

// Document is one version of a document's text with what analysis derives
// from it: its tokens and statements per dialect, and pg_query's verdict on
// each statement. An editor asks for completion, signature help,
// diagnostics and the outline of one version in a row, and lexing a large
// document is most of what each of them costs; the holder of the version
// (the language server keeps one per open document, as gopls keeps file
// handles) makes it once and drops it when the text changes or the
// document closes. Nothing derived from a text is kept anywhere else.
//
// A Document is immutable but for these lazily filled caches, and safe for
// concurrent use.
type Document struct {
	text string

	mu    sync.Mutex
	lexed []*lexed // per dialect, rarely more than one

	// syntax holds pg_query's verdicts on this version's statements, once
	// a diagnosis published them; inherited those of the version it was
	// edited from. Both maps are never written once stored, so that a
	// version hands them on without copying or locking.
	syntax    atomic.Pointer[map[string]pgResult]
	inherited map[string]pgResult
}

type lexed struct {
	d     Dialect
	once  sync.Once
	toks  []Token
	stmts []Statement
}

// NewDocument returns the first version of a text.
func NewDocument(text string) *Document { return &Document{text: text} }

// Next returns the version of the document that has text: tokens are made
// afresh, but the syntax verdicts of statements that did not change are
// carried over (a document is diagnosed again after every edit, and most
// of its statements have not changed). Nothing of d is kept but them.
func (d *Document) Next(text string) *Document {
	return &Document{text: text, inherited: d.verdicts()}
}

// Text is the version's text.
func (d *Document) Text() string { return d.text }

// verdicts are the syntax verdicts known for this version: its own when
// it was diagnosed, else what it inherited.
func (d *Document) verdicts() map[string]pgResult {
	if m := d.syntax.Load(); m != nil {
		return *m
	}
	return d.inherited
}

// Tokens are the text's tokens in dialect dl (Lex), made once per version.
// The slice is shared: callers only read it.
func (d *Document) Tokens(dl Dialect) []Token {
	toks, _ := d.lexSplit(dl)
	return toks
}

// Statements are the text's statements in dialect dl (Split), made once
// per version. The slice is shared: callers only read it.
func (d *Document) Statements(dl Dialect) []Statement {
	_, stmts := d.lexSplit(dl)
	return stmts
}

// lexSplit is Lex and SplitTokens of the text, remembered.
func (d *Document) lexSplit(dl Dialect) ([]Token, []Statement) {
	d.mu.Lock()
	var l *lexed
	for _, x := range d.lexed {
		if x.d == dl {
			l = x
			break
		}
	}
	if l == nil {
		l = &lexed{d: dl}
		d.lexed = append(d.lexed, l)
	}
	d.mu.Unlock()
	l.once.Do(func() {
		l.toks = Lex(dl, d.text)
		l.stmts = SplitTokens(dl, d.text, l.toks)
	})
	return l.toks, l.stmts
}
