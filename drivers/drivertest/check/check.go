// Package check holds the driver conformance checks, each returning an
// error so that it runs both inside and outside `go test`:
// drivers/drivertest wraps them as subtests (Run, RunReadOnly), and
// `dbls plugin check` runs ReadOnly against an external driver. A new
// conformance check goes here, and drivertest calls it.
//
// A full run fills an empty database with the rental fixture (model.go)
// and checks every capability the driver's manifest claims. A read-only
// driver cannot build the fixture by writing it, so its database must
// already hold the read-only fixture: a table country (country_id INTEGER
// primary key, name) with rows 1 to 25.
package check

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/schema"
)

// Kit is a driver under test and what the checks have learned about it.
type Kit struct {
	Driver drivers.Driver
	Params drivers.Params

	conn     drivers.Conn
	man      drivers.Manifest
	tables   []tableSpec // the model the database holds
	writable bool        // the database holds the rental fixture and may be written
	snap     *schema.Snapshot
	sc       *schema.Schema
}

// New finds the registered driver for url, without opening anything.
func New(url string) (*Kit, error) {
	p, err := drivers.ParseURL(url)
	if err != nil {
		return nil, err
	}
	d, err := drivers.Get(p.Driver)
	if err != nil {
		return nil, err
	}
	return &Kit{Driver: d, Params: p, man: d.Manifest()}, nil
}

// Open opens a connection to the database and pings it.
func (k *Kit) Open(ctx context.Context) error {
	c, err := k.Driver.Open(ctx, k.Params)
	if err != nil {
		return err
	}
	if err := c.Ping(ctx); err != nil {
		c.Close()
		return err
	}
	k.conn = c
	return nil
}

// Close closes the connection Open opened.
func (k *Kit) Close() {
	if k.conn != nil {
		k.conn.Close()
	}
}

// LoadFixture runs ddl, which builds the rental model, through the driver
// and reads the snapshot the other checks look at.
func (k *Kit) LoadFixture(ctx context.Context, ddl string) error {
	ex, ok := k.conn.(drivers.Execer)
	if !ok {
		return fmt.Errorf("driver %q cannot run the fixture: its Conn is not a drivers.Execer", k.man.ID)
	}
	if _, err := ex.Exec(ctx, ddl); err != nil {
		return fmt.Errorf("fixture: %w", err)
	}
	k.tables, k.writable = rentalModel, true
	return k.load(ctx)
}

// LoadReadOnly reads the snapshot of a database that already holds the
// read-only fixture.
func (k *Kit) LoadReadOnly(ctx context.Context) error {
	k.tables, k.writable = readOnlyModel, false
	return k.load(ctx)
}

func (k *Kit) load(ctx context.Context) error {
	s, err := k.conn.Snapshot(ctx, drivers.Filter{})
	if err != nil {
		return fmt.Errorf("snapshot: %w", err)
	}
	k.snap = s
	if k.sc = s.Schema(s.DefaultSchema); k.sc == nil {
		return fmt.Errorf("snapshot has no default schema %q", s.DefaultSchema)
	}
	return nil
}

// Tables names the tables of the model the database holds, for Table.
func (k *Kit) Tables() []string {
	var out []string
	for _, t := range k.tables {
		out = append(out, t.name)
	}
	return out
}

// Skip is returned by a check that does not apply to the driver; the
// string says why.
type Skip string

func (s Skip) Error() string { return "skipped: " + string(s) }

// SkipReason reports whether err says a check was skipped, and why.
func SkipReason(err error) (string, bool) {
	var s Skip
	if errors.As(err, &s) {
		return string(s), true
	}
	return "", false
}

// Manifest checks that the manifest says what the driver is and that the
// registry finds it under its ID and aliases.
func (k *Kit) Manifest() error {
	m := k.man
	var errs []error
	if m.ID == "" || m.Name == "" || m.Version == "" || m.Description == "" {
		errs = append(errs, fmt.Errorf("manifest lacks id, name, version or description: %+v", m))
	}
	if got, ok := drivers.Lookup(m.ID); !ok || got.Manifest().ID != m.ID {
		errs = append(errs, fmt.Errorf("driver %q is not registered under its ID", m.ID))
	}
	for _, a := range m.Aliases {
		if got, ok := drivers.Lookup(a); !ok || got.Manifest().ID != m.ID {
			errs = append(errs, fmt.Errorf("alias %q does not resolve to %q", a, m.ID))
		}
	}
	if !m.Capabilities.FileBased && m.DefaultPort == 0 {
		errs = append(errs, fmt.Errorf("server driver %q has no default port", m.ID))
	}
	return errors.Join(errs...)
}

