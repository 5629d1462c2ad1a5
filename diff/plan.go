package diff

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/dbls/dbls/drivers/ddl"
	"github.com/dbls/dbls/drivers/schema"
)

// Compare returns the plan that makes target's structure match source's,
// rendered in the dialect of opts.Renderer. Neither snapshot is modified.
func Compare(source, target *schema.Snapshot, opts Options) (*Plan, error) {
	if opts.Renderer == nil {
		return nil, errors.New("diff: no renderer for the target's dialect (its driver does not implement ddl.Renderer)")
	}
	r := opts.Renderer
	if t, ok := r.(ddl.TargetRenderer); ok {
		r = t.ForTarget(target)
	}
	e := newEngine(r)
	src, dst := e.prepareBoth(source, target)
	plan := &Plan{Source: describe(source), Target: describe(target)}
	var ps []pending
	var srcSchemas, dstSchemas []*schema.Schema
	for _, pair := range schemaPairs(src, dst, opts) {
		s := src.Schema(pair[0])
		t := dst.Schema(pair[1])
		if t == nil {
			t = &schema.Schema{Name: pair[1]}
			if hasObjects(s) || s.Comment != "" && e.syncs(ddl.ObjectComment) {
				ps = append(ps, pending{ch: ddl.CreateSchema{Schema: pair[1]}})
			}
		}
		d := &differ{e: e, srcName: pair[0], dstName: pair[1], src: s, dst: t, renames: opts.Renames,
			mapRef: func(n string) string { return mapSchema(n, src, dst, opts) }}
		d.tables()
		d.views()
		d.triggers()
		d.objects()
		d.comments()
		ps = append(ps, d.out...)
		plan.Notes = append(plan.Notes, e.notes(s, t)...)
		plan.Notes = append(plan.Notes, e.securityNotes(s, t)...)
		plan.Notes = append(plan.Notes, e.typeNotes(s, t)...)
		plan.Notes = append(plan.Notes, unsyncedNotes(t.Name, s.Unsynced, t.Unsynced)...)
		srcSchemas, dstSchemas = append(srcSchemas, s), append(dstSchemas, t)
	}
	if len(opts.Schemas) == 0 {
		plan.Notes = append(plan.Notes, unsyncedNotes("", src.Unsynced, dst.Unsynced)...)
	}
	ps = movedExtensions(ps)
	ps = enumRebuilds(e, ps, srcSchemas, dstSchemas) // before anything keys off retyped columns
	applyOptions(ps, opts)                           // before rebuilds renders the changes
	ps = rebuilds(e, ps, srcSchemas, dstSchemas)     // first: a rebuild touches views like an altered column
	ps = keyDependents(e, ps, srcSchemas, dstSchemas)
	ps = routineUsers(e, ps, srcSchemas, dstSchemas, opts.AllowDestructive)
	ps = dependentViews(e, ps, srcSchemas, dstSchemas, opts.AllowDestructive)
	ps = pinningTriggers(e, ps, srcSchemas, dstSchemas)
	ps = viewIndexes(e, ps, srcSchemas, dstSchemas)
	ps = viewTriggers(e, ps, srcSchemas, dstSchemas)
	ps = replacements(e, ps)
	ps, policyNotes := missingPolicyRoles(ps, dst.Roles)
	plan.Notes = append(plan.Notes, policyNotes...)
	ps, grantNotes, info := grants(e, ps, srcSchemas, dstSchemas, src, dst)
	plan.Notes = append(plan.Notes, grantNotes...)
	plan.Info = info
	ps = canonicalFunctions(ps)
	applyOptions(ps, opts) // and the changes added since
	order(ps)
	for i := range ps {
		plan.Items = append(plan.Items, e.item(&ps[i], opts))
	}
	uniqueIDs(plan.Items)
	requirements(plan.Items)
	return plan, nil
}

