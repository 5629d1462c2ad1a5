package server

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/uri"

	"github.com/dbls/dbls/diff"
	"github.com/dbls/dbls/diff/compare"
	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/ddl"
	"github.com/dbls/dbls/drivers/schema"
	"github.com/dbls/dbls/server/i18n"
)

// Browsing for an explorer tree: databases → schemas → objects → a table's
// structure or an object's definition. Answers come from the cached
// snapshot (fast, and they work with the database offline); the database
// is asked only for what a snapshot does not hold (other databases, an
// object created since the snapshot was taken).

const (
	CmdListDatabases  = "dbls.listDatabases"
	CmdListSchemas    = "dbls.listSchemas"
	CmdListObjects    = "dbls.listObjects"
	CmdDescribeTable  = "dbls.describeTable"
	CmdShowDefinition = "dbls.showDefinition"
	CmdShowTableDDL   = "dbls.showTableDDL"
)

// browseArgs is the argument of the browsing commands.
type browseArgs struct {
	// Connection, or the connection of the document URI.
	Connection string `json:"connection,omitempty"`
	URI        string `json:"uri,omitempty"`
	// Schema defaults to the connection's default schema.
	Schema string `json:"schema,omitempty"`
	// Table (describeTable, showTableDDL) or Name (showDefinition).
	Table string `json:"table,omitempty"`
	Name  string `json:"name,omitempty"`
	// Kind (showDefinition): "view" or "routine"; "" finds either.
	Kind string `json:"kind,omitempty"`
	// Open (showTableDDL) writes the statement to a document and shows it.
	Open bool `json:"open,omitempty"`
}

const browseArgsShape = `{"connection": …, "schema": …, "table": …}`

// DatabaseList is the reply to dbls.listDatabases.
type DatabaseList struct {
	Connection string   `json:"connection"`
	Current    string   `json:"current"`
	Databases  []string `json:"databases"`
}

// SchemaList is the reply to dbls.listSchemas.
type SchemaList struct {
	Connection string       `json:"connection"`
	Default    string       `json:"default"`
	Schemas    []SchemaInfo `json:"schemas"`
}

// SchemaInfo counts a schema's objects.
type SchemaInfo struct {
	Name     string `json:"name"`
	Tables   int    `json:"tables"`
	Views    int    `json:"views"`
	Routines int    `json:"routines"`
}

// ObjectList is the reply to dbls.listObjects.
type ObjectList struct {
	Schema   string        `json:"schema"`
	Tables   []ObjectInfo  `json:"tables"`
	Views    []ObjectInfo  `json:"views"`
	Routines []RoutineInfo `json:"routines"`
	// Sequences and Types (kinds "enum", "domain") are listed where the
	// engine has them.
	Sequences []ObjectInfo `json:"sequences"`
	Types     []ObjectInfo `json:"types"`
}

// ObjectInfo is a table or view in a list.
type ObjectInfo struct {
	Name string `json:"name"`
	// Kind is "table", "partitioned", "partition", "view" or
	// "materialized view".
	Kind    string `json:"kind"`
	Comment string `json:"comment,omitempty"`
}

// RoutineInfo is a routine in a list.
type RoutineInfo struct {
	Name      string `json:"name"`
	Kind      string `json:"kind"`
	Signature string `json:"signature"`
	Returns   string `json:"returns,omitempty"`
}

// TableDescription is the reply to dbls.describeTable: the table as the
// snapshot JSON describes it (columns, primary_key, indexes, foreign_keys,
// uniques, checks), plus the keys of other tables that reference it.
type TableDescription struct {
	Schema string        `json:"schema"`
	Table  *schema.Table `json:"table"`
	// ReferencedBy are foreign keys of other tables pointing here.
	ReferencedBy []Reference `json:"referencedBy"`
}

// Reference is a foreign key of another table.
type Reference struct {
	Schema     string            `json:"schema"`
	Table      string            `json:"table"`
	ForeignKey schema.ForeignKey `json:"foreignKey"`
}

// Definition is the reply to dbls.showDefinition.
type Definition struct {
	Kind       string `json:"kind"` // "view", "materialized view" or the routine's kind
	Schema     string `json:"schema"`
	Name       string `json:"name"`
	Signature  string `json:"signature,omitempty"`
	Returns    string `json:"returns,omitempty"`
	Language   string `json:"language,omitempty"`
	Definition string `json:"definition"`
}

