package diff

import (
	"maps"
	"slices"
	"strings"

	"github.com/dbls/dbls/drivers/ddl"
	"github.com/dbls/dbls/drivers/schema"
)

// pending is a change before rendering, with what the plan item says of it.
type pending struct {
	ch          ddl.Change
	object      string
	changes     []string
	destructive bool
	source      any
	target      any
	// afterViews orders an index on a materialized view after the views
	// are created.
	afterViews bool
	// at, when set, is the change's phase, overriding its kind's (a
	// routine's users are given up before it is dropped).
	at float64

	// rendered caches Render's answer once asked (rebuilds asks first).
	rendered bool
	sql      []string
	err      error
}

// render asks the renderer once per change.
func (p *pending) render(r ddl.Renderer) ([]string, error) {
	if !p.rendered {
		p.sql, p.err = r.Render(p.ch)
		p.rendered = true
	}
	return p.sql, p.err
}

// differ compares one source schema with its target schema.
type differ struct {
	e        engine
	srcName  string
	dstName  string
	mapRef   func(string) string // source schema name → target schema name
	out      []pending
	src, dst *schema.Schema
	renames  []Rename
	// tableStart is where the changes of the table being compared begin
	// in out (retyped looks only there).
	tableStart int
}

func (d *differ) add(p pending) { d.out = append(d.out, p) }

// on names a table of the target schema, with both versions as context.
func (d *differ) on(name string, s, t *schema.Table) ddl.On {
	return ddl.On{Schema: d.dstName, Table: name, Desired: s, Current: t}
}

func (d *differ) tables() {
	dst := index(d.dst.Tables, func(t schema.Table) string { return d.e.key("table", t.Name) })
	seen := map[string]bool{}
	for i := range d.src.Tables {
		s := d.mapTable(d.src.Tables[i])
		k := d.e.key("table", s.Name)
		seen[k] = true
		if t, ok := dst[k]; ok {
			d.table(s, t)
			continue
		}
		if t, old := d.renamedTable(s, dst); t != nil {
			seen[old] = true
			d.table(s, t)
			continue
		}
		d.createTable(s)
	}
	for i := range d.dst.Tables {
		t := &d.dst.Tables[i]
		if !seen[d.e.key("table", t.Name)] {
			d.add(pending{ch: ddl.DropTable{Schema: d.dstName, Table: *t}, target: t, destructive: true})
		}
	}
}

// mapTable copies a source table with its foreign keys pointing at target
// schema names.
func (d *differ) mapTable(t schema.Table) *schema.Table {
	c := t
	c.ForeignKeys = slices.Clone(t.ForeignKeys)
	for i := range c.ForeignKeys {
		c.ForeignKeys[i].RefSchema = d.mapRef(c.ForeignKeys[i].RefSchema)
	}
	return &c
}

// createTable adds a table: the table itself (without indexes, and without
// foreign keys unless the engine wants them inline), then its indexes and
// foreign keys as their own items, so that they can be ordered after every
// table exists.
func (d *differ) createTable(s *schema.Table) {
	d.tableStart = len(d.out)
	bare := *s
	bare.Indexes = nil
	bare.Exclusions = nil
	if !d.e.inline {
		bare.ForeignKeys = nil
	}
	create := pending{ch: ddl.CreateTable{Schema: d.dstName, Table: bare}, source: s}
	if s.Options["inherits"] != "" {
		// A child takes its parents' columns as they are when it is
		// created: after the plan has changed them.
		create.at = inheritPhase
	}
	d.add(create)
	for i := range s.Indexes {
		ix := &s.Indexes[i]
		d.add(pending{ch: ddl.CreateIndex{On: d.on(s.Name, s, nil), Index: *ix}, object: ix.Name, source: ix})
	}
	for i := range s.Exclusions {
		x := &s.Exclusions[i]
		d.add(pending{ch: ddl.AddExclusion{On: d.on(s.Name, s, nil), Exclusion: *x}, object: x.Name, source: x})
	}
	if !d.e.inline {
		for i := range s.ForeignKeys {
			fk := &s.ForeignKeys[i]
			d.add(pending{ch: ddl.AddForeignKey{On: d.on(s.Name, s, nil), ForeignKey: *fk}, object: fk.Name, source: fk})
		}
	}
	d.security(s, nil)
}

