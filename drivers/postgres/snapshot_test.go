package postgres

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/drivertest"
	"github.com/dbls/dbls/drivers/schema"
)

func ptr(s string) *string { return &s }

// fixtureSnapshot loads testdata/fixture.sql into a new database and reads
// it back.
func fixtureSnapshot(t *testing.T, f drivers.Filter) (*Conn, *schema.Snapshot) {
	t.Helper()
	c := testConn(t)
	mustExec(t, c, fixtureSQL)
	s, err := c.Snapshot(testContext(t), f)
	if err != nil {
		t.Fatalf("snapshot: %v", err)
	}
	return c, s
}

func findTable(t *testing.T, s *schema.Snapshot, sc, name string) schema.Table {
	t.Helper()
	if x := s.Schema(sc); x != nil {
		if tb := x.Table(name); tb != nil {
			return *tb
		}
	}
	t.Fatalf("table %s.%s not in snapshot", sc, name)
	return schema.Table{}
}

func findView(t *testing.T, s *schema.Snapshot, sc, name string) schema.View {
	t.Helper()
	if x := s.Schema(sc); x != nil {
		for _, v := range x.Views {
			if v.Name == name {
				return v
			}
		}
	}
	t.Fatalf("view %s.%s not in snapshot", sc, name)
	return schema.View{}
}

func findRoutine(t *testing.T, s *schema.Snapshot, sc, name string) schema.Routine {
	t.Helper()
	if x := s.Schema(sc); x != nil {
		for _, r := range x.Routines {
			if r.Name == name {
				return r
			}
		}
	}
	t.Fatalf("routine %s.%s not in snapshot", sc, name)
	return schema.Routine{}
}

func equal(t *testing.T, what string, got, want any) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s:\n got  %+v\n want %+v", what, got, want)
	}
}

func names[T any](list []T, name func(T) string) []string {
	out := []string{}
	for _, x := range list {
		out = append(out, name(x))
	}
	return out
}

func TestSnapshotFixture(t *testing.T) {
	_, s := fixtureSnapshot(t, drivers.Filter{})

	equal(t, "driver", s.Driver, "postgres")
	if !strings.HasPrefix(s.Database, "dbls_test_") || !slices.Contains(s.Databases, s.Database) {
		t.Errorf("database %q, databases %v", s.Database, s.Databases)
	}
	if slices.Contains(s.Databases, "template0") || slices.Contains(s.Databases, "template1") {
		t.Errorf("databases include templates: %v", s.Databases)
	}
	if !strings.HasPrefix(s.ServerVersion, "1") {
		t.Errorf("server version %q", s.ServerVersion)
	}
	equal(t, "default schema", s.DefaultSchema, "public")
	equal(t, "search path", s.SearchPath, []string{"public"})
	equal(t, "schemas", names(s.Schemas, func(x schema.Schema) string { return x.Name }), []string{"public", "rental", "shop"})
	equal(t, "shop comment", s.Schema("shop").Comment, "Online shop")

	t.Run("tables", func(t *testing.T) { checkTables(t, s) })
	t.Run("views", func(t *testing.T) { checkViews(t, s) })
	t.Run("routines", func(t *testing.T) { checkRoutines(t, s) })
	t.Run("triggers, sequences, enums", func(t *testing.T) { checkOthers(t, s) })
}

