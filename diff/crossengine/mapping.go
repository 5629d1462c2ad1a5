package crossengine

import (
	"fmt"
	"strings"
)

// Mapping is one row of the documented type mapping: a source type and
// what it becomes in each target, as Convert does it (the rows are
// computed, not written by hand).
type Mapping struct {
	From, Type              string
	MySQL, Postgres, SQLite string
	Note                    string
}

// examples are the source types the documentation shows.
var examples = []struct{ from, typ string }{
	{"mysql", "tinyint(1)"}, {"mysql", "tinyint"}, {"mysql", "tinyint unsigned"}, {"mysql", "smallint"},
	{"mysql", "smallint unsigned"}, {"mysql", "mediumint"}, {"mysql", "int"}, {"mysql", "int unsigned"},
	{"mysql", "bigint"}, {"mysql", "bigint unsigned"}, {"mysql", "decimal(10,2)"}, {"mysql", "float"},
	{"mysql", "double"}, {"mysql", "char(12)"}, {"mysql", "varchar(80)"}, {"mysql", "text"}, {"mysql", "mediumtext"},
	{"mysql", "longtext"}, {"mysql", "json"}, {"mysql", "blob"}, {"mysql", "varbinary(16)"}, {"mysql", "date"},
	{"mysql", "time"}, {"mysql", "datetime"}, {"mysql", "datetime(3)"}, {"mysql", "timestamp"}, {"mysql", "year"},
	{"mysql", "enum('a','b')"}, {"mysql", "set('a','b')"}, {"mysql", "bit(1)"}, {"mysql", "geometry"},
	{"postgres", "boolean"}, {"postgres", "smallint"}, {"postgres", "integer"}, {"postgres", "bigint"},
	{"postgres", "numeric(10,2)"}, {"postgres", "real"}, {"postgres", "double precision"},
	{"postgres", "character(2)"}, {"postgres", "character varying(80)"}, {"postgres", "text"},
	{"postgres", "jsonb"}, {"postgres", "bytea"}, {"postgres", "date"}, {"postgres", "timestamp without time zone"},
	{"postgres", "timestamp with time zone"}, {"postgres", "uuid"}, {"postgres", "an enum type"},
	{"postgres", "inet"}, {"postgres", "integer[]"},
	{"sqlite", "INTEGER"}, {"sqlite", "BOOLEAN"}, {"sqlite", "REAL"}, {"sqlite", "NUMERIC(10,2)"},
	{"sqlite", "VARCHAR(80)"}, {"sqlite", "TEXT"}, {"sqlite", "BLOB"}, {"sqlite", "DATE"}, {"sqlite", "DATETIME"},
	{"sqlite", "JSON"}, {"sqlite", "MONEY"},
}

// Mappings returns the documented type mapping.
func Mappings() []Mapping {
	var out []Mapping
	for _, ex := range examples {
		enums := map[string][]string{"an enum type": {"a", "b"}}
		ct := parse(ex.from, ex.typ, enums)
		m := Mapping{From: ex.from, Type: ex.typ, Note: ct.lossy}
		cell := func(target string) string {
			if ex.from == target {
				return "(same)"
			}
			t, err := write(target, ct)
			if err != nil {
				return "—"
			}
			if ct.kind == enum && target != "mysql" {
				t += " + CHECK (col IN (…))"
			}
			return t
		}
		m.MySQL, m.Postgres, m.SQLite = cell("mysql"), cell("postgres"), cell("sqlite")
		if m.Note == "" && (m.MySQL == "—" || m.Postgres == "—" || m.SQLite == "—") {
			m.Note = "no mapping: the column is left out and listed"
		}
		out = append(out, m)
	}
	return out
}

// Markdown renders the mapping as the table docs/cross-engine.md shows.
func Markdown() string {
	var b strings.Builder
	b.WriteString("| from | source type | MySQL/MariaDB | PostgreSQL | SQLite | note |\n|---|---|---|---|---|---|\n")
	for _, m := range Mappings() {
		fmt.Fprintf(&b, "| %s | `%s` | %s | %s | %s | %s |\n", m.From, m.Type, code(m.MySQL), code(m.Postgres), code(m.SQLite), m.Note)
	}
	return b.String()
}

func code(s string) string {
	if s == "—" || s == "(same)" {
		return s
	}
	return "`" + s + "`"
}
