package faultproxy_test

import (
	"context"
	"database/sql"
	"strings"
	"testing"
	"time"

	_ "github.com/go-sql-driver/mysql"
	"github.com/jackc/pgx/v5"

	"github.com/dbls/dbls/drivers/drivertest"
	"github.com/dbls/dbls/drivers/drivertest/faultproxy"
)

// pgURL is a pgx URL of a new database of the test server.
func pgURL(t *testing.T) string {
	return drivertest.PostgresURL(t)
}

func pgTableExists(t *testing.T, url, table string) bool {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	c, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	var ok bool
	if err := c.QueryRow(ctx, "SELECT to_regclass($1) IS NOT NULL", table).Scan(&ok); err != nil {
		t.Fatal(err)
	}
	return ok
}

// TestPostgresCommit cuts at the COMMIT of a transaction that creates a
// table: after the reply, the table exists though the client saw an error;
// before sending, it does not.
func TestPostgresCommit(t *testing.T) {
	url := pgURL(t)
	for _, tc := range []struct {
		when   faultproxy.When
		exists bool
	}{{faultproxy.AfterReply, true}, {faultproxy.BeforeSend, false}} {
		p := faultproxy.Start(t, faultproxy.Postgres, drivertest.PostgresAddr)
		p.CutAt(faultproxy.Rule{Contains: "commit", When: tc.when})
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		c, err := pgx.Connect(ctx, p.Route(url))
		if err != nil {
			t.Fatal(err)
		}
		table := "t_" + strings.ReplaceAll(time.Now().Format("150405.000000"), ".", "_")
		tx, err := c.Begin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := tx.Exec(ctx, "CREATE TABLE "+table+" (id int)"); err != nil {
			t.Fatal(err)
		}
		err = tx.Commit(ctx)
		cancel()
		if err == nil {
			t.Fatalf("when %d: commit succeeded through a cut connection", tc.when)
		}
		if !p.Fired() {
			t.Fatalf("when %d: the rule did not fire; matched %q", tc.when, p.Matched())
		}
		if got := pgTableExists(t, url, table); got != tc.exists {
			t.Errorf("when %d: table exists = %v after the cut, want %v (commit error: %v)", tc.when, got, tc.exists, err)
		}
		// New connections pass.
		if got := pgTableExists(t, p.Route(url), table); got != tc.exists {
			t.Errorf("when %d: through the proxy after the cut: exists = %v", tc.when, got)
		}
	}
}

// TestMySQLNth cuts after the reply to the 2nd CREATE TABLE: both tables
// exist, though the client saw the second fail.
func TestMySQLNth(t *testing.T) {
	url := drivertest.MySQLURL(t)
	dbName := url[strings.LastIndex(url, "/")+1:]
	p := faultproxy.Start(t, faultproxy.MySQL, drivertest.MySQLAddr)
	p.CutAt(faultproxy.Rule{Contains: "CREATE TABLE", Nth: 2})
	db, err := sql.Open("mysql", "root@tcp("+p.Addr()+")/"+dbName+"?tls=false")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	for i, stmt := range []string{"CREATE TABLE a (id int)", "CREATE TABLE b (id int)"} {
		_, err := conn.ExecContext(ctx, stmt)
		if (err != nil) != (i == 1) {
			t.Fatalf("statement %d: err = %v", i+1, err)
		}
	}
	direct, err := sql.Open("mysql", "root@tcp("+drivertest.MySQLAddr+")/"+dbName)
	if err != nil {
		t.Fatal(err)
	}
	defer direct.Close()
	var n int
	if err := direct.QueryRowContext(ctx, "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = ?", dbName).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 2 {
		t.Errorf("%d tables after the cut after the reply to the 2nd CREATE TABLE, want 2", n)
	}
}
