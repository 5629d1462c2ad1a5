package diff

import (
	"slices"
	"strings"

	"github.com/dbls/dbls/drivers/ddl"
	"github.com/dbls/dbls/drivers/schema"
)

// PostgreSQL extensions, composite types, range types and collations
// (schema/types.go), compared for engines whose renderer syncs them.
//
// An extension's version is compared: a different version is an ALTER
// EXTENSION … UPDATE TO the source's, because the functions, operators and
// types it brings differ between versions and a plan that ignores them
// would leave the target unlike the source. A target that has a newer
// version than the source is a note instead: extensions are not
// downgraded.

func init() {
	for k, v := range typePhase {
		objectPhase[k] = v
	}
}

// typePhase places the kinds of this file among objectPhase's:
// extensions first of every creation (types, functions, columns and
// indexes use what they bring) and dropped last of all; collations before
// every type and table; composite and range types with the other types
// (objectRanks orders them by what they use), dropped after the tables
// and routines that used them.
var typePhase = map[ddl.Kind]float64{
	ddl.KindCreateExtension: -0.5,
	ddl.KindAlterExtension:  -0.5,
	ddl.KindCreateCollation: 6.15,
	ddl.KindAlterCollation:  6.15,
	ddl.KindCreateComposite: 6.2,
	ddl.KindAlterComposite:  6.2,
	ddl.KindCreateRange:     6.2,
	ddl.KindAlterRange:      6.2,
	ddl.KindDropComposite:   22.5,
	ddl.KindDropRange:       22.5,
	ddl.KindDropCollation:   23.5,
	ddl.KindDropExtension:   24,
}

// replacedEarly reports whether the drop half of a replacement (its
// object recreated) of kind k goes just before the creations.
func replacedEarly(k ddl.Kind) bool {
	switch k {
	case ddl.KindDropFunction, ddl.KindDropDomain, ddl.KindDropRange, ddl.KindDropCollation:
		return true
	}
	return false
}

// typeNode fills n for a creation or drop of a composite or range type:
// each needs the types its attributes or subtype name (enums, domains,
// other composite and range types of the same schema).
func typeNode(p *pending, n *objNode) *objNode {
	var sc, name, kind string
	var uses []string
	switch c := p.ch.(type) {
	case ddl.CreateComposite:
		sc, name, kind, uses = c.Schema, c.Composite.Name, schema.RefComposite, attrTypes(c.Composite)
	case ddl.AlterComposite:
		sc, name, kind, uses = c.Schema, c.To.Name, schema.RefComposite, attrTypes(c.To)
	case ddl.DropComposite:
		sc, name, kind, uses, n.drop = c.Schema, c.Composite.Name, schema.RefComposite, attrTypes(c.Composite), true
	case ddl.CreateRange:
		sc, name, kind, uses = c.Schema, c.Range.Name, schema.RefRange, []string{c.Range.Subtype}
	case ddl.DropRange:
		if len(p.changes) > 0 {
			return nil // half of a replacement
		}
		sc, name, kind, uses, n.drop = c.Schema, c.Range.Name, schema.RefRange, []string{c.Range.Subtype}, true
	default:
		return nil
	}
	n.ref, n.kind = refKey(kind, sc, name), 1
	for _, u := range uses {
		u = strings.TrimSuffix(strings.TrimRight(u, "[]"), `"`)
		u = strings.TrimPrefix(strings.TrimPrefix(u, sc+"."), `"`)
		for _, k := range []string{schema.RefEnum, schema.RefDomain, schema.RefComposite, schema.RefRange} {
			if k != kind || u != name {
				n.deps = append(n.deps, refKey(k, sc, u))
			}
		}
	}
	return n
}

func attrTypes(x schema.CompositeType) []string {
	out := make([]string, len(x.Attributes))
	for i, a := range x.Attributes {
		out[i] = a.Type
	}
	return out
}

// types compares the objects of schema/types.go of one schema pair.
func (d *differ) types() {
	if d.e.syncs(ddl.ObjectExtension) {
		d.extensions()
	}
	if d.e.syncs(ddl.ObjectCollation) {
		d.collations()
	}
	if d.e.syncs(ddl.ObjectComposite) {
		d.composites()
	}
	if d.e.syncs(ddl.ObjectRange) {
		d.ranges()
	}
}

