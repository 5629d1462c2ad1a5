// Package explain is a built-in assist: on PostgreSQL it runs EXPLAIN
// (never ANALYZE: the statement is planned, not executed) on the statement
// at the cursor and offers a readable summary — the top plan node, its
// estimated cost and rows, and the sequential scans on big tables — as a
// code action. Its pane (pane.go) shows the whole plan as a tree, on
// PostgreSQL, MySQL, MariaDB and SQLite.
package explain

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/schema"
	"github.com/dbls/dbls/server/plugin"
)

func init() { plugin.Register(&Assist{}) }

// DefaultBigTable is how many rows make a sequential scan worth a warning
// unless [plugins.explain] big_table_rows says otherwise.
const DefaultBigTable = 10000

// Assist is the EXPLAIN-summary assist.
type Assist struct {
	bigTable int64
}

func (*Assist) Descriptor() plugin.Descriptor {
	return plugin.Descriptor{ID: "assist.explain", Name: "EXPLAIN summary", Version: "1.0.0",
		Description: "a readable EXPLAIN summary of the statement at the cursor (PostgreSQL), and its plan as a tree in a pane"}
}

// Activate reads big_table_rows from [plugins.explain].
func (a *Assist) Activate(_ context.Context, pc plugin.Context) error {
	a.bigTable = DefaultBigTable
	switch v := pc.Config()["big_table_rows"].(type) {
	case int64:
		a.bigTable = v
	case float64:
		a.bigTable = int64(v)
	case nil:
	default:
		return fmt.Errorf("[plugins.explain] big_table_rows: want a number, got %T", v)
	}
	return nil
}

// explainable statements: EXPLAIN plans them without running them.
var explainable = regexp.MustCompile(`(?is)^\s*(SELECT|WITH|INSERT|UPDATE|DELETE|VALUES|TABLE)\b`)

// Assist offers one action whose title is the summary.
func (a *Assist) Assist(ctx context.Context, req plugin.AssistRequest) ([]plugin.Action, error) {
	if req.Driver != "postgres" || req.Open == nil || !explainable.MatchString(req.Statement) {
		return nil, nil
	}
	conn, err := req.Open(ctx)
	if err != nil {
		return nil, nil // no connection: nothing to offer, and not the assist's fault
	}
	q, ok := conn.(drivers.Querier)
	if !ok {
		return nil, nil
	}
	stmt := strings.TrimRight(strings.TrimSpace(req.Statement), ";")
	res, err := q.Query(ctx, drivers.Request{SQL: "EXPLAIN (VERBOSE, FORMAT JSON) " + stmt})
	var qe *drivers.QueryError
	if errors.As(err, &qe) {
		return nil, nil // the statement does not plan (a typo, a $1): diagnostics say why
	}
	if err != nil {
		return nil, err
	}
	if len(res.Rows) != 1 || len(res.Rows[0]) != 1 {
		return nil, fmt.Errorf("EXPLAIN returned %d rows", len(res.Rows))
	}
	big := a.bigTable
	if big == 0 {
		big = DefaultBigTable
	}
	plan := fmt.Sprint(res.Rows[0][0])
	sizes, err := tableSizes(ctx, q, plan, req.Snapshot)
	if err != nil {
		return nil, err
	}
	s, err := Summarize(plan, sizes, big)
	if err != nil {
		return nil, err
	}
	return []plugin.Action{{Title: s.Title(), Detail: s.Markdown()}}, nil
}

// Sizes are tables' row counts by schema and name.
type Sizes map[[2]string]int64

