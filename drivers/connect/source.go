package connect

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"strings"

	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/schema"
	"github.com/dbls/dbls/drivers/sqltext"
)

// IsSchemaFile reports whether arg names a schema kept as code: an existing
// .sql DDL file or a .json snapshot (dbls inspect --json).
func IsSchemaFile(arg string) bool {
	if drivers.IsURL(arg) {
		return false
	}
	lower := strings.ToLower(arg)
	if !strings.HasSuffix(lower, ".sql") && !strings.HasSuffix(lower, ".json") {
		return false
	}
	st, err := os.Stat(arg)
	return err == nil && !st.IsDir()
}

// SnapshotFile reads the structure a schema file describes. A .json file is
// a snapshot. A .sql file is loaded into a scratch database of the target's
// engine, inspected and dropped: in-memory SQLite when the target is SQLite,
// otherwise a temporary database on the dev server (a URL or name), which
// must run the target's engine.
func (r *Resolver) SnapshotFile(ctx context.Context, path, targetDriver, dev string) (*schema.Snapshot, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("schema file: %w", err)
	}
	if strings.HasSuffix(strings.ToLower(path), ".json") {
		s, err := schema.Unmarshal(data)
		if err != nil {
			return nil, fmt.Errorf("schema file %s: %w", path, err)
		}
		return s, nil
	}
	if dev == "" {
		if targetDriver != "sqlite" {
			return nil, fmt.Errorf("schema file %s: a %s target needs a %s server where dbls may create a temporary database to load it: --dev CONN, or dev = \"CONN\" in the target's connection config",
				path, targetDriver, targetDriver)
		}
		return loadInto(ctx, "sqlite::memory:", path, string(data))
	}
	return r.loadOnDev(ctx, path, string(data), targetDriver, dev)
}

// loadInto runs a schema file on a fresh in-memory database and
// snapshots it on the same connection (another would be another database).
func loadInto(ctx context.Context, url, path, ddl string) (*schema.Snapshot, error) {
	stmts, err := sandboxFile("sqlite", path, ddl, "")
	if err != nil {
		return nil, err
	}
	c, _, err := drivers.Open(ctx, url)
	if err != nil {
		return nil, err
	}
	defer c.Close()
	if err := runFile(ctx, c, path, stmts); err != nil {
		return nil, err
	}
	return c.Snapshot(ctx, drivers.Filter{})
}

// sandboxFile checks a whole schema file for the engine before any of it
// runs (sandbox.go).
func sandboxFile(driver, path, ddl, scratch string) ([]fileStatement, error) {
	switch d := sqltext.Dialect(driver); d {
	case sqltext.Postgres, sqltext.MySQL, sqltext.SQLite:
		return sandbox(d, path, ddl, scratch)
	}
	return nil, fmt.Errorf("schema file %s: dbls loads .sql files only for postgres, mysql and sqlite, whose statements it checks before they run; give a %s target a .json snapshot (dbls inspect --json)", path, driver)
}

// runFile runs a schema file's statements one by one on one session, in
// one transaction where the engine has them for DDL; an error names the
// file's line.
func runFile(ctx context.Context, c drivers.Conn, path string, stmts []fileStatement) error {
	each := func(ctx context.Context, ex drivers.Execer) error {
		for _, st := range stmts {
			if _, err := ex.Exec(ctx, st.sql); err != nil {
				return fmt.Errorf("schema file %s:%d: %w", path, st.line, err)
			}
		}
		return nil
	}
	if tr, ok := c.(drivers.Transactor); ok {
		return tr.Transact(ctx, each)
	}
	if ex, ok := c.(drivers.Execer); ok {
		return each(ctx, ex)
	}
	return fmt.Errorf("schema file %s: this driver cannot run DDL", path)
}

// loadOnDev creates a uniquely named database on the dev server, loads the
// file there, snapshots it and drops it, whatever happens in between.
func (r *Resolver) loadOnDev(ctx context.Context, path, ddl, targetDriver, dev string) (*schema.Snapshot, error) {
	admin, p, err := r.Open(ctx, dev)
	if err != nil {
		return nil, fmt.Errorf("--dev: %w", err)
	}
	defer admin.Close()
	if p.Driver != targetDriver {
		return nil, fmt.Errorf("--dev is a %s server but the target is %s: the schema file must be loaded into the target's engine", p.Driver, targetDriver)
	}
	ex, ok1 := admin.(drivers.Execer)
	dl, ok2 := admin.(drivers.Dialecter)
	if !ok1 || !ok2 {
		return nil, fmt.Errorf("--dev: driver %s cannot create databases", p.Driver)
	}
	r.cleanScratch(ctx, admin, p.Driver, dl.Dialect().QuoteIdent) // leftovers of dead processes (scratch.go)
	// The pid tells whose scratch database one left behind (a killed
	// process) is, and lets a test find its own among concurrent runs.
	name := fmt.Sprintf("%s%d_%s", scratchPrefix, os.Getpid(), randomSuffix())
	stmts, err := sandboxFile(p.Driver, path, ddl, name)
	if err != nil {
		return nil, err
	}
	quoted := dl.Dialect().QuoteIdent(name)
	if _, err := ex.Exec(ctx, "CREATE DATABASE "+quoted); err != nil {
		return nil, fmt.Errorf("--dev: create scratch database: %w", err)
	}
	snap, loadErr := loadScratch(ctx, p, name, path, stmts)
	// Dropped with a fresh context (the caller's may be the one that
	// ended) and retried; a drop that still fails does not fail the load
	// that succeeded: it is reported, and the next load cleans it up.
	if err := r.dropScratch(ctx, ex, dev, quoted); err != nil {
		r.warn(fmt.Sprintf("could not drop the scratch database %s (the next compare on that server drops it): %v", name, err))
	}
	if loadErr != nil {
		return nil, loadErr
	}
	return snap, nil
}

// loadScratch runs the file in the scratch database, then reads the
// catalog on a new connection: the file's session settings (pg_dump's
// empty search_path, which would qualify every name the catalog prints)
// must not shape the snapshot.
func loadScratch(ctx context.Context, dev drivers.Params, name, path string, stmts []fileStatement) (*schema.Snapshot, error) {
	p := dev
	p.Database = name
	p.ReadOnly = false
	c, err := drivers.OpenParams(ctx, p)
	if err != nil {
		return nil, fmt.Errorf("--dev: open scratch database: %w", err)
	}
	err = runFile(ctx, c, path, stmts)
	c.Close()
	if err != nil {
		return nil, err
	}
	fresh, err := drivers.OpenParams(ctx, p)
	if err != nil {
		return nil, fmt.Errorf("--dev: open scratch database: %w", err)
	}
	defer fresh.Close()
	return fresh.Snapshot(ctx, drivers.Filter{})
}

func randomSuffix() string {
	b := make([]byte, 6)
	rand.Read(b) //nolint:errcheck // crypto/rand.Read never fails
	return hex.EncodeToString(b)
}
