package analysis

import (
	"slices"
	"strings"
	"testing"

	"github.com/dbls/dbls/drivers/schema"
)

// homeSchema is the default schema of each dialect's test catalog.
func homeSchema(d Dialect) string {
	switch d {
	case MySQL:
		return "shop"
	case SQLite:
		return "main"
	}
	return "public"
}

func col(name, typ string) schema.Column { return schema.Column{Name: name, Type: typ} }

// scopeSnapshot is a catalog with several schemas, foreign keys both ways
// between them, and names that need quoting.
func scopeSnapshot(d Dialect) *schema.Snapshot {
	home := homeSchema(d)
	return &schema.Snapshot{
		Driver: string(d), DefaultSchema: home, SearchPath: []string{home},
		Schemas: []schema.Schema{
			{Name: home, Tables: []schema.Table{
				{Name: "customers", Columns: []schema.Column{col("id", "integer"), col("email", "text"), col("Full Name", "text")},
					PrimaryKey: &schema.PrimaryKey{Columns: []string{"id"}}},
				{Name: "orders", Columns: []schema.Column{col("id", "integer"), col("customer_id", "integer"), col("status", "text"), col("select", "text")},
					PrimaryKey:  &schema.PrimaryKey{Columns: []string{"id"}},
					ForeignKeys: []schema.ForeignKey{{Name: "orders_customer_fk", Columns: []string{"customer_id"}, RefSchema: home, RefTable: "customers", RefColumns: []string{"id"}}}},
				{Name: "Mixed", Columns: []schema.Column{col("CamelCol", "integer")}},
			}, Views: []schema.View{{Name: "big_orders", Columns: []schema.Column{col("id", "integer"), col("status", "text")}}},
				Routines: []schema.Routine{{Name: "order_total", Kind: "function", Params: []schema.Parameter{{Type: "integer"}}, Returns: "numeric"}}},
			{Name: "sales", Tables: []schema.Table{
				{Name: "invoices", Columns: []schema.Column{col("id", "integer"), col("order_id", "integer"), col("amount", "numeric")},
					ForeignKeys: []schema.ForeignKey{{Columns: []string{"order_id"}, RefSchema: home, RefTable: "orders", RefColumns: []string{"id"}}}},
				{Name: "customers", Columns: []schema.Column{col("id", "integer"), col("region", "text")}},
			}},
			{Name: "Weird Schema", Tables: []schema.Table{{Name: "Odd Table", Columns: []schema.Column{col(`Col"Quote`, "text")}}}},
		},
	}
}

// q writes «name» as the dialect's quoted identifier.
func q(d Dialect, s string) string {
	o := string(quoteChar(d))
	return strings.NewReplacer("«", o, "»", o).Replace(s)
}

type compCase struct {
	text  string   // with | at the cursor and «» for identifier quotes
	want  []string // kind:label that must be offered
	first []string // kind:label of the first items, in order
	not   []string // kind:label, or kind: for a whole kind, that must not be offered
	only  bool     // want is the whole answer
	ins   map[string]string
}

