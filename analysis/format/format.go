package format

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/dbls/dbls/drivers/sqltext"
)

// Edit replaces the bytes [Start, End) of the original text with Text.
type Edit struct {
	Start, End int
	Text       string
}

// Format returns text laid out in dialect d.
func Format(d sqltext.Dialect, text string, opt Options) string {
	ps, _ := layoutDocument(context.Background(), d, text, opt, everything)
	return join(ps, len(text))
}

func join(ps []piece, size int) string {
	var b strings.Builder
	b.Grow(size + size/4)
	for _, p := range ps {
		b.WriteString(p.text)
	}
	return b.String()
}

// Edits returns the changes that turn text into Format(d, text, opt), in
// document order and not overlapping; none when it is already formatted.
// It stops with ctx's error when ctx is done (a cancelled request on a
// large document).
func Edits(ctx context.Context, d sqltext.Dialect, text string, opt Options) ([]Edit, error) {
	ps, err := layoutDocument(ctx, d, text, opt, everything)
	if err != nil {
		return nil, err
	}
	return edits(text, ps), nil
}

// RangeEdits formats only the statements that the byte range [start, end)
// touches (a statement is always formatted whole), with the blanks before
// and between them. An empty range touches the statement it is in.
func RangeEdits(ctx context.Context, d sqltext.Dialect, text string, start, end int, opt Options) ([]Edit, error) {
	start = max(0, min(start, len(text)))
	end = max(start, min(end, len(text)))
	ps, _, err := layoutPieces(ctx, d, text, opt, Range{Start: start, End: end})
	if err != nil {
		return nil, err
	}
	lo, hi := touched(ps, start, end)
	if lo < 0 {
		return nil, nil
	}
	// The check of layoutDocument, on the part that changes only: a
	// Format Selection in a large document does not scan all of it twice.
	orig, out := text[ps[lo].start:ps[hi].end], join(ps[lo:hi+1], ps[hi].end-ps[lo].start)
	for _, x := range opt.checkDialects(d) {
		if !sameText(x, orig, out) {
			return nil, nil
		}
	}
	return edits(text, ps[lo:hi+1]), nil
}

// touched finds the pieces of the statements that touch [start, end] and
// the gap just before the first: their indices, or -1, -1.
func touched(ps []piece, start, end int) (lo, hi int) {
	lo, hi = -1, -1
	for i, p := range ps {
		if p.kind == stmtPiece && p.start <= end && p.end >= start {
			if lo < 0 {
				lo = i
			}
			hi = i
		}
	}
	if lo > 0 && ps[lo-1].kind == gapPiece {
		lo--
	}
	return lo, hi
}

// edits turns pieces into edits, trimmed to what differs.
func edits(text string, ps []piece) []Edit {
	var out []Edit
	for _, p := range ps {
		old := text[p.start:p.end]
		if old == p.text {
			continue
		}
		// Trim what is the same at both ends, so the editor keeps its marks
		// (cursor, breakpoints) on untouched text.
		pre := commonPrefix(old, p.text)
		suf := commonSuffix(old[pre:], p.text[pre:])
		pre, suf = onBoundaries(old, p.text, pre, suf)
		out = append(out, Edit{Start: p.start + pre, End: p.end - suf, Text: p.text[pre : len(p.text)-suf]})
	}
	return out
}

// onBoundaries shortens a common prefix and suffix so that the edit
// between them starts and ends on characters, never inside a UTF-8
// sequence or between the \r and \n of a line end: the editor counts in
// UTF-16 units and lines, where such a cut has no position.
func onBoundaries(old, new string, pre, suf int) (int, int) {
	cut := func(s string, i int) bool {
		return i > 0 && i < len(s) && (!utf8.RuneStart(s[i]) || (s[i-1] == '\r' && s[i] == '\n'))
	}
	for pre > 0 && (cut(old, pre) || cut(new, pre)) {
		pre--
	}
	for suf > 0 && (cut(old, len(old)-suf) || cut(new, len(new)-suf)) {
		suf--
	}
	return pre, suf
}

func commonPrefix(a, b string) int {
	n := min(len(a), len(b))
	i := 0
	for i < n && a[i] == b[i] {
		i++
	}
	return i
}

