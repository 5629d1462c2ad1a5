package postgres

import (
	"slices"
	"strings"
	"testing"

	"github.com/dbls/dbls/drivers/ddl"
	"github.com/dbls/dbls/drivers/schema"
)

// TestRenderTypes is the rendered SQL of every change to extensions,
// composite and range types and collations, with names that need quoting.
// Execution is covered by diff's convergence cases.
func TestRenderTypes(t *testing.T) {
	ext := schema.Extension{Name: "pg_trgm", Version: "1.6", Comment: "it's trigrams"}
	ext2 := ext
	ext2.Version = "1.7"
	addr := schema.CompositeType{Name: "Addr", Comment: "an address", Attributes: []schema.Column{
		{Name: "street", Type: "text", Collation: "C"}, {Name: "zip code", Type: "character varying(10)"}, {Name: "n", Type: "integer"}}}
	addr2 := addr
	addr2.Comment = ""
	addr2.Attributes = []schema.Column{{Name: "street", Type: "text"}, {Name: "zip code", Type: "text"}, {Name: "city", Type: "text", Collation: "c\"i"}}
	rng := schema.RangeType{Name: "float range", Subtype: "double precision", SubtypeDiff: "float8mi", Opclass: "public.my_ops",
		Collation: "", MultirangeName: "floats", Comment: "floats"}
	coll := schema.Collation{Name: "ci", Provider: "icu", Locale: "und-u-ks-level2", Comment: "case-insensitive"}
	canon := schema.RangeType{Name: "evens", Subtype: "integer", Canonical: "s.evens_canon"}
	canonFn := schema.Routine{Name: "evens_canon", Kind: schema.RoutineFunction, Params: []schema.Parameter{{Type: "evens"}},
		Returns: "evens", Language: "internal",
		Definition: "CREATE OR REPLACE FUNCTION s.evens_canon(evens) RETURNS evens LANGUAGE internal IMMUTABLE STRICT AS $$int4range_canonical$$"}
	libc := schema.Collation{Name: `My "C"`, Provider: "libc", LcCollate: "C", LcCtype: "C", Deterministic: true}
	cases := []struct {
		name string
		c    ddl.Change
		want []string
	}{
		{"extension create", ddl.CreateExtension{Schema: "ext s", Extension: ext}, []string{
			`CREATE EXTENSION "pg_trgm" SCHEMA "ext s" VERSION '1.6'`,
			`COMMENT ON EXTENSION "pg_trgm" IS 'it''s trigrams'`}},
		{"extension update", ddl.AlterExtension{Schema: "public", From: ext, To: ext2},
			[]string{`ALTER EXTENSION "pg_trgm" UPDATE TO '1.7'`}},
		{"extension moved", ddl.AlterExtension{Schema: "ext s", FromSchema: "public", From: ext, To: ext},
			[]string{`ALTER EXTENSION "pg_trgm" SET SCHEMA "ext s"`}},
		{"extension drop", ddl.DropExtension{Schema: "public", Extension: ext}, []string{`DROP EXTENSION "pg_trgm"`}},
		{"composite create", ddl.CreateComposite{Schema: "public", Composite: addr}, []string{
			`CREATE TYPE "public"."Addr" AS ("street" text COLLATE "C", "zip code" character varying(10), "n" integer)`,
			`COMMENT ON TYPE "public"."Addr" IS 'an address'`}},
		{"composite alter", ddl.AlterComposite{Schema: "public", From: addr, To: addr2}, []string{
			`ALTER TYPE "public"."Addr" DROP ATTRIBUTE "n" CASCADE, ALTER ATTRIBUTE "street" TYPE text CASCADE, ALTER ATTRIBUTE "zip code" TYPE text CASCADE, ADD ATTRIBUTE "city" text COLLATE "c""i" CASCADE`}},
		{"typed table bound", ddl.SetTableType{On: ddl.On{Schema: "s", Table: "t x"}, OfType: "s.person"},
			[]string{`ALTER TABLE "s"."t x" OF s.person`}},
		{"typed table unbound", ddl.SetTableType{On: ddl.On{Schema: "s", Table: "t x"}, From: "s.person"},
			[]string{`ALTER TABLE "s"."t x" NOT OF`}},
		{"typed table created", ddl.CreateTable{Schema: "s", Table: schema.Table{Name: "staff", OfType: "person",
			Columns: []schema.Column{{Name: "id", Type: "integer"}, {Name: "name", Type: "text", Nullable: true, Default: ptr("'x'::text")},
				{Name: "note", Type: "text", Nullable: true}},
			PrimaryKey: &schema.PrimaryKey{Name: "staff_pkey", Columns: []string{"id"}}}},
			[]string{"CREATE TABLE \"s\".\"staff\" OF person (\n    \"id\" WITH OPTIONS NOT NULL,\n    \"name\" WITH OPTIONS DEFAULT 'x'::text,\n    CONSTRAINT \"staff_pkey\" PRIMARY KEY (\"id\")\n)"}},
		{"bare typed table created", ddl.CreateTable{Schema: "s", Table: schema.Table{Name: "pets", OfType: "pet",
			Columns: []schema.Column{{Name: "id", Type: "integer", Nullable: true}}}},
			[]string{`CREATE TABLE "s"."pets" OF pet`}},
		{"composite drop", ddl.DropComposite{Schema: "public", Composite: addr}, []string{`DROP TYPE "public"."Addr"`}},
		{"range create", ddl.CreateRange{Schema: "public", Range: rng}, []string{
			`CREATE TYPE "public"."float range" AS RANGE (SUBTYPE = double precision, SUBTYPE_OPCLASS = public.my_ops, SUBTYPE_DIFF = float8mi, MULTIRANGE_TYPE_NAME = "public"."floats")`,
			`COMMENT ON TYPE "public"."float range" IS 'floats'`}},
		{"range drop", ddl.DropRange{Schema: "public", Range: rng}, []string{`DROP TYPE "public"."float range"`}},
		{"range with its canonical function", ddl.CreateRange{Schema: "s", Range: canon, CanonicalFunc: &canonFn}, []string{
			`CREATE TYPE "s"."evens"`,
			`CREATE OR REPLACE FUNCTION "s"."evens_canon"(evens) RETURNS evens LANGUAGE internal IMMUTABLE STRICT AS $$int4range_canonical$$`,
			`CREATE TYPE "s"."evens" AS RANGE (SUBTYPE = integer, CANONICAL = s.evens_canon)`}},
		{"range dropped with its canonical function", ddl.DropRange{Schema: "s", Range: canon, CanonicalFunc: &canonFn},
			[]string{`DROP TYPE "s"."evens" CASCADE`}},
		{"icu collation create", ddl.CreateCollation{Schema: "public", Collation: coll}, []string{
			`CREATE COLLATION "public"."ci" (PROVIDER = icu, LOCALE = 'und-u-ks-level2', DETERMINISTIC = false)`,
			`COMMENT ON COLLATION "public"."ci" IS 'case-insensitive'`}},
		{"libc collation create", ddl.CreateCollation{Schema: "public", Collation: libc}, []string{
			`CREATE COLLATION "public"."My ""C""" (PROVIDER = libc, LC_COLLATE = 'C', LC_CTYPE = 'C')`}},
		{"collation drop", ddl.DropCollation{Schema: "public", Collation: coll}, []string{`DROP COLLATION "public"."ci"`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := Driver{}.Render(c.c)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
		})
	}
}

