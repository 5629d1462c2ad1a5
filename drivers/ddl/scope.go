package ddl

// Scope says within what an engine requires the name of an object to be
// unique, and so within what diff matches two objects of that name.
type Scope int

const (
	// ScopeSchema: one object of the kind per name in its schema (a
	// database, on MySQL), whatever table it is on.
	ScopeSchema Scope = iota
	// ScopeTable: one object of the kind per name on its table; other
	// tables of the schema may each have one of that name (PostgreSQL
	// triggers and constraints: pg_dump's samples put a trigger named
	// last_updated on fourteen tables).
	ScopeTable
)

// Scoper is a Renderer's companion that states its engine's naming rules
// for objects that belong to a table. NameScope is asked with the kinds
// "index", "constraint" (primary keys, foreign keys, uniques and checks),
// "trigger", "policy" and "rule". Without a Scoper, diff uses
// DefaultScope.
type Scoper interface {
	NameScope(kind string) Scope
}

// DefaultScope is the rule diff applies for an engine without a Scoper:
// triggers by schema, everything else on a table by table.
func DefaultScope(kind string) Scope {
	if kind == "trigger" {
		return ScopeSchema
	}
	return ScopeTable
}

// GeneratedNamer is a Renderer's companion for engines that name an
// unnamed constraint themselves from a counter (InnoDB's child_ibfk_1):
// such a name says nothing of which constraint it is, so diff matches two
// constraints that both carry one by what they are when the names differ.
// kind is as for NameScope; table is the constraint's table.
type GeneratedNamer interface {
	GeneratedName(kind, table, name string) bool
}
