package analysis

import (
	"strings"
	"testing"
)

// featureSQL exercises signature help, definitions and symbols: calls,
// aliases, CTEs and DDL in every dialect.
var featureSQL = []string{
	"WITH w (a) AS (SELECT coalesce(o.status, 'x') FROM orders o) SELECT round(sum(w.a), 2), w.a FROM w JOIN customers c ON c.id = w.a;",
	"CREATE TABLE t (a int, b text);\nCREATE INDEX ti ON t (a);\nSELECT t.a, ifnull(b, '') FROM t WHERE a IN (1, 2) AND date(b, 'now') > 0;",
	"INSERT INTO orders (id) SELECT max(id) + 1 FROM sales.invoices i WHERE i.amount > strftime('%Y', 'now');\nDROP VIEW IF EXISTS v;",
}

// FuzzLanguageFeatures feeds arbitrary text, and every prefix of
// realistic SQL, to signature help, go to definition and the outline at
// every offset (and to the rest with the seeds of FuzzComplete and
// FuzzDiagnose): no panic, and every range inside the text.
func FuzzLanguageFeatures(f *testing.F) {
	for _, s := range append(append([]string{}, featureSQL...), realisticSQL...) {
		for n := 0; n <= len(s); n++ {
			d := fuzzDialects[n%3]
			full := q(d, s)
			f.Add(dialectIndex(d), full[:min(n, len(full))])
		}
	}
	f.Add(uint8(0), "SELECT f((((")
	f.Add(uint8(1), "SELECT `a`(1, ")
	f.Add(uint8(2), "WITH a AS (SELECT 1), b AS (")
	f.Fuzz(func(t *testing.T, di uint8, text string) {
		d := fuzzDialects[int(di)%len(fuzzDialects)]
		ix, doc := NewIndex(sigSnapshot(d)), NewDocument(text)
		in := func(r Range) bool { return r.Start >= 0 && r.Start <= r.End && r.End <= len(text) }
		var walk func([]Symbol, Range)
		walk = func(syms []Symbol, parent Range) {
			for _, s := range syms {
				if !in(s.Range) || s.Selection.Start < s.Range.Start || s.Selection.End > s.Range.End || s.Name == "" ||
					s.Range.Start < parent.Start || s.Range.End > parent.End {
					t.Fatalf("symbol %+v (parent %v) in a text of %d bytes", s, parent, len(text))
				}
				walk(s.Children, s.Range)
			}
		}
		walk(Symbols(d, doc), Range{Start: 0, End: len(text)})
		for off := 0; off <= len(text); off++ {
			if h, ok := SignatureAt(ix, d, doc, off); ok {
				if len(h.Signatures) == 0 || h.Active < 0 || h.Active >= len(h.Signatures) || h.ActiveParam < 0 {
					t.Fatalf("offset %d: signature help %+v", off, h)
				}
				for _, s := range h.Signatures {
					for _, p := range s.Params {
						if !strings.Contains(s.Label, p) {
							t.Fatalf("parameter %q not in %q", p, s.Label)
						}
					}
				}
			}
			if def, ok := DefinitionAt(ix, d, doc, off); ok {
				if def.InDocument && (!in(def.Range) || def.Range.Start == def.Range.End) ||
					!def.InDocument && (def.Name == "" || countSet(def.Table != nil, def.View != nil, def.Routine != nil) != 1) {
					t.Fatalf("offset %d: definition %+v", off, def)
				}
			}
		}
	})
}

func countSet(flags ...bool) int {
	n := 0
	for _, f := range flags {
		if f {
			n++
		}
	}
	return n
}