// Snapshot checks the snapshot as a whole: its driver, and the views,
// routines and triggers of the rental model that the manifest claims.
func (k *Kit) Snapshot() error {
	var errs []error
	if k.snap.Driver != k.man.ID {
		errs = append(errs, fmt.Errorf("snapshot driver = %q, want %q", k.snap.Driver, k.man.ID))
	}
	if !k.writable {
		return errors.Join(errs...)
	}
	caps := k.man.Capabilities
	if caps.Views {
		v := k.sc.View(modelView)
		switch {
		case v == nil:
			errs = append(errs, fmt.Errorf("view %s missing", modelView))
		case v.Definition == "":
			errs = append(errs, fmt.Errorf("view %s has no definition", modelView))
		case !slices.Equal(columnNames(v.Columns), modelViewColumns):
			errs = append(errs, fmt.Errorf("view columns = %q, want %q", columnNames(v.Columns), modelViewColumns))
		}
	}
	if caps.Routines {
		i := slices.IndexFunc(k.sc.Routines, func(r schema.Routine) bool { return r.Name == modelRoutine })
		if i < 0 {
			errs = append(errs, fmt.Errorf("routine %s missing; have %+v", modelRoutine, k.sc.Routines))
		} else if r := k.sc.Routines[i]; len(r.Params) != 2 || r.Returns == "" || r.Definition == "" {
			errs = append(errs, fmt.Errorf("routine %s incomplete: %+v", modelRoutine, r))
		}
	}
	if caps.Triggers {
		i := slices.IndexFunc(k.sc.Triggers, func(tr schema.Trigger) bool { return tr.Name == modelTrigger })
		if i < 0 {
			errs = append(errs, fmt.Errorf("trigger %s missing; have %+v", modelTrigger, k.sc.Triggers))
		} else if tr := k.sc.Triggers[i]; tr.Table != "customer" || tr.Timing == "" || !slices.Contains(tr.Events, "UPDATE") {
			errs = append(errs, fmt.Errorf("trigger %s: %+v", modelTrigger, tr))
		}
	}
	return errors.Join(errs...)
}