func commonSuffix(a, b string) int {
	n := min(len(a), len(b))
	i := 0
	for i < n && a[len(a)-1-i] == b[len(b)-1-i] {
		i++
	}
	return i
}

type pieceKind uint8

const (
	gapPiece  pieceKind = iota // white space between tokens outside shaped statements
	stmtPiece                  // one statement (shaped or as written)
	keepPiece                  // text kept as it is: tokens outside statements, a BOM
)

// piece is a part of the original text, [start, end), and what it becomes.
// The pieces of a document cover it in order.
type piece struct {
	kind       pieceKind
	start, end int
	text       string
}

const bom = "\xef\xbb\xbf"

// Range is a byte range of the text; a statement touches it when they
// overlap or meet.
type Range = sqltext.Range

// everything is a window that every statement touches.
var everything = Range{Start: -1, End: int(^uint(0) >> 1)}

// layoutDocument cuts text into pieces: each statement laid out (or kept),
// the tokens outside statements kept, the gaps between them normalised.
// Only statements touching window are laid out: range formatting does not
// pay for the rest of a large document.
//
// Each statement was checked on its own; the whole result is checked once
// more (a gap between statements may lie inside a token for another
// dialect): if it does not scan to the same tokens, nothing changes.
func layoutDocument(ctx context.Context, d sqltext.Dialect, text string, opt Options, window Range) ([]piece, error) {
	ps, toks, err := layoutPieces(ctx, d, text, opt, window)
	if err != nil || len(ps) == 1 {
		return ps, err
	}
	out := join(ps, len(text))
	for i, x := range opt.checkDialects(d) {
		orig := toks
		if i > 0 {
			orig = sqltext.Lex(x, text)
		}
		if !sameTokens(x, text, orig, out) {
			return []piece{{kind: keepPiece, start: 0, end: len(text), text: text}}, nil
		}
	}
	return ps, nil
}

func layoutPieces(ctx context.Context, d sqltext.Dialect, text string, opt Options, window Range) ([]piece, []sqltext.Token, error) {
	toks := sqltext.Lex(d, text)
	if len(toks) == 0 {
		return []piece{{kind: keepPiece, start: 0, end: len(text), text: text}}, toks, nil
	}
	stmts := sqltext.SplitTokens(d, text, toks)
	w := docWriter{d: d, src: text, toks: toks, opt: opt, nl: newline(text), window: window}
	if strings.HasPrefix(text, bom) {
		w.ps = append(w.ps, piece{kind: keepPiece, start: 0, end: len(bom), text: bom})
		w.prevEnd = len(bom)
	}
	w.prevTok = -1
	s := 0
	for i := 0; i < len(toks); {
		for s < len(stmts) && stmts[s].Range.Start < toks[i].Start {
			s++
		}
		if s < len(stmts) && stmts[s].Range.Start == toks[i].Start && !stmts[s].Command {
			if s%64 == 0 && ctx.Err() != nil {
				return nil, nil, ctx.Err()
			}
			i = w.statement(i, stmts[s])
			s++
			continue
		}
		w.gap(i, false)
		t := toks[i]
		w.ps = append(w.ps, piece{kind: keepPiece, start: t.Start, end: t.End, text: text[t.Start:t.End]})
		w.prevEnd, w.prevTok, w.prevShaped = t.End, i, false
		i++
	}
	w.gap(len(toks), false)
	return w.ps, toks, nil
}

// newline is the line end the document uses most: "\r\n" when it has any.
func newline(text string) string {
	if strings.Contains(text, "\r\n") {
		return "\r\n"
	}
	return "\n"
}

type docWriter struct {
	d      sqltext.Dialect
	src    string
	toks   []sqltext.Token
	opt    Options
	nl     string
	window Range
	ps     []piece
	// prevEnd is where the last piece ends; prevTok the index of the last
	// token written (-1 for none), prevShaped whether it ended a statement
	// that was laid out.
	prevEnd    int
	prevTok    int
	prevShaped bool
}

