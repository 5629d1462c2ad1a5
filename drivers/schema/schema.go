// Package schema is the model of database structure that every other part of
// dbls shares: a Snapshot of schemas with their tables, columns, keys,
// indexes, constraints, views, routines, triggers, sequences and enum types.
//
// Drivers produce snapshots; analysis and diff consume them. The package
// imports nothing else of dbls. A Snapshot is a plain value: build it, call
// Normalize, and from then on treat it as immutable so that many readers can
// share it without locks.
//
// The JSON form (see json.go and docs/snapshot-json.md) is a stable contract:
// fields are only ever added, and empty fields are omitted.
package schema

// FormatVersion names the JSON shape written by Marshal. Readers accept this
// version and refuse unknown major versions.
const FormatVersion = "dbls.snapshot/v1"

// Snapshot is the whole catalog of one connection at one moment.
type Snapshot struct {
	// Driver is the registry id of the driver that read it ("sqlite", "postgres", …).
	Driver string `json:"driver"`
	// Database is the database (catalog) name, or the file for file-based drivers.
	Database string `json:"database,omitempty"`
	// ServerVersion is the server's own version string, when known.
	ServerVersion string `json:"server_version,omitempty"`
	// Databases lists the other databases visible on the server, when the
	// driver can list them. Only Database itself is described in Schemas.
	Databases []string `json:"databases,omitempty"`
	// DefaultSchema is the schema unqualified names resolve to ("public", "main", …).
	DefaultSchema string `json:"default_schema,omitempty"`
	// SearchPath lists the schemas unqualified names are looked up in, in order.
	SearchPath []string `json:"search_path,omitempty"`
	// Roles lists the roles that exist on the server (PostgreSQL), for
	// telling a grant to a role the server lacks; nil means unknown.
	Roles []string `json:"roles,omitempty"`
	// Unsynced lists the database-wide objects the driver read but dbls
	// does not sync (unsynced.go).
	Unsynced []Unsynced `json:"unsynced,omitempty"`
	// DefaultPrivileges are the database-wide default privileges
	// (PostgreSQL's ALTER DEFAULT PRIVILEGES without IN SCHEMA), see
	// DefaultPrivilege.
	DefaultPrivileges []DefaultPrivilege `json:"default_privileges,omitempty"`
	// Schemas is the last field: the streaming encoder (stream.go) writes
	// it after the others.
	Schemas []Schema `json:"schemas"`
}

// Schema is one namespace (a PostgreSQL schema, a MySQL database, an SQLite
// attached database).
type Schema struct {
	Name      string     `json:"name"`
	Comment   string     `json:"comment,omitempty"`
	Tables    []Table    `json:"tables,omitempty"`
	Views     []View     `json:"views,omitempty"`
	Routines  []Routine  `json:"routines,omitempty"`
	Triggers  []Trigger  `json:"triggers,omitempty"`
	Sequences []Sequence `json:"sequences,omitempty"`
	Enums     []Enum     `json:"enums,omitempty"`
	Domains   []Domain   `json:"domains,omitempty"`
	// Events are MySQL/MariaDB scheduled events.
	Events []Event `json:"events,omitempty"`
	// Extensions, Composites, Ranges and Collations are PostgreSQL's
	// (types.go).
	Extensions []Extension     `json:"extensions,omitempty"`
	Composites []CompositeType `json:"composites,omitempty"`
	Ranges     []RangeType     `json:"ranges,omitempty"`
	Collations []Collation     `json:"collations,omitempty"`
	// Grants are the privileges granted on the schema and its objects
	// (PostgreSQL ACLs), see Grant.
	Grants []Grant `json:"grants,omitempty"`
	// Unsynced lists the schema's objects the driver read but dbls does
	// not sync (unsynced.go).
	Unsynced []Unsynced `json:"unsynced,omitempty"`
	// DefaultPrivileges are the default privileges of objects created in
	// the schema (ALTER DEFAULT PRIVILEGES IN SCHEMA), see
	// DefaultPrivilege.
	DefaultPrivileges []DefaultPrivilege `json:"default_privileges,omitempty"`
	// Owners are the owners of the schema and its objects (PostgreSQL),
	// see Owner.
	Owners []Owner `json:"owners,omitempty"`
}

