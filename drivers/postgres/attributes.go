package postgres

import (
	"strings"

	"github.com/dbls/dbls/drivers/sqltext"
)

// indexTail keeps the part of pg_get_indexdef's text that describes the
// index itself, from USING on: the header names the index and its table,
// which diff matches by other means (and which differ between a source and
// a target mapped to another schema). USING is a reserved word, so the
// first bare USING token is the access method clause; names that contain
// it are quoted identifiers and skipped by the scanner. A text without one
// (never written by PostgreSQL) is kept whole rather than guessed at.
func indexTail(def string) string {
	for _, t := range sqltext.Lex(sqltext.Postgres, def) {
		if t.Kind == sqltext.Word && strings.EqualFold(t.Text(def), "USING") {
			return strings.TrimSpace(def[t.Start:])
		}
	}
	return strings.TrimSpace(def)
}

// constraintText is pg_get_constraintdef's text without NOT VALID: whether
// existing rows were checked is the state of one database, not structure
// (an --online plan adds a constraint NOT VALID and validates it after).
func constraintText(def string) string {
	def = strings.TrimSpace(def)
	return strings.TrimSpace(strings.TrimSuffix(def, " NOT VALID"))
}