func (d *differ) extensions() {
	dst := index(d.dst.Extensions, func(x schema.Extension) string { return x.Name })
	seen := map[string]bool{}
	for i := range d.src.Extensions {
		s := &d.src.Extensions[i]
		seen[s.Name] = true
		t, ok := dst[s.Name]
		if !ok {
			d.add(pending{ch: ddl.CreateExtension{Schema: d.dstName, Extension: *s}, source: s})
			continue
		}
		var changed []string
		to := *s
		if s.Version != t.Version {
			if compareVersions(s.Version, t.Version) > 0 {
				changed = append(changed, "version")
			} else {
				to.Version = t.Version // not downgraded: a note says so (typeNotes)
			}
		}
		if len(changed) > 0 { // a comment is a comment.set (comments.go)
			d.add(pending{ch: ddl.AlterExtension{Schema: d.dstName, From: *t, To: to}, changes: changed, source: s, target: t})
		}
	}
	for i := range d.dst.Extensions {
		t := &d.dst.Extensions[i]
		if !seen[t.Name] {
			d.add(pending{ch: ddl.DropExtension{Schema: d.dstName, Extension: *t}, target: t, destructive: true})
		}
	}
}

// canonicalFunctions gives each range type the plan creates or drops the
// canonical function the plan creates or drops with it, and takes that
// function's own item out: the function takes and returns the range type,
// so it is created between a shell type and the range, and the two depend
// on each other, so neither is dropped alone.
func canonicalFunctions(ps []pending) []pending {
	taken := map[int]bool{}
	for i := range ps {
		var x schema.RangeType
		var sc string
		drop := false
		switch c := ps[i].ch.(type) {
		case ddl.CreateRange:
			x, sc = c.Range, c.Schema
		case ddl.DropRange:
			x, sc, drop = c.Range, c.Schema, true
		default:
			continue
		}
		if x.Canonical == "" {
			continue
		}
		j := slices.IndexFunc(ps, func(p pending) bool {
			rt, fsc, ok := routineOf(p.ch, drop)
			return ok && fsc == sc && isCanonical(x, rt)
		})
		if j < 0 || taken[j] {
			continue
		}
		rt, _, _ := routineOf(ps[j].ch, drop)
		switch c := ps[i].ch.(type) {
		case ddl.CreateRange:
			c.CanonicalFunc = &rt
			ps[i].ch = c
		case ddl.DropRange:
			c.CanonicalFunc = &rt
			ps[i].ch = c
		}
		taken[j] = true
	}
	out := ps[:0]
	for i, p := range ps {
		if !taken[i] {
			out = append(out, p)
		}
	}
	return out
}

// routineOf is the routine a function.create (drop false) or function.drop
// (drop true) is about, and its schema.
func routineOf(c ddl.Change, drop bool) (schema.Routine, string, bool) {
	switch c := c.(type) {
	case ddl.CreateFunction:
		return c.Routine, c.Schema, !drop
	case ddl.DropFunction:
		return c.Routine, c.Schema, drop
	}
	return schema.Routine{}, "", false
}

// isCanonical reports whether rt is x's canonical function: named as
// Canonical (regproc's spelling, qualified or not) with one argument of
// the range type.
func isCanonical(x schema.RangeType, rt schema.Routine) bool {
	return len(rt.Params) == 1 && lastIdent(x.Canonical) == rt.Name && lastIdent(rt.Params[0].Type) == x.Name
}

// lastIdent is the last identifier of a name as the catalog prints it
// (schema.name, either part double-quoted where needed), unquoted.
func lastIdent(s string) string {
	if strings.HasSuffix(s, `"`) {
		if i := strings.LastIndex(s[:len(s)-1], `."`); i >= 0 {
			s = s[i+1:]
		}
		return strings.ReplaceAll(strings.Trim(s, `"`), `""`, `"`)
	}
	if i := strings.LastIndexByte(s, '.'); i >= 0 {
		s = s[i+1:]
	}
	return s
}

// compareVersions compares extension versions part by part, numerically
// where both parts are numbers ("1.10" is after "1.9").
func compareVersions(a, b string) int {
	pa, pb := strings.FieldsFunc(a, versionSep), strings.FieldsFunc(b, versionSep)
	for i := 0; i < len(pa) && i < len(pb); i++ {
		x, y := pa[i], pb[i]
		if isDigits(x) && isDigits(y) {
			x, y = strings.TrimLeft(x, "0"), strings.TrimLeft(y, "0")
			if len(x) != len(y) {
				return len(x) - len(y)
			}
		}
		if c := strings.Compare(x, y); c != 0 {
			return c
		}
	}
	return len(pa) - len(pb)
}

