package mysql

import (
	"bytes"
	"context"
	"database/sql/driver"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/schema"
)

var update = flag.Bool("update", false, "rewrite testdata golden files")

// TestSnapshotFixture reads the shop fixture and compares the whole schema
// with a golden file per flavor (testdata/shop.<flavor>.json, the database
// name written as {{db}}); the golden was checked by hand, and the asserts
// below spell out the points that matter most.
func TestSnapshotFixture(t *testing.T) {
	c, p := open(t)
	exec(t, c, shopFixture)
	s, err := c.Snapshot(ctxT(t), drivers.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if s.Driver != "mysql" || s.Database != p.Database || s.DefaultSchema != p.Database || s.ServerVersion == "" {
		t.Errorf("snapshot header = %q %q %q %q", s.Driver, s.Database, s.DefaultSchema, s.ServerVersion)
	}
	if len(s.Schemas) != 1 || s.Schemas[0].Name != p.Database {
		t.Fatalf("schemas = %v, want only %s", schemaNames(s), p.Database)
	}
	sc := &s.Schemas[0]
	assertShop(t, sc)
	compareGolden(t, c, sc, p.Database)
}

func assertShop(t *testing.T, sc *schema.Schema) {
	t.Helper()
	var names []string
	for _, tb := range sc.Tables {
		names = append(names, tb.Name)
	}
	if want := []string{"category", "customer", "item", "rental", "we`ird table"}; !slices.Equal(names, want) {
		t.Errorf("tables = %q, want %q", names, want)
	}
	item := sc.Table("item")
	if item == nil {
		t.Fatal("no table item")
	}
	if item.Comment != "rentable items" || item.Options["engine"] != "InnoDB" || item.Options["collation"] != "utf8mb4_unicode_ci" {
		t.Errorf("item comment/options = %q %v", item.Comment, item.Options)
	}
	wantDefaults := map[string]string{
		"daily_rate": "0.00", "deposit": "25.00", "stock": "1", "status": "'active'",
		"label": "'it''s new'", "note": "<nil>", "literal_null": "'NULL'",
		"available_from": "'2024-01-01'", "code": "(uuid())", "weekly_rate": "<nil>",
		"created_at": "CURRENT_TIMESTAMP(3)", "updated_at": "CURRENT_TIMESTAMP",
	}
	for _, col := range item.Columns {
		want, ok := wantDefaults[col.Name]
		if !ok {
			continue
		}
		if got := deref(col.Default); got != want {
			t.Errorf("item.%s default = %s, want %s", col.Name, got, want)
		}
	}
	if col := column(item, "updated_at"); col.OnUpdate != "CURRENT_TIMESTAMP" {
		t.Errorf("updated_at on update = %q", col.OnUpdate)
	}
	if g := column(item, "weekly_rate").Generated; g == nil || g.Stored || !strings.Contains(g.Expr, "daily_rate") {
		t.Errorf("weekly_rate generated = %+v", g)
	}
	if g := column(item, "title_lower").Generated; g == nil || !g.Stored {
		t.Errorf("title_lower generated = %+v", g)
	}
	if !column(item, "id").AutoIncrement {
		t.Error("item.id not auto_increment")
	}
	if !reflect.DeepEqual(item.Uniques, []schema.Unique{{Name: "uq_item_sku", Columns: []string{"sku"}}}) {
		t.Errorf("item uniques = %+v", item.Uniques)
	}
	var ixNames []string
	for _, ix := range item.Indexes {
		ixNames = append(ixNames, ix.Name)
	}
	if want := []string{"ft_item_description", "ix_item_category", "ix_item_title"}; !slices.Equal(ixNames, want) {
		t.Errorf("item indexes = %q, want %q (the unique is a Unique, the primary key a PrimaryKey)", ixNames, want)
	}
	title := item.Indexes[2].Columns
	if len(title) != 2 || title[0].Length != 20 || !title[1].Desc {
		t.Errorf("ix_item_title parts = %+v", title)
	}
	if item.Indexes[0].Method != "fulltext" {
		t.Errorf("fulltext method = %q", item.Indexes[0].Method)
	}
	rental := sc.Table("rental")
	if rental.PrimaryKey == nil || !slices.Equal(rental.PrimaryKey.Columns, []string{"item_id", "customer_id", "starts_on"}) {
		t.Errorf("rental primary key = %+v", rental.PrimaryKey)
	}
	cat := sc.Table("category")
	if len(cat.ForeignKeys) != 1 || cat.ForeignKeys[0].RefTable != "category" ||
		cat.ForeignKeys[0].OnDelete != "SET NULL" || cat.ForeignKeys[0].OnUpdate != "CASCADE" {
		t.Errorf("category self-reference = %+v", cat.ForeignKeys)
	}
	if c := column(cat, "slug"); c.Charset != "ascii" || c.Collation != "ascii_bin" {
		t.Errorf("slug charset/collation = %q/%q", c.Charset, c.Collation)
	}
	if c := column(cat, "name"); c.Charset != "" || c.Collation != "" {
		t.Errorf("name repeats the table default: %q/%q", c.Charset, c.Collation)
	}
	if len(sc.Views) != 1 || len(sc.Views[0].Columns) != 3 || strings.Contains(sc.Views[0].Definition, sc.Name) {
		t.Errorf("views = %+v", sc.Views)
	}
	if len(sc.Routines) != 2 || sc.Routines[0].Returns != "decimal(12,2)" || sc.Routines[1].Params[1].Mode != "inout" {
		t.Errorf("routines = %+v", sc.Routines)
	}
	if len(sc.Triggers) != 1 || sc.Triggers[0].Timing != "BEFORE" || sc.Triggers[0].Events[0] != "INSERT" {
		t.Errorf("triggers = %+v", sc.Triggers)
	}
}

func compareGolden(t *testing.T, c *Conn, sc *schema.Schema, db string) {
	t.Helper()
	flavor := "mysql"
	if c.flavor.mariaDB {
		flavor = "mariadb"
	}
	path := filepath.Join("testdata", "shop."+flavor+".json")
	got, err := json.MarshalIndent(sc, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = bytes.ReplaceAll(got, []byte(db), []byte("{{db}}"))
	if *update {
		if err := os.WriteFile(path, append(got, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		t.Skipf("no golden %s for this flavor (%s); run with -update and review it", path, c.version)
	} else if err != nil {
		t.Fatal(err)
	}
	if string(bytes.TrimSpace(want)) != string(got) {
		t.Errorf("snapshot differs from %s (run with -update and review the diff):\n%s", path, got)
	}
}

func column(t *schema.Table, name string) schema.Column {
	for _, c := range t.Columns {
		if c.Name == name {
			return c
		}
	}
	return schema.Column{}
}

func deref(s *string) string {
	if s == nil {
		return "<nil>"
	}
	return *s
}

func schemaNames(s *schema.Snapshot) []string {
	var out []string
	for _, sc := range s.Schemas {
		out = append(out, sc.Name)
	}
	return out
}

func TestSnapshotFilterObjects(t *testing.T) {
	c, _ := open(t)
	exec(t, c, shopFixture)
	s, err := c.Snapshot(ctxT(t), drivers.Filter{Objects: []string{"item", "active_item"}})
	if err != nil {
		t.Fatal(err)
	}
	sc := s.Schemas[0]
	if len(sc.Tables) != 1 || sc.Tables[0].Name != "item" || len(sc.Tables[0].Columns) != 18 {
		t.Errorf("tables = %+v", sc.Tables)
	}
	if len(sc.Views) != 1 || len(sc.Routines) != 0 {
		t.Errorf("views %d routines %d, want 1 and 0", len(sc.Views), len(sc.Routines))
	}
	if len(sc.Triggers) != 1 {
		t.Errorf("triggers of item = %+v", sc.Triggers)
	}
	tb, err := drivers.Table(ctxT(t), c, drivers.TableRef{Name: "we`ird table"})
	if err != nil || len(tb.Columns) != 3 {
		t.Errorf("Table(we`ird table) = %+v, %v", tb, err)
	}
	if _, err := drivers.Table(ctxT(t), c, drivers.TableRef{Name: "missing"}); !errors.Is(err, drivers.ErrNotFound) {
		t.Errorf("missing table: %v", err)
	}
}

// TestSnapshotOtherSchemas reads a database other than the connection's
// through Filter.Schemas, and lists databases and schemas.
func TestSnapshotOtherSchemas(t *testing.T) {
	c, p := open(t)
	other := p.Database + "_b"
	exec(t, c, "CREATE TABLE base (id INT PRIMARY KEY)")
	exec(t, c, "CREATE DATABASE `"+other+"`; CREATE TABLE `"+other+"`.t (id INT PRIMARY KEY, parent INT,"+
		" FOREIGN KEY (parent) REFERENCES `"+p.Database+"`.base (id));")
	t.Cleanup(func() { c.Exec(context.Background(), "DROP DATABASE IF EXISTS `"+other+"`") })
	s, err := c.Snapshot(ctxT(t), drivers.Filter{Schemas: []string{other, p.Database, "no_such_db"}})
	if err != nil {
		t.Fatal(err)
	}
	if got := schemaNames(s); !slices.Equal(got, []string{p.Database, other}) {
		t.Fatalf("schemas = %q", got)
	}
	fk := s.Schema(other).Table("t").ForeignKeys
	if len(fk) != 1 || fk[0].RefSchema != p.Database || fk[0].RefTable != "base" {
		t.Errorf("cross-database foreign key = %+v", fk)
	}
	for _, list := range [][]string{s.Databases, must(c.Databases(ctxT(t))), must(c.Schemas(ctxT(t)))} {
		if !slices.Contains(list, p.Database) || !slices.Contains(list, other) || slices.Contains(list, "mysql") ||
			slices.Contains(list, "information_schema") {
			t.Errorf("databases = %q", list)
		}
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// TestSnapshotQueryCountConstant counts the statements Snapshot sends,
// through a counting connector, for 5 and for 50 tables.
func TestSnapshotQueryCountConstant(t *testing.T) {
	var count atomic.Int64
	connectorHook = func(c driver.Connector) driver.Connector { return countingConnector{c, &count} }
	c, _ := open(t)
	connectorHook = nil
	counts := map[int]int64{}
	made := 0
	for _, n := range []int{5, 50} {
		var b strings.Builder
		for ; made < n; made++ {
			fmt.Fprintf(&b, "CREATE TABLE t%d (id INT PRIMARY KEY, v VARCHAR(10), p INT, KEY (v), CHECK (p > 0)"+
				", FOREIGN KEY (p) REFERENCES t0 (id));\n", made)
		}
		exec(t, c, b.String())
		before := count.Load()
		s, err := c.Snapshot(ctxT(t), drivers.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		if got := len(s.Schemas[0].Tables); got != n {
			t.Fatalf("tables = %d, want %d", got, n)
		}
		counts[n] = count.Load() - before
	}
	if counts[5] != counts[50] || counts[5] == 0 {
		t.Errorf("statements sent by Snapshot: %d for 5 tables, %d for 50", counts[5], counts[50])
	}
	t.Logf("Snapshot sends %d statements whatever the table count", counts[5])
}

// countingConnector counts the statements its connections send: queries
// without arguments go straight out, those with arguments are prepared
// (go-sql-driver answers ErrSkip to QueryContext without sending anything).
type countingConnector struct {
	driver.Connector
	n *atomic.Int64
}

func (c countingConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.Connector.Connect(ctx)
	if err != nil {
		return nil, err
	}
	return &countingConn{conn, c.n}, nil
}

type countingConn struct {
	driver.Conn
	n *atomic.Int64
}

func (c *countingConn) QueryContext(ctx context.Context, q string, args []driver.NamedValue) (driver.Rows, error) {
	rows, err := c.Conn.(driver.QueryerContext).QueryContext(ctx, q, args)
	if !errors.Is(err, driver.ErrSkip) {
		c.n.Add(1)
	}
	return rows, err
}

func (c *countingConn) ExecContext(ctx context.Context, q string, args []driver.NamedValue) (driver.Result, error) {
	r, err := c.Conn.(driver.ExecerContext).ExecContext(ctx, q, args)
	if !errors.Is(err, driver.ErrSkip) {
		c.n.Add(1)
	}
	return r, err
}

func (c *countingConn) PrepareContext(ctx context.Context, q string) (driver.Stmt, error) {
	c.n.Add(1)
	return c.Conn.(driver.ConnPrepareContext).PrepareContext(ctx, q)
}

func (c *countingConn) CheckNamedValue(v *driver.NamedValue) error {
	return c.Conn.(driver.NamedValueChecker).CheckNamedValue(v)
}
