package schema

import (
	"maps"
	"slices"
)

// Clone returns a deep copy that shares no memory with s. Snapshots are
// immutable once published; code that wants to change one (normalizers,
// the diff engine) changes a clone. clone_test.go fails if a field added
// to the model is not copied here.
func (s *Snapshot) Clone() *Snapshot {
	if s == nil {
		return nil
	}
	c := *s
	c.Databases = slices.Clone(s.Databases)
	c.SearchPath = slices.Clone(s.SearchPath)
	c.Roles = slices.Clone(s.Roles)
	c.Schemas = cloneEach(s.Schemas, (*Schema).clone)
	return &c
}

func (sc *Schema) clone() Schema {
	c := *sc
	c.Tables = cloneEach(sc.Tables, (*Table).clone)
	c.Views = cloneEach(sc.Views, (*View).clone)
	c.Routines = cloneEach(sc.Routines, func(r *Routine) Routine {
		rc := *r
		rc.Params = slices.Clone(r.Params)
		rc.DependsOn = slices.Clone(r.DependsOn)
		return rc
	})
	c.Triggers = cloneEach(sc.Triggers, func(t *Trigger) Trigger {
		tc := *t
		tc.Events = slices.Clone(t.Events)
		return tc
	})
	c.Sequences = slices.Clone(sc.Sequences)
	c.Enums = cloneEach(sc.Enums, func(e *Enum) Enum {
		ec := *e
		ec.Values = slices.Clone(e.Values)
		return ec
	})
	c.Domains = cloneEach(sc.Domains, func(d *Domain) Domain {
		dc := *d
		if d.Default != nil {
			v := *d.Default
			dc.Default = &v
		}
		dc.Checks = slices.Clone(d.Checks)
		dc.DependsOn = slices.Clone(d.DependsOn)
		return dc
	})
	c.Events = slices.Clone(sc.Events)
	c.Grants = slices.Clone(sc.Grants)
	return c
}

func (t *Table) clone() Table {
	c := *t
	c.Columns = cloneEach(t.Columns, (*Column).clone)
	if t.PrimaryKey != nil {
		pk := *t.PrimaryKey
		pk.Columns = slices.Clone(pk.Columns)
		c.PrimaryKey = &pk
	}
	c.Indexes = cloneEach(t.Indexes, (*Index).clone)
	c.ForeignKeys = cloneEach(t.ForeignKeys, func(fk *ForeignKey) ForeignKey {
		fc := *fk
		fc.Columns, fc.RefColumns = slices.Clone(fk.Columns), slices.Clone(fk.RefColumns)
		return fc
	})
	c.Uniques = cloneEach(t.Uniques, func(u *Unique) Unique {
		uc := *u
		uc.Columns = slices.Clone(u.Columns)
		return uc
	})
	c.Checks = slices.Clone(t.Checks)
	c.Exclusions = slices.Clone(t.Exclusions)
	c.Options = maps.Clone(t.Options)
	return c
}

func (col *Column) clone() Column {
	c := *col
	if col.Default != nil {
		d := *col.Default
		c.Default = &d
	}
	if col.Generated != nil {
		g := *col.Generated
		c.Generated = &g
	}
	return c
}

func (ix *Index) clone() Index {
	c := *ix
	c.Columns = slices.Clone(ix.Columns)
	c.Include = slices.Clone(ix.Include)
	return c
}

func (v *View) clone() View {
	c := *v
	c.Columns = cloneEach(v.Columns, (*Column).clone)
	c.Indexes = cloneEach(v.Indexes, (*Index).clone)
	c.Options = maps.Clone(v.Options)
	return c
}

// cloneEach deep-copies a slice element by element, keeping nil as nil and
// empty as empty (the normal form distinguishes them in JSON).
func cloneEach[T any](s []T, clone func(*T) T) []T {
	if s == nil {
		return nil
	}
	out := make([]T, len(s))
	for i := range s {
		out[i] = clone(&s[i])
	}
	return out
}