// table compares two versions of one table.
func (d *differ) table(s, t *schema.Table) {
	d.tableStart = len(d.out)
	d.tableType(s, t)
	d.columns(s, t)
	d.primaryKey(s, t)
	d.indexes(s, t)
	d.foreignKeys(s, t)
	d.uniques(s, t)
	d.checks(s, t)
	d.exclusions(s, t)
	d.security(s, t)
	d.constraintComments(s, t)
	if s.Comment != t.Comment {
		d.add(pending{ch: ddl.SetTableComment{On: d.on(s.Name, s, t), Comment: s.Comment},
			changes: []string{"comment"}, source: s.Comment, target: t.Comment})
	}
	if optionsDiffer(s, t) {
		d.add(pending{ch: ddl.RebuildTable{On: d.on(s.Name, s, t)},
			changes: []string{"options"}, source: s.Options, target: t.Options})
	}
	if s.Options["inherits"] != t.Options["inherits"] && d.e.syncs(ddl.ObjectInheritance) {
		d.inheritance(s, t)
	}
	if changed := storageChanges(s, t); len(changed) > 0 && d.e.syncs(ddl.ObjectStorage) {
		d.add(pending{ch: ddl.SetStorage{On: d.on(s.Name, s, t)}, changes: changed, source: s.Options, target: t.Options})
	}
}

// storageChanges names the storage options (ddl.SetStorage) that differ:
// PostgreSQL's parameters and persistence; MySQL's engine, default
// collation, create options and partitioning when both sides were read
// from MySQL or MariaDB (an engine each), so that a source of another
// engine does not strip them.
func storageChanges(s, t *schema.Table) []string {
	keys := []string{"storage", "unlogged"}
	if s.Options["engine"] != "" && t.Options["engine"] != "" {
		keys = append(keys, "engine", "collation", "create_options", "partitioning")
	}
	var changed []string
	for _, k := range keys {
		if s.Options[k] != t.Options[k] {
			changed = append(changed, k)
		}
	}
	return changed
}

// optionsDiffer compares the table options that change a table's storage
// (SQLite WITHOUT ROWID and STRICT); other options (engine, charset,
// partitioning) are reported by the engines' own columns and kinds.
func optionsDiffer(s, t *schema.Table) bool {
	for _, k := range []string{"without_rowid", "strict"} {
		if s.Options[k] != t.Options[k] {
			return true
		}
	}
	return false
}

func (d *differ) columns(s, t *schema.Table) {
	seen := make([]bool, len(t.Columns))
	for i := range s.Columns {
		sc := &s.Columns[i]
		k := d.e.key("column", sc.Name)
		// Tables have few columns: a scan beats building a map per table.
		j := slices.IndexFunc(t.Columns, func(c schema.Column) bool { return d.e.key("column", c.Name) == k })
		renamed := false
		if j < 0 {
			if j = d.renamedColumn(s, t, sc); j >= 0 && seen[j] {
				j = -1
			}
			renamed = j >= 0
		}
		if j >= 0 {
			seen[j] = true
		}
		if j < 0 {
			if !typedBoth(s, t) {
				d.add(pending{ch: ddl.AddColumn{On: d.on(s.Name, s, t), Column: *sc},
					object: sc.Name, source: sc})
			}
			continue
		}
		tc := &t.Columns[j]
		if renamed { // compared as it will be after the rename
			c := *tc
			c.Name = sc.Name
			tc = &c
		}
		changed := columnChanges(sc, tc)
		if typedBoth(s, t) {
			changed = slices.DeleteFunc(changed, typeOwned)
		}
		if len(changed) > 0 {
			d.add(pending{ch: ddl.AlterColumn{On: d.on(s.Name, s, t), From: *tc, To: *sc},
				object: sc.Name, changes: changed, source: sc, target: tc,
				destructive: slices.Contains(changed, "type") && !widening(tc.Type, sc.Type)})
		}
	}
	for i := range t.Columns {
		tc := &t.Columns[i]
		if !seen[i] && !typedBoth(s, t) {
			d.add(pending{ch: ddl.DropColumn{On: d.on(s.Name, s, t), Column: *tc},
				object: tc.Name, target: tc, destructive: true})
		}
	}
}

