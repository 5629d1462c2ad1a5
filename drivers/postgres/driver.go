// Package postgres is the built-in PostgreSQL driver of dbls. It owns
// everything dbls knows about talking to PostgreSQL: turning drivers.Params
// into a pooled pgx connection, reading the catalog (pg_catalog, every
// non-system schema) into a schema.Snapshot with a fixed number of queries,
// executing user SQL page by page without rewriting it, cancelling running
// statements on the server, and the PostgreSQL dialect (quoting, $n
// placeholders) used by generated SQL.
//
// The catalog read: catalog*.go hold the queries, snapshot.go runs them in
// one transaction and builds the snapshot from their rows, parallel.go
// reads the later half on a second session sharing the transaction's
// snapshot, and deparse.go writes plain index and key definitions from
// their parts as the server would.
//
// Import it for its side effect; init registers the driver as "postgres"
// with the aliases "postgresql" and "pg".
package postgres

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"net"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgconn/ctxwatch"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/dbls/dbls/drivers"
)

func init() {
	drivers.Register(Driver{})
}

// Driver opens PostgreSQL connections. Its zero value is ready to use.
type Driver struct{}

// Manifest describes the driver.
func (Driver) Manifest() drivers.Manifest {
	return drivers.Manifest{
		ID:          "postgres",
		Aliases:     []string{"postgresql", "pg"},
		Name:        "PostgreSQL",
		Version:     "1.0.0",
		Description: "PostgreSQL 13 and later, through pgx",
		DefaultPort: 5432,
		Capabilities: drivers.Capabilities{
			Schemas:          true,
			Views:            true,
			Routines:         true,
			Triggers:         true,
			Sequences:        true,
			Comments:         true,
			FileBased:        false,
			TransactionalDDL: true,
		},
		DataTypes:  dataTypes,
		URLExample: "postgres://user:password@localhost:5432/dbname?sslmode=disable",
	}
}

// Dialect is the PostgreSQL dialect, also available before connecting.
func (Driver) Dialect() drivers.Dialect { return Dialect{} }

// Open connects to the database p names and checks that it answers.
func (Driver) Open(ctx context.Context, p drivers.Params) (drivers.Conn, error) {
	return open(ctx, p)
}

// option adjusts the pool configuration. It exists so tests can install a
// query tracer without a package-level hook.
type option func(*pgxpool.Config)

func withTracer(t pgx.QueryTracer) option {
	return func(c *pgxpool.Config) { c.ConnConfig.Tracer = t }
}

