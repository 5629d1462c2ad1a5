package drivertest

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/schema"
)

//go:embed fixtures/*.sql
var fixtures embed.FS

// Config describes the driver under test.
type Config struct {
	// URL opens an empty database that the kit may fill and change.
	URL string
	// Fixture is DDL, in the driver's dialect, that builds the rental model
	// (model.go). Empty means the built-in fixture for the driver's ID.
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
// checks every capability the driver's manifest claims and every optional
// interface its connection implements.
func Run(t *testing.T, cfg Config) {
	ctx := context.Background()
	p, err := drivers.ParseURL(cfg.URL)
	if err != nil {
		t.Fatalf("conformance: %v", err)
	}
	d, err := drivers.Get(p.Driver)
	if err != nil {
		t.Fatal(err)
	}
	man := d.Manifest()
	t.Run("manifest", func(t *testing.T) { checkManifest(t, d) })
	conn, err := d.Open(ctx, p)
	if err != nil {
		t.Fatalf("open %s: %v", p, err)
	}
	t.Cleanup(func() { conn.Close() })
	if err := conn.Ping(ctx); err != nil {
		t.Fatalf("ping: %v", err)
	}
	k := &kit{conn: conn, man: man}
	k.loadFixture(t, cfg.Fixture)
	t.Run("snapshot", k.checkSnapshot)
	t.Run("stable", k.checkStable)
	t.Run("filter", k.checkFilter)
	t.Run("listers", k.checkListers)
	t.Run("records", k.checkRecords)
	t.Run("query", k.checkQuery)
	t.Run("cancel", func(t *testing.T) { k.checkCancel(t, cmp(cfg.SleepSQL, sleepSQL[man.ID])) })
	t.Run("views", k.checkViewWriter)
	t.Run("killed-backend", k.checkKilledBackend)
	t.Run("silent-server", func(t *testing.T) { checkSilentServer(t, d, p) })
}

func cmp(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

type kit struct {
	conn drivers.Conn
	man  drivers.Manifest
	snap *schema.Snapshot
	sc   *schema.Schema
}

func checkManifest(t *testing.T, d drivers.Driver) {
	m := d.Manifest()
	if m.ID == "" || m.Name == "" || m.Version == "" || m.Description == "" {
		t.Errorf("manifest lacks id, name, version or description: %+v", m)
	}
	if got, ok := drivers.Lookup(m.ID); !ok || got.Manifest().ID != m.ID {
		t.Errorf("driver %q is not registered under its ID", m.ID)
	}
	for _, a := range m.Aliases {
		if got, ok := drivers.Lookup(a); !ok || got.Manifest().ID != m.ID {
			t.Errorf("alias %q does not resolve to %q", a, m.ID)
		}
	}
	if !m.Capabilities.FileBased && m.DefaultPort == 0 {
		t.Errorf("server driver %q has no default port", m.ID)
	}
}

func (k *kit) loadFixture(t *testing.T, ddl string) {
	if ddl == "" {
		var err error
		if ddl, err = Fixture(k.man.ID); err != nil {
			t.Fatalf("%v: set Config.Fixture", err)
		}
	}
	ex, ok := k.conn.(drivers.Execer)
	if !ok {
		t.Fatalf("driver %q cannot run the fixture: its Conn is not a drivers.Execer", k.man.ID)
	}
	if _, err := ex.Exec(context.Background(), ddl); err != nil {
		t.Fatalf("fixture: %v", err)
	}
	k.snap = k.snapshot(t, drivers.Filter{})
	k.sc = k.snap.Schema(k.snap.DefaultSchema)
	if k.sc == nil && len(k.snap.Schemas) > 0 {
		k.sc = &k.snap.Schemas[0]
	}
	if k.sc == nil {
		t.Fatalf("snapshot has no schema (default %q)", k.snap.DefaultSchema)
	}
}

func (k *kit) snapshot(t *testing.T, f drivers.Filter) *schema.Snapshot {
	t.Helper()
	s, err := k.conn.Snapshot(context.Background(), f)
	if err != nil {
		t.Fatalf("snapshot: %v", err)
	}
	return s
}

func (k *kit) checkSnapshot(t *testing.T) {
	if k.snap.Driver != k.man.ID {
		t.Errorf("snapshot driver = %q, want %q", k.snap.Driver, k.man.ID)
	}
	for _, spec := range rentalModel {
		t.Run(spec.name, func(t *testing.T) {
			tb := k.sc.Table(spec.name)
			if tb == nil {
				t.Fatalf("table missing; have %v", tableNames(k.sc))
			}
			k.checkTable(t, tb, spec)
		})
	}
	k.checkViewsRoutinesTriggers(t)
}

func (k *kit) checkTable(t *testing.T, tb *schema.Table, spec tableSpec) {
	var names []string
	for i, c := range tb.Columns {
		names = append(names, c.Name)
		if c.Type == "" {
			t.Errorf("column %s has no type", c.Name)
		}
		if c.Position != i+1 {
			t.Errorf("column %s at position %d, want %d", c.Name, c.Position, i+1)
		}
		// Primary-key columns are left out: engines differ (SQLite reports a
		// rowid alias as nullable, as its pragma does).
		if !slices.Contains(spec.pk, c.Name) && len(spec.notNull) > 0 && slices.Contains(spec.notNull, c.Name) == c.Nullable {
			t.Errorf("column %s nullable = %v", c.Name, c.Nullable)
		}
	}
	if !slices.Equal(names, spec.columns) {
		t.Errorf("columns = %q, want %q", names, spec.columns)
	}
	if tb.PrimaryKey == nil || !slices.Equal(tb.PrimaryKey.Columns, spec.pk) {
		t.Errorf("primary key = %+v, want %q", tb.PrimaryKey, spec.pk)
	}
	checkForeignKeys(t, tb, spec.fks)
	for _, u := range spec.uniques {
		if !hasUnique(tb, u) {
			t.Errorf("unique %q missing (uniques %+v, indexes %+v)", u, tb.Uniques, tb.Indexes)
		}
	}
	if len(tb.Checks) < spec.checks {
		t.Errorf("checks = %+v, want %d", tb.Checks, spec.checks)
	}
	for _, ix := range spec.indexes {
		if !slices.ContainsFunc(tb.Indexes, func(i schema.Index) bool { return i.Name == ix }) {
			t.Errorf("index %s missing; have %+v", ix, tb.Indexes)
		}
	}
	if k.man.Capabilities.Comments && spec.comment && tb.Comment == "" {
		t.Errorf("table comment missing")
	}
	if k.man.Capabilities.Comments && spec.name == "customer" {
		if c := tb.Column(commentColumn); c == nil || c.Comment == "" {
			t.Errorf("column comment on %s missing", commentColumn)
		}
	}
}

func checkForeignKeys(t *testing.T, tb *schema.Table, want []fkSpec) {
	if len(tb.ForeignKeys) != len(want) {
		t.Errorf("foreign keys = %+v, want %d", tb.ForeignKeys, len(want))
	}
	for _, w := range want {
		i := slices.IndexFunc(tb.ForeignKeys, func(fk schema.ForeignKey) bool {
			return slices.Equal(fk.Columns, w.columns) && fk.RefTable == w.refTable
		})
		if i < 0 {
			t.Errorf("foreign key %q → %s missing", w.columns, w.refTable)
			continue
		}
		fk := tb.ForeignKeys[i]
		if !slices.Equal(fk.RefColumns, w.refColumns) {
			t.Errorf("foreign key %q references %q, want %q", w.columns, fk.RefColumns, w.refColumns)
		}
		if fk.RefSchema == "" {
			t.Errorf("foreign key %q has no referenced schema", w.columns)
		}
		switch {
		case w.onDelete == "" && fk.OnDelete != schema.ActionNoAction && fk.OnDelete != schema.ActionRestrict:
			t.Errorf("foreign key %q on delete %s, want the default", w.columns, fk.OnDelete)
		case w.onDelete != "" && fk.OnDelete != w.onDelete:
			t.Errorf("foreign key %q on delete %s, want %s", w.columns, fk.OnDelete, w.onDelete)
		}
	}
}

func hasUnique(tb *schema.Table, cols []string) bool {
	for _, u := range tb.Uniques {
		if slices.Equal(u.Columns, cols) {
			return true
		}
	}
	for _, ix := range tb.Indexes {
		if ix.Unique && ix.Where == "" && slices.Equal(indexColumns(ix), cols) {
			return true
		}
	}
	return false
}

func indexColumns(ix schema.Index) []string {
	var out []string
	for _, c := range ix.Columns {
		out = append(out, c.Name)
	}
	return out
}

func (k *kit) checkViewsRoutinesTriggers(t *testing.T) {
	caps := k.man.Capabilities
	if caps.Views {
		v := k.sc.View(modelView)
		switch {
		case v == nil:
			t.Errorf("view %s missing", modelView)
		case v.Definition == "":
			t.Errorf("view %s has no definition", modelView)
		case !slices.Equal(columnNames(v.Columns), modelViewColumns):
			t.Errorf("view columns = %q, want %q", columnNames(v.Columns), modelViewColumns)
		}
	}
	if caps.Routines {
		i := slices.IndexFunc(k.sc.Routines, func(r schema.Routine) bool { return r.Name == modelRoutine })
		if i < 0 {
			t.Errorf("routine %s missing; have %+v", modelRoutine, k.sc.Routines)
		} else if r := k.sc.Routines[i]; len(r.Params) != 2 || r.Returns == "" || r.Definition == "" {
			t.Errorf("routine %s incomplete: %+v", modelRoutine, r)
		}
	}
	if caps.Triggers {
		i := slices.IndexFunc(k.sc.Triggers, func(tr schema.Trigger) bool { return tr.Name == modelTrigger })
		if i < 0 {
			t.Errorf("trigger %s missing; have %+v", modelTrigger, k.sc.Triggers)
		} else if tr := k.sc.Triggers[i]; tr.Table != "customer" || tr.Timing == "" || !slices.Contains(tr.Events, "UPDATE") {
			t.Errorf("trigger %s: %+v", modelTrigger, tr)
		}
	}
}

// checkStable: two reads of an unchanged database are equal, and the JSON
// form round-trips.
func (k *kit) checkStable(t *testing.T) {
	again := k.snapshot(t, drivers.Filter{})
	// The server's list of other databases is not this database's
	// structure, and parallel tests create and drop databases all the time.
	first := k.snap.Clone()
	first.Databases, again.Databases = nil, nil
	if !schema.Equal(first, again) {
		t.Error("two snapshots of an unchanged database differ")
	}
	data, err := schema.Marshal(k.snap)
	if err != nil {
		t.Fatal(err)
	}
	back, err := schema.Unmarshal(data)
	if err != nil {
		t.Fatal(err)
	}
	if !schema.Equal(k.snap, back) {
		t.Error("JSON round trip changed the snapshot")
	}
}

func (k *kit) checkFilter(t *testing.T) {
	s := k.snapshot(t, drivers.Filter{Schemas: []string{k.sc.Name}, Objects: []string{"customer"}})
	sc := s.Schema(k.sc.Name)
	if sc == nil || len(sc.Tables) != 1 || sc.Tables[0].Name != "customer" || len(sc.Views) != 0 {
		t.Fatalf("filter on customer: %+v", s.Schemas)
	}
	if !schema.Equal(&schema.Snapshot{Schemas: []schema.Schema{{Name: "x", Tables: sc.Tables}}},
		&schema.Snapshot{Schemas: []schema.Schema{{Name: "x", Tables: []schema.Table{*k.sc.Table("customer")}}}}) {
		t.Error("filtered table differs from the same table in a whole snapshot")
	}
	tb, err := drivers.Table(context.Background(), k.conn, drivers.TableRef{Schema: k.sc.Name, Name: hostileTable})
	if err != nil || tb.Name != hostileTable {
		t.Fatalf("drivers.Table(%q) = %v, %v", hostileTable, tb, err)
	}
}

func (k *kit) checkListers(t *testing.T) {
	ctx := context.Background()
	if l, ok := k.conn.(drivers.SchemaLister); ok {
		names, err := l.Schemas(ctx)
		if err != nil || !slices.Contains(names, k.sc.Name) {
			t.Errorf("Schemas() = %q, %v; want it to contain %q", names, err, k.sc.Name)
		}
	}
	if l, ok := k.conn.(drivers.DatabaseLister); ok {
		names, err := l.Databases(ctx)
		if err != nil || len(names) == 0 {
			t.Errorf("Databases() = %q, %v", names, err)
		}
	}
}

// checkRecords writes through the generic helpers (or the driver's own
// RecordWriter): 25 countries for the paging check, then a composite key
// on the hostile table.
func (k *kit) checkRecords(t *testing.T) {
	ctx := context.Background()
	country := drivers.TableRef{Schema: k.sc.Name, Name: "country"}
	for i := 1; i <= 25; i++ {
		rec := drivers.Record{{Column: "country_id", Value: i}, {Column: "name", Value: fmt.Sprintf("Land %02d ü'\"", i)}}
		if err := drivers.InsertRecord(ctx, k.conn, country, rec); err != nil {
			t.Fatalf("insert country %d: %v", i, err)
		}
	}
	odd := drivers.TableRef{Schema: k.sc.Name, Name: hostileTable}
	key := drivers.Record{{Column: "select", Value: 1}, {Column: "Grüße", Value: "hallo; DROP TABLE country; --"}}
	if err := drivers.InsertRecord(ctx, k.conn, odd, append(key, drivers.Field{Column: "a b", Value: "x"})); err != nil {
		t.Fatalf("insert into hostile table: %v", err)
	}
	if n, err := drivers.UpdateRecord(ctx, k.conn, odd, key, drivers.Record{{Column: "a b", Value: "y"}}); err != nil || n != 1 {
		t.Fatalf("update hostile row: %d, %v", n, err)
	}
	if n, err := drivers.UpdateRecord(ctx, k.conn, odd, drivers.Record{{Column: "select", Value: 2}, {Column: "Grüße", Value: "x"}},
		drivers.Record{{Column: "a b", Value: "z"}}); err != nil || n != 0 {
		t.Fatalf("update of a missing row: %d, %v", n, err)
	}
	if n, err := drivers.DeleteRecord(ctx, k.conn, odd, key); err != nil || n != 1 {
		t.Fatalf("delete hostile row: %d, %v", n, err)
	}
}

func (k *kit) checkQuery(t *testing.T) {
	q, ok := k.conn.(drivers.Querier)
	if !ok {
		t.Skip("driver is not a drivers.Querier")
	}
	ctx := context.Background()
	const sql = "SELECT country_id, name FROM country ORDER BY country_id"
	pages := []struct {
		page, rows, first int
		more              bool
	}{{1, 10, 1, true}, {2, 10, 11, true}, {3, 5, 21, false}}
	for _, p := range pages {
		res, err := q.Query(ctx, drivers.Request{SQL: sql, Limit: 10, Page: p.page})
		if err != nil {
			t.Fatalf("page %d: %v", p.page, err)
		}
		if len(res.Columns) != 2 || res.Columns[0].Name != "country_id" {
			t.Fatalf("columns = %+v", res.Columns)
		}
		if len(res.Rows) != p.rows || res.HasMore != p.more || fmt.Sprint(res.Rows[0][0]) != fmt.Sprint(p.first) {
			t.Errorf("page %d: %d rows from %v, more=%v; want %d from %d, more=%v",
				p.page, len(res.Rows), res.Rows[0][0], res.HasMore, p.rows, p.first, p.more)
		}
	}
	res, err := q.Query(ctx, drivers.Request{SQL: "UPDATE country SET name = name WHERE country_id <= 3"})
	if err != nil || res.RowsAffected != 3 && res.RowsAffected != -1 {
		t.Errorf("update: %+v, %v", res, err)
	}
	_, err = q.Query(ctx, drivers.Request{SQL: "SELECT\n  FROM WHERE"})
	var qe *drivers.QueryError
	if !errors.As(err, &qe) || qe.Message == "" {
		t.Errorf("syntax error = %T %v, want *drivers.QueryError", err, err)
	}
}

func (k *kit) checkCancel(t *testing.T, sleep string) {
	q, ok := k.conn.(drivers.Querier)
	if !ok || sleep == "" {
		t.Skip("no Querier or no SleepSQL for this driver")
	}
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(200*time.Millisecond, cancel)
	if _, err := q.Query(ctx, drivers.Request{SQL: sleep}); err == nil {
		t.Fatal("cancelled statement returned no error")
	}
	res, err := q.Query(context.Background(), drivers.Request{SQL: "SELECT 1"})
	if err != nil || len(res.Rows) != 1 {
		t.Fatalf("connection unusable after cancel: %v", err)
	}
}

func (k *kit) checkViewWriter(t *testing.T) {
	if !k.man.Capabilities.Views {
		t.Skip("engine has no views")
	}
	ctx := context.Background()
	v := drivers.ViewRef{Schema: k.sc.Name, Name: `kit "view"; tablé`}
	if err := drivers.CreateView(ctx, k.conn, v, "SELECT country_id FROM country"); err != nil {
		t.Fatalf("create: %v", err)
	}
	if err := drivers.AlterView(ctx, k.conn, v, "SELECT country_id, name FROM country"); err != nil {
		t.Fatalf("alter (adding a column): %v", err)
	}
	s := k.snapshot(t, drivers.Filter{Schemas: []string{k.sc.Name}, Objects: []string{v.Name}})
	if sc := s.Schema(k.sc.Name); sc == nil || sc.View(v.Name) == nil ||
		!slices.Equal(columnNames(sc.View(v.Name).Columns), cols("country_id name")) {
		t.Fatalf("altered view not read back: %+v", s.Schemas)
	}
	if err := drivers.DropView(ctx, k.conn, v); err != nil {
		t.Fatalf("drop: %v", err)
	}
	s = k.snapshot(t, drivers.Filter{Schemas: []string{k.sc.Name}, Objects: []string{v.Name}})
	if sc := s.Schema(k.sc.Name); sc != nil && sc.View(v.Name) != nil {
		t.Fatal("view still there after drop")
	}
}

func tableNames(sc *schema.Schema) []string {
	var out []string
	for _, t := range sc.Tables {
		out = append(out, t.Name)
	}
	return out
}

func columnNames(cs []schema.Column) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Name)
	}
	return out
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
