package mysql

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/sqlexec"
	"github.com/dbls/dbls/drivers/sqltext"
)

// Conn is an open, pooled connection to one MySQL/MariaDB server and
// database.
type Conn struct {
	params drivers.Params
	db     *sql.DB
	// singleDB runs generated and copied SQL: its sessions have
	// multi-statements off, so the server refuses a second statement.
	singleDB *sql.DB
	// killDB is a separate, tiny pool for KILL QUERY, so that a cancel is
	// never stuck behind the very queries it must stop when db is full.
	killDB  *sql.DB
	version string
	flavor  flavor
}

var (
	_ drivers.Conn            = (*Conn)(nil)
	_ drivers.Querier         = (*Conn)(nil)
	_ drivers.Execer          = (*Conn)(nil)
	_ drivers.StatementExecer = (*Conn)(nil)
	_ drivers.Dialecter       = (*Conn)(nil)
	_ drivers.DatabaseLister  = (*Conn)(nil)
	_ drivers.SchemaLister    = (*Conn)(nil)
	_ drivers.Transactor      = (*Conn)(nil)
)

func newConn(p drivers.Params, connector, singleConnector driver.Connector) *Conn {
	db := sql.OpenDB(connector)
	db.SetMaxOpenConns(maxOpen)
	db.SetMaxIdleConns(maxIdle)
	db.SetConnMaxLifetime(connMaxLife)
	db.SetConnMaxIdleTime(connMaxIdle)
	killDB := sql.OpenDB(connector)
	killDB.SetMaxOpenConns(2)
	killDB.SetMaxIdleConns(1)
	killDB.SetConnMaxIdleTime(connMaxIdle)
	singleDB := sql.OpenDB(singleConnector)
	singleDB.SetMaxOpenConns(maxOpenSingle)
	singleDB.SetMaxIdleConns(1)
	singleDB.SetConnMaxLifetime(connMaxLife)
	singleDB.SetConnMaxIdleTime(connMaxIdle)
	return &Conn{params: p, db: db, singleDB: singleDB, killDB: killDB}
}

// start pings and learns the server's version, which decides the flavor.
func (c *Conn) start(ctx context.Context) error {
	if err := c.db.QueryRowContext(ctx, "SELECT VERSION()").Scan(&c.version); err != nil {
		return err
	}
	c.flavor = parseFlavor(c.version)
	return nil
}

// Ping checks that the server answers.
func (c *Conn) Ping(ctx context.Context) error {
	if err := c.db.PingContext(ctx); err != nil {
		return fmt.Errorf("mysql: ping %s: %w", c.params.Address(), err)
	}
	return nil
}

// Close releases every pooled connection.
func (c *Conn) Close() error {
	return errors.Join(c.db.Close(), c.singleDB.Close(), c.killDB.Close())
}

// Dialect is MySQL's: backtick quoting and ? placeholders.
func (c *Conn) Dialect() drivers.Dialect { return Dialect{} }

// Dialect writes MySQL SQL. It is exported so that code holding only the
// driver (the diff renderer) can use it without a connection.
type Dialect struct{}

// Lexical implements drivers.LexicalDialect: MySQL's rules, with the
// backslash escapes of the sql_mode every dbls session pins.
func (Dialect) Lexical() sqltext.Dialect { return sqltext.MySQL }

// QuoteIdent quotes with backticks, doubling embedded backticks.
func (Dialect) QuoteIdent(name string) string { return drivers.QuoteWith('`', name) }

// Placeholder is always "?".
func (Dialect) Placeholder(int) string { return "?" }

// Databases lists the server's databases other than the system ones.
func (c *Conn) Databases(ctx context.Context) ([]string, error) {
	rows, err := c.db.QueryContext(ctx, `SELECT SCHEMA_NAME FROM information_schema.SCHEMATA
WHERE SCHEMA_NAME NOT IN ('information_schema', 'mysql', 'performance_schema', 'sys')
ORDER BY SCHEMA_NAME`)
	if err != nil {
		return nil, fmt.Errorf("mysql: list databases on %s: %w", c.params.Address(), err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, fmt.Errorf("mysql: list databases on %s: %w", c.params.Address(), err)
		}
		out = append(out, name)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("mysql: list databases on %s: %w", c.params.Address(), err)
	}
	return out, nil
}

// Schemas is Databases: in MySQL a schema is a database.
func (c *Conn) Schemas(ctx context.Context) ([]string, error) { return c.Databases(ctx) }

// Query runs req.SQL unmodified, paging as sqlexec does, on a dedicated
// connection that is killed on the server if ctx is cancelled.
func (c *Conn) Query(ctx context.Context, req drivers.Request) (*drivers.Result, error) {
	if c.params.ReadOnly {
		return c.queryReadOnly(ctx, req)
	}
	var res *drivers.Result
	err := c.killable(ctx, req.SQL, func(qctx context.Context, conn *sql.Conn) error {
		var err error
		res, err = sqlexec.Query(qctx, conn, sqltext.MySQL, req, mapError)
		return err
	})
	return res, err
}

