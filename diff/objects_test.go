package diff_test

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dbls/dbls/diff"
	"github.com/dbls/dbls/drivers/drivertest"
	"github.com/dbls/dbls/drivers/schema"
)

// TestCatalogObjectPlans checks, on real PostgreSQL, the exact plan of
// convergence cases for sequences, enums, domains and routines: which
// items, in which order (each item finds what it needs), and that the
// plan converges.
func TestCatalogObjectPlans(t *testing.T) {
	cases := []struct {
		file string
		want []string // item ids, in plan order
		sql  map[string][]string
	}{
		{file: "75-function-body-changed", want: []string{"routine.replace:public.stamp()"}},
		{file: "81-catalog-dependency-drops", want: []string{
			"view.drop:public.stats",
			"routine.drop:public.customer_count()", "routine.drop:public.big_spenders(mood[], amount)",
			"table.drop:public.customer",
			"domain.drop:public.amount", "routine.drop:public.is_positive(integer)", "enum.drop:public.mood",
		}},
		{file: "74-enum-value-added", want: []string{"enum.add_value:public.mpaa_rating"},
			sql: map[string][]string{"enum.add_value:public.mpaa_rating": {
				`ALTER TYPE "public"."mpaa_rating" ADD VALUE 'G' BEFORE 'PG'`,
				`ALTER TYPE "public"."mpaa_rating" ADD VALUE 'PG-13' AFTER 'PG'`,
				`ALTER TYPE "public"."mpaa_rating" ADD VALUE 'NC-17' AFTER 'R'`,
			}}},
		{file: "76-function-signature-changed", want: []string{
			"routine.drop:public.log_it(text)", "routine.drop:public.ratio()",
			"routine.create:public.area(integer, integer)", "routine.create:public.log_it(text)", "routine.create:public.ratio()",
			"routine.drop:public.area(integer)",
		}},
		{file: "77-sequence-options", want: []string{
			"sequence.alter:public.spare_seq", "sequence.alter:public.ticket_n_seq", "sequence.alter:public.ticket_seq",
			"sequence.drop:public.gone_seq",
		}},
		{file: "78-domain-added-and-used", want: []string{
			"domain.create:public.sku", "domain.alter:public.qty", "column.add:public.line.code", "domain.drop:public.old_code",
		}},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			t.Parallel()
			plan := applyCase(t, filepath.Join("testdata", "converge", "postgres", c.file+".sql"))
			var ids []string
			for _, it := range plan.Items {
				ids = append(ids, it.ID)
				if want, ok := c.sql[it.ID]; ok && !slices.Equal(it.SQL, want) {
					t.Errorf("%s: SQL\n%s\nwant\n%s", it.ID, strings.Join(it.SQL, "\n"), strings.Join(want, "\n"))
				}
			}
			if !slices.Equal(ids, c.want) {
				t.Errorf("items:\n%s\nwant %q", planText(plan), c.want)
			}
		})
	}
}

