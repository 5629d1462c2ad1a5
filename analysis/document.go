package analysis

import (
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/dbls/dbls/drivers/sqltext"
)

// Document is one version of a document's text with what analysis derives
// from it: its tokens and statements per dialect, pg_query's verdict on
// each statement and the diagnostics of each chunk. An editor asks for completion, signature help,
// diagnostics and the outline of one version in a row, and lexing a large
// document is most of what each of them costs; the holder of the version
// (the language server keeps one per open document, as gopls keeps file
// handles) makes it once and drops it when the text changes or the
// document closes. Nothing derived from a text is kept anywhere else.
//
// The text is scanned in chunks of whole statements (sqltext.Chunk): a
// version made by Edit re-scans only the chunks the edit touches and
// shares the others with the version it came from, so that the cost of a
// keystroke does not grow with the document. Features that need only the
// statement at a position read the chunks around it; the flat lists of
// tokens and statements are made only when asked for.
//
// A Document is immutable but for these lazily filled caches, and safe for
// concurrent use.
type Document struct {
	text string
	// target is the chunk size (sqltext.ScanChunks); tests make it small.
	target int

	mu    sync.Mutex
	lexed []*lexed // per dialect, rarely more than one
}

// lexed is the document scanned in one dialect.
type lexed struct {
	d    Dialect
	once sync.Once
	// chunks cover the text in order; starts[k] is where chunk k begins
	// and metas[k] what is derived from chunk k alone (shared by the
	// versions that share the chunk).
	chunks []sqltext.Chunk
	starts []int
	metas  []*chunkMeta

	flatOnce  sync.Once
	toks      []Token
	stmtsOnce sync.Once
	stmts     []Statement
	keysOnce  sync.Once
	keys      []uint64
	// ready is set once chunks are made, for Edit to reuse them.
	ready atomic.Bool
}

// chunkMeta is what analysis keeps of one chunk. A chunk is immutable
// and outlives versions, so what is derived from it alone is kept here.
type chunkMeta struct {
	// id tells chunks apart in the keys of caches that depend on the
	// chunks before one (see prefixKey).
	id uint64
	// diag caches the chunk's diagnostics (see diagnose.go).
	diag atomic.Pointer[chunkDiag]
	// rels caches the relations the chunk's statements create (see
	// docRelations).
	rels atomic.Pointer[chunkRels]
	// syntax holds pg_query's verdicts on the chunk's statements, by
	// statement text, once a diagnosis made them.
	syntax atomic.Pointer[map[string]pgResult]
	// inherited are the verdicts of the chunks an edit replaced by this
	// one, most of whose statements are still there.
	inherited map[string]pgResult
	state     stateInfo
}

// chunkIDs numbers chunkMetas; it is the only package state, a counter.
var chunkIDs atomic.Uint64

func newMetas(n int) []*chunkMeta {
	out := make([]*chunkMeta, n)
	for i := range out {
		out[i] = &chunkMeta{id: chunkIDs.Add(1)}
	}
	return out
}

// inheritMetas makes n metas for the chunks that replace the chunks of
// replaced, handing on their pg_query verdicts.
func inheritMetas(n int, replaced []*chunkMeta) []*chunkMeta {
	var known map[string]pgResult
	for _, m := range replaced {
		v := m.syntax.Load()
		if v == nil {
			v = &m.inherited
		}
		if known == nil {
			known = make(map[string]pgResult, len(*v))
		}
		for k, r := range *v {
			known[k] = r
		}
	}
	out := newMetas(n)
	for _, m := range out {
		m.inherited = known
	}
	return out
}

// NewDocument returns the first version of a text.
func NewDocument(text string) *Document { return &Document{text: text} }

// Next returns the version of the document that has text, as Edit of the
// part between the longest common prefix and suffix of the two texts (a
// client that sends the whole text after each keystroke changes little of
// it).
func (d *Document) Next(text string) *Document {
	old := d.text
	p := commonPrefix(old, text)
	s := commonSuffix(old[p:], text[p:])
	return d.Edit(p, len(old)-s, text[p:len(text)-s])
}

// commonPrefix is the length of the longest common prefix of a and b,
// compared a block at a time (string equality is the runtime's vector
// compare).
func commonPrefix(a, b string) int {
	const block = 256
	n := min(len(a), len(b))
	p := 0
	for p+block <= n && a[p:p+block] == b[p:p+block] {
		p += block
	}
	for p < n && a[p] == b[p] {
		p++
	}
	return p
}

// commonSuffix is the length of the longest common suffix of a and b.
func commonSuffix(a, b string) int {
	const block = 256
	n := min(len(a), len(b))
	s := 0
	for s+block <= n && a[len(a)-s-block:len(a)-s] == b[len(b)-s-block:len(b)-s] {
		s += block
	}
	for s < n && a[len(a)-1-s] == b[len(b)-1-s] {
		s++
	}
	return s
}

// Edit returns the version of the document in which the bytes
// [start, end) are replaced by repl (offsets are clamped to the text).
// For each dialect d was scanned in, only the chunks from the one
// containing the edit to the first unchanged boundary after it are
// scanned again; the others are shared.
func (d *Document) Edit(start, end int, repl string) *Document {
	start = min(max(start, 0), len(d.text))
	end = min(max(end, start), len(d.text))
	var b strings.Builder
	b.Grow(len(d.text) - (end - start) + len(repl))
	b.WriteString(d.text[:start])
	b.WriteString(repl)
	b.WriteString(d.text[end:])
	nd := &Document{text: b.String(), target: d.target}
	d.mu.Lock()
	old := append([]*lexed(nil), d.lexed...)
	d.mu.Unlock()
	for _, l := range old {
		if !l.ready.Load() {
			continue // a scan still to be made is not worth continuing
		}
		nl := &lexed{d: l.d}
		if nl.rescan(l, nd.text, start, end, len(repl), d.target) {
			nl.once.Do(func() {})
			nl.ready.Store(true)
			nd.lexed = append(nd.lexed, nl)
		}
	}
	return nd
}

