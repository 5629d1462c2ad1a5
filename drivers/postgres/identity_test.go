package postgres

import (
	"strings"
	"testing"

	"github.com/dbls/dbls/drivers/ddl"
	"github.com/dbls/dbls/drivers/schema"
)

func TestIdentityOptions(t *testing.T) {
	cases := []struct {
		o    seqOpts
		want string
	}{
		{seqOpts{typ: "integer", start: 1, increment: 1, min: 1, max: 2147483647, cache: 1}, ""},
		{seqOpts{typ: "bigint", start: 100, increment: 5, min: 1, max: 9223372036854775807, cache: 1}, "increment=5 start=100"},
		{seqOpts{typ: "smallint", start: -1, increment: -1, min: -32768, max: -1, cache: 1}, "increment=-1"},
		{seqOpts{typ: "integer", start: 10, increment: 1, min: 10, max: 1000, cache: 20, cycle: true}, "minvalue=10 maxvalue=1000 cache=20 cycle=true"},
	}
	for _, c := range cases {
		if got := identityOptions(c.o); got != c.want {
			t.Errorf("identityOptions(%+v) = %q, want %q", c.o, got, c.want)
		}
	}
	if got, _ := identityAlter(""); got != "SET INCREMENT BY 1 SET NO MINVALUE SET NO MAXVALUE SET START WITH 1 SET CACHE 1 SET NO CYCLE" {
		t.Errorf("identityAlter(\"\") = %q", got)
	}
	if got, _ := identityClause("increment=5 start=100"); got != " (INCREMENT BY 5 START WITH 100)" {
		t.Errorf("identityClause = %q", got)
	}
	for _, bad := range []string{"start=1;DROP", "restart=1", "cycle=1", "increment=x"} {
		_, err := Driver{}.Render(ddl.AddColumn{On: ddl.On{Table: "t"}, Column: schema.Column{Name: "id", Type: "int",
			Identity: schema.IdentityAlways, IdentityOptions: bad}})
		if err == nil || !strings.Contains(err.Error(), "identity option") {
			t.Errorf("%q: err %v, want a refusal", bad, err)
		}
	}
}
