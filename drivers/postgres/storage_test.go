package postgres

import (
	"strings"
	"testing"

	"github.com/dbls/dbls/drivers/ddl"
	"github.com/dbls/dbls/drivers/schema"
)

func TestStorageRender(t *testing.T) {
	table := func(opts map[string]string) *schema.Table {
		return &schema.Table{Name: "t", Options: opts, Columns: []schema.Column{{Name: "id", Type: "integer"}}}
	}
	on := func(from, to map[string]string) ddl.On {
		return ddl.On{Schema: "s", Table: "t", Current: table(from), Desired: table(to)}
	}
	cases := []struct {
		name string
		c    ddl.Change
		want []string // statements, in order
		err  string
	}{
		{name: "set and reset", c: ddl.SetStorage{On: on(
			map[string]string{"storage": "autovacuum_enabled=false, fillfactor=70"},
			map[string]string{"storage": "fillfactor=80, toast_tuple_target=4000"})},
			want: []string{`ALTER TABLE "s"."t" SET (fillfactor=80, toast_tuple_target=4000)`, `ALTER TABLE "s"."t" RESET (autovacuum_enabled)`}},
		{name: "logged", c: ddl.SetStorage{On: on(map[string]string{"unlogged": "true"}, map[string]string{})},
			want: []string{`ALTER TABLE "s"."t" SET LOGGED`}},
		{name: "unlogged", c: ddl.SetStorage{On: on(map[string]string{}, map[string]string{"unlogged": "true"})},
			want: []string{`ALTER TABLE "s"."t" SET UNLOGGED`}},
		{name: "create with", c: ddl.CreateTable{Schema: "s", Table: *table(map[string]string{"storage": "fillfactor=80"})},
			want: []string{"CREATE TABLE \"s\".\"t\" (\n    \"id\" integer NOT NULL\n) WITH (fillfactor=80)"}},
		{name: "hostile parameter", c: ddl.SetStorage{On: on(map[string]string{},
			map[string]string{"storage": "fillfactor=1); DROP TABLE x; --"})}, err: "not name=value"},
		{name: "hostile on create", c: ddl.CreateTable{Schema: "s", Table: *table(map[string]string{"storage": "a=1 b"})},
			err: "not name=value"},
		{name: "view options", c: ddl.CreateView{Schema: "s", View: schema.View{Name: "v", Definition: "SELECT 1",
			Options: map[string]string{"check_option": "LOCAL", "security_barrier": "true"}}},
			want: []string{"CREATE VIEW \"s\".\"v\" WITH (security_barrier=true) AS\nSELECT 1\nWITH LOCAL CHECK OPTION"}},
		{name: "matview storage", c: ddl.CreateView{Schema: "s", View: schema.View{Name: "m", Materialized: true,
			Definition: "SELECT 1", Options: map[string]string{"storage": "fillfactor=60"}}},
			want: []string{"CREATE MATERIALIZED VIEW \"s\".\"m\" WITH (fillfactor=60) AS\nSELECT 1"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Driver{}.Render(tc.c)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("err %v, want %q; rendered %q", err, tc.err, got)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if strings.Join(got, "\n--\n") != strings.Join(tc.want, "\n--\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n--\n"), strings.Join(tc.want, "\n--\n"))
			}
		})
	}
}

func TestReloptionsRead(t *testing.T) {
	if got := storageText("fillfactor=70,autovacuum_enabled=off"); got != "autovacuum_enabled=false, fillfactor=70" {
		t.Errorf("storageText = %q", got)
	}
	got := viewOptions("security_barrier=on,check_option=cascaded,security_invoker=false")
	if len(got) != 2 || got["security_barrier"] != "true" || got["check_option"] != "CASCADED" {
		t.Errorf("viewOptions = %v", got)
	}
	if got := viewOptions("fillfactor=60"); got["storage"] != "fillfactor=60" {
		t.Errorf("matview viewOptions = %v", got)
	}
}
