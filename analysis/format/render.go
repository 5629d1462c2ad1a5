package format

import (
	"strings"

	"github.com/dbls/dbls/drivers/sqltext"
)

// render writes the statement with its separators and comments. A
// comment keeps its place among the tokens: one that followed a token on
// its line stays at the end of that line, one that stood on its own line
// gets a line of its own, indented as the token after it. Nothing follows
// a line comment on its line.
func (s *shaper) render(opt Options, nl string) string {
	ind := opt.indent()
	var b strings.Builder
	b.Grow(2 * (s.toks[len(s.toks)-1].End - s.toks[0].Start))
	level := 0
	for k, ti := range s.sig {
		sp := s.seps[k]
		breakNext, afterComment := false, false
		if k > 0 {
			for ci := s.sig[k-1] + 1; ci < ti; ci++ {
				c := s.toks[ci]
				text := s.src[c.Start:c.End]
				own := hasLineEnd(s.src[s.toks[ci-1].End:c.Start])
				if own || breakNext {
					at := level + 1
					if sp.kind == sepLine {
						at = sp.level
					}
					b.WriteString(nl)
					b.WriteString(strings.Repeat(ind, at))
				} else {
					b.WriteByte(' ')
				}
				b.WriteString(text)
				breakNext = own || breakNext || s.lineComment(text)
				afterComment = true
			}
		}
		if breakNext && sp.kind != sepLine {
			b.WriteString(nl)
			b.WriteString(strings.Repeat(ind, level+1))
		} else {
			switch sp.kind {
			case sepLine:
				b.WriteString(nl)
				b.WriteString(strings.Repeat(ind, sp.level))
				level = sp.level
			case sepSpace:
				b.WriteByte(' ')
			default:
				if afterComment && !closesLine(s.up[k]) {
					b.WriteByte(' ')
				}
			}
		}
		t := s.toks[ti]
		text := s.src[t.Start:t.End]
		if s.kw[k] {
			text = applyCase(text, opt.KeywordCase)
		}
		b.WriteString(text)
	}
	return b.String()
}

func (s *shaper) lineComment(text string) bool {
	return strings.HasPrefix(text, "--") || (s.d == sqltext.MySQL && strings.HasPrefix(text, "#"))
}

// closesLine: tokens that sit right after a comment ("/* c */,").
func closesLine(t string) bool { return t == "," || t == ")" || t == "]" || t == "}" }

func hasLineEnd(s string) bool { return strings.ContainsAny(s, "\r\n") }

// sameText reports whether b scans to the same tokens as a in dialect d.
func sameText(d sqltext.Dialect, a, b string) bool {
	return sameTokens(d, a, sqltext.Lex(d, a), b)
}

// sameTokens reports whether out scans to the tokens of the original: the
// same kinds and texts, words equal but for ASCII case. It is the last
// guard against a layout that would change what the text means.
func sameTokens(d sqltext.Dialect, src string, toks []sqltext.Token, out string) bool {
	got := sqltext.Lex(d, out)
	if len(got) != len(toks) {
		return false
	}
	for i, t := range toks {
		g := got[i]
		if g.Kind != t.Kind || g.Unterminated != t.Unterminated {
			return false
		}
		a, b := src[t.Start:t.End], out[g.Start:g.End]
		if t.Kind == sqltext.Word {
			if upper(a) != upper(b) {
				return false
			}
		} else if a != b {
			return false
		}
	}
	return true
}
