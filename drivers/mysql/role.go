package mysql

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"
	"strings"

	"github.com/dbls/dbls/drivers"
)

var _ drivers.RoleChecker = (*Conn)(nil)

// writePrivileges are the privileges that change data or structure, or run
// code that may (EXECUTE, FILE, SUPER).
var writePrivileges = map[string]bool{
	"ALL": true, "ALL PRIVILEGES": true, "INSERT": true, "UPDATE": true, "DELETE": true,
	"CREATE": true, "DROP": true, "ALTER": true, "INDEX": true, "CREATE VIEW": true,
	"CREATE ROUTINE": true, "ALTER ROUTINE": true, "EXECUTE": true, "TRIGGER": true,
	"EVENT": true, "FILE": true, "SUPER": true, "DELETE HISTORY": true, "CREATE TABLESPACE": true,
}

var (
	grantRE   = regexp.MustCompile(`^GRANT (.+?) ON (?:(?:TABLE|FUNCTION|PROCEDURE|PACKAGE BODY|PACKAGE) )?(\S+) TO `)
	columnsRE = regexp.MustCompile(`\([^)]*\)`)
)

// RoleWrites implements drivers.RoleChecker from SHOW GRANTS (the user's
// grants and those of its enabled roles). A grant on a database pattern
// (`shop\_%`.*) counts as a grant on this database: the report errs
// towards "can write".
func (c *Conn) RoleWrites(ctx context.Context) (bool, string, error) {
	conn, err := c.db.Conn(ctx)
	if err != nil {
		return false, "", fmt.Errorf("mysql: grants on %s: %w", c.params.Address(), err)
	}
	defer conn.Close()
	var db sql.NullString
	if err := conn.QueryRowContext(ctx, "SELECT DATABASE()").Scan(&db); err != nil {
		return false, "", fmt.Errorf("mysql: grants on %s: %w", c.params.Address(), err)
	}
	rows, err := conn.QueryContext(ctx, "SHOW GRANTS")
	if err != nil {
		return false, "", fmt.Errorf("mysql: grants on %s: %w", c.params.Address(), err)
	}
	defer rows.Close()
	var lines []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return false, "", fmt.Errorf("mysql: grants on %s: %w", c.params.Address(), err)
		}
		lines = append(lines, line)
	}
	if err := rows.Err(); err != nil {
		return false, "", fmt.Errorf("mysql: grants on %s: %w", c.params.Address(), err)
	}
	can := grantsThatWrite(lines, db.String)
	if len(can) == 0 {
		return false, "no privilege to change this database", nil
	}
	return true, strings.Join(can, "; "), nil
}

// grantsThatWrite lists, as "PRIVS on OBJECT", the grants among lines that
// let the user change database db.
func grantsThatWrite(lines []string, db string) []string {
	var out []string
	for _, line := range lines {
		m := grantRE.FindStringSubmatch(line)
		if m == nil {
			continue // a role grant (GRANT `r` TO …): its privileges show when enabled
		}
		if !appliesTo(m[2], db) {
			continue
		}
		var privs []string
		for _, p := range strings.Split(columnsRE.ReplaceAllString(m[1], ""), ",") {
			p = strings.ToUpper(strings.TrimSpace(p))
			if writePrivileges[p] {
				privs = append(privs, p)
			}
		}
		if len(privs) > 0 {
			out = append(out, strings.Join(privs, ", ")+" on "+m[2])
		}
	}
	return out
}

// appliesTo reports whether a grant's object (*.*, `db`.*, `db`.`t`) is
// in database db. A database-level grant names a LIKE pattern: '%' and '_'
// are wildcards unless escaped with '\'.
func appliesTo(object, db string) bool {
	if object == "*.*" || object == "*" {
		return true
	}
	name, rest := object, ""
	if strings.HasPrefix(object, "`") {
		if end := strings.Index(object[1:], "`"); end >= 0 {
			name, rest = object[1:end+1], object[end+2:]
		}
	} else if i := strings.Index(object, "."); i >= 0 {
		name, rest = object[:i], object[i:]
	}
	if rest != ".*" {
		return name == db // a table or routine grant names its database exactly
	}
	var re strings.Builder
	re.WriteString("^")
	for i := 0; i < len(name); i++ {
		switch ch := name[i]; {
		case ch == '\\' && i+1 < len(name):
			i++
			re.WriteString(regexp.QuoteMeta(name[i : i+1]))
		case ch == '%':
			re.WriteString(".*")
		case ch == '_':
			re.WriteString(".")
		default:
			re.WriteString(regexp.QuoteMeta(name[i : i+1]))
		}
	}
	re.WriteString("$")
	ok, err := regexp.MatchString(re.String(), db)
	return ok || err != nil
}
