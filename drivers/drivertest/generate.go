package drivertest

import (
	"fmt"
	"strings"

	"github.com/dbls/dbls/drivers/schema"
)

// LargeSchema returns DDL for a generated schema of n tables in the given
// dialect ("postgres", "mysql" or "sqlite"), split into scripts of at most
// batch tables each so that no single request grows without bound. Every
// table has 20 columns of mixed types, a primary key, a foreign key to the
// previous table, a composite index and a unique index: the shape the
// snapshot benchmarks measure (see docs/testing.md).
func LargeSchema(dialect string, n, batch int) []string {
	var scripts []string
	var b strings.Builder
	for i := range n {
		writeTable(&b, dialect, i)
		if (i+1)%batch == 0 || i == n-1 {
			script := b.String()
			if dialect == "sqlite" {
				script = "BEGIN;\n" + script + "COMMIT;\n" // one fsync, not thousands
			}
			scripts = append(scripts, script)
			b.Reset()
		}
	}
	return scripts
}

// largeColumns are the 17 columns after id, parent_id and name.
var largeColumns = []struct{ name, pg, my, lite string }{
	{"code", "varchar(32) NOT NULL", "varchar(32) NOT NULL", "TEXT NOT NULL"},
	{"status", "varchar(16) NOT NULL DEFAULT 'new'", "varchar(16) NOT NULL DEFAULT 'new'", "TEXT NOT NULL DEFAULT 'new'"},
	{"qty", "integer NOT NULL DEFAULT 0", "int NOT NULL DEFAULT 0", "INTEGER NOT NULL DEFAULT 0"},
	{"price", "numeric(12,2)", "decimal(12,2)", "NUMERIC(12,2)"},
	{"weight", "double precision", "double", "REAL"},
	{"active", "boolean NOT NULL DEFAULT true", "tinyint(1) NOT NULL DEFAULT 1", "INTEGER NOT NULL DEFAULT 1"},
	{"created_at", "timestamptz NOT NULL DEFAULT now()", "timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP", "TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP"},
	{"updated_at", "timestamptz", "datetime", "TEXT"},
	{"due_on", "date", "date", "TEXT"},
	{"note", "text", "text", "TEXT"},
	{"email", "varchar(200)", "varchar(200)", "TEXT"},
	{"phone", "varchar(40)", "varchar(40)", "TEXT"},
	{"country", "char(2)", "char(2)", "TEXT"},
	{"rating", "smallint CHECK (rating BETWEEN 1 AND 5)", "smallint CHECK (rating BETWEEN 1 AND 5)", "INTEGER CHECK (rating BETWEEN 1 AND 5)"},
	{"score", "bigint", "bigint", "INTEGER"},
	{"payload", "jsonb", "json", "TEXT"},
	{"external_id", "varchar(64)", "varchar(64)", "TEXT"},
}

func writeTable(b *strings.Builder, dialect string, i int) {
	idType := map[string]string{"postgres": "integer", "mysql": "int", "sqlite": "INTEGER"}[dialect]
	fmt.Fprintf(b, "CREATE TABLE t%05d (\n  id %s NOT NULL PRIMARY KEY,\n  parent_id %s,\n  name varchar(100) NOT NULL", i, idType, idType)
	for _, c := range largeColumns {
		typ := map[string]string{"postgres": c.pg, "mysql": c.my, "sqlite": c.lite}[dialect]
		fmt.Fprintf(b, ",\n  %s %s", c.name, typ)
	}
	if i > 0 {
		fmt.Fprintf(b, ",\n  CONSTRAINT fk_t%05d_parent FOREIGN KEY (parent_id) REFERENCES t%05d (id) ON DELETE SET NULL", i, i-1)
	}
	b.WriteString("\n);\n")
	fmt.Fprintf(b, "CREATE INDEX ix_t%05d_status ON t%05d (status, created_at);\n", i, i)
	fmt.Fprintf(b, "CREATE UNIQUE INDEX ux_t%05d_code ON t%05d (code, country);\n", i, i)
}

// LargeSnapshot builds in memory a PostgreSQL catalog of tables tables of
// cols columns in two schemas (one table in ten in "archive", outside the
// search path), each table with a foreign key to the one before it: the
// snapshot the language server's benchmarks complete against. Each table
// also has what the PostgreSQL reader finds on a LargeSchema table (a named
// primary key, two indexes, a check, defaults and NOT NULLs, all with their
// definitions), so that decoding and indexing it costs what a real catalog
// of that size does.
func LargeSnapshot(tables, cols int) *schema.Snapshot {
	snap := &schema.Snapshot{Driver: "postgres", DefaultSchema: "public", SearchPath: []string{"public"},
		Schemas: []schema.Schema{{Name: "public"}, {Name: "archive"}}}
	for i := range tables {
		sc := &snap.Schemas[i%10/9]
		t := largeTable(i, cols)
		if i > 0 {
			prev := &snap.Schemas[(i-1)%10/9]
			t.Columns[1].Name = "parent_id"
			t.ForeignKeys = []schema.ForeignKey{{Name: fmt.Sprintf("fk_t_%05d_parent", i), Columns: []string{"parent_id"},
				RefSchema: prev.Name, RefTable: fmt.Sprintf("t_%05d", i-1), RefColumns: []string{"id"},
				OnDelete: "SET NULL", OnUpdate: "NO ACTION"}}
		}
		sc.Tables = append(sc.Tables, t)
	}
	return snap
}

// largeDefaults are the defaults of LargeSchema's columns as PostgreSQL
// spells them, given to the columns of the same positions.
var largeDefaults = map[int]string{4: "'new'::character varying", 5: "0", 8: "true", 9: "now()"}

// largeTable is table i of LargeSnapshot without its foreign key.
func largeTable(i, cols int) schema.Table {
	name := fmt.Sprintf("t_%05d", i)
	t := schema.Table{Name: name, Kind: schema.TableOrdinary,
		PrimaryKey: &schema.PrimaryKey{Name: name + "_pkey", Columns: []string{"id"}, Definition: "PRIMARY KEY (id)"}}
	t.Columns = make([]schema.Column, 0, cols)
	t.Columns = append(t.Columns, schema.Column{Name: "id", Position: 1, Type: "bigint"})
	for c := 1; c < cols; c++ {
		col := schema.Column{Name: fmt.Sprintf("c%02d_%d", c, i%7), Position: c + 1, Type: "text", Nullable: c%3 != 2}
		if d, ok := largeDefaults[c]; ok {
			col.Default = &d
		}
		t.Columns = append(t.Columns, col)
	}
	if cols < 4 {
		return t
	}
	a, b := t.Columns[cols-1].Name, t.Columns[cols-2].Name
	t.Indexes = []schema.Index{
		{Name: "ix_" + name + "_" + a, Columns: []schema.IndexColumn{{Name: a}, {Name: b}}, Method: "btree",
			Definition: "USING btree (" + a + ", " + b + ")"},
		{Name: "ux_" + name + "_" + b, Columns: []schema.IndexColumn{{Name: b}, {Name: a}}, Unique: true, Method: "btree",
			Definition: "USING btree (" + b + ", " + a + ")"},
	}
	expr := "length(" + a + ") <= 200"
	t.Checks = []schema.Check{{Name: name + "_" + a + "_check", Expr: expr, Column: a, Definition: "CHECK (" + expr + ")"}}
	return t
}
