package main

import (
	"context"
	"database/sql"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/dbls/dbls/drivers/drivertest"
)

// TestConnTestReportsRoleWrites: `dbls conn test` says whether the
// connection's database role can write, on PostgreSQL and MariaDB, for a
// role that may only read (made for the test) and for the admin.
func TestConnTestReportsRoleWrites(t *testing.T) {
	role := drivertest.UniqueName("ro")
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()

	t.Run("postgres", func(t *testing.T) {
		url := drivertest.PostgresURL(t)
		admin, err := pgx.Connect(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		defer admin.Close(ctx)
		for _, q := range []string{
			"CREATE TABLE t (id int)",
			"CREATE ROLE " + role + " LOGIN",
			"REVOKE CREATE ON SCHEMA public FROM PUBLIC",
			"GRANT SELECT ON t TO " + role,
		} {
			if _, err := admin.Exec(ctx, q); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
		t.Cleanup(func() {
			_, _ = admin.Exec(context.Background(), "DROP OWNED BY "+role)
			_, _ = admin.Exec(context.Background(), "DROP ROLE "+role)
		})
		roURL := strings.Replace(url, "postgres://postgres@", "postgres://"+role+"@", 1)
		roleLine(t, roURL, "the role cannot write")
		roleLine(t, url, "the role can write: the role is a superuser")
		if _, err := admin.Exec(ctx, "GRANT INSERT ON t TO "+role); err != nil {
			t.Fatal(err)
		}
		roleLine(t, roURL, "the role can write: INSERT, UPDATE, DELETE or TRUNCATE on 1 tables")
	})

	t.Run("mysql", func(t *testing.T) {
		url := drivertest.MySQLURL(t)
		dbName := url[strings.LastIndex(url, "/")+1:]
		db, err := sql.Open("mysql", "root@tcp("+drivertest.MySQLAddr+")/")
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		for _, q := range []string{
			"CREATE USER '" + role + "'@'%'",
			"GRANT SELECT, SHOW VIEW ON `" + dbName + "`.* TO '" + role + "'@'%'",
			"GRANT INSERT ON `other\\_db`.* TO '" + role + "'@'%'",
		} {
			if _, err := db.ExecContext(ctx, q); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
		t.Cleanup(func() { _, _ = db.Exec("DROP USER '" + role + "'@'%'") })
		roURL := "mysql://" + role + "@" + drivertest.MySQLAddr + "/" + dbName
		roleLine(t, roURL, "the role cannot write")
		roleLine(t, url, "the role can write: ALL PRIVILEGES on *.*")
		if _, err := db.ExecContext(ctx, "GRANT UPDATE ON `"+dbName+"`.* TO '"+role+"'@'%'"); err != nil {
			t.Fatal(err)
		}
		roleLine(t, roURL, "the role can write: UPDATE on `"+dbName+"`.*")
	})
}

// roleLine runs `dbls conn test url` and checks its role line.
func roleLine(t *testing.T, url, want string) {
	t.Helper()
	out, errs, code := dbls(t, "conn", "test", url)
	if code != 0 {
		t.Fatalf("conn test %s: exit %d\n%s%s", url, code, out, errs)
	}
	for _, line := range strings.Split(out, "\n") {
		if strings.Contains(line, "role") && strings.Contains(line, want) {
			return
		}
	}
	t.Fatalf("conn test %s: no role line with %q:\n%s", url, want, out)
}