// TableDDL is the reply to dbls.showTableDDL.
type TableDDL struct {
	Schema string `json:"schema"`
	Table  string `json:"table"`
	// SQL is the CREATE statement, with the table's indexes, foreign keys
	// and triggers, in the connection's dialect.
	SQL string `json:"sql"`
	// Document is the URI of the document written when "open" was asked.
	Document string `json:"document,omitempty"`
}

func init() {
	browse := func(name string, run func(b *browser, ctx context.Context) (any, error)) {
		registerCommand(name, func(s *Server, ctx context.Context, args []json.RawMessage) (any, func() (any, error), error) {
			var a browseArgs
			if err := objectArg(name, args, &a, browseArgsShape); err != nil {
				return nil, nil, err
			}
			arg, err := s.connectionArg(name, commandArgs{URI: a.URI, Connection: a.Connection})
			if err != nil {
				return nil, nil, err
			}
			return nil, func() (any, error) {
				b, err := s.browser(ctx, a, arg)
				if err == nil {
					var res any
					if res, err = run(b, ctx); err == nil {
						return res, nil
					}
				}
				code := jsonrpc2.InternalError
				if errors.Is(err, drivers.ErrNotFound) {
					code = jsonrpc2.InvalidParams
				}
				return nil, jsonrpc2.Errorf(code, "dbls: %s: %v", name, err)
			}, nil
		})
	}
	browse(CmdListDatabases, (*browser).databases)
	browse(CmdListSchemas, (*browser).schemas)
	browse(CmdListObjects, (*browser).objects)
	browse(CmdDescribeTable, (*browser).describe)
	browse(CmdShowDefinition, (*browser).definition)
	browse(CmdShowTableDDL, (*browser).tableDDL)
	i18n.Register(i18n.English, map[string]string{
		"browse.err.noSchema":  "no schema %q (known: %s)",
		"browse.err.noSnap":    "the schema of %s is not read yet (and the database cannot be reached)",
		"browse.err.needTable": "give \"table\"",
		"browse.err.needName":  "give \"name\"",
		"browse.ddl.header":    "structure of %s as %s creates it",
	})
	i18n.Register(i18n.SimplifiedChinese, map[string]string{
		"browse.err.noSchema":  "没有模式 %q（已知：%s）",
		"browse.err.noSnap":    "%s 的结构尚未读取（且无法连接数据库）",
		"browse.err.needTable": "请给出 \"table\"",
		"browse.err.needName":  "请给出 \"name\"",
		"browse.ddl.header":    "%s 的结构，%s 的建表语句",
	})
}

// browser answers one browsing command.
type browser struct {
	s    *Server
	a    browseArgs
	e    *entry
	snap *schema.Snapshot // nil when nothing is cached and the read failed
	lang string
}

func (s *Server) browser(ctx context.Context, a browseArgs, arg string) (*browser, error) {
	e, err := s.entryFor(ctx, a.URI, arg)
	if err != nil {
		return nil, err
	}
	snap, _, _ := s.snapshotOf(e)
	return &browser{s: s, a: a, e: e, snap: snap, lang: s.language()}, nil
}

// live opens the connection, for what the snapshot cannot answer.
func (b *browser) live(ctx context.Context) (drivers.Conn, error) {
	if b.e.src.File != "" {
		return nil, fmt.Errorf("%s is a snapshot file: %w", b.e.src.Label, drivers.ErrUnsupported)
	}
	c, _, err := b.s.currentResolver().Open(ctx, b.e.src.Arg)
	return c, err
}

func (b *browser) needSnap() error {
	if b.snap == nil {
		return errors.New(i18n.T(b.lang, "browse.err.noSnap", b.e.src.Label))
	}
	return nil
}

// schema is the schema the arguments name, or the default one.
func (b *browser) schema() (*schema.Schema, error) {
	if err := b.needSnap(); err != nil {
		return nil, err
	}
	name := b.a.Schema
	if name == "" {
		name = b.snap.DefaultSchema
	}
	if sc := b.snap.Schema(name); sc != nil {
		return sc, nil
	}
	if b.a.Schema == "" && len(b.snap.Schemas) == 1 {
		return &b.snap.Schemas[0], nil
	}
	var known []string
	for _, sc := range b.snap.Schemas {
		known = append(known, sc.Name)
	}
	return nil, fmt.Errorf("%s: %w", i18n.T(b.lang, "browse.err.noSchema", name, strings.Join(known, ", ")), drivers.ErrNotFound)
}

