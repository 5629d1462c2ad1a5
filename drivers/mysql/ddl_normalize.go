package mysql

import (
	"regexp"
	"slices"
	"strings"

	"github.com/dbls/dbls/drivers/schema"
)

// NormalizeForDiff rewrites a MySQL/MariaDB snapshot into the form diff
// compares, so that structures the server treats as equal compare equal
// across versions and flavors:
//
//   - integer display widths are dropped (int(11) on MariaDB and MySQL 5.7
//     is int on MySQL 8.0.19+), except tinyint(1), the boolean spelling,
//     and ZEROFILL columns, whose width still means something; year(4) is
//     year;
//   - utf8 is spelled utf8mb3 (its name since MariaDB 10.6 and MySQL 8.0.30)
//     in character sets and collations;
//   - RESTRICT is NO ACTION in referential actions: InnoDB checks both
//     immediately, and MariaDB reports RESTRICT where MySQL reports NO
//     ACTION for a foreign key declared without actions;
//   - the index InnoDB creates by itself for a foreign key (named after the
//     constraint, on exactly its columns, when no other key leads with
//     them) is removed: it exists on whichever side has the foreign key,
//     and adding the foreign key creates it;
//   - for a renderer bound to a target (ForTarget), a routine's or
//     trigger's sql_mode keeps only the flags the target's flavor knows:
//     MySQL 8 refuses MariaDB's default NO_AUTO_CREATE_USER, MariaDB
//     MySQL's TIME_TRUNCATE_FRACTIONAL.
//
// It is idempotent.
func (d Driver) NormalizeForDiff(s *schema.Snapshot) {
	for i := range s.Schemas {
		sc := &s.Schemas[i]
		for j := range sc.Routines {
			sc.Routines[j].SQLMode = d.modeFor(sc.Routines[j].SQLMode)
		}
		for j := range sc.Triggers {
			sc.Triggers[j].SQLMode = d.modeFor(sc.Triggers[j].SQLMode)
		}
		for j := range sc.Tables {
			normalizeTableForDiff(&sc.Tables[j])
		}
		for j := range sc.Views {
			for k := range sc.Views[j].Columns {
				normalizeColumnForDiff(&sc.Views[j].Columns[k])
			}
		}
	}
}

func normalizeTableForDiff(t *schema.Table) {
	for i := range t.Columns {
		normalizeColumnForDiff(&t.Columns[i])
	}
	if cs, ok := t.Options["charset"]; ok {
		t.Options["charset"] = normalizeCharset(cs)
	}
	if co, ok := t.Options["collation"]; ok {
		t.Options["collation"] = normalizeCollation(co)
	}
	for i := range t.ForeignKeys {
		fk := &t.ForeignKeys[i]
		fk.OnDelete = normalizeFKAction(fk.OnDelete)
		fk.OnUpdate = normalizeFKAction(fk.OnUpdate)
	}
	t.Indexes = slices.DeleteFunc(t.Indexes, func(ix schema.Index) bool { return implicitFKIndex(t, &ix) })
	if len(t.Indexes) == 0 {
		t.Indexes = nil
	}
}

// displayWidthRE matches an integer type with a display width.
var displayWidthRE = regexp.MustCompile(`^(?i)(tinyint|smallint|mediumint|int|integer|bigint|year)\(\d+\)(.*)$`)

func normalizeColumnForDiff(c *schema.Column) {
	if m := displayWidthRE.FindStringSubmatch(c.Type); m != nil {
		base := strings.ToLower(m[1])
		keep := strings.Contains(strings.ToLower(m[2]), "zerofill") ||
			base == "tinyint" && strings.HasPrefix(strings.ToLower(c.Type), "tinyint(1)")
		if !keep {
			c.Type = m[1] + m[2]
		}
	}
	c.Charset = normalizeCharset(c.Charset)
	c.Collation = normalizeCollation(c.Collation)
}

func normalizeCharset(cs string) string {
	if strings.EqualFold(cs, "utf8") {
		return "utf8mb3"
	}
	return cs
}

func normalizeCollation(co string) string {
	if len(co) > 5 && strings.EqualFold(co[:5], "utf8_") {
		return "utf8mb3_" + co[5:]
	}
	return co
}

func normalizeFKAction(a string) string {
	a = strings.Join(strings.Fields(strings.ToUpper(a)), " ")
	if a == "" || a == schema.ActionRestrict {
		return schema.ActionNoAction
	}
	return a
}

