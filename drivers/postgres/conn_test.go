package postgres

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/drivertest"
	"github.com/dbls/dbls/drivers/schema"
)

func TestRegistered(t *testing.T) {
	for _, name := range []string{"postgres", "postgresql", "pg", "PG"} {
		d, ok := drivers.Lookup(name)
		if !ok {
			t.Fatalf("driver %q not registered", name)
		}
		m := d.Manifest()
		if m.ID != "postgres" || m.DefaultPort != 5432 || !m.Capabilities.Schemas || !m.Capabilities.TransactionalDDL ||
			m.Capabilities.FileBased || len(m.DataTypes) == 0 || m.URLExample == "" {
			t.Errorf("manifest: %+v", m)
		}
	}
	p, err := drivers.ParseURL("postgresql://u:secret@db.example:6543/shop?sslmode=require")
	if err != nil || p.Driver != "postgres" || p.Port != 6543 || p.Database != "shop" {
		t.Errorf("parse: %+v, %v", p, err)
	}
}

func TestDialect(t *testing.T) {
	d := Dialect{}
	equal(t, "quote", d.QuoteIdent(`we"ird table`), `"we""ird table"`)
	equal(t, "quote unicode", d.QuoteIdent("Ünïcødé"), `"Ünïcødé"`)
	equal(t, "placeholder", d.Placeholder(3), "$3")
	equal(t, "qualified", drivers.QualifiedName(d, drivers.TableRef{Schema: "a b", Name: "c"}), `"a b"."c"`)
}

func TestOpenThroughRegistry(t *testing.T) {
	url := drivertest.PostgresURL(t)
	c, p, err := drivers.Open(testContext(t), strings.Replace(url, "postgres://", "pg://", 1)+"&application_name=dbls-test")
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.Ping(testContext(t)); err != nil {
		t.Fatal(err)
	}
	res, err := c.(drivers.Querier).Query(testContext(t), drivers.Request{SQL: `SELECT current_setting('application_name'), current_database()`})
	if err != nil {
		t.Fatal(err)
	}
	equal(t, "session", res.Rows[0], []any{"dbls-test", p.Database})
}

func TestOpenErrors(t *testing.T) {
	base, err := drivers.ParseURL(drivertest.PostgresURL(t))
	if err != nil {
		t.Fatal(err)
	}
	admin := testConn(t)
	nologin := drivertest.UniqueName("dbls_nologin")
	mustExec(t, admin, `CREATE ROLE `+nologin+` NOLOGIN`)
	t.Cleanup(func() { _, _ = admin.Exec(context.Background(), `DROP ROLE IF EXISTS `+nologin) })
	const password = "s3cr3t-Pa55word"

	cases := []struct {
		name string
		edit func(*drivers.Params)
		want []string
	}{
		{"unknown database", func(p *drivers.Params) { p.Database = "dbls_no_such_db" },
			[]string{`database "dbls_no_such_db" does not exist`, "3D000", "127.0.0.1"}},
		{"unknown user", func(p *drivers.Params) { p.User = "dbls_no_such_user" },
			[]string{`role "dbls_no_such_user" does not exist`, "dbls_no_such_user"}},
		// The test server trusts every local login, so a wrong password
		// cannot be provoked; a role that may not log in is refused the same
		// way (class 28, invalid authorization).
		{"refused login", func(p *drivers.Params) { p.User = nologin },
			[]string{`not permitted to log in`, "28000"}},
		{"unreachable", func(p *drivers.Params) { p.Host, p.Port = "127.0.0.1", 1 },
			[]string{"127.0.0.1:1", "unreachable", "refused"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := base
			p.Password = password
			p.Options = map[string]string{"sslmode": "disable", "connect_timeout": "5"}
			tc.edit(&p)
			start := time.Now()
			c, err := Driver{}.Open(testContext(t), p)
			if err == nil {
				c.Close()
				t.Fatal("open succeeded")
			}
			msg := err.Error()
			if strings.Contains(msg, password) || strings.Contains(strings.ReplaceAll(msg, "xxxxx", ""), "s3cr3t") {
				t.Errorf("error shows the password: %s", msg)
			}
			for _, w := range append(tc.want, "postgres:", p.Database) {
				if !strings.Contains(msg, w) {
					t.Errorf("error %q does not contain %q", msg, w)
				}
			}
			t.Log(msg)
			if time.Since(start) > 30*time.Second {
				t.Errorf("open took %v", time.Since(start))
			}
		})
	}

	t.Run("cancelled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		_, err := Driver{}.Open(ctx, base)
		if !errors.Is(err, context.Canceled) {
			t.Errorf("got %v, want a cancellation", err)
		}
	})
}