// Kinds of object a Grant is on.
const (
	GrantSchema    = "schema"
	GrantTable     = "table" // tables, views and materialized views
	GrantSequence  = "sequence"
	GrantFunction  = "function"
	GrantProcedure = "procedure"
	GrantType      = "type" // enum types and domains
)

// Grant is one privilege on one object held by one role: an entry of a
// PostgreSQL ACL, as aclexplode spells it. An object whose ACL is the
// default (NULL) has the default's entries, so that a default and an
// explicit equal ACL compare equal. The owner's own entries are left out:
// they follow the owner, which dbls does not sync.
type Grant struct {
	// On is GrantSchema, GrantTable, GrantSequence, GrantFunction,
	// GrantProcedure or GrantType.
	On string `json:"on"`
	// Object is the object's name; empty for GrantSchema.
	Object string `json:"object,omitempty"`
	// Args are a routine's identity argument types, as format_type
	// spells them, separated by ", ".
	Args string `json:"args,omitempty"`
	// Column is the column of a column privilege (GRANT SELECT (col) ON
	// TABLE: On is GrantTable, Object the table or view); empty for a
	// privilege on the whole object.
	Column string `json:"column,omitempty"`
	// Grantee is the role's name, or "PUBLIC".
	Grantee   string `json:"grantee"`
	Privilege string `json:"privilege"`
	Grantable bool   `json:"grantable,omitempty"`
}

// Owner is the role that owns an object: the schema itself, a table, view,
// sequence, function, procedure, enum type or domain, named as a Grant
// names it. dbls reports owners that differ and does not change them.
type Owner struct {
	// On, Object and Args are as in Grant.
	On     string `json:"on"`
	Object string `json:"object,omitempty"`
	Args   string `json:"args,omitempty"`
	Role   string `json:"role"`
}

// DefaultPrivilege is one entry of PostgreSQL's default privileges: the
// privilege objects of a kind that Role creates later give Grantee (ALTER
// DEFAULT PRIVILEGES FOR ROLE role [IN SCHEMA s] GRANT privilege ON
// TABLES TO grantee). A schema's entries add to the database-wide ones,
// which replace the built-in defaults (EXECUTE on functions and USAGE on
// types to PUBLIC): a built-in default a database-wide entry takes away is
// an entry with Revoked. Role's own entries are left out, as in Grant.
type DefaultPrivilege struct {
	// Role is the role whose new objects get the privilege (FOR ROLE).
	Role string `json:"role"`
	// On is GrantTable, GrantSequence, GrantFunction (functions and
	// procedures), GrantType or GrantSchema (database-wide only).
	On        string `json:"on"`
	Grantee   string `json:"grantee"`
	Privilege string `json:"privilege"`
	Grantable bool   `json:"grantable,omitempty"`
	// Revoked marks a built-in default taken away (REVOKE EXECUTE ON
	// FUNCTIONS FROM PUBLIC).
	Revoked bool `json:"revoked,omitempty"`
}

// Table kinds. An empty Kind means TableOrdinary.
const (
	TableOrdinary    = "table"
	TablePartitioned = "partitioned"
	TablePartition   = "partition"
)

