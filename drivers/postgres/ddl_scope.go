package postgres

import "github.com/dbls/dbls/drivers/ddl"

var _ ddl.Scoper = Driver{}

// NameScope implements ddl.Scoper. Indexes are relations, unique in their
// schema (pg_class); triggers, constraints, policies and rules are unique
// per table (pg_trigger, pg_constraint, pg_policy, pg_rewrite are keyed by
// their table and name).
func (Driver) NameScope(kind string) ddl.Scope {
	if kind == "index" {
		return ddl.ScopeSchema
	}
	return ddl.ScopeTable
}
