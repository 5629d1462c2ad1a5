package diff

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/dbls/dbls/drivers/ddl"
	"github.com/dbls/dbls/drivers/schema"
)

// Schema-level objects that are not tables: sequences, enum types, domains,
// functions and procedures. They are compared only for engines whose
// renderer says it syncs them (ddl.ObjectSyncer); elsewhere routines stay
// notes.

// objectPhase places the new kinds among the table phases of order.go:
// types, sequences and routines are created after the drops and before the
// first table (a column's type, a default calling nextval or a function, a
// check calling a function need them); a sequence's owner is set once
// every column exists; and what is dropped for good goes last, after the
// triggers, defaults, columns and tables that used it.
var objectPhase = map[ddl.Kind]float64{
	ddl.KindCreateEnum:      6.2,
	ddl.KindAddEnumValue:    6.2,
	ddl.KindAlterEnum:       6.2,
	ddl.KindCreateDomain:    6.3,
	ddl.KindAlterDomain:     6.3,
	ddl.KindCreateSequence:  6.4,
	ddl.KindCreateFunction:  6.5,
	ddl.KindReplaceFunction: 6.5,
	ddl.KindAlterSequence:   10.5,
	ddl.KindDropFunction:    20,
	ddl.KindDropSequence:    21,
	ddl.KindDropDomain:      22,
	ddl.KindDropEnum:        23,
	// An event runs its body later: created once everything it may use
	// exists, dropped before anything it may use goes.
	ddl.KindCreateEvent: 16.5,
	ddl.KindAlterEvent:  16.5,
	ddl.KindDropEvent:   0.5,
}

// phaseOf is a pending change's place in the plan: ranks (objectRanks)
// first, then the kind's phase. The drop half of a replacement (a routine
// or domain recreated) comes just before the creations instead of last.
func phaseOf(p *pending, ranks map[string]float64) float64 {
	if p.at != 0 {
		return p.at
	}
	k := p.ch.Kind()
	if f, ok := objectPhase[k]; ok {
		if r, ok := ranks[changeKey(p.ch)]; ok {
			return r
		}
		if len(p.changes) > 0 && replacedEarly(k) {
			return 6.1
		}
		return f
	}
	return tablePhase(p)
}

func changeKey(c ddl.Change) string { return string(c.Kind()) + ":" + where(c) }

// Bands of objectRanks: objects created before every table, objects
// created once tables and views exist (a routine that returns a table's
// row type or whose SQL-standard body reads a table), objects dropped
// before the tables they depend on (and after the views, which may use
// them), objects dropped last.
const (
	bandEarly      = 6.2
	bandLate       = 14.5
	bandDropFirst  = 1.5
	bandDropLast   = 20
	rankStep       = 1e-6
	maxRankedNodes = 100000 // rankStep × this stays inside a band
)

// objectRanks orders the creations and drops of schema-level objects by
// the dependencies the catalog recorded (Routine.DependsOn,
// Domain.DependsOn): each after what it needs, drops in reverse. Enums,
// domains, sequences and routines are otherwise created in that order.
func objectRanks(ps []pending) map[string]float64 {
	created, dropped := map[string]bool{}, map[string]bool{}
	creates, drops := map[string]*objNode{}, map[string]*objNode{}
	for i := range ps {
		p := &ps[i]
		switch c := p.ch.(type) {
		case ddl.CreateTable:
			created[refKey(schema.RefTable, c.Schema, c.Table.Name)] = true
		case ddl.CreateView:
			created[refKey(schema.RefView, c.Schema, c.View.Name)] = true
		case ddl.DropTable:
			dropped[refKey(schema.RefTable, c.Schema, c.Table.Name)] = true
		case ddl.DropView:
			dropped[refKey(schema.RefView, c.Schema, c.View.Name)] = true
		}
		if n := newObjNode(p); n != nil {
			if n.drop {
				drops[n.ref] = n
			} else {
				creates[n.ref] = n
			}
		}
	}
	if len(creates)+len(drops) == 0 || len(creates)+len(drops) > maxRankedNodes {
		return nil
	}
	ranks := map[string]float64{}
	for i, n := range topoNodes(creates) {
		band := bandEarly
		if n.needs(created, creates, map[string]bool{}) {
			band = bandLate
		}
		ranks[n.key] = band + float64(i+1)*rankStep
	}
	order := topoNodes(drops)
	for i := range order {
		n := order[len(order)-1-i]
		band := float64(bandDropLast)
		if n.needs(dropped, nil, map[string]bool{}) {
			band = bandDropFirst
		}
		ranks[n.key] = band + float64(i+1)*rankStep
	}
	return ranks
}