// ExecStatement implements drivers.StatementExecer: query runs as one
// statement on the single-statement pool, whose sessions refuse a second.
// On a read-only connection it runs as Exec does there (readonly.go), once
// the text is known to be one statement.
func (c *Conn) ExecStatement(ctx context.Context, query string, args ...any) (int64, error) {
	if c.params.ReadOnly {
		if i := drivers.SecondStatement(sqltext.MySQL, query); i >= 0 {
			return 0, fmt.Errorf("mysql: a second statement starts at byte %d: %w", i, drivers.ErrMultipleStatements)
		}
		return c.execReadOnly(ctx, query, args...)
	}
	var n int64
	err := c.killableOn(ctx, c.singleDB, query, func(qctx context.Context, conn *sql.Conn) error {
		r, err := conn.ExecContext(qctx, query, args...)
		if err != nil {
			return mapError(query, err)
		}
		n, err = r.RowsAffected()
		return err
	})
	return n, err
}

// Exec runs a statement with bind parameters and returns the rows
// affected. Without args it may be a script of several statements;
// generated and copied SQL goes through ExecStatement instead.
func (c *Conn) Exec(ctx context.Context, query string, args ...any) (int64, error) {
	if c.params.ReadOnly {
		return c.execReadOnly(ctx, query, args...)
	}
	var n int64
	err := c.killable(ctx, query, func(qctx context.Context, conn *sql.Conn) error {
		r, err := conn.ExecContext(qctx, query, args...)
		if err != nil {
			return mapError(query, err)
		}
		n, err = r.RowsAffected()
		return err
	})
	return n, err
}

// killGrace is how long a killed statement may take to stop before its
// socket is closed as a last resort.
const killGrace = 5 * time.Second

// killable runs fn on a dedicated pooled connection. go-sql-driver reacts to
// a cancelled context only by closing the socket, which leaves the statement
// running on the server; so fn gets a context that is not cancelled with
// ctx, and when ctx ends a watcher sends KILL QUERY <id> from another
// connection. Should the server not stop the statement within killGrace,
// fn's context is cancelled too and the socket closed.
func (c *Conn) killable(ctx context.Context, query string, fn func(context.Context, *sql.Conn) error) error {
	return c.killableOn(ctx, c.db, query, fn)
}

// killableOn is killable on a connection of db.
func (c *Conn) killableOn(ctx context.Context, db *sql.DB, query string, fn func(context.Context, *sql.Conn) error) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("mysql: connect to %s: %w", c.params.Address(), err)
	}
	// database/sql exposes no connection id, so ask; one round trip.
	var id int64
	if err := conn.QueryRowContext(ctx, "SELECT CONNECTION_ID()").Scan(&id); err != nil {
		conn.Close()
		return contextOr(ctx, fmt.Errorf("mysql: connection id on %s: %w", c.params.Address(), err))
	}
	qctx, stop := context.WithCancel(context.WithoutCancel(ctx))
	defer stop()
	done := make(chan struct{})
	var killed bool
	var wg sync.WaitGroup
	wg.Go(func() {
		select {
		case <-done:
			return
		case <-ctx.Done():
		}
		killed = true
		c.kill(id)
		select {
		case <-done:
		case <-time.After(killGrace):
			stop()
		}
	})
	err = fn(qctx, conn)
	close(done)
	wg.Wait()
	// A read-only connection never reuses a session a statement ran on.
	c.release(conn, killed || c.params.ReadOnly || changesSession(query))
	if killed {
		return fmt.Errorf("mysql: statement cancelled (KILL QUERY %d sent): %w", id, ctx.Err())
	}
	return err
}

// kill stops the statement running on connection id.
func (c *Conn) kill(id int64) {
	ctx, cancel := context.WithTimeout(context.Background(), killGrace)
	defer cancel()
	// KILL takes no bind parameter; id is an integer we read, not user input.
	_, _ = c.killDB.ExecContext(ctx, fmt.Sprintf("KILL QUERY %d", id))
}

// release returns conn to the pool, or discards it when its session may be
// unusable: after a KILL (a kill that lands between statements would hit
// the next user of the connection) or after a statement that may have
// changed session state (USE, SET, LOCK, transactions, temporary tables),
// which database/sql cannot reset.
func (c *Conn) release(conn *sql.Conn, discard bool) {
	if discard {
		_ = conn.Raw(func(any) error { return driver.ErrBadConn })
	}
	conn.Close()
}

// changesSession guesses whether a request may leave state on its session.
func changesSession(query string) bool {
	return sqltext.Classify(sqltext.MySQL, query).Session
}

// contextOr prefers ctx's error, so that a cancelled call says so.
func contextOr(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return fmt.Errorf("%w (%w)", ctx.Err(), err)
	}
	return err
}

// Transact implements drivers.Transactor: f's statements share one
// transaction on one killable session of the single-statement pool.
func (c *Conn) Transact(ctx context.Context, f func(ctx context.Context, tx drivers.Execer) error) error {
	return c.killableOn(ctx, c.singleDB, "", func(qctx context.Context, conn *sql.Conn) error {
		if err := sqlexec.Transact(qctx, conn, mapError, f); err != nil {
			return fmt.Errorf("mysql: %w", err)
		}
		return nil
	})
}
