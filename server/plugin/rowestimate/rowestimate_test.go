package rowestimate_test

import (
	"context"
	"testing"

	"github.com/dbls/dbls/drivers"
	_ "github.com/dbls/dbls/drivers/all"
	"github.com/dbls/dbls/drivers/drivertest"
	"github.com/dbls/dbls/server/plugin/plugintest"
	"github.com/dbls/dbls/server/plugin/rowestimate"
)

func TestContract(t *testing.T) { plugintest.Run(t, rowestimate.Hook{}, nil) }

// TestRowEstimates fills a table of 300 rows on each engine, refreshes the
// statistics, and wants the hook to report them; a table without
// statistics stays unknown.
func TestRowEstimates(t *testing.T) {
	cases := []struct {
		url   func(testing.TB) string
		setup []string
	}{
		{url: drivertest.SQLiteURL, setup: []string{
			"CREATE TABLE big (id INTEGER PRIMARY KEY, v TEXT)",
			"WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 300) INSERT INTO big SELECT i, 'x' FROM s",
			"CREATE INDEX ix_big_v ON big (v)", "ANALYZE", "CREATE TABLE fresh (id INTEGER PRIMARY KEY)"}},
		{url: drivertest.PostgresURL, setup: []string{
			"CREATE TABLE big (id int PRIMARY KEY, v text)",
			"INSERT INTO big SELECT i, 'x' FROM generate_series(1, 300) i", "ANALYZE big",
			"CREATE TABLE fresh (id int PRIMARY KEY)"}},
		{url: drivertest.MySQLURL, setup: []string{
			"CREATE TABLE big (id int PRIMARY KEY, v text)",
			"INSERT INTO big WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 300) SELECT i, 'x' FROM s",
			"ANALYZE TABLE big", "CREATE TABLE fresh (id int PRIMARY KEY)"}},
	}
	for _, tc := range cases {
		url := tc.url(t)
		ctx := context.Background()
		conn, p, err := drivers.Open(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		t.Run(p.Driver, func(t *testing.T) {
			defer conn.Close()
			for _, s := range tc.setup {
				if _, err := conn.(drivers.Querier).Query(ctx, drivers.Request{SQL: s}); err != nil {
					t.Fatalf("%s: %v", s, err)
				}
			}
			snap, err := conn.Snapshot(ctx, drivers.Filter{})
			if err != nil {
				t.Fatal(err)
			}
			if err := (rowestimate.Hook{}).Enrich(ctx, conn, snap); err != nil {
				t.Fatal(err)
			}
			sc := snap.Schema(snap.DefaultSchema)
			if n := sc.Table("big").RowEstimate; n < 250 || n > 350 {
				t.Errorf("big: estimate %d, want about 300", n)
			}
			if p.Driver != "mysql" && sc.Table("fresh").RowEstimate != 0 {
				t.Errorf("fresh: estimate %d without statistics", sc.Table("fresh").RowEstimate)
			}
		})
	}
}