// objNode is a creation or drop of a schema-level object in the
// dependency graph.
type objNode struct {
	key  string // changeKey
	ref  string // refKey of the object
	kind int    // creation order when nothing else decides
	drop bool
	deps []string // refKeys
}

func refKey(kind, sc, name string) string { return kind + "\x00" + sc + "\x00" + name }

func newObjNode(p *pending) *objNode {
	n := &objNode{key: changeKey(p.ch)}
	var refs []schema.ObjectRef
	switch c := p.ch.(type) {
	case ddl.CreateEnum:
		n.ref = refKey(schema.RefEnum, c.Schema, c.Enum.Name)
	case ddl.DropEnum:
		n.ref, n.drop = refKey(schema.RefEnum, c.Schema, c.Enum.Name), true
	case ddl.CreateDomain:
		n.ref, n.kind, refs = refKey(schema.RefDomain, c.Schema, c.Domain.Name), 1, c.Domain.DependsOn
	case ddl.DropDomain:
		if len(p.changes) > 0 {
			return nil // half of a replacement
		}
		n.ref, n.kind, refs, n.drop = refKey(schema.RefDomain, c.Schema, c.Domain.Name), 1, c.Domain.DependsOn, true
	case ddl.CreateSequence:
		n.ref, n.kind = refKey(schema.RefSequence, c.Schema, c.Sequence.Name), 2
	case ddl.DropSequence:
		n.ref, n.kind, n.drop = refKey(schema.RefSequence, c.Schema, c.Sequence.Name), 2, true
	case ddl.CreateFunction:
		n.ref, n.kind, refs = refKey(schema.RefRoutine, c.Schema, c.Routine.Signature()), 3, c.Routine.DependsOn
	case ddl.ReplaceFunction:
		n.ref, n.kind, refs = refKey(schema.RefRoutine, c.Schema, c.To.Signature()), 3, c.To.DependsOn
	case ddl.DropFunction:
		if len(p.changes) > 0 {
			return nil
		}
		n.ref, n.kind, refs, n.drop = refKey(schema.RefRoutine, c.Schema, c.Routine.Signature()), 3, c.Routine.DependsOn, true
	default:
		return typeNode(p, n) // composite and range types (types.go)
	}
	for _, r := range refs {
		n.deps = append(n.deps, refKey(r.Kind, r.Schema, r.Name))
	}
	return n
}

// needs reports whether n depends, directly or through other nodes of
// graph, on one of the objects in set.
func (n *objNode) needs(set map[string]bool, graph map[string]*objNode, seen map[string]bool) bool {
	if seen[n.ref] {
		return false
	}
	seen[n.ref] = true
	for _, d := range n.deps {
		if set[d] {
			return true
		}
		if m := graph[d]; m != nil && m.needs(set, graph, seen) {
			return true
		}
	}
	return false
}

// topoNodes orders a graph's nodes so that each comes after the nodes it
// depends on; cycles are broken where they are met.
func topoNodes(graph map[string]*objNode) []*objNode {
	all := make([]*objNode, 0, len(graph))
	for _, n := range graph {
		all = append(all, n)
	}
	slices.SortFunc(all, func(a, b *objNode) int { return cmp.Or(cmp.Compare(a.kind, b.kind), cmp.Compare(a.ref, b.ref)) })
	state := map[string]int{}
	out := make([]*objNode, 0, len(all))
	var visit func(n *objNode)
	visit = func(n *objNode) {
		if state[n.ref] != 0 {
			return
		}
		state[n.ref] = 1
		for _, d := range n.deps {
			if m := graph[d]; m != nil {
				visit(m)
			}
		}
		out = append(out, n)
	}
	for _, n := range all {
		visit(n)
	}
	return out
}

