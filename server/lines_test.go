package server

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// An index updated by edits equals one made from the edited text, and
// converts positions as OffsetOf and PositionOf do, whatever the edits do
// to line terminators ("\r" meeting "\n", terminators removed, inserted).
func TestLineIndexFollowsEdits(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	pieces := []string{"\n", "\r", "\r\n", "a", "SELECT 1;", "é", "😀", "", "x\ry", "\n\n"}
	text := "SELECT 1;\r\nSELECT 2;\rx\n"
	li := newLineIndex(text)
	for step := 0; step < 3000; step++ {
		start := rng.IntN(len(text) + 1)
		end := min(len(text), start+rng.IntN(4))
		ins := pieces[rng.IntN(len(pieces))]
		next := text[:start] + ins + text[end:]
		li = li.edited(next, start, end, len(ins)-(end-start))
		text = next
		if want := newLineIndex(text).starts; !slices.Equal(li.starts, want) {
			t.Fatalf("step %d: after replacing [%d,%d) by %q in %q: starts %v, want %v", step, start, end, ins, text, li.starts, want)
		}
		if len(text) > 200 {
			text = text[len(text)-100:]
			li = newLineIndex(text)
		}
		for off := 0; off <= len(text); off++ {
			l, c := PositionOf(text, off)
			if p := li.position(text, off); p.Line != l || p.Character != c {
				t.Fatalf("position of %d in %q: %v, want %d:%d", off, text, p, l, c)
			}
		}
		for l := uint32(0); l < uint32(len(li.starts))+1; l++ {
			for c := uint32(0); c < 6; c++ {
				if got, want := li.offset(text, l, c), OffsetOf(text, l, c); got != want {
					t.Fatalf("offset of %d:%d in %q: %d, want %d", l, c, text, got, want)
				}
			}
		}
	}
}
