package compare

import (
	"context"
	"errors"
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

func TestCheckHazards(t *testing.T) {
	plan := &diff.Plan{Items: []diff.Item{
		{ID: "index.create:public.t.i", Selected: true, Hazards: []string{"index_build"}},
		{ID: "column.drop:public.t.c", Selected: false, Hazards: []string{"deletes_data"}},
		{ID: "column.alter:public.t.d", Selected: true, Hazards: []string{"access_exclusive_lock", "rewrites_table"}},
	}}
	if err := CheckHazards(plan, []string{"index_build", "access_exclusive_lock", "rewrites_table"}); err != nil {
		t.Errorf("all selected hazards allowed: %v", err)
	}
	err := CheckHazards(plan, []string{"index_build", "access_exclusive_lock"})
	if !errors.Is(err, ErrHazard) || !strings.Contains(err.Error(), "column.alter:public.t.d") ||
		!strings.Contains(err.Error(), "--hazards rewrites_table") || strings.Contains(err.Error(), "deletes_data") {
		t.Errorf("refusal: %v", err)
	}
}

// TestCountNulls: a column made NOT NULL over NULLs is labelled with how
// many rows hold them, and one without NULLs is not.
func TestCountNulls(t *testing.T) {
	ctx := context.Background()
	openDB := func(sql string) drivers.Conn {
		c, _, err := drivers.Open(ctx, drivertest.PostgresURL(t))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close() })
		if _, err := c.(drivers.Execer).Exec(ctx, sql); err != nil {
			t.Fatal(err)
		}
		return c
	}
	a := openDB(`CREATE TABLE users (id int PRIMARY KEY, status text NOT NULL DEFAULT 'x', email text NOT NULL)`)
	b := openDB(`CREATE TABLE users (id int PRIMARY KEY, status text, email text);
INSERT INTO users VALUES (1, NULL, 'a'), (2, NULL, 'b'), (3, 'y', 'c');`)
	snap := func(c drivers.Conn) *schema.Snapshot {
		s, err := c.Snapshot(ctx, drivers.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	d, _ := drivers.Get("postgres")
	plan, err := diff.Compare(snap(a), snap(b), diff.Options{Renderer: d.(ddl.Renderer)})
	if err != nil {
		t.Fatal(err)
	}
	if err := countNulls(ctx, b, plan); err != nil {
		t.Fatal(err)
	}
	got := map[string]int64{}
	for _, it := range plan.Items {
		if slices.Contains(it.Hazards, ddl.HazardExistingNulls) {
			got[it.ID] = it.NullRows
		}
	}
	if len(got) != 1 || got["column.alter:public.users.status"] != 2 {
		t.Errorf("NULL counts %v, want status: 2 only", got)
	}
}
