package postgres

import (
	"slices"
	"strings"
	"testing"

	"github.com/dbls/dbls/drivers/ddl"
	"github.com/dbls/dbls/drivers/schema"
)

// TestRenderObjects is the rendered SQL of every change to sequences,
// enums, domains and routines (create, alter, drop), with names that need
// quoting. Execution is covered by diff's convergence cases.
func TestRenderObjects(t *testing.T) {
	str := func(s string) *string { return &s }
	seq := schema.Sequence{Name: `s"q`, Type: "integer", Start: 10, Increment: 2, Min: 1, Max: 1000, Cache: 5, Cycle: true}
	moved := seq
	moved.Increment, moved.Cycle, moved.OwnedBy = 3, false, "film.film_id"
	dom := schema.Domain{Name: "year", Type: "integer", Default: str("2000"), NotNull: true, Collation: "",
		Checks: []schema.Check{{Name: "year_check", Expr: "VALUE >= 1901 AND VALUE <= 2155"}}, Comment: "a year"}
	dom2 := dom
	dom2.Default, dom2.NotNull, dom2.Comment = nil, false, ""
	dom2.Checks = []schema.Check{{Name: "year_max", Expr: "VALUE < 3000"}}
	fn := schema.Routine{Name: "f", Kind: schema.RoutineFunction, Language: "sql", Returns: "integer",
		Params:     []schema.Parameter{{Name: "a", Type: "integer"}, {Name: "b", Type: "text", Mode: "out"}, {Name: "c", Type: "character varying"}},
		Definition: "CREATE OR REPLACE FUNCTION \"src\".f(a integer, OUT b text, c character varying)\n RETURNS integer\n LANGUAGE sql\nAS $function$ SELECT 1 $function$\n",
		Comment:    "it's f"}
	fn2 := fn
	fn2.Definition = strings.Replace(fn.Definition, "SELECT 1", "SELECT 2", 1)
	proc := schema.Routine{Name: "Do It", Kind: schema.RoutineProcedure, Language: "plpgsql",
		Definition: "CREATE OR REPLACE PROCEDURE public.\"Do It\"()\n LANGUAGE plpgsql\nAS $procedure$ BEGIN END $procedure$\n"}
	agg := schema.Routine{Name: "group_concat", Kind: schema.RoutineAggregate, Params: []schema.Parameter{{Type: "text"}}, Comment: "joins",
		Definition: `CREATE OR REPLACE AGGREGATE public.group_concat(text) (SFUNC = _group_concat, STYPE = text)`}
	cases := []struct {
		name string
		c    ddl.Change
		want []string
	}{
		{"sequence create", ddl.CreateSequence{Schema: "public", Sequence: seq},
			[]string{`CREATE SEQUENCE "public"."s""q" AS integer INCREMENT BY 2 MINVALUE 1 MAXVALUE 1000 START WITH 10 CACHE 5 CYCLE`}},
		{"sequence alter", ddl.AlterSequence{Schema: "public", From: seq, To: moved}, []string{
			`ALTER SEQUENCE "public"."s""q" INCREMENT BY 3 NO CYCLE`,
			`ALTER SEQUENCE "public"."s""q" OWNED BY "public"."film"."film_id"`}},
		{"sequence disowned", ddl.AlterSequence{Schema: "public", From: moved, To: seq}, []string{
			`ALTER SEQUENCE "public"."s""q" INCREMENT BY 2 CYCLE`,
			`ALTER SEQUENCE "public"."s""q" OWNED BY NONE`}},
		{"sequence drop", ddl.DropSequence{Schema: "public", Sequence: seq}, []string{`DROP SEQUENCE "public"."s""q"`}},
		{"owned sequence drop", ddl.DropSequence{Schema: "public", Sequence: moved}, []string{`DROP SEQUENCE IF EXISTS "public"."s""q"`}},
		{"enum create", ddl.CreateEnum{Schema: "public", Enum: schema.Enum{Name: "Mood", Values: []string{"it's", `a\b`}}},
			[]string{`CREATE TYPE "public"."Mood" AS ENUM ('it''s', E'a\\b')`}},
		{"enum add values", ddl.AddEnumValue{Schema: "public",
			From: schema.Enum{Name: "m", Values: []string{"b", "d"}}, To: schema.Enum{Name: "m", Values: []string{"a0", "a", "b", "c", "d", "e"}}},
			[]string{
				`ALTER TYPE "public"."m" ADD VALUE 'a' BEFORE 'b'`,
				`ALTER TYPE "public"."m" ADD VALUE 'a0' BEFORE 'a'`,
				`ALTER TYPE "public"."m" ADD VALUE 'c' AFTER 'b'`,
				`ALTER TYPE "public"."m" ADD VALUE 'e' AFTER 'd'`,
			}},
		{"enum drop", ddl.DropEnum{Schema: "public", Enum: schema.Enum{Name: "m"}}, []string{`DROP TYPE "public"."m"`}},
		{"domain create", ddl.CreateDomain{Schema: "public", Domain: dom}, []string{
			`CREATE DOMAIN "public"."year" AS integer DEFAULT 2000 NOT NULL CONSTRAINT "year_check" CHECK (VALUE >= 1901 AND VALUE <= 2155)`,
			`COMMENT ON DOMAIN "public"."year" IS 'a year'`}},
		{"domain alter", ddl.AlterDomain{Schema: "public", From: dom, To: dom2}, []string{
			`ALTER DOMAIN "public"."year" DROP DEFAULT`,
			`ALTER DOMAIN "public"."year" DROP NOT NULL`,
			`ALTER DOMAIN "public"."year" DROP CONSTRAINT "year_check"`,
			`ALTER DOMAIN "public"."year" ADD CONSTRAINT "year_max" CHECK (VALUE < 3000)`,
			`COMMENT ON DOMAIN "public"."year" IS NULL`}},
		{"domain alter back", ddl.AlterDomain{Schema: "public", From: dom2, To: dom}, []string{
			`ALTER DOMAIN "public"."year" SET DEFAULT 2000`,
			`ALTER DOMAIN "public"."year" SET NOT NULL`,
			`ALTER DOMAIN "public"."year" DROP CONSTRAINT "year_max"`,
			`ALTER DOMAIN "public"."year" ADD CONSTRAINT "year_check" CHECK (VALUE >= 1901 AND VALUE <= 2155)`,
			`COMMENT ON DOMAIN "public"."year" IS 'a year'`}},
		{"domain drop", ddl.DropDomain{Schema: "public", Domain: dom}, []string{`DROP DOMAIN "public"."year"`}},
		{"function create in the target schema", ddl.CreateFunction{Schema: "dst", Routine: fn}, []string{
			`SET LOCAL check_function_bodies = off`,
			"CREATE OR REPLACE FUNCTION \"dst\".\"f\"(a integer, OUT b text, c character varying)\n RETURNS integer\n LANGUAGE sql\nAS $function$ SELECT 1 $function$\n",
			`COMMENT ON FUNCTION "dst"."f"(integer, character varying) IS 'it''s f'`}},
		{"function replace", ddl.ReplaceFunction{Schema: "public", From: fn, To: fn2}, []string{
			`SET LOCAL check_function_bodies = off`,
			"CREATE OR REPLACE FUNCTION \"public\".\"f\"(a integer, OUT b text, c character varying)\n RETURNS integer\n LANGUAGE sql\nAS $function$ SELECT 2 $function$\n"}},
		{"function comment only", ddl.ReplaceFunction{Schema: "public", From: schema.Routine{Name: "f", Definition: fn.Definition}, To: fn}, []string{
			`COMMENT ON FUNCTION "public"."f"(integer, character varying) IS 'it''s f'`}},
		{"function drop", ddl.DropFunction{Schema: "public", Routine: fn}, []string{`DROP FUNCTION "public"."f"(integer, character varying)`}},
		{"procedure create", ddl.CreateFunction{Schema: "public", Routine: proc}, []string{
			"CREATE OR REPLACE PROCEDURE \"public\".\"Do It\"()\n LANGUAGE plpgsql\nAS $procedure$ BEGIN END $procedure$\n"}},
		{"aggregate create", ddl.CreateFunction{Schema: "dst", Routine: agg}, []string{
			`CREATE OR REPLACE AGGREGATE "dst"."group_concat"(text) (SFUNC = _group_concat, STYPE = text)`,
			`COMMENT ON AGGREGATE "dst"."group_concat"(text) IS 'joins'`}},
		{"aggregate drop", ddl.DropFunction{Schema: "public", Routine: agg}, []string{`DROP AGGREGATE "public"."group_concat"(text)`}},
		{"procedure drop", ddl.DropFunction{Schema: "public", Routine: proc}, []string{`DROP PROCEDURE "public"."Do It"()`}},
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

// TestRenderObjectsRefused: what PostgreSQL cannot do in place is an
// error that says why, never SQL.
func TestRenderObjectsRefused(t *testing.T) {
	cases := []struct {
		name string
		c    ddl.Change
		want string
	}{
		{"enum value removed", ddl.AlterEnum{Schema: "public", From: schema.Enum{Name: "m", Values: []string{"a", "b"}},
			To: schema.Enum{Name: "m", Values: []string{"a"}}}, "value 'b' would be removed"},
		{"enum reordered", ddl.AlterEnum{Schema: "public", From: schema.Enum{Name: "m", Values: []string{"a", "b"}},
			To: schema.Enum{Name: "m", Values: []string{"b", "a"}}}, "reordered"},
		{"domain base type changed", ddl.AlterDomain{Schema: "public", From: schema.Domain{Name: "d", Type: "integer"},
			To: schema.Domain{Name: "d", Type: "bigint"}}, "cannot change a domain's base type"},
		{"function without a definition", ddl.CreateFunction{Schema: "public", Routine: schema.Routine{Name: "f", Kind: schema.RoutineFunction}},
			"does not start with CREATE OR REPLACE"},
		{"sequence owner not table.column", ddl.AlterSequence{Schema: "public", From: schema.Sequence{Name: "s"},
			To: schema.Sequence{Name: "s", OwnedBy: "nodot"}}, "not table.column"},
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

// TestNormalizeRoutines: the schema in a definition's header does not
// count, so routines of differently named schemas compare equal.
func TestNormalizeRoutines(t *testing.T) {
	for def, want := range map[string]string{
		"CREATE OR REPLACE FUNCTION public.f(a integer)\n RETURNS integer": "CREATE OR REPLACE FUNCTION \"f\"(a integer)\n RETURNS integer",
		`CREATE OR REPLACE PROCEDURE "My ""S"""."p.q"()`:                   `CREATE OR REPLACE PROCEDURE "p.q"()`,
		"something else": "something else",
	} {
		if got := unqualifyRoutine(def); got != want {
			t.Errorf("unqualifyRoutine(%q) = %q, want %q", def, got, want)
		}
	}
}
