package schema

import (
	"cmp"
	"slices"
)

// Extension is a PostgreSQL extension installed in the database (CREATE
// EXTENSION). It is listed under the schema its objects live in
// (extnamespace); its name is unique in the database. The objects it
// brings (types, functions, operators) are not listed anywhere else.
type Extension struct {
	Name string `json:"name"`
	// Version is the installed version (extversion).
	Version string `json:"version,omitempty"`
	// Requires names the extensions this one needs installed first (its
	// control file's requires, as pg_depend records them), sorted: a plan
	// creates them before it and drops them after it.
	Requires []string `json:"requires,omitempty"`
	Comment  string   `json:"comment,omitempty"`
}

// CompositeType is a PostgreSQL composite type (CREATE TYPE name AS (…)).
// Attributes use Name, Position, Type and Collation of Column.
type CompositeType struct {
	Name       string   `json:"name"`
	Attributes []Column `json:"attributes"`
	Comment    string   `json:"comment,omitempty"`
}

// RangeType is a PostgreSQL range type (CREATE TYPE name AS RANGE).
// Empty fields are the defaults PostgreSQL chooses.
type RangeType struct {
	Name    string `json:"name"`
	Subtype string `json:"subtype"`
	// Collation is the subtype's collation when not its default.
	Collation string `json:"collation,omitempty"`
	// Opclass is the subtype's btree operator class when not its default.
	Opclass     string `json:"opclass,omitempty"`
	Canonical   string `json:"canonical,omitempty"`
	SubtypeDiff string `json:"subtype_diff,omitempty"`
	// MultirangeName is the multirange type PostgreSQL 14+ creates with it.
	MultirangeName string `json:"multirange_name,omitempty"`
	Comment        string `json:"comment,omitempty"`
}

// Collation is a PostgreSQL collation (CREATE COLLATION).
type Collation struct {
	Name string `json:"name"`
	// Provider is "libc", "icu" or "default".
	Provider string `json:"provider"`
	// Locale is the ICU locale (colliculocale on PostgreSQL 15, colllocale
	// from 17); libc collations have LcCollate and LcCtype instead.
	Locale        string `json:"locale,omitempty"`
	LcCollate     string `json:"lc_collate,omitempty"`
	LcCtype       string `json:"lc_ctype,omitempty"`
	Deterministic bool   `json:"deterministic"`
	Comment       string `json:"comment,omitempty"`
}

// normalizeTypes sorts the PostgreSQL-only kinds of types.go by name.
func (sc *Schema) normalizeTypes() {
	sc.Extensions = nilIfEmpty(sc.Extensions)
	sc.Composites = nilIfEmpty(sc.Composites)
	sc.Ranges = nilIfEmpty(sc.Ranges)
	sc.Collations = nilIfEmpty(sc.Collations)
	for i := range sc.Extensions {
		sc.Extensions[i].Requires = nilIfEmpty(sc.Extensions[i].Requires)
		slices.Sort(sc.Extensions[i].Requires)
	}
	for i := range sc.Composites {
		sc.Composites[i].Attributes = nonNil(sc.Composites[i].Attributes)
		normalizeColumns(sc.Composites[i].Attributes)
	}
	slices.SortFunc(sc.Extensions, func(a, b Extension) int { return cmp.Compare(a.Name, b.Name) })
	slices.SortFunc(sc.Composites, func(a, b CompositeType) int { return cmp.Compare(a.Name, b.Name) })
	slices.SortFunc(sc.Ranges, func(a, b RangeType) int { return cmp.Compare(a.Name, b.Name) })
	slices.SortFunc(sc.Collations, func(a, b Collation) int { return cmp.Compare(a.Name, b.Name) })
}

// cloneTypes copies the lists of types.go into c.
func (sc *Schema) cloneTypes(c *Schema) {
	c.Extensions = cloneEach(sc.Extensions, func(x *Extension) Extension {
		xc := *x
		xc.Requires = slices.Clone(x.Requires)
		return xc
	})
	c.Composites = cloneEach(sc.Composites, func(x *CompositeType) CompositeType {
		xc := *x
		xc.Attributes = cloneEach(x.Attributes, (*Column).clone)
		return xc
	})
	c.Ranges = slices.Clone(sc.Ranges)
	c.Collations = slices.Clone(sc.Collations)
}
