package analysis

import (
	"fmt"
	"slices"
	"testing"

	"github.com/dbls/dbls/drivers/schema"
)

// editSnapshot has tables keyed in each way a row can be named, and ways
// it cannot.
func editSnapshot(d Dialect) *schema.Snapshot {
	home := homeSchema(d)
	nullable := schema.Column{Name: "code", Type: "text", Nullable: true}
	return &schema.Snapshot{
		Driver: string(d), DefaultSchema: home, SearchPath: []string{home},
		Schemas: []schema.Schema{
			{Name: home, Tables: []schema.Table{
				{Name: "film", Columns: []schema.Column{col("film_id", "integer"), col("title", "text"), col("Rating", "text")},
					PrimaryKey: &schema.PrimaryKey{Columns: []string{"film_id"}}},
				{Name: "pairs", Columns: []schema.Column{col("a", "integer"), col("b", "integer"), col("note", "text")},
					PrimaryKey: &schema.PrimaryKey{Columns: []string{"a", "b"}}},
				{Name: "tags", Columns: []schema.Column{col("name", "text"), col("n", "integer")},
					Uniques: []schema.Unique{{Columns: []string{"name"}}}},
				{Name: "coded", Columns: []schema.Column{nullable, col("n", "integer")},
					Uniques: []schema.Unique{{Columns: []string{"code"}}}},
				{Name: "slugs", Columns: []schema.Column{col("slug", "text"), col("n", "integer")},
					Indexes: []schema.Index{{Name: "i", Unique: true, Columns: []schema.IndexColumn{{Name: "slug"}}}}},
				{Name: "loose", Columns: []schema.Column{col("n", "integer")}},
			}, Views: []schema.View{{Name: "film_view", Columns: []schema.Column{col("film_id", "integer")}}}},
			{Name: "other", Tables: []schema.Table{
				{Name: "film", Columns: []schema.Column{col("id", "integer")}, PrimaryKey: &schema.PrimaryKey{Columns: []string{"id"}}},
			}},
		},
	}
}

func TestEditTargetOf(t *testing.T) {
	cases := []struct {
		sql  string // «» are the dialect's identifier quotes
		want string // schema.table key=… cols=…, or the reason
	}{
		{"SELECT * FROM film", "H.film key=[film_id] cols=[film_id title Rating]"},
		{"select * from film where title like 'A%' order by 2, 1 limit 10;", "H.film key=[film_id] cols=[film_id title Rating]"},
		{"-- top\nSELECT title, film_id FROM film /* c */", "H.film key=[film_id] cols=[title film_id]"},
		{"SELECT f.title AS t, f.film_id id, 1, title || 'x' FROM film f", "H.film key=[film_id] cols=[title film_id  ]"},
		{"SELECT f.*, «Rating» FROM «film» AS f", "H.film key=[film_id] cols=[film_id title Rating Rating]"},
		{"SELECT id FROM other.film", "other.film key=[id] cols=[id]"},
		{"SELECT * FROM film WHERE film_id IN (SELECT film_id FROM film_view)", "H.film key=[film_id] cols=[film_id title Rating]"},
		{"SELECT * FROM film FOR UPDATE", "H.film key=[film_id] cols=[film_id title Rating]"},
		{"SELECT note, b, a FROM pairs", "H.pairs key=[a b] cols=[note b a]"},
		{"SELECT * FROM tags", "H.tags key=[name] cols=[name n]"},
		{"SELECT * FROM slugs", "H.slugs key=[slug] cols=[slug n]"},

		{"SELECT title FROM film", NotEditableKeyMissing},
		{"SELECT a, note FROM pairs", NotEditableKeyMissing},
		{"SELECT * FROM coded", NotEditableNoKey},
		{"SELECT * FROM loose", NotEditableNoKey},
		{"SELECT * FROM film_view", NotEditableTable},
		{"SELECT * FROM nope", NotEditableTable},
		{"SELECT f.* FROM film f JOIN pairs p ON p.a = f.film_id", NotEditableShape},
		{"SELECT * FROM film, pairs", NotEditableShape},
		{"SELECT DISTINCT * FROM film", NotEditableShape},
		{"SELECT film_id FROM film GROUP BY film_id", NotEditableShape},
		{"SELECT * FROM film UNION SELECT * FROM film", NotEditableShape},
		{"SELECT * FROM (SELECT * FROM film) s", NotEditableShape},
		{"WITH c AS (SELECT * FROM film) SELECT * FROM c", NotEditableShape},
		{"SELECT 1", NotEditableShape},
		{"SELECT count(*), film_id FROM film", NotEditableExpression},
		{"SELECT film_id, (SELECT 1) FROM film", NotEditableExpression},
		{"UPDATE film SET title = 'x' WHERE film_id = 1", NotEditableStatement},
		{"SELECT * FROM film; SELECT * FROM film", NotEditableStatement},
		{"", NotEditableStatement},
	}
	for _, d := range []Dialect{Postgres, MySQL, SQLite} {
		x := NewIndex(editSnapshot(d))
		for _, c := range cases {
			sql := q(d, c.sql)
			tg, why := EditTargetOf(x, d, sql)
			got := why
			if why == "" {
				got = fmt.Sprintf("%s.%s key=%v cols=%v", tg.Schema, tg.Table, tg.Key, tg.Columns)
			}
			want := c.want
			if len(want) > 2 && want[:2] == "H." {
				want = homeSchema(d) + want[1:]
			}
			if got != want {
				t.Errorf("%s: %s\n got %s\nwant %s", d, sql, got, want)
			}
		}
	}
	// Without a snapshot nothing is editable.
	if _, why := EditTargetOf(nil, Postgres, "SELECT * FROM film"); why != NotEditableTable {
		t.Errorf("no snapshot: %q", why)
	}
}

// FuzzEditTargetOf: any text gets an answer, never a panic, and an
// editable answer always has its key among its columns.
func FuzzEditTargetOf(f *testing.F) {
	for _, s := range []string{"SELECT * FROM film", "SELECT f.*, x.* FROM film f", "SELECT (", "SELECT a, FROM film,", "SELECT ) FROM (", "SELECT * FROM film WHERE )", "select «a» «b» from «film» as", "SELECT a.b.c, * FROM other.film"} {
		f.Add(s)
	}
	ixs := map[Dialect]*Index{}
	for _, d := range []Dialect{Postgres, MySQL, SQLite} {
		ixs[d] = NewIndex(editSnapshot(d))
	}
	f.Fuzz(func(t *testing.T, sql string) {
		for d, x := range ixs {
			tg, why := EditTargetOf(x, d, q(d, sql))
			if why != "" {
				continue
			}
			for _, k := range tg.Key {
				if !slices.Contains(tg.Columns, k) {
					t.Fatalf("%s: key %s not among %v", sql, k, tg.Columns)
				}
			}
		}
	})
}
