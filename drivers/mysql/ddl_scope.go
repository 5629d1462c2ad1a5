package mysql

import "github.com/dbls/dbls/drivers/ddl"

var _ ddl.Scoper = Driver{}

// NameScope implements ddl.Scoper. Indexes and constraints are named per
// table (a unique key is an index; MariaDB checks are per table), triggers
// per database. InnoDB also keeps foreign-key names unique per database,
// but that only restricts what can exist, not how two schemas match.
func (Driver) NameScope(kind string) ddl.Scope {
	if kind == "trigger" {
		return ddl.ScopeSchema
	}
	return ddl.ScopeTable
}
