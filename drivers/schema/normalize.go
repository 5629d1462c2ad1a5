package schema

import (
	"cmp"
	"slices"
	"strings"
)

// Normalize puts the snapshot into its normal form, in place, so that two
// snapshots of equal structure are equal value by value:
//
//   - every list is sorted deterministically (schemas and objects by name,
//     columns by position, overloaded routines by signature);
//   - empty optional lists and maps are nil, required lists are non-nil;
//   - spellings the engines vary on are made canonical: referential actions
//     upper case with "NO ACTION" filled in, index methods lower case, table
//     kind filled in, a foreign key's referenced schema filled in.
//
// Engine-specific normalization (type aliases, default spellings) belongs to
// the driver that reads the catalog; Normalize only fixes what is common.
// Normalize is idempotent.
func (s *Snapshot) Normalize() {
	s.Databases = sortedStrings(s.Databases)
	s.SearchPath = nilIfEmpty(s.SearchPath)
	slices.Sort(s.Roles)
	s.Unsynced = sortedUnsynced(s.Unsynced)
	s.DefaultPrivileges = normalizeDefaults(s.DefaultPrivileges)
	if s.Schemas == nil {
		s.Schemas = []Schema{}
	}
	for i := range s.Schemas {
		s.Schemas[i].normalize()
	}
	slices.SortFunc(s.Schemas, func(a, b Schema) int { return cmp.Compare(a.Name, b.Name) })
}

func (sc *Schema) normalize() {
	sc.Tables = nilIfEmpty(sc.Tables)
	sc.Views = nilIfEmpty(sc.Views)
	sc.Routines = nilIfEmpty(sc.Routines)
	sc.Triggers = nilIfEmpty(sc.Triggers)
	sc.Sequences = nilIfEmpty(sc.Sequences)
	sc.Enums = nilIfEmpty(sc.Enums)
	sc.Domains = nilIfEmpty(sc.Domains)
	sc.Events = nilIfEmpty(sc.Events)
	sc.Unsynced = sortedUnsynced(sc.Unsynced)
	sc.Grants = nilIfEmpty(sc.Grants)
	sc.DefaultPrivileges = normalizeDefaults(sc.DefaultPrivileges)
	sc.Owners = nilIfEmpty(sc.Owners)
	slices.SortFunc(sc.Owners, func(a, b Owner) int {
		return cmp.Or(cmp.Compare(a.On, b.On), cmp.Compare(a.Object, b.Object), cmp.Compare(a.Args, b.Args))
	})
	slices.SortFunc(sc.Grants, func(a, b Grant) int {
		return cmp.Or(cmp.Compare(a.On, b.On), cmp.Compare(a.Object, b.Object), cmp.Compare(a.Args, b.Args), cmp.Compare(a.Column, b.Column),
			cmp.Compare(a.Grantee, b.Grantee), cmp.Compare(a.Privilege, b.Privilege))
	})
	for i := range sc.Domains {
		d := &sc.Domains[i]
		d.Checks = nilIfEmpty(d.Checks)
		d.DependsOn = sortedRefs(d.DependsOn)
		slices.SortFunc(d.Checks, func(a, b Check) int { return cmp.Compare(a.Name, b.Name) })
	}
	for i := range sc.Tables {
		sc.Tables[i].normalize(sc.Name)
	}
	for i := range sc.Views {
		sc.Views[i].normalize()
	}
	for i := range sc.Routines {
		sc.Routines[i].Params = nilIfEmpty(sc.Routines[i].Params)
		sc.Routines[i].DependsOn = sortedRefs(sc.Routines[i].DependsOn)
		sc.Routines[i].UsedBy = sortedRefs(sc.Routines[i].UsedBy)
	}
	for i := range sc.Triggers {
		t := &sc.Triggers[i]
		t.Timing = strings.ToUpper(t.Timing)
		t.Events = nilIfEmpty(t.Events)
		t.Columns = nilIfEmpty(t.Columns)
		slices.Sort(t.Columns)
	}
	for i := range sc.Enums {
		sc.Enums[i].Values = nonNil(sc.Enums[i].Values)
	}
	slices.SortFunc(sc.Tables, byName[Table])
	slices.SortFunc(sc.Views, byName[View])
	slices.SortFunc(sc.Routines, func(a, b Routine) int {
		return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.Signature(), b.Signature()), cmp.Compare(a.Kind, b.Kind))
	})
	slices.SortFunc(sc.Triggers, func(a, b Trigger) int {
		return cmp.Or(cmp.Compare(a.Table, b.Table), cmp.Compare(a.Name, b.Name))
	})
	slices.SortFunc(sc.Sequences, byName[Sequence])
	slices.SortFunc(sc.Enums, byName[Enum])
	slices.SortFunc(sc.Domains, byName[Domain])
	slices.SortFunc(sc.Events, byName[Event])
	sc.normalizeTypes()
}