// requirements fills each item's Requires from what the plan creates: a
// change to a table the plan creates needs that creation, a new table
// needs its new schema, and a new foreign key needs its referenced table
// when the plan creates it.
func requirements(items []Item) {
	tables, schemas := map[string]string{}, map[string]string{}
	for _, it := range items {
		switch it.Kind {
		case ddl.KindCreateTable:
			tables[it.Schema+"."+it.Table] = it.ID
		case ddl.KindCreateSchema:
			schemas[it.Schema] = it.ID
		}
	}
	for i := range items {
		it := &items[i]
		add := func(id string) {
			if id != "" && id != it.ID && !slices.Contains(it.Requires, id) {
				it.Requires = append(it.Requires, id)
			}
		}
		add(schemas[it.Schema])
		if it.Table != "" && it.Kind != ddl.KindCreateTable {
			add(tables[it.Schema+"."+it.Table])
		}
		for _, fk := range itemForeignKeys(it.change) {
			ref := tables[fk.RefSchema+"."+fk.RefTable]
			if ref == "" {
				ref = tables[it.Schema+"."+fk.RefTable]
			}
			add(ref)
		}
	}
}

func itemForeignKeys(c ddl.Change) []schema.ForeignKey {
	switch c := c.(type) {
	case ddl.AddForeignKey:
		return []schema.ForeignKey{c.ForeignKey}
	case ddl.CreateTable:
		return c.Table.ForeignKeys
	case ddl.RebuildTable:
		if c.Desired != nil {
			return c.Desired.ForeignKeys
		}
	}
	return nil
}

// tables returns the whole table a change carries, as the source wants it
// and as the target has it, where the change knows them.
func tables(c ddl.Change) (desired, current *schema.Table) {
	switch c := c.(type) {
	case ddl.CreateTable:
		return &c.Table, nil
	case ddl.DropTable:
		return nil, &c.Table
	case ddl.TableChange:
		on := c.OnTable()
		return on.Desired, on.Current
	}
	return nil, nil
}

func hasObjects(sc *schema.Schema) bool {
	return len(sc.Tables)+len(sc.Views)+len(sc.Triggers)+len(sc.Sequences)+len(sc.Enums)+len(sc.Domains)+len(sc.Routines)+len(sc.Events)+
		len(sc.Extensions)+len(sc.Composites)+len(sc.Ranges)+len(sc.Collations) > 0
}

func describe(s *schema.Snapshot) string {
	return strings.TrimSpace(s.Driver + " " + s.Database)
}

// item renders one change.
func (e engine) item(p *pending, opts Options) Item {
	c := p.ch
	sc, name := c.Where()
	it := Item{Kind: c.Kind(), Schema: sc, Table: name, Object: p.object, Source: p.source, Target: p.target,
		Changes: p.changes, Destructive: p.destructive || e.rebuildLoses(c), change: c}
	switch c.(type) {
	case ddl.CreateView, ddl.DropView: // a view is an object of its schema, not of a table
		it.Table, it.Object = "", name
	}
	if objectChange(c) { // a schema-level object, named by itself
		it.Table, it.Object = "", name
	}
	if sc, ok := c.(ddl.SetComment); ok && sc.Table == "" { // a comment on a schema-level object
		it.Table, it.Object = "", name
	}
	it.ID = string(it.Kind) + ":" + strings.Join(nonEmpty(it.Schema, it.Table, it.Object), ".")
	sql, err := p.render(e.r)
	if err != nil {
		it.Error = err.Error()
	}
	it.SQL = sql
	it.Hazards = e.hazards(c, it.Destructive)
	it.Selected = it.Error == "" && (!it.Destructive || opts.AllowDestructive)
	return it
}

func nonEmpty(parts ...string) []string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}

// rebuildLoses reports whether a table rebuild drops columns or narrows
// their types.
func (e engine) rebuildLoses(c ddl.Change) bool {
	rb, ok := c.(ddl.RebuildTable)
	if !ok || rb.Current == nil || rb.Desired == nil {
		return false
	}
	for _, old := range rb.Current.Columns {
		k := e.key("column", old.Name)
		i := slices.IndexFunc(rb.Desired.Columns, func(n schema.Column) bool { return e.key("column", n.Name) == k })
		if i < 0 || !strings.EqualFold(old.Type, rb.Desired.Columns[i].Type) && !widening(old.Type, rb.Desired.Columns[i].Type) {
			return true
		}
	}
	return false
}