var scopeCases = []compCase{
	// After FROM: every schema's tables and views, schemas; nothing else.
	{text: "SELECT * FROM |", want: []string{"table:customers", "table:orders", "view:big_orders", "table:sales.invoices",
		"table:sales.customers", "table:Weird Schema.Odd Table", "schema:sales", "schema:Weird Schema"},
		not: []string{"keyword:", "column:", "function:"},
		ins: map[string]string{"table:sales.invoices": "sales.invoices", "table:Weird Schema.Odd Table": "«Weird Schema».«Odd Table»"}},
	{text: "SELECT * FROM orders o JOIN sa|", want: []string{"table:sales.invoices", "table:sales.customers", "schema:sales"}, not: []string{"table:orders"}},
	{text: "UPDATE |", want: []string{"table:orders", "view:big_orders"}, not: []string{"keyword:"}},
	{text: "INSERT INTO ord|", want: []string{"table:orders"}, only: true},
	{text: "DELETE FROM orders USING |", want: []string{"table:customers"}, not: []string{"column:"}},
	{text: "SELECT * FROM sales.|", want: []string{"table:invoices", "table:customers"}, only: true},
	{text: "SELECT * FROM sales.inv|", want: []string{"table:invoices"}, only: true},
	{text: "SELECT * FROM «Weird Schema».|", want: []string{"table:Odd Table"}, only: true, ins: map[string]string{"table:Odd Table": "«Odd Table»"}},
	{text: "WITH recent AS (SELECT id FROM orders) SELECT * FROM |", first: []string{"table:recent"}, want: []string{"table:orders"}},
	{text: "SELECT * FROM «Ord|", want: []string{"table:orders"}, not: []string{"keyword:"}, ins: map[string]string{"table:orders": "«orders»"}},

	// Columns of the relations in scope, FROM after the cursor.
	{text: "SELECT | FROM orders o JOIN customers c ON o.customer_id = c.id",
		want:  []string{"column:o.id", "column:c.id", "column:status", "column:email", "column:Full Name", "table:o", "table:c", "function:order_total", "keyword:FROM"},
		first: []string{"column:o.id", "column:customer_id", "column:status", "column:select", "column:c.id"},
		not:   []string{"column:id", "column:amount", "column:region"},
		ins:   map[string]string{"column:select": "«select»", "column:Full Name": "«Full Name»", "column:o.id": "o.id"}},
	{text: "SELECT am| FROM sales.invoices AS «Inv»", first: []string{"column:amount"}},
	{text: "SELECT * FROM orders WHERE st|", first: []string{"column:status"}},
	{text: "SELECT * FROM orders o GROUP BY |", want: []string{"column:status"}, not: []string{"column:email"}},
	{text: "SELECT * FROM orders ORDER BY |", want: []string{"column:status", "keyword:DESC"}},
	{text: "SELECT status, count(*) FROM orders GROUP BY status HAVING |", want: []string{"column:status", "keyword:AND"}},
	{text: "SELECT * FROM customers;\nSELECT | FROM orders", want: []string{"column:status"}, not: []string{"column:email"}},
	{text: "SELECT * FROM orders o WHERE o.id IN (SELECT | FROM customers)", first: []string{"column:id", "column:email"},
		want: []string{"column:o.id", "column:status"}, not: []string{"column:customers.id"}},
	{text: "INSERT INTO orders (id) VALUES (1) ON CONFLICT (id) DO UPDATE SET |", want: []string{"column:status"}, not: []string{"keyword:"}},
	{text: "SELECT * FROM customers c WHERE EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id AND |)",
		want: []string{"column:email", "column:status"}},

	// qualifier. → that relation's columns.
	{text: "SELECT c.| FROM orders o JOIN customers c ON true", want: []string{"column:id", "column:email", "column:Full Name"}, only: true},
	{text: "SELECT orders.| FROM orders", want: []string{"column:id", "column:customer_id", "column:status", "column:select"}, only: true},
	{text: "SELECT i.| FROM sales.invoices i", want: []string{"column:id", "column:order_id", "column:amount"}, only: true},
	{text: "WITH t AS (SELECT o.id, o.status AS st, 1 AS one, c.* FROM orders o JOIN customers c ON true) SELECT t.| FROM t",
		want: []string{"column:id", "column:st", "column:one", "column:email", "column:Full Name"}, only: true},
	{text: "WITH t (a, b) AS (SELECT id, status FROM orders) SELECT t.| FROM t", want: []string{"column:a", "column:b"}, only: true},
	{text: "WITH t AS (SELECT * FROM customers) SELECT x.| FROM t AS x", want: []string{"column:id", "column:email", "column:Full Name"}, only: true},
	{text: "SELECT s.| FROM (SELECT id, amount * 2 AS twice, order_id oid FROM sales.invoices) s",
		want: []string{"column:id", "column:twice", "column:oid"}, only: true},
	{text: "SELECT | FROM (SELECT id, amount FROM sales.invoices) AS s", want: []string{"column:id", "column:amount", "table:s"}, not: []string{"column:order_id"}},

	// INSERT and UPDATE targets.
	{text: "INSERT INTO orders (id, |) VALUES (1, 2)", want: []string{"column:customer_id", "column:status", "column:select"}, only: true},
	{text: "INSERT INTO sales.invoices (|", want: []string{"column:id", "column:order_id", "column:amount"}, only: true},
	{text: "UPDATE orders SET |", want: []string{"column:id", "column:customer_id", "column:status", "column:select"}, only: true},
	{text: "UPDATE orders o SET status = 'x', | WHERE id = 1", want: []string{"column:customer_id"}, not: []string{"keyword:"}},
	{text: "UPDATE orders SET status = | WHERE id = 1", want: []string{"column:status", "function:order_total"}},
	{text: "UPDATE orders SET status = 'x' WHERE |", want: []string{"column:customer_id", "keyword:RETURNING"}},

	// Join conditions from foreign keys, both directions, first.
	{text: "SELECT * FROM orders o JOIN customers c ON |", first: []string{"keyword:o.customer_id = c.id"}, want: []string{"column:email"}},
	{text: "SELECT * FROM customers c JOIN orders o ON |", first: []string{"keyword:o.customer_id = c.id"}},
	{text: "SELECT * FROM orders o LEFT JOIN sales.invoices i ON |", first: []string{"keyword:i.order_id = o.id"}},
	{text: "SELECT * FROM customers c JOIN orders o ON o.customer_id = c.id JOIN sales.invoices i ON |", first: []string{"keyword:i.order_id = o.id"},
		not: []string{"keyword:o.customer_id = c.id"}},
	{text: "SELECT * FROM orders JOIN customers ON |", first: []string{"keyword:orders.customer_id = customers.id"}},
	{text: "SELECT * FROM orders o JOIN sales.customers sc ON |", not: []string{"keyword:o.customer_id = sc.id"}},

	// Keywords fitting the position.
	{text: "SELECT * FROM orders o |", want: []string{"keyword:WHERE", "keyword:JOIN", "keyword:LEFT JOIN", "keyword:GROUP BY", "keyword:ORDER BY"},
		not: []string{"column:", "table:"}},
	{text: "SELECT * FROM orders o JOIN customers c |", first: []string{"keyword:ON", "keyword:USING"}},
	{text: "SELECT * FROM orders WHERE status = 'x' |", want: []string{"keyword:AND", "keyword:ORDER BY", "column:status"}},
	{text: "UPDATE orders |", want: []string{"keyword:SET"}, not: []string{"column:"}},
	{text: "sel|", want: []string{"keyword:SELECT"}, only: true},
	{text: "|", want: []string{"keyword:SELECT", "keyword:INSERT INTO", "keyword:WITH"}, not: []string{"column:", "table:"}},
	{text: "SELECT |", want: []string{"keyword:DISTINCT", "function:order_total"}},

	// Tables created earlier in the document.
	{text: "CREATE TABLE tmp_x (a int NOT NULL, «B c» varchar(20), PRIMARY KEY (a));\nSELECT | FROM tmp_x",
		first: []string{"column:a", "column:B c"}, not: []string{"column:status"}},
	{text: "CREATE TABLE tmp_x (a int);\nSELECT * FROM tmp|", first: []string{"table:tmp_x"}},
	{text: "CREATE TABLE tmp_x AS SELECT id, status FROM orders;\nSELECT t.| FROM tmp_x t", want: []string{"column:id", "column:status"}, only: true},
	{text: "CREATE VIEW v AS SELECT email FROM customers;\nSELECT | FROM v", first: []string{"column:email"}},

	// Nothing inside strings and comments.
	{text: "SELECT 'ord|' FROM orders", only: true},
	{text: "SELECT * FROM orders -- ord|", only: true},
}