// objectChange reports whether a change is about a schema-level object
// (its plan item names no table).
func objectChange(c ddl.Change) bool {
	_, ok := objectPhase[c.Kind()]
	return ok
}

func (e engine) syncs(kind string) bool {
	s, ok := e.r.(ddl.ObjectSyncer)
	return ok && s.SyncsObjects(kind)
}

// notes lists what differs and is not synced: routines on engines that do
// not sync them, and routines whose definition the driver could not read
// or write (PostgreSQL ordered-set aggregates, a MySQL routine whose body
// only its definer may see…), with the reason.
func (e engine) notes(s, t *schema.Schema) []string {
	if !e.syncs(ddl.ObjectRoutine) {
		return unsupported(s, t, "routines are not synced yet")
	}
	const why = "the body may be hidden from this user, or the kind is one dbls cannot write"
	dst := index(t.Routines, e.routineKey)
	seen := map[string]bool{}
	var notes []string
	note := func(r *schema.Routine, what string) {
		notes = append(notes, fmt.Sprintf("%s %s.%s%s has no definition of it (%s)", r.Kind, t.Name, r.Signature(), what, why))
	}
	for i := range s.Routines {
		r := &s.Routines[i]
		k := e.routineKey(*r)
		seen[k] = true
		other, ok := dst[k]
		switch {
		case !ok && !syncable(*r):
			note(r, " exists only in the source: not created, the source")
		case ok && !syncable(*r):
			note(r, ": not compared, the source")
		case ok && !syncable(*other):
			note(other, ": not compared, the target")
		}
	}
	for i := range t.Routines {
		r := &t.Routines[i]
		if !seen[e.routineKey(*r)] && !syncable(*r) {
			note(r, " exists only in the target: not dropped, the target")
		}
	}
	return notes
}

// objects compares the schema-level objects of one schema pair.
func (d *differ) objects() {
	if d.e.syncs(ddl.ObjectEnum) {
		d.enums()
	}
	if d.e.syncs(ddl.ObjectDomain) {
		d.domains()
	}
	if d.e.syncs(ddl.ObjectSequence) {
		d.sequences()
	}
	if d.e.syncs(ddl.ObjectRoutine) {
		d.routines()
	}
	if d.e.syncs(ddl.ObjectEvent) {
		d.events()
	}
	d.types()
}

// ---- events ----

func (d *differ) events() {
	key := func(x schema.Event) string { return d.e.key("event", x.Name) }
	dst := index(d.dst.Events, key)
	seen := map[string]bool{}
	for i := range d.src.Events {
		s := &d.src.Events[i]
		seen[key(*s)] = true
		t, ok := dst[key(*s)]
		if !ok {
			d.add(pending{ch: ddl.CreateEvent{Schema: d.dstName, Event: *s}, source: s})
			continue
		}
		if changed := eventChanges(s, t); len(changed) > 0 {
			d.add(pending{ch: ddl.AlterEvent{Schema: d.dstName, From: *t, To: *s}, changes: changed, source: s, target: t})
		}
	}
	for i := range d.dst.Events {
		t := &d.dst.Events[i]
		if !seen[key(*t)] {
			d.add(pending{ch: ddl.DropEvent{Schema: d.dstName, Event: *t}, target: t, destructive: true})
		}
	}
}

func eventChanges(s, t *schema.Event) []string {
	var out []string
	check := func(name string, differs bool) {
		if differs {
			out = append(out, name)
		}
	}
	check("schedule", squash(s.Schedule) != squash(t.Schedule))
	check("status", !strings.EqualFold(s.Status, t.Status))
	check("preserve", s.Preserve != t.Preserve)
	check("comment", s.Comment != t.Comment)
	check("definition", squash(s.Definition) != squash(t.Definition))
	return out
}

// ---- sequences ----

// ownerColumn finds the column "table.column" names in sc.
func ownerColumn(sc *schema.Schema, ownedBy string) *schema.Column {
	for i := 0; i < len(ownedBy); i++ {
		if ownedBy[i] != '.' {
			continue
		}
		if t := sc.Table(ownedBy[:i]); t != nil {
			if c := t.Column(ownedBy[i+1:]); c != nil {
				return c
			}
		}
	}
	return nil
}