// tableType binds the target's table to the source's composite type (or
// unbinds it) where they differ: NOT OF before the columns change, OF once
// they match the type's attributes.
func (d *differ) tableType(s, t *schema.Table) {
	if s.OfType == t.OfType || !d.e.syncs(ddl.ObjectComposite) {
		return
	}
	if t.OfType != "" {
		d.add(pending{ch: ddl.SetTableType{On: d.on(s.Name, s, t), From: t.OfType}, changes: []string{"of_type"},
			source: s.OfType, target: t.OfType, at: float64(phase[ddl.KindDropColumn]) - 0.5})
	}
	if s.OfType != "" {
		d.add(pending{ch: ddl.SetTableType{On: d.on(s.Name, s, t), OfType: s.OfType}, changes: []string{"of_type"},
			source: s.OfType, target: t.OfType, at: float64(phase[ddl.KindAlterColumn]) + 0.75})
	}
}

// typedBoth reports whether both versions of a table are typed tables of
// the same composite type: its columns' names, types and collations are
// the type's, changed by ALTER TYPE … CASCADE (composite.alter), never by
// ALTER TABLE, which PostgreSQL refuses on a typed table.
func typedBoth(s, t *schema.Table) bool {
	return s.OfType != "" && s.OfType == t.OfType
}

// typeOwned reports whether a column aspect of a typed table belongs to
// its type.
func typeOwned(aspect string) bool { return aspect == "type" || aspect == "collation" }

// columnChanges names the aspects in which two versions of a column differ.
// Position is not compared: engines other than MySQL cannot move a column,
// and the order of columns carries no meaning for queries that name them.
func columnChanges(s, t *schema.Column) []string {
	var out []string
	check := func(name string, differs bool) {
		if differs {
			out = append(out, name)
		}
	}
	check("type", !strings.EqualFold(s.Type, t.Type))
	check("nullable", s.Nullable != t.Nullable)
	check("default", !equalPtr(s.Default, t.Default))
	check("auto_increment", s.AutoIncrement != t.AutoIncrement)
	check("identity", s.Identity != t.Identity)
	check("identity options", s.IdentityOptions != t.IdentityOptions)
	check("generated", !equalGenerated(s.Generated, t.Generated))
	check("collation", !strings.EqualFold(s.Collation, t.Collation))
	check("charset", !strings.EqualFold(s.Charset, t.Charset))
	check("on_update", !strings.EqualFold(s.OnUpdate, t.OnUpdate))
	check("comment", s.Comment != t.Comment)
	check("invisible", s.Invisible != t.Invisible)
	return out
}

func equalPtr(a, b *string) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return squash(*a) == squash(*b)
}

func equalGenerated(a, b *schema.Generated) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return a.Stored == b.Stored && squash(a.Expr) == squash(b.Expr)
}

func (d *differ) primaryKey(s, t *schema.Table) {
	if equalPK(d.e, s.PrimaryKey, t.PrimaryKey) {
		return
	}
	if t.PrimaryKey != nil {
		// Replaced by the source's key, or a pure drop (destructive).
		d.add(pending{ch: ddl.DropPrimaryKey{On: d.on(s.Name, s, t), PrimaryKey: *t.PrimaryKey},
			object: t.PrimaryKey.Name, target: t.PrimaryKey, destructive: s.PrimaryKey == nil})
	}
	if s.PrimaryKey != nil {
		d.add(pending{ch: ddl.AddPrimaryKey{On: d.on(s.Name, s, t), PrimaryKey: *s.PrimaryKey},
			object: s.PrimaryKey.Name, source: s.PrimaryKey})
	}
}