// Table is a base table.
type Table struct {
	Name string `json:"name"`
	// Kind is TableOrdinary, TablePartitioned or TablePartition.
	Kind string `json:"kind,omitempty"`
	// PartitionOf names the parent ("schema.table") of a partition.
	PartitionOf string `json:"partition_of,omitempty"`
	// OfType is the composite type of a typed table (PostgreSQL CREATE
	// TABLE … OF type), as the catalog spells it: its columns are the
	// type's attributes, added, dropped and retyped through the type.
	OfType      string       `json:"of_type,omitempty"`
	Comment     string       `json:"comment,omitempty"`
	Columns     []Column     `json:"columns"`
	PrimaryKey  *PrimaryKey  `json:"primary_key,omitempty"`
	Indexes     []Index      `json:"indexes,omitempty"`
	ForeignKeys []ForeignKey `json:"foreign_keys,omitempty"`
	Uniques     []Unique     `json:"uniques,omitempty"`
	Checks      []Check      `json:"checks,omitempty"`
	// Exclusions are PostgreSQL EXCLUDE constraints.
	Exclusions []Exclusion `json:"exclusions,omitempty"`
	// Options holds engine-specific table options, e.g. "without_rowid" and
	// "strict" for SQLite, "engine" and "charset" for MySQL.
	Options map[string]string `json:"options,omitempty"`
	// Definition is the CREATE statement as the database stores it, when it
	// keeps one (SQLite does).
	Definition string `json:"definition,omitempty"`
	// RowEstimate is the number of rows the catalog's statistics estimate,
	// filled by a metadata hook (plugin metadata.rowestimate); 0 when
	// unknown. It is a statistic, not structure: diff ignores it.
	RowEstimate int64 `json:"row_estimate,omitempty"`
	// RowSecurity and ForceRowSecurity are PostgreSQL's ENABLE and FORCE
	// ROW LEVEL SECURITY; Policies and Rules are the table's row-level
	// security policies and rewrite rules (policy.go).
	RowSecurity      bool     `json:"row_security,omitempty"`
	ForceRowSecurity bool     `json:"force_row_security,omitempty"`
	Policies         []Policy `json:"policies,omitempty"`
	Rules            []Rule   `json:"rules,omitempty"`
}

// Identity generation modes for Column.Identity.
const (
	IdentityAlways    = "always"
	IdentityByDefault = "by default"
)

// Column is a column of a table or view.
type Column struct {
	Name string `json:"name"`
	// Position is 1-based, in declaration order.
	Position int `json:"position"`
	// Type is the type as the database spells it ("character varying(20)",
	// "int(10) unsigned", "TEXT").
	Type     string `json:"type"`
	Nullable bool   `json:"nullable"`
	// Default is the default expression as the database spells it; nil means
	// no default (as opposed to an explicit DEFAULT NULL, which is "NULL").
	Default *string `json:"default,omitempty"`
	// AutoIncrement is MySQL AUTO_INCREMENT, SQLite AUTOINCREMENT, or a
	// PostgreSQL serial default.
	AutoIncrement bool `json:"auto_increment,omitempty"`
	// Identity is "always" or "by default" for SQL-standard identity columns.
	Identity string `json:"identity,omitempty"`
	// IdentityOptions are the options of an identity column's sequence
	// that differ from the defaults (PostgreSQL), as name=value words in
	// this order: increment, minvalue, maxvalue, start, cache, cycle.
	IdentityOptions string `json:"identity_options,omitempty"`
	// Invisible is MySQL/MariaDB INVISIBLE: the column is left out of
	// SELECT * and of an INSERT without a column list.
	Invisible bool       `json:"invisible,omitempty"`
	Generated *Generated `json:"generated,omitempty"`
	Collation string     `json:"collation,omitempty"`
	Charset   string     `json:"charset,omitempty"`
	// OnUpdate is MySQL's ON UPDATE expression.
	OnUpdate string `json:"on_update,omitempty"`
	Comment  string `json:"comment,omitempty"`
}

// Generated describes a generated (computed) column.
type Generated struct {
	Expr   string `json:"expr"`
	Stored bool   `json:"stored"`
}

// PrimaryKey is a table's primary key.
type PrimaryKey struct {
	// Name is the constraint name; empty where the engine does not name it.
	Name    string   `json:"name,omitempty"`
	Columns []string `json:"columns"`
	// Definition is the engine's own normalised text of the constraint
	// (PostgreSQL: pg_get_constraintdef), when the driver reads one; it
	// carries what the fields do not (INCLUDE, DEFERRABLE, storage
	// parameters), and diff compares on it when both sides have it.
	Definition string `json:"definition,omitempty"`
	Comment    string `json:"comment,omitempty"`
}

