package drivertest

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	_ "github.com/go-sql-driver/mysql" // server setup only; the dbls driver is tested through its own code
	"github.com/jackc/pgx/v5"
)

// Addresses of the test servers (design.md, "How we build"). They can be
// moved with DBLS_TEST_PG and DBLS_TEST_MYSQL, given as host:port.
var (
	PostgresAddr = envOr("DBLS_TEST_PG", "127.0.0.1:5432")
	MySQLAddr    = envOr("DBLS_TEST_MYSQL", "127.0.0.1:3306")
)

func envOr(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}

// Unavailable skips the test because a server it needs is not running, or
// fails it when DBLS_REQUIRE_SERVERS=1 (as CI sets).
func Unavailable(t testing.TB, what string, err error) {
	t.Helper()
	if os.Getenv("DBLS_REQUIRE_SERVERS") == "1" {
		t.Fatalf("%s is required (DBLS_REQUIRE_SERVERS=1) but unavailable: %v", what, err)
	}
	t.Skipf("%s unavailable, skipping: %v", what, err)
}

var seq atomic.Int64

// UniqueName returns a database name no other test of this run uses.
func UniqueName(prefix string) string {
	return fmt.Sprintf("%s_%d_%d_%d", prefix, os.Getpid(), time.Now().UnixNano()%1e9, seq.Add(1))
}

// PostgresURL creates an empty database on the test PostgreSQL server, drops
// it when the test ends, and returns its dbls URL.
func PostgresURL(t testing.TB) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	admin := "postgres://postgres@" + PostgresAddr + "/postgres?sslmode=disable"
	conn, err := pgx.Connect(ctx, admin)
	if err != nil {
		Unavailable(t, "PostgreSQL at "+PostgresAddr, err)
	}
	defer conn.Close(ctx)
	name := UniqueName("dbls_test")
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatalf("create database %s: %v", name, err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		c, err := pgx.Connect(ctx, admin)
		if err != nil {
			t.Logf("drop database %s: %v", name, err)
			return
		}
		defer c.Close(ctx)
		if _, err := c.Exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			t.Logf("drop database %s: %v", name, err)
		}
	})
	return "postgres://postgres@" + PostgresAddr + "/" + name + "?sslmode=disable"
}

// MySQLURL creates an empty database on the test MySQL/MariaDB server, drops
// it when the test ends, and returns its dbls URL.
func MySQLURL(t testing.TB) string {
	t.Helper()
	db, err := sql.Open("mysql", "root@tcp("+MySQLAddr+")/")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := db.PingContext(ctx); err != nil {
		Unavailable(t, "MySQL/MariaDB at "+MySQLAddr, err)
	}
	name := UniqueName("dbls_test")
	if _, err := db.ExecContext(ctx, "CREATE DATABASE `"+name+"` CHARACTER SET utf8mb4"); err != nil {
		t.Fatalf("create database %s: %v", name, err)
	}
	t.Cleanup(func() {
		db, err := sql.Open("mysql", "root@tcp("+MySQLAddr+")/")
		if err != nil {
			return
		}
		defer db.Close()
		if _, err := db.Exec("DROP DATABASE IF EXISTS `" + name + "`"); err != nil {
			t.Logf("drop database %s: %v", name, err)
		}
	})
	return "mysql://root@" + MySQLAddr + "/" + name
}

// SQLiteURL returns the URL of a new, empty SQLite database file in a
// temporary directory (created on first open through the mode=rwc option).
func SQLiteURL(t testing.TB) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "test.db")
	return "sqlite:" + filepath.ToSlash(path) + "?mode=rwc"
}

// Quote doubles q inside s and wraps it, for test fixtures that build SQL.
func Quote(q byte, s string) string {
	return string(q) + strings.ReplaceAll(s, string(q), string(q)+string(q)) + string(q)
}
