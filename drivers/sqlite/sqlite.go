// Package sqlite is the built-in SQLite driver, on the pure-Go
// modernc.org/sqlite (no cgo). It registers itself as "sqlite" (aliases
// "sqlite3", "file").
//
// A snapshot costs a fixed number of queries per attached database: the
// catalog pragmas are table-valued functions, joined against sqlite_schema so
// that one query returns the columns (or keys, or indexes) of every table.
// What the pragmas do not say — CHECK constraints, collations, generated
// expressions, constraint names, index expressions — is read from the stored
// CREATE statements by the small lexer in lex.go and ddl.go.
package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"regexp"
	"strings"

	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/sqlexec"
	"github.com/dbls/dbls/drivers/sqltext"
	sqlitelib "modernc.org/sqlite"
)

func init() { drivers.Register(Driver{}) }

// Driver is the SQLite driver.
type Driver struct{}

// Manifest implements drivers.Driver.
func (Driver) Manifest() drivers.Manifest {
	return drivers.Manifest{
		ID:          "sqlite",
		Aliases:     []string{"sqlite3", "file"},
		Name:        "SQLite",
		Version:     "1.0.0",
		Description: "SQLite 3 database files, through the pure-Go modernc.org/sqlite (no cgo)",
		Capabilities: drivers.Capabilities{
			Schemas:          true, // attached databases
			Views:            true,
			Triggers:         true,
			FileBased:        true,
			TransactionalDDL: true,
		},
		DataTypes:  dataTypes,
		URLExample: "sqlite:relative/file.db, sqlite:///abs/file.db, sqlite::memory:, sqlite:new.db?mode=rwc",
	}
}

var dataTypes = []drivers.DataType{
	{Name: "INTEGER", Category: "numeric", Aliases: []string{"INT", "BIGINT", "SMALLINT", "TINYINT"}},
	{Name: "REAL", Category: "numeric", Aliases: []string{"DOUBLE", "FLOAT"}},
	{Name: "NUMERIC", Category: "numeric", Aliases: []string{"DECIMAL"}, Params: "(p,s)"},
	{Name: "TEXT", Category: "text", Aliases: []string{"VARCHAR", "CHAR", "CLOB"}, Params: "(n)"},
	{Name: "BLOB", Category: "binary"},
	{Name: "BOOLEAN", Category: "boolean"},
	{Name: "DATE", Category: "datetime"},
	{Name: "DATETIME", Category: "datetime", Aliases: []string{"TIMESTAMP"}},
	{Name: "JSON", Category: "json"},
	{Name: "ANY", Category: "other"},
}

// Open implements drivers.Driver. It never creates a database file unless
// asked to with mode=rwc: a mistyped path must be an error, not a new,
// empty database.
func (Driver) Open(ctx context.Context, p drivers.Params) (drivers.Conn, error) {
	mode := p.Option("mode", "rw")
	if p.ReadOnly && mode != "memory" {
		mode = "ro"
	}
	if p.Path == ":memory:" {
		mode = "memory"
	}
	if _, ok := map[string]bool{"ro": true, "rw": true, "rwc": true, "memory": true}[mode]; !ok {
		return nil, fmt.Errorf("sqlite %s: invalid mode %q (want ro, rw, rwc or memory)", p.Path, mode)
	}
	if mode == "ro" || mode == "rw" {
		if err := checkFile(p.Path); err != nil {
			return nil, err
		}
	}
	dsnStr := dsn(p.Path, mode)
	if p.ReadOnly {
		dsnStr += "&_pragma=query_only(1)" // also covers :memory:
	}
	db, err := sql.Open("sqlite", dsnStr)
	if err != nil {
		return nil, fmt.Errorf("sqlite %s: %w", p.Path, err)
	}
	if mode == "memory" {
		// Every connection to :memory: is a new database: keep exactly one.
		db.SetMaxOpenConns(1)
		db.SetMaxIdleConns(1)
		db.SetConnMaxIdleTime(0)
		db.SetConnMaxLifetime(0)
	} else {
		db.SetMaxOpenConns(4)
	}
	c := &Conn{db: db, path: p.Path}
	if err := c.Ping(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return c, nil
}

func checkFile(path string) error {
	st, err := os.Stat(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return fmt.Errorf("sqlite: database file %s does not exist (add ?mode=rwc to the URL to create it)", path)
	case err != nil:
		return fmt.Errorf("sqlite: database file %s: %w", path, err)
	case st.IsDir():
		return fmt.Errorf("sqlite: %s is a directory, not a database file", path)
	}
	return nil
}

// dsn builds a modernc file URI. Characters that are syntax in a URI are
// escaped so that any path works.
func dsn(path, mode string) string {
	if mode == "memory" {
		path = ":memory:"
		mode = "rwc"
	}
	esc := strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23")
	return "file:" + esc.Replace(path) + "?mode=" + mode +
		"&_pragma=foreign_keys(1)&_pragma=busy_timeout(5000)"
}

// Conn is an open SQLite database.
type Conn struct {
	db   *sql.DB
	path string
}

var (
	_ drivers.Querier    = (*Conn)(nil)
	_ drivers.Execer     = (*Conn)(nil)
	_ drivers.Dialecter  = (*Conn)(nil)
	_ drivers.ViewWriter = (*Conn)(nil)
)

// Ping implements drivers.Conn. SQLite opens files lazily, so Ping reads
// the schema to prove the file is a database.
func (c *Conn) Ping(ctx context.Context) error {
	var n int
	if err := c.db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&n); err != nil {
		return fmt.Errorf("sqlite %s: %w", c.path, err)
	}
	return nil
}

