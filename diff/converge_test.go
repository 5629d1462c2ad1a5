package diff_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dbls/dbls/diff"
	"github.com/dbls/dbls/drivers"
	_ "github.com/dbls/dbls/drivers/all"
	"github.com/dbls/dbls/drivers/ddl"
	"github.com/dbls/dbls/drivers/drivertest"
	"github.com/dbls/dbls/drivers/schema"
)

// TestConverge runs the convergence suite: for every case file in
// testdata/converge/<dialect>/, build the `desired` section in database A
// and the `current` section (with its rows) in database B, sync A → B, and
// require that a re-diff is empty and that the rows of every surviving
// column are unchanged.
func TestConverge(t *testing.T) {
	dialects := []struct {
		name string
		url  func(testing.TB) string
	}{
		{"postgres", drivertest.PostgresURL},
		{"mysql", drivertest.MySQLURL},
		{"sqlite", drivertest.SQLiteURL},
	}
	for _, d := range dialects {
		t.Run(d.name, func(t *testing.T) {
			files, _ := filepath.Glob(filepath.Join("testdata", "converge", d.name, "*.sql"))
			if len(files) == 0 {
				t.Fatalf("no cases in testdata/converge/%s", d.name)
			}
			for _, f := range files {
				t.Run(strings.TrimSuffix(filepath.Base(f), ".sql"), func(t *testing.T) {
					// Each case has its own two databases.
					t.Parallel()
					runCase(t, f, d.url)
				})
			}
		})
	}
}

func runCase(t *testing.T, file string, url func(testing.TB) string) {
	ctx := context.Background()
	current, desired := readCase(t, file)
	wantKinds := planLine(t, file)
	a, b := open(t, url(t)), open(t, url(t))
	exec(t, a, desired)
	exec(t, b, current)
	r := renderer(t, b)
	srcSnap, before := snapshot(t, a), snapshot(t, b)
	if self, err := diff.Compare(srcSnap, srcSnap, diff.Options{Renderer: r}); err != nil || !self.Empty() {
		t.Fatalf("the desired database differs from itself:\n%s", planText(self))
	}
	rowsBefore := tableRows(t, b, before, r)
	plan, err := diff.Compare(srcSnap, before, diff.Options{Renderer: r, AllowDestructive: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range plan.Items {
		if it.Error != "" {
			t.Fatalf("item %s cannot be rendered: %s\n%s", it.ID, it.Error, planText(plan))
		}
	}
	if wantKinds != nil {
		var got []string
		for _, it := range plan.Items {
			got = append(got, string(it.Kind))
		}
		slices.Sort(got)
		if !slices.Equal(got, wantKinds) {
			t.Fatalf("plan kinds %v, want %v:\n%s", got, wantKinds, planText(plan))
		}
	}
	if _, err := diff.Apply(ctx, b, plan); err != nil {
		t.Fatalf("apply: %v\n%s", err, planText(plan))
	}
	after := snapshot(t, b)
	again, err := diff.Compare(srcSnap, after, diff.Options{Renderer: r, AllowDestructive: true})
	if err != nil {
		t.Fatal(err)
	}
	if !again.Empty() {
		t.Fatalf("not converged; plan applied:\n%s\nstill differs:\n%s", planText(plan), planText(again))
	}
	checkRows(t, rowsBefore, tableRows(t, b, after, r))
	if caseWants(t, file, "-- check: column order") {
		checkColumnOrder(t, srcSnap, after)
	}
}

// caseWants reports whether a case file has the marker line, for checks
// that only some cases ask for.
func caseWants(t *testing.T, file, marker string) bool {
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	return slices.Contains(strings.Split(string(data), "\n"), marker)
}

// checkColumnOrder requires every table of the source to have its columns
// in the same order in the synced target (diff does not compare positions,
// so a re-diff cannot see a column placed wrong).
func checkColumnOrder(t *testing.T, src, dst *schema.Snapshot) {
	names := func(tb *schema.Table) []string {
		var out []string
		for _, c := range tb.Columns {
			out = append(out, c.Name)
		}
		return out
	}
	for i := range src.Schemas {
		for _, st := range src.Schemas[i].Tables {
			for j := range dst.Schemas {
				if dt := dst.Schemas[j].Table(st.Name); dt != nil && !slices.Equal(names(&st), names(dt)) {
					t.Errorf("table %s: columns %v after sync, want %v", st.Name, names(dt), names(&st))
				}
			}
		}
	}
}

// planLine reads a case's optional "-- plan: kind kind…" line: the kinds
// of the items the plan must have, no more (sorted), so that a changed
// attribute is shown to give exactly its drop and create.
func planLine(t *testing.T, file string) []string {
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(line), "-- plan:"); ok {
			kinds := strings.Fields(rest)
			slices.Sort(kinds)
			return kinds
		}
	}
	return nil
}