func checkTables(t *testing.T, s *schema.Snapshot) {
	tableNames := func(sc string) []string {
		return names(s.Schema(sc).Tables, func(x schema.Table) string { return x.Name })
	}
	equal(t, "shop tables", tableNames("shop"), []string{"customers", "order_items", "orders", "products"})
	equal(t, "rental tables", tableNames("rental"), []string{"rentals", "rentals_2024", "rentals_2025", "stores"})
	equal(t, "public tables", tableNames("public"), []string{`we"ird table`})

	equal(t, "shop.customers", findTable(t, s, "shop", "customers"), schema.Table{
		Name: "customers", Kind: schema.TableOrdinary, Comment: "People who buy",
		Columns: []schema.Column{
			{Name: "id", Position: 1, Type: "bigint", Identity: schema.IdentityAlways},
			{Name: "email", Position: 2, Type: "text", Collation: "C", Comment: "Login e-mail"},
			{Name: "name", Position: 3, Type: "character varying(100)"},
			{Name: "referred_by", Position: 4, Type: "bigint", Nullable: true},
			{Name: "created_at", Position: 5, Type: "timestamp with time zone", Default: ptr("now()")},
		},
		PrimaryKey: &schema.PrimaryKey{Name: "customers_pkey", Columns: []string{"id"}, Definition: "PRIMARY KEY (id)"},
		Indexes: []schema.Index{
			{Name: "customers_lower_email_idx", Method: "btree", Columns: []schema.IndexColumn{{Expr: "lower(email)"}},
				Definition: "USING btree (lower(email))"},
		},
		ForeignKeys: []schema.ForeignKey{{
			Name: "customers_referred_by_fkey", Columns: []string{"referred_by"},
			RefSchema: "shop", RefTable: "customers", RefColumns: []string{"id"},
			OnDelete: schema.ActionSetNull, OnUpdate: schema.ActionNoAction,
		}},
		Uniques: []schema.Unique{{Name: "customers_email_key", Columns: []string{"email"}, Definition: "UNIQUE (email)"}},
	})

	equal(t, "shop.products", findTable(t, s, "shop", "products"), schema.Table{
		Name: "products", Kind: schema.TableOrdinary,
		Columns: []schema.Column{
			{Name: "id", Position: 1, Type: "integer", Default: ptr("nextval('shop.products_id_seq'::regclass)"), AutoIncrement: true},
			{Name: "sku", Position: 2, Type: "text"},
			{Name: "price", Position: 3, Type: "numeric(10,2)"},
			{Name: "tags", Position: 4, Type: "text[]", Default: ptr("'{}'::text[]")},
			{Name: "attrs", Position: 5, Type: "jsonb", Nullable: true},
			{Name: "active", Position: 6, Type: "boolean", Default: ptr("true")},
		},
		PrimaryKey: &schema.PrimaryKey{Name: "products_pkey", Columns: []string{"id"}, Definition: "PRIMARY KEY (id)"},
		Indexes: []schema.Index{
			{Name: "products_active_sku_idx", Method: "btree", Unique: true, Where: "active",
				Columns: []schema.IndexColumn{{Name: "sku"}}, Definition: "USING btree (sku) WHERE active"},
			{Name: "products_price_idx", Method: "btree", Comment: "Price lists", Include: []string{"sku"},
				Columns:    []schema.IndexColumn{{Name: "price", Desc: true}, {Name: "id"}},
				Definition: "USING btree (price DESC, id) INCLUDE (sku)"},
			{Name: "products_tags_idx", Method: "gin", Columns: []schema.IndexColumn{{Name: "tags"}}, Definition: "USING gin (tags)"},
		},
		Checks: []schema.Check{
			{Name: "products_cheap_when_inactive", Expr: "active OR price < 1000::numeric",
				Definition: "CHECK (active OR price < 1000::numeric)"},
			{Name: "products_price_check", Expr: "price >= 0::numeric", Column: "price", Definition: "CHECK (price >= 0::numeric)"},
		},
	})

	equal(t, "shop.orders", findTable(t, s, "shop", "orders"), schema.Table{
		Name: "orders", Kind: schema.TableOrdinary,
		Columns: []schema.Column{
			{Name: "id", Position: 1, Type: "bigint", Identity: schema.IdentityByDefault},
			{Name: "customer_id", Position: 2, Type: "bigint"},
			{Name: "status", Position: 3, Type: "shop.order_status", Default: ptr("'new'::shop.order_status")},
			// A default on a sequence the column does not own is not serial.
			{Name: "invoice", Position: 4, Type: "integer", Nullable: true, Default: ptr("nextval('shop.invoice_no'::regclass)")},
			{Name: "ordered_at", Position: 5, Type: "timestamp with time zone", Default: ptr("now()")},
		},
		PrimaryKey: &schema.PrimaryKey{Name: "orders_pkey", Columns: []string{"id"}, Definition: "PRIMARY KEY (id)"},
		ForeignKeys: []schema.ForeignKey{{
			Name: "orders_customer_id_fkey", Columns: []string{"customer_id"},
			RefSchema: "shop", RefTable: "customers", RefColumns: []string{"id"},
			OnDelete: schema.ActionCascade, OnUpdate: schema.ActionNoAction,
		}},
	})

	equal(t, "shop.order_items", findTable(t, s, "shop", "order_items"), schema.Table{
		Name: "order_items", Kind: schema.TableOrdinary,
		Columns: []schema.Column{
			{Name: "order_id", Position: 1, Type: "bigint"},
			{Name: "line_no", Position: 2, Type: "integer"},
			{Name: "product_id", Position: 3, Type: "integer"},
			{Name: "quantity", Position: 4, Type: "integer"},
			{Name: "unit_price", Position: 5, Type: "numeric(10,2)"},
			{Name: "total", Position: 6, Type: "numeric(12,2)", Nullable: true,
				Generated: &schema.Generated{Expr: "(quantity::numeric * unit_price)", Stored: true}},
		},
		PrimaryKey: &schema.PrimaryKey{Name: "order_items_pkey", Columns: []string{"order_id", "line_no"}, Definition: "PRIMARY KEY (order_id, line_no)"},
		ForeignKeys: []schema.ForeignKey{
			{
				Name: "order_items_order_id_fkey", Columns: []string{"order_id"},
				RefSchema: "shop", RefTable: "orders", RefColumns: []string{"id"},
				OnDelete: schema.ActionCascade, OnUpdate: schema.ActionNoAction,
				Deferrable: true, InitiallyDeferred: true,
			},
			{
				Name: "order_items_product_fkey", Columns: []string{"product_id"},
				RefSchema: "shop", RefTable: "products", RefColumns: []string{"id"},
				OnDelete: schema.ActionNoAction, OnUpdate: schema.ActionRestrict, Match: "FULL",
			},
		},
		Checks: []schema.Check{{Name: "order_items_quantity_check", Expr: "quantity > 0", Column: "quantity", Definition: "CHECK (quantity > 0)"}},
	})

	rentalCols := []schema.Column{
		{Name: "rental_id", Position: 1, Type: "bigint"},
		{Name: "store_id", Position: 2, Type: "integer"},
		{Name: "customer_id", Position: 3, Type: "bigint", Nullable: true},
		{Name: "rented_on", Position: 4, Type: "date"},
		{Name: "returned_on", Position: 5, Type: "date", Nullable: true},
	}
	equal(t, "rental.rentals", findTable(t, s, "rental", "rentals"), schema.Table{
		Name: "rentals", Kind: schema.TablePartitioned,
		Options:    map[string]string{"partition_by": "RANGE (rented_on)"},
		Columns:    rentalCols,
		PrimaryKey: &schema.PrimaryKey{Name: "rentals_pkey", Columns: []string{"rental_id", "rented_on"}, Definition: "PRIMARY KEY (rental_id, rented_on)"},
		Indexes:    []schema.Index{{Name: "rentals_store_idx", Method: "btree", Columns: []schema.IndexColumn{{Name: "store_id"}}, Definition: "USING btree (store_id)"}},
		ForeignKeys: []schema.ForeignKey{
			{
				Name: "rentals_customer_id_fkey", Columns: []string{"customer_id"},
				RefSchema: "shop", RefTable: "customers", RefColumns: []string{"id"},
				OnDelete: schema.ActionSetNull, OnUpdate: schema.ActionNoAction,
			},
			{
				Name: "rentals_store_id_fkey", Columns: []string{"store_id"},
				RefSchema: "rental", RefTable: "stores", RefColumns: []string{"store_id"},
				OnDelete: schema.ActionNoAction, OnUpdate: schema.ActionNoAction,
			},
		},
	})
	// A partition reports only what was declared on it: its key, index
	// and foreign keys come and go with the parent's.
	equal(t, "rental.rentals_2024", findTable(t, s, "rental", "rentals_2024"), schema.Table{
		Name: "rentals_2024", Kind: schema.TablePartition, PartitionOf: "rental.rentals",
		Options: map[string]string{"partition_bound": "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')"},
		Columns: rentalCols,
	})

	equal(t, `public."we""ird table"`, findTable(t, s, "public", `we"ird table`), schema.Table{
		Name: `we"ird table`, Kind: schema.TableOrdinary,
		Columns: []schema.Column{
			{Name: "select", Position: 1, Type: "integer"},
			{Name: "Ünïcødé", Position: 2, Type: "text", Nullable: true},
			{Name: "semi;colon", Position: 3, Type: "text", Nullable: true},
		},
		PrimaryKey: &schema.PrimaryKey{Name: `we"ird pk`, Columns: []string{"select"}, Definition: `PRIMARY KEY ("select")`},
	})
}

