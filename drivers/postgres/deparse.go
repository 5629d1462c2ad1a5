package postgres

// PostgreSQL's pg_get_indexdef and pg_get_constraintdef cost 40–85 µs a
// call on a large catalog, nearly all of it catalog cache misses (the
// index's row, its table's, each column's): 17 s of server time for
// 200,000 indexes. Most indexes and keys are plain — columns in their
// default operator class and collation, no expressions, no storage
// parameters — and for those the text is a function of parts the catalog
// queries read anyway. The queries decide which rows are plain and ask the
// server for the text of the others only; this file writes the plain ones
// exactly as the server would. TestDeparseMatchesServer compares the two
// on every shape of index and key.

import (
	"strings"
)

// serverQuoting is the server's quote_identifier: a name stays bare when
// it is lower-case letters, digits and underscores, starts with a letter
// or underscore, and is not a keyword other than an unreserved one, unless
// quote_all_identifiers is on. The keywords are the server's own
// (pg_get_keywords), so that a newer server's new keywords are honored.
type serverQuoting struct {
	reserved map[string]bool
	all      bool
}

func newServerQuoting(keywords []string, all bool) *serverQuoting {
	q := &serverQuoting{reserved: make(map[string]bool, len(keywords)), all: all}
	for _, k := range keywords {
		q.reserved[k] = true
	}
	return q
}

func (q *serverQuoting) quote(name string) string {
	if !q.all && safeLower(name) && !q.reserved[name] {
		return name
	}
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}

func safeLower(name string) bool {
	if name == "" || !(name[0] >= 'a' && name[0] <= 'z' || name[0] == '_') {
		return false
	}
	for i := 1; i < len(name); i++ {
		c := name[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

// writeList appends the quoted names, comma separated.
func (q *serverQuoting) writeList(sb *strings.Builder, names []string) {
	for i, n := range names {
		if i > 0 {
			sb.WriteString(", ")
		}
		sb.WriteString(q.quote(n))
	}
}

// Bits of pg_index.indoption (pg_index.h).
const (
	indOptionDesc       = 1
	indOptionNullsFirst = 2
)

// plainIndexTail is pg_get_indexdef's text from USING on for a plain
// index: key columns with their sort options (btree is the only built-in
// method that orders), INCLUDE columns, and the predicate as pg_get_expr
// spells it (which is how pg_get_indexdef spells it too).
func (q *serverQuoting) plainIndexTail(method string, keys, include []string, options []int16, where string) string {
	var sb strings.Builder
	sb.WriteString("USING ")
	sb.WriteString(q.quote(method))
	sb.WriteString(" (")
	for k, name := range keys {
		if k > 0 {
			sb.WriteString(", ")
		}
		sb.WriteString(q.quote(name))
		if method != "btree" || k >= len(options) {
			continue
		}
		switch opt := options[k]; {
		case opt&indOptionDesc != 0 && opt&indOptionNullsFirst == 0:
			sb.WriteString(" DESC NULLS LAST")
		case opt&indOptionDesc != 0:
			sb.WriteString(" DESC")
		case opt&indOptionNullsFirst != 0:
			sb.WriteString(" NULLS FIRST")
		}
	}
	if len(include) > 0 {
		sb.WriteString(") INCLUDE (")
		q.writeList(&sb, include)
	}
	sb.WriteString(")")
	if where != "" {
		sb.WriteString(" WHERE ")
		sb.WriteString(where)
	}
	return sb.String()
}

// plainKeyDef is pg_get_constraintdef's text of a primary key or unique
// constraint whose index has no INCLUDE columns and no NULLS NOT DISTINCT
// (the server's text has no storage parameters either: those only appear
// in the full command).
func (q *serverQuoting) plainKeyDef(kind string, cols []string, deferrable, deferred bool) string {
	var sb strings.Builder
	if kind == "p" {
		sb.WriteString("PRIMARY KEY (")
	} else {
		sb.WriteString("UNIQUE (")
	}
	q.writeList(&sb, cols)
	sb.WriteString(")")
	writeDeferral(&sb, deferrable, deferred)
	return sb.String()
}

// checkDef is pg_get_constraintdef's text of a check constraint, from its
// expression as pg_get_expr spells it (the same deparser, the same
// context). NOT VALID is left out, as constraintText leaves it out.
func checkDef(expr string, noInherit bool) string {
	def := "CHECK (" + expr + ")"
	if noInherit {
		def += " NO INHERIT"
	}
	return def
}

func writeDeferral(sb *strings.Builder, deferrable, deferred bool) {
	if deferrable {
		sb.WriteString(" DEFERRABLE")
	}
	if deferred {
		sb.WriteString(" INITIALLY DEFERRED")
	}
}