// seqManager says who creates and drops a sequence: "identity" (the
// column's own, never a separate object), "serial" (the column's default
// creates it) or "" (the sequence itself).
func seqManager(sc *schema.Schema, s *schema.Sequence) string {
	if s.OwnedBy == "" {
		return ""
	}
	c := ownerColumn(sc, s.OwnedBy)
	switch {
	case c == nil:
		return ""
	case c.Identity != "":
		return "identity"
	case c.AutoIncrement:
		return "serial"
	}
	return ""
}

// seqOptions reports which options of two sequences differ, owner aside.
func seqOptions(a, b *schema.Sequence) []string {
	var out []string
	check := func(name string, differs bool) {
		if differs {
			out = append(out, name)
		}
	}
	check("type", a.Type != b.Type)
	check("start", a.Start != b.Start)
	check("increment", a.Increment != b.Increment)
	check("min", a.Min != b.Min)
	check("max", a.Max != b.Max)
	check("cache", max(a.Cache, 1) != max(b.Cache, 1))
	check("cycle", a.Cycle != b.Cycle)
	return out
}

// serialDefaults is the sequence a serial column's default creates
// (CREATE SEQUENCE name AS the column's integer type, else bigint):
// PostgreSQL's defaults for that type.
func serialDefaults(s schema.Sequence, col *schema.Column) schema.Sequence {
	d := schema.Sequence{Name: s.Name, Type: "bigint", Start: 1, Increment: 1, Min: 1, Cache: 1, OwnedBy: s.OwnedBy}
	switch col.Type {
	case "smallint", "integer":
		d.Type = col.Type
	}
	switch d.Type {
	case "smallint":
		d.Max = 1<<15 - 1
	case "integer":
		d.Max = 1<<31 - 1
	default:
		d.Max = 1<<63 - 1
	}
	return d
}

func (d *differ) sequences() {
	dst := index(d.dst.Sequences, func(s schema.Sequence) string { return s.Name })
	seen := map[string]bool{}
	for i := range d.src.Sequences {
		s := d.src.Sequences[i]
		seen[s.Name] = true
		m := seqManager(d.src, &s)
		if m == "identity" {
			continue
		}
		t, ok := dst[s.Name]
		if !ok && m == "serial" {
			// The column's default creates it with the defaults; only
			// options that differ from them remain.
			def := serialDefaults(s, ownerColumn(d.src, s.OwnedBy))
			t, ok = &def, true
		}
		if !ok {
			bare := s
			bare.OwnedBy = ""
			d.add(pending{ch: ddl.CreateSequence{Schema: d.dstName, Sequence: bare}, source: &d.src.Sequences[i]})
			if s.OwnedBy != "" {
				d.add(pending{ch: ddl.AlterSequence{Schema: d.dstName, From: bare, To: s},
					changes: []string{"owned_by"}, source: &d.src.Sequences[i]})
			}
			continue
		}
		changed := seqOptions(&s, t)
		if m == "serial" || seqManager(d.dst, t) == "serial" {
			s.OwnedBy = t.OwnedBy // the column's default settles the owner
		} else if s.OwnedBy != t.OwnedBy {
			changed = append(changed, "owned_by")
		}
		if len(changed) > 0 {
			d.add(pending{ch: ddl.AlterSequence{Schema: d.dstName, From: *t, To: s},
				changes: changed, source: &d.src.Sequences[i], target: t})
		}
	}
	for i := range d.dst.Sequences {
		t := &d.dst.Sequences[i]
		if seen[t.Name] || seqManager(d.dst, t) != "" {
			continue
		}
		d.add(pending{ch: ddl.DropSequence{Schema: d.dstName, Sequence: *t}, target: t, destructive: true})
	}
}

// ---- enums ----

