package sqlite_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/drivertest"
	"github.com/dbls/dbls/drivers/schema"
	_ "github.com/dbls/dbls/drivers/sqlite"
)

// fixture adds to the demo shop what the demo leaves out: hostile names,
// STRICT, composite and deferrable foreign keys to composite keys, an
// attached-style case mix, an FTS table, and more index shapes.
const fixture = `
CREATE TABLE "we""ird table" (
    "select" INTEGER PRIMARY KEY,
    "Ünïcødé" TEXT NOT NULL DEFAULT 'ä',
    "semi;colon" TEXT COLLATE RTRIM,
    "back` + "`" + `tick" REAL CHECK ("back` + "`" + `tick" > 0)
);
CREATE TABLE strict_things (
    id   INTEGER NOT NULL,
    kind TEXT NOT NULL,
    qty  INT DEFAULT (1 + 1),
    CONSTRAINT pk_strict PRIMARY KEY (id, kind)
) STRICT;
CREATE TABLE thing_refs (
    ref_id   INTEGER,
    ref_kind TEXT,
    note     TEXT,
    CONSTRAINT fk_thing FOREIGN KEY (ref_id, ref_kind) REFERENCES strict_things (id, kind)
        ON UPDATE CASCADE ON DELETE RESTRICT DEFERRABLE INITIALLY DEFERRED
);
CREATE TABLE employees (
    id         INTEGER PRIMARY KEY,
    manager_id INTEGER REFERENCES employees,
    name       TEXT NOT NULL
);
CREATE UNIQUE INDEX "ix weird" ON "we""ird table" ("Ünïcødé" COLLATE NOCASE DESC, "select");
CREATE INDEX ix_things_expr ON strict_things (kind, id * 2, substr(kind, 1, 2) DESC) WHERE qty > 0;
CREATE VIRTUAL TABLE docs USING fts5(title, body);
`

func openFixture(t testing.TB, extra ...string) (drivers.Conn, string) {
	t.Helper()
	ctx := context.Background()
	url := drivertest.SQLiteURL(t)
	c, _, err := drivers.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	shop, err := os.ReadFile("../../docs/examples/shop.sql")
	if err != nil {
		t.Fatal(err)
	}
	for _, script := range append([]string{string(shop), fixture}, extra...) {
		if _, err := c.(drivers.Execer).Exec(ctx, script); err != nil {
			t.Fatalf("fixture: %v", err)
		}
	}
	return c, strings.TrimSuffix(strings.TrimPrefix(url, "sqlite:"), "?mode=rwc")
}

