package postgres

import (
	"regexp"
	"strings"

	"github.com/dbls/dbls/drivers/schema"
	"github.com/dbls/dbls/drivers/sqltext"
)

// NormalizeForDiff rewrites a PostgreSQL snapshot into the form diff
// compares. The catalog already spells almost everything canonically:
// format_type gives one name per type (int4, integer and int all read
// "integer"; varchar(10) reads "character varying(10)"), and defaults,
// generated and check expressions, index expressions and predicates and
// view queries are deparsed from their parsed form, so that two databases
// built from different spellings of the same DDL read alike.
//
// What remains is one pair of spellings that deparse differently but mean
// the same: CURRENT_TIMESTAMP (without precision) and now() are both the
// start time of the transaction, yet PostgreSQL 10 and later deparse the
// first as CURRENT_TIMESTAMP and the second as now(). Column defaults are
// rewritten to now(). transaction_timestamp() is the same function under
// another name and is rewritten too. Nothing else is touched; the rewrite is
// idempotent.
func (Driver) NormalizeForDiff(s *schema.Snapshot) {
	if s == nil {
		return
	}
	for i := range s.Schemas {
		sc := &s.Schemas[i]
		for j := range sc.Tables {
			normalizeColumnDefaults(sc.Tables[j].Columns)
		}
		for j := range sc.Views {
			normalizeColumnDefaults(sc.Views[j].Columns)
		}
		normalizeRoutines(sc)
	}
}

func normalizeColumnDefaults(cols []schema.Column) {
	for k := range cols {
		if d := cols[k].Default; d != nil {
			if n := normalizeDefault(*d); n != *d {
				cols[k].Default = &n
			}
		}
	}
}

// nowSpellings matches, outside quotes, the spellings of now(): the bare
// keyword CURRENT_TIMESTAMP (not followed by a precision) and
// transaction_timestamp().
var nowSpellings = regexp.MustCompile(`(?i)\bCURRENT_TIMESTAMP\b(\s*\()?|\btransaction_timestamp\(\)`)

// normalizeDefault rewrites now()'s other spellings in the parts of expr
// that are not string literals, quoted identifiers or comments, as the
// scanner reads them (E'…' escapes and dollar quotes included).
func normalizeDefault(expr string) string {
	if !strings.Contains(strings.ToLower(expr), "current_timestamp") && !strings.Contains(strings.ToLower(expr), "transaction_timestamp") {
		return expr
	}
	var b strings.Builder
	last := 0
	plain := func(end int) {
		b.WriteString(nowSpellings.ReplaceAllStringFunc(expr[last:end], func(m string) string {
			if strings.HasSuffix(m, "(") {
				return m // CURRENT_TIMESTAMP(p) has its own precision
			}
			return "now()"
		}))
	}
	for _, t := range sqltext.Lex(sqltext.Postgres, expr) {
		switch t.Kind {
		case sqltext.String, sqltext.QuotedIdent, sqltext.Comment:
			plain(t.Start)
			b.WriteString(expr[t.Start:t.End])
			last = t.End
		}
	}
	plain(len(expr))
	return b.String()
}
