package crossengine_test

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/dbls/dbls/diff/crossengine"
	"github.com/dbls/dbls/drivers/schema"
)

func ptr(s string) *string { return &s }

// mysqlShop is a MariaDB snapshot as the driver reads one.
func mysqlShop() *schema.Snapshot {
	return &schema.Snapshot{Driver: "mysql", Database: "shop", DefaultSchema: "shop", Schemas: []schema.Schema{{
		Name: "shop",
		Tables: []schema.Table{{
			Name: "customers", Kind: schema.TableOrdinary, Options: map[string]string{"engine": "InnoDB"},
			Columns: []schema.Column{
				{Name: "id", Position: 1, Type: "bigint(20) unsigned", AutoIncrement: true},
				{Name: "active", Position: 2, Type: "tinyint(1)", Default: ptr("1")},
				{Name: "tier", Position: 3, Type: "enum('free','Pro','it''s')", Default: ptr("'free'")},
				{Name: "created", Position: 4, Type: "datetime", Default: ptr("current_timestamp()")},
				{Name: "seen", Position: 5, Type: "timestamp", Default: ptr("CURRENT_TIMESTAMP"), OnUpdate: "current_timestamp()"},
				{Name: "attrs", Position: 6, Type: "longtext", Nullable: true, Collation: "utf8mb4_bin"},
				{Name: "shape", Position: 7, Type: "geometry", Nullable: true},
				{Name: "score", Position: 8, Type: "int(10) unsigned", Default: ptr("uuid_short()")},
				{Name: "price", Position: 9, Type: "decimal(10,2)", Default: ptr("0.00")},
			},
			PrimaryKey: &schema.PrimaryKey{Columns: []string{"id"}},
			Indexes: []schema.Index{
				{Name: "ix_shape", Columns: []schema.IndexColumn{{Name: "shape"}}},
				{Name: "ix_tier", Columns: []schema.IndexColumn{{Name: "tier", Length: 3}}},
				{Name: "ft", Method: "FULLTEXT", Columns: []schema.IndexColumn{{Name: "tier"}}},
			},
			Checks: []schema.Check{{Name: "attrs", Column: "attrs", Expr: "json_valid(`attrs`)"}, {Name: "ck", Expr: "`price` >= 0"}},
		}, {
			Name: "orders", Kind: schema.TableOrdinary,
			Options: map[string]string{"engine": "InnoDB", "create_options": "row_format=COMPRESSED",
				"partitioning": "PARTITION BY HASH (`id`) (PARTITION `p0`, PARTITION `p1`)"},
			Columns: []schema.Column{{Name: "id", Type: "int(11)"}, {Name: "customer_id", Type: "bigint(20) unsigned"},
				{Name: "secret", Type: "int(11)", Nullable: true, Invisible: true}},
			Indexes: []schema.Index{{Name: "ix_tier", Columns: []schema.IndexColumn{{Name: "customer_id"}}}}, // same name, other table
			ForeignKeys: []schema.ForeignKey{{Name: "fk", Columns: []string{"customer_id"}, RefSchema: "shop", RefTable: "customers",
				RefColumns: []string{"id"}, OnDelete: "CASCADE", OnUpdate: "RESTRICT"}},
		}},
		Views:    []schema.View{{Name: "v", Definition: "select 1"}},
		Triggers: []schema.Trigger{{Name: "trg", Table: "orders"}},
	}}}
}