func TestOpenErrorRedactsPassword(t *testing.T) {
	p := drivers.Params{Driver: "postgres", Host: "db.example", Port: 5432, User: "app", Password: "hunter22", Database: "shop"}
	cause := errors.New("server said: password hunter22 is wrong")
	err := openError(p, "cannot connect", cause)
	want := `postgres: cannot connect to database "shop" on db.example:5432 as user "app": server said: password xxxxx is wrong`
	equal(t, "message", err.Error(), want)
	if !errors.Is(err, cause) {
		t.Error("the cause is not wrapped")
	}
	if _, err := poolConfig(drivers.Params{Host: "h", Password: "hunter22", Options: map[string]string{"sslmode": "bogus"}}); err == nil ||
		strings.Contains(err.Error(), "hunter22") {
		t.Errorf("invalid sslmode: %v", err)
	}
}

func TestSSLMode(t *testing.T) {
	base, err := drivers.ParseURL(drivertest.PostgresURL(t))
	if err != nil {
		t.Fatal(err)
	}
	ctx := testContext(t)
	var serverSSL bool
	{
		c, err := open(ctx, base)
		if err != nil {
			t.Fatal(err)
		}
		res, err := c.Query(ctx, drivers.Request{SQL: `SELECT current_setting('ssl') = 'on'`})
		c.Close()
		if err != nil {
			t.Fatal(err)
		}
		serverSSL = res.Rows[0][0] == true
	}
	p := base
	p.Options = map[string]string{"sslmode": "require"}
	c, err := open(ctx, p)
	if serverSSL {
		if err != nil {
			t.Fatalf("sslmode=require: %v", err)
		}
		res, err := c.Query(ctx, drivers.Request{SQL: `SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()`})
		c.Close()
		if err != nil || res.Rows[0][0] != true {
			t.Errorf("sslmode=require: not encrypted: %v %v", res, err)
		}
		return
	}
	if err == nil {
		c.Close()
		t.Fatal("sslmode=require connected to a server without TLS")
	}
	if !strings.Contains(err.Error(), "127.0.0.1") {
		t.Errorf("error does not name the server: %v", err)
	}
	t.Logf("server has no TLS; sslmode=require refused: %v", err)
}

