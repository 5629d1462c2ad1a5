package diff

import (
	"maps"
	"slices"
	"strings"

	"github.com/dbls/dbls/drivers/ddl"
	"github.com/dbls/dbls/drivers/schema"
)

// Table inheritance (PostgreSQL INHERITS, Options["inherits"]: parents one
// per line). A table loses parents before the plan drops or changes
// columns (NO INHERIT makes the inherited columns its own), and gains
// them once its columns and its parents' match (INHERIT checks that).
// A child the plan creates is created after the parents' columns change,
// at inheritPhase, so that INHERITS sees them as the source has them.
const (
	disinheritPhase = 4.9  // before columns and tables are dropped
	inheritPhase    = 10.5 // after columns are added and altered
)

func (d *differ) inheritance(s, t *schema.Table) {
	from, to := parentsOf(t), parentsOf(s)
	var kept []string
	for _, p := range to {
		if slices.Contains(from, p) {
			kept = append(kept, p)
		}
	}
	mid := withParents(t, kept)
	if len(kept) < len(from) {
		d.add(pending{ch: ddl.SetInheritance{On: ddl.On{Schema: d.dstName, Table: t.Name, Current: t, Desired: mid}},
			changes: []string{"parents removed"}, source: s.Options["inherits"], target: t.Options["inherits"], at: disinheritPhase})
	}
	if len(kept) < len(to) {
		d.add(pending{ch: ddl.SetInheritance{On: ddl.On{Schema: d.dstName, Table: t.Name, Current: mid, Desired: s}},
			changes: []string{"parents added"}, source: s.Options["inherits"], target: t.Options["inherits"], at: inheritPhase})
	}
}

func parentsOf(t *schema.Table) []string {
	if p := t.Options["inherits"]; p != "" {
		return strings.Split(p, "\n")
	}
	return nil
}

// withParents is a shallow copy of t whose parents are ps.
func withParents(t *schema.Table, ps []string) *schema.Table {
	c := *t
	c.Options = maps.Clone(t.Options)
	if c.Options == nil {
		c.Options = map[string]string{}
	}
	c.Options["inherits"] = strings.Join(ps, "\n")
	if len(ps) == 0 {
		delete(c.Options, "inherits")
	}
	return &c
}