func (d *differ) enums() {
	dst := index(d.dst.Enums, func(e schema.Enum) string { return e.Name })
	seen := map[string]bool{}
	for i := range d.src.Enums {
		s := &d.src.Enums[i]
		seen[s.Name] = true
		t, ok := dst[s.Name]
		switch {
		case !ok:
			d.add(pending{ch: ddl.CreateEnum{Schema: d.dstName, Enum: *s}, source: s})
		case slices.Equal(s.Values, t.Values):
		case subsequence(t.Values, s.Values):
			d.add(pending{ch: ddl.AddEnumValue{Schema: d.dstName, From: *t, To: *s},
				changes: []string{"values added"}, source: s, target: t})
		default:
			d.add(pending{ch: ddl.AlterEnum{Schema: d.dstName, From: *t, To: *s},
				changes: []string{enumChange(t.Values, s.Values)}, source: s, target: t, destructive: true})
		}
	}
	for i := range d.dst.Enums {
		t := &d.dst.Enums[i]
		if !seen[t.Name] {
			d.add(pending{ch: ddl.DropEnum{Schema: d.dstName, Enum: *t}, target: t, destructive: true})
		}
	}
}

// subsequence reports whether every value of a is in b, in the same order.
func subsequence(a, b []string) bool {
	j := 0
	for _, v := range b {
		if j < len(a) && a[j] == v {
			j++
		}
	}
	return j == len(a)
}

// enumChange names why an enum cannot just gain values.
func enumChange(from, to []string) string {
	var gone []string
	for _, v := range from {
		if !slices.Contains(to, v) {
			gone = append(gone, v)
		}
	}
	if len(gone) > 0 {
		return "values removed: " + strings.Join(gone, ", ")
	}
	return "values reordered"
}

// ---- domains ----

func (d *differ) domains() {
	dst := index(d.dst.Domains, func(x schema.Domain) string { return x.Name })
	seen := map[string]bool{}
	for i := range d.src.Domains {
		s := &d.src.Domains[i]
		seen[s.Name] = true
		t, ok := dst[s.Name]
		if !ok {
			d.add(pending{ch: ddl.CreateDomain{Schema: d.dstName, Domain: d.mapDomain(s)}, source: s})
			continue
		}
		if (!strings.EqualFold(s.Type, t.Type) || !strings.EqualFold(s.Collation, t.Collation)) && typeUsed(d.dst, t.Name) {
			// It cannot be dropped under its columns: the renderer says so.
			d.add(pending{ch: ddl.AlterDomain{Schema: d.dstName, From: *t, To: d.mapDomain(s)},
				changes: []string{"type"}, source: s, target: t, destructive: true})
			continue
		}
		if !strings.EqualFold(s.Type, t.Type) || !strings.EqualFold(s.Collation, t.Collation) {
			changed := []string{"type"}
			d.add(pending{ch: ddl.DropDomain{Schema: d.dstName, Domain: *t}, changes: changed, target: t})
			d.add(pending{ch: ddl.CreateDomain{Schema: d.dstName, Domain: d.mapDomain(s)}, changes: changed, source: s, target: t})
			continue
		}
		if changed := domainChanges(s, t); len(changed) > 0 {
			d.add(pending{ch: ddl.AlterDomain{Schema: d.dstName, From: *t, To: *s}, changes: changed, source: s, target: t})
		}
	}
	for i := range d.dst.Domains {
		t := &d.dst.Domains[i]
		if !seen[t.Name] {
			d.add(pending{ch: ddl.DropDomain{Schema: d.dstName, Domain: *t}, target: t, destructive: true})
		}
	}
}

// typeUsed reports whether a column or routine of sc has the type name
// (or an array of it), as the catalog spells it, qualified or not.
func typeUsed(sc *schema.Schema, name string) bool {
	uses := func(typ string) bool {
		typ = strings.TrimRight(typ, "[]")
		return typ == name || typ == sc.Name+"."+name || typ == `"`+name+`"`
	}
	for _, t := range sc.Tables {
		for _, c := range t.Columns {
			if uses(c.Type) {
				return true
			}
		}
	}
	for _, r := range sc.Routines {
		for _, p := range r.Params {
			if uses(p.Type) {
				return true
			}
		}
	}
	return false
}

func domainChanges(s, t *schema.Domain) []string {
	var out []string
	if !equalPtr(s.Default, t.Default) {
		out = append(out, "default")
	}
	if s.NotNull != t.NotNull {
		out = append(out, "not_null")
	}
	if !slices.EqualFunc(s.Checks, t.Checks, func(a, b schema.Check) bool {
		return a.Name == b.Name && squash(a.Expr) == squash(b.Expr)
	}) {
		out = append(out, "checks")
	}
	if s.Comment != t.Comment {
		out = append(out, "comment")
	}
	return out
}