// Index is an index that is not the implementation of a primary key or
// unique constraint (those are reported as PrimaryKey and Uniques).
type Index struct {
	Name    string        `json:"name"`
	Columns []IndexColumn `json:"columns"`
	Unique  bool          `json:"unique,omitempty"`
	// Method is the access method in lower case ("btree", "hash", "gin",
	// "fulltext", "spatial"); empty means the engine default.
	Method string `json:"method,omitempty"`
	// Where is the predicate of a partial index.
	Where string `json:"where,omitempty"`
	// Include lists non-key columns (PostgreSQL INCLUDE).
	Include []string `json:"include,omitempty"`
	Comment string   `json:"comment,omitempty"`
	// Invisible is a MySQL INVISIBLE or MariaDB IGNORED index: maintained,
	// never used by the optimizer.
	Invisible bool `json:"invisible,omitempty"`
	// Definition is the engine's own normalised text of the index from its
	// access method on (PostgreSQL: pg_get_indexdef after "ON table", e.g.
	// "USING gin (name gin_trgm_ops) WITH (fastupdate=off) WHERE …"), when
	// the driver reads one. It carries every attribute the engine stores
	// (operator classes, collations, NULLS FIRST, NULLS NOT DISTINCT,
	// storage parameters); diff compares on it when both sides have it.
	Definition string `json:"definition,omitempty"`
}

// IndexColumn is one key part of an index: a column or an expression.
type IndexColumn struct {
	// Name is set for a plain column; Expr for an expression.
	Name string `json:"name,omitempty"`
	Expr string `json:"expr,omitempty"`
	Desc bool   `json:"desc,omitempty"`
	// Length is a MySQL prefix length; 0 means the whole column.
	Length    int    `json:"length,omitempty"`
	Collation string `json:"collation,omitempty"`
}

// Referential actions, as normalized by Normalize.
const (
	ActionNoAction   = "NO ACTION"
	ActionRestrict   = "RESTRICT"
	ActionCascade    = "CASCADE"
	ActionSetNull    = "SET NULL"
	ActionSetDefault = "SET DEFAULT"
)

// ForeignKey is a foreign-key constraint.
type ForeignKey struct {
	Name       string   `json:"name,omitempty"`
	Columns    []string `json:"columns"`
	RefSchema  string   `json:"ref_schema"`
	RefTable   string   `json:"ref_table"`
	RefColumns []string `json:"ref_columns"`
	// OnDelete and OnUpdate are referential actions in upper case; Normalize
	// fills the default "NO ACTION".
	OnDelete          string `json:"on_delete"`
	OnUpdate          string `json:"on_update"`
	Match             string `json:"match,omitempty"`
	Deferrable        bool   `json:"deferrable,omitempty"`
	InitiallyDeferred bool   `json:"initially_deferred,omitempty"`
	Comment           string `json:"comment,omitempty"`
}

// Unique is a unique constraint.
type Unique struct {
	Name    string   `json:"name,omitempty"`
	Columns []string `json:"columns"`
	// Definition: see PrimaryKey.Definition.
	Definition string `json:"definition,omitempty"`
	Comment    string `json:"comment,omitempty"`
}

// Check is a check constraint.
type Check struct {
	Name string `json:"name,omitempty"`
	Expr string `json:"expr"`
	// Column is set when the check was declared on a single column.
	Column string `json:"column,omitempty"`
	// Definition: see PrimaryKey.Definition (NO INHERIT lives there).
	Definition string `json:"definition,omitempty"`
	// Comment is the check's comment (a table's or a domain's).
	Comment string `json:"comment,omitempty"`
}

// Exclusion is a PostgreSQL EXCLUDE constraint. Definition is its whole
// text after the name, as pg_get_constraintdef writes it
// ("EXCLUDE USING gist (room WITH =, during WITH &&)").
type Exclusion struct {
	Name       string `json:"name"`
	Definition string `json:"definition"`
	Comment    string `json:"comment,omitempty"`
}

