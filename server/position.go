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
	return offsetInLine(text, start, character)
}

// offsetInLine is the byte offset of the UTF-16 unit character in the
// line that starts at start.
func offsetInLine(text string, start int, character uint32) int {
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
	return line, unitsInLine(text, start, offset)
}

// unitsInLine counts the UTF-16 units from start, a line's start, to
// offset (at most the line's end); a character offset cuts is not counted.
func unitsInLine(text string, start, offset int) uint32 {
	le := lineEnd(text, start)
	end := min(le, offset)
	character := uint32(0)
	for i := start; i < end; {
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
	return character
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

// positions converts many offsets of one text, as an outline, the lenses
// or a list of diagnostics needs. One pass over the text marks every
// line's start and, within a line, a rune boundary every posStride bytes
// with its UTF-16 column; each conversion is then a binary search and a
// scan of at most posStride bytes, in any order. (A scan from the start
// of the text, or of a line, per offset makes a 100,000-statement file,
// or one long line of them, quadratic.)
type positions struct {
	text  string
	marks []posMark // by offset
}

// posMark is a known position: a line start, or a rune boundary within a
// line.
type posMark struct {
	off   int
	line  uint32
	units uint32 // UTF-16 code units from the line's start to off
}

// posStride bounds the bytes scanned per conversion.
const posStride = 256

func newPositions(text string) *positions {
	p := &positions{text: text, marks: make([]posMark, 1, 1+len(text)/64)}
	line, units, last := uint32(0), uint32(0), 0
	for i := 0; i < len(text); {
		c := text[i]
		if c == '\n' || c == '\r' {
			i++
			if c == '\r' && i < len(text) && text[i] == '\n' {
				i++
			}
			line, units, last = line+1, 0, i
			p.marks = append(p.marks, posMark{off: i, line: line})
			continue
		}
		if i-last >= posStride {
			p.marks = append(p.marks, posMark{off: i, line: line, units: units})
			last = i
		}
		if c < utf8.RuneSelf {
			units++
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		if r >= 0x10000 && n == 4 {
			units += 2
		} else {
			units++
		}
		i += n
	}
	return p
}

// lines is the number of lines of the text (an empty text has one).
func (p *positions) lines() uint32 { return p.marks[len(p.marks)-1].line + 1 }

// position is PositionOf(p.text, offset).
func (p *positions) position(offset int) protocol.Position {
	offset = max(0, min(offset, len(p.text)))
	k := sort.Search(len(p.marks), func(i int) bool { return p.marks[i].off > offset }) - 1
	m := p.marks[k]
	character := m.units
	for i := m.off; i < offset; {
		if c := p.text[i]; c == '\n' || c == '\r' {
			break // an offset inside "\r\n" is on the line they end
		}
		r, n := utf8.DecodeRuneInString(p.text[i:])
		if i+n > offset {
			break
		}
		if r >= 0x10000 && n == 4 {
			character += 2
		} else {
			character++
		}
		i += n
	}
	return protocol.Position{Line: m.line, Character: character}
}

func (p *positions) rangeOf(r analysis.Range) protocol.Range {
	return protocol.Range{Start: p.position(r.Start), End: p.position(r.End)}
}
