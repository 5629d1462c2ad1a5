package postgres

import (
	"slices"
	"testing"

	"github.com/dbls/dbls/drivers/ddl"
	"github.com/dbls/dbls/drivers/schema"
)

func TestHazards(t *testing.T) {
	on := ddl.On{Schema: "public", Table: "t"}
	def := func(s string) *string { return &s }
	tests := []struct {
		c    ddl.Change
		want []string
	}{
		{ddl.AlterColumn{On: on, From: schema.Column{Name: "a", Type: "integer"}, To: schema.Column{Name: "a", Type: "bigint"}},
			[]string{ddl.HazardAccessExclusive, ddl.HazardRewritesTable}},
		{ddl.AlterColumn{On: on, From: schema.Column{Name: "a", Type: "character varying(10)"}, To: schema.Column{Name: "a", Type: "text"}},
			[]string{ddl.HazardAccessExclusive}},
		{ddl.AlterColumn{On: on, From: schema.Column{Name: "a", Type: "character varying(10)"}, To: schema.Column{Name: "a", Type: "character varying(5)"}},
			[]string{ddl.HazardAccessExclusive, ddl.HazardRewritesTable}},
		{ddl.AddColumn{On: on, Column: schema.Column{Name: "a", Type: "integer", Default: def("0")}}, []string{ddl.HazardAccessExclusive}},
		{ddl.AddColumn{On: on, Column: schema.Column{Name: "a", Type: "uuid", Default: def("gen_random_uuid()")}},
			[]string{ddl.HazardAccessExclusive, ddl.HazardRewritesTable}},
		{ddl.CreateIndex{On: on}, []string{ddl.HazardIndexBuild}},
		{ddl.DropIndex{On: on}, []string{ddl.HazardAccessExclusive}},
		{ddl.DropIndex{On: ddl.On{Schema: "public", Table: "t", Online: true}}, nil},
		{ddl.DropTable{Schema: "public"}, []string{ddl.HazardAccessExclusive, ddl.HazardBreaksDependants}},
		{ddl.AddUnique{On: on}, []string{ddl.HazardAccessExclusive, ddl.HazardIndexBuild}},
		{ddl.CreateView{Schema: "public"}, nil},
	}
	for _, tc := range tests {
		if got := (Driver{}).Hazards(tc.c); !slices.Equal(got, tc.want) {
			t.Errorf("%s: hazards %v, want %v", tc.c.Kind(), got, tc.want)
		}
	}
}

func TestApplyGroups(t *testing.T) {
	stmts := []string{
		`ALTER TABLE "public"."t" ADD COLUMN "a" integer`,
		`CREATE INDEX CONCURRENTLY "i" ON "public"."t" USING btree (a)`,
		`COMMENT ON INDEX "public"."i" IS 'x'`,
		`ALTER TABLE "public"."t" ADD CONSTRAINT "fk" FOREIGN KEY ("a") REFERENCES "public"."u" ("id") NOT VALID`,
		`ALTER TABLE "public"."t" VALIDATE CONSTRAINT "fk"`,
		`DROP INDEX CONCURRENTLY "public"."j"`,
	}
	got := applyGroups(stmts)
	want := []applyGroup{
		{statements: stmts[:1]}, {statements: stmts[1:2], alone: true}, {statements: stmts[2:4]},
		{statements: stmts[4:5]}, {statements: stmts[5:], alone: true},
	}
	if !slices.EqualFunc(got, want, func(a, b applyGroup) bool { return a.alone == b.alone && slices.Equal(a.statements, b.statements) }) {
		t.Errorf("groups %+v\nwant %+v", got, want)
	}
	if g := applyGroups(stmts[:1]); len(g) != 1 || g[0].alone {
		t.Errorf("a plain plan is split: %+v", g)
	}
}