func (b *browser) databases(ctx context.Context) (any, error) {
	res := DatabaseList{Connection: b.e.src.Label, Databases: []string{}}
	if b.snap != nil {
		res.Current = b.snap.Database
		res.Databases = append(res.Databases, b.snap.Databases...)
	}
	if len(res.Databases) == 0 && b.e.src.File == "" {
		// The snapshot does not list them: ask the server.
		if c, err := b.live(ctx); err == nil {
			defer c.Close()
			if dl, ok := c.(drivers.DatabaseLister); ok {
				dbs, err := dl.Databases(ctx)
				if err != nil {
					return nil, err
				}
				res.Databases = dbs
			}
		} else if b.snap == nil {
			return nil, err
		}
	}
	if len(res.Databases) == 0 && res.Current != "" {
		res.Databases = []string{res.Current}
	}
	return res, nil
}

func (b *browser) schemas(ctx context.Context) (any, error) {
	if b.snap == nil {
		// Nothing cached and the read failed: the server may still list names.
		c, err := b.live(ctx)
		if err != nil {
			return nil, err
		}
		defer c.Close()
		sl, ok := c.(drivers.SchemaLister)
		if !ok {
			return nil, b.needSnap()
		}
		names, err := sl.Schemas(ctx)
		if err != nil {
			return nil, err
		}
		res := SchemaList{Connection: b.e.src.Label, Schemas: []SchemaInfo{}}
		for _, n := range names {
			res.Schemas = append(res.Schemas, SchemaInfo{Name: n})
		}
		return res, nil
	}
	res := SchemaList{Connection: b.e.src.Label, Default: b.snap.DefaultSchema, Schemas: []SchemaInfo{}}
	for _, sc := range b.snap.Schemas {
		res.Schemas = append(res.Schemas, SchemaInfo{Name: sc.Name, Tables: len(sc.Tables), Views: len(sc.Views), Routines: len(sc.Routines)})
	}
	return res, nil
}

func (b *browser) objects(ctx context.Context) (any, error) {
	sc, err := b.schema()
	if err != nil {
		return nil, err
	}
	res := ObjectList{Schema: sc.Name, Tables: []ObjectInfo{}, Views: []ObjectInfo{}, Routines: []RoutineInfo{},
		Sequences: []ObjectInfo{}, Types: []ObjectInfo{}}
	for _, t := range sc.Tables {
		kind := t.Kind
		if kind == "" {
			kind = schema.TableOrdinary
		}
		res.Tables = append(res.Tables, ObjectInfo{Name: t.Name, Kind: kind, Comment: t.Comment})
	}
	for _, v := range sc.Views {
		kind := "view"
		if v.Materialized {
			kind = "materialized view"
		}
		res.Views = append(res.Views, ObjectInfo{Name: v.Name, Kind: kind, Comment: v.Comment})
	}
	for _, r := range sc.Routines {
		res.Routines = append(res.Routines, RoutineInfo{Name: r.Name, Kind: r.Kind, Signature: r.Signature(), Returns: r.Returns})
	}
	for _, q := range sc.Sequences {
		res.Sequences = append(res.Sequences, ObjectInfo{Name: q.Name, Kind: "sequence"})
	}
	for _, e := range sc.Enums {
		res.Types = append(res.Types, ObjectInfo{Name: e.Name, Kind: "enum"})
	}
	for _, d := range sc.Domains {
		res.Types = append(res.Types, ObjectInfo{Name: d.Name, Kind: "domain", Comment: d.Comment})
	}
	return res, nil
}

// table finds the table in the snapshot, or else reads it from the
// database (created since the snapshot was taken).
func (b *browser) table(ctx context.Context) (string, *schema.Table, error) {
	if b.a.Table == "" {
		return "", nil, errors.New(i18n.T(b.lang, "browse.err.needTable"))
	}
	sc, err := b.schema()
	if err == nil {
		if t := sc.Table(b.a.Table); t != nil {
			return sc.Name, t, nil
		}
	}
	c, lerr := b.live(ctx)
	if lerr != nil {
		if err == nil {
			err = fmt.Errorf("table %q: %w", b.a.Table, drivers.ErrNotFound)
		}
		return "", nil, err
	}
	defer c.Close()
	name := b.a.Schema
	if name == "" && b.snap != nil {
		name = b.snap.DefaultSchema
	}
	t, err := drivers.Table(ctx, c, drivers.TableRef{Schema: name, Name: b.a.Table})
	if err != nil {
		return "", nil, err
	}
	return name, t, nil
}

