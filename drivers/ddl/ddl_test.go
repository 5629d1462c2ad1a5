package ddl

import (
	"testing"

	"github.com/dbls/dbls/drivers/schema"
)

// TestKinds pins the kind strings, which plan item ids, `dbls diff --json`
// and the editors read, and what each change says it is about.
func TestKinds(t *testing.T) {
	on := On{Schema: "s", Table: "t"}
	tests := []struct {
		c          Change
		kind       string
		sc, name   string
		tableLevel bool
	}{
		{CreateSchema{Schema: "s"}, "schema.create", "s", "s", false},
		{CreateTable{Schema: "s", Table: schema.Table{Name: "t"}}, "table.create", "s", "t", false},
		{DropTable{Schema: "s", Table: schema.Table{Name: "t"}}, "table.drop", "s", "t", false},
		{RebuildTable{On: on}, "table.rebuild", "s", "t", true},
		{SetTableComment{On: on}, "table.comment", "s", "t", true},
		{AddColumn{On: on}, "column.add", "s", "t", true},
		{DropColumn{On: on}, "column.drop", "s", "t", true},
		{AlterColumn{On: on}, "column.alter", "s", "t", true},
		{AddPrimaryKey{On: on}, "primary_key.add", "s", "t", true},
		{DropPrimaryKey{On: on}, "primary_key.drop", "s", "t", true},
		{CreateIndex{On: on}, "index.create", "s", "t", true},
		{DropIndex{On: on}, "index.drop", "s", "t", true},
		{AddForeignKey{On: on}, "foreign_key.add", "s", "t", true},
		{DropForeignKey{On: on}, "foreign_key.drop", "s", "t", true},
		{AddUnique{On: on}, "unique.add", "s", "t", true},
		{DropUnique{On: on}, "unique.drop", "s", "t", true},
		{AddCheck{On: on}, "check.add", "s", "t", true},
		{DropCheck{On: on}, "check.drop", "s", "t", true},
		{AddExclusion{On: on}, "exclusion.add", "s", "t", true},
		{RenameTable{Schema: "s", From: "old", To: "t"}, "table.rename", "s", "t", false},
		{RenameColumn{On: on, From: "a", To: "b"}, "column.rename", "s", "t", true},
		{DropExclusion{On: on}, "exclusion.drop", "s", "t", true},
		{CreateView{Schema: "s", View: schema.View{Name: "v"}}, "view.create", "s", "v", false},
		{DropView{Schema: "s", View: schema.View{Name: "v"}}, "view.drop", "s", "v", false},
		{CreateTrigger{Schema: "s", Table: "t", Trigger: schema.Trigger{Name: "tr"}}, "trigger.create", "s", "t", false},
		{DropTrigger{Schema: "s", Table: "t", Trigger: schema.Trigger{Name: "tr"}}, "trigger.drop", "s", "t", false},
	}
	seen := map[Kind]bool{}
	for _, tc := range tests {
		if got := string(tc.c.Kind()); got != tc.kind {
			t.Errorf("%T.Kind() = %q, want %q", tc.c, got, tc.kind)
		}
		if seen[tc.c.Kind()] {
			t.Errorf("kind %q used twice", tc.c.Kind())
		}
		seen[tc.c.Kind()] = true
		if sc, name := tc.c.Where(); sc != tc.sc || name != tc.name {
			t.Errorf("%T.Where() = %q, %q; want %q, %q", tc.c, sc, name, tc.sc, tc.name)
		}
		if _, ok := tc.c.(TableChange); ok != tc.tableLevel {
			t.Errorf("%T is a TableChange: %v, want %v", tc.c, ok, tc.tableLevel)
		}
	}
}
