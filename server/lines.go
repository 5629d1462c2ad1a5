package server

import (
	"sort"

	"go.lsp.dev/protocol"

	"github.com/dbls/dbls/analysis"
)

// lineIndex holds where each line of one version of a document starts, so
// that converting an LSP position to an offset and back costs a lookup and
// a scan of one line, not of the text before it: on a 50,000-line file,
// that scan was most of the cost of a keystroke. An edit derives the next
// version's index from this one (edited), rescanning only the lines it
// touches. An index is never modified once made: readers share it.
type lineIndex struct {
	starts []int // starts[0] == 0
}

func newLineIndex(text string) *lineIndex {
	return &lineIndex{starts: appendLineStarts(make([]int, 1, 1+len(text)/32), text, 0, len(text))}
}

// appendLineStarts appends the starts of the lines that begin in
// text(from, to], after a line terminator ("\n", "\r\n" or "\r").
func appendLineStarts(starts []int, text string, from, to int) []int {
	for i := from; i < to; i++ {
		switch text[i] {
		case '\n':
			starts = append(starts, i+1)
		case '\r':
			if i+1 < len(text) && text[i+1] == '\n' {
				i++
			}
			starts = append(starts, i+1)
		}
	}
	return starts
}

// edited is the index of next, the text made by replacing [start, end) of
// the indexed text with ins (len(next) - len(old) == delta). Line starts
// before the line preceding the edit, and those well after it, are kept
// (shifted); the lines between are rescanned.
func (li *lineIndex) edited(next string, start, end, delta int) *lineIndex {
	s := li.starts
	// From the start of the line before the edit's line: a "\r" ending it
	// may meet a "\n" the edit inserts.
	k := max(0, sort.SearchInts(s, start+1)-2)
	// The first start that the edit cannot affect: both bytes before it
	// are at or after end, unchanged.
	m := sort.SearchInts(s, end+2)
	from, to := s[k], len(next)
	if m < len(s) {
		to = s[m] + delta - 1
	}
	out := make([]int, 0, len(s)+8)
	out = append(out, s[:k+1]...)
	out = appendLineStarts(out, next, from, to)
	if m < len(s) {
		// A "\r\n" just before the kept starts is scanned whole.
		for len(out) > 0 && out[len(out)-1] >= s[m]+delta {
			out = out[:len(out)-1]
		}
	}
	for _, x := range s[m:] {
		out = append(out, x+delta)
	}
	return &lineIndex{starts: out}
}

// offset converts an LSP position to a byte offset, as OffsetOf.
func (li *lineIndex) offset(text string, line, character uint32) int {
	if int(line) >= len(li.starts) {
		return len(text)
	}
	return offsetInLine(text, li.starts[line], character)
}

// position converts a byte offset to an LSP position, as PositionOf.
func (li *lineIndex) position(text string, offset int) protocol.Position {
	offset = max(0, min(offset, len(text)))
	line := sort.SearchInts(li.starts, offset+1) - 1
	// An offset between "\r" and "\n" belongs to the line they end.
	if line > 0 && li.starts[line] == offset && offset < len(text) && text[offset-1] == '\r' && text[offset] == '\n' {
		line--
	}
	return protocol.Position{Line: uint32(line), Character: unitsInLine(text, li.starts[line], offset)}
}

func (li *lineIndex) rangeOf(text string, r analysis.Range) protocol.Range {
	return protocol.Range{Start: li.position(text, r.Start), End: li.position(text, r.End)}
}

// offsetOf converts an LSP position in the document to a byte offset.
func (d *document) offsetOf(line, character uint32) int {
	if d.lines == nil {
		return OffsetOf(d.Text, line, character)
	}
	return d.lines.offset(d.Text, line, character)
}

// rangeOf converts a byte range of the document to an LSP range.
func (d *document) rangeOf(r analysis.Range) protocol.Range {
	if d.lines == nil {
		return toRange(d.Text, r)
	}
	return d.lines.rangeOf(d.Text, r)
}
