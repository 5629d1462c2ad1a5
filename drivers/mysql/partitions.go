package mysql

// Table options beyond engine and character set (ROW_FORMAT,
// KEY_BLOCK_SIZE, STATS_PERSISTENT…, as information_schema.TABLES'
// CREATE_OPTIONS lists them) and partitioning (PARTITION BY … as
// information_schema.PARTITIONS describes it), as schema options:
//
//   - Table.Options["create_options"]: "name=value" pairs, names lower
//     case, sorted, space-separated;
//   - Table.Options["partitioning"]: the whole PARTITION BY clause.
//
// Partitions are read only for the tables CREATE_OPTIONS marks
// "partitioned": information_schema.PARTITIONS opens every table it
// lists, and most catalogs have no partitioned table at all.

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/dbls/dbls/drivers/ddl"
)

// createOptions normalizes CREATE_OPTIONS; "partitioned" is said by
// Options["partitioning"] instead.
func createOptions(s string) string {
	var out []string
	for _, f := range strings.Fields(s) {
		name, value, ok := strings.Cut(f, "=")
		if !ok {
			continue // "partitioned"
		}
		out = append(out, strings.ToLower(name)+"="+value)
	}
	slices.Sort(out)
	return strings.Join(out, " ")
}

// createOptionRE is what one create option may be: the server's own
// spelling is names and plain values; anything else came from a hand-made
// snapshot and is refused rather than written into SQL.
var createOptionRE = regexp.MustCompile(`^[a-z_]+=[A-Za-z0-9_]+$`)

// createOptionDefault is how an option a table no longer has is set back.
func createOptionDefault(name string) string {
	switch name {
	case "key_block_size", "max_rows", "min_rows", "avg_row_length", "checksum", "delay_key_write":
		return "0"
	}
	return "DEFAULT"
}

func parseCreateOptions(s string) (map[string]string, error) {
	out := map[string]string{}
	for _, f := range strings.Fields(s) {
		if !createOptionRE.MatchString(f) {
			return nil, fmt.Errorf("table option %q is not name=value", f)
		}
		name, value, _ := strings.Cut(f, "=")
		out[name] = value
	}
	return out, nil
}

// createOptionsSQL writes options as CREATE/ALTER TABLE options.
func createOptionsSQL(s string) (string, error) {
	opts, err := parseCreateOptions(s)
	if err != nil {
		return "", err
	}
	var parts []string
	for _, f := range strings.Fields(s) {
		name, _, _ := strings.Cut(f, "=")
		parts = append(parts, strings.ToUpper(name)+"="+opts[name])
	}
	return strings.Join(parts, " "), nil
}

type partitionRow struct {
	schema, table         string
	name, subName         sql.NullString
	method, subMethod     sql.NullString
	expr, subExpr         sql.NullString
	description, comment  sql.NullString
	position, subPosition sql.NullInt64
}

// readPartitions reads the partitions of the tables named, in order.
func (r *reader) readPartitions(ctx context.Context, tables [][2]string) (map[objKey]string, error) {
	if len(tables) == 0 {
		return nil, nil
	}
	var ors []string
	var args []any
	for _, t := range tables {
		ors = append(ors, "(TABLE_SCHEMA = ? AND TABLE_NAME = ?)")
		args = append(args, t[0], t[1])
	}
	q := `SELECT TABLE_SCHEMA, TABLE_NAME, PARTITION_NAME, SUBPARTITION_NAME, PARTITION_METHOD, SUBPARTITION_METHOD,
	PARTITION_EXPRESSION, SUBPARTITION_EXPRESSION, PARTITION_DESCRIPTION, PARTITION_COMMENT,
	PARTITION_ORDINAL_POSITION, SUBPARTITION_ORDINAL_POSITION
FROM information_schema.PARTITIONS
WHERE PARTITION_NAME IS NOT NULL AND (` + strings.Join(ors, " OR ") + `)
ORDER BY TABLE_SCHEMA, TABLE_NAME, PARTITION_ORDINAL_POSITION, SUBPARTITION_ORDINAL_POSITION`
	byTable := map[objKey][]partitionRow{}
	var order []objKey
	err := r.scan(ctx, "partitions", q, args, func(rows *sql.Rows) error {
		var p partitionRow
		if err := rows.Scan(&p.schema, &p.table, &p.name, &p.subName, &p.method, &p.subMethod,
			&p.expr, &p.subExpr, &p.description, &p.comment, &p.position, &p.subPosition); err != nil {
			return err
		}
		k := objKey{p.schema, "", p.table}
		if _, ok := byTable[k]; !ok {
			order = append(order, k)
		}
		byTable[k] = append(byTable[k], p)
		return nil
	})
	if err != nil {
		return nil, err
	}
	out := make(map[objKey]string, len(order))
	for _, k := range order {
		if byTable[k][0].method.String != "SYSTEM_TIME" {
			out[k] = partitionClause(byTable[k])
			continue
		}
		// MariaDB's INTERVAL or LIMIT of history partitions is in no
		// information_schema table: the server's own text says it.
		clause, err := r.showPartitioning(ctx, k.schema, k.name)
		if err != nil {
			return nil, err
		}
		out[k] = clause
	}
	return out, nil
}

