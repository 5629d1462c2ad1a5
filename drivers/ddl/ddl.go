// Package ddl is the vocabulary shared by the diff engine and the drivers:
// typed structural changes (Change), and the optional capabilities a driver
// offers to turn them into SQL for its engine (Renderer), to compare its
// engine's spellings fairly (Normalizer) and to run the SQL safely
// (Applier).
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

// Kind names a change. The string is stable: it is part of every plan
// item's id and of the JSON that scripts read.
type Kind string

// Kinds of change, by object.
const (
	CreateSchema    Kind = "schema.create"
	CreateTable     Kind = "table.create"
	DropTable       Kind = "table.drop"
	RebuildTable    Kind = "table.rebuild" // recreate with data copied (SQLite)
	SetTableComment Kind = "table.comment"
	AddColumn       Kind = "column.add"
	DropColumn      Kind = "column.drop"
	AlterColumn     Kind = "column.alter"
	AddPrimaryKey   Kind = "primary_key.add"
	DropPrimaryKey  Kind = "primary_key.drop"
	CreateIndex     Kind = "index.create"
	DropIndex       Kind = "index.drop"
	AddForeignKey   Kind = "foreign_key.add"
	DropForeignKey  Kind = "foreign_key.drop"
	AddUnique       Kind = "unique.add"
	DropUnique      Kind = "unique.drop"
	AddCheck        Kind = "check.add"
	DropCheck       Kind = "check.drop"
	CreateView      Kind = "view.create"
	DropView        Kind = "view.drop"
	CreateTrigger   Kind = "trigger.create"
	DropTrigger     Kind = "trigger.drop"
)

// Change is one structural change to the target. Schema and Table name the
// object in the TARGET (after schema mapping); the object fields carry the
// definition to create (from the source) or to drop (from the target).
//
// Which object field is set depends on Kind:
//
//	schema.create                  (Schema only)
//	table.create, table.rebuild    Table (+ OldTable for rebuild)
//	table.drop                     OldTable
//	table.comment                  Table (its Comment is the new comment)
//	column.add / column.drop       Column (the column added or dropped)
//	column.alter                   Column (new) and OldColumn (current)
//	primary_key.add / .drop        PrimaryKey
//	index.create / .drop           Index
//	foreign_key.add / .drop        ForeignKey
//	unique.add / .drop             Unique
//	check.add / .drop              Check
//	view.create / .drop            View
//	trigger.create / .drop         Trigger
//
// Table and OldTable are also set, where known, as context: the whole table
// as the source wants it and as the target has it. Renderers that must
// restate a full definition (MySQL MODIFY COLUMN, SQLite rebuilds) use them.
type Change struct {
	Kind   Kind
	Schema string
	// Name is the table, view or trigger the change is about.
	Name string

	Table, OldTable   *schema.Table
	Column, OldColumn *schema.Column
	PrimaryKey        *schema.PrimaryKey
	Index             *schema.Index
	ForeignKey        *schema.ForeignKey
	Unique            *schema.Unique
	Check             *schema.Check
	View              *schema.View
	Trigger           *schema.Trigger
}

// ErrRebuild is returned by Render for a change the engine cannot make in
// place (most ALTERs on SQLite). The diff engine then replaces every change
// to that table with one table.rebuild.
var ErrRebuild = errors.New("not possible in place: the table must be rebuilt")

// Renderer writes changes as SQL statements in one engine's dialect. Drivers
// implement it on their Driver value, so that no connection is needed to
// show a plan. Each statement is complete and has no trailing semicolon.
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