// TestConvert: types, defaults, auto-increment, enums and JSON follow the
// mapping for each target; what has no counterpart is left out and listed.
func TestConvert(t *testing.T) {
	for _, tc := range []struct {
		target  string
		schema  string
		columns map[string]string // name → "type default|identity|auto"
		checks  []string
		notes   []string
	}{
		{"postgres", "public", map[string]string{
			"id": "bigint identity=by default", "active": "boolean default=true", "tier": "text default='free'",
			"created": "timestamp without time zone default=CURRENT_TIMESTAMP", "seen": "timestamp with time zone default=CURRENT_TIMESTAMP",
			"attrs": "jsonb", "score": "bigint", "price": "numeric(10,2) default=0.00",
		}, []string{`"tier" IN ('free', 'Pro', 'it''s')`}, nil},
		{"sqlite", "main", map[string]string{
			"id": "INTEGER auto", "active": "BOOLEAN default=1", "tier": "TEXT default='free'",
			"created": "DATETIME default=CURRENT_TIMESTAMP", "seen": "DATETIME default=CURRENT_TIMESTAMP",
			"attrs": "TEXT", "score": "INTEGER", "price": "NUMERIC(10,2) default=0.00",
		}, []string{`"tier" IN ('free', 'Pro', 'it''s')`}, nil},
	} {
		t.Run(tc.target, func(t *testing.T) {
			src := mysqlShop()
			before, _ := schema.Marshal(src)
			out, notes, err := crossengine.Convert(src, tc.target)
			if err != nil {
				t.Fatal(err)
			}
			if after, _ := schema.Marshal(src); string(after) != string(before) {
				t.Error("Convert modified its source")
			}
			if out.Driver != tc.target || len(out.Schemas) != 1 || out.Schemas[0].Name != tc.schema {
				t.Fatalf("snapshot %s %+v", out.Driver, out.Schemas)
			}
			cust := out.Schemas[0].Tables[0]
			if cust.Name != "customers" || len(cust.Options) != 0 {
				t.Fatalf("table %+v", cust)
			}
			got := map[string]string{}
			for _, c := range cust.Columns {
				s := c.Type
				if c.Default != nil {
					s += " default=" + *c.Default
				}
				if c.Identity != "" {
					s += " identity=" + c.Identity
				}
				if c.AutoIncrement {
					s += " auto"
				}
				got[c.Name] = s
			}
			for name, want := range tc.columns {
				if got[name] != want {
					t.Errorf("column %s: %q, want %q", name, got[name], want)
				}
			}
			if _, ok := got["shape"]; ok {
				t.Error("geometry column kept")
			}
			var checks []string
			for _, ck := range cust.Checks {
				checks = append(checks, ck.Expr)
			}
			if !slices.Equal(checks, tc.checks) {
				t.Errorf("checks %q, want %q", checks, tc.checks)
			}
			var ixs []string
			for _, ix := range cust.Indexes {
				ixs = append(ixs, ix.Name)
			}
			if !slices.Equal(ixs, []string{"ix_tier"}) || cust.Indexes[0].Columns[0].Length != 0 {
				t.Errorf("indexes %+v", cust.Indexes)
			}
			orders := out.Schemas[0].Tables[1]
			if orders.Indexes[0].Name != "ix_tier_2" {
				t.Errorf("colliding index name kept: %s", orders.Indexes[0].Name)
			}
			if fk := orders.ForeignKeys[0]; fk.RefSchema != tc.schema || fk.RefTable != "customers" {
				t.Errorf("foreign key %+v", fk)
			}
			all := strings.Join(notes, "\n")
			for _, want := range []string{
				"column shop.customers.id: bigint unsigned values above 9223372036854775807 do not fit",
				"column shop.customers.seen: ON UPDATE current_timestamp() has no counterpart",
				"column shop.customers.shape: type geometry has no mapping to " + tc.target + "; left out",
				"index ix_shape of shop.customers: uses a column left out; left out",
				"index ix_tier of shop.customers: the prefix length of tier is dropped",
				"index ft of shop.customers: FULLTEXT indexes have no counterpart; left out",
				"column shop.customers.score: default uuid_short() has no mapping; left out",
				"check ck of shop.customers: its expression is mysql SQL and is not translated",
				"index ix_tier of shop.orders: renamed ix_tier_2",
				"view shop.v: its query is mysql SQL and is not translated",
				"trigger shop.trg on orders: its body is mysql SQL and is not translated",
				"table shop.orders: partitioning (PARTITION BY HASH (`id`) (PARTITION `p0`, PARTITION `p1`)): no counterpart in " + tc.target,
				"table shop.orders: table options (row_format=COMPRESSED): no counterpart",
				"column shop.orders.secret: INVISIBLE has no counterpart in " + tc.target + "; the column is visible",
			} {
				if !strings.Contains(all, want) {
					t.Errorf("notes lack %q:\n%s", want, all)
				}
			}
			if strings.Contains(all, "collation utf8mb4_bin") {
				t.Errorf("the JSON column's collation is reported:\n%s", all)
			}
		})
	}
}

