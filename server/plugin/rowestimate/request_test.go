package rowestimate

import (
	"reflect"
	"strings"
	"testing"

	"github.com/dbls/dbls/drivers/schema"
)

// The statistics are asked for the snapshot's schemas that have tables,
// as parameters, never for the whole server.
func TestRequestNamesSchemas(t *testing.T) {
	snap := func(driver string) *schema.Snapshot {
		return &schema.Snapshot{Driver: driver, Schemas: []schema.Schema{
			{Name: "app", Tables: []schema.Table{{Name: "t"}}},
			{Name: "empty"},
			{Name: "it's", Tables: []schema.Table{{Name: "u"}}},
		}}
	}
	cases := []struct {
		driver, sqlEnd string
		args           []any
	}{
		{"postgres", "n.nspname = ANY($1::text[])", []any{[]string{"app", "it's"}}},
		{"mysql", "TABLE_SCHEMA IN (?, ?)", []any{"app", "it's"}},
		{"sqlite", "GROUP BY tbl", nil},
	}
	for _, c := range cases {
		req, ok := request(snap(c.driver))
		if !ok || !strings.HasSuffix(req.SQL, c.sqlEnd) || !reflect.DeepEqual(req.Args, c.args) {
			t.Errorf("%s: %v %q %#v", c.driver, ok, req.SQL, req.Args)
		}
	}
	if _, ok := request(&schema.Snapshot{Driver: "postgres", Schemas: []schema.Schema{{Name: "empty"}}}); ok {
		t.Error("a statistics query for a snapshot without tables")
	}
}
