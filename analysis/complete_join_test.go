package analysis

import "testing"

// After "JOIN x ON q." the foreign-key condition involving q is offered
// with q's side first, replacing "q." too, so that clients filtering by
// the whole text keep it.
func TestCompleteQualifiedJoinCondition(t *testing.T) {
	for _, c := range []struct {
		marked, want string // want "" means no condition offered
	}{
		{"SELECT * FROM orders o JOIN customers c ON c.|", "c.id = o.customer_id"},
		{"SELECT * FROM orders o JOIN customers c ON o.|", "o.customer_id = c.id"},
		{"SELECT * FROM orders o JOIN customers c ON o.cu|", "o.customer_id = c.id"},
		{"SELECT * FROM orders o JOIN customers c ON c.i|", "c.id = o.customer_id"},
		{"SELECT * FROM customers c JOIN orders o ON c.|", "c.id = o.customer_id"},
		{"SELECT * FROM orders o JOIN customers c ON c.em|", ""},   // not the condition's column
		{"SELECT * FROM orders o JOIN customers c WHERE c.|", ""},  // not ON
		{"SELECT * FROM orders o JOIN customers c ON \"c\".|", ""}, // quoted qualifier: columns only
		{"SELECT * FROM orders o JOIN \"Users\" u ON u.|", ""},     // no foreign key
	} {
		got := complete(Postgres, c.marked)
		it, ok := got["keyword:"+c.want]
		if c.want == "" {
			for k, it := range got {
				if it.EditBack != 0 {
					t.Errorf("%s: offered %s", c.marked, k)
				}
			}
			continue
		}
		if !ok || it.InsertText != c.want || it.EditBack != 2 || it.SortText[0] != '0' {
			t.Errorf("%s: want %q first, replacing the qualifier; got %+v of %v", c.marked, c.want, it, got)
		}
		if _, ok := got["column:id"]; !ok && c.want[0] == 'c' {
			t.Errorf("%s: the columns are gone: %v", c.marked, got)
		}
	}
}
