package sqlite

import "github.com/dbls/dbls/drivers/ddl"

var _ ddl.Scoper = Driver{}

// NameScope implements ddl.Scoper. Indexes and triggers live in
// sqlite_schema, unique per database file; constraint names are local to
// their table's definition.
func (Driver) NameScope(kind string) ddl.Scope {
	if kind == "index" || kind == "trigger" {
		return ddl.ScopeSchema
	}
	return ddl.ScopeTable
}
