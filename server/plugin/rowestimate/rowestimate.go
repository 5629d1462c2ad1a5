// Package rowestimate is a built-in metadata hook: it fills
// schema.Table.RowEstimate from the catalog's statistics, in one query
// whatever the number of tables — pg_class.reltuples on PostgreSQL,
// information_schema.TABLES.TABLE_ROWS on MySQL/MariaDB, sqlite_stat1 on
// SQLite when ANALYZE has made it.
package rowestimate

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/schema"
	"github.com/dbls/dbls/server/plugin"
)

func init() { plugin.Register(Hook{}) }

// Hook is the row-estimate metadata hook.
type Hook struct{}

func (Hook) Descriptor() plugin.Descriptor {
	return plugin.Descriptor{ID: "metadata.rowestimate", Name: "Row estimates", Version: "1.0.0",
		Description: "row estimates from the catalog statistics (PostgreSQL, MySQL/MariaDB, SQLite with sqlite_stat1)"}
}

// queries give (schema, table, estimate) rows per driver; the PostgreSQL
// and MySQL ones only for the snapshot's schemas, which request adds: a
// server's other databases can hold far more tables than the one read.
var queries = map[string]string{
	"postgres": `SELECT n.nspname, c.relname, c.reltuples::bigint
FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p') AND c.reltuples >= 0 AND n.nspname = ANY($1::text[])`,
	"mysql": `SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_ROWS FROM information_schema.TABLES
WHERE TABLE_TYPE = 'BASE TABLE' AND TABLE_ROWS IS NOT NULL AND TABLE_SCHEMA IN `,
	// The first number of a stat is the table's row count; a table has a
	// row per index (and one with idx NULL without indexes).
	"sqlite": `SELECT 'main', tbl, max(CAST(stat AS INTEGER)) FROM sqlite_stat1 GROUP BY tbl`,
}

// request is the statistics query for snap, or false when its driver has
// none or it has no tables.
func request(snap *schema.Snapshot) (drivers.Request, bool) {
	sql := queries[snap.Driver]
	var names []string
	for _, sc := range snap.Schemas {
		if len(sc.Tables) > 0 {
			names = append(names, sc.Name)
		}
	}
	if sql == "" || len(names) == 0 {
		return drivers.Request{}, false
	}
	switch snap.Driver {
	case "postgres":
		return drivers.Request{SQL: sql, Args: []any{names}}, true
	case "mysql":
		args := make([]any, len(names))
		for i, n := range names {
			args[i] = n
		}
		return drivers.Request{SQL: sql + "(" + strings.TrimSuffix(strings.Repeat("?, ", len(names)), ", ") + ")", Args: args}, true
	}
	return drivers.Request{SQL: sql}, true
}

// Enrich sets RowEstimate on every table the statistics know.
func (Hook) Enrich(ctx context.Context, conn drivers.Conn, snap *schema.Snapshot) error {
	q, ok := conn.(drivers.Querier)
	req, some := request(snap)
	if !ok || !some {
		return nil
	}
	if snap.Driver == "sqlite" {
		res, err := q.Query(ctx, drivers.Request{SQL: "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'sqlite_stat1'"})
		if err != nil || len(res.Rows) == 0 {
			return err // no ANALYZE yet: nothing to say
		}
	}
	res, err := q.Query(ctx, req)
	if err != nil {
		return fmt.Errorf("row estimates of %s: %w", snap.Database, err)
	}
	est := map[[2]string]int64{}
	for _, r := range res.Rows {
		if len(r) == 3 {
			est[[2]string{fmt.Sprint(r[0]), fmt.Sprint(r[1])}] = toInt(r[2])
		}
	}
	for i := range snap.Schemas {
		sc := &snap.Schemas[i]
		for j := range sc.Tables {
			if n, ok := est[[2]string{sc.Name, sc.Tables[j].Name}]; ok && n > 0 {
				sc.Tables[j].RowEstimate = n
			}
		}
	}
	return nil
}

func toInt(v any) int64 {
	switch x := v.(type) {
	case int64:
		return x
	case float64:
		return int64(x)
	case uint64:
		return int64(x)
	case string:
		n, _ := strconv.ParseInt(strings.TrimSpace(x), 10, 64)
		return n
	}
	n, _ := strconv.ParseInt(fmt.Sprint(v), 10, 64)
	return n
}