func TestCompleteScope(t *testing.T) {
	for _, d := range []Dialect{Postgres, MySQL, SQLite} {
		snap := scopeSnapshot(d)
		for _, c := range scopeCases {
			marked := q(d, c.text)
			text, off := at(marked)
			items := Complete(NewIndex(snap), d, NewDocument(text), off)
			checkCompletion(t, d, marked, items, c, q)
		}
	}
}

func checkCompletion(t *testing.T, d Dialect, marked string, items []CompletionItem, c compCase, q func(Dialect, string) string) {
	t.Helper()
	keys := make([]string, len(items))
	got := map[string]CompletionItem{}
	for i, it := range items {
		keys[i] = it.Kind + ":" + it.Label
		got[keys[i]] = it
		if i > 0 && items[i-1].SortText > it.SortText {
			t.Errorf("%s %q: items not sorted at %d: %q > %q", d, marked, i, items[i-1].SortText, it.SortText)
		}
	}
	for _, w := range c.want {
		if _, ok := got[w]; !ok {
			t.Errorf("%s %q: missing %s; got %v", d, marked, w, keys)
		}
	}
	if c.only && len(keys) != len(c.want) {
		t.Errorf("%s %q: want exactly %v, got %v", d, marked, c.want, keys)
	}
	if len(keys) < len(c.first) || !slices.Equal(keys[:len(c.first)], c.first) {
		t.Errorf("%s %q: want first %v, got %v", d, marked, c.first, keys[:min(len(keys), len(c.first)+3)])
	}
	for _, n := range c.not {
		for _, k := range keys {
			if k == n || strings.HasSuffix(n, ":") && strings.HasPrefix(k, n) {
				t.Errorf("%s %q: %s offered", d, marked, k)
			}
		}
	}
	for k, want := range c.ins {
		if it, ok := got[k]; ok && it.InsertText != q(d, want) {
			t.Errorf("%s %q: %s inserts %q, want %q", d, marked, k, it.InsertText, q(d, want))
		}
	}
}