func equalPK(e engine, a, b *schema.PrimaryKey) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return sameNames(e, a.Name, b.Name, "constraint") && equalKeys(e, a.Columns, b.Columns) &&
		sameDefinition(a.Definition, b.Definition)
}

// sameDefinition compares the engine's own texts of an index or
// constraint (see schema.Index.Definition) when both sides have one: a
// snapshot from an older file or another driver has none, and its fields
// alone are compared.
func sameDefinition(a, b string) bool {
	return a == "" || b == "" || squash(a) == squash(b)
}

// sameNames treats an empty name as "whatever the engine chose".
func sameNames(e engine, a, b, kind string) bool {
	return a == "" || b == "" || e.key(kind, a) == e.key(kind, b)
}

func equalKeys(e engine, a, b []string) bool {
	return slices.EqualFunc(a, b, func(x, y string) bool { return e.key("column", x) == e.key("column", y) })
}

func (d *differ) indexes(s, t *schema.Table) {
	old := index(t.Indexes, func(ix schema.Index) string { return d.e.key("index", ix.Name) })
	seen := map[string]bool{}
	for i := range s.Indexes {
		si := &s.Indexes[i]
		k := d.e.key("index", si.Name)
		seen[k] = true
		ti, ok := old[k]
		if ok && equalIndex(d.e, si, ti) {
			continue
		}
		if p := d.e.indexComment(d.dstName, s.Name, si, ti); ok && p != nil {
			d.add(*p)
			continue
		}
		var changed []string
		if ok {
			changed = []string{"definition"}
			d.add(pending{ch: ddl.DropIndex{On: d.on(s.Name, s, t), Index: *ti},
				object: ti.Name, changes: changed, target: ti})
		}
		d.add(pending{ch: ddl.CreateIndex{On: d.on(s.Name, s, t), Index: *si},
			object: si.Name, changes: changed, source: si, target: ti})
	}
	for i := range t.Indexes {
		ti := &t.Indexes[i]
		if !seen[d.e.key("index", ti.Name)] {
			d.add(pending{ch: ddl.DropIndex{On: d.on(s.Name, s, t), Index: *ti},
				object: ti.Name, target: ti, destructive: true})
		}
	}
}

func equalIndex(e engine, a, b *schema.Index) bool {
	if a.Unique != b.Unique || !strings.EqualFold(a.Method, b.Method) || squash(a.Where) != squash(b.Where) ||
		!equalKeys(e, a.Include, b.Include) || a.Invisible != b.Invisible || a.Comment != b.Comment ||
		!sameDefinition(a.Definition, b.Definition) {
		return false
	}
	return slices.EqualFunc(a.Columns, b.Columns, func(x, y schema.IndexColumn) bool {
		return e.key("column", x.Name) == e.key("column", y.Name) && squash(x.Expr) == squash(y.Expr) &&
			x.Desc == y.Desc && x.Length == y.Length && strings.EqualFold(x.Collation, y.Collation)
	})
}

