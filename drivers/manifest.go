package drivers

// Manifest describes a driver to users and to the rest of dbls. Its JSON
// form is what `dbls drivers --json` prints and what external drivers send.
type Manifest struct {
	// ID is the registry key and URL scheme ("postgres", "sqlite").
	ID string `json:"id"`
	// Aliases are other URL schemes for the same driver ("postgresql").
	Aliases     []string `json:"aliases,omitempty"`
	Name        string   `json:"name"`
	Version     string   `json:"version"`
	Description string   `json:"description"`
	// DefaultPort is 0 for file-based drivers.
	DefaultPort  int          `json:"default_port,omitempty"`
	Capabilities Capabilities `json:"capabilities"`
	// DataTypes lists the engine's types, for completion and validation.
	DataTypes []DataType `json:"data_types,omitempty"`
	// URLExample shows the connection URL form, for help texts.
	URLExample string `json:"url_example,omitempty"`
	// Dialect names the built-in engine whose SQL and types this driver's
	// databases use, when it is another driver (an external driver over
	// SQLite says "sqlite"): compare then puts them beside that engine's
	// databases without translating.
	Dialect string `json:"dialect,omitempty"`
}

// Capabilities says which parts of the model a driver's engine has. They
// describe the database, not which Go interfaces the Conn implements.
type Capabilities struct {
	// Schemas: the engine has several namespaces per database.
	Schemas   bool `json:"schemas"`
	Views     bool `json:"views"`
	Routines  bool `json:"routines"`
	Triggers  bool `json:"triggers"`
	Sequences bool `json:"sequences"`
	// Comments: tables and columns can carry comments.
	Comments bool `json:"comments"`
	// FileBased: a database is a file on the local machine.
	FileBased bool `json:"file_based"`
	// Folder: the file-based database is a folder (of CSV files …), not a
	// file; editors offer a folder picker.
	Folder bool `json:"folder,omitempty"`
	// TransactionalDDL: DDL can be rolled back.
	TransactionalDDL bool `json:"transactional_ddl"`
}

// DataType is one type the engine offers.
type DataType struct {
	Name string `json:"name"`
	// Category groups types: "numeric", "text", "datetime", "binary",
	// "boolean", "json", "other".
	Category string   `json:"category"`
	Aliases  []string `json:"aliases,omitempty"`
	// Params is the parameter syntax, e.g. "(n)" or "(p,s)".
	Params string `json:"params,omitempty"`
}