// Case rules: PostgreSQL folds unquoted names and compares quoted ones
// exactly; MySQL and SQLite compare names case-insensitively.
func TestCompleteCaseRules(t *testing.T) {
	type rule struct {
		d     Dialect
		text  string
		found bool
	}
	for _, r := range []rule{
		{Postgres, "SELECT o.| FROM ORDERS o", true},
		{Postgres, `SELECT o.| FROM "ORDERS" o`, false},
		{Postgres, `SELECT o.| FROM "orders" O`, true},
		{Postgres, `SELECT "O".| FROM orders "O"`, true},
		{MySQL, "SELECT O.| FROM `ORDERS` o", true},
		{SQLite, `SELECT O.| FROM "ORDERS" o`, true},
		{SQLite, `SELECT o.| FROM [orders] AS o`, true},
	} {
		text, off := at(r.text)
		items := Complete(NewIndex(scopeSnapshot(r.d)), r.d, NewDocument(text), off)
		found := slices.ContainsFunc(items, func(it CompletionItem) bool { return it.Label == "status" })
		if found != r.found {
			t.Errorf("%s %q: status offered = %v, want %v (%v)", r.d, r.text, found, r.found, items)
		}
	}
	// A mixed-case PostgreSQL name is found quoted, and inserted quoted.
	text, off := at(`SELECT m.| FROM "Mixed" m`)
	items := Complete(NewIndex(scopeSnapshot(Postgres)), Postgres, NewDocument(text), off)
	if len(items) != 1 || items[0].InsertText != `"CamelCol"` {
		t.Errorf("Mixed: %v", items)
	}
	text, off = at(`SELECT * FROM Mix|`)
	for _, it := range Complete(NewIndex(scopeSnapshot(Postgres)), Postgres, NewDocument(text), off) {
		if it.Label == "Mixed" && it.InsertText != `"Mixed"` {
			t.Errorf("Mixed inserts %q", it.InsertText)
		}
	}
	for _, d := range []Dialect{MySQL, SQLite} {
		for _, it := range Complete(NewIndex(scopeSnapshot(d)), d, NewDocument(text), off) {
			if it.Label == "Mixed" && it.InsertText != "Mixed" {
				t.Errorf("%s: Mixed inserts %q", d, it.InsertText)
			}
		}
	}
}

