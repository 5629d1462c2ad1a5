package ddl

import "github.com/dbls/dbls/drivers/schema"

// The kinds of change to schema-level catalog objects that are not tables:
// sequences, enum types, domains and routines.
const (
	KindCreateSequence  Kind = "sequence.create"
	KindAlterSequence   Kind = "sequence.alter"
	KindDropSequence    Kind = "sequence.drop"
	KindCreateEnum      Kind = "enum.create"
	KindAddEnumValue    Kind = "enum.add_value"
	KindAlterEnum       Kind = "enum.alter"
	KindDropEnum        Kind = "enum.drop"
	KindCreateDomain    Kind = "domain.create"
	KindAlterDomain     Kind = "domain.alter"
	KindDropDomain      Kind = "domain.drop"
	KindCreateFunction  Kind = "routine.create"
	KindReplaceFunction Kind = "routine.replace"
	KindDropFunction    Kind = "routine.drop"
	KindCreateEvent     Kind = "event.create"
	KindAlterEvent      Kind = "event.alter"
	KindDropEvent       Kind = "event.drop"
)

// Object kinds an ObjectSyncer names.
const (
	ObjectSequence = "sequence"
	ObjectEnum     = "enum"
	ObjectDomain   = "domain"
	ObjectRoutine  = "routine"
	ObjectEvent    = "event"
)

// ObjectSyncer is a Renderer's companion for engines whose renderer writes
// the changes of this file. SyncsObjects reports whether diff should
// compare objects of a kind (ObjectSequence, …) into changes; kinds it
// does not sync stay notes in the plan, never silent.
type ObjectSyncer interface {
	SyncsObjects(kind string) bool
}

// Overloader is a Renderer's companion that says whether the engine tells
// routines apart by their argument types (PostgreSQL) or by kind and name
// alone (MySQL, where a routine whose parameters change is the same
// routine). A renderer without it overloads.
type Overloader interface {
	RoutinesOverload() bool
}

// TargetRenderer is a Renderer whose SQL depends on the target server
// (MySQL or MariaDB behind one driver): diff renders a plan with
// ForTarget(target snapshot) instead.
type TargetRenderer interface {
	ForTarget(target *schema.Snapshot) Renderer
}

// CreateSequence creates Sequence without its owner: OWNED BY needs the
// table, so diff sets it with an AlterSequence once tables exist.
type CreateSequence struct {
	Schema   string
	Sequence schema.Sequence
}

// AlterSequence changes a sequence's options and owner from From (as the
// target has it) to To (as the source wants it).
type AlterSequence struct {
	Schema   string
	From, To schema.Sequence
}

// DropSequence drops Sequence, as the target has it.
type DropSequence struct {
	Schema   string
	Sequence schema.Sequence
}

// CreateEnum creates an enum type.
type CreateEnum struct {
	Schema string
	Enum   schema.Enum
}

// AddEnumValue adds to an existing enum type, in place, the values To has
// and From (as the target has it) lacks, each at its place in To. Every
// value of From is in To, in the same order.
// (On PostgreSQL a value added cannot be used in the transaction that
// added it, so a plan that also uses it must be applied in two runs.)
type AddEnumValue struct {
	Schema   string
	From, To schema.Enum
}

// AlterEnum is a change of an enum's values that is not only additions:
// a value removed or the order changed. Engines that cannot do it in place
// (PostgreSQL) refuse it with the reason.
type AlterEnum struct {
	Schema   string
	From, To schema.Enum
	// RebuildAs, when set, is the name the old type takes while it is
	// rebuilt: the plan renames it, creates To, converts every column
	// that uses it (AlterColumn.ThroughText) and drops it. Unset, the
	// renderer refuses the change and says why.
	RebuildAs string
}

// DropEnum drops an enum type, as the target has it.
type DropEnum struct {
	Schema string
	Enum   schema.Enum
}

// CreateDomain creates a domain.
type CreateDomain struct {
	Schema string
	Domain schema.Domain
}

// AlterDomain changes a domain's default, NOT NULL and checks in place
// from From to To (same base type).
type AlterDomain struct {
	Schema   string
	From, To schema.Domain
}

// DropDomain drops a domain, as the target has it.
type DropDomain struct {
	Schema string
	Domain schema.Domain
}

// CreateFunction creates a function or procedure from its definition.
type CreateFunction struct {
	Schema  string
	Routine schema.Routine
}