// dependentViews drops and recreates target views over tables whose
// columns change in a way the engine refuses under a view (PostgreSQL: a
// column's type or collation, a dropped column) or that are dropped or
// rebuilt (SQLite rebuilds break views). A view is recreated only when it
// reads what changes: the table, and for a column change, the column.
// Changes that will not be applied (destructive ones without
// allowDestructive) touch nothing, so that a plan whose drops are skipped
// settles instead of recreating the same views on every run.
func dependentViews(e engine, ps []pending, src, dst []*schema.Schema, allowDestructive bool) []pending {
	touched := map[string]*reach{} // schema.table
	dropped := map[string]bool{}   // schema.view already dropped
	mark := func(key, col string) {
		r := touched[key]
		if r == nil {
			r = &reach{}
			touched[key] = r
		}
		if col == "" {
			r.whole = true
		} else {
			r.columns = append(r.columns, col)
		}
	}
	for _, p := range ps {
		if (p.destructive || e.rebuildLoses(p.ch)) && !allowDestructive {
			continue
		}
		sc, name := p.ch.Where()
		key := sc + "." + e.key("table", name)
		switch c := p.ch.(type) {
		case ddl.AlterColumn:
			if slices.Contains(p.changes, "type") || slices.Contains(p.changes, "collation") ||
				slices.Contains(p.changes, "generated") {
				mark(key, c.From.Name)
			}
		case ddl.DropColumn:
			mark(key, c.Column.Name)
		case ddl.DropTable, ddl.RebuildTable:
			mark(key, "")
		case ddl.DropView:
			// Views over a dropped view must go first, whatever dropped it.
			dropped[sc+"."+e.key("view", name)] = true
			mark(key, "")
		}
	}
	if len(touched) == 0 {
		return ps
	}
	for i, t := range dst {
		for changed := true; changed; { // views over views: repeat until stable
			changed = false
			for vi := range t.Views {
				v := &t.Views[vi]
				key := t.Name + "." + e.key("view", v.Name)
				if dropped[key] || !dependsOn(e, v, t.Name, touched) {
					continue
				}
				dropped[key], changed = true, true
				mark(t.Name+"."+e.key("table", v.Name), "")
				ps = append(ps, pending{ch: ddl.DropView{Schema: t.Name, View: *v},
					changes: []string{"depends on a changed table"}, target: v})
				if sv := findView(e, src[i], v.Name); sv != nil && !creates(ps, t.Name, sv.Name) {
					ps = append(ps, pending{ch: ddl.CreateView{Schema: t.Name, View: *sv},
						changes: []string{"depends on a changed table"}, source: sv, target: v})
				}
			}
		}
	}
	return ps
}

// reach is what of a table changes under its views: all of it, or columns.
type reach struct {
	whole   bool
	columns []string
}

func dependsOn(e engine, v *schema.View, schemaName string, touched map[string]*reach) bool {
	for key, r := range touched {
		sc, name, _ := strings.Cut(key, ".")
		if !reads(e, v, schemaName, sc, name) {
			continue
		}
		if r.whole || slices.ContainsFunc(r.columns, func(c string) bool { return mentions(v.Definition, c) }) {
			return true
		}
	}
	return false
}

// reads reports whether view v of schema viewSchema reads the table or
// view name (a key) of schema sc: from the dependencies the catalog
// recorded, or else by the name in its definition (same schema only).
func reads(e engine, v *schema.View, viewSchema, sc, name string) bool {
	if len(v.DependsOn) == 0 {
		return sc == viewSchema && mentions(v.Definition, name)
	}
	return slices.ContainsFunc(v.DependsOn, func(ref schema.ObjectRef) bool {
		return (ref.Kind == schema.RefTable || ref.Kind == schema.RefView) && ref.Schema == sc && e.key("table", ref.Name) == name
	})
}