// TestConvertRefuses: targets and sources without a mapping are errors.
func TestConvertRefuses(t *testing.T) {
	if _, _, err := crossengine.Convert(mysqlShop(), "oracle"); err == nil || !strings.Contains(err.Error(), "into oracle is not supported") {
		t.Errorf("into oracle: %v", err)
	}
	if _, _, err := crossengine.Convert(&schema.Snapshot{Driver: "csv"}, "sqlite"); err == nil {
		t.Error("from csv accepted")
	}
}

// TestFromPostgresAndSQLite: the other directions, including a PostgreSQL
// enum type and serial defaults.
func TestFromPostgresAndSQLite(t *testing.T) {
	pg := &schema.Snapshot{Driver: "postgres", DefaultSchema: "public", Schemas: []schema.Schema{{
		Name:  "public",
		Enums: []schema.Enum{{Name: "mood", Values: []string{"sad", "ok"}}},
		Tables: []schema.Table{{Name: "t", Columns: []schema.Column{
			{Name: "id", Type: "integer", Default: ptr("nextval('t_id_seq'::regclass)")},
			{Name: "m", Type: "mood", Default: ptr("'ok'::mood")},
			{Name: "u", Type: "uuid", Nullable: true},
			{Name: "at", Type: "timestamp(3) without time zone", Default: ptr("now()")},
			{Name: "n", Type: "character varying", Default: ptr("'x'::character varying")},
			{Name: "ip", Type: "inet", Nullable: true},
		}, PrimaryKey: &schema.PrimaryKey{Name: "t_pkey", Columns: []string{"id"}}}},
	}}}
	out, notes, err := crossengine.Convert(pg, "sqlite")
	if err != nil {
		t.Fatal(err)
	}
	cols := out.Schemas[0].Tables[0].Columns
	want := []string{"id INTEGER auto", "m TEXT 'ok'", "u TEXT", "at DATETIME CURRENT_TIMESTAMP", "n TEXT 'x'"}
	var got []string
	for _, c := range cols {
		s := c.Name + " " + c.Type
		if c.Default != nil {
			s += " " + *c.Default
		}
		if c.AutoIncrement {
			s += " auto"
		}
		got = append(got, s)
	}
	if !slices.Equal(got, want) {
		t.Errorf("columns %q, want %q", got, want)
	}
	if len(notes) != 1 || !strings.Contains(notes[0], "type inet has no mapping") {
		t.Errorf("notes %q", notes)
	}

	lite := &schema.Snapshot{Driver: "sqlite", DefaultSchema: "main", Schemas: []schema.Schema{{Name: "main",
		Tables: []schema.Table{{Name: "t", Columns: []schema.Column{
			{Name: "id", Type: "INTEGER", AutoIncrement: true}, {Name: "flag", Type: "BOOLEAN", Default: ptr("0")},
			{Name: "body", Type: "CLOB"}, {Name: "amount", Type: "MONEY", Default: ptr("(0)")},
		}, PrimaryKey: &schema.PrimaryKey{Columns: []string{"id"}}}}}}}
	out, notes, err = crossengine.Convert(lite, "postgres")
	if err != nil || len(notes) != 0 {
		t.Fatal(err, notes)
	}
	got = got[:0]
	for _, c := range out.Schemas[0].Tables[0].Columns {
		s := c.Name + " " + c.Type + " " + c.Identity
		if c.Default != nil {
			s += *c.Default
		}
		got = append(got, s)
	}
	if want := []string{"id bigint by default", "flag boolean false", "body text ", "amount numeric 0"}; !slices.Equal(got, want) {
		t.Errorf("columns %q, want %q", got, want)
	}
}

