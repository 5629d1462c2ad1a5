// Package drivers is the contract between dbls and a database engine, and the
// registry through which every part of dbls (CLI, language server, diff)
// finds a driver.
//
// The contract follows database/sql: a small required core and optional
// capabilities discovered by type assertion, so that a partial driver — an
// external process, a read-only catalog — can exist.
//
// Required:
//
//	Driver  Manifest() and Open(ctx, Params) → Conn
//	Conn    Ping, Close, Snapshot(ctx, Filter) → *schema.Snapshot
//
// Optional, on Conn:
//
//	Querier         Query(ctx, Request) → *Result (limit, page, cancel by ctx)
//	DatabaseLister  Databases(ctx)
//	SchemaLister    Schemas(ctx)
//	Dialecter       Dialect() → quoting and placeholders, for generated SQL
//	RecordWriter    Insert/Update/DeleteRecord (else generic SQL via Dialect)
//	ViewWriter      Create/Alter/DropView (else generic SQL via Dialect)
//	Transactor      several statements in one transaction (record changes)
//	RoleChecker     whether the database role may write (`dbls conn test`)
//
// A Conn is opened once and pooled: every method may be called concurrently
// and reuses connections. Fine-grained reads (one table, the views of one
// schema) are Snapshot calls with a Filter; see Tables, Table, Views and
// Routines in this package.
//
// Built-in drivers live in sub-packages and call Register from init; import
// them for their side effect (see drivers/all).
package drivers

import (
	"context"

	"github.com/dbls/dbls/drivers/schema"
)

// Driver opens connections to one kind of database.
type Driver interface {
	// Manifest describes the driver. It must be cheap and constant.
	Manifest() Manifest
	// Open validates p and returns a pooled connection. It should verify that
	// the database is reachable, so that errors surface here and name the
	// object (file, host) that failed.
	Open(ctx context.Context, p Params) (Conn, error)
}

// Conn is an open, pooled connection to one database. It is safe for
// concurrent use.
type Conn interface {
	// Ping checks that the database answers.
	Ping(ctx context.Context) error
	// Snapshot reads the catalog — all of it, or what f selects — in a
	// number of queries that does not grow with the number of objects.
	Snapshot(ctx context.Context, f Filter) (*schema.Snapshot, error)
	// Close releases every pooled connection.
	Close() error
}

// Filter narrows a Snapshot. The zero Filter selects everything.
type Filter struct {
	// Schemas, when non-empty, limits the snapshot to these schemas.
	Schemas []string
	// Objects, when non-empty, limits tables, views, routines and triggers to
	// these names (in every selected schema).
	Objects []string
}

// Match reports whether an object of the given schema and name is selected.
func (f Filter) Match(schemaName, object string) bool {
	return f.MatchSchema(schemaName) && (len(f.Objects) == 0 || contains(f.Objects, object))
}

// MatchSchema reports whether the schema is selected.
func (f Filter) MatchSchema(name string) bool {
	return len(f.Schemas) == 0 || contains(f.Schemas, name)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// DatabaseLister is a Conn that can list the databases on its server.
type DatabaseLister interface {
	Databases(ctx context.Context) ([]string, error)
}

// SchemaLister is a Conn that can list schema names without reading them.
type SchemaLister interface {
	Schemas(ctx context.Context) ([]string, error)
}

// Dialecter is a Conn (or Driver) that tells how to write SQL for it.
type Dialecter interface {
	Dialect() Dialect
}

// Querier is a Conn that executes SQL. Cancelling ctx must cancel the
// statement on the server, not merely stop waiting for it.
type Querier interface {
	Query(ctx context.Context, req Request) (*Result, error)
}

// Execer is a Conn that runs statements with bind parameters and no result
// set; the generic record and view helpers use it.
type Execer interface {
	Exec(ctx context.Context, sql string, args ...any) (rowsAffected int64, err error)
}

// StatementExecer is a Conn that sends the text of each call to the server
// as exactly one statement, whatever it contains: a second statement in it
// is refused by the server, never run (PostgreSQL's extended protocol; a
// MySQL session without multi-statements). The record and view helpers and
// diff.Apply prefer it to Exec, which may run a script of several.
type StatementExecer interface {
	ExecStatement(ctx context.Context, sql string, args ...any) (rowsAffected int64, err error)
}

// RecordWriter is a Conn with its own way to change rows by primary key.
// Without it, InsertRecord and friends generate SQL through Dialect and Exec.
type RecordWriter interface {
	InsertRecord(ctx context.Context, t TableRef, values Record) error
	UpdateRecord(ctx context.Context, t TableRef, key, values Record) (int64, error)
	DeleteRecord(ctx context.Context, t TableRef, key Record) (int64, error)
}

// Transactor is a Conn that runs several statements in one transaction:
// Transact calls f with an Execer whose statements share it, commits when
// f returns nil and rolls back otherwise. UpdateRecord and DeleteRecord
// use it to undo a change that matched more than one row.
type Transactor interface {
	Transact(ctx context.Context, f func(ctx context.Context, tx Execer) error) error
}

// ViewWriter is a Conn with its own way to manage views. Without it,
// CreateView and friends generate SQL through Dialect and Exec.
type ViewWriter interface {
	CreateView(ctx context.Context, v ViewRef, definition string) error
	AlterView(ctx context.Context, v ViewRef, definition string) error
	DropView(ctx context.Context, v ViewRef) error
}

// TableRef names a table; Schema may be empty for the default schema.
type TableRef struct {
	Schema string
	Name   string
}

// ViewRef names a view.
type ViewRef = TableRef

// Record is a set of column values. Order matters for generated SQL, so it
// is a slice, not a map.
type Record []Field

// Field is one column value of a Record.
type Field struct {
	Column string
	Value  any
}

// Sessioner is a Conn that can describe its session: what `dbls conn test`
// reports after authentication.
type Sessioner interface {
	Session(ctx context.Context) (Session, error)
}

// RoleChecker is a Conn that can tell whether its database role may
// change the database, from the role's privileges (not by trying).
// `dbls conn test` reports it: a role that cannot write is the strongest
// guard a read-only connection can have. detail names what the role may
// change ("INSERT, UPDATE on 12 tables; CREATE on schema public"), or why
// it may not.
type RoleChecker interface {
	RoleWrites(ctx context.Context) (writes bool, detail string, err error)
}

// Session describes an authenticated session.
type Session struct {
	ServerVersion string `json:"server_version"`
	User          string `json:"user,omitempty"`
	Database      string `json:"database,omitempty"`
	// TLS is the protocol and cipher in use ("TLSv1.3 TLS_AES_256_GCM_SHA384"),
	// empty for an unencrypted or local connection.
	TLS string `json:"tls,omitempty"`
}