func findView(e engine, sc *schema.Schema, name string) *schema.View {
	if sc == nil {
		return nil
	}
	for i := range sc.Views {
		if e.key("view", sc.Views[i].Name) == e.key("view", name) {
			return &sc.Views[i]
		}
	}
	return nil
}

func creates(ps []pending, schemaName, view string) bool {
	return slices.ContainsFunc(ps, func(p pending) bool {
		cv, ok := p.ch.(ddl.CreateView)
		return ok && cv.Schema == schemaName && cv.View.Name == view
	})
}

// rebuilds asks the renderer about every table-level change; where the
// engine cannot make one in place (ddl.ErrRebuild), all changes to that
// table become one table.rebuild, followed by its triggers, which the
// rebuild's DROP TABLE takes with it.
func rebuilds(e engine, ps []pending, src, dst []*schema.Schema) []pending {
	need := map[string]*pending{}
	for i := range ps {
		p := &ps[i]
		tc, ok := p.ch.(ddl.TableChange) // not table.create nor table.drop
		if !ok {
			continue
		}
		on := tc.OnTable()
		key := on.Schema + "." + e.key("table", on.Table)
		if _, ok := tc.(ddl.RebuildTable); ok {
			need[key] = p
			continue
		}
		if on.Current == nil || on.Desired == nil {
			continue
		}
		if _, err := p.render(e.r); errors.Is(err, ddl.ErrRebuild) {
			if need[key] == nil {
				need[key] = p
			}
		}
	}
	if len(need) == 0 {
		return ps
	}
	var out []pending
	for _, p := range ps {
		if tc, ok := p.ch.(ddl.TableChange); ok {
			on := tc.OnTable()
			if need[on.Schema+"."+e.key("table", on.Table)] != nil && on.Desired != nil {
				continue // folded into the rebuild
			}
		}
		out = append(out, p)
	}
	for key, p := range need {
		changes := changedAspects(ps, key, e)
		on := p.ch.(ddl.TableChange).OnTable()
		out = append(out, pending{ch: ddl.RebuildTable{On: on}, changes: changes, source: on.Desired, target: on.Current})
		out = append(out, recreateTriggers(e, out, on.Schema, on.Table, sourceOf(src, dst, on.Schema))...)
	}
	return out
}

// viewTriggers recreates the triggers and rules of views that are dropped
// and created again: DROP VIEW takes a view's triggers with it (SQLite's
// INSTEAD OF triggers, PostgreSQL's too) and its rules.
func viewTriggers(e engine, ps []pending, src, dst []*schema.Schema) []pending {
	var more []pending
	for _, p := range ps {
		if dv, ok := p.ch.(ddl.DropView); ok && creates(ps, dv.Schema, dv.View.Name) {
			sc := sourceOf(src, dst, dv.Schema)
			more = append(more, recreateTriggers(e, append(ps, more...), dv.Schema, dv.View.Name, sc)...)
			if e.syncs(ddl.ObjectRule) && sc != nil {
				more = append(more, recreateRules(e, append(ps, more...), dv.Schema, dv.View.Name, sc)...)
			}
		}
	}
	return append(ps, more...)
}