// TestDocTable: docs/cross-engine.md shows exactly the mapping the code
// applies (the table is generated by crossengine.Markdown).
func TestDocTable(t *testing.T) {
	doc, err := os.ReadFile("../../docs/cross-engine.md")
	if err != nil {
		t.Fatal(err)
	}
	const begin, end = "<!-- mapping:begin (generated by crossengine.Markdown; TestDocTable checks it) -->\n", "<!-- mapping:end -->"
	_, rest, ok := strings.Cut(string(doc), begin)
	table, _, ok2 := strings.Cut(rest, end)
	if !ok || !ok2 {
		t.Fatal("docs/cross-engine.md lacks the mapping markers")
	}
	if want := crossengine.Markdown(); table != want {
		t.Fatalf("docs/cross-engine.md's table differs from the code's; replace it with:\n%s", want)
	}
}

// TestIntoMySQL: MySQL's own rules: enums stay enums, keyed unbounded text
// gets a length, booleans are tinyint(1) with 0/1 defaults, names stay
// unqualified, and foreign key names (per database there) are made unique.
func TestIntoMySQL(t *testing.T) {
	fk := func(name string) []schema.ForeignKey {
		return []schema.ForeignKey{{Name: name, Columns: []string{"code"}, RefSchema: "public", RefTable: "a", RefColumns: []string{"code"}}}
	}
	pg := &schema.Snapshot{Driver: "postgres", DefaultSchema: "public", Schemas: []schema.Schema{{
		Name:  "public",
		Enums: []schema.Enum{{Name: "mood", Values: []string{"sad", "ok"}}},
		Tables: []schema.Table{
			{Name: "a", Columns: []schema.Column{
				{Name: "code", Type: "text"}, {Name: "m", Type: "mood"}, {Name: "on", Type: "boolean", Default: ptr("true")},
				{Name: "body", Type: "text"}, {Name: "id", Type: "bigint", Identity: schema.IdentityAlways},
			}, PrimaryKey: &schema.PrimaryKey{Columns: []string{"code"}}},
			{Name: "b", Columns: []schema.Column{{Name: "code", Type: "text"}}, ForeignKeys: fk("fk")},
			{Name: "c", Columns: []schema.Column{{Name: "code", Type: "text"}}, ForeignKeys: fk("fk")},
		},
	}}}
	out, notes, err := crossengine.Convert(pg, "mysql")
	if err != nil {
		t.Fatal(err)
	}
	if sc := out.Schemas[0]; sc.Name != "" || out.DefaultSchema != "" {
		t.Fatalf("schema %q default %q: names must stay unqualified", sc.Name, out.DefaultSchema)
	}
	var got []string
	for _, c := range out.Schemas[0].Tables[0].Columns {
		s := c.Name + " " + c.Type
		if c.Default != nil {
			s += " " + *c.Default
		}
		got = append(got, s)
	}
	if want := []string{"code varchar(255)", "m enum('sad', 'ok')", "on tinyint(1) 1", "body longtext", "id bigint"}; !slices.Equal(got, want) {
		t.Errorf("columns %q, want %q", got, want)
	}
	if len(out.Schemas[0].Tables[0].Checks) != 0 {
		t.Errorf("enum became a check: %+v", out.Schemas[0].Tables[0].Checks)
	}
	b, c := out.Schemas[0].Tables[1].ForeignKeys[0], out.Schemas[0].Tables[2].ForeignKeys[0]
	if b.Name != "fk" || c.Name != "fk_2" || b.RefSchema != "" {
		t.Errorf("foreign keys %+v %+v", b, c)
	}
	all := strings.Join(notes, "\n")
	for _, want := range []string{"column public.a.code: an indexed text column becomes varchar(255)", "foreign key fk of public.c: renamed fk_2",
		"column public.a.id: auto-increment has no counterpart"} {
		if !strings.Contains(all, want) {
			t.Errorf("notes lack %q:\n%s", want, all)
		}
	}
}
