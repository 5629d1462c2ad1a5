package postgres

// The options of an identity column's sequence (START WITH, INCREMENT BY…)
// that differ from PostgreSQL's defaults for its type, as
// schema.Column.IdentityOptions: name=value words, in the order of
// identityKeys.

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/dbls/dbls/drivers/ddl"
	"github.com/dbls/dbls/drivers/schema"
)

// identityOptionsSQL reads the sequence behind every identity column.
var identityOptionsSQL = `SELECT d.refobjid, d.refobjsubid::int2, format_type(s.seqtypid, NULL),
	s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle
FROM pg_depend d JOIN pg_sequence s ON s.seqrelid = d.objid
	JOIN pg_class c ON c.oid = d.refobjid JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass AND d.deptype = 'i'
	AND d.refobjsubid > 0 AND ` + schemaFilter + ` AND ` + objectFilter("c.relname")

var identityKeys = []string{"increment", "minvalue", "maxvalue", "start", "cache", "cycle"}

// seqOpts are a sequence's options as pg_sequence holds them.
type seqOpts struct {
	typ                               string
	start, increment, min, max, cache int64
	cycle                             bool
}

func (b *builder) scanIdentityOptions(rows pgx.Rows) error {
	var (
		rel uint32
		num int16
		o   seqOpts
	)
	if err := rows.Scan(&rel, &num, &o.typ, &o.start, &o.increment, &o.min, &o.max, &o.cache, &o.cycle); err != nil {
		return err
	}
	r := b.rels[rel]
	if r == nil || r.table == nil || int(num) >= len(r.attNames) {
		return nil
	}
	for i := range r.table.Columns {
		if c := &r.table.Columns[i]; c.Name == r.attNames[num] {
			c.IdentityOptions = identityOptions(o)
		}
	}
	return nil
}

// typeRange is the smallest and largest value of an integer type.
func typeRange(typ string) (int64, int64) {
	switch typ {
	case "smallint":
		return -32768, 32767
	case "integer":
		return -2147483648, 2147483647
	}
	return -9223372036854775808, 9223372036854775807
}

// identityOptions writes the options that differ from the defaults: for
// an ascending sequence minvalue 1, maxvalue the type's largest, start
// at minvalue; for a descending one the mirror; cache 1, no cycle.
func identityOptions(o seqOpts) string {
	lo, hi := typeRange(o.typ)
	defMin, defMax, defStart := int64(1), hi, o.min
	if o.increment < 0 {
		defMin, defMax, defStart = lo, -1, o.max
	}
	var out []string
	add := func(differs bool, k string, v string) {
		if differs {
			out = append(out, k+"="+v)
		}
	}
	i := func(n int64) string { return strconv.FormatInt(n, 10) }
	add(o.increment != 1, "increment", i(o.increment))
	add(o.min != defMin, "minvalue", i(o.min))
	add(o.max != defMax, "maxvalue", i(o.max))
	add(o.start != defStart, "start", i(o.start))
	add(o.cache != 1, "cache", i(o.cache))
	add(o.cycle, "cycle", "true")
	return strings.Join(out, " ")
}

// parseIdentityOptions reads IdentityOptions back; a word that is not one
// of identityKeys with an integer value (or cycle=true) is refused: it
// came from a hand-made snapshot and would be written into SQL.
func parseIdentityOptions(s string) (map[string]string, error) {
	out := map[string]string{}
	for _, w := range strings.Fields(s) {
		k, v, _ := strings.Cut(w, "=")
		_, err := strconv.ParseInt(v, 10, 64)
		switch {
		case k == "cycle" && v == "true":
		case k != "cycle" && slices.Contains(identityKeys, k) && err == nil:
		default:
			return nil, fmt.Errorf("identity option %q is not one of %s with an integer value", w, strings.Join(identityKeys, ", "))
		}
		out[k] = v
	}
	return out, nil
}

// identityClause is the " (…)" after AS IDENTITY for the options, "" for
// none.
func identityClause(s string) (string, error) {
	opts, err := parseIdentityOptions(s)
	if err != nil || len(opts) == 0 {
		return "", err
	}
	var parts []string
	for _, k := range identityKeys {
		if v, ok := opts[k]; ok {
			parts = append(parts, identityWord(k, v))
		}
	}
	return " (" + strings.Join(parts, " ") + ")", nil
}

func identityWord(k, v string) string {
	switch k {
	case "increment":
		return "INCREMENT BY " + v
	case "minvalue":
		return "MINVALUE " + v
	case "maxvalue":
		return "MAXVALUE " + v
	case "start":
		return "START WITH " + v
	case "cache":
		return "CACHE " + v
	}
	return "CYCLE"
}

// identityAlter is the SET list that gives an existing identity column the
// options s: every option is set, the absent ones to their defaults, so
// that options the column loses are reset too.
func identityAlter(s string) (string, error) {
	opts, err := parseIdentityOptions(s)
	if err != nil {
		return "", err
	}
	inc := opts["increment"]
	if inc == "" {
		inc = "1"
	}
	parts := []string{"SET INCREMENT BY " + inc}
	for _, k := range []string{"minvalue", "maxvalue"} {
		if v, ok := opts[k]; ok {
			parts = append(parts, "SET "+identityWord(k, v))
		} else {
			parts = append(parts, "SET NO "+strings.ToUpper(k))
		}
	}
	start, ok := opts["start"]
	if !ok { // the default start: the first value in the direction of increment
		start = opts["minvalue"]
		if strings.HasPrefix(inc, "-") {
			start = opts["maxvalue"]
			if start == "" {
				start = "-1"
			}
		} else if start == "" {
			start = "1"
		}
	}
	parts = append(parts, "SET START WITH "+start)
	cache := opts["cache"]
	if cache == "" {
		cache = "1"
	}
	parts = append(parts, "SET CACHE "+cache)
	if opts["cycle"] == "true" {
		parts = append(parts, "SET CYCLE")
	} else {
		parts = append(parts, "SET NO CYCLE")
	}
	return strings.Join(parts, " "), nil
}

// checkIdentityOptions refuses a change whose columns carry identity
// options that are not ours to write (see parseIdentityOptions), before
// anything is rendered.
func checkIdentityOptions(c ddl.Change) error {
	var cols []schema.Column
	switch c := c.(type) {
	case ddl.CreateTable:
		cols = c.Table.Columns
	case ddl.AddColumn:
		cols = []schema.Column{c.Column}
	case ddl.AlterColumn:
		cols = []schema.Column{c.To}
	}
	for _, col := range cols {
		if _, err := parseIdentityOptions(col.IdentityOptions); err != nil {
			return fmt.Errorf("column %s: %w", col.Name, err)
		}
	}
	return nil
}
