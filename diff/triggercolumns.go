package diff

import (
	"slices"

	"github.com/dbls/dbls/drivers/ddl"
	"github.com/dbls/dbls/drivers/schema"
)

// pinningTriggers drops and creates again the target's triggers that name a
// column whose type or collation the plan changes, on engines that refuse
// that change under a trigger (ddl.TriggerColumnPinner). Where the engine
// records a trigger's columns (ddl.TriggerColumnRecorder) they decide;
// elsewhere the trigger's definition is searched for the column's name: a
// trigger recreated without need costs a statement, one kept makes the
// ALTER fail.
func pinningTriggers(e engine, ps []pending, src, dst []*schema.Schema) []pending {
	if p, ok := e.r.(ddl.TriggerColumnPinner); !ok || !p.TriggersPinColumns() {
		return ps
	}
	rec, _ := e.r.(ddl.TriggerColumnRecorder)
	recorded := rec != nil && rec.TriggerColumnsRecorded()
	var more []pending
	for _, p := range ps {
		c, ok := p.ch.(ddl.AlterColumn)
		if !ok || !slices.Contains(p.changes, "type") && !slices.Contains(p.changes, "collation") {
			continue
		}
		sc, table := p.ch.Where()
		for i, t := range dst {
			if t.Name != sc {
				continue
			}
			for ti := range t.Triggers {
				tr := &t.Triggers[ti]
				if e.key("table", tr.Table) != e.key("table", table) || !namesColumn(e, tr, c.From.Name, recorded) ||
					dropsTrigger(e, append(ps, more...), sc, tr) {
					continue
				}
				more = append(more, pending{ch: ddl.DropTrigger{Schema: sc, Table: tr.Table, Trigger: *tr},
					object: tr.Name, changes: []string{"names a retyped column"}, target: tr})
				if creates := slices.ContainsFunc(append(ps, more...), func(q pending) bool {
					ct, ok := q.ch.(ddl.CreateTrigger)
					return ok && e.sameTrigger(ct, sc, tr.Table, tr.Name)
				}); creates || src[i] == nil {
					continue
				}
				for si := range src[i].Triggers {
					s := &src[i].Triggers[si]
					if e.objectKey("trigger", s.Table, s.Name) == e.objectKey("trigger", tr.Table, tr.Name) {
						more = append(more, pending{ch: ddl.CreateTrigger{Schema: sc, Table: s.Table, Trigger: *s},
							object: s.Name, changes: []string{"names a retyped column"}, source: s, target: tr})
					}
				}
			}
		}
	}
	return append(ps, more...)
}

// namesColumn reports whether a trigger depends on a column: from the
// columns the catalog recorded, or else from its definition's text.
func namesColumn(e engine, tr *schema.Trigger, column string, recorded bool) bool {
	if recorded {
		return slices.ContainsFunc(tr.Columns, func(c string) bool { return e.key("column", c) == e.key("column", column) })
	}
	return mentions(tr.Definition, column)
}

func dropsTrigger(e engine, ps []pending, sc string, tr *schema.Trigger) bool {
	return slices.ContainsFunc(ps, func(p pending) bool {
		dt, ok := p.ch.(ddl.DropTrigger)
		return ok && dt.Schema == sc && e.objectKey("trigger", dt.Table, dt.Trigger.Name) == e.objectKey("trigger", tr.Table, tr.Name)
	})
}
