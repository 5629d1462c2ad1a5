package analysis

import (
	"hash/maphash"
	"slices"
	"strings"
	"sync"

	"github.com/dbls/dbls/drivers/sqltext"
)

// What a statement means depends on the statements before it only through
// the tables, views and names they create (docRels, the diagnoser's
// docNames). A chunk's diagnostics and created relations are therefore
// kept on the chunk, keyed by the snapshot index and by a hash of the
// text of every statement before the chunk that may create something
// (prefixKeys): an edit that changes no such statement leaves the key of
// every later chunk as it was, and their results are reused, shifted.

// stateSeed is the seed of the state hashes: fixed per process, which is
// all the keys need.
var stateSeed = maphash.MakeSeed()

// stateInfo is the per-chunk part of the key: the hash of the chunk's
// statements that may create something.
type stateInfo struct {
	once sync.Once
	hash uint64
}

// mayCreate reports whether a statement (its tokens, without comments)
// may add to what later statements see: anything but the checked DML,
// and any statement with INTO (SELECT … INTO).
func mayCreate(text string, toks []Token) bool {
	first := ""
	for _, t := range toks {
		if t.Kind == Comment {
			continue
		}
		if t.Kind == Word {
			w := strings.ToUpper(t.Text(text))
			if first == "" {
				first = w
				if !checkedKinds[w] {
					return true
				}
			}
			if w == "INTO" && first != "INSERT" && first != "REPLACE" {
				return true
			}
		} else if first == "" {
			return true
		}
	}
	return false
}

// chunkState hashes the statements of chunk c (whose text starts at base)
// that may create something.
func chunkState(c sqltext.Chunk, text string) uint64 {
	var h maphash.Hash
	h.SetSeed(stateSeed)
	ti := 0
	for _, st := range c.Stmts {
		for ti < len(c.Toks) && c.Toks[ti].Start < st.Range.Start {
			ti++
		}
		lo := ti
		for ti < len(c.Toks) && c.Toks[ti].Start < st.Range.End {
			ti++
		}
		if st.Command || !mayCreate(text, c.Toks[lo:ti]) {
			continue
		}
		h.WriteString(st.Text(text))
		h.WriteByte(0)
	}
	return h.Sum64()
}

// prefixKeys are, per chunk, the hash of what the chunks before it may
// create; made once per version.
func (d *Document) prefixKeys(l *lexed) []uint64 {
	l.keysOnce.Do(func() {
		l.keys = make([]uint64, len(l.chunks)+1)
		for k, c := range l.chunks {
			m := l.metas[k]
			m.state.once.Do(func() {
				m.state.hash = chunkState(c, d.text[l.starts[k]:l.starts[k]+c.Len])
			})
			l.keys[k+1] = (l.keys[k]^m.state.hash)*0x100000001b3 + 1
		}
	})
	return l.keys
}

// chunkRels are the relations a chunk's statements create, as
// docRelations found them; base is where the chunk started then.
type chunkRels struct {
	ix   *snapIndex
	key  uint64
	base int
	rels []*relation
}

// chunkDiag is a chunk's diagnosis: its diagnostics (offsets relative to
// the chunk), and what its statements added to the diagnoser's state.
type chunkDiag struct {
	ix    *snapIndex
	key   uint64
	diags []Diagnostic
	rels  []*relation
	names []string
}

// shifted returns r with its document ranges moved by delta (a relation
// cached when its chunk started elsewhere).
func (r *relation) shifted(delta int) *relation {
	if delta == 0 {
		return r
	}
	c := *r
	c.decl.Start += delta
	c.decl.End += delta
	c.colDecl = make([]Range, len(r.colDecl))
	for i, x := range r.colDecl {
		c.colDecl[i] = Range{Start: x.Start + delta, End: x.End + delta}
	}
	return &c
}

// relationsBefore are the relations created by the chunks before chunk
// lo, each chunk's kept on it (see chunkRels).
func (d *Document) relationsBefore(ix *snapIndex, dl Dialect, l *lexed, lo int) *docRels {
	out := &docRels{}
	if lo == 0 {
		return out
	}
	keys := d.prefixKeys(l)
	for k := range lo {
		m, base := l.metas[k], l.starts[k]
		cr := m.rels.Load()
		if cr == nil || cr.ix != ix || cr.key != keys[k] {
			c := l.chunks[k]
			all := appendShifted(make([]Token, 0, len(c.Toks)), c.Toks, base)
			stmts := make([]Statement, len(c.Stmts))
			for i, st := range c.Stmts {
				stmts[i] = sqltext.ShiftStatement(st, base)
			}
			n := len(out.list)
			docRelations(out, ix, dl, d.text, all, stmts, base+c.Len)
			cr = &chunkRels{ix: ix, key: keys[k], base: base, rels: slices.Clone(out.list[n:])}
			m.rels.Store(cr)
			continue
		}
		for _, r := range cr.rels {
			out.add(r.shifted(base - cr.base))
		}
	}
	return out
}