func (d *differ) foreignKeys(s, t *schema.Table) {
	match := func(a, b *schema.ForeignKey) bool {
		if a.Name != "" && b.Name != "" && (d.e.key("constraint", a.Name) == d.e.key("constraint", b.Name) || !d.e.bothGenerated(s.Name, a.Name, b.Name)) {
			return d.e.key("constraint", a.Name) == d.e.key("constraint", b.Name)
		}
		return equalKeys(d.e, a.Columns, b.Columns) && d.e.key("table", a.RefTable) == d.e.key("table", b.RefTable)
	}
	equal := func(a, b *schema.ForeignKey) bool {
		return equalKeys(d.e, a.Columns, b.Columns) && a.RefSchema == b.RefSchema &&
			d.e.key("table", a.RefTable) == d.e.key("table", b.RefTable) && equalKeys(d.e, a.RefColumns, b.RefColumns) &&
			a.OnDelete == b.OnDelete && a.OnUpdate == b.OnUpdate && a.Match == b.Match &&
			a.Deferrable == b.Deferrable && a.InitiallyDeferred == b.InitiallyDeferred
	}
	pairs(s.ForeignKeys, t.ForeignKeys, match, equal,
		func(a *schema.ForeignKey) {
			d.add(pending{ch: ddl.AddForeignKey{On: d.on(s.Name, s, t), ForeignKey: *a},
				object: a.Name, source: a})
		},
		func(b *schema.ForeignKey, replaced bool) {
			d.add(pending{ch: ddl.DropForeignKey{On: d.on(s.Name, s, t), ForeignKey: *b},
				object: b.Name, target: b, destructive: !replaced})
		})
}

func (d *differ) uniques(s, t *schema.Table) {
	match := func(a, b *schema.Unique) bool {
		if a.Name != "" && b.Name != "" {
			return d.e.key("constraint", a.Name) == d.e.key("constraint", b.Name)
		}
		return equalKeys(d.e, a.Columns, b.Columns)
	}
	equal := func(a, b *schema.Unique) bool {
		return equalKeys(d.e, a.Columns, b.Columns) && sameDefinition(a.Definition, b.Definition)
	}
	pairs(s.Uniques, t.Uniques, match, equal,
		func(a *schema.Unique) {
			d.add(pending{ch: ddl.AddUnique{On: d.on(s.Name, s, t), Unique: *a},
				object: a.Name, source: a})
		},
		func(b *schema.Unique, replaced bool) {
			d.add(pending{ch: ddl.DropUnique{On: d.on(s.Name, s, t), Unique: *b},
				object: b.Name, target: b, destructive: !replaced})
		})
}

func (d *differ) checks(s, t *schema.Table) {
	match := func(a, b *schema.Check) bool {
		if a.Name != "" && b.Name != "" {
			return d.e.key("constraint", a.Name) == d.e.key("constraint", b.Name)
		}
		return squash(a.Expr) == squash(b.Expr)
	}
	equal := func(a, b *schema.Check) bool {
		return squash(a.Expr) == squash(b.Expr) && sameDefinition(a.Definition, b.Definition)
	}
	pairs(s.Checks, t.Checks, match, equal,
		func(a *schema.Check) {
			d.add(pending{ch: ddl.AddCheck{On: d.on(s.Name, s, t), Check: *a},
				object: a.Name, source: a})
		},
		func(b *schema.Check, replaced bool) {
			d.add(pending{ch: ddl.DropCheck{On: d.on(s.Name, s, t), Check: *b},
				object: b.Name, target: b, destructive: !replaced})
		})
}

// exclusions compares EXCLUDE constraints by name and PostgreSQL's text.
func (d *differ) exclusions(s, t *schema.Table) {
	if len(s.Exclusions) == 0 && len(t.Exclusions) == 0 {
		return
	}
	match := func(a, b *schema.Exclusion) bool {
		return d.e.key("constraint", a.Name) == d.e.key("constraint", b.Name)
	}
	equal := func(a, b *schema.Exclusion) bool { return squash(a.Definition) == squash(b.Definition) }
	pairs(s.Exclusions, t.Exclusions, match, equal,
		func(a *schema.Exclusion) {
			d.add(pending{ch: ddl.AddExclusion{On: d.on(s.Name, s, t), Exclusion: *a}, object: a.Name, source: a})
		},
		func(b *schema.Exclusion, replaced bool) {
			d.add(pending{ch: ddl.DropExclusion{On: d.on(s.Name, s, t), Exclusion: *b},
				object: b.Name, target: b, destructive: !replaced})
		})
}

