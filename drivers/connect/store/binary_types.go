package store

import "github.com/dbls/dbls/drivers/schema"

// The PostgreSQL extensions, composite and range types and collations of a
// schema (schema/types.go), from binary version 4 on.

func encTypes(e *encoder, sc *schema.Schema) {
	each(e, sc.Extensions, func(e *encoder, x *schema.Extension) {
		e.str(x.Name)
		e.str(x.Version)
		e.str(x.Comment)
		strs(e, x.Requires)
	})
	each(e, sc.Composites, func(e *encoder, x *schema.CompositeType) {
		e.str(x.Name)
		each(e, x.Attributes, encColumn)
		e.str(x.Comment)
	})
	each(e, sc.Ranges, func(e *encoder, x *schema.RangeType) {
		e.str(x.Name)
		e.str(x.Subtype)
		e.str(x.Collation)
		e.str(x.Opclass)
		e.str(x.Canonical)
		e.str(x.SubtypeDiff)
		e.str(x.MultirangeName)
		e.str(x.Comment)
	})
	each(e, sc.Collations, func(e *encoder, x *schema.Collation) {
		e.str(x.Name)
		e.str(x.Provider)
		e.str(x.Locale)
		e.str(x.LcCollate)
		e.str(x.LcCtype)
		e.bool(x.Deterministic)
		e.str(x.Comment)
	})
}

func decTypes(d *decoder, sc *schema.Schema) {
	sc.Extensions = decEach(d, func(d *decoder, x *schema.Extension) {
		x.Name = d.str()
		x.Version = d.str()
		x.Comment = d.str()
		if d.version >= 5 {
			x.Requires = d.strList()
		}
	})
	sc.Composites = decEach(d, func(d *decoder, x *schema.CompositeType) {
		x.Name = d.str()
		x.Attributes = decEach(d, decColumn)
		x.Comment = d.str()
	})
	sc.Ranges = decEach(d, func(d *decoder, x *schema.RangeType) {
		x.Name = d.str()
		x.Subtype = d.str()
		x.Collation = d.str()
		x.Opclass = d.str()
		x.Canonical = d.str()
		x.SubtypeDiff = d.str()
		x.MultirangeName = d.str()
		x.Comment = d.str()
	})
	sc.Collations = decEach(d, func(d *decoder, x *schema.Collation) {
		x.Name = d.str()
		x.Provider = d.str()
		x.Locale = d.str()
		x.LcCollate = d.str()
		x.LcCtype = d.str()
		x.Deterministic = d.bool()
		x.Comment = d.str()
	})
}
