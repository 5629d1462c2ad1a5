package analysis

import (
	"strings"
	"testing"
)

func TestDefinitionAt(t *testing.T) {
	// | is the cursor; the want is either "@text" (a declaration in the
	// document: the text at the returned range, found at the «» mark) or
	// "schema.name[.column]" for a snapshot relation; "" for nothing.
	cases := []struct {
		d      Dialect
		marked string
		want   string
	}{
		{Postgres, "SELECT o|.id FROM orders «o»", "@o"},
		{Postgres, "SELECT o.id| FROM orders o", "public.orders.id"},
		{Postgres, "SELECT id FROM or|ders o", "public.orders"},
		{Postgres, "SELECT id FROM orders «o|»", "@o"},
		{Postgres, "SELECT stat|us FROM orders o JOIN customers c ON c.id = o.customer_id", "public.orders.status"},
		{Postgres, "SELECT * FROM sales.invo|ices", "sales.invoices"},
		{Postgres, "SELECT * FROM sa|les.invoices", ""},
		{Postgres, "SELECT i.amo|unt FROM sales.invoices i", "sales.invoices.amount"},
		{Postgres, "WITH «recent» AS (SELECT id FROM orders) SELECT * FROM rec|ent", "@recent"},
		{Postgres, "WITH «recent» AS (SELECT id FROM orders) SELECT r.id FROM recent r WHERE recent|.id = 1", "@recent"},
		{Postgres, "WITH «rec|ent» AS (SELECT id FROM orders) SELECT 1", "@recent"},
		{Postgres, "WITH recent AS (SELECT «id» FROM orders) SELECT i|d FROM recent", "@id"},
		{Postgres, "WITH w («a») AS (SELECT 1) SELECT w.a| FROM w", "@a"},
		{Postgres, "WITH w AS (SELECT «*» FROM orders) SELECT w.status| FROM w", "@*"},
		{Postgres, "WITH w AS (SELECT o.id, count(*) «n» FROM orders o GROUP BY o.id) SELECT n| FROM w", "@n"},
		{Postgres, "CREATE TABLE tmp_x («a» int, b text);\nSELECT a| FROM tmp_x", "@a"},
		{Postgres, "SELECT s.tw|ice FROM (SELECT 2 AS «twice») s", "@twice"},
		{Postgres, "SELECT s|.twice FROM (SELECT 2 AS twice) «s»", "@s"},
		{Postgres, "CREATE TABLE «tmp_x» (a int);\nSELECT a FROM tmp|_x", "@tmp_x"},
		{Postgres, "CREATE TABLE «orders» (a int);\nSELECT * FROM ord|ers", "@orders"},
		{Postgres, "CREATE VIEW shop.v AS SELECT 1 AS «x»;\nSELECT v.x| FROM shop.v", "@x"},
		{Postgres, "CREATE VIEW «shop.v» AS SELECT 1 AS x;\nSELECT v.x FROM shop.v|", "@shop.v"},
		{Postgres, "SELECT * FROM big_ord|ers", "public.big_orders"},
		{Postgres, "SELECT * FROM nowhere|", ""},
		{Postgres, "SELECT 'orders|'", ""},
		{Postgres, "|", ""},
		{Postgres, "UPDATE orders SET sta|tus = 'x'", "public.orders.status"},
		{Postgres, "ALTER TABLE ord|ers ADD COLUMN x int", "public.orders"},
		{MySQL, "SELECT `o`.`id` FROM `orders` AS «`o`» WHERE `o|`.id = 1", "@`o`"},
		{MySQL, "SELECT * FROM ORD|ERS", "shop.orders"},
		{SQLite, "SELECT c.em|ail FROM customers c", "main.customers.email"},
		{SQLite, "INSERT INTO ord|ers (id) VALUES (1)", "main.orders"},
		{Postgres, "SELECT order_to|tal(1) FROM orders", "public.order_total"},
		{Postgres, "SELECT log_ev|ent('x')", "audit.log_event"},
		{Postgres, "SELECT audit.log_ev|ent('x')", "audit.log_event"},
		{Postgres, "SELECT sales.log_ev|ent('x')", ""},
		{Postgres, "SELECT coales|ce(1, 2)", ""},
	}
	for _, c := range cases {
		marked := c.marked
		declAt := strings.Index(marked, "«")
		marked = strings.NewReplacer("«", "", "»", "").Replace(marked)
		text, off := at(marked)
		if declAt > off {
			declAt--
		}
		got, ok := DefinitionAt(NewIndex(sigSnapshot(c.d)), c.d, NewDocument(text), off)
		switch {
		case c.want == "":
			if ok {
				t.Errorf("%s %q: unexpected %+v", c.d, c.marked, got)
			}
		case !ok:
			t.Errorf("%s %q: no definition, want %s", c.d, c.marked, c.want)
		case strings.HasPrefix(c.want, "@"):
			if !got.InDocument || text[got.Range.Start:got.Range.End] != c.want[1:] || got.Range.Start != declAt {
				t.Errorf("%s %q: got %+v (%q), want %s at %d", c.d, c.marked, got, text[got.Range.Start:got.Range.End], c.want, declAt)
			}
		default:
			name := got.Schema + "." + got.Name
			if got.Column != "" {
				name += "." + got.Column
			}
			if got.InDocument || name != c.want || countSet(got.Table != nil, got.View != nil, got.Routine != nil) != 1 {
				t.Errorf("%s %q: got %+v, want %s", c.d, c.marked, got, c.want)
			}
		}
	}
}
