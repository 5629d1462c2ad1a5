package mysql

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/drivertest"
)

func TestRegistryAndManifest(t *testing.T) {
	for _, name := range []string{"mysql", "MariaDB"} {
		d, ok := drivers.Lookup(name)
		if !ok {
			t.Fatalf("%s not registered", name)
		}
		m := d.Manifest()
		if m.ID != "mysql" || m.DefaultPort != 3306 || !m.Capabilities.Schemas || !m.Capabilities.Triggers ||
			!m.Capabilities.Sequences || m.Capabilities.TransactionalDDL || len(m.DataTypes) == 0 || m.URLExample == "" {
			t.Errorf("%s manifest = %+v", name, m)
		}
	}
	p, err := drivers.ParseURL("mariadb://u:pw@db.example:3307/shop")
	if err != nil || p.Driver != "mysql" || p.Port != 3307 {
		t.Errorf("ParseURL mariadb:// = %+v, %v", p, err)
	}
}

func TestDialect(t *testing.T) {
	d := Dialect{}
	for in, want := range map[string]string{
		"plain": "`plain`", "we`ird table": "`we``ird table`", "``": "``````", `semi;colon"quote`: "`semi;colon\"quote`",
	} {
		if got := d.QuoteIdent(in); got != want {
			t.Errorf("QuoteIdent(%q) = %s, want %s", in, got, want)
		}
	}
	if d.Placeholder(3) != "?" {
		t.Error("placeholder")
	}
}

func TestParseFlavor(t *testing.T) {
	for v, want := range map[string]flavor{
		"10.11.19-MariaDB-0+deb12u1": {true, 10, 11, 19},
		"5.5.5-10.6.12-MariaDB":      {true, 10, 6, 12},
		"8.0.36-0ubuntu0.22.04.1":    {false, 8, 0, 36},
		"5.7.44-log":                 {false, 5, 7, 44},
	} {
		if got := parseFlavor(v); got != want {
			t.Errorf("parseFlavor(%q) = %+v, want %+v", v, got, want)
		}
	}
	if !parseFlavor("8.0.16").hasCheckConstraints() || parseFlavor("5.7.44").hasCheckConstraints() ||
		!parseFlavor("8.0.36").hasIndexExpressions() || parseFlavor("10.11.1-MariaDB").hasIndexExpressions() {
		t.Error("feature flags")
	}
}

// TestOpenErrors checks that failures are clear, name the server and
// database, and never contain the password.
func TestOpenErrors(t *testing.T) {
	url := drivertest.MySQLURL(t)
	p, err := drivers.ParseURL(url)
	if err != nil {
		t.Fatal(err)
	}
	const secret = "Sup3r-Secret-pw"
	cases := []struct {
		name string
		edit func(*drivers.Params)
		want string
	}{
		{"bad password", func(p *drivers.Params) { p.Password = secret }, "authentication failed"},
		{"unknown database", func(p *drivers.Params) { p.Database = "dbls_no_such_db_x"; p.Password = "" }, "does not exist"},
		{"unreachable", func(p *drivers.Params) { p.Host, p.Port, p.Password = "127.0.0.1", 1, secret }, "unreachable"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			q := p
			tc.edit(&q)
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			c, err := drivers.OpenParams(ctx, q)
			if err == nil {
				c.Close()
				t.Fatal("open succeeded")
			}
			msg := err.Error()
			t.Log(msg)
			if strings.Contains(msg, secret) {
				t.Fatalf("error leaks the password: %s", msg)
			}
			if !strings.Contains(msg, tc.want) || !strings.Contains(msg, q.Address()) {
				t.Errorf("error = %q, want %q and %q", msg, tc.want, q.Address())
			}
			if q.Database != "" && !strings.Contains(msg, q.Database) {
				t.Errorf("error does not name database %q: %s", q.Database, msg)
			}
		})
	}
}

