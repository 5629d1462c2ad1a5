package mysql

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/schema"
)

// systemDatabases are the server's own; they are not listed in
// Snapshot.Databases and not read unless a Filter names them.
var systemDatabases = []string{"information_schema", "mysql", "performance_schema", "sys"}

// Snapshot reads the selected databases (by default the connection's own,
// or every non-system database when the URL names none) with one
// information_schema query per kind of object, run in parallel; the number
// of queries never depends on the number of tables.
func (c *Conn) Snapshot(ctx context.Context, f drivers.Filter) (*schema.Snapshot, error) {
	r := &reader{c: c, objects: f.Objects}
	switch {
	case len(f.Schemas) > 0:
		r.schemas = f.Schemas
	case c.params.Database != "":
		r.schemas = []string{c.params.Database}
	}
	if err := r.read(ctx); err != nil {
		return nil, err
	}
	s := r.assemble()
	s.Driver = "mysql"
	s.Database = c.params.Database
	s.ServerVersion = c.version
	s.DefaultSchema = c.params.Database
	if c.params.Database != "" {
		s.SearchPath = []string{c.params.Database}
	}
	s.Normalize()
	return s, nil
}

// reader holds one snapshot's selection and the rows each catalog query
// returned; read fills it in parallel, assemble joins it.
type reader struct {
	c *Conn
	// schemas selected; nil means every non-system database.
	schemas []string
	objects []string

	databases []string // every database on the server
	tables    []tableRow
	columns   map[objKey][]schema.Column // schema, "", table or view; see readColumns
	keys      map[objKey]*tableKeys      // schema, "", table; see readIndexes
	fkCols    []fkColumnRow
	fkRules   map[objKey][2]string // delete, update rule
	checks    []checkRow
	views     []viewRow
	routines  []routineRow
	params    []paramRow
	triggers  []triggerRow
	events    []eventRow
	sequences []sequenceRow
}

// objKey names an object (or constraint) within a table or schema.
type objKey struct{ schema, table, name string }

// read runs every catalog query, in parallel on the pool.
func (r *reader) read(ctx context.Context) error {
	tasks := []func(context.Context) error{
		r.readDatabases, r.readTables, r.readColumns, r.readIndexes,
		r.readForeignKeys, r.readReferentialRules,
		r.readRoutines, r.readParams, r.readTriggers, r.readEvents,
	}
	if r.c.flavor.hasCheckConstraints() {
		tasks = append(tasks, r.readChecks)
	}
	return parallel(ctx, tasks...)
}

// parallel runs tasks concurrently and returns the first error; the others
// are cancelled.
func parallel(ctx context.Context, tasks ...func(context.Context) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		wg    sync.WaitGroup
		once  sync.Once
		first error
	)
	for _, t := range tasks {
		wg.Go(func() {
			if err := t(ctx); err != nil {
				once.Do(func() { first = err; cancel() })
			}
		})
	}
	wg.Wait()
	return first
}

// scope is the selection as a WHERE fragment over the given schema and
// object-name columns (nameCol may be empty), with its bind arguments.
func (r *reader) scope(schemaCol string, nameCols ...string) (string, []any) {
	var b strings.Builder
	var args []any
	if r.schemas == nil {
		b.WriteString(schemaCol + " NOT IN " + marks(len(systemDatabases)))
		args = appendAll(args, systemDatabases)
	} else if len(r.schemas) == 1 {
		// "=" rather than IN lets MariaDB open only this database's
		// directory when it fills information_schema tables.
		b.WriteString(schemaCol + " = ?")
		args = append(args, r.schemas[0])
	} else {
		b.WriteString(schemaCol + " IN " + marks(len(r.schemas)))
		args = appendAll(args, r.schemas)
	}
	if len(r.objects) > 0 && len(nameCols) > 0 {
		ors := make([]string, len(nameCols))
		for i, col := range nameCols {
			ors[i] = col + " IN " + marks(len(r.objects))
			args = appendAll(args, r.objects)
		}
		b.WriteString(" AND (" + strings.Join(ors, " OR ") + ")")
	}
	return b.String(), args
}

func marks(n int) string {
	return "(" + strings.TrimSuffix(strings.Repeat("?, ", n), ", ") + ")"
}

func appendAll(args []any, vals []string) []any {
	for _, v := range vals {
		args = append(args, v)
	}
	return args
}

// scan runs one catalog query and calls each for every row. what names
// the kind of object for the error ("columns").
func (r *reader) scan(ctx context.Context, what, query string, args []any, each func(*sql.Rows) error) error {
	rows, err := r.c.db.QueryContext(ctx, query, args...)
	if err != nil {
		return r.readError(what, err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := each(rows); err != nil {
			return r.readError(what, err)
		}
	}
	if err := rows.Err(); err != nil {
		return r.readError(what, err)
	}
	return nil
}

func (r *reader) readError(what string, err error) error {
	where := "every database"
	if r.schemas != nil {
		where = fmt.Sprintf("%q", strings.Join(r.schemas, ", "))
	}
	return fmt.Errorf("mysql: read %s of %s on %s: %w", what, where, r.c.params.Address(), err)
}

// assemble joins the rows into a snapshot.
func (r *reader) assemble() *schema.Snapshot {
	b := newBuilder(r)
	b.addTables(r.tables)
	b.addViews(r.views)
	b.addColumns(r.columns)
	b.addKeys(r.keys)
	b.addForeignKeys(r.fkCols, r.fkRules)
	b.addChecks(r.checks)
	b.addRoutines(r.routines, r.params)
	b.addTriggers(r.triggers)
	b.addEvents(r.events)
	b.addSequences(r.sequences)
	// The largest rows and maps are garbage from here: let the collector
	// have them while the schemas are copied out.
	r.tables, r.columns, r.keys, r.fkCols, r.fkRules, r.checks = nil, nil, nil, nil, nil, nil
	return &schema.Snapshot{Databases: r.userDatabases(), Schemas: b.schemas()}
}

// userDatabases is every database but the system ones.
func (r *reader) userDatabases() []string {
	var out []string
	for _, d := range r.databases {
		if !slices.Contains(systemDatabases, d) {
			out = append(out, d)
		}
	}
	return out
}

// selected are the schemas the snapshot describes: those asked for that
// exist, or every non-system database.
func (r *reader) selected() []string {
	if r.schemas == nil {
		return r.userDatabases()
	}
	var out []string
	for _, s := range r.schemas {
		if slices.Contains(r.databases, s) && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}
