package analysis

import "testing"

// Statements one per line without semicolons: completion reads the one
// under the cursor, and a SELECT that belongs to the statement (after a set
// operator, in parentheses, after INSERT) does not start a new one.
func TestCompleteRunOnStatements(t *testing.T) {
	cases := []struct {
		name, doc     string
		want, notWant []string
	}{
		{"second statement", "SELECT * FROM orders o JOIN customers c ON c.id = o.customer_id\nSELECT * FROM customers WHERE e|",
			[]string{"column:email"}, []string{"column:c.email", "column:customers.email"}},
		{"first statement", "SELECT o.| FROM orders o\nSELECT * FROM customers c",
			[]string{"column:status"}, []string{"column:email"}},
		{"after UPDATE", "UPDATE orders SET status = 'x'\nSELECT * FROM customers WHERE e|",
			[]string{"column:email"}, []string{"column:customers.email"}},
		{"subquery on its own line", "SELECT * FROM orders o\nWHERE o.customer_id IN (\nSELECT id FROM customers)\nAND o.|",
			[]string{"column:status"}, nil},
		{"after UNION", "SELECT id FROM customers c\nUNION\nSELECT id FROM orders o WHERE o.|",
			[]string{"column:status"}, nil},
		{"INSERT … SELECT", "INSERT INTO orders (id, customer_id)\nSELECT id, | FROM customers",
			[]string{"column:email"}, nil},
		{"not at the start of a line", "SELECT * FROM orders o JOIN customers c ON c.id = o.customer_id SELECT * FROM customers WHERE e|",
			[]string{"column:c.email"}, nil},
	}
	for _, c := range cases {
		got := complete(Postgres, c.doc)
		for _, w := range c.want {
			if _, ok := got[w]; !ok {
				t.Errorf("%s: no %s in %v", c.name, w, keysOf(got))
			}
		}
		for _, w := range c.notWant {
			if _, ok := got[w]; ok {
				t.Errorf("%s: %s offered", c.name, w)
			}
		}
	}
}

func keysOf(m map[string]CompletionItem) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}