// statement writes the statement whose first token is toks[i] and returns
// the index of the token after it.
func (w *docWriter) statement(i int, st sqltext.Statement) int {
	j := i
	for j < len(w.toks) && w.toks[j].End <= st.Range.End {
		j++
	}
	toks := w.toks[i:j]
	out, ok := w.src[toks[0].Start:toks[len(toks)-1].End], false
	if st.Range.Start <= w.window.End && st.Range.End >= w.window.Start {
		if out, ok = shape(w.d, w.src, toks, w.opt, w.nl); !ok {
			out = asWritten(w.src, toks)
		}
	}
	w.gap(i, ok)
	w.ps = append(w.ps, piece{kind: stmtPiece, start: toks[0].Start, end: toks[len(toks)-1].End, text: out})
	w.prevEnd, w.prevTok, w.prevShaped = toks[len(toks)-1].End, j-1, ok
	return j
}

// gap writes the white space before token i (len(toks) for the end of the
// text); nextShaped says a laid-out statement starts at token i.
func (w *docWriter) gap(i int, nextShaped bool) {
	end := len(w.src)
	if i < len(w.toks) {
		end = w.toks[i].Start
	}
	old := w.src[w.prevEnd:end]
	w.ps = append(w.ps, piece{kind: gapPiece, start: w.prevEnd, end: end, text: w.gapText(old, i, nextShaped)})
	w.prevEnd = end
}

func (w *docWriter) gapText(old string, i int, nextShaped bool) string {
	switch {
	case i < len(w.toks) && w.toks[i].Kind == sqltext.Command:
		// psql, mysql and sqlite3 read their lines by column: the line of
		// a command keeps its indentation. COPY data begins on the line
		// after the statement, with blanks (empty columns) of its own.
		if w.copyData(i) {
			if k := strings.IndexAny(old, "\r\n"); k >= 0 {
				return strings.TrimRight(old[:k], " \t\f\v") + old[k:]
			}
			return old
		}
		return trimLineEnds(old)
	case i == len(w.toks):
		if countLines(old) > 0 {
			return w.nl
		}
		return ""
	}
	lines := countLines(old)
	if w.prevTok < 0 {
		if nextShaped {
			return ""
		}
		return lastLine(old)
	}
	if lines == 0 {
		switch {
		case nextShaped:
			return w.nl // a laid-out statement starts its own line
		case w.prevShaped && w.toks[i].Kind == sqltext.Delimiter && w.src[w.toks[i].Start:w.toks[i].End] == ";":
			return ""
		case old == "":
			return ""
		}
		return " "
	}
	out := w.nl
	if lines > 1 {
		out += w.nl // at most one blank line is kept
	}
	if !nextShaped {
		out += lastLine(old)
	}
	return out
}

// copyData reports whether Command token i is the data of a COPY … FROM
// STDIN: a command right after a statement's terminator, in PostgreSQL.
func (w *docWriter) copyData(i int) bool {
	return w.d == sqltext.Postgres && i > 0 && w.toks[i-1].Kind == sqltext.Delimiter
}

// countLines counts the line ends in s ("\r\n", "\n" or "\r").
func countLines(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\n':
			n++
		case '\r':
			if i+1 >= len(s) || s[i+1] != '\n' {
				n++
			}
		}
	}
	return n
}

// lastLine is what follows the last line end of s: a token's indentation.
func lastLine(s string) string {
	if k := strings.LastIndexAny(s, "\r\n"); k >= 0 {
		return s[k+1:]
	}
	return s
}

// asWritten is a statement kept as written, but for the blanks at the ends
// of its lines between tokens (never inside a string, comment or body).
func asWritten(src string, toks []sqltext.Token) string {
	var b strings.Builder
	for k, t := range toks {
		if k > 0 {
			b.WriteString(trimLineEnds(src[toks[k-1].End:t.Start]))
		}
		b.WriteString(src[t.Start:t.End])
	}
	return b.String()
}

// trimLineEnds removes the blanks before each line end of a gap.
func trimLineEnds(gap string) string {
	if !strings.ContainsAny(gap, "\r\n") {
		return gap
	}
	var b strings.Builder
	for {
		k := strings.IndexAny(gap, "\r\n")
		if k < 0 {
			b.WriteString(gap)
			return b.String()
		}
		b.WriteString(strings.TrimRight(gap[:k], " \t\f\v"))
		b.WriteByte(gap[k])
		gap = gap[k+1:]
	}
}
