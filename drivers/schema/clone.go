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
	c.DefaultPrivileges = slices.Clone(s.DefaultPrivileges)
	c.Schemas = cloneEach(s.Schemas, (*Schema).clone)
	c.Unsynced = slices.Clone(s.Unsynced)
	return &c
}

func (sc *Schema) clone() Schema {
	c := *sc
	// The columns of every table come from one allocation: a large
	// catalog's clone is most of diff's time, and one allocation instead
	// of one per table halves it. Each table's slice is capped, so an
	// append to one reallocates instead of writing over the next table's.
	n := 0
	for i := range sc.Tables {
		n += len(sc.Tables[i].Columns)
	}
	slab := make([]Column, n)
	c.Tables = cloneEach(sc.Tables, func(t *Table) Table { return t.clone(&slab) })
	c.Views = cloneEach(sc.Views, (*View).clone)
	c.Routines = cloneEach(sc.Routines, func(r *Routine) Routine {
		rc := *r
		rc.Params = slices.Clone(r.Params)
		rc.DependsOn = slices.Clone(r.DependsOn)
		rc.UsedBy = slices.Clone(r.UsedBy)
		return rc
	})
	c.Triggers = cloneEach(sc.Triggers, func(t *Trigger) Trigger {
		tc := *t
		tc.Events = slices.Clone(t.Events)
		tc.Columns = slices.Clone(t.Columns)
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
	sc.cloneTypes(&c)
	c.Grants = slices.Clone(sc.Grants)
	c.Unsynced = slices.Clone(sc.Unsynced)
	c.DefaultPrivileges = slices.Clone(sc.DefaultPrivileges)
	c.Owners = slices.Clone(sc.Owners)
	return c
}

// clone copies t, taking its columns from the front of *slab.
func (t *Table) clone(slab *[]Column) Table {
	c := *t
	if t.Columns != nil {
		n := len(t.Columns)
		c.Columns = (*slab)[:n:n]
		*slab = (*slab)[n:]
		for i := range t.Columns {
			c.Columns[i] = t.Columns[i].clone()
		}
	}
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
	c.Policies = cloneEach(t.Policies, func(p *Policy) Policy {
		pc := *p
		pc.Roles = slices.Clone(p.Roles)
		return pc
	})
	c.Rules = slices.Clone(t.Rules)
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
	c.DependsOn = slices.Clone(v.DependsOn)
	c.Rules = slices.Clone(v.Rules)
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