// Close implements drivers.Conn.
func (c *Conn) Close() error { return c.db.Close() }

// Dialect implements drivers.Dialecter.
func (c *Conn) Dialect() drivers.Dialect { return Dialect{} }

// Dialect is SQLite's SQL spelling: standard double-quoted identifiers and
// "?" placeholders.
type Dialect struct{}

// QuoteIdent implements drivers.Dialect.
func (Dialect) QuoteIdent(name string) string { return drivers.QuoteWith('"', name) }

// Placeholder implements drivers.Dialect.
func (Dialect) Placeholder(int) string { return "?" }

// Lexical implements drivers.LexicalDialect.
func (Dialect) Lexical() sqltext.Dialect { return sqltext.SQLite }

// Query implements drivers.Querier. A script of several statements runs
// whole; the result is that of the last.
func (c *Conn) Query(ctx context.Context, req drivers.Request) (*drivers.Result, error) {
	return sqlexec.Query(ctx, c.db, sqltext.SQLite, req, mapError)
}

// Exec implements drivers.Execer.
func (c *Conn) Exec(ctx context.Context, query string, args ...any) (int64, error) {
	if len(sqltext.Split(sqltext.SQLite, query)) == 0 {
		// Only comments or blanks: the library returns no result at all,
		// and asking it for rows affected would panic.
		return 0, nil
	}
	r, err := c.db.ExecContext(ctx, query, args...)
	if err != nil {
		return 0, mapError(query, err)
	}
	return r.RowsAffected()
}

var nearRE = regexp.MustCompile(`near "((?:[^"]|"")*)"`)

// mapError turns an SQLite error into a *drivers.QueryError. SQLite gives no
// offset through this library, but its "near X" names the token where the
// parser stopped; the first occurrence of that token is the position.
func mapError(query string, err error) error {
	var se *sqlitelib.Error
	if !errors.As(err, &se) {
		return err
	}
	msg := se.Error()
	if i := strings.LastIndex(msg, " ("); i > 0 && strings.HasSuffix(msg, ")") {
		msg = msg[:i] // the code is reported separately
	}
	msg = strings.TrimPrefix(msg, "SQL logic error: ")
	pos := 0
	if m := nearRE.FindStringSubmatch(msg); m != nil {
		if i := tokenIndex(query, strings.ReplaceAll(m[1], `""`, `"`)); i >= 0 {
			pos = len([]rune(query[:i])) + 1
		}
	}
	return drivers.NewQueryError(query, msg, fmt.Sprint(se.Code()), pos, err)
}

// tokenIndex finds the first token of query s whose text is tok, as
// SQLite names it in "near \"tok\"": "SELEC" must not match inside
// "SELECT", nor a word inside a string.
func tokenIndex(s, tok string) int {
	if tok == "" {
		return -1
	}
	for _, t := range sqltext.Lex(sqltext.SQLite, s) {
		if t.Text(s) == tok {
			return t.Start
		}
	}
	return -1
}

// Transact implements drivers.Transactor.
func (c *Conn) Transact(ctx context.Context, f func(ctx context.Context, tx drivers.Execer) error) error {
	if err := sqlexec.Transact(ctx, c.db, mapError, f); err != nil {
		return fmt.Errorf("sqlite: %w", err)
	}
	return nil
}
