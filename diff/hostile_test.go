package diff_test

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/dbls/dbls/diff"
	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/drivertest"
	"github.com/dbls/dbls/drivers/schema"
)

// Copied definitions are SQL text in the source server's rendering. A
// target whose literal mode differs must neither read them differently nor
// run a second statement smuggled in by them: every dbls session pins the
// mode, and every statement of a plan goes to the server as one statement.

// hostileSync syncs source into target without --allow-destructive and
// requires that the table canary, which only the target has, survives.
func hostileSync(t *testing.T, source, target drivers.Conn) *diff.Plan {
	t.Helper()
	exec(t, target, "CREATE TABLE canary (id int)")
	plan, err := diff.Compare(snapshot(t, source), snapshot(t, target), diff.Options{Renderer: renderer(t, target)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := diff.Apply(context.Background(), target, plan); err != nil {
		t.Fatalf("apply: %v\n%s", err, planText(plan))
	}
	after := snapshot(t, target)
	if after.Schema(after.DefaultSchema).Table("canary") == nil {
		t.Fatalf("the sync dropped the target's table canary:\n%s", planText(plan))
	}
	// Apart from canary, the target is now the source.
	sc := after.Schema(after.DefaultSchema)
	sc.Tables = slices.DeleteFunc(sc.Tables, func(tb schema.Table) bool { return tb.Name == "canary" })
	again, err := diff.Compare(snapshot(t, source), after, diff.Options{Renderer: renderer(t, target)})
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range again.Items {
		t.Errorf("after the sync the target still differs: %s %v", it.ID, it.SQL)
	}
	return plan
}

// row reads the one row of q on c as strings.
func row(t *testing.T, c drivers.Conn, q string) []string {
	t.Helper()
	res, err := c.(drivers.Querier).Query(context.Background(), drivers.Request{SQL: q})
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	if len(res.Rows) != 1 {
		t.Fatalf("%s: %d rows", q, len(res.Rows))
	}
	out := make([]string, len(res.Rows[0]))
	for i, v := range res.Rows[0] {
		out[i] = fmt.Sprint(v)
	}
	return out
}

// hostilePostgres is a new database on the shared server with
// standard_conforming_strings off for every session that does not say
// otherwise (a per-database setting, not a server global).
func hostilePostgres(t *testing.T) string {
	t.Helper()
	u := drivertest.PostgresURL(t)
	pu, err := url.Parse(u)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	admin, err := pgx.Connect(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close(ctx)
	db := pgx.Identifier{strings.TrimPrefix(pu.Path, "/")}.Sanitize()
	if _, err := admin.Exec(ctx, "ALTER DATABASE "+db+" SET standard_conforming_strings = off"); err != nil {
		t.Fatal(err)
	}
	return u
}

func TestHostileTargetPostgres(t *testing.T) {
	t.Run("view", func(t *testing.T) {
		source, target := open(t, drivertest.PostgresURL(t)), open(t, hostilePostgres(t))
		exec(t, source, `CREATE VIEW v AS SELECT 'x\' AS a, '; DROP TABLE canary; --' AS b`)
		hostileSync(t, source, target)
		if got := row(t, target, "SELECT a, b FROM v"); got[0] != `x\` || got[1] != "; DROP TABLE canary; --" {
			t.Fatalf("the synced view returns %q", got)
		}
	})
	t.Run("default", func(t *testing.T) {
		source, target := open(t, drivertest.PostgresURL(t)), open(t, hostilePostgres(t))
		exec(t, source, `CREATE TABLE t (id int, d text DEFAULT 'd\')`)
		hostileSync(t, source, target)
		exec(t, target, "INSERT INTO t (id) VALUES (1)")
		if got := row(t, target, "SELECT d FROM t"); got[0] != `d\` {
			t.Fatalf("the synced default gives %q", got[0])
		}
	})
}

// TestHostileTargetMariaDB syncs from the shared server into a private
// MariaDB whose global sql_mode has NO_BACKSLASH_ESCAPES. MariaDB writes
// the quote in the string x' as a backslash and a quote in the view's
// definition; read without backslash escapes, that ends the string early
// and the rest of the definition becomes statements of its own.
func TestHostileTargetMariaDB(t *testing.T) {
	priv := drivertest.PrivateMariaDBWith(t, "--sql-mode=NO_BACKSLASH_ESCAPES")
	source, target := open(t, drivertest.MySQLURL(t)), open(t, priv.URL())
	exec(t, source, `CREATE VIEW v AS SELECT 'x''' AS a, '; DROP TABLE canary; -- ' AS b;
		CREATE TABLE t (id int, d varchar(10) DEFAULT 'd\\')`)
	hostileSync(t, source, target)
	if got := row(t, target, "SELECT a, b FROM v"); got[0] != "x'" || got[1] != "; DROP TABLE canary; -- " {
		t.Fatalf("the synced view returns %q", got)
	}
	exec(t, target, "INSERT INTO t (id) VALUES (1)")
	if got := row(t, target, "SELECT d FROM t"); got[0] != `d\` {
		t.Fatalf("the synced default gives %q", got[0])
	}
	// Every pooled session, on both pools, runs in the pinned mode.
	ctx := context.Background()
	var conns []drivers.Conn
	for range 3 {
		conns = append(conns, open(t, priv.URL()))
	}
	for _, c := range conns {
		if mode := row(t, c, "SELECT @@SESSION.sql_mode")[0]; strings.Contains(mode, "NO_BACKSLASH_ESCAPES") {
			t.Errorf("a session's sql_mode is %q", mode)
		}
		// A statement that records the session's mode, run on the
		// single-statement pool.
		exec(t, c, "CREATE TABLE IF NOT EXISTS modes (m varchar(500))")
		if _, err := c.(drivers.StatementExecer).ExecStatement(ctx, "INSERT INTO modes SELECT @@SESSION.sql_mode"); err != nil {
			t.Fatal(err)
		}
	}
	res, err := target.(drivers.Querier).Query(ctx, drivers.Request{SQL: "SELECT m FROM modes"})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res.Rows {
		if strings.Contains(fmt.Sprint(r[0]), "NO_BACKSLASH_ESCAPES") {
			t.Errorf("a single-statement session's sql_mode is %q", r[0])
		}
	}
}

// TestOneStatement: a plan item or a view definition with a second
// statement in it is refused, and the second statement never runs.
func TestOneStatement(t *testing.T) {
	for _, tc := range []struct {
		name string
		url  func(testing.TB) string
	}{
		{"postgres", drivertest.PostgresURL},
		{"mysql", drivertest.MySQLURL},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			c := open(t, tc.url(t))
			exec(t, c, "CREATE TABLE canary (id int)")
			plan := &diff.Plan{Items: []diff.Item{{ID: "table.create:x", Selected: true,
				SQL: []string{"CREATE TABLE x (id int); DROP TABLE canary"}}}}
			if _, err := diff.Apply(ctx, c, plan); err == nil {
				t.Error("a plan item of two statements was applied")
			}
			v := drivers.ViewRef{Name: "v"}
			err := drivers.CreateView(ctx, c, v, "SELECT 1 AS a; DROP TABLE canary")
			if !errors.Is(err, drivers.ErrMultipleStatements) {
				t.Errorf("createView with two statements: %v", err)
			}
			if err := drivers.AlterView(ctx, c, v, "SELECT 1 AS a; DROP TABLE canary"); !errors.Is(err, drivers.ErrMultipleStatements) {
				t.Errorf("alterView with two statements: %v", err)
			}
			// Past the check, the server refuses it: the driver's own
			// view command sends one statement.
			if w, ok := c.(drivers.ViewWriter); ok {
				if err := w.CreateView(ctx, v, "SELECT 1 AS a; DROP TABLE canary"); err == nil {
					t.Error("the driver's CreateView ran two statements")
				}
			}
			if _, err := c.(drivers.StatementExecer).ExecStatement(ctx, "SELECT 1; DROP TABLE canary"); err == nil {
				t.Error("ExecStatement ran two statements")
			}
			s := snapshot(t, c)
			if s.Schema(s.DefaultSchema).Table("canary") == nil {
				t.Fatal("the second statement ran: canary is gone")
			}
			// A single statement with a trailing semicolon is fine.
			if err := drivers.CreateView(ctx, c, v, "SELECT 1 AS a;"); err != nil {
				t.Errorf("createView of one statement: %v", err)
			}
		})
	}
}