// pairs matches source and target objects; a match that is not equal
// becomes a drop (replaced) and an add, an unmatched source object an add,
// an unmatched target object a drop (not replaced).
func pairs[T any](src, dst []T, match, equal func(a, b *T) bool, add func(*T), drop func(b *T, replaced bool)) {
	used := make([]bool, len(dst))
	for i := range src {
		a := &src[i]
		j := slices.IndexFunc(dst, func(b T) bool { return match(a, &b) })
		for j >= 0 && used[j] { // several unnamed matches: take the next free one
			k := slices.IndexFunc(dst[j+1:], func(b T) bool { return match(a, &b) })
			if k < 0 {
				j = -1
				break
			}
			j += 1 + k
		}
		if j < 0 {
			add(a)
			continue
		}
		used[j] = true
		if !equal(a, &dst[j]) {
			drop(&dst[j], true)
			add(a)
		}
	}
	for j := range dst {
		if !used[j] {
			drop(&dst[j], false)
		}
	}
}

func (d *differ) views() {
	dst := index(d.dst.Views, func(v schema.View) string { return d.e.key("view", v.Name) })
	seen := map[string]bool{}
	for i := range d.src.Views {
		s := &d.src.Views[i]
		k := d.e.key("view", s.Name)
		seen[k] = true
		t, ok := dst[k]
		if ok && s.Materialized == t.Materialized && squash(s.Definition) == squash(t.Definition) && maps.Equal(s.Options, t.Options) {
			d.viewRules(s, t)
			continue
		}
		if !ok {
			d.viewRules(s, nil)
		}
		var changed []string
		if ok {
			changed = []string{"definition"}
			d.add(pending{ch: ddl.DropView{Schema: d.dstName, View: *t}, changes: changed, target: t})
		}
		d.add(pending{ch: ddl.CreateView{Schema: d.dstName, View: *s}, changes: changed, source: s, target: t})
	}
	for i := range d.dst.Views {
		t := &d.dst.Views[i]
		if !seen[d.e.key("view", t.Name)] {
			d.add(pending{ch: ddl.DropView{Schema: d.dstName, View: *t}, target: t, destructive: true})
		}
	}
}

func (d *differ) triggers() {
	dst := index(d.dst.Triggers, func(t schema.Trigger) string { return d.e.objectKey("trigger", t.Table, t.Name) })
	seen := map[string]bool{}
	inSource := map[string]bool{}
	for _, s := range d.src.Triggers {
		inSource[d.e.objectKey("trigger", s.Table, s.Name)] = true
	}
	for i := range d.src.Triggers {
		s := &d.src.Triggers[i]
		k := d.e.objectKey("trigger", s.Table, s.Name)
		seen[k] = true
		t, ok := dst[k]
		if ok && equalTrigger(d.e, s, d.e.effectiveFollows(t, dst, inSource)) {
			continue
		}
		var changed []string
		if ok {
			changed = []string{"definition"}
			if u := *d.e.effectiveFollows(t, dst, inSource); d.e.key("trigger", u.Follows) != d.e.key("trigger", s.Follows) {
				if u.Follows = s.Follows; equalTrigger(d.e, s, &u) {
					changed = []string{"order"}
				}
			}
			if u := *t; s.Enabled != u.Enabled {
				// Only when it fires: the trigger is created again with
				// its state (PostgreSQL's ALTER TABLE … ENABLE/DISABLE).
				if u.Enabled = s.Enabled; equalTrigger(d.e, s, d.e.effectiveFollows(&u, dst, inSource)) {
					changed = []string{"enabled"}
				}
			}
			d.add(pending{ch: ddl.DropTrigger{Schema: d.dstName, Table: t.Table, Trigger: *t}, object: t.Name, changes: changed, target: t})
		}
		d.add(pending{ch: ddl.CreateTrigger{Schema: d.dstName, Table: s.Table, Trigger: *s}, object: s.Name, changes: changed, source: s, target: t})
	}
	d.reorderedTriggers(dst)
	for i := range d.dst.Triggers {
		t := &d.dst.Triggers[i]
		if !seen[d.e.objectKey("trigger", t.Table, t.Name)] {
			d.add(pending{ch: ddl.DropTrigger{Schema: d.dstName, Table: t.Table, Trigger: *t}, object: t.Name, target: t, destructive: true})
		}
	}
}

