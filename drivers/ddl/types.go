package ddl

import "github.com/dbls/dbls/drivers/schema"

// The kinds of change to PostgreSQL extensions, composite types, range
// types and collations (schema/types.go).
const (
	KindCreateExtension Kind = "extension.create"
	KindAlterExtension  Kind = "extension.alter"
	KindDropExtension   Kind = "extension.drop"
	KindCreateComposite Kind = "composite.create"
	KindAlterComposite  Kind = "composite.alter"
	KindDropComposite   Kind = "composite.drop"
	KindCreateRange     Kind = "range.create"
	KindAlterRange      Kind = "range.alter"
	KindDropRange       Kind = "range.drop"
	KindCreateCollation Kind = "collation.create"
	KindAlterCollation  Kind = "collation.alter"
	KindDropCollation   Kind = "collation.drop"
	KindSetTableType    Kind = "table.of"
)

// Object kinds an ObjectSyncer names, for the changes of this file.
const (
	ObjectExtension = "extension"
	ObjectComposite = "composite"
	ObjectRange     = "range"
	ObjectCollation = "collation"
)

// CreateExtension installs an extension into Schema, at the source's
// version.
type CreateExtension struct {
	Schema    string
	Extension schema.Extension
}

// AlterExtension updates an installed extension from From's version to
// To's (ALTER EXTENSION … UPDATE TO), or moves it from FromSchema into
// Schema (SET SCHEMA) when FromSchema is set and differs. Its comment is a
// SetComment.
type AlterExtension struct {
	Schema     string
	FromSchema string
	From, To   schema.Extension
}

// DropExtension drops an extension, as the target has it.
type DropExtension struct {
	Schema    string
	Extension schema.Extension
}

// CreateComposite creates a composite type.
type CreateComposite struct {
	Schema    string
	Composite schema.CompositeType
}

// AlterComposite changes a composite type's attributes in place from
// From (as the target has it) to To: attributes added, dropped, or of
// another type or collation (ALTER TYPE … ADD/DROP/ALTER ATTRIBUTE), and
// its comment.
type AlterComposite struct {
	Schema   string
	From, To schema.CompositeType
}

// DropComposite drops a composite type, as the target has it.
type DropComposite struct {
	Schema    string
	Composite schema.CompositeType
}

// CreateRange creates a range type. CanonicalFunc is its canonical
// function when the plan creates it: the function takes and returns the
// range type, so it is created with it, between a shell type and the
// range (a renderer refuses a canonical function it is not given).
type CreateRange struct {
	Schema        string
	Range         schema.RangeType
	CanonicalFunc *schema.Routine
}

// AlterRange is a change of a range type's definition while columns or
// routines use it: PostgreSQL cannot alter a range type in place, and it
// cannot be dropped under them, so renderers refuse it with the reason.
// (Unused, it is dropped and created again; a comment is a SetComment.)
type AlterRange struct {
	Schema   string
	From, To schema.RangeType
}

// DropRange drops a range type, as the target has it.
// CanonicalFunc is its canonical function when the plan drops it too:
// each depends on the other, so they go together (DROP TYPE … CASCADE
// once nothing else uses the type).
type DropRange struct {
	Schema        string
	Range         schema.RangeType
	CanonicalFunc *schema.Routine
}

// CreateCollation creates a collation.
type CreateCollation struct {
	Schema    string
	Collation schema.Collation
}

// AlterCollation is a change of a collation's definition while columns
// use it: that cannot be changed in place, so renderers refuse it.
// (Unused, it is dropped and created again; a comment is a SetComment.)
type AlterCollation struct {
	Schema   string
	From, To schema.Collation
}

// DropCollation drops a collation, as the target has it.
type DropCollation struct {
	Schema    string
	Collation schema.Collation
}

// SetTableType binds an existing table to a composite type (ALTER TABLE …
// OF, its columns already the type's attributes, in order) when OfType is
// set, or unbinds it from From (NOT OF) when OfType is empty. A table that
// changes type is one of each.
type SetTableType struct {
	On
	From, OfType string
}

func (SetTableType) Kind() Kind    { return KindSetTableType }
func (SetTableType) change()       {}
func (CreateExtension) Kind() Kind { return KindCreateExtension }
func (AlterExtension) Kind() Kind  { return KindAlterExtension }
func (DropExtension) Kind() Kind   { return KindDropExtension }
func (CreateComposite) Kind() Kind { return KindCreateComposite }
func (AlterComposite) Kind() Kind  { return KindAlterComposite }
func (DropComposite) Kind() Kind   { return KindDropComposite }
func (CreateRange) Kind() Kind     { return KindCreateRange }
func (AlterRange) Kind() Kind      { return KindAlterRange }
func (DropRange) Kind() Kind       { return KindDropRange }
func (CreateCollation) Kind() Kind { return KindCreateCollation }
func (AlterCollation) Kind() Kind  { return KindAlterCollation }
func (DropCollation) Kind() Kind   { return KindDropCollation }

func (c CreateExtension) Where() (string, string) { return c.Schema, c.Extension.Name }
func (c AlterExtension) Where() (string, string)  { return c.Schema, c.To.Name }
func (c DropExtension) Where() (string, string)   { return c.Schema, c.Extension.Name }
func (c CreateComposite) Where() (string, string) { return c.Schema, c.Composite.Name }
func (c AlterComposite) Where() (string, string)  { return c.Schema, c.To.Name }
func (c DropComposite) Where() (string, string)   { return c.Schema, c.Composite.Name }
func (c CreateRange) Where() (string, string)     { return c.Schema, c.Range.Name }
func (c AlterRange) Where() (string, string)      { return c.Schema, c.To.Name }
func (c DropRange) Where() (string, string)       { return c.Schema, c.Range.Name }
func (c CreateCollation) Where() (string, string) { return c.Schema, c.Collation.Name }
func (c AlterCollation) Where() (string, string)  { return c.Schema, c.To.Name }
func (c DropCollation) Where() (string, string)   { return c.Schema, c.Collation.Name }

func (CreateExtension) change() {}
func (AlterExtension) change()  {}
func (DropExtension) change()   {}
func (CreateComposite) change() {}
func (AlterComposite) change()  {}
func (DropComposite) change()   {}
func (CreateRange) change()     {}
func (AlterRange) change()      {}
func (DropRange) change()       {}
func (CreateCollation) change() {}
func (AlterCollation) change()  {}
func (DropCollation) change()   {}
