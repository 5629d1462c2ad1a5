// Package ddl is the vocabulary shared by the diff engine and the drivers:
// typed structural changes (one Go type per kind of change, each
// implementing Change, the way Atlas's sql/schema does), and the optional
// capabilities a driver offers to turn them into SQL for its engine
// (Renderer), to compare its engine's spellings fairly (Normalizer) and to
// run the SQL safely (Applier).
//
// The diff package decides what changes and in which order; a Renderer only
// says how one change is written in its dialect. A third-party driver that
// implements Renderer gets diff and sync for its engine.
package ddl

import (
	"context"
	"errors"

	"github.com/dbls/dbls/drivers/schema"
)

// Kind names a kind of change. The string is stable: it is part of every
// plan item's id and of the JSON that scripts read.
type Kind string

// The kinds of change, by object; each is the Kind of one Change type.
const (
	KindCreateSchema    Kind = "schema.create"
	KindCreateTable     Kind = "table.create"
	KindDropTable       Kind = "table.drop"
	KindRebuildTable    Kind = "table.rebuild"
	KindSetTableComment Kind = "table.comment"
	KindAddColumn       Kind = "column.add"
	KindDropColumn      Kind = "column.drop"
	KindAlterColumn     Kind = "column.alter"
	KindAddPrimaryKey   Kind = "primary_key.add"
	KindDropPrimaryKey  Kind = "primary_key.drop"
	KindCreateIndex     Kind = "index.create"
	KindDropIndex       Kind = "index.drop"
	KindAddForeignKey   Kind = "foreign_key.add"
	KindDropForeignKey  Kind = "foreign_key.drop"
	KindAddUnique       Kind = "unique.add"
	KindDropUnique      Kind = "unique.drop"
	KindAddCheck        Kind = "check.add"
	KindDropCheck       Kind = "check.drop"
	KindRenameTable     Kind = "table.rename"
	KindRenameColumn    Kind = "column.rename"
	KindAddExclusion    Kind = "exclusion.add"
	KindDropExclusion   Kind = "exclusion.drop"
	KindCreateView      Kind = "view.create"
	KindDropView        Kind = "view.drop"
	KindCreateTrigger   Kind = "trigger.create"
	KindDropTrigger     Kind = "trigger.drop"
)

// Change is one structural change to the target. Each kind of change is
// its own type (CreateTable, AddColumn, …), so that a Renderer switches on
// the type and finds in it exactly what that change needs. Schema names
// are the TARGET's (after schema mapping); the objects carry the
// definition to create (from the source) or to drop (from the target).
//
// The set of types is closed: only this package defines changes.
type Change interface {
	// Kind is the change's stable name, as plan items show it.
	Kind() Kind
	// Where returns the schema the change is in and the table or view it
	// is about: for a trigger, the table or view the trigger is on; for
	// schema.create, the schema again.
	Where() (schema, name string)
	change()
}

// On names the existing table that a change alters and carries, where
// known, the whole table as context: Desired as the source wants it (the
// table after the plan) and Current as the target has it. Renderers that
// must restate a full definition (MySQL MODIFY COLUMN, SQLite rebuilds) or
// keep dependents valid read them; either may be nil.
type On struct {
	Schema string
	Table  string
	// Online asks for the engine's online-safe form where it has one
	// (PostgreSQL: CREATE/DROP INDEX CONCURRENTLY, constraints added NOT
	// VALID then validated).
	Online bool

	Desired, Current *schema.Table
}

// OnTable implements TableChange.
func (o On) OnTable() On { return o }

// Where implements Change.
func (o On) Where() (string, string) { return o.Schema, o.Table }

// TableChange is a change to an existing table: every type that embeds On.
type TableChange interface {
	Change
	OnTable() On
}

// CreateSchema creates a schema (a database, on MySQL).
type CreateSchema struct {
	Schema string
}

// CreateTable creates Table in Schema. The table carries no indexes (diff
// adds them with CreateIndex) and carries its foreign keys only where the
// renderer asks for them inline (InlineForeignKeys).
type CreateTable struct {
	Schema string
	Table  schema.Table
}

// DropTable drops Table, as the target has it, from Schema.
type DropTable struct {
	Schema string
	Table  schema.Table
}

// RebuildTable recreates a table with its data copied (SQLite), from
// Current into Desired, both of which it needs; Desired is the whole table,
// indexes included, and its renderer recreates them.
type RebuildTable struct{ On }

// SetTableComment sets the comment of a table; "" removes it.
type SetTableComment struct {
	On
	Comment string
}

