// Package mysql is the built-in dbls driver for MySQL (5.7, 8.x) and MariaDB
// (10.x, 11.x). It owns connecting through github.com/go-sql-driver/mysql
// with a bounded database/sql pool, reading the catalog from
// information_schema into a schema.Snapshot in a fixed number of queries,
// normalizing the spellings on which MySQL and MariaDB differ (column
// defaults above all), running user statements with paging, and cancelling
// them on the server with KILL QUERY.
//
// The flavor (MySQL or MariaDB, and its version) comes from the server's
// version string at Open, never from the URL scheme: mysql:// and
// mariadb:// are the same driver.
package mysql

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"
	"time"

	gomysql "github.com/go-sql-driver/mysql"

	"github.com/dbls/dbls/drivers"
)

// Pool bounds. A language server keeps a few connections per database; a
// snapshot runs its catalog queries in parallel on up to maxOpen of them.
const (
	maxOpen        = 8
	maxOpenSingle  = 2 // the single-statement pool: plans, view and record commands
	maxIdle        = 4
	connMaxLife    = 30 * time.Minute
	connMaxIdle    = 5 * time.Minute
	defaultTimeout = 10 * time.Second
)

func init() { drivers.Register(Driver{}) }

// Driver is the MySQL/MariaDB driver. The registered value knows no server;
// ForTarget returns one that renders for the target's flavor.
type Driver struct {
	// flavor is flavorMySQL, flavorMariaDB or "" (unknown: SQL that runs
	// on both).
	flavor string
}

// Manifest describes the driver.
func (Driver) Manifest() drivers.Manifest {
	return drivers.Manifest{
		ID:          "mysql",
		Aliases:     []string{"mariadb"},
		Name:        "MySQL / MariaDB",
		Version:     "1.0.0",
		Description: "MySQL 5.7/8.x and MariaDB 10.x/11.x over TCP (github.com/go-sql-driver/mysql)",
		DefaultPort: 3306,
		Capabilities: drivers.Capabilities{
			Schemas:   true, // a MySQL schema is a database
			Views:     true,
			Routines:  true,
			Triggers:  true,
			Comments:  true,
			Sequences: true, // MariaDB 10.3+; MySQL has none

			TransactionalDDL: false,
		},
		DataTypes:  dataTypes,
		URLExample: "mysql://user:password@localhost:3306/shop?tls=preferred&timeout=10s",
	}
}

var dataTypes = []drivers.DataType{
	{Name: "tinyint", Category: "numeric", Params: "(m)"},
	{Name: "smallint", Category: "numeric", Params: "(m)"},
	{Name: "mediumint", Category: "numeric", Params: "(m)"},
	{Name: "int", Category: "numeric", Aliases: []string{"integer"}, Params: "(m)"},
	{Name: "bigint", Category: "numeric", Params: "(m)"},
	{Name: "decimal", Category: "numeric", Aliases: []string{"numeric", "dec", "fixed"}, Params: "(p,s)"},
	{Name: "float", Category: "numeric", Params: "(p)"},
	{Name: "double", Category: "numeric", Aliases: []string{"double precision", "real"}},
	{Name: "bit", Category: "numeric", Params: "(n)"},
	{Name: "boolean", Category: "boolean", Aliases: []string{"bool"}},
	{Name: "char", Category: "text", Params: "(n)"},
	{Name: "varchar", Category: "text", Params: "(n)"},
	{Name: "tinytext", Category: "text"},
	{Name: "text", Category: "text"},
	{Name: "mediumtext", Category: "text"},
	{Name: "longtext", Category: "text"},
	{Name: "enum", Category: "text", Params: "('a','b',…)"},
	{Name: "set", Category: "text", Params: "('a','b',…)"},
	{Name: "binary", Category: "binary", Params: "(n)"},
	{Name: "varbinary", Category: "binary", Params: "(n)"},
	{Name: "tinyblob", Category: "binary"},
	{Name: "blob", Category: "binary"},
	{Name: "mediumblob", Category: "binary"},
	{Name: "longblob", Category: "binary"},
	{Name: "date", Category: "datetime"},
	{Name: "time", Category: "datetime", Params: "(fsp)"},
	{Name: "datetime", Category: "datetime", Params: "(fsp)"},
	{Name: "timestamp", Category: "datetime", Params: "(fsp)"},
	{Name: "year", Category: "datetime"},
	{Name: "json", Category: "json"},
	{Name: "geometry", Category: "other"},
	{Name: "point", Category: "other"},
	{Name: "linestring", Category: "other"},
	{Name: "polygon", Category: "other"},
	{Name: "uuid", Category: "other"},  // MariaDB 10.7+
	{Name: "inet4", Category: "other"}, // MariaDB 10.10+
	{Name: "inet6", Category: "other"}, // MariaDB 10.5+
}

