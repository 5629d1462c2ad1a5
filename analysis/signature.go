package analysis

import ()

// SignatureHelp is what signature help shows at a cursor inside a call.
type SignatureHelp struct {
	// Signatures are the forms of the function called: the snapshot's
	// routines of that name (overloads) first, then the built-ins.
	Signatures []Signature
	// Active is the signature that fits the argument count typed so far.
	Active int
	// ActiveParam is the argument the cursor is in (0-based), clamped to
	// the last parameter of a variadic signature.
	ActiveParam int
}

// SignatureAt finds the innermost function call around offset whose
// function is known (a snapshot routine or a built-in of the dialect) and
// which argument the cursor is in, counting the commas at the call's own
// depth. Strings, comments and nested parentheses are skipped through the
// lexer. ok is false when the cursor is in no known call.
func SignatureAt(x *Index, d Dialect, doc *Document, offset int) (SignatureHelp, bool) {
	text := doc.text
	offset = clampOffset(text, offset)
	ix := x.of(d)
	all, stmts, _ := doc.scanned(d).window(offset)
	st, ok := StatementAt(stmts, offset)
	if !ok || st.Command {
		return SignatureHelp{}, false
	}
	// The open parentheses before the cursor, with the commas seen at
	// each one's depth.
	type open struct{ tok, commas int }
	var stack []open
	var toks []Token
	for i := firstTokenAt(all, st.Range.Start); i < len(all) && all[i].Start < offset; i++ {
		t := all[i]
		switch t.Kind {
		case Comment, Delimiter, Command:
			continue
		}
		// A string the cursor is inside is an argument being typed; its
		// commas and parentheses, like a comment's, are not punctuation.
		toks = append(toks, t)
		if t.Kind != Punct {
			continue
		}
		switch text[t.Start:t.End] {
		case "(":
			stack = append(stack, open{tok: len(toks) - 1})
		case ")":
			if t.End <= offset && len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		case ",":
			if len(stack) > 0 {
				stack[len(stack)-1].commas++
			}
		}
	}
	p := newParser(d, text, toks, ix, nil)
	for k := len(stack) - 1; k >= 0; k-- {
		o := stack[k]
		n := o.tok - 1
		if !p.isName(n) || p.toks[n].Kind == Word && nonFunctionWord[p.word(n)] {
			continue
		}
		name, quoted := p.name(n)
		qual, qq := "", false
		if p.punct(n-1, ".") && p.isName(n-2) {
			qual, qq = p.name(n - 2)
		}
		sigs := ix.signaturesOf(qual, qq, name, quoted)
		if len(sigs) == 0 {
			continue
		}
		h := SignatureHelp{Signatures: sigs, ActiveParam: o.commas, Active: -1}
		for i, s := range sigs {
			if o.commas < len(s.Params) || s.Variadic {
				h.Active = i
				break
			}
		}
		if h.Active < 0 {
			h.Active = 0
		}
		if s := sigs[h.Active]; s.Variadic && len(s.Params) > 0 && h.ActiveParam >= len(s.Params) {
			h.ActiveParam = len(s.Params) - 1
		}
		return h, true
	}
	return SignatureHelp{}, false
}

// nonFunctionWord are words a parenthesis follows that do not call a
// function of that name.
var nonFunctionWord = makeSet(`IN VALUES EXISTS AS ON USING INTO TABLE SELECT FROM WHERE AND OR NOT
KEY REFERENCES CHECK UNIQUE OVER FILTER WITHIN ANY ALL SOME JOIN PARTITION INDEX`)
