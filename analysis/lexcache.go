package analysis

import (
	"sync"
	"unsafe"
)

// The tokens and statements of the last large documents, kept by the
// identity of their text: an editor asks for completion, signature help,
// diagnostics and the outline of one version of a document in a row, and
// lexing a document of megabytes is most of what each of them costs. A Go
// string never changes, and the cache holds the text itself, so the
// same data pointer and length are the same text.

// minCachedText is the size from which a text's tokens are kept.
const minCachedText = 256 << 10

type lexed struct {
	d     Dialect
	text  string
	toks  []Token
	stmts []Statement
}

var lexCache struct {
	sync.Mutex
	slots [2]*lexed
	next  int
}

// lexSplit is Lex and SplitTokens, remembered for large texts. The slices
// are shared: callers only read them.
func lexSplit(d Dialect, text string) ([]Token, []Statement) {
	if len(text) < minCachedText {
		toks := Lex(d, text)
		return toks, SplitTokens(d, text, toks)
	}
	lexCache.Lock()
	for _, e := range lexCache.slots {
		if e != nil && e.d == d && len(e.text) == len(text) && unsafe.StringData(e.text) == unsafe.StringData(text) {
			lexCache.Unlock()
			return e.toks, e.stmts
		}
	}
	lexCache.Unlock()
	toks := Lex(d, text)
	stmts := SplitTokens(d, text, toks)
	lexCache.Lock()
	lexCache.slots[lexCache.next] = &lexed{d: d, text: text, toks: toks, stmts: stmts}
	lexCache.next = (lexCache.next + 1) % len(lexCache.slots)
	lexCache.Unlock()
	return toks, stmts
}