// AddColumn adds Column to a table.
type AddColumn struct {
	On
	Column schema.Column
}

// DropColumn drops Column, as the target has it, from a table.
type DropColumn struct {
	On
	Column schema.Column
}

// AlterColumn changes a column from From (as the target has it) to To (as
// the source wants it).
type AlterColumn struct {
	On
	From, To schema.Column
	// Backfill asks, when the column becomes NOT NULL, to set its NULLs to
	// the new default first (To.Default), so that the change succeeds on a
	// populated table.
	Backfill bool
	// ThroughText converts the values through their text (USING
	// col::text::type): an enum rebuilt (AlterEnum.RebuildAs) has no cast
	// from its old self.
	ThroughText bool
}

// AddPrimaryKey adds the primary key of a table.
type AddPrimaryKey struct {
	On
	PrimaryKey schema.PrimaryKey
}

// DropPrimaryKey drops the primary key of a table, as the target has it.
type DropPrimaryKey struct {
	On
	PrimaryKey schema.PrimaryKey
}

// CreateIndex creates Index on a table (or materialized view).
type CreateIndex struct {
	On
	Index schema.Index
}

// DropIndex drops Index, as the target has it.
type DropIndex struct {
	On
	Index schema.Index
}

// AddForeignKey adds ForeignKey to a table.
type AddForeignKey struct {
	On
	ForeignKey schema.ForeignKey
}

// DropForeignKey drops ForeignKey, as the target has it.
type DropForeignKey struct {
	On
	ForeignKey schema.ForeignKey
}

// AddUnique adds a unique constraint to a table.
type AddUnique struct {
	On
	Unique schema.Unique
}

// DropUnique drops a unique constraint, as the target has it.
type DropUnique struct {
	On
	Unique schema.Unique
}

// AddCheck adds a check constraint to a table.
type AddCheck struct {
	On
	Check schema.Check
}

// DropCheck drops a check constraint, as the target has it.
type DropCheck struct {
	On
	Check schema.Check
}

// RenameTable renames a table of Schema from From to To, keeping its rows.
// diff plans it only where the user said so (a rename hint or flag).
type RenameTable struct {
	Schema   string
	From, To string
}

// RenameColumn renames a column of a table from From to To, keeping its
// values. On names the table by its name after the plan's renames.
type RenameColumn struct {
	On
	From, To string
}

// AddExclusion adds a PostgreSQL EXCLUDE constraint to a table.
type AddExclusion struct {
	On
	Exclusion schema.Exclusion
}

// DropExclusion drops an EXCLUDE constraint, as the target has it.
type DropExclusion struct {
	On
	Exclusion schema.Exclusion
}

// CreateView creates View (or materialized view) in Schema.
type CreateView struct {
	Schema string
	View   schema.View
}

// DropView drops View, as the target has it, from Schema.
type DropView struct {
	Schema string
	View   schema.View
}

// CreateTrigger creates Trigger in Schema. Table is the table or view it
// is on, as the plan names it.
type CreateTrigger struct {
	Schema  string
	Table   string
	Trigger schema.Trigger
}

// DropTrigger drops Trigger, as the target has it. Table is the table or
// view it is on.
type DropTrigger struct {
	Schema  string
	Table   string
	Trigger schema.Trigger
}

func (CreateSchema) Kind() Kind    { return KindCreateSchema }
func (CreateTable) Kind() Kind     { return KindCreateTable }
func (DropTable) Kind() Kind       { return KindDropTable }
func (RebuildTable) Kind() Kind    { return KindRebuildTable }
func (SetTableComment) Kind() Kind { return KindSetTableComment }
func (AddColumn) Kind() Kind       { return KindAddColumn }
func (DropColumn) Kind() Kind      { return KindDropColumn }
func (AlterColumn) Kind() Kind     { return KindAlterColumn }
func (AddPrimaryKey) Kind() Kind   { return KindAddPrimaryKey }
func (DropPrimaryKey) Kind() Kind  { return KindDropPrimaryKey }
func (CreateIndex) Kind() Kind     { return KindCreateIndex }
func (DropIndex) Kind() Kind       { return KindDropIndex }
func (AddForeignKey) Kind() Kind   { return KindAddForeignKey }
func (DropForeignKey) Kind() Kind  { return KindDropForeignKey }
func (AddUnique) Kind() Kind       { return KindAddUnique }
func (DropUnique) Kind() Kind      { return KindDropUnique }
func (AddCheck) Kind() Kind        { return KindAddCheck }
func (DropCheck) Kind() Kind       { return KindDropCheck }
func (RenameTable) Kind() Kind     { return KindRenameTable }
func (RenameColumn) Kind() Kind    { return KindRenameColumn }
func (AddExclusion) Kind() Kind    { return KindAddExclusion }
func (DropExclusion) Kind() Kind   { return KindDropExclusion }
func (CreateView) Kind() Kind      { return KindCreateView }
func (DropView) Kind() Kind        { return KindDropView }
func (CreateTrigger) Kind() Kind   { return KindCreateTrigger }
func (DropTrigger) Kind() Kind     { return KindDropTrigger }

