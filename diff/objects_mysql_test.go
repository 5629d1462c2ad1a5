package diff_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/dbls/dbls/diff"
	"github.com/dbls/dbls/drivers/mysql"
	"github.com/dbls/dbls/drivers/schema"
)

// TestMySQLRoutineIdentityAndNotes: on MySQL a routine is its kind and
// name (a parameter type changed is the same routine, replaced, never
// created beside itself), names match case-insensitively,
// and a routine whose body the catalog did not show is a note with the
// reason, never an item and never skipped in silence.
func TestMySQLRoutineIdentityAndNotes(t *testing.T) {
	fn := func(name, typ, body string) schema.Routine {
		r := schema.Routine{Name: name, Kind: schema.RoutineFunction, Returns: "int",
			Params: []schema.Parameter{{Name: "a", Type: typ, Mode: "in"}}}
		if body != "" {
			r.Definition = "CREATE FUNCTION `" + name + "`(`a` " + typ + ") RETURNS int\n" + body
		}
		return r
	}
	snap := func(rs ...schema.Routine) *schema.Snapshot {
		return &schema.Snapshot{Driver: "mysql", ServerVersion: "10.11.19-MariaDB",
			Schemas: []schema.Schema{{Name: "d", Routines: rs}}}
	}
	src := snap(fn("f", "bigint", "RETURN a"), fn("Same", "int", "RETURN 1"), fn("hidden", "int", ""),
		fn("unread", "int", ""), fn("g", "int", "RETURN 2"))
	dst := snap(fn("f", "int", "RETURN a"), fn("same", "int", "RETURN 1"), fn("unread", "int", "RETURN 0"),
		fn("g", "int", ""), fn("gone", "int", ""))
	plan, err := diff.Compare(src, dst, diff.Options{Renderer: mysql.Driver{}})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, it := range plan.Items {
		ids = append(ids, it.ID)
	}
	// Same and same are one routine: its name's case is all that changes.
	want := []string{"routine.replace:d.Same(int)", "routine.replace:d.f(bigint)"}
	if !slices.Equal(ids, want) {
		t.Errorf("items %q, want %q", ids, want)
	}
	if len(plan.Items) == 2 && (plan.Items[1].Destructive || !slices.Equal(plan.Items[1].Changes, []string{"signature"}) ||
		!strings.HasPrefix(plan.Items[1].SQL[0], "CREATE OR REPLACE FUNCTION `d`.`f`(`a` bigint)")) {
		t.Errorf("a routine whose parameter changed is not replaced in one statement on MariaDB: %+v", plan.Items[1])
	}
	// Neither created, dropped nor replaced where a side has no definition.
	wantNotes := []string{
		"function d.g(int): not compared, the target has no definition of it (the body may be hidden",
		"function d.hidden(int) exists only in the source: not created, the source has no definition of it (",
		"function d.unread(int): not compared, the source has no definition of it (",
		"function d.gone(int) exists only in the target: not dropped, the target has no definition of it ("}
	if len(plan.Notes) != len(wantNotes) {
		t.Fatalf("notes %q", plan.Notes)
	}
	for i, n := range plan.Notes {
		if !strings.HasPrefix(n, wantNotes[i]) {
			t.Errorf("note %q, want %q…", n, wantNotes[i])
		}
	}
}
