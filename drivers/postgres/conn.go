package postgres

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"sync"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/sqltext"
)

// Conn is an open pool of connections to one PostgreSQL database.
type Conn struct {
	pool   *pgxpool.Pool
	params drivers.Params

	// typeNames caches format_type spellings of result column type OIDs,
	// so that only the first query returning a type pays a lookup.
	typeMu    sync.Mutex
	typeNames map[typeKey]string
}

// The optional capabilities this driver offers.
var (
	_ drivers.Conn            = (*Conn)(nil)
	_ drivers.Querier         = (*Conn)(nil)
	_ drivers.Execer          = (*Conn)(nil)
	_ drivers.StatementExecer = (*Conn)(nil)
	_ drivers.Dialecter       = (*Conn)(nil)
	_ drivers.DatabaseLister  = (*Conn)(nil)
	_ drivers.SchemaLister    = (*Conn)(nil)
	_ drivers.ViewWriter      = (*Conn)(nil)
	_ drivers.Transactor      = (*Conn)(nil)
	_ drivers.Dialecter       = Driver{}
)

// Ping checks that the server answers.
func (c *Conn) Ping(ctx context.Context) error {
	if err := c.pool.Ping(ctx); err != nil {
		return fmt.Errorf("postgres: ping %s: %w", c.params.Address(), err)
	}
	return nil
}

// Close closes every pooled connection.
func (c *Conn) Close() error {
	c.pool.Close()
	return nil
}

// Dialect returns the PostgreSQL dialect.
func (c *Conn) Dialect() drivers.Dialect { return Dialect{} }

// Dialect quotes identifiers with double quotes and numbers placeholders.
type Dialect struct{}

// QuoteIdent quotes name, doubling embedded double quotes.
func (Dialect) QuoteIdent(name string) string { return drivers.QuoteWith('"', name) }

// Lexical implements drivers.LexicalDialect: PostgreSQL's rules, with
// the standard_conforming_strings every dbls session pins.
func (Dialect) Lexical() sqltext.Dialect { return sqltext.Postgres }

// Placeholder returns "$n".
func (Dialect) Placeholder(n int) string { return "$" + strconv.Itoa(n) }

// Databases lists the databases on the server that are not templates.
func (c *Conn) Databases(ctx context.Context) ([]string, error) {
	names, err := c.strings(ctx, `SELECT datname::text FROM pg_database WHERE NOT datistemplate ORDER BY 1`)
	if err != nil {
		return nil, fmt.Errorf("postgres: list databases on %s: %w", c.params.Address(), err)
	}
	return names, nil
}

// Schemas lists the non-system schemas of the database.
func (c *Conn) Schemas(ctx context.Context) ([]string, error) {
	q := `SELECT n.nspname::text FROM pg_namespace n WHERE ` + userSchema + ` ORDER BY 1`
	names, err := c.strings(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("postgres: list schemas of database %q: %w", c.params.Database, err)
	}
	return names, nil
}

func (c *Conn) strings(ctx context.Context, q string, args ...any) ([]string, error) {
	rows, err := c.pool.Query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowTo[string])
}

// Exec runs a statement that returns no rows and reports the rows it
// changed. Without args the statement may be a script of several (a
// schema file, a fixture); generated and copied SQL goes through
// ExecStatement instead.
func (c *Conn) Exec(ctx context.Context, sql string, args ...any) (int64, error) {
	if c.params.ReadOnly {
		return c.execReadOnly(ctx, sql, args...)
	}
	tag, err := c.pool.Exec(ctx, sql, args...)
	if err != nil {
		return 0, statementError(ctx, sql, err)
	}
	return tag.RowsAffected(), nil
}

// CreateView creates a view. Like every view command it goes to the
// server as one statement (ExecStatement): a definition with a second
// statement in it is refused, never run.
func (c *Conn) CreateView(ctx context.Context, v drivers.ViewRef, definition string) error {
	q := "CREATE VIEW " + drivers.QualifiedName(Dialect{}, v) + " AS " + definition
	if _, err := c.ExecStatement(ctx, q); err != nil {
		return fmt.Errorf("postgres: create view %s: %w", v, err)
	}
	return nil
}

// AlterView replaces a view's query. CREATE OR REPLACE keeps grants,
// comments and dependent views, but PostgreSQL refuses it when columns are
// removed, renamed or retyped; then the view is dropped and created again
// in one transaction, so that a failure leaves the old view in place.
func (c *Conn) AlterView(ctx context.Context, v drivers.ViewRef, definition string) error {
	name := drivers.QualifiedName(Dialect{}, v)
	_, err := c.ExecStatement(ctx, "CREATE OR REPLACE VIEW "+name+" AS "+definition)
	if err == nil {
		return nil
	}
	var qe *drivers.QueryError
	if !errors.As(err, &qe) || (qe.Code != "42P16" && qe.Code != "42804") {
		return fmt.Errorf("postgres: alter view %s: %w", v, err)
	}
	create := "CREATE VIEW " + name + " AS " + definition
	err = pgx.BeginFunc(ctx, c.pool, func(tx pgx.Tx) error {
		if err := repin(ctx, tx.Conn()); err != nil {
			return statementError(ctx, "SET standard_conforming_strings = on", err)
		}
		if _, err := execOne(ctx, tx.Conn(), "DROP VIEW "+name); err != nil {
			return statementError(ctx, "DROP VIEW "+name, err)
		}
		if _, err := execOne(ctx, tx.Conn(), create); err != nil {
			return statementError(ctx, create, err)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("postgres: alter view %s (drop and create): %w", v, err)
	}
	return nil
}

// DropView drops a view.
func (c *Conn) DropView(ctx context.Context, v drivers.ViewRef) error {
	if _, err := c.ExecStatement(ctx, "DROP VIEW "+drivers.QualifiedName(Dialect{}, v)); err != nil {
		return fmt.Errorf("postgres: drop view %s: %w", v, err)
	}
	return nil
}

// statementError turns a server error into a *drivers.QueryError carrying
// the position, detail and hint, and a cancelled context into an error that
// says so and wraps ctx.Err().
func statementError(ctx context.Context, sql string, err error) error {
	if ctxErr := ctx.Err(); ctxErr != nil {
		return fmt.Errorf("postgres: statement cancelled: %w", ctxErr)
	}
	var pe *pgconn.PgError
	if !errors.As(err, &pe) {
		return err
	}
	qe := drivers.NewQueryError(sql, pe.Message, pe.Code, int(pe.Position), err)
	qe.Detail, qe.Hint = pe.Detail, pe.Hint
	return qe
}

// Transact implements drivers.Transactor: f's statements share one
// transaction, committed when f returns nil and rolled back otherwise.
// Each goes to the server as one statement (execOne).
func (c *Conn) Transact(ctx context.Context, f func(ctx context.Context, tx drivers.Execer) error) error {
	return pgx.BeginFunc(ctx, c.pool, func(tx pgx.Tx) error {
		return f(ctx, txExecer{tx})
	})
}

type txExecer struct{ tx pgx.Tx }

func (e txExecer) Exec(ctx context.Context, sql string, args ...any) (int64, error) {
	tag, err := execOne(ctx, e.tx.Conn(), sql, args...)
	if err != nil {
		return 0, statementError(ctx, sql, err)
	}
	return tag.RowsAffected(), nil
}
