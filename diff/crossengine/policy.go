package crossengine

import "github.com/dbls/dbls/drivers/schema"

// security notes a PostgreSQL table's row-level security, policies and
// rules: no other engine has them, so they are left out, never guessed.
// Into PostgreSQL (a PostgreSQL source) they would be copied as they are,
// but their expressions are PostgreSQL SQL read through another converter's
// eyes; they are listed too rather than half translated.
func (c *converter) security(t schema.Table, where string) {
	if t.RowSecurity || t.ForceRowSecurity {
		c.note("table %s: row-level security has no counterpart in %s; left out", where, c.to)
	}
	for _, p := range t.Policies {
		c.note("policy %s of %s: row-level security policies have no counterpart in %s; left out", p.Name, where, c.to)
	}
	for _, r := range t.Rules {
		c.note("rule %s of %s: its definition is %s SQL and rules have no counterpart in %s; left out", r.Name, where, c.from, c.to)
	}
}
