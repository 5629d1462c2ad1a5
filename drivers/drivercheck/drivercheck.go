// Package drivercheck is the read-only part of the driver conformance kit,
// usable outside `go test`: `dbls plugin check` runs it against an external
// driver, and drivers/drivertest.RunReadOnly runs it as subtests. A
// read-only driver cannot build the kit's fixture by writing it, so the
// database must already hold the kit's read-only fixture: a table country
// (country_id INTEGER primary key, name) with rows 1 to 25.
package drivercheck

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/schema"
)

// Result is the outcome of one check. Skip, when set, says why the check
// did not apply.
type Result struct {
	Name string
	Err  error
	Skip string
}

// Config is what to check.
type Config struct {
	// URL opens a database holding the read-only fixture.
	URL string
	// SleepSQL runs for many seconds, for the cancel check; empty skips it.
	SleepSQL string
}

// ReadOnly runs every read-only check in order. A failure to open the
// database ends the run: the rest would only repeat it.
func ReadOnly(ctx context.Context, cfg Config) []Result {
	var out []Result
	add := func(name string, err error) { out = append(out, Result{Name: name, Err: err}) }
	p, err := drivers.ParseURL(cfg.URL)
	if err != nil {
		add("open", err)
		return out
	}
	d, err := drivers.Get(p.Driver)
	if err != nil {
		add("open", err)
		return out
	}
	add("manifest", checkManifest(d))
	conn, err := d.Open(ctx, p)
	if err == nil {
		defer conn.Close()
		err = conn.Ping(ctx)
	}
	add("open", err)
	if err != nil {
		return out
	}
	k := &kit{conn: conn, man: d.Manifest()}
	snapErr := k.checkSnapshot(ctx)
	add("snapshot", snapErr)
	if snapErr != nil {
		return out
	}
	add("stable", k.checkStable(ctx))
	add("filter", k.checkFilter(ctx))
	add("listers", k.checkListers(ctx))
	q, ok := conn.(drivers.Querier)
	if !ok {
		out = append(out, Result{Name: "query", Skip: "driver is not a drivers.Querier"})
		return out
	}
	add("query", checkQuery(ctx, q))
	add("read-only", checkRefusesWrites(ctx, q))
	if cfg.SleepSQL == "" {
		out = append(out, Result{Name: "cancel", Skip: "no statement that sleeps for this driver"})
	} else {
		add("cancel", checkCancel(ctx, q, cfg.SleepSQL))
	}
	return out
}

type kit struct {
	conn drivers.Conn
	man  drivers.Manifest
	snap *schema.Snapshot
	sc   *schema.Schema
}

func checkManifest(d drivers.Driver) error {
	m := d.Manifest()
	var errs []error
	if m.ID == "" || m.Name == "" || m.Version == "" || m.Description == "" {
		errs = append(errs, fmt.Errorf("manifest lacks id, name, version or description: %+v", m))
	}
	if got, ok := drivers.Lookup(m.ID); !ok || got.Manifest().ID != m.ID {
		errs = append(errs, fmt.Errorf("driver %q is not registered under its ID", m.ID))
	}
	if !m.Capabilities.FileBased && m.DefaultPort == 0 {
		errs = append(errs, fmt.Errorf("server driver %q has no default port", m.ID))
	}
	return errors.Join(errs...)
}

func (k *kit) checkSnapshot(ctx context.Context) error {
	s, err := k.conn.Snapshot(ctx, drivers.Filter{})
	if err != nil {
		return fmt.Errorf("snapshot: %w", err)
	}
	k.snap = s
	if s.Driver != k.man.ID {
		return fmt.Errorf("snapshot driver = %q, want %q", s.Driver, k.man.ID)
	}
	if k.sc = s.Schema(s.DefaultSchema); k.sc == nil {
		return fmt.Errorf("snapshot has no default schema %q", s.DefaultSchema)
	}
	tb := k.sc.Table("country")
	if tb == nil {
		return fmt.Errorf("fixture table country missing from schema %s", k.sc.Name)
	}
	var names []string
	for i, c := range tb.Columns {
		names = append(names, c.Name)
		if c.Type == "" {
			return fmt.Errorf("column country.%s has no type", c.Name)
		}
		if c.Position != i+1 {
			return fmt.Errorf("column country.%s at position %d, want %d", c.Name, c.Position, i+1)
		}
	}
	if !slices.Equal(names, []string{"country_id", "name"}) {
		return fmt.Errorf("country columns = %q, want [country_id name]", names)
	}
	if tb.PrimaryKey == nil || !slices.Equal(tb.PrimaryKey.Columns, []string{"country_id"}) {
		return fmt.Errorf("country primary key = %+v, want [country_id]", tb.PrimaryKey)
	}
	return nil
}

func (k *kit) checkStable(ctx context.Context) error {
	again, err := k.conn.Snapshot(ctx, drivers.Filter{})
	if err != nil {
		return err
	}
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

func (k *kit) checkFilter(ctx context.Context) error {
	s, err := k.conn.Snapshot(ctx, drivers.Filter{Schemas: []string{k.sc.Name}, Objects: []string{"country"}})
	if err != nil {
		return err
	}
	sc := s.Schema(k.sc.Name)
	if sc == nil || len(sc.Tables) != 1 || sc.Tables[0].Name != "country" {
		return fmt.Errorf("filter on country: %+v", s.Schemas)
	}
	tb, err := drivers.Table(ctx, k.conn, drivers.TableRef{Schema: k.sc.Name, Name: "country"})
	if err != nil || tb.Name != "country" {
		return fmt.Errorf("drivers.Table(country) = %v, %v", tb, err)
	}
	return nil
}

func (k *kit) checkListers(ctx context.Context) error {
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

func checkQuery(ctx context.Context, q drivers.Querier) error {
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
	_, err := q.Query(ctx, drivers.Request{SQL: "SELECT\n  FROM WHERE"})
	var qe *drivers.QueryError
	if !errors.As(err, &qe) || qe.Message == "" {
		return fmt.Errorf("syntax error = %T %v, want *drivers.QueryError", err, err)
	}
	return nil
}

// checkRefusesWrites: a read-only driver says no to a write, with an
// error, and the data stays as it was.
func checkRefusesWrites(ctx context.Context, q drivers.Querier) error {
	if _, err := q.Query(ctx, drivers.Request{SQL: "DELETE FROM country"}); err == nil {
		return errors.New("DELETE FROM country succeeded on a read-only driver")
	}
	res, err := q.Query(ctx, drivers.Request{SQL: "SELECT count(*) FROM country"})
	if err != nil || len(res.Rows) != 1 || fmt.Sprint(res.Rows[0][0]) != "25" {
		return fmt.Errorf("country after a refused delete: %+v, %v; want 25 rows", res, err)
	}
	return nil
}

func checkCancel(ctx context.Context, q drivers.Querier, sleep string) error {
	cctx, cancel := context.WithCancel(ctx)
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