// TestSnapshotMatchesPragmas reads the catalog the slow, obvious way — one
// pragma call per table — and checks the batch snapshot says the same.
func TestSnapshotMatchesPragmas(t *testing.T) {
	c, path := openFixture(t)
	snap, err := c.Snapshot(context.Background(), drivers.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	main := snap.Schema("main")
	if main == nil {
		t.Fatal("no main schema")
	}
	tables := queryStrings(t, db, `SELECT name FROM sqlite_schema WHERE type = 'table'
		AND name NOT LIKE 'sqlite\_%' ESCAPE '\' AND name NOT LIKE 'docs\_%' ESCAPE '\' ORDER BY name`)
	if got := tableNames(main); !reflect.DeepEqual(got, tables) {
		t.Fatalf("tables:\n got %q\nwant %q", got, tables)
	}
	for _, name := range tables {
		tb := main.Table(name)
		t.Run(name, func(t *testing.T) {
			checkColumns(t, db, tb)
			checkForeignKeys(t, db, tb)
			checkIndexes(t, db, tb)
		})
	}
	views := queryStrings(t, db, `SELECT name FROM sqlite_schema WHERE type = 'view' ORDER BY name`)
	if len(views) != len(main.Views) {
		t.Fatalf("views: got %d, want %d", len(main.Views), len(views))
	}
	for _, name := range views {
		cols := queryStrings(t, db, `SELECT name FROM pragma_table_xinfo(?) ORDER BY cid`, name)
		if got := columnNames(main.View(name).Columns); !reflect.DeepEqual(got, cols) {
			t.Errorf("view %s columns: got %q, want %q", name, got, cols)
		}
	}
	triggers := queryStrings(t, db, `SELECT name FROM sqlite_schema WHERE type = 'trigger' ORDER BY name`)
	if len(triggers) != len(main.Triggers) || main.Triggers[0].Name != triggers[0] {
		t.Fatalf("triggers: got %+v, want %q", main.Triggers, triggers)
	}
}

func checkColumns(t *testing.T, db *sql.DB, tb *schema.Table) {
	rows, err := db.Query(`SELECT cid, name, type, "notnull", dflt_value, pk, hidden FROM pragma_table_xinfo(?) ORDER BY cid`, tb.Name)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var pk []string
	i := 0
	for rows.Next() {
		var cid, pkPos, hidden int
		var name, typ string
		var notNull bool
		var dflt sql.NullString
		if err := rows.Scan(&cid, &name, &typ, &notNull, &dflt, &pkPos, &hidden); err != nil {
			t.Fatal(err)
		}
		if hidden == 1 {
			continue
		}
		if i >= len(tb.Columns) {
			t.Fatalf("column %s missing from snapshot", name)
		}
		col := tb.Columns[i]
		i++
		want := schema.Column{Name: name, Position: cid + 1, Type: typ, Nullable: !notNull}
		if dflt.Valid {
			want.Default = &dflt.String
		}
		got := schema.Column{Name: col.Name, Position: col.Position, Type: col.Type, Nullable: col.Nullable, Default: col.Default}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("column %d: got %+v, want %+v", cid, got, want)
		}
		if (hidden >= 2) != (col.Generated != nil) || hidden == 3 && !col.Generated.Stored {
			t.Errorf("column %s: hidden=%d but generated=%+v", name, hidden, col.Generated)
		}
		for pkPos > len(pk) {
			pk = append(pk, "")
		}
		if pkPos > 0 {
			pk[pkPos-1] = name
		}
	}
	if i != len(tb.Columns) {
		t.Errorf("snapshot has %d columns, pragma %d", len(tb.Columns), i)
	}
	var gotPK []string
	if tb.PrimaryKey != nil {
		gotPK = tb.PrimaryKey.Columns
	}
	if !reflect.DeepEqual(gotPK, pk) {
		t.Errorf("primary key: got %q, want %q", gotPK, pk)
	}
}

func checkForeignKeys(t *testing.T, db *sql.DB, tb *schema.Table) {
	rows, err := db.Query(`SELECT id, "table", "from", coalesce("to", ''), on_update, on_delete FROM pragma_foreign_key_list(?) ORDER BY id, seq`, tb.Name)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	want := map[int]*schema.ForeignKey{}
	for rows.Next() {
		var id int
		var fk schema.ForeignKey
		var from, to string
		if err := rows.Scan(&id, &fk.RefTable, &from, &to, &fk.OnUpdate, &fk.OnDelete); err != nil {
			t.Fatal(err)
		}
		if want[id] == nil {
			want[id] = &fk
		}
		want[id].Columns = append(want[id].Columns, from)
		want[id].RefColumns = append(want[id].RefColumns, to)
	}
	if len(want) != len(tb.ForeignKeys) {
		t.Fatalf("foreign keys: got %d, want %d", len(tb.ForeignKeys), len(want))
	}
	for _, w := range want {
		found := false
		for _, g := range tb.ForeignKeys {
			if g.RefTable == w.RefTable && reflect.DeepEqual(g.Columns, w.Columns) &&
				g.OnDelete == w.OnDelete && g.OnUpdate == w.OnUpdate {
				found = true
				// An empty "to" means the parent's primary key, which the
				// snapshot resolves.
				if w.RefColumns[0] != "" && !reflect.DeepEqual(g.RefColumns, w.RefColumns) {
					t.Errorf("fk %v: ref columns %q, want %q", g.Columns, g.RefColumns, w.RefColumns)
				}
				if len(g.RefColumns) != len(g.Columns) {
					t.Errorf("fk %v: unresolved ref columns %q", g.Columns, g.RefColumns)
				}
			}
		}
		if !found {
			t.Errorf("foreign key %+v missing; have %+v", w, tb.ForeignKeys)
		}
	}
}