func checkViews(t *testing.T, s *schema.Snapshot) {
	v := findView(t, s, "shop", "order_totals")
	if v.Materialized || v.Comment != "Order sums" {
		t.Errorf("order_totals: materialized %v, comment %q", v.Materialized, v.Comment)
	}
	def := strings.Join(strings.Fields(v.Definition), " ")
	want := "SELECT o.id, o.customer_id, sum(i.total) AS total FROM shop.orders o JOIN shop.order_items i ON i.order_id = o.id GROUP BY o.id, o.customer_id"
	equal(t, "order_totals definition", def, want)
	equal(t, "order_totals columns", v.Columns, []schema.Column{
		{Name: "id", Position: 1, Type: "bigint", Nullable: true},
		{Name: "customer_id", Position: 2, Type: "bigint", Nullable: true},
		{Name: "total", Position: 3, Type: "numeric", Nullable: true},
	})

	mv := findView(t, s, "rental", "store_counts")
	if !mv.Materialized || !strings.Contains(mv.Definition, "count(*) AS rentals") || strings.HasSuffix(mv.Definition, ";") {
		t.Errorf("store_counts: %+v", mv)
	}
	equal(t, "store_counts indexes", mv.Indexes, []schema.Index{
		{Name: "store_counts_store_idx", Method: "btree", Unique: true, Columns: []schema.IndexColumn{{Name: "store_id"}},
			Definition: "USING btree (store_id)"},
	})
	equal(t, "store_counts columns", names(mv.Columns, func(c schema.Column) string { return c.Name + " " + c.Type }),
		[]string{"store_id integer", "rentals bigint"})
	if len(s.Schema("public").Views) != 0 {
		t.Errorf("public views: %+v", s.Schema("public").Views)
	}
}

