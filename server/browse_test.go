package server_test

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/drivertest"
	"github.com/dbls/dbls/drivers/schema"
	"github.com/dbls/dbls/server"
)

// TestBrowseEveryEngine walks the explorer tree of the rental fixture on
// each engine: databases, schemas, objects, a table's structure, view and
// routine definitions, and a table's CREATE statement that really builds
// the table (hostile names included) on a fresh database.
func TestBrowseEveryEngine(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	const weird = `we"ird; tablé`
	for _, eng := range engines {
		t.Run(eng.driver, func(t *testing.T) {
			url := rentalURL(t, eng.driver, eng.url)
			opts := map[string]any{"connections": map[string]any{"rental": map[string]any{"url": url}}}
			c := start(t, setup{initOptions: opts, st: openStore(t)})
			conn := map[string]any{"connection": "rental"}
			with := func(kv ...string) map[string]any {
				m := map[string]any{"connection": "rental"}
				for i := 0; i+1 < len(kv); i += 2 {
					m[kv[i]] = kv[i+1]
				}
				return m
			}

			var dbs server.DatabaseList
			if err := command(c, server.CmdListDatabases, conn, &dbs); err != nil {
				t.Fatal(err)
			}
			if eng.driver != "sqlite" && (dbs.Current == "" || !slices.Contains(dbs.Databases, dbs.Current)) {
				t.Errorf("databases: %+v", dbs)
			}

			var schemas server.SchemaList
			if err := command(c, server.CmdListSchemas, conn, &schemas); err != nil {
				t.Fatal(err)
			}
			var def *server.SchemaInfo
			for i, sc := range schemas.Schemas {
				if sc.Name == schemas.Default {
					def = &schemas.Schemas[i]
				}
			}
			if def == nil || def.Tables < 14 || def.Views != 1 {
				t.Fatalf("schemas: %+v", schemas)
			}

			var objs server.ObjectList
			if err := command(c, server.CmdListObjects, conn, &objs); err != nil {
				t.Fatal(err)
			}
			names := map[string]string{}
			for _, o := range append(objs.Tables, objs.Views...) {
				names[o.Name] = o.Kind
			}
			if names["rental"] != "table" || names[weird] != "table" || names["customer_rentals"] != "view" {
				t.Fatalf("objects: %+v", objs)
			}
			if eng.driver != "sqlite" && !slices.ContainsFunc(objs.Routines, func(r server.RoutineInfo) bool { return r.Name == "rental_days" }) {
				t.Errorf("routines: %+v", objs.Routines)
			}
			if objs.Sequences == nil || objs.Types == nil {
				t.Errorf("sequences and types are lists, even empty: %+v", objs)
			}

			var desc server.TableDescription
			if err := command(c, server.CmdDescribeTable, with("table", "city"), &desc); err != nil {
				t.Fatal(err)
			}
			if desc.Table == nil || desc.Table.Column("country_id") == nil || desc.Table.PrimaryKey == nil ||
				len(desc.Table.ForeignKeys) != 1 || desc.Table.ForeignKeys[0].RefTable != "country" {
				t.Fatalf("describe city: %+v", desc.Table)
			}
			if err := command(c, server.CmdDescribeTable, with("table", "country"), &desc); err != nil {
				t.Fatal(err)
			}
			if !slices.ContainsFunc(desc.ReferencedBy, func(r server.Reference) bool { return r.Table == "city" }) {
				t.Errorf("country referenced by: %+v", desc.ReferencedBy)
			}
			if err := command(c, server.CmdDescribeTable, with("table", "no_such_table"), nil); err == nil {
				t.Error("describe of a missing table succeeded")
			}
			// A table created after the snapshot is read from the database.
			execSQL(t, url, "CREATE TABLE late_tbl (id INTEGER PRIMARY KEY)")
			if err := command(c, server.CmdDescribeTable, with("table", "late_tbl"), &desc); err != nil || desc.Table.Column("id") == nil {
				t.Fatalf("describe late_tbl: %+v %v", desc, err)
			}

			var view server.Definition
			if err := command(c, server.CmdShowDefinition, with("name", "customer_rentals"), &view); err != nil {
				t.Fatal(err)
			}
			if view.Kind != "view" || !strings.Contains(strings.ToLower(view.Definition), "count") {
				t.Errorf("view definition: %+v", view)
			}
			if eng.driver != "sqlite" {
				var fn server.Definition
				if err := command(c, server.CmdShowDefinition, with("name", "rental_days", "kind", "routine"), &fn); err != nil {
					t.Fatal(err)
				}
				if fn.Kind != "function" || fn.Definition == "" || !strings.HasPrefix(fn.Signature, "rental_days(") {
					t.Errorf("routine definition: %+v", fn)
				}
			}

			// The CREATE statements build the same tables elsewhere.
			fresh := eng.url(t)
			for _, table := range []string{"country", weird, "category", "item"} {
				var d server.TableDDL
				if err := command(c, server.CmdShowTableDDL, with("table", table), &d); err != nil {
					t.Fatal(err)
				}
				if !strings.Contains(strings.ToUpper(d.SQL), "CREATE TABLE") || d.Document != "" {
					t.Fatalf("DDL of %s: %+v", table, d)
				}
				if eng.driver == "mysql" { // a MySQL schema is the database: retarget it
					d.SQL = strings.ReplaceAll(d.SQL, "`"+d.Schema+"`.", "`"+snapshotOf(t, fresh).DefaultSchema+"`.")
				}
				execSQL(t, fresh, d.SQL)
			}
			got := snapshotOf(t, fresh)
			sc := got.Schema(got.DefaultSchema)
			if sc == nil || sc.Table(weird) == nil || sc.Table(weird).PrimaryKey == nil || len(sc.Table("item").Indexes) == 0 {
				t.Fatalf("tables built from the DDL: %+v", sc)
			}
			// Opened as a document.
			var d server.TableDDL
			if err := command(c, server.CmdShowTableDDL, with("table", "country", "open", "true"), &d); err == nil {
				t.Fatal("a string for open accepted")
			}
			if err := command(c, server.CmdShowTableDDL, map[string]any{"connection": "rental", "table": "country", "open": true}, &d); err != nil {
				t.Fatal(err)
			}
			text, err := os.ReadFile(strings.TrimPrefix(d.Document, "file://"))
			if err != nil || !strings.Contains(string(text), d.SQL) {
				t.Fatalf("DDL document: %v\n%s", err, text)
			}
		})
	}
}