func (c CreateSchema) Where() (string, string)  { return c.Schema, c.Schema }
func (c CreateTable) Where() (string, string)   { return c.Schema, c.Table.Name }
func (c DropTable) Where() (string, string)     { return c.Schema, c.Table.Name }
func (c CreateView) Where() (string, string)    { return c.Schema, c.View.Name }
func (c RenameTable) Where() (string, string)   { return c.Schema, c.To }
func (c DropView) Where() (string, string)      { return c.Schema, c.View.Name }
func (c CreateTrigger) Where() (string, string) { return c.Schema, c.Table }
func (c DropTrigger) Where() (string, string)   { return c.Schema, c.Table }

func (CreateSchema) change()    {}
func (CreateTable) change()     {}
func (DropTable) change()       {}
func (RebuildTable) change()    {}
func (SetTableComment) change() {}
func (AddColumn) change()       {}
func (DropColumn) change()      {}
func (AlterColumn) change()     {}
func (AddPrimaryKey) change()   {}
func (DropPrimaryKey) change()  {}
func (CreateIndex) change()     {}
func (DropIndex) change()       {}
func (AddForeignKey) change()   {}
func (DropForeignKey) change()  {}
func (AddUnique) change()       {}
func (DropUnique) change()      {}
func (AddCheck) change()        {}
func (DropCheck) change()       {}
func (RenameTable) change()     {}
func (RenameColumn) change()    {}
func (AddExclusion) change()    {}
func (DropExclusion) change()   {}
func (CreateView) change()      {}
func (DropView) change()        {}
func (CreateTrigger) change()   {}
func (DropTrigger) change()     {}

// ErrRebuild is returned by Render for a change the engine cannot make in
// place (most ALTERs on SQLite). The diff engine then replaces every change
// to that table with one table.rebuild.
var ErrRebuild = errors.New("not possible in place: the table must be rebuilt")

// Renderer writes changes as SQL statements in one engine's dialect. Drivers
// implement it on their Driver value, so that no connection is needed to
// show a plan. Each statement is complete and has no trailing semicolon.
// A renderer switches on the change's type; a change its engine cannot
// express is an error (or ErrRebuild).
type Renderer interface {
	Render(c Change) ([]string, error)
}

// Normalizer is a Renderer's companion: it rewrites a snapshot of its
// engine into the form diff compares, so that spellings the engine treats
// as equal compare equal (type aliases, default spellings, case rules). It
// must be idempotent and must not change what the snapshot means.
type Normalizer interface {
	NormalizeForDiff(s *schema.Snapshot)
}

// Applier is a Conn that runs a plan's statements the safest way its engine
// allows: all or nothing where DDL is transactional, otherwise one by one,
// stopping at the first failure. It reports how many statements took
// effect, so that a partial run can be named exactly.
type Applier interface {
	ApplyDDL(ctx context.Context, statements []string) (applied int, err error)
}

// Namer is a Renderer's companion for engines whose identifiers are not
// compared byte for byte (SQLite names are case-insensitive; so are MySQL
// column names). NameKey returns the key under which diff matches an object
// of the given kind ("table", "column", "index", "constraint", "view",
// "trigger"). Without a Namer, names match exactly.
type Namer interface {
	NameKey(kind, name string) string
}

// InlineForeignKeys is a Renderer's companion for engines that cannot add a
// foreign key to an existing table (SQLite). When it returns true, a
// table.create carries the table's foreign keys and renders them inline;
// otherwise diff strips them from the table.create and adds them with
// foreign_key.add once every table exists, which also resolves cycles.
//
// Whatever the engine, a table.create never carries indexes (diff adds
// them with index.create), while a table.rebuild carries the whole table,
// indexes included, and its renderer recreates them.
type InlineForeignKeys interface {
	InlineForeignKeys() bool
}
