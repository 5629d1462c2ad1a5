package explain

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// PlanNode is one node of a plan tree, whatever the engine: what it does
// (Label), its estimates in one line (Summary), the rest of what the
// engine said (Details), and its inputs.
type PlanNode struct {
	Label    string      `json:"label"`
	Summary  string      `json:"summary,omitempty"`
	Details  []string    `json:"details,omitempty"`
	Children []*PlanNode `json:"children,omitempty"`
}

// Count is the number of nodes of the tree under n, n included.
func (n *PlanNode) Count() int {
	c := 1
	for _, ch := range n.Children {
		c += ch.Count()
	}
	return c
}

// Text writes the tree indented, one node a line, its details under it.
func (n *PlanNode) Text() string {
	var b strings.Builder
	n.text(&b, "", "")
	return b.String()
}

func (n *PlanNode) text(b *strings.Builder, first, rest string) {
	b.WriteString(first + n.Label)
	if n.Summary != "" {
		b.WriteString("  (" + n.Summary + ")")
	}
	b.WriteString("\n")
	bar := rest + "   "
	if len(n.Children) > 0 {
		bar = rest + "│  "
	}
	for _, d := range n.Details {
		b.WriteString(bar + "  " + d + "\n")
	}
	for i, c := range n.Children {
		if i == len(n.Children)-1 {
			c.text(b, rest+"└─ ", rest+"   ")
		} else {
			c.text(b, rest+"├─ ", rest+"│  ")
		}
	}
}

// postgresTree reads EXPLAIN (FORMAT JSON [, ANALYZE]).
func postgresTree(planJSON string) (*PlanNode, error) {
	var plans []struct {
		Plan          map[string]any `json:"Plan"`
		PlanningTime  *float64       `json:"Planning Time"`
		ExecutionTime *float64       `json:"Execution Time"`
	}
	if err := json.Unmarshal([]byte(planJSON), &plans); err != nil || len(plans) == 0 || plans[0].Plan == nil {
		return nil, fmt.Errorf("EXPLAIN output is not a JSON plan: %v", err)
	}
	root := pgNode(plans[0].Plan)
	if t := plans[0].ExecutionTime; t != nil {
		root.Details = append(root.Details, fmt.Sprintf("Execution Time: %.3f ms", *t))
	}
	return root, nil
}

// pgShown are the keys that make up a PostgreSQL node's label and
// summary, or say nothing worth a line.
var pgShown = map[string]bool{
	"Node Type": true, "Relation Name": true, "Alias": true, "Index Name": true, "Join Type": true,
	"Startup Cost": true, "Total Cost": true, "Plan Rows": true, "Plan Width": true, "Plans": true,
	"Actual Startup Time": true, "Actual Total Time": true, "Actual Rows": true, "Actual Loops": true,
	"Parallel Aware": true, "Async Capable": true, "Parent Relationship": true, "Schema": true, "Output": true,
	"Operation": true, "Strategy": true, "Partial Mode": true, "Planned Partitions": true,
}

// aggregates name an Aggregate node by its strategy.
var aggregates = map[string]string{"Hashed": "HashAggregate", "Sorted": "GroupAggregate", "Mixed": "MixedAggregate", "Plain": "Aggregate"}

func pgNode(m map[string]any) *PlanNode {
	str := func(k string) string { s, _ := m[k].(string); return s }
	num := func(k string) float64 { f, _ := m[k].(float64); return f }
	label := str("Node Type")
	// Named as EXPLAIN's text format names them.
	switch {
	case label == "Aggregate" && aggregates[str("Strategy")] != "":
		label = aggregates[str("Strategy")]
	case label == "ModifyTable" && str("Operation") != "":
		label = str("Operation")
	}
	if j := str("Join Type"); j != "" && j != "Inner" {
		label = j + " " + label
	}
	if r := str("Relation Name"); r != "" {
		label += " on " + r
		if a := str("Alias"); a != "" && a != r {
			label += " " + a
		}
	}
	if ix := str("Index Name"); ix != "" {
		label += " using " + ix
	}
	n := &PlanNode{Label: label,
		Summary: fmt.Sprintf("cost %.2f..%.2f rows %s width %d", num("Startup Cost"), num("Total Cost"), count(int64(num("Plan Rows"))), int64(num("Plan Width")))}
	if _, ok := m["Actual Total Time"]; ok {
		n.Summary += fmt.Sprintf(" · actual %.3f..%.3f ms rows %s loops %d",
			num("Actual Startup Time"), num("Actual Total Time"), count(int64(num("Actual Rows"))), int64(num("Actual Loops")))
	}
	var keys []string
	for k := range m {
		if !pgShown[k] {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		if v := scalar(m[k]); v != "" {
			n.Details = append(n.Details, k+": "+v)
		}
	}
	if kids, ok := m["Plans"].([]any); ok {
		for _, k := range kids {
			if km, ok := k.(map[string]any); ok {
				n.Children = append(n.Children, pgNode(km))
			}
		}
	}
	return n
}

// scalar writes a JSON value on one line: lists joined by commas; ""
// for objects.
func scalar(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(v)
	case []any:
		parts := make([]string, 0, len(v))
		for _, e := range v {
			if s := scalar(e); s != "" {
				parts = append(parts, s)
			}
		}
		return strings.Join(parts, ", ")
	}
	return ""
}