func versionSep(r rune) bool { return r == '.' || r == '-' || r == '_' }

func isDigits(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}

// typeNotes lists what of this file differs and is not synced: an
// extension the target has at a newer version than the source.
func (e engine) typeNotes(s, t *schema.Schema) []string {
	if s == nil || t == nil || !e.syncs(ddl.ObjectExtension) {
		return nil
	}
	dst := index(t.Extensions, func(x schema.Extension) string { return x.Name })
	var notes []string
	for _, x := range s.Extensions {
		if o, ok := dst[x.Name]; ok && compareVersions(x.Version, o.Version) < 0 {
			notes = append(notes, "extension "+x.Name+" in "+t.Name+": the target has version "+o.Version+
				", newer than the source's "+x.Version+"; extensions are not downgraded")
		}
	}
	return notes
}

func (d *differ) collations() {
	dst := index(d.dst.Collations, func(x schema.Collation) string { return x.Name })
	seen := map[string]bool{}
	for i := range d.src.Collations {
		s := &d.src.Collations[i]
		seen[s.Name] = true
		t, ok := dst[s.Name]
		switch {
		case !ok:
			d.add(pending{ch: ddl.CreateCollation{Schema: d.dstName, Collation: *s}, source: s})
		case sameCollation(*s, *t): // a comment is a comment.set (comments.go)
		case collationUsed(d.dst, t.Name):
			// It cannot be dropped under its columns: the renderer says so.
			d.add(pending{ch: ddl.AlterCollation{Schema: d.dstName, From: *t, To: *s},
				changes: []string{"definition"}, source: s, target: t, destructive: true})
		default:
			changed := []string{"definition"}
			d.add(pending{ch: ddl.DropCollation{Schema: d.dstName, Collation: *t}, changes: changed, target: t})
			d.add(pending{ch: ddl.CreateCollation{Schema: d.dstName, Collation: *s}, changes: changed, source: s, target: t})
		}
	}
	for i := range d.dst.Collations {
		t := &d.dst.Collations[i]
		if !seen[t.Name] {
			d.add(pending{ch: ddl.DropCollation{Schema: d.dstName, Collation: *t}, target: t, destructive: true})
		}
	}
}

func sameCollation(a, b schema.Collation) bool {
	a.Comment, b.Comment = "", ""
	return a == b
}

// collationUsed reports whether a column, composite attribute, domain or
// range type of sc uses the collation.
func collationUsed(sc *schema.Schema, name string) bool {
	for _, t := range sc.Tables {
		for _, c := range t.Columns {
			if c.Collation == name {
				return true
			}
		}
	}
	for _, x := range sc.Composites {
		for _, a := range x.Attributes {
			if a.Collation == name {
				return true
			}
		}
	}
	for _, x := range sc.Domains {
		if x.Collation == name {
			return true
		}
	}
	for _, x := range sc.Ranges {
		if x.Collation == name {
			return true
		}
	}
	return false
}

func (d *differ) composites() {
	dst := index(d.dst.Composites, func(x schema.CompositeType) string { return x.Name })
	seen := map[string]bool{}
	for i := range d.src.Composites {
		s := &d.src.Composites[i]
		seen[s.Name] = true
		t, ok := dst[s.Name]
		if !ok {
			d.add(pending{ch: ddl.CreateComposite{Schema: d.dstName, Composite: *s}, source: s})
			continue
		}
		changed, destructive := compositeChanges(s, t)
		if len(changed) > 0 {
			d.add(pending{ch: ddl.AlterComposite{Schema: d.dstName, From: *t, To: *s}, changes: changed,
				source: s, target: t, destructive: destructive})
		}
	}
	for i := range d.dst.Composites {
		t := &d.dst.Composites[i]
		if !seen[t.Name] {
			d.add(pending{ch: ddl.DropComposite{Schema: d.dstName, Composite: *t}, target: t, destructive: true})
		}
	}
}

// compositeChanges names what differs between two composite types, by
// attribute name: attributes are added at the end, so their order is not
// compared. Dropping an attribute or changing its type loses or converts
// the values stored in columns of the type.
func compositeChanges(s, t *schema.CompositeType) (changed []string, destructive bool) {
	for _, a := range t.Attributes {
		i := slices.IndexFunc(s.Attributes, func(b schema.Column) bool { return b.Name == a.Name })
		switch {
		case i < 0:
			changed, destructive = append(changed, "attribute "+a.Name+" dropped"), true
		case !strings.EqualFold(s.Attributes[i].Type, a.Type) || s.Attributes[i].Collation != a.Collation:
			changed, destructive = append(changed, "attribute "+a.Name+" changed"), true
		}
	}
	for _, a := range s.Attributes {
		if !attrNamed(t.Attributes, a.Name) {
			changed = append(changed, "attribute "+a.Name+" added")
		}
	}
	return changed, destructive // a comment is a comment.set (comments.go)
}