func TestQueryPaging(t *testing.T) {
	c, _ := open(t)
	exec(t, c, "CREATE TABLE n (i INT PRIMARY KEY, price DECIMAL(8,2), at DATETIME, b BLOB)")
	var vals []string
	for i := 1; i <= 25; i++ {
		vals = append(vals, fmt.Sprintf("(%d, %d.50, '2024-05-%02d 10:00:00', x'ff00')", i, i, i))
	}
	exec(t, c, "INSERT INTO n VALUES "+strings.Join(vals, ", "))
	q := "SELECT i, price, at, b FROM n ORDER BY i"
	res, err := c.Query(ctxT(t), drivers.Request{SQL: q, Limit: 10, Page: 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Rows) != 10 || res.Rows[0][0] != int64(11) || !res.HasMore || res.Page != 2 {
		t.Fatalf("page 2 = %d rows from %v, more %v", len(res.Rows), res.Rows[0][0], res.HasMore)
	}
	if res.Columns[1].Name != "price" || res.Columns[1].Type != "DECIMAL" || res.Columns[2].Type != "DATETIME" {
		t.Errorf("columns = %+v", res.Columns)
	}
	if res.Rows[0][1] != "11.50" {
		t.Errorf("decimal = %#v, want the string 11.50", res.Rows[0][1])
	}
	if at, ok := res.Rows[0][2].(time.Time); !ok || at.Day() != 11 || at.Location() != time.UTC {
		t.Errorf("datetime = %#v", res.Rows[0][2])
	}
	if b, ok := res.Rows[0][3].([]byte); !ok || len(b) != 2 {
		t.Errorf("blob = %#v", res.Rows[0][3])
	}
	res, err = c.Query(ctxT(t), drivers.Request{SQL: q, Limit: 10, Page: 3})
	if err != nil || len(res.Rows) != 5 || res.HasMore {
		t.Fatalf("last page = %d rows, more %v, %v", len(res.Rows), res.HasMore, err)
	}
	res, err = c.Query(ctxT(t), drivers.Request{SQL: "UPDATE n SET price = 0 WHERE i <= 7"})
	if err != nil || res.RowsAffected != 7 || res.HasResultSet() || res.Elapsed <= 0 {
		t.Fatalf("update = %+v, %v", res, err)
	}
}

func TestQuerySyntaxError(t *testing.T) {
	c, _ := open(t)
	_, err := c.Query(ctxT(t), drivers.Request{SQL: "SELECT *\nFROM WHERE x = 1"})
	var qe *drivers.QueryError
	if !errors.As(err, &qe) {
		t.Fatalf("error %T %v, want *drivers.QueryError", err, err)
	}
	if qe.Code != "1064" || qe.Line != 2 || qe.Column != 6 {
		t.Errorf("query error = code %s line %d col %d: %v", qe.Code, qe.Line, qe.Column, qe)
	}
	_, err = c.Query(ctxT(t), drivers.Request{SQL: "SELECT * FROM missing_table"})
	if !errors.As(err, &qe) || qe.Code != "1146" {
		t.Errorf("missing table error = %v", err)
	}
}

// TestQueryCancelKillsOnServer cancels SELECT SLEEP(30) and checks from
// another connection that the server stopped it.
func TestQueryCancelKillsOnServer(t *testing.T) {
	c, p := open(t)
	marker := "dbls_cancel_" + p.Database
	q := "SELECT SLEEP(30) AS " + marker
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(200*time.Millisecond, cancel)
	start := time.Now()
	_, err := c.Query(ctx, drivers.Request{SQL: q})
	took := time.Since(start)
	if err == nil || !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled query returned %v", err)
	}
	if took > 10*time.Second {
		t.Fatalf("cancelled query took %v", took)
	}
	admin, err := sql.Open("mysql", "root@tcp("+drivertest.MySQLAddr+")/")
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	deadline := time.Now().Add(10 * time.Second)
	for {
		var n int
		err := admin.QueryRow("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE INFO LIKE ? AND INFO NOT LIKE ?",
			"%"+marker+"%", "%PROCESSLIST%").Scan(&n)
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d statement(s) %q still running on the server", n, q)
		}
		time.Sleep(100 * time.Millisecond)
	}
	// The pool is still usable.
	if res, err := c.Query(ctxT(t), drivers.Request{SQL: "SELECT 1"}); err != nil || len(res.Rows) != 1 {
		t.Errorf("query after cancel: %v", err)
	}
}

