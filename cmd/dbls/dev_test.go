package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/drivertest"
)

// TestSchemaFileOnDevServer: a .sql SOURCE for a PostgreSQL or MariaDB
// target is loaded into a scratch database on --dev, and the scratch
// database is gone afterwards.
func TestSchemaFileOnDevServer(t *testing.T) {
	cases := []struct {
		name, current, desired string
		url                    func(testing.TB) string
		scratchQuery           string
	}{
		{"postgres", "CREATE TABLE items (id integer PRIMARY KEY, name text); INSERT INTO items VALUES (1, 'a');",
			"CREATE TABLE items (id integer PRIMARY KEY, name text NOT NULL, price numeric(8,2));\nCREATE INDEX ix_items_name ON items (name);",
			drivertest.PostgresURL, "SELECT count(*) FROM pg_database WHERE datname LIKE '%s'"},
		{"mysql", "CREATE TABLE items (id int PRIMARY KEY, name varchar(20)); INSERT INTO items VALUES (1, 'a');",
			"CREATE TABLE items (id int PRIMARY KEY, name varchar(40) NOT NULL, price decimal(8,2));\nCREATE INDEX ix_items_name ON items (name);",
			drivertest.MySQLURL, "SELECT count(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE '%s'"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			target := tc.url(t)
			dev := tc.url(t) // any database on the same server serves as --dev
			c, _, err := drivers.Open(context.Background(), target)
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			if _, err := c.(drivers.Execer).Exec(context.Background(), tc.current); err != nil {
				t.Fatal(err)
			}
			file := filepath.Join(t.TempDir(), "schema.sql")
			os.WriteFile(file, []byte(tc.desired), 0o600)
			if _, errs, code := dbls(t, "diff", file, target); code != 1 || !strings.Contains(errs, "--dev") {
				t.Fatalf("without --dev: %d %s", code, errs)
			}
			out, errs, code := dbls(t, "diff", file, target, "--dev", dev, "--exit-code")
			if code != 2 || !strings.Contains(out, "ix_items_name") {
				t.Fatalf("diff: %d\n%s%s", code, out, errs)
			}
			if out, errs, code := dbls(t, "sync", file, target, "--dev", dev, "--yes", "--allow-destructive"); code != 0 {
				t.Fatalf("sync: %d\n%s%s", code, out, errs)
			}
			if out, errs, code := dbls(t, "diff", file, target, "--dev", dev, "--exit-code"); code != 0 {
				t.Fatalf("re-diff: %d\n%s%s", code, out, errs)
			}
			// Only this process's scratch databases: other test runs on the
			// same server may be loading theirs right now.
			mine := fmt.Sprintf(`dbls\_scratch\_%d\_%%`, os.Getpid())
			res, err := c.(drivers.Querier).Query(context.Background(), drivers.Request{SQL: fmt.Sprintf(tc.scratchQuery, mine)})
			if err != nil || res.Rows[0][0] != int64(0) {
				t.Fatalf("scratch databases left behind: %v %v", res, err)
			}
		})
	}
}