func TestRecordsCRUD(t *testing.T) {
	c := testConn(t)
	ctx := testContext(t)
	mustExec(t, c, `CREATE SCHEMA "Ünïcødé";
		CREATE TABLE "Ünïcødé"."we""ird table" ("select" int, "from" text NOT NULL, "Ünïcødé" text, PRIMARY KEY ("select", "from"));
		CREATE TABLE public.plain (id bigint PRIMARY KEY, note text)`)

	tb := drivers.TableRef{Schema: "Ünïcødé", Name: `we"ird table`}
	for i, from := range []string{"a", "b;DROP TABLE plain;--"} {
		err := drivers.InsertRecord(ctx, c, tb, drivers.Record{{Column: "select", Value: 1}, {Column: "from", Value: from}, {Column: "Ünïcødé", Value: "v" + from}})
		if err != nil {
			t.Fatalf("insert %d: %v", i, err)
		}
	}
	n, err := drivers.UpdateRecord(ctx, c, tb,
		drivers.Record{{Column: "select", Value: 1}, {Column: "from", Value: "a"}},
		drivers.Record{{Column: "Ünïcødé", Value: "changed"}})
	if err != nil || n != 1 {
		t.Fatalf("update: %d, %v", n, err)
	}
	res := query(t, c, drivers.Request{SQL: `SELECT "from", "Ünïcødé" FROM "Ünïcødé"."we""ird table" ORDER BY "from"`})
	equal(t, "rows", res.Rows, [][]any{{"a", "changed"}, {"b;DROP TABLE plain;--", "vb;DROP TABLE plain;--"}})

	n, err = drivers.DeleteRecord(ctx, c, tb, drivers.Record{{Column: "select", Value: 1}, {Column: "from", Value: "b;DROP TABLE plain;--"}})
	if err != nil || n != 1 {
		t.Fatalf("delete: %d, %v", n, err)
	}
	n, err = drivers.DeleteRecord(ctx, c, tb, drivers.Record{{Column: "select", Value: 2}, {Column: "from", Value: "a"}})
	if err != nil || n != 0 {
		t.Fatalf("delete of a missing row: %d, %v", n, err)
	}

	plain := drivers.TableRef{Name: "plain"}
	if err := drivers.InsertRecord(ctx, c, plain, drivers.Record{{Column: "id", Value: int64(7)}, {Column: "note", Value: nil}}); err != nil {
		t.Fatal(err)
	}
	err = drivers.InsertRecord(ctx, c, plain, drivers.Record{{Column: "id", Value: int64(7)}})
	var qe *drivers.QueryError
	if !errors.As(err, &qe) || qe.Code != "23505" {
		t.Errorf("duplicate key: %v", err)
	}
	res = query(t, c, drivers.Request{SQL: `SELECT count(*) FROM plain`})
	equal(t, "plain rows", firstColumn(res), ints(1, 1))
}

func TestViews(t *testing.T) {
	c := testConn(t)
	ctx := testContext(t)
	mustExec(t, c, `CREATE SCHEMA "my schema"; CREATE TABLE "my schema".t (id int, name text, price numeric)`)
	v := drivers.ViewRef{Schema: "my schema", Name: `v"1`}

	viewColumns := func() []string {
		t.Helper()
		s, err := c.Snapshot(ctx, drivers.Filter{Schemas: []string{"my schema"}, Objects: []string{v.Name}})
		if err != nil {
			t.Fatal(err)
		}
		if len(s.Schemas) != 1 || len(s.Schemas[0].Views) != 1 {
			return nil
		}
		return names(s.Schemas[0].Views[0].Columns, func(c schema.Column) string { return c.Name })
	}

	if err := drivers.CreateView(ctx, c, v, `SELECT id, name FROM "my schema".t`); err != nil {
		t.Fatal(err)
	}
	equal(t, "created", viewColumns(), []string{"id", "name"})
	mustExec(t, c, `COMMENT ON VIEW "my schema"."v""1" IS 'kept'`)

	// Adding a column at the end: CREATE OR REPLACE, which keeps the comment.
	if err := drivers.AlterView(ctx, c, v, `SELECT id, name, price FROM "my schema".t`); err != nil {
		t.Fatal(err)
	}
	equal(t, "column added", viewColumns(), []string{"id", "name", "price"})
	res := query(t, c, drivers.Request{SQL: `SELECT obj_description('"my schema"."v""1"'::regclass)`})
	equal(t, "comment", res.Rows[0][0], "kept")

	// Removing and renaming columns: drop and create.
	if err := drivers.AlterView(ctx, c, v, `SELECT name AS label FROM "my schema".t`); err != nil {
		t.Fatal(err)
	}
	equal(t, "columns changed", viewColumns(), []string{"label"})

	// A broken definition leaves the view as it was.
	if err := drivers.AlterView(ctx, c, v, `SELECT nosuch FROM "my schema".t`); err == nil {
		t.Error("broken definition accepted")
	}
	equal(t, "after failed alter", viewColumns(), []string{"label"})

	if err := drivers.DropView(ctx, c, v); err != nil {
		t.Fatal(err)
	}
	equal(t, "dropped", viewColumns(), []string(nil))
	if err := drivers.DropView(ctx, c, v); err == nil {
		t.Error("dropping a missing view succeeded")
	}
}
