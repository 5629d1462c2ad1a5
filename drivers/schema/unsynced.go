package schema

import (
	"cmp"
	"slices"
)

// Unsynced is an object the engine's reader found but that dbls does not
// compare as structure nor write DDL for (PostgreSQL statistics objects,
// operators, text search configurations, publications, a table's
// inheritance…). Diff lists those that differ between the two sides in a
// plan's notes, so that nothing a database holds is skipped silently.
// Schema.Unsynced holds the objects that live in a schema; Snapshot.Unsynced
// those of the whole database (publications, event triggers, casts…).
type Unsynced struct {
	// Kind names the kind as the engine's documentation does ("statistics",
	// "operator", "publication"…).
	Kind string `json:"kind"`
	// Name tells it apart within its kind and schema, with its arguments
	// where the engine overloads names ("===(integer, integer)").
	Name string `json:"name"`
	// Definition is what the engine reports of it, compared as text; empty
	// where only its existence is compared.
	Definition string `json:"definition,omitempty"`
}

// sortedUnsynced orders a list by kind and name, for Normalize.
func sortedUnsynced(us []Unsynced) []Unsynced {
	us = nilIfEmpty(us)
	slices.SortFunc(us, func(a, b Unsynced) int {
		return cmp.Or(cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.Name, b.Name))
	})
	return us
}