func (b *browser) describe(ctx context.Context) (any, error) {
	scName, t, err := b.table(ctx)
	if err != nil {
		return nil, err
	}
	res := TableDescription{Schema: scName, Table: t, ReferencedBy: []Reference{}}
	if b.snap != nil {
		for _, sc := range b.snap.Schemas {
			for _, o := range sc.Tables {
				for _, fk := range o.ForeignKeys {
					ref := fk.RefSchema
					if ref == "" {
						ref = sc.Name
					}
					if ref == scName && fk.RefTable == t.Name {
						res.ReferencedBy = append(res.ReferencedBy, Reference{Schema: sc.Name, Table: o.Name, ForeignKey: fk})
					}
				}
			}
		}
	}
	return res, nil
}

func (b *browser) definition(ctx context.Context) (any, error) {
	if b.a.Name == "" {
		return nil, errors.New(i18n.T(b.lang, "browse.err.needName"))
	}
	sc, err := b.schema()
	if err != nil {
		return nil, err
	}
	if b.a.Kind == "" || b.a.Kind == "view" {
		if v := sc.View(b.a.Name); v != nil {
			kind := "view"
			if v.Materialized {
				kind = "materialized view"
			}
			return Definition{Kind: kind, Schema: sc.Name, Name: v.Name, Definition: v.Definition}, nil
		}
	}
	if b.a.Kind == "" || b.a.Kind == "routine" {
		for _, r := range sc.Routines {
			// A name, or a signature to tell overloads apart.
			if r.Name == b.a.Name || r.Signature() == b.a.Name {
				return Definition{Kind: r.Kind, Schema: sc.Name, Name: r.Name, Signature: r.Signature(), Returns: r.Returns,
					Language: r.Language, Definition: r.Definition}, nil
			}
		}
	}
	return nil, fmt.Errorf("%s.%s: %w", sc.Name, b.a.Name, drivers.ErrNotFound)
}

// tableDDL renders the table through the connection's driver by comparing
// a snapshot holding only that table (and its triggers) with an empty one:
// the same path, normalization and ordering as a sync that creates it.
func (b *browser) tableDDL(ctx context.Context) (any, error) {
	scName, t, err := b.table(ctx)
	if err != nil {
		return nil, err
	}
	driverID := b.e.src.Driver
	if b.snap != nil {
		driverID = b.snap.Driver
	}
	// A driver over another engine's SQL (the CSV example: SQLite) shows
	// its tables in that engine's DDL.
	driverID = compare.DialectOf(driverID)
	d, err := drivers.Get(driverID)
	if err != nil {
		return nil, err
	}
	r, ok := d.(ddl.Renderer)
	if !ok {
		return nil, fmt.Errorf("driver %s cannot write DDL (no ddl.Renderer): %w", driverID, drivers.ErrUnsupported)
	}
	one := schema.Schema{Name: scName, Tables: []schema.Table{*t}}
	if sc, err := b.schema(); err == nil && sc.Name == scName {
		for _, tr := range sc.Triggers {
			if tr.Table == t.Name {
				one.Triggers = append(one.Triggers, tr)
			}
		}
	}
	src := &schema.Snapshot{Driver: driverID, DefaultSchema: scName, Schemas: []schema.Schema{one}}
	dst := &schema.Snapshot{Driver: driverID, DefaultSchema: scName, Schemas: []schema.Schema{{Name: scName}}}
	plan, err := diff.Compare(src, dst, diff.Options{Renderer: r})
	if err != nil {
		return nil, err
	}
	var stmts []string
	for _, it := range plan.Items {
		if it.Error != "" {
			return nil, fmt.Errorf("%s: %s", it.ID, it.Error)
		}
		stmts = append(stmts, it.SQL...)
	}
	res := TableDDL{Schema: scName, Table: t.Name, SQL: strings.Join(stmts, ";\n") + ";\n"}
	if !b.a.Open {
		return res, nil
	}
	dir, err := previewDir()
	if err != nil {
		return nil, err
	}
	dir = filepath.Join(filepath.Dir(dir), "ddl")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	sum := sha256.Sum256([]byte(b.e.src.Key + "\x00" + scName + "\x00" + t.Name))
	path := filepath.Join(dir, safeName(scName+"."+t.Name)+"-"+hex.EncodeToString(sum[:4])+".sql")
	text := "-- " + i18n.T(b.lang, "browse.ddl.header", scName+"."+t.Name, driverID) + "\n" + res.SQL
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		return nil, err
	}
	res.Document = string(uri.File(path))
	b.s.spawn(func() { b.s.showPreview(res.Document) })
	return res, nil
}
