package diff_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/dbls/dbls/diff"
	"github.com/dbls/dbls/drivers/drivertest"
)

// TestExtensionVersion: an extension older in the target is updated to
// the source's version in place; one newer in the target is not
// downgraded, and a note says so.
func TestExtensionVersion(t *testing.T) {
	a, b := open(t, drivertest.PostgresURL(t)), open(t, drivertest.PostgresURL(t))
	exec(t, a, `CREATE EXTENSION citext VERSION '1.6'`)
	exec(t, b, `CREATE EXTENSION citext VERSION '1.4'`)
	src, dst := snapshot(t, a), snapshot(t, b)
	plan, err := diff.Compare(src, dst, diff.Options{Renderer: renderer(t, b)})
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Items) != 1 || plan.Items[0].ID != "extension.alter:public.citext" ||
		!slices.Equal(plan.Items[0].SQL, []string{`ALTER EXTENSION "citext" UPDATE TO '1.6'`}) {
		t.Fatalf("plan:\n%s", planText(plan))
	}
	back, err := diff.Compare(dst, src, diff.Options{Renderer: renderer(t, a)})
	if err != nil {
		t.Fatal(err)
	}
	if len(back.Items) > 0 || !slices.ContainsFunc(back.Notes, func(n string) bool { return strings.Contains(n, "not downgraded") }) {
		t.Errorf("downgrade: plan\n%s\nnotes %q", planText(back), back.Notes)
	}
	if _, err := diff.Apply(context.Background(), b, plan); err != nil {
		t.Fatalf("apply: %v", err)
	}
	if again, err := diff.Compare(src, snapshot(t, b), diff.Options{Renderer: renderer(t, b)}); err != nil || !again.Empty() {
		t.Fatalf("not converged (%v):\n%s", err, planText(again))
	}
}

// TestRangeAndCollationChange: an unused range type or collation whose
// definition changes is dropped and created again; one that a column uses
// cannot be, and the plan says why in an unselected item.
func TestRangeAndCollationChange(t *testing.T) {
	a, b := open(t, drivertest.PostgresURL(t)), open(t, drivertest.PostgresURL(t))
	exec(t, a, `CREATE TYPE used AS RANGE (subtype = float8, subtype_diff = float8mi); CREATE TYPE free AS RANGE (subtype = bigint);
		CREATE COLLATION cu (locale = 'C'); CREATE COLLATION cf (locale = 'C');
		CREATE TABLE t (x used, s text COLLATE cu)`)
	exec(t, b, `CREATE TYPE used AS RANGE (subtype = float8); CREATE TYPE free AS RANGE (subtype = integer);
		CREATE COLLATION cu (locale = 'POSIX'); CREATE COLLATION cf (locale = 'POSIX');
		CREATE TABLE t (x used, s text COLLATE cu)`)
	plan, err := diff.Compare(snapshot(t, a), snapshot(t, b), diff.Options{Renderer: renderer(t, b), AllowDestructive: true})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, it := range plan.Items {
		ids = append(ids, it.ID)
		refused := it.ID == "range.alter:public.used" || it.ID == "collation.alter:public.cu"
		if refused && (it.Selected || !strings.Contains(it.Error, "in place")) {
			t.Errorf("item %s: selected %v, error %q; want a refusal", it.ID, it.Selected, it.Error)
		}
	}
	want := []string{"range.drop:public.free", "collation.drop:public.cf", "collation.create:public.cf", "collation.alter:public.cu",
		"range.create:public.free", "range.alter:public.used"}
	slices.Sort(ids)
	slices.Sort(want)
	if !slices.Equal(ids, want) {
		t.Fatalf("items:\n%s\nwant %q", planText(plan), want)
	}
	if _, err := diff.Apply(context.Background(), b, plan); err != nil {
		t.Fatalf("apply: %v\n%s", err, planText(plan))
	}
	sc := snapshot(t, b).Schema("public")
	if got := sc.Ranges; len(got) != 2 || got[0].Name != "free" || got[0].Subtype != "bigint" {
		t.Errorf("ranges after sync: %+v", got)
	}
	if got := sc.Collations; len(got) != 2 || got[0].Name != "cf" || got[0].LcCollate != "C" {
		t.Errorf("collations after sync: %+v", got)
	}
}
