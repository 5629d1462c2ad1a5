package analysis

import (
	"strings"
	"testing"
)

func TestSymbols(t *testing.T) {
	type sym struct{ name, kind, sel string }
	cases := []struct {
		d    Dialect
		text string
		want []sym
		kids map[int][]sym // children of want[i]
	}{
		{Postgres, "SELECT o.id FROM shop.orders o JOIN customers c ON c.id = o.customer_id;\nselect 1 + 2;",
			[]sym{{"SELECT … FROM shop.orders, customers", SymbolQuery, "SELECT"}, {"select 1 + 2", SymbolQuery, "select"}}, nil},
		{Postgres, "WITH recent AS (SELECT * FROM orders), big (id) AS MATERIALIZED (SELECT id FROM recent)\nSELECT * FROM big;",
			[]sym{{"SELECT … FROM big", SymbolQuery, "SELECT"}},
			map[int][]sym{0: {{"recent", SymbolCTE, "recent"}, {"big", SymbolCTE, "big"}}}},
		{Postgres, "CREATE TABLE IF NOT EXISTS shop.orders (id int);\nCREATE UNIQUE INDEX CONCURRENTLY orders_id ON ONLY shop.orders (id);\n" +
			"CREATE OR REPLACE VIEW v AS SELECT 1;\nCREATE MATERIALIZED VIEW mv AS SELECT 1;\nCREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;\n" +
			"ALTER TABLE orders ADD COLUMN x int;\nDROP TABLE IF EXISTS a, b;\nCREATE SCHEMA s;\n\\d orders\nTRUNCATE orders;",
			[]sym{{"CREATE TABLE shop.orders", SymbolTable, "shop.orders"}, {"CREATE UNIQUE INDEX orders_id ON shop.orders", SymbolIndex, "orders_id"},
				{"CREATE VIEW v", SymbolView, "v"}, {"CREATE MATERIALIZED VIEW mv", SymbolView, "mv"}, {"CREATE FUNCTION f", SymbolFunction, "f"},
				{"ALTER TABLE orders", SymbolTable, "orders"}, {"DROP TABLE a", SymbolTable, "a"}, {"CREATE SCHEMA s", SymbolSchema, "s"},
				{`\d orders`, SymbolCommand, `\d orders`}, {"TRUNCATE orders", SymbolOtherDDL, "TRUNCATE"}}, nil},
		{MySQL, "INSERT INTO `Order Items` (a) VALUES (1);\nUPDATE orders SET a = 1;\nDELETE FROM shop.orders WHERE id = 1;\n" +
			"DELIMITER $$\nCREATE DEFINER = `root`@`%` PROCEDURE p() BEGIN SELECT 1; SELECT 2; END$$\nDELIMITER ;\nREPLACE INTO t VALUES (1);",
			[]sym{{"INSERT INTO `Order Items`", SymbolInsert, "`Order Items`"}, {"UPDATE orders", SymbolUpdate, "orders"},
				{"DELETE FROM shop.orders", SymbolDelete, "shop.orders"}, {"CREATE PROCEDURE p", SymbolFunction, "p"}, {"REPLACE INTO t", SymbolInsert, "t"}}, nil},
		{SQLite, "CREATE TRIGGER tr AFTER UPDATE ON orders BEGIN UPDATE t SET n = n + 1; END;\n.tables\nCREATE TEMP TABLE \"x y\" (a);\n" +
			"WITH c AS (SELECT 1) INSERT INTO log SELECT * FROM c;",
			[]sym{{"CREATE TRIGGER tr", SymbolTrigger, "tr"}, {".tables", SymbolCommand, ".tables"}, {`CREATE TEMP TABLE "x y"`, SymbolTable, `"x y"`},
				{"INSERT INTO log", SymbolInsert, "log"}},
			map[int][]sym{3: {{"c", SymbolCTE, "c"}}}},
		{SQLite, "SELECT 'a very long literal that goes on and on and on and on and on and on and on';",
			[]sym{{"SELECT 'a very long literal that goes on and on and on and o …", SymbolQuery, "SELECT"}}, nil},
	}
	check := func(t *testing.T, text string, got Symbol, want sym) {
		t.Helper()
		if got.Name != want.name || got.Kind != want.kind || text[got.Selection.Start:got.Selection.End] != want.sel {
			t.Errorf("got %q %s sel %q; want %q %s sel %q", got.Name, got.Kind, text[got.Selection.Start:got.Selection.End], want.name, want.kind, want.sel)
		}
		if got.Selection.Start < got.Range.Start || got.Selection.End > got.Range.End {
			t.Errorf("%q: selection %v outside range %v", got.Name, got.Selection, got.Range)
		}
	}
	for _, c := range cases {
		got := Symbols(c.d, NewDocument(c.text))
		if len(got) != len(c.want) {
			names := []string{}
			for _, s := range got {
				names = append(names, s.Name)
			}
			t.Errorf("%s: %d symbols %q, want %d", c.d, len(got), names, len(c.want))
			continue
		}
		for i, w := range c.want {
			check(t, c.text, got[i], w)
			kids := c.kids[i]
			if len(got[i].Children) != len(kids) {
				t.Errorf("%q: %d children, want %d", got[i].Name, len(got[i].Children), len(kids))
				continue
			}
			for j, k := range kids {
				ch := got[i].Children[j]
				check(t, c.text, ch, k)
				if ch.Range.Start < got[i].Range.Start || ch.Range.End > got[i].Range.End || !strings.HasSuffix(c.text[ch.Range.Start:ch.Range.End], ")") {
					t.Errorf("child %q range %q", ch.Name, c.text[ch.Range.Start:ch.Range.End])
				}
			}
		}
	}
}

// The outline stops at MaxSymbols: the first statements'.
func TestSymbolsCapped(t *testing.T) {
	text := strings.Repeat("SELECT 1;\n", MaxSymbols+500)
	got := Symbols(Postgres, NewDocument(text))
	if len(got) != MaxSymbols || got[0].Range.Start != 0 {
		t.Fatalf("%d symbols, first at %d", len(got), got[0].Range.Start)
	}
}
