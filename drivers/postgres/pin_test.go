package postgres

import (
	"testing"

	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/drivertest"
)

// TestSessionPinnedAfterUserSet: a user's SET on a pooled session (the
// editor runs anything) does not change how generated SQL reads. One
// pooled session, so the SET and the view command share it.
func TestSessionPinnedAfterUserSet(t *testing.T) {
	p, err := drivers.ParseURL(drivertest.PostgresURL(t) + "&pool_max_conns=1")
	if err != nil {
		t.Fatal(err)
	}
	ctx := testContext(t)
	c, err := open(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	var scs, path string
	if err := c.pool.QueryRow(ctx, "SELECT current_setting('standard_conforming_strings'), current_setting('search_path')").Scan(&scs, &path); err != nil {
		t.Fatal(err)
	}
	if scs != "on" || path != defaultSearchPath {
		t.Fatalf("a new session has standard_conforming_strings=%q search_path=%q", scs, path)
	}
	mustExec(t, c, "SET standard_conforming_strings = off; SET search_path = pg_catalog")
	if err := drivers.CreateView(ctx, c, drivers.ViewRef{Schema: "public", Name: "v"}, `SELECT 'x\' AS a`); err != nil {
		t.Fatal(err)
	}
	mustExec(t, c, "SET standard_conforming_strings = off; SET search_path = pg_catalog")
	if _, err := c.ApplyDDL(ctx, []string{`CREATE TABLE t (d text DEFAULT 'd\')`}); err != nil {
		t.Fatal(err)
	}
	var a, table string
	if err := c.pool.QueryRow(ctx, `SELECT a, (SELECT relnamespace::regnamespace::text FROM pg_class WHERE relname = 't') FROM public.v`).Scan(&a, &table); err != nil {
		t.Fatal(err)
	}
	if a != `x\` || table != "public" {
		t.Fatalf("view gives %q, table t is in schema %q; want x\\ and public", a, table)
	}
}
