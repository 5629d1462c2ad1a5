package diff_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/dbls/dbls/diff"
	"github.com/dbls/dbls/drivers/drivertest"
	"github.com/dbls/dbls/drivers/schema"
)

// TestCommentsEveryKind clones convergence case 86 (comments on schemas,
// sequences, enum types, triggers, every kind of constraint, views, view
// columns and a materialized view) into an empty PostgreSQL database and
// requires each comment in the clone's snapshot: the convergence suite
// alone would pass if comments were neither read nor written.
func TestCommentsEveryKind(t *testing.T) {
	ctx := context.Background()
	current, desired := readCase(t, filepath.Join("testdata", "converge", "postgres", "86-comments-clone.sql"))
	a, b := open(t, drivertest.PostgresURL(t)), open(t, drivertest.PostgresURL(t))
	exec(t, a, desired)
	exec(t, b, current)
	r := renderer(t, b)
	plan, err := diff.Compare(snapshot(t, a), snapshot(t, b), diff.Options{Renderer: r})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := diff.Apply(ctx, b, plan); err != nil {
		t.Fatalf("apply: %v\n%s", err, planText(plan))
	}
	snap := snapshot(t, b)
	sc := func(name string) *schema.Schema {
		if s := snap.Schema(name); s != nil {
			return s
		}
		return &schema.Schema{}
	}
	pub := sc("public")
	table := func(name string) *schema.Table {
		if t := pub.Table(name); t != nil {
			return t
		}
		return &schema.Table{PrimaryKey: &schema.PrimaryKey{}}
	}
	seq := func(name string) string {
		for _, s := range pub.Sequences {
			if s.Name == name {
				return s.Comment
			}
		}
		return ""
	}
	first := func(n int, get func(int) string) string {
		if n == 0 {
			return ""
		}
		return get(0)
	}
	view := func(name string) *schema.View {
		if v := pub.View(name); v != nil {
			return v
		}
		return &schema.View{}
	}
	viewColumn := func(v, col string) string {
		for _, c := range view(v).Columns {
			if c.Name == col {
				return c.Comment
			}
		}
		return ""
	}
	cases := []struct{ what, got, want string }{
		{"schema public", pub.Comment, "The public schema"},
		{"schema notes", sc("notes").Comment, "Only a comment"},
		{"schema sales", sc("sales").Comment, "Sales"},
		{"primary key in a new schema", func() string {
			if t := sc("sales").Table("orders"); t != nil && t.PrimaryKey != nil {
				return t.PrimaryKey.Comment
			}
			return ""
		}(), "The order key"},
		{"enum", first(len(pub.Enums), func(i int) string { return pub.Enums[i].Comment }), "How it feels"},
		{"free sequence", seq("free_seq"), "A free sequence"},
		{"serial sequence", seq("child_id_seq"), "Serial sequence"},
		{"identity sequence", seq("child_m_seq"), "Identity sequence"},
		{"primary key", table("parent").PrimaryKey.Comment, "The key"},
		{"unique", first(len(table("parent").Uniques), func(i int) string { return table("parent").Uniques[i].Comment }), "Codes are unique"},
		{"check", first(len(table("parent").Checks), func(i int) string { return table("parent").Checks[i].Comment }), "It's positive"},
		{"exclusion", first(len(table("parent").Exclusions), func(i int) string { return table("parent").Exclusions[i].Comment }), "No overlap"},
		{"foreign key", first(len(table("child").ForeignKeys), func(i int) string { return table("child").ForeignKeys[i].Comment }), "The parent"},
		{"trigger", first(len(pub.Triggers), func(i int) string { return pub.Triggers[i].Comment }), "Touches"},
		{"view", view("parent_codes").Comment, "Codes"},
		{"view column", viewColumn("parent_codes", "code"), "A code"},
		{"materialized view", view("parent_counts").Comment, "Counts"},
		{"materialized view column", viewColumn("parent_counts", "n"), "How many"},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("%s: comment %q after the clone, want %q", c.what, c.got, c.want)
		}
	}
	again, err := diff.Compare(snapshot(t, a), snap, diff.Options{Renderer: r})
	if err != nil {
		t.Fatal(err)
	}
	if !again.Empty() {
		t.Fatalf("not converged:\n%s", planText(again))
	}
}