// The search path decides what is qualified.
func TestCompleteSearchPath(t *testing.T) {
	snap := scopeSnapshot(Postgres)
	snap.SearchPath = []string{"public", "sales"}
	text, off := at("SELECT * FROM |")
	got := map[string]string{}
	for _, it := range Complete(NewIndex(snap), Postgres, NewDocument(text), off) {
		got[it.Label] = it.InsertText
	}
	if got["invoices"] != "invoices" {
		t.Errorf("sales is in the path: %v", got)
	}
	// public.customers shadows sales.customers.
	if got["customers"] != "customers" || got["sales.customers"] != "sales.customers" {
		t.Errorf("shadowing: %v", got)
	}
	text, off = at("SELECT i.| FROM invoices i")
	if items := Complete(NewIndex(snap), Postgres, NewDocument(text), off); len(items) != 3 {
		t.Errorf("invoices through the path: %v", items)
	}
}

func hoverIn(d Dialect, marked string) string {
	text, off := at(q(d, marked))
	md, _, _ := HoverAt(NewIndex(scopeSnapshot(d)), d, NewDocument(text), off)
	return md
}

func TestHoverScope(t *testing.T) {
	for _, d := range []Dialect{Postgres, MySQL, SQLite} {
		home := homeSchema(d)
		for _, c := range []struct {
			marked string
			want   []string
		}{
			{"SELECT * FROM orders o|", []string{"**alias** `o` → `" + home + ".orders`", "**table** `" + home + ".orders`"}},
			{"SELECT o|.status FROM orders o", []string{"**alias** `o`", "`" + home + ".orders`"}},
			{"SELECT x.st|atus FROM sales.invoices i JOIN orders x ON true", []string{"`" + home + ".orders.status`"}},
			{"WITH recent AS (SELECT id, status AS st FROM orders) SELECT * FROM rec|ent", []string{"**CTE** `recent`", "| st | text |"}},
			{"WITH recent AS (SELECT id, status AS st FROM orders) SELECT r.s|t FROM recent r", []string{"`recent.st`", "from **column** `" + home + ".orders.status`"}},
			{"WITH recent AS (SELECT id FROM orders) SELECT r|.id FROM recent r", []string{"**alias** `r` → `CTE recent`", "**CTE** `recent`"}},
			{"SELECT s.tw|ice FROM (SELECT amount * 2 AS twice FROM sales.invoices) s", []string{"`s.twice`"}},
			{"SELECT * FROM (SELECT amount FROM sales.invoices) s|", []string{"**subquery** `s`", "| amount | numeric |"}},
			{"CREATE TABLE tmp_x (a int);\nSELECT a| FROM tmp_x", []string{"`tmp_x.a`", "`int`"}},
			{"CREATE TABLE tmp_x (a int);\nSELECT * FROM tmp_|x", []string{"**table** `tmp_x`", "Created earlier"}},
			{"SELECT «Full Name|» FROM customers", []string{"`" + home + ".customers.Full Name`"}},
			{"SELECT * FROM «Weird Schema».«Odd| Table»", []string{"**table** `Weird Schema.Odd Table`"}},
		} {
			md := hoverIn(d, c.marked)
			for _, w := range c.want {
				if !strings.Contains(md, w) {
					t.Errorf("%s %q: hover lacks %q:\n%s", d, c.marked, w, md)
				}
			}
		}
	}
	if md := hoverIn(Postgres, `SELECT * FROM "ORDERS|"`); md != "" {
		t.Errorf("PostgreSQL quoted names are exact:\n%s", md)
	}
	if md := hoverIn(SQLite, `SELECT * FROM "ORDERS|"`); !strings.Contains(md, "main.orders") {
		t.Errorf("SQLite names are case-insensitive:\n%s", md)
	}
}

// Completion and hover share one index per snapshot, and one document
// version, across goroutines.
func TestCompleteConcurrent(t *testing.T) {
	ix := NewIndex(scopeSnapshot(Postgres))
	text, off := at("SELECT | FROM orders o JOIN customers c ON o.customer_id = c.id")
	doc := NewDocument(text)
	done := make(chan bool)
	for range 8 {
		go func() {
			for range 50 {
				Complete(ix, Postgres, doc, off)
				HoverAt(ix, Postgres, doc, 20)
			}
			done <- true
		}()
	}
	for range 8 {
		<-done
	}
}