// View is a view or materialized view.
type View struct {
	Name         string `json:"name"`
	Materialized bool   `json:"materialized,omitempty"`
	// Definition is the view's query (the part after AS).
	Definition string   `json:"definition"`
	Columns    []Column `json:"columns,omitempty"`
	Comment    string   `json:"comment,omitempty"`
	// Indexes are those of a materialized view.
	Indexes []Index `json:"indexes,omitempty"`
	// Options holds engine-specific view attributes that differ from the
	// engine's default: MySQL "algorithm" (MERGE, TEMPTABLE), "security"
	// (INVOKER) and "check_option" (CASCADED, LOCAL).
	Options map[string]string `json:"options,omitempty"`
	// DependsOn lists the tables, views, routines and types the view's
	// query reads, as the engine records them (PostgreSQL: pg_depend of
	// its rewrite rule); empty where the engine records none, and diff
	// then finds them by name in Definition.
	DependsOn []ObjectRef `json:"depends_on,omitempty"`
	// Rules are the view's rewrite rules other than its _RETURN rule
	// (PostgreSQL: typically DO INSTEAD rules that make it writable).
	Rules []Rule `json:"rules,omitempty"`
}

// Routine kinds.
const (
	RoutineFunction  = "function"
	RoutineProcedure = "procedure"
	RoutineAggregate = "aggregate"
)

// Routine is a function or procedure.
type Routine struct {
	Name string `json:"name"`
	// Kind is RoutineFunction, RoutineProcedure or RoutineAggregate.
	Kind   string      `json:"kind"`
	Params []Parameter `json:"params,omitempty"`
	// Returns is the return type; empty for procedures.
	Returns  string `json:"returns,omitempty"`
	Language string `json:"language,omitempty"`
	// Definition is the body as the database stores it.
	Definition string `json:"definition,omitempty"`
	Comment    string `json:"comment,omitempty"`
	// DependsOn lists the catalog objects the routine needs to exist (its
	// argument and result types, tables a SQL-standard body reads), as the
	// engine records them; diff orders creations and drops by it.
	DependsOn []ObjectRef `json:"depends_on,omitempty"`
	// UsedBy lists the objects that use the routine and that the engine
	// will not let it be dropped from under (views, column defaults,
	// checks, indexes, triggers), as the engine records them: a plan that
	// drops the routine (its signature changed, or it is gone) drops and
	// recreates them around it.
	UsedBy []ObjectRef `json:"used_by,omitempty"`
	// SQLMode is the sql_mode the routine was created under (MySQL,
	// MariaDB), which decides how its body reads (PIPES_AS_CONCAT,
	// ANSI_QUOTES, NO_BACKSLASH_ESCAPES…) and runs (strictness); empty
	// where the engine has none.
	SQLMode string `json:"sql_mode,omitempty"`
}

// Kinds of ObjectRef.
const (
	RefTable    = "table"
	RefView     = "view"
	RefSequence = "sequence"
	RefEnum     = "enum"
	RefDomain   = "domain"
	// RefComposite and RefRange are PostgreSQL composite and range types;
	// RefCollation a collation.
	RefComposite = "composite"
	RefRange     = "range"
	RefCollation = "collation"
	RefRoutine   = "routine"
	// Objects of a table, found in Routine.UsedBy: ObjectRef.Table names
	// the table, Name the index, check constraint, exclusion constraint,
	// trigger, or the column whose default uses the routine.
	RefIndex     = "index"
	RefCheck     = "check"
	RefExclusion = "exclusion"
	RefTrigger   = "trigger"
	RefDefault   = "default"
)

// ObjectRef names a catalog object another one depends on. Name is a
// routine's Signature for RefRoutine.
type ObjectRef struct {
	Kind   string `json:"kind"`
	Schema string `json:"schema"`
	// Table is the table of an object named per table (RefIndex, RefCheck,
	// RefExclusion, RefTrigger, RefDefault); empty for the others.
	Table string `json:"table,omitempty"`
	Name  string `json:"name"`
}

// Parameter is a routine parameter.
type Parameter struct {
	Name string `json:"name,omitempty"`
	Type string `json:"type"`
	// Mode is "in", "out", "inout" or "variadic"; empty means "in".
	Mode    string `json:"mode,omitempty"`
	Default string `json:"default,omitempty"`
}

// Signature renders the routine as name(type, …), the identity a routine has
// among overloads.
func (r Routine) Signature() string {
	s := r.Name + "("
	n := 0
	for _, p := range r.Params {
		if p.Mode == "out" {
			continue
		}
		if n > 0 {
			s += ", "
		}
		s += p.Type
		n++
	}
	return s + ")"
}

