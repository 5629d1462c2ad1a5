package postgres

import (
	"slices"
	"strings"
	"testing"

	"github.com/dbls/dbls/drivers/ddl"
	"github.com/dbls/dbls/drivers/schema"
)

// TestRenderComments is the SQL of every ddl.SetComment kind (set and
// removed), and of the comment an object created by the plan carries,
// with names and comments that need quoting. Execution is covered by
// diff's convergence cases 86 and 87.
func TestRenderComments(t *testing.T) {
	on := func(table string) ddl.On { return ddl.On{Schema: "s", Table: table} }
	cases := []struct {
		name string
		c    ddl.Change
		want []string
	}{
		{"schema", ddl.SetComment{Schema: `Sa"les`, On: ddl.CommentSchema, Comment: "it's"},
			[]string{`COMMENT ON SCHEMA "Sa""les" IS 'it''s'`}},
		{"schema removed", ddl.SetComment{Schema: "s", On: ddl.CommentSchema},
			[]string{`COMMENT ON SCHEMA "s" IS NULL`}},
		{"view", ddl.SetComment{Schema: "s", On: ddl.CommentView, Name: "v", Comment: `a\b`},
			[]string{`COMMENT ON VIEW "s"."v" IS E'a\\b'`}},
		{"materialized view removed", ddl.SetComment{Schema: "s", On: ddl.CommentMaterializedView, Name: "m"},
			[]string{`COMMENT ON MATERIALIZED VIEW "s"."m" IS NULL`}},
		{"view column", ddl.SetComment{Schema: "s", On: ddl.CommentViewColumn, Table: "v", Name: "Id", Comment: "x"},
			[]string{`COMMENT ON COLUMN "s"."v"."Id" IS 'x'`}},
		{"sequence", ddl.SetComment{Schema: "s", On: ddl.CommentSequence, Name: "q", Comment: "x"},
			[]string{`COMMENT ON SEQUENCE "s"."q" IS 'x'`}},
		{"enum removed", ddl.SetComment{Schema: "s", On: ddl.CommentEnum, Name: "mood"},
			[]string{`COMMENT ON TYPE "s"."mood" IS NULL`}},
		{"trigger", ddl.SetComment{Schema: "s", On: ddl.CommentTrigger, Table: "t", Name: "tr", Comment: "x"},
			[]string{`COMMENT ON TRIGGER "tr" ON "s"."t" IS 'x'`}},
		{"index", ddl.SetComment{Schema: "s", On: ddl.CommentIndex, Table: "t", Name: "i x", Comment: "x"},
			[]string{`COMMENT ON INDEX "s"."i x" IS 'x'`}},
		{"constraint removed", ddl.SetComment{Schema: "s", On: ddl.CommentConstraint, Table: "t", Name: "c"},
			[]string{`COMMENT ON CONSTRAINT "c" ON "s"."t" IS NULL`}},
		{"domain constraint", ddl.SetComment{Schema: "s", On: ddl.CommentDomainConstraint, Table: "d", Name: "c", Comment: "x"},
			[]string{`COMMENT ON CONSTRAINT "c" ON DOMAIN "s"."d" IS 'x'`}},
		{"composite type", ddl.SetComment{Schema: "s", On: ddl.CommentComposite, Name: "addr", Comment: "x"},
			[]string{`COMMENT ON TYPE "s"."addr" IS 'x'`}},
		{"range type removed", ddl.SetComment{Schema: "s", On: ddl.CommentRange, Name: "float range"},
			[]string{`COMMENT ON TYPE "s"."float range" IS NULL`}},
		{"collation", ddl.SetComment{Schema: "s", On: ddl.CommentCollation, Name: "ci", Comment: "it's"},
			[]string{`COMMENT ON COLLATION "s"."ci" IS 'it''s'`}},

		{"table with commented constraints", ddl.CreateTable{Schema: "s", Table: schema.Table{Name: "t",
			Columns:    []schema.Column{{Name: "id", Type: "integer"}},
			PrimaryKey: &schema.PrimaryKey{Columns: []string{"id"}, Comment: "key"},
			Uniques:    []schema.Unique{{Name: "u", Columns: []string{"id"}, Comment: "uq"}, {Name: "u2", Columns: []string{"id"}}},
			Checks:     []schema.Check{{Name: "c", Expr: "id > 0", Comment: "ck"}}}},
			[]string{
				"CREATE TABLE \"s\".\"t\" (\n    \"id\" integer NOT NULL,\n    PRIMARY KEY (\"id\"),\n    CONSTRAINT \"u\" UNIQUE (\"id\"),\n    CONSTRAINT \"u2\" UNIQUE (\"id\"),\n    CONSTRAINT \"c\" CHECK (id > 0)\n)",
				`COMMENT ON CONSTRAINT "t_pkey" ON "s"."t" IS 'key'`,
				`COMMENT ON CONSTRAINT "u" ON "s"."t" IS 'uq'`,
				`COMMENT ON CONSTRAINT "c" ON "s"."t" IS 'ck'`,
			}},
		{"primary key added", ddl.AddPrimaryKey{On: on("t"), PrimaryKey: schema.PrimaryKey{Name: "pk", Columns: []string{"id"}, Comment: "key"}},
			[]string{`ALTER TABLE "s"."t" ADD CONSTRAINT "pk" PRIMARY KEY ("id")`, `COMMENT ON CONSTRAINT "pk" ON "s"."t" IS 'key'`}},
		{"unique added", ddl.AddUnique{On: on("t"), Unique: schema.Unique{Name: "u", Columns: []string{"id"}, Comment: "uq"}},
			[]string{`ALTER TABLE "s"."t" ADD CONSTRAINT "u" UNIQUE ("id")`, `COMMENT ON CONSTRAINT "u" ON "s"."t" IS 'uq'`}},
		{"check added", ddl.AddCheck{On: on("t"), Check: schema.Check{Name: "c", Expr: "id > 0", Comment: "ck"}},
			[]string{`ALTER TABLE "s"."t" ADD CONSTRAINT "c" CHECK (id > 0)`, `COMMENT ON CONSTRAINT "c" ON "s"."t" IS 'ck'`}},
		{"foreign key added", ddl.AddForeignKey{On: on("t"), ForeignKey: schema.ForeignKey{Name: "fk", Columns: []string{"p"},
			RefSchema: "s", RefTable: "p", RefColumns: []string{"id"}, Comment: "fk"}},
			[]string{`ALTER TABLE "s"."t" ADD CONSTRAINT "fk" FOREIGN KEY ("p") REFERENCES "s"."p" ("id")`, `COMMENT ON CONSTRAINT "fk" ON "s"."t" IS 'fk'`}},
		{"exclusion added", ddl.AddExclusion{On: on("t"), Exclusion: schema.Exclusion{Name: "x", Definition: "EXCLUDE USING gist (r WITH &&)", Comment: "x"}},
			[]string{`ALTER TABLE "s"."t" ADD CONSTRAINT "x" EXCLUDE USING gist (r WITH &&)`, `COMMENT ON CONSTRAINT "x" ON "s"."t" IS 'x'`}},
		{"uncommented check added", ddl.AddCheck{On: on("t"), Check: schema.Check{Name: "c", Expr: "id > 0"}},
			[]string{`ALTER TABLE "s"."t" ADD CONSTRAINT "c" CHECK (id > 0)`}},
		{"trigger created", ddl.CreateTrigger{Schema: "s", Table: "t", Trigger: schema.Trigger{Name: "tr", Table: "t", Comment: "tr",
			Definition: `CREATE TRIGGER tr BEFORE UPDATE ON s.t FOR EACH ROW EXECUTE FUNCTION f()`}},
			[]string{`CREATE TRIGGER tr BEFORE UPDATE ON s.t FOR EACH ROW EXECUTE FUNCTION f()`, `COMMENT ON TRIGGER "tr" ON "s"."t" IS 'tr'`}},
		{"sequence created", ddl.CreateSequence{Schema: "s", Sequence: schema.Sequence{Name: "q", Start: 1, Increment: 1, Min: 1, Max: 9, Comment: "q"}},
			[]string{`CREATE SEQUENCE "s"."q" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9 START WITH 1 NO CYCLE`, `COMMENT ON SEQUENCE "s"."q" IS 'q'`}},
		{"enum created", ddl.CreateEnum{Schema: "s", Enum: schema.Enum{Name: "mood", Values: []string{"ok"}, Comment: "m"}},
			[]string{`CREATE TYPE "s"."mood" AS ENUM ('ok')`, `COMMENT ON TYPE "s"."mood" IS 'm'`}},
		{"domain created with commented checks", ddl.CreateDomain{Schema: "s", Domain: schema.Domain{Name: "d", Type: "integer",
			Checks: []schema.Check{{Name: "pos", Expr: "VALUE > 0", Comment: "positive"}, {Name: "small", Expr: "VALUE < 10"}}}},
			[]string{`CREATE DOMAIN "s"."d" AS integer CONSTRAINT "pos" CHECK (VALUE > 0) CONSTRAINT "small" CHECK (VALUE < 10)`,
				`COMMENT ON CONSTRAINT "pos" ON DOMAIN "s"."d" IS 'positive'`}},
		{"domain check added again carries its comment", ddl.AlterDomain{Schema: "s",
			From: schema.Domain{Name: "d", Type: "integer", Checks: []schema.Check{{Name: "pos", Expr: "VALUE >= 0"}, {Name: "keep", Expr: "true", Comment: "k"}}},
			To:   schema.Domain{Name: "d", Type: "integer", Checks: []schema.Check{{Name: "pos", Expr: "VALUE > 0", Comment: "positive"}, {Name: "keep", Expr: "true", Comment: "k"}}}},
			[]string{`ALTER DOMAIN "s"."d" DROP CONSTRAINT "pos"`, `ALTER DOMAIN "s"."d" ADD CONSTRAINT "pos" CHECK (VALUE > 0)`,
				`COMMENT ON CONSTRAINT "pos" ON DOMAIN "s"."d" IS 'positive'`}},
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
	if _, err := (Driver{}).Render(ddl.SetComment{Schema: "s", On: ddl.CommentConstraint, Table: "t"}); err == nil {
		t.Error("a comment on an unnamed constraint rendered; want an error")
	}
}