func snapshotOf(t *testing.T, url string) *schema.Snapshot {
	t.Helper()
	ctx := context.Background()
	c, _, err := drivers.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	s, err := c.Snapshot(ctx, drivers.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestBrowseAndConnectionsInChinese: a zh-CN client gets Chinese errors and
// progress titles from the browsing and connection commands.
func TestBrowseAndConnectionsInChinese(t *testing.T) {
	path := shopDB(t)
	c := start(t, setup{initOptions: shopOptions(path), st: openStore(t), locale: "zh-CN"})
	err := command(c, server.CmdDescribeTable, map[string]any{"connection": "shop"}, nil)
	if err == nil || !strings.Contains(err.Error(), `请给出 "table"`) {
		t.Fatalf("describeTable without a table: %v", err)
	}
	err = command(c, server.CmdListObjects, map[string]any{"connection": "shop", "schema": "nope"}, nil)
	if err == nil || !strings.Contains(err.Error(), "没有模式") {
		t.Fatalf("unknown schema: %v", err)
	}
	if err := command(c, server.CmdTestConnection, map[string]any{}, nil); err == nil || !strings.Contains(err.Error(), "请给出") {
		t.Fatalf("testConnection without a connection: %v", err)
	}
	var res server.TestResult
	if err := command(c, server.CmdTestConnection, map[string]any{"connection": "shop"}, &res); err != nil || !res.OK {
		t.Fatalf("test: %+v %v", res, err)
	}
	c.waitFor("a Chinese progress title", func() bool {
		for _, n := range c.notesOf("$/progress") {
			if strings.Contains(string(n.Params), "正在测试") {
				return true
			}
		}
		return false
	})
}

// TestBrowseOffline: with the database gone, a new session browses the
// snapshot cached in the store.
func TestBrowseOffline(t *testing.T) {
	path := shopDB(t)
	st := openStore(t)
	c := start(t, setup{initOptions: shopOptions(path), st: st})
	var objs server.ObjectList
	if err := command(c, server.CmdListObjects, map[string]any{"connection": "shop"}, &objs); err != nil || len(objs.Tables) != 12 {
		t.Fatalf("online: %+v %v", objs, err)
	}
	c.waitFor("the snapshot in the store", func() bool {
		_, _, ok, _ := st.Snapshot(context.Background(), "sqlite:"+path)
		return ok
	})
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	c2 := start(t, setup{initOptions: shopOptions(path), st: st})
	objs = server.ObjectList{}
	if err := command(c2, server.CmdListObjects, map[string]any{"connection": "shop"}, &objs); err != nil || len(objs.Tables) != 12 {
		t.Fatalf("offline: %+v %v", objs, err)
	}
	var desc server.TableDescription
	if err := command(c2, server.CmdDescribeTable, map[string]any{"connection": "shop", "table": "orders"}, &desc); err != nil || desc.Table.Column("status") == nil {
		t.Fatalf("offline describe: %+v %v", desc, err)
	}
	if err := command(c2, server.CmdDescribeTable, map[string]any{"connection": "shop", "table": "nope"}, nil); err == nil || !isInvalidParams(err) {
		t.Fatalf("offline describe of a missing table: %v", err)
	}
}

// Sequences, enum types and domains are listed for an explorer, with
// their kinds (PostgreSQL, the engine that has all three).
func TestBrowseSequencesAndTypes(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	url := drivertest.PostgresURL(t)
	db, _, err := drivers.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	for _, ddl := range []string{
		"CREATE SEQUENCE invoice_no",
		"CREATE TYPE mood AS ENUM ('happy', 'sad')",
		"CREATE DOMAIN year AS integer CHECK (VALUE > 1900)",
	} {
		if _, err := db.(drivers.Execer).Exec(context.Background(), ddl); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	c := start(t, setup{initOptions: map[string]any{"connections": map[string]any{"pg": map[string]any{"url": url}}}, st: openStore(t)})
	var objs server.ObjectList
	if err := command(c, server.CmdListObjects, map[string]any{"connection": "pg"}, &objs); err != nil {
		t.Fatal(err)
	}
	kinds := map[string]string{}
	for _, o := range append(objs.Sequences, objs.Types...) {
		kinds[o.Name] = o.Kind
	}
	if kinds["invoice_no"] != "sequence" || kinds["mood"] != "enum" || kinds["year"] != "domain" {
		t.Fatalf("sequences %+v, types %+v", objs.Sequences, objs.Types)
	}
}