func attrNamed(attrs []schema.Column, name string) bool {
	return slices.ContainsFunc(attrs, func(a schema.Column) bool { return a.Name == name })
}

func (d *differ) ranges() {
	dst := index(d.dst.Ranges, func(x schema.RangeType) string { return x.Name })
	seen := map[string]bool{}
	for i := range d.src.Ranges {
		s := &d.src.Ranges[i]
		seen[s.Name] = true
		t, ok := dst[s.Name]
		switch {
		case !ok:
			d.add(pending{ch: ddl.CreateRange{Schema: d.dstName, Range: *s}, source: s})
		case sameRange(*s, *t): // a comment is a comment.set (comments.go)
		case typeUsed(d.dst, t.Name) || rangeUsed(d.dst, t.Name):
			// It cannot be dropped under its columns: the renderer says so.
			d.add(pending{ch: ddl.AlterRange{Schema: d.dstName, From: *t, To: *s},
				changes: []string{"definition"}, source: s, target: t, destructive: true})
		default:
			changed := []string{"definition"}
			d.add(pending{ch: ddl.DropRange{Schema: d.dstName, Range: *t}, changes: changed, target: t})
			d.add(pending{ch: ddl.CreateRange{Schema: d.dstName, Range: *s}, changes: changed, source: s, target: t})
		}
	}
	for i := range d.dst.Ranges {
		t := &d.dst.Ranges[i]
		if !seen[t.Name] {
			d.add(pending{ch: ddl.DropRange{Schema: d.dstName, Range: *t}, target: t, destructive: true})
		}
	}
}

func sameRange(a, b schema.RangeType) bool {
	a.Comment, b.Comment = "", ""
	return a == b
}

// rangeUsed reports whether a composite attribute or domain of sc has the
// type (typeUsed covers columns and routines).
func rangeUsed(sc *schema.Schema, name string) bool {
	uses := func(typ string) bool {
		typ = strings.TrimRight(typ, "[]")
		return typ == name || typ == sc.Name+"."+name || typ == `"`+name+`"`
	}
	for _, x := range sc.Composites {
		for _, a := range x.Attributes {
			if uses(a.Type) {
				return true
			}
		}
	}
	for _, x := range sc.Domains {
		if uses(x.Type) {
			return true
		}
	}
	return false
}

// movedExtensions turns the drop of an extension from one schema and its
// creation in another into one move (ALTER EXTENSION … SET SCHEMA): an
// extension's name is unique in the database, so the creation would fail,
// and the drop would take every column and index that uses it.
func movedExtensions(ps []pending) []pending {
	drops := map[string]int{}
	for i, p := range ps {
		if c, ok := p.ch.(ddl.DropExtension); ok {
			drops[c.Extension.Name] = i
		}
	}
	if len(drops) == 0 {
		return ps
	}
	gone := map[int]bool{}
	for i := range ps {
		c, ok := ps[i].ch.(ddl.CreateExtension)
		if !ok {
			continue
		}
		j, ok := drops[c.Extension.Name]
		if !ok {
			continue
		}
		old := ps[j].ch.(ddl.DropExtension)
		to, changed := c.Extension, []string{"schema"}
		if to.Version != old.Extension.Version {
			if compareVersions(to.Version, old.Extension.Version) > 0 {
				changed = append(changed, "version")
			} else {
				to.Version = old.Extension.Version
			}
		}
		if to.Comment != old.Extension.Comment {
			// A comment is a comment.set, as where the extension stays.
			ps = append(ps, pending{ch: ddl.SetComment{Schema: c.Schema, On: ddl.CommentExtension, Name: to.Name, Comment: to.Comment},
				object: to.Name, changes: []string{"comment"}, source: to.Comment, target: old.Extension.Comment})
		}
		ps[i] = pending{ch: ddl.AlterExtension{Schema: c.Schema, FromSchema: old.Schema, From: old.Extension, To: to},
			changes: changed, source: ps[i].source, target: ps[j].target}
		gone[j] = true
	}
	out := ps[:0]
	for i, p := range ps {
		if !gone[i] {
			out = append(out, p)
		}
	}
	return out
}
