package ddl

// KindSetStorage is a change of a table's storage in place: its storage
// parameters (PostgreSQL WITH (fillfactor…), Options["storage"]) or its
// persistence (UNLOGGED, Options["unlogged"]).
const KindSetStorage Kind = "table.storage"

// ObjectStorage is the ObjectSyncer kind of SetStorage: only engines whose
// renderer writes it get those options compared.
const ObjectStorage = "storage"

// SetStorage changes the storage options of a table from On.Current's to
// On.Desired's.
type SetStorage struct{ On }

func (SetStorage) Kind() Kind { return KindSetStorage }
func (SetStorage) change()    {}

// KindSetInheritance is a change of the tables a table inherits from
// (PostgreSQL INHERIT / NO INHERIT, Options["inherits"]).
const KindSetInheritance Kind = "table.inherit"

// ObjectInheritance is the ObjectSyncer kind of SetInheritance.
const ObjectInheritance = "inheritance"

// SetInheritance changes a table's parents from On.Current's to
// On.Desired's.
type SetInheritance struct{ On }

func (SetInheritance) Kind() Kind { return KindSetInheritance }
func (SetInheritance) change()    {}
