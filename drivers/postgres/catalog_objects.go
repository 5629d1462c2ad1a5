package postgres

import (
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/dbls/dbls/drivers/schema"
)

// domainsSQL reads domains with their base type, default, NOT NULL,
// collation (when not the base type's), checks (names and definitions as
// parallel arrays, in name order) and comment: one query for every domain
// of the selected schemas.
var domainsSQL = `SELECT n.nspname::text, t.typname::text, format_type(t.typbasetype, t.typtypmod),
	pg_get_expr(t.typdefaultbin, 0, true), t.typnotnull,
	CASE WHEN t.typcollation <> bt.typcollation THEN coalesce(co.collname::text, '') ELSE '' END,
	ARRAY(SELECT c.conname::text FROM pg_constraint c WHERE c.contypid = t.oid AND c.contype = 'c' ORDER BY c.conname),
	ARRAY(SELECT pg_get_constraintdef(c.oid, true) FROM pg_constraint c WHERE c.contypid = t.oid AND c.contype = 'c' ORDER BY c.conname),
	coalesce(d.description, '')
FROM pg_type t
	JOIN pg_namespace n ON n.oid = t.typnamespace
	JOIN pg_type bt ON bt.oid = t.typbasetype
	LEFT JOIN pg_collation co ON co.oid = t.typcollation` + description("pg_type", "t.oid", "0") + `
WHERE t.typtype = 'd' AND ` + schemaFilter + ` AND ` + objectFilter("t.typname") + ` AND ` + notExtension("pg_type", "t.oid")

func (b *builder) scanDomain(rows pgx.Rows) error {
	var (
		nsp         string
		d           schema.Domain
		names, defs []string
	)
	if err := rows.Scan(&nsp, &d.Name, &d.Type, &d.Default, &d.NotNull, &d.Collation, &names, &defs, &d.Comment); err != nil {
		return err
	}
	for i, name := range names {
		if i < len(defs) {
			d.Checks = append(d.Checks, schema.Check{Name: name, Expr: checkBody(defs[i])})
		}
	}
	sc := b.schema(nsp)
	sc.Domains = append(sc.Domains, d)
	return nil
}

// checkBody keeps the expression of "CHECK (expr)" as pg_get_constraintdef
// writes it; anything else is kept whole.
func checkBody(def string) string {
	s := strings.TrimSpace(def)
	if strings.HasPrefix(s, "CHECK (") && strings.HasSuffix(s, ")") {
		return s[len("CHECK (") : len(s)-1]
	}
	return s
}