func checkIndexes(t *testing.T, db *sql.DB, tb *schema.Table) {
	rows, err := db.Query(`SELECT il.name, il.origin, il."unique", count(*) FROM pragma_index_list(?) il,
		pragma_index_info(il.name) ii GROUP BY il.name ORDER BY il.name`, tb.Name)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var indexes, uniques int
	for rows.Next() {
		var name, origin string
		var unique bool
		var n int
		if err := rows.Scan(&name, &origin, &unique, &n); err != nil {
			t.Fatal(err)
		}
		switch origin {
		case "c":
			indexes++
			ix := findIndex(tb, name)
			if ix == nil {
				t.Errorf("index %s missing", name)
				continue
			}
			if ix.Unique != unique || len(ix.Columns) != n {
				t.Errorf("index %s: unique=%v parts=%d, want unique=%v parts=%d", name, ix.Unique, len(ix.Columns), unique, n)
			}
		case "u":
			uniques++
		}
	}
	if indexes != len(tb.Indexes) || uniques != len(tb.Uniques) {
		t.Errorf("indexes/uniques: got %d/%d, want %d/%d", len(tb.Indexes), len(tb.Uniques), indexes, uniques)
	}
}

func findIndex(tb *schema.Table, name string) *schema.Index {
	for i := range tb.Indexes {
		if tb.Indexes[i].Name == name {
			return &tb.Indexes[i]
		}
	}
	return nil
}

// TestSnapshotDetails checks what only the stored DDL can tell.
func TestSnapshotDetails(t *testing.T) {
	c, _ := openFixture(t)
	snap, err := c.Snapshot(context.Background(), drivers.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	main := snap.Schema("main")
	tb := func(name string) *schema.Table {
		t.Helper()
		x := main.Table(name)
		if x == nil {
			t.Fatalf("no table %s", name)
		}
		return x
	}
	checks := []struct {
		what      string
		got, want any
	}{
		{"autoincrement", tb("customers").Column("id").AutoIncrement, true},
		{"no autoincrement", tb("orders").Column("id").AutoIncrement, false},
		{"collation", tb("customers").Column("email").Collation, "NOCASE"},
		{"hostile collation", tb(`we"ird table`).Column("semi;colon").Collation, "RTRIM"},
		{"virtual generated", *tb("products").Column("name_search").Generated, schema.Generated{Expr: "lower(name)"}},
		{"stored generated", *tb("order_items").Column("line_total").Generated, schema.Generated{Expr: "quantity * unit_price", Stored: true}},
		{"expression default", *tb("strict_things").Column("qty").Default, "1 + 1"},
		{"unicode default", *tb(`we"ird table`).Column("Ünïcødé").Default, "'ä'"},
		{"without rowid", tb("warehouses").Options["without_rowid"], "true"},
		{"strict", tb("strict_things").Options["strict"], "true"},
		{"virtual table", tb("docs").Options["virtual"], "fts5"},
		{"named pk", tb("strict_things").PrimaryKey.Name, "pk_strict"},
		{"composite pk", tb("order_items").PrimaryKey.Columns, []string{"order_id", "line_no"}},
		{"named unique", tb("customers").Uniques, []schema.Unique{{Name: "uq_customers_email", Columns: []string{"email"}}}},
		{"column unique", tb("categories").Uniques, []schema.Unique{{Name: "uq_categories_slug", Columns: []string{"slug"}}}},
		{"composite unique", tb("shipments").Uniques, []schema.Unique{{Columns: []string{"carrier", "tracking_no"}}}},
		{"checks", tb("orders").Checks, []schema.Check{{Name: "ck_orders_status", Expr: "status IN ('new', 'paid', 'shipped', 'delivered', 'cancelled')"}}},
		{"column check", tb("payments").Checks, []schema.Check{
			{Expr: "amount > 0", Column: "amount"},
			{Expr: "method IN ('card', 'invoice', 'paypal')", Column: "method"}}},
		{"hostile check", tb(`we"ird table`).Checks, []schema.Check{{Expr: "\"back`tick\" > 0", Column: "back`tick"}}},
		{"self reference", tb("employees").ForeignKeys, []schema.ForeignKey{{Columns: []string{"manager_id"},
			RefSchema: "main", RefTable: "employees", RefColumns: []string{"id"}, OnDelete: "NO ACTION", OnUpdate: "NO ACTION"}}},
		{"composite deferrable fk", tb("thing_refs").ForeignKeys, []schema.ForeignKey{{Name: "fk_thing",
			Columns: []string{"ref_id", "ref_kind"}, RefSchema: "main", RefTable: "strict_things", RefColumns: []string{"id", "kind"},
			OnDelete: "RESTRICT", OnUpdate: "CASCADE", Deferrable: true, InitiallyDeferred: true}}},
		{"partial index", findIndex(tb("orders"), "ix_orders_open").Where, "status NOT IN ('delivered', 'cancelled')"},
		{"expression index", findIndex(tb("strict_things"), "ix_things_expr").Columns, []schema.IndexColumn{
			{Name: "kind"}, {Expr: "id * 2"}, {Expr: "substr(kind, 1, 2)", Desc: true}}},
		{"expression index where", findIndex(tb("strict_things"), "ix_things_expr").Where, "qty > 0"},
		{"hostile index", *findIndex(tb(`we"ird table`), "ix weird"), schema.Index{Name: "ix weird", Unique: true,
			Columns: []schema.IndexColumn{{Name: "Ünïcødé", Desc: true, Collation: "NOCASE"}, {Name: "select"}}}},
		{"view definition prefix", strings.HasPrefix(main.View("order_totals").Definition, "SELECT o.id AS order_id"), true},
		{"trigger", [2]any{main.Triggers[0].Timing, main.Triggers[0].Events}, [2]any{"AFTER", []string{"INSERT"}}},
		{"default schema", snap.DefaultSchema, "main"},
	}
	for _, c := range checks {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s:\n got %#v\nwant %#v", c.what, c.got, c.want)
		}
	}
}