// rescan fills l with the chunks of text, which an edit made from the
// text of old by replacing [start, end) with n bytes. It reports false
// when it cannot reuse anything (the edit touches a BOM).
func (l *lexed) rescan(old *lexed, text string, start, end, n, target int) bool {
	if start < len(bomText) {
		return false
	}
	delta := n - (end - start)
	// The chunk holding the byte before the edit: an edit at a boundary
	// may still change the terminator before it.
	k := sort.Search(len(old.starts), func(i int) bool { return old.starts[i] > start-1 }) - 1
	k = max(k, 0)
	from := old.starts[k]
	j := k + 1
	stop := func(off int) bool {
		o := off - delta
		for j < len(old.starts) && old.starts[j] < o {
			j++
		}
		return j < len(old.starts) && old.starts[j] == o && o >= end
	}
	fresh, stopped := sqltext.Rescan(l.d, text, from, target, stop)
	tail := 0
	if stopped < len(text) {
		tail = len(old.chunks) - j
	}
	l.chunks = make([]sqltext.Chunk, 0, k+len(fresh)+tail)
	l.chunks = append(append(l.chunks, old.chunks[:k]...), fresh...)
	l.metas = make([]*chunkMeta, 0, cap(l.chunks))
	l.metas = append(append(l.metas, old.metas[:k]...), inheritMetas(len(fresh), old.metas[k:j])...)
	if tail > 0 {
		l.chunks = append(l.chunks, old.chunks[j:]...)
		l.metas = append(l.metas, old.metas[j:]...)
	}
	l.starts = chunkStarts(l.chunks)
	return true
}

const bomText = "\xef\xbb\xbf"

func chunkStarts(chunks []sqltext.Chunk) []int {
	starts := make([]int, len(chunks))
	off := 0
	for i, c := range chunks {
		starts[i] = off
		off += c.Len
	}
	return starts
}

// Text is the version's text.
func (d *Document) Text() string { return d.text }

// Tokens are the text's tokens in dialect dl (Lex), made once per version.
// The slice is shared: callers only read it.
func (d *Document) Tokens(dl Dialect) []Token {
	toks, _ := d.lexSplit(dl)
	return toks
}

// Statements are the text's statements in dialect dl (Split), made once
// per version. The slice is shared: callers only read it.
func (d *Document) Statements(dl Dialect) []Statement {
	l := d.scanned(dl)
	l.stmtsOnce.Do(func() {
		n := 0
		for _, c := range l.chunks {
			n += len(c.Stmts)
		}
		l.stmts = make([]Statement, 0, n)
		for k, c := range l.chunks {
			for _, st := range c.Stmts {
				l.stmts = append(l.stmts, sqltext.ShiftStatement(st, l.starts[k]))
			}
		}
	})
	return l.stmts
}

// lexSplit is Lex and SplitTokens of the text, remembered.
func (d *Document) lexSplit(dl Dialect) ([]Token, []Statement) {
	l := d.scanned(dl)
	l.flatOnce.Do(func() {
		n := 0
		for _, c := range l.chunks {
			n += len(c.Toks)
		}
		l.toks = make([]Token, 0, n)
		for k, c := range l.chunks {
			l.toks = appendShifted(l.toks, c.Toks, l.starts[k])
		}
	})
	return l.toks, d.Statements(dl)
}

func appendShifted(dst, toks []Token, base int) []Token {
	for _, t := range toks {
		t.Start += base
		t.End += base
		dst = append(dst, t)
	}
	return dst
}

// scanned is the document scanned in dialect dl, made once per version.
func (d *Document) scanned(dl Dialect) *lexed {
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
		l.chunks = sqltext.ScanChunks(dl, d.text, d.target)
		l.starts = chunkStarts(l.chunks)
		l.metas = newMetas(len(l.chunks))
		l.ready.Store(true)
	})
	return l
}

// chunkAt is the index of the chunk holding offset (the last one for an
// offset at the end of the text).
func (l *lexed) chunkAt(offset int) int {
	k := sort.Search(len(l.starts), func(i int) bool { return l.starts[i] > offset }) - 1
	return max(k, 0)
}

// window returns the tokens and statements, in the document's offsets,
// of the chunks around offset: the one holding it, the one before when
// offset is at its start (the end of the statement before), and the one
// after when offset is past its last statement (a statement being typed
// at the front of the next one): enough for StatementAt and for the
// tokens of the statement there. lo is the index of the first chunk of
// the window.
func (l *lexed) window(offset int) (toks []Token, stmts []Statement, lo int) {
	k := l.chunkAt(offset)
	lo, hi := k, k+1
	if k > 0 && offset == l.starts[k] {
		lo--
	}
	if st := l.chunks[k].Stmts; hi < len(l.chunks) && (len(st) == 0 || offset-l.starts[k] >= st[len(st)-1].Range.Start) {
		hi++
	}
	n, m := 0, 0
	for c := lo; c < hi; c++ {
		n += len(l.chunks[c].Toks)
		m += len(l.chunks[c].Stmts)
	}
	toks, stmts = make([]Token, 0, n), make([]Statement, 0, m)
	for c := lo; c < hi; c++ {
		toks = appendShifted(toks, l.chunks[c].Toks, l.starts[c])
		for _, st := range l.chunks[c].Stmts {
			stmts = append(stmts, sqltext.ShiftStatement(st, l.starts[c]))
		}
	}
	return toks, stmts, lo
}
