package plantext_test

import (
	"strings"
	"testing"

	"github.com/dbls/dbls/diff"
	"github.com/dbls/dbls/drivers/ddl"
	"github.com/dbls/dbls/server/plantext"
)

func TestLabel(t *testing.T) {
	cases := []struct {
		item       diff.Item
		lang, want string
	}{
		{diff.Item{Kind: ddl.Kind("table.create"), Schema: "main", Table: "coupons"}, "en", "create table main.coupons"},
		{diff.Item{Kind: ddl.Kind("table.drop"), Schema: "main", Table: "orders"}, "zh-CN", "删除表 main.orders"},
		{diff.Item{Kind: ddl.Kind("column.add"), Schema: "s", Table: "t", Object: "c"}, "en", "add column c to s.t"},
		{diff.Item{Kind: ddl.Kind("foreign_key.drop"), Schema: "s", Table: "t"}, "en", "drop foreign key (unnamed) from s.t"},
		{diff.Item{Kind: ddl.Kind("view.create"), Schema: "s", Object: "v"}, "en", "create view s.v"},
		{diff.Item{Kind: ddl.Kind("schema.create"), Schema: "s"}, "zh", "创建模式 s"},
		{diff.Item{Kind: ddl.KindReplaceFunction, Schema: "s", Object: "f(integer, text)"}, "en", "replace routine s.f(integer, text)"},
		{diff.Item{Kind: ddl.KindAddEnumValue, Schema: "s", Object: "mood"}, "zh-CN", "为枚举类型 s.mood 添加值"},
		// A kind this version has no phrase for still says what it is.
		{diff.Item{ID: "policy.add:s.t.p", Kind: ddl.Kind("policy.add")}, "en", "policy.add policy.add:s.t.p"},
	}
	for _, tc := range cases {
		if got := plantext.Label(tc.item, tc.lang); got != tc.want {
			t.Errorf("Label(%s, %s) = %q, want %q", tc.item.Kind, tc.lang, got, tc.want)
		}
	}
}

// TestWriteParse prints a plan and reads its marks back after a person
// unchecks an item, as the preview's lenses do.
func TestWriteParse(t *testing.T) {
	items := []plantext.Item{
		{ID: "table.create:main.coupons", Label: "create table main.coupons", SQL: []string{"CREATE TABLE coupons (\n id int\n)"}, Selected: true},
		{ID: "table.drop:main.orders", Label: "drop table main.orders", SQL: []string{"DROP TABLE orders"}, Destructive: true},
		{ID: "view.create:main.v", Label: "create view main.v", Error: "no views here"},
	}
	var b strings.Builder
	if err := plantext.Write(&b, items, []string{"routines are not compared"}, "en"); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"-- [x] create table main.coupons\n-- item: table.create:main.coupons\nCREATE TABLE coupons (\n id int\n);\n",
		"-- [ ] drop table main.orders — destructive, not selected\n-- item: table.drop:main.orders\n-- DROP TABLE orders;\n",
		"-- cannot be written in this dialect: no views here\n",
		"-- note: routines are not compared\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	edited := strings.Replace(out, "-- [x] create table", "-- [ ] create table", 1)
	edited = strings.Replace(edited, "-- [ ] drop table", "-- [X] drop table", 1)
	marks := plantext.Parse(edited)
	if len(marks) != 3 || marks[0].Checked || !marks[1].Checked || marks[1].ID != "table.drop:main.orders" || marks[1].Line != 6 {
		t.Fatalf("marks = %+v", marks)
	}

	b.Reset()
	if err := plantext.Write(&b, nil, nil, "zh-CN"); err != nil || b.String() != "-- 没有差异\n" {
		t.Fatalf("empty plan: %q, %v", b.String(), err)
	}
}
