package drivertest

// Private test servers: a fresh PostgreSQL or MariaDB instance for one test,
// which the test may stop, start and restart, to check what a driver does
// when the server goes away under an open pool. They speak plain TCP (no
// TLS) on 127.0.0.1 and share the process plumbing of tlsservers.go:
// option files are never read, sockets and data live in a temporary
// directory, and every process dies with the test binary (parent-death
// signal). t.Cleanup stops the server and removes its directory.

import (
	"context"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// PrivateServer is a test's own database server on 127.0.0.1. Its methods
// are safe for concurrent use.
type PrivateServer struct {
	// Engine is "postgres" or "mariadb".
	Engine string
	Host   string
	Port   int
	// Database is a database created for the test; User (no password)
	// owns it and every other object on the server.
	Database, User string

	name  string // process name in errors
	dir   string // temporary directory: data, socket, log
	start func() (*serverProc, error)

	mu   sync.Mutex
	proc *serverProc // nil while stopped
}

// Addr is host:port.
func (s *PrivateServer) Addr() string { return net.JoinHostPort(s.Host, strconv.Itoa(s.Port)) }

// URL is the dbls URL of Database as User.
func (s *PrivateServer) URL() string {
	if s.Engine == "postgres" {
		return "postgres://" + s.User + "@" + s.Addr() + "/" + s.Database + "?sslmode=disable"
	}
	return "mysql://" + s.User + "@" + s.Addr() + "/" + s.Database
}

// Stop shuts the server down (PostgreSQL's fast shutdown, which ends open
// sessions; MariaDB's normal one) and waits for it to exit. Stopping a
// stopped server does nothing.
func (s *PrivateServer) Stop() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.proc == nil {
		return nil
	}
	err := s.proc.stop()
	s.proc = nil
	return err
}

// Start starts a stopped server again, on the same port and data
// directory, and waits until it answers. Starting a running server does
// nothing.
func (s *PrivateServer) Start() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.proc != nil {
		return nil
	}
	proc, err := s.start()
	if err != nil {
		return err
	}
	s.proc = proc
	return nil
}

// Restart is Stop then Start.
func (s *PrivateServer) Restart() error {
	if err := s.Stop(); err != nil {
		return err
	}
	return s.Start()
}

// LogTail returns the last n lines of the server's log, for failure
// messages.
func (s *PrivateServer) LogTail(n int) string {
	return logTail(filepath.Join(s.dir, s.name+".log"), n)
}

// privateDir makes a temporary directory that a server running as another
// OS user can reach, removed (after the server is stopped) when t ends.
func privateDir(t testing.TB, prefix string) string {
	t.Helper()
	dir, err := os.MkdirTemp("", prefix)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		os.RemoveAll(dir)
		t.Fatal(err)
	}
	return dir
}

// register arranges for s to be stopped and its directory removed when t
// ends.
func (s *PrivateServer) register(t testing.TB) {
	t.Cleanup(func() {
		if err := s.Stop(); err != nil {
			t.Errorf("stop private %s: %v", s.Engine, err)
		}
		if err := os.RemoveAll(s.dir); err != nil {
			t.Errorf("remove %s: %v", s.dir, err)
		}
	})
}

// setupTimeout bounds the statements that prepare a new server.
const setupTimeout = 30 * time.Second

// PrivatePostgres starts a new PostgreSQL instance for t on a free port,
// with the superuser postgres (no password; pg_hba.conf trusts 127.0.0.1
// and the Unix socket) and the database "postgres". Without the server
// binaries the test is skipped (or fails with DBLS_REQUIRE_SERVERS=1).
func PrivatePostgres(t testing.TB) *PrivateServer {
	t.Helper()
	bin, cred, err := postgresTools()
	if err != nil {
		Unavailable(t, "PostgreSQL server binaries", err)
	}
	dir := privateDir(t, "dbls-pg-")
	s := &PrivateServer{Engine: "postgres", Host: "127.0.0.1", Database: "postgres", User: "postgres",
		name: "postgres", dir: dir}
	s.register(t)
	data, err := initPostgres(bin, cred, dir, privatePgHBA)
	if err != nil {
		t.Fatalf("private PostgreSQL: %v", err)
	}
	if s.Port, err = freePort(); err != nil {
		t.Fatal(err)
	}
	s.start = func() (*serverProc, error) {
		return startPostgres(launch, "postgres-private", bin, cred, dir, data, s.Port)
	}
	if err := s.Start(); err != nil {
		t.Fatalf("private PostgreSQL: %v", err)
	}
	// The TCP path the driver takes must work, not only the socket.
	ctx, cancel := context.WithTimeout(context.Background(), setupTimeout)
	defer cancel()
	c, err := pgx.Connect(ctx, "postgres://postgres@"+s.Addr()+"/postgres?sslmode=disable&connect_timeout=3")
	if err != nil {
		t.Fatalf("private PostgreSQL: connect over TCP: %v\n%s", err, s.LogTail(20))
	}
	c.Close(ctx)
	return s
}

const privatePgHBA = `# dbls private test server
local all all              trust
host  all all 127.0.0.1/32 trust
`

// PrivateMariaDB starts a new MariaDB instance for t on a free port, with
// root@127.0.0.1 (no password, all privileges) and a database of its own.
// Without the server binaries the test is skipped (or fails with
// DBLS_REQUIRE_SERVERS=1).
func PrivateMariaDB(t testing.TB) *PrivateServer {
	t.Helper()
	return PrivateMariaDBWith(t)
}

// PrivateMariaDBWith is PrivateMariaDB with extra server options, such as
// "--sql-mode=NO_BACKSLASH_ESCAPES": a global setting a test must never
// make on the shared server.
func PrivateMariaDBWith(t testing.TB, options ...string) *PrivateServer {
	t.Helper()
	server, install, err := mariadbTools()
	if err != nil {
		Unavailable(t, "MariaDB server binaries", err)
	}
	dir := privateDir(t, "dbls-mariadb-")
	s := &PrivateServer{Engine: "mariadb", Host: "127.0.0.1", Database: "dbls_private", User: "root",
		name: "mariadbd", dir: dir}
	s.register(t)
	data := filepath.Join(dir, "data")
	sock := filepath.Join(dir, "mysqld.sock")
	if err := installMariaDB(install, data); err != nil {
		t.Fatalf("private MariaDB: %v", err)
	}
	if s.Port, err = freePort(); err != nil {
		t.Fatal(err)
	}
	setUp := false
	s.start = func() (*serverProc, error) {
		proc, db, err := startMariaDB(launch, "mariadb-private", server, dir, data, sock, s.Port, options...)
		if err != nil {
			return nil, err
		}
		defer db.Close()
		if setUp {
			return proc, nil
		}
		// First start: let root in over TCP and create the database.
		ctx, cancel := context.WithTimeout(context.Background(), setupTimeout)
		defer cancel()
		for _, stmt := range append(mariadbRootTCP(), "CREATE DATABASE `"+s.Database+"` CHARACTER SET utf8mb4") {
			if _, err := db.ExecContext(ctx, stmt); err != nil {
				_ = proc.stop()
				return nil, proc.failure("set up", err)
			}
		}
		setUp = true
		return proc, nil
	}
	if err := s.Start(); err != nil {
		t.Fatalf("private MariaDB: %v", err)
	}
	return s
}