// showPartitioning is the PARTITION BY clause of SHOW CREATE TABLE, on one
// line.
func (r *reader) showPartitioning(ctx context.Context, schemaName, table string) (string, error) {
	var name, create string
	stmt := "SHOW CREATE TABLE " + q(schemaName) + "." + q(table)
	if err := r.c.db.QueryRowContext(ctx, stmt).Scan(&name, &create); err != nil {
		return "", r.readError("partitions", err)
	}
	// The server starts the clause on a line of its own.
	i := strings.LastIndex(create, "\n PARTITION BY ")
	if i < 0 {
		return "", nil
	}
	clause := create[i+len("\n PARTITION BY "):]
	return "PARTITION BY " + strings.Join(strings.Fields(clause), " "), nil
}

// partitionClause writes PARTITION BY for a table's rows, every partition
// (and subpartition) named, so that the clause is the same however the
// table was created (PARTITIONS 4 or four named partitions).
func partitionClause(rows []partitionRow) string {
	first := rows[0]
	method := first.method.String
	var b strings.Builder
	b.WriteString("PARTITION BY " + method + " (" + first.expr.String + ")")
	if first.subMethod.Valid && first.subMethod.String != "" {
		b.WriteString(" SUBPARTITION BY " + first.subMethod.String + " (" + first.subExpr.String + ")")
	}
	var parts []string
	for i := 0; i < len(rows); {
		p := rows[i]
		var s strings.Builder
		s.WriteString("PARTITION " + q(p.name.String))
		s.WriteString(partitionValues(method, p.description))
		if p.comment.String != "" {
			s.WriteString(" COMMENT = " + quoteLiteral(p.comment.String))
		}
		var subs []string
		for ; i < len(rows) && rows[i].name == p.name; i++ {
			if rows[i].subName.Valid {
				sub := "SUBPARTITION " + q(rows[i].subName.String)
				subs = append(subs, sub)
			}
		}
		if len(subs) > 0 {
			s.WriteString(" (" + strings.Join(subs, ", ") + ")")
		}
		parts = append(parts, s.String())
	}
	b.WriteString(" (" + strings.Join(parts, ", ") + ")")
	return b.String()
}

// partitionValues is a partition's VALUES clause for its method.
func partitionValues(method string, desc sql.NullString) string {
	d := desc.String
	switch {
	case strings.HasPrefix(method, "RANGE") && d == "MAXVALUE":
		if method == "RANGE" {
			return " VALUES LESS THAN MAXVALUE"
		}
		return " VALUES LESS THAN (MAXVALUE)"
	case strings.HasPrefix(method, "RANGE"):
		return " VALUES LESS THAN (" + d + ")"
	case strings.HasPrefix(method, "LIST") && d == "DEFAULT":
		return " DEFAULT"
	case strings.HasPrefix(method, "LIST"):
		return " VALUES IN (" + d + ")"
	}
	return ""
}

// checkPartitioning refuses a clause that could end its statement: the
// clause is the catalog's text, but a snapshot file can hold anything.
func checkPartitioning(clause string) error {
	if strings.ContainsAny(clause, ";\x00") || !strings.HasPrefix(clause, "PARTITION BY ") {
		return fmt.Errorf("partitioning %q is not a PARTITION BY clause", clause)
	}
	return nil
}