// TestRenderTypesRefused: what PostgreSQL cannot do in place, and names
// that could carry other SQL, are errors, never SQL.
func TestRenderTypesRefused(t *testing.T) {
	rng := schema.RangeType{Name: "r", Subtype: "integer"}
	bad := rng
	bad.SubtypeDiff = "f); DROP TABLE x; --"
	cases := []struct {
		name string
		c    ddl.Change
		want string
	}{
		{"range changed", ddl.AlterRange{Schema: "public", From: rng, To: schema.RangeType{Name: "r", Subtype: "bigint"}}, "cannot alter a range type in place"},
		{"collation changed", ddl.AlterCollation{Schema: "public", From: schema.Collation{Name: "c", LcCollate: "C"}, To: schema.Collation{Name: "c", LcCollate: "POSIX"}}, "cannot change a collation in place"},
		{"function not a name", ddl.CreateRange{Schema: "public", Range: bad}, "is not a name"},
		{"canonical function not created", ddl.CreateRange{Schema: "public", Range: schema.RangeType{Name: "r", Subtype: "integer", Canonical: "r_canon"}},
			"must be created with it"},
		{"canonical function kept", ddl.DropRange{Schema: "public", Range: schema.RangeType{Name: "r", Subtype: "integer", Canonical: "r_canon"}},
			"go only together"},
		{"default provider", ddl.CreateCollation{Schema: "public", Collation: schema.Collation{Name: "c", Provider: "default"}}, "cannot be created"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := Driver{}.Render(c.c)
			if err == nil || !strings.Contains(err.Error(), c.want) || got != nil {
				t.Fatalf("got %q, %v; want an error containing %q", got, err, c.want)
			}
		})
	}
}