// Trigger is a trigger on a table or view.
type Trigger struct {
	Name  string `json:"name"`
	Table string `json:"table"`
	// Timing is "BEFORE", "AFTER" or "INSTEAD OF".
	Timing string `json:"timing,omitempty"`
	// Events are "INSERT", "UPDATE", "DELETE", "TRUNCATE".
	Events     []string `json:"events,omitempty"`
	Definition string   `json:"definition,omitempty"`
	// Follows names the trigger of the same table, timing and event that
	// fires just before this one, where the engine orders them by more
	// than their names (MySQL/MariaDB ACTION_ORDER); empty for the first.
	Follows string `json:"follows,omitempty"`
	// SQLMode: see Routine.SQLMode.
	SQLMode string `json:"sql_mode,omitempty"`
	// Columns are the columns of its table the trigger depends on, sorted,
	// where the engine records them (PostgreSQL: pg_depend, from its
	// UPDATE OF list and WHEN condition; see ddl.TriggerColumnRecorder).
	Columns []string `json:"columns,omitempty"`
	// Enabled is when the trigger fires where the engine can switch it:
	// empty as created (PostgreSQL's origin and local sessions), or one of
	// FiresDisabled, FiresReplica, FiresAlways.
	Enabled string `json:"enabled,omitempty"`
	Comment string `json:"comment,omitempty"`
}

// When a PostgreSQL trigger or rule fires (Trigger.Enabled, Rule.Enabled;
// pg_trigger.tgenabled and pg_rewrite.ev_enabled D, R and A). The default,
// O, is the empty string.
const (
	FiresDisabled = "DISABLED"
	FiresReplica  = "REPLICA"
	FiresAlways   = "ALWAYS"
)

// Sequence is a sequence generator.
type Sequence struct {
	Name      string `json:"name"`
	Type      string `json:"type,omitempty"`
	Start     int64  `json:"start"`
	Increment int64  `json:"increment"`
	Min       int64  `json:"min"`
	Max       int64  `json:"max"`
	Cycle     bool   `json:"cycle,omitempty"`
	// Cache is how many values are preallocated; 0 means unknown (the
	// engine default, 1 on PostgreSQL).
	Cache int64 `json:"cache,omitempty"`
	// OwnedBy is "table.column" for sequences behind serial/identity columns.
	OwnedBy string `json:"owned_by,omitempty"`
	Comment string `json:"comment,omitempty"`
}

// Enum is an enumerated type.
type Enum struct {
	Name    string   `json:"name"`
	Values  []string `json:"values"`
	Comment string   `json:"comment,omitempty"`
}

// Domain is a named type over a base type with an optional default, NOT
// NULL and check constraints (PostgreSQL CREATE DOMAIN).
type Domain struct {
	Name string `json:"name"`
	// Type is the base type as the database spells it.
	Type      string  `json:"type"`
	Default   *string `json:"default,omitempty"`
	NotNull   bool    `json:"not_null,omitempty"`
	Collation string  `json:"collation,omitempty"`
	// Checks are the domain's check constraints; Expr reads VALUE.
	Checks  []Check `json:"checks,omitempty"`
	Comment string  `json:"comment,omitempty"`
	// DependsOn lists the catalog objects the domain needs (its base type,
	// functions its checks call), as the engine records them.
	DependsOn []ObjectRef `json:"depends_on,omitempty"`
}

// Event is a MySQL/MariaDB scheduled event. Its definer is not part of
// the model: dbls never writes a DEFINER clause.
type Event struct {
	Name string `json:"name"`
	// Schedule is the ON SCHEDULE clause as MySQL writes it ("AT
	// '2030-01-01 00:00:00'", "EVERY 1 DAY STARTS '…' ENDS '…'"); a STARTS
	// the server filled in with the creation time is left out.
	Schedule string `json:"schedule"`
	// Status is "ENABLE", "DISABLE" or "DISABLE ON SLAVE".
	Status string `json:"status,omitempty"`
	// Preserve is ON COMPLETION PRESERVE.
	Preserve bool   `json:"preserve,omitempty"`
	Comment  string `json:"comment,omitempty"`
	// Definition is the event's body (the statement after DO).
	Definition string `json:"definition"`
}