// implicitFKIndex reports whether ix is the index InnoDB made for a foreign
// key of t: a plain, non-unique index named after the constraint on exactly
// its columns, and no other key of t leads with those columns (InnoDB drops
// its own index when another one can serve).
func implicitFKIndex(t *schema.Table, ix *schema.Index) bool {
	if ix.Unique || ix.Method != "" || ix.Comment != "" || ix.Where != "" || len(ix.Include) > 0 {
		return false
	}
	var cols []string
	for _, p := range ix.Columns {
		if p.Name == "" || p.Length > 0 || p.Desc || p.Collation != "" {
			return false
		}
		cols = append(cols, p.Name)
	}
	for _, fk := range t.ForeignKeys {
		if !strings.EqualFold(fk.Name, ix.Name) || lowerJoin(fk.Columns) != lowerJoin(cols) {
			continue
		}
		for _, k := range keysOf(t) {
			if !(k.all[0] == 'I' && strings.EqualFold(k.name, ix.Name)) && k.leads(fk.Columns) {
				return false
			}
		}
		return true
	}
	return false
}

// NameKey matches names as the server does: column, index, constraint,
// routine and event names are case-insensitive everywhere; table, view and
// (on MariaDB) trigger names are case-sensitive, as table files are on
// Linux (lower_case_table_names=0, the default there).
func (Driver) NameKey(kind, name string) string {
	switch kind {
	case "column", "index", "constraint", "routine", "event":
		return strings.ToLower(name)
	}
	return name
}

// The sql_mode flags each flavor accepts (MySQL 8.0, MariaDB 10.x).
var (
	mysqlModes = modeSet("ALLOW_INVALID_DATES ANSI ANSI_QUOTES ERROR_FOR_DIVISION_BY_ZERO HIGH_NOT_PRECEDENCE IGNORE_SPACE " +
		"NO_AUTO_VALUE_ON_ZERO NO_BACKSLASH_ESCAPES NO_DIR_IN_CREATE NO_ENGINE_SUBSTITUTION NO_UNSIGNED_SUBTRACTION " +
		"NO_ZERO_DATE NO_ZERO_IN_DATE ONLY_FULL_GROUP_BY PAD_CHAR_TO_FULL_LENGTH PIPES_AS_CONCAT REAL_AS_FLOAT " +
		"STRICT_ALL_TABLES STRICT_TRANS_TABLES TIME_TRUNCATE_FRACTIONAL TRADITIONAL")
	mariaDBModes = modeSet("ALLOW_INVALID_DATES ANSI ANSI_QUOTES DB2 EMPTY_STRING_IS_NULL ERROR_FOR_DIVISION_BY_ZERO " +
		"HIGH_NOT_PRECEDENCE IGNORE_BAD_TABLE_OPTIONS IGNORE_SPACE MAXDB MSSQL MYSQL323 MYSQL40 NO_AUTO_CREATE_USER " +
		"NO_AUTO_VALUE_ON_ZERO NO_BACKSLASH_ESCAPES NO_DIR_IN_CREATE NO_ENGINE_SUBSTITUTION NO_FIELD_OPTIONS NO_KEY_OPTIONS " +
		"NO_TABLE_OPTIONS NO_UNSIGNED_SUBTRACTION NO_ZERO_DATE NO_ZERO_IN_DATE ONLY_FULL_GROUP_BY ORACLE " +
		"PAD_CHAR_TO_FULL_LENGTH PIPES_AS_CONCAT POSTGRESQL REAL_AS_FLOAT SIMULTANEOUS_ASSIGNMENT STRICT_ALL_TABLES " +
		"STRICT_TRANS_TABLES TIME_ROUND_FRACTIONAL TRADITIONAL")
)

func modeSet(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// modeFor keeps the flags of mode the target's flavor accepts; a renderer
// bound to no target keeps them all.
func (d Driver) modeFor(mode string) string {
	var valid map[string]bool
	switch d.flavor {
	case flavorMySQL:
		valid = mysqlModes
	case flavorMariaDB:
		valid = mariaDBModes
	default:
		return mode
	}
	flags := strings.Split(mode, ",")
	kept := flags[:0]
	for _, f := range flags {
		if valid[strings.ToUpper(strings.TrimSpace(f))] {
			kept = append(kept, f)
		}
	}
	return strings.Join(kept, ",")
}