func checkRoutines(t *testing.T, s *schema.Snapshot) {
	equal(t, "shop routines", names(s.Schema("shop").Routines, func(r schema.Routine) string { return r.Kind + " " + r.Signature() }),
		[]string{"procedure cancel_order(bigint, integer)", "function order_total(bigint, numeric)",
			"aggregate product_of(numeric)", "function touch()"})

	fn := findRoutine(t, s, "shop", "order_total")
	equal(t, "order_total params", fn.Params, []schema.Parameter{
		{Name: "p_order", Type: "bigint"}, {Name: "p_discount", Type: "numeric", Default: "0"},
	})
	if fn.Returns != "numeric" || fn.Language != "sql" || fn.Comment != "Total of one order" ||
		!strings.HasPrefix(fn.Definition, "CREATE OR REPLACE FUNCTION shop.order_total(") {
		t.Errorf("order_total: %+v", fn)
	}

	proc := findRoutine(t, s, "shop", "cancel_order")
	equal(t, "cancel_order params", proc.Params, []schema.Parameter{
		{Name: "p_order", Type: "bigint"}, {Name: "p_count", Type: "integer", Mode: "inout", Default: "NULL::integer"},
	})
	if proc.Returns != "" || proc.Language != "plpgsql" || !strings.Contains(proc.Definition, "PROCEDURE shop.cancel_order") {
		t.Errorf("cancel_order: %+v", proc)
	}

	agg := findRoutine(t, s, "shop", "product_of")
	// A plain aggregate's definition is written from pg_aggregate.
	if agg.Returns != "numeric" || agg.Definition != "CREATE OR REPLACE AGGREGATE shop.product_of(numeric) (SFUNC = numeric_mul, STYPE = numeric, INITCOND = '1')" {
		t.Errorf("product_of: %+v", agg)
	}
}