// setStorage changes a table's engine, default collation, options and
// partitioning in place (ddl.SetStorage).
func (r renderer) setStorage(c ddl.SetStorage) ([]string, error) {
	name := r.qualify(r.name)
	from, to := c.Current.Options, c.Desired.Options
	var opts []string
	if to["engine"] != from["engine"] && safeWord(to["engine"]) {
		opts = append(opts, "ENGINE="+to["engine"])
	}
	if co := to["collation"]; co != from["collation"] && safeWord(co) && safeWord(to["charset"]) {
		opts = append(opts, "DEFAULT CHARSET="+to["charset"]+" COLLATE="+co)
	}
	old, err := parseCreateOptions(from["create_options"])
	if err != nil {
		return nil, fmt.Errorf("table %s: %w", name, err)
	}
	want, err := parseCreateOptions(to["create_options"])
	if err != nil {
		return nil, fmt.Errorf("table %s: %w", name, err)
	}
	for _, k := range slices.Sorted(maps.Keys(want)) {
		if old[k] != want[k] {
			opts = append(opts, strings.ToUpper(k)+"="+want[k])
		}
	}
	for _, k := range slices.Sorted(maps.Keys(old)) {
		if _, ok := want[k]; !ok {
			opts = append(opts, strings.ToUpper(k)+"="+createOptionDefault(k))
		}
	}
	var out []string
	if len(opts) > 0 {
		out = append(out, "ALTER TABLE "+name+" "+strings.Join(opts, ", "))
	}
	if p := to["partitioning"]; p != from["partitioning"] {
		if p == "" {
			out = append(out, "ALTER TABLE "+name+" REMOVE PARTITIONING")
		} else if err := checkPartitioning(p); err != nil {
			return nil, fmt.Errorf("table %s: %w", name, err)
		} else if added, ok := addedPartitions(from["partitioning"], p); ok {
			out = append(out, "ALTER TABLE "+name+" ADD PARTITION ("+strings.Join(added, ", ")+")")
		} else {
			out = append(out, "ALTER TABLE "+name+" "+p)
		}
	}
	return out, nil
}

// splitPartitioning cuts a clause into its head (PARTITION BY … and any
// SUBPARTITION BY) and its partitions, each "PARTITION …": the partition
// list is the last group in parentheses at the top level, split at its
// top-level commas. Quoted values may hold parentheses and commas.
func splitPartitioning(clause string) (head string, parts []string) {
	depth, start, last := 0, -1, -1
	var quote byte
	var commas []int
	for i := 0; i < len(clause); i++ {
		c := clause[i]
		switch {
		case quote != 0:
			if c == '\\' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"' || c == '`':
			quote = c
		case c == '(':
			if depth == 0 {
				start, commas = i, nil
			}
			depth++
		case c == ')':
			depth--
			if depth == 0 {
				last = i
			}
		case c == ',' && depth == 1:
			commas = append(commas, i)
		}
	}
	if start < 0 || last != len(clause)-1 {
		return clause, nil
	}
	prev := start + 1
	for _, c := range append(commas, last) {
		parts = append(parts, strings.TrimSpace(clause[prev:c]))
		prev = c + 1
	}
	return strings.TrimSpace(clause[:start]), parts
}

// addedPartitions returns the partitions to, a RANGE or LIST clause,
// appends to from's, when that is its only change: ALTER TABLE … ADD
// PARTITION moves no rows, where a new PARTITION BY copies the table.
func addedPartitions(from, to string) ([]string, bool) {
	fh, fp := splitPartitioning(from)
	th, tp := splitPartitioning(to)
	if fh != th || len(fp) == 0 || len(tp) <= len(fp) || !slices.Equal(fp, tp[:len(fp)]) {
		return nil, false
	}
	if strings.Contains(th, "SUBPARTITION BY") ||
		!(strings.HasPrefix(th, "PARTITION BY RANGE") || strings.HasPrefix(th, "PARTITION BY LIST")) {
		return nil, false
	}
	return tp[len(fp):], true
}
