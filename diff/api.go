// Package diff compares two snapshots into a plan of typed changes that
// makes the target's structure match the source's, orders them so that each
// statement finds what it needs, renders them through the target driver's
// ddl.Renderer, and applies them through its ddl.Applier.
//
// diff never opens a connection of its own: Compare works on snapshots, and
// Apply on a connection the caller opened (through package connect).
package diff

import (
	"github.com/dbls/dbls/drivers/ddl"
)

// Options steer Compare.
type Options struct {
	// Renderer writes SQL in the target's dialect (the target driver, which
	// may also implement ddl.Normalizer and ddl.Namer).
	Renderer ddl.Renderer
	// SchemaMap maps source schema names to target schema names. By
	// default the source's default schema maps to the target's, and other
	// schemas to themselves.
	SchemaMap map[string]string
	// Schemas limits the comparison to these source schemas (after
	// mapping, their targets); empty means every schema the source has.
	Schemas []string
	// AllowDestructive selects destructive items by default.
	AllowDestructive bool
	// Online asks for online-safe DDL where the engine has it (see
	// ddl.On.Online).
	Online bool
	// Renames are the renames the user declared (see Rename).
	Renames []Rename
	// Backfill fills the NULLs of a column made NOT NULL from its new
	// default before the change (see ddl.AlterColumn.Backfill).
	Backfill bool
}

// Plan is the ordered list of items that makes the target match the source.
type Plan struct {
	Items []Item `json:"items"`
	// Source and Target describe the compared snapshots, for reports.
	Source string `json:"source"`
	Target string `json:"target"`
	// Notes report differences dbls sees but does not sync (routines, for
	// now), so that nothing is silently ignored.
	Notes []string `json:"notes,omitempty"`
	// Info reports what dbls noticed but does not count as a difference,
	// because syncing it is not its job: objects whose owner differs
	// (owners follow the deploying role). Empty ignores it, so that a
	// diff --exit-code does not fail on every target owned by another role.
	Info []string `json:"info,omitempty"`
}

// Item is one difference with the SQL that resolves it.
type Item struct {
	// ID is stable across runs for the same difference, e.g.
	// "column.alter:public.orders.total", so that scripts and editors can
	// select items by id.
	ID     string   `json:"id"`
	Kind   ddl.Kind `json:"kind"`
	Schema string   `json:"schema"`
	Table  string   `json:"table,omitempty"`
	Object string   `json:"object,omitempty"`
	// Source and Target are the definitions compared (JSON of the schema
	// objects); either is null for an add or a drop.
	Source any `json:"source"`
	Target any `json:"target"`
	// Changes lists what differs for a modification ("type", "nullable", …).
	Changes []string `json:"changes,omitempty"`
	SQL     []string `json:"sql"`
	// Destructive items remove from the target something the source does
	// not have (every drop alike: a table, column, view, trigger, index,
	// key or constraint), or can lose data (narrowing a type, rebuilding a
	// table that loses columns). A drop that is half of replacing an
	// object with the source's version is not destructive by itself.
	Destructive bool `json:"destructive"`
	Selected    bool `json:"selected"`
	// Error says why the item has no SQL (the dialect cannot express it);
	// such items are never selected.
	Error string `json:"error,omitempty"`
	// Requires lists the items this one cannot be applied without: the
	// creation of its table, of its schema, or of the table a new foreign
	// key references. Applying a chosen subset takes them along.
	Requires []string `json:"requires,omitempty"`
	// Hazards are the hazard classes applying the item carries (the
	// ddl.Hazard* names: deletes_data, rewrites_table, …).
	Hazards []string `json:"hazards,omitempty"`
	// NullRows is, for a column made NOT NULL, how many rows of the
	// target hold NULL in it, when the caller counted them (package
	// compare does); they make the change fail unless backfilled.
	NullRows int64 `json:"nullRows,omitempty"`

	change ddl.Change
}

// Empty reports whether source and target have the same structure.
// Info is not counted: it says nothing of what differs.
func (p *Plan) Empty() bool { return len(p.Items) == 0 && len(p.Notes) == 0 }

// SQL returns the statements of the selected items, in order.
func (p *Plan) SQL() []string {
	var out []string
	for _, it := range p.Items {
		if it.Selected {
			out = append(out, it.SQL...)
		}
	}
	return out
}