// Open connects, pings and reads the server version.
func (Driver) Open(ctx context.Context, p drivers.Params) (drivers.Conn, error) {
	cfg, err := config(p)
	if err != nil {
		return nil, fmt.Errorf("mysql: %s: %w", p, err)
	}
	connector, err := newConnector(p, cfg)
	if err != nil {
		return nil, err
	}
	// Generated and copied SQL (plans, view and record commands) runs on
	// a pool of its own whose sessions cannot run several statements in
	// one request; scripts (schema files, fixtures, a user's SQL) keep
	// multi-statements on the main pool.
	single := cfg.Clone()
	single.MultiStatements = false
	singleConnector, err := newConnector(p, single)
	if err != nil {
		return nil, err
	}
	c := newConn(p, connector, singleConnector)
	// The dial timeout does not cover the handshake: a server that accepts
	// the connection and then says nothing must not hang the caller.
	startCtx, cancel := context.WithTimeout(ctx, cfg.Timeout)
	defer cancel()
	if err := c.start(startCtx); err != nil {
		c.Close()
		return nil, openError(p, err)
	}
	return c, nil
}

// newConnector makes the connector for one pool: read-only when p says
// so, wrapped by the test hook.
func newConnector(p drivers.Params, cfg *gomysql.Config) (driver.Connector, error) {
	connector, err := gomysql.NewConnector(cfg)
	if err != nil {
		return nil, fmt.Errorf("mysql: %s: %w", p, err)
	}
	if p.ReadOnly {
		connector = readOnlyConnector{connector}
	}
	if connectorHook != nil {
		connector = connectorHook(connector)
	}
	return connector, nil
}

// readOnlyConnector makes every session read-only as it is opened. MariaDB
// and MySQL name the variable differently (tx_read_only,
// transaction_read_only); this statement works on both.
type readOnlyConnector struct{ driver.Connector }

func (c readOnlyConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.Connector.Connect(ctx)
	if err != nil {
		return nil, err
	}
	ex, ok := conn.(driver.ExecerContext)
	if !ok {
		conn.Close()
		return nil, errors.New("mysql: connection cannot execute statements")
	}
	if _, err := ex.ExecContext(ctx, "SET SESSION TRANSACTION READ ONLY", nil); err != nil {
		conn.Close()
		return nil, fmt.Errorf("mysql: make session read-only: %w", err)
	}
	return conn, nil
}

// connectorHook lets tests wrap the connector (to count statements); nil in
// production.
var connectorHook func(driver.Connector) driver.Connector