// ---- routines ----

// syncable reports whether a routine can be created from what the
// snapshot holds: the definition the driver read or wrote.
func syncable(r schema.Routine) bool { return r.Definition != "" }

// routineKey tells routines apart: kind and, where the engine overloads
// (ddl.Overloader), identity arguments, else the name as the engine
// matches it.
func (e engine) routineKey(r schema.Routine) string {
	if !e.overloads() {
		return r.Kind + " " + e.key("routine", r.Name)
	}
	return r.Kind + " " + r.Signature()
}

// overloads reports whether the engine tells routines apart by their
// arguments (ddl.Overloader; engines without it do).
func (e engine) overloads() bool {
	o, ok := e.r.(ddl.Overloader)
	return !ok || o.RoutinesOverload()
}

func (d *differ) routines() {
	keep := syncable
	routineKey := d.e.routineKey
	dst := index(d.dst.Routines, routineKey)
	seen := map[string]bool{}
	for i := range d.src.Routines {
		s := &d.src.Routines[i]
		k := routineKey(*s)
		seen[k] = true
		t, ok := dst[k]
		if !keep(*s) || ok && !keep(*t) {
			continue // a note says why (engine.notes)
		}
		if !ok {
			d.add(pending{ch: ddl.CreateFunction{Schema: d.dstName, Routine: d.mapRoutine(s)}, object: s.Signature(), source: s})
			continue
		}
		if !sameSignature(s, t) && d.e.overloads() {
			// CREATE OR REPLACE cannot change the return type, parameter
			// names or defaults: drop and create again.
			changed := []string{"signature"}
			d.add(pending{ch: ddl.DropFunction{Schema: d.dstName, Routine: *t}, object: t.Signature(), changes: changed, target: t})
			d.add(pending{ch: ddl.CreateFunction{Schema: d.dstName, Routine: d.mapRoutine(s)}, object: s.Signature(), changes: changed, source: s, target: t})
			continue
		}
		var changed []string
		if !sameSignature(s, t) { // where routines do not overload: the renderer replaces it whole
			changed = append(changed, "signature")
		} else if squash(s.Definition) != squash(t.Definition) {
			changed = append(changed, "definition")
		}
		if !sameMode(s.SQLMode, t.SQLMode) {
			changed = append(changed, "sql_mode")
		}
		if s.Comment != t.Comment {
			changed = append(changed, "comment")
		}
		if len(changed) > 0 {
			d.add(pending{ch: ddl.ReplaceFunction{Schema: d.dstName, From: *t, To: d.mapRoutine(s)}, object: s.Signature(),
				changes: changed, source: s, target: t})
		}
	}
	for i := range d.dst.Routines {
		t := &d.dst.Routines[i]
		if keep(*t) && !seen[routineKey(*t)] {
			d.add(pending{ch: ddl.DropFunction{Schema: d.dstName, Routine: *t}, object: t.Signature(), target: t, destructive: true})
		}
	}
}

// sameSignature compares what CREATE OR REPLACE cannot change.
func sameSignature(a, b *schema.Routine) bool {
	return strings.EqualFold(a.Returns, b.Returns) && slices.Equal(a.Params, b.Params)
}

// mapRefs names a source object's dependencies by their target schemas.
func (d *differ) mapRefs(refs []schema.ObjectRef) []schema.ObjectRef {
	if len(refs) == 0 {
		return nil
	}
	out := make([]schema.ObjectRef, len(refs))
	for i, r := range refs {
		r.Schema = d.mapRef(r.Schema)
		out[i] = r
	}
	return out
}

func (d *differ) mapRoutine(r *schema.Routine) schema.Routine {
	c := *r
	c.DependsOn = d.mapRefs(r.DependsOn)
	return c
}

func (d *differ) mapDomain(x *schema.Domain) schema.Domain {
	c := *x
	c.DependsOn = d.mapRefs(x.DependsOn)
	return c
}