// ReplaceFunction replaces the body or attributes of a routine whose
// signature (identity arguments, return type, parameter names and
// defaults) is unchanged: CREATE OR REPLACE keeps its dependants. Where
// routines do not overload (Overloader), it replaces a routine of the
// same kind and name whatever its signature.
type ReplaceFunction struct {
	Schema   string
	From, To schema.Routine
}

// DropFunction drops a function or procedure, as the target has it.
type DropFunction struct {
	Schema  string
	Routine schema.Routine
}

// CreateEvent creates a scheduled event (MySQL/MariaDB).
type CreateEvent struct {
	Schema string
	Event  schema.Event
}

// AlterEvent changes an event's schedule, status, completion, comment or
// body in place from From to To.
type AlterEvent struct {
	Schema   string
	From, To schema.Event
}

// DropEvent drops an event, as the target has it.
type DropEvent struct {
	Schema string
	Event  schema.Event
}

func (CreateEvent) Kind() Kind                { return KindCreateEvent }
func (AlterEvent) Kind() Kind                 { return KindAlterEvent }
func (DropEvent) Kind() Kind                  { return KindDropEvent }
func (c CreateEvent) Where() (string, string) { return c.Schema, c.Event.Name }
func (c AlterEvent) Where() (string, string)  { return c.Schema, c.To.Name }
func (c DropEvent) Where() (string, string)   { return c.Schema, c.Event.Name }
func (CreateEvent) change()                   {}
func (AlterEvent) change()                    {}
func (DropEvent) change()                     {}

func (CreateSequence) Kind() Kind  { return KindCreateSequence }
func (AlterSequence) Kind() Kind   { return KindAlterSequence }
func (DropSequence) Kind() Kind    { return KindDropSequence }
func (CreateEnum) Kind() Kind      { return KindCreateEnum }
func (AddEnumValue) Kind() Kind    { return KindAddEnumValue }
func (AlterEnum) Kind() Kind       { return KindAlterEnum }
func (DropEnum) Kind() Kind        { return KindDropEnum }
func (CreateDomain) Kind() Kind    { return KindCreateDomain }
func (AlterDomain) Kind() Kind     { return KindAlterDomain }
func (DropDomain) Kind() Kind      { return KindDropDomain }
func (CreateFunction) Kind() Kind  { return KindCreateFunction }
func (ReplaceFunction) Kind() Kind { return KindReplaceFunction }
func (DropFunction) Kind() Kind    { return KindDropFunction }

// Where returns the schema and the object's own name (a routine's
// signature, which tells overloads apart).
func (c CreateSequence) Where() (string, string)  { return c.Schema, c.Sequence.Name }
func (c AlterSequence) Where() (string, string)   { return c.Schema, c.To.Name }
func (c DropSequence) Where() (string, string)    { return c.Schema, c.Sequence.Name }
func (c CreateEnum) Where() (string, string)      { return c.Schema, c.Enum.Name }
func (c AddEnumValue) Where() (string, string)    { return c.Schema, c.To.Name }
func (c AlterEnum) Where() (string, string)       { return c.Schema, c.To.Name }
func (c DropEnum) Where() (string, string)        { return c.Schema, c.Enum.Name }
func (c CreateDomain) Where() (string, string)    { return c.Schema, c.Domain.Name }
func (c AlterDomain) Where() (string, string)     { return c.Schema, c.To.Name }
func (c DropDomain) Where() (string, string)      { return c.Schema, c.Domain.Name }
func (c CreateFunction) Where() (string, string)  { return c.Schema, c.Routine.Signature() }
func (c ReplaceFunction) Where() (string, string) { return c.Schema, c.To.Signature() }
func (c DropFunction) Where() (string, string)    { return c.Schema, c.Routine.Signature() }

func (CreateSequence) change()  {}
func (AlterSequence) change()   {}
func (DropSequence) change()    {}
func (CreateEnum) change()      {}
func (AddEnumValue) change()    {}
func (AlterEnum) change()       {}
func (DropEnum) change()        {}
func (CreateDomain) change()    {}
func (AlterDomain) change()     {}
func (DropDomain) change()      {}
func (CreateFunction) change()  {}
func (ReplaceFunction) change() {}
func (DropFunction) change()    {}

// ObjectEnumRebuild is the ObjectSyncer kind of an enum rebuilt by the
// plan (AlterEnum.RebuildAs, AlterColumn.ThroughText): engines that write
// it get a removed or reordered enum value rebuilt instead of refused.
const ObjectEnumRebuild = "enum_rebuild"