// config builds the go-sql-driver configuration from p. Recognized options:
// timeout or connect_timeout (dial and handshake), readTimeout, writeTimeout (Go durations or seconds) and tls
// (true, false, skip-verify, preferred). Other options are left to the
// layers that handle them (tunnels) and ignored here.
func config(p drivers.Params) (*gomysql.Config, error) {
	cfg := gomysql.NewConfig()
	cfg.Net = "tcp"
	cfg.Addr = net.JoinHostPort(p.Host, strconv.Itoa(p.Port))
	cfg.User = p.User
	cfg.Passwd = p.Password
	cfg.DBName = p.Database
	cfg.ParseTime = true
	cfg.Loc = time.UTC
	cfg.InterpolateParams = false // values always travel as bind parameters
	cfg.MultiStatements = true    // fixture and migration scripts run as one request (not on the single-statement pool)
	if p.ReadOnly {
		// One statement per request: see readonly.go.
		cfg.MultiStatements = false
	}
	// Pin the session's sql_mode to one dbls's SQL is written for: the
	// server's mode without the parts that change how literals and quotes
	// read. Every pooled session runs this SET as it is opened.
	cfg.Params = map[string]string{"sql_mode": pinnedSQLMode}
	// Affected rows count matched rows, as on PostgreSQL and SQLite: an
	// update that writes equal values still reports the row it found.
	cfg.ClientFoundRows = true
	cfg.Logger = &gomysql.NopLogger{}
	if err := cfg.Apply(gomysql.Charset("utf8mb4", "")); err != nil {
		return nil, err
	}
	var err error
	// connect_timeout is the name the PostgreSQL driver (and libpq) use;
	// both spellings work so that one URL habit serves every server.
	if cfg.Timeout, err = duration(p, "connect_timeout", defaultTimeout); err != nil {
		return nil, err
	}
	if cfg.Timeout, err = duration(p, "timeout", cfg.Timeout); err != nil {
		return nil, err
	}
	if cfg.ReadTimeout, err = duration(p, "readTimeout", 0); err != nil {
		return nil, err
	}
	if cfg.WriteTimeout, err = duration(p, "writeTimeout", 0); err != nil {
		return nil, err
	}
	switch v := p.Option("tls", ""); v {
	case "", "false", "true", "skip-verify", "preferred":
		cfg.TLSConfig = v
	default:
		return nil, fmt.Errorf("option tls=%q: want true, false, skip-verify or preferred", v)
	}
	if p.TLS != nil {
		if cfg.TLS, err = p.TLS.Config(p.Host); err != nil {
			return nil, err
		}
		cfg.TLSConfig = ""
		if cfg.TLS == nil {
			cfg.TLSConfig = "false"
		}
	}
	if p.Dial != nil {
		cfg.DialFunc = p.Dial
	}
	return cfg, nil
}

// duration reads an option as a Go duration ("5s") or whole seconds ("5").
func duration(p drivers.Params, key string, def time.Duration) (time.Duration, error) {
	v := p.Option(key, "")
	if v == "" {
		return def, nil
	}
	if n, err := strconv.Atoi(v); err == nil && n >= 0 {
		return time.Duration(n) * time.Second, nil
	}
	d, err := time.ParseDuration(v)
	if err != nil || d < 0 {
		return 0, fmt.Errorf("option %s=%q: want a duration such as 10s", key, v)
	}
	return d, nil
}

// openError names the server and database in a connection failure and adds
// a hint for the common causes. p.String() is the redacted URL, and neither
// go-sql-driver nor the server ever echo the password.
func openError(p drivers.Params, err error) error {
	where := "server " + p.Address()
	if p.Database != "" {
		where += ", database " + strconv.Quote(p.Database)
	}
	var me *gomysql.MySQLError
	if errors.As(err, &me) {
		switch me.Number {
		case 1044, 1045, 1698:
			return fmt.Errorf("mysql: %s: authentication failed for user %q%s: %w", where, p.User, tlsAuthHint(p), err)
		case 1049:
			return fmt.Errorf("mysql: %s: database %q does not exist: %w", where, p.Database, err)
		}
		return fmt.Errorf("mysql: %s: %w", where, err)
	}
	if what, cause := drivers.TLSCertificateProblem(err); cause != nil {
		return fmt.Errorf("mysql: %s: %s: %w", where, what, err)
	}
	var ne net.Error
	if errors.As(err, &ne) || strings.Contains(err.Error(), "connection refused") {
		return fmt.Errorf("mysql: %s: server unreachable: %w", where, err)
	}
	return fmt.Errorf("mysql: %s: %w", where, err)
}

