package server

import (
	"sort"
	"unicode/utf8"

	"go.lsp.dev/protocol"

	"github.com/dbls/dbls/analysis"
)

// LSP positions count lines (ended by "\n", "\r\n" or "\r") and, within a
// line, UTF-16 code units. Documents are kept as Go strings and analysed
// by byte offset; these two functions convert. Neither panics on any
// input: positions past the end of a line clamp to its end, lines past the
// end of the text clamp to the text's end, a character inside a surrogate
// pair clamps to the start of that character, and each byte of invalid
// UTF-8 counts as one code unit (as U+FFFD would).

// OffsetOf converts an LSP position to a byte offset into text.
func OffsetOf(text string, line, character uint32) int {
	start := 0
	for l := uint32(0); l < line; l++ {
		next, ok := nextLine(text, start)
		if !ok {
			return len(text)
		}
		start = next
	}
	end := lineEnd(text, start)
	units := uint32(0)
	i := start
	for i < end && units < character {
		r, n := utf8.DecodeRuneInString(text[i:end])
		w := uint32(1)
		if r >= 0x10000 && n == 4 {
			w = 2
		}
		if units+w > character {
			break // inside a surrogate pair: stay before the character
		}
		units += w
		i += n
	}
	return i
}

// PositionOf converts a byte offset (clamped to the text) to an LSP
// position.
func PositionOf(text string, offset int) (line, character uint32) {
	offset = max(0, min(offset, len(text)))
	start := 0
	for {
		next, ok := nextLine(text, start)
		if !ok || next > offset {
			break
		}
		// An offset between "\r" and "\n" belongs to the line they end.
		if next == offset && offset > 0 && offset < len(text) && text[offset-1] == '\r' && text[offset] == '\n' {
			break
		}
		start = next
		line++
	}
	le := lineEnd(text, start)
	end := min(le, offset)
	i := start
	for i < end {
		r, n := utf8.DecodeRuneInString(text[i:le])
		if i+n > end {
			break
		}
		if r >= 0x10000 && n == 4 {
			character += 2
		} else {
			character++
		}
		i += n
	}
	return line, character
}

// lineEnd is the offset of the line terminator of the line starting at
// start (or len(text)).
func lineEnd(text string, start int) int {
	for i := start; i < len(text); i++ {
		if text[i] == '\n' || text[i] == '\r' {
			return i
		}
	}
	return len(text)
}

// nextLine returns the start of the line after the one starting at start.
func nextLine(text string, start int) (int, bool) {
	i := lineEnd(text, start)
	if i == len(text) {
		return 0, false
	}
	if text[i] == '\r' && i+1 < len(text) && text[i+1] == '\n' {
		return i + 2, true
	}
	return i + 1, true
}

// positions converts many offsets of one text, as an outline or a list of
// diagnostics needs: line starts are found once, so that each conversion
// costs a binary search and one line's scan instead of a scan from the
// start of the text.
type positions struct {
	text   string
	starts []int // offset of each line's first byte
}

func newPositions(text string) *positions {
	p := &positions{text: text, starts: []int{0}}
	for start := 0; ; {
		next, ok := nextLine(text, start)
		if !ok {
			break
		}
		p.starts = append(p.starts, next)
		start = next
	}
	return p
}

// position is PositionOf(p.text, offset).
func (p *positions) position(offset int) protocol.Position {
	offset = max(0, min(offset, len(p.text)))
	line := sort.Search(len(p.starts), func(i int) bool { return p.starts[i] > offset }) - 1
	start := p.starts[line]
	le := lineEnd(p.text, start)
	end := min(le, offset)
	character := uint32(0)
	for i := start; i < end; {
		r, n := utf8.DecodeRuneInString(p.text[i:le])
		if i+n > end {
			break
		}
		if r >= 0x10000 && n == 4 {
			character += 2
		} else {
			character++
		}
		i += n
	}
	return protocol.Position{Line: uint32(line), Character: character}
}

func (p *positions) rangeOf(r analysis.Range) protocol.Range {
	return protocol.Range{Start: p.position(r.Start), End: p.position(r.End)}
}