// TestRecordsCRUD drives the generic record helpers through Exec and the
// dialect, with a composite key and hostile identifiers.
func TestRecordsCRUD(t *testing.T) {
	c, _ := open(t)
	exec(t, c, shopFixture)
	ctx := ctxT(t)
	weird := drivers.TableRef{Name: "we`ird table"}
	key := drivers.Record{{Column: "select", Value: 1}, {Column: "Ünïcødé", Value: "ä'b`c"}}
	row := append(append(drivers.Record{}, key...), drivers.Field{Column: `semi;colon"quote`, Value: "x;DROP TABLE item--"})
	if err := drivers.InsertRecord(ctx, c, weird, row); err != nil {
		t.Fatal(err)
	}
	n, err := drivers.UpdateRecord(ctx, c, weird, key, drivers.Record{{Column: `semi;colon"quote`, Value: "changed"}})
	if err != nil || n != 1 {
		t.Fatalf("update = %d, %v", n, err)
	}
	res, err := c.Query(ctx, drivers.Request{SQL: "SELECT `semi;colon\"quote` FROM `we``ird table`"})
	if err != nil || len(res.Rows) != 1 || res.Rows[0][0] != "changed" {
		t.Fatalf("after update: %+v, %v", res, err)
	}
	if n, err := drivers.DeleteRecord(ctx, c, weird, key); err != nil || n != 1 {
		t.Fatalf("delete = %d, %v", n, err)
	}
	if n, err := drivers.DeleteRecord(ctx, c, weird, key); err != nil || n != 0 {
		t.Fatalf("second delete = %d, %v", n, err)
	}
	// Qualified with the schema, a table with an auto-increment key.
	ref := drivers.TableRef{Schema: c.params.Database, Name: "customer"}
	if err := drivers.InsertRecord(ctx, c, ref, drivers.Record{{Column: "email", Value: "a@b.c"}, {Column: "name", Value: "Ann"}}); err != nil {
		t.Fatal(err)
	}
	if n, err := drivers.UpdateRecord(ctx, c, ref, drivers.Record{{Column: "id", Value: 1}}, drivers.Record{{Column: "name", Value: "Bo"}}); err != nil || n != 1 {
		t.Fatalf("update customer = %d, %v", n, err)
	}
	err = drivers.InsertRecord(ctx, c, ref, drivers.Record{{Column: "email", Value: "a@b.c"}, {Column: "name", Value: "Dup"}})
	var qe *drivers.QueryError
	if !errors.As(err, &qe) || qe.Code != "1062" {
		t.Errorf("duplicate insert = %v, want QueryError 1062", err)
	}
}

func TestViews(t *testing.T) {
	c, _ := open(t)
	exec(t, c, shopFixture)
	ctx := ctxT(t)
	v := drivers.ViewRef{Name: "cheap `items`"}
	if err := drivers.CreateView(ctx, c, v, "SELECT id, title FROM item WHERE daily_rate < 10"); err != nil {
		t.Fatal(err)
	}
	views, err := drivers.Views(ctx, c, c.params.Database)
	if err != nil || len(views) != 2 {
		t.Fatalf("views = %+v, %v", views, err)
	}
	if err := drivers.AlterView(ctx, c, v, "SELECT id FROM item WHERE daily_rate < 5"); err != nil {
		t.Fatal(err)
	}
	s, err := c.Snapshot(ctx, drivers.Filter{Objects: []string{v.Name}})
	if err != nil || len(s.Schemas[0].Views) != 1 {
		t.Fatalf("snapshot of view: %+v, %v", s, err)
	}
	got := s.Schemas[0].Views[0]
	if len(got.Columns) != 1 || !strings.Contains(got.Definition, "< 5") {
		t.Errorf("altered view = %+v", got)
	}
	if err := drivers.DropView(ctx, c, v); err != nil {
		t.Fatal(err)
	}
	if views, _ := drivers.Views(ctx, c, c.params.Database); len(views) != 1 {
		t.Errorf("views after drop = %+v", views)
	}
}