// mysqlTree reads EXPLAIN FORMAT=JSON of MySQL and MariaDB: nested
// objects (query_block, nested_loop, table, ordering_operation, …) whose
// keys name the operation. Each object becomes a node named by its key
// (a table by its name and access type), its scalar fields the details.
func mysqlTree(planJSON string) (*PlanNode, error) {
	var top map[string]any
	if err := json.Unmarshal([]byte(planJSON), &top); err != nil || len(top) == 0 {
		return nil, fmt.Errorf("EXPLAIN output is not a JSON plan: %v", err)
	}
	kids := mysqlChildren(top)
	if len(kids) == 1 {
		return kids[0], nil
	}
	return &PlanNode{Label: "plan", Children: kids}, nil
}

func mysqlNode(key string, m map[string]any) *PlanNode {
	n := &PlanNode{Label: strings.ReplaceAll(key, "_", " ")}
	if t, ok := m["table_name"].(string); ok {
		n.Label = "table " + t
		if a, ok := m["access_type"].(string); ok {
			n.Label += " (" + a + ")"
		}
	}
	var sum []string
	for _, k := range []string{"rows_examined_per_scan", "rows", "rows_produced_per_join", "filtered"} {
		if v := scalar(m[k]); v != "" {
			sum = append(sum, strings.ReplaceAll(k, "_", " ")+" "+v)
		}
	}
	if ci, ok := m["cost_info"].(map[string]any); ok {
		for _, k := range []string{"query_cost", "prefix_cost", "read_cost", "eval_cost"} {
			if v := scalar(ci[k]); v != "" {
				sum = append([]string{strings.ReplaceAll(k, "_", " ") + " " + v}, sum...)
				break
			}
		}
	}
	n.Summary = strings.Join(sum, " · ")
	var keys []string
	for k, v := range m {
		switch k {
		case "table_name", "access_type", "cost_info", "rows_examined_per_scan", "rows", "rows_produced_per_join", "filtered":
			continue
		}
		if scalar(v) != "" {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		n.Details = append(n.Details, k+": "+scalar(m[k]))
	}
	n.Children = mysqlChildren(m)
	return n
}

// mysqlChildren are the nodes of m's object values and lists of objects,
// in key order; a list element that is one keyed object ({"table": …})
// is that object.
func mysqlChildren(m map[string]any) []*PlanNode {
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var out []*PlanNode
	for _, k := range keys {
		if k == "cost_info" {
			continue
		}
		switch v := m[k].(type) {
		case map[string]any:
			out = append(out, mysqlNode(k, v))
		case []any:
			for _, e := range v {
				em, ok := e.(map[string]any)
				if !ok {
					continue
				}
				if len(em) == 1 {
					k1 := firstKey(em)
					if im, ok := em[k1].(map[string]any); ok {
						out = append(out, mysqlNode(k1, im))
						continue
					}
				}
				out = append(out, mysqlNode(k, em))
			}
		}
	}
	return out
}

func firstKey(m map[string]any) string {
	for k := range m {
		return k
	}
	return ""
}

// sqliteTree builds the tree of EXPLAIN QUERY PLAN's rows (id, parent,
// notused, detail).
func sqliteTree(rows [][]any) (*PlanNode, error) {
	root := &PlanNode{Label: "QUERY PLAN"}
	byID := map[int64]*PlanNode{0: root}
	for _, r := range rows {
		if len(r) < 4 {
			return nil, fmt.Errorf("EXPLAIN QUERY PLAN row has %d columns, want 4", len(r))
		}
		id, ok1 := toInt(r[0])
		parent, ok2 := toInt(r[1])
		if !ok1 || !ok2 {
			return nil, fmt.Errorf("EXPLAIN QUERY PLAN row %v: id and parent are not numbers", r)
		}
		n := &PlanNode{Label: fmt.Sprint(r[3])}
		byID[id] = n
		p := byID[parent]
		if p == nil {
			p = root
		}
		p.Children = append(p.Children, n)
	}
	return root, nil
}

func toInt(v any) (int64, bool) {
	switch v := v.(type) {
	case int64:
		return v, true
	case int:
		return int64(v), true
	case float64:
		return int64(v), true
	case string:
		n, err := strconv.ParseInt(v, 10, 64)
		return n, err == nil
	}
	return 0, false
}
