package analysis

import "strings"

// The system catalogs a snapshot does not hold (drivers read the user's
// schemas) but users query: their relations are offered after
// "pg_catalog." and "information_schema.", as the engine names them.

// informationSchema are the views of the SQL standard's
// information_schema that PostgreSQL and MySQL/MariaDB both have.
var informationSchema = strings.Fields(`character_sets check_constraints collations
columns key_column_usage parameters referential_constraints routines schemata
table_constraints table_privileges tables triggers user_privileges views`)

// pgCatalog are the PostgreSQL catalogs and views most queried by hand.
var pgCatalog = strings.Fields(`pg_attribute pg_class pg_constraint pg_database
pg_depend pg_description pg_enum pg_extension pg_index pg_indexes pg_inherits
pg_locks pg_matviews pg_namespace pg_policies pg_proc pg_roles pg_sequences
pg_settings pg_stat_activity pg_stat_all_indexes pg_stat_all_tables
pg_stat_statements pg_stat_user_indexes pg_stat_user_tables pg_statio_user_tables
pg_tables pg_trigger pg_type pg_user pg_views`)

// systemRelations are the relations of a system schema of dialect d
// named qual, or nil.
func systemRelations(d Dialect, qual string) []string {
	switch {
	case strings.EqualFold(qual, "information_schema") && d != SQLite:
		return informationSchema
	case strings.EqualFold(qual, "pg_catalog") && d == Postgres:
		return pgCatalog
	}
	return nil
}

// systemMembers offers the relations of a system schema; it reports
// whether qual was one.
func (c *completer) systemMembers(qual string) bool {
	names := systemRelations(c.d, qual)
	for _, n := range names {
		if c.match(n) {
			c.add(rankTables, n, KindView, strings.ToLower(qual)+" (system catalog)", c.ident(n))
		}
	}
	return names != nil
}
