package sqltext

import "strings"

// Chunk is a run of whole statements of a text, lexed and split, cut where
// the scanner is back in the state it has at the start of a text: just
// after a terminator that ended a statement, with the default delimiter
// and no COPY data pending. What follows such a boundary is scanned the
// same whatever precedes it, which is what lets an editor re-scan only the
// chunks an edit touches (see Rescan).
//
// Offsets in Toks and Stmts are relative to the chunk's start, so that a
// chunk after an edit is reused as it is, whatever the edit did to the
// length of the text before it.
type Chunk struct {
	// Len is the number of bytes of text the chunk covers, from its start
	// to the end of its last terminator (or to the end of the text).
	Len   int
	Toks  []Token
	Stmts []Statement
}

// ChunkTarget is the size in bytes past which ScanChunks cuts a chunk at
// the next boundary: small enough that re-scanning one per keystroke
// costs little, large enough that a document has few of them.
const ChunkTarget = 4 << 10

// ScanChunks lexes and splits text as Lex and SplitTokens do, in chunks
// cut at the first boundary past target bytes (ChunkTarget if target is
// not positive). The concatenation of the chunks' tokens and statements,
// shifted to their offsets, equals Lex(d, text) and SplitTokens of it.
func ScanChunks(d Dialect, text string, target int) []Chunk {
	chunks, _ := scanFrom(d, text, 0, nil, target)
	return chunks
}

// Rescan re-scans text, which an edit changed, from offset from, a chunk
// boundary of the text before the edit, until a boundary for which stop
// reports true (the caller's old boundaries after the edit, where the
// rest of the old chunks still hold) or the end of the text. It returns
// the new chunks and the offset where they end; stop is asked only about
// boundaries, in increasing order.
func Rescan(d Dialect, text string, from, target int, stop func(off int) bool) ([]Chunk, int) {
	return scanFrom(d, text, from, stop, target)
}

// scanFrom runs the lexer and the splitter together from offset from, in
// the state of a statement boundary.
func scanFrom(d Dialect, text string, from int, stop func(int) bool, target int) ([]Chunk, int) {
	if target <= 0 {
		target = ChunkTarget
	}
	l := lexer{d: d, src: text, copyAt: -1}
	if strings.HasPrefix(text, bom) {
		l.begin = len(bom)
	}
	l.pos = max(from, l.begin)
	var out []Chunk
	start := from
	var toks []Token
	s := splitter{d: d, src: text, first: -1}
	done := 0 // tokens of toks the splitter has seen
	cut := func(end int) {
		c := Chunk{Len: end - start, Toks: make([]Token, len(toks)), Stmts: make([]Statement, len(s.out))}
		for i, t := range toks {
			t.Start -= start
			t.End -= start
			c.Toks[i] = t
		}
		for i, st := range s.out {
			c.Stmts[i] = shiftStatement(st, -start)
		}
		out = append(out, c)
		start, toks, s.out, done = end, toks[:0:0], nil, 0
		s.first = -1
	}
	for {
		tokStart, kind, ok := l.scan()
		if !ok {
			break
		}
		l.toks = l.toks[:0]
		l.emit(kind, tokStart)
		toks = append(toks, l.toks[0])
		if kind != Delimiter || l.delim != "" || l.copyAt >= 0 {
			continue
		}
		// A candidate boundary: let the splitter catch up and see whether
		// the terminator ended a statement.
		s.toks = toks
		for ; done < len(toks); done++ {
			s.token(done)
		}
		if s.first >= 0 {
			continue // a ';' inside a body
		}
		end := l.pos
		if stop != nil && stop(end) {
			cut(end)
			return out, end
		}
		if end-start >= target {
			cut(end)
		}
	}
	s.toks = toks
	for ; done < len(toks); done++ {
		s.token(done)
	}
	s.flush(false, Range{})
	if len(toks) > 0 || len(out) == 0 || len(text) > start {
		cut(len(text))
	}
	return out, len(text)
}

// shiftStatement moves a statement's offsets by delta.
func shiftStatement(st Statement, delta int) Statement {
	st.Range.Start += delta
	st.Range.End += delta
	st.Terminator.Start += delta
	st.Terminator.End += delta
	return st
}

// ShiftStatement moves a statement's offsets by delta (a chunk's
// statement to the document's offsets).
func ShiftStatement(st Statement, delta int) Statement { return shiftStatement(st, delta) }