// Table checks one table of the model in the snapshot: columns in order
// with types, nullability, keys, constraints, indexes and comments.
func (k *Kit) Table(name string) error {
	i := slices.IndexFunc(k.tables, func(s tableSpec) bool { return s.name == name })
	if i < 0 {
		return fmt.Errorf("table %s is not in the model", name)
	}
	spec := k.tables[i]
	tb := k.sc.Table(name)
	if tb == nil {
		return fmt.Errorf("table %s missing from schema %s; have %v", name, k.sc.Name, tableNames(k.sc))
	}
	var errs []error
	fail := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	var names []string
	for i, c := range tb.Columns {
		names = append(names, c.Name)
		if c.Type == "" {
			fail("column %s has no type", c.Name)
		}
		if c.Position != i+1 {
			fail("column %s at position %d, want %d", c.Name, c.Position, i+1)
		}
		// Primary-key columns are left out: engines differ (SQLite reports a
		// rowid alias as nullable, as its pragma does).
		if !slices.Contains(spec.pk, c.Name) && len(spec.notNull) > 0 && slices.Contains(spec.notNull, c.Name) == c.Nullable {
			fail("column %s nullable = %v", c.Name, c.Nullable)
		}
	}
	if !slices.Equal(names, spec.columns) {
		fail("columns = %q, want %q", names, spec.columns)
	}
	if tb.PrimaryKey == nil || !slices.Equal(tb.PrimaryKey.Columns, spec.pk) {
		fail("primary key = %+v, want %q", tb.PrimaryKey, spec.pk)
	}
	errs = append(errs, foreignKeys(tb, spec.fks)...)
	for _, u := range spec.uniques {
		if !hasUnique(tb, u) {
			fail("unique %q missing (uniques %+v, indexes %+v)", u, tb.Uniques, tb.Indexes)
		}
	}
	if len(tb.Checks) < spec.checks {
		fail("checks = %+v, want %d", tb.Checks, spec.checks)
	}
	for _, ix := range spec.indexes {
		if !slices.ContainsFunc(tb.Indexes, func(i schema.Index) bool { return i.Name == ix }) {
			fail("index %s missing; have %+v", ix, tb.Indexes)
		}
	}
	if k.man.Capabilities.Comments && spec.comment && tb.Comment == "" {
		fail("table comment missing")
	}
	if k.man.Capabilities.Comments && spec.name == "customer" {
		if c := tb.Column(commentColumn); c == nil || c.Comment == "" {
			fail("column comment on %s missing", commentColumn)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("table %s: %w", name, err)
	}
	return nil
}

func foreignKeys(tb *schema.Table, want []fkSpec) []error {
	var errs []error
	fail := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	if len(tb.ForeignKeys) != len(want) {
		fail("foreign keys = %+v, want %d", tb.ForeignKeys, len(want))
	}
	for _, w := range want {
		i := slices.IndexFunc(tb.ForeignKeys, func(fk schema.ForeignKey) bool {
			return slices.Equal(fk.Columns, w.columns) && fk.RefTable == w.refTable
		})
		if i < 0 {
			fail("foreign key %q → %s missing", w.columns, w.refTable)
			continue
		}
		fk := tb.ForeignKeys[i]
		if !slices.Equal(fk.RefColumns, w.refColumns) {
			fail("foreign key %q references %q, want %q", w.columns, fk.RefColumns, w.refColumns)
		}
		if fk.RefSchema == "" {
			fail("foreign key %q has no referenced schema", w.columns)
		}
		switch {
		case w.onDelete == "" && fk.OnDelete != schema.ActionNoAction && fk.OnDelete != schema.ActionRestrict:
			fail("foreign key %q on delete %s, want the default", w.columns, fk.OnDelete)
		case w.onDelete != "" && fk.OnDelete != w.onDelete:
			fail("foreign key %q on delete %s, want %s", w.columns, fk.OnDelete, w.onDelete)
		}
	}
	return errs
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

// Stable checks that two reads of an unchanged database are equal, and
// that the JSON form round-trips.
func (k *Kit) Stable(ctx context.Context) error {
	again, err := k.conn.Snapshot(ctx, drivers.Filter{})
	if err != nil {
		return fmt.Errorf("snapshot: %w", err)
	}
	// The server's list of other databases is not this database's
	// structure, and parallel tests create and drop databases all the time.
	first := k.snap.Clone()
	first.Databases, again.Databases = nil, nil
	if !schema.Equal(first, again) {
		return errors.New("two snapshots of an unchanged database differ")
	}
	data, err := schema.Marshal(k.snap)
	if err != nil {
		return err
	}
	back, err := schema.Unmarshal(data)
	if err != nil {
		return err
	}
	if !schema.Equal(k.snap, back) {
		return errors.New("JSON round trip changed the snapshot")
	}
	return nil
}

// Filter checks that a snapshot filtered to one table holds that table
// alone, as the whole snapshot has it, and that drivers.Table finds a table
// by name (in the rental model, the one with a hostile name).
func (k *Kit) Filter(ctx context.Context) error {
	only, lookup := "country", "country"
	if k.writable {
		only, lookup = "customer", hostileTable
	}
	s, err := k.conn.Snapshot(ctx, drivers.Filter{Schemas: []string{k.sc.Name}, Objects: []string{only}})
	if err != nil {
		return fmt.Errorf("snapshot: %w", err)
	}
	sc := s.Schema(k.sc.Name)
	if sc == nil || len(sc.Tables) != 1 || sc.Tables[0].Name != only || len(sc.Views) != 0 {
		return fmt.Errorf("filter on %s: %+v", only, s.Schemas)
	}
	if !schema.Equal(&schema.Snapshot{Schemas: []schema.Schema{{Name: "x", Tables: sc.Tables}}},
		&schema.Snapshot{Schemas: []schema.Schema{{Name: "x", Tables: []schema.Table{*k.sc.Table(only)}}}}) {
		return errors.New("filtered table differs from the same table in a whole snapshot")
	}
	tb, err := drivers.Table(ctx, k.conn, drivers.TableRef{Schema: k.sc.Name, Name: lookup})
	if err != nil || tb.Name != lookup {
		return fmt.Errorf("drivers.Table(%q) = %v, %v", lookup, tb, err)
	}
	return nil
}

// Listers checks the optional schema and database listers.
func (k *Kit) Listers(ctx context.Context) error {
	if l, ok := k.conn.(drivers.SchemaLister); ok {
		names, err := l.Schemas(ctx)
		if err != nil || !slices.Contains(names, k.sc.Name) {
			return fmt.Errorf("Schemas() = %q, %v; want it to contain %q", names, err, k.sc.Name)
		}
	}
	if l, ok := k.conn.(drivers.DatabaseLister); ok {
		names, err := l.Databases(ctx)
		if err != nil || len(names) == 0 {
			return fmt.Errorf("Databases() = %q, %v", names, err)
		}
	}
	return nil
}

// Records writes through the generic helpers (or the driver's own
// RecordWriter): 25 countries for the paging check, then a composite key
// on the hostile table. It needs the rental fixture.
func (k *Kit) Records(ctx context.Context) error {
	if !k.writable {
		return Skip("the database may not be written")
	}
	country := drivers.TableRef{Schema: k.sc.Name, Name: "country"}
	for i := 1; i <= 25; i++ {
		rec := drivers.Record{{Column: "country_id", Value: i}, {Column: "name", Value: fmt.Sprintf("Land %02d ü'\"", i)}}
		if err := drivers.InsertRecord(ctx, k.conn, country, rec); err != nil {
			return fmt.Errorf("insert country %d: %w", i, err)
		}
	}
	odd := drivers.TableRef{Schema: k.sc.Name, Name: hostileTable}
	key := drivers.Record{{Column: "select", Value: 1}, {Column: "Grüße", Value: "hallo; DROP TABLE country; --"}}
	if err := drivers.InsertRecord(ctx, k.conn, odd, append(key, drivers.Field{Column: "a b", Value: "x"})); err != nil {
		return fmt.Errorf("insert into hostile table: %w", err)
	}
	if n, err := drivers.UpdateRecord(ctx, k.conn, odd, key, drivers.Record{{Column: "a b", Value: "y"}}); err != nil || n != 1 {
		return fmt.Errorf("update hostile row: %d, %v", n, err)
	}
	if n, err := drivers.UpdateRecord(ctx, k.conn, odd, drivers.Record{{Column: "select", Value: 2}, {Column: "Grüße", Value: "x"}},
		drivers.Record{{Column: "a b", Value: "z"}}); err != nil || n != 0 {
		return fmt.Errorf("update of a missing row: %d, %v", n, err)
	}
	if n, err := drivers.DeleteRecord(ctx, k.conn, odd, key); err != nil || n != 1 {
		return fmt.Errorf("delete hostile row: %d, %v", n, err)
	}
	return nil
}

// Query pages through the 25 countries, checks that a syntax error comes
// back as a *drivers.QueryError and, where the database may be written,
// that an UPDATE reports the rows it changed.
func (k *Kit) Query(ctx context.Context) error {
	q, ok := k.conn.(drivers.Querier)
	if !ok {
		return Skip("driver is not a drivers.Querier")
	}
	const sql = "SELECT country_id, name FROM country ORDER BY country_id"
	pages := []struct {
		page, rows, first int
		more              bool
	}{{1, 10, 1, true}, {2, 10, 11, true}, {3, 5, 21, false}}
	for _, p := range pages {
		res, err := q.Query(ctx, drivers.Request{SQL: sql, Limit: 10, Page: p.page})
		if err != nil {
			return fmt.Errorf("page %d: %w", p.page, err)
		}
		if len(res.Columns) != 2 || res.Columns[0].Name != "country_id" {
			return fmt.Errorf("columns = %+v", res.Columns)
		}
		if len(res.Rows) != p.rows || res.HasMore != p.more || fmt.Sprint(res.Rows[0][0]) != fmt.Sprint(p.first) {
			return fmt.Errorf("page %d: %d rows from %v, more=%v; want %d from %d, more=%v",
				p.page, len(res.Rows), res.Rows[0][0], res.HasMore, p.rows, p.first, p.more)
		}
	}
	if k.writable {
		res, err := q.Query(ctx, drivers.Request{SQL: "UPDATE country SET name = name WHERE country_id <= 3"})
		if err != nil || res.RowsAffected != 3 && res.RowsAffected != -1 {
			return fmt.Errorf("update: %+v, %v", res, err)
		}
	}
	_, err := q.Query(ctx, drivers.Request{SQL: "SELECT\n  FROM WHERE"})
	var qe *drivers.QueryError
	if !errors.As(err, &qe) || qe.Message == "" {
		return fmt.Errorf("syntax error = %T %v, want *drivers.QueryError", err, err)
	}
	return nil
}

// RefusesWrites checks that a read-only driver says no to a write, with
// an error, and that the data stays as it was.
func (k *Kit) RefusesWrites(ctx context.Context) error {
	q, ok := k.conn.(drivers.Querier)
	if !ok {
		return Skip("driver is not a drivers.Querier")
	}
	if _, err := q.Query(ctx, drivers.Request{SQL: "DELETE FROM country"}); err == nil {
		return errors.New("DELETE FROM country succeeded on a read-only driver")
	}
	res, err := q.Query(ctx, drivers.Request{SQL: "SELECT count(*) FROM country"})
	if err != nil || len(res.Rows) != 1 || fmt.Sprint(res.Rows[0][0]) != "25" {
		return fmt.Errorf("country after a refused delete: %+v, %v; want 25 rows", res, err)
	}
	return nil
}

// Cancel runs sleep, a statement that runs for many seconds, cancels its
// context and checks that the statement stops with an error and the
// connection serves the next one.
func (k *Kit) Cancel(ctx context.Context, sleep string) error {
	q, ok := k.conn.(drivers.Querier)
	switch {
	case !ok:
		return Skip("driver is not a drivers.Querier")
	case sleep == "":
		return Skip("no statement that sleeps for this driver")
	}
	cctx, cancel := context.WithCancel(ctx)
	defer cancel()
	time.AfterFunc(200*time.Millisecond, cancel)
	if _, err := q.Query(cctx, drivers.Request{SQL: sleep}); err == nil {
		return errors.New("cancelled statement returned no error")
	}
	res, err := q.Query(ctx, drivers.Request{SQL: "SELECT 1"})
	if err != nil || len(res.Rows) != 1 {
		return fmt.Errorf("connection unusable after cancel: %v", err)
	}
	return nil
}

// ViewWriter creates, alters, reads back and drops a view with a hostile
// name through the generic helpers.
func (k *Kit) ViewWriter(ctx context.Context) error {
	switch {
	case !k.man.Capabilities.Views:
		return Skip("engine has no views")
	case !k.writable:
		return Skip("the database may not be written")
	}
	v := drivers.ViewRef{Schema: k.sc.Name, Name: `kit "view"; tablé`}
	if err := drivers.CreateView(ctx, k.conn, v, "SELECT country_id FROM country"); err != nil {
		return fmt.Errorf("create: %w", err)
	}
	if err := drivers.AlterView(ctx, k.conn, v, "SELECT country_id, name FROM country"); err != nil {
		return fmt.Errorf("alter (adding a column): %w", err)
	}
	f := drivers.Filter{Schemas: []string{k.sc.Name}, Objects: []string{v.Name}}
	s, err := k.conn.Snapshot(ctx, f)
	if err != nil {
		return fmt.Errorf("snapshot: %w", err)
	}
	if sc := s.Schema(k.sc.Name); sc == nil || sc.View(v.Name) == nil ||
		!slices.Equal(columnNames(sc.View(v.Name).Columns), cols("country_id name")) {
		return fmt.Errorf("altered view not read back: %+v", s.Schemas)
	}
	if err := drivers.DropView(ctx, k.conn, v); err != nil {
		return fmt.Errorf("drop: %w", err)
	}
	if s, err = k.conn.Snapshot(ctx, f); err != nil {
		return fmt.Errorf("snapshot: %w", err)
	}
	if sc := s.Schema(k.sc.Name); sc != nil && sc.View(v.Name) != nil {
		return errors.New("view still there after drop")
	}
	return nil
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