// tableSizes knows the size of every scanned table: from the snapshot's
// row estimates when a metadata hook filled them, else from pg_class in
// one query.
func tableSizes(ctx context.Context, q drivers.Querier, plan string, snap *schema.Snapshot) (Sizes, error) {
	s, err := Summarize(plan, nil, 0)
	if err != nil {
		return nil, err
	}
	sizes := Sizes{}
	var missing []string
	for _, sc := range s.SeqScans {
		if n := estimate(snap, sc.Schema, sc.Table); n > 0 {
			sizes[[2]string{sc.Schema, sc.Table}] = n
		} else {
			missing = append(missing, sc.Table)
		}
	}
	if len(missing) == 0 {
		return sizes, nil
	}
	res, err := q.Query(ctx, drivers.Request{SQL: `SELECT n.nspname, c.relname, c.reltuples::bigint
FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.relname = ANY($1)`, Args: []any{missing}})
	if err != nil {
		return nil, fmt.Errorf("table sizes: %w", err)
	}
	for _, r := range res.Rows {
		if n, ok := r[2].(int64); ok {
			sizes[[2]string{fmt.Sprint(r[0]), fmt.Sprint(r[1])}] = n
		}
	}
	return sizes, nil
}

// Node is a plan node as EXPLAIN (FORMAT JSON) writes it.
type Node struct {
	Type      string  `json:"Node Type"`
	Relation  string  `json:"Relation Name"`
	Schema    string  `json:"Schema"`
	Alias     string  `json:"Alias"`
	StartCost float64 `json:"Startup Cost"`
	TotalCost float64 `json:"Total Cost"`
	Rows      float64 `json:"Plan Rows"`
	Plans     []Node  `json:"Plans"`
}

// SeqScan is a sequential scan worth knowing about.
type SeqScan struct {
	Schema string
	Table  string
	// Rows is the table's size: its row estimate from the snapshot, else
	// the rows the planner expects the scan to return.
	Rows int64
}

// Summary is what the assist tells.
type Summary struct {
	Top      Node
	SeqScans []SeqScan
	Nodes    int
}

// Summarize reads EXPLAIN's JSON; scans of tables with at least big rows
// (by sizes, else the rows the plan expects) are listed.
func Summarize(planJSON string, sizes Sizes, big int64) (Summary, error) {
	var plans []struct {
		Plan Node `json:"Plan"`
	}
	if err := json.Unmarshal([]byte(planJSON), &plans); err != nil || len(plans) == 0 {
		return Summary{}, fmt.Errorf("EXPLAIN output is not a JSON plan: %v", err)
	}
	s := Summary{Top: plans[0].Plan}
	var walk func(n Node)
	walk = func(n Node) {
		s.Nodes++
		if n.Type == "Seq Scan" {
			rows := int64(n.Rows)
			if est, ok := sizes[[2]string{n.Schema, n.Relation}]; ok && est > rows {
				rows = est
			}
			if rows >= big {
				s.SeqScans = append(s.SeqScans, SeqScan{Schema: n.Schema, Table: n.Relation, Rows: rows})
			}
		}
		for _, c := range n.Plans {
			walk(c)
		}
	}
	walk(s.Top)
	return s, nil
}

func estimate(snap *schema.Snapshot, schemaName, table string) int64 {
	if snap == nil {
		return 0
	}
	for _, sc := range snap.Schemas {
		if schemaName != "" && sc.Name != schemaName {
			continue
		}
		if t := sc.Table(table); t != nil {
			return t.RowEstimate
		}
	}
	return 0
}

func (n Node) label() string {
	if n.Relation != "" {
		return n.Type + " on " + n.Relation
	}
	return n.Type
}

// Title is the one-line summary shown in the code-action menu.
func (s Summary) Title() string {
	t := fmt.Sprintf("EXPLAIN: %s, cost %.2f, ~%s rows", s.Top.label(), s.Top.TotalCost, count(int64(s.Top.Rows)))
	for _, sc := range s.SeqScans {
		t += fmt.Sprintf("; seq scan on %s (~%s rows)", sc.Table, count(sc.Rows))
	}
	return t
}

// Markdown is the longer form.
func (s Summary) Markdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "**%s** — estimated cost %.2f..%.2f, ~%s rows, %d plan nodes\n",
		s.Top.label(), s.Top.StartCost, s.Top.TotalCost, count(int64(s.Top.Rows)), s.Nodes)
	for _, sc := range s.SeqScans {
		fmt.Fprintf(&b, "- sequential scan on big table %s (~%s rows): an index on the filtered columns may help\n", sc.Table, count(sc.Rows))
	}
	return b.String()
}

// count writes 1234567 as 1,234,567.
func count(n int64) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
