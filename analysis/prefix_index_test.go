package analysis

import (
	"slices"
	"testing"

	"github.com/dbls/dbls/drivers/schema"
)

// The prefix index finds, in catalog order, exactly the items a scan of
// every item finds: by name, and for qualified items by schema too, with
// names that differ only in case, schemas that prefix each other, and
// names shadowed along the search path.
func TestPrefixIndexMatchesScan(t *testing.T) {
	names := []string{"orders", "Orders", "order_items", "o", "a$b", "a", "a_b", "ab", "zeta", "Zed", "é_table", "t1", "t10", "t2"}
	var schemas []schema.Schema
	for _, sn := range []string{"public", "a", "a$", "a_b", "archive", "Arc", "sales"} {
		sc := schema.Schema{Name: sn}
		for _, n := range names {
			sc.Tables = append(sc.Tables, schema.Table{Name: n})
		}
		sc.Views = []schema.View{{Name: sn + "_v"}}
		schemas = append(schemas, sc)
	}
	snap := &schema.Snapshot{Driver: "postgres", DefaultSchema: "public", SearchPath: []string{"public", "sales"}, Schemas: schemas}
	ix := buildIndex(snap, Postgres)
	prefixes := []string{"o", "or", "order", "orders", "a", "a$", "a_", "ab", "ar", "arc", "z", "t", "t1", "é", "x", "sales", "p", "public_"}
	for _, p := range prefixes {
		var want []int
		for i := range ix.items {
			if it := &ix.items[i]; hasPrefixFold(it.lowerName, p) || it.qualified && hasPrefixFold(it.lowerSchema, p) {
				want = append(want, i)
			}
		}
		got, more := ix.matching(p, 0)
		if !slices.Equal(got, want) || more {
			t.Errorf("prefix %q: %v, want %v", p, got, want)
		}
		if len(want) > 3 {
			got, more = ix.matching(p, 3)
			if !slices.Equal(got, want[:3]) || !more {
				t.Errorf("prefix %q, limit 3: %v (more %v), want %v", p, got, more, want[:3])
			}
		}
	}
}