// changedAspects lists, for a rebuilt table, which changes caused it.
func changedAspects(ps []pending, key string, e engine) []string {
	var out []string
	for _, p := range ps {
		sc, name := p.ch.Where()
		if desired, _ := tables(p.ch); sc+"."+e.key("table", name) != key || desired == nil {
			continue
		}
		label := string(p.ch.Kind())
		if p.object != "" {
			label += " " + p.object
		}
		out = append(out, label)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// sourceOf is the source schema the plan maps to the target schema named.
func sourceOf(src, dst []*schema.Schema, target string) *schema.Schema {
	i := slices.IndexFunc(dst, func(sc *schema.Schema) bool { return sc != nil && sc.Name == target })
	if i < 0 {
		return nil
	}
	return src[i]
}

// recreateTriggers creates again the triggers sc (the source schema of
// the target schema schemaName) has on table, which a rebuild or a view's
// drop took: only that schema's, not a same-named table's elsewhere.
func recreateTriggers(e engine, ps []pending, schemaName, table string, sc *schema.Schema) []pending {
	if sc == nil {
		return nil
	}
	var out []pending
	for i := range sc.Triggers {
		tr := &sc.Triggers[i]
		if e.key("table", tr.Table) != e.key("table", table) || slices.ContainsFunc(ps, func(p pending) bool {
			ct, ok := p.ch.(ddl.CreateTrigger)
			return ok && e.sameTrigger(ct, schemaName, table, tr.Name)
		}) {
			continue
		}
		out = append(out, pending{ch: ddl.CreateTrigger{Schema: schemaName, Table: table, Trigger: *tr},
			object: tr.Name, changes: []string{"recreated with its " + ownerKind(sc, tr.Table)}, source: tr})
	}
	return out
}

func ownerKind(sc *schema.Schema, name string) string {
	if sc.View(name) != nil {
		return "view"
	}
	return "table"
}

// unsupported reports differences dbls sees but does not sync yet, so that
// nothing is silently ignored.
func unsupported(s, t *schema.Schema, why string) []string {
	var notes []string
	sigs := func(rs []schema.Routine) map[string]string {
		m := map[string]string{}
		for _, r := range rs {
			m[r.Kind+" "+r.Signature()] = squash(r.Definition)
		}
		return m
	}
	a, b := sigs(s.Routines), sigs(t.Routines)
	note := func(k, what string) string {
		kind, sig, _ := strings.Cut(k, " ") // the signature has spaces of its own: "f(a int, b text)"
		return fmt.Sprintf("%s %s.%s %s (%s)", kind, t.Name, sig, what, why)
	}
	for _, k := range sortedKeys(a) {
		if def, ok := b[k]; !ok {
			notes = append(notes, note(k, "exists only in the source"))
		} else if def != a[k] {
			notes = append(notes, note(k, "differs"))
		}
	}
	for _, k := range sortedKeys(b) {
		if _, ok := a[k]; !ok {
			notes = append(notes, note(k, "exists only in the target"))
		}
	}
	return notes
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

var typeRE = regexp.MustCompile(`^\s*([a-z ]+?)\s*(?:\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\))?\s*(unsigned)?\s*$`)

// widening reports a type change that cannot lose data: a longer string, a
// larger integer, more numeric precision. Anything it does not recognise
// counts as narrowing, so the item is marked destructive.
func widening(from, to string) bool {
	f, t := typeRE.FindStringSubmatch(strings.ToLower(from)), typeRE.FindStringSubmatch(strings.ToLower(to))
	if f == nil || t == nil {
		return false
	}
	fb, tb := canonicalType(f[1]), canonicalType(t[1])
	fn, _ := strconv.Atoi(f[2])
	tn, _ := strconv.Atoi(t[2])
	fs, _ := strconv.Atoi(f[3])
	ts, _ := strconv.Atoi(t[3])
	switch {
	case isString(fb) && (tb == "text" || tb == "longtext" || tb == "clob"):
		return true
	case isString(fb) && fb == tb:
		return tn >= fn || tn == 0
	case intRank[fb] > 0 && intRank[tb] > 0:
		return intRank[tb] >= intRank[fb] && f[4] == t[4]
	case intRank[fb] > 0 && (tb == "numeric" || tb == "decimal") && tn >= 20:
		return true
	case (fb == "numeric" || fb == "decimal") && fb == tb:
		return tn-ts >= fn-fs && ts >= fs
	}
	return false
}

func canonicalType(t string) string {
	switch t {
	case "character varying", "varchar", "nvarchar":
		return "varchar"
	case "character", "char", "nchar":
		return "char"
	case "int", "integer", "int4":
		return "integer"
	case "int8":
		return "bigint"
	case "int2":
		return "smallint"
	}
	return t
}

func isString(t string) bool { return t == "varchar" || t == "char" || t == "text" }

var intRank = map[string]int{"tinyint": 1, "smallint": 2, "mediumint": 3, "integer": 4, "bigint": 5}