func checkOthers(t *testing.T, s *schema.Snapshot) {
	shop := s.Schema("shop")
	equal(t, "triggers", shop.Triggers, []schema.Trigger{{
		Name: "orders_touch", Table: "orders", Timing: "BEFORE", Events: []string{"INSERT", "UPDATE"},
		Definition: "CREATE TRIGGER orders_touch BEFORE INSERT OR UPDATE ON shop.orders FOR EACH ROW EXECUTE FUNCTION shop.touch()",
	}})
	// No foreign-key triggers (internal) anywhere.
	for _, sc := range s.Schemas {
		if sc.Name != "shop" && len(sc.Triggers) > 0 {
			t.Errorf("%s triggers: %+v", sc.Name, sc.Triggers)
		}
	}
	const maxInt = 1<<63 - 1
	equal(t, "sequences", shop.Sequences, []schema.Sequence{
		{Name: "customers_id_seq", Type: "bigint", Start: 1, Increment: 1, Min: 1, Max: maxInt, OwnedBy: "customers.id", Cache: 1},
		{Name: "invoice_no", Type: "integer", Start: 1000, Increment: 10, Min: 1000, Max: 999999, Cycle: true, Cache: 1},
		{Name: "orders_id_seq", Type: "bigint", Start: 1, Increment: 1, Min: 1, Max: maxInt, OwnedBy: "orders.id", Cache: 1},
		{Name: "products_id_seq", Type: "integer", Start: 1, Increment: 1, Min: 1, Max: 1<<31 - 1, OwnedBy: "products.id", Cache: 1},
	})
	equal(t, "enums", shop.Enums, []schema.Enum{{Name: "order_status", Values: []string{"new", "paid", "shipped", "cancelled"}}})
}

func TestSnapshotFilter(t *testing.T) {
	c, _ := fixtureSnapshot(t, drivers.Filter{})
	ctx := testContext(t)

	s, err := c.Snapshot(ctx, drivers.Filter{Schemas: []string{"rental"}})
	if err != nil {
		t.Fatal(err)
	}
	equal(t, "schemas", names(s.Schemas, func(x schema.Schema) string { return x.Name }), []string{"rental"})
	equal(t, "rental tables", len(s.Schemas[0].Tables), 4)

	s, err = c.Snapshot(ctx, drivers.Filter{Schemas: []string{"shop"}, Objects: []string{"orders", "order_total", "order_status"}})
	if err != nil {
		t.Fatal(err)
	}
	shop := s.Schema("shop")
	if shop == nil || len(s.Schemas) != 1 {
		t.Fatalf("schemas: %+v", s.Schemas)
	}
	equal(t, "tables", names(shop.Tables, func(x schema.Table) string { return x.Name }), []string{"orders"})
	equal(t, "views", len(shop.Views), 0)
	equal(t, "routines", names(shop.Routines, func(x schema.Routine) string { return x.Name }), []string{"order_total"})
	// A trigger is selected by its table's name too.
	equal(t, "triggers", names(shop.Triggers, func(x schema.Trigger) string { return x.Name }), []string{"orders_touch"})
	equal(t, "enums", names(shop.Enums, func(x schema.Enum) string { return x.Name }), []string{"order_status"})
	equal(t, "sequences", len(shop.Sequences), 0)
	orders := shop.Table("orders")
	if orders == nil || len(orders.Columns) != 5 || orders.PrimaryKey == nil || len(orders.ForeignKeys) != 1 {
		t.Errorf("orders: %+v", orders)
	}

	// The generic helpers reach one table and one schema through the filter.
	tb, err := drivers.Table(ctx, c, drivers.TableRef{Schema: "public", Name: `we"ird table`})
	if err != nil || tb.PrimaryKey == nil || tb.PrimaryKey.Columns[0] != "select" {
		t.Errorf("drivers.Table: %+v, %v", tb, err)
	}
	views, err := drivers.Views(ctx, c, "rental")
	if err != nil || len(views) != 1 || !views[0].Materialized {
		t.Errorf("drivers.Views: %+v, %v", views, err)
	}
	if _, err := drivers.Table(ctx, c, drivers.TableRef{Schema: "shop", Name: "nosuch"}); err == nil {
		t.Error("drivers.Table found a table that does not exist")
	}
}