// tlsAuthHint adds to an access-denied error what the server does not say:
// that the account may require TLS or a client certificate (REQUIRE SSL,
// REQUIRE X509) which this connection did not offer. It only speaks when
// the TLS options were set explicitly.
func tlsAuthHint(p drivers.Params) string {
	switch {
	case p.TLS == nil:
		return ""
	case p.TLS.Mode == drivers.TLSDisable:
		return " (TLS is disabled for this connection; the account may require TLS)"
	case p.TLS.CertFile == "":
		return " (no client certificate was sent; the account may require one)"
	}
	return ""
}

// flavor is what the server is, from its version string.
type flavor struct {
	mariaDB             bool
	major, minor, patch int
}

// parseFlavor reads "10.11.19-MariaDB-0+deb12u1", "8.0.36",
// "5.5.5-10.6.12-MariaDB" (the replication-compatible prefix older MariaDB
// sent) and "8.0.36-0ubuntu0.22.04.1".
func parseFlavor(version string) flavor {
	f := flavor{mariaDB: strings.Contains(strings.ToLower(version), "mariadb")}
	v := version
	if f.mariaDB && strings.HasPrefix(v, "5.5.5-") {
		v = v[len("5.5.5-"):]
	}
	if i := strings.IndexFunc(v, func(r rune) bool { return r != '.' && (r < '0' || r > '9') }); i >= 0 {
		v = v[:i]
	}
	parts := strings.Split(v, ".")
	nums := []*int{&f.major, &f.minor, &f.patch}
	for i := 0; i < len(parts) && i < len(nums); i++ {
		*nums[i], _ = strconv.Atoi(parts[i])
	}
	return f
}

// atLeast reports whether the version is maj.min.pat or later.
func (f flavor) atLeast(maj, min, pat int) bool {
	if f.major != maj {
		return f.major > maj
	}
	if f.minor != min {
		return f.minor > min
	}
	return f.patch >= pat
}

// hasSequences: MariaDB 10.3+ sequences (TABLE_TYPE 'SEQUENCE').
func (f flavor) hasSequences() bool { return f.mariaDB && f.atLeast(10, 3, 0) }

// hasCheckConstraints: information_schema.CHECK_CONSTRAINTS exists.
func (f flavor) hasCheckConstraints() bool {
	if f.mariaDB {
		return f.atLeast(10, 2, 22)
	}
	return f.atLeast(8, 0, 16)
}

// hasCheckLevel: MariaDB's CHECK_CONSTRAINTS.LEVEL tells column checks
// from table checks.
func (f flavor) hasCheckLevel() bool { return f.mariaDB && f.atLeast(10, 5, 10) }

// invisibleIndex is the STATISTICS expression that is true for an index
// the optimizer does not use: MySQL 8.0 INVISIBLE (IS_VISIBLE), MariaDB
// 10.6 IGNORED.
func (f flavor) invisibleIndex() string {
	switch {
	case f.mariaDB && f.atLeast(10, 6, 0):
		return "IGNORED = 'YES'"
	case !f.mariaDB && f.atLeast(8, 0, 0):
		return "IS_VISIBLE = 'NO'"
	}
	return "FALSE"
}

// hasIndexExpressions: MySQL 8.0.13 functional key parts
// (STATISTICS.EXPRESSION).
func (f flavor) hasIndexExpressions() bool { return !f.mariaDB && f.atLeast(8, 0, 13) }

// pinnedSQLMode is the value of the SET sql_mode = … every session runs
// as it connects: the server's default mode without NO_BACKSLASH_ESCAPES
// (view bodies, defaults and checks are MySQL's own rendering, which
// escapes with backslashes) and without ANSI_QUOTES or the combination
// modes that imply it (backticks stay identifiers either way, but a
// double-quoted string would become a name). The rest of the server's
// mode (strictness, ONLY_FULL_GROUP_BY, …) is kept.
var pinnedSQLMode = func() string {
	expr := "CONCAT(',', @@SESSION.sql_mode, ',')"
	for _, m := range []string{"NO_BACKSLASH_ESCAPES", "ANSI_QUOTES", "ANSI", "ORACLE", "MSSQL", "DB2", "POSTGRESQL", "MAXDB"} {
		expr = "REPLACE(" + expr + ", '," + m + ",', ',')"
	}
	return "TRIM(BOTH ',' FROM " + expr + ")"
}()
