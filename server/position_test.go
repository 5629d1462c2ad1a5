package server

import (
	"strings"
	"testing"
	"unicode/utf8"

	"go.lsp.dev/protocol"
)

func TestOffsetOf(t *testing.T) {
	const text = "aé😀b\r\nx\ry\n\nlast"
	// bytes: a=0 é=1..2 😀=3..6 b=7 \r=8 \n=9 x=10 \r=11 y=12 \n=13 \n=14 l=15…
	cases := []struct {
		line, char uint32
		want       int
	}{
		{0, 0, 0},
		{0, 1, 1},  // before é
		{0, 2, 3},  // after é (one UTF-16 unit, two bytes)
		{0, 3, 3},  // inside the surrogate pair: stays before the emoji
		{0, 4, 7},  // after the emoji (two units, four bytes)
		{0, 5, 8},  // end of line, before \r\n
		{0, 99, 8}, // past the end of the line clamps to it
		{1, 0, 10}, // CRLF ends line 0
		{1, 1, 11},
		{1, 5, 11},
		{2, 0, 12}, // a lone CR ends line 1
		{3, 0, 14}, // empty line
		{3, 3, 14},
		{4, 0, 15},
		{4, 4, 19},
		{4, 9, 19},
		{5, 0, 19}, // lines past the end clamp to the end of the text
		{1 << 31, 1 << 31, 19},
	}
	for _, c := range cases {
		if got := OffsetOf(text, c.line, c.char); got != c.want {
			t.Errorf("OffsetOf(%d:%d) = %d, want %d", c.line, c.char, got, c.want)
		}
	}
}

func TestPositionOf(t *testing.T) {
	const text = "aé😀b\r\nx\ry\n\nlast"
	cases := []struct {
		offset     int
		line, char uint32
	}{
		{0, 0, 0}, {1, 0, 1}, {3, 0, 2}, {7, 0, 4}, {8, 0, 5},
		{9, 0, 5}, // between \r and \n: still the end of line 0
		{10, 1, 0}, {11, 1, 1}, {12, 2, 0}, {14, 3, 0}, {15, 4, 0}, {19, 4, 4},
		{-5, 0, 0}, {1000, 4, 4},
		{4, 0, 2}, // inside the emoji's bytes: the position before it
	}
	for _, c := range cases {
		l, ch := PositionOf(text, c.offset)
		if l != c.line || ch != c.char {
			t.Errorf("PositionOf(%d) = %d:%d, want %d:%d", c.offset, l, ch, c.line, c.char)
		}
	}
}

// Every rune boundary survives a round trip, whatever the text.
func TestPositionRoundTrip(t *testing.T) {
	texts := []string{
		"", "\n", "\r\n\r\n", "SELECT 'é' FROM t;\r\n-- 😀😀\nx",
		"ünïcödé\rmixed\r\nline\nends", "日本語のテキスト\n𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
		"bad \xff\xfe utf-8\n\xc3(x", // invalid bytes count one unit each
	}
	for _, text := range texts {
		for off := 0; off <= len(text); off++ {
			if off < len(text) && !utf8.RuneStart(text[off]) {
				continue
			}
			if off > 0 && text[off-1] == '\r' && off < len(text) && text[off] == '\n' {
				continue // between \r and \n is not a position of its own
			}
			l, c := PositionOf(text, off)
			if back := OffsetOf(text, l, c); back != off {
				t.Errorf("%q: offset %d → %d:%d → %d", text, off, l, c, back)
			}
		}
	}
}

func TestApplyChange(t *testing.T) {
	rng := func(l1, c1, l2, c2 uint32) *protocol.Range {
		return &protocol.Range{Start: protocol.Position{Line: l1, Character: c1}, End: protocol.Position{Line: l2, Character: c2}}
	}
	cases := []struct {
		name, text string
		change     contentChange
		want       string
	}{
		{"full replace", "old", contentChange{Text: "new"}, "new"},
		{"insert after emoji", "😀x", contentChange{Range: rng(0, 2, 0, 2), Text: "é"}, "😀éx"},
		{"replace emoji", "a😀b", contentChange{Range: rng(0, 1, 0, 3), Text: "-"}, "a-b"},
		{"across CRLF", "ab\r\ncd", contentChange{Range: rng(0, 1, 1, 1), Text: ""}, "ad"},
		{"past the end clamps", "ab\ncd", contentChange{Range: rng(7, 0, 9, 9), Text: "!"}, "ab\ncd!"},
		{"reversed range", "abcd", contentChange{Range: rng(0, 3, 0, 1), Text: "X"}, "aXd"},
		{"invalid utf-8 kept", "\xffab", contentChange{Range: rng(0, 1, 0, 2), Text: "é"}, "\xff" + "é" + "b"},
	}
	for _, c := range cases {
		if got := applyChange(c.text, c.change); got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
}

func TestConnectionComment(t *testing.T) {
	cases := map[string]string{
		"-- dbls: connection=shop\nSELECT 1":                      "shop",
		"--dbls: connection=postgres://u@h/db":                    "postgres://u@h/db",
		"\uFEFF  -- dbls:  connection=snapshot:s.json  other=1\r": "snapshot:s.json",
		"-- dbls: connection=\"prod\"":                            "prod",
		"SELECT 1 -- dbls: connection=x":                          "",
		"\n-- dbls: connection=second-line":                       "",
		"-- dbls:":                                                "",
		"":                                                        "",
		"-- note: connection=x":                                   "",
	}
	for text, want := range cases {
		if got := connectionComment(text); got != want {
			t.Errorf("connectionComment(%q) = %q, want %q", text, got, want)
		}
	}
}

// positions answers exactly as PositionOf, at every offset.
func TestPositionsMatchPositionOf(t *testing.T) {
	texts := []string{"", "a", "aé😀b\r\nx\ry\n\nlast", "\n\n", "\r\n\r", "x\xff\xfe\ny😀\r", "end\n",
		// Lines longer than posStride, with runes of every width (and
		// invalid bytes) across its boundaries.
		strings.Repeat("ab😀cé\xe2\x82", 300) + "\r\n" + strings.Repeat("x", 3*posStride) + "\r" + strings.Repeat("€y", posStride),
		strings.Repeat("INSERT INTO t VALUES ('Zoë 🐘');", 100)}
	for _, text := range texts {
		p := newPositions(text)
		if last, _ := PositionOf(text, len(text)); p.lines() != last+1 {
			t.Errorf("%q: %d lines, want %d", text, p.lines(), last+1)
		}
		for off := -1; off <= len(text)+1; off++ {
			l, c := PositionOf(text, off)
			if got := p.position(off); got.Line != l || got.Character != c {
				t.Errorf("%q at %d: %v, want %d:%d", text, off, got, l, c)
			}
		}
	}
}