func TestDatabasesAndSchemas(t *testing.T) {
	c, _ := fixtureSnapshot(t, drivers.Filter{})
	ctx := testContext(t)
	dbs, err := c.Databases(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(dbs, c.params.Database) || !slices.Contains(dbs, "postgres") || slices.Contains(dbs, "template1") {
		t.Errorf("databases: %v", dbs)
	}
	schemas, err := c.Schemas(ctx)
	if err != nil {
		t.Fatal(err)
	}
	equal(t, "schemas", schemas, []string{"public", "rental", "shop"})
}

// TestSnapshotQueryCount proves that the number of catalog queries does not
// grow with the number of tables.
func TestSnapshotQueryCount(t *testing.T) {
	counter := &queryCounter{}
	c := testConn(t, withTracer(counter))
	count := func(tables int) int64 {
		mustExec(t, c, generateTables(tables))
		counter.n.Store(0)
		s, err := c.Snapshot(testContext(t), drivers.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, sc := range s.Schemas {
			n += len(sc.Tables)
		}
		if n != tables {
			t.Fatalf("snapshot has %d tables, want %d", n, tables)
		}
		return counter.n.Load()
	}
	few := count(5)
	many := count(50)
	if few != many || few == 0 {
		t.Errorf("snapshot of 5 tables sent %d queries, of 50 tables %d", few, many)
	}
	t.Logf("queries per snapshot: %d", few)
}

// generateTables returns one script that creates tables t0001… across two
// schemas (replacing earlier ones), each with a few columns, a primary key,
// an index and a foreign key to the previous table. It commits every 100
// tables: a script is one transaction otherwise, and thousands of tables
// in one transaction exhaust the server's lock table.
func generateTables(n int) string {
	var b strings.Builder
	b.WriteString("BEGIN; DROP SCHEMA IF EXISTS gen_a CASCADE; DROP SCHEMA IF EXISTS gen_b CASCADE;\n")
	b.WriteString("CREATE SCHEMA gen_a; CREATE SCHEMA gen_b;\n")
	for i := 1; i <= n; i++ {
		if i%100 == 0 {
			b.WriteString("COMMIT; BEGIN;\n")
		}
		sc := []string{"gen_a", "gen_b"}[i%2]
		fmt.Fprintf(&b, "CREATE TABLE %s.t%04d (id bigint PRIMARY KEY, name text NOT NULL, "+
			"amount numeric(12,2) DEFAULT 0, created_at timestamptz DEFAULT now(), parent_id bigint", sc, i)
		if i > 1 {
			prev := []string{"gen_a", "gen_b"}[(i-1)%2]
			fmt.Fprintf(&b, " REFERENCES %s.t%04d (id) ON DELETE CASCADE", prev, i-1)
		}
		b.WriteString(");\n")
		fmt.Fprintf(&b, "CREATE INDEX t%04d_name_idx ON %s.t%04d (name, created_at DESC);\n", i, sc, i)
	}
	b.WriteString("COMMIT;\n")
	return b.String()
}

func TestSnapshotDroppedColumnAndOptions(t *testing.T) {
	c := testConn(t)
	mustExec(t, c, `CREATE UNLOGGED TABLE scratch (a int, b int, c int, d serial);
		ALTER TABLE scratch DROP COLUMN b;
		CREATE INDEX scratch_c_idx ON scratch (c, a);`)
	s, err := c.Snapshot(testContext(t), drivers.Filter{Objects: []string{"scratch"}})
	if err != nil {
		t.Fatal(err)
	}
	tb := findTable(t, s, "public", "scratch")
	equal(t, "columns", names(tb.Columns, func(c schema.Column) string { return fmt.Sprint(c.Position, c.Name) }),
		[]string{"1a", "2c", "3d"})
	equal(t, "index keys after a dropped column", tb.Indexes[0].Columns, []schema.IndexColumn{{Name: "c"}, {Name: "a"}})
	equal(t, "options", tb.Options, map[string]string{"unlogged": "true"})
	if !tb.Columns[2].AutoIncrement {
		t.Errorf("serial column: %+v", tb.Columns[2])
	}
}

// TestSnapshotColumnsInAnyOrder: the column query's rows come unsorted;
// in the reverse of attribute order, the snapshot is the same.
func TestSnapshotColumnsInAnyOrder(t *testing.T) {
	c := testConn(t)
	mustExec(t, c, fixtureSQL)
	mustExec(t, c, `CREATE TABLE gaps (a int, b int, c text DEFAULT 'x', d int);
		ALTER TABLE gaps DROP COLUMN b; ALTER TABLE gaps ADD COLUMN e int; ALTER TABLE gaps DROP COLUMN a;
		CREATE VIEW gaps_v AS SELECT e, c, d FROM gaps;`)
	want, err := c.Snapshot(testContext(t), drivers.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	sorted := columnsSQL
	defer func() { columnsSQL = sorted }()
	columnsSQL = "SELECT * FROM (" + sorted + ") x ORDER BY 1 DESC, 3 DESC"
	got, err := c.Snapshot(testContext(t), drivers.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Error("the snapshot changed with the order of the column rows")
	}
	gaps := findTable(t, got, "public", "gaps")
	equal(t, "columns after drops", names(gaps.Columns, func(c schema.Column) string { return fmt.Sprint(c.Position, c.Name) }),
		[]string{"1c", "2d", "3e"})
}

// TestSnapshotParallel: reading the index definitions on a second session
// that imports the first one's snapshot gives the same snapshot as one
// session, and a failing second session fails the read, never a partial
// snapshot. (Large catalogs take that path; this one is made to.)
func TestSnapshotParallel(t *testing.T) {
	c, one := fixtureSnapshot(t, drivers.Filter{})
	before := sides.Load()
	defer func(n int) { parallelFrom = n }(parallelFrom)
	parallelFrom = 0
	two, err := c.Snapshot(testContext(t), drivers.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if sides.Load() == before {
		t.Fatal("no second session was started")
	}
	a, _ := schema.Marshal(one)
	b, _ := schema.Marshal(two)
	if string(a) != string(b) {
		t.Errorf("the parallel read differs from the one-session read:\n%s\n---\n%s", a, b)
	}
	n := 0
	for _, sc := range two.Schemas {
		for _, tb := range sc.Tables {
			n += len(tb.Indexes)
		}
	}
	if n == 0 {
		t.Error("no index read on the parallel path")
	}

	// A reader the second session fails on fails the whole snapshot.
	bad := indexesSQL
	defer func() { indexesSQL = bad }()
	indexesSQL = "SELECT no_such_column FROM pg_index"
	if _, err := c.Snapshot(testContext(t), drivers.Filter{}); err == nil || !strings.Contains(err.Error(), "read indexes") {
		t.Errorf("a failing side read: err %v", err)
	}
}

// TestSnapshotLowPriority: a read nobody waits for stays on one session,
// and reads the same snapshot.
func TestSnapshotLowPriority(t *testing.T) {
	c, one := fixtureSnapshot(t, drivers.Filter{})
	defer func(n int) { parallelFrom = n }(parallelFrom)
	parallelFrom = 0
	before := sides.Load()
	low, err := c.Snapshot(drivers.WithLowPriority(testContext(t)), drivers.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if sides.Load() != before {
		t.Error("a low-priority read started a second session")
	}
	a, _ := schema.Marshal(one)
	b, _ := schema.Marshal(low)
	if string(a) != string(b) {
		t.Error("the low-priority read differs from the other")
	}
}

// TestSnapshotParallelNoSession: when the pool has no second session to
// give at once, the snapshot reads on one instead of waiting for one.
func TestSnapshotParallelNoSession(t *testing.T) {
	u := drivertest.PostgresURL(t)
	sep := "?"
	if strings.Contains(u, "?") {
		sep = "&"
	}
	c := openURL(t, u+sep+"pool_max_conns=1")
	mustExec(t, c, "CREATE TABLE t (id int PRIMARY KEY, v text); CREATE INDEX t_v ON t (v)")
	defer func(n int) { parallelFrom = n }(parallelFrom)
	parallelFrom = 0
	before := sides.Load()
	s, err := c.Snapshot(testContext(t), drivers.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if sides.Load() != before {
		t.Error("a second session was started from a pool of one")
	}
	if tb := findTable(t, s, "public", "t"); len(tb.Indexes) != 1 {
		t.Errorf("indexes %+v, want t_v", tb.Indexes)
	}
}
