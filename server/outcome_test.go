package server_test

import (
	"strings"
	"testing"

	"github.com/dbls/dbls/drivers/drivertest"
	"github.com/dbls/dbls/drivers/drivertest/faultproxy"
	"github.com/dbls/dbls/server"
)

// TestSyncOutcomeUnknown: dbls.syncSchemas to a target whose connection is
// lost at the end (issue 14, item 5). PostgreSQL, answer to the COMMIT
// lost: the reply says the outcome was unknown and, from the re-read
// target, that everything took effect. MariaDB, answer to the 2nd of 3
// statements lost: the error counts 2 and speaks of no rollback.
func TestSyncOutcomeUnknown(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	create := func(url string) {
		for _, name := range []string{"a1", "a2", "a3"} {
			execSQL(t, url, "CREATE TABLE "+name+" (id INTEGER PRIMARY KEY)")
		}
	}
	t.Run("postgres", func(t *testing.T) {
		source, target := drivertest.PostgresURL(t), drivertest.PostgresURL(t)
		create(source)
		p := faultproxy.Start(t, faultproxy.Postgres, drivertest.PostgresAddr)
		p.CutAt(faultproxy.Rule{Contains: "commit", After: "CREATE TABLE"})
		c := start(t, setup{st: openStore(t)})
		var res server.SyncResult
		if err := command(c, server.CmdSyncSchemas, map[string]any{"source": source, "target": p.Route(target)}, &res); err != nil {
			t.Fatal(err)
		}
		if !p.Fired() {
			t.Fatal("the COMMIT never passed the proxy")
		}
		if !res.OutcomeUnknown || res.Applied != 3 || len(res.Statements) != 3 || !res.Converged {
			t.Fatalf("sync: %+v", res)
		}
		c.waitFor("the outcome message", func() bool {
			for _, n := range c.notesOf("window/showMessage") {
				if s := string(n.Params); strings.Contains(s, "outcome unknown") && strings.Contains(s, "3 statement(s) took effect") {
					return true
				}
			}
			return false
		})
	})
	t.Run("mariadb", func(t *testing.T) {
		source, target := drivertest.MySQLURL(t), drivertest.MySQLURL(t)
		create(source)
		p := faultproxy.Start(t, faultproxy.MySQL, drivertest.MySQLAddr)
		p.CutAt(faultproxy.Rule{Contains: "CREATE TABLE", Nth: 2})
		c := start(t, setup{st: openStore(t)})
		err := command(c, server.CmdSyncSchemas, map[string]any{"source": source, "target": p.Route(target)}, nil)
		if !p.Fired() {
			t.Fatalf("the 2nd statement never passed the proxy: %v", err)
		}
		if err == nil || !strings.Contains(err.Error(), "outcome unknown") || !strings.Contains(err.Error(), "2 of 3 statements took effect") ||
			strings.Contains(err.Error(), "rolled back") {
			t.Fatalf("sync: %v", err)
		}
	})
}
