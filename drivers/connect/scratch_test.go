package connect

import (
	"context"
	"fmt"
	"os"
	osexec "os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/drivertest"
)

// A schema file loaded on a server drops its scratch database, and drops
// the one a dead process left behind; a live process's is kept.
func TestScratchDatabasesDroppedAndLeftoversCleaned(t *testing.T) {
	for _, eng := range []struct {
		driver string
		url    func(testing.TB) string
		list   string
	}{
		{"postgres", drivertest.PostgresURL, "SELECT datname FROM pg_database WHERE datname LIKE 'dbls\\_scratch\\_%'"},
		{"mysql", drivertest.MySQLURL, "SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE 'dbls\\_scratch\\_%'"},
	} {
		t.Run(eng.driver, func(t *testing.T) {
			ctx := context.Background()
			dev := eng.url(t)
			admin, _, err := drivers.Open(ctx, dev)
			if err != nil {
				t.Fatal(err)
			}
			// Closed after the drop below: cleanups run last first, and a
			// deferred Close ran before them, leaving the database behind.
			t.Cleanup(func() { admin.Close() })
			ex := admin.(drivers.Execer)
			quote := admin.(drivers.Dialecter).Dialect().QuoteIdent
			dead := osexec.Command("true")
			if err := dead.Run(); err != nil {
				t.Fatal(err)
			}
			leftover := fmt.Sprintf("dbls_scratch_%d_c16stest%s", dead.Process.Pid, randomSuffix())
			kept := fmt.Sprintf("dbls_scratch_%d_c16stest%s", os.Getppid(), randomSuffix()) // a running process
			for _, n := range []string{leftover, kept} {
				if _, err := ex.Exec(ctx, "CREATE DATABASE "+quote(n)); err != nil {
					t.Fatal(err)
				}
			}
			t.Cleanup(func() { ex.Exec(context.Background(), "DROP DATABASE IF EXISTS "+quote(kept)) })

			file := filepath.Join(t.TempDir(), "schema.sql")
			os.WriteFile(file, []byte("CREATE TABLE items (id int PRIMARY KEY);\n"), 0o600)
			r := &Resolver{}
			snap, err := r.SnapshotFile(ctx, file, eng.driver, dev)
			if err != nil {
				t.Fatal(err)
			}
			if len(snap.Schemas) == 0 {
				t.Fatalf("snapshot: %+v", snap)
			}
			res, err := admin.(drivers.Querier).Query(ctx, drivers.Request{SQL: eng.list})
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, row := range res.Rows {
				names = append(names, fmt.Sprint(row[0]))
			}
			all := strings.Join(names, " ")
			if strings.Contains(all, leftover) {
				t.Errorf("the dead process's scratch database %s is still there: %s", leftover, all)
			}
			if !strings.Contains(all, kept) {
				t.Errorf("a running process's scratch database %s was dropped: %s", kept, all)
			}
			if mine := fmt.Sprintf("dbls_scratch_%d_", os.Getpid()); strings.Contains(all, mine) {
				t.Errorf("this load's scratch database is still there: %s", all)
			}
		})
	}
}