func (t *Table) normalize(schemaName string) {
	if t.Kind == "" {
		t.Kind = TableOrdinary
	}
	t.Columns = nonNil(t.Columns)
	normalizeColumns(t.Columns)
	if t.PrimaryKey != nil {
		t.PrimaryKey.Columns = nonNil(t.PrimaryKey.Columns)
	}
	t.Indexes = nilIfEmpty(t.Indexes)
	for i := range t.Indexes {
		t.Indexes[i].normalize()
	}
	t.ForeignKeys = nilIfEmpty(t.ForeignKeys)
	for i := range t.ForeignKeys {
		t.ForeignKeys[i].normalize(schemaName)
	}
	t.Uniques = nilIfEmpty(t.Uniques)
	for i := range t.Uniques {
		t.Uniques[i].Columns = nonNil(t.Uniques[i].Columns)
	}
	t.Checks = nilIfEmpty(t.Checks)
	t.Exclusions = nilIfEmpty(t.Exclusions)
	slices.SortFunc(t.Exclusions, func(a, b Exclusion) int { return cmp.Compare(a.Name, b.Name) })
	t.normalizeSecurity()
	if len(t.Options) == 0 {
		t.Options = nil
	}
	slices.SortFunc(t.Indexes, byName[Index])
	slices.SortFunc(t.ForeignKeys, func(a, b ForeignKey) int {
		return cmp.Or(cmp.Compare(a.Name, b.Name), slices.Compare(a.Columns, b.Columns),
			cmp.Compare(a.RefTable, b.RefTable))
	})
	slices.SortFunc(t.Uniques, func(a, b Unique) int {
		return cmp.Or(cmp.Compare(a.Name, b.Name), slices.Compare(a.Columns, b.Columns))
	})
	slices.SortFunc(t.Checks, func(a, b Check) int {
		return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.Expr, b.Expr))
	})
}

func (v *View) normalize() {
	v.Columns = nilIfEmpty(v.Columns)
	normalizeColumns(v.Columns)
	v.Indexes = nilIfEmpty(v.Indexes)
	for i := range v.Indexes {
		v.Indexes[i].normalize()
	}
	slices.SortFunc(v.Indexes, byName[Index])
	v.DependsOn = sortedRefs(v.DependsOn)
	v.Rules = nilIfEmpty(v.Rules)
	slices.SortFunc(v.Rules, func(a, b Rule) int { return cmp.Compare(a.Name, b.Name) })
	if len(v.Options) == 0 {
		v.Options = nil
	}
}

// normalizeColumns numbers unnumbered columns in list order, then sorts by
// position so a reader may rely on Columns[i].Position == i+1 for catalogs
// without gaps.
func normalizeColumns(cols []Column) {
	for i := range cols {
		if cols[i].Position == 0 {
			cols[i].Position = i + 1
		}
	}
	slices.SortStableFunc(cols, func(a, b Column) int { return cmp.Compare(a.Position, b.Position) })
}

func (ix *Index) normalize() {
	ix.Method = strings.ToLower(ix.Method)
	ix.Columns = nonNil(ix.Columns)
	ix.Include = nilIfEmpty(ix.Include)
}

func (fk *ForeignKey) normalize(schemaName string) {
	if fk.RefSchema == "" {
		fk.RefSchema = schemaName
	}
	fk.Columns = nonNil(fk.Columns)
	fk.RefColumns = nonNil(fk.RefColumns)
	fk.OnDelete = normalizeAction(fk.OnDelete)
	fk.OnUpdate = normalizeAction(fk.OnUpdate)
	fk.Match = strings.ToUpper(strings.TrimSpace(fk.Match))
	if fk.Match == "SIMPLE" || fk.Match == "NONE" {
		fk.Match = "" // the default in every engine
	}
}

func normalizeAction(a string) string {
	a = strings.Join(strings.Fields(strings.ToUpper(a)), " ")
	if a == "" {
		return ActionNoAction
	}
	return a
}

func byName[T interface{ name() string }](a, b T) int { return cmp.Compare(a.name(), b.name()) }

func (t Table) name() string    { return t.Name }
func (v View) name() string     { return v.Name }
func (i Index) name() string    { return i.Name }
func (s Sequence) name() string { return s.Name }
func (e Enum) name() string     { return e.Name }
func (d Domain) name() string   { return d.Name }
func (e Event) name() string    { return e.Name }

func nilIfEmpty[T any](s []T) []T {
	if len(s) == 0 {
		return nil
	}
	return s
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func sortedStrings(s []string) []string {
	s = nilIfEmpty(s)
	slices.Sort(s)
	return s
}

// sortedRefs sorts dependencies and removes duplicates.
func sortedRefs(refs []ObjectRef) []ObjectRef {
	slices.SortFunc(refs, func(a, b ObjectRef) int {
		return cmp.Or(cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.Schema, b.Schema), cmp.Compare(a.Table, b.Table), cmp.Compare(a.Name, b.Name))
	})
	return nilIfEmpty(slices.Compact(refs))
}

// normalizeDefaults sorts default privileges by role, kind, grantee and
// privilege.
func normalizeDefaults(ds []DefaultPrivilege) []DefaultPrivilege {
	ds = nilIfEmpty(ds)
	slices.SortFunc(ds, func(a, b DefaultPrivilege) int {
		return cmp.Or(cmp.Compare(a.Role, b.Role), cmp.Compare(a.On, b.On), cmp.Compare(a.Grantee, b.Grantee),
			cmp.Compare(a.Privilege, b.Privilege), boolCompare(a.Revoked, b.Revoked))
	})
	return ds
}

func boolCompare(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}