// applyCase builds a case, syncs it with drops allowed, requires
// convergence and returns the plan applied.
func applyCase(t *testing.T, file string) *diff.Plan {
	ctx := context.Background()
	current, desired := readCase(t, file)
	a, b := open(t, drivertest.PostgresURL(t)), open(t, drivertest.PostgresURL(t))
	exec(t, a, desired)
	exec(t, b, current)
	r := renderer(t, b)
	src := snapshot(t, a)
	plan, err := diff.Compare(src, snapshot(t, b), diff.Options{Renderer: r, AllowDestructive: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := diff.Apply(ctx, b, plan); err != nil {
		t.Fatalf("apply: %v\n%s", err, planText(plan))
	}
	again, err := diff.Compare(src, snapshot(t, b), diff.Options{Renderer: r})
	if err != nil {
		t.Fatal(err)
	}
	if !again.Empty() {
		t.Fatalf("not converged; plan applied:\n%s\nstill differs:\n%s", planText(plan), planText(again))
	}
	return plan
}

// TestEnumValueRemoved: PostgreSQL cannot remove or reorder an enum value
// in place. A type that only table columns use is rebuilt; one a routine
// uses is refused in an unselected item that says why; and a row holding
// a removed value makes the rebuild fail as a whole, the target unchanged.
func TestEnumValueRemoved(t *testing.T) {
	ctx := context.Background()
	a, b := open(t, drivertest.PostgresURL(t)), open(t, drivertest.PostgresURL(t))
	exec(t, a, `CREATE TYPE mood AS ENUM ('sad', 'happy'); CREATE TYPE size AS ENUM ('s', 'l', 'm');
CREATE TABLE t (id int PRIMARY KEY, m mood);
CREATE FUNCTION big(x size) RETURNS boolean LANGUAGE sql AS 'SELECT x = ''l''::size';`)
	exec(t, b, `CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy'); CREATE TYPE size AS ENUM ('s', 'm', 'l');
CREATE TABLE t (id int PRIMARY KEY, m mood);
CREATE FUNCTION big(x size) RETURNS boolean LANGUAGE sql AS 'SELECT x = ''l''::size';
INSERT INTO t VALUES (1, 'ok');`)
	plan, err := diff.Compare(snapshot(t, a), snapshot(t, b), diff.Options{Renderer: renderer(t, b), AllowDestructive: true})
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]diff.Item{}
	for _, it := range plan.Items {
		byID[it.ID] = it
	}
	if it := byID["enum.alter:public.size"]; it.Selected || len(it.SQL) > 0 || !strings.Contains(it.Error, "reordered") ||
		!strings.Contains(it.Error, "can only add values") {
		t.Errorf("size (a routine uses it): selected %v, sql %q, error %q; want a refusal", it.Selected, it.SQL, it.Error)
	}
	for _, id := range []string{"enum.alter:public.mood", "column.alter:public.t.m"} {
		if it, ok := byID[id]; !ok || !it.Selected || len(it.SQL) == 0 {
			t.Errorf("%s: want a selected item with SQL (the rebuild); plan:\n%s", id, planText(plan))
		}
	}
	if _, err := diff.Apply(ctx, b, plan); err == nil || !strings.Contains(err.Error(), `"ok"`) {
		t.Fatalf("apply over a row holding the removed value: err %v, want PostgreSQL's refusal of 'ok'", err)
	}
	after := snapshot(t, b).Schema("public")
	i := slices.IndexFunc(after.Enums, func(e schema.Enum) bool { return e.Name == "mood" })
	if i < 0 || len(after.Enums[i].Values) != 3 || len(after.Enums) != 2 {
		t.Errorf("after the failed rebuild the enums are %+v, want the target's, unchanged", after.Enums)
	}
}

// TestDomainBaseTypeChange: an unused domain whose base type changes is
// dropped and created again; one that columns use cannot be, and the plan
// says why in an unselected item.
func TestDomainBaseTypeChange(t *testing.T) {
	a, b := open(t, drivertest.PostgresURL(t)), open(t, drivertest.PostgresURL(t))
	exec(t, a, `CREATE DOMAIN used AS bigint; CREATE DOMAIN free AS bigint; CREATE TABLE t (x used)`)
	exec(t, b, `CREATE DOMAIN used AS integer; CREATE DOMAIN free AS integer; CREATE TABLE t (x used)`)
	plan, err := diff.Compare(snapshot(t, a), snapshot(t, b), diff.Options{Renderer: renderer(t, b), AllowDestructive: true})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, it := range plan.Items {
		ids = append(ids, it.ID)
		if it.ID == "domain.alter:public.used" && (it.Selected || !strings.Contains(it.Error, "cannot change a domain's base type")) {
			t.Errorf("item %s: selected %v, error %q; want a refusal", it.ID, it.Selected, it.Error)
		}
	}
	if want := []string{"domain.drop:public.free", "domain.create:public.free", "domain.alter:public.used"}; !slices.Equal(ids, want) {
		t.Fatalf("items:\n%s\nwant %q", planText(plan), want)
	}
	if _, err := diff.Apply(context.Background(), b, plan); err != nil {
		t.Fatalf("apply: %v\n%s", err, planText(plan))
	}
	if got := snapshot(t, b).Schema("public").Domains[0]; got.Name != "free" || got.Type != "bigint" {
		t.Errorf("domain free after sync: %+v", got)
	}
}
