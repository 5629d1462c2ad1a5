package diff_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/dbls/dbls/diff"
	"github.com/dbls/dbls/drivers/drivertest"
)

// TestUnsyncedNotes: every kind of PostgreSQL object dbls reads but does
// not sync is named in a plan's notes when one side lacks it or defines it
// otherwise, and a database compared with itself has no such note. Before,
// a clone silently left them out.
func TestUnsyncedNotes(t *testing.T) {
	const objects = `CREATE SCHEMA app;
CREATE TABLE app.base (id integer PRIMARY KEY, a integer, b integer);
CREATE TABLE app.child (extra integer) INHERITS (app.base);
CREATE STATISTICS app.ab_stats (dependencies) ON a, b FROM app.base;
CREATE TEXT SEARCH DICTIONARY app.simple_dict (TEMPLATE = pg_catalog.simple);
CREATE TEXT SEARCH CONFIGURATION app.myts (COPY = pg_catalog.english);
CREATE FUNCTION app.eq(integer, integer) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT $1 = $2';
CREATE OPERATOR app.=== (LEFTARG = integer, RIGHTARG = integer, FUNCTION = app.eq);
CREATE OPERATOR CLASS app.int_ops FOR TYPE integer USING hash AS OPERATOR 1 =, FUNCTION 1 hashint4(integer);
CREATE TYPE app.mood AS ENUM ('ok');
CREATE CAST (app.mood AS integer) WITH INOUT;
CREATE PUBLICATION dbls_unsynced_pub FOR TABLE app.base;
ALTER TABLE app.base REPLICA IDENTITY FULL;
CREATE TABLE app.docs (body text COMPRESSION pglz, raw text);
ALTER TABLE app.docs ALTER COLUMN raw SET STORAGE EXTERNAL;
`
	want := []string{
		"statistics app.ab_stats",
		"text search dictionary app.simple_dict (simple)",
		"text search configuration app.myts",
		"operator app.===(integer, integer)",
		"operator class app.int_ops USING hash",
		"cast (app.mood AS integer)",
		"publication dbls_unsynced_pub",
		"replica identity app.base (FULL)",
		"column storage app.docs.raw (STORAGE EXTERNAL)",
		"column storage app.docs.body (COMPRESSION pglz)",
	}
	a, b := open(t, drivertest.PostgresURL(t)), open(t, drivertest.PostgresURL(t))
	exec(t, a, objects)
	exec(t, b, `CREATE SCHEMA app;
CREATE TABLE app.base (id integer PRIMARY KEY, a integer, b integer);
CREATE STATISTICS app.ab_stats (ndistinct) ON a, b FROM app.base;
CREATE STATISTICS app.old_stats (ndistinct) ON a, b FROM app.base;
`)
	r := renderer(t, b)
	src := snapshot(t, a)
	self, err := diff.Compare(src, src, diff.Options{Renderer: r})
	if err != nil || !self.Empty() {
		t.Fatalf("the source differs from itself (%v):\n%s", err, planText(self))
	}
	plan, err := diff.Compare(src, snapshot(t, b), diff.Options{Renderer: r, AllowDestructive: true})
	if err != nil {
		t.Fatal(err)
	}
	notes := strings.Join(plan.Notes, "\n")
	for _, w := range want {
		if !strings.Contains(notes, w) {
			t.Errorf("no note with %q; notes:\n%s", w, notes)
		}
	}
	for _, w := range []string{"statistics app.ab_stats differs", "statistics app.old_stats (CREATE STATISTICS app.old_stats (ndistinct) ON a, b FROM app.base) exists only in the target"} {
		if !slices.ContainsFunc(plan.Notes, func(n string) bool { return strings.Contains(n, w) }) {
			t.Errorf("no note with %q; notes:\n%s", w, notes)
		}
	}
}
