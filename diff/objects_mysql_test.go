package diff_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/dbls/dbls/diff"
	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/drivertest"
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

// TestMySQLRoutineSQLMode: a routine and a trigger read their bodies
// under the sql_mode they were created with (with PIPES_AS_CONCAT, a || b
// joins strings; without it, it is OR). A target whose routine text is the
// same but was created under another mode differs, and after the sync the
// routine and trigger behave as the source's, while the session that
// applied the plan is back in its own mode.
func TestMySQLRoutineSQLMode(t *testing.T) {
	ctx := context.Background()
	a, b := open(t, drivertest.MySQLURL(t)), open(t, drivertest.MySQLURL(t))
	body := `CREATE TABLE t (id INT PRIMARY KEY, label VARCHAR(20));
CREATE FUNCTION j(x VARCHAR(10), y VARCHAR(10)) RETURNS VARCHAR(20) DETERMINISTIC RETURN x || y;
CREATE TRIGGER t_label BEFORE INSERT ON t FOR EACH ROW SET NEW.label = NEW.label || '!';`
	exec(t, a, "SET @m = @@SESSION.sql_mode; SET SESSION sql_mode = CONCAT(@m, ',PIPES_AS_CONCAT');\n"+body+"\nSET SESSION sql_mode = @m;")
	exec(t, b, body)
	r := renderer(t, b)
	plan, err := diff.Compare(snapshot(t, a), snapshot(t, b), diff.Options{Renderer: r, AllowDestructive: true})
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, it := range plan.Items {
		kinds = append(kinds, string(it.Kind))
	}
	slices.Sort(kinds)
	if want := []string{"routine.replace", "trigger.create", "trigger.drop"}; !slices.Equal(kinds, want) {
		t.Fatalf("plan kinds %v, want %v:\n%s", kinds, want, planText(plan))
	}
	if _, err := diff.Apply(ctx, b, plan); err != nil {
		t.Fatal(err)
	}
	query := func(q string) any {
		t.Helper()
		res, err := b.(drivers.Querier).Query(ctx, drivers.Request{SQL: q})
		if err != nil || len(res.Rows) != 1 {
			t.Fatalf("%s: %v", q, err)
		}
		return res.Rows[0][0]
	}
	if got := fmt.Sprint(query("SELECT j('ab', 'cd')")); got != "abcd" {
		t.Errorf("j('ab', 'cd') = %q after the sync, want abcd (created under PIPES_AS_CONCAT)", got)
	}
	exec(t, b, "INSERT INTO t VALUES (1, 'x')")
	if got := fmt.Sprint(query("SELECT label FROM t WHERE id = 1")); got != "x!" {
		t.Errorf("the trigger set label %q, want x!", got)
	}
	if again, err := diff.Compare(snapshot(t, a), snapshot(t, b), diff.Options{Renderer: r}); err != nil || !again.Empty() {
		t.Fatalf("not converged:\n%s", planText(again))
	}
	if got := fmt.Sprint(query("SELECT 'a' || 'b'")); got != "1" && got != "0" {
		t.Errorf("a session of the pool kept PIPES_AS_CONCAT after the apply: 'a' || 'b' = %q", got)
	}
}