// readCase splits a case file at its "-- current" and "-- desired" lines.
func readCase(t *testing.T, file string) (current, desired string) {
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var cur *strings.Builder
	var c, d strings.Builder
	for _, line := range strings.SplitAfter(string(data), "\n") {
		switch strings.TrimSpace(line) {
		case "-- current":
			cur = &c
			continue
		case "-- desired":
			cur = &d
			continue
		}
		if cur != nil {
			cur.WriteString(line)
		}
	}
	if strings.TrimSpace(c.String()) == "" || strings.TrimSpace(d.String()) == "" {
		t.Fatalf("%s: needs a '-- current' and a '-- desired' section", file)
	}
	return c.String(), d.String()
}

func open(t *testing.T, url string) drivers.Conn {
	c, _, err := drivers.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

func exec(t *testing.T, c drivers.Conn, sql string) {
	t.Helper()
	if _, err := c.(drivers.Execer).Exec(context.Background(), sql); err != nil {
		t.Fatalf("setup: %v", err)
	}
}

func renderer(t *testing.T, c drivers.Conn) ddl.Renderer {
	snap := snapshot(t, c)
	d, err := drivers.Get(snap.Driver)
	if err != nil {
		t.Fatal(err)
	}
	r, ok := d.(ddl.Renderer)
	if !ok {
		t.Fatalf("driver %s has no ddl.Renderer", snap.Driver)
	}
	return r
}

func snapshot(t *testing.T, c drivers.Conn) *schema.Snapshot {
	t.Helper()
	s, err := c.Snapshot(context.Background(), drivers.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// rows maps a table's name key to its rows, each a map from the column's
// name key (the engine's rule for matching names) to the value as text.
type rows map[string][]map[string]string

func tableRows(t *testing.T, c drivers.Conn, s *schema.Snapshot, r ddl.Renderer) rows {
	key := func(kind, name string) string { return name }
	if n, ok := r.(ddl.Namer); ok {
		key = n.NameKey
	}
	out := rows{}
	d := c.(drivers.Dialecter).Dialect()
	for _, sc := range s.Schemas {
		for _, tb := range sc.Tables {
			if tb.Kind == schema.TablePartition {
				continue // read through the parent
			}
			from := "SELECT * FROM "
			if s.Driver == "postgres" && tb.Kind != schema.TablePartitioned {
				from += "ONLY " // a parent's own rows: its children's are read on their own
			}
			q := from + drivers.QualifiedName(d, drivers.TableRef{Schema: sc.Name, Name: tb.Name})
			res, err := c.(drivers.Querier).Query(context.Background(), drivers.Request{SQL: q})
			if err != nil {
				t.Fatalf("read %s: %v", tb.Name, err)
			}
			tk := key("table", tb.Name)
			out[tk] = []map[string]string{}
			for _, row := range res.Rows {
				m := map[string]string{}
				for i, col := range res.Columns {
					m[key("column", col.Name)] = fmt.Sprint(row[i]) // equality is all this compares
				}
				out[tk] = append(out[tk], m)
			}
		}
	}
	return out
}

// checkRows requires every table that survived to hold the same rows in the
// columns that survived.
func checkRows(t *testing.T, before, after rows) {
	for table, old := range before {
		now, ok := after[table]
		if !ok || len(old) == 0 {
			continue
		}
		var cols []string
		for c := range old[0] {
			if len(now) > 0 {
				if _, ok := now[0][c]; ok {
					cols = append(cols, c)
				}
			}
		}
		slices.Sort(cols)
		if len(now) != len(old) {
			t.Errorf("table %s: %d rows before, %d after", table, len(old), len(now))
			continue
		}
		if got, want := project(now, cols), project(old, cols); !slices.Equal(got, want) {
			t.Errorf("table %s: rows changed in columns %v:\nbefore %q\nafter  %q", table, cols, want, got)
		}
	}
}

func project(rs []map[string]string, cols []string) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		parts := make([]string, len(cols))
		for j, c := range cols {
			parts[j] = r[c]
		}
		out[i] = strings.Join(parts, "\x1f")
	}
	slices.Sort(out)
	return out
}

func planText(p *diff.Plan) string {
	if p == nil {
		return "(no plan)"
	}
	var b strings.Builder
	for _, it := range p.Items {
		b.WriteString("  " + it.ID)
		if len(it.Changes) > 0 {
			b.WriteString(" " + strings.Join(it.Changes, ","))
		}
		b.WriteString("\n")
		for _, s := range it.SQL {
			b.WriteString("      " + s + "\n")
		}
		if it.Error != "" {
			b.WriteString("      ERROR " + it.Error + "\n")
		}
	}
	for _, n := range p.Notes {
		b.WriteString("  note: " + n + "\n")
	}
	return b.String()
}