func open(ctx context.Context, p drivers.Params, opts ...option) (*Conn, error) {
	cfg, err := poolConfig(p)
	if err != nil {
		return nil, openError(p, "invalid connection parameters", err)
	}
	for _, o := range opts {
		o(cfg)
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, openError(p, "create connection pool", err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, openError(p, "cannot connect", err)
	}
	return &Conn{pool: pool, params: p}, nil
}

// Connection options passed through to pgx. Anything else in Params.Options
// belongs to other layers of dbls (tunnels, the store) and must not reach
// the server, where an unknown startup parameter is a fatal error.
var passThrough = []string{
	"sslmode", "sslrootcert", "sslcert", "sslkey", "sslpassword", "sslcertmode",
	"sslsni", "sslnegotiation", "channel_binding",
	"connect_timeout", "application_name", "target_session_attrs", "options",
	"search_path", "timezone",
	"default_query_exec_mode", "statement_cache_capacity", "description_cache_capacity",
	"pool_max_conns", "pool_min_conns", "pool_max_conn_lifetime",
	"pool_max_conn_idle_time", "pool_health_check_period",
}

const defaultConnectTimeout = "10" // seconds; an unreachable host must not hang an editor

// Pool bounds unless the URL sets pool_max_conns / pool_max_conn_idle_time.
const (
	defaultMaxConns    = 8
	defaultMaxConnIdle = 5 * time.Minute
)

// poolConfig builds the pgx pool configuration. The password is set on the
// parsed configuration rather than written into the connection string, so
// that no parse error can ever echo it.
func poolConfig(p drivers.Params) (*pgxpool.Config, error) {
	kv := map[string]string{
		"host":             p.Host,
		"user":             p.User,
		"dbname":           p.Database,
		"application_name": "dbls",
		"connect_timeout":  defaultConnectTimeout,
	}
	if p.Port != 0 {
		kv["port"] = strconv.Itoa(p.Port)
	}
	for _, k := range passThrough {
		if v, ok := p.Options[k]; ok {
			kv[k] = v
		}
	}
	cfg, err := pgxpool.ParseConfig(keywordValue(kv))
	if err != nil {
		return nil, err
	}
	if p.Password != "" {
		cfg.ConnConfig.Password = p.Password
	}
	// An editor keeps a connection open for hours and uses it in bursts:
	// hold few server sessions, and give back the ones that sit idle (the
	// same bounds as the MySQL driver). pgx's health check, which closes
	// them, stays on.
	if _, ok := p.Options["pool_max_conns"]; !ok {
		cfg.MaxConns = defaultMaxConns
	}
	if _, ok := p.Options["pool_max_conn_idle_time"]; !ok {
		cfg.MaxConnIdleTime = defaultMaxConnIdle
	}
	// Never hand out a session the server has already closed (after a
	// restart, say): see shouldPing.
	cfg.ShouldPing = shouldPing
	pinSession(&cfg.ConnConfig.Config)
	if err := applyTransport(cfg, p); err != nil {
		return nil, err
	}
	// pgx's default only sets a deadline on the socket when a context ends,
	// which leaves the statement running on the server. dbls promises that
	// cancelling a query stops it, so send a cancel request right away.
	cfg.ConnConfig.BuildContextWatcherHandler = func(pc *pgconn.PgConn) ctxwatch.Handler {
		return &pgconn.CancelRequestContextWatcherHandler{Conn: pc, DeadlineDelay: 5 * time.Second}
	}
	return cfg, nil
}

// applyTransport installs the TLS configuration and dialer that the
// connection layer (config, tunnels) put in p. A TLS setting there replaces
// sslmode entirely, without pgx's plaintext fallbacks: verify-full must not
// quietly become an unencrypted connection.
func applyTransport(cfg *pgxpool.Config, p drivers.Params) error {
	cc := &cfg.ConnConfig.Config
	if p.TLS != nil {
		tc, err := p.TLS.Config(p.Host)
		if err != nil {
			return err
		}
		cc.TLSConfig = tc
		cc.Fallbacks = nil
	}
	if p.ReadOnly {
		// Every transaction starts read-only; the server refuses writes.
		cc.RuntimeParams["default_transaction_read_only"] = "on"
		readOnlyPool(cfg)
	}
	if p.Dial != nil {
		cc.DialFunc = pgconn.DialFunc(p.Dial)
		// The tunnel resolves names at its far end.
		cc.LookupFunc = func(_ context.Context, host string) ([]string, error) { return []string{host}, nil }
	}
	return nil
}

// keywordValue renders a libpq keyword/value connection string, quoting
// every value so that spaces and quotes in names are safe.
func keywordValue(kv map[string]string) string {
	var b strings.Builder
	for _, k := range slices.Sorted(maps.Keys(kv)) {
		v := kv[k]
		if v == "" {
			continue
		}
		v = strings.ReplaceAll(v, `\`, `\\`)
		v = strings.ReplaceAll(v, `'`, `\'`)
		fmt.Fprintf(&b, "%s='%s' ", k, v)
	}
	return strings.TrimSpace(b.String())
}

// connectError is a failure to open a connection. Its message names the
// server, database and user but never the password; Unwrap still gives the
// pgx error for errors.As.
type connectError struct {
	msg string
	err error
}

func (e *connectError) Error() string { return e.msg }
func (e *connectError) Unwrap() error { return e.err }

func openError(p drivers.Params, what string, err error) error {
	target := fmt.Sprintf("database %q on %s", p.Database, p.Address())
	if p.User != "" {
		target += fmt.Sprintf(" as user %q", p.User)
	}
	msg := fmt.Sprintf("postgres: %s to %s: %s", what, target, describeConnectError(err))
	if p.Password != "" {
		msg = strings.ReplaceAll(msg, p.Password, "xxxxx")
	}
	return &connectError{msg: msg, err: err}
}

// describeConnectError keeps the part of a pgx connect error a user can act
// on: the server's own message, or the network failure.
func describeConnectError(err error) string {
	if what, cause := drivers.TLSCertificateProblem(err); cause != nil {
		return what + ": " + cause.Error()
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return fmt.Sprintf("%s (SQLSTATE %s)", pe.Message, pe.Code)
	}
	var ne *net.OpError
	if errors.As(err, &ne) {
		return "server unreachable: " + ne.Error()
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return "timed out: " + err.Error()
	}
	return err.Error()
}
