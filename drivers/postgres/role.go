package postgres

import (
	"context"
	"fmt"
	"strings"

	"github.com/dbls/dbls/drivers"
)

var _ drivers.RoleChecker = (*Conn)(nil)

// roleSQL reads what the current role may change in this database: every
// user relation it may insert into, update, delete from or truncate, the
// schemas it may create in, the database itself (CREATE makes schemas), and
// the attributes and built-in roles that write past privileges.
const roleSQL = `SELECT r.rolsuper,
	has_database_privilege(current_database(), 'CREATE'),
	(SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE c.relkind IN ('r', 'p', 'v', 'f') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
		AND n.nspname NOT LIKE 'pg\_%' AND has_table_privilege(c.oid, 'INSERT, UPDATE, DELETE, TRUNCATE')),
	(SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE c.relkind = 'S' AND n.nspname NOT LIKE 'pg\_%'
		AND CASE WHEN c.relkind = 'S' THEN has_sequence_privilege(c.oid, 'UPDATE, USAGE') END),
	coalesce((SELECT string_agg(quote_ident(n.nspname), ', ' ORDER BY n.nspname) FROM pg_namespace n
		WHERE n.nspname NOT IN ('information_schema') AND n.nspname NOT LIKE 'pg\_%'
		AND has_schema_privilege(n.oid, 'CREATE')), ''),
	EXISTS (SELECT FROM pg_roles b WHERE b.rolname IN ('pg_write_server_files', 'pg_write_all_data')
		AND pg_has_role(b.oid, 'MEMBER'))
FROM pg_roles r WHERE r.rolname = current_user`

// RoleWrites implements drivers.RoleChecker.
func (c *Conn) RoleWrites(ctx context.Context) (bool, string, error) {
	var super, createDB, builtin bool
	var tables, sequences int64
	var schemas string
	err := c.pool.QueryRow(ctx, roleSQL).Scan(&super, &createDB, &tables, &sequences, &schemas, &builtin)
	if err != nil {
		return false, "", fmt.Errorf("postgres: privileges of the role on database %q: %w", c.params.Database, err)
	}
	if super {
		return true, "the role is a superuser", nil
	}
	var can []string
	if tables > 0 {
		can = append(can, fmt.Sprintf("INSERT, UPDATE, DELETE or TRUNCATE on %d tables or views", tables))
	}
	if sequences > 0 {
		can = append(can, fmt.Sprintf("nextval on %d sequences", sequences))
	}
	if schemas != "" {
		can = append(can, "CREATE in schemas "+schemas)
	}
	if createDB {
		can = append(can, "CREATE on the database")
	}
	if builtin {
		can = append(can, "membership of pg_write_all_data or pg_write_server_files")
	}
	if len(can) == 0 {
		return false, "no privilege to change this database", nil
	}
	return true, strings.Join(can, "; "), nil
}
