package compare_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/dbls/dbls/diff/compare"
	"github.com/dbls/dbls/drivers/connect"
	"github.com/dbls/dbls/drivers/drivertest"
)

// TestSchemaFilePrivileges: a .sql schema file's column grants and default
// privileges pass the sandbox and are compared like a live source's; the
// target's default privilege the file does not have is a revoke that is
// destructive, so not selected by default (a file that says nothing does
// not strip the target's).
func TestSchemaFilePrivileges(t *testing.T) {
	target, dev := drivertest.PostgresURL(t), drivertest.PostgresURL(t)
	execURL(t, target, `CREATE TABLE t (id integer, a text)`,
		`ALTER DEFAULT PRIVILEGES GRANT INSERT ON TABLES TO pg_read_all_stats`)
	file := filepath.Join(t.TempDir(), "schema.sql")
	sql := `CREATE TABLE t (id integer, a text);
GRANT SELECT (a) ON t TO pg_monitor;
ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO pg_monitor;
`
	if err := os.WriteFile(file, []byte(sql), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmp, err := compare.Run(ctx, &connect.Resolver{}, compare.Request{Source: file, Target: target, Dev: dev})
	if err != nil {
		t.Fatal(err)
	}
	defer cmp.Close()
	var got []string
	for _, it := range cmp.Plan.Items {
		got = append(got, it.ID+map[bool]string{true: " selected", false: " skipped"}[it.Selected])
	}
	want := []string{
		"default_privilege.grant:postgres.table.pg_monitor.SELECT selected",
		"default_privilege.revoke:postgres.table.pg_read_all_stats.INSERT skipped",
		"grant.add:public.t.pg_monitor.SELECT(a) selected",
	}
	if !slices.Equal(got, want) {
		t.Errorf("items\n got %q\nwant %q\nnotes %q", got, want, cmp.Plan.Notes)
	}
}