func TestSnapshotFilterAndHelpers(t *testing.T) {
	ctx := context.Background()
	c, _ := openFixture(t)
	tb, err := drivers.Table(ctx, c, drivers.TableRef{Name: "ORDERS"}) // SQLite names are case-insensitive
	if err != nil {
		t.Fatal(err)
	}
	if tb.Name != "orders" || len(tb.Indexes) != 2 || len(tb.ForeignKeys) != 2 {
		t.Fatalf("Table(orders) = %+v", tb)
	}
	if _, err := drivers.Table(ctx, c, drivers.TableRef{Name: "nope"}); !errors.Is(err, drivers.ErrNotFound) {
		t.Fatalf("missing table: err = %v", err)
	}
	views, err := drivers.Views(ctx, c, "main")
	if err != nil || len(views) != 1 {
		t.Fatalf("Views = %v, %v", views, err)
	}
	snap, err := c.Snapshot(ctx, drivers.Filter{Schemas: []string{"other"}})
	if err != nil || len(snap.Schemas) != 0 {
		t.Fatalf("filter on missing schema: %+v, %v", snap.Schemas, err)
	}
}

// TestBrokenView: a view over a dropped table must not cost the snapshot.
func TestBrokenView(t *testing.T) {
	c, _ := openFixture(t, `CREATE TABLE gone (x INTEGER); CREATE VIEW broken AS SELECT x FROM gone;
		PRAGMA legacy_alter_table = ON; DROP TABLE gone;`)
	snap, err := c.Snapshot(context.Background(), drivers.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	main := snap.Schema("main")
	if main.View("broken") == nil || len(main.View("order_totals").Columns) != 5 {
		t.Fatalf("views: %+v", main.Views)
	}
}

func TestHostileIdentifiersCRUDAndViews(t *testing.T) {
	ctx := context.Background()
	c, _ := openFixture(t)
	weird := drivers.TableRef{Name: `we"ird table`}
	row := drivers.Record{{Column: "select", Value: 7}, {Column: "Ünïcødé", Value: "ünï"},
		{Column: "semi;colon", Value: "a'; DROP TABLE orders; --"}, {Column: "back`tick", Value: 1.5}}
	if err := drivers.InsertRecord(ctx, c, weird, row); err != nil {
		t.Fatal(err)
	}
	key := drivers.Record{{Column: "select", Value: 7}}
	n, err := drivers.UpdateRecord(ctx, c, weird, key, drivers.Record{{Column: "Ünïcødé", Value: "ü2"}})
	if err != nil || n != 1 {
		t.Fatalf("update: %d, %v", n, err)
	}
	res := query(t, c, `SELECT "Ünïcødé", "semi;colon" FROM "we""ird table" WHERE "select" = 7`, 0, 1)
	if len(res.Rows) != 1 || res.Rows[0][0] != "ü2" || res.Rows[0][1] != "a'; DROP TABLE orders; --" {
		t.Fatalf("rows = %v", res.Rows)
	}
	// Composite key.
	items := drivers.TableRef{Name: "order_items"}
	n, err = drivers.UpdateRecord(ctx, c, items, drivers.Record{{Column: "order_id", Value: 1}, {Column: "line_no", Value: 2}},
		drivers.Record{{Column: "quantity", Value: 5}})
	if err != nil || n != 1 {
		t.Fatalf("update composite: %d, %v", n, err)
	}
	n, err = drivers.DeleteRecord(ctx, c, weird, key)
	if err != nil || n != 1 {
		t.Fatalf("delete: %d, %v", n, err)
	}

	v := drivers.ViewRef{Name: `vue "select"; x`}
	if err := drivers.CreateView(ctx, c, v, `SELECT "select" AS k FROM "we""ird table"`); err != nil {
		t.Fatal(err)
	}
	if err := drivers.AlterView(ctx, c, v, `SELECT "select" AS k, "Ünïcødé" AS u FROM "we""ird table"`); err != nil {
		t.Fatal(err)
	}
	views, _ := drivers.Views(ctx, c, "main")
	if got := viewColumns(views, v.Name); !reflect.DeepEqual(got, []string{"k", "u"}) {
		t.Fatalf("altered view columns = %q", got)
	}
	if err := drivers.AlterView(ctx, c, v, `SELECT nonsense FROM nowhere`); err == nil {
		t.Fatal("altering to a bad definition succeeded")
	}
	views, _ = drivers.Views(ctx, c, "main")
	if got := viewColumns(views, v.Name); len(got) != 2 {
		t.Fatalf("failed alter lost the view: %q", got)
	}
	if err := drivers.DropView(ctx, c, v); err != nil {
		t.Fatal(err)
	}
	views, _ = drivers.Views(ctx, c, "main")
	if viewColumns(views, v.Name) != nil {
		t.Fatal("view still there after drop")
	}
}

func viewColumns(views []schema.View, name string) []string {
	for _, v := range views {
		if v.Name == name {
			return columnNames(v.Columns)
		}
	}
	return nil
}

func TestQueryPaging(t *testing.T) {
	c, _ := openFixture(t, `CREATE TABLE n (i INTEGER PRIMARY KEY);
		WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 25) INSERT INTO n SELECT i FROM s;`)
	cases := []struct {
		limit, page int
		first, rows int
		more        bool
	}{
		{10, 1, 1, 10, true},
		{10, 2, 11, 10, true},
		{10, 3, 21, 5, false},
		{10, 4, 0, 0, false},
		{0, 1, 1, 25, false},
		{25, 1, 1, 25, false},
	}
	for _, tc := range cases {
		res := query(t, c, "SELECT i FROM n ORDER BY i", tc.limit, tc.page)
		if len(res.Rows) != tc.rows || res.HasMore != tc.more {
			t.Errorf("limit %d page %d: %d rows, more=%v; want %d, %v", tc.limit, tc.page, len(res.Rows), res.HasMore, tc.rows, tc.more)
		}
		if tc.rows > 0 && res.Rows[0][0] != int64(tc.first) {
			t.Errorf("limit %d page %d: first = %v, want %d", tc.limit, tc.page, res.Rows[0][0], tc.first)
		}
	}
	res := query(t, c, "UPDATE n SET i = i + 100 WHERE i <= 3", 0, 1)
	if res.HasResultSet() || res.RowsAffected != 3 {
		t.Fatalf("update: %+v", res)
	}
	res = query(t, c, "DELETE FROM n WHERE i > 100 RETURNING i", 0, 1)
	if len(res.Rows) != 3 || res.Columns[0].Name != "i" {
		t.Fatalf("returning: %+v", res)
	}
}

func TestQueryErrors(t *testing.T) {
	c, _ := openFixture(t)
	_, err := c.(drivers.Querier).Query(context.Background(), drivers.Request{SQL: "SELECT 1;\nSELEC * FROM orders"})
	var qe *drivers.QueryError
	if !errors.As(err, &qe) {
		t.Fatalf("err = %T %v, want *QueryError", err, err)
	}
	if !strings.Contains(qe.Message, "syntax error") || qe.Line != 2 || qe.Column != 1 {
		t.Fatalf("query error = %+v", qe)
	}
	_, err = c.(drivers.Querier).Query(context.Background(), drivers.Request{SQL: "SELECT nope FROM orders"})
	if err == nil || !strings.Contains(err.Error(), "no such column: nope") {
		t.Fatalf("err = %v", err)
	}
}

// TestExecOnlyComments: a script of comments alone (an empty schema file)
// runs as nothing; the library gives no result for it.
func TestExecOnlyComments(t *testing.T) {
	c, _ := openFixture(t)
	for _, sql := range []string{"", "-- (an empty database)\n", "/* nothing */ ;"} {
		if n, err := c.(drivers.Execer).Exec(context.Background(), sql); n != 0 || err != nil {
			t.Errorf("Exec(%q) = %d, %v", sql, n, err)
		}
	}
}

func TestQueryCancel(t *testing.T) {
	c, _ := openFixture(t)
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	_, err := c.(drivers.Querier).Query(ctx, drivers.Request{
		SQL: "WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s) SELECT count(*) FROM s"})
	if err == nil {
		t.Fatal("endless query was not cancelled")
	}
	// The connection stays usable.
	if res := query(t, c, "SELECT 1", 0, 1); len(res.Rows) != 1 {
		t.Fatal("connection unusable after cancel")
	}
}

func TestOpenErrors(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing.db")
	notDB := filepath.Join(dir, "text.db")
	if err := os.WriteFile(notDB, []byte("this is not a database, but long enough to look like one ............................................"), 0o600); err != nil {
		t.Fatal(err)
	}
	cases := []struct{ url, want string }{
		{"sqlite:" + missing, "does not exist"},
		{"sqlite:" + dir, "is a directory"},
		{"sqlite:" + notDB, "not a database"},
		{"sqlite:" + missing + "?mode=bogus", "invalid mode"},
	}
	for _, tc := range cases {
		_, _, err := drivers.Open(ctx, tc.url)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Open(%s) = %v, want error containing %q", tc.url, err, tc.want)
		}
	}
	if _, err := os.Stat(missing); !os.IsNotExist(err) {
		t.Fatal("opening a missing file created it")
	}
	c, _, err := drivers.Open(ctx, "sqlite::memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	query(t, c, "CREATE TABLE m (x)", 0, 1)
	if res := query(t, c, "SELECT count(*) FROM m", 0, 1); res.Rows[0][0] != int64(0) {
		t.Fatal("in-memory database lost its table between calls")
	}
}

func query(t testing.TB, c drivers.Conn, q string, limit, page int) *drivers.Result {
	t.Helper()
	res, err := c.(drivers.Querier).Query(context.Background(), drivers.Request{SQL: q, Limit: limit, Page: page})
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return res
}

func queryStrings(t *testing.T, db *sql.DB, q string, args ...any) []string {
	t.Helper()
	rows, err := db.Query(q, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	return out
}

func tableNames(sc *schema.Schema) []string {
	var out []string
	for _, t := range sc.Tables {
		out = append(out, t.Name)
	}
	return out
}

func columnNames(cols []schema.Column) []string {
	var out []string
	for _, c := range cols {
		out = append(out, c.Name)
	}
	return out
}

// BenchmarkSnapshot measures a whole snapshot of generated databases of
// 2,000 and 10,000 tables (drivertest.LargeSchema: 20 columns, a foreign
// key, a check and two indexes each).
func BenchmarkSnapshot(b *testing.B) {
	for _, n := range []int{2000, 10000} {
		b.Run(fmt.Sprintf("tables=%d", n), func(b *testing.B) {
			ctx := context.Background()
			c, _, err := drivers.Open(ctx, drivertest.SQLiteURL(b))
			if err != nil {
				b.Fatal(err)
			}
			defer c.Close()
			for _, script := range drivertest.LargeSchema("sqlite", n, 1000) {
				if _, err := c.(drivers.Execer).Exec(ctx, script); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				snap, err := c.Snapshot(ctx, drivers.Filter{})
				if err != nil {
					b.Fatal(err)
				}
				if got := snap.TableCount(); got != n {
					b.Fatalf("%d tables, want %d", got, n)
				}
			}
		})
	}
}