// effectiveFollows is a target trigger as it will fire once the triggers
// only the target has are dropped: its Follows skips them. Comparing that
// keeps a plan whose destructive drops are skipped from recreating the
// triggers after them on every run.
func (e engine) effectiveFollows(t *schema.Trigger, dst map[string]*schema.Trigger, inSource map[string]bool) *schema.Trigger {
	f := t.Follows
	for n := 0; f != "" && n <= len(dst); n++ {
		k := e.objectKey("trigger", t.Table, f)
		p := dst[k]
		if inSource[k] || p == nil {
			break
		}
		f = p.Follows
	}
	if f == t.Follows {
		return t
	}
	c := *t
	c.Follows = f
	return &c
}

// reorderedTriggers recreates, where the engine orders triggers by
// Follows, every unchanged trigger that fires after one the plan creates:
// a trigger created without FOLLOWS goes last, so those after it must be
// created again after it, each following its predecessor.
func (d *differ) reorderedTriggers(dst map[string]*schema.Trigger) {
	created := map[string]bool{}
	for _, p := range d.out {
		if c, ok := p.ch.(ddl.CreateTrigger); ok {
			created[d.e.objectKey("trigger", c.Table, c.Trigger.Name)] = true
		}
	}
	byName := index(d.src.Triggers, func(t schema.Trigger) string { return d.e.objectKey("trigger", t.Table, t.Name) })
	for i := range d.src.Triggers {
		s := &d.src.Triggers[i]
		k := d.e.objectKey("trigger", s.Table, s.Name)
		t := dst[k]
		if created[k] || t == nil || !followsCreated(d.e, s, byName, created) {
			continue
		}
		changed := []string{"order"}
		d.add(pending{ch: ddl.DropTrigger{Schema: d.dstName, Table: t.Table, Trigger: *t}, object: t.Name, changes: changed, target: t})
		d.add(pending{ch: ddl.CreateTrigger{Schema: d.dstName, Table: s.Table, Trigger: *s}, object: s.Name, changes: changed, source: s, target: t})
	}
}

// followsCreated reports whether a trigger fires after one in created,
// following its Follows chain (cycles end the walk).
func followsCreated(e engine, s *schema.Trigger, byName map[string]*schema.Trigger, created map[string]bool) bool {
	seen := map[string]bool{}
	for s.Follows != "" {
		k := e.objectKey("trigger", s.Table, s.Follows)
		if created[k] {
			return true
		}
		p := byName[k]
		if p == nil || seen[k] {
			return false
		}
		seen[k] = true
		s = p
	}
	return false
}

func equalTrigger(e engine, a, b *schema.Trigger) bool {
	return e.key("table", a.Table) == e.key("table", b.Table) && a.Timing == b.Timing &&
		slices.Equal(a.Events, b.Events) && squash(a.Definition) == squash(b.Definition) &&
		e.key("trigger", a.Follows) == e.key("trigger", b.Follows) && sameMode(a.SQLMode, b.SQLMode) && a.Enabled == b.Enabled
}

// sameMode compares the sql_mode two routines or triggers were created
// under, where both sides know it (a snapshot of another engine, or an
// older one, has none).
func sameMode(a, b string) bool {
	return a == "" || b == "" || strings.EqualFold(a, b)
}

// index maps objects by key; later duplicates lose.
func index[T any](list []T, key func(T) string) map[string]*T {
	m := make(map[string]*T, len(list))
	for i := range list {
		k := key(list[i])
		if _, dup := m[k]; !dup {
			m[k] = &list[i]
		}
	}
	return m
}
