package analysis

import (
	"strings"
	"testing"

	"github.com/dbls/dbls/drivers/schema"
)

func sigSnapshot(d Dialect) *schema.Snapshot {
	snap := scopeSnapshot(d)
	home := homeSchema(d)
	for i := range snap.Schemas {
		if snap.Schemas[i].Name == home {
			snap.Schemas[i].Routines = append(snap.Schemas[i].Routines,
				schema.Routine{Name: "order_total", Kind: "function", Params: []schema.Parameter{{Name: "order_id", Type: "integer"}, {Name: "with_tax", Type: "boolean"}}, Returns: "numeric"})
		}
	}
	snap.Schemas = append(snap.Schemas, schema.Schema{Name: "audit", Routines: []schema.Routine{{Name: "log_event", Kind: "function",
		Params: []schema.Parameter{{Name: "what", Type: "text"}, {Name: "tags", Type: "text[]", Mode: "variadic"}}, Returns: "void"}}})
	return snap
}

func TestSignatureAt(t *testing.T) {
	cases := []struct {
		d         Dialect
		marked    string
		label     string // active signature's label; "" for no help
		param     int
		overloads int
	}{
		{Postgres, "SELECT coalesce(|", "coalesce(value1, value2, ...) → same type", 0, 1},
		{Postgres, "SELECT coalesce(a, |", "coalesce(value1, value2, ...) → same type", 1, 1},
		{Postgres, "SELECT coalesce(a, b, c, |) FROM orders", "coalesce(value1, value2, ...) → same type", 1, 1},
		{Postgres, "SELECT round(sum(total), |", "round(x, digits) → numeric", 1, 1},
		{Postgres, "SELECT round(sum(total|", "sum(expression) → numeric", 0, 1},
		{Postgres, "SELECT round(sum(total), 2|)", "round(x, digits) → numeric", 1, 1},
		{Postgres, "SELECT round(x, 2) |", "", 0, 0},
		{Postgres, "SELECT to_char(now(), 'YYYY, |", "to_char(value, format) → text", 1, 1},
		{Postgres, "SELECT to_char(x /* a, b */, |", "to_char(value, format) → text", 1, 1},
		{Postgres, "SELECT to_char((a, b), |", "to_char(value, format) → text", 1, 1},
		{Postgres, "SELECT to_char(a, (1 + |", "to_char(value, format) → text", 1, 1},
		{Postgres, "SELECT order_total(1, |", "order_total(order_id integer, with_tax boolean) → numeric", 1, 2},
		{Postgres, "SELECT order_total(|", "order_total(integer) → numeric", 0, 2},
		{Postgres, "SELECT audit.log_event('x', 'a', 'b', |", "audit.log_event(what text, VARIADIC tags text[]) → void", 1, 1},
		{Postgres, "SELECT log_event(|", "audit.log_event(what text, VARIADIC tags text[]) → void", 0, 1},
		{Postgres, "SELECT * FROM orders WHERE id IN (1, |", "", 0, 0},
		{Postgres, "SELECT unknown_fn(1, |", "", 0, 0},
		{Postgres, "SELECT ifnull(|", "", 0, 0},
		{Postgres, "SELECT 1; SELECT coalesce(1, 2); SELECT |", "", 0, 0},
		{MySQL, "SELECT ifnull(a, |", "ifnull(value, fallback) → same type", 1, 1},
		{MySQL, "SELECT date_format(now(), '%Y|", "date_format(date, format) → varchar", 1, 1},
		{MySQL, "SELECT IFNULL(`a`, |", "ifnull(value, fallback) → same type", 1, 1},
		{SQLite, "SELECT strftime('%Y', 'now', |", "strftime(format, time_value, modifier1, ...) → text", 2, 1},
		{SQLite, "SELECT date_trunc(|", "", 0, 0},
		{SQLite, "SELECT coalesce(a -- x, y\n, |", "coalesce(value1, value2, ...) → same type", 1, 1},
	}
	for _, c := range cases {
		text, off := at(c.marked)
		h, ok := SignatureAt(NewIndex(sigSnapshot(c.d)), c.d, NewDocument(text), off)
		if c.label == "" {
			if ok {
				t.Errorf("%s %q: unexpected help %+v", c.d, c.marked, h)
			}
			continue
		}
		if !ok {
			t.Errorf("%s %q: no help", c.d, c.marked)
			continue
		}
		if got := h.Signatures[h.Active].Label; got != c.label || h.ActiveParam != c.param || len(h.Signatures) != c.overloads {
			t.Errorf("%s %q: active %q param %d of %d signatures; want %q param %d of %d", c.d, c.marked, got, h.ActiveParam,
				len(h.Signatures), c.label, c.param, c.overloads)
		}
		for _, s := range h.Signatures {
			for _, p := range s.Params {
				if !strings.Contains(s.Label, p) {
					t.Errorf("%q: parameter %q not in label %q", c.marked, p, s.Label)
				}
			}
		}
	}
}

// Hovering a function call shows its signatures.
func TestHoverFunction(t *testing.T) {
	cases := []struct {
		d      Dialect
		marked string
		want   []string
	}{
		{Postgres, "SELECT coal|esce(a, b) FROM orders", []string{"**function**", "`coalesce(value1, value2, ...) → same type`", "First argument that is not null."}},
		{Postgres, "SELECT order_tot|al(1) FROM orders", []string{"`order_total(integer) → numeric`", "`order_total(order_id integer, with_tax boolean) → numeric`"}},
		{Postgres, "SELECT audit.log_ev|ent('x')", []string{"`audit.log_event(what text, VARIADIC tags text[]) → void`"}},
		{MySQL, "SELECT IFNU|LL(a, 1) FROM orders", []string{"`ifnull(value, fallback) → same type`"}},
		{SQLite, "SELECT ifnull|(a, 1) FROM orders", []string{"ifnull"}},
	}
	for _, c := range cases {
		text, off := at(c.marked)
		md, _, ok := HoverAt(NewIndex(sigSnapshot(c.d)), c.d, NewDocument(text), off)
		for _, w := range c.want {
			if !ok || !strings.Contains(md, w) {
				t.Errorf("%s %q: hover %q lacks %q", c.d, c.marked, md, w)
			}
		}
	}
	// A column named like a function is still a column when not called.
	text, off := at("SELECT coun|t FROM orders")
	if md, _, _ := HoverAt(NewIndex(sigSnapshot(Postgres)), Postgres, NewDocument(text), off); strings.Contains(md, "function") {
		t.Errorf("hover of a non-call: %q", md)
	}
}
