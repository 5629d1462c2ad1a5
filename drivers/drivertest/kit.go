package drivertest

import (
	"context"
	"embed"
	"fmt"
	"testing"

	"github.com/dbls/dbls/drivers/drivertest/check"
)

//go:embed fixtures/*.sql
var fixtures embed.FS

// Config describes the driver under test.
type Config struct {
	// URL opens an empty database that the kit may fill and change.
	URL string
	// Fixture is DDL, in the driver's dialect, that builds the rental model
	// (check/model.go). Empty means the built-in fixture for the driver's ID.
	Fixture string
	// SleepSQL is a statement that runs for many seconds, to test that
	// cancelling its context stops it. Empty means the built-in statement
	// for the driver's ID; without one the cancel check is skipped.
	SleepSQL string
}

var sleepSQL = map[string]string{
	"postgres": "SELECT pg_sleep(30)",
	"mysql":    "SELECT SLEEP(30)",
	"sqlite":   "WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s) SELECT count(*) FROM s",
}

// Run opens cfg.URL, builds the rental fixture through the driver, and
// runs every conformance check (package check) as a subtest: every
// capability the driver's manifest claims and every optional interface its
// connection implements.
func Run(t *testing.T, cfg Config) {
	ctx := context.Background()
	k, err := check.New(cfg.URL)
	if err != nil {
		t.Fatalf("conformance: %v", err)
	}
	id := k.Driver.Manifest().ID
	t.Run("manifest", func(t *testing.T) { report(t, k.Manifest()) })
	if err := k.Open(ctx); err != nil {
		t.Fatalf("open %s: %v", k.Params, err)
	}
	t.Cleanup(k.Close)
	ddl := cfg.Fixture
	if ddl == "" {
		if ddl, err = Fixture(id); err != nil {
			t.Fatalf("%v: set Config.Fixture", err)
		}
	}
	if err := k.LoadFixture(ctx, ddl); err != nil {
		t.Fatal(err)
	}
	t.Run("snapshot", func(t *testing.T) {
		for _, name := range k.Tables() {
			t.Run(name, func(t *testing.T) { report(t, k.Table(name)) })
		}
		report(t, k.Snapshot())
	})
	t.Run("stable", func(t *testing.T) { report(t, k.Stable(ctx)) })
	t.Run("filter", func(t *testing.T) { report(t, k.Filter(ctx)) })
	t.Run("listers", func(t *testing.T) { report(t, k.Listers(ctx)) })
	t.Run("records", func(t *testing.T) { report(t, k.Records(ctx)) })
	t.Run("query", func(t *testing.T) { report(t, k.Query(ctx)) })
	t.Run("cancel", func(t *testing.T) { report(t, k.Cancel(ctx, cmp(cfg.SleepSQL, sleepSQL[id]))) })
	t.Run("views", func(t *testing.T) { report(t, k.ViewWriter(ctx)) })
	t.Run("killed-backend", func(t *testing.T) { report(t, k.KilledBackend(ctx)) })
	t.Run("silent-server", func(t *testing.T) { report(t, k.SilentServer(ctx)) })
}

// RunReadOnly runs the read-only subset of the kit (check.ReadOnly)
// against a database that already holds the read-only fixture: for drivers
// that cannot write, such as the example CSV driver. SleepSQL, when set,
// enables the cancel check.
func RunReadOnly(t *testing.T, url, sleepSQL string) {
	for _, r := range check.ReadOnly(context.Background(), check.Config{URL: url, SleepSQL: sleepSQL}) {
		t.Run(r.Name, func(t *testing.T) {
			switch {
			case r.Skip != "":
				t.Skip(r.Skip)
			case r.Err != nil:
				t.Error(r.Err)
			}
		})
	}
}

// report fails t with a check's error, or skips it when the check did not
// apply.
func report(t *testing.T, err error) {
	t.Helper()
	if why, ok := check.SkipReason(err); ok {
		t.Skip(why)
	}
	if err != nil {
		t.Error(err)
	}
}

func cmp(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// Fixture returns the built-in rental fixture for a driver ID, for tests
// that want the kit's schema without the whole kit.
func Fixture(driverID string) (string, error) {
	b, err := fixtures.ReadFile("fixtures/rental." + driverID + ".sql")
	if err != nil {
		return "", fmt.Errorf("no built-in fixture for driver %q", driverID)
	}
	return string(b), nil
}
